from flask import Blueprint

bp = Blueprint("reader", __name__)

from . import routes  # noqa: E402,F401
