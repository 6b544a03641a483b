"""Rules of docs/rules.md checked one by one through the pure engine (dates counted by hand
from the 2024–2026 State Council schedules)."""

from __future__ import annotations

import datetime as dt

import pytest

from govinfo_cli.core.calendar import Override, WorkCalendar, load_source
from govinfo_cli.core.errors import Refusal
from govinfo_cli.core.events import Event
from govinfo_cli.core.rules import replay
from tests.builders import RECEIVED, D, ev, profile, request
from tests.builders import calendar as cal


@pytest.mark.law("correction_notice", "reply")
def test_receipt_day_never_counts_even_when_it_is_a_working_day() -> None:
    st = request(ev("received", "2026-11-02", **RECEIVED))  # Monday
    assert st.deadlines["correction_notice"].due == D("2026-11-11")
    assert st.deadlines["reply"].due == D("2026-11-30")


def test_reply_is_20_working_days_skipping_national_day_and_counting_makeup_saturday() -> None:
    st = request(ev("received", "2026-09-29", **RECEIVED))
    d = st.deadlines["reply"]
    assert d.due == D("2026-11-02")  # Sep 30, Oct 8, 9, 10 (Sat), 12–30, Nov 2
    assert D("2026-10-10") in d.explain.made_up
    assert D("2026-10-01") in d.explain.skipped and D("2026-10-07") in d.explain.skipped


@pytest.mark.law("reply_extension")
def test_extension_is_refused_after_the_current_deadline() -> None:
    with pytest.raises(Refusal, match="届满前"):
        request(ev("received", "2026-11-02", **RECEIVED), ev("extended", "2026-12-01", working_days=5, reason="x"))


def test_extension_on_the_deadline_day_is_allowed() -> None:
    st = request(ev("received", "2026-11-02", **RECEIVED), ev("extended", "2026-11-30", working_days=5, reason="x"))
    assert st.deadlines["reply"].due == D("2026-12-07")


@pytest.mark.law("reply_extension")
def test_extensions_beyond_20_working_days_in_total_are_refused() -> None:
    with pytest.raises(Refusal, match="20"):
        request(
            ev("received", "2026-11-02", **RECEIVED),
            ev("extended", "2026-11-03", working_days=15, reason="x"),
            ev("extended", "2026-11-04", working_days=6, reason="y"),
        )


@pytest.mark.law("consultation_answer:agency")
def test_unanswered_agency_consultation_pauses_up_to_its_answer_deadline() -> None:
    st = request(
        ev("received", "2026-11-02", **RECEIVED), ev("consultation_sent", "2026-11-03", party="agency", name="县卫健局")
    )
    answer = st.deadlines["consultation_answer:agency"]
    assert answer.due == D("2026-11-24")  # 15 wd after 11-03
    assert st.deadlines["reply"].due == D("2026-12-21")  # 11-30 + 15 wd
    assert st.deadlines["reply"].explain.pauses[0].working_days == 15


@pytest.mark.law("consultation_answer:third_party")
def test_consultation_answer_deadline_runs_from_delivery() -> None:
    st = request(
        ev("received", "2026-11-02", **RECEIVED),
        ev("consultation_sent", "2026-11-03", party="third_party", name="某公司", delivered="2026-11-05"),
    )
    assert st.deadlines["consultation_answer:third_party"].due == D("2026-11-26")


@pytest.mark.law("fee_payment")
def test_fee_unpaid_after_its_period_closes_only_as_fee_unpaid() -> None:
    base = [ev("received", "2026-10-08", **RECEIVED), ev("fee_notice_received", "2026-10-09", amount=100)]
    with pytest.raises(Refusal, match="缴费期限"):
        request(*base, ev("replied", "2026-11-05", outcome="other:fee_unpaid"))  # last day to pay
    st = request(*base, ev("replied", "2026-11-06", outcome="other:fee_unpaid"))
    # the applicant's period passed unpaid: it stays missed (docs/rules.md §9), it is not cleaned
    assert st.outcome == "other:fee_unpaid" and st.deadlines["fee_payment"].state == "missed"


def test_fee_pause_can_be_switched_off_by_profile(tmp_path) -> None:
    path = tmp_path / "office.toml"
    path.write_text("fee_notice_pauses_clock = false\n", encoding="utf-8")
    st = request(
        ev("received", "2026-11-02", **RECEIVED),
        ev("fee_notice_received", "2026-11-03", amount=100),
        ev("fee_paid", "2026-11-10"),
        profile=profile(str(path)),
    )
    assert st.deadlines["reply"].due == D("2026-11-30")


def test_deferral_replaces_the_reply_deadline() -> None:
    st = request(
        ev("received", "2026-11-02", **RECEIVED),
        ev("deferred", "2026-11-10", until="2027-01-29", reason="数量明显超过合理范围"),
    )
    assert st.deadlines["reply"].due == D("2027-01-29")
    assert st.deadlines["reply"].basis == "条例第35条"


def test_on_the_spot_reply_is_met_the_same_day() -> None:
    st = request(ev("received", "2026-11-02", **RECEIVED), ev("replied", "2026-11-02", outcome="disclosed"))
    assert st.status == "closed" and st.deadlines["reply"].state == "met"


def test_withheld_reply_needs_a_reason() -> None:
    with pytest.raises(Refusal, match="理由"):
        request(ev("received", "2026-11-02", **RECEIVED), ev("replied", "2026-11-03", outcome="withheld:state_secret"))


def test_no_event_after_the_case_is_closed() -> None:
    with pytest.raises(Refusal, match="已办结"):
        request(
            ev("received", "2026-11-02", **RECEIVED),
            ev("withdrawn", "2026-11-03"),
            ev("extended", "2026-11-04", working_days=1, reason="x"),
        )


@pytest.mark.law("transfer", "draft", "review", "office_reply")
def test_xinjiang_profile_adds_internal_milestones() -> None:
    st = request(
        ev("received", "2026-11-02", **RECEIVED),
        ev("transferred", "2026-11-04"),
        ev("draft_submitted", "2026-11-10"),
        ev("approved", "2026-11-12"),
        profile=profile("xinjiang"),
    )
    assert st.deadlines["transfer"].due == D("2026-11-04")
    assert st.deadlines["transfer"].state == "met"
    assert st.deadlines["draft"].due == D("2026-11-20")
    assert st.deadlines["review"].due == D("2026-11-17")
    assert st.deadlines["office_reply"].due == D("2026-11-16")


def xinjiang(*events: Event):  # noqa: ANN201
    return request(
        ev("received", "2026-11-02", **RECEIVED),
        ev("transferred", "2026-11-04"),
        *events,
        profile=profile("xinjiang"),
    )


def test_xinjiang_milestones_cite_articles_28_29_and_35_of_seed_001() -> None:
    dl = xinjiang(ev("draft_submitted", "2026-11-10"), ev("approved", "2026-11-12")).deadlines
    assert dl["transfer"].basis == "新疆暂行办法第二十八条"  # 2 working days to transfer
    assert dl["draft"].basis == dl["review"].basis == dl["decline_notice"].basis == "新疆暂行办法第二十九条"
    assert dl["office_reply"].basis == "新疆暂行办法第三十五条"  # 2 working days after approval


@pytest.mark.law("decline_notice")
def test_a_division_has_2_working_days_to_say_a_case_is_not_its_own_and_it_is_a_quiet_window() -> None:
    d = xinjiang().deadlines["decline_notice"]
    assert (d.due, d.state, d.quiet) == (D("2026-11-06"), "pending", True)
    assert d.state_on(D("2026-11-09")) == "lapsed"  # never overdue
    st = xinjiang(ev("transfer_declined", "2026-11-05", reason="属基金监管股职责"), ev("transferred", "2026-11-06"))
    assert st.deadlines["draft"].due == D("2026-11-24")  # 12 working days from the new notice
    assert st.deadlines["decline_notice"].due == D("2026-11-10")
    late = xinjiang(ev("transfer_declined", "2026-11-09", reason="x")).deadlines
    assert late["decline_notice"].state == "missed" and late["draft"].state == "lapsed"


@pytest.mark.law("draft", "draft_extension")
def test_the_draft_period_extends_by_at_most_20_working_days_before_it_ends() -> None:
    st = xinjiang(ev("draft_extended", "2026-11-18", working_days=10, reason="需调取档案"))
    assert st.deadlines["draft"].due == D("2026-12-04")  # 12 + 10 working days from 11-04
    assert st.deadlines["reply"].due == D("2026-11-30")  # the statutory reply is untouched
    with pytest.raises(Refusal, match="累计延长不得超过20个工作日"):
        xinjiang(
            ev("draft_extended", "2026-11-18", working_days=10, reason="x"),
            ev("draft_extended", "2026-11-19", working_days=11, reason="x"),
        )
    with pytest.raises(Refusal, match="届满前"):
        xinjiang(ev("draft_extended", "2026-11-23", working_days=5, reason="x"))  # due 11-20
    with pytest.raises(Refusal, match="须先转交"):
        request(
            ev("received", "2026-11-02", **RECEIVED),
            ev("draft_extended", "2026-11-03", working_days=5, reason="x"),
            profile=profile("xinjiang"),
        )


def test_provisional_when_the_count_reaches_an_unconfirmed_year() -> None:
    st = request(ev("received", "2026-12-15", **RECEIVED))
    assert st.deadlines["reply"].provisional is True
    assert 2027 in st.deadlines["reply"].explain.years
    assert st.deadlines["correction_notice"].provisional is False


def test_an_override_moves_only_deadlines_counting_across_it() -> None:
    src = load_source(2025, 2027, overrides=[Override(D("2026-11-16"), False, "临时")])
    moved = WorkCalendar.build(src)
    a = [ev("received", "2026-11-02", **RECEIVED)]  # counts across 11-16
    b = [ev("received", "2026-11-16", **RECEIVED)]  # starts on it: not counted anyway
    assert replay("request", a, moved).deadlines["reply"].due == D("2026-12-01")
    assert replay("request", b, moved).deadlines["reply"].due == replay("request", b, cal()).deadlines["reply"].due


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2026, 12, 31)),
    st.one_of(st.none(), st.integers(min_value=0, max_value=60)),
)
@pytest.mark.law("correction_notice", "reply")
def test_fast_register_path_agrees_with_replay(received: dt.date, after: int | None) -> None:
    from govinfo_cli.core.rules import fast_register_deadlines

    evs = [ev("received", received.isoformat(), **RECEIVED)]
    replied = None if after is None else received + dt.timedelta(days=after)
    if replied is not None:
        evs.append(Event("replied", replied, {"outcome": "disclosed", "historic": True}))
    full = request(*evs).deadlines
    fast = fast_register_deadlines(cal(), received, replied)
    assert [(c, d, s, p, q, b) for c, d, s, p, q, b in fast] == [
        (x.code, x.due, x.state, x.provisional, x.quiet, x.basis) for x in full.values()
    ]


@pytest.mark.law("correction_response", "reply")
def test_correction_restart_drops_earlier_consultation_pauses_and_extensions() -> None:
    # 20 wd from the corrected request (2025-03-14): Mar 17 … Apr 11 (清明 Apr 4 skipped)
    st = request(
        ev("received", "2025-03-03", **RECEIVED),
        ev("consultation_sent", "2025-03-04", party="agency", name="县卫健局"),
        ev("consultation_answered", "2025-03-10", party="agency"),
        ev("extended", "2025-03-10", working_days=5, reason="x"),
        ev("correction_requested", "2025-03-11"),
        ev("correction_received", "2025-03-14"),
    )
    reply = st.deadlines["reply"]
    assert reply.due == D("2025-04-14")
    assert reply.explain.pauses == () and reply.explain.extension == 0


def test_overlapping_consultation_and_fee_pauses_are_excluded_and_explained_once() -> None:
    # (06-05, 06-25] is excluded once: 14 working days, not 11 + 11
    st = request(
        ev("received", "2025-06-03", **RECEIVED),
        ev("consultation_sent", "2025-06-05", party="third_party", name="某医院"),
        ev("fee_notice_received", "2025-06-10", amount=100),
        ev("consultation_answered", "2025-06-20", party="third_party"),
        ev("fee_paid", "2025-06-25"),
    )
    reply = st.deadlines["reply"]
    assert reply.due == D("2025-07-21")
    assert [p.working_days for p in reply.explain.pauses] == [11, 3]
    assert sum(p.working_days for p in reply.explain.pauses) == 14


def test_deferral_must_be_later_than_the_current_reply_deadline() -> None:
    received = ev("received", "2026-11-02", **RECEIVED)  # reply due 2026-11-30
    with pytest.raises(Refusal, match="现行答复期限 2026-11-30"):
        request(received, ev("deferred", "2026-11-10", until="2026-11-27", reason="数量大"))
    with pytest.raises(Refusal, match="现行答复期限"):
        request(received, ev("deferred", "2026-11-10", until="2026-11-30", reason="数量大"))
    assert request(received, ev("deferred", "2026-11-10", until="2026-12-01", reason="数量大")).deadlines[
        "reply"
    ].due == D("2026-12-01")


def test_calendar_guards_apply_to_new_events_and_rule9_to_the_recorded_log() -> None:
    """An extension recorded on the deadline day stays readable history when a later calendar
    change moves that deadline earlier: the log replays, but the extension, now dated after
    the deadline passed, cannot move it (docs/rules.md §9: history obeys the same rule)."""
    source = load_source(
        2015, 2031, overrides=(Override(D("2026-11-07"), True, "调休"), Override(D("2026-11-14"), True, "调休"))
    )
    moved = WorkCalendar.build(source)  # two extra working days: reply due 11-26, not 11-30
    received = ev("received", "2026-11-02", **RECEIVED)
    late = ev("extended", "2026-11-30", working_days=5, reason="x")
    with pytest.raises(Refusal, match="届满前"):
        replay("request", [received, late], moved)
    stored = [Event(e.type, e.date, e.data, seq=i) for i, e in enumerate([received, late], 1)]
    st = replay("request", stored, moved)
    reply = st.deadlines["reply"]
    assert reply.due == D("2026-11-26")  # not 11-26 + 5 working days
    assert any("2026-11-26" in n and "§9" in n for n in reply.explain.notes)


def test_a_reply_while_the_fee_is_unpaid_ends_the_fee_pause_on_the_reply_day() -> None:
    """109号: the working days in (fee notice received, paid] do not count; when the agency
    answers before any payment, the clock stood still from the notice to the answer."""
    st = request(
        ev("received", "2026-11-02", **RECEIVED),  # reply due 2026-11-30
        ev("fee_notice_received", "2026-11-10", amount=100),
        ev("replied", "2026-11-20", outcome="disclosed"),
    )
    d = st.deadlines["reply"]
    assert d.due == D("2026-12-10")  # 11-11 … 11-20: 8 working days paused
    assert d.state == "met"
    assert [p.working_days for p in d.explain.pauses] == [8]


def test_a_fee_notice_sent_after_the_reply_deadline_does_not_make_a_late_reply_timely() -> None:
    st = request(
        ev("received", "2026-11-02", **RECEIVED),  # reply due 2026-11-30
        ev("fee_notice_received", "2026-12-02", amount=100),
        ev("replied", "2026-12-04", outcome="disclosed"),
    )
    d = st.deadlines["reply"]
    assert (d.due, d.state) == (D("2026-11-30"), "missed")


def test_an_internal_milestone_after_the_statutory_reply_deadline_is_flagged() -> None:
    from govinfo_cli.core.rules import milestones_past_reply

    assert milestones_past_reply(xinjiang().deadlines) == []
    st = xinjiang(ev("draft_extended", "2026-11-18", working_days=10, reason="需调取档案"))  # draft 12-04
    [warning] = milestones_past_reply(st.deadlines)
    assert "2026-12-04 晚于答复期限 2026-11-30" in warning and "条例第33条" in warning
    extended = xinjiang(
        ev("draft_extended", "2026-11-18", working_days=10, reason="x"),
        ev("extended", "2026-11-18", working_days=5, reason="x"),
    )  # reply 12-07
    assert milestones_past_reply(extended.deadlines) == []


@pytest.mark.parametrize(
    ("due", "now", "due_at", "late"),
    [
        ("2026-11-20", "2026-11-20T23:59", None, False),  # the due day itself is still in time
        ("2026-11-19", "2026-11-20T00:00", None, True),
        ("2026-11-20", "2026-11-20T10:21", "2026-11-20T10:20", True),  # hours: the time counts
        ("2026-11-21", "2026-11-20T15:00", "2026-11-21T09:20", False),
    ],
)
def test_overdue_is_by_day_and_for_hour_deadlines_by_time(due, now, due_at, late) -> None:
    from govinfo_cli.core.rules import overdue

    at = dt.datetime.fromisoformat(due_at) if due_at else None
    assert overdue(D(due), dt.datetime.fromisoformat(now), at) is late
