"""Typed SQLAlchemy 2 models. No request code here."""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db


def new_session_token() -> str:
    return secrets.token_hex(16)


def parse_session_id(value: object) -> tuple[int | None, str]:
    """(user id, session token) from what ``User.get_id`` put in a session; (None, "") if malformed."""
    if not isinstance(value, str):
        return None, ""
    user_id, _, token = value.partition(":")
    return (int(user_id), token) if user_id.isdigit() and token else (None, "")


def password_hash_method() -> str:
    """The app's configured hashing method (``PASSWORD_HASH_METHOD``); scrypt outside an app."""
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() else "scrypt"


def username_key(username: str) -> str:
    """How usernames are compared: case does not tell two accounts apart."""
    return username.strip().lower()


def utcnow() -> datetime:
    """Naive UTC, stored the same way on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


class Role(enum.StrEnum):
    STUDENT = "student"
    TEACHER = "teacher"


class QuestionStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    REJECTED = "rejected"


class QuestionOrigin(enum.StrEnum):
    """Who wrote a question: the generator, a teacher in the app, a reviewed bank file, or another tool."""

    GENERATOR = "generator"
    TEACHER = "teacher"
    BANK = "bank"
    IMPORTED = "imported"  # from another tool's file (GIFT, Moodle XML, Aiken, CSV), evidence matched here
    MODEL = "model"  # proposed by a language model, its evidence found word for word here


# What a review can show of each answer: whether it was right (and the score), the right answer,
# and the evidence in the article.
REVIEW_PARTS = ("correctness", "answer", "evidence")
_ALL_PARTS = '["correctness", "answer", "evidence"]'


class FeedbackMode(enum.StrEnum):
    """When a quiz shows whether an answer was right, the right answer and its evidence."""

    IMMEDIATE = "immediate"  # after each question
    END = "end"  # after the attempt is finished


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    # The username folded to lower case, unique: "Case" and "case" are one account, and logging
    # in finds it by this column's index. Set with ``username``.
    username_key: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16), default=Role.STUDENT)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Part of every session cookie; a new one on logging out ends all the user's sessions, so
    # a cookie copied before then is worth nothing (the cookie itself lives on in the browser).
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)
    # A teacher reset the password to a one-time one: the user chooses their own before anything else.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=text("false"))

    __table_args__ = (CheckConstraint("role in ('student', 'teacher')", name="role"),)

    @validates("username")
    def _fold_username(self, _key: str, username: str) -> str:
        self.username_key = username_key(username)
        return username

    def get_id(self) -> str:
        """What Flask-Login keeps in the session: the id and the current session token."""
        return f"{self.id}:{self.session_token}"

    def end_sessions(self) -> None:
        self.session_token = new_session_token()

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method=password_hash_method())

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_teacher(self) -> bool:
        return self.role == Role.TEACHER

    def __repr__(self) -> str:
        return f"<User {self.username} ({self.role})>"


class Article(db.Model):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    source_format: Mapped[str] = mapped_column(String(16))
    source_name: Mapped[str | None] = mapped_column(String(300))
    # Who wrote the text and under which licence, shown with it (from a question bank's article).
    attribution: Mapped[str | None] = mapped_column(Text)
    # SHA-256 of the passages, to tell a re-import of the same text from a changed article.
    content_hash: Mapped[str] = mapped_column(String(64))
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    sections: Mapped[list[Section]] = relationship(
        back_populates="article", order_by="Section.position", cascade="all, delete-orphan"
    )
    # The article's text as it reads now. A correction retires the passages it changed instead of
    # deleting them: answers given before it keep citing the text they were answered against.
    passages: Mapped[list[Passage]] = relationship(
        back_populates="article",
        primaryjoin="and_(Article.id == Passage.article_id, Passage.retired_at.is_(None))",
        order_by="Passage.position",
        cascade="all, delete-orphan",
    )
    questions: Mapped[list[Question]] = relationship(back_populates="article", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Article {self.slug}>"


class Section(db.Model):
    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    level: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    anchor: Mapped[str] = mapped_column(String(120))

    article: Mapped[Article] = relationship(back_populates="sections")

    __table_args__ = (UniqueConstraint("article_id", "anchor", name="uq_sections_article_anchor"),)


_CURRENT_PASSAGE = text("retired_at IS NULL")


class Passage(db.Model):
    __tablename__ = "passages"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    anchor: Mapped[str] = mapped_column(String(120))
    section: Mapped[str] = mapped_column(String(300), default="")
    section_anchor: Mapped[str] = mapped_column(String(120), default="intro")
    kind: Mapped[str] = mapped_column(String(16), default="paragraph")
    text: Mapped[str] = mapped_column(Text)
    # When a correction of the article replaced this passage; None while it is part of the article.
    retired_at: Mapped[datetime | None]

    article: Mapped[Article] = relationship(back_populates="passages")

    # Anchors are unique among the article's current passages; a retired passage keeps its own.
    __table_args__ = (
        Index(
            "uq_passages_article_anchor",
            "article_id",
            "anchor",
            unique=True,
            sqlite_where=_CURRENT_PASSAGE,
            postgresql_where=_CURRENT_PASSAGE,
        ),
    )

    def __repr__(self) -> str:
        return f"<Passage {self.anchor}>"


@dataclass(frozen=True)
class CitedSpan:
    """One span a question cites: ``passage.text[start:end]``."""

    passage: Passage
    start: int
    end: int

    @property
    def evidence(self) -> str:
        return self.passage.text[self.start : self.end]

    @property
    def stored(self) -> dict:
        """As ``also_cites`` keeps it: by passage id, so a retired passage is still the one cited."""
        return {"passage_id": self.passage.id, "start": self.start, "end": self.end}

    @classmethod
    def from_stored(cls, entry: dict) -> CitedSpan:
        """An ``also_cites`` entry read back (its passage None if it no longer exists)."""
        return cls(db.session.get(Passage, entry["passage_id"]), entry["start"], entry["end"])


class Cites:
    """What a question and its revisions share: the evidence span, and the spans of other passages
    it also cites (``also_cites``: [{"passage_id", "start", "end"}], for an ordering of events dated
    across the article)."""

    passage: Passage
    evidence_start: int
    evidence_end: int
    also_cites: list[dict]

    @property
    def evidence(self) -> str:
        return self.passage.text[self.evidence_start : self.evidence_end]

    @property
    def citations(self) -> list[CitedSpan]:
        """Every span cited, the evidence span first."""
        further = [CitedSpan.from_stored(entry) for entry in self.also_cites or ()]
        return [CitedSpan(self.passage, self.evidence_start, self.evidence_end), *further]

    @property
    def cited_text(self) -> str:
        """The text of every span cited, one line each: what proves the answer."""
        return "\n".join(c.evidence for c in self.citations)


class Question(Cites, db.Model):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    # The id the question has in its question-bank file, stable across re-imports.
    bank_id: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(32))
    prompt: Mapped[str] = mapped_column(Text)
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    answer: Mapped[Any] = mapped_column(JSON)  # a string, or a list for ordering questions
    # Other answers graded as right, for a typed answer ("World War I" for "First World War"). Not
    # part of a revision: a teacher's change applies to answers already given when they regrade.
    accepted_answers: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    explanation: Mapped[str] = mapped_column(Text, default="")
    passage_id: Mapped[int] = mapped_column(ForeignKey("passages.id", ondelete="CASCADE"), index=True)
    evidence_start: Mapped[int]
    evidence_end: Mapped[int]
    also_cites: Mapped[list[dict]] = mapped_column(JSON, default=list, server_default="[]")
    status: Mapped[str] = mapped_column(String(16), default=QuestionStatus.DRAFT)
    origin: Mapped[str] = mapped_column(String(16), default=QuestionOrigin.GENERATOR)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    # A question is almost always shown with its passage and article (the citation): load them with it.
    article: Mapped[Article] = relationship(back_populates="questions", lazy="joined")
    passage: Mapped[Passage] = relationship(lazy="joined")
    tag_rows: Mapped[list[QuestionTag]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="QuestionTag.name"
    )
    author: Mapped[User | None] = relationship()

    __table_args__ = (
        UniqueConstraint("article_id", "bank_id", name="uq_questions_article_bank_id"),
        CheckConstraint("evidence_start >= 0 AND evidence_end > evidence_start", name="evidence_span"),
        CheckConstraint("status in ('draft', 'published', 'rejected')", name="status"),
    )

    @property
    def tags(self) -> list[str]:
        return [row.name for row in self.tag_rows]

    # What a student is shown and graded on; an edit of these keeps the old ones as a revision.
    CONTENT = (
        "type", "prompt", "choices", "answer", "explanation", "passage", "evidence_start", "evidence_end", "also_cites",
    )


class QuestionTag(db.Model):
    """A teacher's label on a question (a topic, a difficulty, a unit): filters the question bank and
    draws random questions for a quiz. Stored lower-case, so "WW1" and "ww1" are one tag."""

    __tablename__ = "question_tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40), index=True)

    __table_args__ = (UniqueConstraint("question_id", "name", name="uq_question_tags_question_name"),)


class QuestionRevision(Cites, db.Model):
    """A question as it was before an edit, kept so that answers given to it keep their context.

    A student's review shows the question they answered, not a later correction of it; the
    revision that applies to an answer is the first one replaced after the answer was given.
    """

    __tablename__ = "question_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    replaced_at: Mapped[datetime] = mapped_column(default=utcnow)
    type: Mapped[str] = mapped_column(String(32))
    prompt: Mapped[str] = mapped_column(Text)
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    answer: Mapped[Any] = mapped_column(JSON)
    explanation: Mapped[str] = mapped_column(Text, default="")
    passage_id: Mapped[int] = mapped_column(ForeignKey("passages.id", ondelete="CASCADE"))
    evidence_start: Mapped[int]
    evidence_end: Mapped[int]
    also_cites: Mapped[list[dict]] = mapped_column(JSON, default=list, server_default="[]")

    question: Mapped[Question] = relationship()
    passage: Mapped[Passage] = relationship(lazy="joined")

    @property
    def article(self) -> Article:
        return self.question.article


class Invitation(db.Model):
    """A single-use link by which a teacher brings in another teacher, valid until it expires.
    Only the token's SHA-256 is kept: the database never holds a usable link."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])
    used_by: Mapped[User | None] = relationship(foreign_keys=[used_by_id])


class WritingStatus(enum.StrEnum):
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


class WritingJob(db.Model):
    """A language model writing questions for an article in the background: its progress, and what
    came of it. The questions are stored with the job's end, all at once, or not at all."""

    __tablename__ = "writing_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default=WritingStatus.RUNNING)
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    done_steps: Mapped[int] = mapped_column(default=0)  # requests answered, of total_steps
    total_steps: Mapped[int] = mapped_column(default=0)
    message: Mapped[str] = mapped_column(Text, default="")  # the outcome, or why it failed
    accepted: Mapped[int] = mapped_column(default=0)
    # What quizapp refused, for the teacher: [{"type", "prompt", "reason", "evidence"}]
    rejected: Mapped[list[dict]] = mapped_column(JSON, default=list)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)  # the last sign of life
    finished_at: Mapped[datetime | None]

    article: Mapped[Article] = relationship()

    # One job at a time per article: two clicks at once start one.
    __table_args__ = (
        Index(
            "uq_writing_jobs_one_running",
            "article_id",
            unique=True,
            sqlite_where=text("status = 'running'"),
            postgresql_where=text("status = 'running'"),
        ),
        CheckConstraint("status in ('running', 'done', 'failed', 'cancelled')", name="status"),
    )

    @property
    def running(self) -> bool:
        return self.status == WritingStatus.RUNNING


class Classroom(db.Model):
    __tablename__ = "classrooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    teacher: Mapped[User] = relationship()
    members: Mapped[list[Enrollment]] = relationship(back_populates="classroom", cascade="all, delete-orphan")


class Enrollment(db.Model):
    __tablename__ = "enrollments"

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classrooms.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    classroom: Mapped[Classroom] = relationship(back_populates="members")
    user: Mapped[User] = relationship()

    __table_args__ = (UniqueConstraint("classroom_id", "user_id", name="uq_enrollments_classroom_user"),)


class Quiz(db.Model):
    __tablename__ = "quizzes"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    # None: open to every student (the bundled sample quiz); otherwise to one class.
    classroom_id: Mapped[int | None] = mapped_column(ForeignKey("classrooms.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    max_attempts: Mapped[int | None]  # None: unlimited
    # Minutes a student has from starting an attempt; the server finishes it when they are up.
    time_limit_minutes: Mapped[int | None]
    # Each attempt asks the questions in an order of its own (neighbours do not see the same one).
    shuffle_questions: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    # Each attempt asks this many of the quiz's "drawn" items, chosen at random when it starts (and
    # every item not drawn); None: no draw, every student gets every question.
    draw_count: Mapped[int | None]
    feedback: Mapped[str] = mapped_column(String(16), default=FeedbackMode.IMMEDIATE)
    # What a finished attempt's review shows (Moodle's review options), right after it is finished
    # and once the quiz has closed: a subset of REVIEW_PARTS.
    review_after_submit: Mapped[list[str]] = mapped_column(JSON, default=lambda: list(REVIEW_PARTS), server_default=_ALL_PARTS)
    review_after_close: Mapped[list[str]] = mapped_column(JSON, default=lambda: list(REVIEW_PARTS), server_default=_ALL_PARTS)
    published: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    classroom: Mapped[Classroom | None] = relationship()
    items: Mapped[list[QuizItem]] = relationship(
        back_populates="quiz", order_by="QuizItem.position", cascade="all, delete-orphan"
    )

    __table_args__ = (CheckConstraint("feedback in ('immediate', 'end')", name="feedback"),)

    @property
    def asked_items(self) -> list[QuizItem]:
        """The items still asked and scored: all but those the teacher has dropped."""
        return [item for item in self.items if item.dropped_at is None]

    @property
    def asked_question_ids(self) -> set[int]:
        return {item.question_id for item in self.asked_items}

    @property
    def questions_per_attempt(self) -> int:
        """How many questions one attempt asks: the fixed ones, and the draw from the rest."""
        asked = self.asked_items
        if self.draw_count is None:
            return len(asked)
        pool = sum(1 for item in asked if item.drawn)
        return len(asked) - pool + min(self.draw_count, pool)


class HiddenSharedQuiz(db.Model):
    """A teacher has hidden a shared quiz (the bundled sample) from their classes' students."""

    __tablename__ = "hidden_shared_quizzes"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"), index=True)

    __table_args__ = (UniqueConstraint("teacher_id", "quiz_id", name="uq_hidden_shared_quizzes_teacher_quiz"),)


class QuizItem(db.Model):
    __tablename__ = "quiz_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    position: Mapped[int]
    # A question found faulty after students took the quiz is dropped, not deleted: it is no
    # longer asked, every score leaves it out, and the answers given to it stay visible.
    dropped_at: Mapped[datetime | None]
    # One of the questions each attempt draws ``Quiz.draw_count`` from; False: asked in every attempt.
    drawn: Mapped[bool] = mapped_column(default=False, server_default=text("false"))

    quiz: Mapped[Quiz] = relationship(back_populates="items")
    question: Mapped[Question] = relationship()

    __table_args__ = (UniqueConstraint("quiz_id", "question_id", name="uq_quiz_items_quiz_question"),)


class Attempt(db.Model):
    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    score: Mapped[float | None]  # share of questions right, 0..1, set when finished
    # When a timed attempt's time is up (set at its start, from the quiz's time limit then): no
    # answer is stored after it, and the attempt is finished as of it.
    deadline: Mapped[datetime | None]
    # The questions this attempt asks, drawn when it started, in a quiz that draws per student;
    # None: every question of the quiz.
    question_ids: Mapped[list[int] | None] = mapped_column(JSON)

    quiz: Mapped[Quiz] = relationship()
    user: Mapped[User] = relationship()
    responses: Mapped[list[Response]] = relationship(back_populates="attempt", cascade="all, delete-orphan")

    def drew(self, question_id: int) -> bool:
        """Whether this attempt asks the question: every attempt does, but in a quiz that draws per student."""
        return self.question_ids is None or question_id in self.question_ids

    def asked_of(self, quiz_asked: set[int]) -> set[int]:
        """Of the questions the quiz still asks, those this attempt asks (its draw, if it has one)."""
        return {question_id for question_id in quiz_asked if self.drew(question_id)}

    @property
    def asked_question_ids(self) -> set[int]:
        return self.asked_of(self.quiz.asked_question_ids)

    # At most one unfinished attempt per student and quiz: two Start clicks at the same moment
    # cannot open two (the second resumes the first).
    __table_args__ = (
        Index(
            "uq_attempts_one_open",
            "quiz_id",
            "user_id",
            unique=True,
            sqlite_where=text("finished_at IS NULL"),
            postgresql_where=text("finished_at IS NULL"),
        ),
    )


class Response(db.Model):
    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    given: Mapped[Any] = mapped_column(JSON)
    correct: Mapped[bool]
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A teacher marked this answer right or wrong themselves (``overrides`` says who, when, why):
    # regrading leaves it as they decided.
    overridden: Mapped[bool] = mapped_column(default=False, server_default=text("false"))

    attempt: Mapped[Attempt] = relationship(back_populates="responses")
    question: Mapped[Question] = relationship()
    overrides: Mapped[list[ResponseOverride]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="ResponseOverride.id", lazy="selectin"
    )

    # One answer per question per attempt: a double-submitted form cannot count twice.
    __table_args__ = (UniqueConstraint("attempt_id", "question_id", name="uq_responses_attempt_question"),)


class ResponseOverride(db.Model):
    """A teacher marking one answer right or wrong: shown to the student, kept for good."""

    __tablename__ = "response_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"), index=True)
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    correct_before: Mapped[bool]
    correct_after: Mapped[bool]
    note: Mapped[str] = mapped_column(Text, default="")  # the teacher's reason, shown to the student
    at: Mapped[datetime] = mapped_column(default=utcnow)

    response: Mapped[Response] = relationship(back_populates="overrides")
    teacher: Mapped[User | None] = relationship()


class ReviewCard(db.Model):
    """A student's spaced-repetition state for one question (an ``fsrs.Card`` as JSON)."""

    __tablename__ = "review_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    card: Mapped[dict] = mapped_column(JSON)
    due: Mapped[datetime] = mapped_column(index=True)
    lapses: Mapped[int] = mapped_column(default=0)  # times answered wrong
    # How many times reviewed; also the row's version, so two reviews of the same state cannot both land.
    reviews: Mapped[int] = mapped_column(default=0)

    question: Mapped[Question] = relationship()

    __table_args__ = (UniqueConstraint("user_id", "question_id", name="uq_review_cards_user_question"),)
    __mapper_args__ = {"version_id_col": reviews}


class ReviewLog(db.Model):
    """Every graded answer a student gives, in a quiz or in practice: the history behind a card."""

    __tablename__ = "review_logs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    rating: Mapped[int]  # fsrs.Rating: 1 Again, 2 Hard, 3 Good, 4 Easy
    correct: Mapped[bool]
    given: Mapped[Any] = mapped_column(JSON)
    context: Mapped[str] = mapped_column(String(16))  # "quiz" or "practice"
    reviewed_at: Mapped[datetime] = mapped_column(default=utcnow)


class RateLimitCounter(db.Model):
    """A rate-limit counter (Flask-Limiter's fixed window), kept in the app's database so that
    every worker and every server sharing the database count the same attempts."""

    __tablename__ = "rate_limit_counters"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    count: Mapped[int]
    expires_at: Mapped[float] = mapped_column(Float, index=True)  # seconds since the epoch, as ``limits`` counts
