"""Tags on questions: set in bulk or in a question's form, filter the lists and the question bank,
and draw random questions for a quiz."""

from __future__ import annotations

import pytest

from quizapp.extensions import db
from quizapp.models import Question, QuestionTag, Quiz, Role
from quizapp.services.classes import create_class

from .conftest import CURIE, count, curie_questions, log_in, make_user


@pytest.fixture
def teacher(app, client):
    from quizapp.articles import parse_article
    from quizapp.services.importing import import_article

    with app.app_context():
        mrs_t = make_user("mrs_t", role=Role.TEACHER)
        article = import_article(parse_article(CURIE), curie_questions(), status="published", imported_by=mrs_t).article
        classroom = create_class(mrs_t, "Physics")
        ids = {q.bank_id: q.id for q in article.questions}
        ids["classroom"] = classroom.id
    log_in(client, "mrs_t")
    return ids


def tags_of(question_id: int) -> list[str]:
    return sorted(db.session.execute(db.select(QuestionTag.name).filter_by(question_id=question_id)).scalars())


def test_tagging_in_bulk_filters_the_list_and_the_tag_comes_off_again(app, client, teacher):
    chosen = [teacher["born"], teacher["died"]]
    response = client.post("/teach/articles/marie-curie/questions/status?status=published",
                           data={"questions": chosen, "action": "tag", "tag": "  Life  Events "}, follow_redirects=True)
    assert "Tagged 2 questions “life events”." in response.get_data(as_text=True)
    with app.app_context():
        assert [tags_of(i) for i in chosen] == [["life events"], ["life events"]] and tags_of(teacher["physics"]) == []
    listed = client.get("/teach/articles/marie-curie/questions?status=published&tag=life+events").get_data(as_text=True)
    assert "In which city was Marie Curie born?" in listed and "True or false: Curie died in 1934." in listed
    assert "Marie Curie won the Nobel Prize in Physics in _____." not in listed
    client.post("/teach/articles/marie-curie/questions/status?status=published", data={"questions": [teacher["born"]], "action": "untag", "tag": "life events"})
    with app.app_context():
        assert tags_of(teacher["born"]) == [] and tags_of(teacher["died"]) == ["life events"]


@pytest.mark.parametrize(("tag", "message"), [("", "A tag cannot be empty."), ("x" * 41, "40 characters at most"), ("<script>", "is not a usable tag")])
def test_a_bad_tag_changes_nothing(app, client, teacher, tag, message):
    page = client.post("/teach/articles/marie-curie/questions/status?status=published",
                       data={"questions": [teacher["born"]], "action": "tag", "tag": tag}, follow_redirects=True).get_data(as_text=True)
    assert message in page and "Nothing was changed." in page
    with app.app_context():
        assert count(QuestionTag) == 0


def test_the_question_form_sets_tags_once_each_and_refuses_a_bad_one(app, client, teacher):
    question_id = teacher["physics"]
    with app.app_context():
        q = db.session.get(Question, question_id)
        data = {"type": q.type, "prompt": q.prompt, "choices": "", "answer": q.answer, "passage": q.passage_id, "evidence": q.evidence}
    client.post(f"/teach/questions/{question_id}/edit", data={**data, "tags": "Nobel, physics, nobel"})
    with app.app_context():
        assert tags_of(question_id) == ["nobel", "physics"]
    assert 'value="nobel, physics"' in client.get(f"/teach/questions/{question_id}/edit").get_data(as_text=True)
    page = client.post(f"/teach/questions/{question_id}/edit", data={**data, "tags": "nobel, a|b"}).get_data(as_text=True)
    assert "is not a usable tag" in page
    with app.app_context():
        assert tags_of(question_id) == ["nobel", "physics"]


def test_the_question_bank_filters_across_articles_and_shows_only_the_teachers_own(app, client, teacher):
    client.post("/teach/articles/marie-curie/questions/status?status=published", data={"questions": [teacher["born"]], "action": "tag", "tag": "warsaw"})
    with app.app_context():
        make_user("mr_x", role=Role.TEACHER)
    bank = client.get("/teach/questions").get_data(as_text=True)
    assert "4 questions" in bank and "warsaw (1)" in bank
    assert "1 question" in client.get("/teach/questions?tag=warsaw").get_data(as_text=True)
    assert "1 question" in client.get("/teach/questions?type=ordering").get_data(as_text=True)
    assert "0 questions" in client.get("/teach/questions?status=draft").get_data(as_text=True)
    other = app.test_client()
    log_in(other, "mr_x")
    assert "0 questions" in other.get("/teach/questions").get_data(as_text=True)  # another teacher's article is not theirs


def test_a_quiz_draws_its_random_questions_from_a_tag(app, client, teacher):
    client.post("/teach/articles/marie-curie/questions/status?status=published",
                data={"questions": [teacher["physics"], teacher["died"]], "action": "tag", "tag": "exam"})
    builder = client.get("/teach/quizzes/new?tag=exam").get_data(as_text=True)
    assert "Marie Curie won the Nobel Prize in Physics in _____." in builder and "In which city was Marie Curie born?" not in builder
    base = {"title": "Exam", "classroom": teacher["classroom"], "feedback": "immediate", "random_tags": ["exam"]}
    refused = client.post("/teach/quizzes/new", data={**base, "random_count": 3}).get_data(as_text=True)
    assert "Only 2 more published questions are available with those tags." in refused
    client.post("/teach/quizzes/new", data={**base, "random_count": 2})
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz).filter_by(title="Exam")).scalar_one()
        assert {item.question_id for item in quiz.items} == {teacher["physics"], teacher["died"]}
        assert count(Question) == 4
