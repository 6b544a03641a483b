"""Issue 13 from the clerk's side, through the commands: amend and void (RULES.md §12), the
late steps a typed command refuses or warns about (§9), named answers and `request accept`
(§10), 更正 requests (§11), and `import requests --update` expressed through amendments.
The engine's rules one by one are in tests/test_rules_law.py; the event lines in
tests/test_record_of_truth.py."""

from __future__ import annotations

import json

import pytest

from tests.conftest import dump, new_db, ok

R = "昌医保依申〔2026〕1号"


def add(cli, case: str = R, received: str = "2026-03-02", channel: str = "in_person", *extra: str):  # noqa: ANN001, ANN201
    return cli(
        "request",
        "add",
        "--case",
        case,
        "--received",
        received,
        "--channel",
        channel,
        "--applicant",
        "张伟",
        "--applicant-type",
        "natural_person",
        "--subject",
        "医保基金支出明细",
        *extra,
    )


def shown(cli, case: str = R, *extra: str) -> dict:  # noqa: ANN001
    return ok(cli("show", case, "--json", *extra)).json()


def refused(cli, *args: str, says: str, lines: int = 2) -> None:  # noqa: ANN001
    """exit 1, one Chinese line naming the problem (one per row for a file), nothing written."""
    before = dump()
    r = cli(*args)
    assert r.exit_code == 1, (r.stdout, r.stderr)
    assert says in r.stderr
    assert r.stderr.startswith("错误：") and len(r.stderr.strip().splitlines()) <= lines
    assert dump() == before


# ---------------------------------------------------------------- §12 amend


def test_rule12_amending_the_received_date_moves_its_deadlines(cli) -> None:
    ok(add(cli))
    assert shown(cli)["deadlines"]["reply"]["due"] == "2026-03-30"
    r = ok(cli("--today", "2026-03-05", "amend", R, "1", "--event-date", "2026-03-03", "--reason", "收到日期录错"))
    assert "2026-03-30 → 2026-03-31" in r.stderr
    data = shown(cli)
    assert data["deadlines"]["reply"]["due"] == "2026-03-31"
    assert data["deadlines"]["correction_notice"]["due"] == "2026-03-12"
    assert data["facts"]  # the case is still the same case, with its original event kept
    assert [e["type"] for e in data["events"]] == ["received", "amended"]
    assert data["events"][0]["date"] == "2026-03-02"  # the original stays in the log
    a = data["amendments"][0]
    assert (a["amends"], a["fields"], a["reason"], a["operator"]) == (
        1,
        {"date": "2026-03-03"},
        "收到日期录错",
        "测试员",
    )
    assert data["amended_after_deadline"] is False  # nothing had passed on 2026-03-05


def test_rule12_friendly_options_and_set_parse_as_the_event_field_and_codes(cli) -> None:
    ok(add(cli))
    ok(
        cli(
            "--today",
            "2026-03-05",
            "amend",
            R,
            "1",
            "--channel",
            "邮寄",
            "--set",
            "subject=医保基金收支",
            "--reason",
            "录错",
        )
    )
    facts = shown(cli)["facts"]
    assert (facts["channel"], facts["subject"]) == ("post", "医保基金收支")
    assert ok(cli("request", "list", "--json")).json()[0]["subject"] == "医保基金收支"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["9", "--outcome", "disclosed"], "没有第 9 号事件"),
        (["1", "--set", "outcome=disclosed"], "没有字段 'outcome'"),
        (["1", "--set", "nonsense"], "字段=新值"),
        (["1", "--channel", "飞鸽"], "未知取值"),
        (["1", "--set", "applicant="], "必填项"),
        (["1"], "请给出要更正的字段"),
        (["1", "--event-date", "2026-11-21"], "晚于今天"),
    ],
    ids=[
        "unknown_seq",
        "field_the_event_lacks",
        "set_without_equals",
        "bad_code",
        "removing_required",
        "no_field",
        "date_after_today",
    ],
)
def test_rule12_an_amendment_that_does_not_fit_the_event_is_refused(cli, args: list[str], says: str) -> None:
    ok(add(cli))
    refused(cli, "amend", R, *args, "--reason", "录错", says=says)


def test_rule12_an_amendment_touching_a_locked_year_needs_the_unlock_reason(cli) -> None:
    ok(add(cli, R, "2025-03-03"))
    ok(cli("request", "reply", R, "--date", "2025-03-20", "--outcome", "disclosed"))
    ok(cli("report", "lock", "2025"))
    refused(cli, "amend", R, "2", "--outcome", "不予公开-属于国家秘密", "--reason", "结果录错", says="已锁定")
    ok(
        cli(
            "amend",
            R,
            "2",
            "--outcome",
            "withheld:state_secret",
            "--set",
            "reason=属于国家秘密",
            "--reason",
            "结果录错",
            "--unlock-reason",
            "年报公布后发现结果录错，报负责人同意",
        )
    )
    data = shown(cli)
    assert data["outcome"] == "withheld:state_secret"
    assert data["events"][-1]["unlock_reason"] == "年报公布后发现结果录错，报负责人同意"


def test_rule12_an_amendment_after_a_deadline_passed_is_marked_in_show_audit_and_timeliness(cli) -> None:
    ok(add(cli))
    ok(cli("request", "reply", R, "--date", "2026-04-02", "--outcome", "disclosed"))
    assert shown(cli)["deadlines"]["reply"]["state"] == "missed"
    r = ok(cli("--by", "王科长", "amend", R, "1", "--event-date", "2026-03-06", "--reason", "收到日期应以登记章为准"))
    assert "办理时效报告中标出" in r.stderr
    data = shown(cli)
    assert data["amended_after_deadline"] is True
    assert data["deadlines"]["reply"]["state"] == "met"  # the fix moved it: so it is marked
    text = ok(cli("show", R)).stdout
    assert "期限届满后更正" in text and "王科长" in text and "收到日期应以登记章为准" in text
    assert "答复期限 2026-03-30 → 2026-04-03" in text
    audit = ok(cli("show", R, "--audit")).stdout
    assert "期限届满后更正" in audit and "2026-03-02" in audit  # the original date is still there
    report = ok(cli("report", "timeliness", "2026", "--json")).json()[0]
    flagged = report["amended_after_deadline"]
    assert [(x["case"], x["operator"], x["reason"]) for x in flagged] == [(R, "王科长", "收到日期应以登记章为准")]
    assert "期限届满后更正：" + R in ok(cli("report", "timeliness", "2026")).stdout
    csv = ok(cli("report", "timeliness", "2026", "--csv")).stdout
    assert "期限届满后更正案件" in csv.splitlines()[0] and R in csv.splitlines()[1]


def test_rule12_a_correction_of_a_name_after_the_deadline_is_listed_but_not_marked(cli) -> None:
    ok(add(cli))
    ok(cli("amend", R, "1", "--applicant", "张玮", "--reason", "姓名录错"))
    data = shown(cli)
    assert data["amendments"][0]["after_deadline"] is True and data["amended_after_deadline"] is False
    assert ok(cli("report", "timeliness", "2026", "--json")).json()[0]["amended_after_deadline"] == []
    assert "更正：#2 更正了 #1" in ok(cli("show", R)).stdout


# ---------------------------------------------------------------- §12 void


def test_rule12_voided_case_leaves_due_lists_registers_and_report(cli) -> None:
    other = "昌医保依申〔2026〕2号"
    ok(add(cli, R, "2026-11-02"))
    ok(add(cli, other, "2026-11-03"))
    ok(cli("request", "reply", other, "--date", "2026-11-10", "--outcome", "disclosed"))
    section3 = ok(cli("report", "annual", "2026", "--json")).json()["section3"]
    assert section3["new"]["total"] == 2
    assert R in {d["case"] for d in ok(cli("due", "--json")).json()}

    ok(cli("--by", "李主任", "void", R, "--reason", "同一申请重复登记，见2号"))
    ok(cli("--by", "李主任", "void", other, "--reason", "测试数据误录"))
    assert not {d["case"] for d in ok(cli("due", "--json")).json()} & {R, other}
    assert ok(cli("request", "list", "--json")).json() == []
    assert [x["case"] for x in ok(cli("request", "list", "--status", "voided", "--json")).json()] == [R, other]
    assert R not in ok(cli("export", "requests")).stdout
    report = ok(cli("report", "annual", "2026", "--json")).json()
    assert report["section3"]["new"]["total"] == 0 and report["section3"]["handled_total"]["total"] == 0
    assert all(c["ok"] for c in report["checks"])
    groups = ok(cli("report", "timeliness", "2026", "--json")).json()
    assert all(g["replied"] == 0 and g["open_now"] == 0 for g in groups)
    data = shown(cli, R, "--audit")
    assert data["status"] == "voided"
    assert (data["voided"]["operator"], data["voided"]["reason"]) == ("李主任", "同一申请重复登记，见2号")
    assert data["voided"]["recorded_at"]
    text = ok(cli("show", R, "--audit")).stdout
    assert "已作废" in text and "李主任" in text and "同一申请重复登记" in text


def test_rule12_a_voided_case_takes_no_more_events(cli) -> None:
    ok(add(cli))
    ok(cli("void", R, "--reason", "误登记"))
    refused(cli, "request", "reply", R, "--outcome", "disclosed", says="作废")


def test_rule12_export_events_round_trips_amended_and_voided_cases(cli, tmp_path, monkeypatch) -> None:
    other = "昌医保依申〔2026〕2号"
    ok(add(cli))
    ok(add(cli, other, "2026-03-03"))
    ok(cli("--today", "2026-03-05", "amend", R, "1", "--event-date", "2026-03-03", "--reason", "录错"))
    ok(cli("void", other, "--reason", "误登记"))
    lines = ok(cli("export", "events", "--reveal")).stdout
    before = (shown(cli)["deadlines"], shown(cli, other)["status"])
    second = tmp_path / "second.db"
    monkeypatch.setenv("GOVINFO_DB", new_db(second))
    src = tmp_path / "events.jsonl"
    src.write_text(lines, encoding="utf-8")
    ok(cli("import", "events", str(src)))
    assert (shown(cli)["deadlines"], shown(cli, other)["status"]) == before
    again = ok(cli("import", "events", str(src), "--json")).json()
    assert (again["added"], again["unchanged"]) == (0, 4)


# ---------------------------------------------------------------- register --update


def test_rule12_register_update_appends_amendments_and_is_idempotent(cli, tmp_path) -> None:
    ok(add(cli, R, "2026-03-02"))
    ok(add(cli, "昌医保依申〔2026〕2号", "2026-03-03"))
    ok(cli("request", "reply", "昌医保依申〔2026〕2号", "--date", "2026-03-20", "--outcome", "disclosed"))
    reg = tmp_path / "2026登记簿.csv"
    ok(cli("export", "requests", "--out", str(reg)))
    text = reg.read_text(encoding="utf-8-sig")
    text = text.replace("2026-03-02,当面提交", "2026-03-04,当面提交").replace(
        "2026-03-20,予以公开,", "2026-03-20,部分公开,涉及商业秘密"
    )
    reg.write_text(text, encoding="utf-8-sig")
    refused(cli, "import", "requests", str(reg), says="加 --update 以追加更正记录", lines=3)
    s = ok(cli("import", "requests", str(reg), "--update", "--json")).json()
    assert (s["updated"], s["unchanged"]) == (2, 0)
    data = shown(cli)
    assert data["deadlines"]["reply"]["due"] == "2026-04-01"
    assert data["amendments"][0]["reason"] == "依登记簿 2026登记簿.csv 第 2 行更正"
    second = shown(cli, "昌医保依申〔2026〕2号")
    assert second["outcome"] == "partially_disclosed"
    assert [e["type"] for e in second["events"]] == ["received", "replied", "amended"]
    again = ok(cli("import", "requests", str(reg), "--update", "--json")).json()
    assert (again["updated"], again["unchanged"]) == (0, 2)
    assert (
        ok(cli("export", "requests")).stdout.splitlines()[1:] == [line for line in text.splitlines()[1:] if line]
        or "2026-03-04" in ok(cli("export", "requests")).stdout
    )


def test_rule12_register_update_in_a_locked_year_needs_the_unlock_reason(cli, tmp_path) -> None:
    ok(add(cli, R, "2025-03-03"))
    reg = tmp_path / "reg.csv"
    ok(cli("export", "requests", "--out", str(reg)))
    ok(cli("report", "lock", "2025"))
    reg.write_text(
        reg.read_text(encoding="utf-8-sig").replace("医保基金支出明细", "医保基金收入明细"), encoding="utf-8"
    )
    refused(cli, "import", "requests", str(reg), "--update", says="已锁定")
    ok(cli("import", "requests", str(reg), "--update", "--unlock-reason", "登记簿核对后更正"))
    assert shown(cli)["facts"]["subject"] == "医保基金收入明细"


def test_rule12_register_update_cannot_take_back_a_reply(cli, tmp_path) -> None:
    ok(add(cli))
    reg = tmp_path / "reg.csv"
    ok(cli("export", "requests", "--out", str(reg)))
    ok(cli("request", "reply", R, "--date", "2026-03-10", "--outcome", "disclosed"))
    refused(cli, "import", "requests", str(reg), "--update", says="不能以登记簿撤销答复")


# ---------------------------------------------------------------- §9 typed late steps


def test_rule9_a_late_deferral_is_refused_when_typed(cli) -> None:
    ok(add(cli))
    refused(
        cli, "request", "defer", R, "--date", "2026-04-01", "--until", "2026-06-30", "--reason", "数量大", says="届满前"
    )


def test_rule9_a_late_fee_payment_needs_accept_late_and_fee_payment_stays_missed(cli) -> None:
    ok(add(cli))
    ok(cli("request", "fee", R, "--date", "2026-03-10", "--amount", "100"))
    refused(cli, "request", "fee-paid", R, "--date", "2026-04-09", says="--accept-late")
    ok(cli("request", "fee-paid", R, "--date", "2026-04-09", "--accept-late", "经负责人同意继续办理"))
    data = shown(cli)
    assert data["deadlines"]["fee_payment"]["state"] == "missed"
    assert data["events"][-1]["accept_late"] == "经负责人同意继续办理"


def test_rule9_unavailable_still_unclear_without_a_correction_is_refused_when_typed(cli) -> None:
    ok(add(cli))
    refused(
        cli,
        "request",
        "reply",
        R,
        "--date",
        "2026-03-10",
        "--outcome",
        "unavailable:still_unclear",
        "--reason",
        "仍不明确",
        says="补正",
    )


def test_rule10_a_different_arrival_date_for_in_person_is_refused_when_typed(cli) -> None:
    ok(cli("due"))  # the database exists
    before = dump()
    r = add(cli, R, "2026-03-02", "in_person", "--arrival", "2026-02-27")
    assert r.exit_code == 1 and "到达日期" in r.stderr
    assert dump() == before
    ok(add(cli, R, "2026-03-02", "post", "--arrival", "2026-02-27"))


def test_rule9_a_late_correction_notice_is_recorded_with_a_warning_and_moves_nothing(cli) -> None:
    ok(add(cli))
    r = ok(cli("request", "correct", R, "--date", "2026-03-13"))
    assert "注意：" in r.stderr and "§9" in r.stderr
    data = shown(cli)
    assert data["deadlines"]["correction_notice"]["state"] == "missed"
    assert data["deadlines"]["reply"]["due"] == "2026-03-30"


def test_rule9_import_events_warns_about_a_late_fee_notice_by_line_and_refuses_a_late_deferral_by_line(
    cli, tmp_path
) -> None:
    rec = {
        "case": R,
        "kind": "request",
        "type": "received",
        "date": "2026-03-02",
        "channel": "in_person",
        "applicant": "张伟",
        "applicant_type": "natural_person",
        "subject": "医保基金",
    }
    late_fee = {"case": R, "kind": "request", "type": "fee_notice_received", "date": "2026-04-01", "amount": 10}
    src = tmp_path / "e.jsonl"
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in (rec, late_fee)) + "\n", encoding="utf-8")
    r = ok(cli("import", "events", str(src)))
    assert "line 2:" in r.stderr and "注意：" in r.stderr
    assert shown(cli)["deadlines"]["reply"]["state"] == "pending"  # still overdue on 2026-11-20
    assert R in {d["case"] for d in ok(cli("due", "--overdue", "--json")).json()}
    defer = {"case": R, "kind": "request", "type": "deferred", "date": "2026-04-02", "until": "2026-06-30"}
    src.write_text(json.dumps({**defer, "reason": "数量大"}, ensure_ascii=False) + "\n", encoding="utf-8")
    refused(cli, "import", "events", str(src), says="line 1:")


# ---------------------------------------------------------------- §10


def test_rule10_named_answers_typed_give_the_reply_date_of_E18(cli) -> None:
    ok(add(cli, R, "2026-05-25"))
    ok(cli("request", "consult", R, "--date", "2026-06-01", "--party", "third_party", "--name", "甲公司"))
    ok(cli("request", "consult", R, "--date", "2026-06-10", "--party", "third_party", "--name", "乙公司"))
    refused(
        cli, "request", "consult-answered", R, "--date", "2026-06-12", "--party", "third_party", says="name"
    )  # two are open: which one?
    ok(
        cli(
            "request",
            "consult-answered",
            R,
            "--date",
            "2026-06-12",
            "--party",
            "third_party",
            "--name",
            "乙公司",
            "--opinion",
            "agree",
        )
    )
    reply = shown(cli, R, "--explain")["deadlines"]["reply"]
    assert reply["due"] == "2026-07-14"  # tests/data/named_cases.json E-18
    assert "甲公司" in reply["explain"]["pauses"][0]["reason"]


def test_rule10_request_accept_settles_the_correction_notice_window(cli) -> None:
    ok(add(cli, R, "2026-11-18"))
    assert "correction_notice" in {d["deadline"] for d in ok(cli("due", "--json")).json()}
    ok(cli("request", "accept", R))
    assert shown(cli)["deadlines"]["correction_notice"]["state"] == "met"
    assert "correction_notice" not in {d["deadline"] for d in ok(cli("due", "--json")).json()}


# ---------------------------------------------------------------- §11


def test_rule11_correction_requests_have_their_deadline_register_and_stay_out_of_section3(cli) -> None:
    r = ok(
        cli(
            "correction",
            "add",
            "--received",
            "2026-11-02",
            "--applicant",
            "王五",
            "--type",
            "自然人",
            "--subject",
            "参保缴费记录2024年3月有误",
        )
    )
    number = "更正〔2026〕1号"
    assert number in r.stdout
    data = shown(cli, number)
    assert (data["kind"], data["deadlines"]["correction_reply"]["due"]) == ("record_correction", "2026-11-30")
    assert ("correction_reply", number) in {(d["deadline"], d["case"]) for d in ok(cli("due", "--json")).json()}
    ok(cli("config", "set", "case_number.pattern.record_correction", "昌医保更正〔{year}〕{seq}号"))
    ok(cli("correction", "add", "--applicant", "赵六", "--type", "natural_person", "--subject", "待遇记录有误"))
    ok(cli("correction", "transfer", "昌医保更正〔2026〕1号", "--to", "昌宁县人力资源和社会保障局"))
    ok(cli("correction", "done", number, "--note", "已更正并告知"))
    refused(cli, "correction", "refuse", number, "--reason", "无误", says="已办结")
    register = ok(cli("export", "corrections")).stdout
    assert register.splitlines()[0].lstrip("\ufeff").startswith("编号,收到日期,申请人")
    assert number in register and "昌医保更正〔2026〕1号" in register
    assert number not in ok(cli("export", "requests")).stdout
    report = ok(cli("report", "annual", "2026", "--json")).json()
    assert report["section3"]["new"]["total"] == 0
    assert [x["case"] for x in ok(cli("correction", "list", "--json")).json()] == [number, "昌医保更正〔2026〕1号"]


def test_rule11_every_new_command_has_chinese_help_with_an_example(cli) -> None:
    for path in (
        ["amend"],
        ["void"],
        ["request", "accept"],
        ["request", "consult-answered"],
        ["request", "fee-paid"],
        ["correction", "add"],
        ["correction", "done"],
        ["correction", "transfer"],
        ["correction", "refuse"],
        ["export", "corrections"],
        ["import", "requests"],
    ):
        text = ok(cli(*path, "--help")).stdout
        assert "例：" in text, path
    for path in (["amend"], ["void"], ["correction", "add"]):
        opts = ok(cli(*path, "--help")).stdout
        assert "--date" in opts and "--unlock-reason" in opts, path


def test_rule12_an_amended_fee_amount_counts_as_amended_in_section2_and_a_voided_case_not_at_all(cli) -> None:
    ok(add(cli))
    ok(cli("request", "fee", R, "--date", "2026-03-10", "--amount", "1000"))
    ok(cli("request", "fee-paid", R, "--date", "2026-03-12"))
    assert ok(cli("report", "annual", "2026", "--json")).json()["section2"]["fees_wan_yuan"] == 0.1
    ok(cli("amend", R, "2", "--set", "amount=3000", "--reason", "金额少录一位"))
    assert ok(cli("report", "annual", "2026", "--json")).json()["section2"]["fees_wan_yuan"] == 0.3
    ok(cli("void", R, "--reason", "误登记"))
    assert ok(cli("report", "annual", "2026", "--json")).json()["section2"]["fees_wan_yuan"] == 0
