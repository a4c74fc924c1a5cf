"""Accepted answers for typed questions, and regrading the answers already given with them."""

from __future__ import annotations

from quizapp.articles import parse_article
from quizapp.extensions import db
from quizapp.generation import Citation, GeneratedQuestion
from quizapp.generation.types import grade
from quizapp.models import Attempt, Question, Quiz, QuizItem, Response, Role
from quizapp.services import answers, attempts
from quizapp.services.importing import import_article

from .conftest import log_in, make_user

GREAT_WAR = """= The Great War =

The First World War began in 1914 and ended in 1918, when an armistice was signed in November.
"""


def war_quiz(owner) -> tuple[int, int]:
    """A one-question quiz on GREAT_WAR (the teacher's own article), a typed answer: (quiz id, question id)."""
    article = parse_article(GREAT_WAR)
    sentence = article.passages[0].text
    question = GeneratedQuestion(
        id="war", type="cloze", prompt="The _____ began in 1914 and ended in 1918.", choices=[], answer="First World War",
        source=Citation(article.passages[0].anchor, 0, len(sentence)),
    )
    stored = import_article(article, [question], status="published", imported_by=owner).article
    quiz = Quiz(title="Great War quiz", feedback="end", owner_id=owner.id)
    quiz.items = [QuizItem(question=stored.questions[0], position=0)]
    db.session.add(quiz)
    db.session.commit()
    return quiz.id, stored.questions[0].id


def answer_and_finish(username: str, quiz_id: int, given: str) -> int:
    student = make_user(username)
    quiz = db.session.get(Quiz, quiz_id)
    attempt = attempts.start_attempt(student, quiz)
    answers.record_answer(attempt, quiz.items[0].question, given)
    attempts.finish_attempt(attempt)
    return attempt.id


def test_an_accepted_answer_is_graded_right_for_typed_questions_only():
    assert grade("cloze", "War of Nations", "First World War", "", ["War of Nations"])
    assert grade("cloze", "the war of nations", "First World War", "", ["War of Nations"])  # as tolerant as the key is
    assert not grade("cloze", "War of Nations", "First World War")
    assert not grade("cloze", "Second World War", "First World War", "", ["War of Nations"])
    assert not grade("multiple_choice", "Paris", "Warsaw", "", ["Paris"])  # a choice is right or not


def test_accepting_an_answer_regrades_and_lists_whose_scores_moved(app, client):
    with app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        quiz_id, question_id = war_quiz(teacher)
        ana = answer_and_finish("ana", quiz_id, "War of Nations")
        ben = answer_and_finish("ben", quiz_id, "First World War")
        cy = answer_and_finish("cy", quiz_id, "Second World War")
        assert [db.session.get(Attempt, a).score for a in (ana, ben, cy)] == [0.0, 1.0, 0.0]
    log_in(client, "mrs_t")
    edit = client.get(f"/teach/questions/{question_id}/edit").get_data(as_text=True)
    assert "Accepted answers" in edit and "Save accepted answers and regrade" in edit

    response = client.post(f"/teach/questions/{question_id}/accepted", data={"accepted": "War of Nations\n\nfirst world war\nThe War of 1914"})
    assert response.status_code == 302 and response.location.endswith(f"/teach/questions/{question_id}/edit#accepted-answers")
    page = client.get(response.location).get_data(as_text=True)
    assert "Accepted answers saved (“War of Nations”, “The War of 1914”)" in page  # the key itself is not repeated
    assert "Regraded: 1 answer changed, 1 finished attempt&#39; score moved." in page or "1 finished attempt' score moved" in page
    assert "ana (Great War quiz): 0% → 100%" in page and "ben (" not in page and "cy (" not in page
    with app.app_context():
        assert [db.session.get(Attempt, a).score for a in (ana, ben, cy)] == [1.0, 1.0, 0.0]
        assert db.session.get(Question, question_id).accepted_answers == ["War of Nations", "The War of 1914"]
        # A new answer is graded with the accepted answers at once.
        dee = answer_and_finish("dee", quiz_id, "the war of 1914")
        assert db.session.get(Attempt, dee).score == 1.0

    # Taking an accepted answer back regrades the other way.
    client.post(f"/teach/questions/{question_id}/accepted", data={"accepted": ""})
    with app.app_context():
        assert [db.session.get(Attempt, a).score for a in (ana, ben, cy, dee)] == [0.0, 1.0, 0.0, 0.0]
        assert db.session.execute(db.select(db.func.count()).select_from(Response).where(Response.correct.is_(True))).scalar() == 1


def test_accepted_answers_are_refused_for_choices_and_for_another_teachers_question(app, client):
    with app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        make_user("mr_x", role=Role.TEACHER)
        quiz_id, question_id = war_quiz(teacher)
        ana = answer_and_finish("ana", quiz_id, "War of Nations")
    other = app.test_client()
    log_in(other, "mr_x")
    assert other.post(f"/teach/questions/{question_id}/accepted", data={"accepted": "War of Nations"}).status_code == 404
    log_in(client, "mrs_t")
    too_many = "\n".join(f"War {n}" for n in range(25))
    page = client.post(f"/teach/questions/{question_id}/accepted", data={"accepted": too_many}, follow_redirects=True).get_data(as_text=True)
    assert "At most 20 accepted answers" in page and "Nothing was changed." in page
    with app.app_context():
        assert db.session.get(Question, question_id).accepted_answers == []
        assert db.session.get(Attempt, ana).score == 0.0
        choice = Question(article_id=db.session.get(Question, question_id).article_id, bank_id="mc", type="multiple_choice",
                          prompt="When did the war begin?", choices=["1914", "1915"], answer="1914",
                          passage_id=db.session.get(Question, question_id).passage_id, evidence_start=0, evidence_end=40)
        db.session.add(choice)
        db.session.commit()
        choice_id = choice.id
    page = client.post(f"/teach/questions/{choice_id}/accepted", data={"accepted": "1915"}, follow_redirects=True).get_data(as_text=True)
    assert "Only a typed answer can have other accepted answers" in page
    assert "Save accepted answers and regrade" not in client.get(f"/teach/questions/{choice_id}/edit").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Question, choice_id).accepted_answers == []
