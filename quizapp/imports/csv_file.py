"""Reading a spreadsheet of questions saved as CSV, one question a row, under a header row:

    type,prompt,choices,answer,evidence,explanation
    multiple choice,Which city is the capital of France?,Paris|London|Rome,Paris,"Paris is the capital of France."

``choices`` are separated by ``|``, and so are the items of an ordering question's answer, in
their right order. ``evidence`` is the article's own words that prove the answer; ``explanation``
is optional. Types may be written as quizapp names them or as teachers say them ("true/false",
"short answer", "fill in the blank").
"""

from __future__ import annotations

import csv
import io

from ..generation.types import QUESTION_TYPES, TYPE_LABELS, question_type
from .common import ImportedQuestion, QuestionFileError, opening_words, quizapp_type

REQUIRED_COLUMNS = ("type", "prompt", "answer")
COLUMNS = ("type", "prompt", "choices", "answer", "evidence", "explanation")
def _type_word(text: str) -> str:
    return " ".join(text.casefold().replace("_", " ").replace("-", " ").split())


# What teachers call the types in other tools, as Moodle's types (quizapp's own names and labels
# are read as they are).
_MOODLE_WORDS = {
    "multiple choice": "multichoice", "multichoice": "multichoice", "mc": "multichoice",
    "true/false": "truefalse", "truefalse": "truefalse", "tf": "truefalse",
    "short answer": "shortanswer", "shortanswer": "shortanswer", "gap": "shortanswer",
    "numerical": "numerical", "number": "numerical",
}  # fmt: skip
_TYPE_WORDS = {
    **{word: kind.name for word, moodle in _MOODLE_WORDS.items() if (kind := quizapp_type(moodle)) is not None},
    **{_type_word(name): name for name in QUESTION_TYPES},
    **{_type_word(label): name for name, label in TYPE_LABELS.items()},
}


def read_csv(text: str) -> list[ImportedQuestion]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [(name or "").strip().casefold() for name in (reader.fieldnames or [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise QuestionFileError(
            "the first row must name the columns (" + ", ".join(COLUMNS) + "); missing: " + ", ".join(missing), 1
        )
    reader.fieldnames = header
    questions = []
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                raise QuestionFileError(f"this row has more cells than the header has columns ({len(header)})", line, opening_words(row.get("prompt") or ""))
            values = {key: (value or "").strip() for key, value in row.items()}
            if not any(values.values()):
                continue
            prompt = values.get("prompt", "")
            name = opening_words(prompt) or f"row {line}"
            kind = _TYPE_WORDS.get(_type_word(values.get("type", "")))
            if kind is None:
                raise QuestionFileError(f"unknown type {values.get('type', '')!r} (use one of: {', '.join(QUESTION_TYPES)})", line, name)
            if not prompt:
                raise QuestionFileError("the prompt is empty", line, name)
            choices = [c.strip() for c in values.get("choices", "").split("|") if c.strip()]
            answer: str | list[str] = values.get("answer", "")
            if question_type(kind).answer_input == "positions":  # the items, in their right order
                answer = [item.strip() for item in str(answer).split("|") if item.strip()]
                choices = list(answer)
            if not answer:
                raise QuestionFileError("the answer is empty", line, name)
            questions.append(ImportedQuestion(
                line=line, name=name, type=kind, prompt=prompt, choices=choices, answer=answer,
                evidence=values.get("evidence", ""), explanation=values.get("explanation", ""),
            ))
    except csv.Error as error:
        raise QuestionFileError(f"this is not readable CSV ({error})", reader.line_num) from None
    return questions
