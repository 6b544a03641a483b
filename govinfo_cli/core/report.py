"""The annual report (国办公开办函〔2021〕30号; docs/rules.md §7) and the timeliness report,
counted over plain rows: no database, no printing, no clock."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from govinfo_cli.core import codes
from govinfo_cli.core.calendar import WorkCalendar

COLUMNS = tuple(codes.APPLICANT_TYPES)  # natural_person … other
ROWS = tuple(key for key, _ in codes.REPORT_ROWS)
APPEAL_GROUPS = ("reconsideration", "lawsuit_direct", "lawsuit_after_reconsideration")
APPEAL_RESULTS = ("upheld", "corrected", "other", "pending")
REGULATION_CATEGORIES = codes.DOCUMENT_CATEGORIES  # regulations 规章, normative_documents 行政规范性文件


@dataclass(frozen=True)
class RequestRow:
    case: str
    applicant_type: str
    received: dt.date
    closed: dt.date | None = None
    outcome: str | None = None
    department: str | None = None
    reply_due: dt.date | None = None
    reply_state: str | None = None
    extension_days: int = 0


@dataclass(frozen=True)
class AppealRow:
    case: str
    group: str  # one of APPEAL_GROUPS
    filed: dt.date
    decided: dt.date | None = None
    result: str | None = None


@dataclass(frozen=True)
class DisclosureRow:
    case: str
    type: str  # information_formed / information_changed / enforcement_decision
    date: dt.date
    category: str | None = None
    decision: str | None = None
    repealed: bool = False


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str = ""
    cases: tuple[str, ...] = ()


@dataclass
class AnnualReport:
    year: int
    section3: dict[str, dict[str, int]]
    section4: dict[str, dict[str, int]]
    section2: dict[str, Any]
    checks: list[Check]
    sources: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # printed with the tables, not in --json

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "section3": self.section3,
            "section4": self.section4,
            "section2": self.section2,
            "checks": [{"name": c.name, "ok": c.ok} for c in self.checks],
        }


def _empty() -> dict[str, int]:
    return {c: 0 for c in (*COLUMNS, "total")}


def section3(requests: Iterable[RequestRow], year: int) -> tuple[dict[str, dict[str, int]], list[Check]]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    table = {row: _empty() for row in ROWS}
    members: dict[str, dict[str, list[str]]] = {c: {"in": [], "out": []} for c in COLUMNS}

    def add(row: str, col: str) -> None:
        table[row][col] += 1
        table[row]["total"] += 1

    for r in requests:
        col = r.applicant_type if r.applicant_type in COLUMNS else "other"
        if r.received > end:
            continue
        closed_in_year = r.closed is not None and start <= r.closed <= end
        open_at_start = r.received < start and (r.closed is None or r.closed >= start)
        if start <= r.received <= end:
            add("new", col)
            members[col]["in"].append(r.case)
        elif open_at_start:
            add("carried_in", col)
            members[col]["in"].append(r.case)
        if closed_in_year and r.outcome in table:
            add(r.outcome, col)
            add("handled_total", col)
            members[col]["out"].append(r.case)
        if r.closed is None or r.closed > end:
            if r.received <= end and (r.received >= start or open_at_start):
                add("carried_out", col)
                members[col]["out"].append(r.case)
    checks = []
    for col in (*COLUMNS, "total"):
        left = table["new"][col] + table["carried_in"][col]
        right = table["handled_total"][col] + table["carried_out"][col]
        cases: tuple[str, ...] = ()
        if left != right and col != "total":
            ins, outs = set(members[col]["in"]), set(members[col]["out"])
            cases = tuple(sorted(ins ^ outs))
        checks.append(
            Check(
                name=f"一+二=三（七）+四：{codes.APPLICANT_TYPES.get(col, '总计')}",
                ok=left == right,
                detail=f"{left} = {right}" if left == right else f"{left} ≠ {right}",
                cases=cases,
            )
        )
    return table, checks


def section4(appeals: Iterable[AppealRow], year: int) -> dict[str, dict[str, int]]:
    end = dt.date(year, 12, 31)
    table = {g: {r: 0 for r in (*APPEAL_RESULTS, "total")} for g in APPEAL_GROUPS}
    for a in appeals:
        if a.filed.year != year or a.group not in table:
            continue
        known = a.decided is not None and a.decided <= end and a.result in APPEAL_RESULTS
        result = a.result if known and a.result is not None else "pending"
        table[a.group][result] += 1
        table[a.group]["total"] += 1
    return table


def _category(raw: str | None) -> str | None:
    """规章 / 行政规范性文件 by label or code; None for every other category."""
    if raw is None:
        return None
    raw = raw.strip()
    for key, label in REGULATION_CATEGORIES.items():
        if raw in (key, label):
            return key
    return None


def section2(disclosures: Iterable[DisclosureRow], fees: Iterable[tuple[dt.date, float]], year: int) -> dict[str, Any]:
    """规章 and 行政规范性文件 issued / repealed in the year and in force on 31 December
    (one disclosure case is one document: its category is the last one it was given up
    to that day; it is issued on its information_formed date — a case that begins with
    information_changed is a document issued before the register, changed or repealed
    now, never issued again; a repeal (information_changed with repealed) ends it);
    enforcement decisions dated in the year; fees paid in the year, in 万元."""
    end = dt.date(year, 12, 31)
    by_case: dict[str, list[DisclosureRow]] = {}
    out: dict[str, Any] = {key: {"issued": 0, "repealed": 0, "in_force": 0} for key in REGULATION_CATEGORIES}
    decisions = dict.fromkeys(codes.DECISIONS, 0)
    for d in disclosures:
        if d.type == "enforcement_decision":
            if d.date.year == year and d.decision in decisions:
                decisions[d.decision] += 1
        else:
            by_case.setdefault(d.case, []).append(d)
    for rows in by_case.values():
        category: str | None = None
        known = False  # the document exists by 31 December
        formed: dt.date | None = None
        repealed: dt.date | None = None
        for d in sorted(rows, key=lambda r: r.date):  # stable: the log order within a day
            if d.date > end:
                break
            known = True
            if d.category:
                category = _category(d.category)
            if formed is None and d.type == "information_formed":
                formed = d.date
            if d.repealed and repealed is None:
                repealed = d.date
        if category is None or not known:
            continue
        counts = out[category]
        counts["issued"] += formed is not None and formed.year == year
        counts["repealed"] += repealed is not None and repealed.year == year
        counts["in_force"] += repealed is None
    out.update(decisions)
    yuan = sum(amount for day, amount in fees if day.year == year)
    out["fees_wan_yuan"] = round(yuan / 10000, 4)
    return out


def annual(
    year: int,
    requests: Sequence[RequestRow],
    appeals: Sequence[AppealRow],
    disclosures: Sequence[DisclosureRow],
    fees: Sequence[tuple[dt.date, float]],
) -> AnnualReport:
    s3, checks = section3(requests, year)
    end = dt.date(year, 12, 31)
    notes = []  # only from rows dated up to 31 December: a locked year's report stays the same
    if not any(d.date <= end for d in disclosures):
        notes.append("没有可计入第二部分的主动公开登记（govinfo disclosure …）：文件和处理决定数量按 0 填列，请核实")
    if not any(a.filed <= end for a in appeals):
        notes.append("没有复议诉讼登记（govinfo appeal …）：第四部分按 0 填列，请核实")
    return AnnualReport(
        year=year,
        section3=s3,
        section4=section4(appeals, year),
        section2=section2(disclosures, fees, year),
        checks=checks,
        sources={
            "requests": len(requests),
            "appeals": len(appeals),
            "disclosures": len(disclosures),
            "fees": len(fees),
        },
        notes=notes,
    )


# --------------------------------------------------------------------------
# Timeliness (办理时效, for 昌宁县医疗保障局's 《责任追究制度》)
# --------------------------------------------------------------------------


def _p90(values: list[int]) -> int | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


DAYS_BASIS = "办理工作日：自收到申请次日起算至答复日（含），未扣除征求意见、缴费等中止期间"


def timeliness(
    requests: Iterable[RequestRow],
    year: int,
    cal: WorkCalendar,
    today: dt.date,
    *,
    by_department: bool = False,
    also: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """Requests answered in the year (a `replied` event: the reply deadline is met or
    missed), on time / late (working days after the deadline), extensions, working days
    from receipt to reply (average, 90th percentile by nearest rank), withdrawals, and
    the requests open and overdue on `today`. ``also``: groups listed even without a request
    counted (one that only marks, e.g. a voided case, docs/rules.md §14)."""
    groups: dict[str, list[RequestRow]] = {key: [] for key in also}
    for r in requests:
        key = (r.department or "（未指定）") if by_department else "全部"
        groups.setdefault(key, []).append(r)
    out = []
    for key in sorted(groups):
        rows = groups[key]
        closed = [r for r in rows if r.closed and r.closed.year == year]
        replied = [r for r in closed if r.reply_state in ("met", "missed")]
        late = [r for r in replied if r.reply_state == "missed"]
        days = [cal.working_days_between(r.received, r.closed) for r in replied if r.closed]
        late_detail = sorted(
            (
                {"case": r.case, "working_days": cal.working_days_between(r.reply_due, r.closed)}
                for r in late
                if r.reply_due and r.closed
            ),
            key=lambda x: str(x["case"]),
        )
        open_now = [r for r in rows if r.closed is None and r.received <= today]
        overdue = [r for r in open_now if r.reply_state == "pending" and r.reply_due and r.reply_due < today]
        out.append(
            {
                "group": key,
                "replied": len(replied),
                "on_time": len(replied) - len(late),
                "late": len(late),
                "late_cases": [x["case"] for x in late_detail],
                "late_detail": late_detail,
                "extensions": sum(1 for r in replied if r.extension_days),
                "extension_working_days": sum(r.extension_days for r in replied),
                "avg_working_days": round(sum(days) / len(days), 1) if days else None,
                "p90_working_days": _p90(days),
                "withdrawn": len(closed) - len(replied),
                "open_now": len(open_now),
                "overdue_now": len(overdue),
                "overdue_cases": sorted(r.case for r in overdue),
                "days_basis": DAYS_BASIS,
            }
        )
    return out
