"""Cloze: a sentence with a gap to type into, graded tolerantly (see quizapp.grading)."""

from __future__ import annotations

import re
from functools import partial
from typing import Iterable

from ...grading import says_the_same
from ..fact_types import Fact
from ..question import BLANK, GeneratedQuestion, question_id
from ..lexicon import STOPWORDS
from ..screening import unfit_answer
from ..phrasing import evidence, gapped_sentence, gives_away
from ..proof import Surroundings, blank_problem
from .base import Candidate, Context, QuestionType, detail_threshold, importance, register
from .multiple_choice import askable, fact_priority, year_only

# A term the article defines: "The study of amphibians is called batrachology", "a practice known as
# raptio". What something is called is what a teacher asks; other common words make empty blanks.
_DEFINITION_CUES = (" called ", " known as ", " termed ", " named ", " referred to as ")
_DEFINED_TERM = re.compile(
    r"(?:\b(?:called|known as|termed|referred to as)|\b(?:is|are|was|were) named)\s+(?P<term>(?:the )?[\w'’-]+(?: [\w'’-]+){0,3}?)(?=[.,;:)]|\s\(| and | or | which | that |$)"
)
# A sentence that opens by defining its subject: "A prosthesis is a device that replaces a missing
# body part", "Wheelchairs are devices that ...". The term it defines is what a teacher asks of a
# science or technology text, where few names and dates stand to be asked.
_RELATIVE = r" (?:that|which|who|used|for|of|with|where|whose|made|formed|consisting)\b"
_DEFINES_ITS_SUBJECT = re.compile(
    r"(?:(?:A|An|The) )?(?P<term>[\w’'-]+(?: [\w’'-]+){0,2})"
    r"(?: is (?:a|an) (?P<kind>(?:[\w’'-]+ ){0,3}?[\w’'-]+)" + _RELATIVE
    + r"| are (?P<kinds>(?:[\w’'-]+ ){0,2}?[\w’'-]+s)" + _RELATIVE + ")"
)
_NOT_A_DEFINITION = frozenset("member part kind type form number variety way one lot group examples example space".split())
_NOT_A_NOUN = ("ed", "ing", "ly", "ble", "ful", "ous")
MIN_DEFINITION_WORDS = 8
_DIGIT = re.compile(r"\d")
# Only hints that cannot mislead: raters found "(an organisation)" on ATP, "EP" and a government.
_HINTS = {"person": "a person"}
_DATE_HINTS = {"year": "a year", "decade": "a decade", "month_year": "a month and year"}


@register
class Cloze(QuestionType):
    name = "cloze"
    label = "Fill in the blank"
    weight = 0.9
    answer_input = "text"
    answer_in_evidence = True
    moodle_type = "shortanswer"
    authoring_hint = "typed answer"
    model_guidance = "the evidence sentence with the answer (a name, term or place worth asking) replaced by _____, no choices"

    def proof_problem(self, question: GeneratedQuestion, evidence: str, around: Surroundings | None = None) -> str:
        return blank_problem(question.prompt, self.cited_answer(question.answer), evidence)

    def grade(self, given: str | list[str], answer: str | list[str], prompt: str = "") -> bool:
        return says_the_same(given, answer, prompt)

    def problems(self, question: GeneratedQuestion, evidence: str | None) -> list[str]:
        return ["a cloze question has no choices"] if question.choices else []

    def authored(self, choices: list[str], answer: str | list[str], seed: str) -> tuple[list[str], str | list[str], list[str]]:
        return [], answer.strip() if isinstance(answer, str) else answer, []

    def authoring_problems(self, choices: list[str], answer: str | list[str]) -> dict[str, str]:
        return {}

    def random_guess_score(self, choices: list[str], answer: str | list[str]) -> float | None:
        return 0.0  # nothing to pick from

    def candidates(self, context: Context) -> Iterable[Candidate]:
        facts = context.facts
        for index, sentence_facts in enumerate(facts.facts):
            if any(cue in facts.sentences[index].text for cue in _DEFINITION_CUES):  # spares the regex most sentences
                yield from self._definition_candidates(context, index)
            if " is a" in facts.sentences[index].text or " are " in facts.sentences[index].text:
                yield from self._defined_subject_candidates(context, index)
            for fact in sentence_facts:
                fact = year_only(fact)
                # A typed name must be typeable: full names of people are asked as multiple choice.
                if fact.kind == "number":
                    continue  # a quantity is asked by the numeric type, which grades its value
                if not askable(context, fact) or (fact.kind == "person" and fact.form == "full"):
                    continue
                if fact.kind == "date" and importance(context, index) < detail_threshold("date"):
                    continue  # a date from an aside is trivia
                score = self.weight + importance(context, index) + fact_priority(context, fact)
                make = partial(self.build, context, fact, _hint(context, fact))
                yield Candidate(score, (index,), fact.key, make, f"{index}:{fact.start}", fact.kind)

    def _definition_candidates(self, context: Context, index: int) -> Iterable[Candidate]:
        """The term a sentence defines ("... is called _____."): asked with no hint."""
        facts = context.facts
        sentence = facts.sentences[index]
        for match in _DEFINED_TERM.finditer(sentence.text):
            term = match.group("term")
            first = term.split()[0].lower()
            if first in ("the", "for", "upon", "on", "off", "out", "in", "up", "it", "him", "her", "them"):
                continue  # "known as the Great Stink" is a name; "called for trials" is no definition
            start = sentence.start + match.start("term")
            if first in ("a", "an") and " " in term:
                term = term.split(" ", 1)[1]  # "is called an abacist": the blank after "a(n)"
                start = sentence.start + match.end("term") - len(term)
            yield self._term_candidate(context, index, start, term)

    def _defined_subject_candidates(self, context: Context, index: int) -> Iterable[Candidate]:
        """The term a sentence opens by defining ("_____ are devices that ..."): asked with no hint.
        Not a name (the article's people, places and dates are asked as such), not "This" or "It" (stopwords)."""
        facts = context.facts
        sentence = facts.sentences[index]
        match = _DEFINES_ITS_SUBJECT.match(sentence.text)
        if match is None or facts.words(index) < MIN_DEFINITION_WORDS:
            return
        term = match.group("term")
        words = term.lower().split()
        noun = (match.group("kind") or match.group("kinds")).split()[-1]
        if words[0] in STOPWORDS or words[0].endswith("ly") or _DIGIT.search(term):
            return  # "This is ...", "Often there are ...", "Also notable are ..."
        if noun in _NOT_A_DEFINITION or noun.endswith(_NOT_A_NOUN):
            return  # "is a part of", "is a wide space with", "are widely used"
        start = sentence.start + match.start("term")
        end = start + len(term)
        if any(f.kind != "misc" and f.start < end and start < f.end for f in facts.facts[index]):
            return  # "Turin is a city ...", "Ada Brenn was ...": a name, asked by what it is
        yield self._term_candidate(context, index, start, term)

    def _term_candidate(self, context: Context, index: int, start: int, term: str) -> Candidate:
        """A defined term as a blank, asked with no hint (a hint would name the kind it defines)."""
        fact = Fact("term", "defined", index, start, start + len(term), term, f"term:{term.lower()}")
        score = self.weight + importance(context, index) + 0.4
        return Candidate(score, (index,), fact.key, partial(self.build, context, fact, ""), f"{index}:{start}", "term")

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
        if unfit_answer(facts, fact, choices=False):
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
    entity = context.facts.entities.get(fact.key)
    if entity is None or not entity.certain:
        return ""
    return _HINTS.get(fact.kind, "")


def _only_number_and_small(stem: str, fact: Fact) -> bool:
    """A lone small number ('after more than _____ years') is a guess, not a recall."""
    return (fact.value or 0) < 10 and not _DIGIT.search(stem)
