"""Teacher pages for accounts without the server's shell: invite a colleague with a single-use
link, give a student who forgot their password a one-time one. Each secret is shown once, on the
page after the POST (kept in the session until then), and stored only hashed."""

from __future__ import annotations

from flask import abort, redirect, render_template, session, url_for
from flask_login import current_user

from ..extensions import db
from ..forms import ActionForm
from ..models import User
from ..services.accounts import INVITATION_DAYS, AccountError, create_invitation, reset_password
from ..services.permissions import teaches
from . import bp


@bp.route("/invitations", methods=["GET", "POST"])
def invitations():
    form = ActionForm()
    if form.validate_on_submit():
        session["new_invitation"] = create_invitation(current_user._get_current_object())
        return redirect(url_for(".invitations"))
    token = session.pop("new_invitation", None)
    link = url_for("auth.invited_signup", token=token, _external=True) if token else None
    return render_template("teacher/invitations.html", form=form, link=link, days=INVITATION_DAYS, title="Invite a teacher")


@bp.post("/students/<int:user_id>/password")
def reset_student_password(user_id: int):
    student = db.get_or_404(User, user_id)
    if not teaches(current_user, student) or not ActionForm().validate_on_submit():
        abort(404)
    try:
        one_time = reset_password(student)
    except AccountError:
        abort(404)
    session["one_time_password"] = [student.id, one_time]
    return redirect(url_for(".student_history", user_id=student.id))
