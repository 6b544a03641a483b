"""`db check`'s proofs: every case's hash chain, the cache against a fresh replay, the
guard triggers, and the head hash; ``repair`` rewrites the cache of the cases found
differing. One streamed pass, case by case: memory stays flat whatever the size."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.app.calendar import build_calendar
from govinfo_cli.app.profile import office_profile
from govinfo_cli.app.settings import audit
from govinfo_cli.core import chain as chains
from govinfo_cli.core import codes
from govinfo_cli.core.errors import CalendarRangeError, GovinfoError
from govinfo_cli.core.rules import replay
from govinfo_cli.store import cache, db, guards
from govinfo_cli.store.cases import count_rows, to_event

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

# the cached columns compared (besides each deadline's due date, state and provisional mark)
CASE_FIELDS = ("status", "outcome", "department", "party", "party_type", "subject", "opened", "closed")


@dataclass
class Finding:
    case: str  # case number
    kind: str
    what: str  # one line: what differs or where the chain breaks
    seq: int | None = None  # the first broken link (chain findings)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"case": self.case, "kind": self.kind, "what": self.what}
        if self.seq is not None:
            out["seq"] = self.seq
        return out


@dataclass
class Proof:
    cases: int = 0
    events: int = 0
    head: str = ""
    chain_breaks: list[Finding] = field(default_factory=list)
    cache_diffs: list[Finding] = field(default_factory=list)
    missing_guards: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not (self.chain_breaks or self.cache_diffs or self.missing_guards)

    def to_json(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "events": self.events,
            "head_hash": self.head,
            "chain_breaks": [f.to_json() for f in self.chain_breaks],
            "cache_differences": [f.to_json() for f in self.cache_diffs],
            "missing_guards": self.missing_guards,
            "repaired": self.repaired,
        }


def head(ctx: Context) -> tuple[str, int]:
    """The head hash (every case's last chain, in case order) and the number of cases."""
    h = chains.Head()
    with ctx.engine.connect() as conn:
        for r in cache.last_chains(conn):
            h.add(r.kind, r.number, r.seq, r.chain)
    return h.hexdigest(), h.cases


def missing_guards(ctx: Context) -> list[str]:
    with ctx.engine.connect() as conn:
        return guards.missing(conn)


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


def _chain_break(case: Any, rows: list[Any]) -> Finding | None:
    prev = None
    for expected_seq, r in enumerate(rows, start=1):
        if r.seq != expected_seq:
            what = f"第 {expected_seq} 个事件缺失（下一个是第 {r.seq} 个）"
            return Finding(case.number, case.kind, what, expected_seq)
        want = chains.event_chain(
            prev, case.kind, case.number, r.seq, r.type, r.date, r.payload, r.operator, r.recorded_at
        )
        if r.chain != want:
            why = "无链值" if not r.chain else "内容、经办人或录入时间与链值不符"
            term = codes.label(codes.EVENT_TYPES.get(case.kind, {}), r.type)
            return Finding(case.number, case.kind, f"第 {r.seq} 个事件（{term}）{why}", r.seq)
        prev = r.chain
    return None


def _fmt(v: Any) -> str:
    return "—" if v is None or v == "" else str(v)


def _cache_diffs(case: Any, st: Any, n_events: int, cached: list[Any]) -> list[str]:
    out = []
    fresh_row = cache.case_row(case.kind, st)
    for k in CASE_FIELDS:
        if getattr(case, k) != fresh_row[k]:
            out.append(f"{k} 缓存 {_fmt(getattr(case, k))}，重放 {_fmt(fresh_row[k])}")
    if case.event_count != n_events:
        out.append(f"event_count 缓存 {case.event_count}，事件 {n_events} 个")
    # a consultation has one row per party (its name, docs/rules.md §10)
    fresh = {(d.code, d.name or ""): (d.due, d.state, bool(d.provisional)) for d in st.rows()}
    have = {(r.code, r.name or ""): (r.due, r.state, bool(r.provisional)) for r in cached}
    for code, name in sorted(set(fresh) | set(have)):
        a, b = have.get((code, name)), fresh.get((code, name))
        if a == b:
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


def prove(ctx: Context, *, progress: Callable[[int, int], None] | None = None) -> Proof:
    """Walk every case once: its chain, its replay against the cache, and the head."""
    proof = Proof()
    h = chains.Head()
    with ctx.engine.connect() as conn:
        proof.missing_guards = guards.missing(conn)
        cal = build_calendar(ctx, conn)
        profile = office_profile(ctx, conn)
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
            broken = _chain_break(case, rows)
            if broken:
                proof.chain_breaks.append(broken)
            if not rows:  # a case row without its log: nothing to replay it from
                proof.chain_breaks.append(Finding(case.number, case.kind, "案件没有任何事件（事件被删除）", 1))
                continue
            h.add(case.kind, case.number, rows[-1].seq, rows[-1].chain)
            try:
                st = replay(case.kind, [to_event(r) for r in rows], cal, profile)
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
            evs = [to_event(r) for r in cache.event_rows_of(conn, case_id)]
            cache.write_cache(conn, case_id, kind, number, replay(kind, evs, cal, profile), len(evs))
            audit(ctx, conn, "repair", number, "db check --repair：按事件记录重写缓存")
            done.append(number)
        return done

    return db.run_write(ctx.engine, work)
