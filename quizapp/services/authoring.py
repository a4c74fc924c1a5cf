"""Teachers reviewing, editing and writing questions. A question never loses its citation."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

from ..articles import ParsedArticle, is_content_section
from ..articles import Passage as ParsedPassage
from ..articles import Section as ParsedSection
from ..database import commit_with_retry
from ..extensions import db
from ..generation import Citation, GeneratedQuestion, validate_question
from ..generation.types import question_type
from ..generation.validation import locate_evidence
from ..models import Article, Attempt, CitedSpan, Passage, Question, QuestionOrigin, QuestionStatus, Quiz, QuizItem, Response, User
from ..wording import as_sentence as plain_sentence
from ..wording import plural
from . import revisions
from .tags import replace_tags


class AuthoringError(ValueError):
    """The question cannot be saved; ``problems`` lists why, for the form."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class QuestionDraft:
    """What a teacher's form says a question should be."""

    type: str
    prompt: str
    choices: list[str]
    answer: str | list[str]
    passage: Passage
    evidence: str  # the evidence text, to be found verbatim in the passage
    # Spans of other passages it also cites (``Question.also_cites``); the form cannot change them,
    # so an edited question keeps its own while its type stays one that cites several.
    also_cites: list[dict] = field(default_factory=list)


def stored_as_parsed(article: Article) -> ParsedArticle:
    """The stored article in the parser's shape, so the engine's checks apply to it unchanged."""
    offset, passages, pieces = 0, [], []
    for passage in article.passages:
        passages.append(
            ParsedPassage(
                anchor=passage.anchor,
                section=passage.section,
                section_anchor=passage.section_anchor,
                kind=passage.kind,
                text=passage.text,
                position=passage.position,
                start=offset,
                end=offset + len(passage.text),
            )
        )
        pieces.append(passage.text)
        offset += len(passage.text) + 2
    return ParsedArticle(
        title=article.title,
        slug=article.slug,
        format=article.source_format,
        source="\n\n".join(pieces),
        sections=tuple(ParsedSection(s.title, s.level, s.anchor, s.position) for s in article.sections),
        passages=tuple(passages),
    )


def as_generated(question: Question) -> GeneratedQuestion:
    """A stored question in the engine's shape, for the bank-level checks against new ones."""
    return GeneratedQuestion(
        id=question.bank_id,
        type=question.type,
        prompt=question.prompt,
        choices=list(question.choices),
        answer=question.answer,
        source=Citation(question.passage.anchor, question.evidence_start, question.evidence_end),
        also_cites=[Citation(c.passage.anchor, c.start, c.end) for c in question.citations[1:]],
    )


def askable_passages(article: Article, keep: Passage | None = None) -> list[Passage]:
    """The passages a question may cite: not those of "References", "See also" and the like.

    The generator's own rule (``is_content_section``) decides; ``keep`` (an edited question's
    current passage) stays offered even so, so that a question cited there can still be saved.
    """
    return [p for p in article.passages if is_content_section(p.section) or p == keep]


# The engine's findings, in the words a teacher reads on the form.
_FOR_TEACHERS = [
    (re.compile(r'answer "(.*)" is not among the choices', re.S),
     'The answer "{}" is not one of the choices: add it to the choices, spelled the same way.'),
    (re.compile(r'answer "(.*)" is not in the cited evidence', re.S),
     'The answer "{}" is not in the cited evidence: choose evidence that contains it, or change the answer.'),
    (re.compile(r'the prompt gives away its answer "(.*)"', re.S),
     'The question gives away its answer "{}": reword it so that the answer does not appear in it.'),
    (re.compile(r"two choices are the same"), "Two of the choices are the same."),
]  # fmt: skip


def as_sentence(problem: str) -> str:
    """An engine problem as a sentence for the form: its own wording if known, else capitalised, with a full stop."""
    for pattern, wording in _FOR_TEACHERS:
        found = pattern.fullmatch(problem)
        if found:
            return wording.format(*found.groups())
    return plain_sentence(problem)


def _normalised_draft(draft: QuestionDraft, bank_id: str) -> tuple[GeneratedQuestion, list[str]]:
    problems: list[str] = []
    span = locate_evidence(draft.passage.text, draft.evidence)
    if span is None:
        problems.append(
            "The evidence must be copied from the chosen passage, word for word and with the same punctuation "
            "(spaces and line breaks may differ); it was not found there."
        )
        span = (0, len(draft.passage.text))
    choices, answer, type_problems = question_type(draft.type).authored(
        [c.strip() for c in draft.choices if c.strip()], draft.answer, bank_id
    )
    problems.extend(type_problems)
    further = [CitedSpan.from_stored(entry) for entry in draft.also_cites]
    if any(span.passage is None or span.passage.retired_at is not None for span in further):
        problems.append(
            "It also cites words of another passage that a correction of the article has changed, so its "
            "citation no longer proves the answer: reject it, or write it again citing the corrected text."
        )
        further = []
    question = GeneratedQuestion(
        id=bank_id,
        type=draft.type,
        prompt=" ".join(draft.prompt.split()),
        choices=choices,
        answer=answer,
        source=Citation(draft.passage.anchor, *span),
        also_cites=[Citation(span.passage.anchor, span.start, span.end) for span in further],
    )
    return question, problems


def check_draft(article: Article, draft: QuestionDraft, bank_id: str = "new") -> tuple[GeneratedQuestion, list[str]]:
    """The draft as a question, and its problems as sentences for the teacher, each problem once."""
    question, problems = _normalised_draft(draft, bank_id)
    if not problems:
        label = f'question "{bank_id}": '
        problems = [as_sentence(p.removeprefix(label)) for p in validate_question(stored_as_parsed(article), question)]
        problems += _answer_as_whole_words(question, draft.passage.text)
    return question, list(dict.fromkeys(problems))


def _answer_as_whole_words(question: GeneratedQuestion, passage_text: str) -> list[str]:
    """The engine finds the answer in the evidence; a teacher's answer must also stand there as whole
    words: "18" is not cited by "1854"."""
    kind = question_type(question.type)
    if not kind.answer_in_evidence or not isinstance(question.answer, str) or not question.answer:
        return []
    cited = kind.cited_answer(question.answer)
    evidence = passage_text[question.source.start : question.source.end]
    if cited.casefold() not in evidence.casefold():
        return []  # not in the evidence at all: the engine has said so already
    pattern = r"(?<!\w)" + re.escape(cited) + r"(?!\w)"
    if re.search(pattern, evidence, flags=re.IGNORECASE):
        return []
    return [f'The answer "{question.answer}" must appear in the evidence as whole words, not inside a longer word.']


def save_question(
    article: Article, draft: QuestionDraft, author: User, existing: Question | None = None, tags: list[str] | None = None
) -> Question:
    """Create (or update) a question from a teacher's draft, with ``tags`` (cleaned; None leaves them);
    AuthoringError if its citation is not valid."""
    bank_id = existing.bank_id if existing else _new_bank_id(article, draft)
    if existing is not None and existing.type == draft.type and not draft.also_cites:
        draft = replace(draft, also_cites=list(existing.also_cites))
    checked, problems = check_draft(article, draft, bank_id)
    if problems:
        raise AuthoringError(problems)
    author_id = author.id

    content = {
        "type": checked.type,
        "prompt": checked.prompt,
        "choices": checked.choices,
        "answer": checked.answer,
        "passage": draft.passage,
        "evidence_start": checked.source.start,
        "evidence_end": checked.source.end,
        "also_cites": list(draft.also_cites),
    }

    def store() -> Question:
        if existing is None:
            question = Question(
                article=article, bank_id=bank_id, origin=QuestionOrigin.TEACHER, author_id=author_id,
                status=QuestionStatus.PUBLISHED, **content,
            )
            db.session.add(question)
            if tags is not None:
                replace_tags(question, tags)
            return question
        if tags is not None:
            replace_tags(existing, tags)
        # The generator's explanation ("The article says X, not Y") speaks of the question as it was:
        # once the question itself changes, it goes (the form has no field to rewrite it).
        if any(getattr(existing, name) != content[name] for name in ("type", "prompt", "choices", "answer")):
            content["explanation"] = ""
        # Answers already given keep the question they answered (a revision), whatever changes here.
        if revisions.update_question(existing, content) and existing.origin == QuestionOrigin.GENERATOR:
            existing.author_id = author_id  # edited by a named teacher from here on
        return existing

    return commit_with_retry(db.session, store)


def unique_bank_id(prefix: str, seed: str, taken: set[str]) -> str:
    """A bank id (``prefix`` and a hash of ``seed``) no question of the article has yet (``taken``,
    which it joins): questions written elsewhere (a file, a model) get ids of their own."""
    while True:
        bank_id = prefix + hashlib.sha1(seed.encode()).hexdigest()[:10]
        if bank_id not in taken:
            taken.add(bank_id)
            return bank_id
        seed += "'"


def _new_bank_id(article: Article, draft: QuestionDraft) -> str:
    seed = f"{draft.type}|{draft.passage.anchor}|{draft.prompt}|{len(article.questions)}"
    return "t" + hashlib.sha1(seed.encode()).hexdigest()[:10]


def set_status(article: Article, question_ids: list[int], status: str) -> int:
    """Publish, reject or return to draft several questions of one article at once; returns how many."""
    if status not in (QuestionStatus.DRAFT, QuestionStatus.PUBLISHED, QuestionStatus.REJECTED):
        raise ValueError(f"unknown status {status!r}")
    article_id = article.id

    def change() -> int:
        questions = db.session.execute(
            db.select(Question).where(Question.article_id == article_id, Question.id.in_(question_ids))
        ).scalars().all()
        for question in questions:
            question.status = status
        return len(questions)

    return commit_with_retry(db.session, change)


def next_in_listing(question: Question, status: str) -> Question | None:
    """The question after ``question`` on its article's page of ``status`` (article order)."""
    place = (question.passage.position, question.evidence_start, question.id)
    listed = db.session.execute(
        db.select(Question, Passage.position)
        .join(Passage, Passage.id == Question.passage_id)
        .filter(Question.article_id == question.article_id, Question.status == status)
        .order_by(Passage.position, Question.evidence_start, Question.id)
    ).all()
    return next((q for q, position in listed if (position, q.evidence_start, q.id) > place), None)


def answered_so_far(question: Question) -> tuple[int, int]:
    """(students, attempts) that have answered ``question``: whose reviews an edit would change."""
    students, attempts = db.session.execute(
        db.select(db.func.count(db.distinct(Attempt.user_id)), db.func.count(db.distinct(Attempt.id)))
        .join(Response, Response.attempt_id == Attempt.id)
        .where(Response.question_id == question.id)
    ).one()
    return students, attempts


def still_asked_note(question_ids: list[int], teacher: User) -> str | None:
    """For questions just taken out of "published": which quizzes still ask them, as a sentence, or None.

    Quizzes keep their questions (students' attempts and reviews depend on them) until the
    quiz's teacher drops them; the teacher's own quizzes are named, others only counted.
    """
    rows = db.session.execute(
        db.select(Quiz, QuizItem.question_id)
        .join(QuizItem, QuizItem.quiz_id == Quiz.id)
        .join(Question, Question.id == QuizItem.question_id)
        .where(
            QuizItem.question_id.in_(question_ids),
            QuizItem.dropped_at.is_(None),
            Question.status != QuestionStatus.PUBLISHED,
        )
        .order_by(Quiz.title, Quiz.id)
    ).all()
    if not rows:
        return None
    quizzes = list(dict.fromkeys(quiz for quiz, _ in rows))
    asked = len({question_id for _, question_id in rows})
    places = [f"quiz '{quiz.title}'" for quiz in quizzes if quiz.owner_id == teacher.id]
    others = len(quizzes) - len(places)
    if others:
        places.append(plural(others, "other quiz", "other quizzes"))
    where = places[0] if len(places) == 1 else ", ".join(places[:-1]) + " and " + places[-1]
    which = "It is" if len(question_ids) == 1 else f"{asked:,} of them {'is' if asked == 1 else 'are'}"
    them = "it" if asked == 1 else "them"
    return f"{which} still asked in {where}: a quiz keeps its questions until you drop {them} on the quiz's page."


def type_counts(article: Article, status: str | None) -> dict[str, int]:
    """How many of the article's questions (of ``status``, or all) there are of each type."""
    query = db.select(Question.type, db.func.count()).filter_by(article_id=article.id).group_by(Question.type)
    if status is not None:
        query = query.filter_by(status=status)
    return dict(db.session.execute(query).all())


def status_counts(article: Article) -> dict[str, int]:
    """How many of the article's questions are in each status (every status present, 0 if none)."""
    return status_counts_by_article([article])[article.id]


def status_counts_by_article(articles: list[Article]) -> dict[int, dict[str, int]]:
    """article id -> status -> question count, for all the articles in one grouped query."""
    counts = {article.id: {status.value: 0 for status in QuestionStatus} for article in articles}
    if not counts:
        return counts
    rows = db.session.execute(
        db.select(Question.article_id, Question.status, db.func.count(Question.id))
        .where(Question.article_id.in_(list(counts)))
        .group_by(Question.article_id, Question.status)
    ).all()
    for article_id, status, count in rows:
        counts[article_id][status] = count
    return counts


def deletion_blocker(article: Article) -> str | None:
    """Why the article cannot be deleted (its questions are in quizzes, with students' answers), or None."""
    in_quizzes = db.session.execute(
        db.select(db.func.count(db.distinct(QuizItem.question_id)))
        .join(Question, Question.id == QuizItem.question_id)
        .where(Question.article_id == article.id)
    ).scalar()
    if not in_quizzes:
        return None
    used = "is in a quiz" if in_quizzes == 1 else "are in quizzes"
    return f"{article.title} cannot be deleted: {in_quizzes:,} of its questions {used}, with students' answers."


def delete_article(article: Article) -> None:
    """Remove an article and its questions, unless a quiz uses them (students' answers would go too)."""
    blocker = deletion_blocker(article)
    if blocker:
        raise AuthoringError([blocker])

    def delete() -> None:
        db.session.delete(article)

    commit_with_retry(db.session, delete)
