"""Teacher pages for quizzes: building, settings, closing, gradebook, item analysis, exports."""

from __future__ import annotations

import io

from flask import Response, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..analysis import FEW_ATTEMPTS
from ..articles import slugify
from ..extensions import db
from ..forms import ActionForm
from ..models import REVIEW_PARTS, Article, Classroom, Question, Quiz
from ..services import reports
from ..services.attempts import finish_overdue
from ..services.student_quizzes import has_closed
from ..services.quizzes import (
    QuizError,
    QuizPlan,
    add_questions,
    close_now,
    copy_quiz,
    create_quiz,
    gradebook_page,
    has_attempts,
    hidden_from_my_classes,
    published_questions,
    remove_question,
    set_dropped,
    set_hidden_from_my_classes,
    set_visible,
    update_settings,
)
from ..services.tags import published_tags
from ..timezones import school_zone, to_local
from ..wording import plural
from . import bp
from .access import openable_quiz, quiz_to_change
from .forms import AddQuestionsForm, CopyQuizForm, QuizForm, QuizSettingsForm

# A quiz open to every student can have thousands of takers: the gradebook shows them a page at a time.
GRADEBOOK_ROWS_PER_PAGE = 50


@bp.route("/quizzes/new", methods=["GET", "POST"])
def new_quiz():
    form = QuizForm(zone=school_zone())
    classes = db.session.execute(
        db.select(Classroom).filter_by(teacher_id=current_user.id).order_by(Classroom.name)
    ).scalars().all()
    # A teacher's quiz is for one of their classes: their gradebook then covers everyone who takes it.
    form.classroom.choices = [SelectChoice(str(c.id), c.name) for c in classes]
    questions = published_questions()
    form.questions.choices = [str(q.id) for q in questions]
    grouped: dict[Article, list[Question]] = {}
    for question in questions:
        grouped.setdefault(question.article, []).append(question)
    # Random questions come only from articles that have published ones.
    articles = sorted(grouped, key=lambda a: a.title)
    form.random_articles.choices = [str(a.id) for a in articles]
    form.whole_articles.choices = [str(a.id) for a in articles]
    tag_names = published_tags()
    form.random_tags.choices = tag_names
    # The picker lists the questions of one tag when the teacher asks for it.
    picked_tag = request.args.get("tag", "").strip().casefold()
    if picked_tag:
        grouped = {article: [q for q in qs if picked_tag in q.tags] for article, qs in grouped.items()}
        grouped = {article: qs for article, qs in grouped.items() if qs}
    if request.method == "GET" and request.args.get("classroom", type=int):
        form.classroom.data = request.args.get("classroom", type=int)
    if form.validate_on_submit():
        plan = QuizPlan(
            title=form.title.data,
            classroom=next((c for c in classes if c.id == form.classroom.data), None),
            question_ids=form.questions.data or [],
            whole_article_ids=form.whole_articles.data or [],
            random_article_ids=form.random_articles.data or [],
            random_count=form.random_count.data or 0,
            random_tags=form.random_tags.data or [],
            draw_per_student=form.draw_per_student.data,
            opens_at=form.utc(form.opens_at),
            closes_at=form.utc(form.closes_at),
            max_attempts=form.max_attempts.data,
            time_limit_minutes=form.time_limit.data,
            shuffle_questions=form.shuffle_questions.data,
            feedback=form.feedback.data,
            review_after_submit=_or_all(form.review_choice(form.review_after_submit)),
            review_after_close=_or_all(form.review_choice(form.review_after_close)),
        )
        try:
            quiz = create_quiz(current_user, plan)
        except QuizError as error:
            form.form_errors.append(str(error))
        else:
            flash(f"Quiz {quiz.title} created with {plural(len(quiz.items), 'question')}.", "success")
            return redirect(url_for("teacher.quiz", quiz_id=quiz.id))
    return render_template(
        "teacher/new_quiz.html", form=form, grouped=grouped, articles=articles, classes=classes, tag_names=tag_names,
        picked_tag=picked_tag, title="New quiz"
    )


@bp.route("/quizzes/<int:quiz_id>")
def quiz(quiz_id: int):
    quiz = openable_quiz(quiz_id)
    return _quiz_page(quiz, _settings_form(quiz))


def _settings_form(quiz: Quiz, formdata=None) -> QuizSettingsForm:
    zone = school_zone()
    current = {
        "title": quiz.title,
        "max_attempts": quiz.max_attempts,
        "time_limit": quiz.time_limit_minutes,
        "shuffle_questions": quiz.shuffle_questions,
        "opens_at": to_local(quiz.opens_at, zone).replace(tzinfo=None) if quiz.opens_at else None,
        "closes_at": to_local(quiz.closes_at, zone).replace(tzinfo=None) if quiz.closes_at else None,
        "review_after_submit": list(quiz.review_after_submit),
        "review_after_close": list(quiz.review_after_close),
    }
    return QuizSettingsForm(
        formdata=formdata, data=current, zone=zone, stored={"opens_at": quiz.opens_at, "closes_at": quiz.closes_at}
    )


def _copy_form(quiz: Quiz, formdata=None) -> CopyQuizForm:
    # prefixed: the settings form on the same page has a title field too (ids must differ)
    form = CopyQuizForm(formdata=formdata, data={"title": f"{quiz.title} (copy)"}, prefix="copy")
    classes = db.session.execute(db.select(Classroom).filter_by(teacher_id=current_user.id).order_by(Classroom.name)).scalars()
    form.classroom.choices = [SelectChoice(str(c.id), c.name) for c in classes]
    return form


def _quiz_page(quiz: Quiz, settings: QuizSettingsForm, copy_form: CopyQuizForm | None = None):
    finish_overdue(quiz)  # attempts whose time ran out while nobody looked: scored before they are listed
    return render_template(
        "teacher/quiz.html", quiz=quiz, item_form=ActionForm(), copy_form=copy_form or _copy_form(quiz),
        started=has_attempts(quiz), hidden_from_mine=quiz.owner_id is None and hidden_from_my_classes(current_user, quiz),
        gradebook=gradebook_page(quiz, current_user, request.args.get("page", 1, type=int), GRADEBOOK_ROWS_PER_PAGE),
        settings=settings, has_closed=has_closed, title=quiz.title,
    )


@bp.post("/quizzes/<int:quiz_id>/settings")
def quiz_settings(quiz_id: int):
    quiz = quiz_to_change(quiz_id)
    form = _settings_form(quiz, formdata=request.form)
    if not form.validate_on_submit():
        return _quiz_page(quiz, form), 400
    try:
        update_settings(
            quiz, title=form.title.data, opens_at=form.utc(form.opens_at), closes_at=form.utc(form.closes_at),
            max_attempts=form.max_attempts.data, time_limit_minutes=form.time_limit.data,
            shuffle_questions=form.shuffle_questions.data if form.review_options_sent.raw_data else None,
            review_after_submit=form.review_choice(form.review_after_submit),
            review_after_close=form.review_choice(form.review_after_close),
        )
    except QuizError as error:
        form.form_errors.append(str(error))
        return _quiz_page(quiz, form), 400
    flash("Quiz settings saved.", "success")
    return redirect(url_for("teacher.quiz", quiz_id=quiz.id))


@bp.post("/quizzes/<int:quiz_id>/copy")
def copy_to_class(quiz_id: int):
    """The quiz again for another of the teacher's classes (a shared quiz too: the sample, say)."""
    quiz = openable_quiz(quiz_id)
    form = _copy_form(quiz, formdata=request.form)
    if not form.validate_on_submit():
        return _quiz_page(quiz, _settings_form(quiz), form), 400
    classroom = db.session.get(Classroom, form.classroom.data)
    try:
        copy = copy_quiz(quiz, current_user, classroom, form.title.data)
    except QuizError as error:
        form.form_errors.append(str(error))
        return _quiz_page(quiz, _settings_form(quiz), form), 400
    flash(f"Copied to {classroom.name} as {copy.title}, with {plural(len(copy.items), 'question')}. Set its times below.", "success")
    return redirect(url_for("teacher.quiz", quiz_id=copy.id))


@bp.post("/quizzes/<int:quiz_id>/my-classes")
def shared_quiz_for_my_classes(quiz_id: int):
    """Hide the shared sample quiz from this teacher's classes, or show it to them again."""
    quiz = openable_quiz(quiz_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    hide = request.form.get("hidden") == "1"
    try:
        set_hidden_from_my_classes(current_user, quiz, hide)
    except QuizError as error:
        flash(str(error), "error")
    else:
        flash("Hidden from your classes' students; students in no class of yours still see it." if hide
              else "Your classes' students see this quiz again.", "success")
    return redirect(url_for("teacher.quiz", quiz_id=quiz.id))


@bp.post("/quizzes/<int:quiz_id>/questions/<int:position>/remove")
def remove_from_quiz(quiz_id: int, position: int):
    """Before any student has started: take a question out (afterwards, drop it instead)."""
    quiz = quiz_to_change(quiz_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        remove_question(quiz, position)
    except QuizError as error:
        flash(str(error), "error")
    else:
        flash("Question removed from the quiz.", "success")
    return redirect(url_for("teacher.quiz", quiz_id=quiz.id, _anchor="questions"))


@bp.route("/quizzes/<int:quiz_id>/questions/add", methods=["GET", "POST"])
def add_to_quiz(quiz_id: int):
    """Before any student has started: add published questions, or every one of an article."""
    quiz = quiz_to_change(quiz_id)
    if has_attempts(quiz):
        flash("Students have started this quiz: its questions stay as they are (a faulty one can be dropped).", "error")
        return redirect(url_for("teacher.quiz", quiz_id=quiz.id, _anchor="questions"))
    present = {item.question_id for item in quiz.items}
    questions = [q for q in published_questions() if q.id not in present]
    grouped: dict[Article, list[Question]] = {}
    for question in questions:
        grouped.setdefault(question.article, []).append(question)
    form = AddQuestionsForm()
    form.questions.choices = [str(q.id) for q in questions]
    form.whole_articles.choices = [str(a.id) for a in grouped]
    if form.validate_on_submit():
        try:
            added = add_questions(quiz, form.questions.data or [], form.whole_articles.data or [])
        except QuizError as error:
            form.form_errors.append(str(error))
        else:
            flash(f"Added {plural(added, 'question')} to the quiz.", "success")
            return redirect(url_for("teacher.quiz", quiz_id=quiz.id, _anchor="questions"))
    return render_template("teacher/add_questions.html", quiz=quiz, form=form, grouped=grouped, title=f"Add questions: {quiz.title}")


@bp.post("/quizzes/<int:quiz_id>/close")
def close_quiz(quiz_id: int):
    quiz = quiz_to_change(quiz_id)
    if ActionForm().validate_on_submit():
        finished = close_now(quiz)
        open_ones = f" {plural(finished, 'open attempt')} finished and scored with the answers given." if finished else ""
        flash(f"The quiz is closed: nobody can start it any more.{open_ones}", "success")
    return redirect(url_for("teacher.quiz", quiz_id=quiz.id))


@bp.post("/quizzes/<int:quiz_id>/visibility")
def quiz_visibility(quiz_id: int):
    quiz = quiz_to_change(quiz_id)
    if ActionForm().validate_on_submit():
        visible = request.form.get("visible") == "1"
        set_visible(quiz, visible)
        flash("Students see the quiz again." if visible else "The quiz is hidden from students; its attempts and scores stay.", "success")
    return redirect(url_for("teacher.quiz", quiz_id=quiz.id))


@bp.post("/quizzes/<int:quiz_id>/questions/<int:position>/drop")
def drop_question(quiz_id: int, position: int):
    """Take a faulty question out of a quiz students have taken: not asked again, no score counts it."""
    return _set_dropped(quiz_to_change(quiz_id), position, dropped=True)


@bp.post("/quizzes/<int:quiz_id>/questions/<int:position>/restore")
def restore_question(quiz_id: int, position: int):
    return _set_dropped(quiz_to_change(quiz_id), position, dropped=False)


def _set_dropped(quiz: Quiz, position: int, dropped: bool):
    if ActionForm().validate_on_submit():
        try:
            item, rescored = set_dropped(quiz, position, dropped)
        except QuizError as error:
            flash(str(error), "error")
        else:
            done = "Dropped" if dropped else "Brought back"
            scores = f"{plural(rescored, 'finished attempt')} scored again." if rescored else "No score changed."
            flash(f"{done} question {item.position + 1}. {scores}", "success")
    return redirect(url_for("teacher.quiz", quiz_id=quiz.id) + "#questions")


@bp.route("/quizzes/<int:quiz_id>/gradebook.csv")
def gradebook_csv(quiz_id: int):
    quiz = openable_quiz(quiz_id)
    return _download(reports.gradebook_csv(quiz, current_user), f"{_file_stem(quiz)}-gradebook.csv", "text/csv")


@bp.route("/quizzes/<int:quiz_id>/analysis")
def analysis(quiz_id: int):
    quiz = openable_quiz(quiz_id)
    quiz_stats, rows = reports.item_analysis(quiz, current_user)
    return render_template(
        "teacher/analysis.html", quiz=quiz, quiz_stats=quiz_stats, rows=rows, few_attempts=FEW_ATTEMPTS,
        title=f"Item analysis: {quiz.title}",
    )


@bp.route("/quizzes/<int:quiz_id>/analysis.csv")
def analysis_csv(quiz_id: int):
    quiz = openable_quiz(quiz_id)
    return _download(reports.item_analysis_csv(quiz, current_user), f"{_file_stem(quiz)}-item-analysis.csv", "text/csv")


@bp.route("/quizzes/<int:quiz_id>/export.<fmt>")
def export_quiz(quiz_id: int, fmt: str):
    quiz = openable_quiz(quiz_id)
    if fmt == "gift":
        return _download(reports.quiz_gift(quiz), f"{_file_stem(quiz)}.gift.txt", "text/plain")
    if fmt == "xml":
        return _download(reports.quiz_moodle_xml(quiz), f"{_file_stem(quiz)}.moodle.xml", "application/xml")
    if fmt == "qti":  # Canvas and other LMSs: "QTI .zip file"
        return _download(reports.quiz_qti(quiz), f"{_file_stem(quiz)}.qti.zip", "application/zip")
    if fmt == "apkg":
        return _download(reports.quiz_anki(quiz), f"{_file_stem(quiz)}.apkg", "application/octet-stream")
    abort(404)


def _or_all(parts: list[str] | None) -> list[str]:
    return list(REVIEW_PARTS) if parts is None else parts


def _file_stem(quiz: Quiz) -> str:
    """A download name a teacher recognises: the quiz's title, made safe for any file system."""
    return f"{slugify(quiz.title, 'quiz')}-{quiz.id}"


def _download(body: str | bytes, filename: str, mimetype: str) -> Response:
    """A file to save: Flask writes the Content-Disposition (with an RFC 6266 name for any title)."""
    data = body.encode() if isinstance(body, str) else body
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=filename)
