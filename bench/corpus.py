"""A benchmark corpus made from the test articles by varying them.

Each variant shifts every year by the same amount, scales quantities, renames the
people consistently, shuffles paragraphs within their sections and sometimes joins
two articles, so the generator sees many different texts of realistic shape.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "tests" / "articles").glob("*.txt")) + sorted((ROOT / "questions").glob("*.txt"))

_YEAR = re.compile(r"\b(1[5-9]\d\d|20[0-4]\d)\b")
_QUANTITY = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d{2,3})(?= [a-z])")
_FIRST_NAMES = "Anna Boris Clara David Elena Felix Greta Hugo Irena Jonas Katya Lukas Mira Nikolai Olga Pavel".split()
_SURNAMES = "Adler Brandt Castell Dorn Engel Falk Gerber Hahn Iwanow Jansen Kovac Lind Moser Novak Orlov Petrov".split()
_PERSON = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]{3,})\b")


def corpus(count: int = 120, seed: int = 7) -> list[tuple[str, str]]:
    """``count`` (name, text) articles, deterministic for a seed."""
    rng = random.Random(seed)
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in SOURCES]
    articles = []
    for i in range(count):
        name, text = texts[i % len(texts)]
        variant = _vary(text, rng)
        if i % 5 == 4:
            other = _vary(texts[(i + 1) % len(texts)][1], rng)
            variant += "\n\n" + "\n".join(line for line in other.splitlines()[1:])
        articles.append((f"{name}-{i}", variant))
    return articles


def _vary(text: str, rng: random.Random) -> str:
    shift = rng.randint(-40, 40)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    factor = rng.choice([0.5, 0.8, 1.5, 2, 3])
    text = _QUANTITY.sub(lambda m: _scale(m.group(1), factor), text)
    renames: dict[str, str] = {}

    def rename(match: re.Match) -> str:
        first, last = match.groups()
        if last not in renames and rng.random() < 0.5:
            renames[last] = rng.choice(_SURNAMES)
        if last in renames:
            return f"{rng.choice(_FIRST_NAMES) if first not in renames.values() else first} {renames[last]}"
        return match.group(0)

    text = _PERSON.sub(rename, text)
    blocks = text.split("\n\n")
    head, body = blocks[:2], blocks[2:]
    sections: list[list[str]] = []
    for block in body:
        if block.lstrip().startswith("==") or not sections:
            sections.append([block])
        else:
            sections[-1].append(block)
    for section in sections:
        rest = section[1:]
        rng.shuffle(rest)
        section[1:] = rest
    return "\n\n".join(head + [b for s in sections for b in s])


def _scale(number: str, factor: float) -> str:
    value = int(number.replace(",", ""))
    scaled = max(2, int(round(value * factor)))
    return f"{scaled:,}" if "," in number else str(scaled)
