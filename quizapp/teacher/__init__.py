from flask import Blueprint

from ..generation.types import type_label

bp = Blueprint("teacher", __name__, url_prefix="/teach")
# App-wide, not only for teacher pages: macros.html's type_label (student pages too) uses the filter.
bp.add_app_template_filter(type_label, "type_label")

from . import routes  # noqa: E402,F401
