"""Numeric: a figure from the article to type, graded by value within a tolerance (Moodle's numerical type)."""

from __future__ import annotations

from functools import partial
from typing import Iterable

from ...grading import number_part, numeric_key, within_tolerance
from ..fact_types import Fact
from ..proof import Surroundings, NUMBER
from ..question import BLANK, GeneratedQuestion
from .base import Candidate, Context, detail_threshold, importance, register
from .cloze import Cloze
from .multiple_choice import askable, fact_priority

NOT_A_NUMBER = 'the answer must be a number, optionally with a tolerance ("1,500" or "1,500 ± 50")'


@register
class Numeric(Cloze):
    """A cloze question whose answer is a figure, graded by its value."""

    name = "numeric"
    label = "Numeric answer"
    # Typed, and cited like any cloze answer: the number as written stands in the evidence
    # (``cited_answer``); a tolerance is the teacher's.
    moodle_type = "numerical"
    authoring_hint = "typed; ± a tolerance allowed"
    model_guidance = "the evidence sentence with a number replaced by _____, the answer that number, no choices"

    def proof_problem(self, question: GeneratedQuestion, evidence: str, around: Surroundings | None = None) -> str:
        if BLANK not in question.prompt and len(NUMBER.findall(evidence)) == 1:
            return ""  # a question, not a gapped sentence: the evidence has no other number to mean
        if BLANK not in question.prompt:
            return "The evidence holds several numbers and the question does not say which: write it as the evidence sentence with a blank."
        return super().proof_problem(question, evidence)

    def candidates(self, context: Context) -> Iterable[Candidate]:
        """A quantity with its unit, from a sentence important enough: "_____ people (a number)"."""
        facts = context.facts
        for index, sentence_facts in enumerate(facts.facts):
            if importance(context, index) < detail_threshold("number"):
                continue  # a count from an aside is trivia
            for fact in sentence_facts:
                if fact.kind != "number" or not askable(context, fact):
                    continue
                score = self.weight + importance(context, index) + fact_priority(context, fact)
                yield Candidate(score, (index,), fact.key, partial(self.build, context, fact), f"{index}:{fact.start}", "number")

    def build(self, context: Context, fact: Fact, hint: str = "") -> GeneratedQuestion | None:
        """The sentence with the figure gapped, as a cloze question is built; only a figure quizapp
        can read as a number is asked."""
        if numeric_key(fact.text) is None:
            return None
        # "nearly _____ are frogs (a number)" reads as a count when the key is "90%"; "generates _____
        # per year (a number)" as a count when it is "$2 billion"
        return super().build(context, fact, hint or _kind_of_figure(fact.text))

    def grade(self, given: str | list[str], answer: str | list[str], prompt: str = "") -> bool:
        return within_tolerance(given, answer, prompt)

    def cited_answer(self, answer: str) -> str:
        return number_part(answer)

    def answer_shape_problem(self, answer: object) -> str | None:
        return super().answer_shape_problem(answer) or (NOT_A_NUMBER if numeric_key(answer) is None else None)

    def problems(self, question: GeneratedQuestion, evidence: str | None) -> list[str]:
        return ["a numeric question has no choices"] if question.choices else []

    def authored(self, choices: list[str], answer: str | list[str], seed: str) -> tuple[list[str], str | list[str], list[str]]:
        answer = answer.strip() if isinstance(answer, str) else answer
        return [], answer, [NOT_A_NUMBER[:1].upper() + NOT_A_NUMBER[1:] + "."] if numeric_key(answer) is None else []

    def authoring_problems(self, choices: list[str], answer: str | list[str]) -> dict[str, str]:
        return {} if numeric_key(answer) is not None else {"answer": "Give a number, optionally ± a tolerance: 1,500 or 1,500 ± 50."}


_CURRENCIES = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen"}


def _kind_of_figure(text: str) -> str:
    """The hint after a numeric blank: what kind of figure the answer is."""
    if "%" in text:
        return "a percentage"
    currency = _CURRENCIES.get(text.strip()[:1])
    return f"an amount in {currency}" if currency else "a number"
