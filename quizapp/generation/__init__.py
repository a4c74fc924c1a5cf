"""Question generation: pure Python, no Flask.

    article (quizapp.articles.ParsedArticle)
      -> facts.ArticleFacts        sentences, dates, quantities, names, quotations
      -> types.REGISTRY[...]       one class per question type: candidates with scores
      -> pipeline                  filter (validate), rank, select (per fact, per passage, per type)
      -> [GeneratedQuestion]       each citing its evidence span; bank.dump_bank() to JSON
"""

from .question import Citation, GeneratedQuestion
from .pipeline import generate_questions
from .types import QUESTION_TYPES, REGISTRY
from .validation import validate_question

__all__ = ["QUESTION_TYPES", "REGISTRY", "Citation", "GeneratedQuestion", "generate_questions", "validate_question"]
