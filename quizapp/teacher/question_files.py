"""Teacher pages for bringing questions from other tools: read the file, show where each question's
evidence was found, and store what the teacher confirms."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from ..imports import FORMATS, QuestionFileError, read_question_file
from ..services.question_import import EXACT, TOLERANT, match_questions, save_imported
from ..wording import plural
from . import bp
from .access import article_by_slug
from .forms import ConfirmQuestionImportForm, QuestionFileForm

# More questions than this in one file is not a file a teacher reviews in one page.
MAX_QUESTIONS_PER_FILE = 500


def _read(data: bytes, name: str):
    if len(data) > current_app.config["MAX_ARTICLE_BYTES"]:
        limit = current_app.config["MAX_ARTICLE_BYTES"] / 1048576
        raise QuestionFileError(f"the file is larger than {limit:.1f} MB", 1)
    kind, questions = read_question_file(data, name)
    if len(questions) > MAX_QUESTIONS_PER_FILE:
        raise QuestionFileError(f"the file has {len(questions):,} questions; import at most {MAX_QUESTIONS_PER_FILE:,} at a time", 1)
    return kind, questions


@bp.route("/articles/<slug>/questions/import", methods=["GET", "POST"])
def import_questions(slug: str):
    """Step one: read the file and show each question with the evidence found for it. Nothing is stored."""
    article = article_by_slug(slug)
    form = QuestionFileForm()
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read(current_app.config["MAX_ARTICLE_BYTES"] + 1)
        try:
            kind, questions = _read(data, upload.filename or "")
        except QuestionFileError as error:
            form.file.errors.append(f"{error} Nothing was imported.")
        else:
            matches = match_questions(article, questions)
            confirm = ConfirmQuestionImportForm(file_name=upload.filename, file_text=data.decode("utf-8-sig"))
            return render_template(
                "teacher/import_questions.html", article=article, form=form, confirm=confirm, matches=matches,
                file_name=upload.filename, file_format=FORMATS[kind], EXACT=EXACT, TOLERANT=TOLERANT,
                title=f"Import questions: {article.title}",
            )
    return render_template("teacher/import_questions.html", article=article, form=form, matches=None, title=f"Import questions: {article.title}")


@bp.route("/articles/<slug>/questions/import/confirm", methods=["POST"])
def confirm_question_import(slug: str):
    """Step two: read the same file again, store the exact matches and the confirmed ones, in one transaction."""
    article = article_by_slug(slug)
    confirm = ConfirmQuestionImportForm()
    if not confirm.validate_on_submit():
        flash("The import form was incomplete or expired: upload the file again. Nothing was imported.", "error")
        return redirect(url_for("teacher.import_questions", slug=slug))
    try:
        _, questions = _read(confirm.file_text.data.encode("utf-8"), confirm.file_name.data)
    except QuestionFileError as error:
        flash(f"{error} Nothing was imported.", "error")
        return redirect(url_for("teacher.import_questions", slug=slug))
    matches = match_questions(article, questions)
    confirmed = {int(n) for n in confirm.confirmed.data or [] if n.isdigit()}
    stored = save_imported(article, matches, confirmed, current_user._get_current_object())
    if not stored:
        flash("No question was imported: none was ready, and no match was confirmed.", "error")
        return redirect(url_for("teacher.import_questions", slug=slug))
    left = sum(1 for m in matches if not m.importable) + sum(1 for m in matches if m.importable and m.how == TOLERANT and m.number not in confirmed)
    flash(
        f"Imported {plural(len(stored), 'question')} as drafts: review and publish them."
        + (f" {plural(left, 'question')} of the file {'was' if left == 1 else 'were'} not imported." if left else ""),
        "success",
    )
    return redirect(url_for("teacher.article_questions", slug=slug, status="draft"))
