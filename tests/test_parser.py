"""The article parser on the sample article, Markdown, plain text and malformed input."""

import pytest

from quizapp.articles import ArticleError, detect_format, parse_article, slugify
from quizapp.articles.parser import is_content_section

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
        "The Calvin cycle fixes carbon.",  # emphasis marks go, the words stay
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


WIKI_SOURCE = """{{Short description|English mathematician}}
{{Infobox person
| name = Ada Lovelace
| birth_date = {{birth date|1815|12|10}}
}}
'''Augusta Ada King''' (10 December 1815 – 27 November 1852) was an English [[mathematician]], known for her work on [[Charles Babbage]]'s [[Analytical Engine|engine]].<ref>{{cite book |title=Ada |year=1992}}</ref> She was the daughter of [[Lord Byron]].<ref name="b"/>

== Early life ==
[[File:Ada Lovelace portrait.jpg|thumb|A portrait by [[Alfred Edward Chalon]]]]
In June 1833 Ada met ''Charles Babbage'' at a party in London.<!-- hidden note --> See [https://example.org the archive] and [https://example.org/bare].
* Her tutors included [[Mary Somerville]].
** Later, [[Augustus De Morgan]].
# Numbered, too.

== References ==
{{reflist}}

[[Category:1815 births]]
"""


def test_mediawiki_source_is_read_as_its_text():
    article = parse_article(WIKI_SOURCE, filename="ada-lovelace.wiki")
    assert article.format == "wiki" and article.title == "Ada lovelace"
    texts = [p.text for p in article.passages]
    assert texts == [
        "Augusta Ada King (10 December 1815 – 27 November 1852) was an English mathematician, known for her work "
        "on Charles Babbage's engine. She was the daughter of Lord Byron.",
        "In June 1833 Ada met Charles Babbage at a party in London. See the archive and .",
        "Her tutors included Mary Somerville.",
        "Later, Augustus De Morgan.",
        "Numbered, too.",
    ]
    assert [s.title for s in article.sections] == ["Early life", "References"]
    for passage in article.passages:  # still exact spans, of the text as read
        assert article.source[passage.start : passage.end] == passage.text
    for mark in ("[[", "]]", "{{", "}}", "<ref", "'''", "''", "<!--", "Category"):
        assert mark not in article.source


def test_questions_from_mediawiki_source_carry_no_markup():
    from quizapp.generation import generate_questions

    article = parse_article(WIKI_SOURCE.replace("{{reflist}}", "") * 1, filename="ada.wiki")
    for question in generate_questions(article):
        text = question.prompt + " ".join(question.choices) + str(question.answer)
        assert not any(mark in text for mark in ("[[", "{{", "<ref", "''")), question.prompt


def test_markdown_inline_formatting_is_read_as_its_text():
    source = (
        "# Apollo 11\n\n"
        "**Apollo 11** landed on the [Moon](https://en.wikipedia.org/wiki/Moon). Commander *Neil Armstrong* and "
        "__Buzz Aldrin__ flew _Eagle_; see ![a photo](moon.png) and `code` and ~~not this~~ \\*stars\\*.\n\n"
        "> \"That's one small step for man.\"\n\n"
        "---\n\n"
        "Plain: 5 * 3 * 2, snake_case_name, 2*3*4 and a [reference link][1].\n\n"
        "[1]: https://example.org\n"
    )
    article = parse_article(source)
    assert article.format == "markdown" and article.title == "Apollo 11"
    assert [p.text for p in article.passages] == [
        "Apollo 11 landed on the Moon. Commander Neil Armstrong and Buzz Aldrin flew Eagle; see a photo and code "
        "and *stars*.",  # struck-out words are not what the article says
        "\"That's one small step for man.\"",
        "Plain: 5 * 3 * 2, snake_case_name, 2*3*4 and a reference link.",
    ]


def test_wikitext_sections_without_a_title_line_are_wiki():
    assert detect_format("'''Ada''' was a mathematician.\n\n== Early life ==\nText.") == "wiki"
    assert detect_format("A == B is true.\n\nNo headings here.") == "plain"


@pytest.mark.parametrize(
    "hostile",
    [
        "[[" * 200_000, "{{" * 200_000, "<ref>" * 100_000, "<!--" * 100_000, "**a" * 150_000, "[a](" * 100_000,
        "''x" * 150_000, "[http://a " * 100_000, '[a](u "' * 100_000, "![" * 200_000, "`" * 200_000, "_a" * 150_000,
        "[[x" * 100_000 + "]]" * 100_000, "{{x" * 100_000 + "}}" * 100_000, "<b a=1" * 100_000,
        "```\n" * 100_000, "````\n```\n" * 60_000, "```a`" * 100_000, "*a\n" * 150_000, "**a\n" * 150_000,
        "a\n===\n" * 100_000, "<gallery>" * 100_000, "x'''y'' " * 100_000, "x[1]" * 200_000, " \t[edit]" * 100_000,
        "Short heading\n\n" * 100_000, " " * 500_000 + "[edit]x", "a|b\n-|-\n" * 100_000, "|" + "-" * 500_000 + "x",
        "\\# x\n" * 100_000,
    ],
)
def test_unclosed_markup_is_read_in_linear_time(hostile):
    import time

    for fmt in ("wiki", "markdown", "plain"):
        started = time.perf_counter()
        try:
            parse_article(f"= T =\n\n{hostile}\n", fmt=fmt)
        except ArticleError:
            pass
        assert time.perf_counter() - started < 5, fmt  # well under a second; quadratic would take minutes


def test_more_markdown_a_teacher_pastes_is_read_as_its_text():
    source = (
        "---\ntitle: Notes\nauthor: me\n---\n# Mars rovers\n\n"
        "The rover [Curiosity](https://en.wikipedia.org/wiki/Curiosity_(rover)) landed in 2012.[^1] "
        "It is <em>still</em> driving.\n\n"
        "| Rover | Landed |\n|---|---|\n| Curiosity | 2012 |\n\n"
        "[^1]: NASA, 2012.\n"
    )
    article = parse_article(source)
    assert article.title == "Mars rovers" and article.sections == ()
    assert [p.text for p in article.passages] == ["The rover Curiosity landed in 2012. It is still driving."]


def test_wiki_templates_that_carry_words_keep_them():
    article = parse_article(
        "= Eiffel Tower =\n\nThe tower is {{convert|300|m|ft}} tall{{efn|Without antennas.}} and was built "
        "{{circa|1889}} in Paris ({{lang-fr|Tour Eiffel}}).&nbsp;Work took two&nbsp;years &ndash; from 1887.\n"
    )
    assert article.passages[0].text == (
        "The tower is 300 m tall and was built c. 1889 in Paris (Tour Eiffel).\u00a0Work took two\u00a0years – from 1887."
    )
    # Unit codes are shown as the page shows them: "3 e6carat" would be nonsense to a student.
    mines = parse_article("= Mines =\n\nThe mines gave {{convert|3|e6carat}} of diamonds and {{convert|50|koilbbl/d}} from its wells, "
                          "from reserves of {{convert|300|e6t}} and {{convert|2|-|4|kt}}.\n")
    assert mines.passages[0].text == (
        "The mines gave 3 million carats of diamonds and 50 thousand barrels of oil per day from its wells, "
        "from reserves of 300 million tonnes and 2–4 kt."
    )


def test_dash_templates_and_their_redirects_show_their_dash():
    # "over the 2009{{endash}}2014 period" once read "over the 20092014 period", and a numeric
    # question asked for "20092014".
    article = parse_article(
        "= Tax =\n\nIt avoided tax over the 2009{{endash}}2014 period{{snd}}and 1990{{en dash}}1995{{emdash}}"
        "or so it is alleged{{spaced mdash}}by some.\n"
    )
    assert article.passages[0].text == "It avoided tax over the 2009–2014 period – and 1990–1995—or so it is alleged — by some."


def test_dates_abbreviations_fractions_and_quotes_in_wiki_templates_keep_their_words():
    article = parse_article(
        "= Edda Lund =\n\n'''Edda Lund''' (born {{birth date|df=y|1901|3|4}}; died {{death date and age|1975|11|2|1901|3|4}}) "
        "commanded {{ship|HMS|Tern}} for the {{abbr|RN|Royal Navy}}. {{As of|2020}}, her log of {{formatnum:1250}} pages "
        "and {{frac|2|1|2}} volumes of letters is kept in [[Bergen]] ({{ill|Ola Lund|no}} gave it).\n\n"
        "{{quote|text=The sea keeps no diary.|author=Edda Lund}}\n\n"
        "{{quote|Her crew came from the [[Faroe Islands|Faroes]] and [[Shetland]].|[[Ola Lund|her brother]]}}\n"
    )
    assert [p.text for p in article.passages] == [
        "Edda Lund (born 4 March 1901; died November 2, 1975) commanded HMS Tern for the RN. As of 2020, her log of "
        "1250 pages and 2 1/2 volumes of letters is kept in Bergen (Ola Lund gave it).",
        "The sea keeps no diary. — Edda Lund",
        "Her crew came from the Faroes and Shetland. — her brother",  # a link's pipe is not the template's
    ]


def test_apostrophes_beside_wiki_bold_and_italics_stay():
    # MediaWiki reads quotes line by line: an odd bold beside an odd italic is an apostrophe.
    article = parse_article(
        "= Beagle =\n\nDarwin sailed on ''Beagle'''s second voyage.\n\n'''Darwin''''s notes survive.\n\n"
        "He read l'''homme''.\n\n'''Bold''' and ''italic'' stay words.\n"
    )
    assert [p.text for p in article.passages] == [
        "Darwin sailed on Beagle's second voyage.", "Darwin's notes survive.", "He read l'homme.", "Bold and italic stay words."
    ]


def test_a_bold_italic_run_left_open_is_read_not_an_error():
    # Found by the parser fuzzer: a line whose only odd quotes are a ''''' run once raised IndexError.
    article = parse_article("= Stink =\n\n'''''The Great Stink came in 1858.\n\nThe ''Thames'' smelt.\n")
    assert [p.text for p in article.passages] == ["The Great Stink came in 1858.", "The Thames smelt."]


def test_wiki_galleries_go_and_formulas_keep_their_text_and_markdown_comments_go():
    wiki = parse_article(
        "= Edda Lund =\n\nShe wrote <math>v = d/t</math> in 1921.\n\n<gallery>\nFile:Lund.jpg|Edda Lund in 1921\n</gallery>\n\n"
        "She moved to Bergen in 1933.\n"
    )
    assert [p.text for p in wiki.passages] == ["She wrote v = d/t in 1921.", "She moved to Bergen in 1933."]
    markdown = parse_article("# Titanic\n\n<!-- check dates -->\nThe ship sank in 1912.\n\n<!--\nnotes\n\nmore\n-->\n\n## Wreck\n\nFound in 1985.\n")
    assert [(p.section, p.text) for p in markdown.passages] == [("", "The ship sank in 1912."), ("Wreck", "Found in 1985.")]


def test_markup_without_headings_is_still_recognised():
    assert detect_format("'''Ada Lovelace''' was an English [[mathematician]].") == "wiki"
    assert detect_format("**Apollo 11** landed on the [Moon](https://example.org/moon).") == "markdown"
    assert detect_format("Just words.", "notes.md") == "markdown" and detect_format("Just words.", "ada.wiki") == "wiki"
    assert detect_format("Cats and dogs, 5 * 3 = 15.") == "plain"
    pasted = parse_article("'''Ada Lovelace''' was an English [[mathematician]].<ref>Toole</ref>", filename="Ada")
    assert pasted.passages[0].text == "Ada Lovelace was an English mathematician."


def test_ordinary_text_that_looks_a_little_like_markup_is_kept():
    from quizapp.articles.markup import markdown_to_text, wikitext_to_text

    wiki = 'In maths x<b and c>d holds.<ref name="a/b">Cite</ref> See <b>this</b>.'
    assert wikitext_to_text(wiki) == "In maths x<b and c>d holds. See this."
    notes = "[1]: Smith, J. (1999) The Book.\n[Editor's note]: The figures are old.\n[moon]: https://example.org/moon \"Moon\"\n"
    assert markdown_to_text(notes) == "[1]: Smith, J. (1999) The Book.\n[Editor's note]: The figures are old.\n\n"


def test_markdown_nesting_line_breaks_setext_headings_and_code_blocks():
    article = parse_article(
        "Tay Bridge\n==========\n\n"
        "The **first *Tay* Bridge** was designed by\n*Thomas Bouch and opened\nin 1878*.\n\n"
        "```python\nbridge = collapse(1879)\n```\n\n"
        "Disaster\n--------\n\n"
        "It fell in a __storm on\n28 December 1879__.\n\n"
        "~~~\nno closing fence: code to the end\n",
        fmt="markdown",
    )
    assert article.title == "Tay Bridge"
    assert [s.title for s in article.sections] == ["Disaster"]
    assert [p.text for p in article.passages] == [
        "The first Tay Bridge was designed by\nThomas Bouch and opened\nin 1878.",
        "It fell in a storm on\n28 December 1879.",
    ]


def test_underlined_headings_without_other_markdown_are_headings():
    article = parse_article("Tay Bridge\n==========\n\nIt opened in 1878.\n\nIt fell in 1879.\n", fmt="markdown")
    assert article.title == "Tay Bridge"
    assert [p.text for p in article.passages] == ["It opened in 1878.", "It fell in 1879."]


def test_plain_text_copied_from_a_rendered_page_keeps_its_sections_and_loses_its_marks():
    """A browser copy of a wiki page: headings are short lines alone, with "[edit]" after them,
    and footnote calls are fastened to the words; none of that is the article's text."""
    copied = (
        "Tessa Marlowe\n\nFrom Wikipedia, the free encyclopedia\n\n"
        "Tessa Marlowe (born 1951) is a Welsh glaciologist.[1][2] She directed a polar institute.[citation needed]\n\n"
        "Early life[edit]\n\nMarlowe was born in Aberhafren.[3] She studied physics.\n\n"
        "Career [edit]\n\nFieldwork[edit]\n\nIn 1978 she led the first winter survey of the ice cap.[a]\n\n"
        "References[edit]\n\n^ Jones, P. (2001). Ice and Light.\n"
    )
    article = parse_article(copied)
    assert article.format == "plain"
    assert article.title == "Tessa Marlowe"
    assert [s.title for s in article.sections] == ["Early life", "Career", "Fieldwork", "References"]
    assert [(p.section, p.text) for p in article.passages if is_content_section(p.section)] == [
        ("", "Tessa Marlowe (born 1951) is a Welsh glaciologist. She directed a polar institute."),
        ("Early life", "Marlowe was born in Aberhafren. She studied physics."),
        ("Fieldwork", "In 1978 she led the first winter survey of the ice cap."),
    ]
    for passage in article.passages:
        assert article.source[passage.start : passage.end] == passage.text


@pytest.mark.parametrize(
    "line",
    [
        "He was forty-two.",  # a sentence
        "The survey found three things:",  # introduces what follows
        "as the notes say",  # not capitalised
        "A line far too long to be a heading because it goes on and on and on past ten words",
        "[a] the author's own bracket",  # not fastened to a word: kept as written
    ],
)
def test_plain_text_short_lines_that_are_not_headings_stay_text(line):
    article = parse_article(f"Title line\n\nFirst paragraph here.\n\n{line}\n\nLast paragraph here.\n")
    assert article.sections == ()
    assert [p.text for p in article.passages] == ["First paragraph here.", line, "Last paragraph here."]


def test_markdown_with_underlined_headings_is_markdown_even_in_a_txt_file():
    source = "Tide pools\n==========\n\nA tide pool holds sea water at low tide.\n\nLife\n----\n\nAnemones live there.\n"
    assert detect_format(source, "notes.txt") == "markdown"
    article = parse_article(source, filename="notes.txt")
    assert article.title == "Tide pools" and [s.title for s in article.sections] == ["Life"]
    assert [p.text for p in article.passages] == ["A tide pool holds sea water at low tide.", "Anemones live there."]
    # Dashes under a list item, or a single mark, are not a heading.
    assert detect_format("- one item\n---\n\nText.\n") == "plain"
    assert detect_format("Costs went up\n-\n\nText.\n") == "plain"


def test_markdown_with_a_plain_first_line_over_level_two_headings_takes_it_as_title():
    article = parse_article("Kelp forests\n\nKelp grows in cold water.\n\n## Ecology\n\nUrchins graze on kelp.\n")
    assert article.title == "Kelp forests" and not article.title_guessed
    assert [p.text for p in article.passages] == ["Kelp grows in cold water.", "Urchins graze on kelp."]
    # With a "# Title" of its own, the first line stays text.
    titled = parse_article("Kelp grows.\n\n# Kelp forests\n\n## Ecology\n\nUrchins graze.\n")
    assert [p.text for p in titled.passages][0] == "Kelp grows."


def test_a_markdown_list_item_wrapped_over_lines_is_one_passage_and_survives_the_round_trip():
    from quizapp.articles.source import article_source

    source = (
        "# Moons\n\nIntro.\n\n- Io has volcanoes that erupt\n  sulphur plumes.\n- Europa has an ocean\nunder its ice.\n"
        "  - A nested item\n\nClosing paragraph.\n"
    )
    article = parse_article(source)
    assert [(p.kind, p.text) for p in article.passages] == [
        ("paragraph", "Intro."),
        ("list_item", "Io has volcanoes that erupt sulphur plumes."),
        ("list_item", "Europa has an ocean under its ice."),
        ("list_item", "A nested item"),
        ("paragraph", "Closing paragraph."),
    ]
    for passage in article.passages:
        assert article.source[passage.start : passage.end] == passage.text
    again = parse_article(article_source(article.title, article.sections, article.passages), fmt="wiki")
    assert [(p.anchor, p.kind, p.text) for p in again.passages] == [(p.anchor, p.kind, p.text) for p in article.passages]


def test_an_escaped_marker_at_a_markdown_line_start_is_text_not_structure():
    article = parse_article("# Charts\n\n\\# 1 in the charts for a week.\n\n1\\. Not a list item.\n\n\\- Nor this.\n")
    assert article.sections == ()
    assert [(p.kind, p.text) for p in article.passages] == [
        ("paragraph", "# 1 in the charts for a week."),
        ("paragraph", "1. Not a list item."),
        ("paragraph", "- Nor this."),
    ]


def test_a_markdown_table_without_outer_pipes_goes_like_any_table():
    source = "# Moons\n\nOrrin has two moons.\nMoon | Radius\n:--- | ---:\nVel | 310 km\nSor | 95 km\n\nVel is the larger.\n"
    article = parse_article(source)
    assert [p.text for p in article.passages] == ["Orrin has two moons.", "Vel is the larger."]
    # A pipe in a sentence, with no delimiter row under it, is text.
    kept = parse_article("# Notes\n\nUse a | b for either.\nThe next line - is not a delimiter.\n")
    assert [p.text for p in kept.passages] == ["Use a | b for either.\nThe next line - is not a delimiter."]
