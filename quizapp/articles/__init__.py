"""Article reading: pure Python, no Flask."""

from .parser import (
    DEFAULT_MAX_BYTES,
    ArticleError,
    ParsedArticle,
    Passage,
    Section,
    detect_format,
    is_content_section,
    parse_article,
    slugify,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ArticleError",
    "ParsedArticle",
    "Passage",
    "Section",
    "detect_format",
    "is_content_section",
    "parse_article",
    "slugify",
]
