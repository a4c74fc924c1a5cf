"""Counts as people read them: "1 question", "4,026 questions", "63%". Pure Python, no Flask."""

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
