"""No lost answers: crashes roll back, concurrent writers don't collide, a killed server loses nothing."""

import sqlite3
import threading
import time

import pytest

from quizapp.extensions import db
from quizapp.models import Attempt, Response, ReviewCard, ReviewLog, User
from quizapp.services import answers, attempts, practice
from quizapp.services.backup import backup_database

from .conftest import PASSWORD, POSTGRES_URL, all_at_once, curie_questions, log_in, make_app, make_quiz, make_user
from .live import Browser, LiveServer


def test_a_crashed_request_leaves_no_half_written_rows(tmp_path, monkeypatch):
    """A Finish that fails after writing the score and the practice cards leaves none of it behind."""
    app = make_app(tmp_path, PROPAGATE_EXCEPTIONS=False)
    client = app.test_client()
    with app.app_context():
        make_user("sam")
        quiz_id = make_quiz().id
    log_in(client, "sam")
    attempt_id = int(client.post(f"/quizzes/{quiz_id}/start").headers["Location"].split("/")[2])
    client.post(f"/attempts/{attempt_id}/questions/0", data={"answer": "Warsaw"})

    def crash_after_the_other_writes(*args, **kwargs):
        raise RuntimeError("disk on fire")  # the claim, the score, the answer's card and its log are written by now

    monkeypatch.setattr(practice, "add_unanswered", crash_after_the_other_writes)
    response = client.post(f"/attempts/{attempt_id}/finish")
    assert response.status_code == 500
    assert "nothing was saved" in response.get_data(as_text=True)
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert (attempt.finished_at, attempt.score) == (None, None)
        assert db.session.execute(db.select(db.func.count(Response.id))).scalar() == 1  # the answer given before stays
        assert db.session.execute(db.select(db.func.count(ReviewLog.id))).scalar() == 0
        assert db.session.execute(db.select(db.func.count(ReviewCard.id))).scalar() == 0
    monkeypatch.undo()
    review = client.post(f"/attempts/{attempt_id}/finish", follow_redirects=True).get_data(as_text=True)
    assert "1 of" in review
    with app.app_context():
        assert db.session.execute(db.select(ReviewLog.correct)).scalars().all() == [True]
        assert db.session.execute(db.select(db.func.count(ReviewCard.id))).scalar() == len(curie_questions())


def test_concurrent_answers_are_all_stored_exactly_once(app):
    """Eight students answer at the same moment, each twice (a double click): one row per answer."""
    with app.app_context():
        quiz = make_quiz()
        users = [make_user(f"student{i}") for i in range(8)]
        attempt_ids = [attempts.start_attempt(user, quiz).id for user in users]
        items = [(item.question_id, item.question.answer) for item in quiz.items]

    def answer_all(attempt_id):
        with app.app_context():
            attempt = db.session.get(Attempt, attempt_id)
            for question_id, answer in items:
                question = next(i.question for i in attempt.quiz.items if i.question_id == question_id)
                answers.record_answer(attempt, question, answer)

    results = all_at_once([lambda a=attempt_id: answer_all(a) for attempt_id in attempt_ids for _ in range(2)])
    assert not [r for r in results if isinstance(r, Exception)]
    with app.app_context():
        rows = db.session.execute(db.select(Response.attempt_id, Response.question_id)).all()
        assert len(rows) == len(set(rows)) == len(attempt_ids) * len(items)

    def finish(attempt_id):  # every student submits at the same moment: one review per answer
        with app.app_context():
            attempts.finish_attempt(db.session.get(Attempt, attempt_id))

    results = all_at_once([lambda a=attempt_id: finish(a) for attempt_id in attempt_ids])
    assert not [r for r in results if isinstance(r, Exception)]
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(ReviewLog.id))).scalar() == len(rows)
        assert db.session.execute(db.select(db.func.sum(ReviewCard.reviews))).scalar() == len(rows)


def _practise(app, card_id: int, shown: int, outcomes: list) -> None:
    """A practice review of the card as shown after ``shown`` reviews; "stored" or "refused" goes to ``outcomes``."""
    with app.app_context():
        try:
            practice.practise(db.session.get(ReviewCard, card_id), shown, "Paris")
            outcomes.append("stored")
        except practice.AlreadyReviewed:
            outcomes.append("refused")


def _card_reviews_and_log(app, card_id: int) -> tuple[int, int]:
    """The card's review count and the number of review log rows of its question: always equal."""
    with app.app_context():
        card = db.session.get(ReviewCard, card_id)
        logged = db.session.execute(db.select(db.func.count(ReviewLog.id)).filter_by(question_id=card.question_id)).scalar()
        return card.reviews, logged


def test_a_practice_review_racing_a_finish_is_never_lost(app):
    """A student practises a card while submitting an attempt that answers the same question:
    every review is either on the card or refused, so the card's review count equals its log."""
    with app.app_context():
        quiz = make_quiz()
        student = make_user("sam")
        question = quiz.items[0].question
        attempts.finish_attempt(attempts.start_attempt(student, quiz))  # a card for every question
        card_id = db.session.execute(db.select(ReviewCard.id).filter_by(question_id=question.id)).scalar_one()
    outcomes = []
    for _ in range(20):
        with app.app_context():
            quiz, student = db.session.merge(quiz), db.session.merge(student)
            attempt = attempts.start_attempt(student, quiz)
            answers.record_answer(attempt, db.session.get(type(question), question.id), "Warsaw")
            attempt_id, shown = attempt.id, db.session.get(ReviewCard, card_id).reviews

        def finish():
            with app.app_context():
                attempts.finish_attempt(db.session.get(Attempt, attempt_id))

        results = all_at_once([finish, lambda: _practise(app, card_id, shown, outcomes)])
        assert not [r for r in results if isinstance(r, Exception)]
        reviews, logged = _card_reviews_and_log(app, card_id)
        assert reviews == logged
    assert len(outcomes) == 20


def test_a_practice_review_between_a_finishs_card_read_and_its_write_is_not_overwritten(app):
    """The interleaving the race above hits only sometimes, forced: the Finish reads the card, a
    practice review of it tries to land, then the Finish writes. The practice review must wait
    for the Finish (the card is locked, or on SQLite the database) and then be refused, or land
    before the read; it must never be overwritten."""
    from sqlalchemy import event

    with app.app_context():
        quiz = make_quiz()
        student = make_user("sam")
        question = quiz.items[0].question
        attempts.finish_attempt(attempts.start_attempt(student, quiz))  # a card for every question
        card_id = db.session.execute(db.select(ReviewCard.id).filter_by(question_id=question.id)).scalar_one()
        attempt = attempts.start_attempt(student, quiz)
        answers.record_answer(attempt, question, "Warsaw")
        attempt_id, shown = attempt.id, db.session.get(ReviewCard, card_id).reviews
        engine = db.engine
    outcome = []

    finishing = threading.current_thread()
    practising = threading.Thread(target=_practise, args=(app, card_id, shown, outcome))

    def after_the_cards_are_read(conn, cursor, statement, parameters, context, executemany):
        if threading.current_thread() is finishing and statement.lstrip().startswith("SELECT review_cards.id"):
            practising.start()
            practising.join(timeout=1.5)  # it lands now, unless the Finish holds the card

    event.listen(engine, "after_cursor_execute", after_the_cards_are_read)
    try:
        with app.app_context():
            attempts.finish_attempt(db.session.get(Attempt, attempt_id))
    finally:
        event.remove(engine, "after_cursor_execute", after_the_cards_are_read)
    practising.join(timeout=30)
    assert outcome == ["refused"]
    reviews, logged = _card_reviews_and_log(app, card_id)
    assert reviews == logged == shown + 1


def test_backup_while_the_app_writes(app, tmp_path, runner):
    """Writers add a user and their attempt in one transaction while the backup runs: the copy has both or neither."""
    with app.app_context():
        quiz_id = make_quiz().id
    stop = threading.Event()
    written = []

    def keep_writing():
        with app.app_context():
            while not stop.is_set():
                user = User(username=f"writer{len(written)}", password_hash="x")
                db.session.add_all([user, Attempt(quiz_id=quiz_id, user=user)])
                db.session.commit()
                written.append(user.id)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        while len(written) < 20:
            time.sleep(0.01)
        result = runner.invoke(args=["backup", str(tmp_path / "copy.db")])
    finally:
        stop.set()
        writer.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert "Backed up the database to" in result.output
    copy = tmp_path / "copy.db"
    if POSTGRES_URL:
        assert copy.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
        return
    connection = sqlite3.connect(copy)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    users, attempts_in_copy = connection.execute(
        "SELECT (SELECT count(*) FROM users WHERE username LIKE 'writer%'), (SELECT count(*) FROM attempts)"
    ).fetchone()
    connection.close()
    assert users >= 20 and users == attempts_in_copy


def test_backup_refuses_a_missing_database(tmp_path):
    from sqlalchemy.engine import make_url

    from quizapp.services.backup import BackupError

    with pytest.raises(BackupError, match="no SQLite database"):
        backup_database(make_url(f"sqlite:///{tmp_path / 'nope.sqlite'}"), tmp_path / "x.db")
    assert not (tmp_path / "x.db").exists()


@pytest.mark.live
def test_an_attempt_survives_a_killed_server(tmp_path):
    """Answer, kill -9 the whole gunicorn (master and workers), start it again: the answer is there."""
    database_url = POSTGRES_URL or f"sqlite:///{tmp_path / 'live.sqlite'}"
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=database_url)
    with app.app_context():
        make_user("sam")
        quiz_id = make_quiz().id
    server = LiveServer(database_url, workers=2)
    with server:
        student = Browser(server)
        student.log_in("sam", PASSWORD)
        attempt_path = student.post(f"/quizzes/{quiz_id}/start").location
        student.get(f"{attempt_path}/questions/0")
        assert student.post(f"{attempt_path}/questions/0", {"answer": "Paris"}).status == 302
    # Leaving the block was a kill -9 of master and workers; the same server starts again.
    with server:
        resumed = student.get(attempt_path)
        assert resumed.location == f"{attempt_path}/questions/1"
        assert "Question 2 of 4" in student.get(resumed.location).text
    with app.app_context():
        given = db.session.execute(db.select(Response.given)).scalars().all()
        assert given == ["Paris"]


def test_a_database_still_locked_after_its_timeout_is_retried_not_shown(app, client):
    from sqlalchemy import event
    from sqlalchemy.exc import OperationalError

    with app.app_context():
        make_user("sam")
        quiz_id = make_quiz().id
    log_in(client, "sam")
    attempt_id = int(client.post(f"/quizzes/{quiz_id}/start").headers["Location"].split("/")[2])
    failures = {"left": 2}

    def locked_twice(connection, cursor, statement, *args):
        """The answer's first write meets a database still locked by another writer, twice."""
        if failures["left"] and statement.startswith("INSERT INTO responses"):
            failures["left"] -= 1
            raise OperationalError(statement, {}, Exception("database is locked"))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", locked_twice)
    try:
        page = client.post(f"/attempts/{attempt_id}/questions/0", data={"answer": "Warsaw"}, follow_redirects=True)
    finally:
        event.remove(engine, "before_cursor_execute", locked_twice)
    assert failures["left"] == 0
    assert "Right." in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(Response.id))).scalar() == 1


def test_two_practice_reviews_of_the_same_card_state_count_once(app):
    """Two tabs answer the same due practice question at once: the second review is refused, not doubled."""
    with app.app_context():
        quiz = make_quiz()
        student = make_user("sam")
        attempt = attempts.start_attempt(student, quiz)
        answers.record_answer(attempt, quiz.items[0].question, "Paris")
        attempts.finish_attempt(attempt)
        card_id = db.session.execute(
            db.select(ReviewCard.id).where(ReviewCard.question_id == quiz.items[0].question_id)
        ).scalar_one()
    with app.app_context():
        first_tab = db.session.get(ReviewCard, card_id)
        shown = first_tab.reviews
        with app.app_context():  # another request, with its own session
            second_tab = db.session.get(ReviewCard, card_id)
            assert practice.practise(second_tab, shown, "Warsaw") is True
        with pytest.raises(practice.AlreadyReviewed):
            practice.practise(first_tab, shown, "Warsaw")
    with app.app_context():
        logs = db.session.execute(db.select(ReviewLog.context)).scalars().all()
        assert sorted(logs) == ["practice", "quiz"]
        assert db.session.get(ReviewCard, card_id).reviews == shown + 1


def test_answers_reviewed_as_they_were_given_before_an_upgrade_are_not_reviewed_again(app):
    """Before practice reviews moved to the Finish, each answer reviewed its card at once (a log dated
    as the answer): an attempt left open across the upgrade counts each of those once."""
    with app.app_context():
        quiz = make_quiz()
        student = make_user("sam")
        attempt = attempts.start_attempt(student, quiz)
        first, second = quiz.items[0].question, quiz.items[1].question
        answers.record_answer(attempt, first, "Paris")
        answers.record_answer(attempt, second, "1903")
        # What the previous release wrote for the first answer: its card, reviewed, and the log.
        response = db.session.execute(db.select(Response).filter_by(attempt_id=attempt.id, question_id=first.id)).scalar_one()
        reviewed = practice.review_card(None, 0, student.id, first.id, response.correct, response.answered_at)
        db.session.add(ReviewCard(user_id=student.id, question_id=first.id, card=reviewed.card, due=reviewed.due, lapses=1, reviews=1))
        db.session.add(ReviewLog(user_id=student.id, question_id=first.id, rating=int(reviewed.rating), correct=False,
                                 given="Paris", context="quiz", reviewed_at=response.answered_at))
        db.session.commit()
        attempts.finish_attempt(attempt)
        logs = db.session.execute(db.select(ReviewLog.question_id).order_by(ReviewLog.id)).scalars().all()
        assert sorted(logs) == sorted([first.id, second.id])  # one review each, the first not again
        card = db.session.execute(db.select(ReviewCard).filter_by(question_id=first.id)).scalar_one()
        assert card.reviews == 1 and card.lapses == 1
