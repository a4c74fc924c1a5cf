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


# ---------------------------------------------------------------------- one long article

_ROLES = "minister economist writer judge engineer historian mayor senator professor doctor".split()
_VERBS = "said told reporters declared wrote insisted warned".split()
_TOPICS = (
    "the new bridge over the river", "the budget for the coming year", "the plan to rebuild the harbour",
    "the report on the water supply", "the treaty with the neighbouring state", "the reform of the schools",
)
_QUOTES = (
    "We will finish this work before the winter comes", "Nobody in this city has seen anything like it before",
    "The numbers speak for themselves and they are not good", "I have never been so proud of my colleagues",
    "This is a mistake that our children will pay for", "We must act now or we will lose everything we built",
    "There is no money left for anything of the kind", "The people of this town deserve an honest answer",
)


def large_article(target_bytes: int = 500_000, seed: int = 11, quotes: bool = True, only_quotes: bool = False) -> str:
    """One plain-text article of about ``target_bytes``: a title line, then paragraphs.

    The test articles and the sample, varied as in ``corpus`` and stripped of their headings,
    alternate with (if ``quotes``) synthetic paragraphs in which many named people speak; with
    ``only_quotes`` there are only those: the shape of the long article that once took minutes.
    """
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    paragraphs = ["A long history of the city", ""]
    size = 0
    i = 0
    while size < target_bytes:
        if only_quotes:
            paragraphs.append(_quote_paragraph(rng))
            size += len(paragraphs[-1].encode("utf-8")) + 2
            continue
        body = _vary(texts[i % len(texts)], rng)
        for block in body.split("\n\n")[1:]:
            block = block.strip()
            if block and not block.startswith(("=", "-")):
                paragraphs.append(block)
                size += len(block.encode("utf-8")) + 2
        if quotes:
            for _ in range(6):
                paragraphs.append(_quote_paragraph(rng))
                size += len(paragraphs[-1].encode("utf-8")) + 2
        i += 1
    return "\n\n".join(paragraphs) + "\n"


_SYLLABLES = "bar ken lo mir tav des ul fen gor hal ib jor kas lun mev nor pal rov sen tur vel wis zan".split()


def _surname(rng: random.Random) -> str:
    """One of some ten thousand made-up surnames: a long article names many different people."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()


def _quote_paragraph(rng: random.Random) -> str:
    first, last = rng.choice(_FIRST_NAMES), _surname(rng)
    role, other = rng.choice(_ROLES), f"{rng.choice(_FIRST_NAMES)} {_surname(rng)}"
    year = rng.randint(1850, 2020)
    return (
        f"In {year}, the {role} {first} {last} spoke about {rng.choice(_TOPICS)}. "
        f'{last} {rng.choice(_VERBS)}: "{rng.choice(_QUOTES)}." '
        f"The {rng.choice(_ROLES)} {other} disagreed, saying \"{rng.choice(_QUOTES)}.\""
    )


def single_line_article(target_bytes: int = 1_000_000, seed: int = 13) -> str:
    """A title and one paragraph of about ``target_bytes`` that is a single sentence: the varied
    articles' sentences joined by commas, every date, name and quotation kept. Generation must stay
    linear in it (it once looked at the whole sentence again for every date in it)."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    clauses: list[str] = []
    size = 0
    i = 0
    while size < target_bytes:
        for block in _vary(texts[i % len(texts)], rng).split("\n\n")[1:]:
            block = block.strip()
            if block and not block.startswith(("=", "-")):
                clause = block.replace(". ", ", and ").rstrip(".")
                clauses.append(clause)
                size += len(clause.encode("utf-8")) + 2
        i += 1
    return "A long sentence\n\n" + ", ".join(clauses) + ".\n"
