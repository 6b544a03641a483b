"""`govinfo db …`: where the database is, upgrade, check, backup."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govinfo_cli.cli.options import JsonOpt, group

app = group("数据库：位置、升级、检查、备份、迁移、整库复制（SQLite ⇄ PostgreSQL）。")


@app.command()
def path() -> None:
    """显示数据库位置（--db、GOVINFO_DB 或用户数据目录）。"""
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.store.db import sqlite_path

    c = ctx()
    p = sqlite_path(c.url)
    if p is None:  # a server URL: never print its password
        from sqlalchemy.engine import make_url

        print(make_url(c.url).render_as_string(hide_password=True))
    else:
        print(p)


@app.command()
def init() -> None:
    """新建数据库（--db、GOVINFO_DB 或用户数据目录），并升级到当前版本；已存在则只升级。

    示例：govinfo --db 台账.db db init"""
    _upgrade()


@app.command()
def upgrade() -> None:
    """把数据库升级到当前版本（不存在则创建）。

    示例：govinfo db upgrade"""
    _upgrade()


def _upgrade() -> None:
    from govinfo_cli.cli.render import note
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.store import db

    c = ctx()
    engine = db.make_engine(c.url, migrate=False)
    before = db.current_revision(engine)
    db.upgrade(engine)
    after = db.current_revision(engine)
    note(f"数据库版本 {before or '（空）'} → {after}" if before != after else f"数据库已是最新版本 {after}")


def _print_check(info: dict, as_json: bool) -> None:
    from govinfo_cli.cli import render

    if as_json:
        render.print_json(info)
    else:
        con = render.console()
        ok = render.styled("正常", "ok") if info["healthy"] else render.styled("异常", "bad")
        con.print(f"数据库：{info['url']}  状态：{ok}")
        con.print(
            f"  架构版本 {info['revision']}（当前代码 {info['head']}）  完整性 {info['integrity']}"
            f"  日志模式 {info['journal_mode']}  文件权限 {info['file_mode'] or '-'}"
        )
        counts = "  ".join(f"{k} {v}" for k, v in info["counts"].items())
        con.print(f"  记录数：{counts}")
        if info["cases_by_kind"]:
            con.print("  案件：" + "  ".join(f"{k} {v}" for k, v in info["cases_by_kind"].items()))
    if not info["healthy"]:
        raise typer.Exit(1)


@app.command()
def check(as_json: JsonOpt = False) -> None:
    """检查数据库：架构版本、完整性（integrity_check）、各表记录数。"""
    from govinfo_cli.app.maintenance import check as do_check
    from govinfo_cli.cli.state import ctx

    _print_check(do_check(ctx()), as_json)


@app.command()
def backup(
    dest: Annotated[Path, typer.Argument(help="备份文件路径（不得已存在）")],
    as_json: JsonOpt = False,
) -> None:
    """在线备份（其他人同时写入时也完整一致），备份文件权限 0600。"""
    from govinfo_cli.app.maintenance import backup as do_backup
    from govinfo_cli.cli.render import note
    from govinfo_cli.cli.state import ctx

    info = do_backup(ctx(), dest)
    note(f"已备份到 {dest}")
    _print_check(info, as_json)


@app.command()
def copy(
    to: Annotated[
        str,
        typer.Option(
            "--to", help="目标数据库：SQLite 文件路径或 URL（如 postgresql+psycopg://用户@主机/库名），须为空库"
        ),
    ],
    as_json: JsonOpt = False,
) -> None:
    """整库复制（SQLite ⇄ PostgreSQL）：保留全部事件、经办人、录入时间和编号。

    逐表核对行数与每一行内容，逐案核对 show --json；不一致则整体回滚，目标不写入。"""
    from govinfo_cli.app.copy import copy_database
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx

    report = copy_database(ctx(), to)
    if as_json:
        render.print_json(report.to_json())
        return
    t = render.table(None, "表", "源", "目标", "逐行一致")
    for row in report.tables:
        t.add_row(row.name, str(row.source), str(row.target), "是" if row.digest_ok else "否")
    con = render.console()
    con.print(f"已复制：{report.source}\n    → {report.target}", markup=False)
    con.print(t)
    con.print(f"逐案核对 show --json：{report.cases_compared} 件，全部一致（用时 {report.seconds:.1f} 秒）")
