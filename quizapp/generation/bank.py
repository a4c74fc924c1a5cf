"""The question-bank file: one JSON document per article, readable without the app.

    {"article": {"slug", "title", "passages": [{"id", "section", "text"}]},
     "questions": [{"id", "type", "prompt", "choices"?, "answer", "source": {"passage", "start", "end"},
                    "explanation"?}]}

``choices`` is written for the types that have them (not for cloze); ``explanation``
only when there is one. ``load_bank`` checks everything and rebuilds the article
from its passages, so a bank can be imported on its own; the questions it returns
are marked as checked (``CheckedQuestions``) so an importer need not check them again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from ..articles import ParsedArticle, Passage, Section, slugify
from .question import Citation, GeneratedQuestion
from .types import QUESTION_TYPES, REGISTRY
from .validation import validate_question

PASSAGE_SEPARATOR = "\n\n"
# A "\ud800" escape without its pair reads as a lone surrogate: a str that cannot be stored or shown.
_SURROGATE = re.compile("[\ud800-\udfff]")


class BankError(ValueError):
    """A bank file that cannot be used; the message says what is wrong and where."""


class CheckedQuestions(tuple):
    """Questions ``load_bank`` has validated against the passages of ``article``.

    The mark lets an importer skip a second check of the same questions. A tuple, so the
    marked questions cannot change afterwards; a list made from them is checked as usual.
    """

    article: ParsedArticle

    def __new__(cls, questions: Iterable[GeneratedQuestion], article: ParsedArticle) -> CheckedQuestions:
        checked = super().__new__(cls, questions)
        checked.article = article
        return checked

    def __getnewargs__(self) -> tuple:  # copy and pickle call __new__ with these
        return tuple(self), self.article


def dump_bank(article: ParsedArticle, questions: list[GeneratedQuestion]) -> dict:
    """The bank document (a dict ready for ``json.dumps``) for ``article`` and its questions."""
    header: dict[str, Any] = {"slug": article.slug, "title": article.title}
    if article.attribution:
        header["attribution"] = article.attribution
    header["passages"] = [{"id": p.anchor, "section": p.section, "text": p.text} for p in article.passages]
    return {"article": header, "questions": [_dump_question(q) for q in questions]}


def _dump_question(q: GeneratedQuestion) -> dict:
    data: dict[str, Any] = {"id": q.id, "type": q.type, "prompt": q.prompt}
    if REGISTRY[q.type].answer_input != "text":  # a typed answer has no choices to list
        data["choices"] = list(q.choices)
    data["answer"] = list(q.answer) if isinstance(q.answer, list) else q.answer
    data["source"] = _dump_citation(q.source)
    if q.also_cites:
        data["also_cites"] = [_dump_citation(c) for c in q.also_cites]
    if q.explanation:
        data["explanation"] = q.explanation
    return data


def _dump_citation(citation: Citation) -> dict:
    return {"passage": citation.passage, "start": citation.start, "end": citation.end}


def load_bank(data: bytes | str) -> tuple[ParsedArticle, CheckedQuestions]:
    """Read a bank document; raise BankError saying what is wrong if any part is unusable."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BankError(f"The bank file is not UTF-8 text (byte {exc.start}).") from None
    try:
        document = json.loads(data)
    except json.JSONDecodeError as exc:
        raise BankError(f"The bank file is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.") from None
    except RecursionError:
        raise BankError(
            "The bank file is nested too deeply: lists or objects inside one another hundreds of levels deep "
            "(a bank needs four)."
        ) from None
    except ValueError:  # an integer of more digits than int() reads (sys.get_int_max_str_digits(): 4,300)
        raise BankError("The bank file has a number with thousands of digits, too long to read.") from None
    _refuse_lone_surrogates(document)
    root = _object(document, "the bank")
    article = _load_article(_object(_field(root, "article", "the bank"), '"article"'))
    raw_questions = _field(root, "questions", "the bank")
    if not isinstance(raw_questions, list):
        raise BankError('"questions" must be a list.')
    questions = [_load_question(raw, i) for i, raw in enumerate(raw_questions)]
    problems: list[str] = []
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            problems.append(f'question "{q.id}": the id is used twice')
        seen.add(q.id)
        problems.extend(validate_question(article, q))
    if problems:
        shown = "; ".join(problems[:10]) + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
        raise BankError(f"The bank has {len(problems)} problem(s): {shown}.")
    return article, CheckedQuestions(questions, article)


def _refuse_lone_surrogates(document: Any) -> None:
    """Every string and key of the document is text that can be stored (UTF-8), or BankError."""
    pending = [document]
    while pending:  # not recursive: json.loads allows deeper nesting than a recursive walk might
        value = pending.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                shown = value[:60].encode("utf-8", "backslashreplace").decode("utf-8")  # the message must be storable too
                raise BankError(
                    f'The bank file has an unpaired surrogate escape ("\\ud800" to "\\udfff") in "{shown}": '
                    "it is not a character. Write the character itself, or its full escaped pair."
                )
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, dict):
            pending.extend(value)
            pending.extend(value.values())


def _load_article(raw: dict) -> ParsedArticle:
    title = _string(_field(raw, "title", '"article"'), '"article.title"')
    slug = _string(_field(raw, "slug", '"article"'), '"article.slug"')
    raw_passages = _field(raw, "passages", '"article"')
    if not isinstance(raw_passages, list) or not raw_passages:
        raise BankError('"article.passages" must be a non-empty list.')
    passages: list[Passage] = []
    sections: list[Section] = []
    section_anchors: dict[str, str] = {"": "intro"}
    used_ids: set[str] = set()
    offset = 0
    for i, item in enumerate(raw_passages):
        where = f"passage {i + 1}"
        item = _object(item, where)
        anchor = _string(_field(item, "id", where), f"{where} id")
        if anchor in used_ids:
            raise BankError(f'{where}: the id "{anchor}" is used twice.')
        used_ids.add(anchor)
        section = _string(_field(item, "section", where), f"{where} section", allow_empty=True)
        text = _string(_field(item, "text", where), f"{where} text")
        if section not in section_anchors:
            section_anchor = slugify(section, "section")
            while section_anchor in section_anchors.values():
                section_anchor += "-2"
            section_anchors[section] = section_anchor
            sections.append(Section(section, 1, section_anchor, len(sections)))
        if passages:
            offset += len(PASSAGE_SEPARATOR)
        passages.append(
            Passage(anchor, section, section_anchors[section], "paragraph", text, i, offset, offset + len(text))
        )
        offset += len(text)
    source = PASSAGE_SEPARATOR.join(p.text for p in passages)
    attribution = _string(raw.get("attribution", ""), '"article.attribution"', allow_empty=True).strip()
    if len(attribution) > 1000:
        raise BankError('"article.attribution" is a credit line: 1,000 characters at most.')
    return ParsedArticle(title, slug, "bank", source, tuple(sections), tuple(passages), attribution)


def _load_question(raw: Any, index: int) -> GeneratedQuestion:
    where = f"question {index + 1}"
    raw = _object(raw, where)
    qid = _string(_field(raw, "id", where), f"{where} id")
    where = f'question "{qid}"'
    qtype = _string(_field(raw, "type", where), f"{where} type")
    if qtype not in QUESTION_TYPES:
        raise BankError(f'{where}: unknown type "{qtype}" (expected one of {", ".join(QUESTION_TYPES)}).')
    prompt = _string(_field(raw, "prompt", where), f"{where} prompt")
    choices = raw.get("choices", [])
    if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
        raise BankError(f"{where}: choices must be a list of strings.")
    if REGISTRY[qtype].answer_input != "text" and "choices" not in raw:
        raise BankError(f'{where}: missing field "choices".')
    answer = _field(raw, "answer", where)
    shape_problem = REGISTRY[qtype].answer_shape_problem(answer)
    if shape_problem:
        raise BankError(f"{where}: {shape_problem}.")
    source = _load_citation(_field(raw, "source", where), f"{where} source")
    further = raw.get("also_cites", [])
    if not isinstance(further, list):
        raise BankError(f'{where}: "also_cites" must be a list of sources.')
    also_cites = [_load_citation(c, f'{where} "also_cites" {i + 1}') for i, c in enumerate(further)]
    explanation = raw.get("explanation", "")
    if not isinstance(explanation, str):
        raise BankError(f"{where}: the explanation must be a string.")
    return GeneratedQuestion(qid, qtype, prompt, list(choices), answer, source, explanation, also_cites)


def _load_citation(raw: Any, where: str) -> Citation:
    source = _object(raw, where)
    passage = _string(_field(source, "passage", where), f"{where} passage")
    start, end = _field(source, "start", where), _field(source, "end", where)
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
        raise BankError(f"{where}: start and end must be whole numbers.")
    return Citation(passage, start, end)


def _field(raw: dict, name: str, where: str) -> Any:
    if name not in raw:
        raise BankError(f'{where}: missing field "{name}".')
    return raw[name]


def _object(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise BankError(f"{where} must be a JSON object.")
    return value


def _string(value: Any, where: str, allow_empty: bool = False) -> str:
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise BankError(f"{where} must be a non-empty string.")
    return value
