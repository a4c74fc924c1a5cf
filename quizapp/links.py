"""Links into the article reader that services, exports and templates all build: one place, no blueprint import."""

from __future__ import annotations

from flask import url_for

from .models import Question


def evidence_link(question: Question, external: bool = False, back: str | None = None) -> str:
    """The article reader at the question's passage, with its evidence highlighted (pages and exports).

    ``back``: the page to offer a way back to, such as the quiz question the student came from.
    """
    extra = {"back": back} if back else {}
    return url_for(
        "reader.article",
        slug=question.article.slug,
        evidence=f"{question.passage.anchor}:{question.evidence_start}-{question.evidence_end}",
        _anchor=question.passage.anchor,
        _external=external,
        **extra,
    )
