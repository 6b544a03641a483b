"""`govinfo due`: the morning check."""

from __future__ import annotations

import json

import pytest

from tests.builders import add_request
from tests.conftest import dump, ok


def _office(cli, home):  # noqa: ANN001
    # today is Friday 2026-11-20 (conftest)
    add_request(cli, "LATE", "2026-10-15", department="基金监管股")  # reply due 2026-11-12: overdue
    add_request(cli, "TODAY", "2026-10-23", department="办公室")  # reply due 2026-11-20
    add_request(cli, "SOON", "2026-10-27")  # reply due 2026-11-24 (+2 wd)
    add_request(cli, "LATER", "2026-11-13", applicant="某医药公司", type="business")  # due 2026-12-11
    add_request(cli, "DONE", "2026-10-15")
    ok(cli("request", "reply", "DONE", "--outcome", "disclosed", "--date", "2026-11-02"))


@pytest.fixture
def office(seeded):  # noqa: ANN001, ANN201
    return seeded(_office)


def test_json_lists_pending_deadlines_most_urgent_first_in_the_contract_shape(office) -> None:
    rows = office("due", "--json", "--within", "20").json()
    assert [(r["case"], r["deadline"]) for r in rows] == [
        ("LATE", "reply"),
        ("TODAY", "reply"),
        ("LATER", "correction_notice"),
        ("SOON", "reply"),  # both 2026-11-24: by case number
        ("LATER", "reply"),
    ]
    assert set(rows[0]) == {"case", "kind", "deadline", "due", "working_days_left", "provisional", "department"}
    assert rows[0] == {
        "case": "LATE",
        "kind": "request",
        "deadline": "reply",
        "due": "2026-11-12",
        "working_days_left": -6,
        "provisional": False,
        "department": "基金监管股",
    }
    assert rows[1]["working_days_left"] == 0 and rows[3]["working_days_left"] == 2


def test_closed_cases_and_lapsed_correction_windows_are_not_listed(office) -> None:
    rows = office("due", "--json", "--within", "30").json()
    assert "DONE" not in {r["case"] for r in rows}
    # LATE's correction-notice window (2026-10-26) lapsed quietly: never "overdue"
    assert ("LATE", "correction_notice") not in {(r["case"], r["deadline"]) for r in rows}


def test_within_limits_how_far_ahead_but_overdue_is_always_listed(office) -> None:
    rows = office("due", "--json", "--within", "1").json()
    assert [r["case"] for r in rows] == ["LATE", "TODAY"]
    rows = office("due", "--json", "--overdue").json()
    assert [r["case"] for r in rows] == ["LATE"]


def test_working_days_left_skip_a_holiday(cli) -> None:
    add_request(cli, "H", "2026-09-18")  # Sep 20 (make-up Sunday) counts; Sep 25, Oct 1–7 skipped
    rows = cli("--today", "2026-09-30", "due", "--json", "--within", "15").json()
    reply = next(r for r in rows if r["deadline"] == "reply")
    assert reply["due"] == "2026-10-22"
    assert reply["working_days_left"] == 12  # Oct 8, 9, 10 (make-up Saturday), 12–16, 19–22


def test_department_and_kind_filters(office) -> None:
    rows = office("due", "--json", "--department", "办公室").json()
    assert [r["case"] for r in rows] == ["TODAY"]
    assert office("due", "--json", "--kind", "complaint").json() == []
    assert office("due", "--kind", "nonsense").exit_code == 2


def test_table_groups_in_order_with_a_summary_line(office) -> None:
    out = ok(office("due", "--within", "20")).stdout
    first = out.splitlines()[0]
    assert "逾期 1 件" in first and "今日到期 1 件" in first and "3 个工作日内 2 件" in first
    positions = [out.index(h) for h in ("逾期（1）", "今日到期（1）", "3 个工作日内（2）", "稍后（1）")]
    assert positions == sorted(positions)
    assert "张*" in out and "张伟" not in out  # applicant masked
    assert "某医药公司" in out


def test_colour_is_off_when_piped(office) -> None:
    out = office("due").stdout
    assert "\x1b[" not in out


def test_check_is_silent_and_exits_0_when_nothing_is_overdue(cli) -> None:
    add_request(cli, "FRESH", "2026-11-19")
    r = cli("due", "--check")
    assert r.exit_code == 0 and r.stdout == ""


def test_check_exits_3_when_something_is_overdue(office) -> None:
    r = office("due", "--check")
    assert r.exit_code == 3 and "LATE" in r.stdout and "SOON" not in r.stdout


def test_ics_parses_back_with_one_all_day_event_per_deadline_and_stable_uids(office, tmp_path) -> None:
    import icalendar

    a, b = tmp_path / "a.ics", tmp_path / "b.ics"
    ok(office("due", "--within", "15", "--ics", str(a)))
    ok(office("--today", "2026-11-23", "due", "--within", "15", "--ics", str(b)))
    cal = icalendar.Calendar.from_ical(a.read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == 5
    first = events[0]
    assert first.decoded("DTSTART").isoformat() == "2026-11-12"
    assert "LATE" in str(first["SUMMARY"]) and "答复期限" in str(first["SUMMARY"])
    uids_a = {str(e["UID"]) for e in events}
    uids_b = {str(e["UID"]) for e in icalendar.Calendar.from_ical(b.read_bytes()).walk("VEVENT")}
    assert uids_a == uids_b and len(uids_a) == 5


def test_csv_has_a_header_and_one_row_per_deadline(office) -> None:
    lines = office("due", "--csv", "--within", "20").stdout.splitlines()
    assert lines[0].startswith("编号,类别,期限,到期日,剩余工作日")  # a person opens it: Chinese
    assert len(lines) == 6


def test_a_deadline_in_an_unconfirmed_year_is_provisional_until_the_year_is_confirmed(cli) -> None:
    today = ("--today", "2026-12-15")
    ok(
        cli(
            *today,
            "request",
            "add",
            "--case",
            "DEC",
            "--received",
            "2026-12-15",
            "--channel",
            "online",
            "--applicant",
            "张伟",
            "--type",
            "自然人",
            "--subject",
            "x",
        )
    )
    reply = next(r for r in cli(*today, "due", "--json", "--within", "30").json() if r["deadline"] == "reply")
    assert reply["provisional"] is True and reply["due"].startswith("2027-01")
    r = cli(*today, "due", "--within", "30")
    assert "2027" in r.stderr and "calendar confirm" in r.stderr
    shown = cli(*today, "show", "DEC", "--json").json()["deadlines"]
    assert shown["reply"]["provisional"] is True
    assert shown["correction_notice"]["provisional"] is False  # 2026-12-24: confirmed year
    ok(cli(*today, "calendar", "confirm", "2027", "--notice", "国办发明电〔2026〕14号"))
    reply = next(r for r in cli(*today, "due", "--json", "--within", "30").json() if r["deadline"] == "reply")
    assert reply["provisional"] is False


def test_a_calendar_override_moves_the_cached_deadlines_that_count_across_it(cli) -> None:
    add_request(cli, "OV", "2026-11-02")  # reply due 2026-11-30
    before = {r["case"]: r["due"] for r in cli("due", "--json", "--within", "30").json() if r["deadline"] == "reply"}
    r = ok(cli("calendar", "add", "2026-11-16", "--holiday", "--note", "测试放假"))
    assert "1 个期限" in r.stderr or "个期限随之变化" in r.stderr
    after = {r["case"]: r["due"] for r in cli("due", "--json", "--within", "30").json() if r["deadline"] == "reply"}
    assert before["OV"] == "2026-11-30" and after["OV"] == "2026-12-01"


def test_due_never_writes_events(office) -> None:
    office("due")  # first run may store the calendar snapshot
    before = [x for x in dump() if not x.startswith("settings:")]
    office("due", "--json")
    assert [x for x in dump() if not x.startswith("settings:")] == before


def test_json_is_valid_even_when_empty(cli) -> None:
    assert json.loads(cli("due", "--json").stdout) == []


def test_a_fixed_deadline_on_a_weekend_is_soon_not_due_today(cli) -> None:
    # the December review of withheld information (xinjiang profile) is due 20 December: a Sunday
    # in 2026
    ok(cli("config", "set", "profile", "xinjiang"))
    rows = cli("--today", "2026-12-18", "due", "--json", "--within", "3").json()
    review = next(r for r in rows if r["deadline"] == "withheld_review")
    assert review["due"] == "2026-12-20" and review["working_days_left"] == 0
    out = ok(cli("--today", "2026-12-18", "due", "--within", "3")).stdout
    assert "今日到期 0 件" in out.splitlines()[0]
    assert out.index("3 个工作日内（1）") < out.index("不予公开信息审查〔2026〕")


def test_a_deadline_later_this_week_beyond_three_working_days_is_this_week(cli) -> None:
    add_request(cli, "WEEK", "2026-10-22")  # reply due Thursday 2026-11-19: 3 working days from Monday
    rows = cli("--today", "2026-11-16", "due", "--json").json()
    reply = next(r for r in rows if r["case"] == "WEEK" and r["deadline"] == "reply")
    assert reply["due"] == "2026-11-19" and reply["working_days_left"] == 3
    add_request(cli, "FRI", "2026-10-23")  # reply due Friday 2026-11-20: 4 working days from Monday
    out = ok(cli("--today", "2026-11-16", "due")).stdout
    assert out.index("3 个工作日内（1）") < out.index("WEEK") < out.index("本周（1）") < out.index("FRI")


def test_columns_line_up_across_the_groups(office) -> None:
    out = ok(office("due", "--within", "20")).stdout
    headers = [ln for ln in out.splitlines() if ln.startswith("编号")]
    assert len(headers) == 4 and len(set(headers)) == 1  # the same widths in every group


def test_kind_accepts_the_short_label_the_table_shows(cli) -> None:
    ok(cli("complaint", "accept", "--case", "C-1", "--respondent", "某药店", "--summary", "x", "--date", "2026-11-02"))
    add_request(cli, "R-1", "2026-11-16")
    for spelling in ("投诉", "投诉举报", "complaint"):
        rows = ok(cli("due", "--json", "--within", "20", "--kind", spelling)).json()
        assert {r["case"] for r in rows} == {"C-1"}, spelling


def _plan(sql_of) -> str:  # noqa: ANN001
    """The database's plan of `due`'s query (PostgreSQL: sequential scans discouraged, so that
    the plan says which index can serve it even on a table of a few rows)."""
    import datetime as dt

    import sqlalchemy as sa

    from govinfo_cli.store import due as store_due
    from tests.conftest import engine_of

    engine = engine_of()
    seen: list[str] = []

    @sa.event.listens_for(engine, "before_cursor_execute")
    def keep(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001, ARG001
        if "FROM deadlines" in statement:
            seen.append(statement if not parameters else sql_of(conn, statement, parameters))

    try:
        with engine.connect() as conn:
            with store_due.due_rows(
                conn, dt.date(2026, 11, 20), dt.datetime(2026, 11, 20), dt.date(2026, 12, 4)
            ) as rows:
                assert [r[0] for r in rows] == ["LATE", "TODAY", "LATER", "SOON"]  # (the rows it reads)
            (sql,) = seen
            if conn.dialect.name == "sqlite":
                return "\n".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            conn.exec_driver_sql("SET enable_seqscan = off")
            return "\n".join(str(r[0]) for r in conn.exec_driver_sql("EXPLAIN " + sql))
    finally:
        engine.dispose()


def _inline(conn, statement: str, parameters) -> str:  # noqa: ANN001
    """``statement`` with its parameters written in (for EXPLAIN)."""
    import datetime as dt

    def literal(v: object) -> str:
        if isinstance(v, bool):
            return "1" if v else "0"
        if isinstance(v, dt.date | dt.datetime | str):
            return f"'{v}'"
        return str(v)

    if isinstance(parameters, dict):  # PostgreSQL (psycopg): %(name)s
        return statement % {k: literal(v) for k, v in parameters.items()}
    for v in parameters:  # SQLite: ?
        statement = statement.replace("?", literal(v), 1)
    return statement


def test_due_reads_one_index_of_the_deadline_cache_without_a_join_or_a_sort(office) -> None:
    """Issue 26: `due` is one indexed query: the pending deadlines' own index, read in its
    order, holds every column `due` shows (each cached deadline carries its case's number,
    kind, status, department and party): no lookup of the cases, no sort."""
    plan = _plan(_inline)
    assert "ix_deadlines_pending" in plan, plan
    assert "cases" not in plan and "TEMP B-TREE" not in plan and "Sort" not in plan, plan
    assert "COVERING INDEX" in plan or "Index" in plan, plan  # (SQLite; PostgreSQL: Index Scan …)


def test_the_screen_with_an_icalendar_file_is_the_screen_without(office, tmp_path) -> None:
    """The screen is made two ways (straight from the rows read, or from the list an
    iCalendar export needs): the same lines either way."""
    plain = ok(office("due", "--within", "20")).stdout
    both = ok(office("due", "--within", "20", "--ics", str(tmp_path / "d.ics")))
    assert both.stdout == plain


def test_a_case_amended_or_closed_changes_what_due_shows_of_it(office) -> None:
    """The cached deadlines carry their case's department, party and status: an amendment of
    the department, or the reply that closes the case, shows in `due` at once."""
    before = {r["case"]: r for r in office("due", "--json", "--within", "20").json()}
    assert before["LATE"]["department"] == "基金监管股"
    ok(office("amend", "LATE", "1", "--department", "办公室", "--reason", "分办有误"))
    ok(office("request", "reply", "SOON", "--outcome", "disclosed", "--date", "2026-11-20"))
    after = {r["case"]: r for r in office("due", "--json", "--within", "20").json()}
    assert after["LATE"]["department"] == "办公室" and "SOON" not in after
    assert office("due", "--within", "20", "--department", "基金监管股").stdout.count("LATE") == 0
