"""CLI commands through Flask's click integration."""

import json

import pytest
from click.testing import CliRunner
from flask.cli import FlaskGroup

from quizapp.extensions import db
from quizapp.models import Article, Question, User

from .conftest import SAMPLE_ARTICLE, make_app, sqlite_only


def test_init_db_creates_schema_and_imports_bundled(runner, app):
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert "Database ready" in result.output
    assert "2021 Ukrainian coup attempt allegations" in result.output
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(Article.id))).scalar() == 1


def test_import_article_prints_title_passages_and_questions(runner, app):
    result = runner.invoke(args=["import-article", str(SAMPLE_ARTICLE)])
    assert result.exit_code == 0, result.output
    assert "'2021 Ukrainian coup attempt allegations'" in result.output
    assert "17 passages" in result.output
    with app.app_context():
        count = db.session.execute(db.select(db.func.count(Question.id))).scalar()
        assert count > 0
        assert f"{count} questions" in result.output
        assert {q.status for q in db.session.execute(db.select(Question)).scalars()} == {"draft"}


def test_import_article_publish_flag_and_reimport(runner, app):
    assert runner.invoke(args=["import-article", "--publish", str(SAMPLE_ARTICLE)]).exit_code == 0
    with app.app_context():
        assert {q.status for q in db.session.execute(db.select(Question)).scalars()} == {"published"}
    again = runner.invoke(args=["import-article", str(SAMPLE_ARTICLE)])
    assert again.exit_code == 0 and "already imported" in again.output


def test_import_article_reports_bad_files_and_imports_nothing_from_them(runner, app, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    good = tmp_path / "good.md"
    good.write_text("# Good article\n\nMarie Curie won the Nobel Prize in Physics in 1903.\n")
    result = runner.invoke(args=["import-article", str(empty), str(binary), str(good), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "empty.txt: The file is empty." in result.output
    assert "image.txt: The file looks like binary data" in result.output
    assert "missing.txt: Cannot read" in result.output
    assert "Imported 'Good article'" in result.output
    with app.app_context():
        assert [a.title for a in db.session.execute(db.select(Article)).scalars()] == ["Good article"]


def test_create_user_prompts_for_password_without_echo(runner, app):
    result = runner.invoke(args=["create-user", "mrs_t", "--teacher"], input="s3cret-pass\ns3cret-pass\n")
    assert result.exit_code == 0, result.output
    assert "Created teacher 'mrs_t'" in result.output
    assert "s3cret-pass" not in result.output
    with app.app_context():
        user = db.session.execute(db.select(User).filter_by(username="mrs_t")).scalar_one()
        assert user.is_teacher
        assert user.password_hash != "s3cret-pass" and user.check_password("s3cret-pass")


def test_create_user_refuses_taken_names_and_short_passwords(runner, app):
    runner.invoke(args=["create-user", "sam"], input="long-enough\nlong-enough\n")
    taken = runner.invoke(args=["create-user", "SAM"], input="long-enough\nlong-enough\n")
    assert taken.exit_code != 0 and "taken" in taken.output
    short = runner.invoke(args=["create-user", "alex"], input="short\nshort\n")
    assert short.exit_code != 0 and "at least 8 characters" in short.output
    with app.app_context():
        assert [u.username for u in db.session.execute(db.select(User)).scalars()] == ["sam"]


def test_generate_reads_a_saved_web_page_as_a_page(runner, tmp_path):
    page = tmp_path / "halden.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Halden</title></head><body><h1>Halden Corn Exchange</h1>"
        "<p>The hall opened in 1862 and burned down in 1909.</p><h2>History</h2>"
        "<p>Grain was sold there until 1950, when the market moved to Brekke.</p></body></html>",
        encoding="utf-8",
    )
    result = runner.invoke(args=["generate", str(page), "--out", str(tmp_path / "bank")])
    assert result.exit_code == 0, result.output
    bank = json.loads((tmp_path / "bank" / "halden-corn-exchange.json").read_text())
    assert [p["text"] for p in bank["article"]["passages"]] == [
        "The hall opened in 1862 and burned down in 1909.", "Grain was sold there until 1950, when the market moved to Brekke."
    ]


def test_generate_asks_the_side_details_only_when_told(runner, tmp_path):
    from .test_generation_rubric import OBSERVATORY, SIDE_DETAILS

    article = tmp_path / "harlow.wiki"
    article.write_text(OBSERVATORY, encoding="utf-8")

    def answers(*options: str) -> list:
        result = runner.invoke(args=["generate", str(article), "--out", str(tmp_path / "bank"), *options])
        assert result.exit_code == 0, result.output
        bank = json.loads((tmp_path / "bank" / "harlow-observatory.json").read_text())
        return [q["answer"] for q in bank["questions"]]

    by_default, every = answers(), answers("--side-details")
    assert not SIDE_DETAILS & {a for a in by_default if isinstance(a, str)}
    assert SIDE_DETAILS <= {a for a in every if isinstance(a, str)} and len(every) > len(by_default)


def test_generate_writes_a_question_bank_that_imports_back(runner, app, tmp_path):
    result = runner.invoke(args=["generate", str(SAMPLE_ARTICLE), "--out", str(tmp_path / "bank")])
    assert result.exit_code == 0, result.output
    bank_file = tmp_path / "bank" / "2021-ukrainian-coup-attempt-allegations.json"
    bank = json.loads(bank_file.read_text())
    assert bank["article"]["slug"] == "2021-ukrainian-coup-attempt-allegations"
    assert len(bank["article"]["passages"]) == 17
    passages = {p["id"]: p["text"] for p in bank["article"]["passages"]}
    for question in bank["questions"]:
        source = question["source"]
        evidence = passages[source["passage"]][source["start"] : source["end"]]
        assert evidence
        if question["type"] in ("multiple_choice", "cloze", "who_said"):
            assert question["answer"] in evidence
    assert f"{len(bank['questions'])} questions" in result.output
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(Article.id))).scalar() == 0  # generate writes no rows

    # Import the text, then the bank after a teacher edited one prompt in it: merged, not duplicated.
    runner.invoke(args=["import-article", str(SAMPLE_ARTICLE)])
    bank["questions"][0]["prompt"] = "An edited prompt: " + bank["questions"][0]["prompt"]
    bank_file.write_text(json.dumps(bank))
    merged = runner.invoke(args=["import-article", str(bank_file)])
    assert merged.exit_code == 0, merged.output
    assert "0 questions added, 1 updated" in merged.output
    with app.app_context():
        stored = db.session.execute(db.select(Question).filter_by(bank_id=bank["questions"][0]["id"])).scalar_one()
        assert stored.prompt.startswith("An edited prompt: ")
        assert db.session.execute(db.select(db.func.count(Question.id))).scalar() == len(bank["questions"])


def test_a_bank_with_an_uncited_answer_is_refused_whole(runner, app, tmp_path):
    runner.invoke(args=["generate", str(SAMPLE_ARTICLE), "--out", str(tmp_path)])
    bank_file = tmp_path / "2021-ukrainian-coup-attempt-allegations.json"
    bank = json.loads(bank_file.read_text())
    cloze = next(q for q in bank["questions"] if q["type"] == "cloze")
    cloze["answer"] = "Atlantis"
    bank_file.write_text(json.dumps(bank))
    result = runner.invoke(args=["import-article", str(bank_file)])
    assert result.exit_code == 1
    assert "Atlantis" in result.output and "Nothing was imported" in result.output
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(Article.id))).scalar() == 0


@pytest.fixture
def fresh_cli(tmp_path):
    """``flask --app quizapp`` on a fresh instance (no database yet) with AUTO_SETUP on, as after a checkout."""
    group = FlaskGroup(create_app=lambda: make_app(tmp_path, AUTO_SETUP=True))
    return lambda *args, **kwargs: CliRunner().invoke(group, list(args), **kwargs)


def _article_titles(tmp_path) -> list[str]:
    app = make_app(tmp_path, fresh=False)
    with app.app_context():
        return list(db.session.execute(db.select(Article.title)).scalars())


@sqlite_only
def test_a_command_that_needs_no_database_does_not_create_one(fresh_cli, tmp_path):
    assert fresh_cli("--help").exit_code == 0
    result = fresh_cli("generate", str(SAMPLE_ARTICLE), "--out", str(tmp_path / "bank"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "bank" / "2021-ukrainian-coup-attempt-allegations.json").exists()
    assert not (tmp_path / "test.sqlite").exists()
    # Outside the CLI (gunicorn, any WSGI server) the same app sets itself up on start.
    make_app(tmp_path, AUTO_SETUP=True)
    assert _article_titles(tmp_path) == ["2021 Ukrainian coup attempt allegations"]


@sqlite_only
def test_init_db_sets_up_a_fresh_instance(fresh_cli, tmp_path):
    result = fresh_cli("init-db")
    assert result.exit_code == 0, result.output
    assert "Imported '2021 Ukrainian coup attempt allegations'" in result.output
    assert _article_titles(tmp_path) == ["2021 Ukrainian coup attempt allegations"]


@sqlite_only
def test_commands_that_use_the_database_set_up_a_fresh_instance_first(fresh_cli, tmp_path):
    result = fresh_cli("create-user", "mrs_t", "--teacher", input="s3cret-pass\ns3cret-pass\n")
    assert result.exit_code == 0, result.output
    good = tmp_path / "good.md"
    good.write_text("# Good article\n\nMarie Curie won the Nobel Prize in Physics in 1903.\n")
    result = fresh_cli("import-article", str(good))
    assert result.exit_code == 0, result.output
    assert sorted(_article_titles(tmp_path)) == ["2021 Ukrainian coup attempt allegations", "Good article"]


@sqlite_only
def test_flask_run_sets_up_before_serving(fresh_cli, tmp_path, monkeypatch):
    served = []
    monkeypatch.setattr("flask.cli.run_simple", lambda host, port, app, **options: served.append(app))
    result = fresh_cli("run")
    assert result.exit_code == 0, result.output
    assert len(served) == 1
    assert _article_titles(tmp_path) == ["2021 Ukrainian coup attempt allegations"]
