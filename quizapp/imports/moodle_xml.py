"""Reading Moodle XML, what Moodle's question bank exports: the question types quizapp can grade.

The file is untrusted: defusedxml refuses DTDs and entities (a billion laughs, an external file).
Texts in ``format="html"`` are reduced to plain text; short answers are plain already.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .common import ImportedQuestion, QuestionFileError, from_moodle, html_as_text

_QUESTION_TAG = re.compile(r"<question\b")


def read_moodle_xml(data: str) -> list[ImportedQuestion]:
    """A Moodle XML file's questions; QuestionFileError names the line of what cannot be read."""
    try:
        quiz = fromstring(data, forbid_dtd=True)
    except ET.ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else 1
        raise QuestionFileError(f"this is not well-formed XML ({error.msg if hasattr(error, 'msg') else error})", line) from None
    except DefusedXmlException:
        raise QuestionFileError("the file declares a DTD or entities, which a question file never needs", 1) from None
    if quiz.tag != "quiz":
        raise QuestionFileError(f"a Moodle XML file starts with <quiz>, not <{quiz.tag}>", 1)
    lines = [data.count("\n", 0, match.start()) + 1 for match in _QUESTION_TAG.finditer(data)]
    questions = []
    for index, element in enumerate(quiz.findall("question")):
        line = lines[index] if index < len(lines) else 1
        kind = element.get("type", "")
        if kind == "category":
            continue
        questions.append(from_moodle(_record(element, kind, line)))
    return questions


def _raw(element: ET.Element | None) -> str:
    """The ``<text>`` of a Moodle text field, as written."""
    if element is None:
        return ""
    inner = element.find("text")
    return (inner.text if inner is not None else element.text) or ""


def _text(element: ET.Element | None) -> str:
    """A text field as plain text: HTML reduced to text when its format says it is HTML."""
    value = _raw(element)
    if element is not None and element.get("format") in ("html", "markdown"):
        return html_as_text(value)
    return value.strip()


def _fraction(answer: ET.Element, line: int, name: str) -> float:
    try:
        return float(answer.get("fraction", "0"))
    except ValueError:
        raise QuestionFileError(f"an answer's fraction {answer.get('fraction')!r} is not a number", line, name) from None


def _record(element: ET.Element, kind: str, line: int) -> dict:
    name = _text(element.find("name")) or None
    record = {
        "line": line,
        "name": name,
        "type": kind or "unknown",
        "text": _text(element.find("questiontext")),
        "general_feedback": _text(element.find("generalfeedback")),
        "general_feedback_html": _raw(element.find("generalfeedback")),
        "choices": [],
        "answer": "",
        "right": 0,
        "tags": [_text(tag) for tag in element.findall("tags/tag")],
    }
    answers = [(_text(a), _fraction(a, line, name or "")) for a in element.findall("answer")]
    if kind in ("multichoice", "shortanswer", "truefalse", "numerical"):
        if not answers:
            raise QuestionFileError(f"a {kind} question needs <answer> elements", line, name)
        right = [text for text, fraction in answers if fraction >= 100]
        if not right:
            raise QuestionFileError("no answer has fraction 100: which one is right?", line, name)
        record["right"] = len(right)
        if kind == "multichoice":
            if element.findtext("single", "true").strip().lower() in ("false", "0"):
                record["right"] = max(2, len(right))  # "several answers may be right": quizapp has one
            record.update(choices=[text for text, _ in answers], answer=right[0])
        elif kind == "shortanswer":
            record.update(choices=right, answer=right[0])
        elif kind == "truefalse":
            record.update(choices=["True", "False"], answer="True" if right[0].strip().lower() == "true" else "False")
        else:
            tolerance = (element.find("answer").findtext("tolerance") or "0").strip()
            value = right[0].strip()
            try:
                float(value), float(tolerance)
            except ValueError:
                raise QuestionFileError(f"the numerical answer {value!r} ± {tolerance!r} is not a number", line, name) from None
            record["answer"] = value + (f" ± {tolerance}" if float(tolerance) else "")
    elif kind == "matching":
        pairs = [(_text(sub), _text(sub.find("answer"))) for sub in element.findall("subquestion")]
        record.update(choices=[left for left, _ in pairs], answer=[right for _, right in pairs], right=len(pairs))
    return record
