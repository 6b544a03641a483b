"""The recurring duties every department has each year, present in `due` without anyone
entering them: the annual report (31 January, 条例第49条) and the December review of
withheld information (20 December, seed 001 第十四条)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import sqlalchemy as sa

from govinfo_cli.app.cases import cases_t

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

NUMBERS = {"annual_report": "年度报告〔{year}〕", "withheld_review": "不予公开信息审查〔{year}〕"}


def expected(today: dt.date) -> list[tuple[str, int, str]]:
    """(duty, year, case number) of the duties that concern `today`'s year."""
    return [
        ("annual_report", today.year - 1, NUMBERS["annual_report"].format(year=today.year - 1)),
        ("withheld_review", today.year, NUMBERS["withheld_review"].format(year=today.year)),
    ]


def ensure(ctx: Context) -> int:
    """Create this year's duty cases if they are missing (one cheap query when they exist)."""
    from govinfo_cli.app.cases import record
    from govinfo_cli.core.rules import annual_duties

    want = expected(ctx.today)
    with ctx.engine.connect() as conn:
        have = set(conn.execute(
            sa.select(cases_t.c.number).where(
                cases_t.c.kind == "disclosure", cases_t.c.number.in_([n for _, _, n in want]))
        ).scalars())
        if len(have) == len(want):
            return 0
        first = conn.execute(
            sa.select(sa.func.min(cases_t.c.opened)).where(
                *(cases_t.c.number.not_like(n.format(year="%")) for n in NUMBERS.values()))
        ).scalar()
    # A duty already past when the office's records begin is not govinfo's to report.
    since = min(ctx.today, first or ctx.today)
    cal = ctx.calendar()
    made = 0
    for duty, year, number in want:
        if number in have or annual_duties(cal, year)[duty].due < since:
            continue
        if number not in have:
            record(ctx, "disclosure", number, "duty_opened", dt.date(ctx.today.year, 1, 1),
                   {"duty": duty, "year": year, "department": "办公室"})
            made += 1
    return made
