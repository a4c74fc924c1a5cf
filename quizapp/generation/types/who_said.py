"""Who said it: a quotation from the article, attributed to its speaker among other people it names."""

from __future__ import annotations

import re
from functools import partial
from typing import Iterable

from ..model import GeneratedQuestion, question_id
from ..distractors import _same_name
from ..stems import gives_away
from ..model import Citation
from .base import Candidate, Context, QuestionType, importance, register

_QUOTE_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
MAX_QUOTE_WORDS = 30


def shorten_quote(words: str) -> str:
    """The quotation as shown: its first sentence(s) up to about 30 words, with "…" if cut."""
    words = words.strip()
    if len(words.split()) <= MAX_QUOTE_WORDS:
        return words.rstrip(".,;: ")
    kept = ""
    for part in _QUOTE_SENTENCE_END.split(words):
        if kept and len((kept + " " + part).split()) > MAX_QUOTE_WORDS:
            break
        kept = f"{kept} {part}".strip()
    if len(kept.split()) > MAX_QUOTE_WORDS:
        kept = " ".join(kept.split()[:MAX_QUOTE_WORDS])
    return kept.rstrip(".,;: ") + " \u2026"


@register
class WhoSaid(QuestionType):
    name = "who_said"
    weight = 1.6

    def candidates(self, context: Context) -> Iterable[Candidate]:
        facts = context.facts
        for quote in facts.quotes:
            surname_form = " " not in quote.speaker_text
            people = context.distractors.persons(quote.speaker, surname_form)
            speaker = facts.entities[quote.speaker]
            others = [
                display
                for key, display in people
                if not _same_name(display, quote.speaker_text)
                and not any(_same_name(display, s) for s in speaker.surfaces)
                and not any(s.casefold() in quote.text.casefold() for s in facts.entities[key].surfaces)
            ]
            if len(others) < 2:
                continue
            rng = context.rng(self.name, quote.sentence, quote.text)
            distractors = others[:6]
            rng.shuffle(distractors)
            choices = [quote.speaker_text, *distractors[:3]]
            rng.shuffle(choices)
            prompt = f'Who said "{shorten_quote(quote.text)}"?'
            if gives_away(prompt, quote.speaker_text, speaker.surfaces):
                continue
            passage = facts.sentences[quote.sentence].passage
            source = Citation(passage.anchor, quote.evidence_start, quote.evidence_end)
            question = GeneratedQuestion(
                id=question_id(self.name, source.passage, source.start, source.end, quote.speaker_text),
                type=self.name,
                prompt=prompt,
                choices=choices,
                answer=quote.speaker_text,
                source=source,
            )
            score = self.weight + importance(context, quote.sentence)
            yield Candidate(score, (quote.sentence,), f"said:{quote.speaker}:{quote.text[:40]}", partial(lambda q: q, question), question.id)
