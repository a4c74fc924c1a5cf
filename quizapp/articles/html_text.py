"""Reduce HTML pasted from a web page to article text in the Markdown format the parser reads.

Only text survives: tags become structure (headings, paragraphs, list items), scripts,
styles and every attribute are dropped. The result is plain text, escaped on output like
any other article, so nothing of the original markup can reach a page.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

from .parser import ArticleError

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
_BLOCKS = {"p", "div", "section", "article", "blockquote", "pre", "table", "tr", "br", "ul", "ol", "dl", "figure"}
_CELLS = {"td", "th", "dt", "dd"}
# Wikipedia's "[edit]" links and "[1]"-style citation markers are page furniture, not article text.
_FURNITURE = re.compile(r"\[(?:edit|\d{1,3}|[a-z]|citation needed|note \d{1,3})\]", re.I)
# Whole class names (a class attribute's words), so that "references-intro" or "reference-text" is kept.
_FURNITURE_CLASSES = frozenset({"mw-editsection", "reference", "noprint", "navbox", "infobox", "metadata"})
_SKIPPED = {"script", "style", "noscript", "template", "head", "nav", "footer", "svg", "math", "iframe", "object"}
# Inside <svg> or <math> these HTML tags end the drawing or formula, as HTML5 parsers do, so a
# drawing left unclosed does not swallow the article after it.
_FOREIGN = {"svg", "math"}
_BREAKS_OUT_OF_FOREIGN = {
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta",
    "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table",
    "tt", "u", "ul", "var",
}
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


def looks_like_html(text: str) -> bool:
    """Whether pasted text is markup: a block tag opening a line, or two opening tags anywhere."""
    head = text[:20000]
    return bool(_BLOCK_TAG_AT_LINE_START.search(head)) or len(_HTML_HINT.findall(head)) >= 2


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# The marked sections html.parser knows (SGML's and Microsoft Office's <![if ...]>); on any other
# "<![" (or "<![" not followed by a name) it raises AssertionError.
_MARKED_SECTION_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*")
_MARKED_SECTIONS = {"temp", "cdata", "ignore", "include", "rcdata", "if", "else", "endif"}


class _TextExtractor(HTMLParser):
    """Text and structure of a page, from any input: hostile HTML is read, never raised on.

    Two things the standard parser of Python 3.11 does differently on broken markup are changed
    here. An unknown marked section ("<![foo[") raises AssertionError there; here it is a bogus
    comment up to the next ">", as in HTML5. And a tag, comment or declaration left open at the
    end of the input is there turned into text only as far as the next "<" or ">", the rest of
    the input scanned again from there, and again (quadratic: minutes for 100 kB of "<a <a <a");
    here, as in HTML5 and in later CPython releases, it takes the rest of the input, which is dropped.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.prefix = ""
        self.skip_stack: list[str] = []  # open elements inside a skipped one (script, edit link, reference...)
        self.skip_open: Counter[str] = Counter()  # the same, counted by tag: a closing tag is looked up at once
        self.skipped_characters = 0  # text left out since the outermost skipped element opened
        self.kept_characters = 0
        self.at_end = False

    def close(self) -> None:
        self.at_end = True
        super().close()

    def _rest_at_end(self, end: int) -> int:
        """Where a construct ends; one unterminated at the end of the input (-1) takes the rest of it."""
        return len(self.rawdata) if end < 0 and self.at_end else end

    def parse_starttag(self, i: int) -> int:
        return self._rest_at_end(super().parse_starttag(i))

    def parse_endtag(self, i: int) -> int:
        return self._rest_at_end(super().parse_endtag(i))

    def parse_comment(self, i: int, report: int = 1) -> int:
        return self._rest_at_end(super().parse_comment(i, report))

    def parse_pi(self, i: int) -> int:
        return self._rest_at_end(super().parse_pi(i))

    def parse_html_declaration(self, i: int) -> int:
        return self._rest_at_end(super().parse_html_declaration(i))

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        name = _MARKED_SECTION_NAME.match(self.rawdata, i + 3)
        if name and name.group().lower() in _MARKED_SECTIONS:
            return super().parse_marked_section(i, report)
        return self.parse_bogus_comment(i, report)

    def flush(self) -> None:
        text = " ".join(_FURNITURE.sub("", "".join(self.current)).split())
        if text:
            self.blocks.append(self.prefix + text)
        self.current = []
        self.prefix = ""

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.skip_stack and tag in _BREAKS_OUT_OF_FOREIGN and self.skip_stack[0] in _FOREIGN:
            self._unskip()
        if self.skip_stack:
            if tag not in _VOID:
                self._skip(tag)
            return
        classes = (dict(attrs).get("class") or "").split()
        if tag in _SKIPPED or not _FURNITURE_CLASSES.isdisjoint(classes):
            if tag not in _VOID:
                self._skip(tag)
        elif tag in _HEADINGS:
            self.flush()
            self.prefix = "#" * _HEADINGS[tag] + " "
        elif tag == "li":
            self.flush()
            self.prefix = "- "
        elif tag in _BLOCKS:
            self.flush()
        elif tag in _CELLS:
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skip_stack:
            if self.skip_open[tag]:
                while (opened := self.skip_stack.pop()) != tag:
                    self.skip_open[opened] -= 1
                self.skip_open[tag] -= 1
                if not self.skip_stack:
                    self.skipped_characters = 0
            return
        if tag in _HEADINGS or tag == "li" or tag in _BLOCKS:
            self.flush()
        elif tag in _CELLS:
            self.current.append(" ")

    def _skip(self, tag: str) -> None:
        self.skip_stack.append(tag)
        self.skip_open[tag] += 1

    def _unskip(self) -> None:
        self.skip_stack.clear()
        self.skip_open.clear()
        self.skipped_characters = 0

    def handle_data(self, data: str) -> None:
        if self.skip_stack:
            self.skipped_characters += len(data.strip())
        else:
            self.current.append(data)
            self.kept_characters += len(data.strip())

    def unclosed_element_swallowing_the_rest(self) -> str | None:
        """The skipped element still open at the end, when it hid more text than was kept: then
        the paste most likely lost its article to a missing closing tag."""
        if self.skip_stack and self.skipped_characters > max(self.kept_characters, 200):
            return self.skip_stack[0]
        return None


def html_to_text(html: str) -> str:
    """Markdown-shaped text: ``#`` headings, paragraphs separated by blank lines, ``- `` items.

    Any input is reduced; should the standard parser still raise on some markup (its own
    AssertionError), that is an ArticleError saying so, not a crash.
    """
    extractor = _TextExtractor()
    try:
        extractor.feed(html)
        extractor.close()
    except AssertionError as error:
        raise ArticleError(f"The pasted HTML could not be read ({error}). Paste it as plain text instead.") from None
    unclosed = extractor.unclosed_element_swallowing_the_rest()
    if unclosed:
        raise ArticleError(
            f"The pasted HTML opens a <{unclosed}> element that is never closed, so most of the text after it "
            f"would be left out. Close the <{unclosed}> element, or paste the article as plain text."
        )
    extractor.flush()
    lines: list[str] = []
    for block in extractor.blocks:
        is_item = block.startswith("- ")
        if lines and not (is_item and lines[-1].startswith("- ")):
            lines.append("")
        lines.append(block)
    return "\n".join(lines) + "\n"
