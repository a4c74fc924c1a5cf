"""Read an article into a title, sections and passages.

Pure Python (no Flask, no database) so it can be tested and benchmarked alone.
Three input formats are understood:

* ``wiki``: the format of the bundled sample (``= Title =``, ``== Section ==``,
  ``=== Subsection ===``, blank-line paragraphs, ``- `` bullet lists), and MediaWiki
  source, whose inline markup (links, refs, templates, bold) is reduced to text first;
* ``markdown``: ``#`` headings, ``-``/``*``/``+``/``1.`` lists, inline markup reduced to text;
* ``plain``: paragraphs separated by blank lines, the first short line as title and later short
  lines standing alone as headings (text copied from a rendered page).

Every passage keeps its text exactly as it stands in the (decoded, newline
normalised, markup reduced) source: ``source[passage.start:passage.end] == passage.text``. That
is what lets a question cite a character span and have it checked later.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cached_property

from .markup import MARKDOWN_BULLET as _MARKDOWN_BULLET
from .markup import has_setext_heading, markdown_to_text_and_literal_lines, plain_to_text, wikitext_to_text

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

# Sections whose passages are navigation rather than content.
NON_CONTENT_SECTIONS = frozenset(
    {"see also", "references", "external links", "further reading", "notes", "bibliography", "sources"}
)

_WIKI_HEADING = re.compile(r"^(={1,6})[ \t]*(.+?)[ \t]*\1[ \t]*$")
_WIKI_SECTION = re.compile(r"^(={2,6})[ \t]*[^=\s][^\n]*?[ \t]*\1[ \t]*$")
# Unmistakable inline markup, for text without headings: [[a link]], '''bold''', <ref>; **bold**, [a](link).
_WIKI_MARKUP = re.compile(r"\[\[[^\[\]\n]+\]\]|'''[^'\n]+'''|<ref[ >/]")
_MARKDOWN_MARKUP = re.compile(r"\[[^\[\]\n]+\]\((?:https?:|/|#)|\*\*[^*\n]+\*\*")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_WIKI_BULLET = re.compile(r"^[ \t]*[-*][ \t]+")


def is_heading(line: str) -> bool:
    """Whether a line is a heading of wiki text (``== Section ==``) or Markdown (``## Section``)."""
    return bool(_WIKI_HEADING.match(line.strip()) or _MARKDOWN_HEADING.match(line))


def is_content_section(title: str) -> bool:
    """Whether passages under a section titled ``title`` are content, not "References", "See also" and the like."""
    return title.strip().lower() not in NON_CONTENT_SECTIONS


class ArticleError(ValueError):
    """The input cannot be read as an article; the message says why, for the user."""


@dataclass(frozen=True)
class Section:
    title: str
    level: int  # 1 = top-level section under the title (``==`` / ``##``)
    anchor: str
    position: int

    @property
    def is_content(self) -> bool:
        return is_content_section(self.title)


@dataclass(frozen=True)
class Passage:
    anchor: str  # stable id, unique in the article, usable as a URL fragment
    section: str  # heading of the section the passage is in ("" for the lead)
    section_anchor: str
    kind: str  # "paragraph" or "list_item"
    text: str
    position: int  # 0-based order in the article
    start: int  # offset of ``text`` in ``ParsedArticle.source``
    end: int


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    slug: str
    format: str
    source: str
    sections: tuple[Section, ...] = field(default_factory=tuple)
    passages: tuple[Passage, ...] = field(default_factory=tuple)
    # Credit and licence shown with the article (a question bank may carry one; text never does).
    attribution: str = ""
    # No heading and no file name: the title is the start of the first paragraph, a stopgap.
    title_guessed: bool = False

    @cached_property
    def passages_by_anchor(self) -> dict[str, Passage]:
        """anchor -> passage, built on first use (a cached property: the dataclass is frozen)."""
        return {p.anchor: p for p in reversed(self.passages)}  # reversed: the first of a repeated anchor wins

    def passage(self, anchor: str) -> Passage:
        """The passage with this anchor, or KeyError."""
        return self.passages_by_anchor[anchor]

    @property
    def word_count(self) -> int:
        return sum(len(p.text.split()) for p in self.passages)


def slugify(text: str, fallback: str = "article") -> str:
    """ASCII, lower-case, hyphen-separated; ``fallback`` when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].strip("-") or fallback


def decode_article(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Bytes to text with newlines normalised, or ArticleError saying what is wrong."""
    if len(data) > max_bytes:
        raise ArticleError(
            f"The file is too large ({len(data) / 1_048_576:.1f} MB); the limit is {max_bytes / 1_048_576:.1f} MB."
        )
    if not data.strip():
        raise ArticleError("The file is empty.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    if b"\x00" in data and encoding != "utf-16":
        raise ArticleError("The file looks like binary data, not text. Upload a .txt or .md article.")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"The file is not valid UTF-8 text (byte {exc.start} cannot be read). Save it as UTF-8 and try again."
        ) from None
    return _check_text(text, max_bytes)


def _check_text(text: str, max_bytes: int) -> str:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")  # a pasted byte-order mark
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise ArticleError(f"The text is too large; the limit is {max_bytes / 1_048_576:.1f} MB.")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\t")
    if "\x00" in text or controls > max(8, len(text) // 100):
        raise ArticleError("The file looks like binary data, not text. Upload a .txt or .md article.")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise ArticleError("The text contains invalid characters (unpaired surrogates).")
    if not text.strip():
        raise ArticleError("The file is empty.")
    return text


def detect_format(text: str, filename: str | None = None) -> str:
    """wiki: a ``= Title =`` first, ``== Section ==`` headings or wiki markup (a Wikipedia edit box);
    markdown: ``#`` or underlined headings, or Markdown markup; otherwise a ``.wiki``/``.md`` file name decides."""
    lines = text.split("\n")
    for line in lines:
        if not line.strip():
            continue
        if _WIKI_HEADING.match(line.strip()):
            return "wiki"
        break
    if any(_WIKI_SECTION.match(line) for line in lines):
        return "wiki"
    if any(_MARKDOWN_HEADING.match(line) for line in lines):
        return "markdown"
    if _WIKI_MARKUP.search(text):
        return "wiki"
    if _MARKDOWN_MARKUP.search(text) or has_setext_heading(text):
        return "markdown"
    suffix = (filename or "").lower().rsplit(".", 1)[-1] if "." in (filename or "") else ""
    return {"wiki": "wiki", "mediawiki": "wiki", "md": "markdown", "markdown": "markdown"}.get(suffix, "plain")


def parse_article(
    source: bytes | str,
    *,
    filename: str | None = None,
    fmt: str | None = None,
    title: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParsedArticle:
    """Parse bytes or text into a ParsedArticle; raise ArticleError for unusable input.

    ``fmt`` forces "wiki", "markdown" or "plain"; by default it is detected.
    ``filename`` supplies a title for plain text that has none; ``title`` (typed by the teacher)
    wins over any, and a short first line the text opens with is still read as its title, not text.
    """
    if isinstance(source, bytes):
        text = decode_article(source, max_bytes)
    else:
        text = _check_text(source, max_bytes)
    fmt = fmt or detect_format(text, filename)
    if fmt not in ("wiki", "markdown", "plain"):
        raise ArticleError(f"Unknown article format {fmt!r}.")
    literal_lines: frozenset[int] = frozenset()
    if fmt == "wiki":
        text = wikitext_to_text(text)
    elif fmt == "markdown":
        text, literal_lines = markdown_to_text_and_literal_lines(text)
    else:
        text = plain_to_text(text)
    article = _Builder(text, fmt, filename, literal_lines).build()
    if title and title.strip():
        named = " ".join(title.split())
        article = replace(article, title=named, slug=slugify(named), title_guessed=False)
    return article


_PLAIN_HEADING_MAX_WORDS = 10


def _plain_headings(lines: list[str]) -> set[int]:
    """Lines of plain text that are headings: short, alone between blank lines, starting with a
    capital or a digit, not ending as a sentence or clause does, and followed later by text."""
    found: set[int] = set()
    last_text = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    for number, line in enumerate(lines):
        words = line.split()
        if not words or len(words) > _PLAIN_HEADING_MAX_WORDS or len(line) > 100 or number >= last_text:
            continue
        alone = (number == 0 or not lines[number - 1].strip()) and not lines[number + 1].strip()
        first, last = words[0][0], words[-1].rstrip("\"'”’»")[-1:]
        if alone and (first.isupper() or first.isdigit()) and last not in ".!?,;:…-–—" and last:
            found.add(number)
    return found


class _Builder:
    """One pass over the lines, collecting headings and passages with their offsets."""

    def __init__(self, text: str, fmt: str, filename: str | None, literal_lines: frozenset[int] = frozenset()) -> None:
        self.text = text
        self.fmt = fmt
        self.filename = filename
        self.literal_lines = literal_lines  # lines that only look like headings or list items
        self.title: str | None = None
        self.sections: list[Section] = []
        self.passages: list[Passage] = []
        self.section_title = ""
        self.section_anchor = "intro"
        self.used_anchors: set[str] = {"intro"}
        self.next_suffix: dict[str, int] = {}
        self.count_in_section = 0
        self.block: list[tuple[int, int]] = []  # (start, end) offsets of a paragraph's lines

    def build(self) -> ParsedArticle:
        offset = 0
        lines = self.text.split("\n")
        plain_headings: set[int] = set()
        if self.fmt == "plain":
            self._take_plain_title(lines)
            plain_headings = _plain_headings(lines)
        elif self.fmt == "markdown" and not any(line.startswith("# ") for line in lines):
            self._take_plain_title(lines)  # "Marie Curie" on its own over "## Early life" sections
        for number, line in enumerate(lines):
            start, end = offset, offset + len(line)
            offset = end + 1
            literal = number in self.literal_lines
            heading = (2, line.strip()) if number in plain_headings else None if literal else self._heading(line)
            if heading is not None:
                self._flush()
                self._heading_found(*heading)
                continue
            if not line.strip():
                self._flush()
                continue
            if not literal and self._is_bullet(line):
                self._flush()
                marker = (_WIKI_BULLET if self.fmt == "wiki" else _MARKDOWN_BULLET).match(line)
                assert marker is not None
                self._add_passage(start + marker.end(), end, "list_item")
                continue
            self.block.append((start, end))
        self._flush()
        if not self.passages:
            raise ArticleError("The article has no text: no paragraphs were found under its headings.")
        title = self.title or self._title_from_filename()
        guessed = title is None
        title = " ".join((title or self.passages[0].text[:60]).split())
        return ParsedArticle(
            title=title,
            slug=slugify(title),
            format=self.fmt,
            source=self.text,
            sections=tuple(self.sections),
            passages=tuple(self.passages),
            title_guessed=guessed,
        )

    def _heading(self, line: str) -> tuple[int, str] | None:
        if self.fmt == "wiki":
            match = _WIKI_HEADING.match(line.strip())
        elif self.fmt == "markdown":
            match = _MARKDOWN_HEADING.match(line)
        else:
            return None
        if not match:
            return None
        return len(match.group(1)), match.group(2).strip()

    def _is_bullet(self, line: str) -> bool:
        if self.fmt == "wiki":
            return bool(_WIKI_BULLET.match(line))
        if self.fmt == "markdown":
            return bool(_MARKDOWN_BULLET.match(line)) and bool(_MARKDOWN_BULLET.sub("", line, count=1).strip())
        return False

    def _take_plain_title(self, lines: list[str]) -> None:
        """A plain-text title is a first short line standing alone before a blank line."""
        non_blank = [i for i, line in enumerate(lines) if line.strip()]
        if len(non_blank) < 2:
            return
        first = non_blank[0]
        candidate = lines[first].strip()
        if self._heading(lines[first]) is not None or self._is_bullet(lines[first]):
            return
        followed_by_blank = first + 1 < len(lines) and not lines[first + 1].strip()
        if followed_by_blank and len(candidate) <= 120 and not candidate.endswith((".", ",", ";", ":")):
            self.title = candidate
            lines[first] = " " * len(lines[first])  # keeps offsets; the blank line is skipped

    def _heading_found(self, level: int, title: str) -> None:
        if level == 1 and self.title is None and not self.passages and not self.sections:
            self.title = title
            return
        self.section_title = title
        self.section_anchor = self._unique_anchor(slugify(title, "section"))
        self.count_in_section = 0
        # "== Section ==" and "## Section" are level 1 under the title.
        depth = max(1, level - 1)
        self.sections.append(Section(title, depth, self.section_anchor, len(self.sections)))

    def _flush(self) -> None:
        if self.block:
            self._add_passage(self.block[0][0], self.block[-1][1], "paragraph")
            self.block = []

    def _add_passage(self, start: int, end: int, kind: str) -> None:
        raw = self.text[start:end]
        stripped_left = len(raw) - len(raw.lstrip())
        start += stripped_left
        end = start + len(raw.strip())
        if end <= start:
            return
        self.count_in_section += 1
        anchor = self._unique_anchor(f"{self.section_anchor}-{self.count_in_section}")
        self.passages.append(
            Passage(
                anchor=anchor,
                section=self.section_title,
                section_anchor=self.section_anchor,
                kind=kind,
                text=self.text[start:end],
                position=len(self.passages),
                start=start,
                end=end,
            )
        )

    def _unique_anchor(self, anchor: str) -> str:
        """``anchor``, or ``anchor-2``, ``anchor-3`` ...: the first one not used yet. The suffix to try
        next is kept per anchor, so a thousand headings of one name cost no more than a thousand."""
        candidate, n = anchor, self.next_suffix.get(anchor, 2)
        while candidate in self.used_anchors:
            candidate = f"{anchor}-{n}"
            n += 1
        self.next_suffix[anchor] = n
        self.used_anchors.add(candidate)
        return candidate

    def _title_from_filename(self) -> str | None:
        if not self.filename:
            return None
        stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", self.filename.replace("\\", "/").rsplit("/", 1)[-1])
        words = re.sub(r"[-_]+", " ", stem).strip()
        return words[:1].upper() + words[1:] if words else None
