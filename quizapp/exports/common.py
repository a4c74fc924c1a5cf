"""What every exporter shares: the question as exporters see it, its evidence, escaping and links."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..generation.types import question_type


@dataclass(frozen=True)
class ExportQuestion:
    id: str  # stable id (e.g. "q42")
    type: str  # a question type's name (quizapp.generation.types)
    prompt: str
    choices: list[str]
    answer: str | list[str]
    passage_text: str
    evidence_start: int
    evidence_end: int
    article_title: str
    source_url: str  # absolute or site-relative link to the passage in the article reader
    explanation: str = ""  # why the answer is right, beyond the evidence ("The article says X, not Y.")
    accepted: tuple[str, ...] = ()  # other answers a typed question accepts
    # (passage text, start, end) of each further span it cites: events dated across the article
    also_cited: tuple[tuple[str, int, int], ...] = ()


# Tags every export carries, so that quizapp reads a question back as the type it left as (a
# who-said question leaves as Moodle multiple choice): "quizapp:who_said".
TYPE_TAG_PREFIX = "quizapp:"


def type_tag(question: ExportQuestion) -> str:
    return TYPE_TAG_PREFIX + question.type


NAME_WORDS = 8


def question_name(question: ExportQuestion) -> str:
    """What Moodle lists the question as in its question bank: the stem's opening words ("q23" told
    a teacher nothing), a gap shown as "…"."""
    words = GAP_PATTERN.sub("…", question.prompt).split()
    return " ".join(words[:NAME_WORDS]) + (" …" if len(words) > NAME_WORDS else "") if words else question.id


# A cloze prompt marks its gap with underscores ("_____"); three or more count as the gap.
GAP_PATTERN = re.compile(r"_{3,}")
SAFE_URL_SCHEMES = frozenset({"", "http", "https"})
# Ordering questions leave as Moodle matching questions (position -> item); this tells students how.
ORDERING_INSTRUCTION = "Match each position (1 = first) with its item."


def moodle_type_of(question: ExportQuestion) -> str:
    """The Moodle question type it leaves as (its question type says): every format writes that."""
    return question_type(question.type).moodle_type


def evidence_parts(question: ExportQuestion) -> tuple[str, str, str]:
    """Split the passage into (before, evidence, after); an invalid span gives no evidence."""
    return _split(question.passage_text, question.evidence_start, question.evidence_end)


def _split(text: str, start: int, end: int) -> tuple[str, str, str]:
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return text[:start], text[start:end], text[end:]


def evidence_text(question: ExportQuestion) -> str:
    return evidence_parts(question)[1].strip()


def further_evidence(question: ExportQuestion) -> list[str]:
    """The text of each further span it cites, in order."""
    return [text for text in (_split(*cited)[1].strip() for cited in question.also_cited) if text]


# What follows the link in the feedback, naming the further spans: quizapp's import stops before it.
ALSO_CITED = " Also cited: "


def split_gap(prompt: str) -> tuple[str, str] | None:
    """(text before the gap, text after it) for a cloze prompt, or None without a gap."""
    match = GAP_PATTERN.search(prompt)
    if match is None:
        return None
    return prompt[: match.start()], prompt[match.end() :]


def answer_items(question: ExportQuestion) -> list[str]:
    """The answer as a list: the ordered items of an ordering question, else one item."""
    if isinstance(question.answer, list):
        return list(question.answer)
    return [question.answer]


def is_true(answer: str | list[str]) -> bool:
    return isinstance(answer, str) and answer.strip().lower() in ("true", "t")


def link_url(url: str) -> str | None:
    """The URL if it is safe to put in an href (http, https or site-relative), else None.

    A ``javascript:`` or ``data:`` link in an exported file would run in the importing
    application (Moodle, Anki), so it is left out rather than escaped.
    """
    url = url.strip()
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in SAFE_URL_SCHEMES else None


def escape_html(text: str) -> str:
    """HTML-escape text for element content and double-quoted attributes, without '#'.

    html.escape(quote=True) writes ``&#x27;``, whose '#' is a GIFT control character; a
    single quote is harmless inside double-quoted attributes, so it is left alone.
    """
    return html.escape(text, quote=False).replace('"', "&quot;")


def source_html(question: ExportQuestion) -> str:
    """'[<explanation> ]Source: <title>: “<evidence>” <link>' as escaped HTML, for general feedback
    (quizapp's import reads the evidence back from it)."""
    parts = [f"{escape_html(question.explanation.strip())} " if question.explanation.strip() else ""]
    parts.append(f"Source: {escape_html(question.article_title)}")
    evidence = evidence_text(question)
    if evidence:
        parts.append(f": “{escape_html(evidence)}”")
    url = link_url(question.source_url)
    if url:
        parts.append(f' <a href="{escape_html(url)}">{escape_html(url)}</a>')
    further = further_evidence(question)
    if further:
        parts.append(ALSO_CITED + "; ".join(f"“{escape_html(text)}”" for text in further))
    return "".join(parts)


def passage_html(question: ExportQuestion) -> str:
    """The whole passage, escaped, with the evidence wrapped in <mark>; then each further passage it
    cites, marked the same way, a paragraph each."""
    cited = [(question.passage_text, question.evidence_start, question.evidence_end), *question.also_cited]
    marked = []
    for text, start, end in cited:
        before, evidence, after = _split(text, start, end)
        marked.append(escape_html(before) + (f"<mark>{escape_html(evidence)}</mark>" if evidence else "") + escape_html(after))
    return "</p><p>".join(marked)


def plain_number(value: float) -> str:
    """A number as GIFT and Moodle read it: 1500.0 -> "1500", 0.25 -> "0.25", no thousands separators."""
    return f"{value:.15g}"
