"""Seeded shuffles: the same seed gives the same order, so a page and the form it posts agree."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence


def shuffled(items: Iterable[str], seed: str, avoid: Sequence[str] | None = None) -> list[str]:
    """``items`` in the order ``seed`` gives them, unlike ``avoid`` (an answer's order) when possible."""
    items = list(items)
    rng = random.Random(seed)
    for _ in range(10):
        rng.shuffle(items)
        if avoid is None or items != list(avoid):
            break
    return items
