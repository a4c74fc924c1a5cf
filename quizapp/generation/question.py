"""The plain data a generator produces: a question and the span of text it cites."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

TRUE_FALSE_CHOICES = ("True", "False")
BLANK = "_____"


@dataclass(frozen=True)
class Citation:
    """``passage`` is a passage anchor; ``text[start:end]`` of that passage is the evidence."""

    passage: str
    start: int
    end: int

    def overlaps(self, other: Citation) -> bool:
        """Do the two cite some of the same words?"""
        return self.passage == other.passage and self.start < other.end and other.start < self.end


@dataclass
class GeneratedQuestion:
    id: str
    type: str
    prompt: str
    choices: list[str]
    answer: str | list[str]
    source: Citation
    explanation: str = ""
    # Further spans, in other passages, that the answer also needs: events dated across the article,
    # put in order, are proved only by every passage that dates one (``QuestionType.cites_several``).
    also_cites: list[Citation] = field(default_factory=list)

    @property
    def citations(self) -> list[Citation]:
        return [self.source, *self.also_cites]


def question_id(qtype: str, passage: str, start: int, end: int, answer: str | list[str], extra: str = "") -> str:
    """A stable id: the same question from the same article always gets the same id."""
    answer_text = "\x1f".join(answer) if isinstance(answer, list) else answer
    digest = hashlib.sha1(f"{qtype}\x1e{passage}\x1e{start}\x1e{end}\x1e{answer_text}\x1e{extra}".encode()).hexdigest()
    return f"q{digest[:10]}"
