"""Every code of docs/rules.md with its official Chinese label — the one table of names.

Codes are what the database, JSON and CSV carry; labels are what a clerk reads.
Parsing accepts either (``parse``), so a clerk may type 自然人 or natural_person.
"""

from __future__ import annotations

from collections.abc import Mapping

# Marks a date that depends on a calendar year not yet confirmed (screens, CSV, iCalendar).
PROVISIONAL_MARK = "≈"

KINDS: dict[str, str] = {
    "request": "依申请公开",
    "complaint": "投诉举报",
    "appeal": "复议诉讼",
    "disclosure": "主动公开",
    "opinion": "舆情回应",
    "record_correction": "更正申请",  # 条例第41条 (docs/rules.md §11): not a disclosure request
}

KIND_SHORT: dict[str, str] = {
    "request": "申请",
    "complaint": "投诉",
    "appeal": "复议诉讼",
    "disclosure": "公开",
    "opinion": "舆情",
    "record_correction": "更正",
}

# 第31条; 国办公开办函〔2015〕207号
CHANNELS: dict[str, str] = {
    "in_person": "当面提交",
    "post": "邮寄",
    "letter": "平常信函",
    "online": "互联网",
    "fax": "传真",
    "email": "电子邮件",
}

# Other words clerks use for a channel (the register's and the clerk's own spelling):
# ``parse`` accepts them as it accepts the labels; the code stays what is stored.
CHANNEL_WORDS: dict[str, str] = {
    "网上": "online",
    "网络": "online",
    "在线": "online",
    "当面": "in_person",
    "现场": "in_person",
    "邮件": "email",
    "电子邮箱": "email",
    "信件": "letter",
    "平信": "letter",
}

APPLICANT_TYPES: dict[str, str] = {
    "natural_person": "自然人",
    "business": "商业企业",
    "research": "科研机构",
    "nonprofit": "社会公益组织",
    "legal_services": "法律服务机构",
    "other": "其他",
}

# 第36–39条, in the official order of the annual report (国办公开办函〔2021〕30号).
OUTCOMES: dict[str, str] = {
    "disclosed": "予以公开",
    "partially_disclosed": "部分公开",
    "withheld:state_secret": "不予公开-属于国家秘密",
    "withheld:prohibited": "不予公开-其他法律行政法规禁止公开",
    "withheld:security_stability": "不予公开-危及“三安全一稳定”",
    "withheld:third_party": "不予公开-保护第三方合法权益",
    "withheld:internal_affairs": "不予公开-属于三类内部事务信息",
    "withheld:process_info": "不予公开-属于四类过程性信息",
    "withheld:enforcement_file": "不予公开-属于行政执法案卷",
    "withheld:admin_query": "不予公开-属于行政查询事项",
    "unavailable:not_held": "无法提供-本机关不掌握相关政府信息",
    "unavailable:needs_creation": "无法提供-没有现成信息需要另行制作",
    "unavailable:still_unclear": "无法提供-补正后申请内容仍不明确",
    "not_processed:petition": "不予处理-信访举报投诉类申请",
    "not_processed:duplicate": "不予处理-重复申请",
    "not_processed:publication": "不予处理-要求提供公开出版物",
    "not_processed:excessive": "不予处理-无正当理由大量反复申请",
    "not_processed:confirmation": "不予处理-要求行政机关确认或重新出具已获取信息",
    "other:no_correction": "其他处理-逾期不补正",
    "other:fee_unpaid": "其他处理-逾期未缴费",
    "other:other": "其他处理-其他",
}

# How a disclosed (or partially disclosed) request's information is provided (条例第40条:
# the form the applicant asked for, or another suitable one); the reply says so.
PROVIDE_MODES: dict[str, str] = {"paper": "纸质", "email": "电子邮件", "disc": "光盘", "web": "网址"}
# The two schemes of the information-processing fee (国办函〔2020〕109号), never both.
FEE_SCHEMES: dict[str, str] = {"per_request": "按件计收", "per_volume": "按量计收"}

# Outcomes whose reply needs no free-text reason: disclosure itself, and the two
# statutory lapses whose reason is the lapse (the command that records them says so).
OUTCOMES_WITHOUT_REASON = frozenset({"disclosed", "other:no_correction", "other:fee_unpaid"})

# Section 三 of the annual report: (row key, official label) in the printed order.
# Group rows are the keys "group:<prefix>" (（三）…（六）) summing their members.
REPORT_ROWS: list[tuple[str, str]] = [
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried_in", "二、上年结转政府信息公开申请数量"),
    ("disclosed", "三、本年度办理结果 （一）予以公开"),
    ("partially_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("withheld:state_secret", "（三）不予公开 1.属于国家秘密"),
    ("withheld:prohibited", "2.其他法律行政法规禁止公开"),
    ("withheld:security_stability", "3.危及“三安全一稳定”"),
    ("withheld:third_party", "4.保护第三方合法权益"),
    ("withheld:internal_affairs", "5.属于三类内部事务信息"),
    ("withheld:process_info", "6.属于四类过程性信息"),
    ("withheld:enforcement_file", "7.属于行政执法案卷"),
    ("withheld:admin_query", "8.属于行政查询事项"),
    ("unavailable:not_held", "（四）无法提供 1.本机关不掌握相关政府信息"),
    ("unavailable:needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable:still_unclear", "3.补正后申请内容仍不明确"),
    ("not_processed:petition", "（五）不予处理 1.信访举报投诉类申请"),
    ("not_processed:duplicate", "2.重复申请"),
    ("not_processed:publication", "3.要求提供公开出版物"),
    ("not_processed:excessive", "4.无正当理由大量反复申请"),
    ("not_processed:confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    (
        "other:no_correction",
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "other:fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other:other", "3.其他"),
    ("handled_total", "（七）总计"),
    ("carried_out", "四、结转下年度继续办理"),
]
# The group rows （三）…（六） of section 三 (their members are the codes "<prefix>:…").
REPORT_GROUPS: dict[str, str] = {
    "withheld": "（三）不予公开",
    "unavailable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}
# Section 二 (第二十条第（一）项): the document categories counted, by code and label.
DOCUMENT_CATEGORIES: dict[str, str] = {
    "regulations": "规章",
    "normative_documents": "行政规范性文件",
}

# Deadline codes (docs/rules.md) → (Chinese name, legal basis).
DEADLINES: dict[str, tuple[str, str]] = {
    "correction_notice": ("补正告知期限", "条例第30条"),
    "correction_response": ("申请人补正期限", "条例第30条"),
    "reply": ("答复期限", "条例第33条"),
    "consultation_answer:third_party": ("第三方意见期限", "条例第32条"),
    "consultation_answer:agency": ("其他机关意见期限", "条例第34条"),
    "fee_payment": ("缴费期限", "国办函〔2020〕109号"),
    "transfer": ("转办期限", "新疆暂行办法第二十八条"),
    "decline_notice": ("不属本处室反馈期限", "新疆暂行办法第二十九条"),
    "draft": ("拟办意见期限", "新疆暂行办法第二十九条"),
    "review": ("保密及合法性审查期限", "新疆暂行办法第二十九条"),
    "office_reply": ("审批后答复期限", "新疆暂行办法第三十五条"),
    "handling_decision": ("处理方式决定期限", "投诉举报处理制度第九条"),
    "conclusion": ("办结期限", "投诉举报处理制度第九条"),
    "agency_reply": ("复议答复期限", "行政复议法第48、54、88条"),
    "defense": ("应诉答辩期限", "行政诉讼法第67条"),
    "publish": ("主动公开期限", "条例第26条"),
    "interpretation": ("政策解读期限", "政策文件解读制度第五条"),
    "annual_report": ("年度报告期限", "条例第49条"),
    "withheld_review": ("不予公开信息年度审查期限", "新疆暂行办法第十四条"),
    "first_release": ("首次发布期限", "舆情回应制度"),
    "press_conference": ("新闻发布会期限", "舆情回应制度"),
    "response": ("舆情回应期限", "舆情回应制度"),
    "correction_reply": ("更正申请办理期限", "条例第41条"),
}

DEADLINE_STATES: dict[str, str] = {
    "pending": "待办",
    "met": "按期",
    "missed": "逾期办结",
    "lapsed": "已失效",
    "suspended": "中止计算",
}

PARTIES: dict[str, str] = {"third_party": "第三方", "agency": "其他机关"}
OPINIONS: dict[str, str] = {"agree": "同意公开", "object": "不同意公开", "none": "未答复"}

COMPLAINT_MODES: dict[str, str] = {
    "direct": "直接办理",
    "transfer": "转交办理",
    "supervise": "督促办理",
}
# 投诉举报处理制度第七条
COMPLAINT_REJECT_REASONS: dict[str, str] = {
    "outside_jurisdiction": "不属于本机关职责范围",
    "no_identifiable_party": "无明确被投诉举报对象或投诉举报人",
    "before_other_body": "已由其他机关受理或已申请复议、提起诉讼",
    "already_decided": "已经处理完毕",
    "other": "其他",
}

APPEAL_RESULTS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
}
LAWSUIT_ROUTES: dict[str, str] = {
    "direct": "未经复议直接起诉",
    "after_reconsideration": "复议后起诉",
}

ATTRIBUTES: dict[str, str] = {
    "public": "此件公开发布",
    "public_redacted": "此件删减后公开",
    "on_request": "此件依申请公开",
    "not_public": "此件不公开",
}
DECISIONS: dict[str, str] = {
    "licensing": "行政许可",
    "penalty": "行政处罚",
    "compulsion": "行政强制",
}

STATUSES: dict[str, str] = {"open": "办理中", "closed": "已办结", "voided": "已作废"}
# How a case of the other kinds ended (requests end with an OUTCOMES code, appeals with a
# result of APPEAL_RESULTS).
CASE_OUTCOMES: dict[str, str] = {
    "concluded": "已办结",
    "rejected": "不予受理",
    "responded": "已回应",
    **APPEAL_RESULTS,
    # 更正申请 (条例第41条)
    "corrected": "已更正",
    "transferred": "已转送有权机关",
    "refused": "不予更正",
}
# The recurring duties of every office (docs/rules.md §5), kept as yearly disclosure cases.
DUTIES: dict[str, str] = {
    "annual_report": "政府信息公开工作年度报告",
    "withheld_review": "不予公开信息年度审查",
}

EVENT_TYPES: dict[str, dict[str, str]] = {
    "request": {
        "received": "收到申请",
        "correction_requested": "告知补正",
        "correction_received": "收到补正",
        "extended": "延期答复",
        "consultation_sent": "征求意见",
        "consultation_answered": "收到意见",
        "fee_notice_received": "送达收费通知",
        "accepted": "申请内容明确（无需补正）",
        "fee_paid": "缴纳费用",
        "deferred": "确定延迟答复期限",
        "replied": "作出答复",
        "withdrawn": "申请人撤回",
        "transferred": "转交承办处室",
        "transfer_declined": "承办处室反馈不属本处室",
        "draft_extended": "延长拟办意见期限",
        "draft_submitted": "提交拟办意见",
        "approved": "审查批准",
        "letter_issued": "出具文书",
    },
    "complaint": {
        "complaint_accepted": "受理投诉举报",
        "handling_decided": "确定处理方式",
        "complaint_extended": "延长办理期限",
        "complaint_concluded": "办结",
        "complaint_rejected": "不予受理",
        "letter_issued": "出具文书",
    },
    "appeal": {
        "reconsideration_copy_received": "收到复议申请书副本",
        "lawsuit_copy_received": "收到起诉状副本",
        "agency_replied": "提交复议答复",
        "defense_submitted": "提交答辩状",
        "appeal_decided": "复议诉讼结果",
    },
    "disclosure": {
        "information_formed": "信息形成",
        "information_changed": "信息变更",
        "enforcement_decision": "作出执法决定",
        "policy_published": "政策文件发布",
        "published": "已公开",
        "duty_opened": "年度义务",
        "duty_done": "年度义务已完成",
    },
    "opinion": {
        "opinion_detected": "发现舆情",
        "opinion_released": "首次发布",
        "press_conference_held": "召开新闻发布会",
        "opinion_responded": "作出回应",
    },
    "record_correction": {
        "received": "收到更正申请",
        "corrected": "予以更正",
        "transferred": "转送有权机关",
        "refused": "不予更正",
        "letter_issued": "出具文书",
    },
}
# Event types of every kind (docs/rules.md §12): fixing the log itself.
LOG_EVENT_TYPES: dict[str, str] = {"amended": "更正记录", "voided": "作废案件"}
for _table in EVENT_TYPES.values():
    _table.update(LOG_EVENT_TYPES)


def label(table: Mapping[str, str], code: str | None) -> str:
    """The Chinese label of a code, or the code itself when it has none."""
    if code is None:
        return ""
    return table.get(code, code)


def deadline_label(code: str, party: str = "") -> str:
    """A deadline's name; with ``party``, the party's after it (a consultation has a
    deadline per party consulted, docs/rules.md §10)."""
    return DEADLINES.get(code, (code, ""))[0] + (f"（{party}）" if party else "")


def _other_words(table: Mapping[str, str]) -> Mapping[str, str]:
    """The other words accepted for the codes of ``table`` (word -> code)."""
    return CHANNEL_WORDS if table is CHANNELS else {}


def parse(table: Mapping[str, str], value: str) -> str | None:
    """A code from its code, its Chinese label or another word clerks use for it
    (whitespace-trimmed); None if unknown."""
    v = value.strip()
    if v in table:
        return v
    for code, text in table.items():
        if text == v or text.split("-")[-1] == v:
            return code
    return _other_words(table).get(v)


def choices(table: Mapping[str, str]) -> str:
    """'自然人(natural_person) / 商业企业(business) …' for prompts and error messages (with the
    other words accepted: '互联网(online；网上、网络、在线)')."""
    words: dict[str, list[str]] = {}
    for word, code in _other_words(table).items():
        words.setdefault(code, []).append(word)
    also = {code: f"；{'、'.join(w)}" for code, w in words.items()}
    return " / ".join(f"{text}({code}{also.get(code, '')})" for code, text in table.items())
