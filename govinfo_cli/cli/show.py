"""`govinfo show CASE`: one case, its deadlines and its timeline."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer

from govinfo_cli.cli.helpframe import App
from govinfo_cli.cli.options import JsonOpt, KindOpt, RevealOpt
from govinfo_cli.cli.output import WideOpt
from govinfo_cli.core import codes
from govinfo_cli.core.letters import LETTERS

if TYPE_CHECKING:
    from govinfo_cli.app.case_view import CaseView

app = App()


@app.command(name="show")
def show(
    case: Annotated[str, typer.Argument(metavar="编号", help="案件编号，如 昌医保依申〔2026〕12号")],
    kind: KindOpt = None,
    explain: Annotated[bool, typer.Option("--explain", help="逐项说明期限如何计算")] = False,
    audit: Annotated[bool, typer.Option("--audit", help="列出每个事件的经办人和录入时间")] = False,
    reveal: RevealOpt = False,
    wide: WideOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """查看一个案件：当事人、状态、各项期限（剩余工作日）、事件时间线。

    示例：govinfo show 昌医保依申〔2026〕52号 --explain
    """
    from govinfo_cli.app import case_view, settings
    from govinfo_cli.cli.state import ctx

    c = ctx()
    v = case_view.open_case(c, case, kind)  # also a yearly duty `due` lists before it is stored
    if reveal:
        settings.log_reveal(c, v.number, "show")
    data = v.to_json(c.today, reveal=reveal, explain=explain, audit=audit)
    if v.kind == "request":
        data["appeals"] = [
            {
                "case": r.number,
                "type": r.party_type,
                "status": r.status,
                "outcome": r.outcome,
                "label": r.party,
                "received": r.opened.isoformat() if r.opened else None,
            }
            for r in case_view.linked_appeals(c, v.number)
        ]
    if v.kind == "disclosure" and data["facts"].get("catalogue_item"):
        from govinfo_cli.app.catalogue import linked

        data["catalogue"] = linked(c, int(data["facts"]["catalogue_item"]))
    if v.kind in ("request", "complaint", "record_correction"):  # the letters sent (govinfo letter)
        from govinfo_cli.app.letters import sent

        data["letters"] = sent(v.events)
    if audit:
        data["audit"] = case_view.audit_entries(c, v.number)
    if as_json:
        from govinfo_cli.cli.render import print_json

        print_json(data)
        return
    from govinfo_cli.cli.render import wide_tables

    with wide_tables(wide):
        render_case(data, v, explain=explain, audit=audit, now=c.clock)


FACT_LABELS = {
    "applicant": "申请人",
    "applicant_type": "申请人类型",
    "channel": "渠道",
    "subject": "申请内容",
    "id_number": "证件号码",
    "contact": "联系方式",
    "department": "承办处室",
    "arrival_date": "到达日期",
    "respondent": "被投诉举报对象",
    "summary": "摘要",
    "reporter": "投诉举报人",
    "mode": "处理方式",
    "request": "涉及申请",
    "simplified": "简易程序",
    "route": "起诉方式",
    "title": "标题",
    "category": "类别",
    "attribute": "公开属性",
    "decision": "决定类型",
    "major": "重大舆情",
    "at": "时间",
    "result": "结果",
    "outcome": "办理结果",
    "reason": "理由",
    "working_days": "延长工作日",
    "party": "征求对象",
    "name": "名称",
    "opinion": "意见",
    "amount": "金额（元）",
    "until": "延迟至",
    "within_wd": "补正期限（工作日）",
    "delivered": "送达日期",
    "id_unchecked": "证件号码未校验",
    "unlock_reason": "锁定年度补录理由",
    "days": "延长日数",
    "historic": "历史记录",
    "duty": "年度义务",
    "year": "年度",
    "repealed": "废止",
    "catalogue_item": "公开目录事项",
    "letter": "文书",
    "number": "文号",
    "source": "所涉事件",
    "to": "对象",
    "accept_late": "逾期仍受理的理由",
    "entered_late": "补录理由",
    "note": "说明",
    "refuse_reason": "不予更正理由",
    "date": "日期",
    "amends": "更正事件",
    "fields": "改为",
    "items": "补正事项",
    "scheme": "计费方式",
    "nth": "当月第几件",
    "pages": "页数",
    "provide": "提供方式",
    "provide_at": "提供地址",
    "not_ours": "不属于本机关负责公开",
    "body": "负责公开的机关",
}
FACT_TABLES = {
    "applicant_type": codes.APPLICANT_TYPES,
    "channel": codes.CHANNELS,
    "mode": codes.COMPLAINT_MODES,
    "route": codes.LAWSUIT_ROUTES,
    "attribute": codes.ATTRIBUTES,
    "decision": codes.DECISIONS,
    "outcome": codes.OUTCOMES,
    "party": codes.PARTIES,
    "opinion": codes.OPINIONS,
    "result": codes.APPEAL_RESULTS,
    "duty": codes.DUTIES,
    "reason": codes.COMPLAINT_REJECT_REASONS,
    "letter": {code: title for code, (title, _, _) in LETTERS.items()},
    "scheme": codes.FEE_SCHEMES,
    "provide": codes.PROVIDE_MODES,
}


def _value(key: str, value: object) -> str:
    if key == "fields" and isinstance(value, dict):  # an amendment's new values
        parts = (f"{FACT_LABELS.get(k, k)} {'（删去）' if x is None else _value(k, x)}" for k, x in value.items())
        return "，".join(parts)
    if key == "amends":
        return f"#{value}"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):  # several items (a correction notice's)
        return "；".join(str(x) for x in value)
    if key in FACT_TABLES and isinstance(value, str):
        return codes.label(FACT_TABLES[key], value)
    return str(value)


def _panel(title: str, lines: list[str]) -> None:
    """The case's facts in a box, each wrapped at the terminal's width (``render.wrap``: a
    date or number never split) and shown as typed (no markup)."""
    from rich.panel import Panel
    from rich.text import Text

    from govinfo_cli.cli import render

    con = render.console()
    inner = (render.terminal_width() or con.width) - 4  # the border and a space each side
    body = [x for line in lines for x in render.wrap(line, inner, "  ", fill=True)]
    con.print(Panel(Text("\n".join(body) or "—"), title=Text(title), title_align="left"))


def render_case(data: dict[str, Any], v: CaseView, *, explain: bool, audit: bool, now: dt.datetime) -> None:
    from govinfo_cli.cli import render

    say = render.say
    status = codes.label(codes.STATUSES, data["status"])
    outcome = data["outcome"]
    if outcome:
        table = codes.OUTCOMES if v.kind == "request" else codes.CASE_OUTCOMES
        status += f" · {codes.label(table, outcome)}"
    lines = []
    for key, value in data["facts"].items():
        if key not in FACT_LABELS or value in (None, ""):
            continue
        lines.append(f"{FACT_LABELS[key]}：{_value(key, value)}")
    _panel(f"{data['case']}  {codes.label(codes.KINDS, v.kind)}  [{status}]", lines)
    # at 60 columns: the deadline, its date, state and days left; the code and the basis
    # (both in --explain) go first
    columns = ["期限", "代码", "到期日", "状态", "剩余", "依据"]
    t = render.table("期限", *columns, fixed=(1, 2, 3, 4), wrap=(0, 5), drop=(1, 5))
    rows = [(code, x) for code, d in data["deadlines"].items() for x in d.get("parties") or (d,)]
    for code, d in rows:  # a consultation: one row per party, with its name (docs/rules.md §10)
        state = d["state"]
        style = {
            "missed": render.STYLE["missed"],
            "met": render.STYLE["met"],
            "lapsed": render.STYLE["lapsed"],
            "suspended": render.STYLE["suspended"],
        }.get(state)
        due_at = dt.datetime.fromisoformat(d["due_at"]) if d.get("due_at") else None
        left = v.left(code, now) if state == "pending" else None
        remaining = ""
        due_on = v.state.deadlines[code].due
        if left is not None and due_on is not None:  # v.left is None for a deadline without a date
            remaining = render.remaining_text(left, due_on, due_at, now)
            if left.state == "overdue":
                style = render.STYLE["overdue"]
        due = d["due"] + (render.PROVISIONAL_MARK if d["provisional"] else "") if d["due"] else "中止计算"
        if due_at is not None:
            due += f" {due_at:%H:%M}"
        t.add_row(
            codes.deadline_label(code) + (f"（{d['name']}）" if d.get("name") else ""),
            code,
            due,
            codes.label(codes.DEADLINE_STATES, state),
            remaining,
            d["basis"],
            style=style,
        )
    t.print()
    if data.get("stored") is False:
        say("年度义务：尚未记录任何事件（每日待办按日历列出）；完成后用 govinfo disclosure duty-done 记录")
    _log_marks(data, v.kind)
    if any(d["provisional"] for d in data["deadlines"].values()):
        render.warn(f"标 {render.PROVISIONAL_MARK} 的日期依赖尚未确认年度的节假日安排（govinfo calendar status）")
    if data.get("catalogue"):
        for line in _catalogue_text(data["catalogue"]).splitlines():
            say(line, indent="    ")
    if explain:
        for code, d in data["deadlines"].items():
            heading, *rest = _explain_text(code, d["explain"]).splitlines()
            say(heading, render.STYLE["title"], indent="  ")
            for line in rest:
                say(line, indent=" " * (len(line) - len(line.lstrip()) + 2))
    # the contents wrap over several lines; the operator and the recording time go first
    columns = ["#", "日期", "事件", "内容", "经办人", *(["录入时间"] if audit else [])]
    t = render.table("事件", *columns, wrap=(2, 3), drop=(4, 5) if audit else (4,))
    labels = codes.EVENT_TYPES.get(v.kind, {})
    for e in sorted(data["events"], key=lambda e: e["date"]):  # by date, as the law counts (§14)
        extra = {k: x for k, x in e.items() if k not in ("seq", "type", "date", "operator", "recorded_at")}
        detail = "；".join(f"{FACT_LABELS.get(k, k)}：{_value(k, x)}" for k, x in extra.items())
        label = labels.get(e["type"], e["type"]) + ("（补录）" if e.get("entered_late") else "")
        row = [str(e["seq"]), e["date"], label, detail, e["operator"]]
        if audit:
            row.append(render.local_time(e.get("recorded_at")))
        t.add_row(*row)
    t.print()
    if audit:
        actions = {"reveal": "查看个人信息（--reveal）"}
        if data.get("audit"):
            say("审计记录：")
        for a in data.get("audit", []):
            say(
                f"  {render.local_time(a['at'])}  {a['operator']}  {actions.get(a['action'], a['action'])}"
                + (f"（{a['detail']}）" if a["detail"] else ""),
                indent="    ",
            )
    if data.get("letters"):
        say(
            "已出具文书：" + "；".join(f"{x['number']}（{x['title']}，{x['date']}）" for x in data["letters"]),
            indent="  ",
        )
    if data.get("appeals"):
        say(
            "复议诉讼："
            + "；".join(
                f"{a['case']}（{a['label']}，{a['received']} 收到副本，"
                + (
                    codes.label(codes.APPEAL_RESULTS, a["outcome"])
                    if a["status"] == "closed"
                    else codes.label(codes.STATUSES, a["status"])
                )
                + "）"
                for a in data["appeals"]
            ),
            indent="  ",
        )


def _log_marks(data: dict[str, Any], kind: str) -> None:
    """docs/rules.md §12: a voided case and every amendment, with who, when and why; an amendment
    made after one of the case's deadlines had passed is a warning (it cannot hide a breach)."""
    from govinfo_cli.cli import render

    def say(text: str, style: str | None = None) -> None:
        render.say(text, style, indent="  ")

    v = data.get("voided")
    if v:
        late = "、".join(codes.deadline_label(c) for c in v.get("passed") or ())
        say(
            ("期限届满后作废：" if late else "已作废：")
            + f"本案已于 {v['date']} 由 {v['operator']} 作废：{v['reason']}"
            + (f"（作废时已逾期：{late}）" if late else "")
            + "（不计入每日待办、列表、登记簿和年度报告；记录保留）",
            render.STYLE["overdue" if late else "warn"],
        )
    labels = codes.EVENT_TYPES.get(kind, {})
    for x in data.get("late_entries", []):  # docs/rules.md §14: 补录, and what it cleared
        text = (
            f"补录：#{x['seq']} {x['date']} {labels.get(x['type'], x['type'])}，录入时本案已记录至 {x['latest']}；"
            f"{x['operator']}，理由：{x['reason']}"
            + (f"，录入于 {render.local_time(x['recorded_at'])}" if x.get("recorded_at") else "")
        )
        if x["marked"]:
            cleared = "、".join(codes.deadline_label(c) for c in x["cleared"])
            say(f"{text}（补录后原已逾期的{cleared}不再逾期）", render.STYLE["overdue"])
        else:
            say(text)
    lc = data.get("late_confirmation")
    if lc:
        say(
            f"平常信函迟延确认：{lc['arrival']} 到达，{lc['received']} 才确认，答复期限因此推后 "
            f"{lc['working_days']} 个工作日（条例第31条第（二）项）",
            render.STYLE["warn"],
        )
    events = {e["seq"]: e for e in data["events"]}
    for a in data.get("amendments", []):
        old = events.get(a["amends"], {})
        changes = "，".join(
            f"{FACT_LABELS.get(k, k)} {_value(k, old[k]) if old.get(k) is not None else '（空）'}"
            f" → {_value(k, x) if x is not None else '（删去）'}"
            for k, x in a["fields"].items()
        )
        text = (
            f"#{a['seq']} 更正了 #{a['amends']}（{labels.get(a['type'], a['type'])}）：{changes}；"
            f"{a['date']} {a['operator']}，理由：{a['reason']}"
        )
        if a["marked"]:
            passed = "、".join(codes.deadline_label(c) for c in a["passed"])
            moved = "；".join(
                f"{codes.deadline_label(c['deadline'])} {c['due_before'] or '—'} → {c['due_after'] or '—'}"
                for c in a["changed"]
                if c["due_before"] != c["due_after"] or c["state_before"] != c["state_after"]
            )
            say(
                f"期限届满后更正：{text}（更正时已届满：{passed}" + (f"；{moved}" if moved else "") + "）",
                render.STYLE["overdue"],
            )
        else:
            say(f"更正：{text}")


def _catalogue_text(x: dict[str, Any]) -> str:
    if not x["found"]:
        return f"公开目录：第 {x['item']} 项（当前目录中已没有此项）"
    return (
        f"公开目录：第 {x['item']} 项 {x['heading']}\n"
        f"  目录公开时限：{x['time_limit']}\n"
        f"  法定期限：{x['rule']['label']}"
    )


def _explain_text(code: str, x: dict[str, Any]) -> str:
    unit = {"wd": "个工作日", "days": "日（自然日，末日遇节假日顺延）", "hours": "小时", "fixed": ""}[x["unit"]]
    lines = [f"{codes.deadline_label(code)}（{code}）：{x['rule']}"]
    if x["start"] and x["unit"] != "fixed":  # a fixed date (延迟答复) is explained by its note
        amount = f"{x['amount']}{unit}"
        lines.append(
            f"  起算日 {x['start']}（当日不计入）  计 {amount}"
            + (f" + 延长 {x['extension']} " if x["extension"] else "")
        )
    for p in x["pauses"]:
        days = f"{p['working_days']} 个工作日" if p["working_days"] else "0 个工作日（与前一期间重叠）"
        lines.append(f"  扣除 {p['after']} 之后至 {p['through']}（含）的 {days}：{p['reason']}")
    if len(x["pauses"]) > 1:
        lines.append(f"  合计扣除 {sum(p['working_days'] for p in x['pauses'])} 个工作日（重叠期间只扣除一次）")
    if x["skipped"]:
        lines.append("  跳过的节假日/调休日：" + "、".join(x["skipped"]))
    if x["made_up"]:
        lines.append("  计入的调休上班日：" + "、".join(x["made_up"]))
    groups: dict[tuple[str, str, bool, str, bool], list[str]] = {}  # docs/rules.md §13: the days the layers changed
    for r in x.get("regional", []):
        key = (r["layer_title"], r["festival"], r["working_day"], r["notice"], r["confirmed"])
        groups.setdefault(key, []).append(r["date"])
    for (title, festival, working, notice, confirmed), dates in groups.items():
        what = "调休上班，计入" if working else "放假，跳过"
        lines.append(f"  {title}{festival}（{what}）：" + "、".join(dates))
        source = f"《{notice}》" if notice else "通知原文未核实"
        lines.append(f"    依据{source}" + ("" if confirmed else "；该年度尚未确认，期限暂定"))
    if x["rolled_from"]:
        lines.append(f"  期末 {x['rolled_from']} 为休息日，顺延至下一个工作日（民法典第203条）")
    for n in x["notes"]:
        lines.append(f"  {n}")
    if x["years"]:
        lines.append("  依据年度日历：" + "、".join(str(y) for y in x["years"]))
    return "\n".join(lines)
