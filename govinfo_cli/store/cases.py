"""The event log's queries: find a case, load its events, append one, lock a case.

Table handles (``cases_t`` …) live here so every query module uses the same ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from govinfo_cli.core.chain import event_chain
from govinfo_cli.core.errors import DamagedRecord, NotFound, ValidationError
from govinfo_cli.core.events import Event
from govinfo_cli.store import decode
from govinfo_cli.store.tables import audit_t, cases_t, events_t, locks_t
from govinfo_cli.store.trail import AUDIT_ROW, AuditEntry, audit_entry
from govinfo_cli.store.typed import Row

# An event row as stored (date, payload and recording time undecoded): ``to_event`` decodes
# it through store.decode, so a damaged value names its case and event.
EVENT_ROW = (
    events_t.c.id,
    events_t.c.case_id,
    events_t.c.seq,
    events_t.c.type,
    decode.raw(events_t.c.date),
    decode.raw(events_t.c.payload),
    events_t.c.operator,
    decode.raw(events_t.c.recorded_at),
    events_t.c.chain,
)


def case_select(number: str, kind: str | None = None) -> sa.Select[Any]:
    """The case numbered ``number`` (of ``kind``): through an index at any size (the unique
    (kind, number) one, or ix_cases_number without a kind)."""
    stmt = sa.select(cases_t).where(cases_t.c.number == number.strip())
    return stmt.where(cases_t.c.kind == kind) if kind else stmt


def find_case(conn: sa.Connection, number: str, kind: str | None = None) -> Row | None:
    rows = conn.execute(case_select(number, kind)).all()
    if len(rows) > 1:
        kinds = "、".join(r.kind for r in rows)
        raise ValidationError(f"编号 {number} 同时存在于 {kinds}，请用 --kind 指定类别")
    return rows[0] if rows else None


def get_case(conn: sa.Connection, number: str, kind: str | None = None) -> Row:
    row = find_case(conn, number, kind)
    if row is None:
        raise NotFound(f"找不到案件 {number}")
    return row


def load_events(conn: sa.Connection, case_id: int) -> list[Event]:
    rows = conn.execute(sa.select(*EVENT_ROW).where(events_t.c.case_id == case_id).order_by(events_t.c.seq))
    try:
        return [to_event(r) for r in rows]
    except DamagedRecord as exc:
        raise name_case(conn, exc) from None


def to_event(r: Any, case: str | None = None) -> Event:
    """An event row (``EVENT_ROW``) as a core Event: payload, date and recording time (in
    UTC) decoded by store.decode. A value it cannot read is a ``DamagedRecord`` naming the
    event, and the case: ``case`` (its number) if given, else ``name_case`` adds it."""
    return decoded(r, case)[0]


def decoded(r: Any, case: str | None = None) -> tuple[Event, dt.datetime | None]:
    """``to_event``, and the recording time exactly as stored (UTC, to the microsecond: what
    the event's chain covers)."""
    day, payload, stamp = content(r, case)
    event = Event(
        type=r.type,
        date=day,
        data=payload,
        seq=r.seq,
        operator=r.operator,
        recorded_at=stamp.isoformat(timespec="seconds") if stamp else "",
    )
    return event, stamp


def content(r: Any, case: str | None = None) -> tuple[dt.date, dict[str, Any], dt.datetime | None]:
    """(date, payload, recording time in UTC) of an event row (``EVENT_ROW``), decoded; a
    value it cannot read is a ``DamagedRecord`` naming the event (and ``case``, if given)."""
    try:
        return (
            decode.day(r.date),
            decode.payload(r.payload),
            decode.optional(decode.stamp, r.recorded_at, "recorded_at"),
        )
    except DamagedRecord as exc:
        exc.at(f"第 {r.seq} 个事件（{r.type}）")
        if case is None:
            exc.case_id = r.case_id
        raise exc.at(f"案件 {case} ") if case is not None else exc from None


def payload_of(conn: sa.Connection, r: Any) -> dict[str, Any]:
    """The payload of an event row selected with ``decode.raw(events_t.c.payload)`` beside its
    ``case_id``, ``seq`` and ``type``: decoded, or a ``DamagedRecord`` naming case and event."""
    try:
        return decode.payload(r.payload)
    except DamagedRecord as exc:
        exc.at(f"第 {r.seq} 个事件（{r.type}）")
        exc.case_id = r.case_id
        raise name_case(conn, exc) from None


def name_case(conn: sa.Connection, exc: DamagedRecord) -> DamagedRecord:
    """``exc`` naming the case (its number) of the event it could not read."""
    if exc.case_id is not None:
        number = conn.execute(sa.select(cases_t.c.number).where(cases_t.c.id == exc.case_id)).scalar()
        exc.at(f"案件 {number if number is not None else f'（内部编号 {exc.case_id}）'} ")
        exc.case_id = None
    return exc


def locked_years(conn: sa.Connection) -> set[int]:
    return set(conn.execute(sa.select(locks_t.c.year)).scalars())


def next_seq(conn: sa.Connection, case_id: int) -> int:
    top = conn.execute(sa.select(sa.func.max(events_t.c.seq)).where(events_t.c.case_id == case_id)).scalar()
    return (top or 0) + 1


def insert_case(conn: sa.Connection, kind: str, number: str, now: dt.datetime) -> int:
    key = conn.execute(
        sa.insert(cases_t).values(kind=kind, number=number, status="open", event_count=0, created_at=now)
    ).inserted_primary_key
    assert key is not None  # a single-row INSERT always has one
    case_id: int = key[0]
    return case_id


def append_event(
    conn: sa.Connection,
    case_id: int,
    seq: int,
    type_: str,
    date: dt.date,
    payload: dict[str, Any],
    *,
    operator: str,
    now: dt.datetime,
) -> None:
    """Append one event, chained to the previous event of its case (core.chain)."""
    prev = sa.select(events_t.c.chain).where(events_t.c.case_id == case_id, events_t.c.seq == seq - 1).scalar_subquery()
    head = conn.execute(sa.select(cases_t.c.kind, cases_t.c.number, prev).where(cases_t.c.id == case_id)).one()
    chain = event_chain(head[2], head.kind, head.number, seq, type_, date, payload, operator, now)
    conn.execute(
        sa.insert(events_t).values(
            case_id=case_id,
            seq=seq,
            type=type_,
            date=date,
            payload=payload,
            operator=operator,
            recorded_at=now,
            chain=chain,
        )
    )


def lock_case(conn: sa.Connection, case_id: int) -> None:
    """Writers of one case queue on its row (PostgreSQL ``SELECT … FOR UPDATE``), so the
    events a writer replays are the case's whole log and its sequence number is free.
    A new case needs no lock: the unique number makes a concurrent twin fail, and retry."""
    conn.execute(sa.select(cases_t.c.id).where(cases_t.c.id == case_id).with_for_update())


def count_numbered(conn: sa.Connection, kind: str, like: str) -> int:
    """How many cases of ``kind`` have a number matching the LIKE pattern."""
    where = [cases_t.c.kind == kind, cases_t.c.number.like(like)]
    prefix = like.split("%", 1)[0].split("_", 1)[0]
    if prefix and conn.dialect.name == "sqlite" and ord(prefix[-1]) < 0x10FFFF:
        # SQLite's LIKE ignores ASCII case, so it cannot use the (kind, number) index; in
        # SQLite's binary order every number starting with the prefix lies in this range
        # (a read of the numbers of one year, not a scan of every case of the kind).
        where += [cases_t.c.number >= prefix, cases_t.c.number < prefix[:-1] + chr(ord(prefix[-1]) + 1)]
    return conn.execute(sa.select(sa.func.count()).select_from(cases_t).where(*where)).scalar() or 0


def requests_by_since(conn: sa.Connection, applicant: Any, since: dt.date, *, other_than: str) -> list[Row]:
    """(number, subject) of the applicant's requests opened on or after ``since``, oldest first."""
    return list(
        conn.execute(
            sa.select(cases_t.c.number, cases_t.c.subject)
            .where(
                cases_t.c.kind == "request",
                cases_t.c.party == applicant,
                cases_t.c.opened >= since,
                cases_t.c.number != other_than,
            )
            .order_by(cases_t.c.id)  # oldest first, on every backend
        )
    )


def linked_appeals(conn: sa.Connection, number: str) -> list[Row]:
    """Appeals (复议/诉讼) that name this request."""
    return list(
        conn.execute(
            sa.select(cases_t)
            .where(cases_t.c.kind == "appeal", cases_t.c.subject == number)
            .order_by(cases_t.c.id)  # in the order received, on every backend
        )
    )


def audit_rows(conn: sa.Connection, target: str) -> list[AuditEntry]:
    """The audit entries about ``target``, in order, decoded (a damaged time names its entry)."""
    rows = conn.execute(sa.select(*AUDIT_ROW).where(audit_t.c.target == target).order_by(audit_t.c.id))
    return [audit_entry(r) for r in rows]


def complaint_reporters(conn: sa.Connection) -> dict[int, str]:
    """case id -> the reporter named when each complaint was accepted (confidential)."""
    reporters: dict[int, str] = {}
    for r in conn.execute(sa.select(*EVENT_ROW).where(events_t.c.type == "complaint_accepted")):
        reporters[r.case_id] = to_event(r).data.get("reporter", "") if r.payload is not None else ""
    return reporters


def cases_of_kind(conn: sa.Connection, kind: str, status: str | None = None) -> Sequence[Row]:
    """Every case of a kind (with that status), by opening date then number."""
    stmt = sa.select(cases_t).where(cases_t.c.kind == kind).order_by(cases_t.c.opened, cases_t.c.number)
    # a voided case (docs/rules.md §12) is listed only when asked for by its status
    stmt = stmt.where(cases_t.c.status == status) if status else stmt.where(cases_t.c.status != "voided")
    return conn.execute(stmt).all()


def numbers(conn: sa.Connection, kind: str | None = None) -> list[tuple[str, str]]:
    """(number, kind) of every case (of ``kind``)."""
    stmt = sa.select(cases_t.c.number, cases_t.c.kind)
    if kind:
        stmt = stmt.where(cases_t.c.kind == kind)
    return [(r.number, r.kind) for r in conn.execute(stmt)]


def departments(conn: sa.Connection) -> list[str]:
    """The departments that have cases, sorted."""
    col = cases_t.c.department
    stmt = sa.select(col).where(col.is_not(None), col != "").distinct().order_by(col)
    return [r[0] for r in conn.execute(stmt)]


def existing_numbers(conn: sa.Connection, kind: str, numbers: list[str]) -> set[str]:
    """Which of ``numbers`` the office has as cases of ``kind``."""
    return set(
        conn.execute(sa.select(cases_t.c.number).where(cases_t.c.kind == kind, cases_t.c.number.in_(numbers))).scalars()
    )


def first_opened_except(conn: sa.Connection, unlike: list[str]) -> dt.date | None:
    """The earliest opening date of the cases whose number matches none of the LIKE patterns."""
    return conn.execute(
        sa.select(sa.func.min(cases_t.c.opened)).where(*(cases_t.c.number.not_like(p) for p in unlike))
    ).scalar()


def count_rows(conn: sa.Connection, table: sa.Table) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0


def cases_by_kind(conn: sa.Connection) -> dict[str, int]:
    return dict(conn.execute(sa.select(cases_t.c.kind, sa.func.count()).group_by(cases_t.c.kind)).all())


def case_heads(conn: sa.Connection) -> dict[int, Row]:
    """case id -> (id, kind, number, department) of every case."""
    return {
        r.id: r for r in conn.execute(sa.select(cases_t.c.id, cases_t.c.kind, cases_t.c.number, cases_t.c.department))
    }


_CHUNK = 500  # ids per IN (…) list: well under every backend's bound-parameter limit


def case_ids(conn: sa.Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """(kind, number) -> id of those of ``keys`` the office has. Many keys: one scan of the
    cases of their kinds; few: one indexed lookup each."""
    if len(keys) > _CHUNK:
        kinds = sorted({k for k, _ in keys})
        rows = conn.execute(sa.select(cases_t.c.kind, cases_t.c.number, cases_t.c.id).where(cases_t.c.kind.in_(kinds)))
        wanted = set(keys)
        return {(r.kind, r.number): r.id for r in rows if (r.kind, r.number) in wanted}
    found = {}
    for kind, number in keys:
        row = conn.execute(sa.select(cases_t.c.id).where(cases_t.c.number == number, cases_t.c.kind == kind)).first()
        if row is not None:
            found[(kind, number)] = row.id
    return found


def lock_cases(conn: sa.Connection, ids: list[int]) -> None:
    """``lock_case`` for many cases, a chunk of ids per statement."""
    for i in range(0, len(ids), _CHUNK):
        conn.execute(sa.select(cases_t.c.id).where(cases_t.c.id.in_(ids[i : i + _CHUNK])).with_for_update())


def events_of(conn: sa.Connection, ids: list[int]) -> tuple[dict[int, list[Event]], dict[int, str]]:
    """The logs of the given cases, each in order (``load_events`` for many cases), and
    the chain of each one's last event (where the chain of an appended event starts)."""
    grouped: dict[int, list[Event]] = {i: [] for i in ids}
    last: dict[int, str] = {}
    try:
        for i in range(0, len(ids), _CHUNK):
            stmt = sa.select(*EVENT_ROW).where(events_t.c.case_id.in_(ids[i : i + _CHUNK])).order_by(events_t.c.seq)
            for r in conn.execute(stmt):
                grouped[r.case_id].append(to_event(r))
                last[r.case_id] = r.chain
    except DamagedRecord as exc:
        raise name_case(conn, exc) from None
    return grouped, last
