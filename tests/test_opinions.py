"""Public-opinion incidents (舆情回应制度; docs/rules.md §6): a major incident needs a
first release within 1 hour and a press conference within 24 hours, any other a response
within 48 hours, counted in exact hours from detection (no calendar adjustment)."""

from __future__ import annotations

import pytest

from tests.conftest import dump, ok


@pytest.mark.law("first_release", "press_conference")
def test_major_incident_first_release_in_1_hour_and_press_conference_in_24(cli) -> None:
    ok(cli("opinion", "detect", "--at", "2026-11-20 09:20", "--major", "--summary", "网传骗保", "--case", "O-1"))
    d = cli("show", "O-1", "--json").json()["deadlines"]
    assert d["first_release"]["due_at"] == "2026-11-20T10:20"
    assert d["press_conference"]["due_at"] == "2026-11-21T09:20"  # a Saturday: hours, not days
    assert "response" not in d


@pytest.mark.law("response")
def test_other_incident_response_in_48_hours_across_a_weekend(cli) -> None:
    ok(
        cli(
            "--today",
            "2026-11-27",
            "opinion",
            "detect",
            "--at",
            "2026-11-27 17:30",
            "--summary",
            "医保报销慢",
            "--case",
            "O-2",
        )
    )
    d = cli("show", "O-2", "--json").json()["deadlines"]
    assert list(d) == ["response"] and d["response"]["due_at"] == "2026-11-29T17:30"


def test_a_release_one_minute_late_is_missed(cli) -> None:
    ok(cli("opinion", "detect", "--at", "2026-11-20 09:20", "--major", "--summary", "x", "--case", "O-3"))
    ok(cli("opinion", "released", "O-3", "--at", "2026-11-20 10:21"))
    assert cli("show", "O-3", "--json").json()["deadlines"]["first_release"]["state"] == "missed"


def test_incident_closes_when_every_deadline_is_answered(cli) -> None:
    ok(
        cli(
            "--today",
            "2026-11-21",
            "opinion",
            "detect",
            "--at",
            "2026-11-20 09:20",
            "--major",
            "--summary",
            "x",
            "--case",
            "O-4",
        )
    )
    ok(cli("--today", "2026-11-21", "opinion", "released", "O-4", "--at", "2026-11-20 10:00"))
    assert cli("show", "O-4", "--json").json()["status"] == "open"
    ok(cli("--today", "2026-11-21", "opinion", "press", "O-4", "--at", "2026-11-21 09:00"))
    shown = cli("show", "O-4", "--json").json()
    assert shown["status"] == "closed" and shown["outcome"] == "responded"
    assert {x["state"] for x in shown["deadlines"].values()} == {"met"}


def test_an_answer_before_detection_is_refused(cli) -> None:
    ok(cli("opinion", "detect", "--at", "2026-11-20 09:20", "--summary", "x", "--case", "O-5"))
    before = dump()
    r = cli("opinion", "responded", "O-5", "--at", "2026-11-20 08:00")
    assert r.exit_code == 1 and "早于发现舆情" in r.stderr
    assert dump() == before


def test_a_second_answer_is_refused(cli) -> None:
    ok(cli("opinion", "detect", "--at", "2026-11-20 09:20", "--summary", "x", "--case", "O-6"))
    ok(cli("opinion", "responded", "O-6", "--at", "2026-11-20 15:00"))
    r = cli("opinion", "responded", "O-6", "--at", "2026-11-20 16:00")
    assert r.exit_code == 1 and "没有待办" in r.stderr


def test_press_conference_for_an_ordinary_incident_is_refused(cli) -> None:
    ok(cli("opinion", "detect", "--at", "2026-11-20 09:20", "--summary", "x", "--case", "O-7"))
    r = cli("opinion", "press", "O-7", "--at", "2026-11-20 16:00")
    assert r.exit_code == 1 and "新闻发布会" in r.stderr


def test_a_bad_time_is_one_clear_line(cli) -> None:
    r = cli("opinion", "detect", "--at", "昨天下午", "--summary", "x")
    assert r.exit_code == 1 and "--at" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_imported_time_must_fall_on_the_event_date(cli, tmp_path) -> None:
    src = tmp_path / "o.jsonl"
    src.write_text(
        '{"case":"O-8","kind":"opinion","type":"opinion_detected","date":"2026-11-19",'
        '"at":"2026-11-20 09:00","summary":"x"}\n',
        encoding="utf-8",
    )
    r = cli("import", "events", str(src))
    assert r.exit_code == 1 and "line 1" in r.stderr and "不一致" in r.stderr


def test_due_shows_hours_left_for_an_incident(cli) -> None:
    ok(cli("opinion", "detect", "--at", "2026-11-20 09:20", "--major", "--summary", "网传骗保", "--case", "O-9"))
    out = cli("due").stdout  # today is fixed (2026-11-20), so hours count from its midnight
    line = next(x for x in out.splitlines() if "O-9" in x and "首次发布" in x)
    assert "10 小时" in line
    rows = [r for r in cli("due", "--json").json() if r["case"] == "O-9"]
    assert [r["deadline"] for r in rows] == ["first_release", "press_conference"]
