"""`govinfo correction …`: 更正申请 (条例第41条, docs/rules.md §11), a request to correct
government information about the applicant. Not a disclosure request: its own register,
never in section 三 of the annual report."""

from __future__ import annotations

from typing import Annotated

import typer

from govinfo_cli.cli.options import DeptOpt, RevealOpt, StatusOpt, group
from govinfo_cli.cli.output import Output, output_options
from govinfo_cli.cli.record import Event, event_commands
from govinfo_cli.core import codes

app = group(
    "更正申请（条例第41条）：申请人认为本机关提供的与其自身相关的政府信息记录不准确的，"
    "登记后在本机关期限内予以更正、转送有权机关或不予更正。"
)
event = event_commands(app, "record_correction")


@event(case="new", case_help="编号，如 更正〔2026〕1号；省略则自动生成", when="received")
def add(
    ev: Event,
    applicant: Annotated[str, typer.Option("--applicant", help="申请人姓名或名称")],
    applicant_type: Annotated[
        str, typer.Option("--applicant-type", "--type", help="申请人类型：" + codes.choices(codes.APPLICANT_TYPES))
    ],
    subject: Annotated[str, typer.Option("--subject", help="要求更正的信息及理由")],
    department: DeptOpt = None,
    id_number: Annotated[
        str | None, typer.Option("--id-number", help="居民身份证号码或统一社会信用代码（校验 GB 11643 / GB 32100）")
    ] = None,
    contact: Annotated[str | None, typer.Option("--contact", help="联系电话")] = None,
) -> None:
    """登记一件更正申请：本机关期限（默认20个工作日；规则配置 TOML 的 correction_reply_wd 可改）内处理。

    示例：govinfo correction add --applicant 王五 --type natural_person --subject "参保缴费记录2024年3月有误"
    """
    ev.record(
        "received",
        {
            "applicant": applicant,
            "applicant_type": applicant_type,
            "subject": subject,
            "department": department,
            "id_number": id_number,
            "contact": contact,
        },
    )


@event()
def done(ev: Event, note: Annotated[str | None, typer.Option("--note", help="更正情况说明")] = None) -> None:
    """予以更正并告知申请人（办结）。

    示例：
      govinfo correction add --applicant 王五 --type 自然人 --subject "参保缴费记录2024年3月有误"
      govinfo correction done 更正〔2026〕1号 --note "已更正缴费记录并书面告知"
    """
    ev.record("corrected", {"note": note})


@event()
def transfer(ev: Event, to: Annotated[str, typer.Option("--to", help="有权更正的机关")]) -> None:
    """本机关无权更正的，转送有权更正的行政机关处理并告知申请人（办结）。

    示例：
      govinfo correction add --applicant 王五 --type 自然人 --subject "参保缴费记录2024年3月有误"
      govinfo correction transfer 更正〔2026〕1号 --to 某市人力资源和社会保障局
    """
    ev.record("transferred", {"to": to})


@event()
def refuse(ev: Event, reason: Annotated[str, typer.Option("--reason", help="不予更正的理由")]) -> None:
    """不予更正，说明理由（办结）。

    示例：
      govinfo correction add --applicant 王五 --type 自然人 --subject "参保缴费记录2024年3月有误"
      govinfo correction refuse 更正〔2026〕1号 --reason "经核对原始记录无误"
      govinfo letter 更正〔2026〕1号 refuse --out 不予更正告知书.docx
    """
    ev.record("refused", {"reason": reason})


@app.command("list")
@output_options()
def list_(output: Output, status: StatusOpt = None, reveal: RevealOpt = False) -> None:
    """列出更正申请。

    示例：govinfo correction list --status 办理中"""
    from govinfo_cli.cli.listing import show_cases

    show_cases("record_correction", status=status, reveal=reveal, output=output)
