"""Teacher pages for classes and students: join codes, members, a student's attempts."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from ..extensions import db
from ..forms import ActionForm
from ..models import REVIEW_PARTS, Attempt, Quiz, User
from ..services import reports
from ..services.attempt_view import review_of
from ..services.classes import ClassError, create_class, remove_student, rename_class, renew_join_code
from ..services.overrides import OverrideError, override_answer
from ..services.permissions import teaches
from ..wording import percent
from . import bp
from .access import own_classroom
from .forms import ClassForm, MarkAnswerForm


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
    one_time = session.pop("one_time_password", None)  # shown once, right after the reset
    return render_template(
        "teacher/student.html", student=student, history=history, reset_form=ActionForm(),
        one_time=one_time[1] if one_time and one_time[0] == student.id else None, title=student.username,
    )


def _attempt_to_see(attempt_id: int) -> Attempt:
    """An attempt at this teacher's quiz, or at a shared quiz by one of their students."""
    attempt = db.get_or_404(Attempt, attempt_id)
    mine = attempt.quiz.owner_id == current_user.id
    if not (mine or (attempt.quiz.owner_id is None and teaches(current_user, attempt.user))):
        abort(404)
    return attempt


@bp.route("/attempts/<int:attempt_id>")
def attempt_answers(attempt_id: int):
    """A student's attempt as their review shows it (answers so far, if unfinished): for the student's teacher."""
    attempt = _attempt_to_see(attempt_id)
    return render_template(
        "teacher/attempt.html", attempt=attempt, review=review_of(attempt), shows=REVIEW_PARTS,  # teachers see it all
        mark_form=MarkAnswerForm(), title=f"{attempt.user.username}: {attempt.quiz.title}",
    )


@bp.post("/attempts/<int:attempt_id>/answers/<int:question_id>/mark")
def mark_answer(attempt_id: int, question_id: int):
    """The teacher's verdict on one answer, kept and shown to the student; the score follows."""
    attempt = _attempt_to_see(attempt_id)
    form = MarkAnswerForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        done = override_answer(attempt, question_id, current_user._get_current_object(), form.verdict.data == "right", form.note.data or "")
    except OverrideError as error:
        flash(str(error), "error")
    else:
        score = f": score {percent(done.score_before)} → {percent(done.score_after)}" if done.score_before != done.score_after else ""
        flash(f"Marked {done.student}'s answer {'right' if done.correct else 'wrong'}{score}. They see the change in their review.", "success")
    position = next((item.position + 1 for item in attempt.quiz.items if item.question_id == question_id), None)
    return redirect(url_for("teacher.attempt_answers", attempt_id=attempt.id, _anchor=f"q{position}" if position else None))
