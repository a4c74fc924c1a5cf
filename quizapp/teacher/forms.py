"""Teacher forms. Validation that needs the database or the engine happens in services."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..generation.types import REGISTRY, TYPE_LABELS, question_type
from ..models import REVIEW_PARTS, FeedbackMode
from ..services.tags import TagError, parse_tags
from ..timezones import from_local, to_local

# The types' own labels, each with its hint ("Fill in the blank (typed answer)").
QUESTION_TYPE_CHOICES = [
    SelectChoice(name, label + (f" ({REGISTRY[name].authoring_hint})" if REGISTRY[name].authoring_hint else ""))
    for name, label in TYPE_LABELS.items()
]
# The types whose choices the teacher types in (true/false always has the same two).
_CHOOSING_TYPES = ", ".join(label.lower() for name, label in TYPE_LABELS.items() if REGISTRY[name].teacher_writes_choices)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ArticleUploadForm(FlaskForm):
    file = FileField("Article file (.txt, .md, .wiki, or a web page saved as .html)")
    text = TextAreaField("…or paste the article (text, Markdown, or HTML copied from a web page)", render_kw={"rows": 10})
    title = StringField("Title (when the text has none)", validators=[Optional(), Length(max=200)])
    wikipedia = StringField(
        "…or a Wikipedia article's address", validators=[Optional(), Length(max=500)],
        render_kw={"placeholder": "https://en.wikipedia.org/wiki/Tay_Bridge_disaster", "inputmode": "url"},
    )
    # Shown only where a language model is configured (the view removes it otherwise).
    writer = RadioField(
        "Who writes the questions",
        choices=[
            SelectChoice("builtin", "quizapp's generator (fast, on this server)"),
            SelectChoice("model", "The language model"),
            SelectChoice("both", "Both (the model's duplicates of the generator's questions are left out)"),
        ],
        default="builtin",
    )
    submit = SubmitField("Import and generate questions")

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        given = [
            bool(self.file.data and getattr(self.file.data, "filename", "")),
            bool((self.text.data or "").strip()),
            bool((self.wikipedia.data or "").strip()),
        ]
        if sum(given) != 1:
            self.form_errors.append("Upload one file, paste the text, or give a Wikipedia address (one of the three).")
            return False
        return True


class ArticleCorrectionForm(FlaskForm):
    """The article's text to correct in place, or a corrected file to replace it with."""

    text = TextAreaField("The article's text", render_kw={"rows": 24, "spellcheck": "true"})
    file = FileField("…or upload a corrected version (.txt, .md, .wiki)")
    # The content hash of the text being corrected: a save over someone else's change is refused.
    based_on = HiddenField(validators=[DataRequired(), Length(max=64)])
    # Set by the review page's button: the teacher has seen what the correction does.
    confirmed = HiddenField()

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        has_file = bool(self.file.data and getattr(self.file.data, "filename", ""))
        if has_file == bool((self.text.data or "").strip()):
            self.form_errors.append("Correct the text in the box, or upload a corrected file (one of the two).")
            return False
        return True


class AcceptedAnswersForm(FlaskForm):
    accepted = TextAreaField(
        "Also accepted, one per line (other names, spellings: “World War I” for “First World War”)",
        validators=[Length(max=5000)], render_kw={"rows": 4},
    )
    submit = SubmitField("Save accepted answers and regrade")


class QuestionFileForm(FlaskForm):
    file = FileField(
        "Question file: GIFT (.gift or .txt), Moodle XML (.xml), Aiken (.txt) or CSV (.csv)",
        validators=[FileRequired("Choose a question file to upload.")],
    )
    submit = SubmitField("Read the file")


class ConfirmQuestionImportForm(FlaskForm):
    """The file read on the first step comes back as it was, with the matches the teacher confirms:
    nothing is kept on the server between the two steps, and nothing is written before this one."""

    file_name = HiddenField(validators=[DataRequired(), Length(max=255)])
    file_text = HiddenField(validators=[DataRequired()])
    confirmed = MultiCheckboxField("Confirmed matches", choices=[], validate_choice=False)
    submit = SubmitField("Import")


class QuestionForm(FlaskForm):
    type = SelectField("Question type", choices=QUESTION_TYPE_CHOICES, validators=[InputRequired()])
    prompt = TextAreaField("Question", validators=[DataRequired(), Length(max=1000)], render_kw={"rows": 2})
    choices = TextAreaField(
        f"Choices, one per line ({_CHOOSING_TYPES})",
        validators=[Optional(), Length(max=2000)],
        render_kw={"rows": 4},
    )
    answer = TextAreaField(
        "Answer (for ordering: the items one per line, in the right order; for a number: 1,500 or 1,500 ± 50)",
        validators=[DataRequired(), Length(max=2000)],
        render_kw={"rows": 2},
    )
    passage = SelectField("Source passage", validators=[InputRequired()], coerce=int)
    evidence = TextAreaField(
        "Evidence: the sentence(s) that prove the answer, copied exactly from the passage",
        validators=[DataRequired(), Length(max=5000)],
        render_kw={"rows": 3},
    )
    tags = StringField(
        "Tags, separated by commas (a topic, a difficulty, a unit)", validators=[Optional(), Length(max=500)],
        render_kw={"placeholder": "e.g. causes, hard"},
    )
    submit = SubmitField("Save question")

    def validate_tags(self, field) -> None:
        try:
            parse_tags(field.data)
        except TagError as error:
            raise ValidationError(str(error)) from None

    def choice_list(self) -> list[str]:
        return [line.strip() for line in (self.choices.data or "").splitlines() if line.strip()]

    def answer_value(self) -> str | list[str]:
        if question_type(self.type.data).answer_input == "positions":
            return [line.strip() for line in self.answer.data.splitlines() if line.strip()]
        return " ".join(self.answer.data.split())

    def validate_choices(self, field) -> None:
        self._type_check("choices")

    def validate_answer(self, field) -> None:
        self._type_check("answer")

    def _type_check(self, field_name: str) -> None:
        """The question type's own rules for ``field_name``; a type the select does not offer is
        left to the select's own error."""
        if self.type.data not in REGISTRY:
            return
        message = question_type(self.type.data).authoring_problems(self.choice_list(), self.answer_value()).get(field_name)
        if message:
            raise ValidationError(message)


class BulkStatusForm(FlaskForm):
    action = RadioField(
        "With the selected questions",
        choices=[SelectChoice("published", "Publish"), SelectChoice("rejected", "Reject"), SelectChoice("draft", "Back to draft"),
                 SelectChoice("tag", "Add the tag"), SelectChoice("untag", "Remove the tag")],
        validators=[InputRequired(message="Choose what to do.")],
    )
    tag = StringField("Tag", validators=[Optional(), Length(max=100)])
    questions = MultiCheckboxField("Questions", coerce=int, validators=[DataRequired(message="Select at least one question.")])
    submit = SubmitField("Apply")


class AddQuestionsForm(FlaskForm):
    questions = MultiCheckboxField("Questions", coerce=int)
    whole_articles = MultiCheckboxField("Every published question of these articles", coerce=int)
    submit = SubmitField("Add to the quiz")


class CopyQuizForm(FlaskForm):
    classroom = SelectField("For the class", coerce=int, validators=[InputRequired(message="Choose a class.")])
    title = StringField("Title of the copy", validators=[DataRequired(), Length(max=200)])
    submit = SubmitField("Copy the quiz")


class MarkAnswerForm(FlaskForm):
    """A teacher's verdict on one answer, with a reason the student reads."""

    verdict = RadioField("Mark the answer", choices=[SelectChoice("right", "Right"), SelectChoice("wrong", "Wrong")],
                         validators=[InputRequired()])
    note = StringField("Why (the student sees it)", validators=[Optional(), Length(max=300)])
    submit = SubmitField("Mark")


class ClassForm(FlaskForm):
    name = StringField("Class name", validators=[DataRequired(), Length(max=120)])
    submit = SubmitField("Create class")


_LOCAL_TIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]


class SchoolTimes:
    """Quiz fields typed on the school's clock (``zone``) and stored as UTC: opening, closing, attempts.

    ``stored`` holds the times as they are now: a field left as shown keeps its stored value, so
    saving unchanged settings never moves a time that the clock change makes ambiguous.
    """

    # Shown as the browser's datetime-local input wants it (no seconds), read with or without seconds.
    opens_at = DateTimeLocalField("Opens (optional)", format=_LOCAL_TIME_FORMATS, validators=[Optional()])
    closes_at = DateTimeLocalField("Closes (optional)", format=_LOCAL_TIME_FORMATS, validators=[Optional()])
    max_attempts = IntegerField("Attempts allowed (empty: unlimited)", validators=[Optional(), NumberRange(min=1, max=100)])
    time_limit = IntegerField("Time limit per attempt, in minutes (empty: none)", validators=[Optional(), NumberRange(min=1, max=600)])
    shuffle_questions = BooleanField("Ask the questions in a different order in each attempt")

    def __init__(self, *args, zone: ZoneInfo, stored: dict[str, datetime | None] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.stored = stored or {}
        for field in (self.opens_at, self.closes_at):
            field.label.text = field.label.text.replace("(", f"({zone.key} time, ", 1)

    def utc(self, field) -> datetime | None:
        """A time field's value as stored: naive UTC."""
        if field.data is None:
            return None
        if self.stored.get(field.name) is not None and field.data == field.object_data:
            return self.stored[field.name]
        return from_local(field.data, self.zone)

    def validate_opens_at(self, field) -> None:
        self._check_wall_clock(field)

    def validate_closes_at(self, field) -> None:
        self._check_wall_clock(field)
        if field.data is not None and self.opens_at.data is not None and field.data <= self.opens_at.data:
            raise ValidationError("The quiz must close after it opens.")

    def _check_wall_clock(self, field) -> None:
        """A time the clock change skips or repeats is refused: it would be stored an hour off."""
        if field.data is None or (self.stored.get(field.name) is not None and field.data == field.object_data):
            return
        early, late = (field.data.replace(tzinfo=self.zone, fold=fold) for fold in (0, 1))
        if to_local(from_local(field.data, self.zone), self.zone).replace(tzinfo=None) != field.data:
            raise ValidationError(f"{field.data:%H:%M} does not exist on that day in {self.zone.key}: the clocks go forward.")
        if early.utcoffset() != late.utcoffset():
            raise ValidationError(
                f"{field.data:%H:%M} happens twice on that day in {self.zone.key} (the clocks go back): choose another time."
            )


REVIEW_CHOICES = [
    SelectChoice("correctness", "whether each answer was right, and the score"),
    SelectChoice("answer", "the right answer"),
    SelectChoice("evidence", "the evidence, highlighted in its passage"),
]


class ReviewOptions:
    """Moodle's review options: what a finished attempt's review shows, and when.

    Unticked boxes send nothing, so the page also sends ``review_options_sent``: a post without it
    (an older page, a script) leaves the options as they were rather than hiding everything.
    """

    review_options_sent = HiddenField(default="1")

    review_after_submit = MultiCheckboxField(
        "Right after the attempt is finished, the review shows", choices=REVIEW_CHOICES, default=list(REVIEW_PARTS), validate_choice=True
    )
    review_after_close = MultiCheckboxField(
        "Once the quiz has closed, the review shows", choices=REVIEW_CHOICES, default=list(REVIEW_PARTS), validate_choice=True
    )


    def review_choice(self, field) -> list[str] | None:
        """The ticked parts, or None when the page did not send the review options at all."""
        return (field.data or []) if self.review_options_sent.raw_data else None


class QuizForm(SchoolTimes, ReviewOptions, FlaskForm):
    title = StringField("Quiz title", validators=[DataRequired(), Length(max=200)])
    classroom = SelectField("For the class", coerce=int, validators=[InputRequired(message="Choose a class.")])
    questions = MultiCheckboxField("Questions", coerce=int)
    whole_articles = MultiCheckboxField("Every published question of these articles", coerce=int)
    random_articles = MultiCheckboxField("Draw random questions from these articles", coerce=int)
    random_count = IntegerField("How many random questions", default=0, validators=[Optional(), NumberRange(min=0, max=500)])
    random_tags = MultiCheckboxField("…with one of these tags")
    draw_per_student = BooleanField("Draw them for each student: every attempt gets its own random questions")
    feedback = RadioField(
        "Show answers and sources",
        choices=[SelectChoice(FeedbackMode.IMMEDIATE, "after each question"), SelectChoice(FeedbackMode.END, "at the end of the attempt")],
        default=FeedbackMode.IMMEDIATE,
        validators=[InputRequired()],
    )
    submit = SubmitField("Create quiz")

    def validate_closes_at(self, field) -> None:
        super().validate_closes_at(field)
        if field.data is not None and from_local(field.data, self.zone) <= datetime.now(UTC).replace(tzinfo=None):
            now = datetime.now(self.zone)
            raise ValidationError(
                f"The closing time has already passed: it is now {now:%d %b %Y %H:%M} ({self.zone.key} time). "
                "Choose a later time, or leave it empty."
            )


class QuizSettingsForm(SchoolTimes, ReviewOptions, FlaskForm):
    """What may change once students have the quiz: its name, its times, its attempt limit and
    what reviews show (as in Moodle, review options apply to finished attempts from then on).

    The questions and whether feedback comes at once stay as they were set (drop a faulty question instead).
    A closing time in the past closes the quiz; attempts still open are then finished and scored.
    """

    title = StringField("Quiz title", validators=[DataRequired(), Length(max=200)])
    submit = SubmitField("Save settings")
