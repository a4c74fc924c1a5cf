"""Read the facts an article states: sentences, dates, quantities, names and quotations.

Everything here is regular expressions and small word lists (``lexicon``), so one
pass over a megabyte of text takes well under a second. The result, an
``ArticleFacts``, is what every question type generates from.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA

from ..articles import ParsedArticle, is_content_section
from . import lexicon as lx
from .fact_types import Fact, Sentence, fold, overlaps
from .quantities import DATE_PATTERN, dates_in, numbers_in
from .sentences import split_sentences

# ---------------------------------------------------------------------------- data



@dataclass
class Entity:
    key: str
    kind: str
    name: str  # the fullest form seen
    mentions: int = 0
    surfaces: set[str] = field(default_factory=set)
    strong: set[str] = field(default_factory=set)  # kinds some mention gave firm evidence for

    @property
    def certain(self) -> bool:
        """Is the kind known from the name itself or a role word ("the engineer ..."), not guessed from context?"""
        return self.kind in self.strong

    @property
    def surname(self) -> str:
        """How the article names them short: the last word, but a ruler by name and number
        ("Louis XI", not "XI")."""
        words = self.name.split()
        for at, word in enumerate(words[1:], start=1):
            if _REGNAL_NUMBER.fullmatch(word):
                return " ".join(words[: at + 1])  # "Louis XI of France" is "Louis XI"
        return words[-1]


@dataclass(frozen=True)
class Quote:
    sentence: int
    text: str  # the words quoted, without quotation marks
    speaker: str  # entity key
    speaker_text: str  # how the speaker is named in the evidence
    evidence_start: int  # passage offsets; may start at an earlier sentence naming the speaker
    evidence_end: int
    # For reported speech ("Haniyeh announced that Hamas would accept ..."), how the claim was
    # made ("announced", "argued in a 1996 article"); text is then the claim. "" for a quotation.
    verb: str = ""


# ---------------------------------------------------------------------------- patterns

_REGNAL_NUMBER = re.compile(r"[IVXL]+")
# Where a first sentence gives its subject another name: "(IMTFE)", "(latinized Alhazen", "also known
# as the Tokyo Trials, the Tokyo War Crimes Tribunal, or simply the Tribunal", "officially the ...".
_NAME_RUN = r"[A-Z][\w'’.-]*(?: (?:of |the |for |de |del |d'|al-)*[A-Z][\w'’.-]*)*"
_ANOTHER_NAME = re.compile(
    r"(?:\((?:latini[sz]ed |Latin: |born |formerly )?|also known as |also called |known as |officially |"
    r"nicknamed |or simply |formerly )(?P<names>(?:the )?[\"“]?" + _NAME_RUN
    + r"(?:[\"”]?,? (?:or |and )?(?:simply )?(?:the )?[\"“]?" + _NAME_RUN + r")*)"
)
_LISTED_NAME = re.compile(_NAME_RUN)
MAX_SUBJECT_OPENING = 250  # characters: where a first sentence names its subject
# A life in brackets after a name: "(3 April 1885 – 28 December 1981)", "(384–322 BC)", "(born 1970)".
_LIFE_IN_BRACKETS = re.compile(r"\((?:[^()]*?\d{3,4}[^()]*?[–—-][^()]*?\d{2,4}|[^()]*?\bborn\b)[^()]*\)|\bborn\b")
_CONTINUES_NAME = re.compile(r"[A-Z]\w* (?:and|&) $")
_UP = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f"
_CAP_WORD = rf"(?:(?:[A-Z]\.){{2,}}|[A-Z]\.(?= [A-Z])|[{_UP}]\w*(?:['\u2019][{_UP}]\w*|['\u2019]s(?= [{_UP}]))?(?:-\w+)*)"
_CONNECT = r"(?:of the|of|for|de|da|del|der|van|von|bin|al|du|la|le)"
_RUN = re.compile(rf"(?=[{_UP}])(?<![\w'\u2019-]){_CAP_WORD}(?: (?:{_CONNECT} )?{_CAP_WORD})*")
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w'\u2019-]*")
# Titles of articles about a place, and leads that say the subject is one.
_PLACE_TOPIC = re.compile(
    r"^(?:Politics|Economy|Geography|History|Demographics|Culture|Foreign relations|Climate|Transport|Education|"
    r"Religion|Tourism|Military|Government|Languages|Sport) of ((?:the )?[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3})$"
)
_PLACE_TITLE = re.compile(r"^[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}$")
_DEFINED_AS_PLACE = re.compile(
    r"\b(?:is|was) (?:a|an|the|one of the)\b[^.;]{0,80}?\b(?:country|state|province|region|regions|island|city|"
    r"town|village|parish|county|territory|microstate|principality|kingdom|republic|commune|municipality|district|"
    r"nation|capital)\b"
)
_TOKEN = re.compile(r"\S+")
# What a city is called just before its name: "The capital of Alabama is", "Its capital is", "The
# largest city by population is".
_CITY_ROLE_BEFORE = re.compile(
    r"\b(?:capital|largest city|biggest city|most populous city|county seat|seat of government)(?: city)?"
    r"(?: (?:of|in) (?:the )?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})?(?: by (?:[a-z]+ ){0,2}[a-z]+)?,? (?:is|was|has been|became) $"
)


def _city_role_before(text: str, start: int) -> bool:
    """Is the name at ``start`` called a capital or a largest city just before it (see _CITY_ROLE_BEFORE)?"""
    window = text[max(0, start - 80) : start]
    return ("capital" in window or "city" in window or "seat" in window) and _CITY_ROLE_BEFORE.search(window) is not None


_PLACE_NOUNS = frozenset("island islands town city village province region county state kingdom republic district municipality parish port".split())
_CAPITALISED_WORD = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
_QUOTE = re.compile(r'"([^"\n]{2,800}?)"|\u201c([^\u201d\n]{2,800}?)\u201d')
SPEECH_CUE_REACH = 120  # characters before a quotation that can hold "told the Kyiv Post that"
_SPEECH_CUE = re.compile(
    r"\b(said|says|stated|states|told [\w ]{1,30}?|wrote|writes|added|declared|replied|remarked|insisted|"
    r"explained|announced|warned|recalled|noted|saying|stating|adding|writing|declaring|replying|"
    r"remarking|insisting|explaining|announcing|warning|noting|recalling)(?: that)?\s*[:,]?\s*$"
)
_AFTER_QUOTE_SPEAKER = re.compile(r"[,.!?]?\s*(?:(said|says|wrote|added|declared|replied)\s+(?P<a>\S)|(?P<b>\S))")
_PARTICIPLE = re.compile(r"ing(?: that)?\s*[:,]?\s*$")
# Reported speech, read from just after the speaker's name: "[, who] [later] argued [in a 1996
# article] that <claim>." The claim ends the sentence and holds no quotation (those are quotes).
_REPORTED = re.compile(
    r"(?P<who>,? who)?\s(?:(?:later|also|once|publicly|famously|repeatedly|subsequently|further)\s)?"
    r"(?P<verb>(?:said|says|stated|states|explained|explains|argued|argues|claimed|claims|announced|"
    r"wrote|writes|noted|notes|suggested|suggests|maintained|maintains|insisted|insists|asserted|"
    r"asserts|declared|declares|concluded|believed|believes|proposed|contended|contends|warned|"
    r"recalled|predicted|predicts|acknowledged|admitted|denied|emphasi[sz]ed|told [a-z][a-z ]{0,25}?)"
    r"(?:\s(?:in|at|during)\s[^,;:\"\u201c\u201d]{1,50}?)?),?\sthat\s(?P<claim>[^\"\u201c\u201d]+?)\.$"
)
# What may stand before the speaker: nothing, an opening phrase ("In 2010, ") and a role ("the
# historian "); otherwise the name is not the sentence's subject.
_BEFORE_SPEAKER = re.compile(r"(?:[A-Z][^,;:]{0,60},\s)?(?:(?:[Tt]he\s)?(?:(?!and\s|or\s)[\w-]+\s){0,2}[a-z][\w-]*\s)?")
# A claim that leans on what it does not name ("that he would retire", "that this view ...",
# "the same year") is not a question on its own.
_LEANING_WORD = re.compile(
    r"\b(?:he|she|him|his|her|hers|himself|herself|they|them|their|it|its|this|these|those|we|us|our|"
    r"i|me|my|you|your|same|following|previous|former|latter|such)\b"
)
MIN_CLAIM_WORDS, MAX_CLAIM_WORDS = 5, 40
MAX_REPORTING_SENTENCE = 600  # characters: a longer sentence holds no claim short enough to ask
_PRONOUN_START = re.compile(r"^(He|She|His|Her)\b")
# A dated opening and then the pronoun: "In 1911, he contracted ...", "In January 1916 he volunteered ...".
_DATED_PRONOUN_START = re.compile(r"^(?:In|On|By|During|From|Since|Around|Until)\s(?=[^,;:]{0,40}?\d)[^,;:]{1,40}?,?\s(he|she)\b")
# An opening phrase ending in a comma and then the pronoun: "Born in Basra, he spent ...", "Largely
# self-educated, he became ...". Not a clause with a subject of its own ("When Smith died, he ...",
# "After the war ended, she ..."): the he or she may be its subject's.
_OPENING_PRONOUN_START = re.compile(
    r"^(?!(?:When|While|After|Before|Although|Though|Because|As|Since|If|Once|Until|Whereas|Where)\b)"
    r"[A-Z][^,;:\"“()]{2,60},\s(he|she)\b"
)
_SUBORDINATE_CLAUSE = re.compile(r"\b(?:he|she|they|it|his|her|their|who|which|that)\b|\b[A-Z][a-z]+ (?:was|were|had|did)\b")


def _leading_pronoun(text: str) -> re.Match | None:
    """The He/She (or His/Her) a sentence opens with, after a dated opening, an opening phrase
    ("Born in Basra, he ...") or none; group 1 is the pronoun."""
    match = _PRONOUN_START.match(text) or _DATED_PRONOUN_START.match(text)
    if match:
        return match
    match = _OPENING_PRONOUN_START.match(text)
    if match and not _SUBORDINATE_CLAUSE.search(text, 0, match.start(1) - 2):
        return match
    return None


class StandIn(NamedTuple):
    """Words of a sentence that mean the article's subject ("It", "The band's"), and the subject as written."""

    subject: str
    start: int
    end: int


class Statement(NamedTuple):
    """A sentence made to stand alone: its leading pronoun replaced by the name it stands for."""

    text: str
    shift: int = 0  # how far the words after the pronoun moved
    at: int = 0  # where the words after the pronoun start, in the sentence

    def offset(self, in_sentence: int) -> int:
        """Where an offset in the sentence is in ``text``."""
        return in_sentence + (self.shift if in_sentence >= self.at else 0)


# "It ..." or "Its ..." after a sentence about the article's subject stands for the subject
# ("Aruba is an island ... Its capital is Oranjestad."), unless it is an empty "it" ("It is possible
# to reach ...", "It has been suggested that ...").
_IT_START = re.compile(r"(It|Its) (\w+)")
_EMPTY_IT = re.compile(
    r"It (?:is|was|has been|had been|would be|will be|seems|seemed|appears|appeared) (?:\w+ ){0,2}?(?:that|to|whether|for|if)\b"
)
_DANGLING_START = re.compile(r"^(?:It|Its|They|Their|Them|This|These|Those|That|Such|There|Here|Both|Neither)\b")
# What the first sentence says its subject is: "Alaska is a U.S. state on ...", "Redd Kross is an
# American rock band from ...", "Bodmin is a civil parish and historic county town in ...". The
# last word of each part is a noun the article may call its subject by: "The band toured ...".
_DEFINED_AS = re.compile(
    r" (?:is|was|are|were) (?:a|an|the|one of the) (?P<phrase>[^,;()]{1,80}?)"
    r"(?= (?:of|in|on|from|by|for|that|which|who|whose|with|near|at|between|among|against|under|into|across|within|"
    r"along|around|through|during|to|and its|located|situated|based|"
    r"hosted|founded|held|named|known|used|made|called|led|run|owned|built|created|written|directed|published|"
    r"released|\w+ing)\b|[,;(]|(?<![A-Z])\.)"
)
_ADJECTIVE_ENDINGS = ("ical", "ous", "ive", "ful", "ed", "ing", "ly", "ic")
_NOT_ITS_KIND = frozenset(
    "member part kind type form number variety way one lot group example term set version contents name word".split()
)
# "The band ...", "The club's ...": followed by a word that is not "of" ("The state of Washington").
_THE_KIND_START = re.compile(r"The ([A-Za-z][a-z-]+)(?:'s|’s)? (?!of\b)[a-z]")
# The same after an opening phrase: "In 1918, the club elected ...", "Despite ..., the strike received ...".
_THE_KIND_AFTER_OPENING = re.compile(r"[A-Z][^,;:\"“()]{2,60}, (the ([A-Za-z][a-z-]+)(?:'s|’s)?) (?!of\b)[a-z]")
# "..., it resumed": a clause whose subject is a pronoun pointing outside the sentence.
# (Two patterns, at the start and after punctuation, so the search can skip ahead to punctuation.)
_CLAUSE_PRONOUN_START = re.compile(r"(?:it|they|this|these|those|its|their)\b", re.IGNORECASE)
_CLAUSE_PRONOUN = re.compile(r"[,;:] (?:it|they|this|these|those|its|their)\b", re.IGNORECASE)
# Things placed only by the sentence before: "in the same newspaper", "the following year"
# (but "the same age at which ..." says what it means).
_RELATIVE_THING = re.compile(
    r"\bthe (?:same|following|next|previous|latter|former)\b(?! \w+ (?:as|at which|that)\b)", re.IGNORECASE
)
# Times counted from an earlier moment: "six hours later", "that year", "afterwards". Dangling
# unless the sentence itself gives a year before it ("fell in 1989, and ... a year later").
_RELATIVE_TIME = re.compile(
    r"\b(?:(?:later|earlier) that|that (?:year|day|month|week|night|morning|evening|afternoon)|(?:a|an|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|twelve|\d+|several|a few|some) (?:minutes?|hours?|days?|weeks?|months?|years?|"
    r"decades?) (?:later|earlier|afterwards?|before)|(?:soon |shortly )?afterwards?(?= *[,.;]|$))",
    re.IGNORECASE,
)
_RELATIVE_THING_WORDS = ("the same", "the following", "the next", "the previous", "the latter", "the former")
_RELATIVE_TIME_WORDS = ("later", "earlier", "afterward", "before", "that ")
_YEAR_IN_TEXT = re.compile(r"\b(?:1[0-9]{3}|20[0-9]{2})\b")
# Gender evidence: a subject or reflexive pronoun after the person is named ("Curie said she ...");
# a possessive ("took over his professorship") or a pronoun before the name often means someone else.
_MASCULINE = re.compile(r"(?=[hH])\b(?:he|himself)\b", re.IGNORECASE)
_FEMININE = re.compile(r"(?=[sShH])\b(?:she|herself)\b", re.IGNORECASE)
_PERSON_PRONOUN = re.compile(r"(?=[hHsS])\b(?:he|she|his|him|her|hers|himself|herself)\b", re.IGNORECASE)


@lru_cache(maxsize=65536)
def content_stems(text: str) -> frozenset[str]:
    """Five-letter stems of the content words: 'denied' and 'denial' share 'denie'/'denia' → close enough."""
    stems = set()
    for word in _WORD.findall(text):
        if len(word) > 2:
            lower = word.lower()
            if lower not in lx.STOPWORDS:
                stems.add(lower[:5] if lower.isascii() else word[:5].lower())
    return frozenset(stems)




_PLACE_KEYS = frozenset(fold(p) for p in lx.PLACES)

# ---------------------------------------------------------------------------- analysis


class NameMention(NamedTuple):
    """A capitalised run that may name someone or something; offsets in the sentence's text."""

    sentence: Sentence
    start: int
    end: int
    text: str
    before: str  # the (up to three, lower-cased) words before it
    after: str  # the word after it


class ArticleFacts:
    """All facts of one article, indexed for the question types."""

    def __init__(self, article: ParsedArticle) -> None:
        self.article = article
        self.sentences: list[Sentence] = []
        self.facts: list[list[Fact]] = []  # by sentence index
        self.entities: dict[str, Entity] = {}
        self.alias: dict[str, str] = {}  # folded surface -> entity key
        self.quotes: list[Quote] = []
        self.sentence_subject: list[str | None] = []
        self.antecedent: list[str | None] = []  # person a leading He/She refers to
        self.antecedent_sentence: list[int | None] = []
        # sentence -> the article's subject its It/Its (or "the club") means, and where the words that
        # mean it stand ("It", "Its", "The band's", "the club" of "In 1918, the club ...")
        self.it_stands_for: dict[int, StandIn] = {}
        self.mentions_by_key: dict[str, list[int]] = defaultdict(list)
        # A person's roles, from the words before a mention ("the Ukrainian prime minister Denys Shmyhal"):
        # role words (heads) and their modifiers, per entity and per mention (sentence, start).
        self.role_heads: dict[str, set[str]] = defaultdict(set)
        self.role_modifiers: dict[str, set[str]] = defaultdict(set)
        self.mention_role: dict[tuple[int, int], tuple[str, frozenset[str]]] = {}
        self.gender: dict[str, Counter] = defaultdict(Counter)
        self._stems: dict[int, frozenset[str]] = {}
        self._date_matches: list[list[re.Match]] = []  # by sentence: found once, used for names and dates
        self._dangling: dict[int, bool] = {}
        self._statements: dict[int, tuple[str, int] | None] = {}
        self._names_subject: dict[int, bool] = {}
        self._words: dict[int, int] = {}
        self._quote_marks: dict[int, tuple[list[int], list[int], list[int]]] = {}
        self._split()
        mentions = self._find_names()
        self._classify(mentions)
        self._collect_facts(mentions)
        self._resolve_pronouns()
        self._resolve_it()
        self._find_quotes()
        self._find_reported_speech()

    # -- sentences
    def _split(self) -> None:
        for passage in self.article.passages:
            if not is_content_section(passage.section):
                continue
            is_lead = passage.section == ""
            for n, span in enumerate(split_sentences(passage.text)):
                self.sentences.append(
                    Sentence(len(self.sentences), passage, span.start, span.end, span.text, n, is_lead)
                )
                self.facts.append([])

    # -- names
    def _find_names(self) -> list[NameMention]:
        """Capitalised runs, trimmed of sentence-initial words, titles and adjectives."""
        found = []
        for sentence in self.sentences:
            text = sentence.text
            date_matches = list(DATE_PATTERN.finditer(text))
            self._date_matches.append(date_matches)
            dates = [(m.start(), m.end()) for m in date_matches]
            for match in _RUN.finditer(text):
                for start, end in _trim_run(text, match.start(), match.end()):
                    if dates and overlaps(dates, start, start + 1):
                        continue
                    if text.endswith((" and ", " & "), 0, start) and _CONTINUES_NAME.search(text, max(0, start - 80), start):
                        continue  # "... European and Eurasian Affairs": the tail of a longer name
                    name = text[start:end]
                    before = text[max(0, start - 40) : start].lower().split()[-3:]
                    after_match = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
                    after = after_match.group(0) if after_match else ""
                    found.append(NameMention(sentence, start, end, name, " ".join(before), after))
        return found

    def _classify(self, mentions: list[NameMention]) -> None:
        votes: dict[str, Counter] = defaultdict(Counter)
        strong: dict[str, set[str]] = defaultdict(set)
        names: dict[str, str] = {}
        counts: Counter = Counter()
        for sentence, start, _end, name, before, after in mentions:
            key = fold(name)
            names.setdefault(key, name)
            counts[key] += 1
            entity_votes = votes[key]
            found = _votes(name, before, after)
            if _city_role_before(sentence.text, start):
                found["place"] = found.get("place", 0) + 3  # "The capital of Alabama is Montgomery"
            for kind, n in found.items():
                entity_votes[kind] = 1 if kind == "name_shape" else entity_votes[kind] + n
                if n >= 2 and kind != "name_shape":
                    strong[key].add(kind)  # a word list or a role word, not a guess from "in" or "the"
        kinds = {key: _decide(v) for key, v in votes.items()}
        # Full names of people first; variant spellings of one name fold into the commonest.
        persons = sorted((k for k, kind in kinds.items() if kind == "person" and " " in k), key=lambda k: (-counts[k], k))
        canonical: dict[str, str] = {}
        # Only names sharing a first name and the first four letters of the last can be one (see _similar_name).
        targets: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key in persons:
            first, last = key.split()[0], key.split()[-1]
            same = next((c for c in targets[(first, last[:4])] if _similar_name(last, c.split()[-1])), None)
            canonical[key] = same or key
            if same is None:
                targets[(first, last[:4])].append(key)
        main = self._title_person(canonical)
        if main:
            # A biography names its subject by other names too ("Maria Skłodowska", later "Marie Curie").
            for key in canonical:
                if key != main and canonical[key] == key and _similar_first_name(key.split()[0], main.split()[0]):
                    canonical[key] = main
        self.main_person_key = main
        by_surname: dict[str, set[str]] = defaultdict(set)
        for key, target in canonical.items():
            by_surname[key.split()[-1]].add(target)
        self._surnames_by_prefix: dict[str, list[str]] = defaultdict(list)
        for surname in by_surname:
            if len(surname) >= 5:
                self._surnames_by_prefix[surname[:4]].append(surname)
        self._canonical_by_first: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for full, target in sorted(canonical.items()):
            self._canonical_by_first[full.split()[0]].append((full, target))
        for key in votes:
            if key in canonical:
                self.alias[key] = canonical[key]
            else:
                self.alias[key] = self._alias_of(key, kinds[key], by_surname, canonical)
        for key, target in self.alias.items():
            if target not in self.entities:
                kind = "person" if target in canonical else kinds[target]
                if kind == "person" and target.endswith("s") and target[:-1] in by_surname:
                    kind = "misc"
                self.entities[target] = Entity(target, kind, names[target])
            self.entities[target].surfaces.add(names[key])
            self.entities[target].strong |= strong.get(key, set())

    def _alias_of(self, key: str, kind: str, by_surname, canonical) -> str:
        """A surname or misspelt name that stands for a person named in full elsewhere."""
        if key.endswith("s") and key[:-1] in by_surname:
            return key  # "the Curies": a family, not one of its members
        if " " not in key and kind in ("person", "misc", "place") and key not in _PLACE_KEYS:
            exact = by_surname.get(key, set())
            if len(exact) == 1:
                return next(iter(exact))
            if len(exact) > 1 and self.main_person_key in exact:
                return self.main_person_key  # "Curie" in a biography of Marie Curie
            if not exact:
                # Only surnames sharing the first four letters can be similar (see _similar_name).
                alike = self._surnames_by_prefix.get(key[:4], ()) if len(key) >= 5 else ()
                close = {p for s in alike if _similar_name(key, s) for p in by_surname[s]}
                if len(close) == 1:
                    return next(iter(close))
        if kind in ("person", "misc") and " " in key:
            first, last = key.split()[0], key.split()[-1]
            for full, target in self._canonical_by_first.get(first, ()):
                if _similar_name(last, full.split()[-1]):
                    return target
        return key

    def _collect_facts(self, mentions: list[NameMention]) -> None:
        for sentence in self.sentences:
            base = sentence.start
            taken: list[tuple[int, int]] = []
            for fact in dates_in(sentence, base, self._date_matches[sentence.index]):
                self.facts[sentence.index].append(fact)
                taken.append((fact.start, fact.end))
            for fact in numbers_in(sentence, base, taken):
                self.facts[sentence.index].append(fact)
        for sentence, start, end, name, before, _after in mentions:
            folded = fold(name)
            key = self.alias.get(folded, folded)
            entity = self.entities[key]
            entity.mentions += 1
            self.mentions_by_key[key].append(sentence.index)
            form = "name"
            if entity.kind == "person":
                form = "full" if " " in name else "surname"
                role = _role(before)
                if role is not None:
                    self.role_heads[key].add(role[0])
                    self.role_modifiers[key].update(role[1])
                    self.mention_role[(sentence.index, sentence.start + start)] = role
            fact = Fact(entity.kind, form, sentence.index, sentence.start + start, sentence.start + end, name, key)
            self.facts[sentence.index].append(fact)
        for facts in self.facts:
            facts.sort(key=lambda f: f.start)

    # -- pronouns
    def persons_in(self, index: int) -> list[str]:
        return [f.key for f in self.facts[index] if f.kind == "person"]

    def _resolve_pronouns(self) -> None:
        for i, sentence in enumerate(self.sentences):
            persons = set(self.persons_in(i))
            if len(persons) == 1:
                person = next(iter(persons))
                named_at = next(f.end for f in self.facts[i] if f.kind == "person") - sentence.start
                if _MASCULINE.search(sentence.text, named_at):
                    self.gender[person]["m"] += 1
                if _FEMININE.search(sentence.text, named_at):
                    self.gender[person]["f"] += 1
        main_person = self._main_person
        previous_passage = None
        subject: str | None = None
        subject_sentence: int | None = None
        others_named = False  # someone besides the main person is named earlier in the passage
        for i, sentence in enumerate(self.sentences):
            if sentence.passage is not previous_passage:
                subject, subject_sentence, others_named = None, None, False
                previous_passage = sentence.passage
            facts = self.facts[i]
            first_person = next((f for f in facts if f.kind == "person"), None)
            antecedent = antecedent_sentence = None
            match = _leading_pronoun(sentence.text)
            if match:
                pronoun_gender = _pronoun_gender(match.group(1))
                # In a biography, a passage that has named no one else speaks of its subject
                # ("Pierre de Frédy, Baron de Coubertin ... was a French educator. He is considered ...").
                candidate = subject or (main_person if not others_named else None)
                named_in = subject_sentence if subject else None
                if (
                    candidate
                    and self._gender_allows(candidate, pronoun_gender)
                    and not self._doubtful_antecedent(candidate, main_person, named_in)
                ):
                    antecedent = candidate
                    antecedent_sentence = subject_sentence
                    self.gender[candidate][pronoun_gender] += 1  # "She" went on with her story: a vote
            self.antecedent.append(antecedent)
            self.antecedent_sentence.append(antecedent_sentence)
            others_named = others_named or any(key != main_person for key in self.persons_in(i))
            if antecedent:
                self.sentence_subject.append(antecedent)
                subject, subject_sentence = antecedent, antecedent_sentence  # "He ... He ...": still them
            elif first_person and first_person.start - sentence.start <= 60:
                self.sentence_subject.append(first_person.key)
                subject, subject_sentence = first_person.key, i
            else:
                self.sentence_subject.append(None)
                if self.persons_in(i):
                    subject, subject_sentence = None, None

    def _doubtful_antecedent(self, candidate: str, main_person: str | None, named_in: int | None) -> bool:
        """Is a He/She's person only a guess? So when nothing else calls the candidate he or she and
        the sentence naming them names someone else too ("Robert Dollar bought it from Lora Knight.
        She became ..."), or the name may not be a person's ("her novel Stern Men. In 2002, she ...")."""
        if candidate == main_person or self.gender.get(candidate):
            return False
        if named_in is not None and len(set(self.persons_in(named_in))) > 1:
            return True
        entity = self.entities[candidate]
        words = entity.name.split()
        return not (entity.certain or candidate in self.role_heads or (words[0] in lx.GIVEN_NAMES and len(words) >= 2))

    def gender_of(self, person: str) -> str | None:
        """"m" or "f" as the article speaks of the person ("he", "she"; the commoner one), None if it does not."""
        votes = self.gender.get(person)
        return votes.most_common(1)[0][0] if votes else None

    def _gender_allows(self, person: str, gender: str) -> bool:
        votes = self.gender.get(person)
        if not votes:
            return True
        other = "f" if gender == "m" else "m"
        return votes[gender] >= votes[other]

    def _title_person(self, canonical: dict[str, str]) -> str | None:
        title = fold(self.article.title)
        if not self._opens_with_a_life:
            return None  # "Animal Farm" is a name-shaped title, not a person's
        return next((k for k in canonical if k == title), None)

    @cached_property
    def _opens_with_a_life(self) -> bool:
        """Does the article open as a biography does: with a life ("Allan Dwan (3 April 1885 – 28
        December 1981)") or a person's role ("Tomas Hallberg was a Swedish chemist ...")? Not "Animal
        Farm is an allegorical and dystopian novella", nor "Asda is a British supermarket chain"."""
        opening = self._opening
        if _LIFE_IN_BRACKETS.search(opening):
            return True
        defined = _DEFINED_AS.search(opening)
        return defined is not None and defined.group("phrase").split()[-1] in lx.ROLE_WORDS

    def _resolve_it(self) -> None:
        """In an article about a thing, not a person: the sentence after one that opens with the
        title ("The Arts Club of Chicago is ...", or one such It) may call it It or Its."""
        title = self.bare_title
        person = self._main_person
        if not title or (person and person in fold(title)):
            return  # a biography: "It" is never its subject
        # Not the start of a longer name: "The Azerbaijan Democratic Republic proclaimed ..." is not Azerbaijan.
        opens_with_title = re.compile(r"(?:The )?" + re.escape(title) + r"(?![\w'’-]|(?-i: [A-Z]))", re.IGNORECASE)
        # "Unlike many of its relatives in the order Carnivora, the aardwolf does not hunt ...": the
        # title as the subject after an opening phrase; "the alphabet" only where the article opens
        # so ("The aardwolf is ..."), not where it means one alphabet ("An alphabet is ...").
        the = "(?:the )?" if re.match("The " + re.escape(title), self._opening, re.IGNORECASE) else ""
        title_after_opening = re.compile(r"[A-Z][^,;:\"“()]{2,80}, (" + the + re.escape(title) + r")(?![\w'’-]|(?-i: [A-Z]))", re.IGNORECASE)
        kinds, as_written = self._subject_kinds(opens_with_title)
        one_instance = None
        if kinds:
            # "The first Academy Awards presentation was held ... The ceremony ran for 15 minutes": after
            # a sentence about one instance of the subject, "the ceremony" is that instance.
            named_kind = "|".join(re.escape(w) for w in sorted({*kinds, *title.split()}))
            one_instance = re.compile(
                r"\b(?:first|second|third|last|final|\d+(?:st|nd|rd|th)|that \w+'s)\s+(?:\S+\s+){0,3}?(?:" + named_kind + r")\b",
                re.IGNORECASE,
            )
        subject: str | None = None  # as the sentence before wrote it, when it was the article's subject
        about_one_instance = False  # this passage spoke of one instance of the subject's kind
        for i, sentence in enumerate(self.sentences):
            if sentence.number_in_passage == 0:
                about_one_instance = False
                if not (sentence.is_lead and i and self.sentences[i - 1].is_lead):
                    subject = None  # but the lead's paragraphs go on about the subject
            text = sentence.text
            named = opens_with_title.match(text)
            named_later = None if named else title_after_opening.match(text)
            it = _IT_START.match(text)
            the_kind = _THE_KIND_START.match(text) if kinds else None
            the_kind_later = _THE_KIND_AFTER_OPENING.match(text) if kinds and not the_kind else None
            if named:
                subject = text[: named.end()]
            elif named_later:
                subject = named_later.group(1)
                subject = subject[0].upper() + subject[1:]
            elif it and subject and not _EMPTY_IT.match(text) and it.group(2).islower():
                self.it_stands_for[i] = StandIn(subject, *it.span(1))
            elif the_kind and the_kind.group(1).lower() in kinds and not about_one_instance:
                # "The band toured ...": what the first sentence says the subject is, anywhere in the article.
                self.it_stands_for[i] = StandIn(as_written, 0, the_kind.end() - 2)
                subject = as_written
            elif the_kind_later and the_kind_later.group(2).lower() in kinds and not about_one_instance:
                self.it_stands_for[i] = StandIn(as_written, *the_kind_later.span(1))
                subject = as_written
            else:
                subject = None
            if one_instance is not None and one_instance.search(text):
                about_one_instance = True

    def _subject_kinds(self, opens_with_title: re.Pattern) -> tuple[frozenset[str], str]:
        """The nouns the first sentence says the subject is ("state" of "Alaska is a U.S. state"),
        and the subject as that sentence writes it; nothing if it does not open with the title."""
        opening = self._opening
        named = opens_with_title.match(opening)
        if named is None:
            return frozenset(), ""
        defined = _DEFINED_AS.search(opening)
        kinds = set()
        for part in re.split(r" and | or ", defined.group("phrase")) if defined else ():
            noun = part.split()[-1] if part.split() else ""
            if noun.islower() and noun.isalpha() and noun not in _NOT_ITS_KIND and not noun.endswith(_ADJECTIVE_ENDINGS):
                kinds.add(noun)
        # The noun the title itself ends in: "The strike ..." in "2016 U.S. prison strike", "The Club ..."
        # in "Arts Club of Chicago"; not in the title of a work ("Animal Farm": the farm is in the story).
        head = re.split(r" (?:of|for|on|in)\b", self.bare_title)[0].split()
        if len(self.bare_title.split()) >= 2 and len(head[-1]) >= 4 and head[-1].isalpha() and not kinds & lx.WORK_WORDS:
            kinds.add(head[-1].lower())
        return frozenset(kinds), opening[: named.end()]

    @cached_property
    def subject_names(self) -> list[str]:
        """What the article calls its subject: the title and the names its first sentence gives it
        ("Ibn al-Haytham (latinized Alhazen ...)", "The International Military Tribunal for the Far
        East (IMTFE), also known as the Tokyo Trials, ... or simply the Tribunal")."""
        names = [self.article.title]
        opening = self._opening
        if not content_stems(opening) & content_stems(self.article.title):
            return names
        for cue in _ANOTHER_NAME.finditer(opening):
            names.extend(
                match.group(0) for match in _LISTED_NAME.finditer(cue.group("names")) if match.group(0) not in lx.MONTHS
            )  # "(born 2 July 1969)" gives a date, not a name
        return names

    @cached_property
    def dated_share(self) -> float:
        """The share of the article's sentences that hold a date: high in a history or a life, low in a
        text that explains something."""
        if not self.sentences:
            return 0.0
        return sum(any(f.kind == "date" for f in facts) for facts in self.facts) / len(self.sentences)

    @cached_property
    def subject_stems(self) -> frozenset[str]:
        """The content stems of every name of the subject (``subject_names``), for the per-sentence checks."""
        return frozenset().union(*(content_stems(name) for name in self.subject_names))

    @cached_property
    def _opening(self) -> str:
        """Where the first sentence names and defines its subject: its first MAX_SUBJECT_OPENING
        characters ("" in an article with no lead)."""
        first = next((s for s in self.sentences if s.is_lead), None)
        return first.text[:MAX_SUBJECT_OPENING] if first is not None else ""

    @cached_property
    def bare_title(self) -> str:
        """The title without a bracketed qualifier: "Mercury" of "Mercury (planet)"."""
        return re.sub(r"\s*\(.*\)$", "", self.article.title).strip()

    @cached_property
    def _main_person(self) -> str | None:
        """The person an article (a biography) is about: the one its title names (once the names
        are classified; cached, as both pronoun passes ask)."""
        title_words = set(_WORD.findall(fold(self.bare_title)))
        if not title_words or not self._opens_with_a_life:
            return None
        named = [
            key for key, entity in self.entities.items() if entity.kind == "person" and set(key.split()) <= title_words
        ]  # "Coubertin" of "Pierre de Coubertin"; not "Southwest Alaska", nor "Martin" for "Art"
        return max(named, key=lambda key: len(key.split()), default=None)

    def is_the_subject(self, person: str) -> bool:
        """Is ``person`` the one a biography is about, under the title's name or a fuller one
        ("Angela Dorothea Merkel" in "Angela Merkel")?"""
        if person in (self.main_person_key, self._main_person):
            return person is not None
        title = fold(self.bare_title).split()
        words = person.split()
        return len(title) >= 2 and len(words) >= 2 and self._opens_with_a_life and (words[0], words[-1]) == (title[0], title[-1])

    # -- quotations
    def _find_quotes(self) -> None:
        for i, sentence in enumerate(self.sentences):
            text = sentence.text
            if '"' not in text and "\u201c" not in text:
                continue
            persons = [f for f in self.facts[i] if f.kind == "person"]
            for match in _QUOTE.finditer(text):
                words = (match.group(1) or match.group(2)).strip()
                if len(words.split()) < 4:
                    continue  # scare quotes and short phrases are not something someone said
                speaker = self._speaker(i, persons, match.start(), match.end())
                if not speaker:
                    continue
                key, speaker_text, evidence_start = speaker
                if fold(speaker_text) in fold(words) or any(
                    fold(s) in fold(words) for s in self.entities[key].surfaces
                ):
                    continue
                self.quotes.append(Quote(i, words, key, speaker_text, evidence_start, sentence.end))

    def _find_reported_speech(self) -> None:
        """Claims the article attributes to a person without quoting them ("Ian P. Howard argued in a
        1996 article that Alhazen should be credited ...", "He said that Hamas will not recognize
        Israel"), as quotes whose ``verb`` says how the claim was made."""
        quoted = {quote.sentence for quote in self.quotes}
        for i, sentence in enumerate(self.sentences):
            text = sentence.text
            if i in quoted or " that " not in text or not text.endswith(".") or len(text) > MAX_REPORTING_SENTENCE:
                continue
            found = self._reported_claim(i)
            if found is None:
                continue
            key, speaker_text, evidence_start, verb, claim = found
            if " " not in self.entities[key].name:
                continue  # "Asda announced that ...": a company says things too; only a full name is surely a person
            words = claim.split()
            if not MIN_CLAIM_WORDS <= len(words) <= MAX_CLAIM_WORDS or _LEANING_WORD.search(claim.lower()):
                continue
            if any(fold(surface) in fold(claim) for surface in self.entities[key].surfaces):
                continue  # "Smith said that Smith's plan ...": the claim names who made it
            self.quotes.append(Quote(i, claim, key, speaker_text, evidence_start, sentence.end, verb))

    def _reported_claim(self, i: int) -> tuple[str, str, int, str, str] | None:
        """(speaker, how the evidence names them, evidence start, verb, claim) of sentence ``i``'s
        reported speech, or None: the speaker is its subject (named or a resolved He/She) or is
        named just before ", who said that"."""
        sentence = self.sentences[i]
        text = sentence.text
        antecedent = self.antecedent[i]
        if antecedent and text.startswith(("He ", "She ")):
            match = _REPORTED.match(text, text.index(" "))
            if match and not match.group("who"):
                named = self._named_subject(i, antecedent)
                if named:
                    return (*named, match.group("verb"), match.group("claim"))
            return None
        for fact in self.facts[i]:
            if fact.kind != "person":
                continue
            match = _REPORTED.match(text, fact.end - sentence.start)
            if match is None:
                continue
            before = text[: fact.start - sentence.start]
            if match.group("who") or _BEFORE_SPEAKER.fullmatch(before):
                return fact.key, fact.text, sentence.start, match.group("verb"), match.group("claim")
        return None

    def _speaker(self, i: int, persons: list[Fact], quote_start: int, quote_end: int) -> tuple[str, str, int] | None:
        """Who says the quotation at [quote_start, quote_end) of sentence ``i`` (offsets in the sentence).

        Only the words next to the quotation are looked at, so a sentence holding thousands of
        quotations is read in linear time."""
        sentence = self.sentences[i]
        text = sentence.text
        window = max(0, quote_start - SPEECH_CUE_REACH)
        cue = _SPEECH_CUE.search(text, window, quote_start)
        if cue:
            cue_at = sentence.start + cue.start()
            if not _PARTICIPLE.search(cue.group(0).split(" that")[0]) and persons:
                # The people named in the 40 characters before the cue, the last of them nearest.
                ends = bisect_right(persons, cue_at, key=lambda f: f.end)
                near = [f for f in persons[max(0, ends - 3) : ends] if cue_at - f.end <= 40]
                if near:
                    return near[-1].key, near[-1].text, sentence.start
            subject = self.sentence_subject[i]
            if subject:
                return self._named_subject(i, subject)
            return None
        match = _AFTER_QUOTE_SPEAKER.match(text, quote_end)
        if match:
            at = sentence.start + match.start(match.lastgroup or 0)
            for fact in persons:
                if fact.start == at:
                    return fact.key, fact.text, sentence.start
        return None

    def _named_subject(self, i: int, key: str) -> tuple[str, str, int] | None:
        """Where the evidence names the subject: this sentence, or the sentence a He/She points back to."""
        sentence = self.sentences[i]
        for fact in self.facts[i]:
            if fact.key == key:
                return key, fact.text, sentence.start
        j = self.antecedent_sentence[i]
        if j is not None:
            for fact in self.facts[j]:
                if fact.key == key:
                    return key, fact.text, self.sentences[j].start
        return None

    # -- look-ups for the question types
    def sure_of_kind(self, key: str) -> bool:
        """Is the entity's kind known, not guessed? A name list or a role word says so, and for a
        person also being the article's subject or being called "he" or "she"."""
        entity = self.entities.get(key)
        if entity is None:
            return False
        if entity.certain:
            return True
        if entity.kind != "person":
            return False
        given = entity.name.split()[0]
        return (
            key == self.main_person_key
            or bool(self.gender.get(key))
            or key in self.role_heads
            or (given in lx.GIVEN_NAMES and len(entity.name.split()) >= 2)
        )

    def words(self, index: int) -> int:
        """How many space-separated words sentence ``index`` has (cached)."""
        cached = self._words.get(index)
        if cached is None:
            cached = self._words[index] = len(self.sentences[index].text.split())
        return cached

    def stems(self, index: int) -> frozenset[str]:
        """Content-word stems of sentence ``index`` (cached: the selection asks for them often)."""
        cached = self._stems.get(index)
        if cached is None:
            cached = self._stems[index] = content_stems(self.sentences[index].text)
        return cached
    def quoted(self, fact: Fact) -> bool:
        """Is the fact inside a quotation? Words someone said are not to be changed or blanked."""
        sentence = self.sentences[fact.sentence]
        if '"' not in sentence.text and "\u201c" not in sentence.text:
            return False
        marks = self._quote_marks.get(fact.sentence)
        if marks is None:  # the marks' offsets, found once: counting them before every fact was quadratic
            text, base = sentence.text, sentence.start
            marks = self._quote_marks[fact.sentence] = (
                [base + m.start() for m in re.finditer('"', text)],
                [base + m.start() for m in re.finditer("\u201c", text)],
                [base + m.start() for m in re.finditer("\u201d", text)],
            )
        straight, opening, closing = marks
        return bisect_left(straight, fact.start) % 2 == 1 or bisect_left(opening, fact.start) > bisect_left(closing, fact.start)

    def dangling(self, index: int) -> bool:
        """A sentence whose pronoun or demonstrative cannot be resolved: it means nothing out of context."""
        cached = self._dangling.get(index)
        if cached is None:
            cached = self._dangling[index] = self._is_dangling(index)
        return cached

    def _is_dangling(self, index: int) -> bool:
        text = self.sentences[index].text
        if index in self.it_stands_for:
            text = self.statement_text(index)
        if _DANGLING_START.match(text) or _CLAUSE_PRONOUN_START.match(text) or _CLAUSE_PRONOUN.search(text):
            return True
        lowered = text.lower()  # the plain substring tests below spare most sentences the regexes
        if any(word in lowered for word in _RELATIVE_THING_WORDS) and _RELATIVE_THING.search(text):
            return True
        if any(word in lowered for word in _RELATIVE_TIME_WORDS):
            relative_time = _RELATIVE_TIME.search(text)
            if relative_time and not _YEAR_IN_TEXT.search(text, 0, relative_time.start()):
                return True
        if _leading_pronoun(text):
            return self.antecedent[index] is None
        pronouns = list(_PERSON_PRONOUN.finditer(text))
        if not pronouns:
            return False
        sentence_start = self.sentences[index].start
        persons = [(f.start - sentence_start, f.key) for f in self.facts[index] if f.kind == "person"]
        # Each pronoun needs a person named before it in the sentence who may be that gender:
        # "Marie Curie took over his professorship" means Pierre, named in the sentence before.
        # An object "him" is never the subject ("Aldrin joined him"): it needs someone else.
        subject = persons[0][1] if persons else None
        return any(
            not any(
                at < pronoun.start()
                and self._gender_allows(key, _pronoun_gender(pronoun.group()))
                and not (pronoun.group().lower() == "him" and key == subject)
                for at, key in persons
            )
            for pronoun in pronouns
        )

    def statement_text(self, index: int) -> str:
        """The sentence with a leading It/Its or "The band" that means the article's subject replaced by it."""
        stand_in = self.it_stands_for.get(index)
        if not stand_in:
            return self.sentences[index].text
        text = self.sentences[index].text
        subject, start, end = stand_in
        words = text[start:end]
        possessive = words == "Its" or words.endswith(("'s", "’s"))
        name = _possessive(subject) if possessive else subject
        if start and name.startswith("The "):
            name = "the" + name[3:]
        elif start and words.lower().startswith("the ") and re.sub(r"['’]s$", "", words.split()[1].lower()) in name.lower().split():
            name = "the " + name  # "In 1918, the club elected ..." in "Arts Club of Chicago": "the Arts Club of Chicago"
        return text[:start] + name + text[end:]

    def statement(self, index: int) -> Statement | None:
        """The sentence made to stand alone: leading He/She replaced by the name; None if impossible.
        Cached: every type asks."""
        if index not in self._statements:
            self._statements[index] = self._statement(index)
        return self._statements[index]

    def _statement(self, index: int) -> Statement | None:
        if self.dangling(index):
            return None
        text = self.sentences[index].text
        if index in self.it_stands_for:
            resolved = self.statement_text(index)
            return Statement(resolved, len(resolved) - len(text), self.it_stands_for[index].end)
        antecedent = self.antecedent[index]
        match = _leading_pronoun(text)
        if match and antecedent:
            name = self.entities[antecedent].name
            if match.group(1) in ("His", "Her"):
                name = _possessive(name)  # "His work ..." -> "Tarkovsky's work ..."
            start, end = match.span(1)
            return Statement(text[:start] + name + text[end:], len(name) - (end - start), end)
        first_name = self._subject_by_first_name(text)
        if first_name:
            # "Arthur endured two long years ..." in a life of Arthur Schopenhauer: the name in full.
            full = self.entities[self.main_person_key].name
            return Statement(full + text[len(first_name) :], len(full) - len(first_name), len(first_name))
        place = self.subject_place
        if place and self._speaks_of_no_place(index):
            # "The Constitutional Court ... contains 11 justices", in an article on Angola: in Angola.
            opening = f"In {place}, "
            return Statement(opening + text[0].lower() + text[1:], len(opening), 0)
        return Statement(text)

    def names_the_subject(self, index: int) -> bool:
        """Does the sentence (its It read as the subject) name what the article is about, by any of its
        names? Cached: the selection, the labels and true/false all ask."""
        named = self._names_subject.get(index)
        if named is None:
            named = self._names_subject[index] = bool(content_stems(self.statement_text(index)) & self.subject_stems)
        return named

    def framed_statement(self, index: int) -> Statement | None:
        """The statement as a question shows it: one that never names what the article is about
        opens with the article's title ("Autism: The number of people diagnosed has been increasing
        ..."), so it stands alone outside its article (a practice session, an exported deck)."""
        statement = self.statement(index)
        if statement is None or statement.shift or self.names_the_subject(index):
            return statement
        return Statement(self.subject_label + statement.text, len(self.subject_label), 0)

    @cached_property
    def subject_label(self) -> str:
        """What opens a question that never names the article's subject: its title and a colon."""
        return f"{self.article.title.strip()}: "

    def _subject_by_first_name(self, text: str) -> str | None:
        """The first name of a biography's subject when a sentence opens with it alone ("Aldous was ...")."""
        if not self.main_person_key:
            return None
        names = self.entities[self.main_person_key].name.split()
        if len(names) > 1 and text.startswith(names[0] + " ") and text[len(names[0]) + 1 : len(names[0]) + 2].islower():
            return names[0]
        return None

    @cached_property
    def subject_place(self) -> str | None:
        """The place the article is about, when its title is one ("Andorra", "Politics of Angola")
        and the lead says so ("... is a landlocked microstate"): every sentence that names no place
        of its own is about it."""
        title = self.article.title
        topic = _PLACE_TOPIC.match(title)
        if topic:
            return topic.group(1)
        lead = next((s.text for s in self.sentences if s.is_lead), "")
        if _PLACE_TITLE.match(title) and lead.startswith(title) and _DEFINED_AS_PLACE.search(lead, len(title), 400):
            return title
        return None

    def _speaks_of_no_place(self, index: int) -> bool:
        """A sentence that opens with a common word ("The", "A") and names no place, person or event,
        nor the article's subject."""
        text = self.sentences[index].text
        first = text.split(" ", 1)[0]
        if not first[:1].isupper() or (first.lower() in lx.STOPWORDS and first not in ("The", "A", "An")):
            return False  # "In 1992, ...", "Since ...": an opening of its own
        if len(first) > 1 and not first[1:].islower():
            return False  # "UN", "NATO": not to be written in lower case
        sentence = self.sentences[index]
        for f in self.facts[index]:
            if f.kind == "place" and _city_role_before(text, f.start - sentence.start):
                continue  # "The largest city by population is Birmingham" says which city, not where
            if f.kind in ("place", "person", "event"):
                return False
            if f.start == sentence.start and not (f.kind == "misc" and " " not in f.text and f.text not in self._capitalised_inside):
                return False  # "Andorra ..." names the place; "Courts operated ..." only starts the sentence
        # "Economy of Angola": an "economic reform" names the topic, not the place it happened in.
        return not content_stems(text) & content_stems(self.subject_place or self.article.title)

    @cached_property
    def _capitalised_inside(self) -> frozenset[str]:
        """Words the article capitalises after the start of a sentence: names, not "Governors" or
        "Courts" that are capitalised only because a sentence opens with them."""
        return frozenset(
            match.group() for sentence in self.sentences for match in _CAPITALISED_WORD.finditer(sentence.text, 1)
        )


# ---------------------------------------------------------------------------- helpers




def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def _pronoun_gender(pronoun: str) -> str:
    return "m" if pronoun.lower() in ("he", "his", "him", "himself") else "f"


def _trim_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a capitalised run at months, adjectives and titles; drop ordinary sentence-initial words."""
    if " " not in text[start:end]:
        return _trim_word(text, start, end)  # most runs are one word: the same rules, faster
    tokens = [m.span() for m in _TOKEN.finditer(text, start, end)]
    groups: list[list[tuple[int, int]]] = [[]]
    for ts, te in tokens:
        word = text[ts:te]
        if word in lx.MONTH_INDEX or word in lx.WEEKDAYS or ("-" in word and word.rsplit("-", 1)[1].islower()):
            groups.append([])
            continue
        groups[-1].append((ts, te))
    result = []
    for group in groups:
        while group and (
            not text[group[0][0]].isupper()
            or (text[group[0][0] : group[0][1]].lower() in lx.COMMON_CAPITALISED and _at_sentence_start(text, group[0][0]))
        ):
            group = group[1:]
        while group and (text[group[0][0] : group[0][1]] in lx.TITLE_WORDS) and len(group) > 1:
            if text[group[1][0]].islower():
                break  # "Prince of Wales", "Chancellor of the Exchequer": a title, kept whole (never "of Wales")
            group = group[1:]
        while group and text[group[-1][0] : group[-1][1]].islower():
            group = group[:-1]
        if not group:
            continue
        gs, ge = group[0][0], group[-1][1]
        name = text[gs:ge]
        if len(group) == 1 and (name in lx.DEMONYMS or name in lx.TITLE_WORDS or name == "I"):
            if name not in lx.PLACES:
                continue
        if len(group) == 1 and _looks_adjectival(name, text, ge):
            continue
        result.append((gs, ge))
    return result


def _trim_word(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``_trim_run`` for a run of one word."""
    word = text[start:end]
    if word in lx.MONTH_INDEX or word in lx.WEEKDAYS or ("-" in word and word.rsplit("-", 1)[1].islower()):
        return []
    if not word[0].isupper() or word.islower():
        return []
    if word.lower() in lx.COMMON_CAPITALISED and _at_sentence_start(text, start):
        return []
    if (word in lx.DEMONYMS or word in lx.TITLE_WORDS or word == "I") and word not in lx.PLACES:
        return []
    if _looks_adjectival(word, text, end):
        return []
    return [(start, end)]


def _at_sentence_start(text: str, start: int) -> bool:
    return not text[:start].strip(" \"'(\u201c\u2018[")


def _looks_adjectival(name: str, text: str, end: int) -> bool:
    """'Chechen special forces': a capitalised adjective before a lower-case noun."""
    if name in lx.PLACES:
        return False
    following = text[end : end + 2]
    return len(following) == 2 and following[0] == " " and following[1].islower() and name.endswith(lx.DEMONYM_ENDINGS) and name.endswith(("ian", "ean", "ese", "ish", "en"))


def _role(before: str) -> tuple[str, frozenset[str]] | None:
    """The role word right before a name and its modifiers: 'russia-backed ukrainian president' -> president."""
    words = before.split()
    if not words or words[-1] not in lx.ROLE_WORDS or words[-1] in lx.TITLE_ABBREVIATIONS:
        return None
    modifiers = []
    for word in reversed(words[:-1]):
        if not word[-1].isalnum() or word in lx.STOPWORDS or word in lx.TITLE_ABBREVIATIONS:
            break
        modifiers.append(word)
    return words[-1], frozenset(modifiers)


def _votes(name: str, before: str, after: str) -> dict[str, int]:
    """Votes for the kind of a name at one mention: its own shape, then the words around it."""
    shape, has_place_word = _name_votes(name)
    votes = dict(shape)
    words_before = before.split()
    previous = words_before[-1].strip(",;:(") if words_before else ""
    previous_is_role = previous in lx.ROLE_WORDS
    if previous_is_role or previous.rstrip("s") in lx.ROLE_WORDS:
        votes["person"] = votes.get("person", 0) + 3
    if after in lx.PERSON_VERBS:
        votes["person"] = votes.get("person", 0) + 1
    if previous in ("to", "from", "near", "into", "across", "toward", "towards", "outside", "via"):
        votes["place"] = votes.get("place", 0) + 1
    elif previous in ("in", "at"):
        votes["place_weak"] = votes.get("place_weak", 0) + 1
    if has_place_word and not previous_is_role:
        votes["place"] = votes.get("place", 0) + 2  # "West Berlin", "East Germany"
    if previous == "of" and len(words_before) >= 2 and words_before[-2] in _PLACE_NOUNS:
        votes["place"] = votes.get("place", 0) + 2  # "the island of Corvo", "the town of Bodmin"
    if " ".join(words_before[-2:]) in ("during the", "amid the", "after the", "before the", "since the"):
        votes["event"] = votes.get("event", 0) + 1
    if previous in ("the", "in", "at") and not previous_is_role:
        # "the Great Stink", "at Old Ford": a name shaped like a person's, used like a thing or a place.
        votes["person"] = votes.get("person", 0) - 1
    return votes


@lru_cache(maxsize=16384)
def _name_votes(name: str) -> tuple[tuple[tuple[str, int], ...], bool]:
    """The votes a name earns by its shape alone (the same at every mention), and whether it holds a place name."""
    votes: Counter = Counter()
    tokens = name.split()
    last = tokens[-1]
    if name in lx.PLACES:
        votes["place"] += 4
    if last.rstrip(".") in lx.ORG_SUFFIXES or last in lx.ORG_SUFFIXES or name.startswith(lx.ORG_PREFIXES):
        votes["org"] += 3
    elif any(t in lx.ORG_SUFFIXES and n == "of" for t, n in zip(tokens, tokens[1:])):
        votes["org"] += 3  # "Metropolitan Board of Works", "Bank of England"
    if any((t in lx.TITLE_WORDS or t in lx.OFFICE_WORDS) and n[:1].islower() for t, n in zip(tokens, tokens[1:])):
        votes["misc"] += 10  # "Prince of Wales", "Keeper of the Privy Seal": an office, not a name to ask or offer
    if (name.isupper() and len(name) >= 2 and "." not in name) and name not in lx.PLACES:
        votes["org"] += 1  # an acronym: often an organisation, but "A-Z", "NULL" and "HD" are not
    if any(t in ("Prize", "Award", "Medal") for t in tokens):
        votes["award"] += 4
    elif any(t in lx.EVENT_WORDS for t in tokens[-2:]):
        votes["event"] += 3
    if last in lx.PLACE_SUFFIXES or (len(tokens) > 1 and tokens[0] in lx.PLACE_PREFIXES):
        votes["place"] += 2
    if (
        2 <= len(tokens) <= 4
        and all(t[:1].isupper() and t.replace("-", "").replace("'", "").isalpha() for t in tokens)
        and not any(t in lx.ORG_SUFFIXES or t in lx.EVENT_WORDS or t in lx.PLACE_SUFFIXES or t in lx.DEMONYMS for t in tokens)
    ):
        votes["name_shape"] = 1  # counted once per name, not per mention
    has_place_word = len(tokens) > 1 and any(t in lx.PLACES for t in tokens)
    return tuple(votes.items()), has_place_word


def _decide(votes: Counter) -> str:
    """The kind with the most votes; "misc" when none has any or two lead together."""
    counts = dict(votes)
    if counts.pop("name_shape", 0):
        counts["person"] = counts.get("person", 0) + 1
    weak = counts.pop("place_weak", 0)
    if counts.get("place"):
        counts["place"] += weak
    counts = {kind: n for kind, n in counts.items() if n > 0}
    if not counts:
        return "misc"
    best = max(counts.values())
    leaders = [kind for kind, n in counts.items() if n == best]
    return leaders[0] if len(leaders) == 1 else "misc"


def _similar_first_name(a: str, b: str) -> bool:
    """'Maria' and 'Marie': the same first name in two languages."""
    return len(a) >= 4 and len(b) >= 4 and a[:4] == b[:4] and OSA.distance(a, b, score_cutoff=1) <= 1


def _similar_name(a: str, b: str) -> bool:
    """'zelensky', 'zelenskiy', 'zelenskyy': one person spelt three ways."""
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5 or a[:4] != b[:4]:
        return False
    return OSA.distance(a, b, score_cutoff=2) <= 2


