"""Dates and quantities in a sentence: the facts a question can ask as a year or a number.

Regular expressions only; each pattern opens with a look-ahead for its possible first characters
so the engine skips other positions quickly.
"""

from __future__ import annotations

import re

from . import lexicon as lx
from .fact_types import Fact, Sentence, fold, overlaps

_M = "(?:" + "|".join(lx.MONTHS) + ")"
# Each pattern opens with a look-ahead for its possible first characters: the regex engine
# then skips other positions quickly instead of trying every alternative at each (2-3x faster).
DATE_PATTERN = re.compile(
    rf"(?=[\dA-Zelm])\b(?:(?P<mdy_m>{_M}) (?P<mdy_d>\d{{1,2}})(?P<mdy_r>[\u2013-]\d{{1,2}})?, (?P<mdy_y>\d{{3,4}})"
    rf"|(?P<dmy_d>\d{{1,2}})(?P<dmy_r>[\u2013-]\d{{1,2}})? (?P<dmy_m>{_M}),? (?P<dmy_y>\d{{3,4}})"
    rf"|(?P<part>early|mid|late)[- ](?P<part_m>{_M})(?:,? (?P<part_y>\d{{4}}))?"
    rf"|(?P<my_m>{_M}),? (?P<my_y>\d{{4}})"
    rf"|(?P<md_m>{_M}) (?P<md_d>\d{{1,2}})(?P<md_r>[\u2013-]\d{{1,2}})?(?![\d,])"
    rf"|(?P<dm_d>\d{{1,2}}) (?P<dm_m>{_M})"
    r"|(?P<dec>1\d{3}|20\d{2})s"
    r"|(?P<year>1\d{3}|20\d{2})(?![\d,.]\d|\w))"
    r"(?!\w)"
)
_YEAR_PREPOSITIONS = frozenset(
    "in since by until till from of to and or before after circa c. year years the early late mid its his her their "
    "around through during between spring summer autumn fall winter".split()
)
_NUMBER = re.compile(
    r"(?=\d)(?<![\w.,:\u2013-])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<mag> (?:million|billion|trillion|thousand))?"
    r"(?P<pct> ?%| per ?cent| percent)?(?![\w\u2013-]|[.,]\d)"
)
_UNIT_AFTER = re.compile(r" (?:[A-Z][\w-]* ){0,3}([a-z][a-z-]+)")
_PLURAL_UNIT_AFTER = re.compile(r"(?: (?:[A-Z][\w-]*|[a-z]+)){0,2}? ([a-z][a-z-]*s)\b")


def date_value(text: str) -> tuple[int, int, int, int] | None:
    """The (year, month, day, part) sort key of a date written as the article writes dates."""
    m = DATE_PATTERN.fullmatch(text)
    return _date_form_value(m.groupdict())[1] if m else None


def dates_in(sentence: Sentence, base: int, matches: list[re.Match]):
    text = sentence.text
    for m in matches:
        g = m.groupdict()
        if g["year"]:
            following = text[m.end() : m.end() + 2]
            before = text[max(0, m.start() - 12) : m.start()].lower().split()
            previous = before[-1] if before else ""
            if len(following) == 2 and following[0] == " " and following[1].islower() and previous not in _YEAR_PREPOSITIONS:
                continue  # "1500 soldiers": a quantity, not a year
        form, value = _date_form_value(g)
        yield Fact("date", form, sentence.index, base + m.start(), base + m.end(), m.group(0), fold(m.group(0)), value)


def _date_form_value(g: dict) -> tuple[str, tuple[int, int, int, int]]:
    if g["year"]:
        form, value = "year", (int(g["year"]), 0, 0, 0)
    elif g["dec"]:
        form, value = "decade", (int(g["dec"]), 0, 0, 0)
    elif g["mdy_m"]:
        form = "mdy_range" if g["mdy_r"] else "mdy"
        value = (int(g["mdy_y"]), lx.MONTH_INDEX[g["mdy_m"]], int(g["mdy_d"]), 0)
    elif g["dmy_m"]:
        form = "dmy_range" if g["dmy_r"] else "dmy"
        value = (int(g["dmy_y"]), lx.MONTH_INDEX[g["dmy_m"]], int(g["dmy_d"]), 0)
    elif g["part"]:
        form = "part_year" if g["part_y"] else "part"
        rank = {"early": 1, "mid": 2, "late": 3}[g["part"]]
        value = (int(g["part_y"]) if g["part_y"] else 0, lx.MONTH_INDEX[g["part_m"]], 0, rank)
    elif g["my_m"]:
        form, value = "month_year", (int(g["my_y"]), lx.MONTH_INDEX[g["my_m"]], 0, 0)
    elif g["md_m"]:
        form = "md_range" if g["md_r"] else "md"
        value = (0, lx.MONTH_INDEX[g["md_m"]], int(g["md_d"]), 0)
    else:
        form, value = "dm", (0, lx.MONTH_INDEX[g["dm_m"]], int(g["dm_d"]), 0)
    return form, value


CURRENCIES = frozenset("£$€¥")  # an amount of money: the symbol before the figure is its unit
_MAGNITUDES = {" million": 1e6, " billion": 1e9, " trillion": 1e12, " thousand": 1e3}


def numbers_in(sentence: Sentence, base: int, taken: list[tuple[int, int]]):
    text = sentence.text
    for m in _NUMBER.finditer(text):
        start, end = base + m.start(), base + m.end()
        if taken and overlaps(taken, start, end):
            continue
        before = text[max(0, m.start() - 60) : m.start()].rstrip()  # the words just before, not the whole prefix
        if before and before[-1].isalpha() and before.split()[-1][:1].isupper() and not before.endswith(("In", "On", "By")):
            continue  # "Apollo 11", "Article 5": part of a name
        unit_match = _PLURAL_UNIT_AFTER.match(text, m.end()) or _UNIT_AFTER.match(text, m.end())
        unit = ""
        currency = text[m.start() - 1] if m.start() and text[m.start() - 1] in CURRENCIES else ""
        if currency:
            unit, start = currency, start - 1  # "£4.2 million": an amount of money, asked with its symbol
        elif m.group("pct"):
            unit = "%"
        elif unit_match and unit_match.group(1) not in lx.STOPWORDS:
            unit = unit_match.group(1)
        number = float(m.group("num").replace(",", ""))
        scale = _MAGNITUDES.get(m.group("mag") or "", 1)
        value = number * scale
        form = unit or "bare"
        yield Fact("number", form, sentence.index, start, end, currency + m.group(0), f"{value:g} {unit}", value)
