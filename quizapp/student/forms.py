"""Answer forms, one class per way of answering; built per question because choices differ."""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from ..generation.types import question_type
from ..shuffling import shuffled


class Answerable(Protocol):
    """What an answer form needs of a question: a Question, or the answer route's plain row."""

    type: str
    choices: list[str]
    answer: object  # the right order of an ordering question, which its shuffle must not show


class JoinClassForm(FlaskForm):
    code = StringField("Class code", validators=[DataRequired(), Length(max=32)])
    submit = SubmitField("Join class")


class ChoiceAnswerForm(FlaskForm):
    answer = RadioField("Your answer", validators=[InputRequired(message="Choose one answer.")], choices=[])
    submit = SubmitField("Check answer")


class TextAnswerForm(FlaskForm):
    MAX_LENGTH = 200

    answer = StringField(
        "Your answer",
        validators=[DataRequired(message="Type an answer."), Length(max=MAX_LENGTH)],
        render_kw={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"},
    )
    submit = SubmitField("Check answer")


class OrderingAnswerForm(FlaskForm):
    """One select per item giving its position; the positions must all differ."""

    submit = SubmitField("Check answer")

    def ordered_items(self) -> list[str]:
        ranked = sorted((int(field.data), field.label.text) for field in self.position_fields())
        return [item for _, item in ranked]

    def position_fields(self):
        return [field for name, field in self._fields.items() if name.startswith("item_")]

    def validate(self, extra_validators=None) -> bool:
        """Every event needs a position, and no two the same; errors mark the rows at fault."""
        if not super().validate(extra_validators):
            if any(field.errors for field in self.position_fields()):
                self.form_errors.append("Give every event a position.")
            return False
        fields = self.position_fields()
        positions = [field.data for field in fields]
        if len(set(positions)) != len(positions):
            for field in fields:
                if positions.count(field.data) > 1:
                    field.errors.append("Same position as another event.")
            self.form_errors.append("Give each event a different position.")
            return False
        return True


def answer_form_for(question: Answerable, *, shuffle: str) -> FlaskForm:
    """A form instance suited to the question's type, with its choices in an order of their own.

    ``shuffle`` seeds the order of the options (and of the events to order), so that students
    next to each other see them differently, while a page and the form it posts agree (the
    same seed gives the same order). True or false stays in that order.
    """
    kind = question_type(question.type)
    if kind.answer_input == "positions":  # never listed in the right order: that would give it away
        return _ordering_form_class(tuple(shuffled(question.choices, shuffle, avoid=question.answer)))()
    if kind.answer_input == "choice":
        form = ChoiceAnswerForm()
        choices = list(question.choices)
        form.answer.choices = shuffled(choices, shuffle) if kind.shuffles_choices else choices
        return form
    return TextAnswerForm()


def posted_answer(question: Answerable, formdata, *, shuffle: str):
    """The posted answer, as ``given_answer`` reads it, if the question's form would accept it; else None.

    The answer route reads the post with this on its hot path: building and validating the WTForms
    form costs about a third of a whole authenticated request. The rules are the form classes'
    above, and a property test holds the two to the same verdict on any input; when this says
    None, the route shows the full form with its error messages.
    """
    kind = question_type(question.type)
    if kind.answer_input == "positions":
        events = shuffled(question.choices, shuffle, avoid=question.answer)
        positions = [formdata.get(f"item_{i}") for i in range(len(events))]
        allowed = {str(n) for n in range(1, len(events) + 1)}
        if not all(p in allowed for p in positions) or len(set(positions)) != len(positions):
            return None
        return [event for _, event in sorted(zip((int(p) for p in positions), events))]
    value = formdata.get("answer")
    if not value or not value.strip():
        return None
    if kind.answer_input == "choice":
        return value.strip() if value in question.choices else None
    return value.strip() if len(value) <= TextAnswerForm.MAX_LENGTH else None


def attempt_shuffle(attempt_id: int, question_id: int) -> str:
    return f"attempt:{attempt_id}:{question_id}"


def practice_shuffle(card_id: int, reviews: int) -> str:
    """A new order each time a card comes back."""
    return f"practice:{card_id}:{reviews}"


@lru_cache(maxsize=1024)
def _ordering_form_class(items: tuple[str, ...]) -> type[OrderingAnswerForm]:
    """One select per item; classes are cached because building one costs more than using it."""
    options = [SelectChoice("", "–")] + [str(i) for i in range(1, len(items) + 1)]
    fields = {
        f"item_{i}": SelectField(item, choices=options, validators=[InputRequired(message="Choose a position.")])
        for i, item in enumerate(items)
    }
    return type("OrderingForm", (OrderingAnswerForm,), fields)


def show_saved(form: FlaskForm, given) -> None:
    """Fill the form with the answer saved before, to be changed (feedback at the end)."""
    if isinstance(form, OrderingAnswerForm):
        for field in form.position_fields():
            if isinstance(given, list) and field.label.text in given:
                field.data = str(given.index(field.label.text) + 1)
    else:
        form.answer.data = given


def given_answer(question: Answerable, form: FlaskForm):
    if question_type(question.type).answer_input == "positions":
        return form.ordered_items()
    return form.answer.data.strip()
