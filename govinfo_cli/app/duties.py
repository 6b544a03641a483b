"""The recurring duties every department has each year, present in `due` without anyone
entering them: the annual report (31 January, 条例第49条) and, on a profile that has it
(``withheld_review``: the xinjiang profile), the December review of withheld information
(20 December, 新疆暂行办法第十四条): duties follow the office's rule profile.

Each duty of each year is a disclosure case with a fixed number (``年度报告〔2025〕``).
`due` shows a duty of the period it concerns without storing anything (``missing``); the
case is opened by a ``duty_opened`` event when a duty command first records on it
(``ensure``), and closed by a ``duty_done`` event. Its deadline comes from
``core.rules.annual_duties``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from govinfo_cli.core import codes
from govinfo_cli.core.errors import ValidationError
from govinfo_cli.store.cases import existing_numbers, first_opened_except

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context
    from govinfo_cli.core.rules import Profile

NUMBERS = {"annual_report": "年度报告〔{year}〕", "withheld_review": "不予公开信息审查〔{year}〕"}
DEPARTMENT = "办公室"
SHORT = {"年度报告": "annual_report", "不予公开信息审查": "withheld_review"}


def opens_on(duty: str, year: int) -> dt.date:
    """The day a duty of a year enters `due`: the withheld-information review on 1 January of
    its year (it is due 20 December); the annual report on 1 December of the year it reports
    on (it is due 31 January of the next year)."""
    return dt.date(year, 1, 1) if duty == "withheld_review" else dt.date(year, 12, 1)


def expected(today: dt.date, profile: Profile) -> list[tuple[str, int, str]]:
    """(duty, year, case number) of the duties open around `today` under the office's profile."""
    want = [("annual_report", today.year - 1)]
    if profile.withheld_review:  # 新疆暂行办法第十四条: a local duty
        want.append(("withheld_review", today.year))
    if today >= opens_on("annual_report", today.year):
        want.append(("annual_report", today.year))
    return [(duty, year, NUMBERS[duty].format(year=year)) for duty, year in want]


def duties_of(profile: Profile) -> tuple[str, ...]:
    return ("annual_report", "withheld_review") if profile.withheld_review else ("annual_report",)


def missing(ctx: Context) -> list[tuple[str, int, str, dt.date]]:
    """(duty, year, case number, the day it would be opened on) of the duties of `today` not
    stored yet. Reads only: `due` shows these without storing them (a read never writes)."""
    from govinfo_cli.app.profile import office_profile
    from govinfo_cli.core.rules import annual_duty_dates

    with ctx.engine.connect() as conn:
        want = expected(ctx.today, office_profile(ctx, conn))
        have = existing_numbers(conn, "disclosure", [n for _, _, n in want])
        if len(have) == len(want):
            return []
        first = first_opened_except(conn, [n.format(year="%") for n in NUMBERS.values()])
    # A duty already past when the office's records begin is not govinfo's to report.
    since = min(ctx.today, first or ctx.today)
    out = []
    for duty, year, number in want:
        if number in have or annual_duty_dates(year)[duty] < since:
            continue
        # never dated in an earlier year, which may be locked (year locks, annual report)
        out.append((duty, year, number, max(opens_on(duty, year), dt.date(ctx.today.year, 1, 1))))
    return out


def unstored(ctx: Context, typed: str) -> tuple[str, int, str, dt.date] | None:
    """The duty `due` lists under the number ``typed`` although no event is stored for it yet
    (``missing``), so that `show` can open every row `due` lists; None for any other number."""
    from govinfo_cli.core.numbers import normalize

    wanted = {typed.strip(), normalize(typed) or ""}
    return next((m for m in missing(ctx) if m[2] in wanted), None)


def ensure(ctx: Context) -> int:
    """Create the duty cases of `today` that are missing (for a write command on a duty)."""
    from govinfo_cli.app.record import record

    made = 0
    for duty, year, number, day in missing(ctx):
        record(ctx, "disclosure", number, "duty_opened", day, {"duty": duty, "year": year, "department": DEPARTMENT})
        made += 1
    return made


def mark_done(
    ctx: Context,
    duty: str,
    year: int,
    day: dt.date,
    *,
    unlock_reason: str | None = None,
    entered_late: str | None = None,
) -> Any:
    """Record that a duty of a year was done (a ``duty_done`` event on its case)."""
    from govinfo_cli.app.profile import office_profile
    from govinfo_cli.app.record import record
    from govinfo_cli.store.cases import find_case

    code = codes.parse(codes.DUTIES, duty) or SHORT.get(duty.strip())
    if code is None:
        raise ValidationError(f"未知年度义务 {duty!r}，可选：{codes.choices(codes.DUTIES)}")
    number = NUMBERS[code].format(year=year)
    with ctx.engine.connect() as conn:
        exists = find_case(conn, number, "disclosure") is not None
        profile = office_profile(ctx, conn)
        first = None if exists else first_opened_except(conn, [n.format(year="%") for n in NUMBERS.values()])
    if not exists and code not in duties_of(profile):  # duties follow the profile
        raise ValidationError(
            f"本机关的规则配置（{profile.name}）没有{codes.DUTIES[code]}这项年度义务"
            "（新疆暂行办法第十四条；如适用：govinfo config set profile xinjiang）"
        )
    if not exists:  # `due` shows a duty without storing it: the first record on it opens it
        from govinfo_cli.core.rules import annual_duty_dates

        start = opens_on(code, year)
        since = min(ctx.today, first or ctx.today)
        if start > ctx.today or annual_duty_dates(year)[code] < since:
            when = f"自 {start} 起列入待办" if start > ctx.today else "早于本库最早的记录，未列入待办"
            raise ValidationError(f"{number}（{year}年{codes.DUTIES[code]}）不存在：{when}")
        opened = min(day, max(start, dt.date(ctx.today.year, 1, 1)))
        record(
            ctx,
            "disclosure",
            number,
            "duty_opened",
            opened,
            {"duty": code, "year": year, "department": DEPARTMENT},
            unlock_reason=unlock_reason,
        )
    done = {"duty": code} | ({"entered_late": entered_late} if entered_late else {})
    return record(ctx, "disclosure", number, "duty_done", day, done, unlock_reason=unlock_reason)
