"""Counts and short texts as people read them: "1 question", "4,026 questions", "63%", a sentence. Pure Python, no Flask."""

from decimal import ROUND_HALF_UP, Decimal


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``count`` with its noun, for people: "1 question", "4,026 questions", "0 passages"."""
    return f"{count:,} {noun if count == 1 else plural_noun or noun + 's'}"


def number(count: int) -> str:
    """``count`` with thousands separators: "4,026"."""
    return f"{count:,}"


def percent(share: float) -> str:
    """A share as a whole percentage, halves rounded up as people expect: 0.625 -> "63%" (not "62%")."""
    return f"{Decimal(repr(share * 100)).quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"


def as_sentence(text: str) -> str:
    """``text`` capitalised, with a full stop unless it ends with one (or ? or !)."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")


def shortened(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for a message that quotes it."""
    return text if len(text) <= limit else text[:limit].rstrip() + "…"
