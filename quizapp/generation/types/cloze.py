"""Cloze: a sentence with a gap to type into, graded tolerantly (see quizapp.grading)."""

from __future__ import annotations

import re
from collections import Counter
from functools import partial
from typing import Iterable

from .. import lexicon as lx
from ..facts import Fact
from ..model import BLANK, GeneratedQuestion, question_id
from ..stems import evidence, gapped_sentence, gives_away
from .base import Candidate, Context, QuestionType, importance, register
from .multiple_choice import MAX_STEM_WORDS, askable, fact_priority

_TERM = re.compile(r"(?<![\w'-])[a-z][a-z-]{5,}(?![\w'-])")
_DIGIT = re.compile(r"\d")
_HINTS = {
    "person": "a person",
    "org": "an organisation",
    "place": "a place",
    "event": "an event",
    "award": "an award",
    "number": "a number",
}
_DATE_HINTS = {"year": "a year", "decade": "a decade", "month_year": "a month and year"}


@register
class Cloze(QuestionType):
    name = "cloze"
    label = "Fill in the blank"
    weight = 0.9

    def candidates(self, context: Context) -> Iterable[Candidate]:
        facts = context.facts
        found = [[m for m in _TERM.finditer(s.text) if m.group(0) not in lx.STOPWORDS] for s in facts.sentences]
        terms = Counter(m.group(0) for matches in found for m in matches)
        for index, sentence_facts in enumerate(facts.facts):
            for fact in sentence_facts:
                # A typed name must be typeable: full names of people are asked as multiple choice.
                if not askable(context, fact) or (fact.kind == "person" and fact.form == "full"):
                    continue
                score = self.weight + importance(context, index) + fact_priority(context, fact)
                make = partial(self.build, context, fact, _hint(context, fact))
                yield Candidate(score, (index,), fact.key, make, f"{index}:{fact.start}", fact.kind)
            yield from self._term_candidates(context, index, found[index], terms)

    def _term_candidates(self, context: Context, index: int, matches: list, terms: Counter) -> Iterable[Candidate]:
        """The sentence's key term: the word (not a stop word, not a name) the article uses most."""
        facts = context.facts
        if not matches or facts.words(index) > MAX_STEM_WORDS:
            return
        sentence = facts.sentences[index]
        taken = [(f.start, f.end) for f in facts.facts[index]]
        best = None
        for match in matches:
            word = match.group(0)
            count = terms[word]
            if count < 2 or (best is not None and count <= best[3]) or word.endswith(("ing", "ed", "ly")):
                continue
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(ts < end and start < te for ts, te in taken):
                continue
            best = (word, start, end, count)
        if best is None:
            return
        word, start, end, _count = best
        fact = Fact("term", "word", index, start, end, word, word)
        score = self.weight + importance(context, index) - 0.25 + min(0.3, 0.05 * terms[word])
        make = partial(self.build, context, fact, f'one word, beginning with "{word[0]}"')  # a key term
        yield Candidate(score, (index,), f"term:{word}", make, f"{index}:{start}", "term")

    def build(self, context: Context, fact: Fact, hint: str) -> GeneratedQuestion | None:
        facts = context.facts
        stem = gapped_sentence(facts, fact)
        if stem is None or stem.count(BLANK) != 1:
            return None
        entity = facts.entities.get(fact.key)
        variants = entity.surfaces if entity is not None else set()
        if gives_away(stem, fact.text, variants):
            return None
        if fact.kind == "number" and _only_number_and_small(stem, fact):
            return None
        source = evidence(facts, fact.sentence)
        return GeneratedQuestion(
            id=question_id(self.name, source.passage, source.start, source.end, fact.text),
            type=self.name,
            # The UI already says "Fill in the blank": the prompt is the gapped sentence, then the hint.
            prompt=f"{stem} ({hint})" if hint else stem,
            choices=[],
            answer=fact.text,
            source=source,
        )


def _hint(context: Context, fact: Fact) -> str:
    """What kind of answer the gap wants; "" (no hint) when the kind of a name is only a guess.

    A wrong hint misleads ("an event" for "River Thames"), a missing one merely does not help.
    """
    if fact.kind == "date":
        return _DATE_HINTS.get(fact.form, "a date")
    if fact.kind == "number":
        return _HINTS["number"]
    entity = context.facts.entities.get(fact.key)
    if entity is None or not entity.certain:
        return ""
    return _HINTS.get(fact.kind, "")


def _only_number_and_small(stem: str, fact: Fact) -> bool:
    """A lone small number ('after more than _____ years') is a guess, not a recall."""
    return (fact.value or 0) < 10 and not _DIGIT.search(stem)
