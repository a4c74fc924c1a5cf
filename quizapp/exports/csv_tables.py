"""CSV tables (questions, results) that open safely in spreadsheets.

Teachers open exports in Excel or LibreOffice, which run a cell that begins with ``=``,
``+``, ``-`` or ``@`` as a formula (tab and carriage return can smuggle one in too). Article
text and student answers are untrusted, so such text cells get a leading single quote, the
OWASP "CSV injection" guard: the spreadsheet then shows the text instead of evaluating it.
Numbers are not text: an int or float, or a string that is just a decimal number such as
"-100.0" (how reports write a rounded figure), is written as it is and read as a number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A negative decimal and nothing else: a spreadsheet reads it as a number, never as a formula.
_NEGATIVE_NUMBER = re.compile(r"-\d+(?:\.\d+)?")


def neutralise_formula(text: str) -> str:
    """Prefix a single quote to text a spreadsheet would otherwise evaluate as a formula."""
    if text.startswith(FORMULA_TRIGGERS) and not _NEGATIVE_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise_formula(value)
    # Numbers we computed (e.g. a negative discrimination index) stay numbers.
    return str(value)


def write_csv(rows: list[Mapping[str, object]], columns: list[str]) -> str:
    """RFC 4180 CSV (CRLF line ends, quotes where needed): a header row, then one line per row.

    Only ``columns`` are written, in that order; a missing key or None is an empty cell.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_cell(column) for column in columns])
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue()
