"""`govinfo request …`: log a disclosure request and every step of handling it."""

from __future__ import annotations

from typing import Annotated, Any, NoReturn

import typer

from govinfo_cli.cli.options import CaseArg, DeptFilterOpt, DeptOpt, JsonOpt, RevealOpt, StatusOpt, group
from govinfo_cli.cli.output import Output, output_options
from govinfo_cli.cli.record import Event, event_commands
from govinfo_cli.core import codes

app = group("依申请公开：登记申请、记录办理事件（补正、延期、征求意见、收费、答复）、列表。")
event = event_commands(app, "request")


def _missing(label: str, option: str) -> NoReturn:
    from govinfo_cli.core.errors import ValidationError

    raise ValidationError(f"缺少 {label}（{option}；非交互方式运行时必须用选项给出）")


@event(case="new", case_help="编号，如 昌医保依申〔2026〕12号；省略则按格式自动生成", when="received")
def add(
    ev: Event,
    channel: Annotated[str | None, typer.Option("--channel", help="渠道：" + codes.choices(codes.CHANNELS))] = None,
    applicant: Annotated[str | None, typer.Option("--applicant", help="申请人姓名或名称")] = None,
    applicant_type: Annotated[
        str | None,
        typer.Option("--applicant-type", "--type", help="申请人类型：" + codes.choices(codes.APPLICANT_TYPES)),
    ] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="申请内容")] = None,
    department: DeptOpt = None,
    id_number: Annotated[
        str | None,
        typer.Option("--id-number", help="居民身份证号码或统一社会信用代码（校验 GB 11643 / GB 32100）"),
    ] = None,
    contact: Annotated[str | None, typer.Option("--contact", help="联系电话")] = None,
    arrival: Annotated[
        str | None,
        typer.Option(
            "--arrival",
            metavar="日期",
            help="到达日期（与收到确认日期不同时：平常信函、邮寄、互联网、传真、电子邮件）",
        ),
    ] = None,
    force_id: Annotated[
        str | None,
        typer.Option("--force-id", metavar="理由", help="证件号码校验位不符仍登记，写明理由（记入事件，审计日志可见）"),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="收到日期早于今天一年以上时不再询问")] = False,
) -> None:
    """登记一件政府信息公开申请；在终端上逐项询问缺少的项目（收到日期、渠道、申请人、类型、内容、承办处室），登记前确认。

    示例：
      govinfo request add --channel 当面 --applicant 张伟 --type 自然人 --subject 基金支出明细 --department 基金监管股
    """
    import dataclasses
    import unicodedata

    from govinfo_cli.cli import prompts
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.core.dates import parse_date, parse_date_arg
    from govinfo_cli.core.errors import ValidationError

    # questions only when a required value is missing (a full command line, pasted or
    # scripted, is never stopped by a question: --received defaults to today)
    asking = prompts.interactive() and not all((channel, applicant, applicant_type, subject))
    ev.day  # noqa: B018 - a bad --received is reported before anything is asked
    arrival_day = parse_date_arg(arrival, "--arrival")
    typed = {"channel": channel, "applicant": applicant, "applicant_type": applicant_type, "subject": subject}
    for name, value in typed.items():
        if value is not None and not value.strip():
            raise ValidationError(f"--{name.replace('_', '-')} 不能为空")
    if id_number:
        id_number = unicodedata.normalize("NFKC", id_number).strip()  # full-width digits
    asked = False
    if ev.when is None and asking:
        ev = dataclasses.replace(ev, when=prompts.ask("收到日期", default=ctx().today.isoformat(), check=parse_date))
        asked = True
    if not channel:
        channel = prompts.choose("渠道", codes.CHANNELS) if asking else _missing("渠道", "--channel")
        asked = True
    if not applicant:
        applicant = prompts.ask("申请人") if asking else _missing("申请人", "--applicant")
        asked = True
    if not applicant_type:
        applicant_type = (
            prompts.choose("申请人类型", codes.APPLICANT_TYPES) if asking else _missing("申请人类型", "--type")
        )
        asked = True
    if not subject:
        subject = prompts.ask("申请内容") if asking else _missing("申请内容", "--subject")
        asked = True
    if not department and asking:
        from govinfo_cli.app.listing import departments

        known = departments(ctx())
        department = prompts.choose("承办处室", known, free=True) if known else prompts.ask("承办处室")
        asked = True
    day = ev.day or ctx().today
    if (ctx().today - day).days > 365 and not yes:
        question = f"收到日期 {day} 早于今天一年以上"
        if not prompts.interactive():  # a script is not asked; it is told (--yes: not even that)
            from govinfo_cli.cli.render import warn

            warn(f"{question}，请核对（确认无误可加 --yes）")
        elif not typer.confirm(f"{question}，确认无误？", default=False):
            typer.echo("已取消，未写入任何内容。", err=True)
            raise typer.Exit(1)
    if asked:
        prompts.confirm_summary(
            "即将登记：",
            [
                ("收到日期", day.isoformat()),
                ("渠道", codes.label(codes.CHANNELS, codes.parse(codes.CHANNELS, channel) or channel)),
                ("申请人", applicant),
                (
                    "申请人类型",
                    codes.label(
                        codes.APPLICANT_TYPES, codes.parse(codes.APPLICANT_TYPES, applicant_type) or applicant_type
                    ),
                ),
                ("申请内容", subject),
                ("承办处室", department or "（未填）"),
            ],
        )
    ev.record(
        "received",
        {
            "channel": channel,
            "applicant": applicant,
            "applicant_type": applicant_type,
            "subject": subject,
            "department": department,
            "id_number": id_number,
            "contact": contact,
            "arrival_date": arrival_day and arrival_day.isoformat(),
            "id_unchecked": force_id,
        },
    )


LIST_HEADERS = {
    "case": "编号",
    "received": "收到日期",
    "applicant": "申请人",
    "applicant_type": "申请人类型",
    "subject": "申请内容",
    "department": "承办处室",
    "status": "状态",
    "outcome": "办理结果",
    "reply_due": "答复期限",
    "reply_state": "答复期限状态",
    "provisional": "暂定",
    "overdue": "逾期",
}
LIST_VALUES = {
    "applicant_type": codes.APPLICANT_TYPES,
    "status": codes.STATUSES,
    "outcome": codes.OUTCOMES,
    "reply_state": codes.DEADLINE_STATES,
}


@event()
def correct(
    ev: Event,
    items: Annotated[
        list[str] | None,
        typer.Option("--items", help="需要补正的事项，一项一个 --items（可重复；补正告知书逐项列明）"),
    ] = None,
    within: Annotated[int | None, typer.Option("--within", help="给予申请人的补正期限（工作日，默认 15）")] = None,
) -> None:
    """告知补正（条例第30条，收到申请7个工作日内一次性告知，说明需要补正的事项和补正期限）。

    需要补正的事项用 --items 逐项给出，补正告知书据此列明；未给出的，出具补正告知书时会拒绝。

    示例：govinfo request correct 昌医保依申〔2026〕61号 --items "所需信息的名称" --items "年度" --date 2026-11-20
    """
    ev.record(
        "correction_requested",
        {"within_wd": within, "items": items or None},
        options={"within_wd": "--within", "items": "--items"},
    )
    if not items:
        from govinfo_cli.cli import render

        render.warn("未给出需要补正的事项（--items）：补正告知书须逐项列明，出具前请用 govinfo amend 补记")


@event()
def corrected(
    ev: Event,
    accept_late: Annotated[
        str | None,
        typer.Option(
            "--accept-late",
            metavar="理由",
            help="补正期限已过、本机关仍接受此次补正的理由（将被记录；补正期限仍记逾期）",
        ),
    ] = None,
) -> None:
    """收到补正后的申请：答复期限自当日起重新计算。

    补正期限届满后才补正的，申请已视为放弃（条例第30条），须以 --accept-late 说明本机关仍接受的理由。

    示例：govinfo request corrected 昌医保依申〔2026〕60号 --date 2026-11-20
    """
    ev.record("correction_received", {"accept_late": accept_late})


@event()
def accept(ev: Event) -> None:
    """申请内容明确，无需补正：补正告知期限（7个工作日）即告完成，不再出现在每日待办中。

    示例：govinfo request accept 昌医保依申〔2026〕62号
    """
    ev.record("accepted", {})


@event("correction-lapsed")
def correction_lapsed(ev: Event) -> None:
    """申请人逾期不补正，视为放弃申请（办结：其他处理-逾期不补正）。

    示例：govinfo --today 2026-12-04 request correction-lapsed 昌医保依申〔2026〕60号
    """
    ev.record("replied", {"outcome": "other:no_correction", "reason": "申请人无正当理由逾期不补正，视为放弃申请"})


@event()
def extend(
    ev: Event,
    days: Annotated[int, typer.Option("--days", help="延长的工作日数（累计不超过 20）")],
    reason: Annotated[str, typer.Option("--reason", help="延期理由（经负责人同意并告知申请人）")],
) -> None:
    """延期答复（条例第33条：累计不超过20个工作日，须在答复期限届满前作出）。

    示例：govinfo request extend 昌医保依申〔2026〕58号 --days 10 --reason "需调取档案"
    """
    ev.record("extended", {"working_days": days, "reason": reason}, options={"working_days": "--days"})


@event()
def consult(
    ev: Event,
    party: Annotated[str, typer.Option("--party", help="征求对象：" + codes.choices(codes.PARTIES))],
    name: Annotated[str, typer.Option("--name", help="第三方或机关名称")],
    delivered: Annotated[
        str | None, typer.Option("--delivered", metavar="日期", help="对方收到征求意见书的日期（默认发出当日）")
    ] = None,
) -> None:
    """征求第三方（第32条）或其他机关（第34条）意见：所需时间不计入答复期限。

    示例：govinfo request consult 昌医保依申〔2026〕61号 --party 第三方 --name 某医药公司
    """
    ev.record("consultation_sent", {"party": party, "name": name, "delivered": delivered})


@event("consult-answered")
def consult_answered(
    ev: Event,
    party: Annotated[str, typer.Option("--party", help="征求对象：" + codes.choices(codes.PARTIES))],
    name: Annotated[
        str | None,
        typer.Option("--name", help="答复的第三方或机关名称（同类对象同时征求多家时必填）"),
    ] = None,
    opinion: Annotated[str | None, typer.Option("--opinion", help="意见：" + codes.choices(codes.OPINIONS))] = None,
) -> None:
    """收到征求意见的答复，该项征求意见的暂停结束（多家同时征求时各自计算）。

    示例：govinfo request consult-answered 昌医保依申〔2026〕57号 --party 第三方 --opinion 同意公开
    """
    ev.record("consultation_answered", {"party": party, "name": name, "opinion": opinion})


@event()
def fee(
    ev: Event,
    amount: Annotated[float | None, typer.Option("--amount", help="收费金额（元）；省略则按 109号 标准计算")] = None,
    pages: Annotated[int | None, typer.Option("--pages", help="按量计收：页数；省略则按件计收")] = None,
) -> None:
    """送达收费通知（国办函〔2020〕109号）：申请人收到通知次日起20个工作日内缴费。

    按 109号 标准计算（按件：该申请人当月第几件；按量：页数），计算过程记入事件，收费通知书据此写明。

    示例：govinfo request fee 昌医保依申〔2026〕62号 --pages 120
    """
    from govinfo_cli.cli import render
    from govinfo_cli.core.errors import Refusal

    assert ev.case is not None
    fields: dict[str, object] = {"amount": amount}
    if pages is not None:  # 按量: the pages give the amount (an --amount given is checked against it)
        fields |= {"scheme": "per_volume", "pages": pages}
    if amount is None:
        quote = _quote(ev.case, pages)
        render.note(quote["text"])
        if quote["amount"] == 0:
            raise Refusal("按 109号 标准本件不收费，无需送达收费通知")
        fields |= {"amount": quote["amount"], "scheme": quote["scheme"], "nth": quote.get("nth_in_month")}
    ev.record("fee_notice_received", fields, options={"amount": "--amount", "pages": "--pages"})
    if amount is not None and pages is None:
        render.warn("只给了金额（--amount）：收费通知书须写明 109号 的计算，出具前请用 govinfo amend 补记页数或件数")


def _quote(number: str, pages: int | None) -> dict[str, Any]:
    """The 109号 quote for the request stored as ``number`` (already resolved)."""
    from govinfo_cli.app import requests as req
    from govinfo_cli.cli.state import ctx

    return req.fee_quote(ctx(), number, pages)


@app.command("fee-quote")
def fee_quote(
    case: CaseArg,
    pages: Annotated[int | None, typer.Option("--pages", help="按量计收：页数；省略则按件计收")] = None,
    as_json: JsonOpt = False,
) -> None:
    """按 109号 标准测算收费：按件（该申请人当月第几件）或按量（页数），二者择一。

    示例：govinfo request fee-quote 昌医保依申〔2026〕62号 --pages 120
    """
    from govinfo_cli.app.numbers import resolve
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx

    q = _quote(resolve(ctx(), case, "request"), pages)
    if as_json:
        render.print_json(q)
    else:
        render.console().print(q["text"])


@event("fee-paid")
def fee_paid(
    ev: Event,
    accept_late: Annotated[
        str | None,
        typer.Option(
            "--accept-late",
            help="缴费期限已过、本机关仍同意继续办理的理由（将被记录；缴费期限仍记逾期）",
        ),
    ] = None,
) -> None:
    """申请人已缴费：答复期限恢复计算（通知至缴费期间不计入）。

    缴费期限届满后缴费的，申请已视为放弃，须以 --accept-late 说明本机关同意继续办理的理由。

    示例：govinfo request fee-paid 昌医保依申〔2026〕59号 --date 2026-11-20
    """
    ev.record("fee_paid", {"accept_late": accept_late})


@event("fee-lapsed")
def fee_lapsed(ev: Event) -> None:
    """申请人逾期未缴费，视为放弃申请（办结：其他处理-逾期未缴费）。

    示例：govinfo --today 2026-12-08 request fee-lapsed 昌医保依申〔2026〕59号
    """
    ev.record("replied", {"outcome": "other:fee_unpaid", "reason": "申请人逾期未按收费通知要求缴纳费用"})


@event()
def defer(
    ev: Event,
    until: Annotated[str, typer.Option("--until", metavar="日期", help="确定的延迟答复日期")],
    reason: Annotated[str, typer.Option("--reason", help="理由（申请数量、频次明显超过合理范围）")],
) -> None:
    """确定延迟答复的合理期限（条例第35条），取代原答复期限。

    示例：govinfo request defer 昌医保依申〔2026〕58号 --until 2026-12-31 --reason "申请数量明显超过合理范围"
    """
    ev.record("deferred", {"until": until, "reason": reason})


@event()
def reply(
    ev: Event,
    outcome: Annotated[str, typer.Option("--outcome", help="办理结果（代码或中文），如 disclosed / 予以公开")],
    reason: Annotated[str | None, typer.Option("--reason", help="理由（予以公开以外的结果必填）")] = None,
    provide: Annotated[
        str | None,
        typer.Option("--provide", help="予以公开、部分公开的提供方式：" + codes.choices(codes.PROVIDE_MODES)),
    ] = None,
    address: Annotated[
        str | None,
        typer.Option("--address", help="提供地址：电子邮箱、网址（电子邮件、网址必填），或纸质、光盘的邮寄地址"),
    ] = None,
    not_ours: Annotated[
        bool,
        typer.Option("--not-ours", help="本机关不掌握：不属于本机关负责公开（条例第36条第（五）项）"),
    ] = False,
    body: Annotated[
        str | None,
        typer.Option(
            "--body", help="负责公开该信息的机关名称及联系方式（条例第36条第（五）项；即表示不属于本机关负责公开）"
        ),
    ] = None,
) -> None:
    """作出答复并办结（当日收到当日答复即为当场答复）。逾期答复照实记录，期限显示为逾期。

    予以公开、部分公开的，用 --provide 写明提供方式（纸质、电子邮件、光盘、网址）及 --address；
    本机关不掌握的，经检索不存在为第36条第（四）项，不属于本机关负责公开的加 --not-ours 或 --body（第（五）项）。

    示例：govinfo request reply 昌医保依申〔2026〕56号 --outcome 予以公开 --provide 电子邮件 --address zw@example.com
    """
    fields: dict[str, Any] = {
        "outcome": outcome,
        "reason": reason,
        "provide": provide,
        "provide_at": address,
        "body": body,
    }
    if not_ours:
        fields["not_ours"] = True
    ev.record("replied", fields, options={"provide_at": "--address", "not_ours": "--not-ours"})


@event()
def withdraw(ev: Event, reason: Annotated[str | None, typer.Option("--reason", help="撤回说明")] = None) -> None:
    """申请人撤回申请（办结：其他处理-其他）。

    示例：govinfo request withdraw 昌医保依申〔2026〕55号
    """
    ev.record("withdrawn", {"reason": reason})


@event()
def transfer(ev: Event, department: DeptOpt = None) -> None:
    """转交承办处室（新疆暂行办法第二十八条：登记后2个工作日内）。

    示例：govinfo request transfer 昌医保依申〔2026〕62号 --department 待遇保障股
    """
    ev.record("transferred", {"department": department})


@event()
def decline(ev: Event, reason: Annotated[str, typer.Option("--reason", help="不应由本处室答复的理由")]) -> None:
    """承办处室反馈不应由本处室答复（新疆暂行办法第二十九条：收到办理通知后2个工作日内）；由办公室重新转交。

    示例：
      govinfo request transfer 昌医保依申〔2026〕62号 --department 待遇保障股
      govinfo request decline 昌医保依申〔2026〕62号 --reason "应由医药服务管理股答复"
    """
    ev.record("transfer_declined", {"reason": reason})


@event("extend-draft")
def extend_draft(
    ev: Event,
    days: Annotated[int, typer.Option("--days", help="延长的工作日数（累计不超过 20）")],
    reason: Annotated[str, typer.Option("--reason", help="正当原因（经办公室负责人同意并告知申请人）")],
) -> None:
    """延长拟办意见期限（新疆暂行办法第二十九条：经办公室负责人同意并告知申请人，累计不超过20个工作日）。

    示例：
      govinfo config set profile xinjiang
      govinfo request transfer 昌医保依申〔2026〕62号 --department 待遇保障股
      govinfo request extend-draft 昌医保依申〔2026〕62号 --days 10 --reason "需调取档案"
    """
    ev.record("draft_extended", {"working_days": days, "reason": reason}, options={"working_days": "--days"})


@event()
def draft(ev: Event) -> None:
    """承办处室提交初步答复意见（新疆暂行办法第二十九条：收到办理通知后12个工作日内）。

    示例：
      govinfo request transfer 昌医保依申〔2026〕62号 --department 待遇保障股
      govinfo request draft 昌医保依申〔2026〕62号
    """
    ev.record("draft_submitted", {})


@event()
def approve(ev: Event) -> None:
    """保密和合法性审查完毕、批准答复（此后2个工作日内答复）。

    示例：
      govinfo request transfer 昌医保依申〔2026〕62号 --department 待遇保障股
      govinfo request draft 昌医保依申〔2026〕62号
      govinfo request approve 昌医保依申〔2026〕62号
    """
    ev.record("approved", {})


@app.command("list")
@output_options()
def list_requests(
    output: Output,
    status: StatusOpt = None,
    department: DeptFilterOpt = None,
    applicant: Annotated[str | None, typer.Option("--applicant", help="申请人（包含）")] = None,
    received_from: Annotated[str | None, typer.Option("--from", metavar="日期", help="收到日期起")] = None,
    received_to: Annotated[str | None, typer.Option("--to", metavar="日期", help="收到日期止")] = None,
    outcome: Annotated[str | None, typer.Option("--outcome", help="办理结果（代码或中文）")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="只列答复已逾期的")] = False,
    reveal: RevealOpt = False,
) -> None:
    """列出申请（可按状态、处室、申请人、收到日期、结果、逾期筛选）。

    示例：govinfo request list --status 办理中 --department 基金监管股"""
    from govinfo_cli.app import requests as req
    from govinfo_cli.app import settings
    from govinfo_cli.cli import render
    from govinfo_cli.cli.output import emit
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.core.personal import mask_party

    c = ctx()
    rows = req.list_requests(
        c,
        status=status,
        department=department,
        applicant=applicant,
        received_from=received_from,
        received_to=received_to,
        outcome=outcome,
        overdue=overdue,
    )
    if reveal:
        settings.log_reveal(c, "request list", f"{len(rows)} rows")
    for r in rows:
        if not reveal:
            r["applicant"] = mask_party(r["applicant"], r["applicant_type"])
    keys = list(rows[0]) if rows else list(req.LIST_KEYS)

    def table() -> None:
        t = render.table(
            f"依申请公开（{len(rows)} 件）",
            "编号",
            "收到日期",
            "申请人",
            "类型",
            "申请内容",
            "承办处室",
            "答复期限",
            "状态",
            least={2: 8, 4: 16, 7: 12},
            drop=(3, 5, 1, 4),  # 类型, 承办处室, 收到日期, 申请内容 (the text in full: show, --wide)
        )
        for r in rows:
            style = render.STYLE["overdue"] if r["overdue"] else None
            state = codes.label(codes.OUTCOMES, r["outcome"]) if r["outcome"] else "办理中"
            t.add_row(
                r["case"],
                r["received"] or "",
                r["applicant"] or "",
                codes.label(codes.APPLICANT_TYPES, r["applicant_type"]),
                (r["subject"] or "") if render.wide() else render.shorten(r["subject"] or "", 48),
                r["department"] or "",
                r["reply_due"] or ("—" if r["outcome"] else "中止"),
                state,
                style=style,
            )  # 中止: suspended
        t.print()

    def cell(k: str, v: object) -> object:  # CSV, Markdown and Excel in Chinese; --json keeps codes
        table = LIST_VALUES.get(k)
        return table.get(v, v) if table is not None and isinstance(v, str) else v

    emit(
        output,
        data=rows,
        header=[LIST_HEADERS.get(k, k) for k in keys],
        rows=lambda: ([cell(k, r[k]) for k in keys] for r in rows),
        table=table,
        title=f"依申请公开（{len(rows)} 件）",
        what="依申请公开列表",
    )
