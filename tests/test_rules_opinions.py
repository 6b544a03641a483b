"""Public-opinion response (舆情回应) through the pure engine (docs/rules.md §6;
昌宁县医疗保障局《政府公开舆情回应制度》): a major incident (特别重大、重大) needs a first
release within 1 hour and a press conference within 24 hours; any other a response within
48 hours. Hours are exact timestamps from detection, with no calendar adjustment (§1)."""

from __future__ import annotations

import datetime as dt

import pytest

from govinfo_cli.core.errors import Refusal
from tests.builders import D, events_of, opinion

o = events_of("opinion")
T = dt.datetime.fromisoformat


@pytest.mark.law("first_release", "press_conference")
def test_opinion_rules_major_incident_first_release_in_1_hour_and_press_conference_in_24() -> None:
    dl = opinion(o("opinion_detected", "2026-11-20", at="2026-11-20 09:20", major=True)).deadlines
    assert dl["first_release"].due_at == T("2026-11-20 10:20")
    assert dl["press_conference"].due_at == T("2026-11-21 09:20")  # a Saturday: hours ignore the calendar
    assert dl["press_conference"].due == D("2026-11-21")
    assert "response" not in dl
    assert dl["first_release"].basis == "舆情回应制度"


@pytest.mark.law("response")
def test_opinion_rules_other_incident_response_in_48_hours_even_over_a_weekend() -> None:
    dl = opinion(o("opinion_detected", "2026-11-20", at="2026-11-20 15:30")).deadlines
    assert set(dl) == {"response"}
    assert dl["response"].due_at == T("2026-11-22 15:30")  # Sunday: no roll-over for hours


@pytest.mark.law("first_release", "press_conference")
def test_opinion_rules_one_minute_late_is_missed() -> None:
    st = opinion(
        o("opinion_detected", "2026-11-20", at="2026-11-20 09:20", major=True),
        o("opinion_released", "2026-11-20", at="2026-11-20 10:21"),
        o("press_conference_held", "2026-11-21", at="2026-11-21 09:20"),
    )
    assert st.deadlines["first_release"].state == "missed"
    assert st.deadlines["press_conference"].state == "met"  # exactly on time
    assert st.status == "closed"


@pytest.mark.law("response")
def test_a_time_before_detection_or_on_another_day_than_the_event_is_refused() -> None:
    with pytest.raises(Refusal, match="早于"):
        opinion(
            o("opinion_detected", "2026-11-20", at="2026-11-20 09:20"),
            o("opinion_responded", "2026-11-20", at="2026-11-20 08:00"),
        )
    with pytest.raises(Refusal, match="不一致"):
        opinion(o("opinion_detected", "2026-11-20", at="2026-11-21 09:20"))
