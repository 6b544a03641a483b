"""Database upkeep: where it is, its health, backups."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.store import db
from govinfo_cli.store.cases import cases_by_kind, count_rows
from govinfo_cli.store.tables import audit_t, cases_t, deadlines_t, events_t, locks_t

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context


def check(ctx: Context, url: str | None = None) -> dict[str, Any]:
    engine = ctx.engine if url is None else db.make_engine(url, migrate=False)
    revision = db.current_revision(engine)
    integrity = db.integrity(engine)
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        tables = (
            ("cases", cases_t),
            ("events", events_t),
            ("deadlines", deadlines_t),
            ("audit", audit_t),
            ("year_locks", locks_t),
        )
        for name, table in tables:
            counts[name] = count_rows(conn, table)
        by_kind = cases_by_kind(conn)
    path = db.sqlite_path(str(engine.url))
    mode = None
    if path is not None and path.exists():
        mode = oct(stat.S_IMODE(os.stat(path).st_mode))
    healthy = revision == db.HEAD and integrity == "ok"
    return {
        "url": _safe_url(str(engine.url)),
        "revision": revision,
        "head": db.HEAD,
        "integrity": integrity,
        "journal_mode": db.journal_mode(engine),
        "file_mode": mode,
        "counts": counts,
        "cases_by_kind": by_kind,
        "healthy": healthy,
    }


def _safe_url(url: str) -> str:
    return sa.engine.make_url(url).render_as_string(hide_password=True)


def backup(ctx: Context, dest: Path) -> dict[str, Any]:
    """An online backup written to a temporary file beside ``dest`` and renamed into place
    (never over an existing file); a failure leaves nothing behind."""
    from govinfo_cli.app.files import atomic_path

    with atomic_path(dest, overwrite=False) as tmp:
        db.backup(ctx.engine, tmp)
    return check(ctx, f"sqlite:///{dest.absolute()}")
