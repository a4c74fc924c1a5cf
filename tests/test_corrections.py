"""Correcting an article's text after its questions are in use (issue 16)."""

from __future__ import annotations

import re

import pytest

from quizapp.articles import parse_article
from quizapp.articles.source import article_source
from quizapp.extensions import db
from quizapp.models import Article, Passage, Question, QuestionRevision, Response, Role, Section, User
from quizapp.services import corrections
from quizapp.services.authoring import AuthoringError, QuestionDraft, save_question, stored_as_parsed
from tests.conftest import CURIE, count, log_in, make_quiz, make_user

# CURIE with a typo fixed in the lead's second sentence (Physics -> physics is not it: the year is
# wrong), a sentence added to the later life, and a new section.
CORRECTED = CURIE.replace("in Physics in 1903", "in Physics in 1904").replace(
    "Curie died in 1934.", "Curie died in 1934. She is buried in the Panthéon."
) + "\n== Legacy ==\n\nThe element curium is named after her.\n"


def curie_article() -> Article:
    make_quiz()
    return db.session.execute(db.select(Article).filter_by(slug="marie-curie")).scalar_one()


def by_bank_id(article: Article) -> dict[str, Question]:
    return {q.bank_id: q for q in article.questions}


def test_the_source_written_back_parses_to_the_same_passages(sample_article):
    """The edit box starts from the stored article: its text must parse to the very same passages."""
    again = parse_article(article_source(sample_article.title, sample_article.sections, sample_article.passages))
    assert again.title == sample_article.title
    assert [(p.anchor, p.section, p.kind, p.text) for p in again.passages] == [
        (p.anchor, p.section, p.kind, p.text) for p in sample_article.passages
    ]
    assert [(s.title, s.level, s.anchor) for s in again.sections] == [
        (s.title, s.level, s.anchor) for s in sample_article.sections
    ]


def test_list_items_and_subsections_survive_the_round_trip():
    text = "= Bridges =\n\nLead.\n\n== Kinds ==\n\n- Arch\n- Beam\n\nAfter the list.\n\n=== Tay ===\n\nThe Tay Bridge fell in 1879.\n"
    parsed = parse_article(text)
    again = parse_article(article_source(parsed.title, parsed.sections, parsed.passages))
    assert [(p.anchor, p.kind, p.text) for p in again.passages] == [(p.anchor, p.kind, p.text) for p in parsed.passages]
    assert [s.level for s in again.sections] == [1, 2]


def test_a_correction_moves_questions_whose_evidence_stands_and_lists_the_others(app):
    with app.app_context():
        article = curie_article()
        before = by_bank_id(article)
        born_passage, died_span = before["born"].passage_id, (before["died"].evidence_start, before["died"].evidence_end)
        old_hash = article.content_hash

        plan = corrections.plan_correction(article, parse_article(CORRECTED))
        assert (plan.kept_passages, plan.new_passages, plan.retired_passages) == (0, 3, 2)
        assert sorted(q.bank_id for q in plan.moved) == ["born", "died"]
        # The ordering question also cites the Physics prize's year, which the correction changes.
        assert sorted(q.bank_id for q in plan.lost) == ["order", "physics"]
        assert count(Passage) == 2  # planning changed nothing

        done = corrections.correct_article(article, parse_article(CORRECTED), based_on=old_hash)
        assert sorted(q.bank_id for q in done.lost) == ["order", "physics"]
        db.session.expire_all()
        article = db.session.get(Article, article.id)
        after = by_bank_id(article)
        # The current text is the corrected one; the two old passages are kept, retired.
        assert [p.text for p in article.passages][0].endswith("in Physics in 1904.")
        assert [s.anchor for s in article.sections] == ["later-life", "legacy"]
        assert count(Passage) == 5
        assert db.session.execute(db.select(db.func.count()).where(Passage.retired_at.is_not(None))).scalar() == 2
        # Moved: cited in the new passage, the span re-computed, the cited text unchanged.
        assert after["born"].passage_id != born_passage and after["born"].passage.retired_at is None
        assert after["born"].evidence == "Marie Curie was born in Warsaw in 1867."
        assert after["died"].evidence == "Curie died in 1934."
        assert (after["died"].evidence_start, after["died"].evidence_end) == died_span
        # Lost: still citing the old text exactly, listed for the teacher.
        assert after["physics"].passage.retired_at is not None
        assert after["physics"].evidence.endswith("in Physics in 1903.")
        assert [span.evidence for span in after["order"].citations] == [
            "In 1911 Curie won a second Nobel Prize, in Chemistry. Curie died in 1934.",
            "She won the Nobel Prize in Physics in 1903.",
        ]
        assert all(span.passage.retired_at is not None for span in after["order"].citations)  # both passages changed
        assert sorted(q.bank_id for q in corrections.questions_needing_evidence(article)) == ["order", "physics"]
        # Every moved question kept its old version for answers given before.
        assert count(QuestionRevision) == 2
        assert article.content_hash != old_hash


def test_unchanged_passages_keep_their_rows_and_questions(app):
    with app.app_context():
        article = curie_article()
        later_id = by_bank_id(article)["died"].passage_id
        fixed = CURIE.replace("in Physics in 1903", "in Physics in 1904")
        done = corrections.correct_article(article, parse_article(fixed), based_on=article.content_hash)
        assert (done.kept_passages, done.new_passages, done.retired_passages) == (1, 1, 1)
        assert done.unchanged_questions == 1  # "died"; "order" also cites the changed Physics sentence
        db.session.expire_all()
        assert by_bank_id(db.session.get(Article, article.id))["died"].passage_id == later_id
        assert count(QuestionRevision) == 1  # "born" moved to the new lead; the others did not move


def test_a_stale_correction_is_refused_and_changes_nothing(app):
    with app.app_context():
        article = curie_article()
        stale = article.content_hash
        corrections.correct_article(article, parse_article(CORRECTED), based_on=stale)
        snapshot = [(p.id, p.text, p.retired_at) for p in db.session.execute(db.select(Passage)).scalars()]
        with pytest.raises(corrections.CorrectionConflict, match="changed by someone else"):
            corrections.correct_article(article, parse_article(CURIE.replace("Warsaw", "Varsovie")), based_on=stale)
        db.session.expire_all()
        assert [(p.id, p.text, p.retired_at) for p in db.session.execute(db.select(Passage)).scalars()] == snapshot


def corrected_by_a_teacher() -> tuple[User, Article]:
    """A teacher, and CURIE's article after the CORRECTED text was saved (in an app context)."""
    teacher = make_user("mrs_t", Role.TEACHER)
    article = curie_article()
    corrections.correct_article(article, parse_article(CORRECTED), based_on=article.content_hash)
    return teacher, article


def test_the_suggested_sentence_fixes_a_lost_question_through_the_usual_checks(app):
    with app.app_context():
        # The year the question asks is the one corrected: the blank's key no longer holds.
        teacher, article = corrected_by_a_teacher()
        physics = by_bank_id(article)["physics"]
        suggestion = corrections.suggested_evidence(physics, article)
        assert suggestion is None  # the key "1903" is in no sentence now: nothing to cite
        with pytest.raises(AuthoringError, match="edit it by hand"):
            corrections.cite_suggestion(physics, teacher)

        # A correction that leaves the answer in place: the sentence is offered and cited.
        article = db.session.get(Article, article.id)
        text = article_source(article.title, article.sections, article.passages).replace("Warsaw in 1867", "Warsaw in 1867 (then in Russia)")
        corrections.correct_article(article, parse_article(text), based_on=article.content_hash)
        born = by_bank_id(article)["born"]
        assert born in corrections.questions_needing_evidence(article)
        suggestion = corrections.suggested_evidence(born, article)
        assert suggestion is not None and suggestion.text == "Marie Curie was born in Warsaw in 1867 (then in Russia)."
        corrections.cite_suggestion(born, teacher)
        db.session.expire_all()
        born = db.session.get(Question, born.id)
        assert born.evidence == "Marie Curie was born in Warsaw in 1867 (then in Russia)."
        assert born.passage.retired_at is None
        assert born not in corrections.questions_needing_evidence(born.article)


def test_a_question_citing_two_passages_moves_both_spans(app):
    with app.app_context():
        article = curie_article()
        # Both passages change, but neither span the ordering question cites.
        text = CURIE.replace("in 1867. She", "in 1867. She moved to Paris in 1891. She").replace(
            "In 1911", "She taught in Paris. In 1911"
        )
        done = corrections.correct_article(article, parse_article(text), based_on=article.content_hash)
        assert sorted(q.bank_id for q in done.moved) == ["born", "died", "order", "physics"] and done.lost == []
        db.session.expire_all()
        order = by_bank_id(db.session.get(Article, article.id))["order"]
        assert [(span.passage.anchor, span.passage.retired_at, span.evidence) for span in order.citations] == [
            ("later-life-1", None, "In 1911 Curie won a second Nobel Prize, in Chemistry. Curie died in 1934."),
            ("intro-1", None, "She won the Nobel Prize in Physics in 1903."),
        ]
        assert order.citations[1].start == len("Marie Curie was born in Warsaw in 1867. She moved to Paris in 1891. ")
        assert corrections.questions_needing_evidence(order.article) == []


def test_the_suggestion_for_a_question_citing_two_passages_fixes_each_span(app):
    with app.app_context():
        teacher, article = corrected_by_a_teacher()
        order = by_bank_id(article)["order"]
        # Editing by hand cannot fix the span of the other passage: the form says why.
        with pytest.raises(AuthoringError, match="also cites words of another passage"):
            save_question(article, QuestionDraft(
                type="ordering", prompt=order.prompt, choices=list(order.choices), answer=list(order.answer),
                passage=order.passage, evidence=order.citations[0].evidence, also_cites=list(order.also_cites),
            ), teacher, existing=order)
        suggestion = corrections.suggested_evidence(order, article)
        assert [span.evidence for span in suggestion.places] == [
            "In 1911 Curie won a second Nobel Prize, in Chemistry. Curie died in 1934.",
            "She won the Nobel Prize in Physics in 1904.",
        ]
        corrections.cite_suggestion(order, teacher)
        db.session.expire_all()
        order = db.session.get(Question, order.id)
        assert [span.evidence for span in order.citations] == [span.evidence for span in suggestion.places]
        assert all(span.passage.retired_at is None for span in order.citations)
        assert [q.bank_id for q in corrections.questions_needing_evidence(order.article)] == ["physics"]
        assert count(QuestionRevision) == 3  # born and died moved, then the ordering question fixed


def test_a_new_passage_may_take_the_anchor_of_a_retired_one(app):
    """Anchors are unique among the current passages only: the index lets the new "intro-1" in."""
    with app.app_context():
        article = curie_article()
        corrections.correct_article(article, parse_article(CORRECTED), based_on=article.content_hash)
        anchors = db.session.execute(db.select(Passage.anchor, Passage.retired_at)).all()
        assert sorted(a for a, retired in anchors if a == "intro-1") == ["intro-1", "intro-1"]
        from sqlalchemy.exc import IntegrityError

        db.session.add(Passage(article_id=article.id, anchor="intro-1", text="x", position=9))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_stored_as_parsed_and_the_reader_see_only_the_current_text(app, client):
    with app.app_context():
        article = curie_article()
        corrections.correct_article(article, parse_article(CORRECTED), based_on=article.content_hash)
        assert "1903" not in stored_as_parsed(article).source
    page = client.get("/articles/marie-curie").get_data(as_text=True)
    assert "in Physics in 1904" in page and "in Physics in 1903" not in page
    assert "The element curium is named after her." in page


# --- the teacher's pages ------------------------------------------------------------------------


@pytest.fixture
def teacher_client(app, client):
    with app.app_context():
        make_user("mrs_t", Role.TEACHER)
        curie_article()
    log_in(client, "mrs_t")
    return client


def current_hash(app) -> str:
    with app.app_context():
        return db.session.execute(db.select(Article.content_hash).filter_by(slug="marie-curie")).scalar_one()


def test_the_teacher_corrects_the_text_reviews_what_changes_then_saves(app, teacher_client):
    page = teacher_client.get("/teach/articles/marie-curie/correct").get_data(as_text=True)
    assert "= Marie Curie =" in page and "== Later life ==" in page and "in Physics in 1903" in page
    based_on = re.search(r'name="based_on" type="hidden" value="([0-9a-f]+)"', page).group(1)
    assert based_on == current_hash(app)

    review = teacher_client.post("/teach/articles/marie-curie/correct", data={"text": CORRECTED, "based_on": based_on})
    html = review.get_data(as_text=True)
    assert review.status_code == 200
    assert "3 passages new or changed, 0 unchanged, 2 replaced or removed" in html
    assert "2 questions move with their evidence" in html
    assert "2 questions cite words the correction changes" in html and "Marie Curie won the Nobel Prize in Physics in _____." in html
    assert "<del>1903.</del>" in html and "<ins>1904.</ins>" in html and "<ins>She is buried in the Panthéon.</ins>" in html
    assert current_hash(app) == based_on  # reviewing saved nothing

    saved = teacher_client.post(
        "/teach/articles/marie-curie/correct", data={"text": CORRECTED, "based_on": based_on, "confirmed": "yes"}
    )
    assert saved.status_code == 302 and saved.headers["Location"].endswith("/teach/articles/marie-curie/questions?status=all#needs-evidence")
    questions = teacher_client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Saved the corrected text: 3 passages new or changed. 2 questions moved with their evidence." in questions
    assert "2 questions cite text that is no longer in the article" in questions
    assert "It cites: “She won the Nobel Prize in Physics in 1903.”" in questions
    assert "No sentence of the corrected text is close to it and holds its answer." in questions
    assert current_hash(app) != based_on
    # The reader shows the corrected text.
    assert "in Physics in 1904" in teacher_client.get("/articles/marie-curie").get_data(as_text=True)


def test_back_to_the_text_keeps_the_teachers_edits(app, teacher_client):
    based_on = current_hash(app)
    back = teacher_client.post(
        "/teach/articles/marie-curie/correct",
        data={"text": CORRECTED, "based_on": based_on, "confirmed": "yes", "edit_again": "1"},
    ).get_data(as_text=True)
    assert "Review the changes" in back and "in Physics in 1904" in back
    assert current_hash(app) == based_on


def test_a_corrected_file_can_be_uploaded_instead(app, teacher_client):
    import io

    markdown = "# Marie Curie\n\nMarie Curie was born in Warsaw in 1867. She won the Nobel Prize in Physics in 1903.\n\n## Later life\n\nIn 1911 Curie won a second Nobel Prize, in Chemistry. Curie died in 1934 in Passy.\n"
    review = teacher_client.post(
        "/teach/articles/marie-curie/correct",
        data={"text": "", "based_on": current_hash(app), "file": (io.BytesIO(markdown.encode()), "curie.md")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "1 passage new or changed, 1 unchanged, 1 replaced or removed" in review
    assert "<ins>1934 in Passy.</ins>" in review or "<ins>Passy.</ins>" in review
    # The confirmation carries the text, converted to the wiki style the box uses.
    assert "== Later life ==" in review


@pytest.mark.parametrize(
    "data, message",
    [
        ({"text": "   "}, "Correct the text in the box, or upload a corrected file"),
        ({"text": "\x00\x01binary"}, "looks like binary data"),
        ({"text": "= Marie Curie =\n\n== Only a heading ==\n"}, "The article has no text"),
    ],
)
def test_bad_text_is_refused_with_its_reason_and_changes_nothing(app, teacher_client, data, message):
    before = current_hash(app)
    page = teacher_client.post("/teach/articles/marie-curie/correct", data={"based_on": before, **data, "confirmed": "yes"})
    assert page.status_code == 200 and message in page.get_data(as_text=True)
    assert current_hash(app) == before
    with app.app_context():
        assert count(Passage) == 2 and count(QuestionRevision) == 0


def test_an_oversized_upload_is_refused(app, teacher_client):
    import io

    app.config["MAX_ARTICLE_BYTES"] = 1000
    page = teacher_client.post(
        "/teach/articles/marie-curie/correct",
        data={"text": "", "based_on": current_hash(app), "file": (io.BytesIO(b"= Big =\n\n" + b"word " * 400), "big.txt")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "larger than" in page and "Nothing was changed." in page


def test_a_correction_over_someone_elses_is_refused(app, teacher_client):
    stale = current_hash(app)
    teacher_client.post("/teach/articles/marie-curie/correct", data={"text": CORRECTED, "based_on": stale, "confirmed": "yes"})
    now = current_hash(app)
    review = teacher_client.post("/teach/articles/marie-curie/correct", data={"text": CURIE.replace("Warsaw", "Varsovie"), "based_on": stale})
    assert "changed by someone else" in review.get_data(as_text=True)
    saved = teacher_client.post(
        "/teach/articles/marie-curie/correct", data={"text": CURIE.replace("Warsaw", "Varsovie"), "based_on": stale, "confirmed": "yes"},
        follow_redirects=True,
    )
    assert "changed by someone else" in saved.get_data(as_text=True)
    assert current_hash(app) == now


def test_another_teachers_article_cannot_be_corrected(app, client):
    with app.app_context():
        owner = make_user("owner", Role.TEACHER)
        make_user("other", Role.TEACHER)
        article = curie_article()
        article.imported_by_id = owner.id
        db.session.commit()
        based_on = article.content_hash
    log_in(client, "other")
    assert client.get("/teach/articles/marie-curie/correct").status_code == 404
    assert client.post("/teach/articles/marie-curie/correct", data={"text": CORRECTED, "based_on": based_on, "confirmed": "yes"}).status_code == 404
    assert current_hash(app) == based_on


def test_answers_given_before_keep_the_text_they_were_answered_against(app, client):
    """A student answered the blank "1903"; the teacher corrects the year. Their review still quotes
    the sentence they read, and its link says the article has been corrected since."""
    with app.app_context():
        make_user("mrs_t", Role.TEACHER)
        make_user("sam")
        quiz_id = make_quiz(feedback="end").id
    log_in(client, "sam")
    attempt_id = int(client.post(f"/quizzes/{quiz_id}/start").headers["Location"].split("/")[2])
    client.post(f"/attempts/{attempt_id}/questions/1", data={"answer": "1903"})
    client.post(f"/attempts/{attempt_id}/finish")
    with app.app_context():
        article = db.session.execute(db.select(Article).filter_by(slug="marie-curie")).scalar_one()
        corrections.correct_article(article, parse_article(CORRECTED), based_on=article.content_hash)
        assert db.session.execute(db.select(Response.given, Response.correct)).all() == [("1903", True)]
    review = client.get(f"/attempts/{attempt_id}/review").get_data(as_text=True)
    assert '<mark class="evidence">She won the Nobel Prize in Physics in 1903.</mark>' in review
    link = re.search(r'href="(/articles/marie-curie\?[^"]*corrected=1[^"]*)"', review)
    assert link and link.group(1).endswith("#intro") and "evidence=" not in link.group(1)
    reader = client.get("/articles/marie-curie?corrected=1").get_data(as_text=True)
    assert "The article has been corrected since that passage was cited" in reader


def test_cite_the_corrected_sentence_from_the_questions_page(app, teacher_client):
    with app.app_context():
        article = db.session.get(Article, 1)
        fixed = CURIE.replace("Warsaw in 1867", "Warsaw in 1867 (then in Russia)")
        corrections.correct_article(article, parse_article(fixed), based_on=article.content_hash)
        born = by_bank_id(article)["born"].id
        died = by_bank_id(article)["died"].id
    page = teacher_client.get("/teach/articles/marie-curie/questions").get_data(as_text=True)
    assert "The corrected text reads: “Marie Curie was born in Warsaw in 1867 (then in Russia).”" in page
    done = teacher_client.post(f"/teach/questions/{born}/cite-suggestion", follow_redirects=True).get_data(as_text=True)
    assert "The question now cites “Marie Curie was born in Warsaw in 1867 (then in Russia).”" in done
    assert "no longer in the article" not in done
    # A question that needs nothing is refused with a message, and left as it was.
    again = teacher_client.post(f"/teach/questions/{died}/cite-suggestion", follow_redirects=True).get_data(as_text=True)
    assert "there is nothing to fix" in again


def test_an_article_corrected_then_deleted_leaves_no_retired_passage_behind(app):
    from quizapp.services import authoring
    from quizapp.services.importing import import_article
    from tests.conftest import curie_questions

    with app.app_context():
        article = import_article(parse_article(CURIE), curie_questions(), status="published").article
        corrections.correct_article(article, parse_article(CORRECTED), based_on=article.content_hash)
        assert count(QuestionRevision) == 2 and count(Passage) == 5
        authoring.delete_article(db.session.get(Article, article.id))
        assert (count(Article), count(Passage), count(Section), count(Question), count(QuestionRevision)) == (0, 0, 0, 0, 0)


def test_the_edit_form_of_a_question_left_behind_tells_the_old_text_from_the_new(app, teacher_client):
    with app.app_context():
        article = db.session.get(Article, 1)
        corrections.correct_article(article, parse_article(CORRECTED), based_on=article.content_hash)
        physics = by_bank_id(article)["physics"].id
    form = teacher_client.get(f"/teach/questions/{physics}/edit").get_data(as_text=True)
    assert "A correction of the article changed the words this question cites" in form
    assert "She won the Nobel Prize in Physics in 1903." in form  # what it cites, quoted in the note
    # Only the corrected text is offered to cite, its lead chosen in place of the old one.
    assert "in Physics in 1903" not in form.split("<h2>Passages</h2>", 1)[1] and "in Physics in 1904" in form
    assert re.search(r'<option selected value="\d+">Introduction · intro-1', form)
    # Choosing the corrected passage, with the corrected year, fixes it.
    current = re.search(r'<option selected value="(\d+)">Introduction · intro-1', form).group(1)
    saved = teacher_client.post(f"/teach/questions/{physics}/edit", data={
        "type": "cloze", "prompt": "Marie Curie won the Nobel Prize in Physics in _____.", "answer": "1904",
        "passage": current, "evidence": "She won the Nobel Prize in Physics in 1904.",
    })
    assert saved.status_code == 302
    with app.app_context():
        # Only the ordering question, which also cites the old Physics sentence, is left to fix.
        assert [q.bank_id for q in corrections.questions_needing_evidence(db.session.get(Article, 1))] == ["order"]
