"""The yearly duties (docs/rules.md §5) and `due` across every kind: the annual report (by
31 January, 条例第49条) and, on the xinjiang profile, the December review of withheld information
(by 20 December, 新疆暂行办法第十四条) appear in `due` every year without anyone entering them,
marking them done is an event, and every row `due` lists opens with `show`."""

from __future__ import annotations

import pytest

from tests.builders import add_request
from tests.conftest import dump, ok

REPORTER = "周秀英"


def _office(cli, home):  # noqa: ANN001
    """An office whose records begin in November 2025."""
    add_request(cli, "R-6", "2025-11-03", subject="x")


@pytest.fixture
def office(seeded):  # noqa: ANN001, ANN201
    seeded(_office)


@pytest.fixture
def xinjiang(cli, office):  # noqa: ANN001, ANN201
    """That office on the Xinjiang rule profile (新疆暂行办法: the December review is its duty)."""
    ok(cli("config", "set", "profile", "xinjiang"))


def due_rows(cli, today, *args):  # noqa: ANN001, ANN201
    return cli("--today", today, "due", "--json", *args).json()


def test_annual_report_appears_in_january_without_anyone_entering_it(cli, office) -> None:
    rows = due_rows(cli, "2026-01-26")
    assert ("年度报告〔2025〕", "disclosure", "annual_report", "2026-01-31") in {
        (r["case"], r["kind"], r["deadline"], r["due"]) for r in rows
    }


def test_withheld_review_appears_before_20_december(cli, xinjiang) -> None:
    rows = due_rows(cli, "2026-12-14")
    assert ("不予公开信息审查〔2026〕", "withheld_review", "2026-12-20") in {
        (r["case"], r["deadline"], r["due"]) for r in rows
    }


def test_next_annual_report_is_listed_from_1_december(cli, office) -> None:
    assert "年度报告〔2026〕" not in {r["case"] for r in due_rows(cli, "2026-11-30", "--within", "60")}
    rows = due_rows(cli, "2026-12-01", "--within", "60")
    assert ("年度报告〔2026〕", "2027-01-31") in {(r["case"], r["due"]) for r in rows}


def test_due_shows_the_duties_without_storing_them_and_a_duty_command_creates_one_once(cli, xinjiang) -> None:
    due_rows(cli, "2026-12-14")  # the calendar snapshot (a cache) is stored by the first read
    before = dump()
    shown = [r["case"] for r in due_rows(cli, "2026-12-14", "--within", "40")]
    assert shown.count("不予公开信息审查〔2026〕") == 1 and shown.count("年度报告〔2025〕") == 1
    ok(cli("--today", "2026-12-14", "disclosure", "list"))
    assert dump() == before  # reads never write (issue 15)
    ok(cli("--today", "2026-12-14", "disclosure", "duty-done", "withheld_review", "--year", "2026"))
    cases = [r["case"] for r in cli("--today", "2026-12-14", "disclosure", "list", "--json").json()]
    assert cases.count("不予公开信息审查〔2026〕") == 1 and "年度报告〔2025〕" not in cases  # still unstored


def test_a_duty_already_past_when_the_records_begin_is_not_created(cli) -> None:
    add_request(cli, "R-1", "2026-03-02", subject="x")
    ok(cli("config", "set", "profile", "xinjiang"))
    cases = {r["case"] for r in cli("due", "--json", "--within", "400").json()}
    assert "年度报告〔2025〕" not in cases  # due 2026-01-31, before the first record
    assert "不予公开信息审查〔2026〕" in cases


def test_marking_a_duty_done_is_an_event_and_removes_it_from_due(cli, office) -> None:
    due_rows(cli, "2026-01-26")
    ok(cli("--today", "2026-01-26", "disclosure", "duty-done", "annual_report", "--year", "2025"))
    assert "年度报告〔2025〕" not in {r["case"] for r in due_rows(cli, "2026-01-27")}
    shown = cli("--today", "2026-01-27", "show", "年度报告〔2025〕", "--json").json()
    assert [e["type"] for e in shown["events"]] == ["duty_opened", "duty_done"]
    assert shown["status"] == "closed" and shown["deadlines"]["annual_report"]["state"] == "met"


def test_a_duty_done_late_is_missed(cli, xinjiang) -> None:
    due_rows(cli, "2026-12-14")
    ok(cli("--today", "2026-12-22", "disclosure", "duty-done", "不予公开信息审查", "--year", "2026"))
    shown = cli("--today", "2026-12-22", "show", "不予公开信息审查〔2026〕", "--json").json()
    assert shown["deadlines"]["withheld_review"]["state"] == "missed"


def test_an_overdue_duty_stays_in_due(cli, office) -> None:
    rows = due_rows(cli, "2026-02-09", "--overdue")
    duty = [r for r in rows if r["case"] == "年度报告〔2025〕"]
    assert len(duty) == 1 and duty[0]["working_days_left"] < 0


def test_duty_done_refusals(cli, office) -> None:
    due_rows(cli, "2026-01-26")
    ok(cli("--today", "2026-01-26", "disclosure", "duty-done", "annual_report", "--year", "2025"))
    before = dump()
    r = cli("--today", "2026-01-27", "disclosure", "duty-done", "annual_report", "--year", "2025")
    assert r.exit_code == 1 and "没有待完成" in r.stderr
    r = cli("--today", "2026-01-27", "disclosure", "duty-done", "annual_report", "--year", "2026")
    assert r.exit_code == 1 and "2026-12-01" in r.stderr  # not open yet: says when it will be
    r = cli("--today", "2026-01-27", "disclosure", "duty-done", "tax_return", "--year", "2026")
    assert r.exit_code == 1 and "annual_report" in r.stderr
    assert dump() == before


def test_due_shows_every_kind_together_in_one_ordering(cli) -> None:
    add_request(cli, "R-5", "2026-10-26", subject="x")
    ok(
        cli(
            "complaint",
            "accept",
            "--case",
            "C-5",
            "--respondent",
            "某药店",
            "--summary",
            "x",
            "--reporter",
            REPORTER,
            "--date",
            "2026-11-09",
        )
    )
    ok(cli("appeal", "reconsideration", "--request", "R-5", "--case", "F-5", "--date", "2026-11-13"))
    ok(cli("disclosure", "decision", "--kind", "penalty", "--case", "P-5", "--date", "2026-11-16"))
    ok(cli("opinion", "detect", "--at", "2026-11-19 16:00", "--summary", "x", "--case", "O-5"))
    rows = cli("due", "--json", "--within", "20").json()
    kinds = [r["kind"] for r in rows]
    assert set(kinds) == {"request", "complaint", "appeal", "disclosure", "opinion"}
    assert [r["due"] for r in rows] == sorted(r["due"] for r in rows)
    assert REPORTER not in cli("due").stdout


def test_due_on_the_sample_data_mixes_the_kinds(cli) -> None:
    from govinfo_cli.app.demo import sample_file

    ok(cli("import", "events", str(sample_file("events.jsonl"))))
    rows = due_rows(cli, "2026-12-15")
    assert {"request", "disclosure"} < {r["kind"] for r in rows}  # and at least one other kind
    assert "不予公开信息审查〔2026〕" not in {r["case"] for r in rows}  # a Xinjiang duty (§5)
    ok(cli("config", "set", "profile", "xinjiang"))
    rows = due_rows(cli, "2026-12-15")
    assert "不予公开信息审查〔2026〕" in {r["case"] for r in rows}
    keys = [(r["due"], r["working_days_left"]) for r in rows]
    assert keys == sorted(keys)


def test_duties_follow_the_profile_the_december_review_only_on_xinjiang(cli, office) -> None:
    national = {r["case"] for r in due_rows(cli, "2026-12-14", "--within", "40")}
    assert "不予公开信息审查〔2026〕" not in national
    assert {"年度报告〔2025〕", "年度报告〔2026〕"} <= national  # 条例第49条: every office's
    before = dump()
    r = cli("--today", "2026-12-14", "disclosure", "duty-done", "withheld_review", "--year", "2026")
    assert r.exit_code == 1 and "xinjiang" in r.stderr and "新疆暂行办法第十四条" in r.stderr
    r = cli("--today", "2026-12-14", "show", "不予公开信息审查〔2026〕")
    assert r.exit_code == 1 and "找不到" in r.stderr
    assert dump() == before
    ok(cli("config", "set", "profile", "xinjiang"))
    assert "不予公开信息审查〔2026〕" in {r["case"] for r in due_rows(cli, "2026-12-14", "--within", "40")}


@pytest.mark.parametrize("profile", ["national", "xinjiang"])
def test_every_row_due_lists_opens_with_show(cli, office, profile: str) -> None:
    ok(cli("config", "set", "profile", profile))
    for today in ("2026-01-26", "2026-12-14"):
        rows = due_rows(cli, today, "--within", "60")
        assert rows
        before = dump()
        for row in rows:
            shown = ok(cli("--today", today, "show", row["case"], "--json")).json()
            assert shown["case"] == row["case"] and shown["deadlines"][row["deadline"]]["due"] == row["due"]
            ok(cli("--today", today, "show", row["case"]))
        assert dump() == before  # showing an unstored duty stores nothing (a read never writes)
    duty = ok(cli("--today", "2026-01-26", "show", "年度报告〔2025〕", "--json")).json()
    assert duty["stored"] is False and duty["events"] == [] and duty["status"] == "open"
