"""Finished error pages; a failed request never leaves a half-written transaction behind."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, render_template, request
from flask_wtf.csrf import CSRFError

from .extensions import db
from .security import local_path

MESSAGES = {
    400: ("Bad request", "The request could not be understood."),
    403: ("Not allowed", "You do not have access to this page."),
    404: ("Not found", "There is nothing at this address."),
    405: ("Not allowed", "That action is not available here."),
    413: ("Too large", "The upload is larger than quizapp accepts."),
    429: ("Slow down", "Too many attempts. Wait a minute and try again."),
    500: ("Something went wrong", "The error was logged and nothing was saved. Please try again."),
}


def size_text(size: int) -> str:
    """A byte count as people read it: "5.0 MB", "500 KB", "900 bytes"."""
    if size >= 1024 * 1024:
        return f"{size / 1_048_576:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:,.0f} KB"
    return f"{size:,} bytes"


def too_large_message() -> str:
    """What a 413 means for the person who sent it: the limits, and that their text was not kept."""
    parts = ["The upload is larger than quizapp accepts"]
    request_limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if request_limit:
        parts.append(f" ({size_text(request_limit)} at most")
        article_limit = current_app.config.get("MAX_ARTICLE_BYTES")
        if article_limit and article_limit < request_limit:
            parts.append(f"; an article may be up to {size_text(article_limit)}")
        parts.append(")")
    parts.append(
        ". Nothing was saved, and any text you pasted is lost: copy it again from where it came from, "
        "and paste or upload a shorter part."
    )
    return "".join(parts)


def back_link() -> str | None:
    """A local path to return to: the page the request came from, or the page it was sent to.

    Only a path on this site is used (never another host, nor "//host"), so the link cannot lead away.
    """
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.scheme in ("http", "https"):
        path = local_path(referrer.path)
        if path is not None:
            return path + (f"?{referrer.query}" if referrer.query else "")
    if request.url_rule is not None and "GET" in (request.url_rule.methods or ()):
        return request.path
    return None


def register_error_handlers(app: Flask) -> None:
    def render(code: int, detail: str | None = None, back: str | None = None):
        heading, message = MESSAGES.get(code, ("Error", "Something went wrong."))
        page = render_template("errors/error.html", code=code, heading=heading, message=detail or message, back=back)
        return page, code

    for code in (400, 403, 404, 405, 429):
        app.register_error_handler(code, lambda error, code=code: render(code))

    @app.errorhandler(413)
    def too_large(error):
        return render(413, too_large_message(), back_link())

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render(400, "Your form expired or was sent from another site. Reload the page and try again.")

    @app.errorhandler(500)
    def internal_error(error):
        db.session.rollback()
        return render(500)
