"""Students take quizzes, see each answer's source, resume, practise and follow their progress."""

import html
import re
from dataclasses import replace
from datetime import timedelta

import pytest

from quizapp.extensions import db
from quizapp.models import Attempt, Enrollment, Quiz, Response, ReviewCard, ReviewLog, Role, User, utcnow
from quizapp.services.classes import create_class

from .conftest import CURIE_ORDER, count, log_in, make_quiz, make_user, ordering_fields


@pytest.fixture
def quiz_id(app):
    with app.app_context():
        make_user("sam")
        return make_quiz().id


def start(client, quiz_id):
    response = client.post(f"/quizzes/{quiz_id}/start")
    assert response.status_code == 302
    return int(response.headers["Location"].split("/")[2])


RIGHT_ORDER = "the events in the right order"  # stands for the fields, which depend on the page's shuffle


def answer(client, attempt_id, position, data, follow=True):
    path = f"/attempts/{attempt_id}/questions/{position}"
    if data == RIGHT_ORDER:
        data = ordering_fields(client.get(path).get_data(as_text=True), CURIE_ORDER)
    return client.post(path, data=data, follow_redirects=follow)


ALL_RIGHT = [
    {"answer": "Warsaw"},
    {"answer": " 1903 "},
    {"answer": "True"},
    RIGHT_ORDER,
]


def test_anonymous_visitors_are_sent_to_log_in(client, quiz_id):
    response = client.get("/quizzes")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_take_a_quiz_with_immediate_feedback_and_sources(app, client, quiz_id):
    log_in(client, "sam")
    assert "Curie quiz" in client.get("/quizzes").get_data(as_text=True)
    attempt_id = start(client, quiz_id)
    page = client.get(f"/attempts/{attempt_id}", follow_redirects=True).get_data(as_text=True)
    assert "Question 1 of 4" in page and 'type="radio"' in page
    assert "In which city was Marie Curie born?" in page
    assert "Check answer</button>" in page and "once saved" not in page

    feedback = answer(client, attempt_id, 0, {"answer": "Paris"}).get_data(as_text=True)
    assert "Not quite." in feedback
    assert "The answer: <strong>Warsaw</strong>" in feedback
    assert '<mark class="evidence">Marie Curie was born in Warsaw in 1867.</mark>' in feedback
    link = re.search(r'Source: <a href="([^"]+)"', feedback).group(1).replace("&amp;", "&")
    assert link == f"/articles/marie-curie?evidence=intro-1:0-39&back=/attempts/{attempt_id}/questions/0#intro-1"

    # The evidence link opens the article at the passage with the same span marked, and a way back.
    article = client.get(link.split("#")[0]).get_data(as_text=True)
    assert '<mark class="evidence">Marie Curie was born in Warsaw in 1867.</mark>' in article
    assert f'<a href="/attempts/{attempt_id}/questions/0">← Back to where you were</a>' in article
    # ... at the top, and again beside the evidence, where the reader lands.
    evidence_passage = article.split('id="intro-1"')[1].split("</p>")[0]
    assert f'<a class="back-inline" href="/attempts/{attempt_id}/questions/0">← Back to where you were</a>' in evidence_passage
    assert "Imported from" not in article  # where a teacher's file came from is the teachers' business
    # A back link never leads off the site.
    offsite = client.get("/articles/marie-curie?back=https://evil.example/").get_data(as_text=True)
    assert "Back to where you were" not in offsite

    for position, data in enumerate(ALL_RIGHT[1:], start=1):
        page = answer(client, attempt_id, position, data).get_data(as_text=True)
        assert "Right." in page, position
    client.post(f"/attempts/{attempt_id}/finish")
    review = client.get(f"/attempts/{attempt_id}/review").get_data(as_text=True)
    assert "Score <strong>75%</strong>" in review
    # One evidence mark per cited span: the ordering question cites the Physics prize's year too.
    assert review.count('<mark class="evidence">') == 5
    assert '<mark class="evidence">She won the Nobel Prize in Physics in 1903.</mark>' in review
    also = re.search(r'Also cited: <a href="([^"]+)"', review).group(1).replace("&amp;", "&")
    physics_at = len("Marie Curie was born in Warsaw in 1867. ")
    assert also.startswith(f"/articles/marie-curie?evidence=intro-1:{physics_at}-{physics_at + 43}&back=") and also.endswith("#intro-1")
    article = client.get(also.split("#")[0]).get_data(as_text=True)
    assert '<mark class="evidence">She won the Nobel Prize in Physics in 1903.</mark>' in article
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.score == 0.75 and attempt.finished_at is not None


def test_feedback_at_the_end_hides_answers_until_finished(app, client):
    with app.app_context():
        make_user("sam")
        quiz_id = make_quiz(feedback="end").id
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    after = answer(client, attempt_id, 0, {"answer": "Paris"}).get_data(as_text=True)
    assert "Not quite." not in after and "Warsaw" not in after.split("Question 2 of 4")[0].split("<h1")[0]
    assert "Question 2 of 4" in after
    # The button saves, and says answers can change until the end, when the results come.
    assert "Save answer</button>" in after and "Check answer" not in after
    assert "can be changed until you finish; you'll see results at the end." in html.unescape(after)
    assert client.get(f"/attempts/{attempt_id}/questions/0").get_data(as_text=True).count("evidence") == 0
    # The review waits for the end.
    assert client.get(f"/attempts/{attempt_id}/review").status_code == 302
    client.post(f"/attempts/{attempt_id}/finish")
    review = client.get(f"/attempts/{attempt_id}/review").get_data(as_text=True)
    assert "Score <strong>0%</strong>" in review and "not answered" in review


def test_with_feedback_at_the_end_an_answer_can_be_changed_until_the_attempt_is_finished(app, client):
    with app.app_context():
        make_user("sam")
        quiz_id = make_quiz(feedback="end").id
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    answer(client, attempt_id, 0, {"answer": "Paris"})
    # Back on the question: the saved answer shown, and the form to change it, with it chosen.
    page = html.unescape(client.get(f"/attempts/{attempt_id}/questions/0").get_data(as_text=True))
    assert "Saved: <strong>Paris</strong>" in page and "Change answer</button>" in page
    assert re.search(r'<input checked id="answer-\d" name="answer" required type="radio" value="Paris">', page)
    answer(client, attempt_id, 0, {"answer": "Warsaw"})
    with app.app_context():
        responses = db.session.execute(db.select(Response).filter_by(attempt_id=attempt_id)).scalars().all()
        assert [(r.given, r.correct) for r in responses] == [("Warsaw", True)]  # one answer, the last one
    client.post(f"/attempts/{attempt_id}/finish")
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).score == 0.25
    # Submitted: nothing changes any more.
    late = answer(client, attempt_id, 0, {"answer": "Paris"}, follow=False)
    assert late.status_code == 302 and late.headers["Location"].endswith(f"/attempts/{attempt_id}/review")
    with app.app_context():
        assert db.session.execute(db.select(Response.given).filter_by(attempt_id=attempt_id)).scalars().all() == ["Warsaw"]
        assert db.session.get(Attempt, attempt_id).score == 0.25


def test_resume_goes_to_the_first_unanswered_question(app, client, quiz_id):
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    answer(client, attempt_id, 0, ALL_RIGHT[0])
    answer(client, attempt_id, 1, ALL_RIGHT[1])
    # The tab is closed; the student logs in again later and presses Resume.
    client.post("/logout")
    log_in(client, "sam")
    assert "Resume" in client.get("/quizzes").get_data(as_text=True)
    assert start(client, quiz_id) == attempt_id
    resumed = client.get(f"/attempts/{attempt_id}")
    assert resumed.headers["Location"].endswith(f"/attempts/{attempt_id}/questions/2")


def test_a_double_submitted_answer_counts_once(app, client, quiz_id):
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    answer(client, attempt_id, 0, {"answer": "Paris"}, follow=False)
    second = answer(client, attempt_id, 0, {"answer": "Warsaw"})
    assert "your first answer counts" in second.get_data(as_text=True)
    with app.app_context():
        responses = db.session.execute(db.select(Response).filter_by(attempt_id=attempt_id)).scalars().all()
        assert [(r.given, r.correct) for r in responses] == [("Paris", False)]
    client.post(f"/attempts/{attempt_id}/finish")
    with app.app_context():  # the practice card is reviewed once, with the answer that counts
        assert db.session.execute(db.select(ReviewLog.given)).scalars().all() == ["Paris"]


def test_answers_cannot_change_after_finishing(app, client, quiz_id):
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    client.post(f"/attempts/{attempt_id}/finish")
    late = answer(client, attempt_id, 0, ALL_RIGHT[0], follow=False)
    assert late.status_code == 302 and late.headers["Location"].endswith("/review")
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(Response.id))).scalar() == 0


def test_ordering_needs_distinct_positions(app, client, quiz_id):
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    page = answer(client, attempt_id, 3, {"item_0": "1", "item_1": "1", "item_2": "2"}).get_data(as_text=True)
    assert "Give each event a different position." in page
    wrong = ordering_fields(client.get(f"/attempts/{attempt_id}/questions/3").get_data(as_text=True), CURIE_ORDER[::-1])
    page = answer(client, attempt_id, 3, wrong).get_data(as_text=True)
    assert "Not quite." in page


@pytest.mark.parametrize(
    "data, unplaced",
    [
        ({}, [0, 1, 2]),
        ({"item_0": "", "item_1": "", "item_2": ""}, [0, 1, 2]),
        ({"item_0": "1"}, [1, 2]),
        ({"item_0": "2", "item_2": "1"}, [1]),
    ],
)
def test_ordering_with_missing_positions_says_so_and_marks_the_rows(app, client, quiz_id, data, unplaced):
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    page = answer(client, attempt_id, 3, data).get_data(as_text=True)
    assert page.count("Give every event a position.") == 1
    assert "Give each event a different position." not in page
    rows = re.findall(r'<div class="ordering-row( has-error)?">(.*?)</div>', page, re.S)
    assert [i for i, (error, _) in enumerate(rows) if error] == unplaced
    assert [i for i, (_, row) in enumerate(rows) if "Choose a position." in row] == unplaced
    assert [i for i, (_, row) in enumerate(rows) if 'aria-invalid="true"' in row] == unplaced
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(Response.id))).scalar() == 0


def test_ordering_with_a_shared_position_marks_the_rows_that_share_it(app, client, quiz_id):
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    page = answer(client, attempt_id, 3, {"item_0": "2", "item_1": "1", "item_2": "2"}).get_data(as_text=True)
    assert "Give each event a different position." in page and "Give every event a position." not in page
    rows = re.findall(r'<div class="ordering-row( has-error)?">', page)
    assert rows == [" has-error", "", " has-error"]


def test_the_stylesheet_shows_rows_in_error():
    from pathlib import Path

    css = (Path(__file__).resolve().parent.parent / "quizapp" / "static" / "quizapp.css").read_text()
    assert re.search(r"\.ordering-row\.has-error\s*\{[^}]*border", css)


def test_a_choice_left_unchosen_says_so(app, client, quiz_id):
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    page = answer(client, attempt_id, 0, {}).get_data(as_text=True)
    assert '<p class="field-error" role="alert">Choose one answer.</p>' in page
    assert '<fieldset class="choices has-error">' in page


def test_blank_and_forged_answers_are_refused(app, client, quiz_id):
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    blank = answer(client, attempt_id, 1, {"answer": "   "}).get_data(as_text=True)
    assert "Type an answer." in blank
    forged = answer(client, attempt_id, 0, {"answer": "Not a choice"}).get_data(as_text=True)
    assert "Not a valid choice" in forged
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(Response.id))).scalar() == 0


def test_another_students_attempt_is_not_found(app, client, quiz_id):
    with app.app_context():
        make_user("eve")
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    answer(client, attempt_id, 0, {"answer": "Paris"})
    client.post(f"/attempts/{attempt_id}/finish")
    client.post("/logout")
    log_in(client, "eve")
    for url in (
        f"/attempts/{attempt_id}",
        f"/attempts/{attempt_id}/questions/0",
        f"/attempts/{attempt_id}/review",
        f"/attempts/{attempt_id}/finish",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Paris" not in response.get_data(as_text=True)
    assert answer(client, attempt_id, 1, {"answer": "1903"}, follow=False).status_code == 404
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(Response.id))).scalar() == 1


def test_class_quizzes_need_the_class_code(app, client):
    with app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        make_user("sam")
        classroom = create_class(teacher, "Year 10 History")
        code = classroom.join_code
        quiz_id = make_quiz(classroom=classroom, title="Class quiz").id
    log_in(client, "sam")
    assert "Class quiz" not in client.get("/quizzes").get_data(as_text=True)
    assert client.post(f"/quizzes/{quiz_id}/start").status_code == 404
    wrong = client.post("/classes/join", data={"code": "NOPE1234"}).get_data(as_text=True)
    assert "No class has that code." in wrong
    joined = client.post("/classes/join", data={"code": f" {code[:4].lower()}-{code[4:]} "}, follow_redirects=True)
    assert "You joined Year 10 History." in joined.get_data(as_text=True)
    assert "Class quiz" in client.get("/quizzes").get_data(as_text=True)


def test_attempt_limit(app, client):
    with app.app_context():
        make_user("sam")
        quiz_id = make_quiz(max_attempts=1).id
    log_in(client, "sam")
    assert '<p class="hint">Your last attempt.</p>' in client.get("/quizzes").get_data(as_text=True)
    attempt_id = start(client, quiz_id)
    client.post(f"/attempts/{attempt_id}/finish")
    refused = client.post(f"/quizzes/{quiz_id}/start", follow_redirects=True).get_data(as_text=True)
    assert "You have used your only attempt." in refused
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(Attempt.id))).scalar() == 1


def test_practice_brings_back_missed_questions(app, client, quiz_id):
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    answer(client, attempt_id, 0, {"answer": "Paris"})  # wrong: rated Again
    answer(client, attempt_id, 1, ALL_RIGHT[1])  # right: rated Good
    with app.app_context():  # the answers are reviewed on their cards when the attempt is submitted
        assert db.session.execute(db.select(db.func.count(ReviewCard.id))).scalar() == 0
    client.post(f"/attempts/{attempt_id}/finish")
    with app.app_context():
        cards = {c.question.bank_id: c for c in db.session.execute(db.select(ReviewCard)).scalars()}
        assert cards["born"].due < cards["physics"].due
        assert cards["born"].lapses == 1 and cards["physics"].lapses == 0
        cards["born"].due = utcnow() - timedelta(minutes=1)
        card_id = cards["born"].id
        db.session.commit()
        shown_reviews = cards["born"].reviews  # the card's version, as the practice form carries it
    page = client.get("/practice").get_data(as_text=True)
    assert "In which city was Marie Curie born?" in page
    assert f'name="reviews" value="{shown_reviews}"' in page
    result = client.post("/practice", data={"card_id": card_id, "reviews": shown_reviews, "answer": "Warsaw"})
    assert "Right." in result.get_data(as_text=True)
    again = client.post(
        "/practice", data={"card_id": card_id, "reviews": shown_reviews, "answer": "Warsaw"}, follow_redirects=True
    )
    assert "already recorded" in again.get_data(as_text=True)
    with app.app_context():
        logs = db.session.execute(db.select(ReviewLog).order_by(ReviewLog.id)).scalars().all()
        assert [(log.context, log.correct) for log in logs] == [("quiz", False), ("quiz", True), ("practice", True)]
        card = db.session.get(ReviewCard, card_id)
        assert card.reviews == shown_reviews + 1 and card.due > utcnow()


def test_progress_page_and_mastery_on_the_article(app, client, quiz_id):
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    answer(client, attempt_id, 0, {"answer": "Paris"})
    answer(client, attempt_id, 2, ALL_RIGHT[2])
    client.post(f"/attempts/{attempt_id}/finish")
    page = client.get("/progress").get_data(as_text=True)
    assert "25%" in page and "<circle" in page
    today = utcnow()
    assert f"1 finished attempt on {today.day} {today:%b %Y}: first 25%, latest 25%, best 25%." in page
    assert f'class="axis date">{today.day} {today:%b}</text>' in page
    # One right answer is a start: still learning, not mastered (see the FSRS boundary tests below).
    assert "0 passages mastered" in page and "1 still learning" in page and "1 to revisit" in page
    assert "0 with questions not yet practised" in page and "What “mastered” means" in page
    article = client.get("/articles/marie-curie?mastery=1").get_data(as_text=True)
    assert 'id="intro-1" class="passage mastery-missed"><span class="mastery-badge missed">↻ to revisit</span>' in article
    assert 'id="later-life-1" class="passage mastery-learning"><span class="mastery-badge learning">… still learning</span>' in article


def reviewed_card(ratings_and_days):
    """A card reviewed with ``(rating, days after the start)`` in turn, as practice reviews it."""
    from datetime import UTC, datetime, timedelta

    from fsrs import Card

    from quizapp.services.practice import scheduler

    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    card = Card(card_id=1)
    for rating, days in ratings_and_days:
        card, _ = scheduler.review_card(card, rating, review_datetime=start + timedelta(days=days))
    return card, start


def test_mastery_is_a_stable_memory_not_one_right_answer_after_misses():
    from datetime import timedelta

    from fsrs import Rating

    from quizapp.services.progress import LEARNING, MASTERED, MASTERY_STABILITY_DAYS, MISSED, question_mastery

    # Three misses, then one right answer: learning, not mastered.
    card, start = reviewed_card([(Rating.Again, 0), (Rating.Again, 0.01), (Rating.Again, 1), (Rating.Good, 2)])
    assert question_mastery(card.to_dict(), True, (start + timedelta(days=2, minutes=1)).replace(tzinfo=None)) == LEARNING
    assert question_mastery(card.to_dict(), False, (start + timedelta(days=2, minutes=1)).replace(tzinfo=None)) == MISSED
    # Right at growing intervals: the card's stability passes a week, and recall right after is high.
    card, start = reviewed_card([(Rating.Good, 0), (Rating.Good, 0.01), (Rating.Good, 1), (Rating.Good, 4), (Rating.Good, 12)])
    assert card.stability >= MASTERY_STABILITY_DAYS
    just_after = (start + timedelta(days=12, hours=1)).replace(tzinfo=None)
    assert question_mastery(card.to_dict(), True, just_after) == MASTERED
    # Long unpractised, recall falls under 90%: to revisit.
    months_later = (start + timedelta(days=12 + 3 * card.stability)).replace(tzinfo=None)
    assert question_mastery(card.to_dict(), True, months_later) == MISSED


def test_the_mastery_boundary_is_a_week_of_stability():
    from datetime import timedelta

    from quizapp.services.progress import LEARNING, MASTERED, MASTERY_STABILITY_DAYS, question_mastery

    card, start = reviewed_card([])
    state = card.to_dict() | {"state": 2, "step": None, "difficulty": 5.0, "last_review": start.isoformat()}
    now = (start + timedelta(hours=1)).replace(tzinfo=None)  # recall still near 100%
    assert question_mastery(state | {"stability": MASTERY_STABILITY_DAYS}, True, now) == MASTERED
    assert question_mastery(state | {"stability": MASTERY_STABILITY_DAYS - 0.01}, True, now) == LEARNING
    assert question_mastery(state | {"state": 3, "stability": 30.0}, True, now) == LEARNING  # relearning after a lapse
    assert question_mastery(None, True, now) == LEARNING


def test_passages_without_published_questions_are_never_left_to_practise(app, quiz_id):
    from quizapp.models import Article, Question
    from quizapp.services.progress import unpractised_count

    with app.app_context():
        article = db.session.execute(db.select(Article)).scalar_one()
        assert unpractised_count(article, {}) == 2
        for question in db.session.execute(db.select(Question).filter(Question.bank_id.in_(["died", "order"]))).scalars():
            question.status = "rejected"  # later-life-1 keeps no published question
        db.session.commit()
        assert unpractised_count(article, {}) == 1


def test_the_score_chart_labels_the_first_middle_and_last_dates():
    from datetime import datetime
    from types import SimpleNamespace

    from quizapp.services.progress import score_chart

    quiz = SimpleNamespace(title="Curie")
    days = [datetime(2025, 12, 30), datetime(2026, 1, 2), datetime(2026, 1, 9), datetime(2026, 1, 20), None]
    attempts = [SimpleNamespace(quiz=quiz, finished_at=day, score=0.25 * i) for i, day in enumerate(days)]
    chart = score_chart(attempts, width=600)
    assert [label for _, label, _ in chart["ticks"]] == ["30 Dec 2025", "2 Jan 2026", "20 Jan 2026"]
    assert [anchor for _, _, anchor in chart["ticks"]] == ["start", "middle", "end"]
    assert chart["points"][0].x == chart["left"] and chart["points"][-1].x == chart["right"] <= 600
    assert chart["summary"] == "4 finished attempts from 30 Dec 2025 to 20 Jan 2026: first 0%, latest 75%, best 75%."
    assert score_chart(attempts[-1:]) == {}


def test_the_score_chart_draws_a_line_per_quiz_and_each_date_once():
    from datetime import datetime
    from types import SimpleNamespace

    from quizapp.services.progress import score_chart

    curie, stink = SimpleNamespace(title="Curie"), SimpleNamespace(title="Great Stink")
    same_day = [datetime(2026, 12, 7, hour) for hour in (9, 10, 11, 12)]
    attempts = [SimpleNamespace(quiz=quiz, finished_at=when, score=score)
                for quiz, when, score in zip((curie, stink, curie, stink), same_day, (0.5, 0.25, 1.0, 0.75))]
    chart = score_chart(attempts, width=600)
    assert [(line.title, [p.score for p in line.points]) for line in chart["series"]] == [("Curie", [0.5, 1.0]), ("Great Stink", [0.25, 0.75])]
    assert [line.style for line in chart["series"]] == [0, 1]
    assert [label for _, label, _ in chart["ticks"]] == ["7 Dec"]  # one day: its date once
    assert chart["summary"] == "4 finished attempts of 2 quizzes on 7 Dec 2026: first 50%, latest 75%, best 100%."


def test_an_attempt_open_when_the_quiz_closes_is_finished_with_its_answers(app, client, quiz_id):
    from quizapp.models import Quiz

    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    answer(client, attempt_id, 0, ALL_RIGHT[0])
    with app.app_context():
        db.session.get(Quiz, quiz_id).closes_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    late = answer(client, attempt_id, 1, ALL_RIGHT[1])
    page = late.get_data(as_text=True)
    assert "The quiz has closed: your answers up to then were saved and scored." in page
    assert "Score <strong>25%</strong>" in page
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.finished_at is not None and len(attempt.responses) == 1


def test_the_review_can_show_only_the_missed_questions(app, client, quiz_id):
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    answer(client, attempt_id, 0, {"answer": "Paris"})
    answer(client, attempt_id, 1, ALL_RIGHT[1])
    client.post(f"/attempts/{attempt_id}/finish")
    everything = client.get(f"/attempts/{attempt_id}/review").get_data(as_text=True)
    missed = client.get(f"/attempts/{attempt_id}/review?only=missed").get_data(as_text=True)
    assert everything.count('class="card review-item') == 4
    assert missed.count('class="card review-item') == 3  # one wrong, two not answered
    assert "Nobel Prize in Physics in _____" not in missed and "In which city was Marie Curie born?" in missed


def test_feedback_says_what_the_article_really_says(app, client, quiz_id):
    with app.app_context():
        from quizapp.models import Quiz

        question = db.session.get(Quiz, quiz_id).items[2].question
        question.prompt, question.answer = "True or false: Curie died in 1944.", "False"
        question.explanation = 'The article says "1934", not "1944".'
        db.session.commit()
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    page = answer(client, attempt_id, 2, {"answer": "True"}).get_data(as_text=True)
    assert "Not quite." in page
    assert '<div class="explanation">The article says &#34;1934&#34;, not &#34;1944&#34;.</div>' in page


def test_the_quiz_list_costs_the_same_queries_for_one_quiz_or_many(app, client):
    """Each quiz's attempts and questions are read with the others', not one query per quiz."""
    from sqlalchemy import event

    from quizapp.services import attempts

    with app.app_context():
        student = make_user("sam")
        first = make_quiz(title="First")
        attempts.start_attempt(student, first)
    log_in(client, "sam")

    def selects_for_quiz_list() -> int:
        statements = []

        def note(conn, cursor, statement, parameters, context, executemany):
            statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", note)
        try:
            page = client.get("/quizzes")
        finally:
            event.remove(engine, "before_cursor_execute", note)
        assert page.status_code == 200
        return sum(1 for s in statements if s.lstrip().upper().startswith("SELECT"))

    with_one = selects_for_quiz_list()
    with app.app_context():
        for title in ("Second", "Third", "Fourth"):
            attempts.start_attempt(db.session.merge(student), make_quiz(title=title))
    page = client.get("/quizzes").get_data(as_text=True)
    assert all(title in page for title in ("First", "Second", "Third", "Fourth"))
    assert selects_for_quiz_list() == with_one


def _edit_born_question(prompt: str, choices: list[str], answer: str) -> None:
    from quizapp.models import Question
    from quizapp.services.authoring import QuestionDraft, save_question

    question = db.session.execute(db.select(Question).filter_by(bank_id="born")).scalar_one()
    teacher = db.session.execute(db.select(User).filter_by(role=Role.TEACHER)).scalar_one_or_none() or make_user(
        "mrs_t", role=Role.TEACHER
    )
    draft = QuestionDraft("multiple_choice", prompt, choices, answer, question.passage, "Marie Curie was born in Warsaw in 1867.")
    save_question(question.article, draft, teacher, existing=question)


def test_editing_a_question_keeps_the_question_students_answered(app, client, quiz_id):
    from quizapp.models import Question, QuestionRevision

    log_in(client, "sam")
    first = start(client, quiz_id)
    answer(client, first, 0, {"answer": "Warsaw"})
    client.post(f"/attempts/{first}/finish")
    with app.app_context():
        _edit_born_question("In which year was Marie Curie born?", ["1867", "1868", "1903", "1911"], "1867")
        assert count(QuestionRevision) == 1
        _edit_born_question("In which year was Marie Curie born?", ["1867", "1868", "1903", "1911"], "1867")
        assert count(QuestionRevision) == 1  # saving without a change is not an edit

    # The finished attempt's review still shows the question as answered, its answer and its mark.
    review = client.get(f"/attempts/{first}/review").get_data(as_text=True)
    assert "In which city was Marie Curie born?" in review and "In which year" not in review
    assert "Answer: <strong>Warsaw</strong>" in review and "(1 of 4)" in review

    # A new attempt asks the corrected question; once answered, a later edit leaves its feedback alone.
    second = start(client, quiz_id)
    page = client.get(f"/attempts/{second}/questions/0").get_data(as_text=True)
    assert "In which year was Marie Curie born?" in page
    answer(client, second, 0, {"answer": "1867"})
    with app.app_context():
        _edit_born_question("When was Marie Curie born?", ["1867", "1868", "1903", "1911"], "1867")
        assert count(QuestionRevision) == 2
    feedback = client.get(f"/attempts/{second}/questions/0").get_data(as_text=True)
    assert "In which year was Marie Curie born?" in feedback and "Right." in feedback
    assert '<mark class="evidence">Marie Curie was born in Warsaw in 1867.</mark>' in feedback
    client.post(f"/attempts/{second}/finish")
    review = client.get(f"/attempts/{second}/review").get_data(as_text=True)
    assert "In which year was Marie Curie born?" in review and "When was" not in review
    assert "In which city" not in review
    # The first attempt still shows the first version.
    assert "In which city was Marie Curie born?" in client.get(f"/attempts/{first}/review").get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(db.select(Question.prompt).filter_by(bank_id="born")).scalar_one() == "When was Marie Curie born?"


def test_a_bank_reimport_keeps_the_question_students_answered(app, client, quiz_id):
    from quizapp.articles import parse_article
    from quizapp.models import QuestionRevision
    from quizapp.services.importing import import_article

    from .conftest import CURIE, curie_questions

    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    answer(client, attempt_id, 1, {"answer": "1903"})
    client.post(f"/attempts/{attempt_id}/finish")
    changed = [
        replace(q, prompt="In _____, Marie Curie won the Nobel Prize in Physics.") if q.id == "physics" else q
        for q in curie_questions()
    ]
    with app.app_context():
        result = import_article(parse_article(CURIE), changed, status="published", origin="bank")
        assert result.updated == 1 and count(QuestionRevision) == 1
    review = client.get(f"/attempts/{attempt_id}/review").get_data(as_text=True)
    assert "Marie Curie won the Nobel Prize in Physics in _____." in review and "In _____," not in review


def test_practise_what_you_missed_right_after_the_quiz(app, client, quiz_id):
    """Missed and unanswered questions can be practised at once; those answered right wait."""
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    answer(client, attempt_id, 0, {"answer": "Paris"})  # wrong
    answer(client, attempt_id, 1, ALL_RIGHT[1])  # right
    answer(client, attempt_id, 2, ALL_RIGHT[2])  # right; the ordering question is left unanswered
    client.post(f"/attempts/{attempt_id}/finish")
    client.post(f"/attempts/{attempt_id}/finish")  # a double click changes nothing
    with app.app_context():
        cards = {c.question.bank_id: c for c in db.session.execute(db.select(ReviewCard)).scalars()}
        assert set(cards) == {"born", "physics", "died", "order"}
        assert cards["order"].reviews == 0 and cards["order"].due <= utcnow()
    seen = set()
    for _ in range(4):
        page = client.get("/practice").get_data(as_text=True)
        if "Nothing to practise right now" in page:
            break
        card_id = int(re.search(r'name="card_id" value="(\d+)"', page).group(1))
        reviews = int(re.search(r'name="reviews" value="(\d+)"', page).group(1))
        with app.app_context():
            question = db.session.get(ReviewCard, card_id).question
            seen.add(question.bank_id)
        data = ALL_RIGHT[0] if question.bank_id == "born" else ordering_fields(page, CURIE_ORDER)
        verdict = client.post("/practice", data={"card_id": card_id, "reviews": reviews, **data}).get_data(as_text=True)
        assert "Right." in verdict  # the page's order of the events is the one the form is read in
    assert seen == {"born", "order"}  # the two missed, not the two answered right


def test_the_quiz_list_warns_before_using_attempts_and_puts_open_quizzes_first(app, client):
    with app.app_context():
        make_user("sam")
        closed = make_quiz(title="Last week's quiz")
        closed.closes_at = utcnow() - timedelta(days=1)
        make_quiz(title="Three tries", max_attempts=3)
        db.session.commit()
    log_in(client, "sam")
    page = " ".join(client.get("/quizzes").get_data(as_text=True).split())
    assert page.index("Three tries") < page.index("Last week&#39;s quiz")  # open first
    assert "Uses attempt 1 of 3." in page and "· closed " in page and "This quiz closed on" in page


def test_choices_and_events_come_in_an_order_of_each_attempts_own(app, client, quiz_id):
    """Neighbours see the options in different orders; a page and its form always agree."""
    log_in(client, "sam")
    orders = set()
    for _ in range(6):
        attempt_id = start(client, quiz_id)
        order = re.findall(r'type="radio" value="([^"]+)"', client.get(f"/attempts/{attempt_id}/questions/0").get_data(as_text=True))
        again = re.findall(r'type="radio" value="([^"]+)"', client.get(f"/attempts/{attempt_id}/questions/0").get_data(as_text=True))
        assert order == again  # the same attempt always shows the same order
        orders.add(tuple(order))
        assert "Right." in answer(client, attempt_id, 3, RIGHT_ORDER).get_data(as_text=True)
        client.post(f"/attempts/{attempt_id}/finish")
    assert len(orders) > 1 and all(sorted(order) == ["Kraków", "Lyon", "Paris", "Warsaw"] for order in orders)
    # True or false keeps its order.
    attempt_id = start(client, quiz_id)
    page = client.get(f"/attempts/{attempt_id}/questions/2").get_data(as_text=True)
    assert re.findall(r'type="radio" value="([^"]+)"', page) == ["True", "False"]


def test_a_review_leaves_out_what_was_never_asked_and_a_perfect_one_offers_no_practice(app, client, quiz_id):
    from quizapp.models import QuizItem

    with app.app_context():
        item = db.session.execute(db.select(QuizItem).filter_by(quiz_id=quiz_id, position=0)).scalar_one()
        item.dropped_at = utcnow()  # dropped before this student starts
        db.session.commit()
    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    for position in (1, 2, 3):
        answer(client, attempt_id, position, ALL_RIGHT[position])
    client.post(f"/attempts/{attempt_id}/finish")
    review = client.get(f"/attempts/{attempt_id}/review").get_data(as_text=True)
    assert "In which city was Marie Curie born?" not in review and "dropped by your teacher" not in review
    assert "(3 of 3)" in review and "Practise what you missed" not in review


def test_an_ordering_question_is_never_listed_in_its_right_order():
    from quizapp.shuffling import shuffled
    from quizapp.student.forms import attempt_shuffle

    events = ["first", "second", "third"]
    orders = {tuple(shuffled(events, attempt_shuffle(attempt_id, 7), avoid=events)) for attempt_id in range(300)}
    assert tuple(events) not in orders and len(orders) == 5  # every other order of three occurs


def test_scores_round_halves_up_and_a_lowered_limit_reads_as_used_up(app, client):
    from quizapp.wording import percent

    assert [percent(x) for x in (0.625, 0.875, 0.125, 1 / 3, 1.0)] == ["63%", "88%", "13%", "33%", "100%"]
    with app.app_context():
        make_user("sam")
        quiz = make_quiz(max_attempts=3, title="Limited")
        quiz_id = quiz.id
    log_in(client, "sam")
    for _ in range(2):
        client.post(f"/attempts/{start(client, quiz_id)}/finish")
    with app.app_context():
        db.session.get(Quiz, quiz_id).max_attempts = 1  # the teacher lowers the limit
        db.session.commit()
    page = client.get("/quizzes").get_data(as_text=True)
    assert "the only attempt used" in page and "2 of 1" not in page


def test_the_progress_page_lists_attempts_fifty_to_a_page(app, client, quiz_id):
    from quizapp.services import attempts

    with app.app_context():
        sam = db.session.execute(db.select(User).filter_by(username="sam")).scalar_one()  # made by the fixture
        quiz = db.session.get(Quiz, quiz_id)
        for _ in range(53):
            attempts.finish_attempt(attempts.start_attempt(sam, quiz))
    log_in(client, "sam")
    first = client.get("/progress").get_data(as_text=True)
    assert first.count(">Review</a>") == 50 and "1–50 of 53" in first and 'rel="next"' in first
    second = client.get("/progress?page=2").get_data(as_text=True)
    assert second.count(">Review</a>") == 3 and 'rel="prev"' in second


def test_review_options_decide_what_the_review_shows_after_the_attempt_and_after_the_quiz_closes(app, client):
    from quizapp.models import Classroom

    with app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        classroom = create_class(teacher, "Chemistry")
        make_user("sam")
        db.session.add(Enrollment(classroom_id=classroom.id, user_id=db.session.execute(db.select(User.id).filter_by(username="sam")).scalar_one()))
        db.session.commit()
        quiz = make_quiz(feedback="end", classroom=db.session.get(Classroom, classroom.id))
        quiz.owner_id, quiz.closes_at = teacher.id, utcnow() + timedelta(days=1)
        db.session.commit()
        quiz_id = quiz.id
    teacher_client = app.test_client()
    log_in(teacher_client, "mrs_t")
    # After the attempt: only whether right (and the score); after closing: everything.
    saved = teacher_client.post(f"/teach/quizzes/{quiz_id}/settings", data={
        "title": "Curie quiz", "closes_at": "2999-01-01T09:00", "review_options_sent": "1",
        "review_after_submit": ["correctness"], "review_after_close": ["correctness", "answer", "evidence"]})
    assert saved.status_code == 302
    # A forged option is refused and changes nothing.
    forged = teacher_client.post(f"/teach/quizzes/{quiz_id}/settings", data={
        "title": "Curie quiz", "review_options_sent": "1", "review_after_submit": ["everything"]})
    assert forged.status_code == 400
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id)
        assert (quiz.review_after_submit, quiz.review_after_close) == (["correctness"], ["correctness", "answer", "evidence"])

    log_in(client, "sam")
    attempt_id = start(client, quiz_id)
    answer(client, attempt_id, 0, {"answer": "Paris"})
    client.post(f"/attempts/{attempt_id}/finish")
    review = html.unescape(client.get(f"/attempts/{attempt_id}/review").get_data(as_text=True))
    assert "Score <strong>0%</strong>" in review and '<span class="tag wrong">wrong</span>' in review
    assert "Answer: <strong>Warsaw</strong>" not in review and 'class="evidence"' not in review
    assert "more once the quiz closes" in review

    # Nothing at all after the attempt: no score anywhere, not even on the progress page or the quiz list.
    with app.app_context():
        db.session.get(Quiz, quiz_id).review_after_submit = []
        db.session.commit()
    review = html.unescape(client.get(f"/attempts/{attempt_id}/review").get_data(as_text=True))
    assert "Score <strong>" not in review and '<span class="tag muted">answered</span>' in review and "Only the ones I missed" not in review
    assert "not shown yet" in client.get("/progress").get_data(as_text=True)
    assert "best score" not in client.get("/quizzes").get_data(as_text=True)

    # The quiz closes: the review shows everything.
    teacher_client.post(f"/teach/quizzes/{quiz_id}/close")
    review = html.unescape(client.get(f"/attempts/{attempt_id}/review").get_data(as_text=True))
    assert "Score <strong>0%</strong>" in review and "Answer: <strong>Warsaw</strong>" in review and 'class="evidence"' in review
