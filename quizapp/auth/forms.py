from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp, ValidationError

from ..services.accounts import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, TAKEN, USERNAME_PATTERN, find_user


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class LoginForm(FlaskForm):
    username = StringField(
        "Username", validators=[DataRequired(), Length(max=64)], filters=[_strip], render_kw={"autocomplete": "username"}
    )
    password = PasswordField(
        "Password", validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)], render_kw={"autocomplete": "current-password"}
    )
    remember_me = BooleanField("Keep me logged in")
    submit = SubmitField("Log in")


class SignupForm(FlaskForm):
    username = StringField(
        "Username",
        filters=[_strip],
        validators=[
            DataRequired(),
            # The rule is ASCII-only ("émile" is refused), so the message says so.
            Regexp(
                USERNAME_PATTERN,
                message="Use 3 to 32 letters (ASCII a-z, no accents), digits, dots, dashes or underscores.",
            ),
        ],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        "Password",
        validators=[
            DataRequired(),
            Length(min=MIN_PASSWORD_LENGTH, message=f"Use at least {MIN_PASSWORD_LENGTH} characters."),
            Length(max=MAX_PASSWORD_LENGTH, message=f"Use at most {MAX_PASSWORD_LENGTH} characters."),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    password2 = PasswordField(
        "Repeat password",
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField("Sign up")

    def validate_username(self, field: StringField) -> None:
        if find_user(field.data or "") is not None:
            raise ValidationError(TAKEN)


class LogoutForm(FlaskForm):
    """Empty form: logging out is a POST with a CSRF token, so no page can log a user out."""

    submit = SubmitField("Log out")


def _new_password_fields(label: str = "New password"):
    return (
        PasswordField(
            label,
            validators=[
                DataRequired(),
                Length(min=MIN_PASSWORD_LENGTH, message=f"Use at least {MIN_PASSWORD_LENGTH} characters."),
                Length(max=MAX_PASSWORD_LENGTH, message=f"Use at most {MAX_PASSWORD_LENGTH} characters."),
            ],
            render_kw={"autocomplete": "new-password"},
        ),
        PasswordField(
            "Repeat the new password",
            validators=[DataRequired(), EqualTo("new_password", message="The passwords differ.")],
            render_kw={"autocomplete": "new-password"},
        ),
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        "Current password (or the one-time password your teacher gave you)",
        validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    new_password, new_password2 = _new_password_fields()
    submit = SubmitField("Change password")


class InvitedSignupForm(SignupForm):
    """A teacher's account, from an invitation link."""

    submit = SubmitField("Create my teacher account")
