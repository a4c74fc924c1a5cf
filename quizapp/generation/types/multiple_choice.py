"""Multiple choice: the answer is a fact span (a person, a date) or the subject's rank ("the fifth planet")."""

from __future__ import annotations

import random
import re
from functools import partial
from typing import Iterable

from .. import lexicon as lx
from ..distractors import place_type, ruled_out_by_stem
from ..facts import ArticleFacts, content_stems
from ..fact_types import Fact, fold
from ..question import GeneratedQuestion, question_id
from ..screening import title_stems, unfit_answer
from ..phrasing import evidence, gapped_sentence, gives_away, tidy
from ..proof import Surroundings, single_choice_problem
from ..ranks import Rank, neighbours, ranks_in
from .base import DETAIL_IMPORTANCE, Candidate, Context, QuestionType, detail_threshold, importance, register, subject_span

ASKABLE = ("person", "org", "place", "event", "award", "date", "number")
# Kinds asked with options: people (against people of the same role) and dates. Raters rejected the
# options of places (0 of 9 on the tune split: "Belarus" for independence in 1822, "overland to
# Bulgaria") and of quantities (5 of 20: near-miss figures, counts of trivia) far more often than
# the same facts typed, where a place is a cloze and a quantity a numeric question (bench/quality, 2026-12-07).
OPTION_KINDS = ("person", "date")
_ROLE_PREFIX = re.compile(r"^(?:(?:The|A|An) )?((?:[\w'\u2019.-]+ ){1,5})$")
_TRAILING_CLAUSE = re.compile(r", (?:saying|stating|adding|and also|according|which|while|stoking|attempting)\b")
MAX_STEM_WORDS = 45
RANK_PRIORITY = 0.4  # beside fact_priority's: the subject's place in an order is a key fact
_LOWER_WORD_AFTER = re.compile(r" [a-z]")
_NOT_A_PREDICATE = re.compile(r" (?:and|or|of|were|are|have)\b")
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|his|him|her|hers)\b", re.IGNORECASE)
_WHICH = {"org": "Which organisation", "event": "Which event", "award": "Which award"}
_COUNTRIES = {fold(c) for c in (*lx.COUNTRIES, *lx.COUNTRY_ALIASES)}
_CITIES = {fold(c) for c in lx.CITIES}


def askable(context: Context, fact: Fact) -> bool:
    """Facts worth a question: not a bare count, not a date without a year or day, not the title's own name."""
    key = ("askable", fact.sentence, fact.start)
    if key not in context.memo:
        context.memo[key] = _askable(context, fact)
    return context.memo[key]  # type: ignore[return-value]


def _askable(context: Context, fact: Fact) -> bool:
    facts = context.facts
    if fact.kind not in ASKABLE:
        return False
    if fact.kind == "number" and (fact.form == "bare" or (fact.value or 0) < 2):
        return False
    if fact.kind == "date" and (fact.form == "part" or not fact.value or not fact.value[0]):
        return False  # "starting _____" -> November 1: a day with no year is a detail of the calendar
    if facts.quoted(fact):
        return False
    sentence = facts.sentences[fact.sentence]
    if facts.words(fact.sentence) > MAX_STEM_WORDS or sentence.text.count(fact.text) > 1:
        return False
    if fact.kind not in ("date", "number") and _in_title(context, fact.text):
        return False  # "Ukraine" in an article titled "... Ukrainian ...": a guess, not knowledge
    return True


def _in_title(context: Context, text: str) -> bool:
    key = ("in_title", text)
    if key not in context.memo:
        context.memo[key] = gives_away(context.facts.article.title, text)
    return context.memo[key]  # type: ignore[return-value]


_YEAR_AT_END = re.compile(r"\d{3,4}$")


def year_only(fact: Fact) -> Fact:
    """A date asked by its year: raters called "August 1947" against three other months of 1947
    trivia, while the year of a key event is worth knowing. Other facts come back unchanged."""
    if fact.kind != "date" or fact.form in ("year", "decade") or not fact.value or not fact.value[0]:
        return fact
    match = _YEAR_AT_END.search(fact.text)
    if match is None:
        return fact
    year = match.group(0)
    start = fact.start + match.start()
    return Fact("date", "year", fact.sentence, start, start + len(year), year, year, (int(year), 0, 0, 0))


def fact_priority(context: Context, fact: Fact) -> float:
    score = {"person": 0.35, "date": 0.3, "number": 0.45, "event": 0.3, "org": 0.25, "award": 0.3, "place": 0.0}[fact.kind]
    entity = context.facts.entities.get(fact.key)
    if entity is not None and entity.mentions >= 3:
        score += 0.15
    return score


def subject_question(context: Context, fact: Fact) -> str | None:
    """'The Ukrainian prime minister Denys Shmyhal accused ...' -> 'Which Ukrainian prime minister accused ...?'"""
    facts = context.facts
    if fact.kind not in ("person", "org", "place", "event", "award"):
        return None
    statement = facts.statement(fact.sentence)
    sentence = facts.sentences[fact.sentence]
    if statement is None or facts.antecedent[fact.sentence]:
        return None
    text = statement[0]
    start, end = fact.start - sentence.start, fact.end - sentence.start
    before, after = text[:start], text[end:]
    if not _LOWER_WORD_AFTER.match(after) or _NOT_A_PREDICATE.match(after):
        return None
    if not text.endswith((".", '."', '".')):
        return None
    if before == "":
        if fact.kind == "person":
            which = "Who"
        elif fact.kind == "place":
            which = "Which country" if fact.key in _COUNTRIES else "Which city" if fact.key in _CITIES else None
        else:
            which = _WHICH.get(fact.kind)
    else:
        match = _ROLE_PREFIX.match(before)
        if not match or fact.kind != "person":
            return None
        role = match.group(1).strip()
        if role.split()[-1].lower() not in lx.ROLE_WORDS:
            return None
        if any(word.lower() in ("the", "a", "an") or any(ch.isdigit() for ch in word) for word in role.split()):
            return None  # "In 1842 the Italian engineer ...": a phrase before the role, not a role
        which = f"Which {role}"
    if which is None:
        return None
    if fact.kind == "person" and _PERSON_PRONOUN.search(after) and len(set(facts.persons_in(fact.sentence))) < 2:
        return None  # "Who said of her ...": the pronoun would point at nobody
    body = after.rstrip()
    body = body[:-2] + '"' if body.endswith('."') else body[:-1]
    # A trailing ", saying ..." clause is not needed to identify the answer; the evidence keeps it.
    tail = _TRAILING_CLAUSE.search(body)
    if tail and len(body[: tail.start()].split()) >= 5:
        body = body[: tail.start()]
    return tidy(f"{which}{body}?")


@register
class MultipleChoice(QuestionType):
    name = "multiple_choice"
    label = "Multiple choice"
    weight = 1.0
    answer_in_evidence = True
    model_guidance = "a question with four choices, the answer and three wrong ones of the same kind; only the answer may appear in the evidence"

    def proof_problem(self, question: GeneratedQuestion, evidence: str, around: Surroundings | None = None) -> str:
        return single_choice_problem(question.choices, question.answer, self.cited_answer(question.answer), evidence)

    def candidates(self, context: Context) -> Iterable[Candidate]:
        facts = context.facts
        for index, sentence_facts in enumerate(facts.facts):
            for fact in sentence_facts:
                fact = year_only(fact)
                if not askable(context, fact):
                    continue
                if fact.kind not in ("date", "number") and not facts.sure_of_kind(fact.key):
                    continue  # asked as "Who ...?" or against options of its kind, a guessed kind misleads
                if fact.kind not in OPTION_KINDS or (fact.kind == "place" and place_type(fact.key) == "other"):
                    continue  # raters found options for works, fronts, oceans and empires a jumble of kinds
                question = subject_question(context, fact)
                if fact.kind in ("date", "number") and importance(context, index) < detail_threshold(fact.kind):
                    continue  # a date or a count from an aside is trivia
                score = self.weight + importance(context, index) + fact_priority(context, fact)
                if question is None:
                    score -= 0.2  # a gapped sentence reads less naturally than a question
                make = partial(self.build, context, fact, question)
                yield Candidate(score, (index,), fact.key, make, f"{index}:{fact.start}", fact.kind)
        yield from self._rank_candidates(context)

    def _rank_candidates(self, context: Context) -> Iterable[Candidate]:
        """The subject's place in an order ("Jupiter is the _____ planet from the Sun"), against the
        places beside it: a key fact of a lead, which holds no name or date to ask."""
        facts = context.facts
        for index, sentence in enumerate(facts.sentences):
            ranks = ranks_in(sentence.text)
            if not ranks or importance(context, index) < DETAIL_IMPORTANCE or not facts.names_the_subject(index):
                continue
            for rank in ranks:
                start = sentence.start + rank.start
                fact = Fact("rank", "rank", index, start, start + len(rank.text), rank.text, f"rank:{index}:{rank.start}", rank.value)
                score = self.weight + importance(context, index) + RANK_PRIORITY
                yield Candidate(score, (index,), fact.key, partial(self.build_rank, context, fact, rank), f"{index}:{start}", "rank")

    def build_rank(self, context: Context, fact: Fact, rank: Rank) -> GeneratedQuestion | None:
        facts = context.facts
        prompt = gapped_sentence(facts, fact)
        if prompt is None or unfit_answer(facts, fact, choices=True):
            return None
        rng = context.rng(self.name, fact.sentence, fact.start, fact.text)
        distractors = neighbours(rank, 3, rng)
        if len(distractors) < 3:
            return None
        return self._question(facts, fact, prompt, distractors, rng)

    def build(self, context: Context, fact: Fact, question: str | None) -> GeneratedQuestion | None:
        facts = context.facts
        # The stem first: it is cheap, and a stem that gives the answer away needs no distractors.
        prompt = question or gapped_sentence(facts, fact)
        entity = facts.entities.get(fact.key)
        variants = entity.surfaces if entity is not None and fact.kind == "person" else set()
        if prompt is None or gives_away(prompt, fact.text, variants) or unfit_answer(facts, fact, choices=True):
            return None
        rng = context.rng(self.name, fact.sentence, fact.start, fact.text)
        # A place against places the article does not name is a guess from a map ("Munich" for where a
        # French aristocrat was born): only the article's own places of the same type.
        # A person against people of the same role ("Which composer ...": other composers): raters found
        # other people merely named in the article (saints as an asylum's architect) a giveaway.
        accept = None
        if fact.kind == "date":
            # The subject's lifetime bounds the options only where the stem is about the subject; the
            # period of a war or a product bounds every date within it.
            span, period = subject_span(context)
            lifespan = span if period or content_stems(prompt) & title_stems(facts) else None
            accept = partial(_date_fits, prompt, fact.text, lifespan)
        distractors = context.distractors.for_fact(
            fact, rng, pools="none" if fact.kind == "place" else "all", same_role=fact.kind == "person", accept=accept
        )
        if distractors is None:
            return None
        if any(_stands_out(fact.text, d) for d in distractors):
            return None
        return self._question(facts, fact, prompt, distractors, rng)


    def _question(self, facts: ArticleFacts, fact: Fact, prompt: str, distractors: list[str], rng: random.Random) -> GeneratedQuestion:
        """The question: the fact and its distractors in an order of the candidate's own, citing its sentence."""
        choices = [fact.text, *distractors]
        rng.shuffle(choices)
        source = evidence(facts, fact.sentence)
        return GeneratedQuestion(
            id=question_id(self.name, source.passage, source.start, source.end, fact.text),
            type=self.name,
            prompt=prompt,
            choices=choices,
            answer=fact.text,
            source=source,
        )


def _date_fits(stem: str, answer: str, lifespan: tuple[int, int] | None, option: str) -> bool:
    return not ruled_out_by_stem(stem, answer, option, lifespan)


def _stands_out(answer: str, distractor: str) -> bool:
    """Giveaways: the right option much longer, or written differently (case), than a wrong one."""
    if len(answer) > 2.2 * len(distractor) + 3:
        return True
    return answer[:1].isupper() != distractor[:1].isupper()
