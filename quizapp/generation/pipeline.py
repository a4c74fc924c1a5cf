"""Overgenerate, filter, rank and select: an article's facts in, a balanced list of questions out."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..articles import ParsedArticle
from .distractors import DistractorFinder
from .facts import ArticleFacts
from .model import QUESTION_TYPES, GeneratedQuestion
from .types import REGISTRY, Candidate, Context
from .validation import validate_question

MAX_PER_FACT = 2  # one fact may be asked twice, by two different types, never more
NEAR_DUPLICATE = 0.6  # Jaccard similarity of two evidence sentences' content words


def generate_questions(
    article: ParsedArticle, *, seed: int = 0, max_questions: int | None = None
) -> list[GeneratedQuestion]:
    """Questions on the article's content sections, each citing its evidence; deterministic for a seed.

    With ``max_questions`` the best-ranked are kept, types taking turns so every type
    that has a good candidate appears. Questions come back in article order.
    """
    facts = ArticleFacts(article)
    context = Context(facts, DistractorFinder(facts), seed)
    queues: dict[str, list[Candidate]] = {}
    for name in QUESTION_TYPES:
        found = list(REGISTRY[name].candidates(context))
        found.sort(key=lambda c: (-c.score, c.tiebreak))
        queues[name] = found
    chosen = [c.build() for c in _select(facts, queues, max_questions)]
    chosen.sort(key=lambda q: (article.passage(q.source.passage).position, q.source.start, QUESTION_TYPES.index(q.type), q.id))
    return _unique_ids(chosen)


def _select(facts: ArticleFacts, queues: dict[str, list[Candidate]], limit: int | None) -> list[Candidate]:
    sentences_per_passage = Counter(s.passage.anchor for s in facts.sentences)
    per_passage: Counter = Counter()
    per_fact: Counter = Counter()
    facts_by_type: set[tuple[str, str]] = set()
    used_sentences: set[int] = set()
    chosen: list[Candidate] = []
    # The sentences each chosen fact was asked from; their stems are compared only when the fact comes up again.
    chosen_sentences: dict[str, list[tuple[int, ...]]] = defaultdict(list)

    def stems_of(sentences: tuple[int, ...]) -> frozenset[str]:
        return frozenset().union(*(facts.stems(i) for i in sentences))

    def allowed(name: str, c: Candidate) -> bool:
        passage = facts.sentences[c.sentences[0]].passage.anchor
        if name != "ordering":
            if any(i in used_sentences for i in c.sentences):
                return False
            if per_passage[passage] >= max(1, (sentences_per_passage[passage] + 1) // 2):
                return False
        if c.fact and (per_fact[c.fact] >= MAX_PER_FACT or (name, c.fact) in facts_by_type):
            return False
        told = chosen_sentences.get(c.fact)
        if told:
            stems = stems_of(c.sentences)
            for other in map(stems_of, told):
                if stems and other and len(stems & other) / len(stems | other) >= NEAR_DUPLICATE:
                    return False  # the same fact, told twice in the article (lead and body)
        # Only now build the question; drop it if it cannot be built or is not sound.
        question = c.build()
        return question is not None and not validate_question(facts.article, question)

    def take(name: str, c: Candidate) -> None:
        q = c.build()
        assert q is not None
        chosen.append(c)
        if name != "ordering":
            used_sentences.update(c.sentences)
            per_passage[q.source.passage] += 1
        if c.fact:
            per_fact[c.fact] += 1
            facts_by_type.add((q.type, c.fact))
        chosen_sentences[c.fact].append(c.sentences)

    positions = {name: 0 for name in queues}
    while limit is None or len(chosen) < limit:
        progressed = False
        # Each round, the types take turns, best-scoring type first.
        order = sorted(
            (name for name in queues if positions[name] < len(queues[name])),
            key=lambda n: (-queues[n][positions[n]].score, n),
        )
        for name in order:
            queue = queues[name]
            while positions[name] < len(queue):
                candidate = queue[positions[name]]
                positions[name] += 1
                if allowed(name, candidate):
                    take(name, candidate)
                    progressed = True
                    break
            if limit is not None and len(chosen) >= limit:
                break
        if not progressed:
            break
    return chosen


def _unique_ids(questions: list[GeneratedQuestion]) -> list[GeneratedQuestion]:
    seen: Counter = Counter()
    for q in questions:
        seen[q.id] += 1
        if seen[q.id] > 1:
            q.id = f"{q.id}-{seen[q.id]}"
    return questions
