"""Anki packages (.apkg) through genanki, so students can keep practising in Anki.

Ids are derived, never random: the deck and model ids come from a hash of the deck key and
each note's guid from the quizapp question id, so importing a fresh export of the same deck
updates the existing cards (and their review history) instead of adding duplicates.
Every field is HTML, so all article and question text is HTML-escaped before it goes in.
"""

from __future__ import annotations

import hashlib
from os import PathLike
from typing import BinaryIO

from .common import (
    ExportQuestion,
    answer_items,
    escape_html,
    is_true,
    link_url,
    moodle_type_of,
    passage_html,
    split_gap,
)

# Ids below 2**30 are left to Anki's own and older hand-picked ids; ours land in [2**30, 2**31).
_ID_OFFSET = 1 << 30
_GUID_NAMESPACE = "quizapp"

_CSS = """
.card { font-family: sans-serif; font-size: 20px; text-align: left; }
.source { font-size: 16px; margin-top: 1em; color: #333; }
mark { background: #fff3a3; }
"""


def stable_id(deck_key: str, purpose: str) -> int:
    """A 31-bit id that is the same for the same deck key and purpose on every export."""
    digest = hashlib.sha256(f"quizapp:{deck_key}:{purpose}".encode()).digest()
    return _ID_OFFSET + int.from_bytes(digest[:8], "big") % _ID_OFFSET


def note_guid(question_id: str) -> str:
    """Anki note guid for a quizapp question: stable, so re-imports update the note."""
    import genanki

    return genanki.guid_for(_GUID_NAMESPACE, question_id)


def to_anki_package(
    questions: list[ExportQuestion], deck_name: str, deck_key: str, path: str | PathLike[str] | BinaryIO
) -> int:
    """Write questions as an .apkg package to ``path`` (a file name, or a binary file object such as
    ``io.BytesIO``) and return the number of notes written.

    Cloze questions with a gap become Anki cloze notes (``{{c1::answer}}``); the others are
    basic notes whose back shows the answer and the source passage with the evidence marked.
    """
    # Imported here so the rest of quizapp.exports works where genanki is not installed.
    import genanki

    basic_model = genanki.Model(
        stable_id(deck_key, "basic-model"),
        "quizapp question",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}, {"name": "QuizappId"}],
        templates=[
            {
                "name": "Question",
                "qfmt": '<div class="prompt">{{Front}}</div>',
                "afmt": '{{FrontSide}}<hr id="answer"><div class="answer">{{Back}}</div>'
                '<div class="source">{{Source}}</div>',
            }
        ],
        css=_CSS,
    )
    cloze_model = genanki.Model(
        stable_id(deck_key, "cloze-model"),
        "quizapp cloze",
        fields=[{"name": "Text"}, {"name": "Back Extra"}, {"name": "QuizappId"}],
        templates=[
            {
                "name": "Cloze",
                "qfmt": "{{cloze:Text}}",
                "afmt": '{{cloze:Text}}<div class="source">{{Back Extra}}</div>',
            }
        ],
        css=_CSS,
        model_type=genanki.Model.CLOZE,
    )
    deck = genanki.Deck(stable_id(deck_key, "deck"), deck_name)

    for question in questions:
        tags = ["quizapp", question.type]
        guid = note_guid(question.id)
        source = _source_field(question)
        cloze_text = _cloze_text(question) if moodle_type_of(question) == "shortanswer" else None
        if cloze_text is not None:
            fields = [cloze_text, source, escape_html(question.id)]
            deck.add_note(genanki.Note(model=cloze_model, fields=fields, guid=guid, tags=tags))
        else:
            fields = [_front(question), _back(question), source, escape_html(question.id)]
            deck.add_note(genanki.Note(model=basic_model, fields=fields, guid=guid, tags=tags))

    genanki.Package(deck).write_to_file(path if hasattr(path, "write") else str(path))
    return len(deck.notes)


def _escape_cloze_syntax(markup: str) -> str:
    # Braces and colons in article text must not read as Anki cloze markers ("{{c2::").
    return markup.replace("{", "&#123;").replace("}", "&#125;").replace(":", "&#58;")


def _cloze_text(question: ExportQuestion) -> str | None:
    """The prompt with ``{{c1::answer}}`` in the gap, or None if there is no gap to fill."""
    gap = split_gap(question.prompt)
    answer = str(question.answer).strip()
    if gap is None or not answer:
        return None
    before, after = gap
    deletion = "{{c1::" + _escape_cloze_syntax(escape_html(answer)) + "}}"
    return _escape_cloze_syntax(escape_html(before)) + deletion + _escape_cloze_syntax(escape_html(after))


def _list_html(items: list[str], tag: str, list_type: str = "") -> str:
    type_attribute = f' type="{list_type}"' if list_type else ""
    rows = "".join(f"<li>{escape_html(item)}</li>" for item in items)
    return f"<{tag}{type_attribute}>{rows}</{tag}>"


def _front(question: ExportQuestion) -> str:
    prompt = f"<p>{escape_html(question.prompt)}</p>"
    moodle_type = moodle_type_of(question)
    if moodle_type == "truefalse":
        # Generated statements already ask it ("True or false? …"): the card asks once.
        asks = question.prompt.lstrip().casefold().startswith(("true or false", "true/false"))
        return prompt if asks else prompt + "<p>True or false?</p>"
    if moodle_type == "matching":
        return prompt + "<p>Put in order:</p>" + _list_html(question.choices, "ul")
    if question.choices:
        return prompt + _list_html(question.choices, "ol", "A")
    return prompt


def _back(question: ExportQuestion) -> str:
    moodle_type = moodle_type_of(question)
    if moodle_type == "matching":
        return _list_html(answer_items(question), "ol")
    if moodle_type == "truefalse":
        return "<p>True</p>" if is_true(question.answer) else "<p>False</p>"
    return f"<p>{escape_html(str(question.answer))}</p>"


def _source_field(question: ExportQuestion) -> str:
    """The passage with the evidence in <mark>, then a link to it in the article reader."""
    title = escape_html(question.article_title)
    url = link_url(question.source_url)
    heading = f'<a href="{escape_html(url)}">{title}</a>' if url else title
    return f"<p>{passage_html(question)}</p><p>Source: {heading}</p>"
