"""Importing is one transaction: an article arrives whole or not at all."""

import io
import re

import pytest
from sqlalchemy.exc import IntegrityError

from quizapp.articles import parse_article
from quizapp.extensions import db
from quizapp.generation import Citation, GeneratedQuestion
from quizapp.generation.bank import BankError
from quizapp.models import Article, Passage, Question, Section
from quizapp.services.importing import ImportConflict, import_article

TABLES = (Article, Section, Passage, Question)


def row_counts():
    return {model.__name__: db.session.execute(db.select(db.func.count()).select_from(model)).scalar() for model in TABLES}


def test_import_stores_article_sections_passages_and_questions(app, sample_article):
    with app.app_context():
        result = import_article(sample_article)
        assert result.created
        article = db.session.get(Article, result.article.id)
        assert [p.text for p in article.passages] == [p.text for p in sample_article.passages]
        assert [p.anchor for p in article.passages] == [p.anchor for p in sample_article.passages]
        assert [s.title for s in article.sections] == [s.title for s in sample_article.sections]
        assert result.question_count == len(article.questions) > 0
        for question in article.questions:
            assert question.status == "draft" and question.origin == "generator"
            assert 0 <= question.evidence_start < question.evidence_end <= len(question.passage.text)


def test_reimporting_the_same_article_changes_nothing(app, sample_article):
    with app.app_context():
        import_article(sample_article)
        before = row_counts()
        again = import_article(sample_article)
        assert not again.created
        assert row_counts() == before


def test_a_different_article_under_the_same_slug_is_refused(app, sample_article, sample_text):
    with app.app_context():
        import_article(sample_article)
        before = row_counts()
        changed = parse_article(sample_text.replace("190,000", "200,000"))
        with pytest.raises(ImportConflict, match="already exists"):
            import_article(changed)
        assert row_counts() == before


def test_a_failure_part_way_leaves_the_database_unchanged(app, sample_article):
    passage = sample_article.passages[0]
    question = GeneratedQuestion(
        id="q1",
        type="cloze",
        prompt="In _____, top Ukrainian government officials outlined allegations of a plot.",
        choices=[],
        answer="November 2021",
        source=Citation(passage.anchor, 0, passage.text.index(".") + 1),
    )
    with app.app_context():
        before = row_counts()
        # Two questions with the same bank id break a unique constraint at commit time,
        # after the article, sections and passages were already added to the session.
        with pytest.raises(IntegrityError):
            import_article(sample_article, [question, question])
        assert row_counts() == before
        # A question citing a span that is not in its passage is refused before anything is written.
        bad = GeneratedQuestion(
            id="q2", type="cloze", prompt="Who?", choices=[], answer="Nobody", source=Citation(passage.anchor, 0, 10)
        )
        with pytest.raises(BankError):
            import_article(sample_article, [bad])
        assert row_counts() == before


def test_a_bank_is_validated_once_on_its_way_in(app, sample_article, monkeypatch):
    """load_bank checks each question; importing what it returned does not check them again."""
    import json

    from quizapp.generation import bank as bank_module
    from quizapp.generation import generate_questions, validate_question
    from quizapp.services import importing
    from quizapp.services.importing import read_article_bytes

    data = json.dumps(bank_module.dump_bank(sample_article, generate_questions(sample_article))).encode()
    checked: list[str] = []

    def counting(article, question, **kwargs):
        checked.append(question.id)
        return validate_question(article, question, **kwargs)

    monkeypatch.setattr(bank_module, "validate_question", counting)
    monkeypatch.setattr(importing, "validate_question", counting)
    with app.app_context():
        loaded = read_article_bytes(data, "sample.json")
        result = import_article(loaded.parsed, loaded.questions, status="published", origin="bank")
        assert result.created and result.question_count == len(loaded.questions)
    assert sorted(checked) == sorted(q.id for q in loaded.questions)  # each once


def test_questions_not_checked_against_the_article_imported_are_validated(app, sample_article):
    """A bank's questions copied into a plain list, or given with other passages, are checked again."""
    import json

    from quizapp.generation import generate_questions
    from quizapp.generation.bank import dump_bank, load_bank

    bank_article, questions = load_bank(json.dumps(dump_bank(sample_article, generate_questions(sample_article))))
    passage = bank_article.passages[0]
    bad = GeneratedQuestion(
        id="bad", type="cloze", prompt="Who?", choices=[], answer="Nobody", source=Citation(passage.anchor, 0, 10)
    )
    with app.app_context():
        before = row_counts()
        with pytest.raises(BankError, match="'bad'"):
            import_article(bank_article, list(questions) + [bad], origin="bank")
        # Passages with another text: the bank's check does not hold for them.
        other = parse_article("= Other =\n\nNothing happened here at all, in any year.\n")
        with pytest.raises(BankError):
            import_article(other, questions, origin="bank")
        assert row_counts() == before


# Bank files json.loads cannot read (it raises RecursionError or ValueError, not JSONDecodeError), and one
# whose text cannot be stored: refused with a BankError on the way in, by upload and by the command line.
HOSTILE_BANKS = {
    "deep.json": (b"[" * 100_000, "nested too deeply"),
    "long-number.json": (b'{"questions": ' + b"9" * 5000 + b"}", "thousands of digits"),
    "surrogate.json": (b'{"article": {"title": "\\ud800"}}', "unpaired surrogate"),
}


@pytest.mark.parametrize("name", HOSTILE_BANKS)
def test_an_unreadable_bank_upload_is_a_bank_error(app, name):
    from werkzeug.datastructures import FileStorage

    from quizapp.services.importing import read_upload

    data, reason = HOSTILE_BANKS[name]
    upload = FileStorage(io.BytesIO(data), filename=name)
    with pytest.raises(BankError, match=reason):
        read_upload(file=upload, text=None, title=None, max_bytes=app.config["MAX_ARTICLE_BYTES"])


def test_the_command_line_refuses_unreadable_banks_with_the_reason(app, runner, tmp_path):
    paths = []
    for name, (data, _reason) in HOSTILE_BANKS.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    result = runner.invoke(args=["import-article", *paths])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no traceback
    for name, (_data, reason) in HOSTILE_BANKS.items():
        assert re.search(rf"Error: .*{re.escape(name)}: .*{reason}.* Nothing was imported from it\.", result.output)
    with app.app_context():
        assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_the_import_summary_counts_in_words_and_warns_when_there_are_no_questions(app):
    from quizapp.models import User
    from quizapp.services.importing import import_with_progress, read_upload

    with app.app_context():
        one = import_article(parse_article("= One =\n\nMarie Curie was born in Warsaw in 1867.\n"), [])
        assert one.summary() == "'One' (one): 1 passage, 0 questions"
        teacher = User(username="mrs_t", role="teacher")
        teacher.set_password("correct horse battery")
        db.session.add(teacher)
        db.session.commit()
        loaded = read_upload(file=None, text="<h1>Dates</h1><p>Nothing to ask here.</p>", title=None, max_bytes=10_000)
        steps = list(import_with_progress(loaded, teacher))
        assert [step.message for step in steps][-3:] == ["Generated 0 questions.", "Saving the article and its questions…", "Done."]
        (warning,) = steps[-1].result.warnings
        assert warning.startswith("No questions could be generated from this text: ")


def test_a_typed_title_names_pasted_plain_text_which_keeps_its_own_reading():
    from quizapp.services.importing import read_upload

    copied = (
        "Tessa Marlowe\n\nTessa Marlowe is a Welsh glaciologist.[1]\n\nEarly life[edit]\n\n"
        "Marlowe was born in Aberhafren.\n"
    )
    loaded = read_upload(file=None, text=copied, title="Tessa Marlowe, glaciologist", max_bytes=100_000)
    assert loaded.parsed.title == "Tessa Marlowe, glaciologist" and loaded.parsed.format == "plain"
    assert [s.title for s in loaded.parsed.sections] == ["Early life"]
    assert [p.text for p in loaded.parsed.passages] == ["Tessa Marlowe is a Welsh glaciologist.", "Marlowe was born in Aberhafren."]
    untitled = read_upload(file=None, text="Ice cores hold old air.\nThey are drilled in Greenland.\n", title="Ice cores", max_bytes=100_000)
    assert untitled.parsed.title == "Ice cores"
    assert [p.text for p in untitled.parsed.passages] == ["Ice cores hold old air.\nThey are drilled in Greenland."]
    # A text that opens with a heading of its own keeps it.
    own = read_upload(file=None, text="# Ice cores\n\nThey hold old air.\n", title="Something else", max_bytes=100_000)
    assert own.parsed.title == "Ice cores"
