"""The one engine: where the database is, how it is opened, migrated and backed up.

This is the only module that knows SQLite specifics (pragmas, file modes, backup).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from govinfo_cli.core.errors import StorageError
from govinfo_cli.store import dberrors
from govinfo_cli.store.decode import loads

if TYPE_CHECKING:
    from alembic.config import Config

# The Alembic revision this code expects (a test checks it equals the script head).
HEAD = "0012"
BUSY_TIMEOUT_MS = 15000
# A write that collides with another clerk's (PostgreSQL: serialization failure, deadlock,
# a case number or sequence number taken meanwhile; SQLite: still busy after the busy
# timeout) is run again from the start, at most this many times, before it is reported.
WRITE_ATTEMPTS = 12
# PostgreSQL advisory-lock keys: schema migration; the deadline cache (shared by writers of
# single cases, exclusive for a rebuild of every case after a calendar or profile change);
# the trail (the audit log's and the year locks' chains: one writer at a time appends).
_MIGRATE_LOCK = 0x676F7601
_CACHE_LOCK = 0x676F7602
_TRAIL_LOCK = 0x676F7603

T = TypeVar("T")


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("govinfo", appauthor=False) / "govinfo.db"


def resolve_url(db: str | None) -> str:
    """--db PATH|URL, else GOVINFO_DB, else the user data directory."""
    value = db or os.environ.get("GOVINFO_DB") or str(default_path())
    if "://" in value:
        # postgresql:// and postgres:// mean the driver govinfo ships with (extra "postgres")
        for plain in ("postgresql://", "postgres://"):
            if value.startswith(plain):
                return "postgresql+psycopg://" + value[len(plain) :]
        return value
    return f"sqlite:///{Path(value).expanduser().absolute()}"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def sqlite_path(url: str) -> Path | None:
    if not is_sqlite(url):
        return None
    return Path(sa.engine.make_url(url).database or "")


def _create_private(path: Path) -> None:
    """Create a new database file readable by its owner only (personal data). The file is
    made whole beside the path (an empty SQLite database in WAL mode: its header written)
    and linked into place, so the path never names an empty file, which govinfo refuses.
    Raises FileExistsError if another clerk's first command created it meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)  # mode 0600
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA journal_mode=WAL")  # writes the header
        finally:
            con.close()
        try:
            os.link(tmp, path)  # never over an existing file
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: create exclusively, then fill
            data = Path(tmp).read_bytes()
            out = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            try:
                os.write(out, data)
            finally:
                os.close(out)
    except sqlite3.Error as exc:
        raise OSError(errno.EIO, str(exc)) from None
    finally:
        for name in (tmp, f"{tmp}-wal", f"{tmp}-shm"):
            try:
                os.unlink(name)
            except FileNotFoundError:
                pass


_MAGIC = b"SQLite format 3\x00"
# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF)
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_IOERR, _SQLITE_CORRUPT = 3, 5, 6, 10, 11
_SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 13, 14, 26


def _whole_file(path: Path, *, adopt: bool) -> bool:
    """Refuse, before SQLite opens it, an existing file that cannot be a database: one the
    user cannot read, an empty one (unless adopted), one shorter than SQLite's header.
    Returns False for an empty file being adopted (SQLite makes it a database).

    The file is never opened here but through SQLite: closing any other descriptor of a
    database file would drop the locks this process's SQLite connections hold on it (POSIX
    advisory locks belong to the process), which can corrupt a database in WAL mode. Only
    a file too short to be any database is read directly."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise StorageError(f"无法读取数据库 {path}：{_os_says(exc)}") from None
    if size == 0:
        if adopt:  # it becomes a database with personal data: the owner's alone
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)
            return False
        raise StorageError(
            f"{path} 是空文件（0 字节），不是 govinfo 数据库，未作任何改动；"
            "确要在其中新建 govinfo 数据库，请用 db upgrade --adopt"
        )
    if not os.access(path, os.R_OK):
        raise StorageError(
            f"无法读取数据库 {path}：{_os_says(PermissionError(errno.EACCES, os.strerror(errno.EACCES)))}"
        )
    if size < 100:  # shorter than the header: no connection can have it open
        try:
            head = path.read_bytes()
        except OSError as exc:
            raise StorageError(f"无法读取数据库 {path}：{_os_says(exc)}") from None
        if head.startswith(_MAGIC):
            raise StorageError(f"{path} 不完整（只有 {size} 字节：被截断），未作任何改动；请从备份恢复")
        raise StorageError(f"{path} 不是 SQLite 数据库（file is not a database），未作任何改动")
    return True


def _os_says(exc: OSError) -> str:
    said = {errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限", errno.EIO: "磁盘读写错误（I/O 错误）"}
    text = said.get(exc.errno or 0)
    return f"{text}（{exc.strerror}）" if text else str(exc.strerror or exc)


def _sqlite_says(path: Path, exc: sqlite3.Error) -> StorageError:
    """What SQLite's refusal to read an existing file means: not a database, damaged (a
    file cut short too: SQLite finds its header's size larger than the file), an I/O
    error (disk, a file size limit such as ``ulimit -f``, no room for the shared-memory
    file), no permission, busy."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    said = (str(exc).strip().splitlines() or [""])[0]  # one line: SQLite may quote a damaged schema entry
    said = said if len(said) <= 80 else said[:77] + "…"
    if code == _SQLITE_NOTADB:
        return StorageError(f"{path} 不是 SQLite 数据库（{said}），未作任何改动")
    if code == _SQLITE_CORRUPT:
        return StorageError(f"{path} 已损坏或不完整（{said}），未作任何改动；请从备份恢复")
    if code in (_SQLITE_IOERR, _SQLITE_FULL):
        return StorageError(
            f"读写数据库 {path} 时出现 I/O 错误（{said}），未作任何改动；"
            "请检查磁盘空间、文件大小限制（ulimit -f）和目录的写入权限"
        )
    if code in (_SQLITE_CANTOPEN, _SQLITE_PERM):
        return StorageError(f"无法打开数据库 {path}（{said}）：请检查文件和所在目录的权限")
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StorageError(f"数据库 {path} 正被占用（{said}），请稍后再试")
    return StorageError(f"无法读取数据库 {path}：{dberrors.meaning(exc)}（{said}），未作任何改动")


# Text that is not UTF-8 (a flipped byte in a damaged file) is read with U+FFFD in place of
# the bad bytes instead of raising from inside the driver: shown as such, and in the event
# log and the audit log a broken chain for db check to name.
_TEXT = functools.partial(str, encoding="utf-8", errors="replace")


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    dbapi_conn.text_factory = _TEXT
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
    options = conn.get_execution_options()
    if options.get("isolation_level") == "AUTOCOMMIT":  # e.g. a migration's autocommit block
        return
    conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("govinfo_write", False) else "BEGIN")


def _peek_sqlite(path: Path) -> tuple[str | None, bool]:
    """(Alembic revision, has any table) of an existing SQLite file, read without writing
    to it (no pragma, no journal mode change): a foreign or newer file stays byte-for-byte
    as it was."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise _sqlite_says(path, exc) from None
    con.text_factory = _TEXT
    try:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = None
        if "alembic_version" in names:
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = revision[0] if revision else None
        return revision, bool(names - {"alembic_version"})
    except sqlite3.Error as exc:
        raise _sqlite_says(path, exc) from None
    except UnicodeDecodeError:  # SQLite's own message quotes a damaged schema entry's bytes
        raise StorageError(f"{path} 已损坏（数据库结构中有无法解码的字节），未作任何改动；请从备份恢复") from None
    finally:
        con.close()


def _server_tables(engine: Engine) -> bool:
    """Whether the server database's current schema holds any table."""
    with engine.connect() as conn:
        return bool(sa.inspect(conn).get_table_names())


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(migrations_dir()))
    return {r.revision for r in script.walk_revisions()}


def refuse_unknown(where: str, revision: str | None, has_tables: bool, *, adopt: bool = False) -> None:
    """A database govinfo must not migrate: another application's (tables but no govinfo
    revision), unless the clerk adopts it; or a newer govinfo's (a revision this code does
    not know)."""
    if revision is None:
        if has_tables and not adopt:
            raise StorageError(
                f"{where} 不是 govinfo 数据库（有其他程序的表，没有 govinfo 的版本记录），未作任何改动；"
                "确要在其中建立 govinfo 的表，请用 db upgrade --adopt"
            )
        return
    if revision != HEAD and revision not in known_revisions():
        raise StorageError(
            f"{where} 的架构版本 {revision} 由更新版本的 govinfo 写入，本程序（govinfo {_version()}，"
            f"架构 {HEAD}）不认识；请安装认识架构 {revision} 的 govinfo 新版本，数据库未作任何改动"
        )


def _version() -> str:
    from govinfo_cli import __version__

    return __version__


def make_engine(url: str, *, migrate: bool = True, adopt: bool = False) -> Engine:
    """An engine for the URL; a missing SQLite database is created and migrated. A foreign
    database (``adopt`` to take it over) or a newer govinfo's is refused untouched."""
    path = sqlite_path(url)
    if path is not None:
        if path.is_dir():
            raise StorageError(f"{path} 是一个目录，不是数据库文件")
        if path.exists() and _whole_file(path, adopt=adopt):
            refuse_unknown(str(path), *_peek_sqlite(path), adopt=adopt)
        if not path.exists():
            try:
                _create_private(path)
            except FileExistsError:
                if not path.exists():  # a regular file where a directory of the path should be
                    raise StorageError(f"无法创建数据库 {path}：路径中有一段不是目录") from None
                # else another clerk's first command created it a moment ago
            except OSError as exc:
                raise StorageError(f"无法创建数据库 {path}：{exc.strerror}") from None
        # a payload that is not JSON (a damaged file) is one line naming it (store.decode)
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, json_deserializer=loads)
        event.listen(engine, "connect", _on_connect)
        # pysqlite's own transaction handling is replaced by explicit BEGIN IMMEDIATE.
        event.listen(
            engine,
            "connect",
            lambda c, _r: setattr(c, "isolation_level", None),
        )
        event.listen(engine, "begin", _on_begin)
    else:
        engine = _server_engine(url)
        revision = current_revision(engine)
        if revision != HEAD:
            safe = engine.url.render_as_string(hide_password=True)
            refuse_unknown(safe, revision, revision is None and _server_tables(engine), adopt=adopt)
    if migrate:
        ensure_schema(engine)
    return engine


def _server_engine(url: str) -> Engine:
    """PostgreSQL: READ COMMITTED; concurrent writers are kept correct by row and advisory
    locks (``lock_case``, ``cache_lock``) and by ``run_write`` retrying a collision."""
    name = sa.engine.make_url(url).drivername
    args: dict[str, object] = {}
    if name.startswith("postgresql"):
        args = {"connect_timeout": 10, "application_name": "govinfo"}
    try:
        engine = sa.create_engine(url, pool_pre_ping=True, isolation_level="READ COMMITTED", connect_args=args)
    except ModuleNotFoundError as exc:
        hint = (
            "pip install 'govinfo[postgres]'（psycopg）"
            if name.startswith("postgresql")
            else "govinfo 支持 SQLite 与 PostgreSQL（postgresql+psycopg://…）"
        )
        raise StorageError(f"连接 {name} 需要驱动 {exc.name}", hint=hint) from None
    try:
        with engine.connect():
            pass
    except sa.exc.DBAPIError as exc:
        safe = engine.url.render_as_string(hide_password=True)
        said = str(exc.orig).strip().splitlines()[0]
        hint = "请检查服务器地址、端口、用户名和库名；库和角色须先建好（见 docs/postgresql.md）"
        if "permission denied for database" in said:  # closed to logins without a role (db grant)
            user = engine.url.username or "登录名"
            hint = f"本库只允许分配了角色的登录连接：请数据库所有者运行 govinfo db grant {user} clerk"
        raise StorageError(f"无法连接数据库 {safe}：{dberrors.explain(exc)}", hint=hint) from None
    return engine


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, sa.exc.ProgrammingError) as exc:
        if is_refused(exc):  # PostgreSQL: a login without a govinfo role
            safe, user = engine.url.render_as_string(hide_password=True), engine.url.username or "登录名"
            raise StorageError(
                f"登录 {user} 在数据库 {safe} 没有 govinfo 角色",
                hint=f"请数据库所有者运行 govinfo db grant {user} clerk（或 head、auditor）",
            ) from None
        return None
    except sa.exc.DatabaseError as exc:
        raise StorageError(f"无法打开数据库：{dberrors.explain(exc)}") from None


def ensure_schema(engine: Engine) -> None:
    if current_revision(engine) != HEAD:
        upgrade(engine)  # several clerks' first commands at once: upgrade() serialises them


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    # govinfo_write: on SQLite the migration takes the write lock at BEGIN (IMMEDIATE), so
    # two first uses at once run one after the other and the second finds nothing to do.
    cfg.attributes["engine"] = engine.execution_options(govinfo_write=True)
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
    from alembic.util import CommandError

    _may_migrate(engine, revision)
    for attempt in range(3):
        try:
            with _migration_lock(engine):
                command.upgrade(alembic_config(engine), revision)
            return
        except sa.exc.DatabaseError as exc:
            raise StorageError(f"数据库迁移失败：{dberrors.explain(exc)}") from None
        except CommandError:
            # Another first use migrated meanwhile (SQLite: a migration that must leave its
            # transaction, like 0004's PRAGMA, lets a second migrator read the old version):
            # done if it reached head, else run again. Otherwise the version is one this code
            # does not know: written by a newer govinfo.
            now = current_revision(engine)
            if now == HEAD and revision == "head":
                return
            if attempt == 2 or not _known_revision(engine, now):
                raise StorageError(
                    f"数据库版本 {now} 不是本程序认识的版本（本程序为 {HEAD}），"
                    "可能由更新版本的 govinfo 创建；请升级 govinfo 后再用"
                ) from None


def _may_migrate(engine: Engine, revision: str) -> None:
    """On PostgreSQL only the owner of the tables (or of an empty database) migrates: a
    clerk's login, whose newer govinfo finds an older schema, is told whom to ask."""
    if engine.dialect.name != "postgresql":
        return
    from govinfo_cli.store import roles

    now = current_revision(engine)
    if revision == "head" and now == HEAD:
        return
    who = roles.login(engine)
    if who is None or who.owner:
        return
    safe = engine.url.render_as_string(hide_password=True)
    if now is None:
        raise StorageError(
            f"数据库 {safe} 还没有 govinfo 的表；只有数据库所有者（{who.owner_name}）能建表："
            f"请所有者运行 govinfo db init（登录 {who.name} 不是所有者）"
        )
    raise StorageError(
        f"数据库 {safe} 的架构版本 {now} 早于本程序（{HEAD}），数据库未作任何改动；只有数据库所有者"
        f"（{who.owner_name}）能升级：请所有者运行 govinfo db upgrade（登录 {who.name} 不是所有者）"
    )


def _known_revision(engine: Engine, rev: str | None) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.script.revision import RevisionError
    from alembic.util import CommandError

    if rev is None:
        return True
    try:
        return ScriptDirectory.from_config(alembic_config(engine)).get_revision(rev) is not None
    except (CommandError, RevisionError):
        return False


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """One migrator at a time. PostgreSQL: a session advisory lock on its own connection.
    SQLite: an exclusive ``flock`` on the database file for the whole upgrade, because a
    migration that must leave its transaction (0004's PRAGMA) releases SQLite's own write
    lock half-way, and a second first use could then start migrating from the version the
    first had reached (``flock`` does not touch SQLite's POSIX byte-range locks)."""
    if engine.dialect.name == "sqlite":
        with _file_lock(engine.url.database):
            yield
        return
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as lock:
        lock.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": _MIGRATE_LOCK})
        lock.commit()
        try:
            yield
        finally:
            lock.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": _MIGRATE_LOCK})
            lock.commit()


@contextmanager
def _file_lock(database: str | None) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # not on this system (Windows): SQLite's own lock only
        yield
        return
    if not database or database == ":memory:" or database.startswith("file:"):
        yield
        return
    try:
        fd = os.open(database, os.O_RDONLY)  # make_engine has created it; read-only is enough
    except OSError:  # SQLite will say what is wrong with it
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextmanager
def transaction(engine: Engine) -> Iterator[sa.Connection]:
    """One write transaction; everything in it lands together or not at all."""
    with engine.connect().execution_options(govinfo_write=True) as conn, conn.begin():
        yield conn


def is_conflict(exc: BaseException) -> bool:
    """A collision with another writer that running the transaction again resolves."""
    orig = getattr(exc, "orig", None)
    # 40001 serialization failure, 40P01 deadlock, 23505 unique key taken by a concurrent
    # transaction (a case number, an event's sequence number), 55P03 lock not available
    if getattr(orig, "sqlstate", None) in ("40001", "40P01", "23505", "55P03"):
        return True
    return isinstance(orig, sqlite3.OperationalError) and ("locked" in str(orig) or "busy" in str(orig))


def is_refused(exc: BaseException) -> bool:
    """The database refused this login the write (PostgreSQL: its role may not; docs/postgresql.md)."""
    return getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501"


def run_write(engine: Engine, work: Callable[[sa.Connection], T]) -> T:
    """``work(conn)`` in one write transaction, run again from the start (after a short
    random pause) when it collides with another writer; domain errors pass straight out."""
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with transaction(engine) as conn:
                return work(conn)
        except sa.exc.DBAPIError as exc:
            if attempt == WRITE_ATTEMPTS or not is_conflict(exc):
                raise
        time.sleep(random.uniform(0, min(0.5, 0.005 * 2**attempt)))
    raise AssertionError("unreachable")


def cache_lock(conn: sa.Connection, *, exclusive: bool = False) -> None:
    """Writers of single cases share this lock; a rebuild of every case's cache (calendar or
    profile change) takes it alone, so no case is cached against a superseded calendar.
    SQLite needs nothing: BEGIN IMMEDIATE already serialises all writers."""
    if conn.dialect.name == "postgresql":
        fn = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
        conn.execute(sa.text(f"SELECT {fn}(:k)"), {"k": _CACHE_LOCK})


def trail_lock(conn: sa.Connection) -> None:
    """Held by a transaction that appends to the audit log or the year locks until it ends,
    so each new entry is chained to the one before it (PostgreSQL; SQLite's BEGIN
    IMMEDIATE already serialises all writers)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _TRAIL_LOCK})


def reset_sequences(conn: sa.Connection, tables: list[sa.Table]) -> None:
    """After rows were copied in with their ids: PostgreSQL's serial sequences continue
    after the largest id (SQLite needs nothing: it takes max(rowid) + 1)."""
    if conn.dialect.name != "postgresql":
        return
    for t in tables:
        if "id" not in t.c or not isinstance(t.c.id.type, sa.Integer):
            continue
        conn.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{t.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {t.name}), 0) + 1, false)"
            )
        )


def backup(engine: Engine, dest: Path) -> None:
    """A complete, consistent copy even while others write (SQLite online backup), into
    ``dest``: a new or empty file (the caller makes it private and renames it into place)."""
    path = sqlite_path(str(engine.url))
    if path is None:
        raise StorageError("db backup 仅适用于 SQLite；PostgreSQL 请使用 pg_dump")
    try:
        src = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            out = sqlite3.connect(dest)
            try:
                src.backup(out)
                out.execute("PRAGMA journal_mode=DELETE")
            finally:
                out.close()
        finally:
            src.close()
    except sqlite3.Error as exc:  # disk full, a source that is not a database …
        raise StorageError(f"备份失败：{exc}") from None
    os.chmod(dest, 0o600)


def integrity(engine: Engine) -> str:
    if sqlite_path(str(engine.url)) is None:
        return "ok"
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
        fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    text = "; ".join(r[0] for r in rows)
    if fk:
        text += f"; 外键不一致 {len(fk)} 处"
    return text


def journal_mode(engine: Engine) -> str:
    if sqlite_path(str(engine.url)) is None:
        return "-"
    with engine.connect() as conn:
        return str(conn.exec_driver_sql("PRAGMA journal_mode").scalar())
