"""The demo: the sample year of a county medical-insurance bureau in a fresh database."""

from __future__ import annotations

import tempfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govinfo_cli.core.errors import Refusal, StorageError

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context


def sample_file(name: str) -> Path:
    """A file of sample_data/: shipped in the package, or the source tree's own."""
    try:
        path = Path(str(resources.files("govinfo_cli.sample_data") / name))
        if path.exists():
            return path
    except ModuleNotFoundError:
        pass
    path = Path(__file__).resolve().parents[2] / "sample_data" / name
    if not path.exists():
        raise StorageError(f"找不到示例数据 {name}")
    return path


def demo_context(ctx: Context, *, default_today: str) -> Context:
    """The demo's context: ``ctx`` with --today defaulting to the sample's day and --db to
    a fresh temporary file (never the clerk's own database)."""
    tmp = None if ctx.db is not None else str(Path(tempfile.mkdtemp(prefix="govinfo-demo-")) / "demo.db")
    return ctx.with_defaults(db=tmp, today=default_today)


def load(ctx: Context) -> dict[str, Any]:
    """Load the sample year into ``ctx``'s database (which must be empty); see ``demo_context``."""
    from govinfo_cli.app import catalogue
    from govinfo_cli.app.event_import import import_events
    from govinfo_cli.store.cases import cases_t, count_rows, events_t
    from govinfo_cli.store.db import sqlite_path

    with ctx.engine.connect() as conn:
        if count_rows(conn, cases_t):
            raise Refusal("演示只能载入空数据库；请用 --db 指定一个新文件")
    with open(sample_file("events.jsonl"), encoding="utf-8") as fh:
        import_events(ctx, fh)
    catalogue.import_catalogue(ctx, sample_file("catalogue.csv"))
    with ctx.engine.connect() as conn:
        n_cases = count_rows(conn, cases_t)
        n_events = count_rows(conn, events_t)
    path = sqlite_path(ctx.url)
    return {
        "path": str(path) if path else ctx.url,
        "cases": n_cases,
        "events": n_events,
        "today": ctx.today.isoformat(),
    }
