"""The teacher area (/teach), split by topic as CTFd splits its admin: access checks, articles and
questions, question files from other tools, classes, quizzes. Each module registers its routes on ``bp``."""

from flask import Blueprint

bp = Blueprint("teacher", __name__, url_prefix="/teach")

from . import access, accounts, articles, classes, corrections, model_writing, question_files, quizzes  # noqa: E402,F401
