"""True or false: a sentence of the article as it stands, or with one fact swapped for a plausible wrong one."""

from __future__ import annotations

import re
from functools import partial
from typing import Iterable

from ..fact_types import Fact, fold
from ..facts import Statement
from ..quantities import date_value
from ..question import TRUE_FALSE_CHOICES, GeneratedQuestion, question_id
from ..screening import BEFORE_A_TIME, counted_as_of, half_a_range, in_brackets, names_a_year_of
from ..phrasing import evidence, tidy, word_count
from ..proof import Surroundings, statement_problem
from .base import DETAIL_IMPORTANCE, Candidate, Context, QuestionType, detail_threshold, importance, register
from .multiple_choice import _in_title
from .ordering import comparable

# What a false statement may change: a date, or a person for another of the same role. Raters
# called swapped places, organisations and works tricks ("Basra, China", "a river inhabited by"),
# and a changed figure ("7.7 mm" made "9.6 mm", "3 miles" made "6") a measurement to look up: they
# accepted none of the ten such statements on the tune split (bench/quality, 2026-12-07).
SWAPPABLE = ("date", "person")
_SWAP_PREFERENCE = {"date": 0, "person": 1}
MIN_IMPORTANCE = DETAIL_IMPORTANCE  # a statement is a detail to check: an aside is not worth it
MIN_YEARS_OFF = 4  # a wrong year at least this far from the right one
# A fact that a sentence denies: swap it in "Johnston was unrelated to general Joseph E. Johnston" and the
# "false" statement is as true as the original. The denial stands in the fact's clause, before it.
_DENIES = re.compile(r"\b(?:not|never|no longer|unrelated|neither|nor|without|none|nobody|nothing)\b|n['’]t\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()]")
# Two claims in one statement ("X endured ..., but his mother moved ..."; "...; ..."): true or false of
# which? Such statements of every rating on the tune split were acceptable 4 times in 12, the others
# 200 in 416 (bench/rated_history.py, 2026-12-07).
_TWO_CLAIMS = re.compile(r", but |; |, while |, whereas ")
# What a false statement's explanation says, and how the bank finds the words it changed (``swapped``).
SAYS_NOT = 'The article says "{right}", not "{wrong}".'
_SAYS_NOT = re.compile(r'The article says "(.+)", not "(.+)"\.$')
_ASKS_ITSELF = re.compile(r"^\s*(?:true\s+or\s+false|t\s*/\s*f)\s*[:?.-]\s*", re.IGNORECASE)


@register
class TrueFalse(QuestionType):
    name = "true_false"
    label = "True or false"
    weight = 0.8
    fixed_choices = TRUE_FALSE_CHOICES
    moodle_type = "truefalse"
    model_guidance = ("a statement, true or false; a false one changes exactly one fact of the evidence (a name, number or date) "
                      "to a plausible wrong one; the answer is \"True\" or \"False\"")

    def proof_problem(self, question: GeneratedQuestion, evidence: str, around: Surroundings | None = None) -> str:
        return statement_problem(question.prompt, question.answer, evidence, around or Surroundings())

    def states_the_article(self, question: GeneratedQuestion) -> bool:
        return question.answer != TRUE_FALSE_CHOICES[1]

    def swapped(self, question: GeneratedQuestion) -> tuple[str, str] | None:
        said = _SAYS_NOT.match(question.explanation) if question.answer == TRUE_FALSE_CHOICES[1] else None
        return (said.group(1), said.group(2)) if said else None

    def cleaned_prompt(self, prompt: str) -> str:
        """Without a "True or false:" of its own: quizapp asks that."""
        prompt = _ASKS_ITSELF.sub("", prompt).strip()
        return prompt[:1].upper() + prompt[1:]

    def candidates(self, context: Context) -> Iterable[Candidate]:
        facts = context.facts
        for index, sentence in enumerate(facts.sentences):
            statement = facts.statement(index)
            if statement is None or not 6 <= word_count(statement[0]) <= 40:
                continue
            text = statement.text
            if not text.endswith((".", '."', '".')) or "?" in text or _TWO_CLAIMS.search(text):
                continue
            dates = sum(f.kind == "date" for f in facts.facts[index])
            swappable = [
                f
                for f in facts.facts[index]
                if f.kind in SWAPPABLE
                and not facts.quoted(f)
                and importance(context, index) >= detail_threshold(f.kind)  # the year of a minor event is trivia
                and _changeable(context, index, statement, f, dates)
            ]
            if not swappable:
                continue
            if importance(context, index) < MIN_IMPORTANCE:
                continue
            score = self.weight + importance(context, index)
            yield Candidate(score, (index,), "", partial(self.build, context, index, facts.framed_statement(index), swappable), str(index))

    def build(self, context: Context, index: int, statement: Statement, swappable: list) -> GeneratedQuestion | None:
        facts = context.facts
        sentence = facts.sentences[index]
        text = statement.text
        rng = context.rng(self.name, index)
        # About half false, whatever the seed: false whenever fewer false than true were taken so far
        # (true when no plausible wrong value exists: an implausible false statement gives itself away).
        falses, trues = context.taken[(self.name, TRUE_FALSE_CHOICES[1])], context.taken[(self.name, TRUE_FALSE_CHOICES[0])]
        make_false = falses <= trues
        explanation = ""
        if make_false:
            swappable = [f for f in swappable if not _denied(text[: statement.offset(f.start - sentence.start)])]
            swap = _plausible_swap(context, index, sorted(swappable, key=lambda f: (_SWAP_PREFERENCE[f.kind], f.start)), rng)
            if swap is None and falses < trues:
                # No wrong value a reader could believe: pass over the statement rather than add one
                # more True to a bank that students could then answer "True" throughout (one True
                # more than False is as even as a bank with an odd number of statements gets).
                return None
            make_false = swap is not None
            if swap is not None:
                fact, wrong = swap
                start = statement.offset(fact.start - sentence.start)
                text = text[:start] + wrong + text[start + len(fact.text) :]
                explanation = SAYS_NOT.format(right=fact.text, wrong=wrong)
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


def _changeable(context: Context, index: int, statement: Statement, fact: Fact, dates: int) -> bool:
    """May a false statement be made by changing ``fact`` of the statement (``dates``: how many dates
    the sentence holds)?"""
    text = statement.text
    sentence_start = context.facts.sentences[index].start
    before = text[: max(0, statement.offset(fact.start - sentence_start))]
    after = text[statement.offset(fact.end - sentence_start) :]
    if text.count(fact.text) != 1 or (fact.form == "decade" and names_a_year_of(fact.text, text)):
        return False  # "During the 1920s, ... in 1957"
    if fact.kind == "person":
        return bool(context.facts.role_heads.get(fact.key))  # swapped only for another of the same role
    return not (
        fact.form.startswith("part")  # "mid" or "late" November: a quibble
        or dates >= 3  # one year changed in a list of years: hair-splitting
        or BEFORE_A_TIME.search(before)
        or (index and in_brackets(before))  # "(circa 2012)": an aside; the opening's "(born 1969)" is not
        or counted_as_of(before)  # the year of a count
        # One end of a range changed ("from 1986 to 1990" for 1978) leaves the statement partly
        # true: such false statements were acceptable 1 time in 15 on the tune split (bench/rated_history.py).
        or half_a_range(before, after)
    )


def _denied(before: str) -> bool:
    """Does a denial stand in the clause that ends where a fact starts (``before`` is the text up to it)?"""
    clause = _CLAUSE_BREAK.split(before[-60:])[-1]
    return _DENIES.search(clause) is not None


def _plausible_swap(context: Context, index: int, swappable: list[Fact], rng) -> tuple[Fact, str] | None:
    """One fact of the sentence and a wrong value for it that a reader could believe, or None.

    First the article's own names of the same kind (and dates shifted in their own format); only
    if none fits, a built-in name near the answer ("Belarus" for "Russia"). Never a
    far-fetched one ("Uruguay launched an invasion of Ukraine" gives itself away), never one the
    article also says (the distractor finder checks that).
    """
    for pools in ("none", "near"):
        for fact in swappable:
            if pools == "near" and fact.kind == "date":
                continue  # its made-up values were already offered in the first round
            accept = _plausible_date(context, fact) if fact.kind == "date" else partial(_same_role, context, fact)
            wrong = context.distractors.for_fact(fact, rng, wanted=1, minimum=1, pools=pools, accept=accept)
            if wrong:
                return fact, wrong[0]
    return None


def _same_role(context: Context, fact: Fact, option: str) -> bool:
    """A person swapped only for another of the same role (one president for another): anyone else
    makes a statement that is false for a reason no reader could know, or true in some sense."""
    facts = context.facts
    key = facts.alias.get(fold(option), fold(option))
    return _not_in_title(context, option) and bool(facts.role_heads.get(key, set()) & facts.role_heads.get(fact.key, set()))


def _not_in_title(context: Context, option: str) -> bool:
    """'The coup plot was orchestrated by Ukraine' (an article on a Ukrainian coup): the subject of
    the whole article put in another's place reads as a trick, not as a claim a reader could believe."""
    return not _in_title(context, option)


def _plausible_date(context: Context, fact: Fact):
    """A wrong date that is clearly wrong but keeps its place among the sentence's other dates:
    "1469" never becomes "1468" (a quibble), "from 1961 to 1989" never "from 1990 to 1989"."""
    others = [f.value for f in context.facts.facts[fact.sentence] if f.kind == "date" and f is not fact and f.value]
    others = [v for v in others if comparable(v, fact.value)]

    def accept(option: str) -> bool:
        value = date_value(option)
        if value is None:
            return False
        if value[0] and fact.value[0] and abs(value[0] - fact.value[0]) < MIN_YEARS_OFF:
            return False
        for other in others:
            if not comparable(value, other) or (value < other) != (fact.value < other):
                return False
        return True

    return accept
