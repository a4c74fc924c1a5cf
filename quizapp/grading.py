"""Tolerant grading of typed answers: pure Python, no web layer.

A typed answer is accepted when it says the same as the expected one up to case,
accents, a leading article (a/an/the), punctuation, spacing, the way a number is
written (190,000 = 190000 = "190 000"; "two" = 2), the way a date is written
("19 April 1906" = "April 19, 1906" = "19 Apr 1906" = "1906-04-19"; "Sept 1906" =
"September 1906"), a hedge, or a unit the question names, around a bare number ("about 300 m"
for 300 in "_____ metres tall"; "three hundred" = 300), another name of the same country or world
war ("United States" = "U.S.", "First World War" = "Great War") and, for words long enough to bear it, a small typo. A different number is never accepted, and a typo is never
allowed to change the first letter or a short word, so "Prussia" does not pass
for "Russia" nor "Iraq" for "Iran".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import OSA  # Damerau-Levenshtein (optimal string alignment), in C
from text_to_num import alpha2digit  # spelt numbers to digits ("three hundred and forty two" -> 342)

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
_MONTHS = ("january february march april may june july august september october november december").split()
# Full names, three-letter abbreviations and "sept", each to its full name.
_MONTH_NAMES = {**{name[:3]: name for name in _MONTHS}, "sept": "september", **{name: name for name in _MONTHS}}
# ISO dates are found in the text before "-" splits them: 1906-04-19 -> 19 april 1906.
_ISO_DATE = re.compile(r"(?<![0-9-])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9-])")
# All-number dates, "24/07/1969", "7/24/1969", "24.07.1969": the day and month are told apart by a
# number over 12, else by the school's order (``set_date_order``: "DMY" unless the school says "MDY").
_NUMERIC_DATE = re.compile(r"(?<![0-9/.-])([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})(?![0-9/.-])")
_date_order = "DMY"
_DAY = re.compile(r"^(?:[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?$")
# Three or four digits, so that "December 1-2" stays a pair of days, not "1 December 2".
_YEAR = re.compile(r"^[1-9][0-9]{2,3}$")
_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
# Spelt numbers that the table above does not cover: tens, compounds, "... and ...".
_SPELT_NUMBER = re.compile(r"\b(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion)\b")
_DIGITS_TIMES = re.compile(r"(\d+(?:\.\d+)?) (hundred|thousand|million|billion)\b")
# Units a typed number may carry (the question says which), and words that only hedge it:
# "about 300", "300m" and "300 metres" all answer "tall: _____ metres" when the answer is 300.
# Each group is one unit however written; a typed unit counts only if the question names it
# ("_____ metres tall" takes "300 m", not "300 ft").
_UNIT_GROUPS = (
    "m metre metres meter meters", "km kilometre kilometres kilometer kilometers", "cm centimetre centimetres",
    "mm millimetre millimetres", "kg kilogram kilograms", "g gram grams", "mg milligram milligrams",
    "t tonne tonnes ton tons", "l litre litres liter liters", "ml millilitre millilitres", "ft foot feet",
    "mi mile miles", "lb lbs pound pounds", "mph", "kph", "percent per cent", "year years", "day days",
    "hour hours h hr hrs", "minute minutes min mins",
)
_UNIT_OF = {word: group for group in _UNIT_GROUPS for word in group.split()}
_HEDGES = frozenset("about around approximately approx roughly some circa ca c nearly almost exactly only just in".split())
_NUMBER_WITH_UNIT = re.compile(r"^(\d+(?:\.\d+)?)(km|cm|mm|kg|mg|ml|ft|mi|lbs|lb|mph|kph|min|hrs|hr|h|m|g|t|l)$")


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


def set_date_order(order: str) -> None:
    """How the school writes all-number dates: "DMY" (24/07/1969) or "MDY" (07/24/1969)."""
    global _date_order
    if order not in ("DMY", "MDY"):
        raise ValueError(f"DATE_ORDER must be DMY or MDY, not {order!r}")
    if order != _date_order:
        _date_order = order
        normalise_answer.cache_clear()


def _spelt_numeric_date(match: re.Match) -> str:
    """'24/07/1969' -> '24 july 1969'; a day or month out of range: left as it was."""
    first, second, year = (int(part) for part in match.groups())
    if first > 12 or (second <= 12 and _date_order == "DMY"):
        day, month = first, second
    else:
        month, day = first, second
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return match.group()
    return f"{day} {_MONTHS[month - 1]} {year}"


def _normalise_once(text: str) -> str:
    text = _NUMERIC_DATE.sub(_spelt_numeric_date, text)  # before "." and "/" are read as decimals and breaks
    if text.isascii():  # most answers and sentences: no accents to strip, no special letters
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().translate(_SPECIAL_LETTERS)
    text = _DIGIT_GROUP.sub("", text)
    text = _DECIMAL_COMMA.sub(".", text)
    if _SPELT_NUMBER.search(text):  # "forty-two", "three hundred and forty two": text2num reads them
        text = _DIGITS_TIMES.sub(lambda m: _multiplied(m[1], _MULTIPLIERS[m[2]]), text)  # "1.5 million" first
        text = alpha2digit(text, "en")
    text = _ISO_DATE.sub(_spelt_iso_date, text)
    tokens: list[str] = []
    for token in _NOT_WORD.sub(" ", text).split():
        glued = _NUMBER_WITH_UNIT.match(token)
        if glued:  # "300m" is "300 m"
            tokens += [_canonical_number(glued.group(1)), glued.group(2)]
            continue
        if _NUMBER_TOKEN.match(token):
            token = _canonical_number(token)
        token = _NUMBER_WORDS.get(token, token)
        if token in _MULTIPLIERS and tokens and _NUMBER_TOKEN.match(tokens[-1]):
            tokens[-1] = _multiplied(tokens[-1], _MULTIPLIERS[token])  # "three hundred" is 300
            continue
        tokens.append(token)
    return _LEADING_ARTICLE.sub("", " ".join(_canonical_dates(tokens)))


def _multiplied(number: str, factor: int) -> str:
    whole, _, fraction = number.partition(".")
    digits = whole + fraction
    product = int(digits) * factor
    scale = 10 ** len(fraction)
    if product % scale:
        return number  # "1.2345 thousand": not a whole number, leave it as written
    return str(product // scale)


def _spelt_iso_date(match: re.Match) -> str:
    """'1906-04-19' -> '19 april 1906'; not a real month or day: left as it was."""
    year, month, day = (int(part) for part in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return match.group()
    return f"{day} {_MONTHS[month - 1]} {year}"


def _canonical_dates(tokens: list[str]) -> list[str]:
    """Dates in one form, day month year with the month's full name: ['apr', '19', '1906'] ->
    ['19', 'april', '1906']; ['sept', '1906'] and ['1906', 'sept'] -> ['september', '1906']. Other tokens are kept.

    Only the order and the month's spelling change, never a day or year, so two different
    dates never become one, and the result reads the same way when normalised again.
    """
    if not any(token in _MONTH_NAMES for token in tokens):
        return tokens  # every date rewritten below names its month: most sentences have none
    out: list[str] = []
    i = 0
    while i < len(tokens):
        first, second, third = tokens[i], _at(tokens, i + 1), _at(tokens, i + 2)
        # A year-first date starts here only if no day or year comes just before it: "19 1906 April"
        # is left alone, so that one pass settles everything and a second changes nothing.
        year_first_here = not (out and (_YEAR.match(out[-1]) or _DAY.match(out[-1])))
        if _DAY.match(first) and second in _MONTH_NAMES and _YEAR.match(third):
            out += [_day(first), _MONTH_NAMES[second], third]
            i += 3
        elif _DAY.match(first) and second == "of" and third in _MONTH_NAMES and _YEAR.match(_at(tokens, i + 3)):
            out += [_day(first), _MONTH_NAMES[third], tokens[i + 3]]  # the 27th of November 1852
            i += 4
        elif first in _MONTH_NAMES and _DAY.match(second) and _YEAR.match(third):
            out += [_day(second), _MONTH_NAMES[first], third]
            i += 3
        elif first in _MONTH_NAMES and _YEAR.match(second):
            out += [_MONTH_NAMES[first], second]
            i += 2
        elif year_first_here and _YEAR.match(first) and second in _MONTH_NAMES and _DAY.match(third):  # 1906 April 19
            out += [_day(third), _MONTH_NAMES[second], first]
            i += 3
        elif year_first_here and _YEAR.match(first) and second in _MONTH_NAMES:  # 1906 April
            out += [_MONTH_NAMES[second], first]
            i += 2
        else:
            out.append(first)
            i += 1
    return out


def _at(tokens: list[str], i: int) -> str:
    return tokens[i] if i < len(tokens) else ""


def _day(token: str) -> str:
    """'19th' -> '19'."""
    return token.rstrip("stndrh")


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


def same_choice(given: str | list[str], answer: str | list[str]) -> bool:
    """A picked option: right when it is the answer, once both are normalised."""
    if not isinstance(given, str) or not isinstance(answer, str):
        return False
    typed = normalise_answer(given)
    return bool(typed) and typed == normalise_answer(answer)


def same_order(given: str | list[str], answer: str | list[str]) -> bool:
    """Items put in order: right when the lists match item by item."""
    if not isinstance(given, (list, tuple)) or not isinstance(answer, (list, tuple)) or len(given) != len(answer):
        return False
    return all(isinstance(g, str) and normalise_answer(g) == normalise_answer(a) for g, a in zip(given, answer))


def _units_named(prompt: str) -> set[str]:
    """The units a question names ("_____ metres tall": metres), which a typed number may carry."""
    return {_UNIT_OF[word] for word in normalise_answer(prompt).split() if word in _UNIT_OF} if prompt else set()


def says_the_same(given: str | list[str], answer: str | list[str], prompt: str = "") -> bool:
    """A typed answer: tolerant matching as the module docstring describes. ``prompt``, the question
    as asked, says which units a typed number may carry."""
    if not isinstance(given, str) or not isinstance(answer, str):
        return False
    expected = normalise_answer(answer)
    typed = normalise_answer(given)
    if not typed or not expected:
        return False
    units = _units_named(prompt)
    return (
        _tolerant_match(typed, expected, units)
        or _number_in_the_questions_unit(given, expected, prompt)
        or _fuller_name(given, answer)
        or _one_name(typed, expected)
    )


# Names of one thing a student may fairly type for another: a blank keyed "U.S." or "Great War"
# is answered by "United States" or "First World War".
_SAME_NAMES = (
    ("united states", "us", "u s", "usa", "u s a", "united states of america", "america"),
    ("united kingdom", "uk", "u k", "britain", "great britain"),
    ("soviet union", "ussr", "u s s r"),
    ("world war i", "world war 1", "world war one", "first world war", "great war", "wwi", "ww1"),
    ("world war ii", "world war 2", "world war two", "second world war", "wwii", "ww2"),
)
_NAME_GROUP = {name: group for group, names in enumerate(_SAME_NAMES) for name in names}


def _one_name(typed: str, expected: str) -> bool:
    """Two names of one country or war (both already normalised)."""
    group = _NAME_GROUP.get(expected)
    return group is not None and _NAME_GROUP.get(typed) == group


# A word of a name, or a title before it ("Sir", "Dr."): "Sir Thomas Bouch" for "Bouch".
_NAME_WORD = re.compile(r"^[A-Z][\w'’.-]*$")


def _fuller_name(given: str, answer: str) -> bool:
    """A name typed with more of the same name: "Thomas Bouch" or "Sir Thomas Bouch" for the key
    "Bouch". The key must be a name (one or two capitalised words) and end the typed answer; what
    comes before it must be words of a name or titles (in any case: students type "thomas bouch"),
    three words at most."""
    key_words, typed_words = answer.split(), given.split()
    if not 1 <= len(key_words) <= 2 or not all(_NAME_WORD.match(w) for w in key_words):
        return False
    extra = typed_words[: len(typed_words) - len(key_words)]
    if not 1 <= len(extra) <= 3:
        return False
    if not all(_NAME_WORD.match(w[:1].upper() + w[1:]) for w in extra):
        return False  # "1903 Bouch", "the Bouch": not a name
    return _tolerant_match(normalise_answer(" ".join(typed_words[-len(key_words):])), normalise_answer(answer))


def _number_in_the_questions_unit(given: str, expected: str, prompt: str) -> bool:
    """ "650 million" for a blank followed by "million": the number the question asks for, with the word it shows."""
    match = re.fullmatch(r"\s*([\d.,]+)\s*(hundred|thousand|million|billion)\s*", given.lower())
    return bool(match and _NUMBER_TOKEN.match(expected) and normalise_answer(match.group(1)) == expected
                and re.search(rf"_{{3,}}\s*{match.group(2)}\b", prompt.lower()))


def _tolerant_match(typed: str, expected: str, units: set[str] = frozenset()) -> bool:
    if typed == expected or typed.replace(" ", "") == expected.replace(" ", ""):
        return True
    typed_numbers = [t for t in typed.split() if any(ch.isdigit() for ch in t)]
    expected_numbers = [t for t in expected.split() if any(ch.isdigit() for ch in t)]
    if typed_numbers != expected_numbers:
        return False  # a different number is a different answer, however close it looks
    if expected_numbers and len(expected_numbers) == len(expected.split()):
        # A bare number: the same number with a unit or a hedge ("about 300 m") says the same.
        return all(t in _HEDGES or _UNIT_OF.get(t) in units for t in typed.split() if t not in typed_numbers)
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


# A numeric key: a number as the article writes it, optionally "± tolerance" ("1,500 ± 50").
_TOLERANCE_SIGN = re.compile(r"\s*(?:±|\+/-|\+-)\s*")
_LEADING_MINUS = re.compile(r"^\s*[-\u2212\u2013]\s*(?=\d)")
_ANY_UNIT = frozenset(_UNIT_OF.values())


def typed_number(text: str, units: set[str] | frozenset[str] = frozenset()) -> float | None:
    """The one number a typed answer gives, however written ("1,500", "fifteen hundred",
    "£4.2 million", "about 300 m" where ``units`` has metres); None when it gives none, several,
    or words besides hedges and those units."""
    negative = bool(_LEADING_MINUS.match(text))
    tokens = normalise_answer(text).split()
    numbers = [t for t in tokens if _NUMBER_TOKEN.match(t)]
    if len(numbers) != 1 or any(t not in numbers and t not in _HEDGES and _UNIT_OF.get(t) not in units for t in tokens):
        return None
    value = float(numbers[0])
    return -value if negative else value


def numeric_key(answer: str | list[str]) -> tuple[float, float] | None:
    """(value, tolerance) of a numeric question's key, "1,500 ± 50" -> (1500.0, 50.0); None when
    the key is not a number with an optional non-negative tolerance."""
    if not isinstance(answer, str):
        return None
    value_text, _, tolerance_text = _TOLERANCE_SIGN.sub("±", answer.strip(), count=1).partition("±")
    value = typed_number(value_text, _ANY_UNIT)
    tolerance = typed_number(tolerance_text, _ANY_UNIT) if tolerance_text.strip() else 0.0
    if value is None or tolerance is None or tolerance < 0:
        return None
    return value, tolerance


def number_part(answer: str) -> str:
    """The number of a numeric key as written, without its tolerance: what the evidence must state."""
    return _TOLERANCE_SIGN.split(answer.strip(), maxsplit=1)[0]


def within_tolerance(given: str | list[str], answer: str | list[str], prompt: str = "") -> bool:
    """A typed number: right when it is within the key's tolerance of the key's value. It may carry
    a hedge ("about"), a unit the question names, or a percent sign when the key has one."""
    key = numeric_key(answer)
    if key is None or not isinstance(given, str):
        return False
    units = _units_named(prompt)
    if "%" in answer:
        units.add(_UNIT_OF["percent"])
    typed = typed_number(given, units)
    if typed is None:
        return False
    value, tolerance = key
    return abs(typed - value) <= tolerance + 1e-9 * max(1.0, abs(value))
