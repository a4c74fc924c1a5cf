"""Checks that a question (generated, edited by a teacher, or read from a bank file) is sound."""

from __future__ import annotations

from ..articles import ParsedArticle
from ..grading import normalise_answer
from .model import CHOICE_TYPES, QUESTION_TYPES, SPAN_ANSWER_TYPES, TRUE_FALSE_CHOICES, GeneratedQuestion
from .stems import contains_answer


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

    if q.type == "ordering":
        _check_ordering(q, normalised, problem)
    else:
        if not isinstance(q.answer, str) or not q.answer.strip():
            problem("the answer must be a non-empty string")
            return problems
        if q.type in CHOICE_TYPES:
            if len(choices) < 2:
                problem("needs at least two choices")
            if normalise_answer(q.answer) not in normalised:
                problem(f'answer "{q.answer}" is not among the choices')
        if q.type == "true_false" and sorted(normalised) != sorted(normalise_answer(c) for c in TRUE_FALSE_CHOICES):
            problem('the choices of a true/false question must be "True" and "False"')
        if q.type == "cloze" and choices:
            problem("a cloze question has no choices")
        if q.type in SPAN_ANSWER_TYPES:
            if evidence is not None and q.answer not in evidence and q.answer.casefold() not in evidence.casefold():
                problem(f'answer "{q.answer}" is not in the cited evidence')
            if isinstance(q.prompt, str) and contains_answer(q.prompt, q.answer):
                problem(f'the prompt gives away its answer "{q.answer}"')
    return problems


def _evidence(article: ParsedArticle, q: GeneratedQuestion, problem) -> str | None:
    source = q.source
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


def _check_ordering(q: GeneratedQuestion, normalised_choices: list[str], problem) -> None:
    answer = q.answer
    if not isinstance(answer, list) or not all(isinstance(a, str) and a.strip() for a in answer):
        problem("the answer of an ordering question must be a list of items")
        return
    if len(answer) < 2:
        problem("an ordering question needs at least two items")
    if sorted(normalise_answer(a) for a in answer) != sorted(normalised_choices):
        problem("the answer is not an ordering of the choices")
