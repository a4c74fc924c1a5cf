"""Requests that interleave, against a live gunicorn with several workers (SQLite, or PostgreSQL
with QUIZAPP_TEST_DATABASE_URL): simultaneous Starts, answers racing a Finish or a Close, login
guesses spread over workers and servers, simultaneous sign-ups of one name in different cases,
answers racing a timed attempt's deadline, simultaneous starts of the language-model writer,
simultaneous sign-ups on one teacher invitation, simultaneous corrections of one article,
simultaneous clicks on "Draft more questions"."""

from __future__ import annotations

import re
import statistics
import time
from datetime import timedelta
from pathlib import Path

import pytest

from quizapp.articles import parse_article
from quizapp.extensions import db
from quizapp.models import Attempt, Question, Quiz, QuizItem, Response, Role, User, WritingJob, WritingStatus, utcnow
from quizapp.services.accounts import create_invitation
from quizapp.services.attempts import score_of
from quizapp.services.importing import import_article, import_bundled

from .conftest import PASSWORD, POSTGRES_URL, all_at_once, log_in, make_app, make_quiz, make_user
from .fake_llm import FakeChatServer, Reply, recorded
from .live import Browser, LiveServer

pytestmark = pytest.mark.live

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def database_url(tmp_path) -> str:
    return POSTGRES_URL or f"sqlite:///{tmp_path / 'live.sqlite'}"


@pytest.fixture
def setup_app(tmp_path, database_url):
    """The app the test prepares its data with; the live server then serves the same database."""
    return make_app(tmp_path, SQLALCHEMY_DATABASE_URI=database_url)


def attempt_id_in(location: str) -> int:
    match = re.match(r"/attempts/(\d+)", location)
    assert match, f"not an attempt's page: {location!r}"
    return int(match.group(1))


# --------------------------------------------------------------------------- starting


@pytest.mark.parametrize("max_attempts, finished_before, expected", [(1, 0, 1), (2, 1, 2), (None, 0, 1)])
def test_twenty_simultaneous_starts_open_no_more_than_the_quiz_allows(setup_app, database_url, max_attempts, finished_before, expected):
    """20 Start clicks at once: one new attempt, every click lands in it (a resent Start resumes),
    and the attempt limit holds (1 allowed: 1 attempt; 2 allowed with one used: 2 in all)."""
    with setup_app.app_context():
        make_user("sam")
        quiz_id = make_quiz(max_attempts=max_attempts).id
    with LiveServer(database_url) as server:
        student = Browser(server)
        student.log_in("sam", PASSWORD)
        for _ in range(finished_before):
            attempt = attempt_id_in(student.post(f"/quizzes/{quiz_id}/start").location)
            student.get(f"/attempts/{attempt}/finish")
            assert student.post(f"/attempts/{attempt}/finish").location == f"/attempts/{attempt}/review"
        pages = all_at_once([lambda: student.post(f"/quizzes/{quiz_id}/start") for _ in range(20)])
    assert not [page for page in pages if isinstance(page, Exception)]
    with setup_app.app_context():
        attempts = db.session.execute(db.select(Attempt).filter_by(quiz_id=quiz_id)).scalars().all()
        opened = [attempt.id for attempt in attempts if attempt.finished_at is None]
    assert len(attempts) == expected, f"{len(attempts)} attempts created by 20 simultaneous Starts"
    assert len(opened) == 1
    assert {page.status for page in pages} == {302}
    assert {page.location for page in pages} == {f"/attempts/{opened[0]}"}


# --------------------------------------------------------------------------- answering while finishing


def sample_quiz(owner: str | None = None, size: int = 10) -> tuple[int, list[tuple[int, str]]]:
    """A quiz of ``size`` questions of the bundled article (typed or chosen answers: no ordering);
    returns its id and each position's right answer."""
    import_bundled(ROOT / "questions")
    questions = [
        q for q in db.session.execute(db.select(Question).order_by(Question.id)).scalars() if q.type != "ordering"
    ][:size]
    owner_id = db.session.execute(db.select(User.id).filter_by(username=owner)).scalar_one() if owner else None
    quiz = Quiz(title="Races", owner_id=owner_id, feedback="immediate")
    quiz.items = [QuizItem(question=q, position=i) for i, q in enumerate(questions)]
    db.session.add(quiz)
    db.session.commit()
    return quiz.id, [(i, q.answer) for i, q in enumerate(questions)]


def check_attempts(quiz_id: int, acknowledged: dict[int, set[int]]) -> None:
    """Every attempt finished; no answer stored after its attempt finished; every stored score the
    score of the stored answers; exactly the acknowledged answers stored."""
    late, wrong_scores = 0, 0
    with db.session.begin():
        quiz = db.session.get(Quiz, quiz_id)
        asked = quiz.asked_question_ids
        positions = {item.question_id: item.position for item in quiz.items}
        for attempt in db.session.execute(db.select(Attempt).filter_by(quiz_id=quiz_id)).scalars():
            assert attempt.finished_at is not None
            responses = db.session.execute(db.select(Response).filter_by(attempt_id=attempt.id)).scalars().all()
            late += sum(1 for r in responses if r.answered_at > attempt.finished_at)
            right = sum(1 for r in responses if r.correct and r.question_id in asked)
            wrong_scores += attempt.score != score_of(right, len(asked))
            assert {positions[r.question_id] for r in responses} == acknowledged.get(attempt.id, set())
    assert (late, wrong_scores) == (0, 0), f"{late} answers stored after finishing, {wrong_scores} scores unlike their answers"


def answer(student: Browser, attempt: int, position: int, given: str) -> tuple[int, int, bool]:
    """Post an answer; whether the server acknowledged it (its feedback page) or refused it (the review)."""
    page = student.post(f"/attempts/{attempt}/questions/{position}", {"answer": given})
    assert page.status == 302, page.status
    assert page.location in (f"/attempts/{attempt}/questions/{position}", f"/attempts/{attempt}/review"), page.location
    return attempt, position, page.location.endswith(f"/questions/{position}")


def test_answers_racing_a_finish_are_counted_or_refused_never_stored_after_it(setup_app, database_url):
    """Fifteen times: ten answers posted at the same instant as the Finish of their attempt."""
    with setup_app.app_context():
        make_user("sam")
        quiz_id, answers = sample_quiz()
    acknowledged: dict[int, set[int]] = {}
    with LiveServer(database_url) as server:
        student = Browser(server)
        student.log_in("sam", PASSWORD)
        for _ in range(15):
            attempt = attempt_id_in(student.post(f"/quizzes/{quiz_id}/start").location)
            racing = [lambda p=p, a=a: answer(student, attempt, p, a) for p, a in answers]
            racing.append(lambda: student.post(f"/attempts/{attempt}/finish"))
            results = all_at_once(racing)
            assert not [r for r in results if isinstance(r, Exception)], results
            assert results[-1].location == f"/attempts/{attempt}/review"
            acknowledged[attempt] = {position for _, position, stored in results[:-1] if stored}
    with setup_app.app_context():
        check_attempts(quiz_id, acknowledged)
    # The race was real: some answers beat the Finish and some did not, over the fifteen runs.
    counted = sum(len(positions) for positions in acknowledged.values())
    assert 0 < counted < 15 * len(answers)


def test_changed_answers_racing_a_finish_are_scored_as_stored_and_never_changed_after_it(setup_app, database_url):
    """Feedback at the end: answers can change until Finish. Ten times, every question first answered
    wrong, then ten changes to the right answer posted at the same instant as the Finish."""
    with setup_app.app_context():
        make_user("sam")
        quiz_id, answers = sample_quiz()
        quiz = db.session.get(Quiz, quiz_id)
        quiz.feedback = "end"
        db.session.commit()
        # A wrong answer to each: another choice, or a word no key is.
        wrong = {i.position: next((c for c in i.question.choices if c != i.question.answer), "surely not this") for i in quiz.items}
    changed: dict[int, set[int]] = {}
    with LiveServer(database_url) as server:
        student = Browser(server)
        student.log_in("sam", PASSWORD)
        for _ in range(10):
            attempt = attempt_id_in(student.post(f"/quizzes/{quiz_id}/start").location)
            for position, _ in answers:
                first = student.post(f"/attempts/{attempt}/questions/{position}", {"answer": wrong[position]})
                assert first.location == f"/attempts/{attempt}", first.location
            racing = [lambda p=p, a=a: student.post(f"/attempts/{attempt}/questions/{p}", {"answer": a}) for p, a in answers]
            racing.append(lambda: student.post(f"/attempts/{attempt}/finish"))
            results = all_at_once(racing)
            assert not [r for r in results if isinstance(r, Exception)], results
            assert results[-1].location == f"/attempts/{attempt}/review"
            assert {r.location for r in results[:-1]} <= {f"/attempts/{attempt}", f"/attempts/{attempt}/review"}
            changed[attempt] = {p for (p, _), r in zip(answers, results) if r.location == f"/attempts/{attempt}"}
    with setup_app.app_context():
        check_attempts(quiz_id, {attempt: {p for p, _ in answers} for attempt in changed})
        positions = {item.question_id: item.position for item in db.session.get(Quiz, quiz_id).items}
        for attempt, acknowledged in changed.items():
            stored = db.session.execute(db.select(Response).filter_by(attempt_id=attempt)).scalars().all()
            # An acknowledged change is the answer stored and scored; a refused one left the first answer.
            assert {positions[r.question_id] for r in stored if r.given != wrong[positions[r.question_id]]} == acknowledged
    counted = sum(len(positions) for positions in changed.values())
    assert 0 < counted < 10 * len(answers), "the race was real: some changes beat the Finish and some did not"


def test_answers_racing_a_teachers_close_are_counted_or_refused(setup_app, database_url):
    """Five students answer ten questions each at the instant their teacher closes the quiz."""
    with setup_app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
        for n in range(5):
            make_user(f"student{n}")
        quiz_id, answers = sample_quiz(owner="mrs_t")
    with LiveServer(database_url) as server:
        teacher = Browser(server)
        teacher.log_in("mrs_t", PASSWORD)
        students, attempts = [], []
        for n in range(5):
            student = Browser(server)
            student.log_in(f"student{n}", PASSWORD)
            students.append(student)
            attempts.append(attempt_id_in(student.post(f"/quizzes/{quiz_id}/start").location))
        teacher.get(f"/teach/quizzes/{quiz_id}")
        racing = [
            lambda s=student, t=attempt, p=p, a=a: answer(s, t, p, a)
            for student, attempt in zip(students, attempts)
            for p, a in answers
        ]
        racing.append(lambda: teacher.post(f"/teach/quizzes/{quiz_id}/close"))
        results = all_at_once(racing)
        assert not [r for r in results if isinstance(r, Exception)], results
        assert results[-1].status == 302
        late_start = students[0].post(f"/quizzes/{quiz_id}/start")
        assert late_start.location == "/quizzes"  # closed: no new attempt
    acknowledged: dict[int, set[int]] = {}
    for attempt, position, stored in results[:-1]:
        if stored:
            acknowledged.setdefault(attempt, set()).add(position)
    with setup_app.app_context():
        check_attempts(quiz_id, acknowledged)
        assert db.session.execute(db.select(db.func.count(Attempt.id)).filter_by(quiz_id=quiz_id)).scalar() == 5


def test_answers_racing_a_timed_attempts_deadline_are_counted_or_refused(setup_app, database_url):
    """Ten timed attempts, each with ten answers posted at once as its deadline falls among them:
    no answer stored at or after the deadline, each attempt finished as of it, scores as stored."""
    with setup_app.app_context():
        make_user("sam")
        quiz_id, answers = sample_quiz()
        db.session.get(Quiz, quiz_id).time_limit_minutes = 30
        db.session.commit()
    acknowledged: dict[int, set[int]] = {}
    deadlines: dict[int, object] = {}
    with LiveServer(database_url) as server:
        student = Browser(server)
        student.log_in("sam", PASSWORD)
        for run in range(10):
            attempt = attempt_id_in(student.post(f"/quizzes/{quiz_id}/start").location)
            with setup_app.app_context():  # the time runs out a few milliseconds into the burst
                deadlines[attempt] = utcnow() + timedelta(milliseconds=15 + 12 * run)
                db.session.get(Attempt, attempt).deadline = deadlines[attempt]
                db.session.commit()
            results = all_at_once([lambda p=p, a=a: answer(student, attempt, p, a) for p, a in answers])
            assert not [r for r in results if isinstance(r, Exception)], results
            time.sleep(max(0.0, (deadlines[attempt] - utcnow()).total_seconds()) + 0.01)
            assert student.get(f"/attempts/{attempt}").location == f"/attempts/{attempt}/review"  # time is up: finished
            acknowledged[attempt] = {position for _, position, stored in results if stored}
    with setup_app.app_context():
        check_attempts(quiz_id, acknowledged)
        for attempt_id, deadline in deadlines.items():
            attempt = db.session.get(Attempt, attempt_id)
            assert attempt.finished_at == deadline
            stored = db.session.execute(db.select(Response.answered_at).filter_by(attempt_id=attempt_id)).scalars().all()
            assert all(at < deadline for at in stored)
    counted = sum(len(positions) for positions in acknowledged.values())
    assert 0 < counted < 10 * len(answers), "the race was real: some answers beat the deadline and some did not"


# --------------------------------------------------------------------------- logging in


def wrong_password_statuses(servers: list[LiveServer], tries: int) -> list[int]:
    """``tries`` wrong passwords for sam, one after another, taking turns over ``servers``."""
    browsers = [Browser(server) for server in servers]
    for browser in browsers:
        browser.get("/login")
    statuses = []
    for n in range(tries):
        browser = browsers[n % len(browsers)]
        statuses.append(browser.post("/login", {"username": "sam", "password": "not the password"}).status)
    return statuses


def test_the_login_limit_holds_across_workers_and_servers(setup_app, database_url):
    """10 per minute means 10, however gunicorn spreads the guesses over its workers, and
    however many servers share the database."""
    with setup_app.app_context():
        make_user("sam")
    with LiveServer(database_url, workers=3) as server:
        statuses = wrong_password_statuses([server], 25)
        assert statuses == [200] * 10 + [429] * 15
        page = Browser(server).get("/login")  # another user of the same address is not locked out
        assert page.status == 200
    with setup_app.app_context():
        db.session.execute(db.text("DELETE FROM rate_limit_counters"))
        db.session.commit()
    with LiveServer(database_url, workers=2) as first, LiveServer(database_url, workers=2) as second:
        assert wrong_password_statuses([first, second], 16) == [200] * 10 + [429] * 6


def test_an_unknown_username_takes_as_long_to_refuse_as_a_wrong_password(tmp_path):
    """The login's timing must not tell which usernames exist: both pay for one password check."""
    app = make_app(tmp_path, PASSWORD_HASH_METHOD="scrypt")  # the real cost, which the timing must hide
    client = app.test_client()
    with app.app_context():
        make_user("sam")

    def seconds(username: str) -> float:
        started = time.perf_counter()
        page = log_in(client, username, "not the password")
        assert "Wrong username or password." in page.get_data(as_text=True)
        return time.perf_counter() - started

    seconds("nobody-warm-up")  # the stand-in hash is made once, on the first unknown name
    known = statistics.median(seconds("sam") for _ in range(5))
    unknown = statistics.median(seconds(f"nobody{n}") for n in range(5))
    assert unknown > 0.7 * known, f"unknown {unknown * 1000:.0f} ms, known {known * 1000:.0f} ms"


# --------------------------------------------------------------------------- signing up


def test_simultaneous_signups_of_one_name_in_different_cases_make_one_account(setup_app, database_url):
    with LiveServer(database_url) as server:
        browsers = [Browser(server) for _ in range(20)]
        for browser in browsers:
            browser.get("/signup")
        names = ["Case", "case", "cAse"]
        pages = all_at_once(
            [
                lambda b=browser, n=names[i % 3]: b.post("/signup", {"username": n, "password": PASSWORD, "password2": PASSWORD})
                for i, browser in enumerate(browsers)
            ]
        )
        assert not [page for page in pages if isinstance(page, Exception)]
        statuses = sorted(page.status for page in pages)
        assert statuses == [200] * 19 + [302], statuses  # no 500
        assert all("That username is taken" in page.text for page in pages if page.status == 200)
        logged_in = Browser(server)
        assert logged_in.log_in("CASE", PASSWORD).location == "/quizzes"
    with setup_app.app_context():
        assert db.session.execute(db.select(db.func.count(User.id))).scalar() == 1


# --------------------------------------------------------------------------- the language-model writer


def test_simultaneous_starts_of_the_model_writer_start_one_job(setup_app, database_url):
    """Ten clicks on "Ask the language model" at once, spread over the workers: one job, which
    every click follows, one request to the model, and its questions stored once."""
    with setup_app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        text = (ROOT / "tests" / "articles" / "great-stink.txt").read_text()
        slug = import_article(parse_article(text, filename="great-stink.txt"), [], imported_by=teacher).article.slug
    with FakeChatServer([Reply(recorded("great-stink"), delay=1.0)]) as model, LiveServer(
        database_url, LLM_URL=model.url, LLM_MODEL="tiny-test-model", LLM_TIMEOUT="5"
    ) as server:
        teacher_browser = Browser(server)
        teacher_browser.log_in("mrs_t", PASSWORD)
        teacher_browser.get(f"/teach/articles/{slug}/questions")
        pages = all_at_once([lambda: teacher_browser.post(f"/teach/articles/{slug}/model-writing") for _ in range(10)])
        assert not [page for page in pages if isinstance(page, Exception)]
        with setup_app.app_context():
            jobs = db.session.execute(db.select(WritingJob)).scalars().all()
            assert len(jobs) == 1, f"{len(jobs)} jobs started by 10 simultaneous clicks"
            job_id = jobs[0].id
        assert {page.status for page in pages} == {302}
        assert {page.location for page in pages} == {f"/teach/articles/{slug}/model-writing/{job_id}"}
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with setup_app.app_context():
                job = db.session.get(WritingJob, job_id)
                if not job.running:
                    break
            time.sleep(0.1)
        assert job.status == WritingStatus.DONE, job.message
        assert len(model.requests) == 1
    with setup_app.app_context():
        stored = db.session.execute(db.select(db.func.count(Question.id)).filter_by(origin="model")).scalar()
    assert stored == job.accepted == 3  # great-stink: 5 proposed, 2 refused (tests/test_model_writing.py)


def test_simultaneous_sign_ups_on_one_invitation_make_one_teacher(setup_app, database_url):
    """Ten people open one invitation link and sign up at the same instant, with ten different
    names: one teacher account, the link used up, nine told so."""
    with setup_app.app_context():
        token = create_invitation(make_user("mrs_t", role=Role.TEACHER))
    with LiveServer(database_url) as server:
        browsers = [Browser(server) for _ in range(10)]
        for browser in browsers:
            browser.get(f"/invite/{token}")
        pages = all_at_once([
            lambda b=b, n=n: b.post(f"/invite/{token}", {"username": f"newcomer{n}", "password": PASSWORD, "password2": PASSWORD})
            for n, b in enumerate(browsers)
        ])
        assert not [page for page in pages if isinstance(page, Exception)]
        assert sorted(page.status for page in pages) == [302] + [410] * 9
        assert all("already been used" in page.text for page in pages if page.status == 410)
    with setup_app.app_context():
        teachers = db.session.execute(db.select(User.username).filter_by(role="teacher")).scalars().all()
        assert len(teachers) == 2 and "mrs_t" in teachers


def test_simultaneous_corrections_of_one_article_save_one(setup_app, database_url):
    """Five tabs correct the same text differently and save at the same instant: one correction is
    saved whole, the four others are refused as changed meanwhile, and no passage is doubled."""
    from quizapp.models import Article, Passage, QuestionRevision
    from quizapp.services.corrections import questions_needing_evidence

    from .conftest import CURIE

    with setup_app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
        article = db.session.get(Article, make_quiz().items[0].question.article_id)
        based_on, slug = article.content_hash, article.slug
    texts = [CURIE.replace("in 1867", f"in 186{n}") for n in range(5)]  # each changes the lead only
    with LiveServer(database_url) as server:
        tabs = [Browser(server) for _ in texts]
        for tab in tabs:
            tab.log_in("mrs_t", PASSWORD)
            tab.get(f"/teach/articles/{slug}/correct")
        pages = all_at_once([
            lambda tab=tab, text=text: tab.post(f"/teach/articles/{slug}/correct", {"text": text, "based_on": based_on, "confirmed": "yes"})
            for tab, text in zip(tabs, texts)
        ])
        assert not [page for page in pages if isinstance(page, Exception)]
        saved = [n for n, page in enumerate(pages) if page.status == 302 and page.location.startswith(f"/teach/articles/{slug}/questions")]
        refused = [page for page in pages if page.status == 302 and page.location == f"/teach/articles/{slug}/correct"]
        assert len(saved) == 1 and len(refused) == 4, [(page.status, page.location) for page in pages]
        assert "changed by someone else" in tabs[pages.index(refused[0])].get(refused[0].location).text
    with setup_app.app_context():
        article = db.session.get(Article, article.id)
        winner = texts[saved[0]]
        assert [p.text for p in article.passages] == [p.text for p in parse_article(winner).passages]
        assert db.session.execute(db.select(db.func.count(Passage.id))).scalar() == 3  # 2 current, 1 retired lead
        # "born" cites the changed year: it waits for the teacher. "physics" and "order" (which also
        # cites the lead's Physics sentence) moved once each, with one revision each.
        assert [q.bank_id for q in questions_needing_evidence(article)] == ["born"]
        assert db.session.execute(db.select(db.func.count(QuestionRevision.id))).scalar() == 2


def test_simultaneous_clicks_on_draft_more_questions_add_each_question_once(setup_app, database_url):
    """Ten clicks on "Draft more questions" at once, spread over the workers: the side details are
    stored once each, every click lands on the drafts, and none fails."""
    from quizapp.generation import generate_questions
    from quizapp.generation.pipeline import MAX_QUESTIONS
    from quizapp.services.authoring import stored_as_parsed

    from .test_generation_rubric import OBSERVATORY

    with setup_app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        article = import_article(parse_article(OBSERVATORY), imported_by=teacher).article
        slug, first = article.slug, len(article.questions)
        every = {q.id for q in generate_questions(stored_as_parsed(article), max_questions=MAX_QUESTIONS)}
    assert len(every) > first
    with LiveServer(database_url) as server:
        teacher_browser = Browser(server)
        teacher_browser.log_in("mrs_t", PASSWORD)
        teacher_browser.get(f"/teach/articles/{slug}/questions")
        pages = all_at_once([lambda: teacher_browser.post(f"/teach/articles/{slug}/more-questions") for _ in range(10)])
        assert not [page for page in pages if isinstance(page, Exception)]
        assert {page.status for page in pages} == {302}
        assert {page.location for page in pages} == {f"/teach/articles/{slug}/questions?status=draft"}
    with setup_app.app_context():
        stored = db.session.execute(db.select(Question.bank_id)).scalars().all()
    assert sorted(stored) == sorted(every)
