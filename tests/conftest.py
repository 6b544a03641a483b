"""Shared fixtures: every test gets its own database and a fixed 'today'; no test
touches a real user data directory."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import pg

DATA = Path(__file__).parent / "data"
TODAY = "2026-11-20"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    monkeypatch.setenv("GOVINFO_DB", str(tmp_path / "govinfo.db"))
    if pg.SERVER:  # GOVINFO_TEST_PG: the same tests on a fresh PostgreSQL database each
        monkeypatch.setenv("GOVINFO_DB", request.getfixturevalue("pg_database"))
    monkeypatch.setenv("GOVINFO_TODAY", TODAY)
    monkeypatch.setenv("GOVINFO_USER", "测试员")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    name = pg.migrated_template()
    yield name
    pg.drop(name)


@pytest.fixture
def pg_database(pg_template: str) -> Iterator[str]:
    with pg.fresh_database(pg_template) as url:
        yield url


@pytest.fixture
def backend() -> str:
    """The database this run's tests use: sqlite, or postgresql when GOVINFO_TEST_PG is set."""
    return "postgresql" if pg.SERVER else "sqlite"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """The test's SQLite file: tests that use it (to read it directly, check its mode, back
    it up) are SQLite-specific and skip when the run is on PostgreSQL."""
    if pg.SERVER:
        pytest.skip("SQLite-specific: uses the database file itself")
    return tmp_path / "govinfo.db"


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr

    def json(self):  # noqa: ANN201
        return json.loads(self.stdout)


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run govinfo in-process: cli("show", "X", "--json", input=...)."""
    from govinfo_cli.cli import app

    def run(*args: str, input: str | None = None) -> Result:  # noqa: A002
        runner = CliRunner()
        r = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        return Result(r.exit_code, r.stdout, r.stderr)

    return run


def dump(path: Path) -> list[str]:
    """Every row of every table (for 'nothing was written' assertions)."""
    con = sqlite3.connect(path)
    try:
        out = []
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for t in tables:
            out += [f"{t}:{row}" for row in con.execute(f'SELECT * FROM "{t}" ORDER BY 1')]
        return out
    finally:
        con.close()


def acceptance_cases() -> list[dict]:
    cases = []
    for name in ("deadlines.json", "named_cases.json"):
        cases += json.loads((DATA / name).read_text(encoding="utf-8"))
    return cases


def event_lines(cases: list[dict]) -> str:
    return "".join(
        json.dumps({"case": c["case"], "kind": c["kind"], **e}, ensure_ascii=False) + "\n"
        for c in cases for e in c["events"]
    )
