"""`govinfo db …`: where the database is, upgrade, check, backup, copy; logins and their roles (PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from govinfo_cli.cli.options import JsonOpt, group
from govinfo_cli.core import codes
from govinfo_cli.core.errors import StorageError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from govinfo_cli.app.verify import HeadValue, Proof

app = group("数据库：位置、升级、检查、备份、迁移、整库复制（SQLite ⇄ PostgreSQL）、登录与角色（PostgreSQL）。")


@app.command()
def path() -> None:
    """显示数据库位置（--db、GOVINFO_DB 或用户数据目录）。

    示例：govinfo db path"""
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.store.db import sqlite_path

    c = ctx()
    p = sqlite_path(c.url)
    if p is None:  # a server URL: never print its password
        from sqlalchemy.engine import make_url

        print(make_url(c.url).render_as_string(hide_password=True))
    else:
        print(p)


AdoptOpt = Annotated[
    bool, typer.Option("--adopt", help="在已有其他程序数据表的数据库中建立 govinfo 的表（默认拒绝，不作改动）")
]


@app.command()
def init(
    adopt: AdoptOpt = False,
) -> None:
    """新建数据库（--db、GOVINFO_DB 或用户数据目录），并升级到当前版本；已存在则只升级。

    示例：govinfo --db 台账.db db init"""
    _upgrade(adopt)


@app.command()
def upgrade(
    adopt: AdoptOpt = False,
) -> None:
    """把数据库升级到当前版本（不存在则创建）。

    示例：govinfo db upgrade"""
    _upgrade(adopt)


def _upgrade(adopt: bool) -> None:
    from govinfo_cli.cli.render import note
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.store import db

    c = ctx()
    engine = db.make_engine(c.url, migrate=False, adopt=adopt)
    before = db.current_revision(engine)
    db.upgrade(engine)
    after = db.current_revision(engine)
    note(f"数据库版本 {before or '（空）'} → {after}" if before != after else f"数据库已是最新版本 {after}")


# db check's words on the screen (--json keeps the codes and the database's own values).
TABLE_WORDS = {"cases": "案件", "events": "事件", "deadlines": "期限缓存", "audit": "审计记录"}


def _integrity_words(value: str) -> str:
    return "正常" if value == "ok" else f"异常（{value}）"


def _journal_words(mode: str | None) -> str:
    if not mode or mode == "-":
        return "-"  # a database server: no journal file of govinfo's
    return "预写式日志（WAL）" if mode.lower() == "wal" else f"回滚日志（{mode.upper()}）"


def _mode_words(mode: str | None) -> str:
    if not mode:
        return "-"
    digits = mode.removeprefix("0o").zfill(4)
    return f"{digits}（仅本人可读写）" if digits == "0600" else f"{digits}（其他用户也可读取，建议 chmod 600）"


def _print_check(info: dict[str, Any], as_json: bool, proof: Proof | None = None) -> None:
    from rich.markup import escape

    from govinfo_cli.cli import render

    if as_json:
        render.print_json(info)
    else:
        con = render.console()
        ok = render.styled("正常", "ok") if info["healthy"] else render.styled("异常", "bad")
        con.print(f"数据库：{info['url']}  状态：{ok}")
        con.print(
            f"  架构版本 {info['revision']}（当前代码 {info['head']}）  完整性 {_integrity_words(info['integrity'])}"
            f"  日志模式 {_journal_words(info['journal_mode'])}  文件权限 {_mode_words(info['file_mode'])}",
            markup=False,
        )
        counts = "  ".join(f"{TABLE_WORDS.get(k, k)} {v}" for k, v in info["counts"].items())
        con.print(f"  记录数：{counts}")
        if info["cases_by_kind"]:
            con.print(
                "  案件：" + "  ".join(f"{codes.label(codes.KINDS, k)} {v}" for k, v in info["cases_by_kind"].items())
            )
        for p in info.get("guard_problems", []):
            con.print(f"  {render.styled('防篡改保护异常', 'bad')} {escape(p['name'])}：{escape(p['what'])}")
        if proof is not None:
            _print_proof(con, proof)
    if not info["healthy"]:
        raise typer.Exit(1)


def _print_proof(con: Console, proof: Proof) -> None:
    from rich.markup import escape

    from govinfo_cli.cli import render

    chains = f"{proof.events} 个事件的哈希链" + ("完整" if not proof.chain_breaks else "有断裂")
    if proof.damaged:
        chains += f"（{len(proof.damaged)} 条记录无法读取）"
    trail = f"{proof.audit} 条审计记录、{proof.year_locks} 个锁定年度的哈希链" + (
        "完整" if not proof.trail_breaks else "有断裂"
    )
    con.print(f"  逐案验证：{proof.cases} 件案件，{chains}；{trail}；总哈希 {proof.head}", markup=False)
    for f in proof.damaged:
        con.print(f"  {render.styled('记录无法读取', 'bad')} {escape(f.case)}：{escape(f.what)}")
    for f in proof.chain_breaks + proof.trail_breaks:
        con.print(f"  {render.styled('哈希链断裂', 'bad')} {escape(f.case)}：{escape(f.what)}")
    for number in proof.repaired:
        con.print(f"  已按事件记录重写缓存：{number}", markup=False)
    for f in proof.cache_diffs:
        con.print(f"  {render.styled('缓存与重放不符', 'bad')} {escape(f.case)}：{escape(f.what)}")
    if proof.cache_diffs and not proof.repaired:
        con.print("  缓存可用 govinfo db check --repair 按事件记录重写（记入审计日志）", markup=False)


@app.command()
def check(
    as_json: JsonOpt = False,
    quick: Annotated[
        bool, typer.Option("--quick", help="只查架构版本、完整性、防篡改保护和记录数，不逐案重放、不验哈希链")
    ] = False,
    head: Annotated[
        bool,
        typer.Option(
            "--head", help="只输出总哈希（按记录内容计算：各案件的事件、审计日志、年度锁定）及其时刻，供抄录或签章"
        ),
    ] = False,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="时刻",
            help="与 --head 一起用：按该时刻（含）以前录入的记录计算总哈希，与当时抄录的总哈希核对",
        ),
    ] = None,
    repair: Annotated[
        bool, typer.Option("--repair", help="按事件记录重写与重放不符的案件缓存（记入审计日志）")
    ] = False,
) -> None:
    """检查数据库：架构版本、完整性、防篡改保护（按定义比对）；逐案验证事件哈希链，并重放每个案件与缓存（状态、期限）比对；
    验证审计日志与年度锁定的哈希链；列出每一条无法读取的记录。

    发现问题则逐条列出（案件编号、第几个事件），退出码 1。

    示例：govinfo db check"""
    from govinfo_cli.app import verify
    from govinfo_cli.app.maintenance import check as do_check
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx

    c = ctx()
    if at is not None and not head:
        raise UsageError("--at 只能与 --head 一起用")
    if head:
        _print_head(verify.head(c, _moment(at) if at is not None else None), as_json)
        return
    info = do_check(c)
    found = verify.guard_problems(c)
    info["missing_guards"] = [p.name for p in found if p.missing]
    info["guard_problems"] = verify.guard_json(found)
    info["healthy"] = info["healthy"] and not found
    if quick:
        _print_check(info, as_json)
        return
    with render.progress_bar("逐案验证与重放", "件", after=1000) as progress:
        proof = verify.prove(c, progress=progress)
    if repair and proof.cache_diffs:
        proof.repaired = verify.repair(c, proof.cache_diffs)
        after = verify.prove(c)
        proof.cache_diffs = after.cache_diffs
    info.update(proof.to_json())
    info["healthy"] = info["healthy"] and proof.healthy
    _print_check(info, as_json, proof)


def _moment(text: str) -> dt.datetime:
    """--at: an ISO moment as --head prints it (with its offset), or a local date-time."""
    from govinfo_cli.core.dates import parse_datetime

    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        try:
            moment = parse_datetime(text)
        except ValueError as exc:
            raise UsageError(f"--at {exc}") from None
    return moment.astimezone(dt.UTC)  # a naive moment is local time


def _print_head(value: HeadValue, as_json: bool) -> None:
    from govinfo_cli.cli import render

    moment = value.at.astimezone().isoformat()
    if as_json:
        render.print_json(
            {
                "head": value.head,
                "at": moment,
                "cases": value.cases,
                "audit_entries": value.audit,
                "year_locks": value.year_locks,
                "events_head": value.events_head,
                "chains_differing_from_stored": value.diverged,
            }
        )
        if value.diverged:
            raise typer.Exit(1)
        return
    print(value.head)
    render.note(
        f"总哈希：截至 {moment}，{value.cases} 件案件、{value.audit} 条审计记录、{value.year_locks} 个锁定年度；"
        f"日后核对：govinfo db check --head --at {moment}"
    )
    if value.diverged:
        raise StorageError(
            f"总哈希按记录内容重算；有 {value.diverged} 条哈希链与数据库中保存的链值不符（记录被改动），"
            "govinfo db check 列出断裂处"
        )


@app.command()
def backup(
    dest: Annotated[Path, typer.Argument(metavar="文件", help="备份文件路径（不得已存在）")],
    as_json: JsonOpt = False,
) -> None:
    """在线备份（其他人同时写入时也完整一致），备份文件权限 0600。

    示例：govinfo db backup 备份-2026-11-20.db"""
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

    逐表核对行数与每一行内容，逐案核对 show --json；不一致则整体回滚，目标不写入。

    示例：
      govinfo db copy --to 副本.db
      # 复制到 PostgreSQL：govinfo db copy --to postgresql://用户@主机/库名
    """
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
    t.print()
    con.print(f"逐案核对 show --json：{report.cases_compared} 件，全部一致（用时 {report.seconds:.1f} 秒）")


@app.command()
def grant(
    login: Annotated[str, typer.Argument(help="数据库登录名（PostgreSQL 的登录角色，如 zhangsan）")],
    role: Annotated[str, typer.Argument(help="角色：clerk 经办人、head 负责人、auditor 审计、none 撤销")],
    no_password: Annotated[
        bool, typer.Option("--no-password", help="新建登录时不设密码（服务器用 peer、cert 等方式认证时）")
    ] = False,
) -> None:
    """给一个数据库登录分配 govinfo 角色（仅 PostgreSQL，由数据库所有者运行）：每个经办人一个登录，每个登录一个角色。

    经办人（clerk）记录事件、出具文书；负责人（head）另可批准延期和审查、作废、期限届满后更正、查看个人信息、锁定年度；
    审计（auditor）只读。登录不存在则新建并询问其密码；记录的经办人就是登录名，由数据库核对。

    示例：govinfo db grant zhangsan clerk"""
    from govinfo_cli.app.logins import grant as do_grant
    from govinfo_cli.cli.render import note
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.store.roles import LABELS

    def ask(name: str) -> str | None:
        if no_password:
            return None
        return str(typer.prompt(f"新登录 {name} 的密码", hide_input=True, confirmation_prompt="再输入一次"))

    done = do_grant(ctx(), login, role, ask_password=ask)
    if done["created"]:
        note(f"已新建登录 {done['login']}" + ("（已设密码）" if done["password"] else "（未设密码）"))
    if done["role"] is None:
        note(f"已撤销 {done['login']} 的 govinfo 角色，该登录不能再连接本库")
    else:
        note(f"{done['login']}：{LABELS[done['role']]}（govinfo_{done['role']}），可连接本库")


@app.command()
def roles(as_json: JsonOpt = False) -> None:
    """列出能在本库做事的数据库登录及其 govinfo 角色（仅 PostgreSQL）：所有者、超级用户、经办人、负责人、审计。

    示例：govinfo db roles"""
    from govinfo_cli.app.logins import list_logins
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx

    rows = list_logins(ctx())
    if as_json:
        render.print_json([{k: r[k] for k in ("login", "role", "roles", "connect")} for r in rows])
        return
    t = render.table(f"数据库登录（{len(rows)} 个）", "登录", "角色", "可连接本库")
    for r in rows:
        t.add_row(r["login"], r["label"], "是" if r["connect"] else "否")
    t.print()
