"""Finding the case a clerk means: the typed number normalised (core.numbers), a bare
``1`` / ``1号`` taken as this year's case of that number when only one case has it, and a
near miss answered with the closest numbers.

Every command that names a case goes through this module, once (tests/test_case_numbers.py
runs every such command with every spelling): an existing case through ``resolve`` (a case
argument, ``audit --case``, ``appeal … --request`` through ``linked_request``), the number of
a case being opened (``--case`` of ``request add`` and the other opening commands) through
``new_number``."""

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
    from govinfo_cli.store import cases

    row = _stored_row(conn, typed, kind)
    if row is not None:
        return row
    seq = bare_seq(typed)
    if seq is not None:  # this year's case of that number: the default kind (requests) first
        year = ctx.today.year

        def this_year(k: str) -> Row | None:
            full = _full(ctx, conn, k, year, seq)
            return cases.find_case(conn, full, k) if full else None

        mine = this_year(kind or "request")
        if mine is not None:
            return mine
        found_in = [str(r.number) for k in codes.KINDS if k != (kind or "request") and (r := this_year(k)) is not None]
        if found_in and kind is None:
            raise ValidationError(f"{typed} 可能是：{'、'.join(found_in)}；请写完整编号")
    known = [n for n, _ in cases.numbers(conn, kind)]
    import difflib

    close = difflib.get_close_matches(normalize(typed), known, n=3, cutoff=0.6)
    what = f"{codes.KINDS[kind]}案件" if kind else "案件"
    raise NotFound(f"找不到{what} {typed}" + (f"；是否想找：{'、'.join(close)}？" if close else ""))


def linked_request(ctx: Context, typed: str, *, external: bool) -> str:
    """The request an appeal is about (``--request``): resolved among requests like any case
    argument; with ``external`` (a request not in govinfo) a number govinfo does not have is
    kept as text, spelled as stored (normalised)."""
    try:
        return resolve(ctx, typed, "request")
    except NotFound as exc:
        if external:
            return normalize(typed) or typed
        raise NotFound(
            exc.message,
            hint='申请不在本系统（较早或在别处办理）时加 --external，只记其编号（事件行中为 "external": true）',
        ) from None


def new_number(ctx: Context, typed: str, kind: str, year: int) -> str:
    """The number a clerk gives a case being opened (``request add --case …``; ``year``: the
    opening event's). Spelled as stored (``normalize``: 【】, (), full-width digits), so that
    `show` finds it however it is typed later; a number some case of ``kind`` already has
    (typed as stored, or in any spelling of it) is that case's, as the opening commands that
    may add to a case expect (``disclosure policy --case``). A bare ``1`` / ``1号`` is not
    taken as an existing case here, nor made into a new number silently: it is refused with
    the full number the office's pattern gives (unless the pattern is the bare number)."""
    number = normalize(typed)
    if not number:
        return typed  # recording refuses an empty number
    with ctx.engine.connect() as conn:
        found = _stored(conn, typed, kind)
        if found is not None:
            return found
        seq = bare_seq(typed)
        if seq is None:
            return number
        full = _full(ctx, conn, kind, year, seq)
    if full is None or full == number:
        return number
    raise ValidationError(f"编号 {typed.strip()} 不完整：请写完整编号，如 {full}（不写编号则按编号格式自动生成）")


def _stored(conn: sa.Connection, typed: str, kind: str | None) -> str | None:
    """``typed`` as a stored number: normalised, or exactly as typed (a number imported as
    written, e.g. with ASCII brackets)."""
    row = _stored_row(conn, typed, kind)
    return None if row is None else str(row.number)


def _stored_row(conn: sa.Connection, typed: str, kind: str | None) -> Row | None:
    from govinfo_cli.store import cases

    for candidate in dict.fromkeys((normalize(typed), typed.strip())):
        row = cases.find_case(conn, candidate, kind) if candidate else None
        if row is not None:
            return row
    return None


def _full(ctx: Context, conn: sa.Connection, kind: str, year: int, seq: int) -> str | None:
    """The number the office's pattern for ``kind`` gives case ``seq`` of ``year``."""
    from govinfo_cli.app import settings
    from govinfo_cli.store.settings import pattern_key

    pattern = settings.get(ctx, pattern_key(kind), conn=conn)
    try:
        return str(pattern.format(year=year, seq=seq))
    except (KeyError, IndexError, ValueError):
        return None
