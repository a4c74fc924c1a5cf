"""Wrong answers of the same kind as the right one, never also true according to the article.

Drawn first from the article itself (other people for a person, other dates in the
same format for a date), then from small built-in pools or, for dates and numbers,
made by shifting the answer a plausible amount in its own format, so the right
option does not stand out by its look.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import defaultdict
from functools import lru_cache

from ..grading import normalise_answer
from . import lexicon as lx
from .facts import ArticleFacts, Fact, _similar_name, content_stems, fold

ENTITY_KINDS = ("person", "org", "place", "event", "award")
_COUNTRY_KEYS = {fold(c) for c in lx.COUNTRIES} | {fold(c) for c in lx.COUNTRY_ALIASES}
_CITY_KEYS = {fold(c) for c in lx.CITIES}
_DIGITS = re.compile(r"\d+")
_YEARS = re.compile(r"\b\d{4}\b")
_GENDERED = re.compile(
    r"\b(?:woman|women|man|men|he|she|his|her|him|mother|father|daughter|son|wife|husband|queen|king|widow)\b",
    re.IGNORECASE,
)


class DistractorFinder:
    def __init__(self, facts: ArticleFacts) -> None:
        self.facts = facts
        self.sentences_with: dict[str, set[int]] = defaultdict(set)  # fact key -> sentence indexes
        self.by_form: dict[tuple[str, str], dict[str, Fact]] = defaultdict(dict)  # (kind, form) -> key -> fact
        for facts_of_sentence in facts.facts:
            for fact in facts_of_sentence:
                self.sentences_with[fact.key].add(fact.sentence)
                if fact.kind in ("date", "number"):
                    self.by_form[(fact.kind, fact.form)].setdefault(fact.key, fact)
        self._entity_cache: dict[tuple, tuple[list[tuple[str, str]], list[str]]] = {}
        self._gendered: dict[int, bool] = {}
        self._own_stems: dict[tuple[int, str], frozenset[str]] = {}
        self.entities_by_kind: dict[str, list] = defaultdict(list)
        for entity in sorted(facts.entities.values(), key=lambda e: (-e.mentions, e.key)):
            self.entities_by_kind[entity.kind].append(entity)
        # Names the article writes with "the" ("the Netherlands", "the Kremlin").
        self.with_the = {
            fact.key
            for facts_of_sentence in facts.facts
            for fact in facts_of_sentence
            if facts.sentences[fact.sentence].passage.text[max(0, fact.start - 4) : fact.start].lower() == "the "
        }

    # ------------------------------------------------------------------ public
    def for_fact(self, fact: Fact, rng: random.Random, wanted: int = 3, minimum: int = 3) -> list[str] | None:
        """``wanted`` distractors for ``fact`` (fewer, down to ``minimum``, if no more are safe); None if too few."""
        if fact.kind in ENTITY_KINDS:
            article, pool = self._entity_options(fact)
        elif fact.kind == "date":
            article, pool = self._date_options(fact)
        elif fact.kind == "number":
            article, pool = self._number_options(fact)
        else:
            return None
        chosen: list[str] = []
        seen = {normalise_answer(fact.text)}
        sentence_text = normalise_answer(self.facts.sentences[fact.sentence].text)
        for group in (article, [(p, None) for p in pool]):
            group = list(dict.fromkeys(group))
            rng.shuffle(group)
            # Similar length first, so the right answer is not the odd-looking one.
            group.sort(key=lambda item: _length_class(item[0], fact.text))
            for option, key in group:
                norm = normalise_answer(option)
                if not norm or norm in seen or self._too_close(option, fact.text, chosen):
                    continue
                if f" {norm} " in f" {sentence_text} ":
                    continue  # named in the question's own sentence: also true, or a hint
                if key is not None and self.also_true(key, fact.sentence, fact.text):
                    continue  # checked last and only when needed: it is the costly test
                chosen.append(option)
                seen.add(norm)
                if len(chosen) == wanted:
                    return chosen
        return chosen if len(chosen) >= minimum else None

    def persons(self, exclude_key: str, surname_form: bool) -> list[tuple[str, str]]:
        """(key, display) of the article's people other than ``exclude_key``, most mentioned first."""
        people = [e for e in self.facts.entities.values() if e.kind == "person" and e.key != exclude_key]
        people.sort(key=lambda e: (-e.mentions, e.key))
        return [(e.key, e.surname if surname_form else e.name) for e in people]

    def also_true(self, key: str, sentence: int, answer_text: str) -> bool:
        """Does another sentence say of ``key`` what the question's sentence says of its answer?"""
        own = self._own_stems.get((sentence, answer_text))
        if own is None:
            own = self._own_stems[(sentence, answer_text)] = self._sentence_stems(sentence) - content_stems(answer_text)
        if not own:
            return False
        for other in self.sentences_with.get(key, ()):
            if other == sentence:
                return True
            theirs = self._sentence_stems(other)
            shared = own & theirs
            if len(shared) >= 2 and len(shared) / len(own | theirs) >= 0.25:
                return True
        return False

    # ------------------------------------------------------------------ entities
    def _entity_options(self, fact: Fact) -> tuple[list[tuple[str, str]], list[str]]:
        key = (fact.key, fact.sentence, fact.form, fact.text)
        cached = self._entity_cache.get(key)
        if cached is None:
            cached = self._entity_cache[key] = self._find_entity_options(fact)
        return cached

    def _find_entity_options(self, fact: Fact) -> tuple[list[tuple[str, str]], list[str]]:
        answer = self.facts.entities.get(fact.key)
        article = []
        for entity in self.entities_by_kind.get(fact.kind, ()):
            if entity.key == fact.key:
                continue
            if fact.kind == "place" and place_type(entity.key) != place_type(fact.key):
                continue  # a region against countries would stand out, and may be "also true"
            if answer is not None and any(_same_name(s, t) for s in entity.surfaces for t in answer.surfaces):
                continue
            if fact.kind == "person" and not self._gender_fits(fact, entity.key):
                continue  # "the first woman" would give the swap away
            display = entity.surname if fact.form == "surname" else entity.name
            if fact.form == "full" and " " not in entity.name:
                continue  # a full name against bare surnames would stand out
            article.append((display, entity.key))
        pool: list[str] = []
        if fact.kind == "place":
            if fact.key in _COUNTRY_KEYS:
                pool = list(lx.COUNTRY_POOL)
            elif fact.key in _CITY_KEYS:
                pool = list(lx.CITY_POOL)
        elif fact.kind == "org" and fact.text in lx.ORG_POOL:
            pool = list(lx.ORG_POOL)
        pool = [p for p in pool if fold(p) not in self.sentences_with and fold(p) != fact.key]
        if fact.kind == "place":
            # "Russia launched" cannot become "U.S. launched": it would need "the".
            wants_the = self._takes_the(fact.text)
            article = [a for a in article if self._takes_the(a[0]) == wants_the]
            pool = [p for p in pool if self._takes_the(p) == wants_the]
        return article, pool

    def _gender_fits(self, fact: Fact, other: str) -> bool:
        """Same gender as the answer when known; required when the sentence itself is gendered."""
        ga, gb = self.facts.gender.get(fact.key), self.facts.gender.get(other)
        if ga and gb:
            return ga.most_common(1)[0][0] == gb.most_common(1)[0][0]
        gendered = self._gendered.get(fact.sentence)
        if gendered is None:
            gendered = self._gendered[fact.sentence] = bool(_GENDERED.search(self.facts.sentences[fact.sentence].text))
        return not gendered

    def _takes_the(self, name: str) -> bool:
        if name.startswith(("United ", "Soviet ", "Czech Republic")) or name.endswith(("lands", "ines")):
            return True
        if "." in name:
            return True  # U.S., U.K.
        return fold(name) in self.with_the

    # ------------------------------------------------------------------ dates
    def _date_options(self, fact: Fact) -> tuple[list[tuple[str, str]], list[str]]:
        article = [
            (other.text, key)
            for key, other in sorted(self.by_form[("date", fact.form)].items())
            if key != fact.key and other.value != fact.value
        ]
        latest = max((f.value[0] for f in self.by_form_all_dates() if f.value and f.value[0]), default=0)
        made_up = [d for d in _shifted_dates(fact) if not latest or max(map(int, _YEARS.findall(d)), default=0) <= latest]
        return article, made_up

    def by_form_all_dates(self) -> list[Fact]:
        return [f for (kind, _form), facts in self.by_form.items() if kind == "date" for f in facts.values()]

    # ------------------------------------------------------------------ numbers
    def _number_options(self, fact: Fact) -> tuple[list[tuple[str, str]], list[str]]:
        article = [
            (other.text, key)
            for key, other in sorted(self.by_form[("number", fact.form)].items())
            if key != fact.key and 0.2 <= (other.value or 0) / (fact.value or 1) <= 5
        ]
        return article, _scaled_numbers(fact.text)

    # ------------------------------------------------------------------ helpers
    def _sentence_stems(self, index: int) -> frozenset[str]:
        return self.facts.stems(index)

    @staticmethod
    def _too_close(option: str, answer: str, chosen: list[str]) -> bool:
        """Synonyms and spelling variants of the answer or of each other."""
        return any(_same_name(option, other) for other in [answer, *chosen])


def place_type(key: str) -> str:
    return "country" if key in _COUNTRY_KEYS else "city" if key in _CITY_KEYS else "other"


@lru_cache(maxsize=65536)
def _same_name(a: str, b: str) -> bool:
    fa, fb = normalise_answer(a), normalise_answer(b)
    if fa == fb:
        return True
    ta, tb = fa.split(), fb.split()
    if set(ta) <= set(tb) or set(tb) <= set(ta):
        return True  # "Zelenskyy" and "Volodymyr Zelenskyy"
    return bool(ta and tb) and _similar_name(ta[-1], tb[-1]) and (len(ta) == 1 or len(tb) == 1 or ta[0] == tb[0])


def _length_class(option: str, answer: str) -> int:
    ratio = len(option) / max(1, len(answer))
    return 0 if 0.6 <= ratio <= 1.6 else 1


# ---------------------------------------------------------------------- dates made up


def _format_date(form: str, text: str, y: int, m: int, d: int, part: int = 0, span: int = 0) -> str:
    month = lx.MONTHS[m - 1]
    dash = "\u2013" if "\u2013" in text else "-"
    if form in ("mdy", "mdy_range"):
        days = f"{d}{dash}{d + span}" if form == "mdy_range" else str(d)
        return f"{month} {days}, {y}"
    if form in ("dmy", "dmy_range"):
        days = f"{d}{dash}{d + span}" if form == "dmy_range" else str(d)
        return f"{days} {month} {y}"
    if form in ("md", "md_range"):
        return f"{month} {d}{dash}{d + span}" if form == "md_range" else f"{month} {d}"
    if form == "dm":
        return f"{d} {month}"
    if form == "month_year":
        return f"{month} {y}"
    if form in ("part", "part_year"):
        word = ("early", "mid", "late")[part - 1]
        sep = "-" if re.match(r"\w+-", text) else " "
        return f"{word}{sep}{month}" + (f" {y}" if form == "part_year" else "")
    if form == "decade":
        return f"{y}s"
    return str(y)


def _shifted_dates(fact: Fact) -> list[str]:
    y, m, d, part = fact.value  # type: ignore[misc]
    form, text = fact.form, fact.text
    out: list[str] = []
    if form == "year":
        out = [str(y + k) for k in (-3, -2, -1, 1, 2, 3, -5, 4, 5)]
    elif form == "decade":
        out = [f"{y + k}s" for k in (-30, -20, -10, 10, 20)]
    elif form == "month_year":
        for k in (-5, -3, -2, -1, 1, 2, 3, 4, 7):
            mm = m - 1 + k
            out.append(_format_date(form, text, y + mm // 12, mm % 12 + 1, 1))
    elif form in ("part", "part_year"):
        for dp, dm in ((0, -1), (0, 1), (0, 2), (0, -2), (-1 if part > 1 else 1, 0), (1 if part < 3 else -2, 1)):
            mm = m - 1 + dm
            out.append(_format_date(form, text, y + mm // 12, mm % 12 + 1, 0, part + dp))
    else:
        span = 0
        if form.endswith("_range"):
            numbers = [int(n) for n in _DIGITS.findall(text)]
            span = max(0, numbers[1] - numbers[0]) if len(numbers) >= 2 and numbers[0] == d else 0
        base = dt.date(y if y else 2001, m, min(d, 28) if d else 1)
        for k in (-9, -6, -4, 3, 5, 8, 12, -15, 20, -40, 45):
            new = base + dt.timedelta(days=k)
            if span and new.day + span > 28:
                continue
            out.append(_format_date(form, text, new.year, new.month, new.day, 0, span))
    return [o for o in out if o != text]


# ---------------------------------------------------------------------- numbers made up


def _scaled_numbers(text: str) -> list[str]:
    """Numbers near the answer in size, written the same way ('190,000' -> '95,000', '250,000')."""
    match = re.match(r"(\d[\d,]*(?:\.\d+)?)(.*)$", text)
    if not match:
        return []
    digits, rest = match.group(1), match.group(2)
    commas = "," in digits
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    value = float(digits.replace(",", ""))
    percent = "%" in rest or "cent" in rest
    if decimals == 0 and value < 12:
        options = [value + k for k in (-2, -1, 1, 2, 3, 4) if value + k >= 1]
    else:
        significant = len(digits.replace(",", "").replace(".", "").strip("0")) or 1
        significant = max(1, min(significant, 3))
        options = [_round_significant(value * f, significant) for f in (0.5, 0.6, 0.75, 1.25, 1.5, 2, 2.5, 3)]
    out = []
    for option in options:
        if option <= 0 or option == value or (percent and option > 100):
            continue
        if decimals:
            number = f"{option:,.{decimals}f}" if commas else f"{option:.{decimals}f}"
        else:
            number = f"{int(round(option)):,}" if commas else str(int(round(option)))
        out.append(number + rest)
    return out


def _round_significant(value: float, digits: int) -> float:
    if value == 0:
        return 0.0
    from math import floor, log10

    return round(value, -int(floor(log10(abs(value)))) + (digits - 1))
