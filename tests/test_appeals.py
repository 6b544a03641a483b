"""Reconsideration and lawsuits (行政复议 / 行政诉讼, docs/rules.md §4): the agency's reply in
10 (simplified: 5) working days (行政复议法第48、54、88条), the defence in 15 days with
roll-over (行政诉讼法第67条), the link to the request concerned and the result."""

from __future__ import annotations

import pytest

from tests.builders import add_request, event_lines
from tests.conftest import acceptance_cases, dump, ok


def _request_case(cli, home):  # noqa: ANN001
    add_request(cli, "R-1", "2025-04-01", subject="2024年定点医药机构名单")
    ok(
        cli(
            "request",
            "reply",
            "R-1",
            "--outcome",
            "withheld:third_party",
            "--reason",
            "第三方不同意",
            "--date",
            "2025-04-20",
        )
    )


@pytest.fixture
def request_case(seeded):  # noqa: ANN001, ANN201
    seeded(_request_case)
    return "R-1"


def test_every_acceptance_appeal_gives_its_deadlines_through_import_and_show(cli, tmp_path) -> None:
    cases = [c for c in acceptance_cases() if c["kind"] == "appeal"]
    assert len(cases) >= 10
    src = tmp_path / "appeals.jsonl"
    src.write_text(event_lines(cases), encoding="utf-8")
    ok(cli("import", "events", str(src)))
    for case in cases:
        got = cli("show", case["case"], "--json").json()["deadlines"]
        assert {code: got[code]["due"] for code in case["expect"]} == case["expect"], case["case"]


@pytest.mark.law("agency_reply")
def test_reconsideration_reply_counts_working_days_with_make_up_sunday(cli, request_case) -> None:
    ok(cli("appeal", "reconsideration", "--request", request_case, "--case", "F-1", "--date", "2025-09-26"))
    d = cli("show", "F-1", "--json", "--explain").json()["deadlines"]["agency_reply"]
    assert d["due"] == "2025-10-16" and "2025-09-28" in d["explain"]["made_up"]


@pytest.mark.law("agency_reply_simplified")
def test_simplified_procedure_reply_is_5_working_days(cli, request_case) -> None:
    ok(
        cli(
            "appeal",
            "reconsideration",
            "--request",
            request_case,
            "--simplified",
            "--case",
            "F-2",
            "--date",
            "2025-12-16",
        )
    )
    assert cli("show", "F-2", "--json").json()["deadlines"]["agency_reply"]["due"] == "2025-12-23"


@pytest.mark.law("defense")
def test_lawsuit_defence_is_15_days_rolled_to_monday(cli, request_case) -> None:
    ok(
        cli(
            "appeal", "lawsuit", "--request", request_case, "--route", "direct", "--case", "S-1", "--date", "2025-06-13"
        )
    )
    assert cli("show", "S-1", "--json").json()["deadlines"]["defense"]["due"] == "2025-06-30"


def test_lawsuit_route_accepts_the_chinese_label(cli, request_case) -> None:
    ok(
        cli(
            "appeal",
            "lawsuit",
            "--request",
            request_case,
            "--route",
            "复议后起诉",
            "--case",
            "S-2",
            "--date",
            "2025-06-13",
        )
    )
    assert cli("show", "S-2", "--json").json()["facts"]["route"] == "after_reconsideration"


def test_appeals_are_shown_on_the_request(cli, request_case) -> None:
    ok(cli("appeal", "reconsideration", "--request", request_case, "--case", "F-1", "--date", "2025-09-26"))
    ok(cli("appeal", "replied", "F-1", "--date", "2025-10-15"))
    ok(cli("appeal", "decided", "F-1", "--result", "结果维持", "--date", "2025-11-20"))
    shown = cli("show", request_case, "--json").json()
    assert shown["appeals"] == [
        {
            "case": "F-1",
            "type": "reconsideration",
            "status": "closed",
            "outcome": "upheld",
            "label": "行政复议",
            "received": "2025-09-26",
        }
    ]
    assert "F-1" in cli("show", request_case).stdout
    assert "结果维持" in cli("show", "F-1").stdout


def test_the_requests_show_names_each_appeals_route_receipt_and_result(cli, request_case) -> None:
    ok(cli("appeal", "reconsideration", "--request", request_case, "--case", "F-6", "--date", "2025-09-26"))
    ok(cli("appeal", "decided", "F-6", "--result", "corrected", "--date", "2025-11-20"))
    ok(
        cli(
            "appeal",
            "lawsuit",
            "--request",
            request_case,
            "--route",
            "after_reconsideration",
            "--case",
            "S-6",
            "--date",
            "2025-12-01",
        )
    )
    out = cli("show", request_case).stdout
    assert "F-6（行政复议，2025-09-26 收到副本，结果纠正）" in out
    assert "S-6（复议后起诉，2025-12-01 收到副本，办理中）" in out


def test_an_appeal_naming_a_request_that_does_not_exist_is_refused(cli) -> None:
    ok(cli("db", "upgrade"))
    before = dump()
    r = cli("appeal", "reconsideration", "--request", "不存在", "--case", "F-9")
    assert r.exit_code == 1 and "不存在" in r.stderr
    r = cli("appeal", "lawsuit", "--request", "不存在", "--case", "S-9")
    assert r.exit_code == 1
    assert dump() == before


def test_an_appeal_may_name_a_request_earlier_in_the_same_import(cli, tmp_path) -> None:
    src = tmp_path / "e.jsonl"
    src.write_text(
        '{"case":"R-7","kind":"request","type":"received","date":"2026-10-09","channel":"online",'
        '"applicant":"张伟","applicant_type":"natural_person","subject":"x"}\n'
        '{"case":"F-7","kind":"appeal","type":"reconsideration_copy_received","date":"2026-11-02",'
        '"request":"R-7"}\n'
        '{"case":"F-8","kind":"appeal","type":"reconsideration_copy_received","date":"2026-11-02",'
        '"request":"R-404"}\n',
        encoding="utf-8",
    )
    r = cli("import", "events", str(src))
    assert r.exit_code == 1 and "line 3" in r.stderr and "line 2" not in r.stderr
    assert cli("show", "F-7").exit_code == 1  # all or nothing


def test_agency_reply_twice_and_defence_on_a_reconsideration_are_refused(cli, request_case) -> None:
    ok(cli("appeal", "reconsideration", "--request", request_case, "--simplified", "--case", "F-3"))
    ok(cli("appeal", "replied", "F-3"))
    before = dump()
    r = cli("appeal", "replied", "F-3")
    assert r.exit_code == 1 and "复议答复" in r.stderr
    r = cli("appeal", "defended", "F-3")
    assert r.exit_code == 1 and "答辩状" in r.stderr
    assert dump() == before


def test_result_must_be_upheld_corrected_or_other(cli, request_case) -> None:
    ok(cli("appeal", "lawsuit", "--request", request_case, "--case", "S-3", "--date", "2026-11-02"))
    before = dump()
    assert cli("appeal", "decided", "S-3", "--result", "maybe").exit_code == 1
    r = cli("appeal", "decided", "S-3", "--result", "pending")
    assert r.exit_code == 1 and "尚未审结" in r.stderr
    assert dump() == before


def test_a_decided_appeal_takes_no_more_events(cli, request_case) -> None:
    ok(cli("appeal", "lawsuit", "--request", request_case, "--case", "S-4", "--date", "2026-11-02"))
    ok(cli("appeal", "decided", "S-4", "--result", "corrected", "--date", "2026-11-10"))
    shown = cli("show", "S-4", "--json").json()
    assert shown["status"] == "closed" and shown["deadlines"]["defense"]["state"] == "lapsed"
    r = cli("appeal", "defended", "S-4", "--date", "2026-11-11")
    assert r.exit_code == 1 and "已有结果" in r.stderr


def test_appeal_list_shows_route_and_result(cli, request_case) -> None:
    ok(cli("appeal", "lawsuit", "--request", request_case, "--case", "S-5", "--date", "2026-11-02"))
    ok(cli("appeal", "reconsideration", "--request", request_case, "--case", "F-5", "--date", "2026-11-03"))
    ok(cli("appeal", "decided", "F-5", "--result", "other", "--date", "2026-11-10"))
    rows = {r["case"]: r for r in cli("appeal", "list", "--json").json()}
    assert rows["S-5"]["party"] == "未经复议直接起诉" and rows["S-5"]["next_deadline"] == "defense"
    assert rows["F-5"]["status"] == "closed" and rows["F-5"]["outcome"] == "other"
    assert "其他结果" in cli("appeal", "list").stdout
