"""Fuzzing question-bank import: any document is either a valid bank or a BankError, never a crash."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.articles import parse_article
from quizapp.generation import generate_questions, validate_question
from quizapp.generation.bank import BankError, dump_bank, load_bank

from .conftest import SAMPLE_ARTICLE

pytestmark = pytest.mark.fuzz

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


_parsed = parse_article(SAMPLE_ARTICLE.read_bytes())
VALID_BANK = dump_bank(_parsed, generate_questions(_parsed))


def load_or_refuse(document) -> None:
    data = document if isinstance(document, (bytes, str)) else json.dumps(document)
    try:
        article, questions = load_bank(data)
    except BankError as error:
        assert str(error)  # refused with a message
        return
    for question in questions:  # accepted: then every question is fully valid
        assert validate_question(article, question) == []


@settings(max_examples=150, deadline=None)
@given(JSON_VALUES)
def test_arbitrary_json_is_refused_cleanly(document):
    load_or_refuse(document)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_refused_cleanly(data):
    load_or_refuse(data)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["article", "questions"]),
    st.integers(min_value=0, max_value=50),
    st.sampled_from(["id", "type", "prompt", "choices", "answer", "source", "passage", "start", "end", "text", "section"]),
    JSON_VALUES,
)
def test_a_valid_bank_with_one_field_corrupted_is_valid_or_refused(part, index, key, value):
    bank = json.loads(json.dumps(VALID_BANK))
    if part == "article":
        passages = bank["article"]["passages"]
        target = passages[index % len(passages)]
    else:
        question = bank["questions"][index % len(bank["questions"])]
        target = question["source"] if key in ("passage", "start", "end") else question
    target[key] = value
    load_or_refuse(bank)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["[", '{"a": ', '{"article": ', "[1, ", '{"questions": [{"source": ']), min_size=1, max_size=8),
       st.integers(min_value=1, max_value=20_000))
def test_nesting_of_any_depth_is_read_or_refused_cleanly(openers, repeat):
    load_or_refuse("".join(openers) * repeat)


# Any code point, unpaired surrogates ("\ud800" escapes in the file) included: hypothesis's text() leaves them out.
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()) | st.characters(categories=["Cs"]), min_size=1, max_size=20)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["title", "text", "section", "prompt", "answer", "explanation", "choices"]),
    st.integers(min_value=0, max_value=50),
    ANY_TEXT,
)
def test_any_character_in_a_text_field_is_read_or_refused(key, index, text):
    bank = json.loads(json.dumps(VALID_BANK))
    if key == "title":
        bank["article"]["title"] = text
    elif key in ("text", "section"):
        passage = bank["article"]["passages"][index % len(bank["article"]["passages"])]
        passage[key] += text
    else:
        question = bank["questions"][index % len(bank["questions"])]
        if key == "choices":
            question[key] = [*question.get("choices", []), text]
        elif isinstance(question.get(key), list):
            question[key] = [*question[key][:-1], question[key][-1] + text]  # an ordering's answer: its last event
        else:
            question[key] = question.get(key, "") + text
    data = json.dumps(bank)
    load_or_refuse(data)
    try:
        article, questions = load_bank(data)
    except BankError:
        return
    json.dumps(dump_bank(article, questions), ensure_ascii=False).encode("utf-8")  # everything accepted can be stored
