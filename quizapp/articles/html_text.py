"""Reduce HTML pasted from a web page to article text in the Markdown format the parser reads.

Only text survives: tags become structure (headings, paragraphs, list items), scripts,
styles and every attribute are dropped. The result is plain text, escaped on output like
any other article, so nothing of the original markup can reach a page.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from .markup import FOOTNOTE_MARK
from .parser import ArticleError, is_heading

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
_BLOCKS = {"p", "div", "section", "article", "blockquote", "pre", "table", "tr", "ul", "ol", "dl", "figure"}
_CELLS = {"td", "th"}
# Wikipedia's "[edit]" links and "[1]"-style citation markers are page furniture, not article text.
_FURNITURE = re.compile(FOOTNOTE_MARK, re.I)
# Whole class names (a class attribute's words), so that "references-intro" or "reference-text" is kept.
_FURNITURE_CLASSES = frozenset({"mw-editsection", "reference", "noprint", "navbox", "infobox", "metadata"})
_SKIPPED = {"script", "style", "noscript", "template", "head", "nav", "footer", "svg", "math", "iframe", "object", "title"}
# A complete opening tag ("<b>", "<a href=...>"); "<b is" or "x<y" are not tags.
_HTML_HINT = re.compile(
    r"<(?:p|div|h[1-6]|ul|ol|li|br|span|a|b|i|em|strong|table|section|article|html|body)(?:\s[^<>]*)?/?>", re.I
)
# One complete opening tag of a block element (or a doctype) at the start of a line is markup:
# "<p>x</p>" is HTML, while "3 < 4" or "the <p> tag" inside a sentence stays text.
_BLOCK_TAG_AT_LINE_START = re.compile(
    r"^[ \t]*(?:<!doctype\s+html\b|<(?:p|div|h[1-6]|article|section|main|body|html|ul|ol|table|blockquote|pre)"
    r"(?:\s[^<>]*)?/?>)",
    re.I | re.M,
)


# Text with headings of its own (Markdown "# Section", wiki "== Section ==") or wiki [[links]] and
# {{templates}} is read in its own format, whose readers drop the inline tags it carries (<br> in an
# infobox, <ref>, <b>). Read as HTML it would lose its headings and paragraphs.
_WIKI_LINK_OR_TEMPLATE = re.compile(r"\[\[[^\[\]\n]+\]\]|\{\{[^{}\n]+\}\}")
# What a page's markup has and such text does not: a doctype, <html>/<body>, paragraphs in <p>.
_HTML_DOCUMENT = re.compile(r"<!doctype\s+html\b|<(?:html|body|p)(?:\s[^<>]*)?>", re.I)


def looks_like_html(text: str) -> bool:
    """Whether pasted text is markup: a block tag opening a line, or two opening tags anywhere,
    unless it is Markdown or wiki text with a few tags (two marks of its format, nothing only a page has)."""
    head = text[:20000]
    if not (_BLOCK_TAG_AT_LINE_START.search(head) or len(_HTML_HINT.findall(head)) >= 2):
        return False
    if _HTML_DOCUMENT.search(head):
        return True
    marks = sum(map(is_heading, head.split("\n"))) + len(_WIKI_LINK_OR_TEMPLATE.findall(head))
    return marks < 2

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements whose end tag may be left out: the next one of their kind closes them, so they do not nest.
_OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "tbody", "thead", "tfoot",
                 "colgroup", "rp", "rt", "html", "head", "body", "a"}
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^<>]*?(/?)>")
# HTML5 parsing, as browsers and Lexbor do it, costs time growing with the square of the nesting
# depth: 40,000 nested <div> take 2 s, a 2 MB paste of them minutes. No page nests 2,000 deep
# (Wikipedia's stay under 40), so deeper input is refused before it is parsed.
MAX_NESTING = 2000


def _nesting_depth(html: str) -> int:
    """The deepest nesting of elements the tags of ``html`` open, counted in one linear scan."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(html):
        name = name.lower()
        if name in _VOID or name in _OPTIONAL_END or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


class _Reading:
    """The blocks of text read so far, and what was left out (to tell a paste that lost its article)."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.prefix = ""
        self.kept_characters = 0
        self.after_break = False  # only whitespace since the last <br>
        self.last_skipped: tuple[str, int] | None = None  # (tag, characters) of the latest skipped element
        self.paragraphs = 0  # <p> elements opened so far
        self.open_tables: list[tuple[int, int]] = []  # (blocks, paragraphs) when each open <table> began
        self.in_term = False  # inside a <dt>, whose <dd> goes on the same line

    def flush(self) -> None:
        text = " ".join(_FURNITURE.sub("", "".join(self.current)).split())
        if text:
            self.blocks.append(self.prefix + _escape_markdown(text))
        self.current = []
        self.prefix = ""
        self.in_term = False

    def start(self, tag: str) -> None:
        if tag == "p":
            self.paragraphs += 1
        if tag == "table":
            self.flush()
            self.open_tables.append((len(self.blocks), self.paragraphs))
        elif tag == "dt":
            self.flush()
            self.prefix, self.in_term = "- ", True
        elif tag == "dd":
            if not self.in_term:
                self.flush()
            self.in_term = False
        elif tag in _HEADINGS:
            self.flush()
            self.prefix = "#" * _HEADINGS[tag] + " "
        elif tag == "li":
            self.flush()
            self.prefix = "- "
        elif tag in _BLOCKS:
            self.flush()
        elif tag == "br":
            # A line break inside a paragraph ("landed in 1997,<br>2004 and 2012"); two in a row are
            # how older pages separate paragraphs.
            if self.after_break:
                self.flush()
            else:
                self.current.append(" ")
            self.after_break = True
        elif tag in _CELLS:
            self.current.append(" ")

    def end(self, tag: str) -> None:
        if tag == "dt":
            # "- Ohm: the unit of resistance", the term and its definition on one line
            self.current.append(" " if "".join(self.current).rstrip().endswith(":") else ": ")
        elif tag == "table":
            self.flush()
            blocks, paragraphs = self.open_tables.pop()
            if paragraphs == self.paragraphs:  # rows of figures, not sentences (a layout table holds <p>s)
                del self.blocks[blocks:]
        elif tag in _HEADINGS or tag in ("li", "dd") or tag in _BLOCKS:
            self.flush()
        elif tag in _CELLS:
            self.current.append(" ")

    def text(self, data: str) -> None:
        self.current.append(data)
        characters = len(data.strip())
        self.after_break = self.after_break and not characters
        self.kept_characters += characters
        if characters:
            self.last_skipped = None  # text after it: whatever was skipped did not run to the end


# The text is read as Markdown next: characters Markdown would take as markup are escaped, so that a
# page's literal "2 * 3", "snake_case" or "<b>" (written &lt;b&gt;) reaches the article as shown.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>~|])")
_MARKDOWN_LINE_START = re.compile(r"^(?:([#+\-])|(\d{1,9})([.)]))")


def _escape_markdown(text: str) -> str:
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _MARKDOWN_LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)


def _read(html: str) -> _Reading:
    """Walk the page as a browser builds it (Lexbor, an HTML5 parser: broken markup is repaired the
    way browsers repair it); iterative, so deep nesting cannot exhaust the stack."""
    reading = _Reading()
    root = LexborHTMLParser(html).root
    stack = [(root, False)] if root is not None else []
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            reading.end(tag)
            continue
        if tag == "-text":
            reading.text(node.text_content or "")
            continue
        if not tag or tag.startswith(("-", "!")):  # comments, the doctype, "<?php ... ?>" (no tag at all)
            continue
        classes = (node.attributes.get("class") or "").split() if tag != "html" else ()
        if tag in _SKIPPED or not _FURNITURE_CLASSES.isdisjoint(classes):
            reading.last_skipped = (tag, len(node.text(deep=True, separator=" ").strip()))
            continue
        reading.start(tag)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    return reading


def _unclosed(html: str, tag: str) -> bool:
    """Whether the source opens ``tag`` more often than it closes it."""
    opened = len(re.findall(rf"<{tag}(?![\w-])", html, re.I))
    return opened > len(re.findall(rf"</{tag}\s*>", html, re.I))


def html_to_text(html: str) -> str:
    """Markdown-shaped text: ``#`` headings, paragraphs separated by blank lines, ``- `` items.

    Any input is read, as a browser would read it. A skipped element (navigation, a script) that
    is never closed and hides more text than the rest of the page is an ArticleError naming it:
    the paste most likely lost its article to a missing closing tag.
    """
    if _nesting_depth(html) > MAX_NESTING:
        raise ArticleError(
            f"The pasted HTML nests its elements more than {MAX_NESTING:,} deep, which no web page does. "
            "Paste the article as plain text instead."
        )
    reading = _read(html)
    if reading.last_skipped:
        tag, hidden = reading.last_skipped
        if hidden > max(reading.kept_characters, 200) and _unclosed(html, tag):
            raise ArticleError(
                f"The pasted HTML opens a <{tag}> element that is never closed, so most of the text after it "
                f"would be left out. Close the <{tag}> element, or paste the article as plain text."
            )
    reading.flush()
    lines: list[str] = []
    for block in reading.blocks:
        is_item = block.startswith("- ")
        if lines and not (is_item and lines[-1].startswith("- ")):
            lines.append("")
        lines.append(block)
    return "\n".join(lines) + "\n"
