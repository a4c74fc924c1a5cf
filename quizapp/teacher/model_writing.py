"""Teacher pages for the optional language-model writer: start it on an article, follow its
progress, cancel it, and read what it wrote and what quizapp refused."""

from __future__ import annotations

from flask import abort, current_app, flash, jsonify, redirect, render_template, url_for
from flask_login import current_user

from ..extensions import db
from ..forms import ActionForm
from ..generation.types import TYPE_LABELS
from ..models import Question, QuestionOrigin, WritingJob
from ..services.model_writing import AlreadyWriting, cancel_writing, model_settings, running_job, start_writing
from . import bp
from .access import article_by_slug

# How often (seconds) the progress page asks for the job's status while the model writes.
POLL_SECONDS = 2


def _settings():
    settings = model_settings(current_app.config)
    if settings is None:
        abort(404)  # no model configured: the writer does not exist on this server
    return settings


def _job(article, job_id: int, current: bool = False) -> WritingJob:
    """The article's job, or 404; ``current``: a running job whose thread died is marked failed first."""
    job = db.session.get(WritingJob, job_id)
    if job is None or job.article_id != article.id:
        abort(404)
    if current and job.running:
        running_job(article, model_settings(current_app.config))
        db.session.refresh(job)
    return job


@bp.post("/articles/<slug>/model-writing")
def write_with_model(slug: str):
    article = article_by_slug(slug)
    settings = _settings()
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        job = start_writing(current_app._get_current_object(), article, current_user._get_current_object(), settings)
    except AlreadyWriting as busy:
        flash(str(busy), "info")
        job = busy.job
    return redirect(url_for(".model_writing", slug=article.slug, job_id=job.id))


@bp.get("/articles/<slug>/model-writing/<int:job_id>")
def model_writing(slug: str, job_id: int):
    article = article_by_slug(slug)
    job = _job(article, job_id, current=True)
    written = []
    if job.finished_at is not None and job.accepted:
        written = db.session.execute(
            db.select(Question).filter_by(article_id=article.id, origin=QuestionOrigin.MODEL)
            .where(Question.created_at == job.finished_at).order_by(Question.id)  # stored with the job's end
        ).scalars().all()
    return render_template(
        "teacher/model_writing.html", article=article, job=job, written=written, type_labels=TYPE_LABELS,
        cancel_form=ActionForm(), poll_seconds=POLL_SECONDS,
        title=f"Language model: {article.title}",
    )


@bp.get("/articles/<slug>/model-writing/<int:job_id>/status")
def model_writing_status(slug: str, job_id: int):
    """The job's progress for the page's script; the page itself shows the outcome."""
    article = article_by_slug(slug)
    job = _job(article, job_id, current=True)
    return jsonify(
        running=job.running, status=job.status, done_steps=job.done_steps, total_steps=job.total_steps, message=job.message
    )


@bp.post("/articles/<slug>/model-writing/<int:job_id>/cancel")
def cancel_model_writing(slug: str, job_id: int):
    article = article_by_slug(slug)
    job = _job(article, job_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if cancel_writing(job):
        flash("Cancelling: the model's questions will not be saved.", "info")
    else:
        flash("The writing had already ended.", "info")
    return redirect(url_for(".model_writing", slug=article.slug, job_id=job.id))
