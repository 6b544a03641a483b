"""docs/rules.md §8–§12 through the pure engine, one rule per test (dates counted by hand from
the State Council schedules; the working days are listed next to each count)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_cli.core.calendar import WorkCalendar, load_source
from govinfo_cli.core.errors import Refusal, ValidationError
from govinfo_cli.core.events import Event, normalize, normalize_amendment
from govinfo_cli.core.fees import Applicant, nth_request_in_month, same_applicant
from govinfo_cli.core.rules import Deadline, Profile, replay
from govinfo_cli.core.rules.engine import late_codes

D = dt.date.fromisoformat
RECEIVED = {"channel": "online", "applicant": "张伟", "applicant_type": "natural_person", "subject": "医保基金支出明细"}


@cache
def cal() -> WorkCalendar:
    return WorkCalendar.build(load_source(2015, 2031))


def ev(type_: str, date: str, kind: str = "request", seq: int = 0, **fields) -> Event:  # noqa: ANN003
    return Event(type_, D(date), normalize(kind, type_, fields), seq=seq, operator="李科员")


def logged(*events: Event) -> list[Event]:
    """The events as history: already in the log, with sequence numbers."""
    return [Event(e.type, e.date, e.data, seq=i, operator=e.operator) for i, e in enumerate(events, 1)]


def request(*events: Event, profile: Profile | None = None):  # noqa: ANN201
    return replay("request", list(events), cal(), profile or Profile())


RECEIVED_0302 = ev("received", "2026-03-02", **RECEIVED)  # Monday; reply due 03-30, notice window 03-11


# --------------------------------------------------------------------------
# §8 The law by date
# --------------------------------------------------------------------------


@pytest.mark.law("reply", "reply_extension")
def test_2007_regulation_reply_is_15_working_days() -> None:
    # 2019-03-01 → 03-04…08, 11…15, 18…22: the 15th working day is 03-22
    st = request(ev("received", "2019-03-01", **RECEIVED))
    reply = st.deadlines["reply"]
    assert reply.due == D("2019-03-22")
    assert reply.basis == "2007年条例第24条" and reply.explain.law == "条例(2007)"
    assert "2007年条例第24条" in reply.explain.rule


@pytest.mark.law("reply_extension")
def test_2007_regulation_extension_is_at_most_15_working_days() -> None:
    received = ev("received", "2019-03-01", **RECEIVED)
    with pytest.raises(Refusal, match="15个工作日"):
        request(received, ev("extended", "2019-03-20", working_days=16, reason="需调取档案"))
    # 15 more after 03-22: 03-25…29, 04-01…04 (清明 04-05 off), 04-08…12, 04-15
    assert request(received, ev("extended", "2019-03-20", working_days=15, reason="x")).deadlines["reply"].due == D(
        "2019-04-15"
    )


@pytest.mark.law("reply", "correction_notice")
def test_2019_regulation_applies_to_requests_received_from_2019_05_15() -> None:
    before = request(ev("received", "2019-05-14", **RECEIVED)).deadlines
    after = request(ev("received", "2019-05-15", **RECEIVED)).deadlines
    # 05-15…17, 20…24, 27…31, 06-03, 06-04: 15th working day
    assert before["reply"].due == D("2019-06-04") and "correction_notice" not in before
    # 05-16, 17, 20…24, 27…31, 06-03…06 (端午 06-07 off), 06-10…13: 20th working day
    assert after["reply"].due == D("2019-06-13") and after["reply"].basis == "条例第33条"
    assert after["correction_notice"].due == D("2019-05-24")


@pytest.mark.law("deferral")
def test_2007_regulation_has_no_deferral() -> None:
    with pytest.raises(Refusal, match="2007年条例"):
        request(
            ev("received", "2019-03-01", **RECEIVED), ev("deferred", "2019-03-05", until="2019-06-28", reason="数量大")
        )


@pytest.mark.law("consultation_answer:third_party")
def test_2007_regulation_third_party_pause_lasts_until_the_answer() -> None:
    received = ev("received", "2019-03-01", **RECEIVED)
    sent = ev("consultation_sent", "2019-03-05", party="third_party", name="某药店")
    waiting = request(received, sent)
    assert waiting.deadlines["reply"].state == "suspended"
    assert "consultation_answer:third_party" not in waiting.deadlines  # no statutory answer period
    # 03-04, 03-05 count (2); (03-05, 04-10] paused; then 04-11, 12, 15…19, 22…26 (14) and the
    # make-up Sunday 04-28: the 15th working day
    answered = request(received, sent, ev("consultation_answered", "2019-04-10", party="third_party"))
    assert answered.deadlines["reply"].due == D("2019-04-28")


@pytest.mark.law("consultation_answer:agency")
def test_2007_regulation_agency_consultation_has_no_deadline_and_does_not_pause() -> None:
    st = request(
        ev("received", "2019-03-01", **RECEIVED),
        ev("consultation_sent", "2019-03-05", party="agency", name="市卫健委"),
    )
    assert "consultation_answer:agency" not in st.deadlines
    assert st.deadlines["reply"].due == D("2019-03-22")
    assert any("2007年条例" in w.text for w in st.warnings)


@pytest.mark.law("agency_reply")
def test_2017_reconsideration_law_reply_is_10_calendar_days_rolled_to_a_working_day() -> None:
    st = replay("appeal", [ev("reconsideration_copy_received", "2023-06-01", "appeal")], cal())
    d = st.deadlines["agency_reply"]
    assert d.due == D("2023-06-12")  # day 10 is Sunday 06-11
    assert d.explain.unit == "days" and d.explain.rolled_from == D("2023-06-11")
    assert d.basis == "行政复议法(2017)第23条" and d.explain.law == "行政复议法(2017)"


@pytest.mark.law("agency_reply", "agency_reply_simplified")
def test_2023_reconsideration_law_applies_to_copies_received_from_2024_01_01() -> None:
    def due(date: str, simplified: bool) -> dt.date | None:
        copy = ev("reconsideration_copy_received", date, "appeal", simplified=simplified)
        return replay("appeal", [copy], cal()).deadlines["agency_reply"].due

    assert due("2023-12-29", False) == D("2024-01-08")  # 10 calendar days: Monday 01-08
    assert due("2023-12-29", True) == D("2024-01-08")  # no simplified procedure in the 2017 law
    assert due("2024-01-02", False) == D("2024-01-16")  # 01-03…05, 08…12, 15, 16
    assert due("2024-01-02", True) == D("2024-01-09")  # 01-03…05, 08, 09


# --------------------------------------------------------------------------
# §9 What a late step cannot do
# --------------------------------------------------------------------------


@pytest.mark.law("correction_notice", "correction_response", "reply")
def test_rule9_correction_notice_after_its_window_neither_suspends_nor_restarts_the_reply() -> None:
    st = request(
        RECEIVED_0302,
        ev("correction_requested", "2026-03-16"),  # window ended 03-11
        ev("correction_received", "2026-03-20"),
    )
    assert st.deadlines["correction_notice"].state == "missed"
    assert st.deadlines["reply"].due == D("2026-03-30") and st.deadlines["reply"].state == "pending"
    assert st.deadlines["correction_response"].state == "met"  # the applicant's period still ran
    asked = request(RECEIVED_0302, ev("correction_requested", "2026-03-16"))
    # 15 working days from 03-16: 03-17…20, 23…27, 30, 31, 04-01…03, 04-07 (清明 04-06 off)
    assert asked.deadlines["correction_response"].due == D("2026-04-07")
    assert [w.seq for w in asked.warnings] == [0] and "§9" in asked.warnings[0].text


@pytest.mark.law("fee_payment", "reply")
def test_rule9_fee_notice_after_the_reply_deadline_does_not_suspend_it() -> None:
    st = request(RECEIVED_0302, ev("fee_notice_received", "2026-04-08", amount=0))
    assert (st.deadlines["reply"].due, st.deadlines["reply"].state) == (D("2026-03-30"), "pending")
    assert st.deadlines["fee_payment"].due == D("2026-05-09")  # a make-up Saturday
    assert any("§9" in w.text for w in st.warnings)


@pytest.mark.law("deferral")
def test_rule9_late_deferral_is_refused() -> None:
    with pytest.raises(Refusal, match="届满前"):
        request(RECEIVED_0302, ev("deferred", "2026-04-01", until="2026-06-30", reason="数量明显超过合理范围"))


@pytest.mark.law("deferral")
def test_rule9_late_deferral_in_the_log_does_not_replace_the_missed_deadline() -> None:
    st = request(*logged(RECEIVED_0302, ev("deferred", "2026-04-01", until="2026-06-30", reason="数量大")))
    reply = st.deadlines["reply"]
    assert (reply.due, reply.state) == (D("2026-03-30"), "pending")
    replied = request(
        *logged(
            RECEIVED_0302,
            ev("deferred", "2026-04-01", until="2026-06-30", reason="数量大"),
            ev("replied", "2026-06-01", outcome="disclosed"),
        )
    )
    assert (replied.deadlines["reply"].due, replied.deadlines["reply"].state) == (D("2026-03-30"), "missed")


FEE = [RECEIVED_0302, ev("fee_notice_received", "2026-03-10", amount=100)]  # pay by 04-08


@pytest.mark.law("fee_payment")
def test_rule9_late_fee_payment_is_refused_unless_the_office_accepts_it() -> None:
    # 20 working days after 03-10: 03-11…13, 16…20, 23…27, 30, 31, 04-01…03, 04-07, 04-08
    assert request(*FEE).deadlines["fee_payment"].due == D("2026-04-08")
    with pytest.raises(Refusal, match="accept"):
        request(*FEE, ev("fee_paid", "2026-04-09"))
    assert request(*FEE, ev("fee_paid", "2026-04-08")).deadlines["fee_payment"].state == "met"


@pytest.mark.law("fee_payment", "reply")
def test_rule9_late_fee_payment_accepted_resumes_the_clock_and_fee_payment_stays_missed() -> None:
    st = request(*FEE, ev("fee_paid", "2026-04-09", accept_late="申请人邮寄缴费凭证，本机关同意继续办理"))
    assert st.deadlines["fee_payment"].state == "missed"
    # 03-03…06, 09, 10 count (6); (03-10, 04-09] paused; 04-10, 13…17, 20…24, 27…29: the 20th is 04-29
    assert st.deadlines["reply"].due == D("2026-04-29")
    replied = request(
        *FEE, ev("fee_paid", "2026-04-09", accept_late="同意"), ev("replied", "2026-04-20", outcome="disclosed")
    )
    assert replied.deadlines["fee_payment"].state == "missed" and replied.deadlines["reply"].state == "met"


@pytest.mark.law("correction_response")
def test_rule9_still_unclear_needs_a_correction_received_on_record() -> None:
    unclear = {"outcome": "unavailable:still_unclear", "reason": "补正后仍不明确"}
    with pytest.raises(Refusal, match="收到补正"):
        request(RECEIVED_0302, ev("replied", "2026-03-10", **unclear))
    st = request(
        RECEIVED_0302,
        ev("correction_requested", "2026-03-03"),
        ev("correction_received", "2026-03-05"),
        ev("replied", "2026-03-10", **unclear),
    )
    assert st.outcome == "unavailable:still_unclear"


@pytest.mark.law("reply")
def test_rule9_withdrawal_after_the_reply_deadline_leaves_it_missed() -> None:
    st = request(RECEIVED_0302, ev("withdrawn", "2026-04-01"))
    assert (st.deadlines["reply"].due, st.deadlines["reply"].state) == (D("2026-03-30"), "missed")
    in_time = request(RECEIVED_0302, ev("withdrawn", "2026-03-20"))
    assert in_time.deadlines["reply"].state == "lapsed"


@pytest.mark.law("reply_extension")
def test_rule9_an_extension_in_the_log_after_the_deadline_does_not_move_it() -> None:
    st = request(*logged(RECEIVED_0302, ev("extended", "2026-03-31", working_days=10, reason="x")))
    assert st.deadlines["reply"].due == D("2026-03-30")


# A request event that may be appended to a log: (type, fields) with dates filled in later.
STEP_TYPES = st.sampled_from(
    [
        ("correction_requested", {}),
        ("correction_received", {}),
        ("accepted", {}),
        ("extended", {"working_days": 5, "reason": "x"}),
        ("extended", {"working_days": 20, "reason": "x"}),
        ("consultation_sent", {"party": "third_party", "name": "甲公司"}),
        ("consultation_sent", {"party": "third_party", "name": "乙公司"}),
        ("consultation_sent", {"party": "agency", "name": "市卫健委"}),
        ("consultation_answered", {"party": "third_party", "name": "甲公司"}),
        ("consultation_answered", {"party": "third_party"}),
        ("consultation_answered", {"party": "agency"}),
        ("fee_notice_received", {"amount": 100}),
        ("fee_paid", {}),
        ("fee_paid", {"accept_late": "同意"}),
        ("deferred", {"reason": "数量大"}),
        ("replied", {"outcome": "disclosed"}),
        ("replied", {"outcome": "other:fee_unpaid"}),
        ("replied", {"outcome": "other:no_correction"}),
        ("withdrawn", {}),
    ]
)


def _event(type_: str, fields: dict, day: dt.date, seq: int) -> Event:
    if type_ == "deferred":
        fields = {**fields, "until": (day + dt.timedelta(days=60)).isoformat()}
    return Event(type_, day, normalize("request", type_, fields), seq=seq)


# How a random log grows (docs/rules.md §14: what "later" means for §9). Each move is recorded
# now, in recording order, but its date may lie anywhere:
# - ("step", gap, event): dated ``gap`` days after the case's latest event;
# - ("late", at, event): dated between the receipt and the latest event (``at`` per mille of the
#   way), entered late (补录, with entered_late);
# - ("amend", which, shift): an amendment, made on the latest day, moving an event's date by
#   ``shift`` days (before later events, or after them);
# - ("void",): the case voided on the latest day.
STEP = st.tuples(st.just("step"), st.integers(0, 30), STEP_TYPES)
LATE = st.tuples(st.just("late"), st.integers(0, 999), STEP_TYPES)
AMEND = st.tuples(st.just("amend"), st.integers(0, 20), st.integers(-15, 15))
MOVES = st.one_of(STEP, STEP, LATE, AMEND)
LAST = st.one_of(STEP, LATE, LATE, LATE, AMEND, st.tuples(st.just("void"), st.integers(0, 10)))


def _move(move: tuple, log: list[Event], latest: dt.date, seq: int) -> Event:
    kind = move[0]
    if kind == "step":
        type_, fields = move[2]
        return _event(type_, fields, latest + dt.timedelta(days=move[1]), seq)
    if kind == "late":
        type_, fields = move[2]
        first = log[0].date
        day = first + dt.timedelta(days=(latest - first).days * move[1] // 1000)
        return _event(type_, {**fields, "entered_late": "事后发现"}, day, seq)
    if kind == "void":
        return Event("voided", latest + dt.timedelta(days=move[1]), {"reason": "误登记"}, seq=seq)
    steps = [e for e in log if e.type not in ("amended", "voided")]
    target = steps[move[1] % len(steps)]
    moved = _dates(log)[target.seq] + dt.timedelta(days=move[2])
    fields = {"amends": target.seq, "fields": {"date": moved.isoformat()}, "reason": "日期录错"}
    return Event("amended", latest, fields, seq=seq)


def _dates(log: list[Event]) -> dict[int, dt.date]:
    """Each step's date as the log's amendments leave it."""
    dates = {e.seq: e.date for e in log if e.type not in ("amended", "voided")}
    for e in log:
        if e.type == "amended" and "date" in e.data["fields"]:
            dates[e.data["amends"]] = dt.date.fromisoformat(e.data["fields"]["date"])
    return dates


def _latest(log: list[Event]) -> dt.date:
    """The case's latest event: its steps as amended, and its amendments."""
    return max([*_dates(log).values(), *(e.date for e in log if e.type == "amended")])


def _late_on(d: Deadline | None, day: dt.date) -> bool:
    """Late on ``day`` (what ``due --overdue`` lists on that day, or a breach on the record):
    missed, or pending with its day passed. A quiet window that passed lapsed: never late."""
    if d is None or d.due is None or d.due >= day:
        return False
    return d.state == "missed" or (d.state == "pending" and not d.quiet)


def _kept(d: Deadline, after: Deadline | None) -> bool:
    """Still late exactly as it was: same day; missed stays missed, pending stays late."""
    return (
        after is not None
        and after.due == d.due
        and after.state in ("missed", "pending")
        and (d.state != "missed" or after.state == "missed")
    )


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    received=st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2026, 6, 30)),
    moves=st.lists(MOVES, min_size=3, max_size=10),
    last=LAST,
    as_history=st.booleans(),
)
@pytest.mark.law("reply", "reply_extension", "fee_payment", "correction_response", "deferral")
def test_rule9_a_later_step_never_unmisses_a_deadline_or_removes_an_overdue_row(
    received: dt.date, moves: list, last: tuple, as_history: bool
) -> None:
    """docs/rules.md §9 with §14's reading of "later": a step acts on its own (true) date.

    1. An event recorded after the log, whatever its date (in order, or entered late), leaves
       every deadline that was late on that date exactly as late as it was.
    2. An event entered late (dated before the case's latest day) may clear a breach that arose
       after its own date (it happened in time); the overdue list of the latest day then shrinks
       only visibly: every deadline it clears is in its ``LateEntry.cleared`` (marked).
    3. An amendment that changes a deadline late on the day it is made is marked (§12); a void
       made while a deadline is late records it (``Voided.passed``)."""
    log = [Event("received", received, normalize("request", "received", RECEIVED), seq=1)]
    for move in moves:  # a random log: each move kept when the engine accepts it as new
        candidate = _move(move, log, _latest(log), 0)
        try:
            replay("request", [*log, candidate], cal())
        except Refusal:
            continue
        log.append(replace(candidate, seq=len(log) + 1))
    latest = _latest(log)
    appended = _move(last, log, latest, len(log) + 1 if as_history else 0)
    before = replay("request", log, cal()).deadlines
    try:
        after_st = replay("request", [*log, appended], cal())
    except Refusal:
        return
    after, on = after_st.deadlines, appended.date
    late = {code: d for code, d in before.items() if _late_on(d, on)}
    if appended.type == "voided":
        assert after_st.voided is not None and set(late) <= set(after_st.voided.passed)
        return
    if appended.type == "amended":
        moved = [code for code, d in late.items() if not _kept(d, after.get(code))]
        assert not moved or after_st.amendments[-1].marked, moved
        return
    for code, d in late.items():  # 1: late on the step's own date stays late
        assert _kept(d, after.get(code)), code
    cleared = [c for c, d in before.items() if _late_on(d, latest) and not _late_on(after.get(c), latest)]
    if on >= latest:
        assert not cleared, cleared  # an event in order: 1 covers the latest day too
    elif cleared:  # 2: entered late, it says what it cleared as of the case's latest day
        entry = after_st.late_entries[-1]
        assert entry.latest == latest and set(cleared) <= set(entry.cleared), cleared


# --------------------------------------------------------------------------
# §10 Receipt, consultations and fees, made precise
# --------------------------------------------------------------------------


@pytest.mark.law("reply")
def test_rule10_arrival_date_different_from_receipt_is_refused_for_in_person() -> None:
    fields = {**RECEIVED, "channel": "in_person"}
    with pytest.raises(Refusal, match="到达日期"):
        request(ev("received", "2026-03-02", **fields, arrival_date="2026-02-27"))
    assert request(ev("received", "2026-03-02", **fields, arrival_date="2026-03-02")).opened == D("2026-03-02")


@pytest.mark.law("reply")
def test_rule10_letter_runs_from_the_confirmation_not_the_arrival() -> None:
    st = request(ev("received", "2026-03-02", **{**RECEIVED, "channel": "letter"}, arrival_date="2026-02-26"))
    assert st.deadlines["reply"].due == D("2026-03-30")


TWO_COMPANIES = [
    ev("received", "2026-05-25", **RECEIVED),
    ev("consultation_sent", "2026-06-01", party="third_party", name="甲公司"),
    ev("consultation_sent", "2026-06-10", party="third_party", name="乙公司"),
]


@pytest.mark.law("consultation_answer:third_party")
def test_rule10_each_consultation_is_answered_by_name_and_pauses_on_its_own() -> None:
    st = request(*TWO_COMPANIES, ev("consultation_answered", "2026-06-12", party="third_party", name="乙公司"))
    reply = st.deadlines["reply"]
    assert reply.due == D("2026-07-14")  # E-18
    assert [p.reason.split("：")[1][:3] for p in reply.explain.pauses] == ["甲公司", "乙公司"]
    assert reply.explain.pauses[1].working_days == 0  # inside 甲公司's pause: counted once


@pytest.mark.law("consultation_answer:third_party")
def test_rule10_an_answer_without_a_name_is_refused_when_two_are_open() -> None:
    with pytest.raises(Refusal, match="name"):
        request(*TWO_COMPANIES, ev("consultation_answered", "2026-06-12", party="third_party"))
    with pytest.raises(Refusal, match="丙公司"):
        request(*TWO_COMPANIES, ev("consultation_answered", "2026-06-12", party="third_party", name="丙公司"))


def test_rule10_fee_tier_counts_the_same_applicant_by_id_number_when_recorded() -> None:
    li_a, li_b = Applicant("李四", "110101199001011234"), Applicant("李四", "110101199202025678")
    assert not same_applicant(li_a, li_b)
    assert same_applicant(li_a, Applicant("李 四".replace(" ", ""), "110101199001011234"))
    assert not same_applicant(li_a, Applicant("李四"))  # docs/rules.md §14: with an ID, only by that ID
    assert nth_request_in_month(li_a, [li_b] * 10 + [li_a] * 10) == 11


# --------------------------------------------------------------------------
# accepted (docs/contract.md): the request is clear
# --------------------------------------------------------------------------


@pytest.mark.law("correction_notice")
def test_accepted_settles_the_correction_notice_window_as_met() -> None:
    st = request(RECEIVED_0302, ev("accepted", "2026-03-04"))
    assert (st.deadlines["correction_notice"].state, st.deadlines["correction_notice"].done) == ("met", D("2026-03-04"))
    late = request(RECEIVED_0302, ev("accepted", "2026-03-12"))
    assert late.deadlines["correction_notice"].state == "lapsed"  # it had lapsed quietly: never met
    with pytest.raises(Refusal, match="补正"):
        request(RECEIVED_0302, ev("correction_requested", "2026-03-04"), ev("accepted", "2026-03-05"))


# --------------------------------------------------------------------------
# §11 Correction of records (更正)
# --------------------------------------------------------------------------

CORRECTION = {"applicant": "王五", "applicant_type": "natural_person", "subject": "参保缴费记录有误"}


@pytest.mark.law("correction_reply")
def test_rule11_correction_request_is_answered_within_the_offices_20_working_days() -> None:
    opened = ev("received", "2026-03-02", "record_correction", **CORRECTION)
    st = replay("record_correction", [opened], cal())
    assert st.deadlines["correction_reply"].due == D("2026-03-30")
    assert st.deadlines["correction_reply"].basis == "条例第41条"
    shorter = replay("record_correction", [opened], cal(), Profile(correction_reply_wd=10))
    assert shorter.deadlines["correction_reply"].due == D("2026-03-16")


@pytest.mark.law("correction_reply")
@pytest.mark.parametrize(
    ("type_", "fields", "outcome"),
    [
        ("corrected", {}, "corrected"),
        ("transferred", {"to": "市社保中心"}, "transferred"),
        ("refused", {"reason": "记录无误"}, "refused"),
    ],
)
def test_rule11_correction_request_ends_corrected_transferred_or_refused(
    type_: str, fields: dict, outcome: str
) -> None:
    events = [
        ev("received", "2026-03-02", "record_correction", **CORRECTION),
        ev(type_, "2026-03-31", "record_correction", **fields),
    ]
    st = replay("record_correction", events, cal())
    assert (st.status, st.outcome, st.deadlines["correction_reply"].state) == ("closed", outcome, "missed")


def test_rule11_a_transfer_needs_the_body_it_goes_to() -> None:
    with pytest.raises(ValidationError, match="to"):
        normalize("record_correction", "transferred", {})


# --------------------------------------------------------------------------
# §12 Fixing a clerk's mistake
# --------------------------------------------------------------------------


def amend(on: str, seq: int, reason: str = "录入错误", **fields) -> Event:  # noqa: ANN003
    return Event("amended", D(on), {"amends": seq, "fields": fields, "reason": reason}, operator="王科长")


@pytest.mark.law("reply")
def test_rule12_amending_the_received_date_moves_its_deadlines() -> None:
    log = logged(ev("received", "2026-03-02", **RECEIVED))
    st = request(*log, amend("2026-03-05", 1, date="2026-03-03"))
    assert st.opened == D("2026-03-03") and st.deadlines["reply"].due == D("2026-03-31")
    [a] = st.amendments
    assert (a.amends, a.type, a.after_deadline, a.operator) == (1, "received", False, "王科长")


@pytest.mark.law("reply")
def test_rule12_an_amendment_after_a_passed_deadline_is_reported_with_who_and_why() -> None:
    log = logged(RECEIVED_0302, ev("replied", "2026-04-03", outcome="disclosed"))  # late: due 03-30
    assert request(*log).deadlines["reply"].state == "missed"
    st = request(*log, amend("2026-06-01", 1, reason="收到日期录错", date="2026-03-09"))
    assert st.deadlines["reply"].state == "met"  # the fix moves the dates, but never silently:
    [a] = st.amended_after_deadline
    assert a.passed == ("correction_notice", "reply") and a.reason == "收到日期录错" and a.operator == "王科长"
    assert ("reply", "2026-03-30", "missed", "2026-04-07", "met") in a.changed


def test_rule12_an_amendment_cannot_change_what_the_event_is_or_break_the_order() -> None:
    log = logged(RECEIVED_0302, ev("accepted", "2026-03-04"))
    with pytest.raises(Refusal, match="type"):
        request(*log, amend("2026-03-05", 1, type="withdrawn"))
    with pytest.raises(Refusal, match="seq 7"):
        request(*log, amend("2026-03-05", 7, date="2026-03-03"))
    with pytest.raises(Refusal, match="更正后"):
        request(*log, amend("2026-03-05", 2, date="2026-03-01"))


def test_rule12_amendment_fields_are_checked_against_the_amended_event() -> None:
    assert normalize_amendment("request", "received", {"date": "2026/3/3", "channel": "当面提交"}) == {
        "date": "2026-03-03",
        "channel": "in_person",
    }
    with pytest.raises(ValidationError, match="outcome"):
        normalize_amendment("request", "received", {"outcome": "disclosed"})
    with pytest.raises(ValidationError):
        normalize("request", "amended", {"amends": 1, "fields": {}, "reason": "x"})


@pytest.mark.law("reply")
def test_rule12_a_voided_case_has_status_voided_and_no_open_deadline() -> None:
    voided = Event("voided", D("2026-04-02"), {"reason": "重复登记"}, operator="王科长")
    st = request(*logged(RECEIVED_0302), voided)
    assert st.status == "voided" and st.voided is not None and st.voided.reason == "重复登记"
    assert all(d.state != "pending" for d in st.deadlines.values())
    with pytest.raises(Refusal, match="作废"):
        request(*logged(RECEIVED_0302, voided), ev("accepted", "2026-04-03"))


# --------------------------------------------------------------------------
# §14 Facts entered late, and the audit's other findings
# --------------------------------------------------------------------------

# The §14 example, on the 2026 calendar (春节 02-15…23 off; 02-14 and 02-28 make-up Saturdays;
# 清明 04-04…06 off). Received Thursday 02-26; a third party consulted Monday 03-02 (delivered that
# day). While its answer is unknown the clock is paused up to the answer deadline, 15 working days
# from 03-02: 03-03…06, 09…13, 16…20, 23 → 03-23. The reply is then due on the 35th working day
# after 02-26 (20 counted + 15 paused): counted 02-27, 02-28, 03-02 (3), paused 03-03…03-23, then
# 03-24…27 (7), 03-30…04-03 (12), 04-07…10 (16), 04-13…16 (20) → 04-16. On 04-01 the head approves
# a 10-working-day extension, in time: 04-17, 20…24, 27…30 → 04-30. On 04-02 the clerk finds that
# the answer arrived on 03-06: the pause is only (03-02, 03-06] = 4 working days, and the reply
# fell due on the 24th working day after 02-26: 03-09…13 (8), 16…20 (13), 23…27 (18), 03-30 (19),
# 03-31 (20) → 2026-03-31. The 04-01 extension was made after that: late, it does not count (§9),
# and on 04-02 the case is overdue.
SCENARIO_14 = logged(
    ev("received", "2026-02-26", **RECEIVED),
    ev("consultation_sent", "2026-03-02", party="third_party", name="某医药公司"),
    ev("extended", "2026-04-01", working_days=10, reason="需调取历年档案，经负责人同意"),
)
ANSWER_FOUND_LATE = ev(
    "consultation_answered", "2026-03-06", party="third_party", entered_late="4月2日整理档案时发现3月6日已收到复函"
)


@pytest.mark.law("reply", "reply_extension", "consultation_answer:third_party")
def test_rule14_the_answer_found_late_makes_the_reply_due_0331_and_the_0401_extension_late() -> None:
    assert request(*SCENARIO_14[:2]).deadlines["reply"].due == D("2026-04-16")
    assert request(*SCENARIO_14).deadlines["reply"].due == D("2026-04-30")  # the extension, in time
    st = request(*SCENARIO_14, ANSWER_FOUND_LATE)
    reply = st.deadlines["reply"]
    assert (reply.due, reply.state, reply.explain.extension) == (D("2026-03-31"), "pending", 0)
    assert [(p.start, p.end, p.working_days) for p in reply.explain.pauses] == [(D("2026-03-02"), D("2026-03-06"), 4)]
    assert "rules.md §14" not in "".join(reply.explain.notes) and "不计入" in "".join(reply.explain.notes)
    assert "reply" in late_codes(st.deadlines, D("2026-04-02"))  # overdue on the day it was found
    [entry] = st.late_entries
    assert (entry.seq, entry.date, entry.latest, entry.cleared) == (0, D("2026-03-06"), D("2026-04-01"), ())
    assert ("reply", "2026-04-30", "pending", "2026-03-31", "pending") in entry.changed
    told = [w.text for w in st.warnings if w.seq == 0]
    assert len(told) == 1 and "补录 2026-03-06" in told[0] and "2026-04-30 → 2026-03-31" in told[0]
    assert "2026-04-01 的延期晚于答复期限 2026-03-31" in told[0]
    # the same log replayed later, as history (the answer stored as event 4): the same deadlines
    stored = request(*logged(*SCENARIO_14, ANSWER_FOUND_LATE))
    assert stored.deadlines["reply"] == reply and [e.seq for e in stored.late_entries] == [4]
    assert not [w for w in stored.warnings if w.seq == 0]


@pytest.mark.law("reply")
def test_rule14_an_event_before_the_latest_is_refused_without_the_reason_it_is_entered_late() -> None:
    answer = ev("consultation_answered", "2026-03-06", party="third_party")
    with pytest.raises(Refusal, match="entered-late"):
        request(*SCENARIO_14, answer)
    # history may hold it (entered late, as above); replay orders by date in any case
    assert request(*SCENARIO_14, ev("consultation_answered", "2026-04-02", party="third_party"))


@pytest.mark.law("reply", "correction_notice")
def test_rule14_replay_orders_events_by_date_ties_in_recording_order() -> None:
    # recorded: received 03-02, a consultation on 03-10; then, entered late, the acceptance of
    # 03-04 and the correction notice of 03-05. By date: received, accepted, notice, consultation
    log = logged(RECEIVED_0302, ev("consultation_sent", "2026-03-10", party="agency", name="市卫健委"))
    accepted = ev("accepted", "2026-03-04", entered_late="确认记录漏登")
    st = request(*log, accepted)
    assert (st.deadlines["correction_notice"].state, st.deadlines["correction_notice"].done) == ("met", D("2026-03-04"))
    stored = logged(*log, accepted)
    notice = request(*stored, ev("correction_requested", "2026-03-05", entered_late="补正告知书漏登"))
    assert notice.deadlines["reply"].state == "suspended"  # after accepted, inside the window: a notice
    assert any("确认申请内容明确" in w.text for w in notice.warnings if w.seq == 0)
    # a tie: two events of one day apply in the order they were recorded
    same_day = logged(RECEIVED_0302, ev("accepted", "2026-03-04"), ev("correction_requested", "2026-03-04"))
    assert request(*same_day).deadlines["reply"].state == "suspended"
    with pytest.raises(Refusal, match="补正"):
        request(*logged(RECEIVED_0302, ev("correction_requested", "2026-03-04"), ev("accepted", "2026-03-04")))


@pytest.mark.law("reply")
def test_rule14_a_late_entry_that_breaks_a_later_event_is_refused_naming_it() -> None:
    log = logged(RECEIVED_0302, ev("extended", "2026-03-25", working_days=5, reason="x"))
    reply = ev("replied", "2026-03-20", outcome="disclosed", entered_late="答复书存根找到")
    with pytest.raises(Refusal, match="第 2 个事件.*办结"):
        request(*log, reply)


@pytest.mark.law("reply", "reply_extension")
def test_rule14_a_late_entry_that_clears_a_breach_is_reported_as_cleared() -> None:
    # reply due 03-30, replied 04-07: missed. An extension dated 03-20 entered late is in time on
    # its own date (§9 holds on true dates): the reply is now met, and the entry says it cleared it
    log = logged(RECEIVED_0302, ev("replied", "2026-04-07", outcome="disclosed"))
    assert request(*log).deadlines["reply"].state == "missed"
    st = request(*log, ev("extended", "2026-03-20", working_days=10, reason="x", entered_late="延期审批单补登"))
    assert st.deadlines["reply"].state == "met"
    [entry] = st.late_entries
    assert entry.cleared == ("reply",) and entry.latest == D("2026-04-07")
    assert any("不再逾期" in w.text for w in st.warnings if w.seq == 0)


@pytest.mark.law("reply")
def test_rule14_an_amendment_may_move_a_date_before_later_events() -> None:
    # accepted recorded as 03-20 (a typo for 03-04), then a correction notice is impossible; the
    # amendment moves it before the consultation of 03-10 and replay follows the new order
    log = logged(
        RECEIVED_0302,
        ev("consultation_sent", "2026-03-10", party="agency", name="市卫健委"),
        ev("accepted", "2026-03-20"),
    )
    assert request(*log).deadlines["correction_notice"].state == "lapsed"
    st = request(*log, amend("2026-03-23", 3, date="2026-03-04"))
    assert (st.deadlines["correction_notice"].state, st.deadlines["correction_notice"].done) == ("met", D("2026-03-04"))
    [a] = st.amendments
    assert ("correction_notice", "2026-03-11", "lapsed", "2026-03-11", "met") in a.changed


@pytest.mark.law("reply")
def test_rule14_an_amendment_passes_the_checks_a_new_event_would() -> None:
    in_person = logged(ev("received", "2026-03-02", **{**RECEIVED, "channel": "in_person"}))
    with pytest.raises(Refusal, match="到达日期"):  # a new line with these values is refused …
        request(ev("received", "2026-03-02", **{**RECEIVED, "channel": "in_person"}, arrival_date="2026-02-27"))
    with pytest.raises(Refusal, match="更正后.*到达日期"):  # … and so is the amendment
        request(*in_person, amend("2026-03-05", 1, arrival_date="2026-02-27"))
    letter = logged(ev("received", "2026-03-02", **RECEIVED, arrival_date="2026-02-27"))  # online: fine
    with pytest.raises(Refusal, match="更正后.*到达日期"):
        request(*letter, amend("2026-03-05", 1, channel="in_person"))
    # an extension amended to more days than the cap, or to after its deadline: as a new one
    ext = logged(RECEIVED_0302, ev("extended", "2026-03-20", working_days=5, reason="x"))
    with pytest.raises(Refusal, match="更正后.*累计不得超过"):
        request(*ext, amend("2026-03-23", 2, working_days=25))
    with pytest.raises(Refusal, match="更正后.*届满前"):
        request(*ext, amend("2026-04-02", 2, date="2026-04-01"))
    # the same amendment already in the log (history) replays without the new-event guards
    stored = request(*logged(*ext, amend("2026-04-02", 2, date="2026-04-01")))
    assert stored.deadlines["reply"].due == D("2026-03-30")


@pytest.mark.law("correction_response", "reply")
def test_rule14_a_late_correction_is_refused_unless_accepted_and_correction_response_stays_missed() -> None:
    asked = [RECEIVED_0302, ev("correction_requested", "2026-03-04")]
    # 15 working days from 03-04: 03-05, 06, 09…13, 16…20, 23…25 → 03-25
    assert request(*asked).deadlines["correction_response"].due == D("2026-03-25")
    with pytest.raises(Refusal, match="视为放弃"):
        request(*asked, ev("correction_received", "2026-03-26"))
    st = request(*asked, ev("correction_received", "2026-03-26", accept_late="申请人因病住院，经负责人同意"))
    assert st.deadlines["correction_response"].state == "missed"
    # the reply restarts from the correction: 03-27, 30, 31, 04-01…03 (6), 07…10 (10), 13…17 (15),
    # 20…24 (20) → 04-24
    assert (st.deadlines["reply"].due, st.deadlines["reply"].state) == (D("2026-04-24"), "pending")
    assert any("逾期补正" in w.text for w in st.warnings if w.seq == 0)
    in_time = request(*asked, ev("correction_received", "2026-03-25"))
    assert in_time.deadlines["correction_response"].state == "met"


@pytest.mark.law("correction_notice", "reply")
def test_rule14_a_correction_notice_after_accepted_inside_the_window_is_recorded_with_a_warning() -> None:
    st = request(RECEIVED_0302, ev("accepted", "2026-03-04"), ev("correction_requested", "2026-03-06"))
    assert st.deadlines["correction_notice"].state == "met" and st.deadlines["reply"].state == "suspended"
    assert [w.seq for w in st.warnings] == [0] and "确认申请内容明确" in st.warnings[0].text
    # after the window (03-11) it is a late notice (§9): recorded, it suspends nothing
    late = request(RECEIVED_0302, ev("accepted", "2026-03-04"), ev("correction_requested", "2026-03-12"))
    assert late.deadlines["correction_notice"].state == "missed"
    assert (late.deadlines["reply"].due, late.deadlines["reply"].state) == (D("2026-03-30"), "pending")


@pytest.mark.law("reply")
def test_rule14_a_letter_confirmed_after_its_arrival_warns_with_the_working_days_lost() -> None:
    letter = {**RECEIVED, "channel": "letter"}
    # arrived Thursday 02-26, confirmed Monday 03-02: 02-27, 02-28 (make-up Saturday), 03-02 lost
    st = request(ev("received", "2026-03-02", **letter, arrival_date="2026-02-26"))
    assert st.late_confirmation is not None and st.late_confirmation.working_days == 3
    assert st.deadlines["reply"].due == D("2026-03-30")  # from the confirmation: the receipt day (§2)
    assert "3 个工作日" in st.warnings[0].text
    assert request(ev("received", "2026-03-02", **letter, arrival_date="2026-03-02")).late_confirmation is None
    post = request(ev("received", "2026-03-02", **{**RECEIVED, "channel": "post"}, arrival_date="2026-02-26"))
    assert post.late_confirmation is None and not post.warnings  # signed for: no confirmation to make


@pytest.mark.law("reply")
def test_rule14_a_void_after_a_deadline_passed_is_marked() -> None:
    voided = Event("voided", D("2026-04-02"), {"reason": "重复登记"}, operator="王科长")
    late = request(*logged(RECEIVED_0302), voided)
    assert late.voided is not None and late.voided.passed == ("reply",) and late.voided.after_deadline
    in_time = request(*logged(RECEIVED_0302), replace(voided, date=D("2026-03-20")))
    assert in_time.voided is not None and not in_time.voided.after_deadline
    replied_late = logged(RECEIVED_0302, ev("replied", "2026-04-01", outcome="disclosed"))  # missed
    assert request(*replied_late, replace(voided, date=D("2026-05-06"))).voided.passed == ("reply",)


@pytest.mark.law("reply")
def test_rule14_email_takes_an_arrival_date_like_online() -> None:
    for channel in ("email", "online"):
        st = request(ev("received", "2026-03-02", **{**RECEIVED, "channel": channel}, arrival_date="2026-02-27"))
        assert st.opened == D("2026-03-02") and st.deadlines["reply"].due == D("2026-03-30")


@pytest.mark.law("fee_payment", "reply")
def test_rule8_a_fee_notice_before_2021_pauses_suspends_and_sets_nothing() -> None:
    received = ev("received", "2020-12-01", **RECEIVED)
    # 20 working days from 2020-12-01: 12-02…04, 07…11, 14…18, 21…25, 28, 29 → 12-29
    st = request(received, ev("fee_notice_received", "2020-12-10", amount=100))
    assert "fee_payment" not in st.deadlines
    assert (st.deadlines["reply"].due, st.deadlines["reply"].state) == (D("2020-12-29"), "pending")
    assert "109号" in st.warnings[0].text and "2021-01-01" in st.warnings[0].text
    paid = request(received, ev("fee_notice_received", "2020-12-10", amount=100), ev("fee_paid", "2020-12-20"))
    assert paid.deadlines["reply"].due == D("2020-12-29") and paid.deadlines["reply"].explain.pauses == ()
    with pytest.raises(Refusal, match="109号"):
        request(
            received,
            ev("fee_notice_received", "2020-12-10", amount=100),
            ev("replied", "2021-02-01", outcome="other:fee_unpaid", reason="未缴费"),
        )
    # from 2021-01-01 a notice opens fee_payment and suspends the reply. Received 2020-12-21, the
    # reply is due 2021-01-19 (12-22…25, 28…31, 01-04…08, 11…15, 18, 19; 元旦 01-01 off)
    later = ev("received", "2020-12-21", **RECEIVED)
    assert request(later).deadlines["reply"].due == D("2021-01-19")
    st = request(later, ev("fee_notice_received", "2021-01-04", amount=100))
    assert st.deadlines["fee_payment"].state == "pending" and st.deadlines["reply"].state == "suspended"


def test_rule14_a_request_without_an_id_counts_only_with_same_name_requests_without_one() -> None:
    no_id, with_id = Applicant("李四"), Applicant("李四", "110101199001011237")
    assert same_applicant(no_id, Applicant("李四")) and not same_applicant(no_id, with_id)
    assert nth_request_in_month(no_id, [with_id] * 12 + [no_id] * 3) == 4
    assert nth_request_in_month(with_id, [with_id] * 12 + [no_id] * 3) == 13
    company = Applicant("某某律师事务所", "91110000802100433B")  # a credit code identifies it like an ID
    assert same_applicant(company, Applicant("某某律所", "91110000802100433b"))


# Codes that the companies publish (their business licences, annual reports): GB 32100-2015's check
# character must accept each, and refuse each with any one character changed.
PUBLISHED_CREDIT_CODES = {
    "华为技术有限公司": "914403001922038216",
    "阿里巴巴（中国）有限公司": "91330100799655058B",
    "深圳市腾讯计算机系统有限公司": "91440300708461136T",
    "北京百度网讯科技有限公司": "91110000802100433B",
    "小米科技有限责任公司": "91110108551385082Q",
}


@pytest.mark.parametrize("name", sorted(PUBLISHED_CREDIT_CODES))
def test_rule14_a_credit_code_is_checked_by_the_gb32100_check_character(name: str) -> None:
    from govinfo_cli.core.personal import CREDIT_CODE_CHARS, credit_code_problem, identifier_problem

    code = PUBLISHED_CREDIT_CODES[name]
    assert credit_code_problem(code) is None and identifier_problem(code) is None
    assert identifier_problem(code.lower()) is None  # typed in lower case
    for i in range(18):  # any single character changed is caught (31 is prime, no weight is 0)
        for other in CREDIT_CODE_CHARS:
            if other != code[i] and (i not in range(2, 8) or other.isdigit()):
                assert credit_code_problem(code[:i] + other + code[i + 1 :]) is not None, (i, other)


def test_rule14_the_credit_code_check_character_and_its_charset() -> None:
    from govinfo_cli.core.personal import credit_code_check_char, credit_code_problem, identifier_problem

    # C18 = 31 − MOD(Σ Ci×Wi, 31): Huawei's code, by hand. Values: 9 1 4 4 0 3 0 0 1 9 2 2 0 3 8 2 1;
    # weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28: Σ = 9+3+36+108+0+78+0+0+20+261+50+26
    # +0+72+80+60+28 = 831 = 26×31 + 25, and 31 − 25 = 6
    assert credit_code_check_char("91440300192203821") == "6"
    assert credit_code_check_char("91110000MA000000F") == "0"  # MOD 0: 31 is written 0
    assert credit_code_problem("91110000MA000000F0") is None
    assert "应为 B" in credit_code_problem("91110000802100433C")
    assert "18位" in credit_code_problem("9111000080210043I3")  # I is not in the code's characters
    assert "18位" in credit_code_problem("91AB0000802100433B")  # positions 3–8: the region's digits
    # a number that could be either: both check characters named
    both = identifier_problem("110105194912310021")
    assert "GB 11643" in both and "GB 32100" in both
    assert identifier_problem("11010519491231002X") is None  # a valid 居民身份证号码 still passes
