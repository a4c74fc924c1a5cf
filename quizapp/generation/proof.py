"""Checks that a quoted span proves a key someone else wrote (a language model): the pieces each
question type's ``proof_problem`` is made of. Pure Python."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..grading import normalise_answer
from .facts import content_stems
from .lexicon import STOPWORDS
from .question import BLANK

WORD = re.compile(r"[\w'’-]+")
NUMBER = re.compile(r"\d[\d,.]*")
YEAR = re.compile(r"(?<!\d)(1\d{3}|20\d{2})(?!\d)")
BRACKETED_YEAR = re.compile(r"\s*\((?:in )?(\d{4})\)")  # "The bridge opened (1878)": proof, not shown
QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]{8,})[\"“”„«»]")
_NEGATION = re.compile(r"\b(?:not|never|no|none|nor)\b|n't\b", re.IGNORECASE)


def as_words(phrase: str, text: str) -> bool:
    """``phrase`` stands in ``text`` as whole words (any case): "18" is not in "1854"."""
    phrase = phrase.strip()
    return bool(phrase) and re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text, flags=re.IGNORECASE) is not None


def shares_most(text: str, evidence: str, share: float) -> bool:
    asked = content_stems(text)
    return bool(asked) and len(asked & content_stems(evidence)) / len(asked) >= share


def negated(text: str) -> bool:
    return _NEGATION.search(text) is not None


def single_choice_problem(choices: list[str], answer: str, cited: str, evidence: str) -> str:
    """The answer stands in the evidence and no other choice does: the evidence picks the key."""
    if not as_words(cited, evidence):
        return f"The answer “{answer}” is not in the evidence as whole words."
    also = [c for c in choices if normalise_answer(c) != normalise_answer(answer) and as_words(c, evidence)]
    if also:
        return f"Another choice, “{also[0]}”, is in the evidence too, so the evidence does not prove the key."
    if len(choices) < 3:
        return "A multiple-choice question needs at least three choices."
    return ""


def blank_problem(prompt: str, cited: str, evidence: str) -> str:
    """One blank, with a word beside it that stands beside the answer in the evidence, on the same
    side: the blank is where the evidence has the key, not another gap the key also fits."""
    if prompt.count(BLANK) != 1:
        return "It needs exactly one blank." if BLANK in prompt else f"It needs a blank ({BLANK})."
    before, _, after = prompt.partition(BLANK)
    word_before = [w.casefold() for w in WORD.findall(before)[-1:]]
    word_after = [w.casefold() for w in WORD.findall(after)[:1]]
    for match in re.finditer(r"(?<!\w)" + re.escape(cited) + r"(?!\w)", evidence, flags=re.IGNORECASE):
        left = [w.casefold() for w in WORD.findall(evidence[: match.start()])[-1:]]
        right = [w.casefold() for w in WORD.findall(evidence[match.end() :])[:1]]
        if (word_before and left == word_before) or (word_after and right == word_after):
            return ""
    return "The words around the blank are not the words around the answer in the evidence."


@dataclass(frozen=True)
class Surroundings:
    """What a statement may name besides its quotation: the article's title and the heading the
    quotation stands under (a quote says "he", "the island", "the club"; a statement that makes
    sense on its own names them), and the article's text, where the fuller form of a name the
    quotation shortens stands ("Maurice Ravel" for the quote's "Ravel")."""

    title: str = ""
    heading: str = ""
    text: str = ""


def _bare(word: str) -> str:
    """A word without its possessive: "Aruba's" -> "Aruba"."""
    return re.sub(r"['’]s?$", "", word)


def _named_by(word: str, evidence: str, around: Surroundings) -> bool:
    bare = _bare(word)
    return any(as_words(form, where) for form in {word, bare} if form for where in (evidence, around.title, around.heading) if where)


def _name_run(index: int, words: list[str]) -> list[str]:
    """The run of capitalised words ``words[index]`` stands in: a name of several words."""
    start = index
    while start > 0 and words[start - 1][:1].isupper():
        start -= 1
    end = index + 1
    while end < len(words) and words[end][:1].isupper():
        end += 1
    return words[start:end]


def _fuller_name(index: int, words: list[str], evidence: str, around: Surroundings) -> str:
    """The name ``words[index]`` is part of, when the article writes it out in full and it is the
    article's only fuller form of a name the quotation uses: "Maurice Ravel" for the quote's "Ravel".
    "" otherwise: with a Joseph and an Edward Bazalgette in the article, the quote's "Bazalgette"
    does not say which one."""
    run = [_bare(w) for w in _name_run(index, words)]
    quoted = [w for w in run if as_words(w, evidence)]
    if len(run) < 2 or not quoted or not as_words(" ".join(run), around.text):
        return ""
    before = {m.group(1) for m in re.finditer(r"([A-Z][\w'’-]*)\s+" + re.escape(quoted[-1]) + r"(?!\w)", around.text)}
    before = {word for word in before if word.lower() not in STOPWORDS}
    return " ".join(run) if before <= set(run) else ""


def statement_problem(statement: str, answer: str, evidence: str, around: Surroundings = Surroundings()) -> str:
    """A true statement says only what the evidence says (its names and numbers, most of its
    words, no negation the evidence lacks); a false one is about the evidence but changes it.

    Names the article's title or the quotation's heading give, and the fuller form of a name the
    quotation uses, are the statement making sense on its own, not claims the evidence must make.
    """
    words = WORD.findall(statement)
    if words and words[0][:1].isalpha() and (words[0].lower() in STOPWORDS or not _written_capitalised(words[0], around.text or evidence)):
        words = words[1:]  # "The", "In", "Facing": capitalised only because they open the sentence
    # Names and figures the evidence, title or heading do not give: claims to check, once each.
    unnamed = {i for i, w in enumerate(words) if (w[:1].isupper() or w[:1].isdigit()) and not _named_by(w, evidence, around)}
    fuller = {i: _fuller_name(i, words, evidence, around) for i in unnamed if words[i][:1].isupper()}
    unsupported = [words[i] for i in sorted(unnamed) if not fuller.get(i)]
    # What the statement may say besides the quotation, for the share of its words the quotation says.
    context = " ".join((evidence, around.title, around.heading, *filter(None, fuller.values())))
    flipped = negated(statement) != negated(evidence)
    if answer == "True":
        if flipped:
            return "It is keyed true, but it negates what the evidence says."
        if unsupported:
            return f"It is keyed true, but the evidence does not say “{unsupported[0]}”."
        if not shares_most(statement, context, 0.7):
            return "It is keyed true, but the evidence does not state it."
        return ""
    if not shares_most(statement, context, 0.5):
        return "It is keyed false, but it is not about what the evidence says: a student cannot tell from the article."
    if not flipped and not unsupported and content_stems(statement) <= content_stems(context):
        return "It is keyed false, but the evidence states it."
    return ""


def _written_capitalised(word: str, text: str) -> bool:
    """Whether ``word`` stands capitalised anywhere in ``text``: a name, or a word the article also
    opens a sentence with. A statement's first word that the article never writes so ("Facing") is
    capitalised only because it opens the statement."""
    return re.search(r"(?<!\w)" + re.escape(_bare(word)) + r"(?!\w)", text) is not None


def dated_order_problem(items: list[str], evidence: str) -> str:
    """Each event ends with its year in brackets, one the evidence gives, and the key lists them
    by year. (The years are taken off before students see the events.)"""
    years = [YEAR.findall(item) for item in items]
    bracketed = [BRACKETED_YEAR.search(item) for item in items]
    if any(len(found) != 1 or found[0] not in evidence for found in years) or not all(bracketed):
        return "Each event must end with its year in brackets, one that stands in the evidence."
    ordered = [int(found[0]) for found in years]
    if ordered != sorted(ordered) or len(set(ordered)) != len(ordered):
        return "The answer does not list the events by their years, earliest first."
    return ""
