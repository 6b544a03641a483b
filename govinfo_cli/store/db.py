"""The one engine: where the database is, how it is opened, migrated and backed up.

This is the only module that knows SQLite specifics (pragmas, file modes, backup).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from govinfo_cli.core.errors import StorageError

# The Alembic revision this code expects (a test checks it equals the script head).
HEAD = "0003"
BUSY_TIMEOUT_MS = 15000


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("govinfo", appauthor=False) / "govinfo.db"


def resolve_url(db: str | None) -> str:
    """--db PATH|URL, else GOVINFO_DB, else the user data directory."""
    value = db or os.environ.get("GOVINFO_DB") or str(default_path())
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().absolute()}"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def sqlite_path(url: str) -> Path | None:
    if not is_sqlite(url):
        return None
    return Path(sa.engine.make_url(url).database or "")


def _create_private(path: Path) -> None:
    """Create an empty database file readable by its owner only (personal data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _on_begin(conn: sa.Connection) -> None:
    # A write transaction takes the write lock at BEGIN (IMMEDIATE), so it never has to
    # upgrade a read lock mid-way: two clerks writing at once wait on the busy timeout
    # instead of one of them failing with "database is locked".
    write = conn.get_execution_options().get("govinfo_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str, *, migrate: bool = True) -> Engine:
    """An engine for the URL; a missing SQLite database is created and migrated."""
    path = sqlite_path(url)
    if path is not None:
        if path.is_dir():
            raise StorageError(f"{path} 是一个目录，不是数据库文件")
        if not path.exists():
            try:
                _create_private(path)
            except OSError as exc:
                raise StorageError(f"无法创建数据库 {path}：{exc.strerror}") from None
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _on_connect)
        # pysqlite's own transaction handling is replaced by explicit BEGIN IMMEDIATE.
        event.listen(
            engine, "connect",
            lambda c, _r: setattr(c, "isolation_level", None),
        )
        event.listen(engine, "begin", _on_begin)
    else:
        engine = sa.create_engine(url, pool_pre_ping=True)
    if migrate:
        ensure_schema(engine)
    return engine


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, sa.exc.ProgrammingError):
        return None
    except sa.exc.DatabaseError as exc:
        raise StorageError(f"无法打开数据库：{exc.orig}") from None


def ensure_schema(engine: Engine) -> None:
    if current_revision(engine) != HEAD:
        upgrade(engine)


def alembic_config(engine: Engine):  # -> alembic.config.Config
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["engine"] = engine
    return cfg


def migrations_dir() -> Path:
    """Installed: the package ``govinfo_cli.migrations``; in a source checkout run from
    the tree itself: the top-level ``migrations/``."""
    try:
        import govinfo_cli.migrations as migrations

        return Path(migrations.__file__).parent
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "migrations"


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    try:
        command.upgrade(alembic_config(engine), revision)
    except sa.exc.DatabaseError as exc:
        raise StorageError(f"数据库迁移失败：{exc.orig}") from None


@contextmanager
def transaction(engine: Engine) -> Iterator[sa.Connection]:
    """One write transaction; everything in it lands together or not at all."""
    with engine.connect().execution_options(govinfo_write=True) as conn, conn.begin():
        yield conn


def backup(engine: Engine, dest: Path) -> None:
    """A complete, consistent copy even while others write (SQLite online backup)."""
    path = sqlite_path(str(engine.url))
    if path is None:
        raise StorageError("db backup 仅适用于 SQLite；PostgreSQL 请使用 pg_dump")
    if dest.exists():
        raise StorageError(f"目标文件 {dest} 已存在，不会覆盖")
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    _create_private(tmp)
    src = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode=DELETE")
        finally:
            out.close()
    finally:
        src.close()
    os.chmod(tmp, 0o600)
    tmp.replace(dest)


def integrity(engine: Engine) -> str:
    if sqlite_path(str(engine.url)) is None:
        return "ok"
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
        fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    text = "; ".join(r[0] for r in rows)
    if fk:
        text += f"; {len(fk)} foreign-key problems"
    return text


def journal_mode(engine: Engine) -> str:
    if sqlite_path(str(engine.url)) is None:
        return "-"
    with engine.connect() as conn:
        return str(conn.exec_driver_sql("PRAGMA journal_mode").scalar())
