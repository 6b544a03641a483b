"""`govinfo due --ics FILE`: calendar clients must update a moved deadline (SEQUENCE) and see
which dates are provisional (unconfirmed calendar year)."""

from __future__ import annotations

from pathlib import Path

from tests.builders import add_request
from tests.conftest import ok


def reply_event(path: Path, case: str):  # noqa: ANN201
    import icalendar

    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith(f"{case} 答复期限"))


def test_ics_uid_is_stable_and_sequence_never_decreases_even_when_a_deadline_moves_earlier(cli, tmp_path) -> None:
    add_request(cli, "R-1", "2026-11-02", subject="x")  # reply due 2026-11-30
    a, b, c, d = (tmp_path / f"{n}.ics" for n in "abcd")
    ok(cli("due", "--within", "20", "--ics", str(a)))
    ok(cli("due", "--within", "20", "--ics", str(b)))
    first, again = reply_event(a, "R-1"), reply_event(b, "R-1")
    assert first.decoded("DTSTART").isoformat() == "2026-11-30"
    assert (str(first["UID"]), int(first["SEQUENCE"])) == (str(again["UID"]), int(again["SEQUENCE"]))
    ok(cli("request", "extend", "R-1", "--days", "5", "--reason", "需调取档案"))
    ok(cli("--today", "2026-11-20T10:00", "due", "--within", "20", "--ics", str(c)))
    later = reply_event(c, "R-1")
    assert later.decoded("DTSTART").isoformat() == "2026-12-07"
    assert str(later["UID"]) == str(first["UID"]) and int(later["SEQUENCE"]) > int(first["SEQUENCE"])
    ok(cli("calendar", "add", "2026-12-01", "--holiday", "--note", "测试"))  # moves it one day later
    ok(cli("calendar", "add", "2026-11-28", "--workday", "--note", "测试"))  # two make-up days:
    ok(cli("calendar", "add", "2026-11-29", "--workday", "--note", "测试"))  # net one day earlier
    ok(cli("--today", "2026-11-20T11:00", "due", "--within", "20", "--ics", str(d)))
    earlier = reply_event(d, "R-1")
    assert earlier.decoded("DTSTART") < later.decoded("DTSTART")  # a calendar change moved it earlier
    assert str(earlier["UID"]) == str(first["UID"]) and int(earlier["SEQUENCE"]) > int(later["SEQUENCE"])


def test_ics_marks_provisional_dates(cli, tmp_path) -> None:
    today = ("--today", "2026-12-15")
    ok(
        cli(
            *today,
            "request",
            "add",
            "--case",
            "DEC",
            "--received",
            "2026-12-15",
            "--channel",
            "online",
            "--applicant",
            "张伟",
            "--type",
            "自然人",
            "--subject",
            "x",
        )
    )
    path = tmp_path / "d.ics"
    ok(cli(*today, "due", "--within", "30", "--ics", str(path)))
    reply = reply_event(path, "DEC")  # 2027-01: the 2027 calendar is not confirmed yet
    assert reply.decoded("DTSTART").year == 2027
    assert "暂定" in str(reply["SUMMARY"]) and "暂定" in str(reply["DESCRIPTION"])
    import icalendar

    cal = icalendar.Calendar.from_ical(path.read_bytes())
    notice = next(e for e in cal.walk("VEVENT") if "补正告知期限" in str(e["SUMMARY"]))
    assert "暂定" not in str(notice["SUMMARY"])  # 2026-12-24: a confirmed year
    ok(cli(*today, "calendar", "confirm", "2027", "--notice", "国办发明电〔2026〕14号"))
    ok(cli(*today, "due", "--within", "30", "--ics", str(path)))
    assert "暂定" not in str(reply_event(path, "DEC")["SUMMARY"])
