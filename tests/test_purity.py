"""The engine (parser, generator, grading, item analysis) and the wording of counts never import the web layer or the database."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "quizapp"
ENGINE_PATHS = [
    PACKAGE / "articles",
    PACKAGE / "generation",
    PACKAGE / "grading.py",
    PACKAGE / "analysis.py",
    PACKAGE / "wording.py",
]
FORBIDDEN = ("flask", "flask_sqlalchemy", "flask_wtf", "flask_login", "sqlalchemy", "werkzeug", "wtforms")
WEB_MODULES = ("quizapp.models", "quizapp.extensions", "quizapp.services", "quizapp.auth", "quizapp.cli")


def engine_files():
    for path in ENGINE_PATHS:
        yield from ([path] if path.is_file() else sorted(path.rglob("*.py")))


def imported_names(path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the package path
                parts = path.relative_to(PACKAGE.parent).with_suffix("").parts[: -node.level]
                yield ".".join(parts + ((node.module,) if node.module else ()))
            else:
                yield node.module or ""


def test_engine_modules_import_no_web_or_database_code():
    files = list(engine_files())
    assert len(files) >= 3
    for path in files:
        for name in imported_names(path):
            top = name.split(".")[0]
            assert top not in FORBIDDEN, f"{path.name} imports {name}"
            assert not name.startswith(WEB_MODULES), f"{path.name} imports {name}"
