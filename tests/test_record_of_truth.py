"""Issue 13 through the command line (import events, show --json, due): the late steps of
docs/rules.md §9, receipt and consultations by name (§10), 更正 requests (§11), amendments and
voiding (§12). The engine's rules are tested one by one in tests/test_rules_law.py."""

from __future__ import annotations

import json

import pytest

from tests.conftest import dump, ok

RECEIVED = {
    "case": "R-1",
    "kind": "request",
    "type": "received",
    "date": "2026-03-02",
    "channel": "in_person",
    "applicant": "张伟",
    "applicant_type": "natural_person",
    "subject": "医保基金支出明细",
}


def lines(tmp_path, *objs: dict) -> str:  # noqa: ANN001
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), encoding="utf-8")
    return str(path)


def line(type_: str, date: str, **fields) -> dict:  # noqa: ANN003
    return {"case": "R-1", "kind": "request", "type": type_, "date": date, **fields}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([{**RECEIVED, "arrival_date": "2026-02-27"}], "到达日期"),
        ([RECEIVED, line("replied", "2026-03-10", outcome="unavailable:still_unclear", reason="仍不明确")], "收到补正"),
        ([RECEIVED, line("deferred", "2026-04-01", until="2026-06-30", reason="数量大")], "届满前"),
        ([RECEIVED, line("fee_notice_received", "2026-03-10", amount=100), line("fee_paid", "2026-04-09")], "accept"),
    ],
    ids=["arrival_in_person", "still_unclear_without_correction", "late_deferral", "late_fee_payment"],
)
def test_a_line_the_law_refuses_exits_1_and_writes_nothing(cli, tmp_path, extra, message) -> None:
    ok(cli("due", "--json"))  # the database exists (migrated) before the refused import
    before = dump()
    r = cli("import", "events", lines(tmp_path, *extra))
    assert r.exit_code == 1 and message in r.stderr
    assert dump() == before


def test_a_late_fee_payment_accepted_with_a_reason_is_recorded_and_fee_payment_stays_missed(cli, tmp_path) -> None:
    paid = line("fee_paid", "2026-04-09", accept_late="申请人提供了银行回单，本机关同意继续办理")
    ok(cli("import", "events", lines(tmp_path, RECEIVED, line("fee_notice_received", "2026-03-10", amount=100), paid)))
    shown = ok(cli("show", "R-1", "--json")).json()
    assert shown["deadlines"]["fee_payment"]["state"] == "missed"
    assert shown["deadlines"]["reply"]["due"] == "2026-04-29"
    assert shown["events"][-1]["accept_late"].startswith("申请人提供了银行回单")


def test_a_correction_notice_after_the_reply_deadline_keeps_the_case_overdue(cli, tmp_path) -> None:
    ok(cli("import", "events", lines(tmp_path, RECEIVED, line("correction_requested", "2026-04-10"))))
    due = ok(cli("--today", "2026-04-13", "due", "--json", "--overdue")).json()
    assert [(d["case"], d["deadline"], d["due"]) for d in due if d["deadline"] == "reply"] == [
        ("R-1", "reply", "2026-03-30")
    ]


def test_a_named_answer_credits_the_company_that_answered(cli, tmp_path) -> None:
    sent = [
        line("consultation_sent", d, party="third_party", name=n)
        for d, n in (("2026-06-01", "甲公司"), ("2026-06-10", "乙公司"))
    ]
    answered = line("consultation_answered", "2026-06-12", party="third_party", name="乙公司", opinion="agree")
    ok(cli("import", "events", lines(tmp_path, {**RECEIVED, "date": "2026-05-25"}, *sent, answered)))
    reply = ok(cli("show", "R-1", "--json", "--explain")).json()["deadlines"]["reply"]
    assert reply["due"] == "2026-07-14"
    assert "甲公司" in reply["explain"]["pauses"][0]["reason"]


def test_accepted_closes_the_correction_notice_window(cli, tmp_path) -> None:
    ok(cli("import", "events", lines(tmp_path, RECEIVED, line("accepted", "2026-03-03"))))
    assert ok(cli("show", "R-1", "--json")).json()["deadlines"]["correction_notice"]["state"] == "met"
    due = ok(cli("--today", "2026-03-03", "due", "--json")).json()
    assert "correction_notice" not in {d["deadline"] for d in due}


def test_a_record_correction_request_has_its_own_deadline_in_due(cli, tmp_path) -> None:
    opened = {
        "case": "G-1",
        "kind": "record_correction",
        "type": "received",
        "date": "2026-03-02",
        "applicant": "王五",
        "applicant_type": "natural_person",
        "subject": "参保缴费记录有误",
    }
    ok(cli("import", "events", lines(tmp_path, opened)))
    shown = ok(cli("show", "G-1", "--json")).json()
    assert (shown["kind"], shown["deadlines"]["correction_reply"]["due"]) == ("record_correction", "2026-03-30")
    due = ok(cli("--today", "2026-03-20", "due", "--json")).json()
    assert ("G-1", "correction_reply") in {(d["case"], d["deadline"]) for d in due}


def test_amending_the_received_date_moves_the_deadlines_and_voiding_leaves_due(cli, tmp_path) -> None:
    ok(cli("import", "events", lines(tmp_path, RECEIVED)))
    seq = ok(cli("show", "R-1", "--json")).json()["events"][0]["seq"]
    fix = line("amended", "2026-03-05", amends=seq, fields={"date": "2026-03-03"}, reason="收到日期录错")
    ok(cli("--today", "2026-03-05", "import", "events", lines(tmp_path, fix)))
    shown = ok(cli("show", "R-1", "--json")).json()
    assert shown["deadlines"]["reply"]["due"] == "2026-03-31"
    ok(
        cli(
            "--today",
            "2026-03-06",
            "import",
            "events",
            lines(tmp_path, line("voided", "2026-03-06", reason="重复登记")),
        )
    )
    assert ok(cli("show", "R-1", "--json")).json()["status"] == "voided"
    assert "R-1" not in {d["case"] for d in ok(cli("--today", "2026-03-06", "due", "--json")).json()}
