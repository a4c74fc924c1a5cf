"""The language-model writer's proof: what a model proposes is kept only when the article proves it.

Each failure a model shows (invented evidence, a wrong key, a key the evidence does not single
out, a true statement the article does not make, malformed JSON) is refused with its reason.
"""

from __future__ import annotations

from pathlib import Path

import json

import pytest

from quizapp.articles import parse_article
from quizapp.generation import generate_questions
from quizapp.generation.model_writer import (
    ModelError,
    ModelSettings,
    OpenAIChat,
    Proposal,
    ReplyError,
    WritingCancelled,
    chunks_of,
    messages_for,
    prove,
    read_reply,
    write_questions,
)

ARTICLE = parse_article((Path(__file__).parent / "articles" / "great-stink.txt").read_text(), filename="great-stink.txt")


def proposal(kind, prompt, answer, evidence, choices=(), passage=""):
    return Proposal(kind, passage, prompt, list(choices), answer, evidence, "")


def verdict(p: Proposal) -> str:
    question, reason = prove(ARTICLE, p)
    if question is not None:
        passage = ARTICLE.passage(question.source.passage)
        assert passage.text[question.source.start : question.source.end] == p.evidence.strip()  # the exact span
        return "kept"
    return reason


KNIGHTED = "Bazalgette was knighted in 1875 and died in 1891."
SNOW = (
    "In 1849, cholera swept through the city; more than 14,000 people died. In 1854, the physician John Snow "
    "traced another outbreak in Soho to a single public pump on Broad Street, and argued that cholera was carried by dirty water."
)
SEWERS = "The scheme used 82 miles of main sewers and 1,100 miles of street sewers, and it cost about £4.2 million."
QUOTE = 'Bazalgette made the pipes twice as wide as his calculations required, explaining: "We will only do this once and there will always be the unforeseen."'
PEOPLE = ["Bazalgette", "Disraeli", "Snow", "Farr"]


def test_evidence_the_article_does_not_contain_is_refused():
    invented = proposal("cloze", "The Great Stink ended when heavy rain fell in _____ 1858.", "September",
                        "The Great Stink ended when heavy rain fell in September 1858.")
    assert verdict(invented).startswith("Its evidence is not in the article word for word")
    stitched = proposal("who_said", 'Who said "We will only do this once and there will always be the unforeseen"?', "Joseph Bazalgette",
                        "Joseph Bazalgette, the chief engineer of the Metropolitan Board of Works, planned a network of intercepting sewers "
                        "running parallel to the river and carrying the waste east, to outfalls at Beckton and Crossness. " + QUOTE, PEOPLE)
    assert verdict(stitched) == "Its evidence joins sentences that are not next to each other in the article."
    reworded = proposal("cloze", "Bazalgette was made a knight in _____.", "1875", "Bazalgette was made a knight in 1875.")
    assert verdict(reworded).startswith("Its evidence is not in the article word for word")


def test_a_quote_found_elsewhere_than_the_passage_named_is_cited_where_it_stands():
    q, reason = prove(ARTICLE, proposal("cloze", "Bazalgette was knighted in _____ and died in 1891.", "1875", KNIGHTED, passage="intro-1"))
    assert reason == "" and ARTICLE.passage(q.source.passage).section == "Cholera in 1866"
    # spacing is not wording: a line break where the article has a space still finds it, and the
    # citation is the article's own text
    q, reason = prove(ARTICLE, proposal("cloze", "Bazalgette was knighted in _____ and died in 1891.", "1875", KNIGHTED.replace(" and ", "\n and ")))
    assert reason == "" and ARTICLE.passage(q.source.passage).text[q.source.start : q.source.end] == KNIGHTED


def test_a_wrong_key_is_refused():
    wrong_person = proposal("multiple_choice", "Who designed the new sewer system for London?", "Benjamin Disraeli",
                            "It led Parliament to approve a new sewer system for the capital, which was designed by the civil engineer Joseph Bazalgette.",
                            ["Joseph Bazalgette", "Benjamin Disraeli", "John Snow", "William Farr"])
    assert verdict(wrong_person) == "Answer \"Benjamin Disraeli\" is not in the cited evidence."
    wrong_slot = proposal("cloze", "In 1854, the physician _____ traced a cholera outbreak in Soho.", "Broad Street", SNOW)
    assert verdict(wrong_slot) == "The words around the blank are not the words around the answer in the evidence."
    right_slot = proposal("cloze", "In 1854, the physician _____ traced a cholera outbreak in Soho.", "John Snow", SNOW)
    assert verdict(right_slot) == "kept"
    wrong_speaker = proposal("who_said", 'Who said "We will only do this once and there will always be the unforeseen"?', "Disraeli", QUOTE, PEOPLE)
    assert "not in the" in verdict(wrong_speaker)
    right_speaker = proposal("who_said", 'Who said "We will only do this once and there will always be the unforeseen"?', "Bazalgette", QUOTE, PEOPLE)
    assert verdict(right_speaker) == "kept"


def test_a_key_the_evidence_does_not_single_out_is_refused():
    two_years = proposal("multiple_choice", "In which year did more than 14,000 Londoners die of cholera?", "1849", SNOW,
                         ["1849", "1854", "1858", "1866"])
    assert verdict(two_years) == "Another choice, “1854”, is in the evidence too, so the evidence does not prove the key."
    several_numbers = proposal("numeric", "How many miles of main sewers did Bazalgette's scheme use?", "82", SEWERS)
    assert verdict(several_numbers).startswith("The evidence holds several numbers")
    as_blank = proposal("numeric", "Bazalgette's scheme used _____ miles of main sewers and 1,100 miles of street sewers.", "82", SEWERS)
    assert verdict(as_blank) == "kept"


def test_true_and_false_statements_are_checked_against_the_evidence():
    assert verdict(proposal("true_false", "Bazalgette was knighted in 1875.", "True", KNIGHTED)) == "kept"
    assert verdict(proposal("true_false", "Bazalgette was knighted in 1870.", "False", KNIGHTED)) == "kept"
    assert verdict(proposal("true_false", "Bazalgette was knighted in 1870.", "True", KNIGHTED)) == "It is keyed true, but the evidence does not say “1870”."
    # the article's one fuller form of a name the quote shortens is the statement saying whom it means...
    assert verdict(proposal("true_false", "Joseph Bazalgette was knighted in 1875.", "True", KNIGHTED)) == "kept"
    # ...but a name the evidence does not give is not proven by it, even where the article gives it elsewhere
    assert verdict(proposal("true_false", "John Snow was knighted in 1875.", "True", KNIGHTED)) == "It is keyed true, but the evidence does not say “John”."
    question, _ = prove(ARTICLE, proposal("true_false", "True or false: Bazalgette was knighted in 1870.", "false", KNIGHTED))
    assert (question.prompt, question.answer, question.choices) == ("Bazalgette was knighted in 1870.", "False", ["True", "False"])
    assert verdict(proposal("true_false", "Bazalgette was knighted in 1875.", "False", KNIGHTED)) == "It is keyed false, but the evidence states it."
    assert verdict(proposal("true_false", "Bazalgette was not knighted in 1875.", "False", KNIGHTED)) == "kept"
    assert verdict(proposal("true_false", "Bazalgette was not knighted in 1875.", "True", KNIGHTED)) == "It is keyed true, but it negates what the evidence says."
    unrelated = proposal("true_false", "The Thames froze over during the winter of 1859.", "False", KNIGHTED)
    assert verdict(unrelated).startswith("It is keyed false, but it is not about what the evidence says")


def test_giveaways_duplicate_choices_and_long_quotes_are_refused():
    giveaway = proposal("cloze", "Bazalgette's sewers were planned by Joseph _____, who was knighted in 1875.", "Bazalgette", KNIGHTED)
    assert "gives away" in verdict(giveaway)
    same_choices = proposal("multiple_choice", "Who was knighted in 1875?", "Bazalgette", KNIGHTED, ["Bazalgette", "Snow", "snow", "Farr"])
    assert verdict(same_choices) == "Two choices are the same."
    whole_passage = ARTICLE.passage(ARTICLE.passages[1].anchor).text
    long_quote = proposal("cloze", "In 1854, the physician _____ traced another outbreak in Soho.", "John Snow", whole_passage)
    assert verdict(long_quote) == "Its evidence is more than 3 sentences: too long to point at the answer."


def test_an_ordering_is_kept_only_when_the_evidences_years_prove_it():
    evidence = SNOW + " In 1855, Parliament created the Metropolitan Board of Works to manage the drains and streets of the capital."
    events = ["Cholera killed more than 14,000 Londoners (1849)", "John Snow traced the Soho outbreak (1854)",
              "Parliament created the Metropolitan Board of Works (1855)"]
    kept, _ = prove(ARTICLE, proposal("ordering", "Put these events in order, earliest first.", events, evidence, list(reversed(events))))
    # proven by the years, shown without them: printed, they would give the order away
    assert kept.answer == ["Cholera killed more than 14,000 Londoners", "John Snow traced the Soho outbreak",
                           "Parliament created the Metropolitan Board of Works"]
    assert kept.choices == list(reversed(kept.answer))
    swapped = [events[1], events[0], events[2]]
    assert verdict(proposal("ordering", "Put these events in order, earliest first.", swapped, evidence, events)) == (
        "The answer does not list the events by their years, earliest first.")
    invented_year = [*events[:2], "The Great Stink (1858)"]
    assert verdict(proposal("ordering", "Put these events in order.", invented_year, evidence, invented_year)) == (
        "Each event must end with its year in brackets, one that stands in the evidence.")
    year_in_the_text = ["In 1849 cholera killed more than 14,000 Londoners", *events[1:]]
    assert verdict(proposal("ordering", "Put these events in order.", year_in_the_text, evidence, year_in_the_text)) == (
        "Each event must end with its year in brackets, one that stands in the evidence.")


def test_malformed_replies_are_refused_item_by_item_or_whole():
    with pytest.raises(ReplyError, match="not valid JSON"):
        read_reply('{"questions": [{"type": "cloze",')
    with pytest.raises(ReplyError, match='no "questions" list'):
        read_reply('{"items": []}')
    proposals, rejected = read_reply('```json\n{"questions": [{"type": "essay", "question": "Discuss."}, "oops", '
                                     '{"type": "cloze", "question": "x _____", "answer": "y"},'
                                     '{"type": "cloze", "question": "Bazalgette was knighted in _____.", "answer": 1875, "evidence": "Bazalgette was knighted in 1875 and died in 1891."}]}\n```')
    assert [r.reason for r in rejected] == ["Unknown question type “essay”.", "Not a question: the model wrote something else in the list.", "No evidence quoted."]
    assert len(proposals) == 1 and proposals[0].answer == "1875"  # a number is read as its text
    assert verdict(proposals[0]) == "kept"


class ScriptedClient:
    """A ChatClient answering from a list: the writer's loop without HTTP (the HTTP is tested in
    test_model_writing.py against a local server)."""

    def __init__(self, replies):
        self.replies, self.calls = list(replies), []

    def complete(self, messages):
        self.calls.append(messages)
        return self.replies[min(len(self.calls), len(self.replies)) - 1]


def test_the_writer_asks_part_by_part_retries_bad_json_once_and_skips_duplicates():
    settings = ModelSettings("http://unused", "m", words_per_request=200)
    parts = chunks_of(ARTICLE, 200)
    assert len(parts) > 2 and [a for part in parts for a, _ in part] == [p.anchor for p in ARTICLE.passages]
    existing = generate_questions(ARTICLE)
    asked = next(q for q in existing if q.type in ("cloze", "multiple_choice"))
    passage = ARTICLE.passage(asked.source.passage).text
    same_fact = f'{{"questions": [{{"type": "{asked.type}", "passage": "{asked.source.passage}", "question": "Reworded: {asked.prompt.replace(chr(34), "")}", "choices": {list(asked.choices)!r}, "answer": "{asked.answer}", "evidence": "{passage[asked.source.start:asked.source.end].replace(chr(34), chr(92) + chr(34))}", "explanation": ""}}]}}'.replace("'", '"')
    client = ScriptedClient(["not json", "still not json", same_fact, '{"questions": []}'])
    progress = []
    outcome = write_questions(ARTICLE, client, settings, existing=existing, on_progress=lambda d, t: progress.append((d, t)))
    assert outcome.requests == len(parts) + 1  # the first part asked twice
    assert outcome.rejected[0].reason.startswith("The model's reply was refused twice: the reply is not valid JSON")
    assert outcome.rejected[1].reason.startswith("It asks what another question already asks")
    assert outcome.accepted == []
    assert progress[0] == (0, len(parts)) and progress[-1] == (len(parts), len(parts))


def test_one_fact_asked_twice_in_other_words_is_refused_but_another_fact_of_the_same_sentence_is_kept():
    """The same fact as a kept question, from overlapping evidence, reworded as a statement: a
    teacher would see one question twice. Another fact from the same sentence is a new question."""
    settings = ModelSettings("http://unused", "m", words_per_request=5000)
    asked = {"type": "cloze", "question": "In 1849, cholera swept through London and more than _____ people died.",
             "answer": "14,000", "evidence": SNOW.split(" In 1854")[0]}
    restated = {"type": "true_false", "question": "In 1849, cholera swept through London and more than 40,000 people died.",
                "answer": "False", "evidence": SNOW.split(" In 1854")[0]}
    other_fact = {"type": "multiple_choice", "question": "Which physician traced the 1854 cholera outbreak in Soho to a single public pump?",
                  "choices": ["William Farr", "Joseph Bazalgette", "Michael Faraday", "John Snow"], "answer": "John Snow", "evidence": SNOW}
    passage = next(p.anchor for p in ARTICLE.passages if "Broad Street" in p.text)

    def reply(*questions):
        return json.dumps({"questions": [dict(q, passage=passage, choices=q.get("choices", []), explanation="") for q in questions]})

    alone = write_questions(ARTICLE, ScriptedClient([reply(restated)]), settings)
    assert [q.prompt for q in alone.accepted] == [restated["question"]]  # sound on its own
    outcome = write_questions(ARTICLE, ScriptedClient([reply(asked, restated, other_fact)]), settings)
    assert [q.prompt for q in outcome.accepted] == [asked["question"], other_fact["question"]]
    [refused] = outcome.rejected
    assert refused.prompt == restated["question"] and refused.reason.startswith("It asks what another question already asks")


def test_the_writer_stops_before_the_next_request_when_told():
    client = ScriptedClient(['{"questions": []}'])
    asked = []
    with pytest.raises(WritingCancelled):
        write_questions(ARTICLE, client, ModelSettings("http://unused", "m", words_per_request=200),
                        should_stop=lambda: asked.append(1) or len(asked) > 1)
    assert len(client.calls) == 1


def test_the_prompt_names_every_passage_and_the_rules():
    [system, user] = messages_for(ARTICLE.title, chunks_of(ARTICLE, 5000)[0], 5)
    assert "at most 5 questions" in system["content"] and "copied exactly" in system["content"]
    assert all(f"[{p.anchor}] {p.text}" in user["content"] for p in ARTICLE.passages)


def test_without_the_openai_package_the_writer_says_what_to_install(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "openai", None)  # as if not installed
    with pytest.raises(ModelError, match=r"needs the openai package: pip install 'quizapp\[llm\]'"):
        OpenAIChat(ModelSettings("http://127.0.0.1:9/v1", "m"))


LIGHTHOUSE = parse_article("""= Bell Rock Lighthouse =

The Bell Rock Lighthouse stands on a reef off the coast of Angus, Scotland. It was built between 1807 and 1810 by Robert Stevenson, and it is the oldest surviving sea-washed lighthouse in the world.

== Keepers ==

The light was kept by three keepers at a time. They were not allowed to bring their families. In 1988 the light was automated, and the last keepers left.

== The Stevensons ==

Robert Stevenson's sons also built lighthouses. Alan Stevenson designed the Skerryvore light, and David Stevenson worked on lights in Japan. Stevenson was proud of them.
""")


def lighthouse(prompt: str, answer: str, evidence: str) -> str:
    question, reason = prove(LIGHTHOUSE, proposal("true_false", prompt, answer, evidence))
    return "kept" if question is not None else reason


def test_a_true_statement_may_name_what_its_quote_calls_it_or_they():
    """A quote says "it", "the light", "they"; a statement that makes sense alone names them, as the
    instructions ask: from the article's title and the quote's heading, that is no new claim."""
    assert lighthouse("The Bell Rock Lighthouse was built between 1807 and 1810 by Robert Stevenson.", "True",
                      "It was built between 1807 and 1810 by Robert Stevenson") == "kept"
    assert lighthouse("Bell Rock Lighthouse's light was automated in 1988.", "True",  # a possessive of the title
                      "In 1988 the light was automated, and the last keepers left.") == "kept"
    assert lighthouse("The keepers of the Bell Rock Lighthouse were not allowed to bring their families.", "True",
                      "They were not allowed to bring their families.") == "kept"
    # A year or a name the title does not give still needs the quote.
    assert lighthouse("The Bell Rock Lighthouse was automated in 1989.", "True",
                      "In 1988 the light was automated, and the last keepers left.") == "It is keyed true, but the evidence does not say “1989”."
    assert lighthouse("Alan Stevenson automated the light in 1988.", "True",
                      "In 1988 the light was automated, and the last keepers left.") == "It is keyed true, but the evidence does not say “Alan”."
    # The same statement keyed false is what the quote says: refused, names from the title or not.
    assert lighthouse("The Bell Rock Lighthouse was built between 1807 and 1810 by Robert Stevenson.", "False",
                      "It was built between 1807 and 1810 by Robert Stevenson") == "It is keyed false, but the evidence states it."


def test_a_fuller_name_is_allowed_only_where_the_article_has_one_person_of_that_name():
    # "Stevenson was proud of them": three Stevensons in the article; the quote does not say which.
    assert lighthouse("Robert Stevenson was proud of his sons.", "True", "Stevenson was proud of them.") == (
        "It is keyed true, but the evidence does not say “Robert”.")


def test_a_word_that_only_opens_the_statement_is_not_taken_for_a_name():
    assert lighthouse("Surprisingly, the Bell Rock Lighthouse was built between 1807 and 1810.", "True",
                      "It was built between 1807 and 1810 by Robert Stevenson") == "kept"


def test_a_stem_that_leans_on_what_it_never_names_is_refused():
    refused = {
        "The light was automated in _____.": "The light",
        "They were not allowed to bring their families, and the light was automated in _____.": "They",
        "Thus, in _____, the light of the Bell Rock Lighthouse was automated.": "Thus",
        "Its light was automated in _____.": "Its",
    }
    evidence = "In 1988 the light was automated, and the last keepers left."
    for stem, leaning in refused.items():
        question, reason = prove(LIGHTHOUSE, proposal("numeric", stem, "1988", evidence))
        assert question is None and reason.startswith(f"It leans on “{leaning}” without naming it"), (stem, reason)
    # Named in the stem, in a quotation, or the article's own subject: it makes sense alone.
    kept = [
        "The light of the Bell Rock Lighthouse was automated in _____.",
        "Bell Rock Lighthouse's light, whose keepers then left, was automated in _____.",
    ]
    for stem in kept:
        question, reason = prove(LIGHTHOUSE, proposal("numeric", stem, "1988", evidence))
        assert question is not None, (stem, reason)


def test_questions_that_give_each_other_away_keep_the_first(monkeypatch):
    """The bank-level check the generator applies to its own questions: a stem that states another
    question's answer spoils it, whichever came first."""
    from quizapp.generation.model_writer import ModelSettings, write_questions

    first = {"type": "multiple_choice", "passage": "", "question": "Who designed the Skerryvore light?",
             "choices": ["Alan Stevenson", "John Rennie", "Robert Stevenson", "Thomas Telford"], "answer": "Alan Stevenson",
             "evidence": "Alan Stevenson designed the Skerryvore light, and David Stevenson worked on lights in Japan.", "explanation": ""}
    spoiler = {"type": "true_false", "passage": "", "question": "Alan Stevenson, who designed the Skerryvore light, was Robert Stevenson's son.",
               "choices": [], "answer": "True", "evidence": first["evidence"], "explanation": ""}
    # the spoiler's evidence does not say "son": quote both sentences
    spoiler["evidence"] = "Robert Stevenson's sons also built lighthouses. Alan Stevenson designed the Skerryvore light, and David Stevenson worked on lights in Japan."

    class Client:
        def complete(self, messages):
            return json.dumps({"questions": [first, spoiler]})

    outcome = write_questions(LIGHTHOUSE, Client(), ModelSettings("http://unused", "m"))
    assert [q.prompt for q in outcome.accepted] == ["Who designed the Skerryvore light?"]
    assert [r.reason.split(" (")[0] for r in outcome.rejected] == ["It and another question give each other away"]
