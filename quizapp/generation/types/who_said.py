"""Who said it: a quotation (or a claim reported as "X argued that ...") from the article, attributed to
its speaker among other people it names."""

from __future__ import annotations

import re
from functools import partial
from typing import Iterable

from ...grading import normalise_answer
from ..distractors import _same_name
from .. import lexicon as lx
from ..facts import ArticleFacts, Quote
from ..question import Citation, GeneratedQuestion, question_id
from ..phrasing import gives_away
from ..proof import Surroundings, QUOTED, shares_most, single_choice_problem
from .base import Candidate, Context, QuestionType, importance, register

_QUOTE_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
MAX_QUOTE_WORDS = 30
DISTRACTORS = 3
MAX_LOOKED_AT = 100  # people examined per quotation: a long article names thousands
# "Who argued in a 1996 article that Alhazen should be credited ...?": the claim a question asks about.
_REPORTED_QUESTION = re.compile(r"Who \w+(?: [^?]*?)? that (.{8,})\?$")


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
    label = "Who said it?"
    weight = 1.6
    answer_in_evidence = True
    name_may_recur = True  # who said a quotation is not what other stems say of them
    stem_is_sentence = False
    imported_by_default = False  # Moodle multiple choice is multiple choice unless the file says who-said
    model_guidance = "the question quotes words the evidence attributes to someone, with four people as choices; the answer is who said them"

    def proof_problem(self, question: GeneratedQuestion, evidence: str, around: Surroundings | None = None) -> str:
        problem = single_choice_problem(question.choices, question.answer, self.cited_answer(question.answer), evidence)
        said = QUOTED.search(question.prompt) or _REPORTED_QUESTION.match(question.prompt)
        if not problem and (said is None or not shares_most(said.group(1), evidence, 0.8)):
            problem = "Its quotation is not the one the evidence attributes."
        return problem

    def candidates(self, context: Context) -> Iterable[Candidate]:
        facts = context.facts
        for quote in facts.quotes:
            passage = facts.sentences[quote.sentence].passage
            source = Citation(passage.anchor, quote.evidence_start, quote.evidence_end)
            qid = question_id(self.name, source.passage, source.start, source.end, quote.speaker_text)
            score = self.weight + importance(context, quote.sentence)
            fact = f"said:{quote.speaker}:{quote.text[:40]}"
            # Built only when the selection reaches it: finding the other speakers costs more than ranking.
            yield Candidate(score, (quote.sentence,), fact, partial(self.build, context, quote, source, qid), qid)

    def build(self, context: Context, quote: Quote, source: Citation, qid: str) -> GeneratedQuestion | None:
        facts = context.facts
        if facts.is_the_subject(quote.speaker):
            return None  # in a biography its subject is the answer a student guesses first (tune split: 0 of 4 acceptable)
        speaker = facts.entities[quote.speaker]
        if quote.verb:
            prompt = f"Who {quote.verb} that {quote.text}?"  # reported speech: the claim as the article words it
        else:
            prompt = f'Who said "{shorten_quote(quote.text)}"?'
        if gives_away(prompt, quote.speaker_text, speaker.surfaces):
            return None
        others = _other_people(context, quote, speaker)
        if len(others) < DISTRACTORS:
            return None  # two names against the answer are a guess, and padding them out invites non-people
        rng = context.rng(self.name, quote.sentence, quote.text)
        rng.shuffle(others)
        choices = [quote.speaker_text, *others[:DISTRACTORS]]
        rng.shuffle(choices)
        return GeneratedQuestion(id=qid, type=self.name, prompt=prompt, choices=choices, answer=quote.speaker_text, source=source)


def _commentator(facts: ArticleFacts, key: str) -> bool:
    """Does the article call this person a historian, critic, journalist ... (``lx.COMMENTATOR_ROLES``)?"""
    return bool(facts.role_heads.get(key, set()) & lx.COMMENTATOR_ROLES)


def _other_people(context: Context, quote: Quote, speaker) -> list[str]:
    """Up to six people other than the speaker, named the way the answer is (surname or full name).

    Only people the article names in full (see ``DistractorFinder.people``), never someone the
    quotation itself names, never a second spelling of the speaker's name.
    """
    facts = context.facts
    surname_form = " " not in quote.speaker_text
    quoted = quote.text.casefold()
    seen = {normalise_answer(quote.speaker_text)}
    speaker_gender = facts.gender_of(quote.speaker)
    comments = _commentator(facts, quote.speaker)
    others: list[str] = []
    for looked, (key, display) in enumerate(context.distractors.people(surname_form)):
        if len(others) == 6 or looked >= MAX_LOOKED_AT:
            break
        norm = normalise_answer(display)
        if key == quote.speaker or norm in seen:
            continue
        if _same_name(display, quote.speaker_text) or any(_same_name(display, s) for s in speaker.surfaces):
            continue
        if any(s.casefold() in quoted for s in facts.entities[key].surfaces):
            continue
        gender = facts.gender_of(key)
        if speaker_gender and gender and gender != speaker_gender:
            continue  # "My wife's health ...": a woman among the options for a man's words stands out
        if _commentator(facts, key) != comments:
            continue  # a historian's words among ministers' names, or a minister's among historians'
        seen.add(norm)
        others.append(display)
    return others
