"""The question generator on the sample article and on the test articles (science, biography, history).

Every test asserts what a teacher would check by hand: the question is grounded in its
cited evidence, its choices are distinct and contain the answer, its stem does not give
the answer away, and no two questions ask the same thing. One test per failure mode
listed in REFERENCE.md ("Automatic question generation: what goes wrong").
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from quizapp.articles import parse_article
from quizapp.generation import (
    QUESTION_TYPES,
    REGISTRY,
    Citation,
    GeneratedQuestion,
    generate_questions,
    validate_question,
)
from quizapp.generation.distractors import DistractorFinder
from quizapp.generation.facts import ArticleFacts
from quizapp.generation.pipeline import MAX_QUESTIONS, MAX_TYPE_SHARE, default_max_questions
from quizapp.generation.sentences import split_sentences
from quizapp.generation.phrasing import gives_away
from quizapp.generation.types import Context, base
from quizapp.grading import normalise_answer

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "questions" / "2021-ukrainian-coup-attempt-allegations.txt"
GREAT_STINK = Path(__file__).resolve().parent / "articles" / "great-stink.txt"
TEST_ARTICLES = sorted((Path(__file__).resolve().parent / "articles").glob("*.txt"))
ALL_ARTICLES = [SAMPLE, *TEST_ARTICLES]
DATE_WORDS = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|\d{4})\b")


def load(path: Path):
    return parse_article(path.read_bytes(), filename=path.name)


@pytest.fixture(scope="module")
def sample():
    article = load(SAMPLE)
    return article, generate_questions(article)


def questions_of(path: Path):
    article = load(path)
    return article, generate_questions(article)


def evidence_of(article, q: GeneratedQuestion) -> str:
    """Everything the question cites, a line for each span."""
    return "\n".join(article.passage(c.passage).text[c.start : c.end] for c in q.citations)


# ---------------------------------------------------------------- the whole output


def test_test_articles_cover_science_biography_and_history():
    names = {p.stem for p in TEST_ARTICLES}
    assert {"discovery-of-penicillin", "marie-curie", "fall-of-the-berlin-wall", "great-stink"} <= names


def test_sample_article_gets_varied_questions_and_every_type_appears_across_articles(sample, capsys):
    _article, questions = sample
    counts = Counter(q.type for q in questions)
    with capsys.disabled():
        print("\nsample article:", dict(counts), "total", len(questions))
    # Most of its true/false candidates state what other questions ask (or their years, which the
    # title gives away), so at most one true statement is made. Its dated events lie in different
    # passages, but other stems date them, so no ordering is drafted beside them (raters fail an
    # ordering one of whose events another stem dates); every type comes up across the test articles.
    assert {"cloze", "who_said"} <= set(counts) and "ordering" not in counts
    # (The sample's one figure, "400 Wagner Group mercenaries were deployed to Kyiv", gives away a
    # cloze on Kyiv: its numeric questions come from the other articles.)
    every_candidate = [generate_questions(load(path), max_questions=200) for path in ALL_ARTICLES]
    assert {q.type for questions in every_candidate for q in questions} == set(QUESTION_TYPES)
    # Quality over quantity: by default at most one question per 60 words of content (843 words here),
    # fewer where the rubric's checks leave fewer sound candidates, and side details only to fill a
    # bank of fewer than five.
    assert 5 <= len(questions) <= 14
    # No type swamping the rest: types take turns, and none takes more than 40% of the default count
    # (14 here, so 6) while others have candidates. (Its three quotations make three of its five.)
    assert max(counts.values()) <= math.ceil(MAX_TYPE_SHARE * default_max_questions(ArticleFacts(_article)))


@pytest.mark.parametrize("path", ALL_ARTICLES, ids=lambda p: p.stem)
def test_every_question_is_sound_and_grounded(path):
    article, questions = questions_of(path)
    # Fewer, better: only what passes the rubric's checks (the Great Stink's five short passages give 4).
    assert len(questions) >= 4
    for q in questions:
        assert validate_question(article, q) == [], q
        evidence = evidence_of(article, q)
        assert evidence.strip()
        if q.type in ("multiple_choice", "cloze", "who_said"):
            assert q.answer in evidence
        if q.type in ("multiple_choice", "true_false", "who_said"):
            assert len(set(map(normalise_answer, q.choices))) == len(q.choices)
            assert q.answer in q.choices
        if q.type == "multiple_choice":
            assert len(q.choices) == 4
        if q.type in ("multiple_choice", "cloze", "who_said"):
            assert normalise_answer(q.answer) not in normalise_answer(q.prompt).split(" ") or " " in q.answer
            assert not gives_away(q.prompt, q.answer), q.prompt


@pytest.mark.parametrize("path", ALL_ARTICLES, ids=lambda p: p.stem)
def test_questions_cite_only_content_sections(path):
    article, questions = questions_of(path)
    content = {s.title for s in article.sections if s.is_content} | {""}
    assert questions
    for q in questions:
        assert article.passage(q.source.passage).section in content


@pytest.mark.parametrize("path", ALL_ARTICLES, ids=lambda p: p.stem)
def test_ids_are_unique_and_output_is_deterministic(path):
    article = load(path)
    first = generate_questions(article, seed=3)
    second = generate_questions(load(path), seed=3)
    assert first == second
    assert len({q.id for q in first}) == len(first)


def test_another_seed_gives_a_valid_but_possibly_different_quiz():
    article = load(SAMPLE)
    for seed in (1, 2, 99):
        for q in generate_questions(article, seed=seed):
            assert validate_question(article, q) == []


def test_max_questions_keeps_the_best_of_several_types(sample):
    article, _ = sample
    few = generate_questions(article, max_questions=5)
    assert len(few) == 5
    assert len({q.type for q in few}) >= 3  # types take turns


def test_registry_has_one_class_per_type():
    assert set(REGISTRY) == set(QUESTION_TYPES)
    for name, question_type in REGISTRY.items():
        assert question_type.name == name and question_type.label.strip()
        assert callable(question_type.candidates) and callable(question_type.grade)


# ---------------------------------------------------------------- per type


def test_who_said_attributes_the_sample_quotations_to_their_speakers(sample):
    _article, questions = sample
    said = {q.prompt: q.answer for q in questions if q.type == "who_said"}
    assert said['Who said "We never do things like that"?'] == "Dimitry Peskov"
    assert said["Who said \"I'm sorry, I can't talk about it\"?"] == "Zelenskyy"
    akhmetov = next(q for q in questions if q.type == "who_said" and "absolute lie" in q.prompt)
    assert akhmetov.answer == "Akhmetov"
    # Choices are written the way the answer is: surnames with a surname.
    assert all(" " not in c for c in akhmetov.choices)


def test_who_said_resolves_a_speaker_introduced_by_a_participle():
    article = parse_article(
        "= Test =\n\nThe minister Anna Keller rejected the plan, saying \"We will never accept these terms.\" "
        "The economist Boris Lang praised it. The writer Clara Dorn was silent. The judge David Falk agreed.\n"
    )
    q = next(q for q in generate_questions(article) if q.type == "who_said")
    assert q.answer == "Anna Keller"
    assert q.prompt == 'Who said "We will never accept these terms"?'
    assert set(q.choices) <= {"Anna Keller", "Boris Lang", "Clara Dorn", "David Falk"}


def ordering_items(q: GeneratedQuestion) -> list[tuple[str, str]]:
    """(item, its date) in the answer's order, read from the explanation "item (date); item (date)."."""
    items = [re.fullmatch(r"(.+) \((.+)\)", part).groups() for part in q.explanation.rstrip(".").split("; ")]
    assert [item for item, _date in items] == q.answer
    return items


@pytest.mark.parametrize("path", TEST_ARTICLES, ids=lambda p: p.stem)
def test_ordering_answer_is_chronological(path):
    _article, questions = questions_of(path)
    ordering = [q for q in questions if q.type == "ordering"]
    # The Great Stink dates three events that stand alone, no more: Snow "traced another outbreak"
    # leans on the outbreak before it, so no set of three is left. In the canal's and Marie Curie's
    # articles other stems date one of every three events, and those questions are kept instead.
    assert bool(ordering) == (path.stem not in ("great-stink", "lake-orme-canal", "marie-curie"))
    for q in ordering:
        assert sorted(q.answer) == sorted(q.choices) and q.answer != q.choices
        assert 3 <= len(q.answer) <= 4
        for item in q.answer:
            assert not DATE_WORDS.search(item), "an item must not carry its own date"


def test_no_ordering_stays_beside_a_stem_that_dates_one_of_its_events():
    """The selection takes dated questions over an ordering they give away, and fills the place."""
    from bench.corpus import large_article
    from quizapp.generation.pipeline import bank_entry_of
    from quizapp.generation.screening import spoilt_orderings

    long = parse_article(large_article(60_000), filename="long.txt")
    banks = [questions_of(path)[1] for path in TEST_ARTICLES] + [generate_questions(long)]
    for questions in banks:
        assert not spoilt_orderings([bank_entry_of(q) for q in questions])
    assert len(banks[-1]) == default_max_questions(ArticleFacts(long))  # dropped orderings' places are filled
    assert sum(q.type == "ordering" for questions in banks for q in questions) >= len(TEST_ARTICLES)


def test_ordering_of_three_events_dated_in_one_passage_cites_the_passage():
    article = parse_article(
        "= Timeline =\n\nIn 2014, the president Viktor Yanukovych was ousted during the Euromaidan. "
        "In 2019, Volodymyr Zelenskyy was elected with a landslide victory. "
        "In February 2022, Russia launched an invasion of Ukraine.\n"
    )
    q = next(q for q in generate_questions(article) if q.type == "ordering")
    assert q.answer == [
        "The president Viktor Yanukovych was ousted during the Euromaidan",
        "Volodymyr Zelenskyy was elected with a landslide victory",
        "Russia launched an invasion of Ukraine",
    ]
    assert evidence_of(article, q) == article.passages[0].text.rstrip()


@pytest.mark.parametrize("path", ALL_ARTICLES, ids=lambda p: p.stem)
def test_ordering_evidence_holds_every_event_and_its_date(path):
    """The cited span proves the order: each item's sentence, with its date, lies inside it."""
    article, questions = questions_of(path)
    for q in questions:
        if q.type != "ordering":
            continue
        evidence = evidence_of(article, q)
        for item, date in ordering_items(q):
            sentences = [s.text for s in split_sentences(evidence) if date in s.text]
            assert sentences, f"{date!r} is not in the cited evidence {evidence!r}"
            words = {w for w in re.findall(r"[a-z]{4,}", item.lower())}
            assert any(len(words & set(re.findall(r"[a-z]{4,}", s.lower()))) >= len(words) / 2 for s in sentences), item


def test_ordering_orders_events_dated_in_different_passages_citing_each_passage():
    # Each passage dates two events: no one span holds three of them, so the question cites both.
    article = parse_article(
        "= Timeline =\n\nIn 2014, the president Viktor Yanukovych was ousted during the Euromaidan. "
        "In 2019, Volodymyr Zelenskyy was elected with a landslide victory.\n\n"
        "== Invasion ==\n\nIn April 2021, Russia began amassing troops near the border. "
        "In February 2022, Russia launched an invasion of Ukraine.\n"
    )
    [q] = [q for q in generate_questions(article) if q.type == "ordering"]
    assert validate_question(article, q) == []
    assert [(c.passage, c.start, c.end) for c in q.citations] == [
        (p.anchor, 0, len(p.text)) for p in article.passages
    ]
    assert q.answer == [
        "The president Viktor Yanukovych was ousted during the Euromaidan",
        "Volodymyr Zelenskyy was elected with a landslide victory",
        "Russia began amassing troops near the border",
        "Russia launched an invasion of Ukraine",
    ]


def test_ordering_cites_one_passage_where_one_passage_dates_three_events():
    """Events a passage dates together are asked together: the citation is no longer than it must be."""
    article = parse_article(
        "= Port Eskil =\n\nIn 1908, Vel Bridge opened to carts. In 1911, Anna Vel bought the mill of Port Eskil. "
        "In 1920, a flood destroyed Port Eskil's harbour.\n\n"
        "== Later ==\n\nIn 1950, the Eskil Railway reached Port Eskil. In 1962, the Eskil Railway closed to passengers.\n"
    )
    orderings = [q for q in generate_questions(article) if q.type == "ordering"]
    assert [(q.source.passage, q.also_cites) for q in orderings] == [(article.passages[0].anchor, [])]


def test_ordering_labels_need_an_event():
    """A label without a verb names no event, and one ending in "said" leaves out what was said."""
    article = parse_article(
        "= Band =\n\nIn 1984, lead guitarist Robert Hecker joined the band. In 1985, drummer Roy McDonald. "
        "In 1987, the Vels released Neurotica. In 1990, the Vels signed with Atlantic Records.\n\n"
        "== Later ==\n\nIn 1995, Jeff and his wife. On August 5, 2000, chief negotiator Saeb Erekat said. "
        "In 1549, Cornishmen, allied with other rebels in neighbouring Devon, rose in rebellion.\n"
    )
    labels = {item for q in generate_questions(article, max_questions=100) if q.type == "ordering" for item in q.answer}
    assert labels == {
        "Lead guitarist Robert Hecker joined the band", "The Vels released Neurotica", "The Vels signed with Atlantic Records",
    }


def test_ordering_on_the_berlin_wall():
    article, questions = questions_of(Path(__file__).parent / "articles" / "fall-of-the-berlin-wall.txt")
    q = next(q for q in questions if q.type == "ordering")
    years = [int(y) for y in re.findall(r"\b(1\d{3})\)", q.explanation)]
    assert years == sorted(years) and len(years) == len(q.answer) >= 3


def test_a_type_that_does_not_claim_its_sentences_shares_them(monkeypatch):
    """The selection lets ordering ask from sentences other questions use because the type says so."""
    assert [name for name, question_type in REGISTRY.items() if not question_type.claims_sentences] == ["ordering"]
    article, questions = questions_of(Path(__file__).parent / "articles" / "fall-of-the-berlin-wall.txt")
    order = next(q for q in questions if q.type == "ordering").source
    assert any(
        q.type != "ordering" and q.source.passage == order.passage and q.source.start < order.end and order.start < q.source.end
        for q in questions
    )
    monkeypatch.setattr(REGISTRY["ordering"], "claims_sentences", True)
    assert [q.id for q in generate_questions(article)] != [q.id for q in questions]


def test_true_false_false_statements_swap_exactly_one_fact():
    asked = [
        (article, q)
        for article in map(load, ALL_ARTICLES)
        for seed in range(4)
        for q in generate_questions(article, seed=seed, max_questions=200)
        if q.type == "true_false"
    ]
    answers = Counter(q.answer for _, q in asked)
    assert answers["True"] and answers["False"]
    for article, q in asked:
        statement = q.prompt.removeprefix("True or false? ")
        evidence = evidence_of(article, q)
        if q.answer == "True":
            assert statement == evidence or statement.endswith(evidence.split(" ", 1)[1])
        else:
            right, wrong = re.match(r'The article says "(.+)", not "(.+)"\.', q.explanation).groups()
            assert right in evidence and wrong not in evidence
            assert statement.replace(wrong, right, 1).endswith(evidence.split(" ", 1)[1])


def false_statements(article, seeds=range(12)):
    """(right, wrong, statement) of every false true/false candidate over several seeds, kept or not."""
    facts = ArticleFacts(article)
    found = {}
    for seed in seeds:
        context = Context(facts, DistractorFinder(facts), seed)
        for candidate in REGISTRY["true_false"].candidates(context):
            q = candidate.build()
            if q is not None and q.answer == "False":
                right, wrong = re.match(r'The article says "(.+)", not "(.+)"\.', q.explanation).groups()
                found[q.prompt] = (right, wrong, q.prompt.removeprefix("True or false? "))
    return list(found.values())


EASTERN_EUROPE = {
    "Belarus", "Poland", "Moldova", "Romania", "Hungary", "Slovakia", "Lithuania", "Latvia", "Estonia",
    "Bulgaria", "Georgia", "Armenia", "Azerbaijan", "Kazakhstan", "Czech Republic", "Czechoslovakia",
}
UKRAINIAN_CITIES = {"Kharkiv", "Odesa", "Lviv", "Donetsk", "Luhansk"}


def test_true_false_swaps_only_dates_numbers_or_people_of_the_same_role(monkeypatch):
    """Raters called a swapped place or organisation a trick ("born in Basra, China"; "the Tanaro
    River was inhabited by tribes"): a false statement changes a date, a quantity or a person."""
    monkeypatch.setattr(base, "DATE_IMPORTANCE", base.DETAIL_IMPORTANCE)  # this short text's dates are all minor
    article = parse_article(
        "= Alhazen =\n\n"
        "Alhazen was born in Basra, Iraq, in 965 and worked in Cairo for most of his life.\n\n"
        "The Caliph al-Hakim invited him to Cairo to regulate the flooding of the Nile in 1010.\n\n"
        "The physicist Ibn Sahl wrote on burning mirrors in 984. The physicist Kamal al-Farisi corrected "
        "the theory of the rainbow in 1309. The astronomer Ptolemy described refraction in 150.\n"
    )
    facts = ArticleFacts(article)
    kinds = {f.text: f.kind for sentence in facts.facts for f in sentence}
    swaps = false_statements(article, range(12))
    assert swaps
    for right, wrong, statement in swaps:
        assert kinds.get(right) in ("date", "number", "person"), statement
        assert "Iraq" not in (right, wrong) and "Cairo" not in (right, wrong), statement


def test_true_false_swaps_a_person_for_one_of_the_same_role_never_one_it_says_the_same_of():
    article = parse_article(
        "= Summit =\n\n"
        "The president Anna Keller signed the treaty in Geneva at dawn.\n\n"
        "The president Boris Lang also signed the treaty in Geneva.\n\n"
        "The president Clara Dorn refused to attend the talks. The president David Falk sent a deputy. "
        "The banker Emil Roth financed the conference hall.\n"
    )
    swaps = [(wrong, statement) for right, wrong, statement in false_statements(article, range(30)) if right == "Anna Keller"]
    assert swaps
    for wrong, statement in swaps:
        # Another president, not the banker; not Boris Lang, of whom the article says the same. (The
        # sentence never names the summit, so the statement opens with the article's title.)
        assert wrong in {"Clara Dorn", "David Falk"} and statement.startswith(f"Summit: The president {wrong} signed"), statement


@pytest.mark.parametrize("path", ALL_ARTICLES, ids=lambda p: p.stem)
def test_true_false_false_statements_are_plausible(path):
    article = load(path)
    for _right, _wrong, statement in false_statements(article, range(8)):
        # Dates keep their order: "from 1961 to 1989" never becomes "from 1990 to 1989".
        span = re.search(r"\bfrom (\d{4}) to (\d{4})\b", statement)
        assert not span or int(span.group(1)) < int(span.group(2)), statement


def test_cloze_answers_are_typeable_and_graded_tolerantly(sample):
    _article, questions = sample
    cloze = [q for q in questions if q.type == "cloze"]
    assert cloze
    for q in cloze:
        assert q.choices == [] and q.prompt.count("_____") == 1
        assert REGISTRY["cloze"].grade(q.answer.upper(), q.answer)
        assert REGISTRY["cloze"].grade(f"  the {q.answer}  ", q.answer)


def test_multiple_choice_distractors_are_the_same_kind_as_the_answer():
    for path in ALL_ARTICLES:
        article, questions = questions_of(path)
        facts = ArticleFacts(article)
        kinds = {fact.text: fact.kind for sentence in facts.facts for fact in sentence}
        people = {e.name for e in facts.entities.values() if e.kind == "person"} | {
            e.surname for e in facts.entities.values() if e.kind == "person"
        } | {s for e in facts.entities.values() if e.kind == "person" for s in e.surfaces}  # the answer as written
        for q in questions:
            if q.type != "multiple_choice":
                continue
            kind = kinds.get(q.answer)
            if kind == "date":
                assert all(DATE_WORDS.search(c) for c in q.choices), q.choices
            elif kind == "number":
                assert all(re.fullmatch(r"[£$€¥]?[\d,.]+(?: million| billion| thousand)?", c) for c in q.choices), q.choices
                assert len({"," in c for c in q.choices if len(c.replace(",", "")) > 3}) <= 1  # same formatting
            elif kind == "person":
                assert set(q.choices) <= people, q.choices


# ---------------------------------------------------------------- REFERENCE.md failure modes


def test_failure_dangling_pronouns_are_resolved_or_avoided():
    for path in ALL_ARTICLES:
        _article, questions = questions_of(path)
        for q in questions:
            stem = q.prompt.removeprefix("True or false? ")
            assert not re.match(r"(?:He|She|It|They|This|These|Its|Their)\b", stem), q.prompt
            if q.type == "ordering":
                assert not any(re.search(r"\b(?:he|she|it|they)\b", item, re.I) for item in q.answer)


def sentence_with(facts: ArticleFacts, words: str) -> int:
    return next(sentence.index for sentence in facts.sentences if words in sentence.text)


def test_failure_a_leading_he_or_she_becomes_the_name():
    article = parse_article(
        "= Ada Byron =\n\nAda Byron was an English mathematician. She published the first algorithm in 1843 "
        "with the engineer Charles Babbage.\n"
    )
    facts = ArticleFacts(article)
    assert facts.statement(1).text.startswith("Ada Byron published the first algorithm in 1843")
    questions = generate_questions(article)
    about_1843 = [q for q in questions if "1843" in q.answer or "1843" in q.prompt]
    assert about_1843 and all("She " not in q.prompt for q in about_1843)
    # The evidence reaches back to the sentence that names her.
    assert all(evidence_of(article, q).startswith("Ada Byron was") for q in about_1843 if q.type != "ordering")


def test_a_he_or_she_after_a_dated_opening_becomes_the_name_too():
    """"In 1911, he contracted ...": as a stem it leans on who "he" is; the name the passage gives
    stands in for it, and every offset after it moves by the difference."""
    article = parse_article(
        "= Tomas Hallberg =\n\nTomas Hallberg was a Swedish chemist who studied dyes in Uppsala. "
        "In 1911, he discovered a violet dye made from lichen. In March 1915 he was elected to the Academy of Sciences. "
        "In the 1920s, Hallberg taught in Lund.\n"
    )
    facts = ArticleFacts(article)
    assert facts.statement(1).text == "In 1911, Tomas Hallberg discovered a violet dye made from lichen."
    assert facts.statement(2).text == "In March 1915 Tomas Hallberg was elected to the Academy of Sciences."
    questions = generate_questions(article, max_questions=50)
    from_them = [q for q in questions if "lichen" in q.prompt or "Academy" in q.prompt or "lichen" in str(q.answer)]
    assert from_them and all(" he " not in f" {q.prompt} " for q in from_them), [q.prompt for q in questions]
    for q in from_them:
        if q.type == "cloze":
            assert q.prompt.replace("_____", str(q.answer)).split(" (")[0] in {facts.statement(1).text, facts.statement(2).text}
        assert evidence_of(article, q).startswith("Tomas Hallberg was")  # the sentence that names him


def test_a_he_or_she_whose_person_is_only_a_guess_is_not_resolved():
    """Raters found "She became well known for building the castle" keyed to the man the sentence
    before named first (it was the woman he bought from), and "In 2002, Stern Men published ..."
    (her novel taken for her). Such a sentence is skipped, not given the wrong name."""
    article = parse_article(
        "= Cedar Point =\n\nCedar Point is a headland on Lake Ossian. "
        "In 1927 Robert Holm bought the headland from Mary Lind. She became known for building the stone chapel in 1929.\n\n"
        "Mary Lind wrote about the lake. Cold Harbour appeared in 2001. In 2004, she published Lake Letters.\n"
    )
    facts = ArticleFacts(article)
    assert sorted(facts.persons_in(sentence_with(facts, "bought"))) == ["mary lind", "robert holm"]
    assert facts.statement(sentence_with(facts, "chapel")) is None  # not "Robert Holm became known ..."
    assert facts.persons_in(sentence_with(facts, "appeared")) == ["cold harbour"]  # a title taken for a name
    assert facts.statement(sentence_with(facts, "Lake Letters")) is None  # not "In 2004, Cold Harbour published ..."
    for q in generate_questions(article, max_questions=50):
        assert "Robert Holm became" not in q.prompt and "Cold Harbour published" not in q.prompt, q.prompt


def test_failure_ambiguous_pronoun_sentences_are_skipped():
    article = parse_article(
        "= Meeting =\n\nThe envoy Anna Keller met the general Boris Lang in Vienna in 1990. "
        "Later, it was agreed that 300 observers would be sent. They arrived in March 1991.\n"
    )
    facts = ArticleFacts(article)
    assert facts.statement(1) is None and facts.statement(2) is None
    for q in generate_questions(article):
        assert q.source.start == 0  # only the first, self-contained sentence is used


def test_failure_a_pronoun_that_cannot_mean_the_person_named_is_dangling():
    # "his" cannot be Marie Curie, whom the article calls "she": it is Pierre, named the sentence before.
    article = parse_article(
        "= Marie Curie =\n\nMarie Curie was a physicist, and in 1903 she shared the Nobel Prize in Physics.\n\n"
        "Pierre Curie was killed in a street accident in Paris on 19 April 1906. Marie Curie took over his "
        "professorship at the University of Paris. Marie Curie gave her first lecture in November 1906.\n"
    )
    facts = ArticleFacts(article)

    assert facts.statement(sentence_with(facts, "his professorship")) is None
    assert facts.statement(sentence_with(facts, "her first lecture")) is not None  # "her" can be Marie Curie
    assert not any("his professorship" in q.prompt for q in generate_questions(article))
    _article, questions = questions_of(GREAT_STINK.with_name("marie-curie.txt"))
    assert not any("his professorship" in q.prompt for q in questions)


def test_failure_times_and_things_placed_by_the_sentence_before_are_not_asked():
    article = parse_article(
        "= Apollo 11 =\n\nThe lunar module Eagle landed on 20 July 1969 in the Sea of Tranquility. "
        "Neil Armstrong stepped onto the surface six hours later. Buzz Aldrin joined him 19 minutes later. "
        "The newspaper Le Monde printed the story in the same edition. "
        "The crew returned on 24 July 1969, and NASA launched Apollo 12 four months later. "
        "Armstrong was born in 1930, the same year as the engineer Maxime Faget.\n"
    )
    facts = ArticleFacts(article)

    def standalone(words: str) -> bool:
        index = next(i for i, sentence in enumerate(facts.sentences) if words in sentence.text)
        return facts.statement(index) is not None

    assert not standalone("six hours later")  # later than what?
    assert not standalone("joined him")  # "him" is not Aldrin: someone from the sentence before
    assert not standalone("the same edition")
    assert standalone("four months later")  # after the date the sentence itself gives
    assert standalone("the same year as")  # says what it is the same as
    for question in generate_questions(article):
        assert "hours later" not in question.prompt and "joined him" not in question.prompt


def test_failure_answer_or_a_form_of_it_in_the_stem():
    assert gives_away("The Russian government denied it.", "Russia")
    assert gives_away("Ukrainian officials met.", "Ukraine")
    assert gives_away("He fled in late September 2021.", "2021")
    assert not gives_away("The coup plot was orchestrated by _____.", "Russia")
    article, questions = questions_of(SAMPLE)
    for q in questions:
        if q.type in ("multiple_choice", "cloze", "who_said"):
            assert not gives_away(q.prompt, q.answer)


def test_failure_trivial_gaps_are_not_asked():
    for path in ALL_ARTICLES:
        _article, questions = questions_of(path)
        for q in questions:
            if q.type == "cloze":
                assert normalise_answer(q.answer) not in {"the", "a", "of", "and", "in", "was", "is"}
                assert not re.fullmatch(r"\d", q.answer), "a lone small number is a guess"
    # "more than 2 years in power": the only number, small and bare, is never a gap.
    _article, sample_questions = questions_of(SAMPLE)
    assert not any(q.answer == "2" for q in sample_questions)


def test_failure_distractors_never_also_true():
    article = parse_article(
        "= Inquiry =\n\n"
        "The minister Alice Smith denied the allegations of fraud before a parliamentary inquiry.\n\n"
        "The minister Bob Jones denied the allegations of fraud at a hearing.\n\n"
        "The minister Carol White published the documents. The minister Dan Brown opened an inquiry. "
        "The minister Eve Black represented the bank. The minister Frank Green resigned.\n"
    )
    questions = [q for seed in range(6) for q in generate_questions(article, seed=seed)]
    denials = {"Alice Smith": "Bob Jones", "Bob Jones": "Alice Smith"}  # each denied the same allegations
    denial = [q for q in questions if q.type == "multiple_choice" and q.answer in denials]
    assert denial, [q.prompt for q in questions]
    for q in denial:
        assert denials[q.answer] not in q.choices, q.choices


def test_failure_synonyms_and_spelling_variants_are_not_distractors(sample):
    article, questions = sample
    for q in questions:
        if q.type in ("multiple_choice", "who_said") and "Zelensk" in q.answer:
            others = [c for c in q.choices if c != q.answer]
            assert not any("Zelensk" in c for c in others), q.choices
    facts = ArticleFacts(article)
    assert facts.alias["zelensky"] == facts.alias["volodymyr zelenskiy"] == facts.alias["zelenskyy"] == "volodymyr zelenskyy"


def test_failure_giveaway_formats_the_right_option_does_not_stand_out(sample):
    article, questions = sample
    facts = ArticleFacts(article)
    troops = next(f for sentence in facts.facts for f in sentence if f.text == "190,000")
    options = DistractorFinder(facts).for_fact(troops, random.Random(0))
    assert options and all(re.fullmatch(r"\d{2,3},000", c) for c in options), options
    for q in questions:
        if q.type == "multiple_choice":
            longest_wrong = max(len(c) for c in q.choices if c != q.answer)
            assert len(q.answer) <= 2.2 * longest_wrong + 3
            assert len({c[:1].isupper() for c in q.choices}) == 1


def test_failure_near_duplicate_questions_are_dropped():
    for path in ALL_ARTICLES:
        _article, questions = questions_of(path)
        asked = Counter((q.type, normalise_answer(q.answer)) for q in questions if isinstance(q.answer, str) and q.type not in ("true_false",))
        assert max(asked.values()) == 1, asked
        sentences = Counter((q.source.passage, q.source.end) for q in questions if q.type != "ordering")
        assert max(sentences.values()) == 1
    # The lead repeats the body: "The Russian government denied any involvement" is asked about once at most.
    _article, sample_questions = questions_of(SAMPLE)
    assert sum("denied any involvement" in q.prompt for q in sample_questions) <= 1


# ---------------------------------------------------------------- the pieces


def test_sentence_splitter_handles_abbreviations_decimals_and_quotes():
    text = (
        'Dr. Smith met U.S. officials at 3.5 p.m. on Monday. He said: "It is over. We won." '
        "The St. Louis office, run by J. K. Rowe, closed. Then the U.S. The end!"
    )
    spans = split_sentences(text)
    assert [s.text for s in spans] == [
        "Dr. Smith met U.S. officials at 3.5 p.m. on Monday.",
        'He said: "It is over. We won."',
        "The St. Louis office, run by J. K. Rowe, closed.",
        "Then the U.S.",
        "The end!",
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_sentence_splitter_ends_lines_of_a_list_and_letters_that_end_a_sentence():
    def sentences(text: str) -> list[str]:
        spans = split_sentences(text)
        assert all(text[s.start : s.end] == s.text for s in spans)
        return [s.text for s in spans]

    # The lines of a list or a table in one passage each stand alone; a line that goes on does not.
    assert sentences("Date opened: 1975-11-20\nSince 1976, Bulgaria has an embassy in Luanda.\nNoord\nParadera") == [
        "Date opened: 1975-11-20",
        "Since 1976, Bulgaria has an embassy in Luanda.",
        "Noord",
        "Paradera",
    ]
    assert sentences("He was born in Basra, Iraq,\nwhich was then under Buyid rule.") == [
        "He was born in Basra, Iraq,\nwhich was then under Buyid rule."
    ]
    # A paragraph hard-wrapped at a width: its line breaks are spaces.
    wrapped = (
        "The harbour of Kessel was built by the merchant Jan\n"
        "Visser in 1621, and it was enlarged by the city in\n"
        "1702. It is the oldest harbour in the province."
    )
    assert sentences(wrapped) == [wrapped[: wrapped.index(" It is")], "It is the oldest harbour in the province."]
    # Items run together on one line after "- ".
    assert sentences("- 150 BMP-1 fighting vehicles. - 62 BMP-2 fighting vehicles.") == [
        "- 150 BMP-1 fighting vehicles.",
        "- 62 BMP-2 fighting vehicles.",
    ]
    # A letter, "etc." or "Ltd." may end a sentence: before a word that begins one.
    assert sentences("Its companion is Procyon B. The pair was resolved by J. D. Unwin in 1896, with others etc. "
                     "Within a week it sold to Hindell Ltd. Its name is suanpan (lit. \"Counting tray\").") == [
        "Its companion is Procyon B.",
        "The pair was resolved by J. D. Unwin in 1896, with others etc.",
        "Within a week it sold to Hindell Ltd.",
        'Its name is suanpan (lit. "Counting tray").',
    ]


def test_fact_extraction_on_the_sample(sample):
    article, _ = sample
    facts = ArticleFacts(article)
    kinds = {f.text: (f.kind, f.form) for sentence in facts.facts for f in sentence}
    assert kinds["November 26, 2021"] == ("date", "mdy")
    assert kinds["December 1–2"] == ("date", "md_range")
    assert kinds["early December"] == ("date", "part")
    assert kinds["April 2021"] == ("date", "month_year")
    assert kinds["2019"] == ("date", "year")
    assert kinds["190,000"] == ("number", "troops")
    assert kinds["400"] == ("number", "mercenaries")
    assert kinds["Viktor Yanukovych"][0] == kinds["Dimitry Peskov"][0] == kinds["Zelenskyy"][0] == "person"
    assert kinds["Wagner Group"][0] == "org"
    assert kinds["Kyiv"][0] == kinds["Russia"][0] == "place"
    assert kinds["Euromaidan"][0] == kinds["World War II"][0] == "event"
    assert "Ukrainian" not in kinds and "Chechen" not in kinds  # adjectives, not names


def test_validate_question_reports_each_problem():
    article = load(Path(__file__).parent / "articles" / "discovery-of-penicillin.txt")
    mc = next(q for q in generate_questions(article, max_questions=200) if q.type == "multiple_choice")

    def problems(**changes):
        data = {**mc.__dict__, **changes}
        return " | ".join(validate_question(article, GeneratedQuestion(**data)))

    assert problems() == ""
    assert "not in the article" in problems(source=Citation("nowhere", 0, 5))
    assert "outside passage" in problems(source=Citation(mc.source.passage, 0, 10_000))
    assert "outside passage" in problems(source=Citation(mc.source.passage, 5, 5))
    assert "unknown type" in problems(type="essay")
    assert "prompt is empty" in problems(prompt="  ")
    assert "two choices are the same" in problems(choices=[mc.answer, mc.answer.upper(), "x", "y"])
    assert "not among the choices" in problems(choices=[c for c in mc.choices if c != mc.answer])
    assert 'answer "Nobody" is not in the cited evidence' in problems(answer="Nobody", choices=["Nobody", "a", "b", "c"])
    assert "gives away" in problems(prompt=f"Is it {mc.answer}?")
    wall, wall_questions = questions_of(Path(__file__).parent / "articles" / "fall-of-the-berlin-wall.txt")
    ordering = next(q for q in wall_questions if q.type == "ordering")
    bad = GeneratedQuestion(**{**ordering.__dict__, "answer": ordering.answer[:-1] + ["Something else"]})
    assert "not an ordering of the choices" in " ".join(validate_question(wall, bad))


# ---------------------------------------------------------------- a long article (QA: 560 KB took ~100 s)


def test_a_long_article_gets_a_capped_balanced_set_of_questions():
    from bench.corpus import large_article

    # Paragraphs in which hundreds of different people speak (its generation time is measured by
    # bench/generate.py's "large article" line, not here: tests do not time things).
    text = large_article(200_000, only_quotes=True)
    article = parse_article(text, filename="long.txt")
    questions = generate_questions(article)
    assert len(questions) == MAX_QUESTIONS
    counts = Counter(q.type for q in questions)
    assert max(counts.values()) <= 0.4 * len(questions), counts  # it was 2,798 who-said of 3,000
    for q in questions[::10]:
        assert validate_question(article, q) == []


def test_the_default_number_of_questions_follows_the_length_of_the_article():
    article = load(SAMPLE)
    facts = ArticleFacts(article)
    words = sum(facts.words(i) for i in range(len(facts.sentences)))
    assert default_max_questions(facts) == round(words / 60)
    default = generate_questions(article)
    assert len(default) <= default_max_questions(facts)
    # Asking for more never gives fewer (only sound candidates are asked, so maybe no more);
    # asking for fewer keeps the best of several types.
    assert len(generate_questions(article, max_questions=100)) >= len(default)
    fewest = generate_questions(article, max_questions=3)
    assert len(fewest) == 3 and len({q.type for q in fewest}) >= 2


def test_no_type_takes_more_than_forty_percent_while_others_have_candidates():
    for path in ALL_ARTICLES:
        article, questions = questions_of(path)
        counts = Counter(q.type for q in questions)
        if max(counts.values()) <= 0.4 * len(questions) + 1:
            continue
        # Over the share only when the other types have nothing more to ask: given all the room
        # they want, they ask no more than they did.
        unlimited = Counter(q.type for q in generate_questions(article, max_questions=100))
        swamping = max(counts, key=counts.get)
        assert all(unlimited[name] <= counts[name] for name in unlimited if name != swamping), (path.stem, counts, unlimited)


# ---------------------------------------------------------------- QA: cloze hints


def cloze_candidates(article, seed=0):
    facts = ArticleFacts(article)
    context = Context(facts, DistractorFinder(facts), seed)
    return [q for q in (c.build() for c in REGISTRY["cloze"].candidates(context)) if q is not None]


def test_cloze_prompt_is_the_gapped_sentence_with_the_hint_at_the_end():
    article = load(GREAT_STINK)
    thames = next(q for q in cloze_candidates(article) if q.answer == "River Thames")
    # Not "Fill in the blank (an event): ..." (the UI names the type); a place gets no hint, since raters
    # found kind hints on names misleading ("(an organisation)" for ATP).
    assert thames.prompt.endswith("on the banks of the _____ almost unbearable."), thames.prompt
    for path in ALL_ARTICLES:
        for q in cloze_candidates(load(path)):
            assert not q.prompt.startswith("Fill in the blank"), q.prompt
            hint = re.search(r" \((an? [a-z ]+)\)$", q.prompt)
            body = q.prompt[: hint.start()] if hint else q.prompt
            assert body.rstrip('"\u201d)]').endswith((".", "!", "?")), q.prompt  # a whole sentence, then the hint


def test_cloze_hint_matches_the_kind_of_the_answer_or_is_left_out():
    # Names get a hint only when they are people: "(an organisation)" misled raters on "EP" and "ATP".
    expected = {"person": "a person", "place": None, "org": None, "event": None, "award": None}
    for path in ALL_ARTICLES:
        article = load(path)
        facts = ArticleFacts(article)
        kinds = {f.text: f.kind for sentence in facts.facts for f in sentence}
        for q in cloze_candidates(article):
            hint = re.search(r" \(([^()]+)\)$", q.prompt)
            kind = kinds.get(q.answer)
            if hint and kind in expected:
                assert hint.group(1) == expected[kind], (q.prompt, q.answer, kind)
            assert not hint or hint.group(1) in ("a person", "a number", "a year", "a decade", "a month and year", "a date"), q.prompt
            if hint and hint.group(1) in ("a year", "a decade"):
                assert re.fullmatch(r"\d{3,4}s?", q.answer), q.prompt
    # A name whose kind is only guessed from the words around it gets no hint at all.
    article = parse_article(
        "= Winter =\n\nMany rivers in the north froze solid during the Grey Frost of 1709.\n\n"
        "Farmers lost most of their cattle in the cold, and the price of bread doubled within weeks.\n"
    )
    frost = [q for q in cloze_candidates(article) if q.answer == "Grey Frost"]
    assert frost and all(q.prompt.endswith("of 1709.") for q in frost), [q.prompt for q in frost]


# ---------------------------------------------------------------- QA: who said it


def test_who_said_offers_only_people_named_in_full_in_the_answer_form():
    article, questions = questions_of(GREAT_STINK)
    said = next(q for q in questions if q.type == "who_said")
    assert said.prompt == 'Who said "We will only do this once and there will always be the unforeseen"?'
    assert said.answer == "Bazalgette"
    # Not "End" (of "East End") nor "Wales" (of "Prince of Wales"): surnames of people, like the answer.
    assert sorted(said.choices) == ["Bazalgette", "Disraeli", "Farr", "Snow"]
    facts = ArticleFacts(article)
    people = {e.name for e in facts.entities.values() if e.kind == "person"}
    assert people == {"Joseph Bazalgette", "John Snow", "Benjamin Disraeli", "William Farr"}
    assert facts.entities[facts.alias["prince of wales"]].kind != "person"
    assert facts.entities[facts.alias["river thames"]].kind == "place"


def test_who_said_is_skipped_rather_than_padded_when_fewer_than_three_other_people():
    text = (
        "= Debate =\n\nThe minister Anna Keller rejected the plan, saying \"We will never accept these terms.\" "
        "The economist Boris Lang praised it. The writer Clara Dorn was silent about it. "
        "The harbour of Ostend was closed in 1920 and the East End docks in 1921.\n"
    )
    assert not [q for q in generate_questions(parse_article(text)) if q.type == "who_said"]
    more = text.replace("silent about it.", "silent about it. The judge David Falk agreed with Lang.")
    said = [q for q in generate_questions(parse_article(more)) if q.type == "who_said"]
    assert said and sorted(said[0].choices) == ["Anna Keller", "Boris Lang", "Clara Dorn", "David Falk"]


# ---------------------------------------------------------------- QA: true or false


def test_true_false_is_about_half_false_whatever_the_seed():
    for seed in range(4):
        answers = Counter()
        for path in ALL_ARTICLES:
            asked = generate_questions(load(path), seed=seed, max_questions=200)
            per_article = Counter(q.answer for q in asked if q.type == "true_false")
            # False whenever fewer are false than true (true only when no plausible wrong value exists):
            # per article, never more than one apart.
            assert abs(per_article["False"] - per_article["True"]) <= 1, (path.stem, seed, per_article)
            answers.update(per_article)
        assert answers["False"] and answers["True"], (seed, answers)


def test_true_false_never_swaps_in_the_subject_of_the_whole_article(sample):
    article, _ = sample
    for _right, wrong, statement in false_statements(article, range(12)):
        assert wrong not in ("Ukraine", "Ukrainian"), statement  # "The coup plot was orchestrated by Ukraine"


# ---------------------------------------------------------------- QA: multiple-choice distractors


def test_multiple_choice_prefers_people_of_the_role_the_stem_names(sample):
    article, _questions = sample
    facts = ArticleFacts(article)
    candidates = REGISTRY["multiple_choice"].candidates(Context(facts, DistractorFinder(facts), 0))
    # Asked as a candidate (the bank may ask that sentence another way).
    ousted = next(
        q for q in (c.build() for c in candidates) if q and q.prompt.startswith("Which Russia-backed Ukrainian president was ousted")
    )
    assert "Volodymyr Zelenskyy" in ousted.choices  # the other Ukrainian president
    assert "Vladimir Putin" not in ousted.choices  # the Russian one: a president of another country
    article = parse_article(
        "= Trade summit =\n\n"
        "The Italian president Marco Rossi signed the trade agreement in Geneva in 1999.\n\n"
        "The former Italian president Sergio Conti criticised the agreement in a newspaper.\n\n"
        "The Italian prime minister Paolo Ferri defended it in parliament.\n\n"
        "The French president Paul Garnier refused to take part.\n\n"
        "The economist Maria Lopez presented a report on tariffs. The singer Clara Dorn performed at the dinner.\n"
    )
    for seed in range(4):
        rossi = [q for q in generate_questions(article, seed=seed) if q.answer == "Marco Rossi"]
        assert rossi and rossi[0].prompt == "Which Italian president signed the trade agreement in Geneva in 1999?"
        assert {"Sergio Conti", "Paolo Ferri"} <= set(rossi[0].choices), rossi[0].choices
        assert "Paul Garnier" not in rossi[0].choices


# ---------------------------------------------------------------- the Great Stink


def test_great_stink_yields_questions_on_its_main_facts():
    article, questions = questions_of(GREAT_STINK)
    facts = ArticleFacts(article)
    kinds = {f.text: (f.kind, f.form) for sentence in facts.facts for f in sentence}
    assert kinds["1,100"] == ("number", "miles") and kinds["£4.2 million"] == ("number", "£")
    assert kinds["1858"] == kinds["1866"] == ("date", "year")
    answers = {q.answer for q in questions if isinstance(q.answer, str)}
    answer_kinds = {kinds[a][0] for a in answers if a in kinds}
    # A quantity is the numeric type's; the cholera sentence that holds one is asked by its year.
    assert {"date", "person"} <= answer_kinds, answers
    assert "1858" in answers  # the year of the Great Stink
    assert any(q.type == "who_said" and q.answer == "Bazalgette" for q in questions)
    assert not any(q.type == "ordering" for q in questions)  # see test_ordering_answer_is_chronological
    assert any("1866" in evidence_of(article, q) for q in questions)  # the cholera of 1866
    # Options for the money and the miles of sewers are written as the answer is: an amount of
    # money against amounts of money, miles against miles.
    finder = DistractorFinder(facts)
    numbers = {f.text: f for sentence in facts.facts for f in sentence if f.kind == "number"}
    money = finder.for_fact(numbers["£4.2 million"], random.Random(0))
    assert money and all(re.fullmatch(r"£\d+(?:\.\d+)? million", c) for c in money), money
    miles = finder.for_fact(numbers["1,100"], random.Random(0))
    assert miles and all(re.fullmatch(r"[\d,]+", c) for c in miles), miles


def test_a_phrase_before_the_role_does_not_become_part_of_a_which_question():
    article = parse_article(
        "= Ada Lovelace =\n\nIn 1842 the Italian engineer Luigi Menabrea published an article in French about "
        "the Analytical Engine. The English mathematician Charles Babbage designed the engine in 1837. "
        "The writer Mary Shelley met the poet Lord Byron in 1816.\n"
    )
    from quizapp.generation.types.multiple_choice import subject_question

    facts = ArticleFacts(article)
    context = Context(facts, DistractorFinder(facts), 0)
    stems = {
        fact.text: subject_question(context, fact) for sentence in facts.facts for fact in sentence if fact.kind == "person"
    }
    assert stems["Luigi Menabrea"] is None, stems  # not "Which In 1842 the Italian engineer published ...?"
    assert stems["Charles Babbage"] == "Which English mathematician designed the engine in 1837?"


def test_the_year_of_a_minor_event_is_not_asked():
    """Raters called the year a lawsuit was filed or a coin released trivia: a date is asked only
    from a sentence important enough (DATE_IMPORTANCE), a quantity from a less important one still."""
    article = parse_article(
        "= Tay Bridge =\n\n"
        "The Tay Bridge is a railway bridge across the Firth of Tay in Scotland, opened in 1887. "
        "The Tay Bridge is 3,264 metres long.\n\n"
        "== History ==\n\n"
        "The first Tay Bridge, designed by Thomas Bouch, collapsed in a storm on 28 December 1879. "
        "A court of inquiry found that Thomas Bouch had not allowed for wind loading. "
        "A memorial to the victims of the Tay Bridge disaster was unveiled in Dundee in 2013. "
        "A souvenir medal of the Tay Bridge was struck in Dundee in 1888.\n"
    )
    facts = ArticleFacts(article)
    context = Context(facts, DistractorFinder(facts), 0)
    years = {
        sentence.index: [f for f in facts.facts[sentence.index] if f.kind == "date"] for sentence in facts.sentences
    }
    minor = [i for i, dates in years.items() if dates and base.importance(context, i) < base.DATE_IMPORTANCE]
    major = [i for i, dates in years.items() if dates and base.importance(context, i) >= base.DATE_IMPORTANCE]
    assert minor and major  # the memorial and the medal; the opening
    asked_from = {
        c.sentences[0]
        for name in ("multiple_choice", "cloze", "true_false")
        for c in REGISTRY[name].candidates(context)
        if c.kind == "date" or (name == "true_false" and years[c.sentences[0]])
    }
    assert asked_from & set(major)
    assert not asked_from & set(minor)
