"""Reduce HTML pasted from a web page to article text in the Markdown format the parser reads.

Only text survives: tags become structure (headings, paragraphs, list items), scripts,
styles and every attribute are dropped. The result is plain text, escaped on output like
any other article, so nothing of the original markup can reach a page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
_BLOCKS = {"p", "div", "section", "article", "blockquote", "pre", "table", "tr", "br", "ul", "ol", "dl", "figure"}
_CELLS = {"td", "th", "dt", "dd"}
# Wikipedia's "[edit]" links and "[1]"-style citation markers are page furniture, not article text.
_FURNITURE = re.compile(r"\[(?:edit|\d{1,3}|[a-z]|citation needed|note \d{1,3})\]", re.I)
_FURNITURE_CLASSES = ("mw-editsection", "reference", "noprint", "navbox", "infobox", "metadata")
_SKIPPED = {"script", "style", "noscript", "template", "head", "nav", "footer", "svg", "math", "iframe", "object"}
_HTML_HINT = re.compile(r"<\s*(p|div|h[1-6]|ul|ol|li|br|span|a|b|i|em|strong|table|section|article|html|body)\b", re.I)


def looks_like_html(text: str) -> bool:
    return len(_HTML_HINT.findall(text[:20000])) >= 2


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.prefix = ""
        self.skip_stack: list[str] = []  # open elements inside a skipped one (script, edit link, reference...)

    def flush(self) -> None:
        text = " ".join(_FURNITURE.sub("", "".join(self.current)).split())
        if text:
            self.blocks.append(self.prefix + text)
        self.current = []
        self.prefix = ""

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.skip_stack:
            if tag not in _VOID:
                self.skip_stack.append(tag)
            return
        classes = dict(attrs).get("class") or ""
        if tag in _SKIPPED or any(name in classes for name in _FURNITURE_CLASSES):
            if tag not in _VOID:
                self.skip_stack.append(tag)
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
            if tag in self.skip_stack:
                while self.skip_stack.pop() != tag:
                    pass
            return
        if tag in _HEADINGS or tag == "li" or tag in _BLOCKS:
            self.flush()
        elif tag in _CELLS:
            self.current.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip_stack:
            self.current.append(data)


def html_to_text(html: str) -> str:
    """Markdown-shaped text: ``#`` headings, paragraphs separated by blank lines, ``- `` items."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    extractor.flush()
    lines: list[str] = []
    for block in extractor.blocks:
        is_item = block.startswith("- ")
        if lines and not (is_item and lines[-1].startswith("- ")):
            lines.append("")
        lines.append(block)
    return "\n".join(lines) + "\n"
