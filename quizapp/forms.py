"""Forms shared by every blueprint."""

from flask_wtf import FlaskForm
from wtforms import SubmitField


class ActionForm(FlaskForm):
    """An empty form guarding a bare POST button (start, finish, delete) with a CSRF token."""

    submit = SubmitField("Go")
