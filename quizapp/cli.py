"""Command-line interface, registered on the app: ``flask --app quizapp <command>``."""

from __future__ import annotations

import functools
import json
from collections import Counter
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import ScriptInfo, run_command, with_appcontext
from sqlalchemy.exc import IntegrityError

from .articles import ArticleError
from .articles.files import parse_article_file
from .extensions import db
from .generation import generate_questions
from .generation.bank import BankError, dump_bank
from .generation.pipeline import MAX_QUESTIONS
from .models import QuestionOrigin, QuestionStatus, Role
from .services.importing import ImportConflict, import_article, read_article_file, setup_database


def register_commands(app: Flask) -> None:
    app.cli.add_command(init_db_command)
    app.cli.add_command(import_article_command)
    app.cli.add_command(create_user_command)
    app.cli.add_command(generate_command)
    app.cli.add_command(backup_command)


def loaded_for_a_command() -> bool:
    """Whether the Flask CLI is loading the app for a command other than ``run``.

    Such a command sets the database up itself if it needs one (``database_ready``): ``generate``
    touches none, and ``db downgrade`` must not be upgraded first. The server (``flask run``,
    gunicorn, any WSGI host, a plain ``create_app()``) is not a command.
    """
    ctx = click.get_current_context(silent=True)
    if ctx is None or ctx.find_object(ScriptInfo) is None:
        return False
    return ctx.command is not run_command


def database_ready(command):
    """Set the database up (schema, first-start content) before a command that uses it, as the server
    does on start; with AUTO_SETUP off, as on servers sharing PostgreSQL, ``init-db`` does it once."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        if current_app.config["AUTO_SETUP"]:
            setup_database(current_app)
        return command(*args, **kwargs)

    return wrapper


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create or upgrade the database schema and import the bundled articles."""
    results = setup_database(current_app)
    click.echo(f"Database ready: {current_app.config['SQLALCHEMY_DATABASE_URI']}")
    for result in results:
        click.echo(f"Imported {result.summary()}")


@click.command("import-article")
@with_appcontext
@database_ready
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--publish", is_flag=True, help="Publish generated questions at once instead of leaving them as drafts.")
@click.option("--seed", default=0, show_default=True, help="Seed for question generation.")
def import_article_command(paths: tuple[str, ...], publish: bool, seed: int) -> None:
    """Import articles (.txt, .md) or question-bank files (.json). Each file is one transaction."""
    failures = 0
    for path in paths:
        try:
            loaded = read_article_file(path, current_app.config["MAX_ARTICLE_BYTES"])
            from_bank = loaded.questions is not None
            result = import_article(
                loaded.parsed,
                loaded.questions,
                status=QuestionStatus.PUBLISHED if (publish or from_bank) else QuestionStatus.DRAFT,
                origin=QuestionOrigin.BANK if from_bank else QuestionOrigin.GENERATOR,
                source_name=loaded.name,
                seed=seed,
            )
        except (ArticleError, BankError, ImportConflict) as exc:
            failures += 1
            click.echo(f"Error: {path}: {exc} Nothing was imported from it.", err=True)
            continue
        click.echo(f"Imported {result.summary()}" if result.created else f"Skipped {result.summary()}")
    if failures:
        raise SystemExit(1)


@click.command("generate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the <slug>.json files.")
@click.option("--seed", default=0, show_default=True, help="Seed for question generation.")
@click.option(
    "--side-details", is_flag=True, help="Ask the side details too (by default they only fill a bank of fewer than five)."
)
def generate_command(paths: tuple[str, ...], out_dir: str, seed: int, side_details: bool) -> None:
    """Generate a question-bank file (DIR/<slug>.json) for each article, without touching the database."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    failures = 0
    for path in paths:
        try:
            parsed = parse_article_file(Path(path).read_bytes(), Path(path).name)
        except (ArticleError, OSError) as exc:
            failures += 1
            click.echo(f"Error: {path}: {exc}", err=True)
            continue
        questions = generate_questions(parsed, seed=seed, max_questions=MAX_QUESTIONS if side_details else None)
        target = out / f"{parsed.slug}.json"
        target.write_text(json.dumps(dump_bank(parsed, questions), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        kinds = Counter(q.type for q in questions)
        detail = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
        click.echo(f"Wrote {target}: {parsed.title!r}, {len(parsed.passages)} passages, {len(questions)} questions ({detail})")
    if failures:
        raise SystemExit(1)


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(path: str) -> None:
    """Write a consistent copy of the database to PATH while the app keeps running."""
    from .services.backup import BackupError, backup_database

    try:
        target = backup_database(db.engine.url, path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Backed up the database to {target} ({target.stat().st_size:,} bytes).")


@click.command("create-user")
@with_appcontext
@database_ready
@click.argument("username")
@click.option("--teacher", is_flag=True, help="Give the user the teacher role.")
@click.password_option(help="Asked for when not given; never echoed.")
def create_user_command(username: str, teacher: bool, password: str) -> None:
    """Create a student (or, with --teacher, a teacher) account."""
    from .services.accounts import AccountError, create_user

    try:
        user = create_user(username, password, Role.TEACHER if teacher else Role.STUDENT)
    except (AccountError, IntegrityError) as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    click.echo(f"Created {user.role} {user.username!r}.")

