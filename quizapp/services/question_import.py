"""Questions from another tool's file, attached to an article the teacher picks: every one cited.

Each question's evidence is looked for in the article's passages: the words the file cites, as
they stand (spacing aside), is an exact match; the same words with other quotes, dashes, case or
punctuation, or, when the file cites nothing (Aiken, most GIFT), the one sentence that holds the
answer and most of the question's words, is a tolerant match the teacher must confirm. A question
whose evidence is not found, or that fails the checks a teacher's own question must pass, is
listed with the reason and never stored. What is stored is stored in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..database import commit_with_retry
from ..extensions import db
from ..generation.facts import content_stems
from ..generation.question import BLANK, GeneratedQuestion
from ..generation.sentences import split_sentences
from ..generation.types import question_type
from ..grading import normalise_answer
from ..imports import ImportedQuestion
from ..models import Article, CitedSpan, Passage, Question, QuestionOrigin, QuestionStatus, User
from ..wording import shortened
from .authoring import QuestionDraft, askable_passages, check_draft, locate_evidence, unique_bank_id

EXACT, TOLERANT, NOT_FOUND = "exact", "tolerant", "not found"
# A sentence proposed as the evidence of a question that cites none holds at least this share of
# the question's content words.
MIN_SHARED_WORDS = 0.5


@dataclass
class Match:
    """One question of the file, where its evidence was found and what keeps it out, if anything."""

    number: int  # its place in the file (0-based), how the confirmation form names it
    question: ImportedQuestion
    how: str = NOT_FOUND
    passage: Passage | None = None
    start: int = 0
    end: int = 0
    problems: list[str] = field(default_factory=list)
    checked: GeneratedQuestion | None = None  # the question as the checks normalised it, to store
    also_cites: list[dict] = field(default_factory=list)  # where its further evidence stands (Question.also_cites)
    notes: list[str] = field(default_factory=list)  # imported, but the teacher should know

    @property
    def evidence(self) -> str:
        return self.passage.text[self.start : self.end] if self.passage is not None else ""

    @property
    def importable(self) -> bool:
        return self.checked is not None and not self.problems


def match_questions(article: Article, imported: list[ImportedQuestion]) -> list[Match]:
    """Where each question's evidence stands in ``article``, and whether it can be stored."""
    passages = askable_passages(article)
    stored = db.session.execute(db.select(Question).filter_by(article_id=article.id)).scalars()
    existing = {(q.type, _key(q.prompt), _key(q.answer)) for q in stored}
    matches = []
    for number, question in enumerate(imported):
        match = Match(number, question)
        matches.append(match)
        if question.unsupported or question.type is None:
            match.problems.append(f"Not importable: {question.unsupported or 'quizapp has no question type for it'}.")
            continue
        if (question.type, _key(question.prompt), _key(question.answer)) in existing:
            match.problems.append("This article already has this question.")
            continue
        found = _locate(passages, question)
        if found is None:
            match.problems.append(
                "Its evidence was not found in this article: "
                + (f"no passage says “{shortened(question.evidence, 120)}”." if question.evidence else "no sentence holds its answer and most of its words.")
            )
            continue
        match.how, match.passage, match.start, match.end = found
        further = _locate_further(passages, match.passage, question.further_evidence)
        if further is None:
            match.problems.append("It also cites words no other passage of this article says exactly.")
            continue
        match.also_cites = further
        match.checked, problems = check_draft(article, _draft(match))
        match.problems.extend(problems)
        if question.alternatives:
            match.notes.append("Also accepted: " + ", ".join(f"“{a}”" for a in question.alternatives) + ".")
    return matches


def save_imported(article: Article, matches: list[Match], confirmed: set[int], author: User) -> list[Question]:
    """Store, as drafts, the exact matches and the tolerant ones the teacher confirmed: all in one
    transaction, or (on any error) none."""
    chosen = [m for m in matches if m.importable and (m.how == EXACT or m.number in confirmed)]
    article_id, author_id = article.id, author.id

    def store() -> list[Question]:
        taken = set(db.session.execute(db.select(Question.bank_id).filter_by(article_id=article_id)).scalars())
        stored = []
        for match in chosen:  # checked by match_questions, in this request, against this article
            checked = match.checked
            question = Question(
                article_id=article_id, bank_id=unique_bank_id("i", f"{match.question.type}|{match.question.prompt}|{match.number}", taken), type=checked.type, prompt=checked.prompt,
                choices=checked.choices, answer=checked.answer, explanation=match.question.explanation,
                accepted_answers=list(match.question.alternatives),
                passage=match.passage, evidence_start=checked.source.start, evidence_end=checked.source.end,
                also_cites=list(match.also_cites), status=QuestionStatus.DRAFT, origin=QuestionOrigin.IMPORTED, author_id=author_id,
            )
            db.session.add(question)
            stored.append(question)
        return stored

    return commit_with_retry(db.session, store)


def _draft(match: Match) -> QuestionDraft:
    q = match.question
    return QuestionDraft(
        type=q.type or "", prompt=q.prompt, choices=q.choices, answer=q.answer, passage=match.passage,
        evidence=match.evidence, also_cites=list(match.also_cites),
    )


def _key(value: str | list[str]) -> str:
    return normalise_answer(" | ".join(value) if isinstance(value, list) else str(value))


def _locate(passages: list[Passage], question: ImportedQuestion) -> tuple[str, Passage, int, int] | None:
    if question.evidence:
        for passage in passages:
            span = locate_evidence(passage.text, question.evidence)
            if span:
                return (EXACT, passage, *span)
        for passage in passages:
            span = _loose_find(passage.text, question.evidence)
            if span:
                return (TOLERANT, passage, *span)
    return _best_sentence(passages, question)


def _locate_further(passages: list[Passage], primary: Passage, texts: list[str]) -> list[dict] | None:
    """The spans of ``texts`` (the further evidence a quizapp export names), each in a passage of
    its own other than ``primary``, found exactly; None if any is not."""
    spans, used = [], {primary.id}
    for text in texts:
        found = next(
            ((passage, span) for passage in passages if passage.id not in used and (span := locate_evidence(passage.text, text))),
            None,
        )
        if found is None:
            return None
        passage, (start, end) = found
        used.add(passage.id)
        spans.append(CitedSpan(passage, start, end).stored)
    return spans


# Quotes, dashes and apostrophes that differ between a word processor and a web page.
_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})


def _loose_find(passage: str, evidence: str) -> tuple[int, int] | None:
    """``evidence`` in ``passage`` ignoring case, punctuation and the kind of quotes and dashes:
    the span of the passage's own text that matched."""
    def words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
        found = [(m.group().casefold(), (m.start(), m.end())) for m in re.finditer(r"\w+", text.translate(_FOLD))]
        return [w for w, _ in found], [span for _, span in found]

    wanted, _ = words(evidence)
    have, spans = words(passage)
    if len(wanted) < 3:
        return None  # two words are not evidence of anything
    for index in range(len(have) - len(wanted) + 1):
        if have[index : index + len(wanted)] == wanted:
            return spans[index][0], spans[index + len(wanted) - 1][1]
    return None


def _best_sentence(passages: list[Passage], question: ImportedQuestion) -> tuple[str, Passage, int, int] | None:
    """The sentence that holds the answer (where the type needs it there) and most of the
    question's words; None when no sentence holds half of them."""
    kind = question_type(question.type or "")
    asked = content_stems(question.prompt.replace(BLANK, " "))
    if kind.answer_in_evidence and isinstance(question.answer, str):
        cited = kind.cited_answer(question.answer).casefold()
        asked |= content_stems(question.answer)
    else:
        cited = ""
        if isinstance(question.answer, list):
            asked |= content_stems(" ".join(question.answer))
    if not asked:
        return None
    best: tuple[float, Passage, int, int] | None = None
    for passage in passages:
        for sentence in split_sentences(passage.text):
            text = passage.text[sentence.start : sentence.end]
            if cited and cited not in text.casefold():
                continue
            shared = len(asked & content_stems(text)) / len(asked)
            if shared >= MIN_SHARED_WORDS and (best is None or shared > best[0]):
                best = (shared, passage, sentence.start, sentence.end)
    return (TOLERANT, *best[1:]) if best else None
