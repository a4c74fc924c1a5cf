"""Property-based tests: on arbitrary text the parser and generator never crash and never cite a bad span."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.articles import ArticleError, parse_article
from quizapp.generation import generate_questions, validate_question
from quizapp.generation.bank import dump_bank, load_bank
from quizapp.generation.sentences import split_sentences
from quizapp.generation.types import grade
from quizapp.grading import normalise_answer

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of realistic article text, so that generated texts hit dates, names, quantities and quotes.
FRAGMENTS = st.sampled_from(
    [
        "In 2019, ", "On November 26, 2021, ", "In early December ", "In May 1940, ", "On 3 October 1990, ",
        "the president Anna Keller ", "Boris Lang ", "the Wagner Group ", "Russia ", "Kyiv ", "He ", "She ",
        "They ", "It ", "said \"We never do things like that.\" ", "saying \"I can't talk about it.\" ",
        "some 400 mercenaries ", "up to 190,000 troops ", "2.3 million doses ", "Dr. ", "U.S. ", "was elected ",
        "denied any involvement", "launched an invasion of Ukraine", ". ", ", ", "\n\n", "\n== Section ==\n",
        "\n- ", "(", ")", "\"", "Mr. Gorbachev, ", "1–2 ", "the ", "and ", "Zelenskyy ", "Zelensky ",
        "Title is ", "The Title was ", "Its ", "It was ",  # "It" standing for the article's subject
    ]
)
ARTICLE_TEXT = st.lists(FRAGMENTS, min_size=1, max_size=60).map("".join)
# A sentence about the article ("= Title =") and one that calls it It or Its, then anything.
IT_FOR_THE_TITLE = st.tuples(
    st.sampled_from(["Title", "The Title"]), ARTICLE_TEXT, st.sampled_from(["It was", "Its"]), ARTICLE_TEXT, ARTICLE_TEXT
).map(lambda parts: f"{parts[0]} was founded by Anna Keller in 1921 {parts[1]}. {parts[2]} {parts[3]} in 2019. {parts[4]}")
ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=0, max_size=400
)


def check_questions(article, questions):
    ids = set()
    for q in questions:
        assert q.id not in ids
        ids.add(q.id)
        assert validate_question(article, q) == [], q
        passage = article.passage(q.source.passage)
        assert 0 <= q.source.start < q.source.end <= len(passage.text)


@SETTINGS
@given(st.one_of(ARTICLE_TEXT, IT_FOR_THE_TITLE, ANY_TEXT), st.integers(min_value=0, max_value=5))
def test_generator_never_crashes_nor_cites_a_bad_span(text, seed):
    try:
        article = parse_article("= Title =\n\n" + text)
    except ArticleError:
        return
    questions = generate_questions(article, seed=seed)
    check_questions(article, questions)
    assert generate_questions(article, seed=seed) == questions  # deterministic
    check_questions(article, generate_questions(article, seed=seed, max_questions=200))  # side details too


@SETTINGS
@given(ANY_TEXT)
def test_parser_and_generator_survive_any_text(text):
    try:
        article = parse_article(text)
    except ArticleError:
        return
    check_questions(article, generate_questions(article))


@SETTINGS
@given(st.one_of(ARTICLE_TEXT, ANY_TEXT))
def test_sentences_are_exact_spans_in_order(text):
    spans = split_sentences(text)
    previous_end = 0
    for span in spans:
        assert text[span.start : span.end] == span.text
        assert span.text == span.text.strip() and span.text
        assert span.start >= previous_end
        previous_end = span.end
    assert "".join(text.split()) == "".join("".join(s.text for s in spans).split())


@settings(max_examples=25, deadline=None)
@given(ARTICLE_TEXT)
def test_bank_round_trip_on_generated_articles(text):
    try:
        article = parse_article("= Title =\n\n" + text)
    except ArticleError:
        return
    questions = generate_questions(article)
    _rebuilt, loaded = load_bank(json.dumps(dump_bank(article, questions)))
    assert list(loaded) == questions


@SETTINGS
@given(ANY_TEXT)
def test_normalise_is_idempotent_and_an_answer_matches_itself(text):
    once = normalise_answer(text)
    assert normalise_answer(once) == once
    if once:
        assert grade("cloze", text, text)
        assert grade("multiple_choice", text, text)


# Pieces of dates, so that generated answers put days, months and years side by side in every order.
DATE_TEXT = st.lists(
    st.sampled_from(
        ["19", "19th", "1", "31", "32", "05", "1906", "2021", "044", "0", "two", "April", "Apr.", "Sept", "may", "MAY",
         "December", "dec", "the", "of", ",", "-", "\u2013", " ", "1906-04-19", "2021-11-26", "1906-13-01", "x", "."]
    ),
    max_size=12,
).map(" ".join)


@SETTINGS
@given(st.one_of(DATE_TEXT, DATE_TEXT.map(lambda text: text.replace(" ", ""))))
def test_dates_normalise_once_and_for_all(text):
    once = normalise_answer(text)
    assert normalise_answer(once) == once
    if once:
        assert grade("cloze", text, text)


@SETTINGS
# From 1000: "Jan 1 999" reads as "Jan 1999", the space taken for a thousands separator.
@given(st.dates(min_value=date(1000, 1, 1)), st.dates(min_value=date(100, 1, 1)))
def test_a_date_matches_itself_in_every_spelling_and_no_other_date(a, b):
    spellings = [f"{a.day} {a:%B %Y}", f"{a:%B} {a.day}, {a.year}", f"{a.day} {a:%b %Y}", f"{a:%b} {a.day} {a.year}"]
    spellings.append(a.isoformat())
    for given in spellings:
        assert grade("cloze", given, spellings[0]), given
        if a != b:
            assert not grade("cloze", given, f"{b.day} {b:%B} {b.year}"), given


@SETTINGS
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_a_different_number_is_never_accepted(a, b):
    assert grade("cloze", f"{a:,}", str(a))
    assert grade("cloze", str(a), f"{a:,}")
    if a != b:
        assert not grade("cloze", str(b), f"{a:,}")
        assert not grade("cloze", f"{b} troops", f"{a} troops")
