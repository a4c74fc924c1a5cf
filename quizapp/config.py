"""Configuration layers: these defaults, then ``instance/config.py``, then ``QUIZAPP_*`` variables."""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

from flask import Flask

from .grading import set_date_order
from .timezones import zone_named

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class DefaultConfig:
    # A relative SQLite path resolves inside the instance folder (Flask-SQLAlchemy 3).
    SQLALCHEMY_DATABASE_URI = "sqlite:///quizapp.sqlite"
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    # Request bodies over this size are refused with 413 before any parsing.
    MAX_CONTENT_LENGTH = 8 * 1024 * 1024
    # Largest article text accepted by the parser. (MAX_FORM_MEMORY_SIZE is derived in load_config.)
    MAX_ARTICLE_BYTES = 5 * 1024 * 1024
    # Where a Wikipedia article's address is fetched from (MediaWiki's API; {lang} is the
    # language of the address), and how long a teacher waits for it at most.
    WIKIPEDIA_API_URL = "https://{lang}.wikipedia.org/w/api.php"
    WIKIPEDIA_TIMEOUT = 10.0
    # Create/upgrade the schema and import the bundled articles when the app starts.
    AUTO_SETUP = True
    # Articles and question-bank files imported on first start.
    BUNDLED_QUESTIONS_DIR = str(PROJECT_ROOT / "questions")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Flask-Limiter: counters in the app's own database, shared by every worker and every server on
    # that database (quizapp/rate_limits.py); "redis://..." or "memcached://..." work too.
    RATELIMIT_STORAGE_URI = "database://"
    RATELIMIT_HEADERS_ENABLED = True
    # How passwords are hashed (werkzeug's method string): scrypt is deliberately slow; the test
    # suite lowers it (tests/conftest.py), as Django's test settings do, since it hashes thousands.
    PASSWORD_HASH_METHOD = "scrypt"
    LOGIN_RATE_LIMIT = "10 per minute"  # per address and username
    LOGIN_RATE_LIMIT_PER_ADDRESS = "300 per minute"  # a whole school behind one address
    # Set true when served over HTTPS (behind a proxy that sets X-Forwarded-Proto):
    # secure cookies, HSTS, https URLs.
    HTTPS = False
    WTF_CSRF_TIME_LIMIT = None  # tokens live as long as the session; an expired session is reported on its own
    # The school's time zone (IANA name): quiz times are typed and shown in it, stored as UTC.
    TIMEZONE = "UTC"
    # How the school writes all-number dates, for typed answers: "DMY" (24/07/1969) or "MDY"
    # (7/24/1969). A date whose day is over 12 reads either way.
    DATE_ORDER = "DMY"
    # An optional language model that writes questions, held to the article's evidence like any
    # (quizapp/generation/model_writer.py): any OpenAI-compatible endpoint, e.g.
    # QUIZAPP_LLM_URL=http://127.0.0.1:11434/v1 (Ollama) and QUIZAPP_LLM_MODEL=qwen2.5:7b-instruct.
    # Unset: no model, and the built-in generator writes every question. The key, if the server
    # wants one, comes from QUIZAPP_LLM_API_KEY in the environment; it is never stored or shown.
    LLM_URL = ""
    LLM_MODEL = ""
    LLM_API_KEY = ""
    LLM_TIMEOUT = 120.0  # seconds per request; a 7B model on a CPU takes a minute per part
    LLM_RETRIES = 2  # further tries after a timeout, a dropped connection, a 429 or a 5xx, with backoff
    LLM_WORDS_PER_REQUEST = 1200  # the article is sent this many words at a time


def load_config(app: Flask, test_config: dict | None) -> None:
    """Apply the configuration layers in order; tests pass a dict that wins over files."""
    app.config.from_object(DefaultConfig)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("QUIZAPP")
        # Friendlier names for the two settings everyone sets.
        if "DATABASE_URL" in app.config:
            app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"]
    else:
        app.config.from_mapping(test_config)
    # Werkzeug 3.1 refuses (413) any form field but a file over Flask's default 500 kB, which would cut
    # pasted articles far below MAX_ARTICLE_BYTES: a form-field limit below the article limit (that default,
    # or one configured) becomes the request limit, which bounds memory all the same.
    form_limit = app.config["MAX_FORM_MEMORY_SIZE"]
    if form_limit is not None and form_limit < app.config["MAX_ARTICLE_BYTES"]:
        app.config["MAX_FORM_MEMORY_SIZE"] = app.config["MAX_CONTENT_LENGTH"]
    if app.config["HTTPS"]:
        app.config.update(
            SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True, PREFERRED_URL_SCHEME="https"
        )
    zone_named(app.config["TIMEZONE"])  # a misspelt zone stops the start with a message, not a page later
    set_date_order(app.config["DATE_ORDER"])  # likewise a date order other than DMY or MDY
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(Path(app.instance_path))


def _instance_secret_key(instance: Path) -> str:
    """Read the key kept in the instance folder, creating it once (atomically) if missing."""
    key_file = instance / "secret_key"
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # Another worker may have created the file a moment ago and still be writing it.
        for _ in range(50):
            key = key_file.read_text().strip()
            if key:
                return key
            time.sleep(0.02)
        raise RuntimeError(f"{key_file} is empty: delete it to have a new key generated") from None
    with os.fdopen(fd, "w") as handle:
        key = secrets.token_hex(32)
        handle.write(key)
    return key
