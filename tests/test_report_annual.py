"""The annual report (国办公开办函〔2021〕30号; docs/rules.md §7) and year locks, against a year
of events whose right answers are counted by hand in the comments below: every expected
number is a literal, never computed by the report code.

The year 2025 of a county bureau:

  case  applicant type   received    closed      outcome                 2025 row
  A     natural_person   2024-12-16  2025-01-06  disclosed               二 carried in, （一）
  B     business         2025-03-03  2025-03-20  partially_disclosed     一, （二） (once)
  C     research         2025-05-06  2025-06-03  other:no_correction     一, （六）1
  D     nonprofit        2025-06-03  2025-07-15  other:fee_unpaid        一, （六）2
  E     legal_services   2025-12-22  2026-01-08  withheld:third_party    一, 四 carried out
  F     other            2025-09-01  2025-09-03  withdrawn → other:other 一, （六）3
  G     natural_person   2025-10-09  2025-10-20  unavailable:not_held    一, （四）1
  H     natural_person   2025-07-01  2025-07-01  disclosed (当场答复)      一, （一）
  I     business         2025-11-03  2025-11-20  not_processed:duplicate 一, （五）2
  K     other            2025-12-30  —           open                    一, 四 carried out
"""

from __future__ import annotations

import json

import pytest

from tests.builders import add_request_args, jsonl, line, received_line

COLS = ["natural_person", "business", "research", "nonprofit", "legal_services", "other"]


YEAR = [
    received_line("A", "2024-12-16", "natural_person"),
    line("A", "fee_notice_received", "2024-12-18", amount=1000),
    line("A", "fee_paid", "2025-01-03"),  # paid in 2025: counts there
    line("A", "replied", "2025-01-06", outcome="disclosed"),
    received_line("B", "2025-03-03", "business"),
    line("B", "fee_notice_received", "2025-03-05", amount=200),
    line("B", "fee_paid", "2025-03-07"),
    line("B", "replied", "2025-03-20", outcome="partially_disclosed", reason="部分涉及商业秘密"),
    received_line("C", "2025-05-06", "research"),
    line("C", "correction_requested", "2025-05-08", within_wd=15),  # lapses 2025-05-29
    line("C", "replied", "2025-06-03", outcome="other:no_correction"),
    received_line("D", "2025-06-03", "nonprofit"),
    line("D", "fee_notice_received", "2025-06-05", amount=100),  # unpaid: lapses 07-03
    line("D", "replied", "2025-07-15", outcome="other:fee_unpaid"),
    received_line("E", "2025-12-22", "legal_services"),
    line("E", "replied", "2026-01-08", outcome="withheld:third_party", reason="第三方不同意公开"),
    received_line("F", "2025-09-01", "other"),
    line("F", "withdrawn", "2025-09-03"),
    received_line("G", "2025-10-09", "natural_person"),
    line("G", "replied", "2025-10-20", outcome="unavailable:not_held", reason="本机关未制作"),
    received_line("H", "2025-07-01", "natural_person"),
    line("H", "replied", "2025-07-01", outcome="disclosed"),
    received_line("I", "2025-11-03", "business"),
    line("I", "replied", "2025-11-20", outcome="not_processed:duplicate", reason="与B重复"),
    received_line("K", "2025-12-30", "other"),
    # section 四: filed in 2025, result as known on 31 December
    line("AP1", "reconsideration_copy_received", "2025-04-01", kind="appeal", request="B"),
    line("AP1", "agency_replied", "2025-04-10", kind="appeal"),
    line("AP1", "appeal_decided", "2025-06-01", kind="appeal", result="corrected"),
    line("AP4", "reconsideration_copy_received", "2025-02-03", kind="appeal", request="A"),
    line("AP4", "agency_replied", "2025-02-12", kind="appeal"),
    line("AP4", "appeal_decided", "2025-03-03", kind="appeal", result="upheld"),
    line("AP2", "lawsuit_copy_received", "2025-11-03", kind="appeal", request="G", route="direct"),
    line("AP5", "lawsuit_copy_received", "2025-05-06", kind="appeal", request="C", route="direct"),
    line("AP5", "defense_submitted", "2025-05-16", kind="appeal"),
    line("AP5", "appeal_decided", "2025-09-01", kind="appeal", result="other"),
    line("AP3", "lawsuit_copy_received", "2025-12-01", kind="appeal", request="B", route="after_reconsideration"),
    line("AP3", "defense_submitted", "2025-12-10", kind="appeal"),
    line("AP3", "appeal_decided", "2026-02-01", kind="appeal", result="upheld"),  # pending on 31 Dec
    # section 二: documents (one disclosure case = one document) and decisions
    line(
        "P4", "information_formed", "2024-03-01", kind="disclosure", title="某管理办法", category="normative_documents"
    ),  # in force, issued 2024
    line(
        "P1",
        "information_formed",
        "2025-02-10",
        kind="disclosure",
        title="关于印发某办法的通知",
        category="行政规范性文件",
    ),
    line(
        "P1",
        "information_changed",
        "2025-08-08",
        kind="disclosure",
        title="关于废止某办法的通知",
        category="行政规范性文件",
        repealed=True,
    ),
    line("P5", "information_formed", "2025-04-01", kind="disclosure", title="某实施细则", category="行政规范性文件"),
    line(
        "P5", "information_changed", "2025-10-10", kind="disclosure", title="废止某实施细则", repealed=True
    ),  # no category given again
    line("P6", "information_formed", "2025-05-20", kind="disclosure", title="某规章", category="规章"),
    line("P7", "information_formed", "2025-03-01", kind="disclosure", title="部门预算", category="财政预决算"),
    line("P2", "enforcement_decision", "2025-05-05", kind="disclosure", decision="penalty", title="处罚决定书"),
    line("P3", "enforcement_decision", "2025-06-06", kind="disclosure", decision="licensing", title="许可决定"),
    line("P8", "enforcement_decision", "2025-07-07", kind="disclosure", decision="compulsion", title="强制决定"),
    line("P9", "enforcement_decision", "2026-01-05", kind="disclosure", decision="penalty", title="2026年处罚"),
]


def _year(cli, home):  # noqa: ANN001
    src = home / "year.jsonl"
    src.write_text(jsonl(YEAR), encoding="utf-8")
    r = cli("import", "events", str(src))
    assert r.exit_code == 0, r.stderr


@pytest.fixture
def year(seeded):  # noqa: ANN001, ANN201
    return seeded(_year)


def _row(**kw: int) -> dict[str, int]:
    out = {c: kw.get(c, 0) for c in COLS}
    out["total"] = sum(out.values())
    return out


# --------------------------------------------------------------------------
# Section 三
# --------------------------------------------------------------------------


def test_new_requests_are_counted_per_applicant_type(year) -> None:
    s3 = year("report", "annual", "2025", "--json").json()["section3"]
    assert s3["new"] == _row(natural_person=2, business=2, research=1, nonprofit=1, legal_services=1, other=2)
    assert s3["new"]["total"] == 9


def test_a_request_open_on_1_january_is_carried_in(year) -> None:
    s3 = year("report", "annual", "2025", "--json").json()["section3"]
    assert s3["carried_in"] == _row(natural_person=1)  # A, received 2024-12-16


def test_outcome_rows_count_replies_in_the_year(year) -> None:
    s3 = year("report", "annual", "2025", "--json").json()["section3"]
    assert s3["disclosed"] == _row(natural_person=2)  # A and H (on the spot)
    assert s3["unavailable:not_held"] == _row(natural_person=1)
    assert s3["not_processed:duplicate"] == _row(business=1)
    assert s3["withheld:third_party"] == _row()  # E is answered in 2026
    zero = {
        "withheld:state_secret",
        "withheld:prohibited",
        "withheld:security_stability",
        "withheld:internal_affairs",
        "withheld:process_info",
        "withheld:enforcement_file",
        "withheld:admin_query",
        "unavailable:needs_creation",
        "unavailable:still_unclear",
        "not_processed:petition",
        "not_processed:publication",
        "not_processed:excessive",
        "not_processed:confirmation",
        "withheld:third_party",
    }
    for row in zero:
        assert s3[row] == _row(), row


def test_a_partial_disclosure_is_counted_once_as_row_2(year) -> None:
    s3 = year("report", "annual", "2025", "--json").json()["section3"]
    assert s3["partially_disclosed"] == _row(business=1)
    assert s3["handled_total"]["business"] == 2  # B once, I once


def test_a_lapsed_correction_and_an_unpaid_fee_are_rows_6_1_and_6_2(year) -> None:
    s3 = year("report", "annual", "2025", "--json").json()["section3"]
    assert s3["other:no_correction"] == _row(research=1)  # C
    assert s3["other:fee_unpaid"] == _row(nonprofit=1)  # D
    assert s3["other:other"] == _row(other=1)  # F withdrawn


def test_handled_total_and_carried_out(year) -> None:
    s3 = year("report", "annual", "2025", "--json").json()["section3"]
    assert s3["handled_total"] == _row(natural_person=3, business=2, research=1, nonprofit=1, other=1)
    assert s3["carried_out"] == _row(legal_services=1, other=1)  # E and K


def test_a_request_carried_out_in_december_is_carried_in_next_year(year) -> None:
    s3 = year("report", "annual", "2026", "--json").json()["section3"]
    assert s3["carried_in"] == _row(legal_services=1, other=1)  # E and K
    assert s3["withheld:third_party"] == _row(legal_services=1)  # E, answered 2026-01-08
    assert s3["carried_out"] == _row(other=1)  # K still open
    s2024 = year("report", "annual", "2024", "--json").json()["section3"]
    assert s2024["new"] == _row(natural_person=1) and s2024["carried_out"] == _row(natural_person=1)


def test_the_check_holds_in_every_column(year) -> None:
    for y in ("2024", "2025", "2026"):
        checks = year("report", "annual", y, "--json").json()["checks"]
        assert len(checks) == 7 and all(c["ok"] for c in checks), y
    out = year("report", "annual", "2025").stdout
    assert "第一项加第二项之和，等于第三项加第四项之和" in out and "各列均成立" in out


def test_a_failing_check_is_an_error_naming_the_column_and_the_cases(year) -> None:
    from tests.conftest import query

    # a damaged cache: G closed without an outcome
    query("UPDATE cases SET outcome = NULL WHERE number = 'G'")
    r = year("report", "annual", "2025", "--json")
    assert r.exit_code == 1
    assert "自然人" in r.stderr and "G" in r.stderr and "3 ≠ 2" in r.stderr
    assert [c["ok"] for c in r.json()["checks"]] == [False, True, True, True, True, True, False]


def test_the_check_is_computed_by_the_core_over_plain_rows() -> None:
    import datetime as dt

    from govinfo_cli.core.report import RequestRow, section3

    rows = [
        RequestRow("X", "research", dt.date(2025, 3, 1), dt.date(2025, 4, 1), None),
        RequestRow("Y", "research", dt.date(2025, 3, 1), dt.date(2025, 4, 1), "disclosed"),
    ]
    table, checks = section3(rows, 2025)
    failed = [c for c in checks if not c.ok]
    assert [c.name.split("：")[-1] for c in failed] == ["科研机构", "总计"]
    assert failed[0].cases == ("X",) and failed[0].detail == "2 ≠ 1"


# --------------------------------------------------------------------------
# Sections 四 and 二
# --------------------------------------------------------------------------


def test_section4_counts_appeals_filed_in_the_year_with_results_known_on_31_december(year) -> None:
    s4 = year("report", "annual", "2025", "--json").json()["section4"]
    assert s4["reconsideration"] == {"upheld": 1, "corrected": 1, "other": 0, "pending": 0, "total": 2}
    assert s4["lawsuit_direct"] == {"upheld": 0, "corrected": 0, "other": 1, "pending": 1, "total": 2}
    assert s4["lawsuit_after_reconsideration"] == {
        "upheld": 0,
        "corrected": 0,
        "other": 0,
        "pending": 1,
        "total": 1,
    }  # decided 2026-02-01
    s4 = year("report", "annual", "2026", "--json").json()["section4"]
    assert all(g["total"] == 0 for g in s4.values())  # nothing filed in 2026


def test_section2_documents_issued_repealed_and_in_force(year) -> None:
    s2 = year("report", "annual", "2025", "--json").json()["section2"]
    # issued P1, P5; repealed P1, P5 (P5's repeal names no category: the document's counts);
    # in force on 31 December: P4 (issued 2024, category given as its code)
    assert s2["normative_documents"] == {"issued": 2, "repealed": 2, "in_force": 1}
    assert s2["regulations"] == {"issued": 1, "repealed": 0, "in_force": 1}
    s2 = year("report", "annual", "2024", "--json").json()["section2"]
    assert s2["normative_documents"] == {"issued": 1, "repealed": 0, "in_force": 1}


def test_section2_a_document_first_registered_by_its_change_or_repeal_was_not_issued_that_year(cli, tmp_path) -> None:
    # Q1: an old 行政规范性文件 (issued before the register began) repealed in 2025
    # Q2: an old 规章 amended in 2025; Q3: a 规章 formed in 2025 and amended the same year
    lines = [
        line(
            "Q1",
            "information_changed",
            "2025-03-02",
            kind="disclosure",
            title="关于废止某办法的通知",
            category="行政规范性文件",
            repealed=True,
        ),
        line("Q2", "information_changed", "2025-04-01", kind="disclosure", title="某规章（修订）", category="规章"),
        line("Q3", "information_formed", "2025-05-06", kind="disclosure", title="某新规章", category="规章"),
        line("Q3", "information_changed", "2025-06-01", kind="disclosure", title="某新规章（修正）"),
    ]
    src = tmp_path / "docs.jsonl"
    src.write_text(jsonl(lines), encoding="utf-8")
    assert cli("import", "events", str(src)).exit_code == 0
    s2 = cli("report", "annual", "2025", "--json").json()["section2"]
    assert s2["normative_documents"] == {"issued": 0, "repealed": 1, "in_force": 0}  # Q1
    assert s2["regulations"] == {"issued": 1, "repealed": 0, "in_force": 2}  # Q3; Q2 and Q3


def test_section2_decisions_and_fees(year) -> None:
    s2 = year("report", "annual", "2025", "--json").json()["section2"]
    assert (s2["licensing"], s2["penalty"], s2["compulsion"]) == (1, 1, 1)
    assert s2["fees_wan_yuan"] == 0.12  # A 1000 (paid 2025-01-03) + B 200; D never paid
    s2 = year("report", "annual", "2024", "--json").json()["section2"]
    assert (s2["penalty"], s2["fees_wan_yuan"]) == (0, 0)


def test_empty_sources_are_zeros_clearly_marked(cli) -> None:
    r = cli("report", "annual", "2025")
    assert r.exit_code == 0
    assert "没有可计入第二部分的主动公开登记" in r.stdout and "没有复议诉讼登记" in r.stdout
    data = cli("report", "annual", "2025", "--json").json()
    assert data["section2"]["licensing"] == 0 and data["section4"]["reconsideration"]["total"] == 0


# --------------------------------------------------------------------------
# Output kinds
# --------------------------------------------------------------------------


def test_json_has_the_contract_shape(year) -> None:
    from govinfo_cli.core.codes import OUTCOMES

    data = year("report", "annual", "2025", "--json").json()
    assert set(data) == {"year", "section3", "section4", "section2", "checks"}
    assert data["year"] == 2025
    assert list(data["section3"]) == ["new", "carried_in", *OUTCOMES, "handled_total", "carried_out"]
    for row in data["section3"].values():
        assert list(row) == [*COLS, "total"]
    assert list(data["section4"]) == ["reconsideration", "lawsuit_direct", "lawsuit_after_reconsideration"]
    for g in data["section4"].values():
        assert list(g) == ["upheld", "corrected", "other", "pending", "total"]
    assert all(set(c) == {"name", "ok"} for c in data["checks"])
    assert (
        year("report", "annual", "2025", "--format", "json").stdout == year("report", "annual", "2025", "--json").stdout
    )


@pytest.mark.parametrize("fmt", ["table", "md", "csv"])
def test_text_formats_carry_the_agency_header_and_the_official_labels(year, fmt) -> None:
    year("config", "set", "agency.name", "昌宁县医疗保障局")
    year("config", "set", "agency.phone", "0875-6121234")
    out = year("report", "annual", "2025", "--format", fmt).stdout
    assert out.index("昌宁县医疗保障局") < out.index("二、主动公开政府信息情况")
    assert "0875-6121234" in out
    for label in (
        "一、本年新收政府信息公开申请数量",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        *(
            # md is the published form: 三's group label and its member are cells of their own
            ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
            if fmt == "md"
            else ("（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",)
        ),
        "（七）总计",
        "四、结转下年度继续办理",
        "结果纠正",
        "尚未审结",
        "行政规范性文件",
        "行政强制",
    ):
        assert label in out, label


def test_csv_is_excel_friendly_and_out_writes_a_file(year, tmp_path) -> None:
    path = tmp_path / "r.csv"
    r = year("report", "annual", "2025", "--format", "csv", "--out", str(path))
    assert r.exit_code == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "一、本年新收政府信息公开申请数量,2,2,1,1,1,2,9" in text


def test_xlsx_is_laid_out_like_the_official_form(year, tmp_path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "r.xlsx"
    assert year("report", "annual", "2025", "--format", "xlsx", "--out", str(path)).exit_code == 0
    ws = load_workbook(path).active
    cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None}
    where = {v: k for k, v in cells.items()}
    merged = {str(m) for m in ws.merged_cells.ranges}
    r, c = where["申请人情况"]
    assert c == 4 and f"D{r}:J{r}" in merged  # over the seven columns
    assert f"E{r + 1}:I{r + 1}" in merged and cells[(r + 1, 5)] == "法人或其他组织"
    assert [cells[(r + 2, k)] for k in range(5, 10)] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert cells[(r + 1, 10)] == "总计" and f"J{r + 1}:J{r + 2}" in merged
    first = where["一、本年新收政府信息公开申请数量"][0]
    assert [cells[(first, k)] for k in range(4, 11)] == [2, 2, 1, 1, 1, 2, 9]
    g = where["（三）不予公开"]
    assert f"B{g[0]}:B{g[0] + 7}" in merged  # the group spans its 8 rows
    check = where["勾稽关系（一+二=三（七）+四）"][0]
    assert check == where["四、结转下年度继续办理"][0] + 1  # the check row below the table
    assert [cells[(check, k)] for k in range(4, 11)] == ["成立"] * 7


def test_xlsx_needs_out_and_unknown_formats_are_usage_errors(year) -> None:
    r = year("report", "annual", "2025", "--format", "xlsx")
    assert r.exit_code != 0 and "--out" in r.stderr
    r = year("report", "annual", "2025", "--format", "pdf")
    assert r.exit_code != 0 and "table" in r.stderr


# --------------------------------------------------------------------------
# Year locks
# --------------------------------------------------------------------------


def test_lock_refuses_request_commands_dated_in_the_locked_year(year) -> None:
    assert year("report", "lock", "2025", "--note", "2026-01-20 公布").exit_code == 0
    r = year(*add_request_args("L-1", "2025-12-30", subject="补录"))
    assert r.exit_code == 1 and "2025 年度已锁定" in r.stderr and "--unlock-reason" in r.stderr
    r = year("request", "reply", "K", "--outcome", "disclosed", "--date", "2025-12-31")
    assert r.exit_code == 1 and "锁定" in r.stderr
    assert year("show", "K", "--json").json()["status"] == "open"


def test_an_unlock_reason_is_recorded_in_the_event(year) -> None:
    year("report", "lock", "2025")
    assert (
        year(*add_request_args("L-1", "2025-12-30", subject="补录", unlock_reason="补录遗漏的纸质申请")).exit_code == 0
    )
    assert (
        year(
            "request", "reply", "L-1", "--outcome", "disclosed", "--date", "2025-12-31", "--unlock-reason", "补录答复"
        ).exit_code
        == 0
    )
    events = year("show", "L-1", "--json").json()["events"]
    assert [e.get("unlock_reason") for e in events] == ["补录遗漏的纸质申请", "补录答复"]
    # an event dated in an open year needs no reason and records none
    r = year("request", "reply", "K", "--outcome", "disclosed", "--date", "2026-01-05")
    assert r.exit_code == 0
    assert "unlock_reason" not in year("show", "K", "--json").json()["events"][-1]


def test_import_events_needs_an_unlock_reason_for_a_locked_year(year, tmp_path) -> None:
    from tests.conftest import dump

    year("report", "lock", "2025")
    src = tmp_path / "late.jsonl"
    src.write_text(
        jsonl(
            [received_line("L-9", "2025-12-29", "research"), line("K", "replied", "2026-02-02", outcome="disclosed")]
        ),
        "utf-8",
    )
    before = dump()
    r = year("import", "events", str(src))
    assert r.exit_code == 1 and "line 1:" in r.stderr and "锁定" in r.stderr
    assert dump() == before  # all-or-nothing: K's line not written
    r = year("import", "events", str(src), "--unlock-reason", "补录年底邮寄申请")
    assert r.exit_code == 0, r.stderr
    assert year("show", "L-9", "--json").json()["events"][0]["unlock_reason"] == "补录年底邮寄申请"
    assert "unlock_reason" not in year("show", "K", "--json").json()["events"][-1]
    # the same file again adds nothing, with or without the reason
    again = year("import", "events", str(src), "--unlock-reason", "补录年底邮寄申请", "--json").json()
    assert (again["added"], again["unchanged"]) == (0, 2)


def test_every_kinds_commands_take_an_unlock_reason_in_a_locked_year(year) -> None:
    from tests.conftest import dump

    assert year("config", "set", "profile", "xinjiang").exit_code == 0  # its December review (§5)
    assert year("--today", "2025-12-01", "due").exit_code == 0  # opens 不予公开信息审查〔2025〕
    assert year("report", "lock", "2025").exit_code == 0
    commands = [
        ("complaint", "accept", "--case", "C-9", "--respondent", "某药店", "--summary", "x", "--date", "2025-12-01"),
        ("appeal", "reconsideration", "--request", "K", "--case", "F-9", "--date", "2025-12-31"),
        ("disclosure", "decision", "--kind", "penalty", "--case", "P-10", "--date", "2025-12-02"),
        ("opinion", "detect", "--at", "2025-12-01 09:00", "--summary", "x", "--case", "O-1"),
        ("opinion", "responded", "O-1", "--at", "2025-12-02 09:00"),
        ("disclosure", "duty-done", "withheld_review", "--year", "2025", "--date", "2025-12-18"),
    ]
    before = dump()
    r = year(*commands[0])
    assert r.exit_code == 1 and "--unlock-reason" in r.stderr
    r = year(*commands[3])
    assert r.exit_code == 1 and "--unlock-reason" in r.stderr
    assert dump() == before
    for args in commands:
        r = year(*args, "--unlock-reason", "补录")
        assert r.exit_code == 0, (args, r.stderr)
    for case in ("C-9", "F-9", "P-10", "O-1", "不予公开信息审查〔2025〕"):
        events = year("show", case, "--json").json()["events"]
        assert events[-1]["unlock_reason"] == "补录", case
    assert len(year("show", "O-1", "--json").json()["events"]) == 2


def test_reimporting_lines_already_recorded_in_a_locked_year_is_not_refused(year, tmp_path) -> None:
    year("report", "lock", "2025")
    src = tmp_path / "same.jsonl"
    src.write_text(jsonl(YEAR), encoding="utf-8")
    r = year("import", "events", str(src), "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["added"] == 0 and r.json()["unchanged"] == len(YEAR)


def test_locking_a_year_locks_the_earlier_years_its_report_depends_on(year) -> None:
    r = year("report", "lock", "2025")
    assert r.exit_code == 0 and "2024–2025" in r.stderr + r.stdout
    assert [x["year"] for x in year("report", "locks", "--json").json()] == [2024, 2025]
    r = year(*add_request_args("L-3", "2024-06-03", subject="补录"))  # would change 2025's carried-in
    assert r.exit_code == 1 and "2024 年度已锁定" in r.stderr


def test_a_year_not_over_or_already_locked_cannot_be_locked(year) -> None:
    r = year("report", "lock", "2026")
    assert r.exit_code == 1 and "尚未结束" in r.stderr
    assert year("report", "lock", "2025").exit_code == 0
    r = year("report", "lock", "2025")
    assert r.exit_code == 1 and "已锁定" in r.stderr


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "json", "xlsx"])
def test_a_locked_years_report_is_reproducible_byte_for_byte(year, tmp_path, fmt) -> None:
    year("config", "set", "agency.name", "昌宁县医疗保障局")
    year("report", "lock", "2025")

    def report(name: str) -> bytes:
        path = tmp_path / name
        assert year("report", "annual", "2025", "--format", fmt, "--out", str(path)).exit_code == 0
        return path.read_bytes()

    before = report("before")
    stdout_before = year("report", "annual", "2025", "--format", fmt).stdout if fmt != "xlsx" else ""
    # life goes on in 2026: a new request, K answered, the agency renamed
    assert year(*add_request_args("L-2", "2026-11-02", subject="补录")).exit_code == 0
    assert year("request", "reply", "K", "--outcome", "disclosed", "--date", "2026-03-02").exit_code == 0
    year("config", "set", "agency.name", "改名后的机关")
    after = report("after")
    assert after == before
    if fmt != "xlsx":
        assert year("report", "annual", "2025", "--format", fmt).stdout == stdout_before
    assert b"\xe6\x98\x8c\xe5\xae\x81" in before or fmt in ("json", "xlsx")  # 昌宁 in the header


def test_the_header_of_an_unlocked_year_follows_the_settings(year) -> None:
    year("config", "set", "agency.name", "昌宁县医疗保障局")
    assert "昌宁县医疗保障局" in year("report", "annual", "2026", "--format", "md").stdout
    year("config", "set", "agency.name", "新名称")
    assert "新名称" in year("report", "annual", "2026", "--format", "md").stdout


def test_the_sample_data_checks_out_for_every_year_in_it(cli) -> None:
    from govinfo_cli.app.demo import sample_file

    path = sample_file("events.jsonl")
    assert cli("import", "events", str(path)).exit_code == 0
    years = sorted({json.loads(x)["date"][:4] for x in path.read_text("utf-8").splitlines() if x.strip()})
    assert years
    for y in years:
        data = cli("report", "annual", y, "--json").json()
        assert all(c["ok"] for c in data["checks"]), y
