"""`govinfo opinion …`: 舆情回应 (seed 000): hours, not days."""

from __future__ import annotations

from typing import Annotated

import typer

from govinfo_cli.cli.options import JsonOpt, UnlockOpt, group
from govinfo_cli.cli.record import CaseArg, record

app = group("舆情回应：重大舆情1小时内首次发布、24小时内召开发布会；一般舆情48小时内回应。")

AtOpt = Annotated[str, typer.Option("--at", help="时间 YYYY-MM-DD HH:MM")]


def _day(at: str):  # noqa: ANN202
    from govinfo_cli.core.dates import parse_datetime
    from govinfo_cli.core.errors import ValidationError

    try:
        return parse_datetime(at).date()
    except ValueError as exc:
        raise ValidationError(f"--at: {exc}") from None


@app.command()
def detect(
    at: AtOpt,
    summary: Annotated[str, typer.Option("--summary", help="舆情摘要")],
    major: Annotated[bool, typer.Option("--major", help="特别重大、重大舆情")] = False,
    department: Annotated[str | None, typer.Option("--department", help="承办处室")] = None,
    case: Annotated[str | None, typer.Option("--case", help="编号；省略则自动生成")] = None,
    unlock_reason: UnlockOpt = None,
) -> None:
    """登记发现的舆情，按小时计算回应期限。"""
    record(
        "opinion",
        case,
        "opinion_detected",
        _day(at),
        {"at": at, "major": major, "summary": summary, "department": department},
        unlock_reason=unlock_reason,
    )


@app.command()
def released(case: CaseArg, at: AtOpt, unlock_reason: UnlockOpt = None) -> None:
    """已首次发布权威信息。"""
    record("opinion", case, "opinion_released", _day(at), {"at": at}, unlock_reason=unlock_reason)


@app.command()
def press(case: CaseArg, at: AtOpt, unlock_reason: UnlockOpt = None) -> None:
    """已召开新闻发布会。"""
    record("opinion", case, "press_conference_held", _day(at), {"at": at}, unlock_reason=unlock_reason)


@app.command()
def responded(case: CaseArg, at: AtOpt, unlock_reason: UnlockOpt = None) -> None:
    """已作出回应。"""
    record("opinion", case, "opinion_responded", _day(at), {"at": at}, unlock_reason=unlock_reason)


@app.command("list")
def list_(as_json: JsonOpt = False) -> None:
    """列出舆情。"""
    from govinfo_cli.cli.listing import show_cases

    show_cases("opinion", status=None, reveal=False, as_json=as_json)
