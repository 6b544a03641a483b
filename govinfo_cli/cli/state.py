"""The global options of the current invocation, turned into an app Context."""

from __future__ import annotations

from govinfo_cli.app.context import Context

_current: Context | None = None


def set_context(*, db: str | None, today: str | None, by: str | None) -> None:
    global _current
    _current = Context(db=db, today_opt=today, by=by)


def ctx() -> Context:
    if _current is None:  # a sub-app invoked on its own (tests)
        set_context(db=None, today=None, by=None)
    assert _current is not None
    return _current
