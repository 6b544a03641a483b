"""`govinfo due` with hour-counted deadlines (舆情, docs/rules.md §6): "now" is a time, not a day.

--today YYYY-MM-DD (docs/contract.md) means the start of that day; --today YYYY-MM-DDTHH:MM
(or GOVINFO_TODAY with a time) gives the time; neither: the local clock."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.builders import add_request
from tests.conftest import ok


def _incident(cli, home):  # noqa: ANN001
    # a major incident detected at 09:20 on Friday 2026-11-20 (conftest's today):
    # first release due 10:20 the same day, press conference 09:20 on Saturday
    ok(cli("opinion", "detect", "--at", "2026-11-20 09:20", "--major", "--summary", "网传骗保", "--case", "O-1"))


@pytest.fixture
def incident(seeded):  # noqa: ANN001, ANN201
    return seeded(_incident)


AFTERNOON = ("--today", "2026-11-20T15:30")


def test_an_hour_deadline_passed_earlier_today_is_overdue_not_due_today(incident) -> None:
    rows = ok(incident(*AFTERNOON, "due", "--json")).json()
    first = next(r for r in rows if r["deadline"] == "first_release")
    assert first["working_days_left"] < 0  # docs/contract.md: negative = overdue
    assert first["due"] == "2026-11-20" and first["due_at"] == "2026-11-20T10:20"
    press = next(r for r in rows if r["deadline"] == "press_conference")
    assert press["working_days_left"] == 0 and press["due_at"] == "2026-11-21T09:20"
    assert rows[0] == first  # most urgent first
    out = ok(incident(*AFTERNOON, "due")).stdout
    assert "逾期 1 件" in out.splitlines()[0] and "今日到期 0 件" in out.splitlines()[0]
    overdue_block = out[out.index("逾期（1）") :].split("\n\n")[0]
    assert "首次发布期限" in overdue_block and "已超 5 小时" in overdue_block
    press_line = next(x for x in out.splitlines() if "新闻发布会期限" in x)
    assert "17 小时" in press_line and "已超" not in press_line


def test_check_exits_3_and_overdue_lists_an_hour_deadline_passed_today(incident) -> None:
    r = incident(*AFTERNOON, "due", "--check")
    assert r.exit_code == 3 and "首次发布期限" in r.stdout and "新闻发布会期限" not in r.stdout
    rows = ok(incident(*AFTERNOON, "due", "--overdue", "--json")).json()
    assert [(r["case"], r["deadline"]) for r in rows] == [("O-1", "first_release")]


def test_today_with_a_time_also_comes_from_govinfo_today(incident, monkeypatch) -> None:  # noqa: ANN001
    for spelling in ("2026-11-20T10:21", "2026-11-20 10:21"):
        monkeypatch.setenv("GOVINFO_TODAY", spelling)
        assert incident("due", "--check").exit_code == 3, spelling
    monkeypatch.setenv("GOVINFO_TODAY", "2026-11-20T10:20")  # on the minute: still in time
    assert ok(incident("due", "--check")).stdout == ""


def test_a_bare_today_means_the_start_of_that_day_as_before(incident) -> None:
    r = ok(incident("--today", "2026-11-20", "due", "--check"))
    assert r.stdout == ""
    rows = ok(incident("--today", "2026-11-20", "due", "--json")).json()
    assert [(r["deadline"], r["working_days_left"]) for r in rows] == [("first_release", 0), ("press_conference", 0)]
    line = next(x for x in incident("due").stdout.splitlines() if "首次发布期限" in x)
    assert "10 小时" in line  # counted from 00:00


def test_day_counted_rows_keep_exactly_the_contract_keys(cli) -> None:
    add_request(cli, "R-1", "2026-11-19", subject="x")
    rows = ok(cli(*AFTERNOON, "due", "--json")).json()
    assert rows and all(
        set(r) == {"case", "kind", "deadline", "due", "working_days_left", "provisional", "department"} for r in rows
    )


def test_without_today_an_hour_deadline_is_measured_against_the_clock(cli, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.delenv("GOVINFO_TODAY")
    at = dt.datetime.now().replace(second=0, microsecond=0) - dt.timedelta(hours=2)
    ok(cli("opinion", "detect", "--at", f"{at:%Y-%m-%d %H:%M}", "--major", "--summary", "x", "--case", "O-2"))
    r = cli("due", "--check")
    assert r.exit_code == 3 and "首次发布期限" in r.stdout and "已超 1 小时" in r.stdout


def test_a_bad_today_with_a_time_is_a_usage_error(cli) -> None:
    r = cli("--today", "2026-11-20T25:00", "due")
    assert r.exit_code == 2 and "--today" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_show_and_the_recording_summary_count_hour_deadlines_in_hours_too(cli) -> None:
    r = ok(
        cli(
            "--today",
            "2026-11-20T09:30",
            "opinion",
            "detect",
            "--at",
            "2026-11-20 08:10",
            "--major",
            "--summary",
            "网传骗保",
            "--case",
            "O-2",
        )
    )
    assert "首次发布期限：2026-11-20 09:10（已超 20 分钟" in r.stdout
    assert "新闻发布会期限：2026-11-21 08:10（22 小时" in r.stdout  # a Saturday, not "今日到期"
    out = ok(cli("--today", "2026-11-20T15:30", "show", "O-2")).stdout
    assert "2026-11-20 09:10" in out and "已超 6 小时" in out and "16 小时" in out
    assert "今日到期" not in out


@pytest.mark.parametrize(
    ("due", "today", "left", "expected"),
    [
        (dt.date(2026, 11, 20), dt.date(2026, 11, 20), 0, "今日到期"),
        (dt.date(2026, 12, 20), dt.date(2026, 12, 18), 0, "剩 0 个工作日"),  # Sunday: nothing left, not today
        (dt.date(2026, 11, 27), dt.date(2026, 11, 20), 5, "剩 5 个工作日"),
        (dt.date(2026, 11, 18), dt.date(2026, 11, 20), -2, "逾期 2 个工作日"),
        (dt.date(2026, 12, 19), dt.date(2026, 12, 20), 0, "已过 2026-12-19"),  # Saturday, seen on Sunday
    ],
)
def test_remaining_text_says_due_today_only_on_the_due_date(due, today, left, expected) -> None:
    from govinfo_cli.app.remaining import days_left
    from govinfo_cli.cli.render import remaining_text
    from govinfo_cli.core.calendar import WorkCalendar, load_source

    got = days_left(due, today, WorkCalendar.build(load_source(2025, 2027)))  # the one days-left function
    assert got.days == left
    assert remaining_text(got, due) == expected


def test_days_left_of_an_hour_counted_deadline_past_its_time_is_overdue_by_at_least_one_day() -> None:
    from govinfo_cli.app.remaining import days_left
    from govinfo_cli.core.calendar import WorkCalendar, load_source

    cal = WorkCalendar.build(load_source(2025, 2027))
    due_at = dt.datetime(2026, 11, 20, 9, 10)
    assert days_left(due_at.date(), dt.datetime(2026, 11, 20, 9, 0), cal, due_at) == (0, "today")
    assert days_left(due_at.date(), dt.datetime(2026, 11, 20, 9, 30), cal, due_at) == (-1, "overdue")
    assert days_left(due_at.date(), dt.date(2026, 11, 20), cal, due_at) == (0, "today")  # a date: its first minute
