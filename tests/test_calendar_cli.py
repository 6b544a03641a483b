"""`govinfo calendar …`: the clerk's calendar commands."""

from __future__ import annotations

from tests.builders import add_request
from tests.conftest import ok


def test_add_days_and_between_are_a_clerks_calculator(cli) -> None:
    r = ok(cli("calendar", "add-days", "2026-09-30", "20", "--json")).json()
    assert r["end"] == "2026-11-03" and "2026-10-10" in r["made_up"] and r["provisional"] is False
    r = ok(cli("calendar", "add-days", "2025-06-13", "15", "--calendar-days", "--json")).json()
    assert r["end"] == "2025-06-30"
    r = ok(cli("calendar", "between", "2026-09-30", "2026-11-03", "--json")).json()
    assert r["working_days"] == 20 and r["calendar_days"] == 34
    assert "2026-11-03" in ok(cli("calendar", "add-days", "2026-09-30", "20")).stdout


def test_month_grid_marks_holidays_and_makeup_days(cli) -> None:
    out = ok(cli("calendar", "show", "2026-02")).stdout
    assert "14班" in out and "17休" in out and "2026-02-28 调休上班" in out


def test_import_a_notice_as_csv_and_confirm_the_year(cli, tmp_path) -> None:
    notice = tmp_path / "2027.csv"
    notice.write_text(
        "日期,类型,说明\n2027-02-06,上班,国办发明电〔2026〕X号 春节调休\n2027-02-11,休息,国办发明电〔2026〕X号 春节\n",
        encoding="utf-8",
    )
    add_request(cli, "N-1", "2026-11-20", subject="x")
    r = ok(cli("calendar", "import", str(notice)))
    assert "2 天" in r.stderr
    ok(cli("calendar", "confirm", "2027", "--notice", "国办发明电〔2026〕X号"))
    status = ok(cli("calendar", "status", "--json")).json()
    assert status["overrides"] == 2 and status["confirmed_by_clerk"][0]["year"] == 2027
    assert 2027 not in status["unconfirmed"]
    assert cli("calendar", "show", "2027-02").stdout.count("*") == 2


def test_bad_calendar_file_lists_every_bad_line(cli, tmp_path) -> None:
    from tests.conftest import dump

    ok(cli("db", "upgrade"))
    bad = tmp_path / "bad.csv"
    bad.write_text("2027-02-30,上班,x\n2027-02-06,也许,x\n2027-02-07,休息,ok\n", encoding="utf-8")
    before = dump()
    r = cli("calendar", "import", str(bad))
    assert r.exit_code == 1 and f"{bad}:1: 列 1" in r.stderr and f"{bad}:2: 列 2" in r.stderr
    assert dump() == before


def test_add_needs_exactly_one_of_workday_or_holiday(cli) -> None:
    assert cli("calendar", "add", "2026-12-01").exit_code == 2
    assert cli("calendar", "add", "2026-12-01", "--workday", "--holiday").exit_code == 2


def test_month_as_json(cli) -> None:
    days = ok(cli("calendar", "show", "2026-10", "--json")).json()["days"]
    by_date = {d["date"]: d for d in days}
    assert by_date["2026-10-10"]["working_day"] and by_date["2026-10-10"]["kind"] == "makeup"
    assert not by_date["2026-10-01"]["working_day"] and len(days) == 31


def test_confirming_a_year_or_overriding_a_day_outside_the_calendar_is_refused(cli) -> None:
    r = cli("calendar", "confirm", "1850", "--notice", "x")
    assert r.exit_code == 1 and "超出工作日历范围" in r.stderr
    r = cli("calendar", "add", "1999-05-03", "--holiday")
    assert r.exit_code == 1 and "早于工作日历范围" in r.stderr
    assert ok(cli("calendar", "status", "--json")).json()["confirmed_by_clerk"] == []


def test_add_days_in_calendar_days_lists_only_the_days_the_end_rolled_over(cli) -> None:
    r = ok(cli("calendar", "add-days", "2026-09-30", "5", "--calendar-days", "--json")).json()
    assert r["end"] == "2026-10-08"  # day 5 is 10-05 (国庆), rolls to 10-08
    assert r["skipped"] == ["2026-10-05", "2026-10-06", "2026-10-07"]


def _stale() -> list[str]:
    import os

    from govinfo_cli.app.context import Context
    from govinfo_cli.app.recompute import stale_cases

    ctx = Context(db=os.environ["GOVINFO_DB"])
    with ctx.engine.connect() as conn:
        return stale_cases(ctx, conn)


def test_a_calendar_change_recomputes_exactly_the_cases_a_full_replay_would_change(cli, tmp_path) -> None:
    """Only the cases a count may cross a changed day are replayed (speed on years of
    records); the cache afterwards must equal a fresh replay of every case, whichever day."""
    from govinfo_cli.app.demo import sample_file

    ok(cli("disclosure", "catalogue", "import", str(sample_file("catalogue.csv"))))
    ok(cli("import", "events", str(sample_file("events.jsonl"))))
    ok(
        cli(
            "--today",
            "2026-12-15",
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
    )  # into 2027
    assert _stale() == []
    steps = [
        ("add", "2026-11-24", "--holiday"),
        ("add", "2025-12-01", "--holiday"),
        ("add", "2026-02-14", "--holiday"),  # a make-up Saturday made a rest day
        ("add", "2026-11-28", "--workday"),
        ("add", "2027-01-05", "--holiday"),
    ]
    for _, day, flag in steps:
        ok(cli("calendar", "add", day, flag, "--note", "测试"))
        assert _stale() == [], day
    # a case opened between the first and the last day of a notice, counting across the last
    ok(
        cli(
            "--today",
            "2027-01-20",
            "request",
            "add",
            "--case",
            "JAN",
            "--received",
            "2027-01-12",
            "--channel",
            "online",
            "--applicant",
            "李娜",
            "--type",
            "自然人",
            "--subject",
            "y",
        )
    )
    notice = tmp_path / "2027.csv"
    notice.write_text("日期,类型,说明\n2027-01-04,休息,元旦\n2027-02-06,上班,春节调休\n", encoding="utf-8")
    jan_before = cli("show", "JAN", "--json").json()["deadlines"]["reply"]["due"]
    ok(cli("calendar", "import", str(notice)))
    assert _stale() == []
    assert cli("show", "JAN", "--json").json()["deadlines"]["reply"]["due"] != jan_before  # 02-06 counted
    assert cli("show", "DEC", "--json").json()["deadlines"]["reply"]["provisional"] is True
    ok(cli("calendar", "confirm", "2027", "--notice", "国办发明电〔2026〕X号"))
    assert _stale() == []
    assert cli("show", "DEC", "--json").json()["deadlines"]["reply"]["provisional"] is False


def test_a_profile_change_in_batches_of_two_cases_leaves_the_cache_a_fresh_replay_gives(cli, monkeypatch) -> None:
    """The profile change replays cases in bounded batches (memory flat on 100 000 cases):
    with batches of two, every case is still replayed under the new profile, once."""
    from govinfo_cli.app import recompute
    from govinfo_cli.app.demo import sample_file
    from tests.conftest import query

    ok(cli("import", "events", str(sample_file("events.jsonl"))))
    monkeypatch.setattr(recompute, "BATCH", 2)
    calls: list[int] = []
    real = recompute.cache.write_caches

    def counted(conn, states):  # noqa: ANN001, ANN202
        calls.append(len(states))
        return real(conn, states)

    monkeypatch.setattr(recompute.cache, "write_caches", counted)
    ok(cli("config", "set", "profile", "xinjiang"))
    assert _stale() == []
    (cases,) = query("SELECT count(*) FROM cases")
    assert max(calls) <= 2 and sum(calls) == cases[0] > 10
    ok(cli("config", "set", "profile", "national"))
    assert _stale() == []
