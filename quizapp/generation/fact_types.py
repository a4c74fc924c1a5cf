"""What reading an article yields: its sentences and the facts in them, as plain immutable
records every pass and question type shares."""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

from ..articles import Passage

# Sentence and Fact are named tuples, not frozen dataclasses: an article has thousands of
# them, and a named tuple is made several times faster, still immutable and hashable.
class Sentence(NamedTuple):
    index: int  # in the whole article
    passage: Passage
    start: int  # offsets in passage.text
    end: int
    text: str
    number_in_passage: int
    is_lead: bool


class Fact(NamedTuple):
    """A span of a sentence that a question can ask about.

    ``kind``: date, number, person, org, place, event, award, misc; rank (the subject's place in an
    order, found by ``ranks`` and asked only with options).
    ``form``: the shape shared with acceptable distractors (a date format, a unit, "surname").
    ``key``: identity (two mentions of one person share it). ``value``: sort key or magnitude.
    """

    kind: str
    form: str
    sentence: int
    start: int  # offsets in passage.text
    end: int
    text: str
    key: str
    value: object = None


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and space-insensitive identity of a name."""
    return " ".join(text.casefold().replace("\u2019", "'").split())


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap one of ``spans`` (sorted, not overlapping each other)? A binary
    search: a sentence of a hundred kilobytes holds thousands of dates and numbers."""
    i = bisect_left(spans, (end,)) - 1  # the last span starting before ``end``
    return i >= 0 and start < spans[i][1]
