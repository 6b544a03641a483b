"""The layers: cli → app → store → core, with formats beside store (it imports core only),
nothing imports upward, and no import cycle between modules, counting imports inside
functions too (they are parsed, not run)."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import govinfo_cli

PACKAGE = Path(govinfo_cli.__file__).parent
LAYERS = {"core": 0, "store": 1, "formats": 1, "app": 2, "cli": 3}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _tree(path: Path) -> ast.Module:
    """A module's syntax tree, parsed once per process (the tests only read it)."""
    return ast.parse(path.read_text(encoding="utf-8"))


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules this module imports, anywhere in it (TYPE_CHECKING blocks
    excepted: they are never run)."""
    tree = _tree(path)
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import mod` imports the module pkg.mod; `from mod import name` imports mod
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name and t.startswith("govinfo_cli"):
                found.add(t)
    return found


@cache
def _graph() -> dict[str, set[str]]:
    """Each module's govinfo imports (parsed once per process: the tests only read it)."""
    mods = _modules()
    known = set(mods)
    return {name: _imports(name, path, known) for name, path in mods.items()}


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


def test_no_module_imports_from_a_layer_above_it() -> None:
    upward = [
        f"{m} → {t}"
        for m, targets in _graph().items()
        for t in sorted(targets)
        if _layer(m) is not None and _layer(t) is not None and _layer(t) > _layer(m)
    ]
    assert upward == []


def test_formats_import_core_only_and_the_store_no_format() -> None:
    """formats/ sits beside store/: the file formats read and write values (core's), never a
    database, a use case or a screen; and the store writes no file format."""
    sideways = [
        f"{m} → {t}"
        for m, targets in _graph().items()
        for t in sorted(targets)
        if (m.startswith("govinfo_cli.formats.") and t.split(".")[1] not in ("core", "formats"))
        or (m.startswith("govinfo_cli.store.") and t.startswith("govinfo_cli.formats"))
    ]
    assert sideways == []


def test_the_file_formats_live_in_formats() -> None:
    """Issue 26: one folder for the file formats. The modules that import the document and
    workbook libraries (python-docx, docxtpl, openpyxl, python-calamine) or write CSV and
    iCalendar are in formats/ (the commands keep parsing and screen output, app/ the use cases)."""
    libraries = {"docx", "docxtpl", "openpyxl", "python_calamine", "csv"}
    users = sorted(
        name
        for name, path in _modules().items()
        for node in ast.walk(_tree(path))
        if (isinstance(node, ast.Import) and {a.name.split(".")[0] for a in node.names} & libraries)
        or (isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").split(".")[0] in libraries)
        or (isinstance(node, ast.Constant) and node.value == "BEGIN:VCALENDAR")
    )
    assert users and all(u.startswith("govinfo_cli.formats.") for u in users), users


def test_no_import_cycle_between_modules() -> None:
    graph = _graph()
    # package __init__ modules are parents of what they hold, not a step in a cycle
    graph = {m: {t for t in ts if not m.startswith(t + ".")} for m, ts in graph.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for t in sorted(graph.get(m, ())):
            if state.get(t) == 1:
                cycles.append([*path[path.index(t) :], t])
            elif t not in state:
                visit(t)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert [" → ".join(c) for c in cycles] == []


def test_the_layer_test_sees_imports_inside_functions() -> None:
    """The cycle test is only worth something if it reads function-level imports."""
    graph = _graph()
    assert "govinfo_cli.app.recompute" in graph["govinfo_cli.app.settings"]  # imported inside a function


def _calls(path: Path) -> set[str]:
    """The functions this module calls (``x.f(...)`` gives ``f``) or imports by name."""
    tree = _tree(path)
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            out.add(f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else "")
        elif isinstance(node, ast.ImportFrom):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.Attribute) and node.attr == "_cells":
            out.add(node.attr)
    return out


def test_one_table_renderer_measures_display_width() -> None:
    """Issue 26: every table on screen goes through cli/render.py's one renderer (``grids``):
    only its measure (cli/lines.py, which help pages use too) measures East Asian width, and
    no module builds a rich table (or reads rich's private cells)."""
    measures = sorted(n for n, p in _modules().items() if "east_asian_width" in _calls(p))
    assert measures == ["govinfo_cli.cli.lines"]
    for name, path in _modules().items():
        assert "rich.table" not in path.read_text(encoding="utf-8"), name
        assert "_cells" not in _calls(path), name  # rich's private cells of a column


def test_one_function_says_what_is_left_of_a_deadline() -> None:
    """Issue 26: "days left / overdue / due today" is worked out by app/remaining.py alone
    (``days_left``, and ``late`` for lists): no other module of app/ or cli/ counts working
    days to a due date or asks core whether a deadline is overdue (cli/calendar.py's
    `calendar between` counts between two dates the clerk types)."""
    found = sorted(
        n
        for n, p in _modules().items()
        if n.startswith(("govinfo_cli.app.", "govinfo_cli.cli.")) and {"working_days_between", "overdue"} & _calls(p)
    )
    assert found == ["govinfo_cli.app.remaining", "govinfo_cli.cli.calendar"]
    using = sorted(n for n, p in _modules().items() if "days_left" in _calls(p))
    assert using == ["govinfo_cli.app.case_view", "govinfo_cli.app.due", "govinfo_cli.app.record"]


def test_every_import_is_declared_and_every_declared_dependency_is_imported() -> None:
    """Issue 26: pyproject.toml's dependencies are exactly the distributions the package and
    its migrations import (python-docx was imported but not declared; python-dateutil was
    declared but never imported)."""
    import re
    import sys
    import tomllib
    from importlib.metadata import packages_distributions

    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    root = PACKAGE.parent
    declared = {
        norm(re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0])
        for d in tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    }
    imported: set[str] = set()
    for path in [*PACKAGE.rglob("*.py"), *(root / "migrations").rglob("*.py")]:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Import):
                imported.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                imported.add(node.module.split(".")[0])
    third_party = {m for m in imported if m not in sys.stdlib_module_names and m != "govinfo_cli"}
    dists = packages_distributions()
    used = {norm(d) for m in third_party for d in dists.get(m, [m])}
    assert used == declared, (sorted(used - declared), sorted(declared - used))
