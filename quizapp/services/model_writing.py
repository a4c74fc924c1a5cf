"""A language model writing an article's questions in the background, held to the article's evidence.

The teacher starts a job; a thread asks the model passage by passage (``generation.model_writer``),
recording progress on the job's row, which the progress page reads. Cancelling sets a flag the
thread reads before each request. The questions it proves are stored at the end, together with
the job's outcome, in one transaction that only commits while the job is still running and not
cancelled: a failure, a cancel or a crash leaves no question behind.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta

from flask import Flask
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from ..database import commit_with_retry
from ..extensions import db
from ..generation.model_writer import (
    ChatClient,
    ModelError,
    ModelSettings,
    OpenAIChat,
    WritingCancelled,
    WritingOutcome,
    write_questions,
)
from ..models import Article, Question, QuestionOrigin, QuestionStatus, User, WritingJob, WritingStatus, utcnow
from ..wording import plural
from .authoring import as_generated, stored_as_parsed, unique_bank_id
from .importing import ImportStep, question_fields

log = logging.getLogger(__name__)
ClientFactory = Callable[[ModelSettings], ChatClient]


class AlreadyWriting(Exception):
    """The article has a job running; ``job`` is it."""

    def __init__(self, job: WritingJob) -> None:
        super().__init__("The language model is already writing questions for this article.")
        self.job = job


def model_settings(config) -> ModelSettings | None:
    """The endpoint the configuration names (``QUIZAPP_LLM_URL``, ``QUIZAPP_LLM_MODEL``), or None."""
    url, model = config.get("LLM_URL"), config.get("LLM_MODEL")
    if not url or not model:
        return None
    return ModelSettings(
        url=str(url),
        model=str(model),
        api_key=config.get("LLM_API_KEY") or None,
        timeout=float(config.get("LLM_TIMEOUT", 120)),
        retries=int(config.get("LLM_RETRIES", 2)),
        words_per_request=int(config.get("LLM_WORDS_PER_REQUEST", 1200)),
    )


def stale_after(settings: ModelSettings) -> timedelta:
    """A running job silent longer than its longest request (every try and the backoff between
    them) has lost its thread: the server restarted."""
    return timedelta(seconds=settings.timeout * (settings.retries + 1) * 2 + 60)


def running_job(article: Article, settings: ModelSettings | None) -> WritingJob | None:
    """The article's running job, after marking a stale one failed."""
    job = db.session.execute(db.select(WritingJob).filter_by(article_id=article.id, status=WritingStatus.RUNNING)).scalar_one_or_none()
    if job is not None and settings is not None and utcnow() - job.updated_at > stale_after(settings):
        _finish(job.id, WritingStatus.FAILED, "The writing stopped unexpectedly (the server restarted?). Nothing was saved.")
        db.session.refresh(job)
        return None
    return job


def start_writing(
    app: Flask, article: Article, teacher: User, settings: ModelSettings, client_factory: ClientFactory = OpenAIChat
) -> WritingJob:
    """Record a running job and start its thread; AlreadyWriting if the article has one."""
    current = running_job(article, settings)
    if current is not None:
        raise AlreadyWriting(current)
    job = WritingJob(article_id=article.id, teacher_id=teacher.id, message="Starting…")
    db.session.add(job)
    try:
        db.session.commit()
    except IntegrityError:  # another request started one a moment ago
        db.session.rollback()
        current = running_job(article, settings)
        if current is None:
            raise
        raise AlreadyWriting(current) from None
    thread = threading.Thread(
        target=run_job, args=(app, job.id, settings, client_factory), name=f"quizapp-writing-{job.id}", daemon=True
    )
    thread.start()
    return job


def then_write_with_model(steps: Iterator[ImportStep], start: Callable[[Article], WritingJob]) -> Iterator[ImportStep]:
    """An import's progress steps, with the model set to write for the article once it is stored."""
    for step in steps:
        result = step.result
        if result is not None and result.created:
            try:
                result.writing_job_id = start(result.article).id
            except AlreadyWriting as busy:
                result.writing_job_id = busy.job.id
            yield ImportStep("Stored. The language model is now writing questions in the background.")
        yield step


def cancel_writing(job: WritingJob) -> bool:
    """Ask a running job to stop; False when it had already ended."""
    changed = db.session.execute(
        update(WritingJob).where(WritingJob.id == job.id, WritingJob.status == WritingStatus.RUNNING).values(cancel_requested=True)
    ).rowcount
    db.session.commit()
    db.session.refresh(job)
    return bool(changed)


def run_job(app: Flask, job_id: int, settings: ModelSettings, client_factory: ClientFactory) -> None:
    """The thread: ask, prove, store; the job's row says how it went."""
    with app.app_context():
        try:
            job = db.session.get(WritingJob, job_id)
            article = job.article
            parsed = stored_as_parsed(article)
            existing = [as_generated(q) for q in article.questions]
            article_id = article.id
            db.session.rollback()  # no transaction held open while the model thinks

            def progress(done: int, total: int) -> None:
                message = f"Asking the language model: {done} of {plural(total, 'part')} of the article answered."
                _update(job_id, done_steps=done, total_steps=total, message=message)

            def should_stop() -> bool:
                flag = db.session.execute(db.select(WritingJob.cancel_requested).filter_by(id=job_id)).scalar_one()
                db.session.rollback()
                return bool(flag)

            outcome = write_questions(
                parsed, client_factory(settings), settings, existing=existing, on_progress=progress, should_stop=should_stop
            )
            _store(job_id, article_id, outcome)
        except WritingCancelled:
            _finish(job_id, WritingStatus.CANCELLED, "Cancelled. Nothing was saved.")
        except ModelError as error:
            _finish(job_id, WritingStatus.FAILED, f"{error} Nothing was saved.")
        except Exception:
            log.exception("writing job %s failed", job_id)
            _finish(job_id, WritingStatus.FAILED, "Something went wrong while writing questions. Nothing was saved.")
        finally:
            db.session.remove()


def _update(job_id: int, **values) -> None:
    def unit() -> None:
        db.session.execute(
            update(WritingJob).where(WritingJob.id == job_id, WritingJob.status == WritingStatus.RUNNING).values(updated_at=utcnow(), **values)
        )

    commit_with_retry(db.session, unit)


def _finish(job_id: int, status: str, message: str, **values) -> None:
    _update(job_id, status=status, message=message, finished_at=utcnow(), **values)


def _store(job_id: int, article_id: int, outcome: WritingOutcome) -> None:
    """The proven questions as drafts and the job done, in one transaction; nothing if the
    teacher cancelled meanwhile."""
    rejected = [vars(r) for r in outcome.rejected]
    summary = (
        f"The language model proposed {plural(outcome.proposed, 'question')}: "
        f"{len(outcome.accepted) or 'none'} proved by the article and saved as drafts, {len(outcome.rejected)} refused."
        if outcome.proposed
        else "The language model proposed no questions. Nothing was saved."
    )

    def unit() -> bool:
        now = utcnow()  # the questions' created_at too: the job's page lists what it stored by it
        finished = db.session.execute(
            update(WritingJob)
            .where(WritingJob.id == job_id, WritingJob.status == WritingStatus.RUNNING, WritingJob.cancel_requested.is_(False))
            .values(status=WritingStatus.DONE, message=summary, accepted=len(outcome.accepted), rejected=rejected,
                    finished_at=now, updated_at=now)
        ).rowcount
        if not finished:
            return False
        article = db.session.get(Article, article_id)
        passages = {p.anchor: p for p in article.passages}
        taken = set(db.session.execute(db.select(Question.bank_id).filter_by(article_id=article_id)).scalars())
        for generated in outcome.accepted:
            db.session.add(
                Question(
                    article_id=article_id, bank_id=unique_bank_id("m", generated.id, taken),
                    **question_fields(generated, passages),
                    status=QuestionStatus.DRAFT, origin=QuestionOrigin.MODEL, created_at=now, updated_at=now,
                )
            )
        return True

    if not commit_with_retry(db.session, unit):
        db.session.rollback()
        _finish(job_id, WritingStatus.CANCELLED, "Cancelled. Nothing was saved.")
