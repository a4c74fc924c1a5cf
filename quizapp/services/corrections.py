"""Correcting an article's text once its questions are in use.

A passage the correction leaves as it was stays, with its questions. A changed passage is
retired, not deleted: answers given before keep the question and passage they were answered
against (a revision). Each question cited in a changed passage moves to the place where its
evidence stands in the new text, or, if the evidence is gone, is listed for the teacher to fix.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from sqlalchemy import update

from ..articles import ParsedArticle
from ..articles import Passage as ParsedPassage
from ..database import commit_with_retry
from ..extensions import db
from ..generation.sentences import split_sentences
from ..generation.types import question_type
from ..generation.validation import locate_in_passages
from ..models import Article, CitedSpan, Passage, Question, Section, User, utcnow
from . import revisions
from .authoring import AuthoringError, QuestionDraft, save_question
from .importing import content_hash

# A sentence of the corrected text is offered as a lost question's new evidence only when it is
# at least this much like the old evidence (difflib's ratio): a typo fixed, a word changed.
SIMILAR_SENTENCE = 0.6


class CorrectionConflict(ValueError):
    """The article changed since the teacher opened it: the correction would overwrite that change."""

    def __init__(self) -> None:
        super().__init__(
            "The article was changed by someone else while you were correcting it. "
            "Nothing was saved: open it again to see the current text."
        )


@dataclass
class Correction:
    """What a corrected text does to an article: shown for the teacher to confirm, then done."""

    new_passages: int = 0  # added or changed
    unchanged_questions: int = 0
    moved: list[Question] = field(default_factory=list)  # evidence found again in the new text
    lost: list[Question] = field(default_factory=list)  # evidence no longer in the text
    title_changed: bool = False
    # question id -> for each span it cites (``Question.citations``), its (anchor, start, end) in the
    # new text, or None where its passage stays as it was
    new_places: dict[int, list[tuple[str, int, int] | None]] = field(default_factory=dict, repr=False)
    kept: dict[str, Passage] = field(default_factory=dict, repr=False)  # anchor -> unchanged passage
    # changed or removed: kept only for the answers that cite them
    retired: list[Passage] = field(default_factory=list, repr=False)

    @property
    def kept_passages(self) -> int:
        return len(self.kept)

    @property
    def retired_passages(self) -> int:
        return len(self.retired)

    @property
    def changes_text(self) -> bool:
        return bool(self.new_passages or self.retired_passages or self.title_changed)


def plan_correction(article: Article, parsed: ParsedArticle) -> Correction:
    """What replacing the article's text with ``parsed`` would do, without changing anything."""
    old_by_anchor = {p.anchor: p for p in article.passages}
    plan = Correction(title_changed=article.title != parsed.title)
    for new in parsed.passages:
        old = old_by_anchor.get(new.anchor)
        if old is not None and old.text == new.text and old.kind == new.kind:
            plan.kept[new.anchor] = old
    plan.retired = [p for p in old_by_anchor.values() if plan.kept.get(p.anchor) is not p]
    plan.new_passages = len(parsed.passages) - len(plan.kept)
    retired_ids = {p.id for p in plan.retired}
    for question in sorted(article.questions, key=lambda q: q.id):
        citations = question.citations
        if not any(cited.passage.id in retired_ids for cited in citations):
            plan.unchanged_questions += 1
            continue
        places = [
            _find_evidence(cited.evidence, cited.passage.anchor, parsed.passages) if cited.passage.id in retired_ids else None
            for cited in citations
        ]
        if any(place is None and cited.passage.id in retired_ids for place, cited in zip(places, citations)):
            plan.lost.append(question)
        else:
            plan.new_places[question.id] = places
            plan.moved.append(question)
    return plan


def correct_article(article: Article, parsed: ParsedArticle, based_on: str, source_name: str | None = None) -> Correction:
    """Replace the article's text with ``parsed``, all or nothing.

    ``based_on`` is the content hash of the text the teacher corrected: if the article has changed
    since (another tab, another teacher), CorrectionConflict, and nothing is saved.
    """
    article_id = article.id
    new_hash = content_hash(parsed)
    if new_hash == based_on:
        return plan_correction(article, parsed)  # nothing to change

    def apply() -> Correction:
        # First, and guarded: of two corrections of the same text, only one gets past this line.
        old_title = db.session.execute(db.select(Article.title).where(Article.id == article_id)).scalar_one()
        claimed = db.session.execute(
            update(Article)
            .where(Article.id == article_id, Article.content_hash == based_on)
            .values(content_hash=new_hash, title=parsed.title)
            .execution_options(synchronize_session=False)
        ).rowcount
        if not claimed:
            raise CorrectionConflict
        stored = db.session.get(Article, article_id, populate_existing=True)
        db.session.expire(stored, ["passages", "sections", "questions"])
        plan = plan_correction(stored, parsed)
        plan.title_changed = old_title != parsed.title
        _apply(stored, parsed, plan, source_name)
        return plan

    return commit_with_retry(db.session, apply)


def _apply(article: Article, parsed: ParsedArticle, plan: Correction, source_name: str | None) -> None:
    now = utcnow()
    for passage in plan.retired:
        passage.retired_at = now
    db.session.flush()  # the retired anchors are free before new passages take them
    db.session.expire(article, ["passages"])

    # Sections carry no citations: replaced outright, the old ones gone before the new are written.
    article.sections.clear()
    db.session.flush()
    article.sections.extend(
        Section(position=s.position, level=s.level, title=s.title, anchor=s.anchor) for s in parsed.sections
    )
    current: dict[str, Passage] = {}
    for new in parsed.passages:
        passage = plan.kept.get(new.anchor)
        if passage is None:
            passage = Passage(article_id=article.id, anchor=new.anchor, text=new.text, kind=new.kind)
            db.session.add(passage)
        passage.position = new.position
        passage.section = new.section
        passage.section_anchor = new.section_anchor
        current[new.anchor] = passage
    article.source_format = parsed.format
    if source_name:
        article.source_name = source_name
    if parsed.attribution:
        article.attribution = parsed.attribution
    db.session.flush()
    for question in plan.moved:
        primary, *further = [
            CitedSpan(current[place[0]], place[1], place[2]) if place else cited
            for place, cited in zip(plan.new_places[question.id], question.citations)
        ]
        revisions.update_question(question, {
            "passage": primary.passage, "evidence_start": primary.start, "evidence_end": primary.end,
            "also_cites": [span.stored for span in further],
        })
    db.session.expire(article, ["passages", "sections"])


def _find_evidence(evidence: str, anchor: str, passages: tuple[ParsedPassage, ...]) -> tuple[str, int, int] | None:
    """Where the evidence stands in the new text: in the passage of the same anchor if it is there,
    else in the first passage that has it; None if no passage does."""
    return locate_in_passages(sorted(passages, key=lambda p: p.anchor != anchor), evidence)


def questions_needing_evidence(article: Article) -> list[Question]:
    """The article's questions still citing text a correction took out: for the teacher to fix or reject."""
    retired_evidence = db.session.execute(
        db.select(Question)
        .join(Passage, Passage.id == Question.passage_id)
        .where(Question.article_id == article.id, Passage.retired_at.is_not(None))
    ).scalars().unique()
    # Few questions cite several passages: those are read here rather than searched in JSON.
    several = [q for q in article.questions if q.also_cites]
    retired_further = [q for q in several if any(c.passage.retired_at is not None for c in q.citations[1:])]
    return sorted({*retired_evidence, *retired_further}, key=lambda q: q.id)


@dataclass
class Suggestion:
    """Where each span a question cites reads in the corrected text, in citation order (the spans
    whose passage is current stay as they are)."""

    places: list[CitedSpan]

    @property
    def text(self) -> str:
        return "” and “".join(place.evidence for place in self.places)


def suggested_evidence(question: Question, article: Article) -> Suggestion | None:
    """For each span a correction took out, the span of the current text most like it (as many
    sentences as it had, holding the question's answer where the type needs that); None if any
    has nothing like it."""
    kind = question_type(question.type)
    cited = (
        kind.cited_answer(question.answer).casefold()
        if kind.answer_in_evidence and isinstance(question.answer, str) and question.answer
        else ""
    )
    places = []
    for index, span in enumerate(question.citations):
        if span.passage.retired_at is None:
            places.append(span)
            continue
        closest = _closest_span(span.evidence, article.passages, cited if index == 0 else "")
        if closest is None:
            return None
        places.append(closest)
    return Suggestion(places)


def _closest_span(old_text: str, passages: list[Passage], must_hold: str) -> CitedSpan | None:
    old = " ".join(old_text.split())
    length = max(1, len(split_sentences(old)))
    best: tuple[float, CitedSpan] | None = None
    for passage in passages:
        sentences = split_sentences(passage.text)
        for first, last in zip(sentences, sentences[length - 1 :]):
            text = passage.text[first.start : last.end]
            if must_hold and must_hold not in text.casefold():
                continue
            ratio = difflib.SequenceMatcher(None, old, " ".join(text.split()), autojunk=False).ratio()
            if ratio >= SIMILAR_SENTENCE and (best is None or ratio > best[0]):
                best = (ratio, CitedSpan(passage, first.start, last.end))
    return best[1] if best else None


def cite_suggestion(question: Question, teacher: User) -> Suggestion:
    """Point the question at its suggested evidence, through every check a teacher's edit passes;
    AuthoringError says why not (then the teacher edits it by hand)."""
    article = question.article
    if all(span.passage.retired_at is None for span in question.citations):
        raise AuthoringError(["This question's evidence is in the article as it reads now: there is nothing to fix."])
    suggestion = suggested_evidence(question, article)
    if suggestion is None:
        raise AuthoringError(["No sentence of the corrected text is close to this question's evidence: edit it by hand."])
    primary, *further = suggestion.places
    draft = QuestionDraft(
        type=question.type,
        prompt=question.prompt,
        choices=list(question.choices),
        answer=question.answer,
        passage=primary.passage,
        evidence=primary.evidence,
        also_cites=[span.stored for span in further],
    )
    save_question(article, draft, teacher, existing=question)
    return suggestion


@dataclass
class PassageChange:
    """One passage the correction adds, changes or removes, with its words marked for the review page."""

    anchor: str
    section: str
    old: str | None  # None: added
    new: str | None  # None: removed
    pieces: list[tuple[str, str]] = field(default_factory=list)  # ("same" | "removed" | "added", words)


def passage_changes(plan: Correction, parsed: ParsedArticle) -> list[PassageChange]:
    """The changed passages in the new text's order, then the removed ones, each with a word diff."""
    retired = {p.anchor: p for p in plan.retired}
    changes = []
    for new in parsed.passages:
        if new.anchor in plan.kept:
            continue
        old = retired.pop(new.anchor, None)
        changes.append(PassageChange(new.anchor, new.section, old.text if old else None, new.text, _word_diff(old.text if old else "", new.text)))
    for old in retired.values():
        changes.append(PassageChange(old.anchor, old.section, old.text, None, [("removed", old.text)]))
    return changes


def _word_diff(old: str, new: str) -> list[tuple[str, str]]:
    before, after = old.split(" "), new.split(" ")
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", " ".join(before[i1:i2])))
        if j2 > j1:
            pieces.append(("added", " ".join(after[j1:j2])))
    return pieces
