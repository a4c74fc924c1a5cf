"""Overgenerate, filter, rank and select: an article's facts in, a balanced list of questions out."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from ..articles import ParsedArticle
from .distractors import DistractorFinder
from . import lexicon as lx
from .fact_types import fold
from .facts import ArticleFacts
from .question import GeneratedQuestion
from .screening import (
    SPOILING_DATES,
    BankEntry,
    bank_entry,
    conflicts,
    dated_events,
    in_a_naming_section,
    unfit_sentence,
)
from .types import QUESTION_TYPES, REGISTRY, Candidate, Context
from .types.base import importance
from .validation import validate_question

# Outside the lead, a question is asked only from a sentence at least this important (``importance``):
# on the tune split, such questions below 0.7 were acceptable 18 times in 53, those at or above it
# 31 times in 63 (bench/quality, 2026-12-07). Below it they only fill a bank of fewer than MIN_BANK.
# Nor from one that never names the article's subject (``ArticleFacts.names_the_subject``): of every body question
# ever rated on the tune split from a sentence at or above 0.7, those that name it were acceptable 101
# times in 210, the others 9 times in 43 (bench/rated_history.py, 2026-12-07).
BODY_IMPORTANCE = 0.7
# Nor a date or number from a body sentence that holds this many figures besides: a statistic or a
# chronology, where one figure among several is a detail and the rest crowd the stem ("accounted for
# _____ of the total number of tourists with 1,124,696 arrivals" in 2002). Of every such question of the
# generator's ever rated on the tune split, 4 in 37 were acceptable; with fewer figures, 58 in 182.
CROWDED_FIGURES = 2
# Nor a date from the body of an article not told by dates (fewer than this share of its sentences
# dated: a science, technology or geography text), where a year is when a side event happened (the
# year a telescope observed a star, a tablet was found). In articles under this share, such questions
# of the generator's ever rated on the tune split were acceptable 2 times in 34; in the rest, 37 in 96
# (the rows of bench/rated_history.py whose stem is the evidence sentence: not the model's).
CHRONOLOGY_SHARE = 0.2
# Nor a country or a city (one quizapp's lexicon knows) from a body sentence: where a side event took
# place ("discovered in the Bibliothèque nationale in _____", "an embassy in _____"). Such blanks of
# every question ever rated were acceptable 10 times in 33 on the tune split (cloze; 3 in 20 as multiple
# choice); on the test split, looked at afterwards, 5 in 23 (bench/rated_history.py, 2026-12-07).
_KNOWN_PLACES = frozenset(fold(name) for name in (*lx.COUNTRIES, *lx.COUNTRY_ALIASES, *lx.CITIES))
_BORN = re.compile(r"\b(?:was|were) born\b")
MIN_BANK = 5
MAX_PER_FACT = 2  # one fact may be asked twice, by two different types, never more
NEAR_DUPLICATE = 0.6  # Jaccard similarity of two evidence sentences' content words
# The default number of questions: one per WORDS_PER_QUESTION words of content, between MIN_ and MAX_QUESTIONS.
# A teacher picks from a list, and a list of thousands is no help; it also keeps a long article fast.
WORDS_PER_QUESTION = 60
MIN_QUESTIONS = 10
MAX_QUESTIONS = 150
MAX_TYPE_SHARE = 0.4  # no type takes more than this share of the questions while another type has some left
MAX_KIND_SHARE = 0.3  # nor one kind of answer (people, dates, numbers...) while other kinds are left
MAX_KIND_SHARE_OF_TYPE = 0.5  # nor, within one type, more than this share of its cap (cloze: not only dates)


def default_max_questions(facts: ArticleFacts) -> int:
    """How many questions an article of this length deserves (see WORDS_PER_QUESTION)."""
    words = sum(facts.words(i) for i in range(len(facts.sentences)))
    return max(MIN_QUESTIONS, min(MAX_QUESTIONS, round(words / WORDS_PER_QUESTION)))


def generate_questions(
    article: ParsedArticle, *, seed: int = 0, max_questions: int | None = None
) -> list[GeneratedQuestion]:
    """Questions on the article's content sections, each citing its evidence; deterministic for a seed.

    At most ``max_questions`` (by default one per 60 words, 10 to 150: ``default_max_questions``;
    a large number gives every sound candidate), the best-ranked, types taking turns so every type
    that has a good candidate appears and none takes more than 40% while others have candidates
    left. A side detail (a sentence outside the lead below ``BODY_IMPORTANCE``, not naming the
    article's subject, or in a section on where a name comes from; outside the lead, a figure among
    several, or a year in an article not told by dates) comes after all the rest and,
    by default, only to fill a bank of fewer than ``MIN_BANK``, never from a naming section.
    Questions come back in article order.
    """
    facts = ArticleFacts(article)
    # By default a side detail only fills a thin bank; a teacher who asks for a number gets it.
    asked_for = max_questions is not None
    fill = max_questions if max_questions is not None else MIN_BANK
    if max_questions is None:
        max_questions = default_max_questions(facts)
    context = Context(facts, DistractorFinder(facts), seed)
    queues: dict[str, list[Candidate]] = {}
    for name in QUESTION_TYPES:
        found = list(REGISTRY[name].candidates(context))
        found.sort(key=lambda c: (-c.score, c.tiebreak))
        queues[name] = found
    chosen = [c.build() for c in _select(context, queues, max_questions, fill, fill_with_names=asked_for)]
    chosen.sort(key=lambda q: (article.passage(q.source.passage).position, q.source.start, QUESTION_TYPES.index(q.type), q.id))
    return _unique_ids(chosen)


def _select(
    context: Context, queues: dict[str, list[Candidate]], limit: int, fill: int, fill_with_names: bool
) -> list[Candidate]:
    facts = context.facts
    sentences_per_passage = Counter(s.passage.anchor for s in facts.sentences)
    per_passage: Counter = Counter()
    per_fact: Counter = Counter()
    facts_by_type: set[tuple[str, str]] = set()
    used_sentences: set[int] = set()
    chosen: list[Candidate] = []
    # The stems of the sentences each chosen fact was asked from, compared only when the fact comes up again:
    # per fact, the size of each stem set and, per stem, the sets holding it (true/false statements all share
    # the fact "": comparing each with every one taken before made a long article quadratic).
    told_sizes: dict[str, list[int]] = defaultdict(list)
    told_index: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    per_type: Counter = Counter()
    per_kind: Counter = Counter()
    type_cap = max(1, math.ceil(MAX_TYPE_SHARE * limit))
    kind_cap = max(1, math.ceil(MAX_KIND_SHARE * limit))
    per_type_kind: Counter = Counter()
    type_kind_cap = max(1, math.ceil(MAX_KIND_SHARE_OF_TYPE * type_cap))
    unfit: dict[int, str | None] = {}
    in_bank: list[BankEntry] = []

    def unfit_at(index: int) -> str | None:
        if index not in unfit:
            unfit[index] = unfit_sentence(facts, index)
        return unfit[index]

    told_by_dates = facts.dated_share >= CHRONOLOGY_SHARE

    def is_minor(c: Candidate) -> bool:
        first = facts.sentences[c.sentences[0]]
        if c.kind in ("date", "number") and not first.is_lead:
            if crowded(first.index) or (c.kind == "date" and not told_by_dates):
                return True
        if c.kind == "place" and c.fact in _KNOWN_PLACES and not first.is_lead:
            return not _BORN.search(first.text)  # where someone was born is no side event
        return not any(
            facts.sentences[i].is_lead
            or (importance(context, i) >= BODY_IMPORTANCE and facts.names_the_subject(i) and not in_a_naming_section(facts, i))
            for i in c.sentences
        )

    def crowded(index: int) -> bool:
        return sum(f.kind in ("date", "number") for f in facts.facts[index]) > CROWDED_FIGURES

    def stems_of(sentences: tuple[int, ...]) -> frozenset[str]:
        return frozenset().union(*(facts.stems(i) for i in sentences))

    def allowed(name: str, c: Candidate) -> bool:
        passage = facts.sentences[c.sentences[0]].passage.anchor
        if REGISTRY[name].claims_sentences:
            if any(i in used_sentences for i in c.sentences):
                return False
            if per_passage[passage] >= max(1, (sentences_per_passage[passage] + 1) // 2):
                return False
        if c.fact and (per_fact[c.fact] >= MAX_PER_FACT or (name, c.fact) in facts_by_type):
            return False
        index = told_index.get(c.fact)
        if index:
            stems = stems_of(c.sentences)
            shared: Counter = Counter()
            for stem in stems:
                shared.update(index.get(stem, ()))
            sizes = told_sizes[c.fact]
            for j, n in shared.items():
                if n / (len(stems) + sizes[j] - n) >= NEAR_DUPLICATE:  # Jaccard similarity
                    return False  # the same fact, told twice in the article (lead and body)
        if REGISTRY[name].stem_is_sentence and any(unfit_at(i) for i in c.sentences):
            return False
        # Only now build the question; drop it if it cannot be built, is not sound, or spoils another.
        question = c.build()
        if question is None or validate_question(facts.article, question):
            return False
        return not conflicts(bank_entry_of(question), in_bank)

    # The orderings taken so far, each with its events that other questions in the bank date. A dated
    # question is worth more than the order it gives away: an ordering it spoils leaves the bank.
    orderings: dict[int, tuple[str, BankEntry, set[int]]] = {}

    def drop_ordering(key: int) -> None:
        position = next(i for i, c in enumerate(chosen) if id(c) == key)
        c = chosen.pop(position)
        name = orderings.pop(key)[0]
        del in_bank[position]
        per_type[name] -= 1
        per_kind[c.kind] -= 1
        per_type_kind[(name, c.kind)] -= 1

    def take(name: str, c: Candidate) -> None:
        q = c.build()
        assert q is not None
        entry = bank_entry_of(q)
        if entry.events:
            orderings[id(c)] = (name, entry, dated_events(entry, in_bank))
        elif entry.dated:
            for key, (_, ordering, dated) in list(orderings.items()):
                dated |= dated_events(ordering, [entry])
                if len(dated) >= SPOILING_DATES:
                    drop_ordering(key)
        chosen.append(c)
        in_bank.append(entry)
        per_type[name] += 1
        per_kind[c.kind] += 1
        per_type_kind[(name, c.kind)] += 1
        if isinstance(q.answer, str):
            context.taken[(q.type, q.answer)] += 1
        if REGISTRY[name].claims_sentences:
            used_sentences.update(c.sentences)
            per_passage[q.source.passage] += 1
        if c.fact:
            per_fact[c.fact] += 1
            facts_by_type.add((q.type, c.fact))
        stems = stems_of(c.sentences)
        if stems:
            sizes, index = told_sizes[c.fact], told_index[c.fact]
            for stem in stems:
                index[stem].append(len(sizes))
            sizes.append(len(stems))

    def take_turns(queues: dict[str, list[Candidate]], limit: int, set_aside: dict[str, list[Candidate]] | None) -> None:
        """Fill the bank up to ``limit`` from ``queues``, the types taking turns; a side detail goes
        to ``set_aside`` when given."""
        deferred: dict[str, list[Candidate]] = defaultdict(list)  # passed over for the caps, not for their merit
        positions = {name: 0 for name in queues}
        capped = True  # the share cap holds until every type under it has run out of candidates
        while len(chosen) < limit:
            progressed = False
            # Each round, the types take turns, best-scoring type first.
            order = sorted(
                (name for name in queues if positions[name] < len(queues[name]) and not (capped and per_type[name] >= type_cap)),
                key=lambda n: (-queues[n][positions[n]].score, n),
            )
            for name in order:
                queue = queues[name]
                while positions[name] < len(queue):
                    candidate = queue[positions[name]]
                    positions[name] += 1
                    if capped and candidate.kind and (
                        per_kind[candidate.kind] >= kind_cap or per_type_kind[(name, candidate.kind)] >= type_kind_cap
                    ):
                        deferred[name].append(candidate)
                        continue
                    if set_aside is not None and REGISTRY[name].stem_is_sentence and is_minor(candidate):
                        set_aside[name].append(candidate)
                        continue
                    if allowed(name, candidate):
                        take(name, candidate)
                        progressed = True
                        break
                if len(chosen) >= limit:
                    break
            if not progressed:
                if not capped:
                    break
                # Every type has run out under the caps: what is left, and what the caps passed over, in rank order.
                capped = False
                for name in queues:
                    rest = deferred[name] + queues[name][positions[name] :]
                    rest.sort(key=lambda c: (-c.score, c.tiebreak))
                    queues[name], positions[name] = rest, 0

    minor: dict[str, list[Candidate]] = defaultdict(list)
    take_turns(queues, limit, minor)
    # Side details come after everything else and, unless asked for, only to fill a thin bank; where
    # a name comes from, only when asked for.
    for name in minor:
        if not fill_with_names:
            minor[name] = [c for c in minor[name] if not all(in_a_naming_section(facts, i) for i in c.sentences)]
        minor[name].sort(key=lambda c: (-c.score, c.tiebreak))
    take_turns(minor, min(limit, fill), None)
    return chosen


def bank_entry_of(question: GeneratedQuestion) -> BankEntry:
    """The question as the bank-level checks compare it (a language model's questions too)."""
    kind = REGISTRY[question.type]
    return bank_entry(
        question, _answer_words(question), kind.name_may_recur, kind.states_the_article(question), kind.swapped(question)
    )


def _answer_words(question: GeneratedQuestion) -> str:
    """What a question's answer says, for comparing it with the others in the bank ("" when its
    answer is a verdict or an order, not words of the article)."""
    kind = REGISTRY[question.type]
    return kind.cited_answer(question.answer) if kind.answer_in_evidence and isinstance(question.answer, str) else ""


def _unique_ids(questions: list[GeneratedQuestion]) -> list[GeneratedQuestion]:
    seen: Counter = Counter()
    for q in questions:
        seen[q.id] += 1
        if seen[q.id] > 1:
            q.id = f"{q.id}-{seen[q.id]}"
    return questions
