"""Links into the article reader that services, exports and templates all build: one place, no blueprint import."""

from __future__ import annotations

from flask import url_for

from .models import CitedSpan, Question


def evidence_link(
    question: Question, external: bool = False, back: str | None = None, cited: CitedSpan | None = None
) -> str:
    """The article reader at the question's passage, with its evidence highlighted (pages and exports);
    at the passage's section, unmarked, when the article has been corrected since it was cited.

    ``back``: the page to offer a way back to, such as the quiz question the student came from.
    ``cited``: one of ``question.citations`` to link to instead of its evidence span.
    """
    cited = cited or question.citations[0]
    extra = {"back": back} if back else {}
    if cited.passage.retired_at is not None:
        # The text it cites has been corrected since: a span in today's text would mark other words.
        return url_for(
            "reader.article", slug=question.article.slug, corrected=1, _anchor=cited.passage.section_anchor,
            _external=external, **extra,
        )
    return url_for(
        "reader.article",
        slug=question.article.slug,
        evidence=f"{cited.passage.anchor}:{cited.start}-{cited.end}",
        _anchor=cited.passage.anchor,
        _external=external,
        **extra,
    )
