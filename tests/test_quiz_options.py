"""Quiz options teachers rely on: every published question of an article in one tick, a copy of a
quiz for another class, questions in an order of each attempt's own, questions added or removed
while no student has started, and the shared sample quiz hidden from a teacher's classes."""

from __future__ import annotations

import pytest

from quizapp.extensions import db
from quizapp.models import Attempt, Classroom, Enrollment, Question, Quiz, QuizItem, Role
from quizapp.services import attempts
from quizapp.services.attempt_view import attempt_progress
from quizapp.services.classes import create_class
from quizapp.services.quizzes import QuizError, add_questions, remove_question

from .conftest import log_in, make_quiz, make_user


@pytest.fixture
def teacher(app, client):
    with app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        create_class(teacher, "Year 9")
        create_class(teacher, "Year 10")
        quiz = make_quiz(title="Curie quiz")  # imports the Curie questions, published
        quiz.owner_id = teacher.id
        quiz.classroom_id = db.session.execute(db.select(Classroom.id).filter_by(name="Year 9")).scalar_one()
        db.session.commit()
    log_in(client, "mrs_t")
    return client


def class_id(name: str) -> int:
    return db.session.execute(db.select(Classroom.id).filter_by(name=name)).scalar_one()


def test_every_published_question_of_an_article_in_one_tick(app, teacher):
    with app.app_context():
        article_id = db.session.execute(db.select(Question.article_id)).scalars().first()
        published = db.session.execute(db.select(Question.id).filter_by(article_id=article_id, status="published")).scalars().all()
        year10 = class_id("Year 10")
    form = teacher.get("/teach/quizzes/new").get_data(as_text=True)
    assert "Every published question of this article" in form
    page = teacher.post("/teach/quizzes/new", data={"title": "All of Curie", "classroom": year10, "whole_articles": article_id,
                                                    "feedback": "immediate", "random_count": 0})
    assert page.status_code == 302
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz).filter_by(title="All of Curie")).scalar_one()
        assert sorted(i.question_id for i in quiz.items) == sorted(published) and len(published) == 4


def test_a_quiz_is_copied_to_another_class_without_its_dropped_questions_times_or_attempts(app, teacher):
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz).filter_by(title="Curie quiz")).scalar_one()
        quiz.items[1].dropped_at = quiz.created_at
        quiz.time_limit_minutes, quiz.shuffle_questions, quiz.max_attempts = 15, True, 2
        db.session.commit()
        quiz_id, year10, kept = quiz.id, class_id("Year 10"), [i.question_id for i in quiz.asked_items]
    page = teacher.post(f"/teach/quizzes/{quiz_id}/copy", data={"copy-classroom": year10, "copy-title": "Curie quiz, Year 10"}, follow_redirects=True)
    assert "Copied to Year 10 as Curie quiz, Year 10, with 3 questions." in page.get_data(as_text=True)
    with app.app_context():
        copy = db.session.execute(db.select(Quiz).filter_by(title="Curie quiz, Year 10")).scalar_one()
        assert copy.classroom_id == year10 and [i.question_id for i in copy.items] == kept
        assert (copy.time_limit_minutes, copy.shuffle_questions, copy.max_attempts, copy.opens_at, copy.closes_at) == (15, True, 2, None, None)
        # the bundled sample (a shared quiz) can be copied too; another teacher's class cannot be chosen
        other = create_class(make_user("mr_x", role=Role.TEACHER), "Not yours")
        sample = make_quiz(title="Shared sample")
        sample_id, other_id = sample.id, other.id
    assert teacher.post(f"/teach/quizzes/{sample_id}/copy", data={"copy-classroom": year10, "copy-title": "Sample for Y10"}).status_code == 302
    refused = teacher.post(f"/teach/quizzes/{quiz_id}/copy", data={"copy-classroom": other_id, "copy-title": "Stolen"})
    assert refused.status_code == 400 and "Not a valid choice" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(db.select(Quiz).filter_by(title="Stolen")).first() is None


def test_each_attempt_asks_the_questions_in_an_order_of_its_own(app):
    with app.app_context():
        quiz = make_quiz()
        quiz.shuffle_questions = True
        db.session.commit()
        orders = set()
        for n in range(6):
            attempt = attempts.start_attempt(make_user(f"s{n}"), quiz)
            order = [item.position for item in attempt_progress(attempt).items]
            assert order == [item.position for item in attempt_progress(attempt).items]  # the same on every page
            assert sorted(order) == [0, 1, 2, 3]
            orders.add(tuple(order))
        assert len(orders) > 1
        quiz.shuffle_questions = False
        db.session.commit()
        assert [item.position for item in attempt_progress(attempt).items] == [0, 1, 2, 3]


def test_the_shuffled_order_leads_the_student_through_the_attempt(app, client):
    with app.app_context():
        make_user("sam")
        quiz = make_quiz()
        quiz.shuffle_questions = True
        db.session.commit()
        quiz_id = quiz.id
    log_in(client, "sam")
    attempt_id = int(client.post(f"/quizzes/{quiz_id}/start").headers["Location"].split("/")[2])
    with app.app_context():
        order = [item.position for item in attempt_progress(db.session.get(Attempt, attempt_id)).items]
    first = client.get(f"/attempts/{attempt_id}")
    assert first.headers["Location"] == f"/attempts/{attempt_id}/questions/{order[0]}"
    page = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "Question 1 of 4" in page


def test_questions_are_added_and_removed_only_before_anyone_starts(app, teacher):
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz).filter_by(title="Curie quiz")).scalar_one()
        quiz_id = quiz.id
        first_three = [i.question_id for i in quiz.items[:3]]
    page = teacher.get(f"/teach/quizzes/{quiz_id}").get_data(as_text=True)
    assert "you can still remove questions" in page and ">Remove</button>" in page
    teacher.post(f"/teach/quizzes/{quiz_id}/questions/3/remove")
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id)
        assert [i.question_id for i in quiz.items] == first_three
        removed = db.session.execute(db.select(Question.id).where(Question.id.not_in(first_three))).scalar_one()
    assert "Every one of these" in teacher.get(f"/teach/quizzes/{quiz_id}/questions/add").get_data(as_text=True)
    added = teacher.post(f"/teach/quizzes/{quiz_id}/questions/add", data={"questions": removed}, follow_redirects=True)
    assert "Added 1 question to the quiz." in added.get_data(as_text=True)
    # A student starts: from then on, drop instead.
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id)
        quiz.classroom_id = None
        db.session.commit()
        attempts.start_attempt(make_user("sam"), quiz)
        with pytest.raises(QuizError, match="A student has started this quiz meanwhile"):
            remove_question(quiz, 0)
        with pytest.raises(QuizError, match="A student has started this quiz meanwhile"):
            add_questions_after_start(quiz)
        assert db.session.execute(db.select(db.func.count(QuizItem.id)).filter_by(quiz_id=quiz_id)).scalar() == 4
    page = teacher.get(f"/teach/quizzes/{quiz_id}").get_data(as_text=True)
    assert ">Remove</button>" not in page and "can be dropped" in page
    refused = teacher.get(f"/teach/quizzes/{quiz_id}/questions/add", follow_redirects=True).get_data(as_text=True)
    assert "Students have started this quiz" in refused


def add_questions_after_start(quiz: Quiz) -> int:
    """A question published after the start, added: refused by the INSERT's own check."""
    spare = Question(**{c: getattr(quiz.items[0].question, c) for c in ("article_id", "type", "prompt", "choices", "answer", "passage_id",
                                                                       "evidence_start", "evidence_end")},
                     bank_id="spare", status="published")
    spare.prompt += " (again)"
    db.session.add(spare)
    db.session.commit()
    return add_questions(quiz, [spare.id])


def test_the_only_question_cannot_be_removed(app, teacher):
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz).filter_by(title="Curie quiz")).scalar_one()
        for position in (3, 2, 1):
            remove_question(quiz, position)
        with pytest.raises(QuizError, match="only question"):
            remove_question(quiz, 0)


def test_a_teacher_hides_the_shared_sample_quiz_from_their_classes(app, teacher):
    with app.app_context():
        sample = make_quiz(title="Shared sample")  # no owner, no class: every student's
        sample_id, year9 = sample.id, db.session.get(Classroom, class_id("Year 9"))
        in_class = make_user("ana")
        make_user("ben")  # in no class
        db.session.add(Enrollment(classroom_id=year9.id, user_id=in_class.id))
        db.session.commit()
    page = teacher.post(f"/teach/quizzes/{sample_id}/my-classes", data={"hidden": "1"}, follow_redirects=True).get_data(as_text=True)
    assert "Hidden from your classes' students" in page and "Show it to my classes again" in page
    ana, ben = app.test_client(), app.test_client()
    log_in(ana, "ana")
    log_in(ben, "ben")
    assert "Shared sample" not in ana.get("/quizzes").get_data(as_text=True)
    assert ana.post(f"/quizzes/{sample_id}/start").status_code == 404
    assert "Shared sample" in ben.get("/quizzes").get_data(as_text=True)  # in no class of hers
    teacher.post(f"/teach/quizzes/{sample_id}/my-classes", data={"hidden": "0"})
    assert "Shared sample" in ana.get("/quizzes").get_data(as_text=True)
    with app.app_context():
        own = db.session.execute(db.select(Quiz.id).filter_by(title="Curie quiz")).scalar_one()
    refused = teacher.post(f"/teach/quizzes/{own}/my-classes", data={"hidden": "1"}, follow_redirects=True)
    assert "Only a shared quiz is hidden this way" in refused.get_data(as_text=True)
