"""Turning a sentence into a question stem, and the checks every stem must pass."""

from __future__ import annotations

import re

from ..grading import normalise_answer
from .fact_types import Fact
from .facts import ArticleFacts
from .lexicon import DEMONYMS_OF
from .question import BLANK, Citation

_DISCOURSE_MARKER = re.compile(
    r"^(?:However|Nevertheless|Nonetheless|Meanwhile|Moreover|Furthermore|In addition|Additionally|Also|"
    r"Instead|Still|Thus|Therefore|Consequently|Indeed|Notably|Subsequently|As a result),\s+"
)
_ARTICLE_BEFORE_BLANK = re.compile(r"\b([Aa]n?) " + re.escape(BLANK))
_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"\b(?:1\d{3}|20\d{2})\b")


def tidy(text: str) -> str:
    """Drop a leading 'However,' and the like: the stem stands alone, not after a previous sentence."""
    match = _DISCOURSE_MARKER.match(text)
    if match:
        text = text[match.end() :]
        text = text[:1].upper() + text[1:]
    return text


def gapped_sentence(facts: ArticleFacts, fact: Fact) -> str | None:
    """The fact's sentence made to stand alone with the fact replaced by a blank; None if it cannot be."""
    statement = facts.framed_statement(fact.sentence)
    if statement is None:
        return None
    text = statement.text
    sentence = facts.sentences[fact.sentence]
    start = statement.offset(fact.start - sentence.start)
    end = start + fact.end - fact.start
    if text[start:end] != fact.text:
        return None
    if (start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
        return None  # the fact is part of a word ("US$68.4 billion"): a gap there reads "US_____"
    gapped = tidy(text[:start] + BLANK + text[end:])
    gapped = _ARTICLE_BEFORE_BLANK.sub(lambda m: ("A(n) " if m.group(1)[0] == "A" else "a(n) ") + BLANK, gapped)
    return gapped


def gives_away(stem: str, answer: str, variants: set[str] | frozenset[str] = frozenset()) -> bool:
    """Does the stem contain the answer, a form of it ('Russian' for 'Russia') or one of its variants?"""
    stem_norm = f" {normalise_answer(stem)} "
    for candidate in {answer, *variants}:
        norm = normalise_answer(candidate)
        if not norm:
            continue
        if f" {norm} " in stem_norm:
            return True
        for word in norm.split():
            if len(word) >= 5 and not word.isdigit():
                # A word of the stem starts with it (words are single-space separated, the stem padded).
                if " " + word[: max(5, len(word) - 3)] in stem_norm:
                    return True
    forms = DEMONYMS_OF.get(answer.removeprefix("the "), ())
    if forms and any(f" {normalise_answer(form)} " in stem_norm for form in forms):
        return True  # "the British Agricultural Revolution" gives "Britain" away
    for year in _YEAR.findall(answer):
        if year in stem:
            return True  # "2021" asked while "November 2021" stays in the stem
    return False


def contains_answer(stem: str, answer: str) -> bool:
    """The plain check used by validation: the normalised answer appears as words in the stem."""
    norm = normalise_answer(answer)
    return bool(norm) and f" {norm} " in f" {normalise_answer(stem)} "


def evidence(facts: ArticleFacts, sentence_index: int) -> Citation:
    """The sentence, extended back to the sentence that names whoever a leading He/She refers to."""
    sentence = facts.sentences[sentence_index]
    start = sentence.start
    earlier = facts.antecedent_sentence[sentence_index]
    if facts.antecedent[sentence_index] and earlier is not None:
        start = min(start, facts.sentences[earlier].start)
    return Citation(sentence.passage.anchor, start, sentence.end)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
