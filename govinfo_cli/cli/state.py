"""The global options of the current invocation, turned into an app Context.

The Context is an immutable value: it is set once by the root callback and only ever
replaced whole (``use``: ``demo`` swaps in its own), never changed in place."""

from __future__ import annotations

from govinfo_cli.app.context import Context

_current: Context | None = None


def use(context: Context) -> Context:
    """Make ``context`` the current invocation's context."""
    global _current
    _current = context
    return context


def set_context(*, db: str | None, today: str | None, by: str | None) -> None:
    import os

    context = use(Context(db=db, today_opt=today, by=by))
    if by is not None or "GOVINFO_USER" in os.environ:
        _ = context.operator  # a blank --by / GOVINFO_USER is refused before any command runs


def ctx() -> Context:
    if _current is None:  # a sub-app invoked on its own (tests)
        return use(Context())
    return _current
