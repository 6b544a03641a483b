"""Complaints and reports (投诉举报, 昌宁县医疗保障局《投诉举报处理制度》; docs/rules.md §3): the 15-day
handling decision, the 30-day conclusion with one extension of up to 15 days, the five
不予受理 reasons of 第七条, and the reporter's confidentiality (第十一条) on every output."""

from __future__ import annotations

import json

import pytest

from tests.builders import event_lines
from tests.conftest import acceptance_cases, dump, ok, query

REPORTER = "周秀英"


def _complaint(cli, home):  # noqa: ANN001
    ok(
        cli(
            "complaint",
            "accept",
            "--case",
            "C-1",
            "--respondent",
            "昌宁县康源医药有限公司",
            "--summary",
            "串换药品骗取医保基金",
            "--reporter",
            REPORTER,
            "--channel",
            "12345热线",
            "--date",
            "2024-09-16",
        )
    )


@pytest.fixture
def complaint(seeded):  # noqa: ANN001, ANN201
    seeded(_complaint)
    return "C-1"


def test_every_acceptance_complaint_gives_its_deadlines_through_import_and_show(cli, tmp_path) -> None:
    cases = [c for c in acceptance_cases() if c["kind"] == "complaint"]
    assert len(cases) >= 10
    src = tmp_path / "complaints.jsonl"
    src.write_text(event_lines(cases), encoding="utf-8")
    ok(cli("import", "events", str(src)))
    for case in cases:
        got = cli("show", case["case"], "--json").json()["deadlines"]
        assert {code: got[code]["due"] for code in case["expect"]} == case["expect"], case["case"]


@pytest.mark.law("handling_decision", "conclusion")
def test_periods_are_calendar_days_rolled_over_past_national_day(cli, complaint) -> None:
    d = cli("show", complaint, "--json").json()["deadlines"]
    assert d["handling_decision"]["due"] == "2024-10-08"  # day 15 = 10-01, rolls past the holiday
    assert d["conclusion"]["due"] == "2024-10-16"
    assert d["handling_decision"]["basis"] == d["conclusion"]["basis"] == "投诉举报处理制度第九条"


def test_extension_is_once_only(cli, complaint) -> None:
    ok(cli("complaint", "extend", complaint, "--days", "15", "--reason", "需调取结算数据", "--date", "2024-10-10"))
    assert cli("show", complaint, "--json").json()["deadlines"]["conclusion"]["due"] == "2024-10-31"
    before = dump()
    r = cli("complaint", "extend", complaint, "--days", "5", "--reason", "再延", "--date", "2024-10-12")
    assert r.exit_code == 1 and "一次" in r.stderr
    assert dump() == before


@pytest.mark.law("conclusion_extension")
def test_extension_needs_a_reason_at_the_cli_and_at_most_15_days(cli, complaint) -> None:
    before = dump()
    assert cli("complaint", "extend", complaint, "--days", "5", "--date", "2024-10-10").exit_code == 2
    r = cli("complaint", "extend", complaint, "--days", "16", "--reason", "x", "--date", "2024-10-10")
    assert r.exit_code == 1 and "days" in r.stderr
    assert dump() == before


def test_extension_after_the_conclusion_deadline_is_refused(cli, complaint) -> None:
    before = dump()
    r = cli("complaint", "extend", complaint, "--days", "5", "--reason", "x", "--date", "2024-10-17")
    assert r.exit_code == 1 and "2024-10-16" in r.stderr
    assert dump() == before


def test_second_handling_decision_is_refused(cli, complaint) -> None:
    ok(cli("complaint", "decide", complaint, "--mode", "督促办理", "--date", "2024-09-20"))
    r = cli("complaint", "decide", complaint, "--mode", "direct", "--date", "2024-09-21")
    assert r.exit_code == 1 and "已确定处理方式" in r.stderr


def test_unknown_handling_mode_is_refused(cli, complaint) -> None:
    r = cli("complaint", "decide", complaint, "--mode", "拖着办", "--date", "2024-09-20")
    assert r.exit_code == 1 and "直接办理" in r.stderr


def test_reject_needs_one_of_the_five_reasons_of_article_7(cli, complaint) -> None:
    before = dump()
    assert cli("complaint", "reject", complaint, "--date", "2024-09-18").exit_code == 2
    r = cli("complaint", "reject", complaint, "--reason", "不想办", "--date", "2024-09-18")
    assert r.exit_code == 1 and "outside_jurisdiction" in r.stderr
    assert dump() == before
    ok(
        cli(
            "complaint",
            "reject",
            complaint,
            "--reason",
            "已由其他机关受理或已申请复议、提起诉讼",
            "--date",
            "2024-09-18",
        )
    )
    shown = cli("show", complaint, "--json").json()
    assert shown["status"] == "closed" and shown["outcome"] == "rejected"
    assert shown["deadlines"]["handling_decision"]["state"] == "met"
    assert shown["deadlines"]["conclusion"]["state"] == "lapsed"
    table = cli("show", complaint).stdout
    assert "不予受理" in table and "已由其他机关受理" in table  # labels, not codes


def test_reject_without_a_reason_line_is_refused_on_import(cli, tmp_path) -> None:
    src = tmp_path / "c.jsonl"
    src.write_text(
        '{"case":"C-9","kind":"complaint","type":"complaint_accepted","date":"2026-11-02"}\n'
        '{"case":"C-9","kind":"complaint","type":"complaint_rejected","date":"2026-11-03"}\n',
        encoding="utf-8",
    )
    r = cli("import", "events", str(src))
    assert r.exit_code == 1 and "line 2" in r.stderr and "reason" in r.stderr
    assert cli("show", "C-9").exit_code == 1  # nothing written


def test_reject_after_a_handling_decision_is_refused(cli, complaint) -> None:
    ok(cli("complaint", "decide", complaint, "--mode", "直接办理", "--date", "2024-09-20"))
    before = dump()
    r = cli("complaint", "reject", complaint, "--reason", "other", "--date", "2024-09-21")
    assert r.exit_code == 1 and "不予受理" in r.stderr
    assert dump() == before


def test_decision_on_an_unknown_case_is_refused(cli) -> None:
    r = cli("complaint", "decide", "NOPE", "--mode", "direct")
    assert r.exit_code == 1 and "NOPE" in r.stderr


@pytest.mark.parametrize("mode", ["转交办理", "督促办理"])
def test_transfer_or_supervision_lapses_the_30_day_conclusion_of_direct_handling(cli, complaint, mode) -> None:
    """第九条: 直接办理举报的机关 concludes within 30 days; a complaint transferred or only
    supervised is concluded by another body, so its 30 days are not this office's deadline."""
    ok(cli("complaint", "decide", complaint, "--mode", mode, "--date", "2024-09-20"))
    d = cli("show", complaint, "--json").json()["deadlines"]
    assert d["handling_decision"]["state"] == "met"
    assert d["conclusion"]["state"] == "lapsed"
    due = cli("--today", "2024-10-20", "due", "--json").json()
    assert [x for x in due if x["case"] == complaint] == []  # past 10-16, yet not overdue
    r = cli("complaint", "extend", complaint, "--days", "10", "--reason", "需调取结算数据", "--date", "2024-10-10")
    assert r.exit_code == 1 and "直接办理" in r.stderr
    ok(cli("complaint", "conclude", complaint, "--date", "2024-10-25"))  # its result can still be recorded


def test_direct_handling_keeps_the_30_day_conclusion(cli, complaint) -> None:
    ok(cli("complaint", "decide", complaint, "--mode", "直接办理", "--date", "2024-09-20"))
    d = cli("show", complaint, "--json").json()["deadlines"]["conclusion"]
    assert (d["due"], d["state"]) == ("2024-10-16", "pending")


def test_conclusion_without_a_recorded_mode_counts_as_direct_handling(cli, complaint) -> None:
    ok(cli("complaint", "conclude", complaint, "--result", "责令整改", "--date", "2024-10-09"))
    shown = cli("show", complaint, "--json").json()
    assert shown["deadlines"]["handling_decision"]["state"] == "missed"  # due 2024-10-08
    assert shown["deadlines"]["conclusion"]["state"] == "met"
    assert shown["facts"]["mode"] == "direct" and shown["outcome"] == "concluded"


def test_nothing_can_be_recorded_on_a_concluded_complaint(cli, complaint) -> None:
    ok(cli("complaint", "decide", complaint, "--mode", "direct", "--date", "2024-09-20"))
    ok(cli("complaint", "conclude", complaint, "--date", "2024-10-09"))
    r = cli("complaint", "extend", complaint, "--days", "3", "--reason", "x", "--date", "2024-10-10")
    assert r.exit_code == 1 and "已办结" in r.stderr


def test_reporter_is_confidential_on_every_output_path(cli, complaint, tmp_path) -> None:
    today = ("--today", "2024-09-20")
    ok(cli(*today, "complaint", "decide", complaint, "--mode", "直接办理", "--date", "2024-09-20"))
    xlsx = tmp_path / "c.xlsx"
    ok(cli(*today, "export", "complaints", "--format", "xlsx", "--out", str(xlsx)))
    from openpyxl import load_workbook

    cells = [str(c.value) for row in load_workbook(xlsx).active.iter_rows() for c in row]
    outputs = {
        "show": cli("show", complaint).stdout,
        "show --json": cli("show", complaint, "--json").stdout,
        "show --json --audit --explain": cli("show", complaint, "--json", "--audit", "--explain").stdout,
        "list": cli("complaint", "list").stdout,
        "list --json": cli("complaint", "list", "--json").stdout,
        "due": cli(*today, "due").stdout,
        "due --json": cli(*today, "due", "--json").stdout,
        "due --csv": cli(*today, "due", "--csv").stdout,
        "export complaints": cli(*today, "export", "complaints").stdout,
        "export complaints json": cli(*today, "export", "complaints", "--format", "json").stdout,
        "export complaints xlsx": " ".join(cells),
        "export events": cli(*today, "export", "events").stdout,
        "report annual": cli(*today, "report", "annual", "2024", "--json").stdout,
        "audit log": " ".join(map(str, query("SELECT * FROM audit"))),
    }
    assert "昌宁县康源医药有限公司" in outputs["export complaints"]  # the register is there…
    for name, out in outputs.items():
        assert REPORTER not in out, name  # …but never the reporter
    assert "（保密）" in outputs["show --json"] and "（保密）" in outputs["export events"]


def test_reveal_shows_the_reporter_and_every_reveal_is_logged(cli, complaint) -> None:
    revealed = ok(cli("--by", "科长", "show", complaint, "--json", "--reveal")).json()
    assert revealed["facts"]["reporter"] == REPORTER
    assert REPORTER in ok(cli("--by", "科长", "complaint", "list", "--reveal")).stdout
    assert REPORTER in ok(cli("--by", "科长", "export", "complaints", "--reveal")).stdout
    lines = ok(cli("--by", "科长", "export", "events", "--reveal")).stdout.splitlines()
    assert json.loads(lines[0])["reporter"] == REPORTER
    audit = query("SELECT operator, target FROM audit WHERE action = 'reveal'")
    assert [op for op, _ in audit] == ["科长"] * 4
    assert {t for _, t in audit} == {complaint, "complaint list", "export complaints", "export events"}
