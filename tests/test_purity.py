"""The engine (parser, generator, grading, item analysis, exporters) and the wording of counts never import the web
layer or the database; imports inside quizapp run one way."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "quizapp"
ENGINE_PATHS = [
    PACKAGE / "articles",
    PACKAGE / "generation",
    PACKAGE / "grading.py",
    PACKAGE / "analysis.py",
    PACKAGE / "wording.py",
    PACKAGE / "exports",
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


BLUEPRINTS = ("quizapp.auth", "quizapp.reader", "quizapp.student", "quizapp.teacher")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}


def imports_of(path: Path, modules: dict[str, Path]) -> set[str]:
    """The quizapp modules ``path`` imports, anywhere in it (a lazy import inside a function too)."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # "from . import routes" imports a module; "from ..models import User" imports from one
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        found.update(name for name in names if name in modules)
    return found


def test_imports_run_one_way():
    """No import cycles in quizapp: a lazy import inside a function counts. The one exception is the
    registration pattern of Flask's blueprints: a blueprint package imports its own route modules at
    its end, and they import the package's ``bp``."""
    modules = package_modules()
    graph = {}
    for name, path in modules.items():
        registers_routes = path.name == "__init__.py" and name in BLUEPRINTS
        graph[name] = {m for m in imports_of(path, modules) if not (registers_routes and m.startswith(name + ".")) and m != name}
    cycles = []

    def visit(node, trail, done):
        for nxt in sorted(graph[node]):
            if nxt in trail:
                cycles.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in done:
                visit(nxt, trail + [nxt], done)
        done.add(node)

    done: set = set()
    for name in sorted(graph):
        if name not in done:
            visit(name, [name], done)
    assert cycles == [], "\n".join(" -> ".join(c) for c in cycles[:10])


def test_services_never_import_blueprints():
    modules = package_modules()
    for name, path in modules.items():
        if name.startswith("quizapp.services"):
            wrong = [m for m in imports_of(path, modules) if m.startswith(BLUEPRINTS)]
            assert wrong == [], f"{name} imports {wrong}"


def test_the_engine_imports_without_flask_or_the_database():
    """Importing the parser, the generator, grading, item analysis and the exporters loads no web
    framework and no database layer (the package's ``create_app`` loads only when asked for)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import quizapp.articles, quizapp.generation, quizapp.grading, quizapp.analysis, quizapp.exports\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert "quizapp" in loaded
    assert not loaded & {"flask", "flask_sqlalchemy", "flask_limiter", "flask_login", "flask_wtf", "sqlalchemy", "werkzeug", "wtforms"}


def test_only_the_type_classes_know_question_type_names():
    """A question type owns its behaviour: outside quizapp/generation/types no code or template
    names one (pages, forms, grading, exports and analysis ask the type), so adding a type is
    adding a module."""
    from quizapp.generation.types import QUESTION_TYPES

    names = "|".join(QUESTION_TYPES)
    literal = __import__("re").compile(rf"""(?<!class=)["'](?:{names})["']""")  # a CSS class is no type check
    offenders = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix not in (".py", ".html") or "migrations" in path.parts:
            continue
        if PACKAGE / "generation" / "types" in path.parents:
            continue
        offenders += [f"{path.relative_to(PACKAGE)}:{n}" for n, line in enumerate(path.read_text().splitlines(), 1) if literal.search(line)]
    assert offenders == []
