"""Question types, one module each, registered by name in ``REGISTRY``.

Adding a type is one new module here with a ``@register``-ed ``QuestionType``
subclass, imported below, and its name in ``model.QUESTION_TYPES``.
"""

from ..model import QUESTION_TYPES
from . import cloze, multiple_choice, ordering, true_false, who_said  # noqa: F401  (registration)
from .base import REGISTRY, Candidate, Context, QuestionType, register

# Each type's label, in QUESTION_TYPES order: the one list the teacher's forms and every page use.
TYPE_LABELS: dict[str, str] = {name: REGISTRY[name].label for name in QUESTION_TYPES}


def type_label(name: str) -> str:
    """The label of a question type; a name no type has is shown readable ("short_answer" -> "Short answer")."""
    return TYPE_LABELS.get(name) or name.replace("_", " ").capitalize()


__all__ = ["REGISTRY", "TYPE_LABELS", "Candidate", "Context", "QuestionType", "register", "type_label"]
