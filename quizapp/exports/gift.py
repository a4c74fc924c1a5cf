"""GIFT, Moodle's plain-text question format: writing quizapp questions (tests/gift_reader.py reads them back).

Choices made so that Moodle's own GIFT importer reads the file as intended:

- Question text is marked ``[html]`` and HTML-escaped, so passages containing ``<`` or
  ``<script>`` show as text and the source link in the general feedback is clickable. The
  general feedback and multiple-choice answers inherit that format in Moodle's importer.
- Short-answer answers and matching answers are plain text in Moodle (compared with what the
  student types / shown in a drop-down), so they are only GIFT-escaped, never HTML-escaped.
- Every text is GIFT-escaped: ``\\ ~ = # { } :`` get a backslash and a newline becomes
  ``\\n``, because a blank line would end the question.
- Cloze questions become missing-word short-answer questions (the answer block replaces the
  gap); true/false become ``{TRUE}``/``{FALSE}``; who_said is multiple choice.
- Ordering questions become matching questions, position -> item (``=1 -> first event``):
  Moodle has no ordering type in core GIFT, a matching question imports with core types only
  and is marked per position, which is how an ordering is judged by hand.
"""

from __future__ import annotations

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
    split_gap,
    type_tag,
)

GIFT_SPECIAL_CHARACTERS = "\\~=#{}:"


def escape_gift(text: str) -> str:
    """Backslash-escape GIFT's control characters and encode newlines as ``\\n``."""
    escaped = "".join("\\" + char if char in GIFT_SPECIAL_CHARACTERS else char for char in text)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _html_field(text: str) -> str:
    return escape_gift(escape_html(text))


def _choice_field(text: str) -> str:
    # Moodle reads a leading "%50%" in an answer as a weight; the entity keeps it literal.
    escaped = escape_html(text)
    if escaped.startswith("%"):
        escaped = "&#37;" + escaped[1:]
    return escape_gift(escaped)


def to_gift(questions: list[ExportQuestion], category: str) -> str:
    """Write questions as GIFT text under ``$CATEGORY: category``, one block per question."""
    # Moodle reads the category line without un-escaping, so only newlines are removed.
    category_line = " ".join(category.split())
    blocks = [f"// quizapp export: {len(questions)} questions", f"$CATEGORY: {category_line}"]
    blocks.extend(_gift_question(question) for question in questions)
    return "\n\n".join(blocks) + "\n"


def _gift_question(question: ExportQuestion) -> str:
    # Moodle reads "[tag:...]" in the comment before a question as a tag of the question.
    return f"// [tag:{type_tag(question)}]\n" + _gift_body(question)


def _gift_body(question: ExportQuestion) -> str:
    name = f"::{escape_gift(question_name(question))}::"
    feedback = f"####{escape_gift(source_html(question))}"
    stem = _html_field(question.prompt)
    moodle_type = moodle_type_of(question)

    if moodle_type == "shortanswer":
        # Every accepted form is a right answer: "=First World War =World War I".
        answer = " =".join(escape_gift(a) for a in (str(question.answer).strip(), *question.accepted))
        gap = split_gap(question.prompt)
        if gap is None:
            return f"{name} [html]{stem} {{={answer} {feedback}}}"
        before, after = gap
        return f"{name} [html]{_html_field(before)}{{={answer} {feedback}}}{_html_field(after)}"

    if moodle_type == "numerical":
        value, tolerance = numeric_key(str(question.answer)) or (0.0, 0.0)
        return f"{name} [html]{stem} {{#{plain_number(value)}:{plain_number(tolerance)} {feedback}}}"

    if moodle_type == "truefalse":
        keyword = "TRUE" if is_true(question.answer) else "FALSE"
        return f"{name} [html]{stem} {{{keyword} {feedback}}}"

    if moodle_type == "matching":
        stem = _html_field(f"{question.prompt} {ORDERING_INSTRUCTION}")
        pairs = [f"={position} -> {escape_gift(item)}" for position, item in enumerate(answer_items(question), 1)]
        return "\n".join([f"{name} [html]{stem} {{", *pairs, feedback, "}"])

    # multichoice: one right answer among the choices.
    answers = [("=" if choice == question.answer else "~") + _choice_field(choice) for choice in question.choices]
    return "\n".join([f"{name} [html]{stem} {{", *answers, feedback, "}"])
