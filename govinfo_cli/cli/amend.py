"""`govinfo amend` and `govinfo void`: fix a clerk's mistake by appending an event that says
what was wrong, and why (docs/rules.md §12). Nothing already recorded is rewritten: `show
--audit` keeps the original, who fixed it and when."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from govinfo_cli.cli.helpframe import App
from govinfo_cli.cli.options import KindOpt
from govinfo_cli.cli.record import Event, event_commands

amend_app = App()
void_app = App()

ReasonOpt = Annotated[str, typer.Option("--reason", help="更正或作废的理由（将被记录，审计和时效报告可见）")]

# the friendly options: option -> event field (the date of the event itself is "date")
FRIENDLY = {
    "event_date": "date",
    "channel": "channel",
    "applicant": "applicant",
    "applicant_type": "applicant_type",
    "subject": "subject",
    "department": "department",
    "outcome": "outcome",
    "id_number": "id_number",
    "contact": "contact",
    "arrival": "arrival_date",
    "force_id": "id_unchecked",
}
OPTION_OF = {field: "--" + name.replace("_", "-") for name, field in FRIENDLY.items()}


def parse_set(values: list[str]) -> dict[str, str | list[str]]:
    """``--set field=value`` (repeatable; ``field=`` removes an optional field). A field given
    more than once is a list (a correction notice's items: ``--set items=甲 --set items=乙``);
    the field's own type decides whether it may be one."""
    from govinfo_cli.core.errors import ValidationError

    out: dict[str, str | list[str]] = {}
    for item in values:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ValidationError(f"--set {item!r}: 应写成 字段=新值，如 --set outcome=disclosed")
        if name in out:
            before = out[name]
            out[name] = [*(before if isinstance(before, list) else [before]), value.strip()]
        else:
            out[name] = value.strip()
    return out


@event_commands(amend_app, None)("amend")
def amend(
    ev: Event,
    seq: Annotated[int, typer.Argument(metavar="序号", help="要更正的事件序号（govinfo show 事件表的 # 列）", min=1)],
    reason: ReasonOpt,
    event_date: Annotated[
        str | None, typer.Option("--event-date", metavar="日期", help="该事件的正确日期（如收到申请的日期、答复日期）")
    ] = None,
    channel: Annotated[str | None, typer.Option("--channel", help="渠道")] = None,
    applicant: Annotated[str | None, typer.Option("--applicant", help="申请人姓名或名称")] = None,
    applicant_type: Annotated[str | None, typer.Option("--applicant-type", help="申请人类型")] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="申请内容")] = None,
    department: Annotated[str | None, typer.Option("--department", help="承办处室")] = None,
    outcome: Annotated[str | None, typer.Option("--outcome", help="办理结果（代码或中文）")] = None,
    id_number: Annotated[
        str | None, typer.Option("--id-number", help="证件号码（居民身份证号码或统一社会信用代码）")
    ] = None,
    contact: Annotated[str | None, typer.Option("--contact", help="联系电话")] = None,
    arrival: Annotated[
        str | None, typer.Option("--arrival", metavar="日期", help="到达日期（信件、邮寄、网上、传真、电子邮件）")
    ] = None,
    force_id: Annotated[
        str | None,
        typer.Option("--force-id", metavar="理由", help="更正后的证件号码校验位不符仍保存，写明理由（审计日志可见）"),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="其他字段：字段=新值（可重复；字段= 表示删去该可选字段），如 --set amount=30"),
    ] = None,
    kind: KindOpt = None,
) -> None:
    """更正一个已记录事件中录错的内容（追加一条更正记录，原记录保留，审计可见）。

    期限按更正后的内容重新计算；若更正时该案已有期限届满，show、审计和时效报告都会标出（谁、何时、为何更正）。
    --event-date 是被更正事件的正确日期；--date 是本次更正的日期（默认今天）。

    示例：govinfo amend 昌医保依申〔2026〕12号 1 --event-date 2026-03-03 --reason "收到日期录错，应为3月3日"
    """
    from govinfo_cli.core.errors import ValidationError

    typed = {
        "event_date": event_date,
        "channel": channel,
        "applicant": applicant,
        "applicant_type": applicant_type,
        "subject": subject,
        "department": department,
        "outcome": outcome,
        "id_number": id_number,
        "contact": contact,
        "arrival": arrival,
        "force_id": force_id,
    }
    given: dict[str, Any] = {FRIENDLY[name]: value for name, value in typed.items() if value is not None}
    for name, value in parse_set(set_ or []).items():
        if name in given:
            raise ValidationError(f"--set {name}= 与 {OPTION_OF.get(name, name)} 重复")
        given[name] = value
    if not given:
        raise ValidationError("请给出要更正的字段，如 --event-date、--outcome 或 --set 字段=新值")
    result = ev.record("amended", {"amends": seq, "fields": given, "reason": reason}, kind=kind, quiet=True)
    _print_amended(result, seq)


def _print_amended(result: Any, seq: int) -> None:
    from govinfo_cli.cli import render
    from govinfo_cli.cli.record import print_result
    from govinfo_cli.core import codes

    print_result(result)
    made = next((a for a in reversed(result.state.amendments) if a.amends == seq and a.seq == 0), None)
    if made is None:
        return
    for code, due_before, _sb, due_after, _sa in made.changed:
        if due_before != due_after:
            render.note(f"{codes.deadline_label(code)}：{due_before or '—'} → {due_after or '—'}")
    from govinfo_cli.app.case_view import marked

    if marked(made):
        passed = "、".join(codes.deadline_label(c) for c in made.passed)
        render.warn(f"更正时本案已有期限届满（{passed}）：本次更正将在 show、审计和办理时效报告中标出")


@event_commands(void_app, None)("void")
def void(ev: Event, reason: ReasonOpt, kind: KindOpt = None) -> None:
    """作废误登记的案件：不再出现在每日待办、列表、登记簿和年度报告中；记录保留，show --audit 可见（谁、何时、为何）。

    示例：govinfo void 昌医保依申〔2026〕12号 --reason "同一申请重复登记，见12号"
    """
    ev.record("voided", {"reason": reason}, kind=kind)
