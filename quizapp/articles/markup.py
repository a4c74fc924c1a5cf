"""Inline markup reduced to the text a reader sees: MediaWiki source and Markdown.

Teachers paste what they have: a Wikipedia edit box (``'''bold'''``, ``[[links]]``,
``<ref>`` citations, ``{{templates}}``) or Markdown (``**bold**``, ``[text](url)``, ``> quotes``).
Questions are made from, and cite, the text a student reads, so the markup goes before the
article is split into passages; headings and list markers are left for the parser.

Text without markup comes back unchanged. Every step is linear in the length of the text:
an article is untrusted input, and unclosed markup must not make it slow.
"""

from __future__ import annotations

import bisect
import html
import re

# ----------------------------------------------------------------------------- MediaWiki

# Templates and links nest a few levels in real articles; deeper "{{" or "[[" are read as text, so
# that each closing copies a bounded amount and hostile nesting stays linear.
MAX_NESTING = 8

_ATTRIBUTES = r"""(?:\s+[a-zA-Z-]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>/]+))*\s*"""  # name=value pairs: not "x<b and c>d"
_WIKI_DROPPED_LINKS = ("file:", "image:", "category:", "media:")
_WIKI_EXTERNAL_LINK = re.compile(r"\[(?:https?:)?//[^\s\[\]]+(?:[ \t]+([^\[\]\n]*))?\]")
_WIKI_EMPHASIS = re.compile(r"('{2,})")
_WIKI_REF_SELF_CLOSING = re.compile(r"<ref\b" + _ATTRIBUTES + "/>", re.IGNORECASE)
_WIKI_REFERENCES_TAG = re.compile(r"<references\b[^<>]*/>", re.IGNORECASE)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_WIKI_INLINE_TAG = re.compile(
    r"</?(?:small|big|sup|sub|span|b|i|u|s|em|strong|abbr|nowiki|div|center|code|blockquote|poem|cite|math|chem|ce|"
    r"syntaxhighlight|source|var|q|kbd|samp|tt|ins|del|mark)\b"
    + _ATTRIBUTES + r"/?>",
    re.IGNORECASE,
)
_WIKI_MAGIC_WORD = re.compile(r"__[A-Z]{3,20}__")
_WIKI_LIST_MARKER = re.compile(r"^[*#]+[ \t]*(?=\S)", re.MULTILINE)
_WIKI_INDENT = re.compile(r"^[:;]+[ \t]*", re.MULTILINE)


def wikitext_to_text(text: str) -> str:
    """MediaWiki source as read on the page: links become their text; refs, templates,
    tables, comments, files and categories go; bold and italic quotes go."""
    if not any(sign in text for sign in ("[[", "{{", "{|", "''", "<", "[http", "[//", "__")):
        return _wiki_lists(text)
    text = _drop_between(text, "<!--", "-->")
    text = _drop_refs(text)
    if "<" in text:
        text = _drop_hidden_blocks(text)
    text = _WIKI_REF_SELF_CLOSING.sub("", text)
    text = _WIKI_REFERENCES_TAG.sub("", text)
    text = _render_templates(text)
    text = _drop_tables(text)
    text = _wiki_links(text)
    text = _WIKI_EXTERNAL_LINK.sub(lambda m: m.group(1) or "", text)
    text = _drop_emphasis(text)
    text = _BREAK_TAG.sub(" ", text)
    text = _WIKI_INLINE_TAG.sub("", text)
    text = _WIKI_MAGIC_WORD.sub("", text)
    if "&" in text:
        text = html.unescape(text)  # &nbsp; &ndash; as the page shows them
    return _wiki_lists(text)


def _drop_emphasis(text: str) -> str:
    """Bold and italic quotes go, the apostrophes among them stay: ``''Beagle'''s`` is "Beagle's"
    and ``'''Origin''''s`` is "Origin's", as MediaWiki reads them (its doQuotes, line by line)."""
    if "''" not in text:
        return text
    return "\n".join(_line_without_emphasis(line) if "''" in line else line for line in text.split("\n"))


def _line_without_emphasis(line: str) -> str:
    pieces = _WIKI_EMPHASIS.split(line)  # text, quotes, text, quotes, ..., text
    runs = pieces[1::2]
    for i, run in enumerate(runs):
        if len(run) == 4:
            pieces[2 * i] += "'"  # an apostrophe, then bold
            runs[i] = "'''"
        elif len(run) > 5:
            pieces[2 * i] += run[:-5]
            runs[i] = "'''''"
    italics = sum(len(run) in (2, 5) for run in runs)
    bolds = sum(len(run) in (3, 5) for run in runs)
    bold = [i for i, run in enumerate(runs) if len(run) == 3]
    if italics % 2 and bolds % 2 and bold:  # with only ''''' runs there is no bold to reread
        # One bold is an apostrophe and an italic: after a one-letter word ("l'''"), else after a word.
        after_letter = [i for i in bold if pieces[2 * i][-1:].isalnum()]
        one_letter = [i for i in after_letter if not pieces[2 * i][-2:-1].isalnum()]
        pieces[2 * (one_letter or after_letter or bold)[0]] += "'"
    return "".join(pieces[0::2])


def _wiki_lists(text: str) -> str:
    """``** item`` and ``# item`` become the parser's ``- item``; ``:`` indents and ``;`` terms lose their marks."""
    if "*" in text or "#" in text:
        text = _WIKI_LIST_MARKER.sub("- ", text)
    if ":" in text or ";" in text:
        text = _WIKI_INDENT.sub("", text)
    return text


def _drop_between(text: str, opening: str, closing: str) -> str:
    """Remove every ``opening … closing`` span; an unclosed one runs to the end."""
    out, i = [], 0
    while (start := text.find(opening, i)) != -1:
        out.append(text[i:start])
        end = text.find(closing, start + len(opening))
        i = len(text) if end == -1 else end + len(closing)
    out.append(text[i:])
    return "".join(out)


_REF_OPEN = re.compile(r"<ref\b" + _ATTRIBUTES + ">", re.IGNORECASE)  # <ref name="a/b"> too
_REF_CLOSE = re.compile(r"</ref\s*>", re.IGNORECASE)
# Image galleries, timelines and maps: file names and captions, not the article's prose.
_HIDDEN_OPEN = re.compile(r"<(gallery|timeline|imagemap|graph|mapframe)\b[^<>]*>", re.IGNORECASE)
_HIDDEN_CLOSE = {
    name: re.compile(rf"</{name}\b[^<>]*>", re.IGNORECASE) for name in ("gallery", "timeline", "imagemap", "graph", "mapframe")
}


def _drop_refs(text: str) -> str:
    """``<ref>…</ref>`` citations: not part of the sentence they follow."""
    if "<ref" not in text.lower():
        return text
    return _drop_elements(text, _REF_OPEN, lambda _opening: _REF_CLOSE)


def _drop_hidden_blocks(text: str) -> str:
    return _drop_elements(text, _HIDDEN_OPEN, lambda opening: _HIDDEN_CLOSE[opening.group(1).lower()])


def _drop_elements(text: str, opening: re.Pattern, closing_of) -> str:
    """Remove each element from an ``opening`` to its ``closing_of(opening)``. An unclosed one is left
    as it stands, and so is all after it: a paste of openings costs one failed search, not one each."""
    out, i = [], 0
    while (start := opening.search(text, i)) is not None:
        end = closing_of(start).search(text, start.end())
        if end is None:
            break
        out.append(text[i : start.start()])
        i = end.end()
    out.append(text[i:])
    return "".join(out)


_DATE_TEMPLATES = frozenset(
    "birth date|death date|start date|end date|birth date and age|death date and age|start date and age|"
    "end date and age|birth-date|death-date|dob|film date|release date".split("|")
)
_MONTH_NAMES = ("January February March April May June July August September October November December").split()


def _date_text(positional: list[str], named: dict[str, str]) -> str:
    """``{{birth date|1809|2|12}}``: "February 12, 1809" ("12 February 1809" with df=y); the age goes."""
    year, month, day = (positional + ["", "", ""])[:3]
    if not year.isdigit():
        return " ".join(positional[:3])
    if not (month.isdigit() and 1 <= int(month) <= 12):
        return year
    name = _MONTH_NAMES[int(month) - 1]
    if not day.isdigit():
        return f"{name} {year}"
    if named.get("df", "").lower() in ("y", "yes"):
        return f"{int(day)} {name} {year}"
    return f"{name} {int(day)}, {year}"


# The pipe inside a link ("[[Tupi people|inhabitants]]") belongs to the link, not to the template around it.
_LINK = re.compile(r"\[\[[^\]]*\]\]")


# {{convert}}'s unit codes that are not what the page shows: "e6carat" is "million carats",
# "koilbbl/d" "thousand barrels of oil per day"; plain units ("km", "ft") are shown as written.
_UNIT_SCALES = {"e3": "thousand", "e6": "million", "e9": "billion", "e12": "trillion", "k": "thousand"}
_UNIT_NAMES = {"carat": "carats", "t": "tonnes", "oilbbl": "barrels of oil", "bbl": "barrels", "cuft": "cubic feet", "USgal": "US gallons"}
_UNIT_CODE = re.compile(r"(e3|e6|e9|e12|k(?=oilbbl|bbl))?(carat|t|oilbbl|bbl|cuft|USgal)(/d)?")


def _unit_text(code: str) -> str:
    match = _UNIT_CODE.fullmatch(code)
    if match is None:
        return code
    scale, unit, per_day = match.groups()
    words = [_UNIT_SCALES[scale]] if scale else []
    words.append(_UNIT_NAMES[unit])
    if per_day:
        words.append("per day")
    return " ".join(words)


def _template_text(inner: str) -> str:
    """What a template shows on the page, for the few that carry words or facts; others show nothing."""
    shielded = _LINK.sub(lambda link: link.group().replace("|", "\x00"), inner)
    name, *params = (part.strip() for part in shielded.split("|"))
    params = [part.replace("\x00", "|") for part in params]
    positional = [p for p in params if "=" not in p]
    named = {k.strip().lower(): v.strip() for k, v in (p.split("=", 1) for p in params if "=" in p)}
    key = name.lower().replace("_", " ")
    if key in _DATE_TEMPLATES:
        return _date_text(positional, named)
    if key == "as of" and positional:
        return ("as of " if named.get("lc") else "As of ") + _date_text(positional, {"df": "y"})
    if key.startswith("formatnum:"):
        return name.split(":", 1)[1].strip()
    if key in ("abbr", "val", "ill", "interlanguage link") and positional:
        return positional[0]  # the abbreviation, the value, the person's English name
    if key == "frac" and positional:
        *whole, top, bottom = ["1"] + positional if len(positional) == 1 else positional[-3:]
        return " ".join(whole + [f"{top}/{bottom}"])
    if key in ("ship", "sclass") and len(positional) >= 2:
        return f"{positional[0]} {positional[1]}"
    if key in ("quote", "blockquote", "cquote", "quotation", "quote box"):
        # The page shows the quotation, then "— its author" when the template names one.
        words = named.get("text") or named.get("quote") or (positional[0] if positional else "")
        author = named.get("author") or named.get("sign") or (positional[1] if len(positional) > 1 else "")
        return f"{words} — {author}" if words and author else words
    if key in ("nbsp", "spaces", "sp"):
        return " "
    if key in ("convert", "cvt") and len(positional) >= 2:
        if len(positional) >= 4 and positional[1] in ("-", "to", "and", "or", "–"):
            return f"{positional[0]}–{positional[2]} {_unit_text(positional[3])}"
        return f"{positional[0]} {_unit_text(positional[1])}"
    if key in ("nowrap", "nobr", "small", "lang") or key.startswith("lang-"):
        return positional[-1] if positional else ""
    if key in ("circa", "c."):
        return f"c. {positional[0]}" if positional else "c."
    if key in _DASHES:
        return _DASHES[key]
    return ""


# The dash templates and their redirects: "2009{{endash}}2014" is "2009–2014" on the page.
_DASHES = {
    **dict.fromkeys(("ndash", "endash", "en dash", "–"), "–"),
    **dict.fromkeys(("snd", "spaced ndash", "spaced en dash", "spnd", "sndash"), " – "),
    **dict.fromkeys(("mdash", "emdash", "em dash", "—"), "—"),
    **dict.fromkeys(("spaced mdash", "spaced em dash", "smd"), " — "),
}


def _replace_nested(text: str, opening: str, closing: str, replace) -> str:
    """Each ``opening … closing`` span, innermost first, becomes ``replace(inside)``; one pass.

    An unclosed span stays as written. Deeper than MAX_NESTING, an opening is read as text.
    """
    if opening not in text:
        return text
    out: list[str] = []
    stack: list[list[str]] = []  # the text inside each open span
    i, n, plain_from, width = 0, len(text), 0, len(opening)

    def emit(piece: str) -> None:
        (stack[-1] if stack else out).append(piece)

    while i < n:
        if text.startswith(opening, i) and len(stack) < MAX_NESTING:
            emit(text[plain_from:i])
            stack.append([])
            i = plain_from = i + width
        elif stack and text.startswith(closing, i):
            emit(text[plain_from:i])
            emit(replace("".join(stack.pop())))
            i = plain_from = i + len(closing)
        else:
            i += 1
    emit(text[plain_from:])
    while stack:
        inner = "".join(stack.pop())
        emit(opening + inner)
    return "".join(out)


def _render_templates(text: str) -> str:
    """``{{ … }}`` templates: a few become their words (``{{convert|300|m}}`` is "300 m"), the rest
    (citations, infoboxes, navigation) disappear."""
    return _replace_nested(text, "{{", "}}", _template_text)


def _drop_tables(text: str) -> str:
    return _replace_nested(text, "{|", "|}", lambda _inside: "")


def _link_text(inside: str) -> str:
    """``Target|text`` → text, ``Target`` → Target; files and categories go."""
    target, _, label = inside.partition("|")
    if target.strip().lower().startswith(_WIKI_DROPPED_LINKS):
        return ""
    return (label.rsplit("|", 1)[-1] if label else target).strip()


def _wiki_links(text: str) -> str:
    return _replace_nested(text, "[[", "]]", _link_text)


# ----------------------------------------------------------------------------- Markdown
#
# Hand-written rather than markdown-it-py, measured on 2026-12-04: markdown-it-py read the same
# articles, but took 3.1 s for 200 KB of unclosed "![" and 2.0 s for 200 KB of "[[" (about 15 us
# per character of such input, where a 5 MB paste is allowed), against under 0.2 s here for any of
# the hostile inputs in tests/test_parser.py. What it did better (nested emphasis, emphasis over a
# line break, setext headings, fenced code) is done here too.

# Inner classes leave out the brackets that open another link, so unclosed ones fail fast.
_MD_TARGET = r"\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+\"[^\"\n]*\")?\)"  # an address may hold (one level of) parentheses
_MD_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]" + _MD_TARGET)
_MD_LINK = re.compile(r"\[([^\[\]\n]+)\]" + _MD_TARGET)
_MD_REFERENCE_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_MD_LINK_DEFINITION = re.compile(  # "[1]: https://…" and the like; "[1]: Smith, J. (1999)" is text
    r"""^[ ]{0,3}\[[^\]\n]+\]:[ \t]+<?(?:https?://|www\.|/|#)[^\s>]*>?(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$""",
    re.MULTILINE,
)
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
# Emphasis may run over a line break within its paragraph (not over a blank line). Italic goes
# before bold, so that "**a *b* c**" loses both pairs.
_NO_BLANK_LINE = r"(?:[^{0}\n]|\n(?![ \t]*\n))"
_MD_BOLD = re.compile(
    r"\*\*(?=\S)(" + _NO_BLANK_LINE.format("*") + r"+?)(?<=\S)\*\*|(?<!\w)__(?=\S)(" + _NO_BLANK_LINE.format("_") + r"+?)(?<=\S)__(?!\w)"
)
_MD_ITALIC = re.compile(
    r"(?<![*\w])\*(?=[^\s*])(" + _NO_BLANK_LINE.format("*") + r"+?)(?<=\S)\*(?![*\w])"
    r"|(?<![_\w])_(?=[^\s_])(" + _NO_BLANK_LINE.format("_") + r"+?)(?<=\S)_(?![_\w])"
)
# Fenced code (``` or ~~~ up to the same fence, or the end): code is not prose to quiz on.
_MD_FENCE = re.compile(
    r"^[ ]{0,3}(`{3,}+|~{3,}+)[^`\n]*\n(?:.*?\n)??[ ]{0,3}\1[`~]*+[ \t]*$|^[ ]{0,3}(?:`{3,}+|~{3,}+)[^`\n]*(?:\n.*)?\Z",
    re.MULTILINE | re.DOTALL,
)
# A setext heading: a line of text underlined with "=" (level 1) or "-" (level 2).
_MD_SETEXT = re.compile(r"^([ ]{0,3}\S[^\n]*)\n[ ]{0,3}(=+|-+)[ \t]*$", re.MULTILINE)
_MD_STRIKE = re.compile(r"[ \t]?~~(?=\S)([^~\n]+?)(?<=\S)~~")
_MD_CODE = re.compile(r"`([^`\n]+)`")
_MD_BLOCKQUOTE = re.compile(r"^[ ]{0,3}(?:>[ ]?)+", re.MULTILINE)
_MD_RULE = re.compile(r"^[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)
# YAML front matter at the very start: metadata, not text (its lines become blank, keeping the line count).
_MD_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:[^\n]*\n){0,200}?---[ \t]*(?:\n|\Z)")
_MD_TABLE_ROW = re.compile(r"^[ ]{0,3}\|[^\n]*\|[ \t]*$", re.MULTILINE)  # tables are not sentences to quiz on
# A table written without outer pipes ("Moon | Radius" over "--- | ---"): found by its delimiter row.
_MD_TABLE_DELIMITER = re.compile(r"^[ ]{0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
_MD_FOOTNOTE_DEFINITION = re.compile(r"^[ ]{0,3}\[\^[^\]\n]+\]:[^\n]*$", re.MULTILINE)
_MD_FOOTNOTE = re.compile(r"\[\^[^\]\n]+\]")
_MD_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>\n]*)?/?>")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>~|])")
_ESCAPED_BASE = 0xF0000  # escaped characters wait in a private-use plane while the markup goes
_MD_ESCAPED = re.compile("[\U000F0000-\U000F00FF]")


def _is_setext_heading(match: re.Match) -> bool:
    """Whether an underlined line is a heading: a list item, quote or table row over dashes is not."""
    line = match.group(1).lstrip()
    return not (line.startswith(("-", "*", "+", ">", "#", "|")) or line[:1].isdigit() and ". " in line[:6])


def _setext_heading(match: re.Match) -> str:
    """"Title" over "=====" is "# Title"; over "-----" "## Title"."""
    if not _is_setext_heading(match):
        return match.group()
    return ("# " if match.group(2)[0] == "=" else "## ") + match.group(1).strip()


def has_setext_heading(text: str) -> bool:
    """Whether some line is underlined as a Markdown heading, with three marks or more (one "-" under a
    line of plain text is more likely a typo than a heading)."""
    return any(len(match.group(2)) >= 3 and _is_setext_heading(match) for match in _MD_SETEXT.finditer(text))


def markdown_to_text(text: str) -> str:
    """Markdown as read when rendered: emphasis, links, code and quote marks go, their text stays;
    front matter, tables, code blocks, footnotes and struck-out text go altogether; underlined
    (setext) headings become ``#`` lines; a list item wrapped over several lines becomes one line."""
    return markdown_to_text_and_literal_lines(text)[0]


# A line starting with an escaped marker ("\# 1 in the charts", "1\. is not a list") is text.
_ESCAPED_LINE_START = re.compile(
    r"^[ ]{0,3}(?:[\U000F0023\U000F002B\U000F002D\U000F002A\U000F003E]|\d{1,9}[\U000F002E\U000F0029])", re.MULTILINE
)


def markdown_to_text_and_literal_lines(text: str) -> tuple[str, frozenset[int]]:
    """The text as ``markdown_to_text`` reads it, and the numbers of the lines whose first marker was
    escaped: once the escape goes, the parser must not take them for headings or list items."""
    reduced = _join_wrapped_list_items(_reduce_markdown(text))
    literal: frozenset[int] = frozenset()
    if _MD_ESCAPED.search(reduced):
        starts = [match.start() for match in _ESCAPED_LINE_START.finditer(reduced)]
        if starts:
            line_ends = [match.start() for match in re.finditer("\n", reduced)]
            literal = frozenset(bisect.bisect_left(line_ends, start) for start in starts)
        reduced = _MD_ESCAPED.sub(lambda m: chr(ord(m.group()) - _ESCAPED_BASE), reduced)
    return reduced, literal


# A list item's marker: "- ", "* ", "+ ", "1. " or "1) ", indented or not.
MARKDOWN_BULLET = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+")


def _join_wrapped_list_items(text: str) -> str:
    """Lines that go on from a list item, up to a blank line, a heading or the next item, joined to it:
    Markdown reads them as one item, and one item is one passage."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    joined: list[str] = []
    in_item = False
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            in_item = False
        elif MARKDOWN_BULLET.match(line):
            in_item = True
        elif in_item:
            joined[-1] = f"{joined[-1].rstrip()} {line.strip()}"
            continue
        joined.append(line)
    return "\n".join(joined)


def _drop_tables_without_outer_pipes(text: str) -> str:
    """The header row over a delimiter row, the delimiter and the rows with a pipe below it, blanked."""
    lines = text.split("\n")
    in_table = False
    for number, line in enumerate(lines):
        if "|" not in line or not line.strip():
            in_table = False
        elif in_table:
            lines[number] = ""
        elif number and "|" in lines[number - 1] and "-" in line and _MD_TABLE_DELIMITER.match(line):
            lines[number - 1] = lines[number] = ""
            in_table = True
    return "\n".join(lines)


def _reduce_markdown(text: str) -> str:
    if not any(sign in text for sign in ("*", "_", "[", "`", ">", "~", "\\", "---", "|", "<", "\n=", "\n-")):
        return text
    text = _MD_FRONT_MATTER.sub(lambda m: "\n" * m.group().count("\n"), text, count=1)
    if "<!--" in text:
        text = _drop_between(text, "<!--", "-->")  # an author's comment, hidden when rendered
    if "```" in text or "~~~" in text:
        text = _MD_FENCE.sub("", text)
    if "\n=" in text or "\n-" in text or "\n " in text:
        text = _MD_SETEXT.sub(_setext_heading, text)
    text = _MD_ESCAPE.sub(lambda m: chr(_ESCAPED_BASE + ord(m.group(1))), text)
    text = _MD_TABLE_ROW.sub("", text)
    if "|" in text:
        text = _drop_tables_without_outer_pipes(text)
    text = _MD_FOOTNOTE_DEFINITION.sub("", text)
    text = _MD_FOOTNOTE.sub("", text)
    text = _BREAK_TAG.sub(" ", text)  # "1862.<br>It burned": two sentences, not "1862.It"
    text = _MD_HTML_TAG.sub("", text)
    text = _MD_LINK_DEFINITION.sub("", text)
    text = _MD_IMAGE.sub(lambda m: m.group(1), text)
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    text = _MD_REFERENCE_LINK.sub(lambda m: m.group(1), text)
    text = _MD_AUTOLINK.sub(lambda m: m.group(1), text)
    text = _MD_RULE.sub("", text)
    text = _MD_BLOCKQUOTE.sub("", text)
    text = _MD_CODE.sub(lambda m: m.group(1), text)
    text = _MD_ITALIC.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MD_BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MD_STRIKE.sub("", text)  # struck out: not what the article says
    return text  # escaped characters are restored once the lines are joined


# ----------------------------------------------------------------------------- Plain text

# A rendered wiki page copied from a browser carries marks that are not the article's words:
# footnote calls fastened to the word before them ("in Warsaw.[1][2]"), "[edit]" after each heading
# and the site's tagline. A bracket after a space ("[a] first option") is the author's own.
FOOTNOTE_MARK = r"\[(?:edit|\d{1,3}|[a-z]|citation needed|note \d{1,3}|nb \d{1,3})\]"
_FASTENED_FOOTNOTE_MARK = re.compile(r"(?<=\S)" + FOOTNOTE_MARK, re.IGNORECASE)
_EDIT_LINK = re.compile(r"\[edit\](?=[ \t]*$)", re.IGNORECASE | re.MULTILINE)  # "Career [edit]" too
_SITE_LINE = re.compile(
    r"^[ \t]*(?:From Wikipedia, the free encyclopedia|Jump to (?:navigation|search|content))[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def plain_to_text(text: str) -> str:
    """Plain text as its author wrote it: footnote and "[edit]" marks of a copied web page go."""
    if "[" in text:
        text = _EDIT_LINK.sub("", _FASTENED_FOOTNOTE_MARK.sub("", text))
    if "Wikipedia" in text or "Jump to" in text:
        text = _SITE_LINE.sub("", text)
    return text
