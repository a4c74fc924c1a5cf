"""The interface every question type implements, and the registry that finds them by name.

A type owns everything that differs from one kind of question to another: the candidates it
draws from an article, what makes one sound, how an answer is graded, how a student gives it,
what Moodle type it leaves as, and how likely a guess is to be right. Nothing elsewhere asks
which type a question is; it asks the type.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from dataclasses import dataclass
from typing import Callable, ClassVar, Iterable

from ...grading import normalise_answer, same_choice
from ..distractors import DistractorFinder, subject_is_period, subject_lifespan
from ..facts import ArticleFacts
from ..proof import Surroundings
from ..question import GeneratedQuestion
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
    """One kind of question. The defaults describe picking one option among ``choices``."""

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

    # How a student gives the answer: "choice" (one of ``choices``), "text" (typed), "positions"
    # (a position for each item). The answer forms and item analysis follow it.
    answer_input: ClassVar[str] = "choice"
    # The choices every question of the type has (true/false); empty when each question has its own.
    fixed_choices: ClassVar[tuple[str, ...]] = ()
    # Whether the answer must be a span of the cited evidence.
    answer_in_evidence: ClassVar[bool] = False
    # The Moodle question type it leaves as (GIFT, Moodle XML); Anki cards follow it too.
    moodle_type: ClassVar[str] = "multichoice"
    # Whether a question may cite spans of several passages (``GeneratedQuestion.also_cites``): an
    # order of events the article dates in different sections is proved by all of them together.
    cites_several: ClassVar[bool] = False
    # Whether a Moodle question of ``moodle_type`` comes in as this type when its file does not
    # name a quizapp type (one type per Moodle type does).
    imported_by_default: ClassVar[bool] = True
    # The form's hint for the answer field, for a type the teacher writes ("" for none).
    authoring_hint: ClassVar[str] = ""
    # Whether another question's stem may name this one's answer (a name, not a figure) without
    # giving it away; True where what is asked is not what stems say of the answer.
    name_may_recur: ClassVar[bool] = False

    def states_the_article(self, question: GeneratedQuestion) -> bool:
        """Does what the question shows say what the article says (a statement made false does not)?"""
        return True

    def swapped(self, question: GeneratedQuestion) -> tuple[str, str] | None:
        """For a statement made false: the article's words and the wrong ones put in their place."""
        return None

    # What a language model is told about writing this type (model_writer); "" when it is not asked
    # for it, because quizapp cannot prove such a key from a quoted span.
    model_guidance: ClassVar[str] = ""

    def proof_problem(self, question: GeneratedQuestion, evidence: str, around: Surroundings | None = None) -> str:
        """What keeps ``evidence`` from proving the key of a question someone else wrote (a
        language model), beyond ``problems``; "" when it proves it."""
        return "quizapp cannot prove the key of this kind of question from a quotation."

    def cleaned_prompt(self, prompt: str) -> str:
        """A written prompt as this type shows it."""
        return prompt.strip()

    def as_shown(self, question: GeneratedQuestion) -> GeneratedQuestion:
        """A proven question as students see it, without what served only to prove it."""
        return question

    @property
    def teacher_writes_choices(self) -> bool:
        return self.answer_input == "choice" and not self.fixed_choices

    @property
    def shuffles_choices(self) -> bool:
        """Options in an order of each attempt's own; a fixed pair (True, False) stays put."""
        return not self.fixed_choices

    def candidates(self, context: Context) -> Iterable[Candidate]:
        raise NotImplementedError

    def grade(self, given: str | list[str], answer: str | list[str], prompt: str = "") -> bool:
        """Whether ``given`` answers a question whose key is ``answer``; ``prompt`` is the question as asked."""
        return same_choice(given, answer)

    def cited_answer(self, answer: str) -> str:
        """The part of the key that must stand in the evidence (``answer_in_evidence``)."""
        return answer

    def answer_shape_problem(self, answer: object) -> str | None:
        """What is wrong with the stored answer's shape (a string; a list for ordering), if anything."""
        if not isinstance(answer, str) or not answer.strip():
            return "the answer must be a non-empty string"
        return None

    def problems(self, question: GeneratedQuestion, evidence: str | None) -> list[str]:
        """What is unsound in a question of this type, beyond what every question must be."""
        normalised = [normalise_answer(c) for c in question.choices]
        problems = []
        if len(question.choices) < 2:
            problems.append("needs at least two choices")
        if normalise_answer(question.answer) not in normalised:
            problems.append(f'answer "{question.answer}" is not among the choices')
        if self.fixed_choices and sorted(normalised) != sorted(normalise_answer(c) for c in self.fixed_choices):
            problems.append(f"the choices of a {self.label.lower()} question must be " + " and ".join(f'"{c}"' for c in self.fixed_choices))
        return problems

    def authored(self, choices: list[str], answer: str | list[str], seed: str) -> tuple[list[str], str | list[str], list[str]]:
        """A teacher's choices and answer as stored: (choices, answer, problems). ``seed`` orders
        anything the type shuffles."""
        if self.fixed_choices and isinstance(answer, str):  # "false", "TRUE": the spelling the choices use
            answer = next((c for c in self.fixed_choices if c.casefold() == answer.strip().casefold()), answer)
            choices = list(self.fixed_choices)
        return choices, answer.strip() if isinstance(answer, str) else answer, []

    def authoring_problems(self, choices: list[str], answer: str | list[str]) -> dict[str, str]:
        """What the teacher's form must say before anything is saved: {form field: message}."""
        if self.fixed_choices:
            if not isinstance(answer, str) or answer.casefold() not in {c.casefold() for c in self.fixed_choices}:
                return {"answer": f"For {self.label.lower()}, the answer is " + " or ".join(self.fixed_choices) + "."}
        elif len(choices) < 2:
            return {"choices": "Give at least two choices, one per line."}
        return {}

    def random_guess_score(self, choices: list[str], answer: str | list[str]) -> float | None:
        """The expected mark of a blind guess: Moodle's random guess score, for item analysis."""
        options = len(choices) or len(self.fixed_choices)
        return 1 / options if options else None


REGISTRY: dict[str, QuestionType] = {}


def register(cls: type[QuestionType]) -> type[QuestionType]:
    REGISTRY[cls.name] = cls()
    return cls


class UnknownQuestionType(ValueError):
    pass


def question_type(name: str) -> QuestionType:
    """The type called ``name``; UnknownQuestionType (a ValueError) for a name no type has."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise UnknownQuestionType(f"Unknown question type {name!r}.") from None


def importance(context: Context, sentence_index: int) -> float:
    """How central a sentence is: the lead, the first sentence of a passage, fact-dense sentences."""
    key = ("importance", sentence_index)
    if key not in context.memo:
        context.memo[key] = _importance(context, sentence_index)
    return context.memo[key]  # type: ignore[return-value]


def subject_span(context: Context) -> tuple[tuple[int, int] | None, bool]:
    """The years the lead gives its subject (``subject_lifespan``) and whether they are a period,
    not a lifetime (``subject_is_period``); cached per article."""
    key = ("lifespan",)
    if key not in context.memo:
        context.memo[key] = (subject_lifespan(context.facts), subject_is_period(context.facts))
    return context.memo[key]  # type: ignore[return-value]


# Dates and quantities are asked only from sentences at least this important: a year from the lead
# or from a key event of the subject, not the year a manuscript was found or a count from a census.
DETAIL_IMPORTANCE = 0.5
# The year of an event is asked only from more important sentences still: on the tune split, dated
# questions from sentences below 0.8 were acceptable 5 times in 27 (the year a lawsuit was filed,
# a coin released, a friendship begun), those at or above it 17 in 33 (bench/quality, 2026-12-04).
DATE_IMPORTANCE = 0.8


def detail_threshold(fact_kind: str) -> float:
    """The least importance of a sentence that a question may ask this kind of detail from."""
    return DATE_IMPORTANCE if fact_kind == "date" else DETAIL_IMPORTANCE


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
