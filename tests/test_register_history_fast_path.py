"""The engine's fast path for a new request whose log is what a register row makes
(``rules.register_history`` + ``fast_register_deadlines``), used by the bulk event import:
on random logs, whenever it accepts a log, the full ``replay`` accepts it too, with no
warning, the same deadlines and the same cached case row; anything it does not fully
understand (other fields, other events, an unchecked non-historic outcome, a reply
before receipt, a profile with local milestones) it leaves to ``replay``."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_cli.core import codes
from govinfo_cli.core.events import REGISTER_HISTORY, Event, normalize
from govinfo_cli.core.rules import NATIONAL, Profile, fast_register_deadlines, register_history, replay
from tests.builders import calendar, profile

PROFILES = (None, "national", "xinjiang")  # the engine's own NATIONAL, then the shipped profiles
MEMOS: dict[str | None, dict] = {name: {} for name in PROFILES}  # replays per receipt day, kept across examples


@cache
def _profile(name: str | None) -> Profile:
    return NATIONAL if name is None else profile(name)


_RECEIVED_VALUES: dict[str, Any] = {
    "channel": st.sampled_from(sorted(codes.CHANNELS)),
    "applicant": st.sampled_from(["张伟", "申请人25", "某某律师事务所"]),
    "applicant_type": st.sampled_from(sorted(codes.APPLICANT_TYPES)),
    "subject": st.sampled_from(["医保基金支出明细", "定点医药机构名单"]),
    "department": st.sampled_from(["办公室", "基金监管股"]),
    "id_number": st.just("11010519491231002X"),
    "contact": st.just("13800000000"),
    "id_unchecked": st.just("已核对原件"),  # a history flag holds its reason
    "arrival_date": st.integers(min_value=-5, max_value=0),  # days before receipt
}
_REQUIRED = ("channel", "applicant", "applicant_type", "subject")


@st.composite
def logs(draw: st.DrawFn) -> list[Event]:
    received = draw(st.dates(min_value=dt.date(2008, 1, 1), max_value=dt.date(2026, 11, 20)))
    optional = draw(st.sets(st.sampled_from(sorted(set(_RECEIVED_VALUES) - set(_REQUIRED)))))
    raw = {k: draw(_RECEIVED_VALUES[k]) for k in (*_REQUIRED, *sorted(optional))}
    if "arrival_date" in raw:
        raw["arrival_date"] = (received + dt.timedelta(days=raw["arrival_date"])).isoformat()
    evs = [Event("received", received, normalize("request", "received", raw))]
    shape = draw(st.sampled_from(["open", "replied", "replied", "replied", "withdrawn", "extended"]))
    if shape == "open":
        return evs
    later = received + dt.timedelta(days=draw(st.integers(min_value=-3, max_value=90)))
    if shape == "withdrawn":
        return [*evs, Event("withdrawn", later, {})]
    if shape == "extended":
        evs.append(Event("extended", received + dt.timedelta(days=3), {"working_days": 5, "reason": "复杂"}))
        if draw(st.booleans()):
            return evs
    reply: dict[str, Any] = {"outcome": draw(st.sampled_from(sorted(codes.OUTCOMES)))}
    if draw(st.booleans()):
        reply["reason"] = "依法作出处理"
    if draw(st.booleans()):
        reply["historic"] = draw(st.sampled_from([REGISTER_HISTORY, "纸质台账补录"]))  # its reason
    return [*evs, Event("replied", later, normalize("request", "replied", reply))]


@settings(max_examples=600, deadline=None)
@given(logs(), st.sampled_from(PROFILES))
@pytest.mark.law("correction_notice", "reply")
def test_register_history_fast_path_agrees_with_replay_whenever_it_accepts(evs: list[Event], which: str | None) -> None:
    from govinfo_cli.app.event_import import register_cache_row
    from govinfo_cli.store.cache import case_row
    from govinfo_cli.store.registers import CACHE_COLUMNS

    rules = _profile(which)
    got = register_history(evs, rules)
    if got is None:
        return  # replay decides (refusal or not): nothing to compare
    received, replied = got
    cal = calendar()
    st_ = replay("request", evs, cal, rules)  # must not refuse what the fast path accepted
    assert not st_.warnings
    fast = fast_register_deadlines(cal, received, replied, MEMOS[which], rules)  # shared across examples
    assert [(c, d, s, p, q, b) for c, d, s, p, q, b in fast] == [
        (x.code, x.due, x.state, x.provisional, x.quiet, x.basis) for x in st_.deadlines.values()
    ]
    assert all(x.due_at is None for x in st_.deadlines.values())
    cached = register_cache_row(evs, received, replied)
    assert cached == tuple(case_row("request", st_)[c] for c in CACHE_COLUMNS)


def _reg(received: str, replied: str | None = None, **reply: Any) -> list[Event]:
    evs = [Event("received", dt.date.fromisoformat(received), dict(channel="online", applicant="张伟",
                 applicant_type="natural_person", subject="医保"))]  # fmt: skip
    if replied:
        evs.append(Event("replied", dt.date.fromisoformat(replied), reply))
    return evs


def test_register_history_takes_the_register_rows_shapes() -> None:
    assert register_history(_reg("2025-03-03"), NATIONAL) == (dt.date(2025, 3, 3), None)
    got = register_history(
        _reg("2025-03-03", "2025-03-20", outcome="withheld:third_party", historic=REGISTER_HISTORY), NATIONAL
    )
    assert got == (dt.date(2025, 3, 3), dt.date(2025, 3, 20))
    assert register_history(_reg("2025-03-03", "2025-03-20", outcome="disclosed"), NATIONAL) is not None
    assert register_history(_reg("2025-03-03", "2025-03-20", outcome="other:other", reason="撤回"), NATIONAL)


def test_register_history_leaves_everything_else_to_replay() -> None:
    national = NATIONAL
    assert register_history(_reg("2025-03-03"), profile("xinjiang")) is None  # milestones
    assert register_history(_reg("2025-03-03", "2025-03-01", outcome="disclosed"), national) is None
    assert register_history(_reg("2025-03-03", "2025-03-20", outcome="other:other"), national) is None  # no reason
    assert register_history(_reg("2025-03-03", "2025-03-20", outcome="other:no_correction"), national) is None
    assert register_history(_reg("2025-03-03", "2025-03-20", outcome="disclosed", fee=1), national) is None
    extra = _reg("2025-03-03")
    extra[0] = Event("received", extra[0].date, {**extra[0].data, "arrival_date": "2025-03-01"})
    assert register_history(extra, national) is None
    assert register_history([*_reg("2025-03-03"), Event("withdrawn", dt.date(2025, 3, 4), {})], national) is None
    assert register_history([], national) is None


@pytest.mark.law("correction_notice", "reply")
@pytest.mark.parametrize("office", ["national", "xinjiang"])
def test_one_replay_per_receipt_day_serves_every_reply_date_of_that_day(office: str) -> None:
    """The fast path replays a receipt day once per kind of reply (which of the day's
    deadlines, a profile's milestones included, it came in time for): every reply date of the
    day, early, on a due date, one day late, months late, gets replay's own deadlines from the
    shared memo (the register import uses it with the office's profile, milestones and all)."""
    rules = profile(office)
    for received in (dt.date(2019, 5, 14), dt.date(2019, 5, 15), dt.date(2025, 12, 26), dt.date(2026, 9, 30)):
        memo: dict = {}
        for offset in range(0, 70):
            evs = _reg(received.isoformat(), (received + dt.timedelta(days=offset)).isoformat(), outcome="disclosed")
            st_ = replay("request", evs, calendar(), rules)
            fast = fast_register_deadlines(calendar(), received, evs[1].date, memo, rules)
            assert fast == [(x.code, x.due, x.state, x.provisional, x.quiet, x.basis) for x in st_.deadlines.values()]
        assert len(memo) <= 2 + len(st_.deadlines)  # open; then one per interval between due dates
