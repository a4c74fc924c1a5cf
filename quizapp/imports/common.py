"""What every question-file reader shares: the question as read, the error that names where a
file is malformed, and Moodle's question types mapped to quizapp's.

Readers never touch the database: they say what a file holds. Finding each question's evidence
in an article, and storing what the teacher confirms, is ``services.question_import``'s work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from ..exports.common import ALSO_CITED, GAP_PATTERN, ORDERING_INSTRUCTION, TYPE_TAG_PREFIX
from ..generation.question import BLANK
from ..generation.types import QUESTION_TYPES, REGISTRY, QuestionType


class QuestionFileError(ValueError):
    """A file that cannot be read as questions: the message names the line and, when known, the question."""

    def __init__(self, message: str, line: int, name: str | None = None):
        where = f"Line {line}" + (f", question “{name}”" if name else "")
        super().__init__(f"{where}: {message}")
        self.line = line
        self.name = name
        self.problem = message


@dataclass
class ImportedQuestion:
    """One question as a file states it, before it is matched to an article's passages."""

    line: int  # where it starts in the file (1-based), to name it to the teacher
    name: str  # its name in the file, or its opening words
    type: str | None  # a quizapp question type, or None when quizapp has none for it
    prompt: str
    choices: list[str]
    answer: str | list[str]
    evidence: str = ""  # the text the file cites as the answer's source ("" when it cites none)
    further_evidence: list[str] = field(default_factory=list)  # text of other passages it also cites
    explanation: str = ""
    alternatives: list[str] = field(default_factory=list)  # other answers the file accepts
    unsupported: str = ""  # why quizapp cannot take it, for the teacher


def opening_words(text: str, words: int = 8) -> str:
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")


_BREAKS = re.compile(r"<\s*(?:br|/p|/div|/li)\s*/?>", re.IGNORECASE)


def html_as_text(value: str) -> str:
    """An HTML field (Moodle's question text, feedback) as the plain text quizapp stores: read by
    an HTML5 parser (Lexbor, as pasted articles are), its text kept and spacing collapsed. Pages
    escape it again: a file is as untrusted as an article."""
    if "<" not in value and "&" not in value:
        return " ".join(value.split())
    body = LexborHTMLParser(f"<body>{_BREAKS.sub(chr(10), value)}</body>").body
    return " ".join((body.text(separator="") if body is not None else "").split())


# quizapp's general feedback: "[explanation ]Source: <title>: “<evidence>” [<link>][ Also cited: “<evidence>”; …]".
_SOURCE = re.compile(r"(?:^|\s)Source: ")


def feedback_parts(feedback: str) -> tuple[str, str, list[str]]:
    """(explanation, evidence, further evidence) from a general feedback as quizapp writes it;
    other tools' feedback is all explanation, with no evidence."""
    text = html_as_text(feedback)
    found = _SOURCE.search(text)
    if found is None:
        return text, "", []
    explanation, cited = text[: found.start()].strip(), text[found.end() :]
    cited, _, also = cited.partition(ALSO_CITED.strip() + " “")
    opening, closing = cited.find(": “"), cited.rfind("”")
    if opening == -1 or closing <= opening:
        return text, "", []
    further = [part.strip() for part in also.strip().removesuffix("”").split("”; “")] if also else []
    return explanation, cited[opening + 3 : closing].strip(), [part for part in further if part]


def quizapp_type(moodle_type: str, tags: list[str] = ()) -> QuestionType | None:
    """The quizapp type a Moodle question comes in as: the one its tags name (quizapp's exports
    tag each question, "quizapp:who_said"), else the one imported by default for its Moodle type."""
    named = [REGISTRY[t[len(TYPE_TAG_PREFIX):]] for t in tags if t.startswith(TYPE_TAG_PREFIX) and t[len(TYPE_TAG_PREFIX):] in REGISTRY]
    for kind in named:
        if kind.moodle_type == moodle_type:
            return kind
    return next((REGISTRY[n] for n in QUESTION_TYPES if REGISTRY[n].moodle_type == moodle_type and REGISTRY[n].imported_by_default), None)


def from_moodle(record: dict) -> ImportedQuestion:
    """A question as Moodle sees it (GIFT and Moodle XML readers give these) as quizapp's.

    ``record``: line, name, type (Moodle's: multichoice, truefalse, shortanswer, numerical,
    matching, essay...), text, choices, answer, right (how many answers are right),
    general_feedback(_html), tags.
    """
    prompt = GAP_PATTERN.sub(BLANK, str(record.get("text", "")).strip())
    explanation, evidence, further = feedback_parts(record.get("general_feedback_html", record.get("general_feedback", "")))
    moodle_type = str(record.get("type"))
    choices, answer = list(record.get("choices", [])), record.get("answer", "")
    question = ImportedQuestion(
        line=record["line"], name=record.get("name") or opening_words(prompt), type=None, prompt=prompt,
        choices=choices, answer=answer, evidence=evidence, explanation=explanation, further_evidence=further,
    )
    kind = quizapp_type(moodle_type, record.get("tags", []))
    if moodle_type == "matching":
        # quizapp's ordering leaves as matching, position -> item: only that shape comes back
        positions = [str(i) for i in range(1, len(choices) + 1)]
        if not (prompt.endswith(ORDERING_INSTRUCTION) and choices == positions):
            kind = None
        else:
            question.prompt, question.choices = prompt[: -len(ORDERING_INSTRUCTION)].strip(), list(answer)
    if moodle_type == "multichoice" and record.get("right", 1) > 1:
        question.unsupported = "it has several right answers; quizapp's multiple choice has exactly one"
    elif kind is None:
        article = "an" if moodle_type[:1] in "aeiou" else "a"
        question.unsupported = f"it is {article} {moodle_type} question, which quizapp cannot grade"
    else:
        question.type = kind.name
        if kind.answer_input == "text":
            question.choices = []
            question.alternatives = [a for a in choices[1:] if a != answer]
        if moodle_type == "numerical":
            question.answer = _as_written(str(answer), evidence)
    return question


_NUMBER_IN_TEXT = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")


def _as_written(key: str, evidence: str) -> str:
    """A numeric key as the evidence writes it ("1,500" rather than "1500"), tolerance kept."""
    value, _, tolerance = key.partition(" ± ")
    try:
        number = float(value)
    except ValueError:
        return key
    for written in _NUMBER_IN_TEXT.findall(evidence):
        try:
            if float(written.replace(",", "")) == number:
                return written + (f" ± {tolerance}" if tolerance else "")
        except ValueError:
            continue
    return key
