"""Listing cases of the kinds other than requests (one formatter for all of them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govinfo_cli.core import codes

if TYPE_CHECKING:
    from govinfo_cli.cli.output import Output


def show_cases(kind: str, *, status: str | None, reveal: bool, output: Output) -> None:
    from govinfo_cli.app import listing, settings
    from govinfo_cli.cli import render
    from govinfo_cli.cli.output import emit
    from govinfo_cli.cli.state import ctx

    c = ctx()
    rows = listing.list_cases(c, kind, status=status, reveal=reveal)
    if reveal:
        settings.log_reveal(c, f"{kind} list", f"{len(rows)} rows")
    headers = ["编号", "日期", "对象/标题", "摘要/类别", "承办处室", "状态", "下一期限"]
    if reveal and kind == "complaint":
        headers.append("投诉举报人")
    title = f"{codes.KINDS[kind]}（{len(rows)} 件）"
    cells = []
    for r in rows:
        state = codes.label(codes.STATUSES, r["status"])
        if r["outcome"]:
            state = codes.label(codes.CASE_OUTCOMES, r["outcome"])
        nxt = f"{codes.deadline_label(r['next_deadline'])} {r['next_due']}" if r["next_due"] else ""
        row = [r["case"], r["opened"] or "", r["party"] or "", r["subject"] or "", r["department"] or "", state, nxt]
        if reveal and kind == "complaint":
            row.append(r.get("reporter") or "")
        cells.append((row, render.STYLE["overdue"] if r["overdue"] else None))

    def table() -> None:
        # the next deadline wraps (its date whole); when narrow, 承办处室, 日期, 摘要/类别 (and
        # 投诉举报人) go first, then 对象/标题
        extra = [7] if len(headers) > 7 else []
        t = render.table(title, *headers, wrap=(6,), least={2: 10, 3: 12, 5: 8, 6: 14}, drop=(4, 1, 3, *extra, 2))
        for row, style in cells:
            t.add_row(*row, style=style)
        t.print()

    keys = list(rows[0]) if rows else []
    emit(
        output,
        data=rows,
        header=keys,
        rows=lambda: ([r[k] for k in keys] for r in rows),
        table=table,
        title=title,
        what=f"{codes.KINDS[kind]}列表",
    )
