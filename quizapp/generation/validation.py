"""Checks that a question (generated, edited by a teacher, or read from a bank file) is sound."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ..articles import ParsedArticle, Passage
from ..grading import normalise_answer
from .question import Citation, GeneratedQuestion
from .phrasing import contains_answer
from .types import QUESTION_TYPES, REGISTRY


def validate_question(article: ParsedArticle, q: GeneratedQuestion) -> list[str]:
    """Human-readable problems with ``q`` against ``article``; an empty list when it is sound."""
    label = f'question "{q.id}"'
    problems: list[str] = []

    def problem(message: str) -> None:
        problems.append(f"{label}: {message}")

    if not isinstance(q.id, str) or not q.id.strip():
        problem("has no id")
    if q.type not in QUESTION_TYPES:
        problem(f'unknown type "{q.type}" (expected one of {", ".join(QUESTION_TYPES)})')
        return problems
    if not isinstance(q.prompt, str) or not q.prompt.strip():
        problem("the prompt is empty")
    evidence = _evidence(article, q, problem)
    choices = q.choices if isinstance(q.choices, list) else None
    if choices is None or not all(isinstance(c, str) and c.strip() for c in choices):
        problem("choices must be a list of non-empty strings")
        choices = []
    normalised = [normalise_answer(c) for c in choices]
    if len(set(normalised)) != len(normalised):
        problem("two choices are the same")

    question_type = REGISTRY[q.type]
    shape_problem = question_type.answer_shape_problem(q.answer)
    if shape_problem:
        problem(shape_problem)
        return problems
    for found in question_type.problems(replace(q, choices=choices), evidence):  # choices as checked above
        problem(found)
    if question_type.answer_in_evidence:
        cited = question_type.cited_answer(q.answer)
        if evidence is not None and cited not in evidence and cited.casefold() not in evidence.casefold():
            problem(f'answer "{cited}" is not in the cited evidence')
        if isinstance(q.prompt, str) and contains_answer(q.prompt, cited):
            problem(f'the prompt gives away its answer "{cited}"')
    return problems


def _evidence(article: ParsedArticle, q: GeneratedQuestion, problem) -> str | None:
    """The cited text, every span of it on a line of its own; None (and a problem) if a span is unusable."""
    further = q.also_cites if isinstance(q.also_cites, list) else None
    if further is None or not all(isinstance(c, Citation) for c in further):
        problem("the further citations must be a list of spans")
        return None
    if further and not REGISTRY[q.type].cites_several:
        problem(f"a {q.type} question cites one span; only an ordering question may cite several passages")
        return None
    if len({c.passage for c in q.citations}) != len(q.citations):
        problem("cites one passage twice: a passage has one span holding all it proves")
        return None
    spans = [_span_text(article, source, problem) for source in q.citations]
    return None if None in spans else "\n".join(spans)


def _span_text(article: ParsedArticle, source: Citation, problem) -> str | None:
    try:
        passage = article.passage(source.passage)
    except (KeyError, TypeError):
        problem(f'cites passage "{source.passage}", which is not in the article')
        return None
    start, end = source.start, source.end
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
        problem("the cited span's start and end must be whole numbers")
        return None
    if not 0 <= start < end <= len(passage.text):
        problem(f"the cited span {start}-{end} is outside passage \"{passage.anchor}\" (0-{len(passage.text)})")
        return None
    return passage.text[start:end]


def locate_in_passages(passages: Iterable[Passage], evidence: str) -> tuple[str, int, int] | None:
    """The anchor of the first of ``passages``, in the order given, that holds ``evidence``, and the
    span there (``locate_evidence``); None if none does."""
    for passage in passages:
        span = locate_evidence(passage.text, evidence)
        if span is not None:
            return passage.anchor, *span
    return None


def locate_evidence(passage_text: str, evidence: str) -> tuple[int, int] | None:
    """Where ``evidence`` stands in the passage, as (start, end) of the passage's own text, or None.

    Words and punctuation must match; spacing may differ (a doubled space, a line break where
    the passage has a space), since text copied from a page rarely keeps it exactly.
    """
    evidence = evidence.strip()
    if not evidence:
        return None
    start = passage_text.find(evidence)
    if start >= 0:
        return start, start + len(evidence)
    spaced = re.search(r"\s+".join(re.escape(word) for word in evidence.split()), passage_text)
    return (spaced.start(), spaced.end()) if spaced else None
