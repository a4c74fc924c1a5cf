"""True or false: a sentence of the article as it stands, or with one fact swapped for a plausible wrong one."""

from __future__ import annotations

from functools import partial
from typing import Iterable

from ..model import TRUE_FALSE_CHOICES, GeneratedQuestion, question_id
from ..stems import evidence, tidy, word_count
from .base import Candidate, Context, QuestionType, importance, register

SWAPPABLE = ("date", "number", "person", "org", "place", "event", "award")
_SWAP_PREFERENCE = {"date": 0, "number": 0, "person": 1, "event": 2, "org": 2, "award": 2, "place": 3}


@register
class TrueFalse(QuestionType):
    name = "true_false"
    weight = 0.8

    def candidates(self, context: Context) -> Iterable[Candidate]:
        facts = context.facts
        for index, sentence in enumerate(facts.sentences):
            statement = facts.statement(index)
            if statement is None or not 6 <= word_count(statement[0]) <= 40:
                continue
            text, shift = statement
            if not text.endswith((".", '."', '".')) or "?" in text:
                continue
            swappable = [
                f
                for f in facts.facts[index]
                if f.kind in SWAPPABLE
                and text.count(f.text) == 1
                and not (f.kind == "number" and f.form == "bare")
                and not facts.quoted(f)
            ]
            if not swappable:
                continue
            score = self.weight + importance(context, index)
            yield Candidate(score, (index,), "", partial(self.build, context, index, text, shift, swappable), str(index))

    def build(self, context: Context, index: int, text: str, shift: int, swappable: list) -> GeneratedQuestion:
        facts = context.facts
        sentence = facts.sentences[index]
        if True:
            rng = context.rng(self.name, index)
            make_false = rng.random() < 0.5
            explanation = ""
            if make_false:
                swappable.sort(key=lambda f: (_SWAP_PREFERENCE[f.kind], f.start))
                for fact in swappable:
                    wrong = context.distractors.for_fact(fact, rng, wanted=1, minimum=1)
                    if wrong:
                        start = fact.start - sentence.start + (shift if fact.start > sentence.start else 0)
                        text = text[:start] + wrong[0] + text[start + len(fact.text) :]
                        explanation = f'The article says "{fact.text}", not "{wrong[0]}".'
                        break
                else:
                    make_false = False
            source = evidence(facts, index)
            answer = TRUE_FALSE_CHOICES[1] if make_false else TRUE_FALSE_CHOICES[0]
            return GeneratedQuestion(
                id=question_id(self.name, source.passage, source.start, source.end, answer),
                type=self.name,
                prompt=f"True or false? {tidy(text)}",
                choices=list(TRUE_FALSE_CHOICES),
                answer=answer,
                source=source,
                explanation=explanation,
            )
