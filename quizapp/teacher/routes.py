"""Teacher pages: articles in, question review and authoring, classes, quizzes, scores, exports."""

from __future__ import annotations

import io

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    stream_template,
    stream_with_context,
    url_for,
)
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..analysis import FEW_ATTEMPTS
from ..articles import ArticleError, slugify
from ..extensions import db, login_manager
from ..forms import ActionForm
from ..generation.bank import BankError
from ..models import Article, Attempt, Classroom, Passage, Question, Quiz, User
from ..services import authoring, reports
from ..services.attempts import has_closed, review_of
from ..services.classes import ClassError, create_class, remove_student, rename_class, renew_join_code
from ..services.importing import import_with_progress, read_upload
from ..services.quizzes import (
    QuizError,
    QuizPlan,
    close_now,
    create_quiz,
    gradebook,
    may_open,
    published_questions,
    quizzes_of,
    set_dropped,
    set_visible,
    teaches,
    update_settings,
)
from ..timezones import school_zone, to_local
from ..wording import plural
from . import bp
from .forms import (
    TYPED_CHOICE_TYPES,
    ArticleUploadForm,
    BulkStatusForm,
    ClassForm,
    QuestionForm,
    QuizForm,
    QuizSettingsForm,
)

STATUS_VERBS = {"published": "Published", "rejected": "Rejected", "draft": "Returned to draft"}


@bp.before_request
def require_teacher():
    """Every route here is for teachers only: anonymous users log in, students get 403."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.is_teacher:
        abort(403)
    return None


def own_question(question_id: int) -> Question:
    question = db.get_or_404(Question, question_id)
    if not authoring.may_edit(current_user, question.article):
        abort(404)
    return question


def own_classroom(classroom_id: int) -> Classroom:
    classroom = db.get_or_404(Classroom, classroom_id)
    if classroom.teacher_id != current_user.id:
        abort(404)
    return classroom


def own_quiz(quiz_id: int) -> Quiz:
    """A quiz this teacher may open: their own, or a shared (bundled) one; any other is not found."""
    quiz = db.get_or_404(Quiz, quiz_id)
    if not may_open(current_user, quiz):
        abort(404)
    return quiz


def quiz_to_change(quiz_id: int) -> Quiz:
    """A quiz this teacher may change: only their own (a shared quiz is every teacher's students')."""
    quiz = own_quiz(quiz_id)
    if quiz.owner_id != current_user.id:
        abort(403)
    return quiz


def article_by_slug(slug: str) -> Article:
    """An article whose questions this teacher may review and edit: one they imported, or a bundled one."""
    article = db.first_or_404(db.select(Article).filter_by(slug=slug))
    if not authoring.may_edit(current_user, article):
        abort(404)
    return article


@bp.route("/")
def dashboard():
    articles = [
        a
        for a in db.session.execute(db.select(Article).order_by(Article.title)).scalars()
        if authoring.may_edit(current_user, a)
    ]
    classes = db.session.execute(
        db.select(Classroom).filter_by(teacher_id=current_user.id).order_by(Classroom.name)
    ).scalars().all()
    quizzes = quizzes_of(current_user)
    return render_template(
        "teacher/dashboard.html",
        articles=articles,
        counts=authoring.status_counts_by_article(articles),
        classes=classes,
        quizzes=quizzes,
        class_form=ClassForm(),
        title="Teaching",
    )


# Articles and questions ---------------------------------------------------------------------------


@bp.route("/articles/new", methods=["GET", "POST"])
def new_article():
    """Parse at once (a bad file re-shows the form with the reason), then stream the import's progress."""
    form = ArticleUploadForm()
    if form.validate_on_submit():
        try:
            loaded = read_upload(
                file=form.file.data if form.file.data and form.file.data.filename else None,
                text=form.text.data,
                title=form.title.data,
                max_bytes=current_app.config["MAX_ARTICLE_BYTES"],
            )
        except (ArticleError, BankError) as error:
            form.form_errors.append(f"{error} Nothing was imported.")
        else:
            steps = import_with_progress(loaded, current_user._get_current_object())
            return Response(
                stream_with_context(stream_template("teacher/importing.html", steps=steps, title="Importing")),
                mimetype="text/html",
            )
    return render_template("teacher/new_article.html", form=form, title="Add an article")


# A long article's drafts come a page at a time: a teacher reviews them in order, and a page of
# 150 question cards with their passages is slow to load and to scroll.
QUESTIONS_PER_PAGE = 50


@bp.route("/articles/<slug>/questions")
def article_questions(slug: str):
    article = article_by_slug(slug)
    status = request.args.get("status", "draft")
    if status not in ("draft", "published", "rejected", "all"):
        status = "draft"
    query = db.select(Question).filter_by(article_id=article.id)
    if status != "all":
        query = query.filter_by(status=status)
    page = db.paginate(
        query.join(Passage, Passage.id == Question.passage_id).order_by(Passage.position, Question.evidence_start, Question.id),
        per_page=QUESTIONS_PER_PAGE,
        max_per_page=QUESTIONS_PER_PAGE,
        error_out=False,
    )
    bulk = BulkStatusForm()
    bulk.questions.choices = [str(q.id) for q in page.items]
    return render_template(
        "teacher/questions.html",
        article=article,
        questions=page.items,
        page=page,
        status=status,
        counts=authoring.status_counts(article),
        by_type=authoring.type_counts(article, None if status == "all" else status),  # agrees with the tab
        bulk=bulk,
        title=f"Questions: {article.title}",
    )


@bp.route("/articles/<slug>/questions/status", methods=["POST"])
def set_question_status(slug: str):
    article = article_by_slug(slug)
    form = BulkStatusForm()
    form.questions.choices = [str(q.id) for q in article.questions]
    if form.validate_on_submit():
        changed = authoring.set_status(article, form.questions.data, form.action.data)
        _flash_status_change(form.action.data, changed, form.questions.data)
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(error if isinstance(error, str) else "Invalid selection.", "error")
    return redirect(
        url_for("teacher.article_questions", slug=slug, status=request.args.get("status", "draft"), page=request.args.get("page", 1, type=int))
    )


def _flash_status_change(status: str, changed: int, question_ids: list[int]) -> None:
    """Say what changed, and, for questions taken out of "published", which quizzes still ask them."""
    message = f"{STATUS_VERBS[status]} {plural(changed, 'question')}."
    note = authoring.still_asked_note(question_ids, current_user) if status != "published" else None
    flash(f"{message} {note}" if note else message, "success")


@bp.route("/articles/<slug>/delete", methods=["GET", "POST"])
def delete_article(slug: str):
    """GET asks for confirmation, saying what would go; only the confirmation form's POST deletes.

    An article whose questions are in a quiz is refused at once, on either.
    """
    article = article_by_slug(slug)
    form = ActionForm()
    if request.method == "POST" and not form.validate_on_submit():
        abort(400)
    blocker = authoring.deletion_blocker(article)
    if blocker:
        flash(blocker, "error")
        return redirect(url_for("teacher.article_questions", slug=slug))
    if request.method == "GET":
        return render_template(
            "teacher/delete_article.html",
            article=article,
            form=form,
            counts=authoring.status_counts(article),
            title=f"Delete {article.title}?",
        )
    had_questions = bool(article.questions)
    try:
        authoring.delete_article(article)
    except authoring.AuthoringError as error:  # a quiz took its questions since the check above
        flash(" ".join(error.problems), "error")
        return redirect(url_for("teacher.article_questions", slug=slug))
    flash(f"Deleted {article.title}{' and its questions' if had_questions else ''}.", "success")
    return redirect(url_for("teacher.dashboard"))


@bp.route("/questions/<int:question_id>/status", methods=["POST"])
def question_status(question_id: int):
    """Publish, reject or return to draft one question (the buttons on each question card)."""
    question = own_question(question_id)
    status = request.form.get("status")
    if not ActionForm().validate_on_submit() or status not in STATUS_VERBS:
        abort(400)
    authoring.set_status(question.article, [question.id], status)
    _flash_status_change(status, 1, [question.id])
    listing = url_for("teacher.article_questions", slug=question.article.slug, status=request.args.get("status", "draft"))
    return redirect(f"{listing}#question-{question.id}")


def _fill_passage_choices(form: QuestionForm, passages: list[Passage]) -> None:
    form.passage.choices = [
        SelectChoice(str(p.id), f"{p.section or 'Introduction'} · {p.anchor}: {p.text[:80]}{'…' if len(p.text) > 80 else ''}")
        for p in passages
    ]


def _draft_from(form: QuestionForm, passages: list[Passage]) -> authoring.QuestionDraft:
    passage = next(p for p in passages if p.id == form.passage.data)
    return authoring.QuestionDraft(
        type=form.type.data,
        prompt=form.prompt.data,
        choices=form.choice_list(),
        answer=form.answer_value(),
        passage=passage,
        evidence=form.evidence.data,
    )


@bp.route("/articles/<slug>/questions/new", methods=["GET", "POST"])
def new_question(slug: str):
    article = article_by_slug(slug)
    form = QuestionForm()
    passages = authoring.askable_passages(article)
    _fill_passage_choices(form, passages)
    if request.method == "GET" and request.args.get("passage", type=int):
        form.passage.data = request.args.get("passage", type=int)
    if form.validate_on_submit():
        try:
            authoring.save_question(article, _draft_from(form, passages), current_user)
        except authoring.AuthoringError as error:
            form.form_errors.extend(error.problems)
        else:
            flash("Question saved and published.", "success")
            return redirect(url_for("teacher.article_questions", slug=slug, status="published"))
    return render_template(
        "teacher/question_form.html",
        form=form,
        article=article,
        passages=passages,
        question=None,
        answered=(0, 0),
        title="Add a question",
    )


@bp.route("/questions/<int:question_id>/edit", methods=["GET", "POST"])
def edit_question(question_id: int):
    question = own_question(question_id)
    article = question.article
    form = QuestionForm(obj=None if request.method == "POST" else _QuestionFormData(question))
    passages = authoring.askable_passages(article, keep=question.passage)
    _fill_passage_choices(form, passages)
    if form.validate_on_submit():
        try:
            authoring.save_question(article, _draft_from(form, passages), current_user, existing=question)
        except authoring.AuthoringError as error:
            form.form_errors.extend(error.problems)
        else:
            flash("Question updated.", "success")
            return redirect(
                url_for("teacher.article_questions", slug=article.slug, status=question.status, _anchor=f"question-{question.id}")
            )
    return render_template(
        "teacher/question_form.html",
        form=form,
        article=article,
        passages=passages,
        question=question,
        answered=authoring.answered_so_far(question),
        title="Edit question",
    )


class _QuestionFormData:
    """The stored question in the shape of the form's fields."""

    def __init__(self, question: Question) -> None:
        self.type = question.type
        self.prompt = question.prompt
        self.choices = "\n".join(question.choices) if question.type in TYPED_CHOICE_TYPES else ""
        self.answer = "\n".join(question.answer) if isinstance(question.answer, list) else question.answer
        self.passage = question.passage_id
        self.evidence = question.evidence


# Classes ------------------------------------------------------------------------------------------


@bp.route("/classes", methods=["POST"])
def new_class():
    form = ClassForm()
    if form.validate_on_submit():
        try:
            classroom = create_class(current_user, form.name.data)
        except ClassError as error:
            flash(str(error), "error")
        else:
            flash(f"Class {classroom.name} created. Students join it with the code {classroom.join_code}.", "success")
            return redirect(url_for("teacher.classroom", classroom_id=classroom.id))
    else:
        flash("Give the class a name (at most 120 characters).", "error")
    return redirect(url_for("teacher.dashboard"))


@bp.route("/classes/<int:classroom_id>")
def classroom(classroom_id: int):
    classroom = own_classroom(classroom_id)
    quizzes = db.session.execute(db.select(Quiz).filter_by(classroom_id=classroom.id)).scalars().all()
    return render_template(
        "teacher/classroom.html", classroom=classroom, quizzes=quizzes, rename_form=ClassForm(obj=classroom),
        action_form=ActionForm(), title=classroom.name,
    )


@bp.post("/classes/<int:classroom_id>/rename")
def rename_classroom(classroom_id: int):
    classroom = own_classroom(classroom_id)
    form = ClassForm()
    try:
        if not form.validate_on_submit():
            raise ClassError("Give the class a name (at most 120 characters).")
        rename_class(classroom, form.name.data)
    except ClassError as error:
        flash(str(error), "error")
    else:
        flash(f"The class is now called {classroom.name}.", "success")
    return redirect(url_for("teacher.classroom", classroom_id=classroom.id))


@bp.post("/classes/<int:classroom_id>/code")
def renew_classroom_code(classroom_id: int):
    classroom = own_classroom(classroom_id)
    if ActionForm().validate_on_submit():
        code = renew_join_code(classroom)
        flash(f"New join code: {code}. The old one no longer works; students already in the class stay.", "success")
    return redirect(url_for("teacher.classroom", classroom_id=classroom.id))


@bp.post("/classes/<int:classroom_id>/students/<int:user_id>/remove")
def remove_classroom_student(classroom_id: int, user_id: int):
    classroom = own_classroom(classroom_id)
    if ActionForm().validate_on_submit():
        student = remove_student(classroom, user_id) or abort(404)
        flash(
            f"{student.username} is no longer in {classroom.name}. Their attempts stay; "
            "with the join code they can come back.", "success",
        )
    return redirect(url_for("teacher.classroom", classroom_id=classroom.id))


@bp.route("/students/<int:user_id>")
def student_history(user_id: int):
    student = db.get_or_404(User, user_id)
    if not teaches(current_user, student):
        abort(404)
    history = reports.student_history(current_user, student, page=request.args.get("page", 1, type=int))
    return render_template("teacher/student.html", student=student, history=history, title=student.username)


@bp.route("/attempts/<int:attempt_id>")
def attempt_answers(attempt_id: int):
    """A student's attempt as their review shows it (answers so far, if unfinished): for the student's teacher."""
    attempt = db.get_or_404(Attempt, attempt_id)
    mine = attempt.quiz.owner_id == current_user.id
    if not (mine or (attempt.quiz.owner_id is None and teaches(current_user, attempt.user))):
        abort(404)
    return render_template(
        "teacher/attempt.html", attempt=attempt, review=review_of(attempt),
        title=f"{attempt.user.username}: {attempt.quiz.title}",
    )


# Quizzes ------------------------------------------------------------------------------------------


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
    if request.method == "GET" and request.args.get("classroom", type=int):
        form.classroom.data = request.args.get("classroom", type=int)
    if form.validate_on_submit():
        plan = QuizPlan(
            title=form.title.data,
            classroom=next((c for c in classes if c.id == form.classroom.data), None),
            question_ids=form.questions.data or [],
            random_article_ids=form.random_articles.data or [],
            random_count=form.random_count.data or 0,
            opens_at=form.utc(form.opens_at),
            closes_at=form.utc(form.closes_at),
            max_attempts=form.max_attempts.data,
            feedback=form.feedback.data,
        )
        try:
            quiz = create_quiz(current_user, plan)
        except QuizError as error:
            form.form_errors.append(str(error))
        else:
            flash(f"Quiz {quiz.title} created with {plural(len(quiz.items), 'question')}.", "success")
            return redirect(url_for("teacher.quiz", quiz_id=quiz.id))
    return render_template(
        "teacher/new_quiz.html", form=form, grouped=grouped, articles=articles, classes=classes, title="New quiz"
    )


@bp.route("/quizzes/<int:quiz_id>")
def quiz(quiz_id: int):
    quiz = own_quiz(quiz_id)
    return _quiz_page(quiz, _settings_form(quiz))


def _settings_form(quiz: Quiz, formdata=None) -> QuizSettingsForm:
    zone = school_zone()
    current = {
        "title": quiz.title,
        "max_attempts": quiz.max_attempts,
        "opens_at": to_local(quiz.opens_at, zone).replace(tzinfo=None) if quiz.opens_at else None,
        "closes_at": to_local(quiz.closes_at, zone).replace(tzinfo=None) if quiz.closes_at else None,
    }
    return QuizSettingsForm(
        formdata=formdata, data=current, zone=zone, stored={"opens_at": quiz.opens_at, "closes_at": quiz.closes_at}
    )


def _quiz_page(quiz: Quiz, settings: QuizSettingsForm):
    return render_template(
        "teacher/quiz.html", quiz=quiz, rows=gradebook(quiz, current_user), item_form=ActionForm(),
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
            max_attempts=form.max_attempts.data,
        )
    except QuizError as error:
        form.form_errors.append(str(error))
        return _quiz_page(quiz, form), 400
    flash("Quiz settings saved.", "success")
    return redirect(url_for("teacher.quiz", quiz_id=quiz.id))


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
    quiz = own_quiz(quiz_id)
    return _download(reports.gradebook_csv(quiz, current_user), f"{_file_stem(quiz)}-gradebook.csv", "text/csv")


@bp.route("/quizzes/<int:quiz_id>/analysis")
def analysis(quiz_id: int):
    quiz = own_quiz(quiz_id)
    quiz_stats, rows = reports.item_analysis(quiz, current_user)
    return render_template(
        "teacher/analysis.html", quiz=quiz, quiz_stats=quiz_stats, rows=rows, few_attempts=FEW_ATTEMPTS,
        title=f"Item analysis: {quiz.title}",
    )


@bp.route("/quizzes/<int:quiz_id>/analysis.csv")
def analysis_csv(quiz_id: int):
    quiz = own_quiz(quiz_id)
    return _download(reports.item_analysis_csv(quiz, current_user), f"{_file_stem(quiz)}-item-analysis.csv", "text/csv")


@bp.route("/quizzes/<int:quiz_id>/export.<fmt>")
def export_quiz(quiz_id: int, fmt: str):
    quiz = own_quiz(quiz_id)
    if fmt == "gift":
        return _download(reports.quiz_gift(quiz), f"{_file_stem(quiz)}.gift.txt", "text/plain")
    if fmt == "xml":
        return _download(reports.quiz_moodle_xml(quiz), f"{_file_stem(quiz)}.moodle.xml", "application/xml")
    if fmt == "apkg":
        return _download(reports.quiz_anki(quiz), f"{_file_stem(quiz)}.apkg", "application/octet-stream")
    abort(404)


def _file_stem(quiz: Quiz) -> str:
    """A download name a teacher recognises: the quiz's title, made safe for any file system."""
    return f"{slugify(quiz.title, 'quiz')}-{quiz.id}"


def _download(body: str | bytes, filename: str, mimetype: str) -> Response:
    """A file to save: Flask writes the Content-Disposition (with an RFC 6266 name for any title)."""
    data = body.encode() if isinstance(body, str) else body
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=filename)

