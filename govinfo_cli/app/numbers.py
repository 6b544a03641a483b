"""Finding the case a clerk means: the typed number normalised (core.numbers), a bare
``1`` / ``1号`` taken as this year's case of that number when only one case has it, and a
near miss answered with the closest numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govinfo_cli.core import codes
from govinfo_cli.core.errors import NotFound, ValidationError
from govinfo_cli.core.numbers import bare_seq, normalize

if TYPE_CHECKING:
    import sqlalchemy as sa

    from govinfo_cli.app.context import Context
    from govinfo_cli.store.typed import Row


def resolve(ctx: Context, typed: str, kind: str | None = None) -> str:
    """The stored number ``typed`` means (of ``kind`` when given); refuses with the
    candidates (several cases) or the closest numbers (none)."""
    with ctx.engine.connect() as conn:
        return str(find(ctx, conn, typed, kind).number)


def find(ctx: Context, conn: sa.Connection, typed: str, kind: str | None = None) -> Row:
    """The case row ``typed`` means (``resolve``), found on ``conn`` by an index: a command
    that reads the case looks it up once."""
    from govinfo_cli.app import settings
    from govinfo_cli.store import cases
    from govinfo_cli.store.settings import pattern_key

    number = normalize(typed)
    for candidate in dict.fromkeys((number, typed.strip())):
        row = cases.find_case(conn, candidate, kind) if candidate else None
        if row is not None:
            return row
    seq = bare_seq(typed)
    if seq is not None:  # this year's case of that number: the default kind (requests) first
        year = ctx.today.year

        def this_year(k: str) -> Row | None:
            pattern = settings.get(ctx, pattern_key(k), conn=conn)
            try:
                full = pattern.format(year=year, seq=seq)
            except (KeyError, IndexError, ValueError):
                return None
            return cases.find_case(conn, full, k)

        mine = this_year(kind or "request")
        if mine is not None:
            return mine
        found = [str(r.number) for k in codes.KINDS if k != (kind or "request") and (r := this_year(k)) is not None]
        if found and kind is None:
            raise ValidationError(f"{typed} 可能是：{'、'.join(found)}；请写完整编号")
    known = [n for n, _ in cases.numbers(conn, kind)]
    import difflib

    close = difflib.get_close_matches(number, known, n=3, cutoff=0.6)
    what = f"{codes.KINDS[kind]}案件" if kind else "案件"
    raise NotFound(f"找不到{what} {typed}" + (f"；是否想找：{'、'.join(close)}？" if close else ""))
