"""Complaints and reports (投诉举报) through the pure engine, article by article of
昌宁县医疗保障局《政府信息公开投诉举报处理制度》 (docs/rules.md §3). Periods are days (日):
D + N, and a last day that is not a working day rolls over to the next working day
(民法典第203条). Every date is counted by hand from the State Council's 2026 schedule:
Mid-Autumn Fri 25 Sep; National Day Thu 1 – Wed 7 Oct; make-up working days Sun 20 Sep and
Sat 10 Oct."""

from __future__ import annotations

import pytest

from govinfo_cli.core.errors import Refusal
from govinfo_cli.core.events import Event
from tests.builders import D, complaint, events_of

c = events_of("complaint")


def accepted(date: str) -> Event:
    return c("complaint_accepted", date, respondent="某药店", reporter="周秀英")


@pytest.mark.law("handling_decision", "conclusion")
def test_article_9_handling_decision_within_15_days_and_conclusion_within_30_days_of_acceptance() -> None:
    dl = complaint(accepted("2026-11-02")).deadlines  # Monday
    assert dl["handling_decision"].due == D("2026-11-17")  # 2 Nov + 15 = Tue 17 Nov, a working day
    assert dl["conclusion"].due == D("2026-12-02")  # 2 Nov + 30 = Wed 2 Dec
    assert dl["handling_decision"].basis == dl["conclusion"].basis == "投诉举报处理制度第九条"
    assert dl["handling_decision"].state == dl["conclusion"].state == "pending"


@pytest.mark.law("handling_decision")
def test_article_9_a_15_day_period_ending_in_the_national_day_holiday_rolls_to_8_october() -> None:
    d = complaint(accepted("2026-09-17")).deadlines["handling_decision"]  # Thursday
    # 17 Sep + 15 = Fri 2 Oct (holiday); 3–4 weekend; 5–7 holiday → Thu 8 Oct (民法典第203条)
    assert d.due == D("2026-10-08")
    assert d.explain.rolled_from == D("2026-10-02")


@pytest.mark.law("handling_decision", "conclusion")
def test_article_9_a_period_ending_on_a_make_up_saturday_ends_there() -> None:
    dl = complaint(accepted("2026-09-10")).deadlines  # Thursday
    # 10 Sep + 15 = Fri 25 Sep (Mid-Autumn) → 26–27 weekend → Mon 28 Sep
    assert dl["handling_decision"].due == D("2026-09-28")
    # 10 Sep + 30 = Sat 10 Oct, a make-up working day (调休上班日): no roll-over
    assert dl["conclusion"].due == D("2026-10-10")
    assert dl["conclusion"].explain.rolled_from is None


@pytest.mark.law("handling_decision")
def test_article_9_decision_after_15_days_is_recorded_as_missed() -> None:
    d = complaint(accepted("2026-11-02"), c("handling_decided", "2026-11-18", mode="direct")).deadlines
    assert d["handling_decision"].state == "missed"  # due 17 Nov
    assert d["conclusion"].state == "pending"


@pytest.mark.law("conclusion_extension")
def test_article_9_conclusion_extended_once_by_up_to_15_days_counts_from_acceptance() -> None:
    dl = complaint(
        accepted("2026-11-02"),
        c("handling_decided", "2026-11-10", mode="direct"),
        c("complaint_extended", "2026-11-20", days=10, reason="需调取结算数据"),
    ).deadlines
    # 2 Nov + 30 + 10 = Sat 12 Dec → Mon 14 Dec
    assert dl["conclusion"].due == D("2026-12-14")
    assert dl["conclusion"].explain.extension == 10


@pytest.mark.law("conclusion_extension")
def test_article_9_a_second_extension_is_refused() -> None:
    with pytest.raises(Refusal, match="一次"):
        complaint(
            accepted("2026-11-02"),
            c("complaint_extended", "2026-11-20", days=5, reason="x"),
            c("complaint_extended", "2026-11-25", days=5, reason="y"),
        )


@pytest.mark.law("conclusion_extension")
def test_article_9_an_extension_after_the_conclusion_deadline_is_refused() -> None:
    with pytest.raises(Refusal, match="届满前"):
        complaint(accepted("2026-11-02"), c("complaint_extended", "2026-12-03", days=5, reason="x"))  # due 2 Dec


@pytest.mark.law("conclusion")
def test_article_9_para_2_transfer_or_supervision_lapses_the_30_day_conclusion() -> None:
    for mode in ("transfer", "supervise"):
        dl = complaint(accepted("2026-11-02"), c("handling_decided", "2026-11-05", mode=mode)).deadlines
        assert dl["handling_decision"].state == "met"
        assert dl["conclusion"].state == "lapsed"  # the handling body's period, not this office's


@pytest.mark.law("handling_decision", "conclusion")
def test_article_9_concluding_without_a_recorded_mode_counts_as_direct_handling() -> None:
    st = complaint(accepted("2026-11-02"), c("complaint_concluded", "2026-11-19", result="责令整改"))
    assert st.status == "closed"
    assert st.deadlines["handling_decision"].state == "missed"  # decided (by concluding) after 17 Nov
    assert st.deadlines["conclusion"].state == "met"  # 19 Nov ≤ 2 Dec
    assert st.facts["mode"] == "direct"


@pytest.mark.law("handling_decision")
def test_article_7_not_accepted_closes_the_case_and_settles_the_handling_decision() -> None:
    st = complaint(accepted("2026-11-02"), c("complaint_rejected", "2026-11-04", reason="outside_jurisdiction"))
    assert st.status == "closed"
    assert st.deadlines["handling_decision"].state == "met"
    assert st.deadlines["conclusion"].state == "lapsed"


@pytest.mark.law("handling_decision")
def test_article_7_review_comes_before_the_handling_decision() -> None:
    with pytest.raises(Refusal, match="第七条"):
        complaint(
            accepted("2026-11-02"),
            c("handling_decided", "2026-11-04", mode="direct"),
            c("complaint_rejected", "2026-11-05", reason="other"),
        )


def test_a_concluded_complaint_takes_no_further_event() -> None:
    with pytest.raises(Refusal, match="已办结"):
        complaint(
            accepted("2026-11-02"),
            c("complaint_concluded", "2026-11-10"),
            c("complaint_extended", "2026-11-11", days=5, reason="x"),
        )
