"""Reading the question files teachers bring from other tools: GIFT, Moodle XML, Aiken and CSV.

Pure Python, no Flask: ``read_question_file`` says what a file holds, or raises QuestionFileError
naming the line and the question that cannot be read.
"""

from __future__ import annotations

from pathlib import PurePath

from .aiken import looks_like_aiken, read_aiken
from .common import ImportedQuestion, QuestionFileError
from .csv_file import read_csv
from .gift import read_gift
from .moodle_xml import read_moodle_xml

FORMATS = {"gift": "GIFT", "xml": "Moodle XML", "aiken": "Aiken", "csv": "CSV"}
SUFFIXES = {".gift": "gift", ".xml": "xml", ".csv": "csv", ".txt": None}  # .txt: GIFT or Aiken, by content


def file_format(name: str, text: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise QuestionFileError(f"a question file ends in {', '.join(SUFFIXES)}; {PurePath(name).name!r} does not", 1)
    return SUFFIXES[suffix] or ("aiken" if looks_like_aiken(text) else "gift")


def read_question_file(data: bytes, name: str) -> tuple[str, list[ImportedQuestion]]:
    """(format, questions) of an uploaded file; QuestionFileError says why it cannot be read."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise QuestionFileError("the file is not UTF-8 text (save it as UTF-8 and upload it again)", line) from None
    if "\x00" in text:
        raise QuestionFileError("the file is binary, not text", text.count("\n", 0, text.index("\x00")) + 1)
    kind = file_format(name, text)
    reader = {"gift": read_gift, "xml": read_moodle_xml, "aiken": read_aiken, "csv": read_csv}[kind]
    questions = reader(text)
    if not questions:
        raise QuestionFileError(f"no questions found in this {FORMATS[kind]} file", 1)
    return kind, questions


__all__ = ["FORMATS", "ImportedQuestion", "QuestionFileError", "file_format", "read_question_file"]
