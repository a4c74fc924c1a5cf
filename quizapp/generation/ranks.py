"""Ranks: "the fifth planet from the Sun", "the 16th President", "the seventh-largest country".

A subject's place in an order is what a teacher asks of it ("Lincoln was the _____ President"),
and the places beside it are the options a reader could believe. Pure Python, no Flask.
"""

from __future__ import annotations

import random
import re
from typing import NamedTuple

_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_SUPERLATIVES = (
    "largest biggest smallest highest lowest longest shortest most least brightest busiest oldest "
    "youngest richest poorest tallest deepest fastest heaviest hottest coldest widest"
)
# "the fifth planet", "the 16th President", "the seventh-largest country", "the 3rd least populous",
# "the 30th-most extensive": the ordinal and its superlative are the answer; a word must follow.
_RANK = re.compile(
    r"\bthe ((?:" + "|".join(_WORDS) + r")|[1-9]\d?(?:st|nd|rd|th))"
    r"((?:[- ](?:" + "|".join(_SUPERLATIVES.split()) + r"))?)(?= ([\w-]+))",
    re.IGNORECASE,
)
# What follows a number in a sequence of time or text, not a rank of the thing itself ("the 20th
# century", "the 13th Amendment", "the 45th anniversary", "for the fourth time", "a second term").
_NOT_RANKED = frozenset(
    """century centuries millennium amendment amendments anniversary time times term terms edition
    editions day days week weeks month months year years season seasons round rounds grade floor
    generation birthday session congress parliament legislature dynasty row""".split()
)
LOWEST, HIGHEST = 2, 60  # "first" is the guess everyone makes; beyond 60 a rank is a statistic
# The rank is the sentence's subject's: it follows "is", "was", "became", "as" ("admitted as the 49th
# state"), not a comma ("Mirabeau B. Lamar, the second president of ..." ranks Lamar, not the subject).
_OWN_RANK_BEFORE = re.compile(
    r"\b(?:is|was|are|were|became|becomes|become|remains|remained|ranks|ranked|as)(?: (?:now|still|also|currently|once))? $",
    re.IGNORECASE,
)
# "the fourth largest province after Quebec, Ontario, and British Columbia": the list before it counts
# the rank out; "the third brightest ... after the Moon and Venus" too.
_COUNTED_OUT = re.compile(r"\b(?:after|behind) (?:the )?(?-i:[A-Z])|\(the first\b", re.IGNORECASE)
# Any ordinal, to see the ranks a sentence holds besides the one asked.
_ANY_ORDINAL = re.compile(r"\b(?:" + "|".join(_WORDS) + r"|\d{1,2}(?:st|nd|rd|th))\b", re.IGNORECASE)
NEAR = 3  # another rank this close in the stem rules options out ("second-largest ... fell into third place")


class Rank(NamedTuple):
    start: int  # offsets in the text searched
    end: int
    text: str  # "fifth", "16th", "seventh-largest"
    value: int


def ranks_in(text: str) -> list[Rank]:
    """The ranks ``text`` gives something, as written."""
    found: list[Rank] = []
    others: list[tuple[int, int | None]] | None = None  # found only once a rank is (most sentences hold none)
    for match in _RANK.finditer(text):
        ordinal, superlative, following = match.group(1), match.group(2), match.group(3)
        if following.lower() in _NOT_RANKED:
            continue
        value = _value(ordinal)
        if value is None or not LOWEST <= value <= HIGHEST:
            continue
        if not _OWN_RANK_BEFORE.search(text, 0, match.start()) or _COUNTED_OUT.search(text, match.end()):
            continue
        if others is None:
            others = [(m.start(), _value(m.group())) for m in _ANY_ORDINAL.finditer(text)]
        if any(at != match.start(1) and other and abs(other - value) <= NEAR for at, other in others):
            continue
        found.append(Rank(match.start(1), match.end(2), ordinal + superlative, value))
    return found


def neighbours(rank: Rank, wanted: int, rng: random.Random) -> list[str]:
    """``wanted`` ranks near ``rank``, written as it is (a word or digits, its superlative, its case)."""
    top = len(_WORDS) if rank.text[:1].isalpha() else HIGHEST + 3  # "twenty-first" is not written here
    # "First" is never the answer but is an option beside "second" (written "largest" beside
    # "second-largest"): else the lowest option would always be right.
    near = [v for v in (rank.value - 1, rank.value + 1, rank.value - 2, rank.value + 2, rank.value + 3) if 1 <= v <= top]
    pool = near[:2] + rng.sample(near[2:], len(near[2:]))
    return [_written_like(rank, value) for value in pool[:wanted]]


def _value(ordinal: str) -> int | None:
    lowered = ordinal.lower()
    if lowered in _WORDS:
        return _WORDS.index(lowered) + 1
    digits = lowered[:-2]
    if digits.isdigit() and lowered[-2:] == _suffix(int(digits)):
        return int(digits)
    return None  # "22th": not an ordinal


def _suffix(value: int) -> str:
    if value % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


def _written_like(rank: Rank, value: int) -> str:
    ordinal = re.match(r"[A-Za-z]+|\d+(?:st|nd|rd|th)", rank.text).group()
    rest = rank.text[len(ordinal) :]
    if value == 1 and rest:
        superlative = rest[1:]  # "the largest", not "the first-largest"
        return superlative.capitalize() if ordinal[0].isupper() else superlative
    if ordinal[0].isdigit():
        written = f"{value}{_suffix(value)}"
    else:
        written = _WORDS[value - 1]
        if ordinal[0].isupper():
            written = written.capitalize()
    return written + rest
