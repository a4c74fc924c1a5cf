"""HTML pasted from a web page is reduced to article text: structure kept, markup and page furniture gone."""

import time

import pytest

from quizapp.articles import ArticleError, html_text, parse_article
from quizapp.articles.html_text import html_to_text, looks_like_html

PAGE = """<html><head><title>t</title><style>p{}</style></head><body>
<nav><div class="navbox">Main page<br>Contents</div></nav>
<h1>Tower Bridge</h1>
<h2>History<span class="mw-editsection">[<a href="#">edit</a>]</span></h2>
<p onclick="steal()">The bridge opened in 1894.<sup class="reference"><a href="#c1">[1]</a></sup>
It crosses the <b>River Thames</b>.[2] It is 244&nbsp;m long &amp; 65 m high.</p>
<table class="infobox"><tr><th>Carries</th><td>A100 road</td></tr></table>
<table><tr><th>Total length</th><td>244 m</td></tr></table>
<ul><li>Bascule bridge</li><li>Suspension bridge</li></ul>
<script>alert("x")</script><img src=x onerror=alert(1)>
</body></html>"""


@pytest.mark.parametrize(
    "markup",
    [
        "<p>x</p><![foo[ y",
        "<h2>Short</h2>",
        '  <div class="content">One line of text.',
        "<article><p>Text",
        "<!DOCTYPE html><title>t</title>",
        "Intro line\n<table><tr><td>1</td></tr></table>",
    ],
)
def test_one_block_tag_opening_a_line_is_html(markup):
    assert looks_like_html(markup)


@pytest.mark.parametrize(
    "text",
    [
        "Plain text with 3 < 4 and a > b.",
        "# Markdown\n\nThe <p> tag starts a paragraph; x<y and y>z.\n",
        "A list:\n- <b is not a tag\n- <p\n",
        "<pp>not a known block</pp>",
    ],
)
def test_text_with_a_stray_angle_bracket_stays_text(text):
    assert not looks_like_html(text)


# MediaWiki source as a teacher copies it from an edit box: an infobox with <br>, <ref> citations.
WIKI_SOURCE = """{{Infobox building
|name = Halden Corn Exchange
|opened = 1862<br>(rebuilt 1911)
|location = Market Square,<br>[[Halden]]
}}
'''Halden Corn Exchange''' is a market hall in [[Halden]].<ref>{{cite web|title=Halden}}</ref>

==History==
The hall opened in 1862 and burned down in 1909.<ref name="fire"/>

==References==
<references/>
* Marsh, Ada. ''Markets of the North''. 1990.
"""


def test_mediawiki_source_with_tags_is_read_as_wiki_not_as_html():
    from quizapp.services.importing import read_upload

    assert not looks_like_html(WIKI_SOURCE)
    loaded = read_upload(file=None, text=WIKI_SOURCE, title="Halden Corn Exchange", max_bytes=100_000)
    sections = [passage.section for passage in loaded.parsed.passages]
    assert "History" in sections, sections  # read as HTML it was one passage, headings and all
    history = next(p for p in loaded.parsed.passages if p.section == "History")
    assert history.text == "The hall opened in 1862 and burned down in 1909."
    # A page's markup is still HTML with a [[ ]] or {{ }} in its text.
    assert looks_like_html("<html><body><p>Write [[links]] and {{templates}} like this.</p></body></html>")


def test_markdown_with_a_few_tags_keeps_its_headings_and_paragraphs():
    from quizapp.services.importing import read_upload

    markdown = (
        "# Halden Corn Exchange\n\nThe hall opened in 1862.<br>It burned down in 1909.\n\n"
        "## History\n\nGrain was sold there until <b>1950</b>.\n\n## Today\n\nIt is a library.\n"
    )
    assert not looks_like_html(markdown)
    loaded = read_upload(file=None, text=markdown, title=None, max_bytes=100_000)
    passages = [(p.section, p.text) for p in loaded.parsed.passages]
    # Read as HTML, the first sentence went into the title and the rest ran into one passage.
    assert passages == [
        ("", "The hall opened in 1862. It burned down in 1909."),
        ("History", "Grain was sold there until 1950."),
        ("Today", "It is a library."),
    ]


def test_a_line_break_inside_a_paragraph_does_not_split_its_sentence_but_two_do():
    text = html_to_text("<h1>Mars</h1><p>Rovers landed in 1997,<br>2004 and 2012.</p>Old page.<br><br>\n<br>Next part.")
    assert [p.text for p in parse_article(text).passages] == ["Rovers landed in 1997, 2004 and 2012.", "Old page.", "Next part."]


def test_a_pasted_byte_order_mark_does_not_hide_the_title():
    from quizapp.services.importing import read_upload

    loaded = read_upload(file=None, text="\ufeff# Everest\n\nIt is high.\n\n## Climbing\n\nHillary climbed it in 1953.\n", title=None, max_bytes=10_000)
    assert loaded.parsed.title == "Everest" and [p.section for p in loaded.parsed.passages] == ["", "Climbing"]


def test_a_processing_instruction_in_pasted_html_is_left_out_not_an_error():
    # Found by the parser fuzzer: "<?php ... ?>" is a node without a tag name, which raised AttributeError.
    assert html_to_text("<h1>Halden</h1><p>The hall opened <?php echo 1862 ?> in 1862.</p>") == "# Halden\n\nThe hall opened in 1862.\n"


def test_structure_survives_and_furniture_does_not():
    assert looks_like_html(PAGE) and not looks_like_html("Plain text with 3 < 4 and a > b.")
    text = html_to_text(PAGE)
    article = parse_article(text)
    assert article.title == "Tower Bridge"
    assert [s.title for s in article.sections] == ["History"]
    assert [p.text for p in article.passages] == [
        "The bridge opened in 1894. It crosses the River Thames. It is 244 m long & 65 m high.",
        "Bascule bridge",  # the table of figures is gone, as tables are from wiki text and Markdown
        "Suspension bridge",
    ]
    for furniture in ("edit", "[1]", "[2]", "Carries", "Total length", "Main page", "alert", "steal", "onerror"):
        assert furniture not in text


@pytest.mark.parametrize(
    "tail",
    ['<a href="x', "<a <b <c", "</p", "<!-- a comment", "<!doctype", "<?php", "<!x", "<![CDATA[x", '<p title="x>y'],
)
def test_markup_left_open_at_the_end_takes_the_rest_as_in_html5(tail):
    assert html_to_text(f"<h1>Title</h1><p>Text</p>{tail} and more") == "# Title\n\nText\n"


def test_an_unknown_marked_section_is_a_bogus_comment_as_in_browsers():
    """ "<![if x>" (Microsoft Office's conditional) ends at its ">"; what follows is text."""
    assert html_to_text("<h1>Title</h1><p>Text</p><![if x> and more") == "# Title\n\nText\n\nand more\n"
    assert html_to_text("<p>x</p><![foo[ y") == "x\n"


@pytest.mark.parametrize(
    "hostile",
    [
        "<a " * 100_000,  # each unterminated tag used to rescan the rest of the input: minutes
        '<a b="' * 50_000,
        "<!-- x>" * 50_000,
        "<![if x>" * 40_000,
        "<p>" * 100_000 + "<li>" * 100_000,  # elements the next of their kind closes do not nest
    ],
    ids=["open-tags", "open-quotes", "open-comments", "open-sections", "self-closing-runs"],
)
def test_hostile_markup_is_read_in_linear_time(hostile):
    started = time.perf_counter()
    text = html_to_text("<p>Text</p>" + hostile)
    assert time.perf_counter() - started < 10  # well under a second
    assert text.startswith("Text\n")


@pytest.mark.parametrize("nesting", ["<div>" * 50_000, "<nav>" + "<b>" * 50_000 + "</i>" * 50_000, "<ul><li>" * 3_000])
def test_markup_nested_deeper_than_any_page_is_refused_before_parsing(nesting):
    """An HTML5 parser's time grows with the square of the nesting depth (40,000 <div> took 2 s,
    and a 2 MB paste would take minutes): beyond MAX_NESTING the paste is refused at once."""
    started = time.perf_counter()
    with pytest.raises(ArticleError, match="nests its elements more than 2,000 deep"):
        html_to_text("<p>Text</p>" + nesting)
    assert time.perf_counter() - started < 2
    deep_but_real = "<div>" * 100 + "<p>Deep text.</p>" + "</div>" * 100
    assert html_to_text(deep_but_real) == "Deep text.\n"


def test_only_whole_furniture_class_names_are_dropped():
    """A class that merely contains "reference" (or "navbox") is content; the furniture classes themselves are not."""
    text = html_to_text(
        '<h1>Tay Bridge</h1>'
        '<p class="references-intro">The bridge opened in 1878.</p>'
        '<p class="lead navbox-like">It fell in 1879.<sup class="reference">[1]</sup></p>'
        '<div class="navbox">Bridges of Scotland</div>'
    )
    assert "The bridge opened in 1878." in text and "It fell in 1879." in text
    assert "Bridges of Scotland" not in text and "[1]" not in text


def test_tables_of_figures_go_but_a_layout_table_and_a_definition_list_keep_their_text():
    from quizapp.articles.files import parse_article_file

    page = (
        "<h1>Orrin Moons</h1><p>Orrin has two moons.</p>"
        "<table><tr><th>Moon</th><th>Radius</th></tr><tr><td>Vel</td><td>310 km</td></tr></table>"
        "<table><tr><td><p>Vel was found in 1911 by Ada Brenn.</p></td></tr></table>"
        "<dl><dt>Vel</dt><dd>the inner moon, tidally locked</dd><dt>Sor:</dt><dd>the outer moon</dd>"
        "<dd>Sor has a thin haze.</dd></dl>"
    )
    article = parse_article_file(page.encode(), "orrin.html")
    assert [(p.kind, p.text) for p in article.passages] == [
        ("paragraph", "Orrin has two moons."),
        ("paragraph", "Vel was found in 1911 by Ada Brenn."),
        ("list_item", "Vel: the inner moon, tidally locked"),
        ("list_item", "Sor: the outer moon"),
        ("paragraph", "Sor has a thin haze."),
    ]


@pytest.mark.parametrize("upload", [True, False])
def test_a_pages_literal_markdown_characters_and_escaped_tags_reach_the_article_as_shown(upload):
    from quizapp.articles.files import parse_article_file
    from quizapp.services.importing import read_upload

    page = (
        "<h1>Kettle_Works</h1><p>The sum 2 * 3 * 4 uses snake_case names, the tag &lt;b&gt;, a [note] and a ~tilde~.</p>"
        "<p>1. Not a list: the page wrote this number.</p><p># not a heading, and \\ a backslash</p>"
    )
    if upload:
        article = parse_article_file(page.encode(), "kettle.html")
    else:
        article = read_upload(file=None, text=page, title=None, max_bytes=100_000).parsed
    assert article.title == "Kettle_Works"
    assert [(p.kind, p.text) for p in article.passages] == [
        ("paragraph", "The sum 2 * 3 * 4 uses snake_case names, the tag <b>, a [note] and a ~tilde~."),
        ("paragraph", "1. Not a list: the page wrote this number."),
        ("paragraph", "# not a heading, and \\ a backslash"),
    ]
    for passage in article.passages:
        assert article.source[passage.start : passage.end] == passage.text
