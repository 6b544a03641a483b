"""The annual report on screen: plain aligned text that fits the terminal (``render.grid``),
from the rows ``formats/report_format.py`` gives every output kind."""

from __future__ import annotations

import sys

from govinfo_cli.cli import render
from govinfo_cli.core import codes
from govinfo_cli.core.report import AnnualReport
from govinfo_cli.formats.report_format import (
    CHECK_TEXT,
    COLUMN_LABELS,
    RESULT_LABELS,
    S2_HEAD,
    SHORT_RESULT_LABELS,
    check_lines,
    header_lines,
    money,
    section2_rows,
    section3_form_rows,
    section3_rows,
    section3_short_heads,
    section4_form_rows,
    title,
)


def table(report: AnnualReport, header: dict[str, str], locked: bool) -> None:
    """The screen view: plain aligned text that fits the terminal (``render.grid``); where
    the form's wide tables would not fit, section 二 is its four small tables, section 三
    has abbreviated column heads (explained in one line) and the form's nested row labels;
    section 四 keeps the form's orientation at every width (results across; 行政复议, then
    行政诉讼 over its two routes), its result heads abbreviated when narrow. Numbers are never cut."""
    w = sys.stdout.write
    colour = render.use_colour()
    width = render.terminal_width()

    def say(text: str, style: str | None = None) -> None:
        for line in render.wrap(text, width):
            w(render.paint(line, style, colour) + "\n")

    say(title(report, header) + ("（已锁定）" if locked else ""), render.STYLE["title"])
    for line in header_lines(header)[1:]:
        say(line)
    w("\n")
    rows = section2_rows(report)
    if render.fits(S2_HEAD, rows):
        render.grid("二、主动公开政府信息情况", S2_HEAD, rows, [None] * len(rows), right=range(2, 7))
    else:  # the form's four small tables
        w(render.paint("二、主动公开政府信息情况", render.STYLE["title"], colour) + "\n")
        s2 = report.section2
        small = [
            (
                "第二十条第（一）项",
                S2_HEAD[2:5],
                [
                    [label, str(s2[k]["issued"]), str(s2[k]["repealed"]), str(s2[k]["in_force"])]
                    for k, label in codes.DOCUMENT_CATEGORIES.items()
                ],
            ),
            ("第二十条第（五）项", S2_HEAD[5:6], [[codes.DECISIONS["licensing"], str(s2["licensing"])]]),
            (
                "第二十条第（六）项",
                S2_HEAD[5:6],
                [[codes.DECISIONS[k], str(s2[k])] for k in ("penalty", "compulsion")],
            ),
            ("第二十条第（八）项", S2_HEAD[6:7], [["行政事业性收费", money(s2["fees_wan_yuan"])]]),
        ]
        for clause, heads, block in small:
            render.grid(clause, ["信息内容", *heads], block, [None] * len(block), right=range(1, 4), shrink=[0])
    emphasis = ("new", "carried_in", "handled_total", "carried_out")
    s3_title = "三、收到和处理政府信息公开申请情况"
    rows = section3_rows(report)
    if render.fits(["申请人情况", *COLUMN_LABELS], rows):
        styles = [render.STYLE["emphasis"] if key in emphasis else None for key, _ in codes.REPORT_ROWS]
        render.grid(s3_title, ["申请人情况", *COLUMN_LABELS], rows, styles, right=range(1, 8))
    else:
        heads, legend = section3_short_heads()
        rows, keys = section3_form_rows(report)
        styles = [render.STYLE["emphasis"] if key in emphasis else None for key in keys]
        render.grid(s3_title, ["申请人情况", *heads], rows, styles, right=range(1, 8), shrink=[0])
        say(legend)
    say(CHECK_TEXT)
    for line in check_lines(report):
        say(line, render.STYLE["ok"] if not report.failed else render.STYLE["error"])
    w("\n")
    s4_title = "四、政府信息公开行政复议、行政诉讼情况"
    rows = section4_form_rows(report)
    if render.fits(["类别", *RESULT_LABELS], rows):
        render.grid(s4_title, ["类别", *RESULT_LABELS], rows, [None] * len(rows), right=range(1, 6))
    else:  # the same rows, the result heads abbreviated (explained in one line)
        render.grid(s4_title, ["类别", *SHORT_RESULT_LABELS], rows, [None] * len(rows), right=range(1, 6))
        say(
            "列名简称："
            + " ".join(f"{s}={f}" for s, f in zip(SHORT_RESULT_LABELS, RESULT_LABELS, strict=True) if s != f)
        )
    for n in report.notes:
        say(f"注：{n}", render.STYLE["warn"])
