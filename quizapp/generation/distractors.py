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
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Callable

from ..grading import normalise_answer
from . import lexicon as lx
from .fact_types import Fact, fold
from .facts import ArticleFacts, _similar_name, content_stems

ENTITY_KINDS = ("person", "org", "place", "event", "award")
_COUNTRY_KEYS = {fold(c) for c in lx.COUNTRIES} | {fold(c) for c in lx.COUNTRY_ALIASES}
_CITY_KEYS = {fold(c) for c in lx.CITIES}
_DIGITS = re.compile(r"\d+")
_DEMONYMS = frozenset(d.lower() for d in lx.DEMONYMS)
# The article's names considered for one answer: the most mentioned that fit. A long article names
# thousands; looking at all of them for every question made generation quadratic in its length.
MAX_ARTICLE_OPTIONS = 40


def _names(words: str) -> list[str]:
    return [fold(w.replace("_", " ")) for w in words.split()]


# Folded place name -> its regions; a city also counts its country ("country:ukraine").
_PLACE_AREAS: dict[str, set[str]] = defaultdict(set)
for _region, _members in lx.REGIONS.items():
    for _name in _names(_members):
        _PLACE_AREAS[_name].add(_region)
for _country, _members in lx.CITY_COUNTRIES.items():
    for _name in _names(_members):
        _PLACE_AREAS[_name] |= _PLACE_AREAS[fold(_country)] | {"country:" + fold(_country)}
_OVERLAPS: dict[str, frozenset[str]] = {}
for _group in lx.OVERLAPPING_PLACES:
    for _name in _names(_group):
        _OVERLAPS[_name] = _OVERLAPS.get(_name, frozenset()) | frozenset(_names(_group))
_YEARS = re.compile(r"\b\d{4}\b")
_GENDERED = re.compile(
    r"(?=[wWmMhHsSfFdDqQkK])\b(?:woman|women|man|men|he|she|his|her|him|mother|father|daughter|son|wife|husband|queen|king|widow)\b",
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
        self._entity_cache: dict[tuple, tuple[list[tuple[str, str]], list[list[str]], list[str]]] = {}
        self._others: dict[tuple[str, str], list] = {}
        self._signatures: dict[str, tuple[set[str] | None, set[str]]] = {}
        self._same_names: dict[tuple[str, str], bool] = {}
        self._latest_year: int | None = None
        self._sorted_by_form: dict[str, list] = {}  # the article's dates of one form, sorted once
        self._gendered: dict[int, bool] = {}
        self._people: dict[bool, list[tuple[str, str]]] = {}
        self._own_stems: dict[tuple[int, str, frozenset[str]], frozenset[str]] = {}
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
    def for_fact(
        self,
        fact: Fact,
        rng: random.Random,
        wanted: int = 3,
        minimum: int = 3,
        pools: str = "all",
        accept: Callable[[str], bool] | None = None,
        same_role: bool = False,
    ) -> list[str] | None:
        """``wanted`` distractors for ``fact`` (fewer, down to ``minimum``, if no more are safe); None if too few.

        ``same_role``: for a person, at least two of the options must fit the answer's role (the role
        the sentence gives them, "the Italian president", or else one the article gives them, "the
        composer"): a composer among a baker, a painter and a gardener gives herself away.

        The article's own names and dates come first, then the built-in pools: ``pools`` is "all",
        "near" (only names near the answer, such as neighbouring countries, and shifted dates and
        numbers) or "none" (for names: the article's only). ``accept`` may veto an option.
        """
        far: list[str] = []
        if fact.kind in ENTITY_KINDS:
            article, tiers, far = self._entity_options(fact)
            if pools == "none":
                tiers = []
        elif fact.kind == "date":
            article, pool = self._date_options(fact)
            tiers = [pool]
        elif fact.kind == "number":
            article, pool = self._number_options(fact)
            tiers = [pool]
        else:
            return None
        if pools != "all":
            far = []
        role = self.facts.mention_role.get((fact.sentence, fact.start)) if fact.kind == "person" else None
        # The role describes the answer, it is not what the sentence says of them: "the Italian president X
        # signed" and "the former Italian president Y criticised" do not say the same thing.
        role_stems = content_stems(" ".join([role[0], *role[1]])) if role is not None else frozenset()
        chosen: list[str] = []
        chosen_keys: list[str | None] = []
        seen = {normalise_answer(fact.text)}
        sentence_text = normalise_answer(self.facts.sentences[fact.sentence].text)
        for group in (article, *([(p, None) for p in tier] for tier in tiers), [(p, None) for p in far]):
            group = list(dict.fromkeys(group))
            rng.shuffle(group)
            # Similar length first, so the right answer is not the odd-looking one.
            group.sort(key=lambda item: _length_class(item[0], fact.text))
            if role is not None and group and group[0][1] is not None:
                # "Which Ukrainian president ...": other presidents first, other Ukrainians next.
                group.sort(key=lambda item: -self._role_score(role, item[1]))
            for option, key in group:
                norm = normalise_answer(option)
                if not norm or norm in seen or self._too_close(option, fact.text, chosen):
                    continue
                if f" {norm} " in f" {sentence_text} ":
                    continue  # named in the question's own sentence: also true, or a hint
                if accept is not None and not accept(option):
                    continue
                if key is not None and self.also_true(key, fact.sentence, fact.text, role_stems):
                    continue  # checked last and only when needed: it is the costly test
                chosen.append(option)
                chosen_keys.append(key)
                seen.add(norm)
                if len(chosen) == wanted:
                    break
            if len(chosen) == wanted:
                break
        if len(chosen) < minimum:
            return None
        if same_role and fact.kind == "person" and sum(self._fits_role(fact.key, role, k) for k in chosen_keys) < 2:
            return None
        return chosen

    def people(self, surname_form: bool) -> list[tuple[str, str]]:
        """(key, display) of the article's people named in full somewhere, most mentioned first (cached).

        A one-word "person" may be a fragment of a longer name ("End" of "East End"); a person
        the article names in full is a person. ``display`` is the surname or the full name.
        """
        cached = self._people.get(surname_form)
        if cached is None:
            people = [
                e for e in self.entities_by_kind.get("person", ()) if len(e.name.split()) >= 2 and self.facts.sure_of_kind(e.key)
            ]
            if surname_form:
                # A surname several people of the article share ("Kasner": a sister, a brother, the
                # subject's own birth name) names none of them.
                shared = Counter(e.surname for e in self.entities_by_kind.get("person", ()) if len(e.name.split()) >= 2)
                people = [e for e in people if shared[e.surname] < 2]
            cached = self._people[surname_form] = [(e.key, e.surname if surname_form else e.name) for e in people]
        return cached

    def also_true(self, key: str, sentence: int, answer_text: str, ignore: frozenset[str] = frozenset()) -> bool:
        """Does another sentence say of ``key`` what the question's sentence says of its answer?

        ``ignore``: stems that do not count (the answer's role words).
        """
        own = self._own_stems.get((sentence, answer_text, ignore))
        if own is None:
            own = self._sentence_stems(sentence) - content_stems(answer_text) - ignore
            self._own_stems[(sentence, answer_text, ignore)] = own
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

    def _fits_role(self, key: str, role: tuple[str, frozenset[str]] | None, other: str | None) -> bool:
        """Could ``other`` believably be the answer: the role the sentence names, or one the article gives the answer."""
        if other is None:
            return False
        if role is not None:
            return self._role_score(role, other) >= 1
        heads = self.facts.role_heads.get(key)
        return bool(heads and heads & self.facts.role_heads.get(other, set()))

    def _role_score(self, role: tuple[str, frozenset[str]], key: str | None) -> float:
        """How well a person fits the role the question names: the same role word, the same modifiers.

        A different nationality ("Russian president" for "Ukrainian president") gives the option away.
        """
        if key is None:
            return 0.0
        head, modifiers = role
        heads, theirs = self.facts.role_heads.get(key, ()), self.facts.role_modifiers.get(key, set())
        score = (2.0 if head in heads else 0.0) + len(modifiers & theirs)
        ours = modifiers & _DEMONYMS
        if ours and not ours & theirs and theirs & _DEMONYMS:
            score -= 3.0
        return score

    # ------------------------------------------------------------------ entities
    def _entity_options(self, fact: Fact) -> tuple[list[tuple[str, str]], list[list[str]], list[str]]:
        key = (fact.key, fact.sentence, fact.form, fact.text)
        cached = self._entity_cache.get(key)
        if cached is None:
            cached = self._entity_cache[key] = self._find_entity_options(fact)
        return cached

    def _find_entity_options(self, fact: Fact) -> tuple[list[tuple[str, str]], list[list[str]], list[str]]:
        """(the article's (display, key) options, tiers of pool options near the answer, the rest of the pool)."""
        article = []
        for entity in self._other_entities(fact.kind, fact.key):
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
        overlapping = _OVERLAPS.get(fact.key, frozenset())
        pool = [p for p in pool if fold(p) not in self.sentences_with and fold(p) != fact.key and fold(p) not in overlapping]
        if fact.kind != "place":
            return article, [pool], []
        # "Russia launched" cannot become "U.S. launched": it would need "the".
        wants_the = self._takes_the(fact.text)
        article = [a for a in article if self._takes_the(a[0]) == wants_the]
        pool = [p for p in pool if self._takes_the(p) == wants_the]
        # Neighbours first ("Belarus" for "Russia", "Lviv" for "Kyiv"): "Uruguay" would give the swap away.
        areas = _PLACE_AREAS.get(fact.key, set())
        country = {a for a in areas if a.startswith("country:")}
        same_country = [p for p in pool if _PLACE_AREAS.get(fold(p), set()) & country]
        same_region = [p for p in pool if p not in same_country and _PLACE_AREAS.get(fold(p), set()) & (areas - country)]
        far = [p for p in pool if p not in same_country and p not in same_region]
        return article, [same_country, same_region], far

    def _other_entities(self, kind: str, key: str) -> list:
        """The article's entities of ``kind`` that could stand in for ``key``: not the same one under another name."""
        cached = self._others.get((kind, key))
        if cached is not None:
            return cached
        answer = self.facts.entities.get(key)
        answer_words, answer_prefixes = self._name_signature(answer) if answer is not None else (set(), set())
        others = []
        for entity in self.entities_by_kind.get(kind, ()):
            if entity.key == key or not self.facts.sure_of_kind(entity.key):
                continue  # an option of a guessed kind may be a whiptail lizard offered as a person
            if kind == "place" and place_type(entity.key) != place_type(key):
                continue  # a region against countries would stand out, and may be "also true"
            if entity.key in _OVERLAPS.get(key, ()):
                continue  # "Britain" for "England", "Kiev" for "Kyiv": also true
            if answer is not None:
                words, prefixes = self._name_signature(entity)
                # Two names can only be one ("Zelenskyy", "Volodymyr Zelenskiy") if they share a word
                # or their last words start alike: only then is the pairwise check needed.
                might_be_same = words is None or answer_words is None or words & answer_words or prefixes & answer_prefixes
                if might_be_same and self._same_entity_name(entity, answer):
                    continue
            others.append(entity)
            if len(others) >= MAX_ARTICLE_OPTIONS:
                break
        self._others[(kind, key)] = others
        return others

    def _same_entity_name(self, a, b) -> bool:
        """Is some name of entity ``a`` a spelling of some name of ``b``? (Cached: the relation is symmetric.)"""
        pair = (a.key, b.key) if a.key < b.key else (b.key, a.key)
        same = self._same_names.get(pair)
        if same is None:
            same = self._same_names[pair] = any(_same_name(s, t) for s in a.surfaces for t in b.surfaces)
        return same

    def _name_signature(self, entity) -> tuple[set[str] | None, set[str]]:
        """The words of an entity's names, and the first four letters of their last words (None: no words)."""
        cached = self._signatures.get(entity.key)
        if cached is None:
            words: set[str] | None = set()
            prefixes: set[str] = set()
            for surface in entity.surfaces:
                tokens = normalise_answer(surface).split()
                if not tokens:
                    words = None  # an empty name matches anything: leave it to the full check
                    break
                words.update(tokens)
                prefixes.add(tokens[-1][:4])
            cached = self._signatures[entity.key] = (words, prefixes)
        return cached

    def _gender_fits(self, fact: Fact, other: str) -> bool:
        """Same gender as the answer when known; required when the sentence itself is gendered."""
        ga, gb = self.facts.gender_of(fact.key), self.facts.gender_of(other)
        if ga and gb:
            return ga == gb
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
        # The article's other dates only if near the answer: "1995" against "1000 AD" is no choice.
        in_form = self._sorted_by_form.get(fact.form)
        if in_form is None:
            in_form = self._sorted_by_form[fact.form] = sorted(self.by_form[("date", fact.form)].items())
        article = [
            (other.text, key)
            for key, other in in_form
            if key != fact.key and other.value != fact.value and _near_in_time(other.value, fact.value)
        ]
        if self._latest_year is None:
            self._latest_year = max((f.value[0] for f in self.by_form_all_dates() if f.value and f.value[0]), default=0)
        latest = self._latest_year
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


_STATED_YEAR = re.compile(r"\b(1\d{3}|20\d{2})(s?)\b")
_LIFESPAN = re.compile(r"\((?:[^()]*?\D)?(1\d{3}|20\d{2})\s*[–—-]\s*(?:[^()]*?\D)?(1\d{3}|20\d{2})\)")


def time_span(text: str) -> tuple[int, int] | None:
    """The years an option or answer covers: "1981" -> (1981, 1981), "the 1920s" -> (1920, 1929)."""
    match = _STATED_YEAR.search(text)
    if match is None:
        return None
    year = int(match.group(1))
    return (year, year + 9) if match.group(2) else (year, year)


def ruled_out_by_stem(stem: str, answer: str, option: str, lifespan: tuple[int, int] | None = None) -> bool:
    """Does the stem itself rule out a date option? It does when the option falls on the other
    side of a year the stem states than the answer does ("At the conference in _____, independence
    was set for the year 1991": not 1995), or, for the article's subject, outside their lifetime
    when the answer is within it ("Huxley worked during the _____": not the 1890s, born 1894)."""
    theirs, ours = time_span(answer), time_span(option)
    if theirs is None or ours is None:
        return False
    for match in _STATED_YEAR.finditer(stem):
        year = int(match.group(1))
        if (theirs[1] < year <= ours[1]) or (ours[0] <= year < theirs[0]):
            return True
    if lifespan is not None and lifespan[0] <= theirs[0] and theirs[1] <= lifespan[1]:
        return not (lifespan[0] <= ours[0] and ours[1] <= lifespan[1])
    return False


def subject_lifespan(facts: ArticleFacts) -> tuple[int, int] | None:
    """The article's subject's years of birth and death, from the lead's "(26 July 1894 – 22
    November 1963)", or of its period, "(1775–1783)"; None when the lead gives none (a living
    person, a place, a thing)."""
    span = _lead_span(facts)
    return span[0] if span else None


def subject_is_period(facts: ArticleFacts) -> bool:
    """Whether the lead's span is a period given in bare years ("The American Revolutionary War
    (1775–1783)", a car built "(1959–1967)"): it bounds every date asked within it. A lifetime is
    given with days and bounds only the dates of the subject's own life."""
    span = _lead_span(facts)
    return span is not None and span[1]


def _lead_span(facts: ArticleFacts) -> tuple[tuple[int, int], bool] | None:
    lead = next((s.text for s in facts.sentences if s.is_lead), "")
    match = _LIFESPAN.search(lead[:400])
    if match is None:
        return None
    born, died = int(match.group(1)), int(match.group(2))
    if not born < died <= born + 120:
        return None
    return (born, died), not any(ch.isalpha() for ch in match.group())


NEAR_YEARS = 15


def _near_in_time(a, b) -> bool:
    """Dates close enough to stand for each other as options (undated ones are judged by month)."""
    if a[0] and b[0]:
        return abs(a[0] - b[0]) <= NEAR_YEARS
    return True


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
    match = re.match(r"([£$€¥]?)(\d[\d,]*(?:\.\d+)?)(.*)$", text)
    if not match:
        return []
    currency, digits, rest = match.groups()
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
        out.append(currency + number + rest)
    return out


def _round_significant(value: float, digits: int) -> float:
    if value == 0:
        return 0.0
    from math import floor, log10

    return round(value, -int(floor(log10(abs(value)))) + (digits - 1))
