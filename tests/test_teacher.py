"""Teachers: articles in, question review and authoring, classes, quizzes, gradebook, analysis, exports."""

import csv
import io
import re
import sqlite3
import tempfile
import zipfile
from contextlib import closing

import pytest
from werkzeug.test import encode_multipart  # the test client spools a large body to a file it never closes

from quizapp.articles import parse_article
from quizapp.extensions import db
from quizapp.models import Article, Classroom, Enrollment, Question, Quiz, Role, User

from .conftest import CURIE, CURIE_ORDER, SAMPLE_ARTICLE, count, curie_questions, log_in, make_quiz, make_user, ordering_fields


@pytest.fixture
def teacher_client(app, client):
    with app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
    log_in(client, "mrs_t")
    return client


def test_students_and_visitors_cannot_reach_teacher_pages(app, client):
    with app.app_context():
        make_user("sam")
    assert client.get("/teach/").status_code == 302  # anonymous: to the login page
    log_in(client, "sam")
    for url in ("/teach/", "/teach/articles/new", "/teach/quizzes/new", "/teach/articles/x/questions"):
        assert client.get(url).status_code == 403, url
    assert client.post("/teach/classes", data={"name": "Hack"}).status_code == 403
    with app.app_context():
        assert count(Classroom) == 0


def test_upload_an_article_generates_draft_questions_with_progress(app, teacher_client):
    data = {"file": (io.BytesIO(SAMPLE_ARTICLE.read_bytes()), "coup.txt"), "text": "", "title": ""}
    page = teacher_client.post("/teach/articles/new", data=data, content_type="multipart/form-data")
    assert page.is_streamed
    html = page.get_data(as_text=True)
    steps = re.findall(r"<li>(.*?)</li>", html.split('class="import-steps"')[1].split("</ol>")[0], re.S)
    assert steps[0].startswith("Read &#39;2021 Ukrainian coup attempt allegations&#39;: 17 passages in 5 sections")
    assert steps[1] == "Generating questions from the article&#39;s facts…"
    with app.app_context():
        questions = db.session.execute(db.select(Question)).scalars().all()
        assert questions and {q.status for q in questions} == {"draft"}
        assert steps[2] == f"Generated {len(questions)} questions, each citing its evidence."
        assert f"Imported 2021 Ukrainian coup attempt allegations: 17 passages, {len(questions)} questions" in html
        article = db.session.execute(db.select(Article)).scalar_one()
        assert article.imported_by_id is not None
    review = teacher_client.get("/teach/articles/2021-ukrainian-coup-attempt-allegations/questions").get_data(as_text=True)
    assert f"Drafts ({len(questions)})" in review


def test_a_web_page_saved_as_html_is_read_as_a_page_not_as_text_full_of_tags(app, teacher_client):
    page = (
        b"<!DOCTYPE html><html><head><title>Halden</title><script>steal()</script></head><body>"
        b"<h1>Halden Corn Exchange</h1><p>The hall opened in 1862 and burned down in 1909.</p>"
        b"<h2>History</h2><p>Grain was sold there until 1950, when the market moved to Brekke.</p></body></html>"
    )
    data = {"file": (io.BytesIO(page), "halden.html"), "text": "", "title": ""}
    teacher_client.post("/teach/articles/new", data=data, content_type="multipart/form-data").get_data()
    with app.app_context():
        article = db.session.execute(db.select(Article)).scalar_one()
        assert article.title == "Halden Corn Exchange"
        texts = [passage.text for passage in article.passages]
        assert texts == ["The hall opened in 1862 and burned down in 1909.", "Grain was sold there until 1950, when the market moved to Brekke."]
        assert [section.title for section in article.sections][-1:] == ["History"]


def test_a_changed_article_under_an_existing_title_is_refused_before_any_progress(app, teacher_client):
    teacher_client.post("/teach/articles/new", data={"text": CURIE, "title": ""}).get_data()  # runs the import
    with app.app_context():
        before = count(Question)
    page = teacher_client.post("/teach/articles/new", data={"text": CURIE.replace("1867", "1868"), "title": ""})
    html = page.get_data(as_text=True)
    assert "Nothing was imported." in html and "already exists with different text" in html
    # Refused on the form itself, before a progress list could say it was saving; with the way to correct it.
    assert "Saving" not in html and "Generating" not in html
    assert 'href="/teach/articles/marie-curie/correct"' in html
    with app.app_context():
        assert count(Article) == 1 and count(Question) == before


def test_pasted_html_is_reduced_to_text(app, teacher_client):
    html = (
        "<h1>The Moon</h1><script>alert('x')</script><p onclick='steal()'>The <b>Moon</b> orbits the Earth "
        "every 27.3 days.</p><h2>Landings</h2><p>Neil Armstrong walked on the Moon in July 1969.</p>"
    )
    teacher_client.post("/teach/articles/new", data={"text": html, "title": ""}).get_data()  # runs the import
    with app.app_context():
        article = db.session.execute(db.select(Article)).scalar_one()
        assert article.title == "The Moon"
        texts = [p.text for p in article.passages]
        assert texts == ["The Moon orbits the Earth every 27.3 days.", "Neil Armstrong walked on the Moon in July 1969."]
    page = teacher_client.get("/articles/the-moon").get_data(as_text=True)
    assert "alert(" not in page and "steal()" not in page


def test_a_drawing_left_unclosed_in_pasted_html_does_not_swallow_the_article(app, teacher_client):
    """An <svg> never closed ends where the next paragraph or heading starts, as browsers read it."""
    html = (
        "<h1>Tay Bridge</h1><p>The first Tay Bridge opened in 1878.</p><svg viewBox='0 0 9 9'><circle r='4'/>"
        "<text>a label</text><h2>Disaster</h2><p>The bridge fell in a storm on 28 December 1879.</p>"
    )
    teacher_client.post("/teach/articles/new", data={"text": html, "title": ""}).get_data()
    with app.app_context():
        article = db.session.execute(db.select(Article)).scalar_one()
        assert [p.text for p in article.passages] == [
            "The first Tay Bridge opened in 1878.", "The bridge fell in a storm on 28 December 1879."
        ]


def test_an_unclosed_element_hiding_most_of_a_paste_is_named_and_nothing_imported(app, teacher_client):
    paragraph = "<p>The bridge carried the railway across the Firth of Tay for nineteen months.</p>"
    html = "<h1>Tay Bridge</h1><p>Intro.</p><nav><ul><li>Menu</li></ul>" + paragraph * 5
    page = teacher_client.post("/teach/articles/new", data={"text": html, "title": ""}).get_data(as_text=True)
    assert "opens a &lt;nav&gt; element that is never closed" in page
    with app.app_context():
        assert count(Article) == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "", "title": ""}, "Upload one file, paste the text, or give a Wikipedia address"),
        ({"text": "= Only a title =\n\n== Empty ==\n", "title": ""}, "The article has no text"),
        ({"file": (io.BytesIO(b"\x00\x01\x02binary"), "x.txt"), "text": ""}, "binary data"),
        ({"file": (io.BytesIO("Caf\u00e9 au lait.".encode("latin-1")), "x.txt"), "text": ""}, "not valid UTF-8"),
        ({"file": (io.BytesIO(b"{not json"), "bank.json"), "text": ""}, "Nothing was imported"),
    ],
)
def test_bad_articles_get_a_clear_message_and_import_nothing(app, teacher_client, data, message):
    page = teacher_client.post("/teach/articles/new", data=data, content_type="multipart/form-data")
    assert page.status_code == 200
    assert message in page.get_data(as_text=True)
    with app.app_context():
        assert count(Article) == 0 and count(Question) == 0


def test_oversized_upload_is_refused(tmp_path):
    from .conftest import make_app

    app = make_app(tmp_path, MAX_CONTENT_LENGTH=1000)
    client = app.test_client()
    with app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
    log_in(client, "mrs_t")
    response = client.post(
        "/teach/articles/new",
        data={"file": (io.BytesIO(b"word " * 1000), "big.txt"), "text": ""},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "larger than quizapp accepts" in response.get_data(as_text=True)
    with app.app_context():
        assert count(Article) == 0


def test_review_shows_evidence_and_bulk_publishes(app, teacher_client):
    teacher_client.post("/teach/articles/new", data={"text": CURIE, "title": ""}).get_data()  # runs the import
    with app.app_context():
        ids = [q.id for q in db.session.execute(db.select(Question)).scalars()]
    assert ids
    page = teacher_client.get("/teach/articles/marie-curie/questions").get_data(as_text=True)
    assert '<mark class="evidence">' in page
    teacher_client.post(
        "/teach/articles/marie-curie/questions/status", data={"action": "published", "questions": ids[:2]}
    )
    with app.app_context():
        statuses = {q.id: q.status for q in db.session.execute(db.select(Question)).scalars()}
    assert [statuses[i] for i in ids[:2]] == ["published", "published"]
    assert all(statuses[i] == "draft" for i in ids[2:])
    # Nothing selected: a message, nothing changed.
    page = teacher_client.post(
        "/teach/articles/marie-curie/questions/status", data={"action": "rejected"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Select at least one question." in page


def _question_form(app, **overrides):
    with app.app_context():
        article = db.session.execute(db.select(Article).filter_by(slug="marie-curie")).scalar_one()
        passage_id = article.passages[0].id
    data = {
        "type": "multiple_choice",
        "prompt": "Where was Marie Curie born?",
        "choices": "Warsaw\nParis\nVienna\nBerlin",
        "answer": "Warsaw",
        "passage": passage_id,
        "evidence": "Marie Curie was born in Warsaw in 1867.",
    }
    data.update(overrides)
    return data


def test_add_a_question_by_hand_with_its_evidence(app, teacher_client):
    with app.app_context():
        make_quiz()  # imports the Curie article
        before = count(Question)
    page = teacher_client.post("/teach/articles/marie-curie/questions/new", data=_question_form(app), follow_redirects=True)
    assert "Question saved and published." in page.get_data(as_text=True)
    with app.app_context():
        assert count(Question) == before + 1
        question = db.session.execute(db.select(Question).filter_by(origin="teacher")).scalar_one()
        assert question.evidence == "Marie Curie was born in Warsaw in 1867."
        assert question.author.username == "mrs_t" and question.status == "published"


def test_question_types_have_the_same_labels_on_pages_and_in_the_form(app, teacher_client):
    with app.app_context():
        make_quiz()  # one Curie question of each of four types
    review = teacher_client.get("/teach/articles/marie-curie/questions?status=all").get_data(as_text=True)
    for label in ("Multiple choice", "Fill in the blank", "True or false", "In what order?"):
        assert f'<p class="question-type">{label} ·' in review
    form = teacher_client.get("/teach/articles/marie-curie/questions/new").get_data(as_text=True)
    options = re.findall(r'<option[^>]*value="(\w+)"[^>]*>([^<]+)</option>', form)
    assert options[:6] == [
        ("multiple_choice", "Multiple choice"),
        ("cloze", "Fill in the blank (typed answer)"),
        ("numeric", "Numeric answer (typed; ± a tolerance allowed)"),
        ("true_false", "True or false"),
        ("who_said", "Who said it?"),
        ("ordering", "In what order?"),
    ]
    with app.test_request_context():
        shown = app.jinja_env.from_string('{% from "macros.html" import type_label %}{{ type_label("short_answer") }}')
        assert shown.render() == "Short answer"  # a type the labels do not know is still readable


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"evidence": "Marie Curie was born in Kraków."}, "was not found there"),
        ({"answer": "Lyon", "choices": "Lyon\nParis\nVienna"}, "not in the cited evidence"),
        ({"choices": "Warsaw"}, "Give at least two choices"),
        ({"type": "true_false", "answer": "Maybe"}, "True or False"),
        ({"prompt": ""}, "This field is required."),
    ],
)
def test_a_question_without_a_valid_citation_cannot_be_saved(app, teacher_client, overrides, message):
    with app.app_context():
        make_quiz()
        before = count(Question)
    page = teacher_client.post("/teach/articles/marie-curie/questions/new", data=_question_form(app, **overrides))
    assert message in page.get_data(as_text=True)
    with app.app_context():
        assert count(Question) == before


def test_editing_keeps_the_source_link_valid(app, teacher_client):
    with app.app_context():
        make_quiz()
        question = db.session.execute(db.select(Question).filter_by(bank_id="born")).scalar_one()
        question_id, passage_id = question.id, question.passage_id
    form = {
        "type": "multiple_choice",
        "prompt": "In which city was Marie Curie born?",
        "choices": "Paris\nWarsaw\nKraków\nLyon",
        "answer": "Paris",  # no longer in the evidence
        "passage": passage_id,
        "evidence": "Marie Curie was born in Warsaw in 1867.",
    }
    page = teacher_client.post(f"/teach/questions/{question_id}/edit", data=form).get_data(as_text=True)
    assert "not in the cited evidence" in page
    with app.app_context():
        assert db.session.get(Question, question_id).answer == "Warsaw"
    form["answer"] = "Warsaw"
    form["prompt"] = "Which city was Marie Curie born in?"
    teacher_client.post(f"/teach/questions/{question_id}/edit", data=form)
    with app.app_context():
        assert db.session.get(Question, question_id).prompt == "Which city was Marie Curie born in?"
    # The edit form shows the stored question.
    assert "Which city was Marie Curie born in?" in teacher_client.get(f"/teach/questions/{question_id}/edit").get_data(as_text=True)


def test_editing_an_ordering_that_cites_two_passages_keeps_the_other_citation(app, teacher_client):
    with app.app_context():
        make_quiz()
        order = db.session.execute(db.select(Question).filter_by(bank_id="order")).scalar_one()
        question_id, passage_id, further = order.id, order.passage_id, list(order.also_cites)
        answer = list(order.answer)
    page = " ".join(teacher_client.get(f"/teach/questions/{question_id}/edit").get_data(as_text=True).split())
    assert "This question also cites other passages" in page
    assert "“She won the Nobel Prize in Physics in 1903.” (Introduction)." in page
    form = {
        "type": "ordering",
        "prompt": "In what order did these happen?",
        "answer": "\n".join(answer),
        "passage": passage_id,
        "evidence": "In 1911 Curie won a second Nobel Prize, in Chemistry. Curie died in 1934.",
    }
    assert teacher_client.post(f"/teach/questions/{question_id}/edit", data=form).status_code == 302
    with app.app_context():
        edited = db.session.get(Question, question_id)
        assert edited.prompt == "In what order did these happen?" and edited.also_cites == further
        assert [span.evidence for span in edited.citations][1] == "She won the Nobel Prize in Physics in 1903."
    # As a true/false statement it cites one span: the other passage's is dropped.
    form.update(type="true_false", prompt="True or false: Curie died in 1934.", answer="True",
                evidence="Curie died in 1934.")
    assert teacher_client.post(f"/teach/questions/{question_id}/edit", data=form).status_code == 302
    with app.app_context():
        edited = db.session.get(Question, question_id)
        assert (edited.type, edited.also_cites, edited.evidence) == ("true_false", [], "Curie died in 1934.")


def test_classes_quizzes_gradebook_and_analysis(app, teacher_client, client):
    page = teacher_client.post("/teach/classes", data={"name": "Year 10 <History>"}, follow_redirects=True)
    html = page.get_data(as_text=True)
    assert "Year 10 &lt;History&gt;" in html and "<History>" not in html
    with app.app_context():
        classroom = db.session.execute(db.select(Classroom)).scalar_one()
        classroom_id, code = classroom.id, classroom.join_code
        make_quiz(title="warm-up")  # imports and publishes the Curie questions
        question_ids = [q.id for q in db.session.execute(db.select(Question).order_by(Question.id)).scalars()]
    response = teacher_client.post(
        "/teach/quizzes/new",
        data={
            "title": "Curie check",
            "classroom": classroom_id,
            "questions": question_ids[:3],
            "random_count": 0,
            "feedback": "end",
            "max_attempts": 2,
        },
    )
    assert response.status_code == 302
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz).filter_by(title="Curie check")).scalar_one()
        quiz_id = quiz.id
        assert quiz.classroom_id == classroom_id and quiz.feedback == "end" and len(quiz.items) == 3
    # Before anyone has finished it, the analysis says so and shows no figure.
    empty = " ".join(teacher_client.get(f"/teach/quizzes/{quiz_id}/analysis").get_data(as_text=True).split())
    assert "No finished attempt yet" in empty and "Only 0" not in empty
    assert "Facility <strong>–</strong>" in empty and "–%" not in empty
    # Two students take it; one not in the class cannot see it.
    for name, answers in (("ana", ["Warsaw", "1903", "True"]), ("ben", ["Paris", "1903", "False"])):
        student = app.test_client()
        with app.app_context():
            make_user(name)
        log_in(student, name)
        student.post("/classes/join", data={"code": code})
        location = student.post(f"/quizzes/{quiz_id}/start").headers["Location"]
        attempt_id = int(location.split("/")[2])
        for position, given in enumerate(answers):
            student.post(f"/attempts/{attempt_id}/questions/{position}", data={"answer": given})
        student.post(f"/attempts/{attempt_id}/finish")
    gradebook = teacher_client.get(f"/teach/quizzes/{quiz_id}").get_data(as_text=True)
    assert "ana" in gradebook and "100%" in gradebook and "ben" in gradebook and "33%" in gradebook
    rows = list(csv.DictReader(io.StringIO(teacher_client.get(f"/teach/quizzes/{quiz_id}/gradebook.csv").get_data(as_text=True))))
    assert [(r["student"], r["best_percent"]) for r in rows] == [("ana", "100.0"), ("ben", "33.3")]
    analysis = teacher_client.get(f"/teach/quizzes/{quiz_id}/analysis").get_data(as_text=True)
    # Hardest first: the two questions ben missed (facility 50%) come before the one both got right.
    assert analysis.index("In which city was Marie Curie born?") < analysis.index("Nobel Prize in Physics in _____")
    assert "Facility <strong>50%</strong>" in analysis and "Facility <strong>100%</strong>" in analysis
    # Two students: the correlations are flagged as meaning little yet.
    assert "Only 2 attempts so far: discrimination and Cronbach α" in " ".join(analysis.split())
    items = list(csv.DictReader(io.StringIO(teacher_client.get(f"/teach/quizzes/{quiz_id}/analysis.csv").get_data(as_text=True))))
    assert [row["facility_percent"] for row in items] == ["50.0", "50.0", "100.0"]
    assert "Paris: 1" in items[0]["options"] or "Paris: 1" in items[1]["options"]


def test_a_teacher_sees_only_their_own_classes_and_quizzes(app, teacher_client):
    with app.app_context():
        other = make_user("mr_o", role=Role.TEACHER)
        from quizapp.services.classes import create_class

        their_class = create_class(other, "Other class")
        student = make_user("zoe")
        db.session.add(Enrollment(classroom_id=their_class.id, user_id=student.id))
        db.session.commit()
        quiz = make_quiz(classroom=their_class)
        quiz.owner_id = other.id
        db.session.commit()
        ids = (their_class.id, quiz.id, student.id)
    class_id, quiz_id, student_id = ids
    for url in (
        f"/teach/classes/{class_id}",
        f"/teach/quizzes/{quiz_id}",
        f"/teach/quizzes/{quiz_id}/analysis",
        f"/teach/quizzes/{quiz_id}/gradebook.csv",
        f"/teach/quizzes/{quiz_id}/export.gift",
        f"/teach/students/{student_id}",
    ):
        assert teacher_client.get(url).status_code == 404, url


def test_exports_carry_questions_and_sources(app, teacher_client):
    with app.app_context():
        quiz = make_quiz()
        quiz.owner_id = db.session.execute(db.select(User.id).filter_by(username="mrs_t")).scalar_one()
        db.session.commit()
        quiz_id = quiz.id
    gift = teacher_client.get(f"/teach/quizzes/{quiz_id}/export.gift")
    assert gift.status_code == 200 and "attachment" in gift.headers["Content-Disposition"]
    text = gift.get_data(as_text=True)
    assert "In which city was Marie Curie born?" in text and "=Warsaw" in text
    assert "Marie Curie was born in Warsaw in 1867." in text
    xml = teacher_client.get(f"/teach/quizzes/{quiz_id}/export.xml").get_data(as_text=True)
    assert '<question type="multichoice">' in xml and "truefalse" in xml
    apkg = teacher_client.get(f"/teach/quizzes/{quiz_id}/export.apkg")
    assert apkg.headers["Content-Disposition"] == f"attachment; filename=curie-quiz-{quiz_id}.apkg"
    package = zipfile.ZipFile(io.BytesIO(apkg.get_data()))
    assert "collection.anki2" in package.namelist()
    with tempfile.TemporaryDirectory() as folder:  # the notes are really in the package's database
        collection = package.extract("collection.anki2", folder)
        with closing(sqlite3.connect(collection)) as anki:
            assert anki.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == len(curie_questions())
    assert teacher_client.get(f"/teach/quizzes/{quiz_id}/export.pdf").status_code == 404


def test_one_question_can_be_published_or_rejected_from_its_card(app, teacher_client):
    teacher_client.post("/teach/articles/new", data={"text": CURIE, "title": ""}).get_data()  # runs the import
    with app.app_context():
        first, second = [q.id for q in db.session.execute(db.select(Question).order_by(Question.id)).scalars()][:2]
    page = teacher_client.get("/teach/articles/marie-curie/questions").get_data(as_text=True)
    assert f'formaction="/teach/questions/{first}/status?status=draft"' in page
    drafts_in_order = re.findall(r'id="question-(\d+)"', page)
    assert drafts_in_order[0] == str(first)
    response = teacher_client.post(f"/teach/questions/{first}/status?status=draft", data={"status": "published"})
    # It left the drafts: back at the draft that came after it, not at the top of the page.
    assert response.headers["Location"].endswith(f"/teach/articles/marie-curie/questions?status=draft#question-{drafts_in_order[1]}")
    # From the "all" tab it stays in view; the last draft published leaves no place to return to.
    response = teacher_client.post(f"/teach/questions/{first}/status?status=all", data={"status": "draft"})
    assert response.headers["Location"].endswith(f"?status=all#question-{first}")
    last = drafts_in_order[-1]
    response = teacher_client.post(f"/teach/questions/{last}/status?status=draft", data={"status": "published"})
    assert response.headers["Location"].endswith("/teach/articles/marie-curie/questions?status=draft")
    teacher_client.post(f"/teach/questions/{first}/status", data={"status": "published"})
    teacher_client.post(f"/teach/questions/{second}/status", data={"status": "rejected"})
    assert teacher_client.post(f"/teach/questions/{second}/status", data={"status": "deleted"}).status_code == 400
    with app.app_context():
        assert db.session.get(Question, first).status == "published"
        assert db.session.get(Question, second).status == "rejected"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"questions": []}, "Choose at least one question"),
        ({"title": ""}, "This field is required."),
        ({"opens_at": "2030-01-02T10:00", "closes_at": "2030-01-01T10:00"}, "The quiz must close after it opens."),
        ({"questions": [], "random_count": 3}, "Choose the articles, or the tags, to draw random questions from."),
        ({"questions": [], "random_count": 50, "random_articles": ["ARTICLE"]}, "Only 4 more published questions"),
        ({"max_attempts": 0}, "Number must be between 1 and 100."),
        ({"feedback": "never"}, "Not a valid choice"),
        ({"classroom": 0}, "Not a valid choice"),
    ],
)
def test_the_quiz_form_refuses_invalid_input_with_a_message(app, teacher_client, overrides, message):
    with app.app_context():
        from quizapp.services.classes import create_class

        teacher = db.session.execute(db.select(User).filter_by(username="mrs_t")).scalar_one()
        classroom_id = create_class(teacher, "Mine").id
        make_quiz(title="existing")
        question_ids = [q.id for q in db.session.execute(db.select(Question)).scalars()]
        article_id = db.session.execute(db.select(Article.id)).scalar_one()
        before = count(Quiz)
    data = {"title": "New", "classroom": classroom_id, "questions": question_ids[:2], "random_count": 0, "feedback": "immediate"}
    data.update(overrides)
    if data.get("random_articles") == ["ARTICLE"]:
        data["random_articles"] = [article_id]
    page = teacher_client.post("/teach/quizzes/new", data=data)
    assert page.status_code == 200
    assert message in page.get_data(as_text=True)
    with app.app_context():
        assert count(Quiz) == before


def test_the_class_form_refuses_an_empty_name(app, teacher_client):
    page = teacher_client.post("/teach/classes", data={"name": "   "}, follow_redirects=True)
    assert "Give the class a name" in page.get_data(as_text=True)
    with app.app_context():
        assert count(Classroom) == 0


def test_a_teacher_cannot_set_a_quiz_for_another_teachers_class(app, teacher_client):
    with app.app_context():
        from quizapp.services.classes import create_class

        other = make_user("mr_o", role=Role.TEACHER)
        their_class_id = create_class(other, "Theirs").id
        create_class(db.session.execute(db.select(User).filter_by(username="mrs_t")).scalar_one(), "Mine")
        make_quiz(title="existing")
        question_ids = [q.id for q in db.session.execute(db.select(Question)).scalars()]
        before = count(Quiz)
    page = teacher_client.post(
        "/teach/quizzes/new",
        data={"title": "Sneaky", "classroom": their_class_id, "questions": question_ids, "feedback": "immediate"},
    )
    assert "Not a valid choice" in page.get_data(as_text=True)
    with app.app_context():
        assert count(Quiz) == before


def test_a_teacher_without_classes_is_asked_to_create_one_first(app, teacher_client):
    page = teacher_client.get("/teach/quizzes/new").get_data(as_text=True)
    assert "Create a class</a> first" in page and "<form" not in page.split("<main")[1]


def test_the_dashboard_counts_each_articles_questions_by_status(app, teacher_client):
    from sqlalchemy import event

    from quizapp.articles import parse_article
    from quizapp.services.importing import import_article

    from .conftest import curie_questions

    with app.app_context():
        make_quiz()  # Marie Curie: four questions, published
        statuses = {"born": "draft", "died": "rejected"}
        for question in db.session.execute(db.select(Question).where(Question.bank_id.in_(statuses))).scalars():
            question.status = statuses[question.bank_id]
        db.session.commit()
        # The same passages under another title: the same four questions, left as drafts.
        import_article(parse_article(CURIE.replace("= Marie Curie =", "= Curie, a life =")), curie_questions())
        import_article(parse_article("= Empty =\n\nAn article with no questions at all.\n"), [])
        grouped = []

        def note(conn, cursor, statement, parameters, context, executemany):
            if "GROUP BY" in statement and "questions" in statement:
                grouped.append(statement)

        event.listen(db.engine, "before_cursor_execute", note)
        try:
            page = teacher_client.get("/teach/").get_data(as_text=True)
        finally:
            event.remove(db.engine, "before_cursor_execute", note)
    rows = {
        title: counts
        for title, *counts in re.findall(
            r'>([^<>]+)</a></td>\s*<td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">(\d+)</td>', page
        )
    }
    # draft, published, rejected
    assert rows == {"Marie Curie": ["1", "2", "1"], "Curie, a life": ["4", "0", "0"], "Empty": ["0", "0", "0"]}
    assert len(grouped) == 1  # one query for every article, not one per article


def test_a_teacher_edits_only_articles_they_imported_or_bundled_ones(app, teacher_client, client):
    teacher_client.post("/teach/articles/new", data={"text": CURIE, "title": ""}).get_data()  # runs the import
    with app.app_context():
        make_user("mr_o", role=Role.TEACHER)
        question_id = db.session.execute(db.select(Question.id)).scalars().first()
    other = app.test_client()
    log_in(other, "mr_o")
    assert other.get("/teach/articles/marie-curie/questions").status_code == 404
    assert other.get(f"/teach/questions/{question_id}/edit").status_code == 404
    assert other.post(f"/teach/questions/{question_id}/status", data={"status": "published"}).status_code == 404
    assert "Marie Curie" not in other.get("/teach/").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Question, question_id).status == "draft"


def test_delete_an_article_unless_its_questions_are_in_a_quiz(app, teacher_client):
    teacher_client.post("/teach/articles/new", data={"text": CURIE, "title": ""}).get_data()  # runs the import
    # Drafts under review are not listed for students yet.
    assert "Marie Curie" not in teacher_client.get("/").get_data(as_text=True)
    page = teacher_client.post("/teach/articles/marie-curie/delete", follow_redirects=True).get_data(as_text=True)
    assert "Deleted Marie Curie and its questions." in page
    with app.app_context():
        assert count(Article) == 0 and count(Question) == 0
        make_quiz()  # a bundled-style Curie article whose questions are in a quiz
    page = teacher_client.post("/teach/articles/marie-curie/delete", follow_redirects=True).get_data(as_text=True)
    assert "cannot be deleted: 4 of its questions are in quizzes" in page
    with app.app_context():
        assert count(Article) == 1 and count(Question) == 4


def test_only_the_articles_teacher_may_merge_a_question_bank_into_it(app, teacher_client):
    import json

    from quizapp.articles import parse_article
    from quizapp.generation import generate_questions
    from quizapp.generation.bank import dump_bank

    teacher_client.post("/teach/articles/new", data={"text": CURIE, "title": ""}).get_data()  # runs the import
    parsed = parse_article(CURIE)
    bank = dump_bank(parsed, generate_questions(parsed))
    bank["questions"][0]["prompt"] = "Rewritten by someone else: " + bank["questions"][0]["prompt"]
    with app.app_context():
        make_user("mr_o", role=Role.TEACHER)
        prompts = sorted(q.prompt for q in db.session.execute(db.select(Question)).scalars())
    other = app.test_client()
    log_in(other, "mr_o")
    upload = {"file": (io.BytesIO(json.dumps(bank).encode()), "marie-curie.json"), "text": ""}
    page = other.post("/teach/articles/new", data=upload, content_type="multipart/form-data").get_data(as_text=True)
    assert "imported by another teacher" in page and "Nothing was imported." in page
    with app.app_context():
        assert sorted(q.prompt for q in db.session.execute(db.select(Question)).scalars()) == prompts


# --- What a teacher testing the app ran into -----------------------------------------------------


def test_a_pasted_article_of_a_megabyte_imports(app, teacher_client):
    # Over Werkzeug's 500 kB default for one form field, well under the 5 MB the page promises.
    paragraph = "The slow river runs past the old mill and under the stone bridge. " * 60
    text = "\n\n".join(f"Paragraph {i}. {paragraph}" for i in range(260))
    assert 1_000_000 < len(text.encode()) < app.config["MAX_ARTICLE_BYTES"]
    boundary, multipart = encode_multipart({"text": text, "title": "The river"})
    for body in ({"data": multipart, "content_type": f"multipart/form-data; boundary={boundary}"}, {"data": {"text": text, "title": "The river"}}):
        with app.app_context():
            db.session.execute(db.delete(Article))
            db.session.commit()
        page = teacher_client.post("/teach/articles/new", **body)
        assert page.status_code == 200
        assert "Imported The river: 260 passages" in page.get_data(as_text=True)
        with app.app_context():
            assert db.session.execute(db.select(Article.title)).scalar_one() == "The river"


def test_the_form_field_limit_follows_a_raised_article_limit(tmp_path):
    from .conftest import make_app

    default = make_app(tmp_path)
    assert default.config["MAX_FORM_MEMORY_SIZE"] >= default.config["MAX_ARTICLE_BYTES"]
    raised = make_app(tmp_path, MAX_ARTICLE_BYTES=20_000_000, MAX_CONTENT_LENGTH=30_000_000, MAX_FORM_MEMORY_SIZE=500_000)
    assert raised.config["MAX_FORM_MEMORY_SIZE"] == 30_000_000


def test_too_large_page_says_the_limit_that_the_text_is_lost_and_links_back(tmp_path):
    from .conftest import make_app

    app = make_app(tmp_path, MAX_CONTENT_LENGTH=2 * 1024 * 1024)
    client = app.test_client()
    with app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
    log_in(client, "mrs_t")
    big = {"text": "word " * 500_000, "title": ""}
    boundary, multipart = encode_multipart(big)
    back_here = {"Referer": "http://localhost/teach/articles/new?from=dashboard"}
    response = client.post(
        "/teach/articles/new", data=multipart, content_type=f"multipart/form-data; boundary={boundary}", headers=back_here
    )
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "larger than quizapp accepts (2.0 MB at most" in page
    assert "any text you pasted is lost" in page
    assert 'href="/teach/articles/new?from=dashboard">Go back</a>' in page
    # A link back never leads to another site: the page the form was sent to instead.
    for referrer in ("https://evil.example/teach/", "http://localhost//evil.example/x", "javascript:alert(1)"):
        page = client.post("/teach/articles/new", data=big, headers={"Referer": referrer}).get_data(as_text=True)
        assert 'href="/teach/articles/new">Go back</a>' in page and "evil" not in page.split("<main")[1]
    with app.app_context():
        assert count(Article) == 0


def test_a_short_html_paste_is_read_as_html_and_no_questions_is_said_plainly(app, teacher_client):
    page = teacher_client.post("/teach/articles/new", data={"text": "<p>x</p><![foo[ y", "title": "Scraps"}).get_data(as_text=True)
    assert "No questions could be generated from this text:" in page
    assert "Imported Scraps: 1 passage, 0 questions." in page
    with app.app_context():
        article = db.session.execute(db.select(Article)).scalar_one()
        assert article.title == "Scraps" and [p.text for p in article.passages] == ["x"]
    # Plain text with a stray "<" is kept as text.
    teacher_client.post("/teach/articles/new", data={"text": "= Signs =\n\nIn 1990, 3 < 4 held as it does now.\n", "title": ""}).get_data()
    with app.app_context():
        signs = db.session.execute(db.select(Article).filter_by(slug="signs")).scalar_one()
        assert signs.passages[0].text == "In 1990, 3 < 4 held as it does now."


def _mrs_ts_class_quiz(class_name: str):
    """A class of mrs_t's and a Curie quiz of hers set to it (inside an app context)."""
    from quizapp.services.classes import create_class

    teacher = db.session.execute(db.select(User).filter_by(username="mrs_t")).scalar_one()
    classroom = create_class(teacher, class_name)
    quiz = make_quiz(classroom=classroom)
    quiz.owner_id = teacher.id
    return classroom, quiz


def _analysis_csv_of_a_discriminating_quiz(app, teacher_client):
    """A quiz whose first question only the weaker student gets right: discrimination -100."""
    from quizapp.services import answers, attempts

    with app.app_context():
        classroom, quiz = _mrs_ts_class_quiz("Class")
        db.session.commit()
        for name, given_answers in (("ana", ["Warsaw", "1066", "False"]), ("ben", ["Paris", "1903", "True"])):
            student = make_user(name)
            db.session.add(Enrollment(classroom_id=classroom.id, user_id=student.id))
            db.session.commit()
            attempt = attempts.start_attempt(student, quiz)
            for item, given in zip(quiz.items, given_answers):
                answers.record_answer(attempt, item.question, given)
            attempts.finish_attempt(attempt)
        quiz_id = quiz.id
    return teacher_client.get(f"/teach/quizzes/{quiz_id}/analysis.csv").get_data(as_text=True)


def test_item_analysis_csv_writes_negative_figures_as_numbers(app, teacher_client):
    rows = list(csv.DictReader(io.StringIO(_analysis_csv_of_a_discriminating_quiz(app, teacher_client))))
    born = next(row for row in rows if row["prompt"] == "In which city was Marie Curie born?")
    assert born["discrimination_index"] == "-100.0"
    assert not any(value.startswith("'-") for row in rows for value in row.values())


def test_deleting_an_article_asks_first_and_says_what_goes(tmp_path):
    from .conftest import make_app

    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
    login_form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_form).group(1)
    client.post("/login", data={"username": "mrs_t", "password": "correct horse battery", "csrf_token": token})
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/teach/articles/new").get_data(as_text=True)).group(1)
    client.post("/teach/articles/new", data={"text": CURIE, "title": "", "csrf_token": token}).get_data()
    with app.app_context():
        questions = count(Question)
    review = client.get("/teach/articles/marie-curie/questions").get_data(as_text=True)
    assert 'href="/teach/articles/marie-curie/delete"' in review  # a link to the confirmation, not a delete button
    confirm = client.get("/teach/articles/marie-curie/delete")
    assert confirm.status_code == 200
    page = confirm.get_data(as_text=True)
    said = " ".join(page.split())
    assert "Delete Marie Curie?" in said and f"its 2 passages and its {questions} questions ({questions} draft," in said
    with app.app_context():
        assert count(Article) == 1  # asking deletes nothing
    assert client.post("/teach/articles/marie-curie/delete").status_code == 400  # no token: refused
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    done = client.post("/teach/articles/marie-curie/delete", data={"csrf_token": token}, follow_redirects=True)
    assert "Deleted Marie Curie and its questions." in done.get_data(as_text=True)
    with app.app_context():
        assert count(Article) == 0 and count(Question) == 0


def test_deleting_an_article_whose_questions_are_in_a_quiz_is_refused_before_asking(app, teacher_client):
    with app.app_context():
        make_quiz()
    response = teacher_client.get("/teach/articles/marie-curie/delete")
    assert response.headers["Location"].endswith("/teach/articles/marie-curie/questions")
    page = teacher_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "cannot be deleted: 4 of its questions are in quizzes" in page
    with app.app_context():
        assert count(Article) == 1


def test_a_quiz_cannot_close_in_the_past(app, teacher_client):
    with app.app_context():
        from quizapp.services.classes import create_class

        teacher = db.session.execute(db.select(User).filter_by(username="mrs_t")).scalar_one()
        classroom_id = create_class(teacher, "Mine").id
        make_quiz(title="existing")
        question_ids = [q.id for q in db.session.execute(db.select(Question)).scalars()]
    data = {"title": "Late", "classroom": classroom_id, "questions": question_ids[:1], "feedback": "immediate",
            "closes_at": "2020-01-01T10:00"}  # fmt: skip
    page = teacher_client.post("/teach/quizzes/new", data=data).get_data(as_text=True)
    assert "The closing time has already passed: it is now" in page and "(UTC time)" in page
    with app.app_context():
        assert count(Quiz) == 1
    data["closes_at"] = "2999-01-01T10:00"
    page = teacher_client.post("/teach/quizzes/new", data=data, follow_redirects=True).get_data(as_text=True)
    assert "Quiz Late created with 1 question." in page


def _form_errors(page: str) -> list[str]:
    box = page.split("The question was not saved:", 1)[1].split("</div>", 1)[0]
    return [re.sub(r"\s+", " ", error).strip() for error in re.findall(r"<li>(.*?)</li>", box, re.S)]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"choices": "Paris\nVienna\nBerlin\nLyon"}, "The answer &#34;Warsaw&#34; is not one of the choices"),
        ({"prompt": "Was Marie Curie born in Warsaw?"}, "The question gives away its answer &#34;Warsaw&#34;"),
        ({"answer": "Lyon", "choices": "Lyon\nParis\nVienna"}, "The answer &#34;Lyon&#34; is not in the cited evidence"),
        ({"answer": "War", "choices": "War\nParis\nVienna"}, "The answer &#34;War&#34; must appear in the evidence as whole words"),
    ],
)
def test_question_form_problems_are_sentences_each_said_once(app, teacher_client, overrides, message):
    with app.app_context():
        make_quiz()
    page = teacher_client.post("/teach/articles/marie-curie/questions/new", data=_question_form(app, **overrides))
    errors = _form_errors(page.get_data(as_text=True))
    assert len(errors) == 1 and errors[0].startswith(message), errors
    assert errors[0][0].isupper() and errors[0].endswith(".")


def test_true_false_answers_are_accepted_in_any_case(app, teacher_client):
    with app.app_context():
        make_quiz()
        passage_id = db.session.execute(db.select(Article).filter_by(slug="marie-curie")).scalar_one().passages[1].id
    for typed, stored in (("false", "False"), ("TRUE", "True")):
        form = {"type": "true_false", "prompt": f"True or false ({typed}): Curie died in 1934.", "choices": "",
                "answer": typed, "passage": passage_id, "evidence": "Curie died in 1934."}  # fmt: skip
        page = teacher_client.post("/teach/articles/marie-curie/questions/new", data=form, follow_redirects=True)
        assert "Question saved and published." in page.get_data(as_text=True)
        with app.app_context():
            question = db.session.execute(db.select(Question).filter(Question.prompt.contains(f"({typed})"))).scalar_one()
            assert question.answer == stored and question.choices == ["True", "False"]


@pytest.mark.parametrize("evidence", ["Marie Curie was born in  Warsaw in 1867.", "Marie Curie was born\nin Warsaw\tin 1867. "])
def test_evidence_with_other_spacing_is_found_and_stored_as_the_passage_has_it(app, teacher_client, evidence):
    with app.app_context():
        make_quiz()
    page = teacher_client.post("/teach/articles/marie-curie/questions/new", data=_question_form(app, evidence=evidence), follow_redirects=True)
    assert "Question saved and published." in page.get_data(as_text=True)
    with app.app_context():
        question = db.session.execute(db.select(Question).filter_by(origin="teacher")).scalar_one()
        assert question.evidence == "Marie Curie was born in Warsaw in 1867."


def test_evidence_not_in_the_passage_says_how_it_must_be_copied(app, teacher_client):
    with app.app_context():
        make_quiz()
    page = teacher_client.post("/teach/articles/marie-curie/questions/new", data=_question_form(app, evidence="Marie Curie was born in Warsaw, 1867."))
    (error,) = _form_errors(page.get_data(as_text=True))
    assert "word for word and with the same punctuation (spaces and line breaks may differ)" in error


def test_counts_in_teacher_messages_are_worded_for_one_and_many(app, teacher_client):
    from quizapp.wording import plural

    assert [plural(1, "passage"), plural(0, "question"), plural(4026, "question")] == ["1 passage", "0 questions", "4,026 questions"]
    teacher_client.post("/teach/articles/new", data={"text": "= One =\n\nMarie Curie was born in Warsaw in 1867.\n", "title": ""}).get_data()
    with app.app_context():
        question_id = db.session.execute(db.select(Question.id)).scalars().first()
    page = teacher_client.post(
        "/teach/articles/one/questions/status", data={"action": "published", "questions": [question_id]}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Published 1 question." in page


def test_a_merged_question_bank_is_reported_once(app, teacher_client):
    import json

    from quizapp.articles import parse_article
    from quizapp.generation import generate_questions
    from quizapp.generation.bank import dump_bank

    teacher_client.post("/teach/articles/new", data={"text": CURIE, "title": ""}).get_data()  # runs the import
    parsed = parse_article(CURIE)
    bank = dump_bank(parsed, generate_questions(parsed))
    bank["questions"][0]["prompt"] = "Rewritten: " + bank["questions"][0]["prompt"]
    upload = {"file": (io.BytesIO(json.dumps(bank).encode()), "marie-curie.json"), "text": ""}
    page = teacher_client.post("/teach/articles/new", data=upload, content_type="multipart/form-data").get_data(as_text=True)
    assert page.count("question bank merged") == 1
    assert "question bank merged, 0 questions added, 1 updated" in page


def _answered(question_id: int, *attempts_by: str) -> None:
    """One finished attempt of the question's quiz per name given (a name given twice: two attempts)."""
    from quizapp.models import Attempt, QuizItem, Response, utcnow

    quiz_id = db.session.execute(db.select(QuizItem.quiz_id).filter_by(question_id=question_id)).scalars().first()
    for name in attempts_by:
        user = db.session.execute(db.select(User).filter_by(username=name)).scalar_one_or_none() or make_user(name)
        attempt = Attempt(quiz_id=quiz_id, user_id=user.id, finished_at=utcnow())
        attempt.responses = [Response(question_id=question_id, given="Warsaw", correct=True)]
        db.session.add(attempt)
    db.session.commit()


def test_editing_an_answered_question_says_their_reviews_keep_what_they_answered(app, teacher_client):
    with app.app_context():
        make_quiz()
        born = db.session.execute(db.select(Question).filter_by(bank_id="born")).scalar_one().id
        died = db.session.execute(db.select(Question).filter_by(bank_id="died")).scalar_one().id
        _answered(born, "ana", "ana", "ben")
        _answered(died, "ana")
    page = " ".join(teacher_client.get(f"/teach/questions/{born}/edit").get_data(as_text=True).split())
    notice = (
        "2 students have answered this question in 3 attempts. Their reviews keep the question as they answered it "
        "and their marks stand; the item analysis counts their answers together with answers to the new version."
    )
    assert notice in page and page.index(notice) < page.index('name="prompt"')
    page = teacher_client.get(f"/teach/questions/{died}/edit").get_data(as_text=True)
    assert "1 student has answered this question in 1 attempt." in page
    with app.app_context():
        physics = db.session.execute(db.select(Question).filter_by(bank_id="physics")).scalar_one().id
    assert "answered this question" not in teacher_client.get(f"/teach/questions/{physics}/edit").get_data(as_text=True)


def _teachers_quiz(title: str) -> int:
    quiz = make_quiz(title=title)
    quiz.owner_id = db.session.execute(db.select(User.id).filter_by(username="mrs_t")).scalar_one()
    db.session.commit()
    return quiz.id


def test_rejecting_a_question_in_a_quiz_says_which_quizzes_still_ask_it(app, teacher_client):
    with app.app_context():
        first, second = _teachers_quiz("Warm-up"), _teachers_quiz("Final test")
        born = db.session.execute(db.select(Question).filter_by(bank_id="born")).scalar_one().id
        died = db.session.execute(db.select(Question).filter_by(bank_id="died")).scalar_one().id
    page = teacher_client.post(f"/teach/questions/{born}/status", data={"status": "rejected"}, follow_redirects=True)
    message = page.get_data(as_text=True)
    assert "Rejected 1 question." in message
    assert "It is still asked in quiz &#39;Final test&#39; and quiz &#39;Warm-up&#39;:" in message
    page = teacher_client.post(
        "/teach/articles/marie-curie/questions/status", data={"action": "draft", "questions": [died]}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Returned to draft 1 question. It is still asked in quiz &#39;Final test&#39; and" in page
    with app.app_context():
        physics = db.session.execute(db.select(Question).filter_by(bank_id="physics")).scalar_one().id
    page = teacher_client.post(
        "/teach/articles/marie-curie/questions/status",
        data={"action": "rejected", "questions": [died, physics]},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Rejected 2 questions. 2 of them are still asked in quiz &#39;Final test&#39; and quiz &#39;Warm-up&#39;" in page
    with app.app_context():
        make_quiz(title="Someone else's")  # not this teacher's: counted, not named
    page = teacher_client.post(
        "/teach/articles/marie-curie/questions/status", data={"action": "draft", "questions": [physics]}, follow_redirects=True
    ).get_data(as_text=True)
    assert "It is still asked in quiz &#39;Final test&#39;, quiz &#39;Warm-up&#39; and 1 other quiz:" in page
    assert "Someone else" not in page
    # Publishing again says nothing of quizzes.
    page = teacher_client.post(f"/teach/questions/{born}/status", data={"status": "published"}, follow_redirects=True)
    assert "still asked" not in page.get_data(as_text=True)
    # The quiz page marks the items whose question is no longer published; the quiz keeps all four.
    quiz_page = teacher_client.get(f"/teach/quizzes/{second}").get_data(as_text=True)
    assert quiz_page.count("— still asked") == 2
    assert "rejected — still asked" in quiz_page and "back in draft — still asked" in quiz_page
    with app.app_context():
        assert len(db.session.get(Quiz, first).items) == 4


def test_rejecting_a_question_in_no_quiz_says_nothing_of_quizzes(app, teacher_client):
    teacher_client.post("/teach/articles/new", data={"text": CURIE, "title": ""}).get_data()  # runs the import
    with app.app_context():
        question_id = db.session.execute(db.select(Question.id)).scalars().first()
    page = teacher_client.post(f"/teach/questions/{question_id}/status", data={"status": "rejected"}, follow_redirects=True)
    assert "Rejected 1 question." in page.get_data(as_text=True) and "still asked" not in page.get_data(as_text=True)


def test_random_draw_lists_only_articles_with_published_questions(app, teacher_client):
    teacher_client.post("/teach/classes", data={"name": "Year 10"})
    with app.app_context():
        make_quiz()  # Curie: four published questions
        from quizapp.services.importing import import_article

        moon = parse_article("= The Moon =\n\nThe Moon orbits the Earth every 27.3 days.\n")
        import_article(moon, [], status="draft")
    page = teacher_client.get("/teach/quizzes/new").get_data(as_text=True)
    draw = page.split("draw questions at random")[1]
    assert "Marie Curie (4 published questions)" in draw
    assert "The Moon" not in draw


def test_the_passage_picker_leaves_out_references_and_the_like(app, teacher_client):
    text = (
        "= Marie Curie =\n\nMarie Curie was born in Warsaw in 1867.\n\n== See also ==\n\n- Pierre Curie\n\n"
        "== References ==\n\nCurie, Eve (1937). Madame Curie.\n\n== External links ==\n\n- Nobel Prize site\n"
    )
    teacher_client.post("/teach/articles/new", data={"text": text, "title": ""}).get_data()  # runs the import
    page = teacher_client.get("/teach/articles/marie-curie/questions/new").get_data(as_text=True)
    assert "Marie Curie was born in Warsaw in 1867." in page
    for left_out in ("Pierre Curie", "Madame Curie", "Nobel Prize site"):
        assert left_out not in page


def test_a_question_already_cited_to_a_references_passage_can_still_be_edited(app, teacher_client):
    text = "= Marie Curie =\n\nMarie Curie was born in Warsaw in 1867.\n\n== References ==\n\nCurie, Eve (1937). Madame Curie.\n"
    teacher_client.post("/teach/articles/new", data={"text": text, "title": ""}).get_data()  # runs the import
    with app.app_context():
        article = db.session.execute(db.select(Article)).scalar_one()
        cited = article.passages[-1]
        question = Question(
            article=article, bank_id="old", type="cloze", prompt="Eve Curie's book appeared in _____.", choices=[],
            answer="1937", passage=cited, evidence_start=0, evidence_end=len(cited.text), status="published",
        )
        db.session.add(question)
        db.session.commit()
        question_id, passage_id = question.id, cited.id
    page = teacher_client.get(f"/teach/questions/{question_id}/edit").get_data(as_text=True)
    assert f'<option selected value="{passage_id}">' in page
    form = {"type": "cloze", "prompt": "Eve Curie's biography appeared in _____.", "choices": "", "answer": "1937",
            "passage": passage_id, "evidence": "Curie, Eve (1937). Madame Curie."}
    teacher_client.post(f"/teach/questions/{question_id}/edit", data=form)
    with app.app_context():
        assert db.session.get(Question, question_id).prompt == "Eve Curie's biography appeared in _____."


def test_deleting_an_article_without_questions_does_not_mention_questions(app, teacher_client):
    from quizapp.services.importing import import_article

    with app.app_context():
        teacher = db.session.execute(db.select(User).filter_by(username="mrs_t")).scalar_one()
        import_article(parse_article("= Tiny =\n\nA short text with no facts at all.\n"), [], imported_by=teacher)
    confirm = " ".join(teacher_client.get("/teach/articles/tiny/delete").get_data(as_text=True).split())
    assert "it has no questions" in confirm
    assert ">Delete the article</button>" in confirm and "and its questions</button>" not in confirm
    done = teacher_client.post("/teach/articles/tiny/delete", follow_redirects=True).get_data(as_text=True)
    assert "Deleted Tiny." in done
    with app.app_context():
        assert count(Article) == 0


def test_a_dropped_question_is_no_longer_asked_or_scored_and_can_be_brought_back(app, teacher_client):
    from quizapp.models import Attempt, Response

    with app.app_context():
        quiz_id = _teachers_quiz("Curie check")
        born = db.session.execute(db.select(Question).filter_by(bank_id="born")).scalar_one().id
        make_user("ana")
        make_user("ben")
    ana, ben = app.test_client(), app.test_client()
    log_in(ana, "ana")
    log_in(ben, "ben")

    def start(student) -> int:
        return int(student.post(f"/quizzes/{quiz_id}/start").headers["Location"].split("/")[2])

    right = [{"answer": "Warsaw"}, {"answer": "1903"}, {"answer": "True"}, None]  # None: the events, as the page lists them

    def answer(student, attempt_id: int, position: int, data=None) -> None:
        path = f"/attempts/{attempt_id}/questions/{position}"
        data = data or right[position] or ordering_fields(student.get(path).get_data(as_text=True), CURIE_ORDER)
        student.post(path, data=data)

    finished = start(ana)
    for position in range(4):
        answer(ana, finished, position, {"answer": "Paris"} if position == 0 else None)
    ana.post(f"/attempts/{finished}/finish")
    ongoing = start(ben)
    answer(ben, ongoing, 1)

    def score(attempt_id: int) -> float:
        with app.app_context():
            return db.session.get(Attempt, attempt_id).score

    assert score(finished) == 0.75
    # Rejecting the question points the teacher to the quiz page, where it can be dropped.
    page = teacher_client.post(f"/teach/questions/{born}/status", data={"status": "rejected"}, follow_redirects=True)
    assert "drop it on the quiz&#39;s page" in page.get_data(as_text=True)
    page = teacher_client.post(f"/teach/quizzes/{quiz_id}/questions/0/drop", follow_redirects=True).get_data(as_text=True)
    assert "Dropped question 1. 1 finished attempt scored again." in page
    assert "4 questions" not in page and "3 questions (1 dropped)" in page and "Bring back</button>" in page
    assert score(finished) == 1.0  # 3 of the 3 questions still asked

    # The finished attempt's review keeps the dropped question and the answer given to it, marked.
    review = ana.get(f"/attempts/{finished}/review").get_data(as_text=True)
    assert "Score <strong>100%</strong>" in review and "(3 of 3)" in review
    assert "dropped by your teacher: not counted" in review and "Your answer: Paris" in review
    assert "dropped by your teacher" not in ana.get(f"/attempts/{finished}/review?only=missed").get_data(as_text=True)

    # The attempt in progress no longer asks it: not as a page, not as an answer, not in the count.
    asked = ben.get(f"/attempts/{ongoing}/questions/0", follow_redirects=True).get_data(as_text=True)
    assert "Your teacher has dropped this question from the quiz" in asked
    assert "Question 2 of 3" in asked  # the next unanswered one, numbered without the gap
    ben.post(f"/attempts/{ongoing}/questions/0", data=right[0])
    with app.app_context():
        assert db.session.execute(db.select(Response).filter_by(attempt_id=ongoing, question_id=born)).first() is None
    for position in (2, 3):
        answer(ben, ongoing, position)
    assert "You answered 3 of 3 questions." in ben.get(f"/attempts/{ongoing}/finish").get_data(as_text=True)
    ben.post(f"/attempts/{ongoing}/finish")
    assert score(ongoing) == 1.0
    assert "3 questions" in ben.get("/quizzes").get_data(as_text=True)

    # Exports and the item analysis leave it out; rejecting it again no longer names the quiz.
    assert "In which city was Marie Curie born?" not in teacher_client.get(f"/teach/quizzes/{quiz_id}/export.gift").get_data(as_text=True)
    analysis = teacher_client.get(f"/teach/quizzes/{quiz_id}/analysis").get_data(as_text=True)
    assert "In which city was Marie Curie born?" not in analysis
    assert "Q3 ·" in analysis and "Q4 ·" not in analysis  # numbered as the students see them
    assert '<li value="3">' in teacher_client.get(f"/teach/quizzes/{quiz_id}").get_data(as_text=True)
    page = teacher_client.post(f"/teach/questions/{born}/status", data={"status": "rejected"}, follow_redirects=True)
    assert "still asked" not in page.get_data(as_text=True)

    # Ben finished without ever being asked it: bringing it back would count it against him, so it is refused.
    page = teacher_client.post(f"/teach/quizzes/{quiz_id}/questions/0/restore", follow_redirects=True).get_data(as_text=True)
    assert "Students have finished the quiz without this question since you dropped it" in page
    assert score(finished) == 1.0 and score(ongoing) == 1.0


def test_a_question_dropped_by_mistake_comes_back_while_nobody_has_finished_without_it(app, teacher_client):
    from quizapp.models import Attempt

    with app.app_context():
        quiz_id = _teachers_quiz("Oops")
        make_user("ana")
    ana = app.test_client()
    log_in(ana, "ana")
    attempt_id = int(ana.post(f"/quizzes/{quiz_id}/start").headers["Location"].split("/")[2])
    ana.post(f"/attempts/{attempt_id}/questions/0", data={"answer": "Paris"})
    ana.post(f"/attempts/{attempt_id}/questions/1", data={"answer": "1903"})
    ana.post(f"/attempts/{attempt_id}/finish")
    teacher_client.post(f"/teach/quizzes/{quiz_id}/questions/0/drop")
    with app.app_context():
        assert round(db.session.get(Attempt, attempt_id).score, 3) == 0.333  # 1 of the 3 still asked
    page = teacher_client.post(f"/teach/quizzes/{quiz_id}/questions/0/restore", follow_redirects=True).get_data(as_text=True)
    assert "Brought back question 1. 1 finished attempt scored again." in page
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).score == 0.25


def test_a_quiz_cannot_drop_its_last_question(app, teacher_client):
    with app.app_context():
        quiz_id = _teachers_quiz("Short")
        positions = [item.position for item in db.session.get(Quiz, quiz_id).items]
    for position in positions[:-1]:
        teacher_client.post(f"/teach/quizzes/{quiz_id}/questions/{position}/drop")
    page = teacher_client.post(f"/teach/quizzes/{quiz_id}/questions/{positions[-1]}/drop", follow_redirects=True)
    assert "a quiz cannot drop all its questions" in page.get_data(as_text=True)
    assert teacher_client.post(f"/teach/quizzes/{quiz_id}/questions/99/drop", follow_redirects=True).status_code == 200
    with app.app_context():
        assert len(db.session.get(Quiz, quiz_id).asked_items) == 1


def test_a_shared_quiz_shows_each_teacher_their_own_students(app, teacher_client):
    from quizapp.services.classes import create_class, join_class

    with app.app_context():
        quiz_id = make_quiz(title="Sample quiz").id  # like the bundled one: no owner, open to all
        teacher = db.session.execute(db.select(User).filter_by(username="mrs_t")).scalar_one()
        classroom = create_class(teacher, "Physics 1")
        mine = make_user("mine")
        make_user("someone_else")  # a student in no class of hers
        join_class(mine, classroom.join_code)
        make_user("mr_x", role=Role.TEACHER)
    for name in ("mine", "someone_else"):
        student = app.test_client()
        log_in(student, name)
        attempt_id = int(student.post(f"/quizzes/{quiz_id}/start").headers["Location"].split("/")[2])
        student.post(f"/attempts/{attempt_id}/questions/0", data={"answer": "Warsaw"})
        student.post(f"/attempts/{attempt_id}/finish")

    dashboard = teacher_client.get("/teach/").get_data(as_text=True)
    assert "Sample quiz</a>" in dashboard and ">shared</span>" in dashboard
    page = teacher_client.get(f"/teach/quizzes/{quiz_id}").get_data(as_text=True)
    assert "A shared quiz, bundled with quizapp" in page
    assert ">mine</a>" in page and "someone_else" not in page  # only the teacher's own students
    with app.app_context():
        mine_id = db.session.execute(db.select(User.id).filter_by(username="mine")).scalar_one()
    assert "Sample quiz" in teacher_client.get(f"/teach/students/{mine_id}").get_data(as_text=True)
    # Another teacher opens it too, and sees none of these students.
    other_teacher = app.test_client()
    log_in(other_teacher, "mr_x")
    page = other_teacher.get(f"/teach/quizzes/{quiz_id}").get_data(as_text=True)
    assert "Sample quiz" in page and ">mine</a>" not in page and "No students yet." in page


def test_pasted_text_without_a_title_asks_for_one(app, teacher_client):
    nile = (
        "The Nile is the longest river in Africa. It flows north for about 6,650 kilometres.\n\n"
        "Its waters fed the farms of ancient Egypt, where the yearly flood came in late summer.\n"
    )
    page = teacher_client.post("/teach/articles/new", data={"text": nile, "title": ""}).get_data(as_text=True)
    assert "The text has no title. Type one in the Title box" in page
    with app.app_context():
        assert count(Article) == 0
    teacher_client.post("/teach/articles/new", data={"text": nile, "title": "The Nile"}).get_data()  # runs the import
    with app.app_context():
        assert db.session.execute(db.select(Article.title)).scalar_one() == "The Nile"


def test_a_teacher_sees_what_their_student_answered(app, teacher_client):
    from quizapp.services.classes import create_class, join_class

    with app.app_context():
        teacher = db.session.execute(db.select(User).filter_by(username="mrs_t")).scalar_one()
        classroom = create_class(teacher, "Chemistry")
        quiz_id = make_quiz(classroom=classroom).id
        join_class(make_user("ana"), classroom.join_code)
        ana_id = db.session.execute(db.select(User.id).filter_by(username="ana")).scalar_one()
    ana = teacher_client.application.test_client()
    log_in(ana, "ana")
    attempt_id = int(ana.post(f"/quizzes/{quiz_id}/start").headers["Location"].split("/")[2])
    ana.post(f"/attempts/{attempt_id}/questions/0", data={"answer": "Paris"})

    history = teacher_client.get(f"/teach/students/{ana_id}").get_data(as_text=True)
    assert f'href="/teach/attempts/{attempt_id}"' in history and "answers so far" in history
    page = " ".join(teacher_client.get(f"/teach/attempts/{attempt_id}").get_data(as_text=True).split())
    assert "in progress: the answers so far" in page
    assert "Their answer: Paris" in page and '<span class="tag wrong">wrong</span>' in page
    assert "Answer: <strong>Warsaw</strong>" in page and page.count("not answered") == 3
    ana.post(f"/attempts/{attempt_id}/finish")
    page = teacher_client.get(f"/teach/attempts/{attempt_id}").get_data(as_text=True)
    assert "Score <strong>0%</strong>" in page and "(0 of 4)" in page


def test_question_list_details_edit_returns_to_the_question_and_counts_agree_with_the_tab(app, teacher_client):
    from datetime import timedelta

    from quizapp.models import utcnow

    with app.app_context():
        quiz_id = _teachers_quiz("Old quiz")
        quiz = db.session.get(Quiz, quiz_id)
        quiz.closes_at = utcnow() - timedelta(hours=1)
        question = db.session.execute(db.select(Question).filter_by(bank_id="born")).scalar_one()
        question_id, passage_id = question.id, question.passage_id
        db.session.commit()
    form = {
        "type": "multiple_choice", "prompt": "Where was Marie Curie born?", "choices": "Paris\nWarsaw\nKraków\nLyon",
        "answer": "Warsaw", "passage": passage_id, "evidence": "Marie Curie was born in Warsaw in 1867.",
    }
    saved = teacher_client.post(f"/teach/questions/{question_id}/edit", data=form)
    assert saved.headers["Location"].endswith(f"#question-{question_id}")
    teacher_client.post(f"/teach/questions/{question_id}/status", data={"status": "rejected"})
    rejected_tab = " ".join(teacher_client.get("/teach/articles/marie-curie/questions?status=rejected").get_data(as_text=True).split())
    assert "<p class=\"muted\"> 1 multiple choice </p>" in rejected_tab
    published_tab = teacher_client.get("/teach/articles/marie-curie/questions?status=published").get_data(as_text=True)
    assert "multiple choice" not in published_tab.split('<nav class="tabs"')[0]
    assert "· closed " in teacher_client.get(f"/teach/quizzes/{quiz_id}").get_data(as_text=True)


def test_quiz_times_are_typed_and_shown_in_the_schools_time_zone(tmp_path):
    from quizapp.models import Quiz as QuizModel
    from quizapp.services.classes import create_class, join_class

    from .conftest import make_app

    app = make_app(tmp_path, TIMEZONE="Europe/Berlin")
    with app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        classroom = create_class(teacher, "Berlin class")
        make_quiz(title="existing")
        question_id = db.session.execute(db.select(Question.id)).scalars().first()
        join_class(make_user("sam"), classroom.join_code)
        classroom_id = classroom.id
    teacher_client = app.test_client()
    log_in(teacher_client, "mrs_t")
    form_page = teacher_client.get("/teach/quizzes/new").get_data(as_text=True)
    assert "Closes (Europe/Berlin time, optional)" in form_page
    data = {"title": "Winter quiz", "classroom": classroom_id, "questions": [question_id], "feedback": "immediate",
            "closes_at": "2999-01-15T10:00"}  # fmt: skip
    teacher_client.post("/teach/quizzes/new", data=data)
    with app.app_context():
        quiz = db.session.execute(db.select(QuizModel).filter_by(title="Winter quiz")).scalar_one()
        assert quiz.closes_at.hour == 9  # stored as UTC: Berlin is UTC+1 in January
        quiz_id = quiz.id
    assert "closes 15 Jan 2999 10:00 CET" in teacher_client.get(f"/teach/quizzes/{quiz_id}").get_data(as_text=True)
    student = app.test_client()
    log_in(student, "sam")
    assert "closes 15 Jan 2999 10:00 CET" in student.get("/quizzes").get_data(as_text=True)


def test_a_misspelt_time_zone_stops_the_start_with_a_message(tmp_path):
    from .conftest import make_app

    with pytest.raises(ValueError, match="'Europe/Berlni' is not a time zone name"):
        make_app(tmp_path, TIMEZONE="Europe/Berlni")


def test_a_teacher_renames_reschedules_closes_and_hides_a_quiz(app, teacher_client):
    from quizapp.models import Attempt

    with app.app_context():
        quiz_id = _teachers_quiz("Draft title")
        make_user("sam")
    student = app.test_client()
    log_in(student, "sam")
    attempt_id = int(student.post(f"/quizzes/{quiz_id}/start").headers["Location"].split("/")[2])
    student.post(f"/attempts/{attempt_id}/questions/0", data={"answer": "Warsaw"})

    page = teacher_client.get(f"/teach/quizzes/{quiz_id}").get_data(as_text=True)
    assert 'value="Draft title"' in page and "Close now</button>" in page
    bad = teacher_client.post(f"/teach/quizzes/{quiz_id}/settings", data={
        "title": "Curie, week 3", "opens_at": "2999-02-01T09:00", "closes_at": "2999-01-01T09:00"})
    assert bad.status_code == 400 and "The quiz must close after it opens." in bad.get_data(as_text=True)
    saved = teacher_client.post(f"/teach/quizzes/{quiz_id}/settings", data={
        "title": "Curie, week 3", "closes_at": "2999-01-01T09:00", "max_attempts": "2"}, follow_redirects=True)
    assert "Quiz settings saved." in saved.get_data(as_text=True)
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id)
        assert (quiz.title, quiz.max_attempts, quiz.closes_at.year) == ("Curie, week 3", 2, 2999)
    assert "Curie, week 3" in student.get("/quizzes").get_data(as_text=True)

    # Closing now finishes the open attempt at once, scored with its answers.
    closed = teacher_client.post(f"/teach/quizzes/{quiz_id}/close", follow_redirects=True).get_data(as_text=True)
    assert "1 open attempt finished and scored with the answers given." in closed
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.finished_at is not None and attempt.score == 0.25
    assert "Score <strong>25%</strong>" in student.get(f"/attempts/{attempt_id}", follow_redirects=True).get_data(as_text=True)

    # Hidden, students no longer see it or start it; an attempt under way goes on; attempts and scores stay.
    ben = app.test_client()
    with app.app_context():
        make_user("ben")
    log_in(ben, "ben")
    teacher_client.post(f"/teach/quizzes/{quiz_id}/visibility", data={"visible": "1"})
    teacher_client.post(f"/teach/quizzes/{quiz_id}/settings", data={"title": "Curie, week 3", "closes_at": "2999-01-01T09:00"})
    under_way = ben.post(f"/quizzes/{quiz_id}/start").headers["Location"]
    teacher_client.post(f"/teach/quizzes/{quiz_id}/visibility", data={"visible": "0"})
    assert ben.post(f"/quizzes/{quiz_id}/start").headers["Location"] == under_way  # Resume still works
    assert student.post(f"/quizzes/{quiz_id}/start").status_code == 404  # a new attempt does not
    assert "Curie, week 3" not in student.get("/quizzes").get_data(as_text=True)
    assert student.get(f"/attempts/{attempt_id}/review").status_code == 200
    teacher_client.post(f"/teach/quizzes/{quiz_id}/visibility", data={"visible": "1"})
    assert "Curie, week 3" in student.get("/quizzes").get_data(as_text=True)


def test_a_shared_quiz_cannot_be_changed_by_a_teacher(app, teacher_client):
    with app.app_context():
        quiz_id = make_quiz(title="Sample quiz").id  # no owner
    page = teacher_client.get(f"/teach/quizzes/{quiz_id}").get_data(as_text=True)
    assert "Close now" not in page and "Drop</button>" not in page
    for action in ("settings", "close", "visibility", "questions/0/drop"):
        assert teacher_client.post(f"/teach/quizzes/{quiz_id}/{action}", data={"title": "Mine now"}).status_code == 403
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id)
        assert quiz.title == "Sample quiz" and quiz.closes_at is None and quiz.published and not any(i.dropped_at for i in quiz.items)


def test_a_teacher_renames_a_class_renews_its_code_and_removes_a_student(app, teacher_client):
    from quizapp.models import Attempt
    from quizapp.services.classes import create_class, join_class

    with app.app_context():
        teacher = db.session.execute(db.select(User).filter_by(username="mrs_t")).scalar_one()
        classroom = create_class(teacher, "Year 10")
        old_code, classroom_id = classroom.join_code, classroom.id
        quiz = make_quiz(classroom=classroom, title="Class quiz")
        quiz.owner_id = teacher.id
        db.session.commit()
        quiz_id = quiz.id
        sam = make_user("sam")
        join_class(sam, old_code)
        sam_id = sam.id
    student = app.test_client()
    log_in(student, "sam")
    attempt_id = int(student.post(f"/quizzes/{quiz_id}/start").headers["Location"].split("/")[2])

    page = teacher_client.post(f"/teach/classes/{classroom_id}/rename", data={"name": "  Year 10   Physics "}, follow_redirects=True)
    assert "The class is now called Year 10 Physics." in page.get_data(as_text=True)
    page = teacher_client.post(f"/teach/classes/{classroom_id}/rename", data={"name": "   "}, follow_redirects=True)
    assert "Give the class a name" in page.get_data(as_text=True)
    page = teacher_client.post(f"/teach/classes/{classroom_id}/code", follow_redirects=True).get_data(as_text=True)
    with app.app_context():
        new_code = db.session.get(Classroom, classroom_id).join_code
    assert new_code != old_code and f"New join code: {new_code}." in page
    newcomer = app.test_client()
    with app.app_context():
        make_user("ben")
    log_in(newcomer, "ben")
    refused = newcomer.post("/classes/join", data={"code": old_code}, follow_redirects=True).get_data(as_text=True)
    assert "No class has that code" in refused

    page = teacher_client.post(f"/teach/classes/{classroom_id}/students/{sam_id}/remove", follow_redirects=True)
    assert "sam is no longer in Year 10 Physics." in page.get_data(as_text=True)
    assert "Class quiz" not in student.get("/quizzes").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Attempt, attempt_id) is not None  # the attempt stays
    # ... and so does the teacher's view of it: the gradebook, the history and the answers.
    assert ">sam</a>" in teacher_client.get(f"/teach/quizzes/{quiz_id}").get_data(as_text=True)
    assert "Class quiz" in teacher_client.get(f"/teach/students/{sam_id}").get_data(as_text=True)
    assert teacher_client.get(f"/teach/attempts/{attempt_id}").status_code == 200
    assert teacher_client.post(f"/teach/classes/{classroom_id}/students/{sam_id}/remove").status_code == 404


def test_a_refused_new_quiz_keeps_the_ticked_questions_in_view(app, teacher_client):
    from pathlib import Path

    from quizapp.services.classes import create_class
    from quizapp.services.importing import import_article

    with app.app_context():
        teacher = db.session.execute(db.select(User).filter_by(username="mrs_t")).scalar_one()
        classroom_id = create_class(teacher, "Mine").id
        make_quiz(title="existing")  # the Curie article: the first group, open anyway
        stink = import_article(parse_article((Path(__file__).parent / "articles" / "great-stink.txt").read_text()), status="published")
        ticked = stink.article.questions[0].id
    page = teacher_client.post(
        "/teach/quizzes/new", data={"title": "", "classroom": classroom_id, "questions": [ticked], "feedback": "immediate"}
    ).get_data(as_text=True)
    assert "<summary>Great Stink (" in page
    group = page.split("<summary>Great Stink (")[0].rsplit("<details", 1)[1]
    assert "open" in group and f'value="{ticked}" checked' in page


def test_editing_a_question_drops_the_generators_explanation_of_the_old_one(app, teacher_client):
    with app.app_context():
        make_quiz()
        question = db.session.execute(db.select(Question).filter_by(bank_id="died")).scalar_one()
        question.explanation = "The article says 1934, not 1935."
        question_id, passage_id = question.id, question.passage_id
        db.session.commit()
    form = {"type": "true_false", "prompt": "True or false: Curie died in 1934.", "answer": "True",
            "passage": passage_id, "evidence": "Curie died in 1934."}  # fmt: skip
    teacher_client.post(f"/teach/questions/{question_id}/edit", data=form)  # unchanged: the explanation stays
    with app.app_context():
        assert db.session.get(Question, question_id).explanation == "The article says 1934, not 1935."
    teacher_client.post(f"/teach/questions/{question_id}/edit", data={**form, "prompt": "True or false: Curie died in 1934, in France."})
    with app.app_context():
        assert db.session.get(Question, question_id).explanation == ""


def test_a_pasted_wikipedia_source_takes_the_typed_title_as_its_title(app, teacher_client):
    source = "'''Marie Curie''' was a [[physicist]].\n\n== Early life ==\nShe was born in Warsaw in 1867.\n"
    teacher_client.post("/teach/articles/new", data={"text": source, "title": "Marie Curie"}).get_data()
    with app.app_context():
        article = db.session.execute(db.select(Article)).scalar_one()
        assert article.title == "Marie Curie"
        assert [p.text for p in article.passages] == ["Marie Curie was a physicist.", "She was born in Warsaw in 1867."]


def test_times_the_clock_change_skips_or_repeats_are_refused_and_unchanged_ones_kept(tmp_path):
    from datetime import datetime

    from .conftest import make_app

    app = make_app(tmp_path, TIMEZONE="Europe/Berlin")
    with app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        quiz = make_quiz(title="Autumn")
        quiz.owner_id = teacher.id
        quiz.closes_at = datetime(2027, 10, 31, 0, 30)  # 02:30 summer time, the first of the two 02:30s
        db.session.commit()
        quiz_id = quiz.id
    client = app.test_client()
    log_in(client, "mrs_t")
    page = client.get(f"/teach/quizzes/{quiz_id}").get_data(as_text=True)
    assert 'value="2027-10-31T02:30"' in page
    saved = client.post(f"/teach/quizzes/{quiz_id}/settings", data={"title": "Autumn quiz", "closes_at": "2027-10-31T02:30"})
    assert saved.status_code == 302
    with app.app_context():
        assert db.session.get(Quiz, quiz_id).closes_at == datetime(2027, 10, 31, 0, 30)  # not moved an hour
    for typed, why in (("2027-03-28T02:30", "does not exist on that day"), ("2027-10-31T02:45", "happens twice on that day")):
        refused = client.post(f"/teach/quizzes/{quiz_id}/settings", data={"title": "Autumn quiz", "closes_at": typed})
        assert refused.status_code == 400 and why in refused.get_data(as_text=True)


def test_a_long_articles_questions_come_fifty_to_a_page(app, teacher_client):
    from quizapp.teacher.articles import QUESTIONS_PER_PAGE

    teacher_client.post("/teach/articles/new", data={"text": SAMPLE_ARTICLE.read_text(), "title": ""}).get_data()
    with app.app_context():
        article = db.session.execute(db.select(Article)).scalar_one()
        for n in range(QUESTIONS_PER_PAGE + 5 - len(article.questions)):  # enough drafts for two pages
            copy = Question(
                article_id=article.id, passage_id=article.questions[0].passage_id, bank_id=f"extra-{n}", type="cloze",
                prompt=f"Extra question {n} _____.", choices=[], answer=article.questions[0].answer,
                evidence_start=article.questions[0].evidence_start, evidence_end=article.questions[0].evidence_end,
            )
            db.session.add(copy)
        db.session.commit()
        slug = article.slug
        total = db.session.execute(db.select(db.func.count()).select_from(Question).filter_by(status="draft")).scalar()
    assert QUESTIONS_PER_PAGE < total <= 2 * QUESTIONS_PER_PAGE
    first = teacher_client.get(f"/teach/articles/{slug}/questions?status=draft").get_data(as_text=True)
    assert first.count('name="questions" value=') == QUESTIONS_PER_PAGE
    assert f"1–{QUESTIONS_PER_PAGE} of {total}" in first and 'rel="next"' in first and 'rel="prev"' not in first
    assert "Select all on this page" in first
    second = teacher_client.get(f"/teach/articles/{slug}/questions?status=draft&page=2").get_data(as_text=True)
    assert second.count('name="questions" value=') == total - QUESTIONS_PER_PAGE and 'rel="prev"' in second
    # The counts by type cover the whole tab, not the page.
    with app.app_context():
        cloze = db.session.execute(db.select(db.func.count()).select_from(Question).filter_by(type="cloze", status="draft")).scalar()
    assert cloze > QUESTIONS_PER_PAGE / 2 and f"{cloze} fill in the blank" in " ".join(first.split())
    # A page past the end shows none, not an error.
    assert teacher_client.get(f"/teach/articles/{slug}/questions?page=99").status_code == 200


def test_a_students_history_comes_fifty_attempts_to_a_page(app, teacher_client):
    from quizapp.services import attempts
    from quizapp.services.classes import join_class

    with app.app_context():
        classroom, quiz = _mrs_ts_class_quiz("Chemistry")
        ana = make_user("ana")
        join_class(ana, classroom.join_code)
        for _ in range(53):
            attempts.finish_attempt(attempts.start_attempt(ana, quiz))
        ana_id = ana.id
    first = teacher_client.get(f"/teach/students/{ana_id}").get_data(as_text=True)
    assert first.count(": the answers of this attempt<") == 50
    assert "1–50 of 53" in first and 'rel="next"' in first
    second = teacher_client.get(f"/teach/students/{ana_id}?page=2").get_data(as_text=True)
    assert second.count(": the answers of this attempt<") == 3 and 'rel="prev"' in second


def test_the_gradebook_comes_fifty_students_to_a_page(app, teacher_client):
    """Class members and other takers, by name, a page at a time; the CSV keeps every row; a shared
    quiz lists only the teacher's own students, on every page."""
    from quizapp.services import attempts
    from quizapp.services.classes import join_class

    with app.app_context():
        classroom, quiz = _mrs_ts_class_quiz("Chemistry")
        shared = make_quiz(title="Open to all")  # no owner, no class
        for n in range(80):
            student = make_user(f"pupil{n:02d}")
            if n % 2 == 0 or n % 3 == 0:
                join_class(student, classroom.join_code)  # members, some never start
            if n % 3 == 0:
                attempts.finish_attempt(attempts.start_attempt(student, quiz))
                attempts.finish_attempt(attempts.start_attempt(student, shared))
        stranger = make_user("zz_elsewhere")  # in no class of this teacher's
        attempts.finish_attempt(attempts.start_attempt(stranger, shared))
        quiz_id, shared_id = quiz.id, shared.id
    expected = sorted(f"pupil{n:02d}" for n in range(80) if n % 2 == 0 or n % 3 == 0)
    row = re.compile(r'<tr><td><a href="/teach/students/\d+">([^<]+)</a>')
    first = teacher_client.get(f"/teach/quizzes/{quiz_id}").get_data(as_text=True)
    second = teacher_client.get(f"/teach/quizzes/{quiz_id}?page=2").get_data(as_text=True)
    assert len(expected) > 50
    assert row.findall(first) == expected[:50] and row.findall(second) == expected[50:]
    assert f"1–50 of {len(expected)}" in first and 'rel="next"' in first and 'rel="prev"' in second
    assert f'href="/teach/quizzes/{quiz_id}?page=2#gradebook"' in first
    gradebook = teacher_client.get(f"/teach/quizzes/{quiz_id}/gradebook.csv").get_data(as_text=True)
    assert [r["student"] for r in csv.DictReader(io.StringIO(gradebook))] == expected

    shared_page = teacher_client.get(f"/teach/quizzes/{shared_id}").get_data(as_text=True)
    assert row.findall(shared_page) == sorted(f"pupil{n:02d}" for n in range(80) if n % 3 == 0)  # the teacher's own who took it
    assert "zz_elsewhere" not in shared_page


def test_draft_more_questions_adds_the_side_details_once_and_never_what_was_rejected_or_given_away(app, teacher_client):
    from quizapp.generation import generate_questions, validate_question
    from quizapp.generation.pipeline import MAX_QUESTIONS
    from quizapp.services.authoring import as_generated, stored_as_parsed
    from quizapp.services.importing import import_article

    from .test_generation_rubric import OBSERVATORY, SIDE_DETAILS

    with app.app_context():
        teacher = db.session.execute(db.select(User).filter_by(username="mrs_t")).scalar_one()
        article = import_article(parse_article(OBSERVATORY), imported_by=teacher).article
        slug, first = article.slug, {q.bank_id for q in article.questions}
        every = {q.id for q in generate_questions(stored_as_parsed(article), max_questions=MAX_QUESTIONS)}
    assert first < every  # by default the side details are left out

    def stored() -> dict[str, Question]:
        with app.app_context():
            return {q.bank_id: q for q in db.session.execute(db.select(Question)).scalars()}

    page = teacher_client.post(f"/teach/articles/{slug}/more-questions")
    assert page.status_code == 302 and page.location == f"/teach/articles/{slug}/questions?status=draft"
    assert f"{len(every - first)} more questions drafted" in teacher_client.get(page.location).get_data(as_text=True)
    after = stored()
    assert set(after) == every
    assert SIDE_DETAILS <= {q.answer for q in after.values() if isinstance(q.answer, str)}
    with app.app_context():
        parsed = stored_as_parsed(db.session.execute(db.select(Article)).scalar_one())
        for question in db.session.execute(db.select(Question)).scalars():
            assert question.status == "draft" and question.origin == "generator"
            assert validate_question(parsed, as_generated(question)) == [], question.prompt  # cited exactly

    # Asked again: nothing new, and said so.
    page = teacher_client.post(f"/teach/articles/{slug}/more-questions", follow_redirects=True)
    assert "every question quizapp can draft from it.</" in page.get_data(as_text=True)  # nothing rejected to mention
    assert set(stored()) == every

    # A rejected draft is not drafted again.
    with app.app_context():
        for question in db.session.execute(db.select(Question).where(Question.bank_id.not_in(first))).scalars():
            question.status = "rejected"
        db.session.commit()
    page = teacher_client.post(f"/teach/articles/{slug}/more-questions", follow_redirects=True)
    assert f"the {len(every - first)} questions you rejected stay rejected" in page.get_data(as_text=True)
    assert {q.status for bank_id, q in stored().items() if bank_id not in first} == {"rejected"}
    assert set(stored()) == every


def test_draft_more_questions_leaves_out_one_a_teachers_question_gives_away(app, teacher_client):
    from quizapp.services.importing import import_article

    from .test_generation_rubric import OBSERVATORY

    with app.app_context():
        teacher = db.session.execute(db.select(User).filter_by(username="mrs_t")).scalar_one()
        article = import_article(parse_article(OBSERVATORY), imported_by=teacher).article
        passage = next(p for p in article.passages if "Bergen Museum" in p.text)
        start = passage.text.index("The architect")
        db.session.add(Question(
            article_id=article.id, bank_id="by-hand", type="cloze", prompt="The architect _____ designed the Bergen Museum.",
            choices=[], answer="Arne Berg", passage=passage, evidence_start=start, evidence_end=passage.text.index(".", start) + 1,
            status="published", origin="teacher",
        ))  # fmt: skip
        db.session.commit()
        slug = article.slug
    teacher_client.post(f"/teach/articles/{slug}/more-questions")
    with app.app_context():
        answers = [q.answer for q in db.session.execute(db.select(Question)).scalars()]
    assert "Uppsala University" in answers  # drafted
    assert "Bergen Museum" not in answers  # the teacher's question names it


def test_a_pasted_text_without_headings_and_one_question_are_reported_in_plain_words(app, teacher_client):
    text = "Halden Corn Exchange opened in 1862 in Halden, a town in Norway, and burned down in 1909."
    html = " ".join(teacher_client.post("/teach/articles/new", data={"text": text, "title": "Halden Corn Exchange"}).get_data(as_text=True).split())
    assert "1 passage (no section headings)" in html and "0 sections" not in html
    with app.app_context():
        assert [q.answer for q in db.session.execute(db.select(Question)).scalars()] == ["1862"]
    assert "1 question generated as a draft." in html
