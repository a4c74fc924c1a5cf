"""Question types, one module each, registered by name in ``REGISTRY``.

Adding a type is one new module here with a ``@register``-ed ``QuestionType`` subclass,
imported below and given its place in QUESTION_TYPES: pages, forms, grading, validation, item analysis and exports all ask the
type rather than its name.
"""

from collections.abc import Iterable

from .base import REGISTRY, Candidate, Context, QuestionType, UnknownQuestionType, question_type, register
from .cloze import Cloze
from .multiple_choice import MultipleChoice
from .numeric import Numeric
from .ordering import Ordering
from .true_false import TrueFalse
from .who_said import WhoSaid

# Every type's name, in the order pages and forms list them.
QUESTION_TYPES: tuple[str, ...] = tuple(t.name for t in (MultipleChoice, Cloze, Numeric, TrueFalse, WhoSaid, Ordering))
assert set(QUESTION_TYPES) == set(REGISTRY), "every registered type has its place in the list"
# Each type's label, in QUESTION_TYPES order: the one list the teacher's forms and every page use.
TYPE_LABELS: dict[str, str] = {name: REGISTRY[name].label for name in QUESTION_TYPES}


def type_label(name: str) -> str:
    """The label of a question type; a name no type has is shown readable ("short_answer" -> "Short answer")."""
    return TYPE_LABELS.get(name) or name.replace("_", " ").capitalize()


def grade(type_name: str, given: str | list[str], answer: str | list[str], prompt: str = "", accepted: Iterable[str] = ()) -> bool:
    """Whether ``given`` answers a question of type ``type_name`` whose key is ``answer``, or one of
    the ``accepted`` answers a teacher added (typed answers only)."""
    kind = question_type(type_name)
    if kind.grade(given, answer, prompt):
        return True
    return kind.answer_input == "text" and any(kind.grade(given, other, prompt) for other in accepted or ())


__all__ = [
    "QUESTION_TYPES", "REGISTRY", "TYPE_LABELS", "Candidate", "Context", "QuestionType", "UnknownQuestionType",
    "grade", "question_type", "register", "type_label",
]
