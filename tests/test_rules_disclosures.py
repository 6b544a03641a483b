"""Proactive disclosure (主动公开) through the pure engine, rule by rule (docs/rules.md §5):
publish within 20 working days of forming or changing the information (条例第26条);
licensing and penalty decisions within 7 working days (国办发〔2018〕118号); the policy
interpretation within 3 working days (昌宁县《政策文件解读制度》第五条); the yearly duties
(条例第49条; 新疆暂行办法第十四条). Dates counted by hand from the 2026 schedule: National Day
Thu 1 – Wed 7 Oct, make-up working day Sat 10 Oct."""

from __future__ import annotations

import pytest

from govinfo_cli.core.errors import Refusal
from tests.builders import D, disclosure, events_of

d = events_of("disclosure")


@pytest.mark.law("publish")
def test_regulation_article_26_publish_within_20_working_days_of_forming() -> None:
    x = disclosure(d("information_formed", "2026-11-02", title="关于调整医保支付标准的通知")).deadlines["publish"]
    # 3–6 Nov (4), 9–13 (9), 16–20 (14), 23–27 (19), Mon 30 Nov (20)
    assert x.due == D("2026-11-30")
    assert x.basis == "条例第26条"


@pytest.mark.law("publish")
def test_regulation_article_26_counts_across_national_day_and_the_make_up_saturday() -> None:
    x = disclosure(d("information_formed", "2026-09-28", title="t")).deadlines["publish"]
    # 29, 30 Sep (2); 8, 9, Sat 10 Oct (5); 12–16 (10); 19–23 (15); 26–30 Oct (20)
    assert x.due == D("2026-10-30")
    assert D("2026-10-10") in x.explain.made_up


@pytest.mark.law("publish")
def test_regulation_article_26_a_change_restarts_the_20_working_days() -> None:
    x = disclosure(
        d("information_formed", "2026-11-02", title="t"),
        d("information_changed", "2026-11-16", title="t（修订）"),
    ).deadlines["publish"]
    # from 16 Nov: 17–20 (4), 23–27 (9), 30 Nov–4 Dec (14), 7–11 Dec (19), Mon 14 Dec (20)
    assert x.due == D("2026-12-14")


@pytest.mark.law("publish")
def test_regulation_article_26_forming_the_same_item_twice_is_refused() -> None:
    with pytest.raises(Refusal, match="information_changed"):
        disclosure(d("information_formed", "2026-11-02", title="t"), d("information_formed", "2026-11-03", title="t"))


@pytest.mark.law("publish")
def test_attribute_not_public_or_on_request_opens_no_publish_deadline() -> None:
    for attribute in ("not_public", "on_request"):
        st = disclosure(d("information_formed", "2026-11-02", title="t", attribute=attribute))
        assert "publish" not in st.deadlines
    st = disclosure(
        d("information_formed", "2026-11-02", title="t", attribute="public"),
        d("information_changed", "2026-11-05", title="t", attribute="not_public"),
    )
    assert st.deadlines["publish"].state == "lapsed"


@pytest.mark.law("publish_enforcement")
def test_state_council_2018_118_penalty_and_licensing_decisions_within_7_working_days() -> None:
    for decision in ("penalty", "licensing"):
        x = disclosure(d("enforcement_decision", "2026-09-29", decision=decision)).deadlines["publish"]
        # 30 Sep (1); 8, 9, Sat 10 Oct (4); 12, 13, 14 Oct (7)
        assert x.due == D("2026-10-14")
        assert x.basis == "国办发〔2018〕118号"


@pytest.mark.law("publish")
def test_compulsion_decisions_fall_under_article_26s_20_working_days() -> None:
    x = disclosure(d("enforcement_decision", "2026-11-02", decision="compulsion")).deadlines["publish"]
    assert x.due == D("2026-11-30")
    assert x.basis == "条例第26条"


@pytest.mark.law("interpretation")
def test_interpretation_rules_article_5_interpretation_within_3_working_days_of_the_policy() -> None:
    st = disclosure(d("policy_published", "2026-09-30", title="长期护理保险试点方案"))
    # 8 Oct (1), 9 Oct (2), Sat 10 Oct, a make-up working day (3)
    assert st.deadlines["interpretation"].due == D("2026-10-10")
    assert st.deadlines["interpretation"].basis == "政策文件解读制度第五条"


@pytest.mark.law("publish")
def test_published_meets_the_open_deadline_and_late_is_missed() -> None:
    st = disclosure(d("information_formed", "2026-11-02", title="t"), d("published", "2026-11-30"))
    assert (st.deadlines["publish"].state, st.status) == ("met", "closed")
    st = disclosure(d("information_formed", "2026-11-02", title="t"), d("published", "2026-12-01"))
    assert st.deadlines["publish"].state == "missed"
    with pytest.raises(Refusal, match="没有待公开"):
        disclosure(
            d("information_formed", "2026-11-02", title="t"), d("published", "2026-11-03"), d("published", "2026-11-04")
        )


def test_regulation_article_49_annual_report_by_31_january_of_the_next_year() -> None:
    x = disclosure(d("duty_opened", "2026-01-02", duty="annual_report", year=2025)).deadlines["annual_report"]
    assert x.due == D("2026-01-31")  # a fixed date: no roll-over, even on a Saturday
    assert x.basis == "条例第49条"


def test_xinjiang_measures_article_14_withheld_information_reviewed_by_20_december() -> None:
    x = disclosure(d("duty_opened", "2026-12-01", duty="withheld_review", year=2026)).deadlines["withheld_review"]
    assert x.due == D("2026-12-20")
    assert x.basis == "新疆暂行办法第十四条"
