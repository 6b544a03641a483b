"""The global options of the current invocation, turned into an app Context.

The Context is an immutable value: it is set once by the root callback and only ever
replaced whole (``use``: ``demo`` swaps in its own), never changed in place."""

from __future__ import annotations

import os
from collections.abc import Sequence

from govinfo_cli.app.context import Context, given_operator

_current: Context | None = None

# The commands that create a database on purpose; every other command refuses a database
# named by --db / GOVINFO_DB that does not exist (a typo must not look like an empty office).
CREATING: frozenset[tuple[str, ...]] = frozenset(
    {("demo",), ("db", "init"), ("db", "upgrade"), ("db", "path"), ("completion",)}  # the last two open none
)


def use(context: Context) -> Context:
    """Make ``context`` the current invocation's context."""
    global _current
    _current = context
    return context


def set_context(*, db: str | None, today: str | None, by: str | None) -> None:
    use(Context(db=db, today_opt=today, by=by))
    given_operator(by)  # a blank --by / GOVINFO_USER is refused before any command runs


def ctx() -> Context:
    if _current is None:  # a sub-app invoked on its own (tests)
        return use(Context())
    return _current


def require_existing_db(db: str | None, rest: Sequence[str]) -> None:
    """Refuse (exit 1, nothing created) a SQLite database named by --db or GOVINFO_DB that
    does not exist, unless the command creates one on purpose or only help is asked for.
    The default data-directory database is still created on first use."""
    named = db or os.environ.get("GOVINFO_DB")
    file = _sqlite_file(named) if named else None
    if not file or not rest:
        return
    if any(a in ("-h", "--help") for a in rest):
        return
    words = tuple(a for a in rest[:2] if not a.startswith("-"))
    if words[:1] in CREATING or words[:2] in CREATING:
        return
    import shlex
    from pathlib import Path

    path = Path(file).expanduser().absolute()
    if path.exists():
        return
    from govinfo_cli.core.errors import ValidationError

    where = "--db" if db else "GOVINFO_DB"
    shown = path if file == named else named
    raise ValidationError(
        f"数据库 {shown} 不存在（{where}）；如需新建：govinfo --db {shlex.quote(str(shown))} db init",
    )


def _sqlite_file(named: str) -> str | None:
    """The file a --db value names: a path, or the file of a SQLite URL (``sqlite:///x.db``,
    ``sqlite+pysqlite:////abs/x.db``, SQLite's own ``file:`` URIs); None for a server's URL
    or an in-memory database."""
    scheme, sep, rest = named.partition("://")
    if not sep:
        return named
    if scheme.split("+", 1)[0].lower() != "sqlite":
        return None
    from urllib.parse import unquote

    database = unquote(rest.removeprefix("/").partition("?")[0])
    if database.startswith("file:"):
        database = database.removeprefix("file:")
    return None if database in ("", ":memory:") else database
