"""Exports (GIFT, Moodle XML, Anki, CSV) on one question of each type, read back where possible."""

import csv
import dataclasses
import io
import json
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from contextlib import closing
from pathlib import Path

import genanki
import pytest

from quizapp.exports import (
    ExportQuestion,
    to_anki_package,
    to_gift,
    to_moodle_xml,
    write_csv,
)
from quizapp.exports.common import question_name
from quizapp.exports.gift import escape_gift
from quizapp.imports.gift import GiftError, parse_gift

PASSAGE = "Before. Ada said: <script>alert('x')</script> {braces} = 50% #1 ~tilde: done.\nNext line & more."
EVIDENCE = "Ada said: <script>alert('x')</script>"
EVIDENCE_START = PASSAGE.index(EVIDENCE)
EVIDENCE_END = EVIDENCE_START + len(EVIDENCE)


NAME: dict[str, str] = {}  # each question's id -> the name it leaves with (its stem's opening words)


def make_question(question_id, question_type, prompt, choices, answer, url="/articles/7#p3"):
    question = _export_question(question_id, question_type, prompt, choices, answer, url)
    NAME[question_id] = question_name(question)
    return question


def _export_question(question_id, question_type, prompt, choices, answer, url):
    return ExportQuestion(
        id=question_id,
        type=question_type,
        prompt=prompt,
        choices=choices,
        answer=answer,
        passage_text=PASSAGE,
        evidence_start=EVIDENCE_START,
        evidence_end=EVIDENCE_END,
        article_title="Engines & <Analysis>",
        source_url=url,
    )


QUESTIONS = [
    make_question("q1", "multiple_choice", "What is {x}: a = b ~ c # d?", ["50% off", "a->b", "<b>bold</b>"], "a->b"),
    make_question(
        "q2", "cloze", "The engine was designed by _____ in 1837.", [], "Babbage", url="https://ex.org/a?b=1&c=2"
    ),
    make_question("q3", "true_false", "Ada wrote the first program.", ["True", "False"], "True"),
    make_question("q4", "who_said", "Who said it?\nThink first.", ["Ada", "Charles"], "Ada", url="javascript:alert(1)"),
    make_question("q5", "ordering", "Put in order", ["born", "died", "wrote"], ["born", "wrote", "died"]),
]


# --- GIFT -----------------------------------------------------------------------------


def gift_block(gift, name):
    """A question's block, without the tag comment before it."""
    blocks = (block.split("\n", 1)[1] if block.startswith("// [tag:") else block for block in gift.split("\n\n"))
    return next(block for block in blocks if block.startswith(f"::{escape_gift(NAME[name])}::"))


def test_gift_writes_category_and_one_block_per_question():
    gift = to_gift(QUESTIONS, "quizapp/Engines")
    blocks = gift.strip().split("\n\n")
    assert blocks[1] == "$CATEGORY: quizapp/Engines"
    # Newlines inside texts are written as \n, so no question is split by a blank line.
    names = [block.split("\n", 1)[1].split(":: [html]")[0].removeprefix("::") for block in blocks[2:]]  # after the tag line
    assert names == [escape_gift(NAME[i]) for i in ("q1", "q2", "q3", "q4", "q5")]
    assert NAME["q2"] == "The engine was designed by … in 1837."  # Moodle lists the stem's opening words, not "q2"
    assert NAME["q1"] == "What is {x}: a = b ~ c …"


def test_gift_escapes_special_characters_and_html():
    gift = to_gift(QUESTIONS, "c")
    stem = gift_block(gift, "q1").splitlines()[0]
    assert stem == r"::What is \{x\}\: a \= b \~ c …:: [html]What is \{x\}\: a \= b \~ c \# d? {"
    assert "=a-&gt;b" in gift_block(gift, "q1")
    assert "~&lt;b&gt;bold&lt;/b&gt;" in gift_block(gift, "q1")
    assert "<script>" not in gift and "&lt;script&gt;" in gift
    assert r"Who said it?\nThink first." in gift_block(gift, "q4")


def test_gift_types():
    gift = to_gift(QUESTIONS, "c")
    # Missing word: the answer block replaces the gap.
    assert gift_block(gift, "q2").startswith(r"::The engine was designed by … in 1837.:: [html]The engine was designed by {=Babbage ####Source\: ")
    assert gift_block(gift, "q2").endswith("} in 1837.")
    assert "{TRUE ####" in gift_block(gift, "q3")
    assert gift_block(gift, "q5").splitlines()[1:4] == ["=1 -> born", "=2 -> wrote", "=3 -> died"]


def test_gift_general_feedback_cites_evidence_and_source():
    feedback = gift_block(to_gift(QUESTIONS, "c"), "q2").split("####", 1)[1]
    assert feedback.startswith(r"Source\: Engines &amp; &lt;Analysis&gt;\: “Ada said\: &lt;script&gt;")
    assert r'<a href\="https\://ex.org/a?b\=1&amp;c\=2">' in feedback
    # An unsafe link is left out of every export.
    assert "javascript" not in to_gift(QUESTIONS, "c")


def test_gift_round_trips_through_parse_gift():
    ids = {name: question_id for question_id, name in NAME.items()}
    parsed = {ids[question["name"]]: question for question in parse_gift(to_gift(QUESTIONS, "quizapp/Engines"))}
    assert list(parsed) == ["q1", "q2", "q3", "q4", "q5"]
    assert all(question["category"] == "quizapp/Engines" for question in parsed.values())

    q1 = parsed["q1"]
    assert (q1["type"], q1["text"]) == ("multichoice", "What is {x}: a = b ~ c # d?")
    assert q1["choices"] == ["50% off", "a->b", "<b>bold</b>"]
    assert q1["answer"] == "a->b"
    # As text, the HTML's tags dropped and its escaped text kept; as HTML, the link still a link.
    assert q1["general_feedback"] == "Source: Engines & <Analysis>: “Ada said: <script>alert('x')</script>” /articles/7#p3"
    assert q1["general_feedback_html"].endswith('<a href="/articles/7#p3">/articles/7#p3</a>')

    q2 = parsed["q2"]
    assert (q2["type"], q2["answer"]) == ("shortanswer", "Babbage")
    assert q2["text"] == "The engine was designed by _____ in 1837."
    assert (parsed["q3"]["type"], parsed["q3"]["answer"]) == ("truefalse", "True")
    assert parsed["q4"]["text"] == "Who said it? Think first."  # HTML text: a line break is a space
    assert parsed["q4"]["choices"] == ["Ada", "Charles"]
    assert (parsed["q5"]["type"], parsed["q5"]["answer"]) == ("matching", ["born", "wrote", "died"])


def test_gift_false_and_gap_at_the_end():
    questions = [
        make_question("f", "true_false", "Ada was French.", ["True", "False"], "False"),
        make_question("g", "cloze", "The engine was designed by _____", [], "Babbage"),
    ]
    parsed = parse_gift(to_gift(questions, "c"))
    assert (parsed[0]["type"], parsed[0]["answer"]) == ("truefalse", "False")
    # A gap at the very end becomes a plain short-answer question, as Moodle reads it.
    assert (parsed[1]["type"], parsed[1]["text"]) == ("shortanswer", "The engine was designed by")


def test_parse_gift_reads_hand_written_questions():
    text = """// a comment
$CATEGORY: $course$/top/Imported

::Colours:: Which is a colour? {
  ~cat # no
  =red # yes
  ~%50%pinkish
}

Grant is buried in {=Grant's tomb =Grant} tomb.

::TF:: The sun is cold. {F}
"""
    colours, short, true_false = parse_gift(text)
    assert colours["category"] == "$course$/top/Imported"
    assert (colours["line"], colours["choices"], colours["answer"]) == (4, ["cat", "red", "pinkish"], "red")
    assert short["name"] is None
    assert (short["type"], short["choices"]) == ("shortanswer", ["Grant's tomb", "Grant"])
    assert short["text"] == "Grant is buried in _____ tomb."
    assert (true_false["type"], true_false["answer"]) == ("truefalse", "False")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("::ok:: Fine {T}\n\n\n::bad:: Missing brace {=a ~b\n", 4, "unbalanced"),
        ("::a:: Q {~x ~y}\n", 1, "no right answer"),
        ("\n\n::a:: Q {=x ~y} and {=z}\n", 3, "more than one answer block"),
        ("::a Q {T}\n", 1, "not closed"),
        ("::a:: Q \\q {T}\n", 1, "unknown escape"),
        ("::a:: Q {#ten}\n", 1, "not a number"),
    ],
)
def test_parse_gift_reports_the_line_of_malformed_questions(text, line, message):
    with pytest.raises(GiftError, match=message) as error:
        parse_gift(text)
    assert error.value.line == line
    assert str(error.value).startswith(f"Line {line}, question “")  # where, and which question
    assert isinstance(error.value, ValueError)


# --- Moodle XML -------------------------------------------------------------------------


def parse_xml(questions):
    output = to_moodle_xml(questions, "quizapp/Engines")
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return output, ET.fromstring(output.encode("utf-8"))


def test_moodle_xml_is_well_formed_and_typed():
    output, quiz = parse_xml(QUESTIONS)
    category, *questions = quiz.findall("question")
    assert category.get("type") == "category"
    assert category.findtext("category/text") == "quizapp/Engines"
    assert [(question.get("type"), question.findtext("name/text")) for question in questions] == [
        ("multichoice", NAME["q1"]),
        ("shortanswer", NAME["q2"]),
        ("truefalse", NAME["q3"]),
        ("multichoice", NAME["q4"]),
        ("matching", NAME["q5"]),
    ]
    assert "<script" not in output  # only ever as &lt;script (escaped twice: HTML then XML)


def test_moodle_xml_fields_read_back():
    _, quiz = parse_xml(QUESTIONS)
    q1, q2, q3, q4, q5 = quiz.findall("question")[1:]

    assert q1.find("questiontext").get("format") == "html"
    assert q1.findtext("questiontext/text") == "<p>What is {x}: a = b ~ c # d?</p>"
    assert (q1.findtext("single"), q1.findtext("shuffleanswers")) == ("true", "true")
    answers = [(answer.get("fraction"), answer.findtext("text")) for answer in q1.findall("answer")]
    assert answers == [("0", "<p>50% off</p>"), ("100", "<p>a-&gt;b</p>"), ("0", "<p>&lt;b&gt;bold&lt;/b&gt;</p>")]

    assert [(answer.get("fraction"), answer.findtext("text")) for answer in q2.findall("answer")] == [
        ("100", "Babbage")
    ]
    assert [(answer.findtext("text"), answer.get("fraction")) for answer in q3.findall("answer")] == [
        ("true", "100"),
        ("false", "0"),
    ]
    assert [(sub.findtext("text"), sub.findtext("answer/text")) for sub in q5.findall("subquestion")] == [
        ("1", "born"),
        ("2", "wrote"),
        ("3", "died"),
    ]

    feedback = q2.find("generalfeedback")
    assert feedback.get("format") == "html"
    assert feedback.findtext("text") == (
        "<p>Source: Engines &amp; &lt;Analysis&gt;: “Ada said: &lt;script&gt;alert('x')&lt;/script&gt;” "
        '<a href="https://ex.org/a?b=1&amp;c=2">https://ex.org/a?b=1&amp;c=2</a></p>'
    )
    assert "href" not in q4.findtext("generalfeedback/text")  # javascript: link dropped


def test_moodle_xml_drops_characters_xml_cannot_hold():
    question = make_question("ctl", "true_false", "Bell\x07 and tab\t ok é", ["True", "False"], "True")
    _, quiz = parse_xml([question])
    assert quiz.findtext("question[2]/questiontext/text") == "<p>Bell and tab\t ok é</p>"


# --- Anki -----------------------------------------------------------------------------


def read_apkg(path):
    with zipfile.ZipFile(path) as package:
        database = package.read("collection.anki2")
    copy = Path(str(path) + ".anki2")
    copy.write_bytes(database)
    with closing(sqlite3.connect(copy)) as connection:
        notes = connection.execute("SELECT guid, mid, flds, tags FROM notes ORDER BY sfld").fetchall()
        models_json, decks_json = connection.execute("SELECT models, decks FROM col").fetchone()
        card_count = connection.execute("SELECT count(*) FROM cards").fetchone()[0]
    return {
        "notes": [(guid, mid, fields.split("\x1f"), tags.split()) for guid, mid, fields, tags in notes],
        "models": {int(model_id): model for model_id, model in json.loads(models_json).items()},
        "decks": {deck["name"]: int(deck_id) for deck_id, deck in json.loads(decks_json).items()},
        "cards": card_count,
    }


def our_model_ids(package):
    return {model_id for model_id, model in package["models"].items() if model["name"].startswith("quizapp")}


def test_anki_package_is_stable_across_exports(tmp_path):
    first_path, second_path = tmp_path / "first.apkg", tmp_path / "second.apkg"
    assert to_anki_package(QUESTIONS, "Engines", "article-7", first_path) == 5
    assert to_anki_package(QUESTIONS, "Engines", "article-7", second_path) == 5
    first, second = read_apkg(first_path), read_apkg(second_path)

    assert len(first["notes"]) == 5 and first["cards"] == 5
    assert sorted(guid for guid, *_ in first["notes"]) == sorted(guid for guid, *_ in second["notes"])
    assert len({guid for guid, *_ in first["notes"]}) == 5
    assert first["decks"]["Engines"] == second["decks"]["Engines"] >= 2**30
    quizapp_models = our_model_ids(first)
    assert len(quizapp_models) == 2
    assert quizapp_models == our_model_ids(second)

    # Guids depend on the question id only, so they can be predicted (and checked) here.
    assert {guid for guid, *_ in first["notes"]} == {genanki.guid_for("quizapp", q.id) for q in QUESTIONS}

    other_path = tmp_path / "other.apkg"
    to_anki_package(QUESTIONS[:1], "Other", "article-8", other_path)
    other = read_apkg(other_path)
    assert other["decks"]["Other"] != first["decks"]["Engines"]
    assert not quizapp_models & our_model_ids(other)


def test_anki_notes_escape_text_and_mark_evidence(tmp_path):
    path = tmp_path / "deck.apkg"
    to_anki_package(QUESTIONS, "Engines", "article-7", path)
    package = read_apkg(path)
    notes = {fields[-1]: (fields, tags, package["models"][mid]) for _, mid, fields, tags in package["notes"]}

    cloze_fields, cloze_tags, cloze_model = notes["q2"]
    assert cloze_model["type"] == 1  # Anki's cloze model type
    assert cloze_fields[0] == "The engine was designed by {{c1::Babbage}} in 1837."
    assert "quizapp" in cloze_tags and "cloze" in cloze_tags
    assert '<a href="https://ex.org/a?b=1&amp;c=2">' in cloze_fields[1]

    front, back, source, _ = notes["q1"][0]
    assert "What is {x}: a = b ~ c # d?" in front
    assert "<li>&lt;b&gt;bold&lt;/b&gt;</li>" in front
    assert back == "<p>a-&gt;b</p>"
    assert "<mark>Ada said: &lt;script&gt;alert('x')&lt;/script&gt;</mark>" in source
    assert "Before. " in source and "Next line &amp; more." in source
    assert "Source: <a href=\"/articles/7#p3\">Engines &amp; &lt;Analysis&gt;</a>" in source

    assert notes["q3"][0][1] == "<p>True</p>"
    assert "href" not in notes["q4"][0][2]  # the javascript: link is not written
    assert notes["q5"][0][1] == "<ol><li>born</li><li>wrote</li><li>died</li></ol>"
    for fields, _, _ in notes.values():
        assert all("<script" not in field for field in fields)


def test_anki_cloze_without_gap_becomes_a_basic_note(tmp_path):
    question = make_question("nogap", "cloze", "Who designed the engine?", [], "Babbage {{c2::x}}")
    path = tmp_path / "deck.apkg"
    assert to_anki_package([question], "D", "k", path) == 1
    ((_, mid, fields, _),) = read_apkg(path)["notes"]
    assert fields[1] == "<p>Babbage {{c2::x}}</p>"

    braces = make_question("braces", "cloze", "Set {{c2::x}} is _____ here", [], "a::b}}")
    to_anki_package([braces], "D", "k", path)
    ((_, _, fields, _),) = read_apkg(path)["notes"]
    assert fields[0] == "Set &#123;&#123;c2&#58;&#58;x&#125;&#125; is {{c1::a&#58;&#58;b&#125;&#125;}} here"


# --- CSV ------------------------------------------------------------------------------


def test_write_csv_quotes_and_guards_formulas():
    rows = [
        {"student": "=HYPERLINK(\"http://evil\")", "answer": 'He said "hi", then\nleft', "score": -3},
        {"student": "+1", "answer": "-2", "score": 0.5},
        {"student": "@SUM(A1)", "answer": "\tTab"},
        {"student": "plain", "answer": None, "score": 1, "ignored": "x"},
    ]
    output = write_csv(rows, ["student", "answer", "score"])
    assert output.startswith("student,answer,score\r\n")
    assert output.endswith("\r\n")
    parsed = list(csv.reader(io.StringIO(output, newline="")))
    assert parsed == [
        ["student", "answer", "score"],
        ["'=HYPERLINK(\"http://evil\")", 'He said "hi", then\nleft', "-3"],
        ["'+1", "-2", "0.5"],  # "-2" is a number, not a formula
        ["'@SUM(A1)", "'\tTab", ""],
        ["plain", "", "1"],
    ]


def test_write_csv_writes_numbers_as_numbers_and_guards_only_text():
    rows = [
        {"figure": -100.0, "text": "-100.0", "other": -3},  # a float, the same rounded by a report, an int
        {"figure": "-cmd", "text": "=1+1", "other": "-1+cmd|' /C calc'!A0"},
        {"figure": "-", "text": "-1.", "other": "- 5"},
    ]
    parsed = list(csv.reader(io.StringIO(write_csv(rows, ["figure", "text", "other"]), newline="")))
    assert parsed[1:] == [
        ["-100.0", "-100.0", "-3"],
        ["'-cmd", "'=1+1", "'-1+cmd|' /C calc'!A0"],
        ["'-", "'-1.", "'- 5"],
    ]


def test_write_csv_with_no_rows_writes_the_header():
    assert write_csv([], ["a", "b"]) == "a,b\r\n"


# --- purity ---------------------------------------------------------------------------


def test_an_anki_true_or_false_card_asks_true_or_false_once():
    from quizapp.exports.anki import _front

    asked = make_question("t1", "true_false", "True or false? Ada wrote the first program.", ["True", "False"], "True")
    plain = make_question("t2", "true_false", "Ada wrote the first program.", ["True", "False"], "True")
    assert _front(asked).casefold().count("true or false") == 1
    assert _front(plain) == "<p>Ada wrote the first program.</p><p>True or false?</p>"


def test_an_ordering_citing_several_passages_names_and_marks_each(tmp_path):
    """Events dated in different passages: every export shows each cited span, not just the first."""
    other = "In 1843 Ada <i>published</i> her notes. Later."
    across = dataclasses.replace(QUESTIONS[4], also_cited=((other, 0, other.index(" Later")),))
    feedback = gift_block(to_gift([across], "c"), "q5").split("####", 1)[1]
    assert r"Also cited\: “In 1843 Ada &lt;i&gt;published&lt;/i&gt; her notes.”" in feedback
    _, quiz = parse_xml([across])
    assert quiz.findall("question")[1].findtext("generalfeedback/text").endswith(
        "Also cited: “In 1843 Ada &lt;i&gt;published&lt;/i&gt; her notes.”</p>"
    )
    path = tmp_path / "deck.apkg"
    to_anki_package([across], "Engines", "article-7", path)
    [(_, _, fields, _)] = read_apkg(path)["notes"]
    source = fields[2]
    assert "<mark>Ada said: &lt;script&gt;alert('x')&lt;/script&gt;</mark>" in source
    assert "<mark>In 1843 Ada &lt;i&gt;published&lt;/i&gt; her notes.</mark> Later." in source
