"""The language-model writer in the app, against a local OpenAI-compatible server (tests/fake_llm.py):
a teacher starts it, follows its progress, cancels it; what it writes is proven or refused; a
failing endpoint fails the job with a clear message and leaves nothing behind."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from quizapp.articles import parse_article
from quizapp.extensions import db
from quizapp.models import Article, Question, QuestionOrigin, Role, WritingJob, WritingStatus, utcnow
from quizapp.services.importing import import_article

from .conftest import log_in, make_app, make_user
from .fake_llm import FakeChatServer, Reply, recorded

ARTICLES = Path(__file__).parent / "articles"
KEY = "sk-test-key-never-shown"


def article_text(name: str) -> str:
    return (ARTICLES / f"{name}.txt").read_text()


def model_app(tmp_path, server: FakeChatServer | None, **settings):
    config = {"LLM_URL": server.url, "LLM_MODEL": "tiny-test-model", "LLM_API_KEY": KEY, "LLM_TIMEOUT": 2, "LLM_RETRIES": 1} if server else {}
    return make_app(tmp_path, **(config | settings))


def teacher_article(app, client, name="great-stink", username="mrs_t") -> str:
    with app.app_context():
        teacher = make_user(username, role=Role.TEACHER)
        slug = import_article(parse_article(article_text(name), filename=f"{name}.txt"), [], imported_by=teacher).article.slug
    log_in(client, username)
    return slug


def start(client, slug):
    page = client.post(f"/teach/articles/{slug}/model-writing")
    assert page.status_code == 302, page.status_code
    return page.headers["Location"]


def wait_for(app, job_id: int, seconds: float = 20) -> WritingJob:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with app.app_context():
            job = db.session.get(WritingJob, job_id)
            if not job.running:
                db.session.expunge(job)
                return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} still running after {seconds} s")


def job_id_in(location: str) -> int:
    return int(location.rstrip("/").rsplit("/", 1)[1])


def model_questions(app, slug) -> list[Question]:
    with app.app_context():
        questions = db.session.execute(
            db.select(Question).join(Article).where(Article.slug == slug, Question.origin == QuestionOrigin.MODEL)
        ).scalars().all()
        for q in questions:
            q.evidence  # loaded before the session closes
        return questions


def test_a_teacher_asks_the_model_and_gets_drafts_each_cited_exactly(tmp_path):
    with FakeChatServer([recorded("great-stink")]) as server:
        app = model_app(tmp_path, server)
        client = app.test_client()
        slug = teacher_article(app, client)
        page = client.get(f"/teach/articles/{slug}/questions")
        assert b"Ask the language model for questions" in page.data
        location = start(client, slug)
        job = wait_for(app, job_id_in(location))
        assert job.status == WritingStatus.DONE, job.message
        assert job.message == "The language model proposed 5 questions: 3 proved by the article and saved as drafts, 2 refused."
        # refused: who said a quotation, keyed by a full name the quoted sentence does not give; and the
        # ordering, whose events show students "John Snow traced ...", the answer of the multiple choice
        reasons = [r["reason"] for r in job.rejected]
        assert reasons[0] == 'Answer "Joseph Bazalgette" is not in the cited evidence.'
        assert reasons[1].startswith("It and another question give each other away")
        assert [r["type"] for r in job.rejected] == ["who_said", "ordering"]
        done = client.get(location).data.decode()
        assert "Saved as drafts (3)" in done and "Refused (2)" in done and "Joseph Bazalgette&#34; is not in the cited evidence" in done
        assert "data-poll-url" not in done  # a finished job's page stops asking
        assert client.get(f"{location}/status").get_json() == {
            "running": False, "status": "done", "done_steps": 1, "total_steps": 1, "message": job.message}
        request = server.requests[0]
        assert request["authorization"] == f"Bearer {KEY}"
        assert request["body"]["model"] == "tiny-test-model"
        assert request["body"]["response_format"]["type"] == "json_schema"
        questions = model_questions(app, slug)
        assert len(questions) == 3 and {q.status for q in questions} == {"draft"}
        article = parse_article(article_text("great-stink"), filename="great-stink.txt")
        for question in questions:
            assert question.evidence in article.passage(question.passage.anchor).text
            assert question.evidence == question.passage.text[question.evidence_start : question.evidence_end]
        true_false = next(q for q in questions if q.type == "true_false")
        assert not true_false.prompt.lower().startswith("true or false")  # quizapp asks that itself
        listing = client.get(f"/teach/articles/{slug}/questions?status=draft").data.decode()
        assert listing.count("written by the language model") == 3
        for shown in (done, listing, client.get("/teach/").data.decode(), client.get(f"/teach/articles/{slug}/questions").data.decode()):
            assert KEY not in shown


def test_a_reply_that_is_not_json_is_asked_again_once_then_refused(tmp_path):
    with FakeChatServer(['{"questions": [{"type": "cloze", "question": "The Great Stink', "Sure! Here are your questions:"]) as server:
        app = model_app(tmp_path, server)
        client = app.test_client()
        slug = teacher_article(app, client)
        job = wait_for(app, job_id_in(start(client, slug)))
        assert len(server.requests) == 2
    assert job.status == WritingStatus.DONE and job.accepted == 0
    assert job.rejected[0]["reason"].startswith("The model's reply was refused twice: the reply is not valid JSON")
    assert model_questions(app, slug) == []


@pytest.mark.parametrize(
    "reply, message",
    [
        (Reply(status=500), "answered with an error (HTTP 500, 2 tries). Nothing was saved."),
        (Reply(status=401), "refused the key (HTTP 401): check QUIZAPP_LLM_API_KEY. Nothing was saved."),
        (Reply(recorded("great-stink"), delay=1.5), "did not answer within 0.5 s (2 tries). Nothing was saved."),
    ],
    ids=["server-error", "bad-key", "timeout"],
)
def test_a_failing_endpoint_fails_the_job_with_a_clear_message_and_saves_nothing(tmp_path, reply, message):
    # Two parts of the article: the first answered, the second failing. The first part's
    # questions are not kept either: all or nothing.
    good = Reply(recorded("great-stink"))
    with FakeChatServer([good, reply]) as server:
        app = model_app(tmp_path, server, LLM_TIMEOUT=0.5, LLM_WORDS_PER_REQUEST=250)
        client = app.test_client()
        slug = teacher_article(app, client)
        location = start(client, slug)
        job = wait_for(app, job_id_in(location))
        retried = 1 if reply.status == 401 else 2  # a refused key is not retried
        assert len(server.requests) == 1 + retried
    assert job.status == WritingStatus.FAILED
    assert job.message.startswith(f"The language model at {server.url} ") and job.message.endswith(message)
    page = client.get(location).data.decode()
    assert "Nothing was saved." in page and 'role="alert"' in page
    assert model_questions(app, slug) == []


def test_a_server_without_json_schema_output_is_asked_again_without_it(tmp_path):
    with FakeChatServer([Reply(recorded("great-stink"), refuse_schema=True)]) as server:
        app = model_app(tmp_path, server)
        client = app.test_client()
        slug = teacher_article(app, client)
        job = wait_for(app, job_id_in(start(client, slug)))
        assert ["response_format" in r["body"] for r in server.requests] == [True, False]
    assert job.status == WritingStatus.DONE and job.accepted == 3


def test_cancelling_stops_before_the_next_request_and_keeps_nothing(tmp_path):
    with FakeChatServer([Reply(recorded("great-stink"), delay=0.6)]) as server:
        app = model_app(tmp_path, server, LLM_WORDS_PER_REQUEST=100)
        client = app.test_client()
        slug = teacher_article(app, client)
        location = start(client, slug)
        running = client.get(location).data.decode()
        assert "data-poll-url" in running and "<progress" in running and ">Cancel</button>" in running
        status = client.get(f"{location}/status").get_json()
        assert status["running"] is True and status["total_steps"] in (0, 5)
        cancelled = client.post(f"{location}/cancel", follow_redirects=True).data.decode()
        assert "Cancelling" in cancelled
        job = wait_for(app, job_id_in(location))
        assert len(server.requests) < 5  # the article is five parts at 100 words a part
    assert job.status == WritingStatus.CANCELLED and job.message == "Cancelled. Nothing was saved."
    assert model_questions(app, slug) == []
    assert "The writing had already ended." in client.post(f"{location}/cancel", follow_redirects=True).data.decode()


def test_a_new_article_can_be_written_by_the_model_or_by_both_without_duplicates(tmp_path):
    with FakeChatServer([recorded("great-stink")]) as server:
        app = model_app(tmp_path, server)
        client = app.test_client()
        with app.app_context():
            make_user("mrs_t", role=Role.TEACHER)
        log_in(client, "mrs_t")
        form = client.get("/teach/articles/new").data.decode()
        assert "Who writes the questions" in form
        page = client.post("/teach/articles/new", data={"text": article_text("great-stink"), "writer": "both"}).data.decode()
        assert "The language model is writing questions for this article in the background." in page
        with app.app_context():
            job_id = db.session.execute(db.select(WritingJob.id)).scalar_one()
        job = wait_for(app, job_id)
        with app.app_context():
            builtin = db.session.execute(db.select(Question).filter_by(origin=QuestionOrigin.GENERATOR)).scalars().all()
            builtin_facts = {(q.passage_id, str(q.answer).casefold()) for q in builtin}
        model = model_questions(app, "great-stink")
        assert builtin and job.status == WritingStatus.DONE
        # Asked already by the generator, or giving away one of its answers (or given away by its stems)
        overlapping = [r for r in job.rejected if r["reason"].startswith(("It asks what another question already asks", "It and another question give each other away"))]
        assert overlapping and len(model) + len(overlapping) + 1 == 5  # the who-said keyed by a name its evidence lacks is the other refusal
        assert not {(q.passage_id, str(q.answer).casefold()) for q in model} & builtin_facts


def test_a_new_article_written_by_the_model_alone_gets_no_generated_questions(tmp_path):
    with FakeChatServer([recorded("discovery-of-penicillin")]) as server:
        app = model_app(tmp_path, server)
        client = app.test_client()
        with app.app_context():
            make_user("mrs_t", role=Role.TEACHER)
        log_in(client, "mrs_t")
        page = client.post("/teach/articles/new", data={"text": article_text("discovery-of-penicillin"), "writer": "model"}).data.decode()
        assert "0 questions." in page  # streamed: read to the end
        with app.app_context():
            job_id = db.session.execute(db.select(WritingJob.id)).scalar_one()
            slug = db.session.execute(db.select(Article.slug)).scalar_one()
        job = wait_for(app, job_id)
        with app.app_context():
            origins = db.session.execute(db.select(Question.origin).join(Article).where(Article.slug == slug)).scalars().all()
    assert job.status == WritingStatus.DONE and origins and set(origins) == {QuestionOrigin.MODEL}
    assert len(origins) == job.accepted


def test_without_a_model_there_is_no_model_writer(tmp_path):
    app = model_app(tmp_path, None)
    client = app.test_client()
    slug = teacher_article(app, client)
    assert b"Ask the language model" not in client.get(f"/teach/articles/{slug}/questions").data
    assert client.post(f"/teach/articles/{slug}/model-writing").status_code == 404
    assert b"Who writes the questions" not in client.get("/teach/articles/new").data
    # a forged choice is ignored: the generator writes
    page = client.post("/teach/articles/new", data={"text": article_text("marie-curie"), "writer": "model"}).data.decode()
    assert "generated as drafts" in page and "language model" not in page
    with app.app_context():
        origins = set(db.session.execute(db.select(Question.origin)).scalars())
        assert origins == {QuestionOrigin.GENERATOR} and not db.session.execute(db.select(WritingJob)).first()


def test_another_teacher_can_neither_follow_nor_start_nor_cancel(tmp_path):
    with FakeChatServer([recorded("great-stink")]) as server:
        app = model_app(tmp_path, server)
        client = app.test_client()
        slug = teacher_article(app, client)
        location = start(client, slug)
        wait_for(app, job_id_in(location))
        other = app.test_client()
        with app.app_context():
            make_user("mr_x", role=Role.TEACHER)
            make_user("student")
        log_in(other, "mr_x")
        assert other.get(location).status_code == 404
        assert other.post(f"/teach/articles/{slug}/model-writing").status_code == 404
        assert other.post(f"{location}/cancel").status_code == 404
        assert other.get(f"{location}/status").status_code == 404
        # a job id of another article, under this teacher's own article's address
        own = teacher_article(app, other, name="marie-curie", username="mr_y")
        assert other.get(f"/teach/articles/{own}/model-writing/{job_id_in(location)}").status_code == 404
        student = app.test_client()
        log_in(student, "student")
        assert student.get(location).status_code in (403, 404)
        assert len(server.requests) == 1


def test_a_job_whose_thread_died_is_marked_failed_and_a_new_one_can_start(tmp_path):
    with FakeChatServer([recorded("great-stink")]) as server:
        app = model_app(tmp_path, server)
        client = app.test_client()
        slug = teacher_article(app, client)
        with app.app_context():
            article = db.session.execute(db.select(Article).filter_by(slug=slug)).scalar_one()
            long_ago = utcnow().replace(year=2020)
            db.session.add(WritingJob(article_id=article.id, started_at=long_ago, updated_at=long_ago))
            db.session.commit()
            dead = db.session.execute(db.select(WritingJob.id)).scalar_one()
        page = client.get(f"/teach/articles/{slug}/model-writing/{dead}").data.decode()
        assert "stopped unexpectedly" in page
        job = wait_for(app, job_id_in(start(client, slug)))
        assert job.id != dead and job.status == WritingStatus.DONE


def test_a_second_start_while_one_runs_follows_the_running_one(tmp_path):
    with FakeChatServer([Reply(recorded("great-stink"), delay=0.5)]) as server:
        app = model_app(tmp_path, server)
        client = app.test_client()
        slug = teacher_article(app, client)
        first = start(client, slug)
        again = client.post(f"/teach/articles/{slug}/model-writing", follow_redirects=True)
        assert b"already writing questions for this article" in again.data
        assert start(client, slug) == first
        wait_for(app, job_id_in(first))
        assert len(server.requests) == 1


def test_asking_again_refuses_what_the_article_already_has_and_each_run_lists_its_own(tmp_path):
    with FakeChatServer([recorded("great-stink")]) as server:
        app = model_app(tmp_path, server)
        client = app.test_client()
        slug = teacher_article(app, client)
        first = start(client, slug)
        assert wait_for(app, job_id_in(first)).accepted == 3
        second = start(client, slug)
        again = wait_for(app, job_id_in(second))
    assert again.status == WritingStatus.DONE and again.accepted == 0
    assert sum(r["reason"].startswith("It asks what another question already asks") for r in again.rejected) == 3
    assert len(model_questions(app, slug)) == 3
    assert "Saved as drafts (3)" in client.get(first).data.decode()
    assert "Saved as drafts" not in client.get(second).data.decode()
