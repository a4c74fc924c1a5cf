"""quizapp: quizzes generated from articles, every answer linked to its source passage.

``create_app`` is loaded on first use, so that importing the pure engine (``quizapp.articles``,
``quizapp.generation``, ``quizapp.grading``) does not load Flask, SQLAlchemy and the web layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module 'quizapp' has no attribute {name!r}")
