"""docs/rules.md §14 (and the §8 fee row, the §10 email row) from the clerk's side: facts entered late
(补录), amendments checked as new events, the applicant's late correction, a correction notice
after acceptance, a letter confirmed late, a void after a deadline, the 统一社会信用代码, and two
third parties consulted at once. The engine's rules one by one are in tests/test_rules_law.py."""

from __future__ import annotations

import json

import pytest

from tests.builders import add_request, import_lines, line, received_line
from tests.conftest import dump, ok

R = "昌医保依申〔2026〕7号"


def refused(cli, *args: str, says: str) -> None:  # noqa: ANN001
    """exit 1, one Chinese line naming the problem, nothing written."""
    before = dump()
    r = cli(*args)
    assert r.exit_code == 1, (r.stdout, r.stderr)
    assert says in r.stderr, r.stderr
    assert r.stderr.startswith("错误：")
    assert dump() == before


def shown(cli, case: str = R, *extra: str) -> dict:  # noqa: ANN001
    return ok(cli(*extra, "show", case, "--json")).json()


def scenario(cli) -> None:  # noqa: ANN001
    """docs/rules.md §14's example up to the day the answer is found (tests/test_rules_law.py counts it)."""
    add_request(cli, R, "2026-02-26", channel="当面提交", id_number="11010519491231002X")
    ok(cli("--today", "2026-03-02", "request", "consult", R, "--party", "third_party", "--name", "某医药公司"))
    ok(cli("--today", "2026-04-01", "request", "extend", R, "--days", "10", "--reason", "需调取历年档案"))
    assert shown(cli, R, "--today", "2026-04-01")["deadlines"]["reply"]["due"] == "2026-04-30"


# ---------------------------------------------------------------- entered late (补录)


def test_rule14_the_answer_found_late_makes_the_reply_due_0331_and_the_case_overdue(cli) -> None:
    scenario(cli)
    answer = (
        "--today",
        "2026-04-02",
        "request",
        "consult-answered",
        R,
        "--party",
        "third_party",
        "--date",
        "2026-03-06",
    )
    refused(cli, *answer, says="--entered-late")
    r = ok(cli("--by", "李科员", *answer, "--entered-late", "4月2日整理档案时发现3月6日已收到复函"))
    assert "补录 2026-03-06" in r.stderr and "答复期限 2026-04-30 → 2026-03-31" in r.stderr
    assert "2026-04-01 的延期晚于答复期限 2026-03-31，不计入" in r.stderr
    data = shown(cli, R, "--today", "2026-04-02")
    reply = data["deadlines"]["reply"]
    assert (reply["due"], reply["state"], reply["working_days_left"]) == ("2026-03-31", "pending", -2)
    [entry] = data["late_entries"]
    assert (entry["seq"], entry["date"], entry["latest"], entry["operator"]) == (
        4,
        "2026-03-06",
        "2026-04-01",
        "李科员",
    )
    assert entry["reason"] == "4月2日整理档案时发现3月6日已收到复函" and entry["marked"] is False
    assert data["events"][3]["entered_late"] == entry["reason"]  # the log keeps the reason
    overdue = ok(cli("--today", "2026-04-02", "due", "--overdue", "--json")).json()
    assert [(x["case"], x["deadline"], x["due"]) for x in overdue] == [(R, "reply", "2026-03-31")]
    assert cli("--today", "2026-04-02", "due", "--check").exit_code == 3
    text = ok(cli("--today", "2026-04-02", "show", R)).stdout
    assert "收到意见（补录）" in text and "补录：#4 2026-03-06 收到意见" in text and "李科员" in text
    audit = ok(cli("--today", "2026-04-02", "show", R, "--audit")).stdout
    assert "补录：#4" in audit and "录入于" in audit
    trail = ok(cli("audit", "--case", R, "--json")).json()
    late = [x for x in trail if x["action"] == "late_entry"]
    assert len(late) == 1 and "4月2日整理档案时发现" in late[0]["detail"] and late[0]["operator"] == "李科员"
    assert "补录事件" in ok(cli("audit", "--case", R)).stdout


def test_rule14_a_late_entry_that_clears_a_breach_is_marked_in_show_timeliness_and_audit(cli) -> None:
    add_request(cli, R, "2026-03-02")  # reply due 03-30
    ok(cli("--today", "2026-04-07", "request", "reply", R, "--outcome", "disclosed"))
    assert shown(cli)["deadlines"]["reply"]["state"] == "missed"
    r = ok(cli("--today", "2026-04-08", "--by", "李科员", "request", "extend", R, "--days", "10", "--reason", "x",
               "--date", "2026-03-20", "--entered-late", "延期审批单3月20日已签，漏登"))  # fmt: skip
    assert "原已逾期的答复期限因此不再逾期" in r.stderr
    data = shown(cli)
    assert data["deadlines"]["reply"]["state"] == "met"
    assert data["late_entries"][0]["cleared"] == ["reply"] and data["late_entries"][0]["marked"] is True
    assert "补录后原已逾期的答复期限不再逾期" in ok(cli("show", R)).stdout
    report = ok(cli("report", "timeliness", "2026", "--json")).json()[0]
    assert [(x["case"], x["cleared"]) for x in report["entered_late_cleared"]] == [(R, ["reply"])]
    assert report["late"] == 0  # counted on time (it was): the mark is what shows how it became so
    assert "补录后不再逾期：" + R in ok(cli("report", "timeliness", "2026")).stdout
    late = [x for x in ok(cli("audit", "--json")).json() if x["action"] == "late_entry"]
    assert len(late) == 1 and "补录后原已逾期的答复期限不再逾期" in late[0]["detail"]


def test_rule14_every_event_command_takes_entered_late(cli) -> None:
    add_request(cli, R, "2026-03-02")
    ok(cli("--today", "2026-03-10", "request", "accept", R, "--date", "2026-03-10"))
    r = cli("--today", "2026-03-12", "request", "extend", R, "--days", "5", "--reason", "x", "--date", "2026-03-05")
    assert r.exit_code == 1 and "--entered-late" in r.stderr
    ok(cli("--today", "2026-03-12", "request", "extend", R, "--days", "5", "--reason", "x", "--date", "2026-03-05",
           "--entered-late", "延期审批单漏登"))  # fmt: skip
    ok(
        cli(
            "--today",
            "2026-03-12",
            "disclosure",
            "decision",
            "--kind",
            "penalty",
            "--case",
            "P-1",
            "--date",
            "2026-03-09",
        )
    )
    ok(cli("--today", "2026-03-12", "disclosure", "published", "P-1", "--date", "2026-03-11"))
    r = cli("--today", "2026-03-12", "amend", "P-1", "1", "--event-date", "2026-03-10", "--reason", "录错")
    assert r.exit_code == 0, r.stderr  # an amendment may move a date; it needs no late-entry reason


def test_rule14_an_event_line_with_entered_late_is_accepted_and_replayed_by_date(cli, tmp_path) -> None:
    lines = [
        received_line("L-1", "2026-02-26", id_number="11010519491231002X"),
        line("L-1", "consultation_sent", "2026-03-02", party="third_party", name="某医药公司"),
        line("L-1", "extended", "2026-04-01", working_days=10, reason="x"),
    ]
    import_lines(cli, tmp_path / "a.jsonl", lines)
    path = tmp_path / "b.jsonl"
    bad = line("L-1", "consultation_answered", "2026-03-06", party="third_party")
    path.write_text(json.dumps(bad, ensure_ascii=False) + "\n", encoding="utf-8")
    refused(cli, "--today", "2026-04-02", "import", "events", str(path), says="line 1:")
    path.write_text(json.dumps({**bad, "entered_late": "复函漏登"}, ensure_ascii=False) + "\n", encoding="utf-8")
    s = ok(cli("--today", "2026-04-02", "import", "events", str(path), "--json")).json()
    assert s["added"] == 1 and any("line 1: 补录 2026-03-06" in w for w in s["warnings"])
    assert shown(cli, "L-1")["deadlines"]["reply"]["due"] == "2026-03-31"
    # a new request whose received line says it is entered late goes through replay, not the
    # register fast path, and keeps the field
    import_lines(cli, tmp_path / "c.jsonl", [received_line("L-2", "2026-03-02", entered_late="登记簿补录")])
    assert shown(cli, "L-2")["events"][0]["entered_late"] == "登记簿补录"


def test_rule14_export_events_round_trips_a_late_entry_and_an_amendment_of_it(cli, tmp_path, monkeypatch) -> None:
    from tests.conftest import new_db

    scenario(cli)
    ok(cli("--today", "2026-04-02", "request", "consult-answered", R, "--party", "third_party", "--date", "2026-03-06",
           "--entered-late", "复函漏登"))  # fmt: skip
    ok(cli("--today", "2026-04-03", "amend", R, "4", "--event-date", "2026-03-05", "--reason", "复函日期应为3月5日"))
    before = shown(cli, R, "--today", "2026-04-03")
    assert before["deadlines"]["reply"]["due"] == "2026-03-30"
    text = ok(cli("export", "events", "--reveal")).stdout
    seqs = [json.loads(x)["type"] for x in text.splitlines() if json.loads(x)["case"] == R]
    assert seqs == ["received", "consultation_sent", "extended", "consultation_answered", "amended"]  # recording order
    monkeypatch.setenv("GOVINFO_DB", new_db(tmp_path / "second.db"))
    (tmp_path / "e.jsonl").write_text(text, encoding="utf-8")
    ok(cli("--today", "2026-04-03", "import", "events", str(tmp_path / "e.jsonl")))
    after = shown(cli, R, "--today", "2026-04-03")
    assert after["deadlines"] == before["deadlines"] and after["amendments"][0]["amends"] == 4


# ---------------------------------------------------------------- amendments as new events


def test_rule14_amend_moves_a_date_before_later_events(cli) -> None:
    add_request(cli, R, "2026-03-02")
    ok(cli("--today", "2026-03-10", "request", "consult", R, "--party", "agency", "--name", "市卫健委"))
    ok(cli("--today", "2026-03-20", "request", "accept", R))
    assert shown(cli)["deadlines"]["correction_notice"]["state"] == "lapsed"
    r = ok(cli("--today", "2026-03-23", "amend", R, "3", "--event-date", "2026-03-04", "--reason", "确认日期录错"))
    assert "更正" in r.stderr
    data = shown(cli, R, "--today", "2026-03-23")
    assert data["deadlines"]["correction_notice"]["state"] == "met"
    assert [e["date"] for e in data["events"]][:3] == ["2026-03-02", "2026-03-10", "2026-03-20"]  # the log keeps it


def test_rule14_an_amendment_is_refused_where_a_new_event_would_be(cli) -> None:
    refused(cli, *["request", "add", "--case", "X", "--received", "2026-03-02", "--channel", "当面提交",
                   "--applicant", "张伟", "--type", "自然人", "--subject", "x", "--arrival", "2026-02-27"],
            says="到达日期")  # fmt: skip
    add_request(cli, R, "2026-03-02", channel="当面提交")
    refused(cli, "amend", R, "1", "--arrival", "2026-02-27", "--reason", "补到达日期", says="到达日期")
    add_request(cli, "R-2", "2026-03-02", channel="互联网")
    ok(cli("amend", "R-2", "1", "--arrival", "2026-02-27", "--reason", "补到达日期"))
    refused(cli, "amend", "R-2", "1", "--channel", "当面提交", "--reason", "渠道录错", says="到达日期")
    refused(cli, "amend", "R-2", "1", "--id-number", "110105194912310021", "--reason", "补证件", says="校验位")


def test_rule14_an_event_recorded_in_a_locked_year_can_still_be_amended(cli) -> None:
    add_request(cli, "OLD", "2025-03-03")
    ok(cli("--today", "2026-02-01", "report", "lock", "2025"))
    ok(cli("--today", "2026-02-01", "request", "reply", "OLD", "--date", "2025-03-20", "--outcome", "disclosed",
           "--unlock-reason", "补登答复"))  # fmt: skip
    ok(cli("--today", "2026-02-02", "amend", "OLD", "2", "--outcome", "部分公开", "--set", "reason=涉及商业秘密",
           "--reason", "结果录错", "--unlock-reason", "报负责人同意"))  # fmt: skip
    assert shown(cli, "OLD", "--today", "2026-02-02")["outcome"] == "partially_disclosed"


# ---------------------------------------------------------------- late correction, notice after accept


def test_rule14_a_late_correction_is_refused_unless_accepted_late(cli) -> None:
    add_request(cli, R, "2026-03-02")
    ok(cli("--today", "2026-03-04", "request", "correct", R))
    refused(cli, "--today", "2026-03-26", "request", "corrected", R, says="--accept-late")
    r = ok(cli("--today", "2026-03-26", "request", "corrected", R, "--accept-late", "申请人住院，经负责人同意"))
    assert "逾期补正" in r.stderr
    data = shown(cli, R, "--today", "2026-03-26")
    assert data["deadlines"]["correction_response"]["state"] == "missed"
    assert data["deadlines"]["reply"]["due"] == "2026-04-24"
    assert data["events"][-1]["accept_late"] == "申请人住院，经负责人同意"


def test_rule14_a_correction_notice_after_accept_inside_the_window_warns(cli) -> None:
    add_request(cli, R, "2026-03-02")
    ok(cli("--today", "2026-03-04", "request", "accept", R))
    r = ok(cli("--today", "2026-03-06", "request", "correct", R))
    assert "确认申请内容明确" in r.stderr and "答复期限中止" in r.stderr
    assert shown(cli, R, "--today", "2026-03-06")["deadlines"]["reply"]["state"] == "suspended"


# ---------------------------------------------------------------- letter, void, email, early fee


def test_rule14_a_letter_confirmed_late_warns_and_the_timeliness_report_marks_it(cli) -> None:
    r = add_request(cli, R, "2026-03-02", channel="平常信函", arrival="2026-02-26")
    assert "平常信函应于到达当日" in r.stderr and "3 个工作日" in r.stderr
    assert shown(cli)["late_confirmation"] == {"arrival": "2026-02-26", "received": "2026-03-02", "working_days": 3}
    assert "平常信函迟延确认" in ok(cli("show", R)).stdout
    ok(cli("request", "reply", R, "--date", "2026-03-20", "--outcome", "disclosed"))
    report = ok(cli("report", "timeliness", "2026", "--json")).json()[0]
    assert [(x["case"], x["working_days"]) for x in report["letter_confirmed_late"]] == [(R, 3)]
    assert "平常信函迟延确认：" + R in ok(cli("report", "timeliness", "2026")).stdout
    csv = ok(cli("report", "timeliness", "2026", "--csv")).stdout.splitlines()
    assert "平常信函迟延确认案件" in csv[0] and R in csv[1]
    add_request(cli, "R-2", "2026-03-02", channel="平常信函", arrival="2026-03-02")  # confirmed that day
    assert shown(cli, "R-2")["late_confirmation"] is None


def test_rule14_a_void_after_a_deadline_passed_is_marked_in_show_timeliness_and_audit(cli) -> None:
    add_request(cli, R, "2026-03-02")
    add_request(cli, "R-2", "2026-03-02")
    ok(cli("--today", "2026-03-20", "--by", "李主任", "void", "R-2", "--reason", "重复登记"))
    ok(cli("--today", "2026-04-02", "--by", "李主任", "void", R, "--reason", "误登记"))
    data = shown(cli, R, "--today", "2026-04-02")
    assert data["voided"]["passed"] == ["reply"] and data["voided"]["after_deadline"] is True
    assert shown(cli, "R-2", "--today", "2026-04-02")["voided"]["after_deadline"] is False
    assert "期限届满后作废" in ok(cli("--today", "2026-04-02", "show", R)).stdout
    report = ok(cli("--today", "2026-04-02", "report", "timeliness", "2026", "--json")).json()[0]
    assert [(x["case"], x["operator"], x["passed"]) for x in report["voided_after_deadline"]] == [
        (R, "李主任", ["reply"])
    ]
    assert report["overdue_now"] == 0  # a voided case is in no count: the mark is what keeps the breach
    trail = {x["target"]: x["detail"] for x in ok(cli("audit", "--json")).json() if x["action"] == "void"}
    assert "期限届满后作废" in trail[R] and "期限届满后作废" not in trail["R-2"]


def test_rule14_email_takes_an_arrival_date(cli) -> None:
    add_request(cli, R, "2026-03-02", channel="电子邮件", arrival="2026-02-27")
    data = shown(cli)
    assert data["facts"]["arrival_date"] == "2026-02-27" and data["deadlines"]["reply"]["due"] == "2026-03-30"


def test_rule8_a_fee_notice_before_2021_is_recorded_with_a_warning_and_sets_nothing(cli) -> None:
    add_request(cli, R, "2020-12-01")
    r = ok(cli("--today", "2020-12-10", "request", "fee", R, "--amount", "100"))
    assert "2021-01-01" in r.stderr and "不产生缴费期限" in r.stderr
    data = shown(cli, R, "--today", "2020-12-10")
    assert "fee_payment" not in data["deadlines"]
    assert (data["deadlines"]["reply"]["due"], data["deadlines"]["reply"]["state"]) == ("2020-12-29", "pending")


# ---------------------------------------------------------------- 统一社会信用代码, 109号 tiers


def test_rule14_a_credit_code_is_accepted_wherever_an_id_number_is(cli, tmp_path) -> None:
    r = add_request(cli, R, "2026-03-02", applicant="北京百度网讯科技有限公司", type="商业企业",
                    id_number="91110000802100433B")  # fmt: skip
    assert "未登记证件号码" not in r.stderr
    bad = ["--applicant", "某公司", "--type", "商业企业", "--subject", "x", "--id-number", "91110000802100433C"]
    refused(
        cli,
        *["request", "add", "--case", "X", "--received", "2026-03-02", "--channel", "互联网", *bad],
        says="统一社会信用代码校验码错误（应为 B",
    )
    ok(cli("amend", R, "1", "--id-number", "91110108551385082Q", "--reason", "代码录错"))
    reg = tmp_path / "reg.csv"
    reg.write_text(
        "编号,收到日期,渠道,申请人,申请人类型,证件号码,申请内容\n"
        "REG-1,2026-03-03,互联网,小米科技有限责任公司,商业企业,91110108551385082Q,定点医药机构名单\n",
        encoding="utf-8",
    )
    ok(cli("import", "requests", str(reg)))
    import_lines(cli, tmp_path / "l.jsonl", [received_line("L-9", "2026-03-04", id_number="914403001922038216")])


def test_rule14_a_request_without_an_id_warns_that_its_tier_may_be_undercounted(cli, tmp_path) -> None:
    r = add_request(cli, R, "2026-03-02")
    assert "未登记证件号码" in r.stderr and "109号" in r.stderr
    for n in range(2, 13):  # 11 more requests of 张伟 in March, 10 with his ID
        add_request(cli, f"R-{n}", "2026-03-03", **({"id_number": "11010519491231002X"} if n > 2 else {}))
    # R-12 has the ID: it is his 10th request with it (R-3…R-12) → free; R (no ID) counts with R-2
    assert ok(cli("request", "fee-quote", "R-12", "--json")).json()["nth_in_month"] == 10
    assert ok(cli("request", "fee-quote", "R-2", "--json")).json()["nth_in_month"] == 2
    s = ok(cli("import", "events", str(_lines(tmp_path, 3)), "--json")).json()
    assert [w for w in s["warnings"] if "未登记证件号码" in w] == [s["warnings"][-1]]
    assert s["warnings"][-1].startswith("3 件新登记的申请未登记证件号码（line 1、2、3）")


def _lines(tmp_path, n: int):  # noqa: ANN001, ANN202
    path = tmp_path / "noid.jsonl"
    path.write_text("".join(json.dumps(received_line(f"N-{i}", "2026-03-05"), ensure_ascii=False) + "\n"
                            for i in range(n)), encoding="utf-8")  # fmt: skip
    return path


# ---------------------------------------------------------------- two third parties at once


@pytest.fixture
def two_parties(cli):  # noqa: ANN001, ANN201
    add_request(cli, R, "2026-05-25")
    ok(cli("--today", "2026-06-01", "request", "consult", R, "--party", "third_party", "--name", "甲公司"))
    ok(cli("--today", "2026-06-10", "request", "consult", R, "--party", "third_party", "--name", "乙公司"))


def test_rule10_two_third_parties_each_have_a_row_in_due_with_their_name(cli, two_parties) -> None:
    rows = ok(cli("--today", "2026-06-12", "due", "--json", "--within", "20")).json()
    answers = [(x["name"], x["due"]) for x in rows if x["deadline"] == "consultation_answer:third_party"]
    # 15 working days from 06-01: 06-02…05, 08…12, 15…18 (端午 06-19 off), 22, 23 → 06-23;
    # from 06-10: 06-11, 12, 15…18, 22…26, 29, 30, 07-01, 02 → 07-02
    assert answers == [("甲公司", "2026-06-23"), ("乙公司", "2026-07-02")]
    assert all("name" not in x for x in rows if x["deadline"] == "reply")  # only a consultation row has one
    table = ok(cli("--today", "2026-06-12", "due", "--within", "20")).stdout
    assert "第三方意见期限（甲公司）" in table and "第三方意见期限（乙公司）" in table


def test_rule10_show_json_keeps_the_code_key_and_lists_every_party(cli, two_parties) -> None:
    data = shown(cli, R, "--today", "2026-06-12")
    item = data["deadlines"]["consultation_answer:third_party"]
    assert (item["name"], item["due"], item["state"]) == ("甲公司", "2026-06-23", "pending")  # the one due first
    assert [(p["name"], p["due"]) for p in item["parties"]] == [("甲公司", "2026-06-23"), ("乙公司", "2026-07-02")]
    ok(cli("--today", "2026-06-15", "request", "consult-answered", R, "--party", "third_party", "--name", "甲公司"))
    item = shown(cli, R, "--today", "2026-06-15")["deadlines"]["consultation_answer:third_party"]
    assert (item["name"], item["due"]) == ("乙公司", "2026-07-02")
    assert [(p["name"], p["state"]) for p in item["parties"]] == [("甲公司", "met"), ("乙公司", "pending")]
    text = ok(cli("--today", "2026-06-15", "show", R)).stdout
    assert "第三方意见期限（甲公司）" in text and "第三方意见期限（乙公司）" in text
    one = "R-1"
    add_request(cli, one, "2026-05-25")
    ok(cli("--today", "2026-06-01", "request", "consult", one, "--party", "third_party", "--name", "丙公司"))
    single = shown(cli, one, "--today", "2026-06-01")["deadlines"]["consultation_answer:third_party"]
    assert {"due", "state", "provisional", "basis"} <= set(single) and single["name"] == "丙公司"
