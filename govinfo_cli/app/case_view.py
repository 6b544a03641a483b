"""What `show` needs: one case replayed with its calendar and profile, its appeals, its
audit entries, and personal data masked unless revealed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from govinfo_cli.app.calendar import build_calendar
from govinfo_cli.app.profile import office_profile
from govinfo_cli.app.remaining import Left, days_left
from govinfo_cli.core import personal
from govinfo_cli.core.calendar import WorkCalendar
from govinfo_cli.core.events import Event
from govinfo_cli.core.rules import Amendment, CaseState, Deadline, LateEntry, Profile, replay
from govinfo_cli.store import cases

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context
    from govinfo_cli.store.typed import Row


def marked(a: Amendment) -> bool:
    """An amendment that ``show``, the audit and the timeliness report mark (``Amendment.marked``)."""
    return a.marked


@dataclass
class CaseView:
    number: str
    kind: str
    state: CaseState
    events: list[Event]
    cal: WorkCalendar
    profile: Profile
    department: str | None
    stored: bool = True  # False: a yearly duty `due` lists before any event of it is stored

    def left(self, code: str, now: dt.datetime) -> Left | None:
        """What is left of the deadline ``code`` at ``now`` (``days_left``), when it is pending."""
        d = self.state.deadlines[code]
        if d.due is None or d.state_on(now.date()) != "pending":
            return None
        return days_left(d.due, now, self.cal, d.due_at)

    def to_json(
        self, today: dt.date, *, reveal: bool = False, explain: bool = False, audit: bool = False
    ) -> dict[str, Any]:
        deadlines: dict[str, Any] = {}
        for code, d in self.state.deadlines.items():
            item = self._deadline_json(d, today, explain)
            if code in self.state.parties:  # one per party consulted (docs/contract.md)
                item["parties"] = [self._deadline_json(x, today, explain) for x in self.state.parties[code]]
            deadlines[code] = item
        events = []
        for e in self.events:
            item = {"seq": e.seq, "type": e.type, "date": e.date.isoformat()}
            item.update(personal.seal(e.data, reveal=reveal))
            item["operator"] = e.operator
            if audit:
                item["recorded_at"] = e.recorded_at
            events.append(item)
        facts = personal.seal(
            {k: v for k, v in self.state.facts.items() if isinstance(v, str | int | float | bool)}, reveal=reveal
        )
        out: dict[str, Any] = {
            "case": self.number,
            "kind": self.kind,
            "status": self.state.status,
            "outcome": self.state.outcome,
            "department": self.department,
            "facts": facts,
            "deadlines": deadlines,
            "events": events,
        }
        # docs/rules.md §12: a voided case says who voided it and why; every amendment says what
        # it changed, and whether a deadline had already passed when it was made
        v = self.state.voided
        out["voided"] = (
            {"seq": v.seq, "date": v.date.isoformat(), "reason": v.reason, "operator": v.operator}
            | ({"recorded_at": v.recorded_at} if audit else {})
            if v is not None
            else None
        )
        if v is not None:  # docs/rules.md §14: a void made while a deadline was late is marked
            out["voided"] |= {"passed": list(v.passed), "after_deadline": v.after_deadline}
        out["amendments"] = [_amendment_json(a, reveal, audit) for a in self.state.amendments]
        out["amended_after_deadline"] = any(marked(a) for a in self.state.amendments)
        out["late_entries"] = [_late_entry_json(x, audit) for x in self.state.late_entries]  # 补录 (§14)
        if not self.stored:  # nothing recorded yet: `due` shows it from the calendar alone
            out["stored"] = False
        lc = self.state.late_confirmation
        out["late_confirmation"] = (
            {"arrival": lc.arrival.isoformat(), "received": lc.received.isoformat(), "working_days": lc.working_days}
            if lc is not None
            else None
        )
        return out

    def _deadline_json(self, d: Deadline, today: dt.date, explain: bool) -> dict[str, Any]:
        item: dict[str, Any] = {
            "due": d.due.isoformat() if d.due else None,
            "state": d.state_on(today),
            "provisional": d.provisional,
            "basis": d.basis,
        }
        if d.name is not None:  # the party consulted (consultation_answer:*)
            item["name"] = d.name
        if d.due_at:
            item["due_at"] = d.due_at.isoformat(timespec="minutes")
        if d.due and d.state_on(today) == "pending":
            item["working_days_left"] = days_left(d.due, today, self.cal).days
        if explain:
            item["explain"] = d.explain.as_dict()
        return item


def _late_entry_json(x: LateEntry, audit: bool) -> dict[str, Any]:
    item = x.as_dict()
    item["marked"] = bool(x.cleared)  # it cleared a breach: marked like an amendment after a deadline
    if not audit:
        item.pop("recorded_at", None)
    return item


def _amendment_json(a: Amendment, reveal: bool, audit: bool) -> dict[str, Any]:
    item = a.as_dict()
    item["marked"] = marked(a)
    item["fields"] = personal.seal(item["fields"], reveal=reveal)
    if not audit:
        item.pop("recorded_at", None)
    return item


def open_case(ctx: Context, typed: str, kind: str | None = None) -> CaseView:
    """The case a clerk means by ``typed`` (``app.numbers.resolve``), or the yearly duty `due`
    lists under that number before anything is stored for it: every row of `due` opens."""
    from govinfo_cli.core.errors import NotFound

    try:
        return view(ctx, typed, kind)
    except NotFound:
        if kind not in (None, "disclosure"):
            raise
        from govinfo_cli.app import duties

        found = duties.unstored(ctx, typed)
        if found is None:
            raise
    duty, year, number, day = found
    opening = Event("duty_opened", day, {"duty": duty, "year": year, "department": duties.DEPARTMENT})
    with ctx.engine.connect() as conn:
        cal = build_calendar(ctx, conn)
        profile = office_profile(ctx, conn)
    st = replay("disclosure", [opening], cal, profile)
    return CaseView(number, "disclosure", st, [], cal, profile, duties.DEPARTMENT, stored=False)


def view(ctx: Context, typed: str, kind: str | None = None) -> CaseView:
    """The case the clerk typed (any spelling ``app.numbers.resolve`` takes), looked up once."""
    from govinfo_cli.app.numbers import find

    with ctx.engine.connect() as conn:
        row = find(ctx, conn, typed, kind)
        evs = cases.load_events(conn, row.id)
        cal = build_calendar(ctx, conn)
        profile = office_profile(ctx, conn)
    st = replay(row.kind, evs, cal, profile)
    return CaseView(row.number, row.kind, st, evs, cal, profile, row.department)


def audit_entries(ctx: Context, number: str) -> list[dict[str, str]]:
    """The audit log about one case (each reveal of its personal data, with operator)."""
    with ctx.engine.connect() as conn:
        rows = cases.audit_rows(conn, number)
    out = []
    for r in rows:
        at = r.at.astimezone(dt.UTC) if r.at.tzinfo else r.at.replace(tzinfo=dt.UTC)
        out.append(
            {"at": at.isoformat(timespec="seconds"), "operator": r.operator, "action": r.action, "detail": r.detail}
        )
    return out


def linked_appeals(ctx: Context, number: str) -> list[Row]:
    """Appeals (复议/诉讼) that name this request."""
    with ctx.engine.connect() as conn:
        return cases.linked_appeals(conn, number)
