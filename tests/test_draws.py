"""Random questions drawn per student (issue 16): the quiz keeps its pool, each attempt draws its
own questions when it starts, and everything that counts answers counts that attempt's own."""

from __future__ import annotations

import pytest

from quizapp.extensions import db
from quizapp.models import Attempt, Enrollment, Question, Quiz, Response, Role, User
from quizapp.services import answers, attempts
from quizapp.services.classes import create_class
from quizapp.services.quizzes import QuizError, QuizPlan, copy_quiz, create_quiz, set_dropped
from quizapp.services.reports import item_analysis

from .conftest import log_in, make_quiz, make_user

RIGHT = {"born": "Warsaw", "physics": "1903", "died": "True"}


def drawn_quiz(fixed: tuple[str, ...] = ("born",), count: int = 2) -> Quiz:
    """A class quiz of the Curie questions: ``fixed`` for everyone, ``count`` drawn from the others."""
    teacher = make_user("mrs_t", role=Role.TEACHER)
    classroom = create_class(teacher, "Year 9")
    make_quiz()  # imports the Curie questions, published
    questions = {q.bank_id: q for q in db.session.execute(db.select(Question)).scalars()}
    plan = QuizPlan(
        title="Drawn", classroom=classroom, question_ids=[questions[b].id for b in fixed],
        random_article_ids=[questions["born"].article_id], random_count=count, opens_at=None, closes_at=None,
        max_attempts=None, feedback="immediate", draw_per_student=True,
    )
    return create_quiz(teacher, plan)


def students(quiz: Quiz, n: int) -> list:
    made = [make_user(f"s{i}") for i in range(n)]
    for student in made:
        db.session.add(Enrollment(classroom_id=quiz.classroom_id, user_id=student.id))
    db.session.commit()
    return made


def test_the_quiz_keeps_the_pool_and_each_attempt_draws_its_own(app):
    with app.app_context():
        quiz = drawn_quiz()
        assert quiz.draw_count == 2 and len(quiz.items) == 4
        assert [(i.question.bank_id, i.drawn) for i in quiz.items][0] == ("born", False)
        assert sum(i.drawn for i in quiz.items) == 3 and quiz.questions_per_attempt == 3
        born = quiz.items[0].question_id
        draws = set()
        for student in students(quiz, 20):
            attempt = attempts.start_attempt(student, quiz)
            assert len(attempt.question_ids) == 3 and born in attempt.question_ids  # the fixed one, and two drawn
            positions = {i.question_id: i.position for i in quiz.items}
            assert [positions[q] for q in attempt.question_ids] == sorted(positions[q] for q in attempt.question_ids)
            draws.add(frozenset(attempt.question_ids))
        # Three ways to draw two of three: twenty students all drawing the same is 3 × (1/3)^20 likely.
        assert len(draws) > 1


def test_a_student_sees_and_answers_only_their_own_questions(app, client):
    with app.app_context():
        quiz = drawn_quiz()
        (student,) = students(quiz, 1)
        attempt = attempts.start_attempt(student, quiz)
        mine = set(attempt.question_ids)
        not_mine = next(i for i in quiz.items if i.question_id not in mine)
        attempt_id, other_position, other_prompt = attempt.id, not_mine.position, not_mine.question.prompt
        my_items = [(i.position, i.question.bank_id) for i in quiz.items if i.question_id in mine]
    log_in(client, "s0")
    page = client.get(f"/attempts/{attempt_id}", follow_redirects=True).get_data(as_text=True)
    assert "Question 1 of 3" in page
    # The question it did not draw is not in this attempt: not shown, not answered.
    assert client.get(f"/attempts/{attempt_id}/questions/{other_position}").status_code == 404
    refused = client.post(f"/attempts/{attempt_id}/questions/{other_position}", data={"answer": "True"})
    assert refused.status_code == 404
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(Response.id))).scalar() == 0
    for position, bank_id in my_items:
        answer = RIGHT.get(bank_id)
        if answer is None:  # the ordering question: its fields depend on the page
            from .conftest import CURIE_ORDER, ordering_fields

            data = ordering_fields(client.get(f"/attempts/{attempt_id}/questions/{position}").get_data(as_text=True), CURIE_ORDER)
        else:
            data = {"answer": answer}
        client.post(f"/attempts/{attempt_id}/questions/{position}", data=data)
    client.post(f"/attempts/{attempt_id}/finish")
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).score == 1.0  # three of its three, not three of four
    assert "3 questions" in client.get("/quizzes").get_data(as_text=True)
    review = client.get(f"/attempts/{attempt_id}/review").get_data(as_text=True)
    assert "3 of 3" in review and other_prompt not in review and "not answered" not in review


def test_dropping_a_drawn_question_rescores_only_the_attempts_that_drew_it(app):
    with app.app_context():
        quiz = drawn_quiz(count=1)  # born for everyone, one of the other three each
        finished = {}
        for student in students(quiz, 12):
            attempt = attempts.start_attempt(student, quiz)
            answers.record_answer(attempt, quiz.items[0].question, "Warsaw")  # right
            attempts.finish_attempt(attempt)
            finished[attempt.id] = set(attempt.question_ids)
        assert {a.score for a in db.session.execute(db.select(Attempt)).scalars()} == {0.5}
        dropped = next(i for i in quiz.items if i.drawn and any(i.question_id in q for q in finished.values()))
        set_dropped(quiz, dropped.position, True)
        for attempt in db.session.execute(db.select(Attempt)).scalars():
            assert attempt.score == (1.0 if dropped.question_id in finished[attempt.id] else 0.5)


def test_item_analysis_counts_each_question_over_the_attempts_that_drew_it(app):
    with app.app_context():
        quiz = drawn_quiz(count=1)
        teacher = db.session.get(User, quiz.owner_id)
        drew = {}
        for student in students(quiz, 9):
            attempt = attempts.start_attempt(student, quiz)
            answers.record_answer(attempt, quiz.items[0].question, "Warsaw")
            attempts.finish_attempt(attempt)
            for question_id in attempt.question_ids:
                drew[question_id] = drew.get(question_id, 0) + 1
        quiz_stats, rows = item_analysis(quiz, teacher)
        assert quiz_stats.attempts == 9 and quiz_stats.mean == pytest.approx(50.0)
        assert quiz_stats.cronbach_alpha is None  # undefined when attempts answer different questions
        assert {row.question.id: row.stats.attempts for row in rows} == {q: drew.get(q, 0) for q in quiz.asked_question_ids}
        born = next(row for row in rows if row.question.bank_id == "born")
        assert born.stats.facility == 1.0


def test_the_builder_draws_per_student_when_asked_and_says_so(app, client):
    with app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        classroom_id = create_class(teacher, "Year 9").id
        article_id = make_quiz().items[0].question.article_id
    log_in(client, "mrs_t")
    data = {"title": "Per student", "classroom": classroom_id, "random_articles": article_id, "random_count": 2,
            "draw_per_student": "y", "feedback": "immediate"}
    created = client.post("/teach/quizzes/new", data=data)
    assert created.status_code == 302
    page = client.get(created.headers["Location"]).get_data(as_text=True)
    assert "each attempt asks 2: 2 drawn at random from the 4 marked “drawn”" in page
    # Drawing per student with no number of questions is refused, with a reason.
    refused = client.post("/teach/quizzes/new", data={**data, "title": "None", "random_count": 0, "questions": []})
    assert "Say how many random questions each student gets" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(Quiz.id)).filter_by(title="None")).scalar() == 0


def test_a_copy_keeps_the_draw(app):
    with app.app_context():
        quiz = drawn_quiz()
        owner = db.session.get(User, quiz.owner_id)
        copy = copy_quiz(quiz, owner, create_class(owner, "Year 10"), "Drawn again")
        assert copy.draw_count == 2 and [i.drawn for i in copy.items] == [i.drawn for i in quiz.items]


def test_more_per_student_than_the_pool_holds_is_refused(app):
    with app.app_context():
        with pytest.raises(QuizError, match="Only 3 more published questions are available"):
            drawn_quiz(count=4)
