"""Finished error pages; a failed request never leaves a half-written transaction behind."""

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError

from .extensions import db

MESSAGES = {
    400: ("Bad request", "The request could not be understood."),
    403: ("Not allowed", "You do not have access to this page."),
    404: ("Not found", "There is nothing at this address."),
    405: ("Not allowed", "That action is not available here."),
    413: ("Too large", "The upload is larger than quizapp accepts."),
    429: ("Slow down", "Too many attempts. Wait a minute and try again."),
    500: ("Something went wrong", "The error was logged and nothing was saved. Please try again."),
}


def register_error_handlers(app: Flask) -> None:
    def render(code: int, detail: str | None = None):
        heading, message = MESSAGES.get(code, ("Error", "Something went wrong."))
        return render_template("errors/error.html", code=code, heading=heading, message=detail or message), code

    for code in (400, 403, 404, 405, 413, 429):
        app.register_error_handler(code, lambda error, code=code: render(code))

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render(400, "Your form expired or was sent from another site. Reload the page and try again.")

    @app.errorhandler(500)
    def internal_error(error):
        db.session.rollback()
        return render(500)
