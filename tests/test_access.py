"""Every route of the app, walked as anonymous, two students and two teachers: who may see what."""

import pytest
from flask import url_for

from quizapp.extensions import db
from quizapp.models import Enrollment, Role
from quizapp.services import answers, attempts
from quizapp.services.classes import create_class

from .conftest import log_in, make_quiz, make_user

ROLES = ("anonymous", "student", "other_student", "teacher", "other_teacher")
LOGIN = "login"  # a redirect to the login page

# Expected status per role, for a GET (or, for POST-only routes, an empty POST).
# "student" owns the attempt; "teacher" owns the class and quiz; the others own nothing of theirs.
EXPECTED = {
    "static": (200, 200, 200, 200, 200),
    "reader.index": (200, 200, 200, 200, 200),
    "reader.article": (200, 200, 200, 200, 200),
    "auth.login": (200, 302, 302, 302, 302),
    "auth.signup": (200, 302, 302, 302, 302),
    "auth.logout": (LOGIN, 302, 302, 302, 302),
    "student.quizzes": (LOGIN, 200, 200, 200, 200),
    "student.join": (LOGIN, 200, 200, 200, 200),
    "student.progress": (LOGIN, 200, 200, 200, 200),
    "student.practice": (LOGIN, 200, 200, 200, 200),
    "student.start": (LOGIN, 302, 302, 404, 404),
    "student.attempt": (LOGIN, 302, 404, 404, 404),
    "student.question": (LOGIN, 200, 404, 404, 404),
    "student.answer": (LOGIN, 200, 404, 404, 404),
    "student.finish_page": (LOGIN, 200, 404, 404, 404),
    "student.review": (LOGIN, 302, 404, 404, 404),
    "teacher.dashboard": (LOGIN, 403, 403, 200, 200),
    "teacher.new_article": (LOGIN, 403, 403, 200, 200),
    "teacher.article_questions": (LOGIN, 403, 403, 200, 200),
    "teacher.set_question_status": (LOGIN, 403, 403, 302, 302),
    "teacher.new_question": (LOGIN, 403, 403, 200, 200),
    "teacher.import_questions": (LOGIN, 403, 403, 200, 200),
    "teacher.question_bank": (LOGIN, 403, 403, 200, 200),
    "teacher.accepted_answers": (LOGIN, 403, 403, 302, 302),  # refused for a choice question, back to its page
    "teacher.confirm_question_import": (LOGIN, 403, 403, 302, 302),  # an empty form: back to the upload, nothing imported
    # No language model configured here: the writer does not exist (tests/test_model_writing.py has one).
    "teacher.mark_answer": (LOGIN, 403, 403, 400, 404),
    "teacher.invitations": (LOGIN, 403, 403, 200, 200),
    "teacher.shared_quiz_for_my_classes": (LOGIN, 403, 403, 302, 404),  # their own quiz: refused with a message
    "teacher.reset_student_password": (LOGIN, 403, 403, 302, 404),  # only the student's own teacher
    "auth.change_password": (LOGIN, 200, 200, 200, 200),
    "auth.invited_signup": (410, 302, 302, 302, 302),  # no such invitation; logged in: nothing to sign up
    "teacher.copy_to_class": (LOGIN, 403, 403, 400, 404),  # an empty form: refused, nothing copied
    "teacher.remove_from_quiz": (LOGIN, 403, 403, 302, 404),  # started: refused with a message, nothing removed
    "teacher.add_to_quiz": (LOGIN, 403, 403, 302, 404),  # started: back to the quiz with a message  # an empty form: refused, nothing marked
    "teacher.write_with_model": (LOGIN, 403, 403, 404, 404),
    "teacher.draft_more": (LOGIN, 403, 403, 302, 302),  # the shared article: every teacher's
    "teacher.model_writing": (LOGIN, 403, 403, 404, 404),
    "teacher.model_writing_status": (LOGIN, 403, 403, 404, 404),
    "teacher.cancel_model_writing": (LOGIN, 403, 403, 404, 404),
    "teacher.question_status": (LOGIN, 403, 403, 400, 400),  # an empty POST names no status
    "teacher.delete_article": (LOGIN, 403, 403, 302, 302),  # refused: its questions are in a quiz
    "teacher.edit_question": (LOGIN, 403, 403, 200, 200),
    "teacher.correct_article": (LOGIN, 403, 403, 200, 200),  # the shared article: every teacher's
    "teacher.cite_suggested_evidence": (LOGIN, 403, 403, 302, 302),  # refused with a message: nothing to fix
    "teacher.new_class": (LOGIN, 403, 403, 302, 302),
    "teacher.classroom": (LOGIN, 403, 403, 200, 404),
    "teacher.rename_classroom": (LOGIN, 403, 403, 302, 404),
    "teacher.renew_classroom_code": (LOGIN, 403, 403, 302, 404),
    "teacher.remove_classroom_student": (LOGIN, 403, 403, 302, 404),
    "teacher.student_history": (LOGIN, 403, 403, 200, 404),
    "teacher.new_quiz": (LOGIN, 403, 403, 200, 200),
    "teacher.quiz": (LOGIN, 403, 403, 200, 404),
    "teacher.gradebook_csv": (LOGIN, 403, 403, 200, 404),
    "teacher.analysis": (LOGIN, 403, 403, 200, 404),
    "teacher.analysis_csv": (LOGIN, 403, 403, 200, 404),
    "teacher.export_quiz": (LOGIN, 403, 403, 200, 404),
    "teacher.attempt_answers": (LOGIN, 403, 403, 200, 404),
    "teacher.quiz_settings": (LOGIN, 403, 403, 302, 404),  # an empty POST keeps the settings as they are
    "teacher.close_quiz": (LOGIN, 403, 403, 302, 404),
    "teacher.quiz_visibility": (LOGIN, 403, 403, 302, 404),
    "teacher.drop_question": (LOGIN, 403, 403, 302, 404),
    "teacher.restore_question": (LOGIN, 403, 403, 302, 404),
}


@pytest.fixture
def world(app):
    return build_world(app)


def build_world(app) -> dict:
    """A class with a quiz, a student mid-attempt, and people with no claim on either."""
    with app.app_context():
        teacher = make_user("teacher", role=Role.TEACHER)
        make_user("other_teacher", role=Role.TEACHER)
        student = make_user("student")
        other = make_user("other_student")
        classroom = create_class(teacher, "Class")
        for member in (student, other):
            db.session.add(Enrollment(classroom_id=classroom.id, user_id=member.id))
        db.session.commit()
        quiz = make_quiz(classroom=classroom)
        quiz.owner_id = teacher.id
        db.session.commit()
        attempt = attempts.start_attempt(student, quiz)
        answers.record_answer(attempt, quiz.items[0].question, "Paris")
        return {
            "slug": "marie-curie",
            "quiz_id": quiz.id,
            "attempt_id": attempt.id,
            "position": 1,
            "classroom_id": classroom.id,
            "user_id": student.id,
            "question_id": quiz.items[0].question.id,
            "fmt": "gift",
            "filename": "quizapp.css",
            "job_id": 1,
            "token": "no-such-invitation",
        }


def test_every_route_is_classified(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(EXPECTED), "classify new routes in EXPECTED"


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_who_may_see_what(app, world, role_index):
    role = ROLES[role_index]
    # One session per role. Taking the student out of the class comes late (it ends the teacher's
    # claim on them), and logging out last, since it ends the session.
    last = {"teacher.remove_classroom_student": 1, "auth.logout": 2}
    rules = sorted(app.url_map.iter_rules(), key=lambda r: (last.get(r.endpoint, 0), r.endpoint))
    client = app.test_client()
    if role != "anonymous":
        log_in(client, role)
    for rule in rules:
        with app.test_request_context():
            path = url_for(rule.endpoint, **{name: world[name] for name in rule.arguments})
        method = "get" if "GET" in rule.methods else "post"
        response = getattr(client, method)(path)
        expected = EXPECTED[rule.endpoint][role_index]
        if expected == LOGIN:
            assert response.status_code == 302 and "/login" in response.headers["Location"], (role, path)
        else:
            assert response.status_code == expected, (role, rule.endpoint, path, response.status_code)
        if response.status_code in (403, 404):
            body = response.get_data(as_text=True)
            assert "Paris" not in body and "Warsaw" not in body, (role, path)
        response.close()


def test_every_post_route_refuses_a_form_without_its_csrf_token(tmp_path):
    """A forged cross-site POST, to any route and by anyone logged in, is refused and changes nothing."""
    import re

    from sqlalchemy import func, select

    from .conftest import PASSWORD, make_app

    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    world = build_world(app)

    def row_counts() -> dict:
        with app.app_context():
            return {t.name: db.session.execute(select(func.count()).select_from(t)).scalar() for t in db.metadata.sorted_tables}

    before = row_counts()
    post_rules = [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods]
    assert any(rule.endpoint == "student.answer" for rule in post_rules)
    for role in ("anonymous", "student", "teacher"):
        client = app.test_client()
        if role != "anonymous":
            token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/login").get_data(as_text=True))
            logged_in = client.post("/login", data={"username": role, "password": PASSWORD, "csrf_token": token.group(1)})
            assert logged_in.status_code == 302
        for rule in post_rules:
            with app.test_request_context():
                path = url_for(rule.endpoint, **{name: world[name] for name in rule.arguments})
            # Every field a real form would send, but no token.
            response = client.post(path, data={"answer": "Warsaw", "status": "published", "name": "X", "code": "X"})
            assert response.status_code == 400, (role, rule.endpoint, response.status_code)
            assert "Your form expired" in response.get_data(as_text=True)
    assert row_counts() == before


def test_each_permission_rule_lists_exactly_what_its_check_allows(app):
    """The query filters of services/permissions.py and the one-row checks are the same rule."""
    from quizapp.models import Article, Quiz
    from quizapp.services import permissions
    from quizapp.services.classes import create_class, join_class

    with app.app_context():
        anne, bob = make_user("anne", role=Role.TEACHER), make_user("bob", role=Role.TEACHER)
        sam, tia = make_user("sam"), make_user("tia")
        anne_class = create_class(anne, "Anne's class")
        join_class(sam, anne_class.join_code)
        shared = make_quiz(title="Shared")  # no owner, no class: everyone's
        mine = make_quiz(classroom=anne_class, title="Anne's")
        mine.owner_id = anne.id
        hidden = make_quiz(classroom=anne_class, title="Hidden")
        hidden.owner_id, hidden.published = anne.id, False
        db.session.commit()
        articles = db.session.execute(db.select(Article)).scalars().all()
        articles[0].imported_by_id = bob.id
        db.session.commit()
        quizzes = [shared, mine, hidden]
        for teacher in (anne, bob):
            listed = set(db.session.execute(db.select(Quiz.id).where(permissions.quizzes_teacher_may_open(teacher))).scalars())
            assert listed == {q.id for q in quizzes if permissions.may_open(teacher, q)}
            listed = set(db.session.execute(db.select(Article.id).where(permissions.articles_teacher_may_edit(teacher))).scalars())
            assert listed == {a.id for a in articles if permissions.may_edit(teacher, a)}
        for student, expected in ((sam, {"Shared", "Anne's"}), (tia, {"Shared"})):
            listed = set(db.session.execute(db.select(Quiz.title).where(permissions.quizzes_student_may_see(student))).scalars())
            assert listed == expected == {q.title for q in quizzes if permissions.may_see_quiz(student, q)}
        assert permissions.teaches(anne, sam) and not permissions.teaches(anne, tia) and not permissions.teaches(bob, sam)
