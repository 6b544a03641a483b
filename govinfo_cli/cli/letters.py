"""`govinfo letter …`: the letters a case's events call for, as Word documents or Markdown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from govinfo_cli.cli.helpframe import App
from govinfo_cli.cli.options import KindOpt, RevealOpt
from govinfo_cli.cli.output import Output, output_options

app = App()

HELP = """出具文书：登记回执、补正告知书、延期答复告知书、征求意见书、收费通知书、延迟答复告知书、
办理通知、答复书；投诉举报的受理、转办、延期、不予受理、办理结果告知书。

更正申请（条例第41条）的登记回执、更正告知书、转送告知书、不予更正告知书。

日期全部来自期限计算（与 show --json 相同），条款引自同一规则表；首次出具时按
letters.number.<类型> 的格式编文号并记入案件事件记录（出具文书），再次打印沿用原文号。

\b
文书类型：
  依申请公开  receipt 登记回执 / correction 补正告知书 / extension 延期答复告知书 /
              consultation 征求意见书（每个征求对象一份，--to 指定）/ fee 收费通知书 /
              deferral 延迟答复告知书 / transfer 办理通知（转承办处室）/ reply 答复书
  投诉举报    acceptance 受理告知书 / transfer 转办告知书 / extension 延期办理告知书 /
              rejection 不予受理告知书 / result 办理结果告知书
  更正申请    receipt 登记回执 / done 更正告知书（已更正） / transfer 转送告知书（写明有权机关）/
              refuse 不予更正告知书（附理由和救济途径）

\b
示例：
  govinfo letter 昌医保依申〔2026〕7号 --list
  govinfo letter 昌医保依申〔2026〕7号 reply --out 答复书.docx
  govinfo letter 昌医保依申〔2026〕7号 consultation --to 昌宁县康源医药有限公司 --format md
  govinfo letter 昌医保依申〔2026〕52号 extension --preview
  govinfo letter templates export 文书模板
  # 用 WPS/Word 修改 文书模板 中的模板后：
  govinfo config set letters.templates 文书模板
"""


# --format: md or docx for a letter (default: docx when --out ends with .docx, else md);
# table, json, csv or md for --list (default: table).
FORMATS = ("table", "json", "csv", "md", "docx")


@app.command(name="letter", help=HELP)
@output_options(
    FORMATS,
    default="auto",
    formats_help="文书：md（Markdown）/ docx（Word，须 --out；--out 以 .docx 结尾时即为 docx）；"
    "--list 的清单：table（表格）/ json / csv / md",
    flags_note="（仅用于 --list 的清单）",
)
def letter(
    output: Output,
    case: Annotated[str, typer.Argument(metavar="编号", help="案件编号；或 templates（模板管理）", show_default=False)],
    type_: Annotated[
        str | None,
        typer.Argument(metavar="类型", help="文书类型（见上）；templates 之后为 export", show_default=False),
    ] = None,
    target: Annotated[
        str | None, typer.Argument(metavar="目录", help="templates export 的目标目录", show_default=False)
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="列出该案件事件所需的文书及已出具的文号")] = False,
    to: Annotated[str | None, typer.Option("--to", help="征求意见对象名称（一案多方征求意见时）")] = None,
    event: Annotated[int | None, typer.Option("--event", help="按事件序号 # 指定（如两次延期中的一次）")] = None,
    preview: Annotated[bool, typer.Option("--preview", help="预览：不编文号、不记录")] = False,
    force: Annotated[bool, typer.Option("--force", help="templates export：覆盖目录中已有的模板")] = False,
    kind: KindOpt = None,
    reveal: RevealOpt = False,
) -> None:
    from govinfo_cli.core.errors import UsageError

    if case == "templates":
        if type_ != "export" or not target:
            raise UsageError("用法：govinfo letter templates export DIR")
        _export(Path(target), force)
        return
    if target is not None:
        raise UsageError(f"多余的参数 {target!r}")
    if list_ or type_ is None:
        if type_ is not None:
            raise UsageError("--list 不能与文书类型同用")
        if output.format == "docx":
            raise UsageError("--list 可选格式：table / json / csv / md")
        _list(case, kind, replace(output, format="table") if output.format == "auto" else output)
        return
    fmt = output.format
    if fmt == "auto":
        fmt = "docx" if output.out is not None and output.out.suffix.lower() == ".docx" else "md"
    if fmt not in ("md", "docx"):
        raise UsageError("文书可选格式：md / docx")
    _issue(case, type_, replace(output, format=fmt), kind=kind, to=to, event=event, preview=preview, reveal=reveal)


def _export(dest: Path, force: bool) -> None:
    from govinfo_cli.app.letters import export_templates
    from govinfo_cli.cli.render import note

    paths = export_templates(dest, force=force)
    note(f"已导出 {len(paths)} 个模板到 {dest}；用 WPS/Word 修改后运行：govinfo config set letters.templates {dest}")


def _list(case: str, kind: str | None, output: Output) -> None:
    from govinfo_cli.app.letters import listing
    from govinfo_cli.app.numbers import resolve
    from govinfo_cli.cli import render
    from govinfo_cli.cli.output import emit
    from govinfo_cli.cli.state import ctx

    number, _kind, rows = listing(ctx(), resolve(ctx(), case, kind), kind)  # 依申【2026】1号, 1号 … as `show`
    header = ["类型", "文书", "事件", "日期", "对象", "文号"]
    cells = [[r["type"], r["title"], f"#{r['event']}", r["date"], r["to"], r["number"] or "未出具"] for r in rows]

    def screen() -> None:
        if not rows:
            render.note(f"{number} 的事件暂不需要出具文书")
            return
        render.grid(f"{number} 的文书", header, cells, [None] * len(rows))

    emit(
        output,
        data={"case": number, "letters": rows},
        header=header,
        rows=lambda: cells,
        table=screen,
        title=f"{number} 的文书",
        what="文书清单",
    )


def _issue(
    case: str,
    type_: str,
    output: Output,
    *,
    kind: str | None,
    to: str | None,
    event: int | None,
    preview: bool,
    reveal: bool,
) -> None:
    from govinfo_cli.app.letters import Letter, issue
    from govinfo_cli.cli.render import note
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.core.errors import UsageError, ValidationError

    out = output.out
    if output.format == "docx" and out is None:
        raise UsageError("docx 格式须用 --out 指定文件")
    if out is not None and not out.parent.is_dir():  # refused before a number is taken
        raise ValidationError(f"无法写入 {out}：目录 {out.parent} 不存在")

    def deliver(letter: Letter) -> Callable[[], None] | None:
        """Write the letter (a file: atomically, its final rename included); a new letter's
        record commits only after this returns (app.letters.issue)."""
        if output.format == "docx":
            output.write_bytes(letter.docx)
        else:
            with output.stream() as stream:
                stream.write(letter.markdown())
        if out is None or not out.is_file():
            return None  # standard output or a device: nothing to take back
        return lambda: out.unlink(missing_ok=True)

    from govinfo_cli.app.numbers import resolve

    case = resolve(ctx(), case, kind)  # 依申【2026】1号, 1号 …: the case meant, as `show` reads it
    done = issue(ctx(), case, type_, kind=kind, seq=event, to=to, reveal=reveal, preview=preview, deliver=deliver)
    if done.masked:
        note(
            "投诉举报人姓名已保密（投诉举报处理制度第十一条），文书抬头写作“投诉举报人”；"
            + "寄送时需写明姓名请加 --reveal（将记录）"
        )
    if preview:
        note(f"预览：{done.title}未编文号、未记录")
    elif done.new:
        note(f"{done.title} 文号 {done.number}，已记入 {done.case} 的事件记录")
    else:
        note(f"{done.title} 文号 {done.number}（此前已出具，沿用原文号）")
    output.written("")
