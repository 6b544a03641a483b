"""`govinfo --help` stays light, and every command has help text."""

from __future__ import annotations

import subprocess
import sys

import pytest

from govinfo_cli.cli import COMMANDS

HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "holidays", "rich", "openpyxl")

PROBE = """
import sys
from govinfo_cli.cli import app
try:
    app(args=sys.argv[1:], prog_name="govinfo")
except SystemExit:
    pass
print("LOADED=" + ",".join(sorted({m.split('.')[0] for m in sys.modules} & set(%r))))
"""


def _loaded(*args: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", PROBE % (HEAVY,), *args],
                         capture_output=True, text=True, check=True).stdout
    line = [x for x in out.splitlines() if x.startswith("LOADED=")][-1]
    return [m for m in line.removeprefix("LOADED=").split(",") if m]


def test_root_help_imports_nothing_heavy() -> None:
    assert _loaded("--help") == []


@pytest.mark.parametrize("group", sorted(COMMANDS))
def test_group_help_imports_nothing_heavy(group: str) -> None:
    assert _loaded(group, "--help") == []


def _walk(cmd, path=()):  # noqa: ANN001, ANN202
    yield path, cmd
    ctx = None
    if hasattr(cmd, "list_commands"):
        for name in cmd.list_commands(ctx):
            yield from _walk(cmd.get_command(ctx, name), (*path, name))


def test_every_command_and_option_has_help_text() -> None:
    import typer

    from govinfo_cli.cli import app

    missing = []
    for path, cmd in _walk(typer.main.get_command(app)):
        if not (cmd.help or "").strip():
            missing.append(" ".join(path) or "govinfo")
        for p in cmd.params:
            if getattr(p, "param_type_name", "") == "option" and not (p.help or "").strip() \
                    and p.name not in ("help",):
                missing.append(f"{' '.join(path)} {p.opts[0]}")
            if getattr(p, "param_type_name", "") == "argument" and not getattr(p, "help", ""):
                missing.append(f"{' '.join(path)} <{p.name}>")
    assert missing == []


def test_python_dash_m_runs_the_same_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "govinfo_cli", "--version"],
                         capture_output=True, text=True, check=True).stdout
    assert out.startswith("govinfo ")
