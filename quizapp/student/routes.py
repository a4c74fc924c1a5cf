"""Student pages: quizzes, attempts, source-annotated review, progress, practice."""

from __future__ import annotations

import hmac

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from ..extensions import db, login_manager
from ..forms import ActionForm
from ..models import Attempt, FeedbackMode, Quiz, ReviewCard, parse_session_id
from ..services import answers as answer_service
from ..services import attempt_view, student_quizzes
from ..services import attempts as attempt_service
from ..services import practice as practice_service
from ..services import progress as progress_service
from ..services import revisions
from ..services.classes import ClassError, classes_of, join_class
from ..services.quizzes import review_shows
from ..services.student_quizzes import has_closed
from . import bp
from .forms import JoinClassForm, answer_form_for, attempt_shuffle, given_answer, posted_answer, practice_shuffle, show_saved


@bp.before_request
def require_login():
    """Every student page needs an account.

    Answering a question only compares the session's user id and token with the attempt's
    owner's (an attempt is deleted with its user, so a match proves the account): loading the
    user would be the costliest part of the app's most frequent write.
    """
    if request.endpoint == "student.answer" and session_user_id() is not None:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


def session_user_id() -> int | None:
    """The logged-in user's id as Flask-Login keeps it in the session, without loading the user."""
    return parse_session_id(session.get("_user_id"))[0]


def session_is_current(owner_token: str) -> bool:
    """Whether the session carries its user's current token: logging out ends every older session."""
    return hmac.compare_digest(parse_session_id(session.get("_user_id"))[1], owner_token)


def own_attempt(attempt_id: int, with_questions: bool = False) -> Attempt:
    """The current user's attempt, or 404: another student's attempt id reveals nothing.

    An attempt whose quiz has closed meanwhile is finished here with the answers given so far.
    """
    attempt = attempt_view.attempt_of(current_user, attempt_id, with_questions=with_questions)
    if attempt is None:
        abort(404)
    over = attempt_service.finish_if_over(attempt)
    if over == "time":
        flash("Time is up: your answers up to then were saved and scored.", "info")
    elif over == "closed":
        flash("The quiz has closed: your answers up to then were saved and scored.", "info")
    return attempt


@bp.route("/quizzes")
def quizzes():
    return render_template(
        "student/quizzes.html",
        summaries=student_quizzes.quizzes_for(current_user),
        classes=classes_of(current_user),
        due_count=practice_service.due_count(current_user.id),
        action_form=ActionForm(),
        join_form=JoinClassForm(),
        title="Your quizzes",
    )


@bp.route("/classes/join", methods=["GET", "POST"])
def join():
    form = JoinClassForm()
    if form.validate_on_submit():
        try:
            classroom, joined = join_class(current_user, form.code.data)
        except ClassError as error:
            form.code.errors.append(str(error))
        else:
            message = f"You joined {classroom.name}." if joined else f"You are already in {classroom.name}."
            flash(message, "success")
            return redirect(url_for("student.quizzes"))
    return render_template("student/join.html", form=form, title="Join a class")


@bp.route("/quizzes/<int:quiz_id>/start", methods=["POST"])
def start(quiz_id: int):
    quiz = db.get_or_404(Quiz, quiz_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        attempt = attempt_service.start_attempt(current_user, quiz)
    except attempt_service.QuizNotVisible:
        abort(404)
    except attempt_service.QuizUnavailable as reason:
        flash(str(reason), "error")
        return redirect(url_for("student.quizzes"))
    return redirect(url_for("student.attempt", attempt_id=attempt.id))


@bp.route("/attempts/<int:attempt_id>")
def attempt(attempt_id: int):
    """Resume: go to the first unanswered question, or to the finish page when all are answered."""
    attempt = own_attempt(attempt_id)
    if attempt.finished_at is not None:
        return redirect(url_for("student.review", attempt_id=attempt.id))
    item = attempt_view.attempt_progress(attempt).next_unanswered()
    if item is None:
        return redirect(url_for("student.finish_page", attempt_id=attempt.id))
    return redirect(url_for("student.question", attempt_id=attempt.id, position=item.position))


@bp.post("/attempts/<int:attempt_id>/questions/<int:position>")
def answer(attempt_id: int, position: int):
    """Store an answer. The common case reads one row and writes one, on one connection and with no
    ORM objects: a class submitting at once is the app's heaviest moment. Anything unusual (a finished attempt, a
    closed quiz, a resent form, an invalid answer) goes through the full question page below."""
    with answer_service.answering(attempt_id, position) as target:
        if target is None or target.user_id != session_user_id():
            abort(404)
        if not session_is_current(target.owner_session_token):
            return login_manager.unauthorized()  # a session ended by logging out, perhaps elsewhere
        handled = _answer_common_case(target)
    if not handled:
        return question(attempt_id, position)
    if target.feedback != FeedbackMode.IMMEDIATE:
        return redirect(url_for("student.attempt", attempt_id=attempt_id))
    return redirect(url_for("student.question", attempt_id=attempt_id, position=position))


def _answer_common_case(target: answer_service.AnswerTarget) -> bool:
    """Store the posted answer; False leaves the request to the full question page (a finished
    attempt, a closed quiz, an answered question, a form with something missing)."""
    if target.question_id is None or target.finished or target.quiz_closed or target.time_up:
        return False
    if target.answered and not answer_service.answers_change(target.feedback):
        return False  # a resent form: the question page says the first answer counts
    given = posted_answer(target, request.form, shuffle=attempt_shuffle(target.attempt_id, target.question_id))
    if given is None:
        return False
    try:
        answer_service.save_answer(target, given)  # False (stored by a resent form first) is handled too
    except attempt_service.AttemptClosed:
        return False  # finished or closed a moment ago, by another request
    return True


@bp.get("/attempts/<int:attempt_id>/questions/<int:position>")
def question(attempt_id: int, position: int):
    """One question: its form, or, once answered, the verdict with its highlighted source.

    Also reached from ``answer`` with a POST that needs more than the common case.
    """
    attempt = own_attempt(attempt_id)
    if attempt.finished_at is not None:
        return redirect(url_for("student.review", attempt_id=attempt.id))
    item = attempt_view.item_at(attempt, position) or abort(404)
    if item.dropped_at is not None:
        flash("Your teacher has dropped this question from the quiz: it is no longer asked, and no score counts it.", "info")
        return redirect(url_for("student.attempt", attempt_id=attempt.id))
    question = item.question
    progress = attempt_view.attempt_progress(attempt)
    response = progress.answer_to(question.id)
    # With feedback at the end an answer can be changed until the attempt is submitted (Moodle's
    # deferred feedback): the form stays, showing the answer saved.
    changeable = response is None or answer_service.answers_change(attempt.quiz.feedback)
    form = answer_form_for(question, shuffle=attempt_shuffle(attempt.id, question.id)) if changeable else None
    if form is not None and response is not None and request.method != "POST":
        show_saved(form, response.given)
    if form is not None and form.validate_on_submit():
        answer_service.record_answer(attempt, question, given_answer(question, form))
        if attempt.quiz.feedback != FeedbackMode.IMMEDIATE:
            return redirect(url_for("student.attempt", attempt_id=attempt_id))
        return redirect(url_for("student.question", attempt_id=attempt_id, position=position))
    if response is not None and request.method == "POST":
        # A resent form for an answered question: the first answer stands.
        flash("You already answered this question; your first answer counts.", "info")
        return redirect(url_for("student.question", attempt_id=attempt.id, position=position))
    next_item = progress.next_unanswered()
    if response is not None and form is None:  # the question as answered, should it have been edited since
        question = revisions.asked_versions([(question, response.answered_at)])[question.id]
    return render_template(
        "student/question.html",
        attempt=attempt,
        item=item,
        question=question,
        form=form,
        response=response,
        show_feedback=response is not None and attempt.quiz.feedback == FeedbackMode.IMMEDIATE,
        next_item=next_item,
        number=progress.number_of(item.position),
        answered_count=progress.answered_count,
        total=progress.total,
        finish_form=ActionForm() if response is not None and next_item is None else None,
        title=attempt.quiz.title,
    )


@bp.route("/attempts/<int:attempt_id>/finish", methods=["GET", "POST"])
def finish_page(attempt_id: int):
    attempt = own_attempt(attempt_id)
    if attempt.finished_at is not None:
        return redirect(url_for("student.review", attempt_id=attempt.id))
    form = ActionForm()
    if form.validate_on_submit():
        attempt_service.finish_attempt(attempt)
        return redirect(url_for("student.review", attempt_id=attempt.id))
    progress = attempt_view.attempt_progress(attempt)
    return render_template(
        "student/finish.html",
        attempt=attempt,
        items=progress.items,
        changeable=answer_service.answers_change(attempt.quiz.feedback),
        answered_count=progress.answered_count,
        total=progress.total,
        form=form,
        title=attempt.quiz.title,
    )


@bp.route("/attempts/<int:attempt_id>/review")
def review(attempt_id: int):
    attempt = own_attempt(attempt_id, with_questions=True)
    if attempt.finished_at is None:
        flash("Finish the attempt to see its review.", "info")
        return redirect(url_for("student.attempt", attempt_id=attempt.id))
    review = attempt_view.review_of(attempt)
    shows = review_shows(attempt.quiz)
    return render_template(
        "student/review.html",
        attempt=attempt,
        review=review,
        shows=shows,
        has_closed=has_closed,
        only_missed=request.args.get("only") == "missed" and "correctness" in shows,
        title=f"Review: {attempt.quiz.title}",
    )


@bp.route("/progress")
def progress():
    attempts = student_quizzes.finished_attempts(current_user)
    articles = progress_service.articles_practised(current_user.id)
    mastery = {article.id: progress_service.passage_mastery(current_user.id, article) for article in articles}
    return render_template(
        "student/progress.html",
        attempts=student_quizzes.finished_attempts_page(current_user, request.args.get("page", 1, type=int)),
        chart=progress_service.score_chart([a for a in attempts if "correctness" in review_shows(a.quiz)]),  # scores the teacher shows
        articles=articles,
        mastery=mastery,
        unpractised={a.id: progress_service.unpractised_count(a, mastery[a.id]) for a in articles},
        mastery_days=progress_service.MASTERY_STABILITY_DAYS, mastery_recall=progress_service.MASTERY_RECALL,
        title="Your progress",
    )


@bp.route("/practice", methods=["GET", "POST"])
def practice():
    """One due question at a time; each answer is a review that reschedules its card."""
    if request.method == "POST":
        card = db.get_or_404(ReviewCard, request.form.get("card_id", type=int) or 0)
        if card.user_id != current_user.id or not practice_service.can_practise(card, current_user.id):
            abort(404)
        form = answer_form_for(card.question, shuffle=practice_shuffle(card.id, request.form.get("reviews", type=int) or 0))
        if form.validate_on_submit():
            given = given_answer(card.question, form)
            try:
                correct = practice_service.practise(card, request.form.get("reviews", type=int), given)
            except practice_service.AlreadyReviewed:
                flash("That answer was already recorded.", "info")
                return redirect(url_for("student.practice"))
            return render_template(
                "student/practice_feedback.html",
                question=card.question,
                given=given,
                correct=correct,
                remaining=practice_service.due_count(current_user.id),
                title="Practice",
            )
        return render_template("student/practice.html", card=card, form=form, title="Practice")
    due = practice_service.due_cards(current_user.id, limit=1)
    if not due:
        return render_template(
            "student/practice.html", card=None, next_due=practice_service.next_due(current_user.id), title="Practice"
        )
    card = due[0]
    form = answer_form_for(card.question, shuffle=practice_shuffle(card.id, card.reviews))
    return render_template("student/practice.html", card=card, form=form, title="Practice")

