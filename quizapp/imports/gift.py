"""Reading GIFT, Moodle's plain-text question format, the way Moodle's importer reads it (its
two-step handling of escapes included): what quizapp writes as GIFT reads back as the same questions.

``parse_gift`` gives Moodle's view of each question (Moodle's types, every accepted answer,
the general feedback, tags from ``// [tag:...]`` comments); ``records`` turns that into quizapp
questions (``common.from_moodle``).
"""

from __future__ import annotations

import html
import re

from ..exports.common import plain_number
from ..exports.gift import GIFT_SPECIAL_CHARACTERS
from .common import ImportedQuestion, QuestionFileError, from_moodle, html_as_text


class GiftError(QuestionFileError):
    """Malformed GIFT input; ``line`` is the 1-based line where the bad question starts."""


# Escaped characters are swapped for private-use code points while the structure is parsed,
# then swapped back, the same two-step idea as Moodle's importer.
_ESCAPE_PLACEHOLDERS = {char: chr(0xE000 + index) for index, char in enumerate(GIFT_SPECIAL_CHARACTERS + "n")}
_PLACEHOLDER_VALUES = {
    placeholder: ("\n" if char == "n" else char) for char, placeholder in _ESCAPE_PLACEHOLDERS.items()
}
_FORMAT_MARKER = re.compile(r"^\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^%(-?\d{1,3}(?:\.\d*)?)%")
_TAG = re.compile(r"\[tag:((?:\\]|[^\]\x00-\x1f])+)\]")


def read_gift(data: str) -> list[ImportedQuestion]:
    """A GIFT file's questions as quizapp reads them; GiftError names the line of a malformed one."""
    return [from_moodle(record) for record in parse_gift(data)]


def parse_gift(text: str) -> list[dict]:
    """Read GIFT text into dicts: multiple choice, true/false, short answer and matching.

    Each dict has ``line``, ``category``, ``name``, ``type`` (Moodle's: multichoice | truefalse |
    shortanswer | numerical | matching | essay), ``text`` (with ``_____`` for a missing word),
    ``format``, ``choices``, ``answer`` (str, or the matched items in order for matching),
    ``right`` (how many choices are right), ``general_feedback`` and ``tags``. HTML-format texts
    are HTML-unescaped. Raises GiftError with the line number on malformed input; descriptions
    (no answer block) are skipped.
    """
    questions: list[dict] = []
    category = ""
    for start_line, block, comments in _blocks(text):
        try:
            protected = _protect_escapes(block, start_line)
            if protected.startswith("$CATEGORY:"):
                category = _restore(protected[len("$CATEGORY:") :]).strip()
                continue
            question = _parse_question(protected, start_line)
        except GiftError as error:
            named = re.match(r"::(.{1,80}?)::", block)
            raise GiftError(error.problem, error.line, named.group(1).strip() if named else _opening(block)) from None
        if question is not None:
            question["category"] = category
            question["tags"] = [tag.replace("\\]", "]").strip() for tag in _TAG.findall(comments)]
            questions.append(question)
    return questions


def _opening(block: str) -> str:
    return " ".join(block.split()[:6]) + (" …" if len(block.split()) > 6 else "")


def _blocks(text: str) -> list[tuple[int, str, str]]:
    """Questions are separated by blank lines; ``//`` lines are comments (kept: they carry tags)."""
    blocks, current, comments, start = [], [], [], 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            if current:
                blocks.append((start, "\n".join(current), "\n".join(comments)))
                comments = []
            current = []
            continue
        if stripped.startswith("//"):
            comments.append(stripped)
            continue
        if not current:
            start = number
        current.append(stripped)
    if current:
        blocks.append((start, "\n".join(current), "\n".join(comments)))
    return blocks


def _protect_escapes(block: str, line: int) -> str:
    out, index = [], 0
    while index < len(block):
        char = block[index]
        if char == "\\":
            following = block[index + 1 : index + 2]
            if following not in _ESCAPE_PLACEHOLDERS:
                raise GiftError(f"unknown escape '\\{following}'", line)
            out.append(_ESCAPE_PLACEHOLDERS[following])
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _restore(text: str) -> str:
    return "".join(_PLACEHOLDER_VALUES.get(char, char) for char in text)


def _parse_question(text: str, line: int) -> dict | None:
    name = None
    if text.startswith("::"):
        name_end = text.find("::", 2)
        if name_end == -1:
            raise GiftError("question name is not closed with '::'", line)
        name = _restore(text[2:name_end]).strip()
        text = text[name_end + 2 :].strip()

    opening, closing = text.find("{"), text.find("}")
    if opening == -1 and closing == -1:
        return None  # a description: text without a question
    if opening == -1 or closing == -1 or closing < opening:
        raise GiftError("unbalanced '{' '}' around the answers", line)
    if "{" in text[opening + 1 : closing] or "}" in text[closing + 1 :] or "{" in text[closing + 1 :]:
        raise GiftError("more than one answer block, or an unescaped brace", line)

    answer_text = text[opening + 1 : closing].strip()
    # Text after the answers makes it a missing-word question: the gap goes where they were.
    after = text[closing + 1 :].strip()
    question_text = (text[:opening] + "_____" + text[closing + 1 :]) if after else text[:opening]

    general_feedback = ""
    separator = answer_text.rfind("####")
    if separator != -1:
        general_feedback = answer_text[separator + 4 :].strip()
        answer_text = answer_text[:separator].strip()

    text_format = "moodle"
    marker = _FORMAT_MARKER.match(question_text)
    if marker:
        text_format = marker.group(1).lower()
        question_text = question_text[marker.end() :]

    def formatted(value: str) -> str:
        value = _restore(value).strip()
        return html_as_text(value) if text_format == "html" else value

    result = {
        "line": line,
        "name": name,
        "format": text_format,
        "text": formatted(question_text),
        "general_feedback": formatted(general_feedback),
        # as HTML, where links and quoted tags still differ: common.feedback_parts reads the evidence from it
        "general_feedback_html": _restore(general_feedback).strip() if text_format == "html" else html.escape(_restore(general_feedback).strip()),
        "choices": [],
    }
    if not answer_text:
        result.update(type="essay", answer="")  # an essay: read, so that it can be listed as not importable
        return result
    if answer_text.startswith("#"):
        result.update(type="numerical", answer=_numerical_answer(_restore(answer_text[1:]), line), right=1)
        return result

    if "~" in answer_text:
        choices, right, partial = [], [], []
        for token in re.split(r"(?=[~=])", answer_text):
            token = token.strip()
            if not token:
                continue
            marker_char, body = token[0], token[1:].strip()
            weight = _WEIGHT.match(body)
            if weight:
                body = body[weight.end() :]
            body = body.split("#", 1)[0]  # per-answer feedback
            choice = formatted(body)
            choices.append(choice)
            if marker_char == "=" or (weight and float(weight.group(1)) >= 100):
                right.append(choice)
            elif weight and float(weight.group(1)) > 0:
                partial.append(choice)  # "~%50%": one of several right answers, each worth a share
        if len(choices) < 2:
            raise GiftError("multiple choice needs at least two answers", line)
        if not right and not partial:
            raise GiftError("multiple choice has no right answer ('=')", line)
        result.update(type="multichoice", choices=choices, answer=(right or partial)[0], right=len(right) or len(partial))
        return result

    if "=" in answer_text and "->" in answer_text:
        pairs = []
        for token in answer_text.split("="):
            if not token.strip():
                continue
            if "->" not in token:
                raise GiftError(f"matching pair without '->': {_restore(token).strip()!r}", line)
            left, right_side = token.split("->", 1)
            pairs.append((formatted(left), _restore(right_side).strip()))
        if len(pairs) < 2:
            raise GiftError("matching needs at least two pairs", line)
        result.update(type="matching", choices=[left for left, _ in pairs], answer=[right for _, right in pairs], right=len(pairs))
        return result

    keyword = answer_text.split("#", 1)[0].strip()
    if keyword in ("T", "TRUE", "F", "FALSE"):
        answer = "True" if keyword.startswith("T") else "False"
        result.update(type="truefalse", choices=["True", "False"], answer=answer, right=1)
        return result

    answers = []
    for token in answer_text.split("="):
        token = token.strip()
        if not token:
            continue
        weight = _WEIGHT.match(token)
        if weight:
            token = token[weight.end() :]
        # Short answers are plain text in Moodle: no HTML unescaping.
        answers.append(_restore(token.split("#", 1)[0]).strip())
    if not answers:
        raise GiftError("short answer without an answer", line)
    result.update(type="shortanswer", choices=answers, answer=answers[0], right=len(answers))
    return result


_GIFT_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_NUMERICAL = re.compile(rf"^=?(?:%[-\d.]+%)?\s*(?P<value>{_GIFT_NUMBER})\s*(?::\s*(?P<tolerance>{_GIFT_NUMBER})|\.\.\s*(?P<high>{_GIFT_NUMBER}))?\s*$")


def _numerical_answer(text: str, line: int) -> str:
    """GIFT's "{#1500:50}" (or "{#1450..1550}") as quizapp's numeric key, "1500 ± 50"; the first
    answer counts when several are given."""
    first = re.split(r"(?<=\S)\s*=", text.split("#", 1)[0].strip(), maxsplit=1)[0]
    match = _NUMERICAL.match(first)
    if match is None:
        raise GiftError(f"numerical answer is not a number: {first!r}", line)
    value = float(match.group("value"))
    if match.group("high") is not None:  # a range: its middle, give or take half its width
        high = float(match.group("high"))
        value, tolerance = (value + high) / 2, abs(high - value) / 2
    else:
        tolerance = float(match.group("tolerance") or 0)
    return numeric_answer_text(value, tolerance)


def numeric_answer_text(value: float, tolerance: float) -> str:
    """quizapp's numeric key for a GIFT number: "1500", or "1500 ± 50" with a tolerance."""
    return plain_number(value) + (f" ± {plain_number(tolerance)}" if tolerance else "")
