"""Complaints (投诉举报), reconsideration and lawsuits (复议/诉讼), proactive disclosure
(主动公开), public-opinion incidents (舆情) and the yearly duties: their commands,
refusals, confidentiality and their place in `due`."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import dump


def ok(r):  # noqa: ANN001, ANN201
    assert r.exit_code == 0, r.stderr
    return r


REPORTER = "周秀英"


@pytest.fixture
def complaint(cli):  # noqa: ANN001, ANN201
    ok(cli("complaint", "accept", "--case", "C-1", "--respondent", "昌宁县康源医药有限公司",
           "--summary", "串换药品骗取医保基金", "--reporter", REPORTER, "--date", "2024-09-16"))
    return "C-1"


def test_complaint_periods_are_calendar_days_rolled_over_past_national_day(cli, complaint) -> None:
    d = cli("show", complaint, "--json").json()["deadlines"]
    assert d["handling_decision"]["due"] == "2024-10-08"  # day 15 = 10-01, rolls past the holiday
    assert d["conclusion"]["due"] == "2024-10-16"


def test_complaint_extension_once_up_to_15_days(cli, complaint, db_path) -> None:
    ok(cli("complaint", "extend", complaint, "--days", "15", "--reason", "需调取结算数据",
           "--date", "2024-10-10"))
    assert cli("show", complaint, "--json").json()["deadlines"]["conclusion"]["due"] == "2024-10-31"
    before = dump(db_path)
    r = cli("complaint", "extend", complaint, "--days", "5", "--reason", "再延", "--date", "2024-10-12")
    assert r.exit_code == 1 and "一次" in r.stderr
    assert dump(db_path) == before


def test_complaint_extension_needs_a_reason_and_at_most_15_days(cli, complaint, db_path) -> None:
    before = dump(db_path)
    assert cli("complaint", "extend", complaint, "--days", "5", "--date", "2024-10-10").exit_code == 2
    r = cli("complaint", "extend", complaint, "--days", "16", "--reason", "x", "--date", "2024-10-10")
    assert r.exit_code == 1
    assert dump(db_path) == before


def test_reject_needs_one_of_the_five_reasons(cli, complaint, db_path) -> None:
    before = dump(db_path)
    assert cli("complaint", "reject", complaint, "--date", "2024-09-18").exit_code == 2
    r = cli("complaint", "reject", complaint, "--reason", "不想办", "--date", "2024-09-18")
    assert r.exit_code == 1 and "第七条" not in r.stdout
    assert dump(db_path) == before
    ok(cli("complaint", "reject", complaint, "--reason", "已由其他机关受理或已申请复议、提起诉讼",
           "--date", "2024-09-18"))
    shown = cli("show", complaint, "--json").json()
    assert shown["status"] == "closed" and shown["outcome"] == "rejected"


def test_reject_without_a_reason_line_is_refused_on_import(cli, tmp_path) -> None:
    src = tmp_path / "c.jsonl"
    src.write_text(
        '{"case":"C-9","kind":"complaint","type":"complaint_accepted","date":"2026-11-02"}\n'
        '{"case":"C-9","kind":"complaint","type":"complaint_rejected","date":"2026-11-03"}\n',
        encoding="utf-8")
    r = cli("import", "events", str(src))
    assert r.exit_code == 1 and "line 2" in r.stderr and "reason" in r.stderr


def test_decision_on_an_unknown_case_is_refused(cli) -> None:
    r = cli("complaint", "decide", "NOPE", "--mode", "direct")
    assert r.exit_code == 1 and "NOPE" in r.stderr


def test_reporter_is_confidential_on_every_output_path(cli, complaint, db_path) -> None:
    ok(cli("--today", "2024-09-20", "complaint", "decide", complaint, "--mode", "直接办理",
           "--date", "2024-09-20"))
    outputs = {
        "show": cli("show", complaint).stdout,
        "show --json": cli("show", complaint, "--json").stdout,
        "list": cli("complaint", "list").stdout,
        "list --json": cli("complaint", "list", "--json").stdout,
        "due": cli("--today", "2024-09-20", "due").stdout,
        "due --json": cli("--today", "2024-09-20", "due", "--json").stdout,
        "due --csv": cli("--today", "2024-09-20", "due", "--csv").stdout,
    }
    for name, out in outputs.items():
        assert REPORTER not in out, name
    assert "（保密）" in outputs["show --json"]
    revealed = ok(cli("--by", "科长", "show", complaint, "--json", "--reveal")).stdout
    assert REPORTER in revealed
    assert REPORTER in ok(cli("complaint", "list", "--reveal")).stdout
    audit = sqlite3.connect(db_path).execute("SELECT operator, action FROM audit").fetchall()
    assert ("科长", "reveal") in audit


def test_reconsideration_reply_is_in_working_days_and_shown_on_the_request(cli) -> None:
    ok(cli("request", "add", "--case", "R-1", "--received", "2025-08-01", "--channel", "online",
           "--applicant", "张伟", "--type", "自然人", "--subject", "x"))
    ok(cli("request", "reply", "R-1", "--outcome", "withheld:third_party", "--reason", "第三方不同意",
           "--date", "2025-08-20"))
    ok(cli("appeal", "reconsideration", "--request", "R-1", "--case", "F-1", "--date", "2025-09-26"))
    assert cli("show", "F-1", "--json").json()["deadlines"]["agency_reply"]["due"] == "2025-10-16"
    ok(cli("appeal", "replied", "F-1", "--date", "2025-10-15"))
    ok(cli("appeal", "decided", "F-1", "--result", "结果维持", "--date", "2025-11-20"))
    shown = cli("show", "R-1", "--json").json()
    assert shown["appeals"] == [{"case": "F-1", "type": "reconsideration", "status": "closed",
                                 "outcome": "upheld"}]
    assert "F-1" in cli("show", "R-1").stdout


def test_lawsuit_defence_is_15_days_rolled_to_monday(cli) -> None:
    ok(cli("request", "add", "--case", "R-2", "--received", "2025-05-06", "--channel", "online",
           "--applicant", "张伟", "--type", "自然人", "--subject", "x"))
    ok(cli("appeal", "lawsuit", "--request", "R-2", "--route", "direct", "--case", "S-1",
           "--date", "2025-06-13"))
    assert cli("show", "S-1", "--json").json()["deadlines"]["defense"]["due"] == "2025-06-30"


def test_appeal_refusals(cli, db_path) -> None:
    ok(cli("db", "upgrade"))
    before = dump(db_path)
    r = cli("appeal", "reconsideration", "--request", "不存在", "--case", "F-9")
    assert r.exit_code == 1 and "不存在" in r.stderr
    assert dump(db_path) == before
    ok(cli("request", "add", "--case", "R-3", "--received", "2026-11-02", "--channel", "online",
           "--applicant", "张伟", "--type", "自然人", "--subject", "x"))
    ok(cli("appeal", "reconsideration", "--request", "R-3", "--simplified", "--case", "F-3"))
    ok(cli("appeal", "replied", "F-3"))
    before = dump(db_path)
    r = cli("appeal", "replied", "F-3")
    assert r.exit_code == 1
    assert cli("appeal", "defended", "F-3").exit_code == 1
    assert cli("appeal", "decided", "F-3", "--result", "maybe").exit_code == 1
    assert dump(db_path) == before


def test_disclosure_publish_deadlines(cli) -> None:
    ok(cli("disclosure", "formed", "--title", "关于印发《医保基金监督检查办法》的通知",
           "--category", "行政规范性文件", "--case", "P-1", "--date", "2026-09-25"))
    assert cli("show", "P-1", "--json").json()["deadlines"]["publish"]["due"] == "2026-10-29"
    ok(cli("disclosure", "decision", "--kind", "行政处罚", "--title", "行政处罚决定书",
           "--case", "P-2", "--date", "2026-11-02"))
    assert cli("show", "P-2", "--json").json()["deadlines"]["publish"]["due"] == "2026-11-11"
    ok(cli("disclosure", "policy", "--title", "长期护理保险试点方案", "--case", "P-3",
           "--date", "2026-11-19"))
    assert cli("show", "P-3", "--json").json()["deadlines"]["interpretation"]["due"] == "2026-11-24"
    ok(cli("disclosure", "published", "P-2", "--channel", "政府网站"))
    assert cli("show", "P-2", "--json").json()["status"] == "closed"
    r = cli("disclosure", "published", "P-2")
    assert r.exit_code == 1 and "没有待公开" in r.stderr


def test_not_public_information_has_no_publish_deadline(cli) -> None:
    ok(cli("disclosure", "formed", "--title", "党组会议纪要", "--attribute", "此件不公开",
           "--case", "P-4", "--date", "2026-11-02"))
    shown = cli("show", "P-4", "--json").json()
    assert shown["deadlines"] == {} and shown["status"] == "closed"


def test_catalogue_import_reads_the_sample_file(cli) -> None:
    from govinfo_cli.app.demo import sample_file

    ok(cli("disclosure", "catalogue", "import", str(sample_file("catalogue.csv"))))
    rows = cli("disclosure", "catalogue", "list", "--json").json()
    assert len(rows) == 26
    assert any(r["time_limit"] == "每年1月31日前" for r in rows)


def test_catalogue_with_a_missing_column_is_refused(cli, tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("一级,二级,三级\n主动公开,,机构概况\n", encoding="utf-8")
    r = cli("disclosure", "catalogue", "import", str(bad))
    assert r.exit_code == 1 and "公开时限" in r.stderr


def test_major_opinion_counts_hours(cli) -> None:
    ok(cli("opinion", "detect", "--at", "2026-11-20 09:20", "--major", "--summary", "网传骗保",
           "--case", "O-1"))
    d = cli("show", "O-1", "--json").json()["deadlines"]
    assert d["first_release"]["due_at"] == "2026-11-20T10:20"
    assert d["press_conference"]["due_at"] == "2026-11-21T09:20"
    ok(cli("opinion", "released", "O-1", "--at", "2026-11-20 10:30"))
    assert cli("show", "O-1", "--json").json()["deadlines"]["first_release"]["state"] == "missed"


def test_due_shows_every_kind_in_one_ordering(cli) -> None:
    ok(cli("request", "add", "--case", "R-5", "--received", "2026-10-26", "--channel", "online",
           "--applicant", "张伟", "--type", "自然人", "--subject", "x"))
    ok(cli("complaint", "accept", "--case", "C-5", "--respondent", "某药店", "--summary", "x",
           "--reporter", REPORTER, "--date", "2026-11-09"))
    ok(cli("disclosure", "decision", "--kind", "penalty", "--case", "P-5", "--date", "2026-11-16"))
    ok(cli("opinion", "detect", "--at", "2026-11-19 16:00", "--summary", "x", "--case", "O-5"))
    rows = cli("due", "--json").json()
    kinds = [r["kind"] for r in rows]
    assert {"request", "complaint", "disclosure", "opinion"} <= set(kinds)
    assert [r["due"] for r in rows] == sorted(r["due"] for r in rows)


def test_yearly_duties_appear_without_anyone_entering_them_and_are_marked_done(cli) -> None:
    ok(cli("request", "add", "--case", "R-6", "--received", "2025-11-03", "--channel", "online",
           "--applicant", "张伟", "--type", "自然人", "--subject", "x"))
    rows = cli("--today", "2026-01-26", "due", "--json").json()
    assert ("年度报告〔2025〕", "annual_report", "2026-01-31") in {
        (r["case"], r["deadline"], r["due"]) for r in rows}
    ok(cli("--today", "2026-01-26", "disclosure", "duty-done", "annual_report", "--year", "2025"))
    rows = cli("--today", "2026-01-27", "due", "--json").json()
    assert "年度报告〔2025〕" not in {r["case"] for r in rows}
    rows = cli("--today", "2026-12-14", "due", "--json").json()
    assert ("不予公开信息审查〔2026〕", "withheld_review") in {(r["case"], r["deadline"]) for r in rows}
