"""When / in what order: events the article dates, to put in chronological order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..facts import Fact
from ..lexicon import STOPWORDS
from ..model import Citation, GeneratedQuestion, question_id
from .base import Candidate, Context, QuestionType, importance, register

_LEADING_DATE_PHRASE = re.compile(
    r"^(?:(?:Beginning|Starting|Around|Until|Since|From|In|On|During|By|Early|Late|Mid)\s)?(?:in\s|on\s|of\s)?$", re.IGNORECASE
)
_INLINE_PREPOSITION = re.compile(r"\s(?:in|on|during|by)\s$")
_CLAUSE_END = re.compile(r",|;|\s\(|\s-\s|\s\u2013\s|\s\u2014\s|\s(?:during which|which|who|whom|where|when|while|after|before)\s")
_PRONOUN = re.compile(r"\b(?:it|its|they|them|their|this|these|those|he|she|his|her|him)\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
PROMPT = "Put these events in the order in which they happened, earliest first."
MAX_LABEL_WORDS = 18
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
    text, shift = statement
    sentence = facts.sentences[date.sentence]
    start = date.start - sentence.start + (shift if date.start > sentence.start else 0)
    end = start + len(date.text)
    before, after = text[:start], text[end:]
    if _LEADING_DATE_PHRASE.match(before) and after.startswith(", "):
        label = after[2:]
    elif _INLINE_PREPOSITION.search(before) and "," not in before and not _CLAUSE_END.search(before):
        label = before[: _INLINE_PREPOSITION.search(before).start()] + after
    else:
        return None
    clause = _CLAUSE_END.search(label)
    while clause and len(label[: clause.start()].split()) < 2:
        clause = _CLAUSE_END.search(label, clause.end())
    if clause:
        label = label[: clause.start()]
    label = label.strip().rstrip(".;:,")
    words = label.split()
    if not 2 <= len(words) <= MAX_LABEL_WORDS or _DIGIT.search(label) or _PRONOUN.search(label) or '"' in label:
        return None
    if not label[0].isalpha() or (words[0].lower() in STOPWORDS and words[0].lower() not in ("the", "a", "an")):
        return None  # "By the D-Day landings": a time, not an event
    return label[0].upper() + label[1:]


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
    weight = 1.4

    def candidates(self, context: Context) -> Iterable[Candidate]:
        facts = context.facts
        events: list[Event] = []
        for index, sentence_facts in enumerate(facts.facts):
            for fact in sentence_facts:
                if fact.kind == "date" and fact.value and fact.value[0]:
                    label = event_label(context, fact)
                    if label and all(e.label != label for e in events):
                        events.append(Event(label, fact, index))
                        break
        if len(events) < 3:
            return
        events.sort(key=lambda e: (-importance(context, e.sentence), e.sentence))
        # One question per five dated events, each on a different set.
        used: set[str] = set()
        for round_number in range(max(1, len(events) // 5)):
            rng = context.rng(self.name, round_number)
            pool = [e for e in events if e.label not in used] or events
            chosen: list[Event] = []
            for event in pool:
                if all(comparable(event.date.value, c.date.value) for c in chosen):
                    chosen.append(event)
                if len(chosen) == ITEMS:
                    break
            if len(chosen) < 3:
                return
            used.update(e.label for e in chosen)
            yield self.build(context, chosen, rng)

    def build(self, context: Context, chosen: list[Event], rng) -> Candidate:
        facts = context.facts
        in_order = sorted(chosen, key=lambda e: e.date.value)
        answer = [e.label for e in in_order]
        choices = answer[:]
        while choices == answer:
            rng.shuffle(choices)
        # The evidence: the passage that dates most of the events, from the first to the last of them.
        passages: dict[str, list[int]] = {}
        for event in chosen:
            passages.setdefault(facts.sentences[event.sentence].passage.anchor, []).append(event.sentence)
        anchor, indexes = max(passages.items(), key=lambda item: (len(item[1]), -min(item[1])))
        first, last = facts.sentences[min(indexes)], facts.sentences[max(indexes)]
        source = Citation(anchor, first.start, last.end)
        explanation = "; ".join(f"{e.label} ({e.date.text})" for e in in_order) + "."
        question = GeneratedQuestion(
            id=question_id(self.name, source.passage, source.start, source.end, answer),
            type=self.name,
            prompt=PROMPT,
            choices=choices,
            answer=answer,
            source=source,
            explanation=explanation,
        )
        score = self.weight + sum(importance(context, e.sentence) for e in chosen) / len(chosen)
        return Candidate(score, tuple(e.sentence for e in chosen), "ordering:" + "|".join(answer), lambda: question, question.id)
