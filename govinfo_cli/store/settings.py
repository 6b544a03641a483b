"""Office settings (key → value, with their defaults) and the audit log: the queries."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from govinfo_cli.core.chain import audit_chain
from govinfo_cli.store.db import trail_lock
from govinfo_cli.store.tables import audit_t, settings_t

# letter id -> (its title, default document-number pattern); letters of one pattern share a series
_LETTER_NUMBERS: dict[str, tuple[str, str]] = {
    "receipt": ("登记回执", "依申告〔{year}〕{seq}号"),
    "correction": ("补正告知书", "依申告〔{year}〕{seq}号"),
    "extension": ("延期答复告知书", "依申告〔{year}〕{seq}号"),
    "consultation": ("征求意见书", "依申征〔{year}〕{seq}号"),
    "fee": ("收费通知书", "依申告〔{year}〕{seq}号"),
    "deferral": ("延迟答复告知书", "依申告〔{year}〕{seq}号"),
    "transfer": ("办理通知", "依申转〔{year}〕{seq}号"),
    "reply": ("答复书", "依申复〔{year}〕{seq}号"),
    "acceptance": ("投诉举报受理告知书", "投诉告〔{year}〕{seq}号"),
    "complaint_transfer": ("投诉举报转办告知书", "投诉告〔{year}〕{seq}号"),
    "complaint_extension": ("投诉举报延期办理告知书", "投诉告〔{year}〕{seq}号"),
    "rejection": ("投诉举报不予受理告知书", "投诉告〔{year}〕{seq}号"),
    "result": ("投诉举报办理结果告知书", "投诉告〔{year}〕{seq}号"),
    "correction_receipt": ("更正申请登记回执", "更正告〔{year}〕{seq}号"),
    "correction_done": ("政府信息更正告知书", "更正告〔{year}〕{seq}号"),
    "correction_transfer": ("更正申请转送告知书", "更正告〔{year}〕{seq}号"),
    "correction_refusal": ("不予更正告知书", "更正告〔{year}〕{seq}号"),
}

# key -> (Chinese description, default)
KNOWN: dict[str, tuple[str, str]] = {
    "agency.name": ("机关名称（年度报告抬头）", ""),
    "agency.address": ("通讯地址", ""),
    "agency.phone": ("联系电话", ""),
    "agency.office": ("政府信息公开工作机构", ""),
    "profile": ("规则配置：national、xinjiang 或 TOML 文件路径", "national"),
    "calendar.region": (
        "本机关所在地区的民族节日日历层（docs/rules.md §13）：xinjiang、ningxia、guangxi、tibet-lhasa 或 none；"
        "不设时随规则配置（xinjiang 配置即新疆）",
        "",
    ),
    "case_number.pattern": ("依申请公开自动编号格式，须含 {seq}，可用 {year}", "依申〔{year}〕{seq}号"),
    "case_number.pattern.complaint": ("投诉举报自动编号格式", "投诉〔{year}〕{seq}号"),
    "case_number.pattern.appeal": ("复议诉讼自动编号格式", "复议诉讼〔{year}〕{seq}号"),
    "case_number.pattern.disclosure": ("主动公开自动编号格式", "公开〔{year}〕{seq}号"),
    "case_number.pattern.opinion": ("舆情回应自动编号格式", "舆情〔{year}〕{seq}号"),
    "case_number.pattern.record_correction": ("更正申请自动编号格式", "更正〔{year}〕{seq}号"),
    "duplicate.window_days": ("重复申请提示的时间窗（日，0–3650 的整数）", "90"),
    # letters and the annual report as a document (issue 14)
    "agency.seal": ("文书落款（印章）行，如 昌宁县医疗保障局（印章）", ""),
    "agency.reconsideration_organ": ("行政复议机关（答复书救济告知）", ""),
    "agency.court": ("管辖法院（答复书救济告知）", ""),
    "letters.templates": ("本机关文书模板目录（govinfo letter templates export 导出后修改）", ""),
    **{
        f"letters.number.{k}": (f"{title}文号格式，可用 {{year}} {{seq}}", p)
        for k, (title, p) in _LETTER_NUMBERS.items()
    },
    "report.section1": ("年度报告“一、总体情况”正文文件（UTF-8 文本或 Markdown，一段一行）", ""),
    "report.section5": ("年度报告“五、存在的主要问题及改进情况”正文文件", ""),
    "report.section6": ("年度报告“六、其他需要报告的事项”正文文件", ""),
    "report.download": (
        "年度报告电子版的下载位置（写入报告首段），如 昌宁县人民政府门户网站政府信息公开专栏或网址",
        "",
    ),
    # issue 25: letters carry no placeholder
    "fee.payment": ("收费通知书写明的缴费方式，如 缴费账户、非税收入缴款渠道", ""),
    "complaint.rules_title": (
        "本机关投诉举报处理制度的标题，投诉举报文书据此引用条款，如 昌宁县医疗保障局政府信息公开投诉举报处理制度；"
        "不设则不引用本机关制度",
        "",
    ),
}
# Settings that are one line of text a document prints (checked as such when set).
TEXT_SETTINGS = ("report.download", "fee.payment", "complaint.rules_title")


def pattern_key(kind: str) -> str:
    """The setting that holds the numbering pattern of ``kind``'s new cases."""
    return "case_number.pattern" if kind == "request" else f"case_number.pattern.{kind}"


def get(conn: sa.Connection, key: str, default: str = "") -> str:
    """The stored value, else the known default, else ``default``."""
    value: str | None = conn.execute(sa.select(settings_t.c.value).where(settings_t.c.key == key)).scalar()
    if value is None:
        return KNOWN.get(key, ("", default))[1] or default
    return value


def get_raw(conn: sa.Connection, key: str) -> str | None:
    """The stored value, or None (no defaults)."""
    return conn.execute(sa.select(settings_t.c.value).where(settings_t.c.key == key)).scalar()


def put(conn: sa.Connection, key: str, value: str) -> None:
    conn.execute(sa.delete(settings_t).where(settings_t.c.key == key))
    conn.execute(sa.insert(settings_t).values(key=key, value=value))


def all_values(conn: sa.Connection) -> dict[str, str]:
    """Every known setting, stored or default."""
    stored: dict[str, str] = dict(conn.execute(sa.select(settings_t.c.key, settings_t.c.value)).all())
    return {k: stored.get(k, default) for k, (_, default) in KNOWN.items()}


def audit(conn: sa.Connection, *, at: dt.datetime, operator: str, action: str, target: str, detail: str = "") -> None:
    """Append one audit entry, chained to the entry before it (core.chain.audit_chain)."""
    trail_lock(conn)
    prev = conn.execute(sa.select(audit_t.c.chain).order_by(audit_t.c.id.desc()).limit(1)).scalar()
    chain = audit_chain(prev, at, operator, action, target, detail)
    conn.execute(
        sa.insert(audit_t).values(at=at, operator=operator, action=action, target=target, detail=detail, chain=chain)
    )
