"""Shaping a stored article for the reader page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Article, Passage

_EVIDENCE = re.compile(r"^([A-Za-z0-9_-]{1,120}):(\d{1,9})-(\d{1,9})$")


@dataclass
class Block:
    """A section heading (absent for the lead) and its passages, list items grouped."""

    title: str | None
    level: int
    anchor: str
    groups: list[tuple[str, list[Passage]]] = field(default_factory=list)  # ("paragraph"|"list", passages)


@dataclass(frozen=True)
class Highlight:
    anchor: str
    start: int
    end: int


def article_blocks(article: Article) -> list[Block]:
    blocks = [Block(None, 0, "intro")] + [Block(s.title, s.level, s.anchor) for s in article.sections]
    by_anchor = {block.anchor: block for block in blocks}
    for passage in article.passages:
        block = by_anchor.get(passage.section_anchor, blocks[0])
        kind = "list" if passage.kind == "list_item" else "paragraph"
        if kind == "list" and block.groups and block.groups[-1][0] == "list":
            block.groups[-1][1].append(passage)
        else:
            block.groups.append((kind, [passage]))
    return [block for block in blocks if block.title is not None or block.groups]


def parse_highlight(value: str | None, passages: list[Passage]) -> Highlight | None:
    """``anchor:start-end`` naming a span inside one of the article's passages, else None."""
    if not value:
        return None
    match = _EVIDENCE.match(value)
    if not match:
        return None
    anchor, start, end = match.group(1), int(match.group(2)), int(match.group(3))
    for passage in passages:
        if passage.anchor == anchor and 0 <= start < end <= len(passage.text):
            return Highlight(anchor, start, end)
    return None
