"""Shared fixtures: every test gets its own database and a fixed 'today'; no test
touches a real user data directory."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import pg

DATA = Path(__file__).parent / "data"
TODAY = "2026-11-20"


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto`` (pyproject's addopts): the whole fast suite is spread over xdist's usual
    number of workers (one per core); a run of named files or directories, or of the slow
    tests (stress runs, killed processes, which time themselves against the machine), runs in
    this one process, where a worker's start-up would cost more than it saves."""
    whole = config.args_source == pytest.Config.ArgsSource.TESTPATHS
    return None if whole and config.option.markexpr == "not slow" else 0


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated, empty SQLite database, copied for each test (a database named by
    GOVINFO_DB must exist: only `db init`/`db upgrade`/`demo` create one)."""
    from govinfo_cli.store.db import make_engine, resolve_url

    global _MIGRATED
    path = tmp_path_factory.mktemp("template") / "govinfo.db"
    make_engine(resolve_url(str(path))).dispose()
    _MIGRATED = path
    return path


_MIGRATED: Path | None = None  # sqlite_template's file, which new_db copies


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    _environment(monkeypatch, tmp_path)
    request.getfixturevalue("sqlite_template")  # also new_db's, on either backend
    if "seeded" in request.fixturenames:  # the test's database is a copy of a seeded one
        return
    if not pg.SERVER and "fresh_db" not in request.fixturenames:
        import shutil

        shutil.copy2(request.getfixturevalue("sqlite_template"), tmp_path / "govinfo.db")
    if pg.SERVER:  # GOVINFO_TEST_PG: the same tests on a fresh PostgreSQL database each
        monkeypatch.setenv("GOVINFO_DB", request.getfixturevalue("pg_database"))


def _environment(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """What every test sees: its own database (GOVINFO_DB, a file in ``home`` on SQLite), a
    fixed today, a named clerk, no real user data directory."""
    monkeypatch.setenv("GOVINFO_DB", str(home / "govinfo.db"))
    monkeypatch.setenv("GOVINFO_TODAY", TODAY)
    monkeypatch.setenv("GOVINFO_USER", "测试员")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    for name in ("COLUMNS", "LINES"):  # output to a pipe, as a script reads it (xdist's workers have 80x24)
        monkeypatch.delenv(name, raising=False)


Build = Callable[["Cli", Path], object]


class _Seeds:
    """The databases that ``seeded`` builders made, once per session (per xdist worker):
    SQLite files, or PostgreSQL databases used as templates."""

    def __init__(self, where: pytest.TempPathFactory, request: pytest.FixtureRequest) -> None:
        self.where, self.request = where, request
        self.built: dict[str, str] = {}

    def get(self, build: Build) -> str:
        key = f"{build.__module__}.{build.__qualname__}"
        if key not in self.built:
            self.built[key] = self._build(build)
        return self.built[key]

    def _build(self, build: Build) -> str:
        import shutil

        home = self.where.mktemp("seed")
        with pytest.MonkeyPatch.context() as mp:
            _environment(mp, home)
            if pg.SERVER:
                name = pg.create(self.request.getfixturevalue("pg_template"))
                mp.setenv("GOVINFO_DB", pg.url_of(name))
                try:
                    build(_runner(), home)
                except BaseException:
                    pg.drop(name)
                    raise
                pg.disconnect(name)  # a template database must have no session
                return name
            shutil.copy2(self.request.getfixturevalue("sqlite_template"), home / "govinfo.db")
            build(_runner(), home)
        import sqlite3

        con = sqlite3.connect(home / "govinfo.db")
        try:  # everything in the main file (WAL mode): a copy of it is the whole database
            busy, _, _ = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            assert busy == 0, "a connection of the builder still reads or writes the seeded database"
        finally:
            con.close()
        return str(home / "govinfo.db")

    def drop(self) -> None:
        if pg.SERVER:
            for name in self.built.values():
                pg.drop(name)


@pytest.fixture(scope="session")
def _seeds(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[_Seeds]:
    seeds = _Seeds(tmp_path_factory, request)
    yield seeds
    seeds.drop()


@pytest.fixture
def seeded(_seeds: _Seeds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Build], Cli]]:
    """``seeded(build)``: the test's database becomes a copy of the one ``build(cli, home)``
    made. The builder runs once per session (per xdist worker), the first time a test asks
    for it, on a database of its own (``home`` is a directory for its input files); every
    test then gets its own copy, so a test may write to it. Use it in a module's fixture
    when several tests start from the same records (a sample office, a year of cases):

        def _office(cli, home): ok(cli("import", "events", str(SAMPLE)))

        @pytest.fixture
        def office(seeded): return seeded(_office)

    A builder must depend on nothing but the test environment (GOVINFO_TODAY and the rest,
    as ``_isolated`` sets them), and is keyed by its qualified name: a module-level function."""
    dbs: list[str] = []

    def use(build: Build) -> Cli:
        import shutil

        seed = _seeds.get(build)
        if pg.SERVER:
            name = pg.create(seed)
            dbs.append(name)
            monkeypatch.setenv("GOVINFO_DB", pg.url_of(name))
        else:
            shutil.copy2(seed, tmp_path / "govinfo.db")
        return _runner()

    yield use
    for name in dbs:
        pg.drop(name)


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
def fresh_db() -> None:
    """The test's GOVINFO_DB file does not exist yet (SQLite): for tests of creating one."""


@pytest.fixture
def backend() -> str:
    """The database this run's tests use: sqlite, or postgresql when GOVINFO_TEST_PG is set."""
    return "postgresql" if pg.SERVER else "sqlite"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """The test's SQLite file: tests that use it (to read it directly, check its mode, back
    it up) are SQLite-specific and skip when the run is on PostgreSQL. To compare rows or
    run SQL on either backend, use ``dump()`` and ``query()`` instead."""
    if pg.SERVER:
        pytest.skip("SQLite-specific: uses the database file itself")
    return tmp_path / "govinfo.db"


def ok(r: Result) -> Result:
    """The command succeeded (else its stderr is the failure message); returns it."""
    assert r.exit_code == 0, r.stderr
    return r


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr

    def json(self):  # noqa: ANN201
        return json.loads(self.stdout)


Cli = Callable[..., Result]


def _runner() -> Cli:
    from govinfo_cli.cli import app

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:  # noqa: A002
        from govinfo_cli.cli import render

        render._console = render._err_console = None  # made anew for each command, as in a new process
        r = CliRunner().invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        return Result(r.exit_code, r.stdout, r.stderr)

    return run


@pytest.fixture
def cli() -> Cli:
    """Run govinfo in-process: cli("show", "X", "--json", input=..., env={"COLUMNS": "60"})."""
    return _runner()


def new_db(path: str | Path) -> str:
    """A second SQLite database at ``path``, at the schema head as `db init` makes it (a copy
    of the session's migrated one): a database named by --db must exist. Returns the path as
    a string for --db. Tests of creating or migrating a database run `db init` themselves."""
    import shutil

    assert _MIGRATED is not None, "new_db is for tests (conftest's sqlite_template makes its source)"
    shutil.copy2(_MIGRATED, path)
    return str(path)


def engine_of(db: str | Path | None = None):  # noqa: ANN202 - sqlalchemy is imported lazily
    """An engine on the test's database (GOVINFO_DB: a SQLite file or a PostgreSQL URL)
    that neither creates nor migrates it, and keeps no connection open."""
    import sqlalchemy as sa

    from govinfo_cli.store.db import resolve_url

    return sa.create_engine(resolve_url(str(db) if db else None), poolclass=sa.pool.NullPool)


def _render(value: object) -> object:
    """A value as the same text on every backend and driver (datetimes in UTC ISO form)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)  # as SQLite keeps it
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def dump(db: str | Path | None = None) -> list[str]:
    """Every row of every table, as "table:(values…)" lines, sorted (for 'nothing was
    written' assertions); through SQLAlchemy, so on SQLite and PostgreSQL alike. db: a path
    or URL, by default the test's database (GOVINFO_DB). The tables are whatever the
    database holds (listed, not reflected: a reflection cost ~0.15 s a call)."""
    import sqlalchemy as sa

    engine = engine_of(db)
    try:
        out = []
        with engine.connect() as conn:
            q = conn.dialect.identifier_preparer.quote
            for name in sorted(sa.inspect(conn).get_table_names()):
                rows = conn.execute(sa.text(f"SELECT * FROM {q(name)}"))
                out += sorted(f"{name}:{tuple(_render(v) for v in row)}" for row in rows)
        return out
    finally:
        engine.dispose()


def query(sql: str, **params: object) -> list[tuple]:
    """Run one SQL statement on the test's database (committed); its rows, if any."""
    import sqlalchemy as sa

    engine = engine_of()
    try:
        with engine.begin() as conn:
            result = conn.execute(sa.text(sql), params)
            return [tuple(r) for r in result] if result.returns_rows else []
    finally:
        engine.dispose()


def acceptance_cases() -> list[dict]:
    cases = []
    for name in ("deadlines.json", "named_cases.json"):
        cases += json.loads((DATA / name).read_text(encoding="utf-8"))
    return cases
