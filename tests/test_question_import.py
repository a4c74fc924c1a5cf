"""Teachers bring questions from Moodle and elsewhere: GIFT, Moodle XML, Aiken and CSV files,
each question attached to an article and cited there, or listed for the teacher, never uncited."""

from __future__ import annotations

import pytest

from quizapp.articles import parse_article
from quizapp.exports.common import ExportQuestion
from quizapp.exports.gift import to_gift
from quizapp.exports.moodle_xml import to_moodle_xml
from quizapp.extensions import db
from quizapp.imports import QuestionFileError, read_question_file
from quizapp.models import Article, Question, QuestionOrigin, QuestionStatus, Role
from quizapp.services.importing import import_article
from quizapp.services.question_import import EXACT, TOLERANT, match_questions, save_imported

from .conftest import count, make_user

# An article of our own with a quotation, dates and a quantity: every question type has something to ask.
TAY_BRIDGE = """= Tay Bridge disaster =

The Tay Bridge disaster occurred on 28 December 1879, when the first Tay Rail Bridge collapsed during a violent storm. The bridge had been designed by the railway engineer Thomas Bouch, who was knighted after it opened in 1878.

== Inquiry ==

A train of six carriages carrying 75 passengers and crew fell into the Firth of Tay. The court of inquiry found that the bridge had been "badly designed, badly constructed and badly maintained". Henry Rothery, the commissioner of wrecks, led the inquiry in 1880.

== Aftermath ==

Bouch died in October 1880, a few months after the inquiry. A second Tay Bridge, designed by William Henry Barlow, opened in 1887 and still carries trains today.
"""


def written_questions():
    """One hand-written question of each type the generator does not ask of so short a text."""
    from quizapp.generation import Citation, GeneratedQuestion

    article = parse_article(TAY_BRIDGE)

    def cite(anchor: str, evidence: str) -> Citation:
        start = article.passage(anchor).text.index(evidence)
        return Citation(anchor, start, start + len(evidence))

    inquiry, lead = article.passages[1].anchor, article.passages[0].anchor
    return [
        GeneratedQuestion(
            id="who", type="who_said", prompt="Who led the inquiry that called the bridge “badly designed”?",
            choices=["Henry Rothery", "Thomas Bouch", "William Henry Barlow"], answer="Henry Rothery",
            source=cite(inquiry, "Henry Rothery, the commissioner of wrecks, led the inquiry in 1880."),
        ),
        GeneratedQuestion(
            id="carried", type="numeric", prompt="How many passengers and crew did the train carry? (a number)",
            choices=[], answer="75", source=cite(inquiry, "A train of six carriages carrying 75 passengers and crew fell into the Firth of Tay."),
        ),
        GeneratedQuestion(
            id="knighted", type="true_false", prompt="True or false? Thomas Bouch was knighted after the bridge opened in 1872.",
            choices=["True", "False"], answer="False", explanation="The article says 1878, not 1872.",
            source=cite(lead, "The bridge had been designed by the railway engineer Thomas Bouch, who was knighted after it opened in 1878."),
        ),
        GeneratedQuestion(
            id="order", type="ordering", prompt="Put these events in the order in which they happened.",
            choices=["The first Tay Bridge collapsed", "The first Tay Bridge opened"],
            answer=["The first Tay Bridge opened", "The first Tay Bridge collapsed"],
            source=Citation(lead, 0, len(article.passage(lead).text)),
        ),
        GeneratedQuestion(
            id="order-across", type="ordering", prompt="Put these events in the order in which they happened.",
            choices=["A second Tay Bridge opened", "The first Tay Rail Bridge collapsed", "Henry Rothery led the inquiry"],
            answer=["The first Tay Rail Bridge collapsed", "Henry Rothery led the inquiry", "A second Tay Bridge opened"],
            source=cite(lead, "The Tay Bridge disaster occurred on 28 December 1879, when the first Tay Rail Bridge collapsed during a violent storm."),
            also_cites=[
                cite(inquiry, "Henry Rothery, the commissioner of wrecks, led the inquiry in 1880."),
                cite(article.passages[2].anchor, "A second Tay Bridge, designed by William Henry Barlow, opened in 1887 and still carries trains today."),
            ],
        ),
    ]


def stored_article(questions=None):
    """TAY_BRIDGE with the given questions (none by default), inside an app context."""
    return import_article(parse_article(TAY_BRIDGE), questions or [], status="published").article


def export_all(article: Article) -> list[ExportQuestion]:
    return [
        ExportQuestion(
            id=f"q{q.id}", type=q.type, prompt=q.prompt, choices=list(q.choices), answer=q.answer,
            passage_text=q.passage.text, evidence_start=q.evidence_start, evidence_end=q.evidence_end,
            article_title=article.title, source_url=f"/articles/{article.slug}#{q.passage.anchor}", explanation=q.explanation,
            accepted=tuple(q.accepted_answers),
            also_cited=tuple((span.passage.text, span.start, span.end) for span in q.citations[1:]),
        )
        for q in article.questions
    ]


def content(q: Question) -> tuple:
    """What a student is asked and graded on, and where it is cited (ordering: the items, any order)."""
    choices = sorted(q.choices) if q.type == "ordering" else list(q.choices)
    cited = [(span.passage.anchor, span.start, span.end) for span in q.citations]
    return (q.type, q.prompt, choices, q.answer, q.accepted_answers, q.explanation, cited)


@pytest.mark.parametrize(("writer", "name"), [(to_gift, "tay.gift"), (to_moodle_xml, "tay.xml")])
def test_what_quizapp_exports_imports_back_unchanged(app, writer, name):
    from quizapp.generation import generate_questions

    with app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        generated = generate_questions(parse_article(TAY_BRIDGE), max_questions=50)
        article = stored_article(generated + written_questions())
        typed = next(q for q in article.questions if q.type == "cloze")
        typed.accepted_answers = ["an accepted form", "another = one {with} GIFT's ~ signs"]
        db.session.commit()
        before = sorted(content(q) for q in article.questions)
        types = {q.type for q in article.questions}
        assert {"multiple_choice", "cloze", "true_false", "who_said", "ordering", "numeric"} <= types, types
        assert any(len(q.citations) == 3 for q in article.questions)  # an ordering citing three passages
        exported = writer(export_all(article), "quizapp/Tay")
        db.session.execute(db.delete(Question).where(Question.article_id == article.id))
        db.session.commit()
        db.session.expire_all()

        kind, questions = read_question_file(exported.encode(), name)
        matches = match_questions(article, questions)
        assert [(m.how, m.problems) for m in matches] == [(EXACT, [])] * len(before)
        stored = save_imported(article, matches, set(), teacher)
        assert len(stored) == len(before)
        db.session.expire_all()
        after = sorted(content(q) for q in db.session.get(Article, article.id).questions)
        assert after == before
        assert {(q.origin, q.status, q.author_id) for q in stored} == {(QuestionOrigin.IMPORTED, QuestionStatus.DRAFT, teacher.id)}


def test_further_evidence_a_file_names_must_stand_in_the_article(app):
    from quizapp.imports.common import feedback_parts

    with app.app_context():
        article = stored_article(written_questions())
        across = [q for q in export_all(article) if len(q.also_cited) == 2]
        gift = to_gift(across, "quizapp/Tay")
        _explanation, evidence, further = feedback_parts(gift.split("####", 1)[1].split("}", 1)[0].replace("\\", ""))
        assert evidence.startswith("The Tay Bridge disaster occurred on 28 December 1879")
        assert further == [
            "Henry Rothery, the commissioner of wrecks, led the inquiry in 1880.",
            "A second Tay Bridge, designed by William Henry Barlow, opened in 1887 and still carries trains today.",
        ]
        db.session.execute(db.delete(Question).where(Question.article_id == article.id))
        db.session.commit()
        _kind, questions = read_question_file(gift.replace("opened in 1887", "opened in 1888").encode(), "tay.gift")
        [match] = match_questions(article, questions)
        assert not match.importable
        assert match.problems == ["It also cites words no other passage of this article says exactly."]


AIKEN = """Who designed the first Tay Rail Bridge?
A. William Henry Barlow
B. Thomas Bouch
C. Henry Rothery
ANSWER: B

Which engineer designed the Forth Bridge?
A. John Fowler
B. Benjamin Baker
ANSWER: A
"""


def test_aiken_questions_get_evidence_the_teacher_confirms_and_the_unfound_are_listed(app):
    with app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        article = stored_article()
        kind, questions = read_question_file(AIKEN.encode(), "bridges.txt")
        assert kind == "aiken" and [q.answer for q in questions] == ["Thomas Bouch", "John Fowler"]
        designed, forth = match_questions(article, questions)
        # Aiken cites nothing: the sentence holding the answer and the question's words is proposed.
        assert designed.how == TOLERANT and designed.problems == []
        assert "designed by the railway engineer Thomas Bouch" in designed.evidence
        assert designed.evidence in designed.passage.text
        # The Forth Bridge is not in this article: listed, never stored uncited.
        assert forth.passage is None and "not found" in forth.problems[0]
        # A tolerant match is stored only once the teacher confirms it.
        assert save_imported(article, [designed, forth], set(), teacher) == []
        assert count(Question) == 0
        [stored] = save_imported(article, [designed, forth], {designed.number}, teacher)
        assert stored.answer == "Thomas Bouch" and "Thomas Bouch" in stored.evidence


CSV_FILE = """type,prompt,choices,answer,evidence,explanation
multiple choice,Which river did the train fall into?,Firth of Tay|Firth of Forth|River Clyde,Firth of Tay,A train of six carriages carrying 75 passengers and crew fell into the Firth of Tay.,
true/false,The second Tay Bridge opened in 1887.,,True,"A second Tay Bridge, designed by William Henry Barlow, opened in 1887",
fill in the blank,The bridge collapsed during a violent _____.,,storm,"the first Tay Rail Bridge collapsed during a violent STORM",
ordering,Put these in order.,,The bridge opened|The bridge collapsed,"The bridge had been designed by the railway engineer Thomas Bouch, who was knighted after it opened in 1878",
multiple choice,Who designed the first bridge?,Barlow|Rothery,Bouch,designed by the railway engineer Thomas Bouch,
"""


def test_csv_rows_are_cited_exactly_or_tolerantly_and_bad_ones_say_why(app):
    with app.app_context():
        article = stored_article()
        kind, questions = read_question_file(CSV_FILE.encode(), "questions.csv")
        assert kind == "csv" and [q.type for q in questions] == ["multiple_choice", "true_false", "cloze", "ordering", "multiple_choice"]
        river, opened, storm, order, designer = match_questions(article, questions)
        assert (river.how, river.problems) == (EXACT, [])
        assert (opened.how, opened.problems) == (EXACT, [])
        # Other case than the article: found, but the teacher confirms it.
        assert storm.how == TOLERANT and storm.evidence == "the first Tay Rail Bridge collapsed during a violent storm"
        assert (order.how, order.problems, order.question.answer) == (EXACT, [], ["The bridge opened", "The bridge collapsed"])
        # Found, but unsound: the checks a teacher's own question must pass keep it out.
        assert designer.how == EXACT and designer.problems == ['The answer "Bouch" is not one of the choices: add it to the choices, spelled the same way.']


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("a.gift", "::ok:: Fine {T}\n\n::broken:: Who designed it? {=Bouch ~Barlow\n", "Line 3, question “broken”"),
        ("a.txt", "Who designed it?\nA. Bouch\nB. Barlow\nANSWER: C\n", "Line 4, question “Who designed it?”"),
        ("a.txt", "Who designed it?\nA. Bouch\nB. Barlow\n", "Line 1, question “Who designed it?”"),
        ("a.csv", "type,prompt,answer\nmultiple choice,Who?,Bouch\nessay,Discuss the disaster.,x\n", "Line 3, question “Discuss the disaster.”"),
        ("a.csv", "question,answer\nWho?,Bouch\n", "Line 1"),
        ("a.xml", "<quiz><question type='multichoice'><name><text>q1</text></name>\n<answer fraction='0'><text>a</text></answer></question>", "Line 2"),  # no </quiz>
        ("a.xml", '<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY a "aaaa">]>\n<quiz/>', "Line 1"),
        ("a.xml", "<quiz>\n<question type='multichoice'>\n<name><text>q1</text></name>\n<answer fraction='0'><text>a</text></answer>\n</question>\n</quiz>", "Line 2, question “q1”"),
        ("a.docx", "whatever", "Line 1"),
        ("a.gift", "// only a comment\n", "Line 1"),
    ],
)
def test_a_malformed_file_names_the_line_and_question(name, text, where):
    with pytest.raises(QuestionFileError) as error:
        read_question_file(text.encode(), name)
    assert str(error.value).startswith(where + ":"), str(error.value)


def test_a_file_that_is_not_utf8_text_is_refused_with_its_line():
    with pytest.raises(QuestionFileError, match="not UTF-8") as error:
        read_question_file("Q?\nA. caf\xe9\n".encode("latin-1"), "a.txt")
    assert error.value.line == 2


def test_questions_quizapp_cannot_grade_are_listed_not_dropped(app):
    gift = """::several:: Which opened in the 1880s? {~%50%The second Tay Bridge ~%50%The Forth Bridge ~The first Tay Bridge}

::essay:: Why did the bridge fall? {}

::pairs:: Match the engineer. {=Bouch -> first bridge =Barlow -> second bridge}

::ok:: The first Tay Rail Bridge was designed by {=Thomas Bouch =Bouch}.
"""
    with app.app_context():
        article = stored_article()
        _, questions = read_question_file(gift.encode(), "mixed.gift")
        several, essay, pairs, ok = match_questions(article, questions)
        assert "several right answers" in several.problems[0]
        assert "essay" in essay.problems[0]
        assert "matching" in pairs.problems[0]
        assert ok.importable and ok.question.type == "cloze"
        assert ok.notes == ["Also accepted: “Bouch”."]  # kept as an accepted answer, not silently lost


def test_importing_the_same_file_twice_adds_nothing_the_second_time(app):
    with app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        article = stored_article()
        _, questions = read_question_file(CSV_FILE.encode(), "questions.csv")
        first = save_imported(article, match_questions(article, questions), set(), teacher)
        assert len(first) == 3  # the three sound exact matches
        again = match_questions(article, questions)
        assert [again[i].problems for i in (0, 1, 3)] == [["This article already has this question."]] * 3
        assert save_imported(article, again, set(), teacher) == []
        assert count(Question) == 3


# --- the teacher's pages -------------------------------------------------------------------


@pytest.fixture
def teacher_with_article(app, client):
    from .conftest import log_in

    with app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        article = import_article(parse_article(TAY_BRIDGE), [], status="published", imported_by=teacher).article
        slug = article.slug
    log_in(client, "mrs_t")
    return slug


def upload(client, slug, name, text):
    import io

    return client.post(f"/teach/articles/{slug}/questions/import", data={"file": (io.BytesIO(text.encode()), name)},
                       content_type="multipart/form-data")


def test_a_teacher_reads_a_file_confirms_a_match_and_gets_drafts(app, client, teacher_with_article):
    import html
    import re

    slug = teacher_with_article
    page = upload(client, slug, "bridges.txt", AIKEN)
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "Aiken file" in body and "Nothing is saved until you press Import" in body
    assert "Check these" in body and "Cannot be imported" in body and "Which engineer designed the Forth Bridge?" in body
    with app.app_context():
        assert count(Question) == 0  # reading writes nothing
    fields = dict(re.findall(r'<input id="(file_name|file_text)" name="\1" type="hidden" value="([^"]*)"', body))
    assert set(fields) == {"file_name", "file_text"}
    data = {name: html.unescape(value) for name, value in fields.items()}
    # Not confirmed: nothing to import, and nothing is.
    response = client.post(f"/teach/articles/{slug}/questions/import/confirm", data=data, follow_redirects=True)
    assert "No question was imported" in response.get_data(as_text=True)
    # Confirmed: stored as a draft, and the page after the POST is a GET (a refresh resubmits nothing).
    response = client.post(f"/teach/articles/{slug}/questions/import/confirm", data={**data, "confirmed": "0"})
    assert response.status_code == 302 and response.location.endswith("status=draft")
    drafts = client.get(response.location).get_data(as_text=True)
    assert "Imported 1 question as drafts" in drafts and "1 question of the file was not imported" in drafts
    assert "imported from a file by mrs_t" in drafts
    with app.app_context():
        [question] = db.session.execute(db.select(Question)).scalars().all()
        assert (question.answer, question.status, question.origin) == ("Thomas Bouch", "draft", "imported")


def test_a_malformed_upload_is_refused_with_its_line_and_nothing_is_written(app, client, teacher_with_article):
    page = upload(client, teacher_with_article, "bad.gift", "::ok:: Fine {T}\n\n::broken:: Who? {=Bouch ~Barlow\n")
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "Line 3, question “broken”" in body and "Nothing was imported." in body
    with app.app_context():
        assert count(Question) == 0


def test_a_forged_confirmation_cannot_import_into_another_teachers_article_or_an_unread_file(app, client, teacher_with_article):
    from .conftest import log_in

    with app.app_context():
        make_user("mr_x", role=Role.TEACHER)
    other = app.test_client()
    log_in(other, "mr_x")
    data = {"file_name": "q.csv", "file_text": CSV_FILE}
    assert other.post(f"/teach/articles/{teacher_with_article}/questions/import/confirm", data=data).status_code == 404
    assert upload(other, teacher_with_article, "q.csv", CSV_FILE).status_code == 404
    # A file text that is not a question file is refused with its reason, not half-imported.
    response = client.post(f"/teach/articles/{teacher_with_article}/questions/import/confirm",
                           data={"file_name": "q.csv", "file_text": "question,answer\nWho?,Bouch\n"}, follow_redirects=True)
    assert "Line 1" in response.get_data(as_text=True) and "Nothing was imported." in response.get_data(as_text=True)
    with app.app_context():
        assert count(Question) == 0
