"""The article parser on the sample article, Markdown, plain text and malformed input."""

import pytest

from quizapp.articles import ArticleError, detect_format, parse_article, slugify

SAMPLE_SECTIONS = ["Background", "Coup plot allegations", "Responses", "Aftermath", "See also"]


def test_sample_article_title_sections_and_passages(sample_article):
    assert sample_article.title == "2021 Ukrainian coup attempt allegations"
    assert sample_article.slug == "2021-ukrainian-coup-attempt-allegations"
    assert sample_article.format == "wiki"
    assert [s.title for s in sample_article.sections] == SAMPLE_SECTIONS
    assert [s.level for s in sample_article.sections] == [1] * 5
    paragraphs = [p for p in sample_article.passages if p.kind == "paragraph"]
    items = [p for p in sample_article.passages if p.kind == "list_item"]
    assert len(paragraphs) == 14
    assert [p.text for p in items] == [
        "2016 Montenegrin coup allegations",
        "2022 German coup d'état plot",
        "2023 Moldovan coup d'état attempt allegations",
    ]
    by_section = {}
    for passage in sample_article.passages:
        by_section.setdefault(passage.section, 0)
        by_section[passage.section] += 1
    assert by_section == {"": 1, "Background": 2, "Coup plot allegations": 3, "Responses": 3, "Aftermath": 5, "See also": 3}
    assert not sample_article.sections[-1].is_content


def test_sample_passages_round_trip_exactly(sample_text, sample_article):
    for passage in sample_article.passages:
        assert sample_article.source[passage.start : passage.end] == passage.text
        assert passage.text in sample_text
        assert passage.text == passage.text.strip()
    # Every non-heading, non-blank line of the source is in exactly one passage.
    body_lines = [
        line.removeprefix("- ") for line in sample_text.splitlines() if line.strip() and not line.startswith("=")
    ]
    assert body_lines == [p.text for p in sample_article.passages]


def test_passage_anchors_are_unique_and_stable(sample_text):
    first = parse_article(sample_text)
    again = parse_article(sample_text.encode())
    anchors = [p.anchor for p in first.passages]
    assert len(set(anchors)) == len(anchors)
    assert anchors == [p.anchor for p in again.passages]
    assert anchors[:3] == ["intro-1", "background-1", "background-2"]
    # A paragraph added to one section leaves the anchors of the other sections unchanged.
    edited = parse_article(sample_text.replace("== Responses ==\n", "== Responses ==\nA new first paragraph.\n\n"))
    assert [p.anchor for p in edited.passages if p.section == "Aftermath"] == [
        p.anchor for p in first.passages if p.section == "Aftermath"
    ]


def test_passage_by_anchor(sample_text, sample_article):
    """passage() looks an anchor up in a map built once per article; the article still compares by value."""
    for passage in sample_article.passages:
        assert sample_article.passage(passage.anchor) is passage
    with pytest.raises(KeyError):
        sample_article.passage("no-such-anchor")
    assert sample_article.passages_by_anchor is sample_article.passages_by_anchor
    again = parse_article(sample_text)
    assert again == sample_article and hash(again) == hash(sample_article)


def test_subsections_have_deeper_levels():
    article = parse_article("= T =\n\nLead text.\n\n== A ==\nOne.\n\n=== A1 ===\nTwo.\n\n== B ==\nThree.\n")
    assert [(s.title, s.level) for s in article.sections] == [("A", 1), ("A1", 2), ("B", 1)]
    assert [p.section for p in article.passages] == ["", "A", "A1", "B"]


def test_markdown_article():
    text = (
        "# Photosynthesis\n\nPlants make sugar from light.\n\n## Light reactions\n\n"
        "Chlorophyll absorbs light\nacross two lines.\n\n- first item\n* second item\n1. numbered item\n\n"
        "### Details\nThe **Calvin cycle** fixes carbon.\n"
    )
    article = parse_article(text.encode())
    assert article.format == "markdown"
    assert article.title == "Photosynthesis"
    assert [(s.title, s.level) for s in article.sections] == [("Light reactions", 1), ("Details", 2)]
    assert [p.text for p in article.passages] == [
        "Plants make sugar from light.",
        "Chlorophyll absorbs light\nacross two lines.",
        "first item",
        "second item",
        "numbered item",
        "The **Calvin cycle** fixes carbon.",
    ]
    assert [p.kind for p in article.passages][2:5] == ["list_item"] * 3
    for passage in article.passages:
        assert article.source[passage.start : passage.end] == passage.text


def test_plain_text_title_from_first_line_or_filename():
    titled = parse_article("The Moon\n\nThe Moon orbits Earth.\n\nIt has phases.\n")
    assert titled.format == "plain"
    assert titled.title == "The Moon"
    assert [p.text for p in titled.passages] == ["The Moon orbits Earth.", "It has phases."]
    untitled = parse_article("The Moon orbits Earth.\nIt has phases.\n", filename="moon_facts.txt")
    assert untitled.title == "Moon facts"
    assert [p.text for p in untitled.passages] == ["The Moon orbits Earth.\nIt has phases."]


def test_windows_newlines_and_byte_order_mark():
    article = parse_article("\ufeff= T =\r\n\r\nFirst.\r\n\r\n== S ==\r\nSecond.\r\n".encode())
    assert article.title == "T"
    assert [p.text for p in article.passages] == ["First.", "Second."]
    utf16 = parse_article("= Té =\n\nAccentué.\n".encode("utf-16"))
    assert utf16.title == "Té"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n\t\n", "empty"),
        ("= Title =\n\n== Only headings ==\n".encode(), "no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("= Caf\u00e9 =\n\nText.\n".encode("latin-1"), "UTF-8"),
        (bytes(range(1, 32)) * 50, "binary"),
    ],
)
def test_malformed_input_is_refused_with_a_clear_message(data, message):
    with pytest.raises(ArticleError, match=message):
        parse_article(data)


def test_oversized_input_is_refused_before_parsing():
    fifty_megabytes = b"A sentence of text.\n\n" * (50 * 1024 * 1024 // 21 + 1)
    with pytest.raises(ArticleError, match="too large"):
        parse_article(fifty_megabytes)
    with pytest.raises(ArticleError, match="too large"):
        parse_article("x" * 2000, max_bytes=1000)


def test_detect_format_and_slugify():
    assert detect_format("= T =\nx") == "wiki"
    assert detect_format("intro\n# Heading\ntext") == "markdown"
    assert detect_format("Just words.") == "plain"
    assert slugify("Coup d'état: 2021!") == "coup-d-etat-2021"
    assert slugify("日本語") == "article"
