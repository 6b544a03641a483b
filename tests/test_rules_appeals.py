"""Reconsideration and lawsuits (行政复议、行政诉讼) through the pure engine, article by
article (docs/rules.md §4): the written reply within 10 working days of receiving the copy
of the application, 5 under the simplified procedure (行政复议法(2023) 第48、54条; 第88条 makes
them working days); the defence within 15 days (日) of receiving the copy of the complaint,
rolled over to the next working day (行政诉讼法第67条; 民法典第203条). Dates counted by hand
from the 2026 schedule: National Day Thu 1 – Wed 7 Oct, make-up working day Sat 10 Oct.

Copies received before 2024-01-01 follow the 2017 law (10 calendar days, docs/rules.md §8):
those cases are in the acceptance data (tests/data), not here."""

from __future__ import annotations

import pytest

from govinfo_cli.core.errors import Refusal
from tests.builders import D, appeal, events_of

a = events_of("appeal")


@pytest.mark.law("agency_reply")
def test_reconsideration_law_articles_48_and_88_reply_within_10_working_days() -> None:
    d = appeal(a("reconsideration_copy_received", "2026-11-02")).deadlines["agency_reply"]  # Monday
    # 3–6 Nov (4), 9–13 (9), 16 Nov (10)
    assert d.due == D("2026-11-16")
    assert d.basis == "行政复议法第48、54、88条"
    assert d.explain.unit == "wd" and d.explain.amount == 10


@pytest.mark.law("agency_reply")
def test_reconsideration_law_article_88_counts_across_national_day_and_the_make_up_saturday() -> None:
    d = appeal(a("reconsideration_copy_received", "2026-09-28")).deadlines["agency_reply"]  # Monday
    # 29, 30 Sep (2); 1–7 Oct off; 8, 9 (4); Sat 10 Oct make-up (5); 12–16 Oct (10)
    assert d.due == D("2026-10-16")
    assert D("2026-10-10") in d.explain.made_up
    assert D("2026-10-01") in d.explain.skipped


@pytest.mark.law("agency_reply_simplified")
def test_reconsideration_law_article_54_simplified_procedure_reply_within_5_working_days() -> None:
    d = appeal(a("reconsideration_copy_received", "2026-09-28", simplified=True)).deadlines["agency_reply"]
    # 29, 30 Sep (2); 8, 9 Oct (4); Sat 10 Oct, a make-up working day (5)
    assert d.due == D("2026-10-10")


@pytest.mark.law("agency_reply")
def test_reconsideration_reply_after_the_10_working_days_is_missed() -> None:
    dl = appeal(
        a("reconsideration_copy_received", "2026-11-02"),
        a("agency_replied", "2026-11-17"),  # due 16 Nov
    ).deadlines
    assert dl["agency_reply"].state == "missed"
    assert dl["agency_reply"].done == D("2026-11-17")


@pytest.mark.law("defense")
def test_administrative_litigation_law_article_67_defence_within_15_days() -> None:
    d = appeal(a("lawsuit_copy_received", "2026-11-02", route="direct")).deadlines["defense"]
    assert d.due == D("2026-11-17")  # 2 Nov + 15 = Tue 17 Nov
    assert d.basis == "行政诉讼法第67条"
    assert d.explain.unit == "days"


@pytest.mark.law("defense")
def test_administrative_litigation_law_article_67_defence_ending_in_a_holiday_rolls_over() -> None:
    d = appeal(a("lawsuit_copy_received", "2026-09-17")).deadlines["defense"]
    # 17 Sep + 15 = Fri 2 Oct (National Day); 3–4 weekend; 5–7 holiday → Thu 8 Oct (民法典第203条)
    assert d.due == D("2026-10-08")
    assert d.explain.rolled_from == D("2026-10-02")


@pytest.mark.law("defense")
def test_a_lawsuit_has_no_reconsideration_reply_and_a_defence_on_a_reconsideration_is_refused() -> None:
    st = appeal(a("lawsuit_copy_received", "2026-11-02", route="after_reconsideration"))
    assert set(st.deadlines) == {"defense"}
    assert st.facts["route"] == "after_reconsideration"
    with pytest.raises(Refusal, match="答辩状"):
        appeal(a("reconsideration_copy_received", "2026-11-02"), a("defense_submitted", "2026-11-05"))


@pytest.mark.law("agency_reply")
def test_the_result_closes_the_case_and_lapses_what_is_still_open() -> None:
    st = appeal(a("reconsideration_copy_received", "2026-11-02"), a("appeal_decided", "2026-11-10", result="upheld"))
    assert (st.status, st.outcome) == ("closed", "upheld")
    assert st.deadlines["agency_reply"].state == "lapsed"
    with pytest.raises(Refusal):
        appeal(
            a("reconsideration_copy_received", "2026-11-02"),
            a("appeal_decided", "2026-11-10", result="corrected"),
            a("agency_replied", "2026-11-11"),
        )


def test_pending_is_not_a_result_to_record() -> None:
    with pytest.raises(Refusal, match="尚未审结"):
        appeal(a("lawsuit_copy_received", "2026-11-02"), a("appeal_decided", "2026-11-10", result="pending"))
