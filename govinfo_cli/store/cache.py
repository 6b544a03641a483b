"""The deadline cache: each case's row columns and deadlines, derived by replay and
replaced whole. ``due`` reads it with one indexed query (``store.due``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from govinfo_cli.core import codes
from govinfo_cli.core.errors import DamagedRecord
from govinfo_cli.core.events import Event
from govinfo_cli.core.rules import CaseState
from govinfo_cli.store.cases import EVENT_ROW, name_case, to_event
from govinfo_cli.store.decode import raw
from govinfo_cli.store.tables import COPIED, PENDING, cases_t, deadlines_t, events_t
from govinfo_cli.store.typed import Row


def case_row(kind: str, st: CaseState) -> dict[str, Any]:
    """The cached columns of a case's row, from its replayed state."""
    f = st.facts
    if kind == "request":
        party, ptype, subject = f.get("applicant"), f.get("applicant_type"), f.get("subject")
    elif kind == "complaint":  # the reporter is confidential and never cached
        party, ptype, subject = f.get("respondent"), None, f.get("summary")
    elif kind == "appeal":
        party = codes.label(codes.LAWSUIT_ROUTES, f.get("route")) if f.get("appeal") == "lawsuit" else "行政复议"
        ptype, subject = f.get("appeal"), f.get("request")
    elif kind == "record_correction":  # 更正申请 (docs/rules.md §11)
        party, ptype, subject = f.get("applicant"), f.get("applicant_type"), f.get("subject")
    elif kind == "disclosure":  # the item's title stands where a party would
        party, ptype, subject = f.get("title"), f.get("decision") or f.get("attribute"), f.get("category")
    else:
        party, ptype, subject = f.get("summary"), "major" if f.get("major") else None, None
    return {
        "status": st.status,
        "outcome": st.outcome,
        "department": f.get("department"),
        "party": party,
        "party_type": ptype,
        "subject": subject,
        "opened": st.opened,
        "closed": st.closed,
    }


def deadline_rows(
    case_id: int, kind: str, number: str, st: CaseState, row: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """One row per deadline, a consultation's one per party consulted (``CaseState.rows``),
    each with its case's number, kind and COPIED columns (``row``: the case's ``case_row``,
    when the caller has it)."""
    row = row or case_row(kind, st)
    same = {"case_id": case_id, "number": number, "kind": kind, **{k: row[k] for k in COPIED}}
    return [
        {
            **same,
            "code": d.code,
            "due": d.due,
            "due_at": d.due_at,
            "state": d.state,
            "provisional": d.provisional,
            "quiet": d.quiet,
            "basis": d.basis,
            "name": d.name or "",
        }
        for d in st.rows()
    ]


def compared(row: Mapping[Any, Any]) -> tuple[Any, ...]:
    """What a check compares of a cached deadline row (a ``deadline_rows`` dict or a stored
    row's mapping): its deadline and the copies of its case's columns."""
    return (
        row["code"],
        row["name"] or "",
        row["due"],
        row["state"],
        bool(row["provisional"]),
        row["number"],
        row["kind"],
        *(row[k] for k in COPIED),
    )


def write_cache(conn: sa.Connection, case_id: int, kind: str, number: str, st: CaseState, n_events: int) -> None:
    row = case_row(kind, st)
    conn.execute(sa.update(cases_t).where(cases_t.c.id == case_id).values(**row, event_count=n_events))
    conn.execute(sa.delete(deadlines_t).where(deadlines_t.c.case_id == case_id))
    rows = deadline_rows(case_id, kind, number, st, row)
    if rows:
        conn.execute(sa.insert(deadlines_t), rows)


def write_caches(conn: sa.Connection, states: Sequence[tuple[int, str, str, CaseState, int]]) -> None:
    """``write_cache`` for many cases at once, (case_id, kind, number, state, event count)
    each: one executemany per table (a recompute writes thousands of cases)."""
    if not states:
        return
    rows = {case_id: case_row(kind, st) for case_id, kind, _, st, _ in states}
    conn.execute(
        sa.update(cases_t).where(cases_t.c.id == sa.bindparam("_id")),
        [{"_id": case_id, **rows[case_id], "event_count": n} for case_id, _, _, _, n in states],
    )
    conn.execute(sa.delete(deadlines_t).where(deadlines_t.c.case_id.in_([s[0] for s in states])))
    dls = [
        r for case_id, kind, number, st, _ in states for r in deadline_rows(case_id, kind, number, st, rows[case_id])
    ]
    if dls:
        conn.execute(sa.insert(deadlines_t), dls)


def all_cases(conn: sa.Connection) -> Sequence[Row]:
    return conn.execute(sa.select(cases_t)).all()


def cached_deadlines(conn: sa.Connection, case_id: int) -> Sequence[Row]:
    return conn.execute(sa.select(deadlines_t).where(deadlines_t.c.case_id == case_id)).all()


def chosen_cases(*, days: Sequence[dt.date] = (), provisional_only: bool = False) -> Any:
    """A subquery of the case ids a recompute must replay, or None for every case.

    ``days``: the cases opened on or before the last of them, with a cached due date on
    or after the first; ``provisional_only``: the cases with a provisional mark."""
    if days:
        return (
            sa.select(deadlines_t.c.case_id)
            .distinct()
            .join(cases_t, cases_t.c.id == deadlines_t.c.case_id)
            .where(deadlines_t.c.due >= min(days), sa.or_(cases_t.c.opened.is_(None), cases_t.c.opened <= max(days)))
        )
    if provisional_only:
        return sa.select(deadlines_t.c.case_id).distinct().where(deadlines_t.c.provisional.is_(True))
    return None


def _only(q: Any, column: Any, chosen: Any) -> Any:
    return q if chosen is None else q.where(column.in_(chosen))


def deadline_marks(
    conn: sa.Connection, chosen: Any, ids: Sequence[int] | None = None
) -> dict[tuple[int, str, str], tuple[Any, str, bool]]:
    """(case_id, code, name) -> (due, state, provisional) of the chosen cases' cached deadlines
    (``ids``: instead, of these cases)."""
    q = sa.select(
        deadlines_t.c.case_id,
        deadlines_t.c.code,
        deadlines_t.c.name,
        deadlines_t.c.due,
        deadlines_t.c.state,
        deadlines_t.c.provisional,
    )
    q = _only(q, deadlines_t.c.case_id, chosen) if ids is None else q.where(deadlines_t.c.case_id.in_(ids))
    return {(r.case_id, r.code, r.name): (r.due, r.state, bool(r.provisional)) for r in conn.execute(q)}


def events_by_case(conn: sa.Connection, chosen: Any, ids: Sequence[int] | None = None) -> dict[int, list[Event]]:
    """The chosen cases' events, grouped by case id, each log in order; ``ids``: instead,
    these cases (a batch of a long walk, at most a few thousand)."""
    grouped: dict[int, list[Event]] = {}
    if ids is None:
        q = _only(sa.select(*EVENT_ROW), events_t.c.case_id, chosen)
    else:
        q = sa.select(*EVENT_ROW).where(events_t.c.case_id.in_(ids))
    try:
        for r in conn.execute(q.order_by(events_t.c.case_id, events_t.c.seq)):
            grouped.setdefault(r.case_id, []).append(to_event(r))
    except DamagedRecord as exc:
        raise name_case(conn, exc) from None
    return grouped


def case_kinds(conn: sa.Connection, chosen: Any) -> dict[int, tuple[str, str]]:
    """case id -> (kind, number) of the chosen cases."""
    q = _only(sa.select(cases_t.c.id, cases_t.c.kind, cases_t.c.number), cases_t.c.id, chosen)
    return {r.id: (r.kind, r.number) for r in conn.execute(q)}


def next_pending(conn: sa.Connection) -> dict[int, tuple[str, dt.date]]:
    """case id -> (code, due) of each case's earliest pending dated deadline."""
    d = deadlines_t
    nxt: dict[int, tuple[str, dt.date]] = {}
    for r in conn.execute(
        sa.select(d.c.case_id, d.c.code, d.c.due).where(PENDING, d.c.due.is_not(None)).order_by(d.c.due)
    ):
        nxt.setdefault(r.case_id, (r.code, r.due))
    return nxt


STREAM = 2000  # rows fetched at a time by the streamed walks below


def _stream(conn: sa.Connection, stmt: Any) -> Any:
    return conn.execution_options(stream_results=True, yield_per=STREAM).execute(stmt)


def _as_stored(table: sa.Table, *names: str) -> list[Any]:
    return [raw(c) if c.name in names else c for c in table.c]


def cases_in_order(conn: sa.Connection) -> Any:
    """Every case row, by id, its cached dates as stored (``db check`` decodes them: a
    damaged one is a cache difference, which ``--repair`` rewrites) (streamed)."""
    return _stream(conn, sa.select(*_as_stored(cases_t, "opened", "closed", "created_at")).order_by(cases_t.c.id))


def event_rows_in_order(conn: sa.Connection) -> Any:
    """Every event row as stored (``EVENT_ROW``: for ``to_event``), case by case, each log
    in order (streamed)."""
    return _stream(conn, sa.select(*EVENT_ROW).order_by(events_t.c.case_id, events_t.c.seq))


def deadlines_in_order(conn: sa.Connection) -> Any:
    """Every cached deadline, case by case, its dates as stored (streamed)."""
    stmt = sa.select(*_as_stored(deadlines_t, "due", "due_at")).order_by(deadlines_t.c.case_id, deadlines_t.c.code)
    return _stream(conn, stmt)


def case_ids(conn: sa.Connection, numbers: Sequence[str]) -> dict[tuple[str, str], int]:
    """(kind, number) -> case id for the cases with these numbers."""
    rows = conn.execute(sa.select(cases_t.c.number, cases_t.c.id, cases_t.c.kind).where(cases_t.c.number.in_(numbers)))
    return {(r.kind, r.number): r.id for r in rows}


def event_rows_with_case(conn: sa.Connection) -> Any:
    """Every event row as stored (``EVENT_ROW``) with its case's kind and number, case by
    case, each log in order (streamed): what the head hash is computed from."""
    e, c = events_t, cases_t
    stmt = sa.select(*EVENT_ROW, c.c.kind, c.c.number).join(c, c.c.id == e.c.case_id).order_by(e.c.case_id, e.c.seq)
    return _stream(conn, stmt)


def event_rows_of(conn: sa.Connection, case_id: int) -> Sequence[Row]:
    """A case's event rows as stored (``EVENT_ROW``: for ``to_event``), in order."""
    return conn.execute(sa.select(*EVENT_ROW).where(events_t.c.case_id == case_id).order_by(events_t.c.seq)).all()
