"""Teacher pages for correcting an article's text: edit it in place or upload a corrected file,
see what the correction does to the questions, confirm; then fix the questions it left behind."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..articles import ArticleError, parse_article
from ..articles.source import article_source
from ..forms import ActionForm
from ..generation.bank import BankError
from ..services import corrections
from ..services.authoring import AuthoringError
from ..services.importing import read_upload
from ..wording import plural
from . import bp
from .access import article_by_slug, own_question
from .forms import ArticleCorrectionForm


@bp.route("/articles/<slug>/correct", methods=["GET", "POST"])
def correct_article(slug: str):
    """GET: the text in an edit box. POST: the changes to review; POST with ``confirmed``: save them."""
    article = article_by_slug(slug)
    form = ArticleCorrectionForm()
    if not form.is_submitted():
        form.text.data = article_source(article.title, article.sections, article.passages)
        form.based_on.data = article.content_hash
    elif form.validate_on_submit():
        try:
            parsed, name = _corrected_text(form)
        except (ArticleError, BankError) as error:
            form.form_errors.append(f"{error} Nothing was changed.")
        else:
            if "edit_again" in request.form:
                form.confirmed.data = ""  # back to the edit box below, the teacher's text in it
            elif form.confirmed.data == "yes":
                return _save(article, parsed, form.based_on.data, name)
            elif form.based_on.data != article.content_hash:
                form.form_errors.append(str(corrections.CorrectionConflict()))
            else:
                plan = corrections.plan_correction(article, parsed)
                confirm = ArticleCorrectionForm(formdata=None, text=article_source(parsed.title, parsed.sections, parsed.passages), based_on=form.based_on.data, confirmed="yes")
                return render_template(
                    "teacher/correction_review.html",
                    article=article,
                    plan=plan,
                    changes=corrections.passage_changes(plan, parsed),
                    form=confirm,
                    new_title=parsed.title,
                    title=f"Review the correction: {article.title}",
                )
    return render_template("teacher/correct_article.html", article=article, form=form, title=f"Correct {article.title}")


def _corrected_text(form: ArticleCorrectionForm):
    """The corrected article, parsed: from the upload (any format quizapp reads) or the edit box (wiki text)."""
    limit = current_app.config["MAX_ARTICLE_BYTES"]
    if form.file.data and form.file.data.filename:
        loaded = read_upload(file=form.file.data, text=None, title=None, max_bytes=limit)
        if loaded.questions is not None:
            raise ArticleError("That is a question-bank file; upload the article's text (.txt, .md, .wiki).")
        return loaded.parsed, loaded.name
    return parse_article(form.text.data, fmt="wiki", max_bytes=limit), None


def _save(article, parsed, based_on: str, name: str | None):
    try:
        done = corrections.correct_article(article, parsed, based_on=based_on, source_name=name)
    except corrections.CorrectionConflict as error:
        flash(str(error), "error")
        return redirect(url_for("teacher.correct_article", slug=article.slug))
    if not done.changes_text:
        flash("The text is unchanged: nothing was saved.", "info")
        return redirect(url_for("teacher.article_questions", slug=article.slug))
    moved = f" {plural(len(done.moved), 'question')} moved with {'its' if len(done.moved) == 1 else 'their'} evidence." if done.moved else ""
    flash(f"Saved the corrected text: {plural(done.new_passages, 'passage')} new or changed.{moved}", "success")
    if done.lost:
        flash(
            f"{plural(len(done.lost), 'question')} cite{'s' if len(done.lost) == 1 else ''} text the correction took out: "
            "fix or reject them below.",
            "error",
        )
    return redirect(url_for("teacher.article_questions", slug=article.slug, status="all", _anchor="needs-evidence" if done.lost else None))


@bp.post("/questions/<int:question_id>/cite-suggestion")
def cite_suggested_evidence(question_id: int):
    """Point a question left behind by a correction at the corrected sentence suggested for it."""
    question = own_question(question_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        suggestion = corrections.cite_suggestion(question, current_user._get_current_object())
    except AuthoringError as error:
        flash(" ".join(error.problems) + " Nothing was changed.", "error")
    else:
        flash(f"The question now cites “{suggestion.text}”", "success")
    return redirect(url_for("teacher.article_questions", slug=question.article.slug, status="all", _anchor="needs-evidence"))
