"""`govinfo --help` and every group's --help stay light (nothing heavy imported), and every
group, command, option and argument has help text.

The heavy packages are only imported inside command functions; help screens must never
pay for them. Each check runs in a fresh interpreter (sys.modules of the test process
already holds everything)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest
import typer

from govinfo_cli.cli import COMMANDS
from tests.conftest import new_db

# (pydantic is not in the list: typer 0.29 itself imports it to build any command that has
# parameters, so every group's --help loads it whatever govinfo does.)
HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "holidays", "rich", "openpyxl", "python_calamine")

PROBE = """
import sys
from govinfo_cli.cli import app
try:
    app(args=sys.argv[1:], prog_name="govinfo")
except SystemExit:
    pass
print("LOADED=" + ",".join(sorted({m.split('.')[0] for m in sys.modules} & set(%r))))
"""

# Every command's --help in one interpreter: the heavy packages each one newly pulls in.
PROBE_ALL = """
import json, sys
import typer
from govinfo_cli.cli import app
heavy = set(%r)
def loaded():
    return {m.split('.')[0] for m in sys.modules} & heavy
root = typer.main.get_command(app)
paths = []
def walk(cmd, path):
    paths.append(path)
    if hasattr(cmd, "list_commands"):
        for name in cmd.list_commands(None):
            walk(cmd.get_command(None, name), (*path, name))
walk(root, ())
out = {}
for path in paths:
    before = loaded()
    try:
        app(args=[*path, "--help"], prog_name="govinfo", standalone_mode=True)
    except SystemExit:
        pass
    new = sorted(loaded() - before)
    if new:
        out[" ".join(path)] = new
print("RESULT=" + json.dumps({"paths": len(paths), "heavy": out}))
"""


def _run(code: str, *args: str) -> str:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True).stdout
    return out


def _loaded(*args: str) -> list[str]:
    out = _run(PROBE % (HEAVY,), *args)
    line = [x for x in out.splitlines() if x.startswith("LOADED=")][-1]
    return [m for m in line.removeprefix("LOADED=").split(",") if m]


def test_root_help_imports_nothing_heavy() -> None:
    assert _loaded("--help") == []


def test_root_help_lists_every_group() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "govinfo_cli", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for name, (_, _, text) in COMMANDS.items():
        assert name in out and text in out


# Every group's --help in one fresh interpreter, in turn: the heavy packages each one newly
# pulls in. (A package that one group loads is then loaded for the groups after it, so a
# second offender shows once the first is fixed; with none, this is each group on its own.)
PROBE_GROUPS = """
import json, sys
from govinfo_cli.cli import app
heavy = set(%r)
out = {}
for group in sys.argv[1:]:
    before = {m.split('.')[0] for m in sys.modules} & heavy
    try:
        app(args=[group, "--help"], prog_name="govinfo")
    except SystemExit:
        pass
    out[group] = sorted(({m.split('.')[0] for m in sys.modules} & heavy) - before)
print("RESULT=" + json.dumps(out))
"""


@pytest.fixture(scope="module")
def group_help_loads() -> dict[str, list[str]]:
    out = _run(PROBE_GROUPS % (HEAVY,), *sorted(COMMANDS))
    return json.loads([x for x in out.splitlines() if x.startswith("RESULT=")][-1].removeprefix("RESULT="))


@pytest.mark.parametrize("group", sorted(COMMANDS))
def test_group_help_imports_nothing_heavy(group: str, group_help_loads: dict[str, list[str]]) -> None:
    assert group_help_loads[group] == []


def test_no_command_help_imports_anything_heavy() -> None:
    out = _run(PROBE_ALL % (HEAVY,))
    result = json.loads([x for x in out.splitlines() if x.startswith("RESULT=")][-1].removeprefix("RESULT="))
    assert result["paths"] > len(COMMANDS)  # the walk went into the lazy groups
    assert result["heavy"] == {}


def test_python_dash_x_importtime_of_root_help_shows_no_heavy_module() -> None:
    p = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "govinfo_cli", "--help"], capture_output=True, text=True, check=True
    )
    imported = {line.split("|")[-1].strip().split(".")[0] for line in p.stderr.splitlines() if "|" in line}
    assert "typer" in imported  # the probe sees imports at all
    assert imported.isdisjoint(HEAVY)


# ---------------------------------------------------------------------------
# Help text everywhere (Chinese docstrings and option help)
# ---------------------------------------------------------------------------


def _walk(cmd, path=()):  # noqa: ANN001, ANN202
    yield path, cmd
    if hasattr(cmd, "list_commands"):
        for name in cmd.list_commands(None):
            yield from _walk(cmd.get_command(None, name), (*path, name))


def _missing_help(root, prefix=()) -> list[str]:  # noqa: ANN001
    missing = []
    for path, cmd in _walk(root, prefix):
        if not (cmd.help or "").strip():
            missing.append(" ".join(path) or "govinfo")
        for p in cmd.params:
            kind = getattr(p, "param_type_name", "")
            if kind == "option" and p.name != "help" and not (p.help or "").strip():
                missing.append(f"{' '.join(path) or 'govinfo'} {p.opts[0]}")
            if kind == "argument" and not (getattr(p, "help", "") or "").strip():
                missing.append(f"{' '.join(path)} <{p.name}>")
    return missing


def test_every_command_and_option_has_help_text() -> None:
    from govinfo_cli.cli import app

    root = typer.main.get_command(app)
    assert len(list(_walk(root))) > 3 * len(COMMANDS)  # the lazy groups were walked
    assert _missing_help(root) == []


@pytest.mark.parametrize("group", sorted(COMMANDS))
def test_every_group_has_its_own_help_text(group: str) -> None:
    # The lazy root fills in the one-line summary of COMMANDS when a group has none; the
    # group's own Typer object must carry its help (docstring / group("…")) regardless.
    module, attr, _ = COMMANDS[group]
    cmd = typer.main.get_command(getattr(importlib.import_module(module), attr))
    assert _missing_help(cmd, (group,)) == []


def test_help_is_chinese() -> None:
    from govinfo_cli.cli import app

    def has_cjk(text: str) -> bool:
        return any("\u4e00" <= ch <= "\u9fff" for ch in text)

    english = [
        " ".join(path) or "govinfo" for path, cmd in _walk(typer.main.get_command(app)) if not has_cjk(cmd.help or "")
    ]
    assert english == []


def test_python_dash_m_runs_the_same_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "govinfo_cli", "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert out.startswith("govinfo ")


def test_rules_package_resolves_every_name_it_lists_on_first_use():
    """``core.rules`` loads a rule's module on first use (PEP 562): every name in its
    ``__all__`` resolves, to the object its module defines, and nothing else is offered."""
    code = """
import importlib, json
import govinfo_cli.core.rules as rules
bad = [n for n in rules.__all__ if getattr(rules, n) is not getattr(
    importlib.import_module("govinfo_cli.core.rules." + rules._FROM[n]), n)]
print("RESULT=" + json.dumps({"bad": bad, "extra": sorted(set(rules._FROM) - set(rules.__all__)),
    "replay_is_function": callable(rules.replay) and not hasattr(rules.replay, "__path__")}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    got = json.loads(out.split("RESULT=", 1)[1])
    assert got == {"bad": [], "extra": [], "replay_is_function": True}


def test_due_reads_the_cache_without_loading_the_replay_engine(tmp_path):
    """`govinfo due` is one query over the deadline cache: the engine that replays event
    logs (core.rules.engine and every kind's handlers) is not even imported."""
    db = new_db(tmp_path / "o.db")
    env = {**__import__("os").environ, "GOVINFO_TODAY": "2026-11-20", "GOVINFO_USER": "测试"}
    code = f"""
import sys
from govinfo_cli.cli import app
try:
    app(args=["--db", {db!r}, "due"], prog_name="govinfo")
except SystemExit:
    pass
print("LOADED=" + ",".join(sorted(m for m in sys.modules if m.startswith("govinfo_cli.core.rules."))))
"""
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    loaded = set(out.split("LOADED=", 1)[1].strip().split(","))
    assert "govinfo_cli.core.rules.engine" not in loaded
    assert "govinfo_cli.core.rules.request" not in loaded


def test_commands_read_the_core_tables_without_building_the_sqlmodel_classes(tmp_path):
    """Issue 26: the queries use the tables as Core tables (store/schema.py, generated from
    store/models.py): `due` and `show` never build the ten SQLModel classes (about 30 ms at
    every start), and `due` does not even import sqlmodel (about 110 ms when store/schema.py
    named sqlmodel's AutoString; typer itself may load pydantic)."""
    db = tmp_path / "o.db"
    env = {**__import__("os").environ, "GOVINFO_TODAY": "2026-11-20", "GOVINFO_USER": "测试"}
    subprocess.run(
        [sys.executable, "-m", "govinfo_cli", "--db", str(db), "db", "init"], env=env, check=True, capture_output=True
    )
    code = f"""
import sys
from govinfo_cli.cli import app
def run(args):
    try:
        app(args=["--db", {str(db)!r}, *args], prog_name="govinfo")
    except SystemExit as exc:
        assert not exc.code, (args, exc.code)
run(["due"])
print("DUE=" + ",".join(m for m in sys.modules if m.split(".")[0] == "sqlmodel"))
for args in (["request", "add", "--case", "T-1", "--received", "2026-11-02", "--channel", "online",
              "--applicant", "王芳", "--type", "natural_person", "--subject", "x"], ["due"], ["show", "T-1"]):
    run(args)
print("LOADED=" + str("govinfo_cli.store.models" in sys.modules))
"""
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split("DUE=", 1)[1].split("\n", 1)[0].strip() == ""  # `due` imported no sqlmodel module
    assert out.split("LOADED=", 1)[1].strip() == "False"
