"""Question types, one module each, registered by name in ``REGISTRY``.

Adding a type is one new module here with a ``@register``-ed ``QuestionType``
subclass, imported below, and its name in ``model.QUESTION_TYPES``.
"""

from . import cloze, multiple_choice, ordering, true_false, who_said  # noqa: F401  (registration)
from .base import REGISTRY, Candidate, Context, QuestionType, register

__all__ = ["REGISTRY", "Candidate", "Context", "QuestionType", "register"]
