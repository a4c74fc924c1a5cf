"""An article written back out as text a teacher can edit, in the wiki format the parser reads.

Correcting a typo should not mean finding the original file: the stored title, sections and
passages are enough to write a source whose parse gives the same passages, anchor for anchor.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class _Section(Protocol):
    title: str
    level: int
    anchor: str
    position: int


class _Passage(Protocol):
    section_anchor: str
    kind: str
    text: str
    position: int


def article_source(title: str, sections: Iterable[_Section], passages: Iterable[_Passage]) -> str:
    """``= Title =``, then the lead, then each section's ``== Heading ==`` (one more ``=`` per level
    down) and its paragraphs and ``- `` list items, each block separated by a blank line."""
    by_section: dict[str, list[_Passage]] = {}
    for passage in sorted(passages, key=lambda p: p.position):
        by_section.setdefault(passage.section_anchor, []).append(passage)
    blocks = [f"= {title} ="]
    blocks.extend(_blocks(by_section.pop("intro", [])))
    for section in sorted(sections, key=lambda s: s.position):
        marks = "=" * (section.level + 1)
        blocks.append(f"{marks} {section.title} {marks}")
        blocks.extend(_blocks(by_section.pop(section.anchor, [])))
    return "\n\n".join(blocks) + "\n"


def _blocks(passages: list[_Passage]) -> list[str]:
    """Paragraphs as they are; a run of list items as one block of ``- `` lines."""
    blocks: list[str] = []
    items: list[str] = []
    for passage in passages:
        if passage.kind == "list_item":
            items.append(f"- {passage.text}")
            continue
        if items:
            blocks.append("\n".join(items))
            items = []
        blocks.append(passage.text)
    if items:
        blocks.append("\n".join(items))
    return blocks
