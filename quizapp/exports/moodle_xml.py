"""Moodle XML: the richest format Moodle imports, built with ElementTree so it is well formed.

Question texts and general feedback are ``format="html"``: their content is HTML, so article
text is HTML-escaped first (a passage's ``<script>`` stays text) and ElementTree then
XML-escapes that HTML. Short-answer answers are plain text, compared with what students type.
Cloze questions become shortanswer, who_said multichoice, ordering a matching question
(position -> item, as in the GIFT export).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..grading import numeric_key
from .common import (
    ORDERING_INSTRUCTION,
    ExportQuestion,
    answer_items,
    escape_html,
    is_true,
    moodle_type_of,
    plain_number,
    question_name,
    source_html,
    type_tag,
)

# Characters XML 1.0 forbids even when escaped; ElementTree would write them and break the file.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def to_moodle_xml(questions: list[ExportQuestion], category: str) -> str:
    """Write questions as a Moodle XML ``<quiz>`` document (UTF-8 declaration, str result).

    The category is used as given: a plain path is created under the course's default
    category on import, or pass ``$course$/top/...`` to place it explicitly.
    """
    quiz = ET.Element("quiz")
    category_question = ET.SubElement(quiz, "question", type="category")
    _add_text(category_question, "category", category)
    for question in questions:
        _add_question(quiz, question)
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def _clean(text: str) -> str:
    return _XML_FORBIDDEN.sub("", text)


def _add_text(parent: ET.Element, tag: str, text: str, text_format: str | None = None, **attributes: str) -> ET.Element:
    """Add ``<tag format=...><text>text</text></tag>``, Moodle's shape for every text field."""
    if text_format is not None:
        attributes = {"format": text_format, **attributes}
    element = ET.SubElement(parent, tag, attributes)
    ET.SubElement(element, "text").text = _clean(text)
    return element


def _add_value(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _add_answer(parent: ET.Element, text: str, fraction: int, text_format: str) -> None:
    answer = _add_text(parent, "answer", text, text_format, fraction=str(fraction))
    _add_text(answer, "feedback", "", "html")


def _add_question(quiz: ET.Element, question: ExportQuestion) -> None:
    moodle_type = moodle_type_of(question)
    element = ET.SubElement(quiz, "question", type=moodle_type)
    _add_text(element, "name", question_name(question))
    prompt = question.prompt
    if moodle_type == "matching":
        prompt = f"{prompt} {ORDERING_INSTRUCTION}"
    _add_text(element, "questiontext", f"<p>{escape_html(prompt)}</p>", "html")
    _add_text(element, "generalfeedback", f"<p>{source_html(question)}</p>", "html")
    _add_value(element, "defaultgrade", "1")
    _add_value(element, "penalty", "0.3333333" if moodle_type != "truefalse" else "1")
    _add_value(element, "hidden", "0")
    tags = ET.SubElement(element, "tags")
    _add_text(tags, "tag", type_tag(question))

    if moodle_type == "multichoice":
        _add_value(element, "single", "true")
        _add_value(element, "shuffleanswers", "true")
        _add_value(element, "answernumbering", "abc")
        for choice in question.choices:
            _add_answer(element, f"<p>{escape_html(choice)}</p>", 100 if choice == question.answer else 0, "html")
    elif moodle_type == "truefalse":
        right = is_true(question.answer)
        _add_answer(element, "true", 100 if right else 0, "moodle_auto_format")
        _add_answer(element, "false", 0 if right else 100, "moodle_auto_format")
    elif moodle_type == "numerical":
        value, tolerance = numeric_key(str(question.answer)) or (0.0, 0.0)
        answer = _add_text(element, "answer", plain_number(value), "moodle_auto_format", fraction="100")
        _add_text(answer, "feedback", "", "html")
        _add_value(answer, "tolerance", plain_number(tolerance))
        _add_value(element, "unitgradingtype", "0")  # units are not graded: the number is
        _add_value(element, "unitpenalty", "0.1000000")
        _add_value(element, "showunits", "3")  # no unit field for the student
        _add_value(element, "unitsleft", "0")
    elif moodle_type == "shortanswer":
        _add_value(element, "usecase", "0")
        for answer in (str(question.answer).strip(), *question.accepted):  # every accepted form is right
            _add_answer(element, answer, 100, "moodle_auto_format")
    else:
        _add_value(element, "shuffleanswers", "true")
        for position, item in enumerate(answer_items(question), 1):
            subquestion = _add_text(element, "subquestion", str(position), "html")
            _add_text(subquestion, "answer", item)
