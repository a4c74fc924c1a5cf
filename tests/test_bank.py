"""The question-bank JSON format: written by dump_bank, read back and checked by load_bank."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.articles import parse_article
from quizapp.generation import REGISTRY, generate_questions, validate_question
from quizapp.generation.bank import BankError, CheckedQuestions, dump_bank, load_bank
from quizapp.generation.distractors import DistractorFinder
from quizapp.generation.facts import ArticleFacts
from quizapp.generation.types import Context

SAMPLE = Path(__file__).resolve().parent.parent / "questions" / "2021-ukrainian-coup-attempt-allegations.txt"


@pytest.fixture(scope="module")
def bank():
    article = parse_article(SAMPLE.read_bytes(), filename=SAMPLE.name)
    questions = generate_questions(article, max_questions=200)  # every type the sample has
    # Its dated events span passages, but other questions ask or state their years, so the selection
    # leaves its ordering out; the bank format is tested with that ordering, as a teacher could add it.
    facts = ArticleFacts(article)
    context = Context(facts, DistractorFinder(facts), 0)
    questions.append(next(c.build() for c in REGISTRY["ordering"].candidates(context)))
    return article, questions, dump_bank(article, questions)


def test_dump_has_the_public_shape(bank):
    article, questions, data = bank
    assert set(data) == {"article", "questions"}
    assert data["article"]["slug"] == article.slug and data["article"]["title"] == article.title
    assert [p["id"] for p in data["article"]["passages"]] == [p.anchor for p in article.passages]
    assert set(data["article"]["passages"][0]) == {"id", "section", "text"}
    for raw, q in zip(data["questions"], questions):
        assert {"id", "type", "prompt", "answer", "source"} <= set(raw) <= {
            "id", "type", "prompt", "choices", "answer", "source", "explanation", "also_cites"}
        assert ("also_cites" in raw) == bool(q.also_cites)  # one-span questions keep the shape they had
        assert ("choices" in raw) == (REGISTRY[q.type].answer_input != "text")  # typed answers list no choices
        assert set(raw["source"]) == {"passage", "start", "end"}
        passage = next(p for p in data["article"]["passages"] if p["id"] == raw["source"]["passage"])
        evidence = passage["text"][raw["source"]["start"] : raw["source"]["end"]]
        if raw["type"] in ("multiple_choice", "cloze", "who_said"):
            assert raw["answer"] in evidence
    json.dumps(data)  # plain JSON types only


def test_round_trip(bank):
    _article, questions, data = bank
    text = json.dumps(data, ensure_ascii=False, indent=2)
    article, loaded = load_bank(text.encode("utf-8"))
    assert list(loaded) == questions
    assert article.format == "bank" and article.title == data["article"]["title"]
    for passage in article.passages:
        assert article.source[passage.start : passage.end] == passage.text
    assert [s.title for s in article.sections] == ["Background", "Coup plot allegations", "Responses", "Aftermath", "See also"]
    assert all(validate_question(article, q) == [] for q in loaded)


def test_checked_questions_cannot_change_after_the_check(bank):
    _article, _questions, data = bank
    article, loaded = load_bank(json.dumps(data))
    assert isinstance(loaded, CheckedQuestions) and loaded.article is article
    with pytest.raises(AttributeError):
        loaded.append(loaded[0])  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        loaded[0] = loaded[1]  # type: ignore[index]
    assert not isinstance(list(loaded), CheckedQuestions)  # a list made from them is checked again


def test_an_article_rebuilt_from_a_bank_generates_the_same_questions(bank):
    _article, questions, data = bank
    article, _loaded = load_bank(json.dumps(data))
    generated = [q.prompt for q in questions if q.type != "ordering"]  # (the ordering was added by hand)
    assert [q.prompt for q in generate_questions(article, max_questions=200)] == generated


def broken(data, change) -> str:
    copy = json.loads(json.dumps(data))
    change(copy)
    with pytest.raises(BankError) as info:
        load_bank(json.dumps(copy))
    return str(info.value)


def test_malformed_json_is_reported():
    with pytest.raises(BankError, match="not valid JSON"):
        load_bank("{not json")
    with pytest.raises(BankError, match="not UTF-8"):
        load_bank(b"\xff\xfe\xfa")
    with pytest.raises(BankError, match="must be a JSON object"):
        load_bank("[]")


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ("[" * 100_000, "nested too deeply"),  # json.loads: RecursionError
        ('{"article": {"passages": [' + "{}, [" * 50_000, "nested too deeply"),
        ('{"questions": ' + "1" * 5000 + "}", "thousands of digits"),  # int(): ValueError
    ],
    ids=["deep-list", "deep-inside-a-bank", "long-number"],
)
def test_json_python_cannot_read_is_reported(document, reason):
    with pytest.raises(BankError, match=reason):
        load_bank(document)
    with pytest.raises(BankError, match=reason):
        load_bank(document.encode())


def test_an_unpaired_surrogate_escape_is_reported_and_a_pair_is_read(bank):
    _a, _q, data = bank
    message = broken(data, lambda d: d["article"]["passages"][0].update(text="Kyiv \ud800 in 2021"))
    assert "unpaired surrogate" in message and "Kyiv \\ud800 in 2021" in message
    message.encode("utf-8")  # the message itself can be shown
    assert "unpaired surrogate" in broken(data, lambda d: d["questions"][0].update(explanation="\udfff"))
    assert "unpaired surrogate" in broken(data, lambda d: d.update({"\udc00": 1}))  # a key, even unused
    paired = json.loads(json.dumps(data))
    paired["article"]["title"] += " \U0001f600"
    article, _loaded = load_bank(json.dumps(paired))  # written as the escaped pair "\ud83d\ude00"
    assert article.title.endswith("\U0001f600")


def test_missing_fields_and_wrong_types_are_reported(bank):
    _a, _q, data = bank
    assert 'missing field "article"' in broken(data, lambda d: d.pop("article"))
    assert 'missing field "questions"' in broken(data, lambda d: d.pop("questions"))
    assert '"questions" must be a list' in broken(data, lambda d: d.update(questions={}))
    assert "passage 1 text" in broken(data, lambda d: d["article"]["passages"][0].update(text=3))
    assert "used twice" in broken(data, lambda d: d["article"]["passages"][1].update(id=d["article"]["passages"][0]["id"]))
    qid = data["questions"][0]["id"]
    assert f'question "{qid}": missing field "prompt"' in broken(data, lambda d: d["questions"][0].pop("prompt"))
    assert "whole numbers" in broken(data, lambda d: d["questions"][0]["source"].update(start="0"))
    assert 'unknown type "essay"' in broken(data, lambda d: d["questions"][0].update(type="essay"))
    assert "the id is used twice" in broken(data, lambda d: d["questions"].append(dict(d["questions"][0])))


def test_bad_spans_and_answers_are_reported_by_question(bank):
    _a, questions, data = bank
    index = next(i for i, q in enumerate(questions) if q.type in ("multiple_choice", "who_said"))  # options, a cited answer
    qid = questions[index].id

    def wrong_answer(d):
        d["questions"][index]["answer"] = "Atlantis"
        d["questions"][index]["choices"][0] = "Atlantis"

    assert f'question "{qid}": answer "Atlantis" is not in the cited evidence' in broken(data, wrong_answer)
    assert "outside passage" in broken(data, lambda d: d["questions"][index]["source"].update(end=99_999))
    assert "not in the article" in broken(data, lambda d: d["questions"][index]["source"].update(passage="nope"))


def test_further_citations_round_trip_and_are_checked(bank):
    _a, questions, data = bank
    several = [i for i, q in enumerate(questions) if q.also_cites]
    assert several, "the sample's bank has an ordering question citing two passages"
    index = several[0]
    raw = data["questions"][index]
    assert raw["type"] == "ordering" and raw["also_cites"][0]["passage"] != raw["source"]["passage"]
    _article, loaded = load_bank(json.dumps(data))
    assert loaded[index].also_cites == questions[index].also_cites
    qid = questions[index].id
    assert f'question "{qid}": "also_cites" must be a list' in broken(data, lambda d: d["questions"][index].update(also_cites={}))
    assert "outside passage" in broken(data, lambda d: d["questions"][index]["also_cites"][0].update(end=99_999))
    assert "cites one passage twice" in broken(
        data, lambda d: d["questions"][index]["also_cites"][0].update(passage=d["questions"][index]["source"]["passage"])
    )
    cloze = next(i for i, q in enumerate(questions) if q.type == "cloze")
    assert "only an ordering question may cite several passages" in broken(
        data, lambda d: d["questions"][cloze].update(also_cites=d["questions"][index]["also_cites"])
    )


def test_an_attribution_is_kept_and_checked(bank):
    """A bank may credit its article's authors and licence; text files never carry one."""
    article, _questions, data = bank
    assert "attribution" not in data["article"] and article.attribution == ""
    credited = json.loads(json.dumps(data))
    credited["article"]["attribution"] = "  From Wikipedia, CC BY-SA 4.0  "
    loaded, _ = load_bank(json.dumps(credited))
    assert loaded.attribution == "From Wikipedia, CC BY-SA 4.0"
    assert dump_bank(loaded, [])["article"]["attribution"] == "From Wikipedia, CC BY-SA 4.0"
    credited["article"]["attribution"] = ["not", "text"]
    with pytest.raises(BankError, match="article.attribution"):
        load_bank(json.dumps(credited))
    credited["article"]["attribution"] = "x" * 1001
    with pytest.raises(BankError, match="1,000 characters"):
        load_bank(json.dumps(credited))
