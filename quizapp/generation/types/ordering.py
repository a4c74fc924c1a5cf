"""In what order: events the article dates, to put in chronological order.

Events dated inside one passage are asked together first: one span then holds every event with
its date, and proves the order. Events dated in different passages make a question that cites one
span in each of them (``also_cites``), so the citation still holds every event and its date.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, replace
from typing import Iterable

from ...grading import normalise_answer, same_order
from ...shuffling import shuffled
from ..fact_types import Fact
from ..lexicon import SPEECH_VERBS, STOPWORDS, is_finite_verb
from ..question import Citation, GeneratedQuestion, question_id
from ..phrasing import evidence
from ..proof import Surroundings, BRACKETED_YEAR, dated_order_problem
from ..screening import leans_on_context, opens_with_bare_noun
from .base import Candidate, Context, QuestionType, importance, register, subject_span

_LEADING_DATE_PHRASE = re.compile(
    r"^(?:(?:Beginning|Starting|Around|Until|Since|From|In|On|During|By|Early|Late|Mid)\s)?(?:in\s|on\s|of\s)?$", re.IGNORECASE
)
_INLINE_PREPOSITION = re.compile(r"\s(?:in|on|during|by)\s$")
_CLAUSE_END = re.compile(r",|;|:|\s\(|\s-\s|\s\u2013\s|\s\u2014\s|\s(?:during which|which|who|whom|where|when|while|after|before)\s")
_PRONOUN = re.compile(r"\b(?:it|its|they|them|their|this|these|those|he|she|his|her|him)\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# A beginning and an end among one ordering's events tell their order: "Bodmin Borough Police began
# policing ..." before "Bodmin Borough Police was disbanded" (raters: no giveaway, in every such
# ordering ever rated on the tune split).
_BEGINS = re.compile(r"\b(?:began|begins|begin|started|starts|formed|founded|created|established)\b", re.IGNORECASE)
_ENDS = re.compile(
    r"\b(?:ended|ends|disbanded|abandoned|abandons|superseded|completed|dissolved|died|dies|closed|stopped|"
    r"stops|retired|halted|abolished)\b",
    re.IGNORECASE,
)
# The name something took: "became the American Standards Association", "was renamed Tsar Peter".
_RENAMED = re.compile(r"\b(?:became|becomes|renamed|was renamed|changed its name to)\s(?:the\s)?((?:[A-Z][\w'’-]*\s)*[A-Z][\w'’-]*)")
_OPENING_PREPOSITIONS = frozenset("amid amidst despite following during after before since until upon amongst among".split())
# Its date is not when it happened: "Full independence was projected in 1996".
_NOT_AT_ITS_DATE = re.compile(
    r"\b(?:projected|planned|scheduled|expected|due|set for|proposed for)\b", re.IGNORECASE
)
_OWN_WORD = re.compile(r"(?<![\w'’-])(?!(?:the|a|an|and|of|or|in|on|at|to|for|by|with|from)\b)[a-z][a-z'’-]+")
_RUN_TOGETHER = re.compile(r"[a-z]\.[A-Z]")  # "the Wrigley Building.Wells": a citation run into the text
_NAME_AFTER_DATE = re.compile(r" [A-Z][a-z]")
_POSSESSIVES = frozenset({"its", "their", "his", "her"})
_NAMED = re.compile(r"\b[A-Z][a-z]")
_ORDER_WORD = re.compile(
    r"\b(?:second|third|fourth|fifth|last|latest|final|finally|again|later|eventually|subsequently|then|"
    r"previous|previously|next|once more|resumed|returned|originally|initially|re-\w+)\b",
    re.IGNORECASE,
)
# A time the label no longer names: "in June of that year", "the following spring".
_RELATIVE_TIME = re.compile(
    r"\b(?:that|the same|the following|the next|the previous|this) (?:year|month|week|day|decade|century|season|spring|summer|autumn|fall|winter)\b",
    re.IGNORECASE,
)
# A state, not an event: "Aruba has been under Dutch administration", "relations are good".
_STATE = re.compile(r"\b(?:has|have|is|are)\b")
_PREPOSITION_AT_END = re.compile(r"\s+(?:in|of|by|at|for|to|with|from|on|under|through|during|into|upon)$")
_ABBREVIATION = re.compile(r" \([A-Z]{2,6}\)")
_LISTED_NAMES = re.compile(r"(?:[A-Z][\w'-]*\s)*[A-Z][\w'-]*,\s[A-Z]")
PROMPT = "Put these events in the order in which they happened, earliest first."
MAX_LABEL_WORDS = 18
LABEL_REACH = 400  # characters either side of the date that can hold the label's words
ITEMS = 4


@dataclass(frozen=True)
class Event:
    label: str
    date: Fact
    sentence: int


def event_label(context: Context, date: Fact) -> str | None:
    """'In 2019, X was elected ..., but ...' -> 'X was elected ...': the event without its date."""
    facts = context.facts
    statement = facts.statement(date.sentence)
    if statement is None:
        return None
    text = statement.text
    sentence = facts.sentences[date.sentence]
    start = statement.offset(date.start - sentence.start)
    end = start + len(date.text)
    # A label has at most MAX_LABEL_WORDS words: what lies further from the date cannot be in one,
    # and looking at all of it made a sentence of a hundred kilobytes quadratic.
    if start > LABEL_REACH:
        return None
    before, after = text[:start], text[end : end + LABEL_REACH]
    if _LEADING_DATE_PHRASE.match(before) and (after.startswith(", ") or _NAME_AFTER_DATE.match(after)):
        label = after[2:] if after.startswith(", ") else after[1:]  # "In August 1985 Aruba drafted ...": no comma
    elif _INLINE_PREPOSITION.search(before) and "," not in before and not _CLAUSE_END.search(before):
        head = before[: _INLINE_PREPOSITION.search(before).start()]
        if head.split() and after.split() and is_finite_verb(head.split()[-1]) and is_finite_verb(after.split()[0]):
            return None  # "A cédula real decreed in 1525 gave Ampiés": without the date, two verbs collide
        label = head + after
    else:
        return None
    label = _ABBREVIATION.sub("", label)  # "the International Monetary Fund (IMF) Staff-Monitored Program"
    quote = label.find('"')
    if quote > 0 and " and " in label[:quote]:
        label = label[: label.rindex(" and ", 0, quote)]  # "... visited West Berlin and declared "...""
    clause = _CLAUSE_END.search(label)
    while clause and (len(label[: clause.start()].split()) < 2 or _LISTED_NAMES.match(label, 0, clause.end() + 2)):
        clause = _CLAUSE_END.search(label, clause.end())  # "Marie Curie, Pierre Curie and ...": a list of names
    if clause:
        label = label[: clause.start()]
    # A clause cut at "in which", "by whom": the preposition belongs to the clause ("Rutherford gave a
    # model of the atom in which ..." -> "Rutherford gave a model of the atom").
    label = _PREPOSITION_AT_END.sub("", label.strip().rstrip(".;:,"))
    words = label.split()
    if not 2 <= len(words) <= MAX_LABEL_WORDS or _DIGIT.search(label) or '"' in label or _RUN_TOGETHER.search(label):
        return None
    pronoun = _PRONOUN.search(label)
    if pronoun and not (pronoun.group().lower() in _POSSESSIVES and _NAMED.search(label, 0, pronoun.start())):
        return None  # "its independence" after "Aruba reached ...": its own subject; a bare "they" is not
    if _ORDER_WORD.search(label) or _NOT_AT_ITS_DATE.search(label):
        return None  # "Coubertin makes a second visit": the label tells the order ("the first patient" does not)
    if opens_with_bare_noun(label[0].upper() + label[1:]) or not _OWN_WORD.search(label):
        return None  # "The club moved ...": which club?; "Lake Tahoe Railway Company": a name, not an event
    if not label[0].isalpha() or (words[0].lower() in STOPWORDS and words[0].lower() not in ("the", "a", "an")):
        return None  # "By the D-Day landings": a time, not an event
    # A verb straight after a comma opens an aside: "Cornishmen, allied with other rebels" has no main verb.
    if not any(is_finite_verb(word) for i, word in enumerate(words) if i and not words[i - 1].endswith(",")):
        return None  # "Drummer Roy McDonald", "Jeff and his wife": no event
    if words[-1].lower() in SPEECH_VERBS:
        return None  # "Saeb Erekat said": said what?
    said = label.find(" that ")
    if said > 0 and not any(is_finite_verb(word) for word in label[said + 6 :].split()):
        return None  # "Asda announced that the current CEO": cut before the claim's verb
    if words[0].lower() in _OPENING_PREPOSITIONS:
        return None  # "Amid reported concerns within Walmart ...": a circumstance, not an event
    label = label[0].upper() + label[1:]
    if _STATE.search(label) or _RELATIVE_TIME.search(label) or leans_on_context(label, facts.article.title):
        return None  # "Aruba has been under ...": a state; "in June of that year", "the work": leans on the text
    return label


def _event_sets(events: list[Event]) -> tuple[list[list[Event]], list[Event]]:
    """Sets of 3-4 events whose dates tell them apart, taken in the order given (article order, so
    each set's evidence is as short as it can be), and the events left in none."""
    sets: list[list[Event]] = []
    remaining = events
    while len(remaining) >= 3:
        chosen: list[Event] = []
        for event in remaining:
            if all(comparable(event.date.value, c.date.value) for c in chosen) and not _tells_its_order([*chosen, event]):
                chosen.append(event)
            if len(chosen) == ITEMS:
                break
        if len(chosen) < 3:
            break
        sets.append(chosen)
        remaining = [e for e in remaining if e not in chosen]
    return sets, remaining


def _tells_its_order(events: list[Event]) -> bool:
    """Do the events' own words give their order: one begins ("Drafting began", "The company was
    formed") and another ends ("... was disbanded", "Southern Pacific abandoned the tracks"), or one
    gives a name another goes by ("The AESC became the American Standards Association" before "The
    ASA was reorganized")?"""
    if any(_BEGINS.search(e.label) for e in events) and any(_ENDS.search(e.label) for e in events):
        return True
    return any(
        pattern.search(other.label) for event in events for pattern in _names_given(event.label) for other in events if other is not event
    )


@functools.lru_cache(maxsize=1024)
def _names_given(label: str) -> tuple[re.Pattern, ...]:
    """The names an event gives something ("became the American Standards Association"), each with
    its initials ("ASA"), as patterns; cached, as the sets of an article try each event many times."""
    patterns = []
    for renamed in _RENAMED.finditer(label):
        name = renamed.group(1)
        if " " not in name:
            continue  # "became Minister for ...": an office, which others may hold too
        initials = "".join(word[0] for word in name.split() if word[0].isupper())
        forms = [re.escape(name)] + ([re.escape(initials)] if len(initials) >= 2 else [])
        patterns.append(re.compile(r"\b(?:" + "|".join(forms) + r")\b"))
    return tuple(patterns)


def comparable(a: tuple, b: tuple) -> bool:
    """Can two (year, month, day, part) dates be told apart in time without guessing?"""
    if not a[0] or not b[0]:
        return False
    if a[0] != b[0]:
        return True
    if not a[1] or not b[1]:
        return False
    if a[1] != b[1]:
        return True
    return bool(a[2] and b[2] and a[2] != b[2])


@register
class Ordering(QuestionType):
    name = "ordering"
    label = "In what order?"
    weight = 1.4
    answer_input = "positions"
    moodle_type = "matching"  # position -> item, the nearest Moodle has to an order
    model_guidance = ("three or four events, each ending with its year in brackets, e.g. \"The bridge opened (1878)\" "
                      "(quizapp hides the years from students); choices: the events in any order; answer: the events earliest first")

    def proof_problem(self, question: GeneratedQuestion, evidence: str, around: Surroundings | None = None) -> str:
        return dated_order_problem(question.answer, evidence)

    def as_shown(self, question: GeneratedQuestion) -> GeneratedQuestion:
        """The events without the years that proved their order: shown, the years give it away."""
        def bare(item: str) -> str:
            return BRACKETED_YEAR.sub("", item).strip()

        return replace(question, choices=[bare(c) for c in question.choices], answer=[bare(a) for a in question.answer])

    def grade(self, given: str | list[str], answer: str | list[str], prompt: str = "") -> bool:
        return same_order(given, answer)

    def answer_shape_problem(self, answer: object) -> str | None:
        if not isinstance(answer, list) or not all(isinstance(a, str) and a.strip() for a in answer):
            return "the answer of an ordering question must be a list of items"
        return None

    def problems(self, question: GeneratedQuestion, evidence: str | None) -> list[str]:
        problems = []
        if len(question.answer) < 2:
            problems.append("an ordering question needs at least two items")
        if sorted(normalise_answer(a) for a in question.answer) != sorted(normalise_answer(c) for c in question.choices):
            problems.append("the answer is not an ordering of the choices")
        return problems

    def authored(self, choices: list[str], answer: str | list[str], seed: str) -> tuple[list[str], str | list[str], list[str]]:
        items = [item.strip() for item in answer if item.strip()] if isinstance(answer, list) else []
        problems = [] if len(items) >= 2 else ["An ordering question needs at least two items, one per line, in the right order."]
        return shuffled(items, seed, avoid=items), items, problems  # listed out of order whenever possible

    def authoring_problems(self, choices: list[str], answer: str | list[str]) -> dict[str, str]:
        return {}  # fewer than two items is reported with the draft's other problems

    def random_guess_score(self, choices: list[str], answer: str | list[str]) -> float | None:
        items = len(answer) if isinstance(answer, list) else len(choices)
        return 1 / math.factorial(items) if items else None
    claims_sentences = False  # its events may each be asked about by another type too
    cites_several = True  # events dated in different passages
    stem_is_sentence = False

    def candidates(self, context: Context) -> Iterable[Candidate]:
        """Sets of 3-4 events dated within one passage, then sets of the events left across the
        article. The citation must hold every event with its date."""
        facts = context.facts
        by_passage: dict[str, list[Event]] = {}
        labels: set[str] = set()
        total = 0
        span, period = subject_span(context)
        lifespan = None if period else span
        for index, sentence_facts in enumerate(facts.facts):
            for fact in sentence_facts:
                if fact.kind == "date" and fact.value and fact.value[0]:
                    if lifespan and fact.value[0] >= lifespan[1]:
                        break  # the subject's death, or what came after it, is plainly the last event
                    label = event_label(context, fact)
                    if label and label not in labels:
                        labels.add(label)
                        by_passage.setdefault(facts.sentences[index].passage.anchor, []).append(Event(label, fact, index))
                        total += 1
                        break
        found: list[Candidate] = []
        left: list[Event] = []  # in no one-passage set: for sets across the article
        for events in by_passage.values():
            sets, rest = _event_sets(events)
            found.extend(self.build(context, chosen) for chosen in sets)
            left.extend(rest)
        left.sort(key=lambda e: e.sentence)
        found.extend(self.build(context, chosen) for chosen in _event_sets(left)[0])
        # One question per five dated events in the article, the best first.
        found.sort(key=lambda c: (-c.score, c.tiebreak))
        yield from found[: max(1, total // 5)]

    def build(self, context: Context, chosen: list[Event]) -> Candidate:
        facts = context.facts
        in_order = sorted(chosen, key=lambda e: e.date.value)
        answer = [e.label for e in in_order]
        choices = answer[:]
        rng = context.rng(self.name, facts.sentences[chosen[0].sentence].passage.anchor, chosen[0].sentence)
        while choices == answer:
            rng.shuffle(choices)
        # The evidence: in each passage, one span from its first dated sentence (or the sentence
        # naming whom its He/She refers to) to its last, so together they hold every event and its date.
        by_passage: dict[str, list] = {}
        for event in sorted(chosen, key=lambda e: e.sentence):
            by_passage.setdefault(facts.sentences[event.sentence].passage.anchor, []).append(evidence(facts, event.sentence))
        source, *also_cites = [
            Citation(anchor, min(s.start for s in spans), max(s.end for s in spans)) for anchor, spans in by_passage.items()
        ]
        explanation = "; ".join(f"{e.label} ({e.date.text})" for e in in_order) + "."
        further = "\x1f".join(f"{c.passage}:{c.start}-{c.end}" for c in also_cites)
        # Events that never name the article's subject come under its title, as other stems do.
        named = all(facts.names_the_subject(e.sentence) for e in chosen)
        question = GeneratedQuestion(
            id=question_id(self.name, source.passage, source.start, source.end, answer, further),
            type=self.name,
            prompt=PROMPT if named else facts.subject_label + PROMPT,
            choices=choices,
            answer=answer,
            source=source,
            explanation=explanation,
            also_cites=also_cites,
        )
        score = self.weight + sum(importance(context, e.sentence) for e in chosen) / len(chosen)
        return Candidate(score, tuple(e.sentence for e in chosen), "ordering:" + "|".join(answer), lambda: question, question.id)
