"""The annual report (国办公开办函〔2021〕30号) and the timeliness report, against a year
of events whose right answer is counted by hand below (not by the report code)."""

from __future__ import annotations

import json

import pytest

R = {"channel": "online", "subject": "医保基金支出明细"}


def line(case: str, kind: str, type_: str, date: str, **kw) -> dict:  # noqa: ANN003
    return {"case": case, "kind": kind, "type": type_, "date": date, **kw}


def req(case: str, date: str, atype: str) -> dict:
    return line(case, "request", "received", date, applicant=f"申请人{case}", applicant_type=atype, **R)


YEAR = [
    req("A", "2024-12-16", "natural_person"),
    line("A", "request", "replied", "2025-01-06", outcome="disclosed"),
    req("B", "2025-03-03", "business"),
    line("B", "request", "fee_notice_received", "2025-03-05", amount=200),
    line("B", "request", "fee_paid", "2025-03-07"),
    line("B", "request", "replied", "2025-03-20", outcome="partially_disclosed", reason="涉及商业秘密"),
    req("C", "2025-05-06", "research"),
    line("C", "request", "correction_requested", "2025-05-08", within_wd=15),
    line("C", "request", "replied", "2025-06-03", outcome="other:no_correction"),
    req("D", "2025-06-03", "nonprofit"),
    line("D", "request", "fee_notice_received", "2025-06-05", amount=100),
    line("D", "request", "replied", "2025-07-15", outcome="other:fee_unpaid"),
    req("E", "2025-12-22", "legal_services"),
    line("E", "request", "replied", "2026-01-08", outcome="withheld:third_party", reason="第三方不同意"),
    req("F", "2025-09-01", "other"),
    line("F", "request", "withdrawn", "2025-09-03"),
    req("G", "2025-10-09", "natural_person"),
    line("G", "request", "replied", "2025-10-20", outcome="unavailable:not_held", reason="未制作"),
    line("AP1", "appeal", "reconsideration_copy_received", "2025-04-01", request="B"),
    line("AP1", "appeal", "agency_replied", "2025-04-10"),
    line("AP1", "appeal", "appeal_decided", "2025-06-01", result="corrected"),
    line("AP2", "appeal", "lawsuit_copy_received", "2025-11-03", request="G", route="direct"),
    line("AP3", "appeal", "lawsuit_copy_received", "2025-12-01", request="B",
         route="after_reconsideration"),
    line("AP3", "appeal", "defense_submitted", "2025-12-10"),
    line("AP3", "appeal", "appeal_decided", "2026-02-01", result="upheld"),
    line("P1", "disclosure", "information_formed", "2025-02-10", title="关于印发某办法的通知",
         category="行政规范性文件"),
    line("P1", "disclosure", "information_changed", "2025-08-08", title="关于废止某办法的通知",
         category="行政规范性文件", repealed=True),
    line("P2", "disclosure", "enforcement_decision", "2025-05-05", decision="penalty", title="处罚决定书"),
    line("P3", "disclosure", "enforcement_decision", "2025-06-06", decision="licensing", title="许可"),
]


@pytest.fixture
def year(cli, tmp_path):  # noqa: ANN001, ANN201
    src = tmp_path / "year.jsonl"
    src.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n"
                           for x in sorted(YEAR, key=lambda x: x["date"])), encoding="utf-8")
    r = cli("import", "events", str(src))
    assert r.exit_code == 0, r.stderr
    return cli


def _row(**kw: int) -> dict[str, int]:
    cols = ["natural_person", "business", "research", "nonprofit", "legal_services", "other"]
    out = {c: kw.get(c, 0) for c in cols}
    out["total"] = sum(out.values())
    return out


def test_section3_counts_each_applicant_type_and_the_carry_over(year) -> None:
    s3 = year("report", "annual", "2025", "--json").json()["section3"]
    assert s3["new"] == _row(natural_person=1, business=1, research=1, nonprofit=1,
                             legal_services=1, other=1)
    assert s3["carried_in"] == _row(natural_person=1)               # A: December 2024
    assert s3["disclosed"] == _row(natural_person=1)
    assert s3["partially_disclosed"] == _row(business=1)             # counted once, as （二）
    assert s3["other:no_correction"] == _row(research=1)             # （六）1
    assert s3["other:fee_unpaid"] == _row(nonprofit=1)               # （六）2
    assert s3["other:other"] == _row(other=1)                        # withdrawn
    assert s3["unavailable:not_held"] == _row(natural_person=1)
    assert s3["withheld:third_party"] == _row()                      # E replied in 2026
    assert s3["handled_total"] == _row(natural_person=2, business=1, research=1, nonprofit=1,
                                       other=1)
    assert s3["carried_out"] == _row(legal_services=1)              # E: December 2025


def test_a_request_carried_out_is_carried_in_the_next_year(year) -> None:
    s3 = year("report", "annual", "2026", "--json").json()["section3"]
    assert s3["carried_in"] == _row(legal_services=1)
    assert s3["withheld:third_party"] == _row(legal_services=1)
    assert s3["carried_out"] == _row()
    assert year("report", "annual", "2024", "--json").json()["section3"]["carried_out"] == \
        _row(natural_person=1)


def test_the_check_holds_in_every_column(year) -> None:
    data = year("report", "annual", "2025", "--json").json()
    assert len(data["checks"]) == 7 and all(c["ok"] for c in data["checks"])


def test_section4_counts_results_known_on_31_december(year) -> None:
    s4 = year("report", "annual", "2025", "--json").json()["section4"]
    assert s4["reconsideration"] == {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1}
    assert s4["lawsuit_direct"] == {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1}
    assert s4["lawsuit_after_reconsideration"] == {"upheld": 0, "corrected": 0, "other": 0,
                                                   "pending": 1, "total": 1}  # decided 2026


def test_section2_counts_documents_decisions_and_fees(year) -> None:
    s2 = year("report", "annual", "2025", "--json").json()["section2"]
    assert s2["normative_documents"] == {"issued": 1, "repealed": 1, "in_force": 0}
    assert s2["regulations"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert (s2["licensing"], s2["penalty"], s2["compulsion"]) == (1, 1, 0)
    assert s2["fees_wan_yuan"] == 0.02


def test_json_has_the_contract_shape(year) -> None:
    data = year("report", "annual", "2025", "--json").json()
    assert set(data) == {"year", "section3", "section4", "section2", "checks"}
    from govinfo_cli.core.codes import OUTCOMES

    assert set(data["section3"]) == {"new", "carried_in", *OUTCOMES, "handled_total", "carried_out"}
    assert set(data["section4"]) == {"reconsideration", "lawsuit_direct", "lawsuit_after_reconsideration"}
    assert set(data["checks"][0]) == {"name", "ok"}


@pytest.mark.parametrize("fmt", ["md", "csv", "table"])
def test_text_formats_carry_the_official_labels(year, fmt) -> None:
    r = year("config", "set", "agency.name", "昌宁县医疗保障局")
    out = year("report", "annual", "2025", "--format", fmt).stdout
    assert "昌宁县医疗保障局" in out
    assert "（七）总计" in out and "四、结转下年度继续办理" in out and "结果纠正" in out
    assert r.exit_code == 0


def test_xlsx_is_laid_out_like_the_form(year, tmp_path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "r.xlsx"
    assert year("report", "annual", "2025", "--format", "xlsx", "--out", str(path)).exit_code == 0
    ws = load_workbook(path).active
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert any(m.startswith("C") for m in merged)  # 法人或其他组织 spans its five columns
    labels = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert "（七）总计" in labels and "勾稽关系" in labels


def test_lock_refuses_events_in_the_year_unless_a_reason_is_recorded(year) -> None:
    assert year("report", "lock", "2025", "--note", "2026-01-20 公布").exit_code == 0
    r = year("request", "add", "--case", "L-1", "--received", "2025-12-30", "--channel", "online",
             "--applicant", "张伟", "--type", "自然人", "--subject", "x")
    assert r.exit_code == 1 and "锁定" in r.stderr
    r = year("request", "add", "--case", "L-1", "--received", "2025-12-30", "--channel", "online",
             "--applicant", "张伟", "--type", "自然人", "--subject", "x",
             "--unlock-reason", "补录遗漏的纸质申请")
    assert r.exit_code == 0, r.stderr
    ev = year("show", "L-1", "--json").json()["events"][0]
    assert ev["unlock_reason"] == "补录遗漏的纸质申请"


def test_a_locked_years_report_is_reproducible_byte_for_byte(year) -> None:
    year("config", "set", "agency.name", "昌宁县医疗保障局")
    year("report", "lock", "2025")
    before = year("report", "annual", "2025", "--format", "md").stdout
    year("config", "set", "agency.name", "改名后的机关")
    year("request", "add", "--case", "L-2", "--received", "2026-11-02", "--channel", "online",
         "--applicant", "张伟", "--type", "自然人", "--subject", "x")
    assert year("report", "annual", "2025", "--format", "md").stdout == before


def test_a_year_not_yet_over_cannot_be_locked(year) -> None:
    r = year("report", "lock", "2026")
    assert r.exit_code == 1


def test_timeliness_counts_on_time_late_and_working_days(cli, tmp_path) -> None:
    lines = [
        req("T1", "2026-03-02", "natural_person"),
        line("T1", "request", "replied", "2026-03-09", outcome="disclosed"),   # 5 wd
        req("T2", "2026-03-02", "business"),
        line("T2", "request", "replied", "2026-04-02", outcome="disclosed"),   # due 03-30: late
        req("T3", "2026-03-02", "research"),
        line("T3", "request", "extended", "2026-03-10", working_days=10, reason="协调"),
        line("T3", "request", "replied", "2026-04-08", outcome="disclosed"),
        req("T4", "2026-10-12", "natural_person"),                             # open, overdue
    ]
    src = tmp_path / "t.jsonl"
    src.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    assert cli("import", "events", str(src)).exit_code == 0
    (row,) = cli("report", "timeliness", "2026", "--json").json()
    assert (row["replied"], row["on_time"], row["late"]) == (3, 2, 1)
    assert row["late_detail"] == [{"case": "T2", "working_days": 3}]  # 03-31, 04-01, 04-02
    assert (row["extensions"], row["extension_working_days"]) == (1, 10)
    assert row["avg_working_days"] == round((5 + 23 + 26) / 3, 1)  # T3: 04-06 is 清明 (observed)
    assert row["p90_working_days"] == 26
    assert (row["open_now"], row["overdue_now"], row["overdue_cases"]) == (1, 1, ["T4"])


def test_report_on_the_sample_data_checks_out_for_every_year(cli, tmp_path) -> None:
    from govinfo_cli.app.demo import sample_file

    assert cli("import", "events", str(sample_file("events.jsonl"))).exit_code == 0
    for y in (2025, 2026):
        data = cli("report", "annual", str(y), "--json").json()
        assert all(c["ok"] for c in data["checks"]), y
        assert data["section3"]["new"]["total"] > 0
