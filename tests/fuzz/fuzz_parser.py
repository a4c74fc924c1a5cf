"""Coverage-guided fuzzing (atheris, libFuzzer) of the article parser and the HTML-to-text reduction.

    python tests/fuzz/fuzz_parser.py CORPUS_DIR [SEED_DIR...] -max_total_time=3600

Any libFuzzer flag works (-runs=N, -seed=N, -max_len=N, ...). An input fails only when it raises
something other than ArticleError (the documented refusal, with a message for the user) or when a
parsed article breaks the invariants the parser promises: every passage is an exact, stripped,
non-empty span of the source, in order, with a unique anchor; and bytes read the same as their text.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # a checkout, installed or not

import quizapp  # noqa: F401  (Flask and friends loaded uninstrumented: only our code and html.parser are traced)

with atheris.instrument_imports(include=["quizapp", "html", "_markupbase"]):
    from quizapp.articles import ArticleError, ParsedArticle, parse_article, slugify
    from quizapp.articles.html_text import html_to_text, looks_like_html

FORMATS = ("wiki", "markdown", "plain")


def parse_or_refuse(source: bytes | str, **options) -> ParsedArticle | None:
    """The parsed article, or None when it is refused with a message."""
    try:
        article = parse_article(source, **options)
    except ArticleError as error:
        assert str(error), "an ArticleError must say why"
        return None
    check_article(article)
    return article


def check_article(article: ParsedArticle) -> None:
    assert article.passages, "an accepted article has passages"
    assert article.title and article.title == " ".join(article.title.split()), article.title
    assert article.slug == slugify(article.title)
    section_anchors = {"intro"} | {s.anchor for s in article.sections}
    assert len(section_anchors) == len(article.sections) + 1, "section anchors are unique"
    anchors = [p.anchor for p in article.passages]
    assert len(set(anchors)) == len(anchors), "passage anchors are unique"
    assert not section_anchors & set(anchors), "a passage and a section share an anchor"
    previous_end = 0
    for position, passage in enumerate(article.passages):
        assert passage.position == position
        assert passage.section_anchor in section_anchors
        assert previous_end <= passage.start < passage.end <= len(article.source)
        assert article.source[passage.start : passage.end] == passage.text, "the passage is an exact span"
        assert passage.text == passage.text.strip()
        previous_end = passage.end


def TestOneInput(data: bytes) -> None:
    from_bytes = parse_or_refuse(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", "replace")
    else:
        if not text.startswith("\ufeff"):
            # Text and its UTF-8 bytes are the same article (or both refused).
            assert parse_or_refuse(text) == from_bytes
    # Every format must cope with every text, not only the one it is detected as.
    parse_or_refuse(text, fmt=FORMATS[len(data) % 3], filename="fuzz_input.txt")
    looks_like_html(text)
    reduced = html_to_text(text)
    assert isinstance(reduced, str) and reduced.endswith("\n")
    parse_or_refuse(reduced, fmt="markdown")  # as quizapp reads a page


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
