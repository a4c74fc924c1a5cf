"""The numeric question type (Moodle's numerical): generated from quantities in the text, graded
by value within a stated tolerance, written and checked by teachers, answered by students and
exported as Moodle reads it. Added as one module of quizapp.generation.types."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from quizapp.articles import parse_article
from quizapp.exports import ExportQuestion, to_gift, to_moodle_xml

from quizapp.imports.gift import parse_gift
from quizapp.exports.anki import _back, _front
from quizapp.generation import Citation, GeneratedQuestion, generate_questions, validate_question
from quizapp.generation.bank import BankError, dump_bank, load_bank
from quizapp.generation.types import REGISTRY, grade, question_type
from quizapp.analysis import QuestionInfo, random_guess_score
from quizapp.extensions import db
from quizapp.models import Question, Quiz, QuizItem, Response, Role

from .conftest import count, log_in, make_user

# A text of our own (not the bundled sample): quantities with units, a percentage, money, and a
# figure glued to a word ("US$2.1 billion") that no gap may split.
RESERVOIR = """= Kielder Water =

Kielder Water is the largest artificial lake in the United Kingdom by capacity, holding 200 billion litres of water. Kielder Water covers 10.86 square kilometres of Northumberland, England.

== Construction ==

Construction of Kielder Water began in 1975, and Queen Elizabeth II opened it in 1982. The Kielder dam is 52 metres high and 1,140 metres long. Building Kielder Water cost US$2.1 billion in today's money. About 1,500 workers built the Kielder dam, and 58 families had to leave the flooded valley.

== Today ==

Kielder Water and Forest Park draws 250,000 visitors a year. Northumbrian Water supplies 85% of the water of Kielder Water to industry on Teesside.
"""


@pytest.fixture(scope="module")
def reservoir():
    article = parse_article(RESERVOIR)
    return article, generate_questions(article, max_questions=50)  # every sound candidate


def test_quantities_in_the_text_become_numeric_questions(reservoir):
    article, questions = reservoir
    numeric = [q for q in questions if q.type == "numeric"]
    assert numeric, [q.prompt for q in questions]
    for q in numeric:
        assert validate_question(article, q) == []
        hint = "(a percentage)" if q.answer.endswith("%") else "(a number)"  # "nearly _____ (a number)" reads as a count
        assert q.choices == [] and q.prompt.endswith(hint) and q.prompt.count("_____") == 1
        evidence = article.passage(q.source.passage).text[q.source.start : q.source.end]
        assert q.answer in evidence  # the figure as the article writes it, cited exactly
        assert grade("numeric", q.answer, q.answer, q.prompt)
    # Quantities are the numeric type's: a typed blank never asks for one as a string.
    assert not [
        q for q in questions
        if q.type == "cloze" and re.fullmatch(r"[$£€]?[\d,.]+%?( \w+)?", q.answer) and not re.fullmatch(r"1\d{3}|20\d{2}", q.answer)
    ]  # (a year is a date, asked as typed)
    # No gap splits a word: "US$2.1 billion" is never asked as "US_____".
    assert not [q for q in questions if re.search(r"\w_____|_____\w", q.prompt)]


@pytest.mark.parametrize(
    ("given", "key", "prompt", "right"),
    [
        ("1,500", "1,500", "", True),
        ("1500", "1,500", "", True),
        ("fifteen hundred", "1,500", "", True),
        ("1.5 thousand", "1,500", "", True),
        ("about 1500", "1,500", "", True),  # a hedge says the same number
        ("1,501", "1,500", "", False),  # exact unless the key states a tolerance
        ("1,460", "1,500 ± 50", "", True),
        ("1,550", "1,500 ± 50", "", True),
        ("1,551", "1,500 ± 50", "", False),
        ("1450..1550", "1,500 ± 50", "", False),  # two numbers are no answer
        ("52 m", "52", "The dam is _____ metres high. (a number)", True),  # the unit the question names
        ("52 ft", "52", "The dam is _____ metres high. (a number)", False),
        ("85 percent", "85%", "", True),
        ("85", "85%", "", True),
        ("2.1 billion", "$2.1 billion", "", True),
        ("2,100,000,000", "$2.1 billion", "", True),
        ("-40", "-40", "", True),
        ("40", "-40", "", False),
        ("fifty-two", "52", "", True),
        ("many", "52", "", False),
        ("", "52", "", False),
    ],
)
def test_numeric_answers_are_graded_by_value_within_the_tolerance(given, key, prompt, right):
    assert grade("numeric", given, key, prompt) is right


@pytest.mark.parametrize("key", ["lots", "1,500 ± lots", "1,500 ± -5", "", "12 and 13"])
def test_a_numeric_key_must_be_a_number_with_an_optional_tolerance(key):
    article = parse_article(RESERVOIR)
    passage = article.passages[0]
    question = GeneratedQuestion("q1", "numeric", "The reservoir holds _____ litres. (a number)", [], key, Citation(passage.anchor, 0, len(passage.text)))
    assert validate_question(article, question), key
    bank = dump_bank(article, [replace_answer(question, "200 billion")])
    bank["questions"][0]["answer"] = key
    with pytest.raises(BankError, match="must be a number|non-empty string"):
        load_bank(json.dumps(bank))


def replace_answer(question: GeneratedQuestion, answer: str) -> GeneratedQuestion:
    return GeneratedQuestion(question.id, question.type, question.prompt, question.choices, answer, question.source)


def test_a_tolerance_is_the_teachers_and_the_number_must_stand_in_the_evidence():
    article = parse_article(RESERVOIR)
    passage = next(p for p in article.passages if "52 metres" in p.text)
    span = (passage.text.index("The Kielder dam is"), passage.text.index("long.") + 5)
    sound = GeneratedQuestion("q1", "numeric", "How high is the dam, in metres?", [], "52 ± 2", Citation(passage.anchor, *span))
    assert validate_question(article, sound) == []
    unsupported = replace_answer(sound, "60 ± 10")  # right within its tolerance, but not what the evidence says
    assert any("not in the cited evidence" in p for p in validate_question(article, unsupported))


def test_guessing_a_number_scores_nothing_and_the_type_is_answered_by_typing():
    assert random_guess_score(QuestionInfo("k", "?", "numeric", [], "52")) == 0.0
    numeric = question_type("numeric")
    assert numeric.answer_input == "text" and numeric.moodle_type == "numerical" and REGISTRY["numeric"] is numeric


def _export(answer: str = "1,500 ± 50") -> ExportQuestion:
    text = "About 1,500 people worked on the project at its height."
    return ExportQuestion("q7", "numeric", "About _____ people worked on the project at its height. (a number)", [], answer,
                          text, 0, len(text), "Kielder Water", "https://quiz.example/articles/kielder-water#construction-1")


def test_numeric_questions_leave_as_moodle_numerical_and_gift_reads_them_back():
    gift = to_gift([_export()], "Kielder")
    assert "{#1500:50 ####" in gift
    parsed = parse_gift(gift)
    assert parsed[0]["type"] == "numerical" and parsed[0]["answer"] == "1500 ± 50"
    assert grade("numeric", "1,520", parsed[0]["answer"])  # what comes back grades as what left
    assert parse_gift("::r:: Range? {#1450..1550}")[0]["answer"] == "1500 ± 50"
    assert parse_gift("::x:: Exact? {#-3.5}")[0]["answer"] == "-3.5"

    root = ET.fromstring(to_moodle_xml([_export("£2.1 billion")], "Kielder"))
    question = root.find("question[@type='numerical']")
    assert question is not None
    assert question.find("answer").get("fraction") == "100"
    assert question.find("answer/text").text == "2100000000" and question.find("answer/tolerance").text == "0"
    assert "1,500" in question.find("generalfeedback/text").text  # the evidence goes along

    assert "(a number)" in _front(_export()) and "1,500 ± 50" in _back(_export())


def test_a_teacher_writes_a_numeric_question_and_a_student_answers_it(app, client):
    from quizapp.services.importing import import_article

    with app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
        make_user("sam")
        article = import_article(parse_article(RESERVOIR), [], status="published").article
        passage = next(p for p in article.passages if "1,140 metres" in p.text)
        passage_id, slug = passage.id, article.slug
    log_in(client, "mrs_t")
    form = {
        "type": "numeric",
        "prompt": "How many metres long is the Kielder dam?",
        "choices": "",
        "answer": "many",
        "passage": passage_id,
        "evidence": "The Kielder dam is 52 metres high and 1,140 metres long.",
    }
    refused = client.post(f"/teach/articles/{slug}/questions/new", data=form).get_data(as_text=True)
    assert "Give a number, optionally ± a tolerance" in refused
    with app.app_context():
        assert count(Question) == 0
    saved = client.post(f"/teach/articles/{slug}/questions/new", data={**form, "answer": "1,140 ± 10"}, follow_redirects=True)
    assert "Question saved and published." in saved.get_data(as_text=True)
    client.post("/logout")

    with app.app_context():
        question = db.session.execute(db.select(Question)).scalar_one()
        assert question.answer == "1,140 ± 10" and question.evidence == "The Kielder dam is 52 metres high and 1,140 metres long."
        quiz = Quiz(title="Dam quiz", feedback="immediate")
        quiz.items = [QuizItem(question=question, position=0)]
        db.session.add(quiz)
        db.session.commit()
        quiz_id = quiz.id
    log_in(client, "sam")
    attempt_id = int(client.post(f"/quizzes/{quiz_id}/start").headers["Location"].split("/")[2])
    page = client.get(f"/attempts/{attempt_id}/questions/0").get_data(as_text=True)
    assert 'name="answer"' in page and 'type="radio"' not in page  # typed, not picked
    feedback = client.post(f"/attempts/{attempt_id}/questions/0", data={"answer": "1135 metres"}, follow_redirects=True)
    assert "Not quite." not in feedback.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(db.select(Response.correct)).scalar_one() is True
