"""Teacher pages for articles and their questions: the dashboard, import, review, authoring."""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_template,
    stream_with_context,
    url_for,
)
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..articles import ArticleError
from ..articles.wikipedia import WikipediaError
from ..database import page_of
from ..extensions import db
from ..forms import ActionForm
from ..generation.bank import BankError
from ..generation.types import TYPE_LABELS, question_type
from ..models import Article, Classroom, Passage, Question
from ..services import authoring, corrections, regrading
from ..services.permissions import articles_teacher_may_edit, may_edit
from ..services.tags import TagError, add_tag, clean_tag, parse_tags, remove_tag, tagged, teacher_tags
from ..services.importing import draft_more_questions, import_with_progress, read_upload, read_wikipedia, refusal_before_import
from ..services.model_writing import model_settings, running_job, start_writing, then_write_with_model
from ..services.quizzes import quizzes_of
from ..wording import percent, plural
from . import bp
from .access import article_by_slug, own_question
from .forms import AcceptedAnswersForm, ArticleUploadForm, BulkStatusForm, ClassForm, QuestionForm

STATUS_VERBS = {"published": "Published", "rejected": "Rejected", "draft": "Returned to draft"}


@bp.route("/")
def dashboard():
    articles = db.session.execute(
        db.select(Article).where(articles_teacher_may_edit(current_user)).order_by(Article.title)
    ).scalars().all()
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


@bp.route("/articles/new", methods=["GET", "POST"])
def new_article():
    """Parse at once (a bad file re-shows the form with the reason), then stream the import's progress."""
    form = ArticleUploadForm()
    settings = model_settings(current_app.config)
    if settings is None:
        del form.writer  # no language model on this server: the generator writes
    in_the_way = None
    loaded = _submitted_article(form) if form.validate_on_submit() else None
    if loaded is not None:
        teacher = current_user._get_current_object()
        refused = refusal_before_import(loaded, teacher)
        if refused is None:
            writer = form.writer.data if settings else "builtin"
            steps = import_with_progress(loaded, teacher, builtin=writer != "model")
            if writer != "builtin":
                app = current_app._get_current_object()
                steps = then_write_with_model(steps, lambda article: start_writing(app, article, teacher, settings))
            return Response(
                stream_with_context(stream_template("teacher/importing.html", steps=steps, title="Importing")),
                mimetype="text/html",
            )
        reason, existing = refused
        form.form_errors.append(f"{reason} Nothing was imported.")
        in_the_way = existing if may_edit(teacher, existing) else None
    return render_template("teacher/new_article.html", form=form, in_the_way=in_the_way, title="Add an article")


def _submitted_article(form: ArticleUploadForm):
    """The article the form brings (a file, pasted text or a Wikipedia address), parsed; None, with
    the reason among the form's errors, if it cannot be read."""
    try:
        if (form.wikipedia.data or "").strip():
            return read_wikipedia(
                form.wikipedia.data,
                api_url=current_app.config["WIKIPEDIA_API_URL"],
                timeout=current_app.config["WIKIPEDIA_TIMEOUT"],
                max_bytes=current_app.config["MAX_ARTICLE_BYTES"],
            )
        return read_upload(
            file=form.file.data if form.file.data and form.file.data.filename else None,
            text=form.text.data,
            title=form.title.data,
            max_bytes=current_app.config["MAX_ARTICLE_BYTES"],
        )
    except (ArticleError, BankError, WikipediaError) as error:
        form.form_errors.append(f"{error} Nothing was imported.")
        return None


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
    tag = request.args.get("tag", "").strip().casefold()
    if tag:
        query = query.where(tagged([tag]))
    page = page_of(
        query.join(Passage, Passage.id == Question.passage_id).order_by(Passage.position, Question.evidence_start, Question.id),
        None,
        QUESTIONS_PER_PAGE,
    )
    bulk = BulkStatusForm()
    bulk.questions.choices = [str(q.id) for q in page.items]
    settings = model_settings(current_app.config)
    needing = corrections.questions_needing_evidence(article)
    return render_template(
        "teacher/questions.html",
        needing=[(question, corrections.suggested_evidence(question, article)) for question in needing],
        article=article,
        questions=page.items,
        page=page,
        status=status,
        counts=authoring.status_counts(article),
        by_type=authoring.type_counts(article, None if status == "all" else status),  # agrees with the tab
        bulk=bulk,
        tag=tag,
        article_tags=sorted({t for q in article.questions for t in q.tags}),
        model_writer=settings is not None,
        writing=running_job(article, settings) if settings else None,
        model_form=ActionForm(),
        title=f"Questions: {article.title}",
    )


@bp.post("/articles/<slug>/more-questions")
def draft_more(slug: str):
    """The generator's further questions on the article (side details among them) as drafts."""
    article = article_by_slug(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    added = draft_more_questions(article)
    if added:
        flash(f"{plural(added, 'more question')} drafted from the article, for your review.", "success")
    else:
        rejected = authoring.status_counts(article)["rejected"]
        kept_out = {0: ".", 1: " (the question you rejected stays rejected)."}.get(rejected, f" (the {rejected} questions you rejected stay rejected).")
        flash(f"No more questions: the article already has every question quizapp can draft from it{kept_out}", "info")
    return redirect(url_for(".article_questions", slug=article.slug, status="draft"))


@bp.route("/questions")
def question_bank():
    """Every question the teacher may edit, across articles, filtered by article, tag, status and type."""
    articles = db.session.execute(db.select(Article).where(articles_teacher_may_edit(current_user)).order_by(Article.title)).scalars().all()
    filters = {
        "article": request.args.get("article", type=int),
        "tag": request.args.get("tag", "").strip().casefold(),
        "status": request.args.get("status", ""),
        "type": request.args.get("type", ""),
    }
    query = db.select(Question).where(Question.article_id.in_([a.id for a in articles]))
    if filters["article"]:
        query = query.where(Question.article_id == filters["article"])
    if filters["tag"]:
        query = query.where(tagged([filters["tag"]]))
    if filters["status"] in ("draft", "published", "rejected"):
        query = query.where(Question.status == filters["status"])
    if filters["type"] in TYPE_LABELS:
        query = query.where(Question.type == filters["type"])
    page = page_of(query.order_by(Question.article_id, Question.id), None, QUESTIONS_PER_PAGE)
    return render_template(
        "teacher/bank.html", page=page, articles=articles, tags=teacher_tags(current_user), filters=filters,
        type_labels=TYPE_LABELS, title="Question bank",
    )


@bp.route("/articles/<slug>/questions/status", methods=["POST"])
def set_question_status(slug: str):
    article = article_by_slug(slug)
    form = BulkStatusForm()
    form.questions.choices = [str(q.id) for q in article.questions]
    if form.validate_on_submit():
        if form.action.data in ("tag", "untag"):
            _change_tag(article, form)
        else:
            changed = authoring.set_status(article, form.questions.data, form.action.data)
            _flash_status_change(form.action.data, changed, form.questions.data)
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(error if isinstance(error, str) else "Invalid selection.", "error")
    return redirect(
        url_for("teacher.article_questions", slug=slug, status=request.args.get("status", "draft"), page=request.args.get("page", 1, type=int),
                tag=request.args.get("tag") or None)
    )


def _change_tag(article: Article, form: BulkStatusForm) -> None:
    """Add the form's tag to the selected questions, or take it off them."""
    chosen = [q for q in article.questions if q.id in set(form.questions.data)]
    try:
        if form.action.data == "tag":
            changed = add_tag(chosen, form.tag.data or "")
            flash(f"Tagged {plural(changed, 'question')} “{clean_tag(form.tag.data)}”.", "success")
        else:
            changed = remove_tag(chosen, form.tag.data or "")
            flash(f"Took the tag off {plural(changed, 'question')}.", "success")
    except TagError as error:
        flash(f"{error} Nothing was changed.", "error")


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
    tab = request.args.get("status", "draft")
    listing = url_for("teacher.article_questions", slug=question.article.slug, status=tab)
    # Back where the teacher was: the question itself, or the next one when it left this tab.
    shown = question if tab in ("all", status) else authoring.next_in_listing(question, tab)
    return redirect(f"{listing}#question-{shown.id}" if shown else listing)


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
            authoring.save_question(article, _draft_from(form, passages), current_user, tags=parse_tags(form.tags.data))
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
    corrected_since = question.passage.retired_at is not None
    if corrected_since and request.method == "GET":
        # Its passage was corrected: offer the corrected passage in its place, to cite the evidence there.
        form.passage.data = next((p.id for p in passages if p.anchor == question.passage.anchor), None)
    if form.validate_on_submit():
        try:
            authoring.save_question(article, _draft_from(form, passages), current_user, existing=question, tags=parse_tags(form.tags.data))
        except authoring.AuthoringError as error:
            form.form_errors.extend(error.problems)
        else:
            flash("Question updated.", "success")
            return redirect(
                url_for("teacher.article_questions", slug=article.slug, status=question.status, _anchor=f"question-{question.id}")
            )
    accepted = AcceptedAnswersForm(accepted="\n".join(question.accepted_answers)) if question_type(question.type).answer_input == "text" else None
    return render_template(
        "teacher/question_form.html",
        form=form,
        accepted_form=accepted,
        article=article,
        passages=passages,
        question=question,
        corrected_since=corrected_since,
        answered=authoring.answered_so_far(question),
        title="Edit question",
    )


@bp.route("/questions/<int:question_id>/accepted", methods=["POST"])
def accepted_answers(question_id: int):
    """Save the other answers a typed question accepts, and regrade every answer given to it."""
    question = own_question(question_id)
    form = AcceptedAnswersForm()
    if form.validate_on_submit():
        try:
            result = regrading.set_accepted_answers(question, (form.accepted.data or "").splitlines())
        except regrading.AcceptedAnswersError as error:
            flash(f"{error} Nothing was changed.", "error")
        else:
            flash(_regrade_summary(question, result), "success")
            for change in result.scores[:MAX_NAMED_CHANGES]:
                flash(f"{change.student} ({change.quiz}): {_score(change.before)} → {_score(change.after)}", "info")
            if len(result.scores) > MAX_NAMED_CHANGES:
                flash(f"…and {plural(len(result.scores) - MAX_NAMED_CHANGES, 'more score')} (the quizzes' gradebooks list them all).", "info")
    else:
        flash("The accepted answers could not be saved: " + "; ".join(e for errors in form.errors.values() for e in errors), "error")
    return redirect(url_for("teacher.edit_question", question_id=question.id, _anchor="accepted-answers"))


MAX_NAMED_CHANGES = 30


def _score(value: float | None) -> str:
    return percent(value) if value is not None else "no score"


def _regrade_summary(question: Question, result: regrading.Regrade) -> str:
    accepted = ", ".join(f"“{a}”" for a in question.accepted_answers) or "none besides the answer"
    moved = f"{plural(len(result.scores), 'finished attempt')}' score{'s' if len(result.scores) != 1 else ''} moved" if result.scores else "no score moved"
    return f"Accepted answers saved ({accepted}). Regraded: {plural(result.answers_changed, 'answer')} changed, {moved}."


class _QuestionFormData:
    """The stored question in the shape of the form's fields."""

    def __init__(self, question: Question) -> None:
        self.type = question.type
        self.prompt = question.prompt
        self.choices = "\n".join(question.choices) if question_type(question.type).teacher_writes_choices else ""
        self.answer = "\n".join(question.answer) if isinstance(question.answer, list) else question.answer
        self.passage = question.passage_id
        self.evidence = question.evidence
        self.tags = ", ".join(question.tags)
