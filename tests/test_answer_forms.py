"""The answer route's fast reading of a post (``posted_answer``) gives the verdict the WTForms
answer forms give, on any input: it may skip building the form only because it never disagrees."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from quizapp.student.forms import answer_form_for, given_answer, posted_answer

CITIES = ["Paris", "Warsaw", "Kraków", "Lyon"]
EVENTS = ["Curie won the Nobel Prize in Physics", "Curie won the Nobel Prize in Chemistry", "Curie died"]
QUESTIONS = {
    "cloze": SimpleNamespace(type="cloze", choices=[], answer="1903"),
    "multiple_choice": SimpleNamespace(type="multiple_choice", choices=CITIES, answer="Warsaw"),
    "true_false": SimpleNamespace(type="true_false", choices=["True", "False"], answer="True"),
    "ordering": SimpleNamespace(type="ordering", choices=EVENTS, answer=EVENTS),
}
offered = CITIES + ["True", "False", "1903"]
values = st.one_of(
    st.sampled_from(["", " ", "1", "2", "3", "4", "0", "x", "paris"]),
    st.sampled_from(offered),
    st.sampled_from(offered).map(lambda value: f" {value} "),
    st.text(max_size=210),
    st.text(alphabet="ab ", min_size=195, max_size=205),
)
# Every field the forms read, each posted (mostly) or left out.
posts = st.fixed_dictionaries(
    {}, optional={name: values for name in ("answer", "item_0", "item_1", "item_2", "item_3", "other")}
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # not a timed test: a cold first example once overran the 200 ms default
@given(kind=st.sampled_from(sorted(QUESTIONS)), post=posts, seed=st.integers(0, 5))
def test_the_fast_reading_agrees_with_the_answer_forms(app, kind, post, seed):
    question, shuffle = QUESTIONS[kind], f"attempt:{seed}:1"
    with app.test_request_context(method="POST", data=MultiDict(post)):
        from flask import request

        form = answer_form_for(question, shuffle=shuffle)
        expected = given_answer(question, form) if form.validate() else None
        assert posted_answer(question, request.form, shuffle=shuffle) == expected


def test_an_ordering_post_is_read_in_the_order_the_page_lists_the_events(app):
    question = QUESTIONS["ordering"]
    with app.test_request_context(method="POST", data={}):
        shown = answer_form_for(question, shuffle="attempt:7:1").position_fields()
    labels = [field.label.text for field in shown]
    post = MultiDict({f"item_{i}": str(EVENTS.index(label) + 1) for i, label in enumerate(labels)})
    assert posted_answer(question, post, shuffle="attempt:7:1") == EVENTS
