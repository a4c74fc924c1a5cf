"""The interface every question type implements, and the registry that finds them by name."""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from dataclasses import dataclass
from typing import Callable, ClassVar, Iterable

from ...grading import grade
from ..distractors import DistractorFinder
from ..facts import ArticleFacts
from ..model import GeneratedQuestion
from ..screening import worth


@dataclass
class Candidate:
    """A question before ranking: its score, what it asks about, and how to build it.

    Building (finding distractors, phrasing the stem) is deferred until the selection
    reaches the candidate: most candidates lose to a better one on the same sentence.
    """

    score: float
    sentences: tuple[int, ...]  # sentence indexes the question is drawn from
    fact: str  # identity of the fact asked about ("" when the whole sentence is the fact)
    make: Callable[[], GeneratedQuestion | None]
    tiebreak: str = ""  # deterministic order among equal scores
    kind: str = ""  # what the answer is (a fact kind: person, date, number...), "" for a statement or an order

    def build(self) -> GeneratedQuestion | None:
        if not hasattr(self, "_question"):
            self._question = self.make()
        return self._question


@dataclass
class Context:
    facts: ArticleFacts
    distractors: DistractorFinder
    seed: int

    def __post_init__(self) -> None:
        self.memo: dict[tuple, object] = {}  # per-article cache shared by the types (askable, importance)
        # (type, answer) of the questions the selection has taken so far: a type may balance its answers.
        self.taken: Counter = Counter()

    def rng(self, *parts: object) -> random.Random:
        """A generator seeded by the run's seed and the candidate, so output never depends on order."""
        digest = hashlib.sha256(repr((self.seed, *parts)).encode()).digest()
        return random.Random(int.from_bytes(digest[:8], "big"))


class QuestionType:
    """One kind of question: generates candidates from an article's facts, and grades answers."""

    name: ClassVar[str]
    label: ClassVar[str]  # what pages and forms call it ("Fill in the blank")
    # How much a teacher values this kind of question, before per-candidate evidence.
    weight: ClassVar[float] = 1.0
    # Whether a question of this type uses up its sentences and a share of its passage, so the
    # selection asks nothing else from them. False for a type whose question spans sentences
    # other questions may also ask from (ordering: the dated events of a passage).
    claims_sentences: ClassVar[bool] = True
    # Whether the stem (or statement) is the cited sentence itself, so the sentence must read well
    # alone (``screening.unfit_sentence``). False for a quotation or a list of events.
    stem_is_sentence: ClassVar[bool] = True

    def candidates(self, context: Context) -> Iterable[Candidate]:
        raise NotImplementedError

    def grade(self, given: str | list[str], answer: str | list[str]) -> bool:
        return grade(self.name, given, answer)


REGISTRY: dict[str, QuestionType] = {}


def register(cls: type[QuestionType]) -> type[QuestionType]:
    REGISTRY[cls.name] = cls()
    return cls


def importance(context: Context, sentence_index: int) -> float:
    """How central a sentence is: the lead, the first sentence of a passage, fact-dense sentences."""
    key = ("importance", sentence_index)
    if key not in context.memo:
        context.memo[key] = _importance(context, sentence_index)
    return context.memo[key]  # type: ignore[return-value]


# Dates and quantities are asked only from sentences at least this important: a year from the lead
# or from a key event of the subject, not the year a manuscript was found or a count from a census.
DETAIL_IMPORTANCE = 0.5


def _importance(context: Context, sentence_index: int) -> float:
    facts = context.facts
    sentence = facts.sentences[sentence_index]
    score = worth(facts, sentence_index)
    if sentence.is_lead:
        score += 0.5
    if sentence.number_in_passage == 0:
        score += 0.25
    kinds = {f.kind for f in facts.facts[sentence_index]}
    score += 0.1 * min(4, len(kinds))
    words = facts.words(sentence_index)
    if words > 40:
        score -= 0.6
    elif words < 6:
        score -= 0.4
    if facts.antecedent[sentence_index]:
        score -= 0.1
    return score
