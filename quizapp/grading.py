"""Tolerant grading of typed answers: pure Python, no web layer.

A typed answer is accepted when it says the same as the expected one up to case,
accents, a leading article (a/an/the), punctuation, spacing, the way a number is
written (190,000 = 190000 = "190 000"; "two" = 2) and, for words long enough to
bear it, a small typo. A different number is never accepted, and a typo is never
allowed to change the first letter or a short word, so "Prussia" does not pass
for "Russia" nor "Iraq" for "Iran".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import OSA  # Damerau-Levenshtein (optimal string alignment), in C

_SPECIAL_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ß": "ss",
     "\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-"}
)
# Thousands separators between digit groups: comma, space, no-break spaces, apostrophe.
_DIGIT_GROUP = re.compile(r"(?<=\d)[,\u00a0\u202f '](?=\d{3}(?!\d))")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d{1,2}(?!\d)|\d{4,})")
_NOT_WORD = re.compile(r"[^\w.]+|_|(?<!\d)\.|\.(?!\d)")
_LEADING_ARTICLE = re.compile(r"^(?:(?:the|a|an) )+(?=\S)")
_NUMBER_TOKEN = re.compile(r"^\d+(?:\.\d+)?$")
_NUMBER_WORDS = {
    word: str(n)
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_CHOICE_TYPES = ("multiple_choice", "true_false", "who_said")
_TYPED_TYPES = ("cloze", "short_answer")


@lru_cache(maxsize=65536)
def normalise_answer(text: str) -> str:
    """Canonical form of an answer for comparison: 'The  Élysée Palace!' -> 'elysee palace'.

    Normalising twice changes nothing: one pass can leave what another would join
    ('¼00' -> '1 400' -> '1400'), so passes repeat until the text is stable.
    """
    for _ in range(4):
        normalised = _normalise_once(text)
        if normalised == text:
            break
        text = normalised
    return text


def _normalise_once(text: str) -> str:
    if text.isascii():  # most answers and sentences: no accents to strip, no special letters
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().translate(_SPECIAL_LETTERS)
    text = _DIGIT_GROUP.sub("", text)
    text = _DECIMAL_COMMA.sub(".", text)
    tokens = []
    for token in _NOT_WORD.sub(" ", text).split():
        if _NUMBER_TOKEN.match(token):
            token = _canonical_number(token)
        tokens.append(_NUMBER_WORDS.get(token, token))
    return _LEADING_ARTICLE.sub("", " ".join(tokens))


def _canonical_number(token: str) -> str:
    """'007' -> '7', '2.50' -> '2.5', '0.1' stays '0.1' (not '.1', which would read as 1 next time)."""
    whole, _, fraction = token.partition(".")
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def allowed_typos(answer: str) -> int:
    """How many edits a typed answer of this (normalised) expected answer may contain."""
    letters = sum(ch.isalpha() for ch in answer)
    if letters <= 4:
        return 0
    if letters <= 8:
        return 1
    return 2


def grade(question_type: str, given: str | list[str], answer: str | list[str]) -> bool:
    """True when ``given`` answers a question of ``question_type`` whose right answer is ``answer``.

    ordering: the lists must match item by item; choice types (multiple_choice,
    true_false, who_said): the chosen option must equal the answer once normalised;
    cloze: tolerant matching as described in the module docstring.
    """
    if question_type == "ordering":
        if not isinstance(given, (list, tuple)) or not isinstance(answer, (list, tuple)) or len(given) != len(answer):
            return False
        return all(isinstance(g, str) and normalise_answer(g) == normalise_answer(a) for g, a in zip(given, answer))
    if not isinstance(given, str) or not isinstance(answer, str):
        return False
    expected = normalise_answer(answer)
    typed = normalise_answer(given)
    if not typed or not expected:
        return False
    if question_type in _CHOICE_TYPES:
        return typed == expected
    if question_type in _TYPED_TYPES:
        return _tolerant_match(typed, expected)
    raise ValueError(f"Unknown question type {question_type!r}.")


def _tolerant_match(typed: str, expected: str) -> bool:
    if typed == expected or typed.replace(" ", "") == expected.replace(" ", ""):
        return True
    typed_numbers = [t for t in typed.split() if any(ch.isdigit() for ch in t)]
    expected_numbers = [t for t in expected.split() if any(ch.isdigit() for ch in t)]
    if typed_numbers != expected_numbers:
        return False  # a different number is a different answer, however close it looks
    # The shorter of the two sets the budget: "Austria" is two edits from "Australia", not a typo of it.
    budget = min(allowed_typos(expected), allowed_typos(typed))
    if budget == 0 or typed[0] != expected[0]:
        return False
    typed_words, expected_words = typed.split(), expected.split()
    if len(typed_words) == len(expected_words):
        for t, e in zip(typed_words, expected_words):
            if t == e:
                continue
            # Each misspelt word must itself be long enough to allow a typo and keep its first letter.
            if t[0] != e[0] or allowed_typos(e) == 0 or any(ch.isdigit() for ch in t + e):
                return False
    return OSA.distance(typed, expected, score_cutoff=budget) <= budget
