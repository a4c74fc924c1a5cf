"""Tags on questions: a teacher labels questions (a topic, a difficulty, a unit), filters the question
bank by them and draws random questions for a quiz from a tag."""

from __future__ import annotations

import re

from ..database import commit_with_retry
from ..extensions import db
from ..models import Question, QuestionStatus, QuestionTag, User
from .permissions import articles_teacher_may_edit

MAX_TAG_LENGTH = 40
MAX_TAGS_PER_QUESTION = 10
_ALLOWED = re.compile(r"^[\w][\w ./:+#&'-]*$")


class TagError(ValueError):
    """A tag that cannot be used; the message says why."""


def clean_tag(text: str) -> str:
    """A tag as stored: lower-case, single spaces; TagError for an empty, long or odd one."""
    tag = " ".join(text.split()).casefold()
    if not tag:
        raise TagError("A tag cannot be empty.")
    if len(tag) > MAX_TAG_LENGTH:
        raise TagError(f"A tag is {MAX_TAG_LENGTH} characters at most: “{tag[:MAX_TAG_LENGTH]}…” is longer.")
    if not _ALLOWED.match(tag):
        raise TagError(f"“{tag}” is not a usable tag: use letters, digits, spaces and - . / : + # & '.")
    return tag


def parse_tags(text: str | None) -> list[str]:
    """Comma-separated tags as typed in a form, cleaned, each once, in the order typed."""
    tags: list[str] = []
    for part in (text or "").split(","):
        if part.strip():
            tag = clean_tag(part)
            if tag not in tags:
                tags.append(tag)
    if len(tags) > MAX_TAGS_PER_QUESTION:
        raise TagError(f"A question has at most {MAX_TAGS_PER_QUESTION} tags.")
    return tags


def replace_tags(question: Question, tags: list[str]) -> None:
    """Give ``question`` exactly ``tags`` (already cleaned). Part of the caller's transaction."""
    keep = {row.name: row for row in question.tag_rows}
    question.tag_rows = [keep.get(tag) or QuestionTag(name=tag) for tag in tags]


def add_tag(questions: list[Question], text: str) -> int:
    """Tag every one of ``questions`` with one tag, in one transaction; returns how many gained it."""
    tag = clean_tag(text)

    def change() -> int:
        added = 0
        for question in questions:
            if tag not in question.tags:
                if len(question.tag_rows) >= MAX_TAGS_PER_QUESTION:
                    raise TagError(f"A question has at most {MAX_TAGS_PER_QUESTION} tags: “{question.prompt[:60]}” has them all.")
                question.tag_rows.append(QuestionTag(name=tag))
                added += 1
        return added

    return commit_with_retry(db.session, change)


def remove_tag(questions: list[Question], text: str) -> int:
    tag = clean_tag(text)

    def change() -> int:
        removed = 0
        for question in questions:
            rows = [row for row in question.tag_rows if row.name != tag]
            removed += len(question.tag_rows) - len(rows)
            question.tag_rows = rows
        return removed

    return commit_with_retry(db.session, change)


def teacher_tags(teacher: User) -> list[tuple[str, int]]:
    """Every tag on the questions this teacher may edit, with how many questions carry it."""
    from ..models import Article

    return [
        (name, count)
        for name, count in db.session.execute(
            db.select(QuestionTag.name, db.func.count())
            .join(Question, Question.id == QuestionTag.question_id)
            .join(Article, Article.id == Question.article_id)
            .where(articles_teacher_may_edit(teacher))
            .group_by(QuestionTag.name)
            .order_by(QuestionTag.name)
        ).all()
    ]


def tagged(tags: list[str]):
    """A filter: questions carrying any of ``tags``."""
    return Question.id.in_(db.select(QuestionTag.question_id).where(QuestionTag.name.in_(tags)))


def published_tags() -> list[str]:
    """The tags of published questions: what a quiz can draw random questions by."""
    return list(
        db.session.execute(
            db.select(QuestionTag.name).distinct()
            .join(Question, Question.id == QuestionTag.question_id)
            .where(Question.status == QuestionStatus.PUBLISHED)
            .order_by(QuestionTag.name)
        ).scalars()
    )
