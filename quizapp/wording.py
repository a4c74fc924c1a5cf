"""Counts as people read them: "1 question", "4,026 questions". Pure Python, no Flask."""


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``count`` with its noun, for people: "1 question", "4,026 questions", "0 passages"."""
    return f"{count:,} {noun if count == 1 else plural_noun or noun + 's'}"


def number(count: int) -> str:
    """``count`` with thousands separators: "4,026"."""
    return f"{count:,}"
