"""`db check`'s proofs: every case's hash chain, the cache against a fresh replay, the
audit log's and the year locks' chains, the guards (by definition), every record that
cannot be read, and the head hash; ``repair`` rewrites the cache of the cases found
differing. One streamed pass, case by case: memory stays flat whatever the size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.app.calendar import build_calendar
from govinfo_cli.app.profile import office_profile
from govinfo_cli.app.settings import audit
from govinfo_cli.core import chain as chains
from govinfo_cli.core import codes
from govinfo_cli.core.errors import CalendarRangeError, DamagedRecord, GovinfoError
from govinfo_cli.core.rules import replay
from govinfo_cli.store import cache, db, decode, guards, trail
from govinfo_cli.store.cases import content, count_rows, decoded, to_event

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context
    from govinfo_cli.core.calendar import WorkCalendar
    from govinfo_cli.core.events import Event
    from govinfo_cli.core.rules.state import Profile

# the cached columns compared (besides each deadline's due date, state and provisional mark)
CASE_FIELDS = ("status", "outcome", "department", "party", "party_type", "subject", "opened", "closed")
_UNREADABLE = object()  # a cached value that cannot be read: differs from any replay


@dataclass
class Finding:
    case: str  # case number (or, for the trail, the log: 审计日志, 年度锁定)
    kind: str  # the case's kind, or "audit" / "year_lock"
    what: str  # one line: what differs, where the chain breaks, what cannot be read
    seq: int | None = None  # the first broken link (chain findings), the event, the entry

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"case": self.case, "kind": self.kind, "what": self.what}
        if self.seq is not None:
            out["seq"] = self.seq
        return out


@dataclass
class Proof:
    cases: int = 0
    events: int = 0
    audit: int = 0
    year_locks: int = 0
    head: str = ""
    chain_breaks: list[Finding] = field(default_factory=list)
    trail_breaks: list[Finding] = field(default_factory=list)
    damaged: list[Finding] = field(default_factory=list)
    cache_diffs: list[Finding] = field(default_factory=list)
    guard_problems: list[guards.Problem] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    @property
    def missing_guards(self) -> list[str]:
        return [p.name for p in self.guard_problems if p.missing]

    @property
    def healthy(self) -> bool:
        return not (self.chain_breaks or self.trail_breaks or self.damaged or self.cache_diffs or self.guard_problems)

    def to_json(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "events": self.events,
            "audit_entries": self.audit,
            "year_locks": self.year_locks,
            "head_hash": self.head,
            "chain_breaks": [f.to_json() for f in self.chain_breaks],
            "trail_breaks": [f.to_json() for f in self.trail_breaks],
            "damaged_records": [f.to_json() for f in self.damaged],
            "cache_differences": [f.to_json() for f in self.cache_diffs],
            "missing_guards": self.missing_guards,
            "guard_problems": guard_json(self.guard_problems),
            "repaired": self.repaired,
        }


def guard_json(found: list[guards.Problem]) -> list[dict[str, str]]:
    return [{"name": p.name, "what": p.what} for p in found]


@dataclass(frozen=True)
class HeadValue:
    head: str
    at: dt.datetime  # UTC: the records recorded at or before it are folded in
    cases: int
    audit: int
    year_locks: int
    events_head: str  # the cases' part alone (govinfo-head-v1)
    diverged: int  # chains (cases, the audit log, the year locks) whose stored values disagree with the content


def head(ctx: Context, at: dt.datetime | None = None) -> HeadValue:
    """The head hash of everything recorded at or before ``at`` (UTC; default: now): each
    case's events, the audit log and the year locks, each up to its first entry recorded
    after ``at``, their chains computed afresh from the content (not read from the stored
    chain values). The same moment gives the same value later, unless what was recorded by
    then has been changed, removed or added to."""
    at = at or ctx.now()
    h = chains.Head()
    diverged = 0
    with ctx.engine.connect() as conn:
        for _, rows in _groups(cache.event_rows_with_case(conn)):
            prev, last, apart = None, None, False
            for r in rows:
                day, payload, stamp = content(r, r.number)
                if stamp is not None and stamp > at:
                    break
                prev = chains.event_chain(prev, r.kind, r.number, r.seq, r.type, day, payload, r.operator, stamp)
                apart = apart or prev != r.chain
                last = (r.kind, r.number, r.seq, prev)
            if last is not None:
                h.add(*last)
                diverged += apart
        n, prev, apart = 0, None, False
        for r in trail.audit_in_order(conn):
            e = trail.audit_entry(r)
            if e.at > at:
                break
            n, prev = n + 1, chains.audit_chain(prev, e.at, e.operator, e.action, e.target, e.detail)
            apart = apart or prev != r.chain
        h.audit, diverged = (n, prev), diverged + apart
        n, prev, apart = 0, None, False
        for r in trail.locks_in_order(conn):
            lock = trail.lock_entry(r)
            if lock.locked_at > at:
                break
            n += 1
            prev = chains.lock_chain(prev, n, lock.year, lock.operator, lock.locked_at, lock.note)
            apart = apart or prev != r.chain
        h.locks, diverged = (n, prev), diverged + apart
    return HeadValue(h.hexdigest(), at, h.cases, h.audit[0], h.locks[0], h.events_hexdigest(), diverged)


def guard_problems(ctx: Context) -> list[guards.Problem]:
    with ctx.engine.connect() as conn:
        return guards.problems(conn)


def _groups(rows: Any) -> Iterator[tuple[int, list[Any]]]:
    """Consecutive rows of one case_id, as (case_id, rows)."""
    current: int | None = None
    group: list[Any] = []
    for r in rows:
        if r.case_id != current:
            if current is not None:
                yield current, group
            current, group = r.case_id, []
        group.append(r)
    if current is not None:
        yield current, group


class _Cursor:
    """One ordered stream of (case_id, rows) groups, read up to a given case id."""

    def __init__(self, rows: Any) -> None:
        self._it = _groups(rows)
        self._next = next(self._it, None)

    def take(self, case_id: int) -> tuple[list[Any], list[int]]:
        """The rows of ``case_id``, and the ids of cases skipped before it (orphans)."""
        orphans = []
        while self._next is not None and self._next[0] < case_id:
            orphans.append(self._next[0])
            self._next = next(self._it, None)
        if self._next is not None and self._next[0] == case_id:
            rows = self._next[1]
            self._next = next(self._it, None)
            return rows, orphans
        return [], orphans

    def rest(self) -> list[int]:
        out = []
        while self._next is not None:
            out.append(self._next[0])
            self._next = next(self._it, None)
        return out


@dataclass
class _CaseLog:
    events: list[Event]  # the rows that can be read (replayed only when every one can)
    broken: Finding | None  # the first broken link
    damaged: list[Finding]
    last: str | None  # the last chain computed from the content (the stored one past a damaged row)


def _read_case(case: Any, rows: list[Any]) -> _CaseLog:
    """Decode a case's event rows and verify their chain. A row that cannot be read is
    listed and skipped (its stored chain stands for it)."""
    prev: str | None = None
    events: list[Event] = []
    damaged: list[Finding] = []
    broken: Finding | None = None
    for expected_seq, r in enumerate(rows, start=1):
        if broken is None and r.seq != expected_seq:
            what = f"第 {expected_seq} 个事件缺失（下一个是第 {r.seq} 个）"
            broken = Finding(case.number, case.kind, what, expected_seq)
        try:
            event, stamp = decoded(r, case.number)
        except DamagedRecord as exc:
            damaged.append(Finding(case.number, case.kind, f"第 {r.seq} 个事件（{r.type}）的 {exc.detail}", r.seq))
            prev = r.chain
            continue
        events.append(event)
        prev = chains.event_chain(
            prev, case.kind, case.number, r.seq, r.type, event.date, event.data, r.operator, stamp
        )
        if broken is None and r.chain != prev:
            why = "无链值" if not r.chain else "内容、经办人或录入时间与链值不符"
            term = codes.label(codes.EVENT_TYPES.get(case.kind, {}), r.type)
            broken = Finding(case.number, case.kind, f"第 {r.seq} 个事件（{term}）{why}", r.seq)
    return _CaseLog(events, broken, damaged, prev)


def _fmt(v: Any) -> str:
    return "—" if v is None or v == "" else str(v)


def _cached(value: Any, decoder: Any, column: str, problems: list[str]) -> Any:
    try:
        return decode.optional(decoder, value, column)
    except DamagedRecord as exc:
        problems.append(f"缓存的 {exc.detail}")
        return _UNREADABLE


def _unreadable_cache(case: Any, cached: list[Any]) -> list[str]:
    """The cached values that cannot be read (when the case cannot be replayed)."""
    out: list[str] = []
    for k in ("opened", "closed"):
        _cached(getattr(case, k), decode.day, k, out)
    for r in cached:
        problems: list[str] = []
        _cached(r.due, decode.day, "due", problems)
        _cached(r.due_at, decode.stamp, "due_at", problems)
        out += [f"期限 {r.code} {p}" for p in problems]
    return out


def _cache_diffs(case: Any, st: Any, n_events: int, cached: list[Any]) -> list[str]:
    out: list[str] = []
    have_case = {k: getattr(case, k) for k in CASE_FIELDS}
    for k in ("opened", "closed"):
        have_case[k] = _cached(have_case[k], decode.day, k, out)
    fresh_row = cache.case_row(case.kind, st)
    for k in CASE_FIELDS:
        if have_case[k] is _UNREADABLE:
            continue
        if have_case[k] != fresh_row[k]:
            out.append(f"{k} 缓存 {_fmt(have_case[k])}，重放 {_fmt(fresh_row[k])}")
    if case.event_count != n_events:
        out.append(f"event_count 缓存 {case.event_count}，事件 {n_events} 个")
    # a consultation has one row per party (its name, docs/rules.md §10)
    fresh = {(d.code, d.name or ""): (d.due, d.state, bool(d.provisional)) for d in st.rows()}
    have = {}
    for r in cached:
        problems: list[str] = []
        due = _cached(r.due, decode.day, "due", problems)
        _cached(r.due_at, decode.stamp, "due_at", problems)
        out += [f"期限 {r.code} {p}" for p in problems]
        have[(r.code, r.name or "")] = (due, r.state, bool(r.provisional))
    for code, name in sorted(set(fresh) | set(have)):
        a, b = have.get((code, name)), fresh.get((code, name))
        if a == b or (a is not None and a[0] is _UNREADABLE):
            continue
        label = codes.deadline_label(code) + (f"·{name}" if name else "")
        show = lambda x: "无" if x is None else f"{_fmt(x[0])} {x[1]}" + ("（暂定）" if x[2] else "")  # noqa: E731
        out.append(f"期限 {code}（{label}）缓存 {show(a)}，重放 {show(b)}")
    # each cached deadline's copies of its case's columns (what `due` shows, store.cache.COPIED)
    want = {"number": case.number, "kind": case.kind, **{k: fresh_row[k] for k in cache.COPIED}}
    for r in cached:
        wrong = [k for k, v in want.items() if getattr(r, k) != v]
        if wrong:
            k = wrong[0]
            out.append(f"期限 {r.code} 缓存的案件列 {k} 为 {_fmt(getattr(r, k))}，重放 {_fmt(want[k])}")
    return out


def _audit_log(conn: sa.Connection, proof: Proof) -> tuple[int, str | None, set[int]]:
    """Verify the audit log's chain, each entry against the one stored before it (so each
    place it was changed is named); returns (entries, the last chain computed from the
    content, the years its lock entries name)."""
    stored, computed, n, locked = None, None, 0, set()
    for r in trail.audit_in_order(conn):
        n += 1
        try:
            e = trail.audit_entry(r)
        except DamagedRecord as exc:
            what = f"第 {r.id} 条（{r.action} {r.target}）的 {exc.detail}"
            proof.damaged.append(Finding("审计日志", "audit", what, r.id))
            stored = computed = r.chain
            continue
        if e.action == "lock" and e.target.isdigit():
            locked.add(int(e.target))
        if r.chain != chains.audit_chain(stored, e.at, e.operator, e.action, e.target, e.detail):
            why = "无链值" if not r.chain else "与链值不符（这一条被改动，或它前面的条目被删除或改动）"
            proof.trail_breaks.append(Finding("审计日志", "audit", f"{trail.audit_where(r)}{why}", r.id))
        stored = r.chain
        computed = chains.audit_chain(computed, e.at, e.operator, e.action, e.target, e.detail)
    return n, computed, locked


def _year_locks(conn: sa.Connection, proof: Proof, named: set[int]) -> tuple[int, str | None]:
    """Verify the year locks' chain (1, 2, … in the order locked), and that every year the
    audit log says was locked still is; returns (locks, the last chain computed from the
    content)."""
    stored, computed, n, expected, years = None, None, 0, 1, set()
    for r in trail.locks_in_order(conn):
        n += 1
        years.add(r.year)
        where = f"{r.year} 年度的锁定记录"
        gap = r.seq != expected
        if gap:
            missing = f"第 {expected} 个锁定记录缺失（下一个是第 {r.seq} 个，{r.year} 年度）"
            what = f"{where}无顺序号" if r.seq is None else missing
            proof.trail_breaks.append(Finding("年度锁定", "year_lock", what, expected))
        expected = (r.seq or expected) + 1
        try:
            e = trail.lock_entry(r)
        except DamagedRecord as exc:
            proof.damaged.append(Finding("年度锁定", "year_lock", f"{where}的 {exc.detail}", r.seq))
            stored = computed = r.chain
            continue
        if not gap and r.chain != chains.lock_chain(stored, r.seq, e.year, e.operator, e.locked_at, e.note):
            why = "无链值" if not r.chain else "与链值不符（这一条被改动，或它前面的锁定记录被删除或改动）"
            proof.trail_breaks.append(Finding("年度锁定", "year_lock", f"{where}{why}", r.seq))
        stored = r.chain
        computed = chains.lock_chain(computed, n, e.year, e.operator, e.locked_at, e.note)
    for year in sorted(named - years):
        what = f"审计日志记有锁定 {year} 年度，年度锁定中却没有该年度（锁定记录被删除）"
        proof.trail_breaks.append(Finding("年度锁定", "year_lock", what))
    return n, computed


def prove(ctx: Context, *, progress: Callable[[int, int], None] | None = None) -> Proof:
    """Walk every case once: its chain, its replay against the cache, and the head; then
    the audit log's and the year locks' chains, and the guards."""
    proof = Proof()
    h = chains.Head()
    with ctx.engine.connect() as conn:
        proof.guard_problems = guards.problems(conn)
        cal: WorkCalendar | None = None
        profile: Profile | None = None
        try:
            cal = build_calendar(ctx, conn)
            profile = office_profile(ctx, conn)
        except DamagedRecord as exc:  # the calendar itself: nothing can be replayed
            proof.damaged.append(Finding("工作日历", "calendar", exc.detail))
            cal = profile = None
        total = count_rows(conn, cache.cases_t)
        events = _Cursor(cache.event_rows_in_order(conn))
        deadlines = _Cursor(cache.deadlines_in_order(conn))
        orphans: list[int] = []
        for case in cache.cases_in_order(conn):
            rows, skipped = events.take(case.id)
            orphans += skipped
            cached, _ = deadlines.take(case.id)
            proof.cases += 1
            proof.events += len(rows)
            if progress and proof.cases % 200 == 0:
                progress(proof.cases, total)
            log = _read_case(case, rows)
            if log.broken:
                proof.chain_breaks.append(log.broken)
            proof.damaged += log.damaged
            if not rows:  # a case row without its log: nothing to replay it from
                proof.chain_breaks.append(Finding(case.number, case.kind, "案件没有任何事件（事件被删除）", 1))
                continue
            h.add(case.kind, case.number, rows[-1].seq, log.last)
            if log.damaged or cal is None or profile is None:  # an event that cannot be read: no replay
                for what in _unreadable_cache(case, cached):
                    proof.cache_diffs.append(Finding(case.number, case.kind, what))
                continue
            try:
                st = replay(case.kind, log.events, cal, profile)
            except DamagedRecord as exc:  # a stored event whose content cannot be replayed
                proof.damaged.append(Finding(case.number, case.kind, f"{exc.where}的 {exc.detail}"))
                continue
            except (GovinfoError, CalendarRangeError) as exc:
                proof.cache_diffs.append(Finding(case.number, case.kind, f"事件无法重放：{exc.message}"))
                continue
            for what in _cache_diffs(case, st, len(rows), cached):
                proof.cache_diffs.append(Finding(case.number, case.kind, what))
        orphans += events.rest()
        for case_id in orphans:
            proof.chain_breaks.append(Finding(f"#{case_id}", "?", "事件所属案件不存在（案件行被删除）"))
        if progress:
            progress(proof.cases, total)
        proof.audit, last_audit, named = _audit_log(conn, proof)
        proof.year_locks, last_lock = _year_locks(conn, proof, named)
        h.audit, h.locks = (proof.audit, last_audit), (proof.year_locks, last_lock)
    proof.head = h.hexdigest()
    return proof


def repair(ctx: Context, found: list[Finding]) -> list[str]:
    """Rewrite the cached row and deadlines of the cases found differing from their logs
    (one transaction), each recorded in the audit log. Returns the numbers repaired."""
    wanted = {(f.kind, f.case) for f in found}
    if not wanted:
        return []

    def work(conn: sa.Connection) -> list[str]:
        db.cache_lock(conn, exclusive=True)
        cal = build_calendar(ctx, conn)
        profile = office_profile(ctx, conn)
        done = []
        for (kind, number), case_id in cache.case_ids(conn, sorted({n for _, n in wanted})).items():
            if (kind, number) not in wanted:
                continue
            try:
                evs = [to_event(r, number) for r in cache.event_rows_of(conn, case_id)]
            except DamagedRecord:  # its log cannot be read: nothing to rewrite the cache from
                continue
            cache.write_cache(conn, case_id, kind, number, replay(kind, evs, cal, profile), len(evs))
            audit(ctx, conn, "repair", number, "db check --repair：按事件记录重写缓存")
            done.append(number)
        return done

    return db.run_write(ctx.engine, work)
