"""An article file as a teacher brings it: text in a format the parser reads, or a page saved from a browser."""

from __future__ import annotations

from .html_text import html_to_text, looks_like_html
from .parser import ParsedArticle, decode_article, parse_article


def parse_article_file(data: bytes, name: str, max_bytes: int | None = None) -> ParsedArticle:
    """An article file's text parsed; a page saved from a browser (.html, or markup in any file) is
    read as a pasted page is, not as text full of tags. ``html_to_text`` writes Markdown."""
    limit = {"max_bytes": max_bytes} if max_bytes else {}
    text = decode_article(data, **limit)
    if name.lower().endswith((".html", ".htm")) or looks_like_html(text):
        return parse_article(html_to_text(text), filename=name.rsplit(".", 1)[0], fmt="markdown", **limit)
    return parse_article(text, filename=name, **limit)
