"""Every statutory (and local) period govinfo counts, once, as a named entry.

A period is the law's number of days: how many, of which kind (working days ``wd``,
calendar days ``days`` rolled to a working day, ``hours``), the article that sets it, the
law (and version) it belongs to, and the dates that version is in force. The handlers and
the register fast path read their numbers here; nothing else writes ``20`` or ``15``.

``period(name, on)`` gives the version in force on a day (docs/rules.md §8: a case is judged by
the law in force on the day that started it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

Date = dt.date


@dataclass(frozen=True)
class Period:
    name: str  # the key handlers ask for
    days: int
    unit: str  # "wd" working days | "days" calendar days (rolled) | "hours" | "date" (set by the office)
    article: str  # the basis cited in ``basis`` and ``--explain``
    law: str  # the law and version, e.g. 条例(2019)
    title: str  # what the period is, for the clerk
    deadline: str | None = None  # the deadline code it counts (None: a cap, not a deadline)
    effective_from: Date | None = None
    effective_until: Date | None = None  # inclusive
    configurable: str | None = None  # the profile key that may set another number

    def in_force(self, day: Date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_until is None or day <= self.effective_until
        )

    @property
    def unit_label(self) -> str:
        return {"wd": "个工作日", "days": "日", "hours": "小时", "date": ""}[self.unit]

    @property
    def span(self) -> str:
        return "合理期限" if self.unit == "date" else f"{self.days}{self.unit_label}"


REGULATION_2007 = "条例(2007)"  # 国务院令第492号, in force 2008-05-01 to 2019-05-14
REGULATION_2019 = "条例(2019)"  # 国务院令第711号, in force from 2019-05-15
XINJIANG = "新疆暂行办法"  # 新疆暂行办法: local milestones (profile xinjiang)
COMPLAINTS = "投诉举报处理制度"  # 昌宁县医疗保障局《政府信息与政务公开制度》
OPINIONS = "舆情回应制度"  # 昌宁县医疗保障局《政府信息与政务公开制度》
SINCE_2019 = Date(2019, 5, 15)  # the 2019 Regulation (docs/rules.md §8)
UNTIL_2019 = Date(2019, 5, 14)
REVIEW_LAW_2017 = "行政复议法(2017)"
REVIEW_LAW_2023 = "行政复议法(2023)"
SINCE_2024 = Date(2024, 1, 1)  # the 2023 Administrative Reconsideration Law
UNTIL_2024 = Date(2023, 12, 31)
SINCE_2021 = Date(2021, 1, 1)  # 国办函〔2020〕109号 (the information-processing fee) in force (docs/rules.md §8)

PERIODS: tuple[Period, ...] = (
    # -- requests (docs/rules.md §2) -------------------------------------------------------
    Period(
        "correction_notice",
        7,
        "wd",
        "条例第30条",
        REGULATION_2019,
        "一次性告知补正（2007年条例无此期限）",
        "correction_notice",
        effective_from=SINCE_2019,
    ),
    Period(
        "correction_response",
        15,
        "wd",
        "条例第30条",
        REGULATION_2019,
        "申请人补正期限（默认）",
        "correction_response",
        configurable="correction_response_wd",
    ),
    Period("reply", 15, "wd", "2007年条例第24条", REGULATION_2007, "答复期限", "reply", effective_until=UNTIL_2019),
    Period("reply", 20, "wd", "条例第33条", REGULATION_2019, "答复期限", "reply", effective_from=SINCE_2019),
    Period(
        "reply_extension",
        15,
        "wd",
        "2007年条例第24条",
        REGULATION_2007,
        "延长答复期限（累计上限）",
        effective_until=UNTIL_2019,
    ),
    Period(
        "reply_extension",
        20,
        "wd",
        "条例第33条",
        REGULATION_2019,
        "延长答复期限（累计上限）",
        effective_from=SINCE_2019,
    ),
    Period(
        "deferral",
        0,
        "date",
        "条例第35条",
        REGULATION_2019,
        "延迟答复的合理期限（取代答复期限；2007年条例无此规定）",
        "reply",
        effective_from=SINCE_2019,
    ),
    Period(
        "consultation_answer:third_party",
        15,
        "wd",
        "条例第32条",
        REGULATION_2019,
        "第三方提出意见（2007年条例无期限：暂停至第三方答复）",
        "consultation_answer:third_party",
        effective_from=SINCE_2019,
    ),
    Period(
        "consultation_answer:agency",
        15,
        "wd",
        "条例第34条",
        REGULATION_2019,
        "其他机关提出意见（2007年条例无此期限）",
        "consultation_answer:agency",
        effective_from=SINCE_2019,
    ),
    Period(
        "fee_payment",
        20,
        "wd",
        "国办函〔2020〕109号",
        "国办函〔2020〕109号",
        "缴纳信息处理费（2021-01-01 前的收费通知不产生此期限）",
        "fee_payment",
        effective_from=SINCE_2021,
    ),
    # -- correction of records (更正, docs/rules.md §11): no statutory period, the office's own ---
    Period(
        "correction_reply",
        20,
        "wd",
        "条例第41条",
        REGULATION_2019,
        "更正申请答复（本机关期限，默认同答复期限）",
        "correction_reply",
        configurable="correction_reply_wd",
    ),
    # -- internal milestones of the Xinjiang profile (docs/rules.md §2, 新疆暂行办法) ----------
    Period(
        "transfer", 2, "wd", "新疆暂行办法第二十八条", XINJIANG, "转承办处室", "transfer", configurable="transfer_wd"
    ),
    Period("draft", 12, "wd", "新疆暂行办法第二十九条", XINJIANG, "提出初步答复意见", "draft", configurable="draft_wd"),
    Period("draft_extension", 20, "wd", "新疆暂行办法第二十九条", XINJIANG, "延长拟办意见期限（累计上限）"),
    Period("decline_notice", 2, "wd", "新疆暂行办法第二十九条", XINJIANG, "反馈不属本处室", "decline_notice"),
    Period(
        "review", 5, "wd", "新疆暂行办法第二十九条", XINJIANG, "保密及合法性审查", "review", configurable="review_wd"
    ),
    Period(
        "office_reply",
        2,
        "wd",
        "新疆暂行办法第三十五条",
        XINJIANG,
        "审批后答复",
        "office_reply",
        configurable="office_reply_wd",
    ),
    # -- complaints (docs/rules.md §3) -------------------------------------------------------
    Period("handling_decision", 15, "days", "投诉举报处理制度第九条", COMPLAINTS, "确定处理方式", "handling_decision"),
    Period("conclusion", 30, "days", "投诉举报处理制度第九条", COMPLAINTS, "办结", "conclusion"),
    Period("conclusion_extension", 15, "days", "投诉举报处理制度第九条", COMPLAINTS, "延长办结期限（一次）"),
    # -- reconsideration and litigation (docs/rules.md §4) ---------------------------------------
    Period(
        "agency_reply",
        10,
        "days",
        "行政复议法(2017)第23条",
        REVIEW_LAW_2017,
        "复议书面答复（日历日，末日顺延）",
        "agency_reply",
        effective_until=UNTIL_2024,
    ),
    Period(
        "agency_reply",
        10,
        "wd",
        "行政复议法第48、88条",
        REVIEW_LAW_2023,
        "复议书面答复（普通程序）",
        "agency_reply",
        effective_from=SINCE_2024,
    ),
    Period(
        "agency_reply_simplified",
        5,
        "wd",
        "行政复议法第54、88条",
        REVIEW_LAW_2023,
        "复议书面答复（简易程序；2017年法无简易程序）",
        "agency_reply",
        effective_from=SINCE_2024,
    ),
    Period("defense", 15, "days", "行政诉讼法第67条", "行政诉讼法", "提交答辩状", "defense"),
    # -- proactive disclosure (docs/rules.md §5) ---------------------------------------------------
    Period("publish", 20, "wd", "条例第26条", REGULATION_2019, "形成或者变更后主动公开", "publish"),
    Period(
        "publish_enforcement",
        7,
        "wd",
        "国办发〔2018〕118号",
        "国办发〔2018〕118号",
        "行政许可、处罚决定公开",
        "publish",
    ),
    Period("interpretation", 3, "wd", "政策文件解读制度第五条", "政策文件解读制度", "发布政策解读", "interpretation"),
    # -- public-opinion response (docs/rules.md §6) -----------------------------------------------
    Period("first_release", 1, "hours", "舆情回应制度", OPINIONS, "重大舆情首次发布", "first_release"),
    Period("press_conference", 24, "hours", "舆情回应制度", OPINIONS, "重大舆情新闻发布会", "press_conference"),
    Period("response", 48, "hours", "舆情回应制度", OPINIONS, "一般舆情回应", "response"),
)

_BY_NAME: dict[str, tuple[Period, ...]] = {}
for _p in PERIODS:
    _BY_NAME[_p.name] = (*_BY_NAME.get(_p.name, ()), _p)


def period(name: str, on: Date | None = None) -> Period:
    """The version of a period in force on ``on`` (the day that started the case); the
    current version when ``on`` is None."""
    versions = _BY_NAME[name]
    if on is None:
        return next((p for p in versions if p.effective_until is None), versions[-1])
    for p in versions:
        if p.in_force(on):
            return p
    raise LookupError(f"{name}: 无 {on} 适用的期限")


def versions(name: str) -> tuple[Period, ...]:
    return _BY_NAME[name]


def exists(name: str, on: Date) -> bool:
    """Whether the law in force on ``on`` has this period at all (docs/rules.md §8: the 2007
    Regulation had no correction-notice window, no agency consultation period, no deferral)."""
    return any(p.in_force(on) for p in _BY_NAME.get(name, ()))
