"""The root command: global options and a table of lazily imported command groups.

Nothing heavy is imported here: ``govinfo --help`` loads typer and this table only.
A group's module is imported when that group runs (or its own --help is asked for).
"""

from __future__ import annotations

import importlib
import sys
from typing import Annotated, Any

import typer

from govinfo_cli import __version__
from govinfo_cli.cli import helpframe
from govinfo_cli.core.errors import GovinfoError

# name -> (module, attribute, one-line help shown by `govinfo --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "due": ("govinfo_cli.cli.due", "app", "每日待办：逾期、今日到期、即将到期的法定期限"),
    "show": ("govinfo_cli.cli.show", "app", "查看一个案件：当事人、各项期限、事件时间线"),
    "request": ("govinfo_cli.cli.requests", "app", "依申请公开：登记申请、记录办理事件、列表"),
    "complaint": ("govinfo_cli.cli.complaints", "app", "投诉举报：受理、处理方式、延期、办结"),
    "appeal": ("govinfo_cli.cli.appeals", "app", "行政复议与行政诉讼：收到副本、答复答辩、结果"),
    "disclosure": ("govinfo_cli.cli.disclosures", "app", "主动公开：信息形成、执法决定、政策解读、目录"),
    "opinion": ("govinfo_cli.cli.opinions", "app", "舆情回应：发现、首次发布、发布会、回应"),
    "correction": ("govinfo_cli.cli.corrections", "app", "更正申请（条例第41条）：登记、更正、转送、不予更正"),
    "amend": ("govinfo_cli.cli.amend", "amend_app", "更正录错的事件内容（追加更正记录，原记录保留）"),
    "void": ("govinfo_cli.cli.amend", "void_app", "作废误登记的案件（记录保留，审计可见）"),
    "import": ("govinfo_cli.cli.imports", "app", "批量导入：事件行（JSON Lines）、登记簿（CSV）"),
    "export": ("govinfo_cli.cli.exports", "app", "导出登记簿：CSV / JSON / Excel"),
    "letter": ("govinfo_cli.cli.letters", "app", "出具文书：回执、告知书、征求意见书、答复书（Word / Markdown）"),
    "report": ("govinfo_cli.cli.reports", "app", "年度报告、办理时效报告、年度锁定"),
    "calendar": ("govinfo_cli.cli.calendar", "app", "工作日历：节假日、调休、年度确认、工作日计算"),
    "config": ("govinfo_cli.cli.config", "app", "本机关设置：机关名称、规则配置、编号格式"),
    "db": ("govinfo_cli.cli.db", "app", "数据库：位置、升级、检查、备份、迁移"),
    "audit": ("govinfo_cli.cli.audit", "app", "审计日志：谁在何时记录、查看、导出、更正、作废、锁定了什么"),
    "demo": ("govinfo_cli.cli.demo", "app", "演示：载入示例数据并显示每日待办"),
    "completion": ("govinfo_cli.cli.completion", "app", "命令补全脚本：bash / zsh / fish"),
}


# A group's click command, built from its Typer app once per process (the test suite runs
# thousands of commands in one process; building `request` alone takes ~10 ms).
_BUILT: dict[str, Any] = {}


class LazyGroup(helpframe.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        ctx.meta["govinfo.rest"] = list(args)  # the command line after the global options
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: Any, name: str) -> Any:
        if name not in COMMANDS:
            return None
        if name not in _BUILT:
            _BUILT[name] = self._build(name)
        return _BUILT[name]

    @staticmethod
    def _build(name: str) -> Any:
        module, attr, help_text = COMMANDS[name]
        try:
            obj = getattr(importlib.import_module(module), attr)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                return None
            raise
        cmd = typer.main.get_command(obj)
        cmd.name = name
        if not cmd.help:
            cmd.help = help_text
        return cmd

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        formatter.write_paragraph()
        formatter.write(f"{'':>{formatter.current_indent}}命令：\n")
        with formatter.indentation():
            helpframe.write_dl(formatter, [(name, text) for name, (_, _, text) in COMMANDS.items()])

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        bad = _bad_argument(args)
        if bad is not None:
            fail(bad)
        try:
            return super().parse_args(ctx, args)
        except Exception as exc:  # noqa: BLE001 - only usage errors are turned into Chinese
            usage_failed(exc)
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except GovinfoError as exc:
            fail(exc)
        except Terminated:
            print("已终止，未写入任何内容。", file=sys.stderr)
            raise typer.Exit(143) from None
        except KeyboardInterrupt:
            print("\n已中断，未写入任何内容。", file=sys.stderr)
            raise typer.Exit(130) from None
        except typer.Abort:  # Ctrl-C or end of input at a question
            print("\n已中断，未写入任何内容。", file=sys.stderr)
            raise typer.Exit(130) from None
        except BrokenPipeError:  # the reader went away: cli.pipes ends quietly
            raise
        except OSError as exc:  # a file or the output that cannot be written or read
            fail(_os_error(exc))
        except Exception as exc:  # noqa: BLE001 - turn driver errors into one line
            usage_failed(exc)
            storage = _storage_error(exc)
            if storage is None:
                raise
            fail(storage)


def _bad_argument(args: list[str]) -> GovinfoError | None:
    """An argument that is not text (a control character, or bytes that are not UTF-8 and
    arrive as lone surrogates) is refused before any command sees it. Whether a field may
    hold a tab or a newline is its own declaration's business (core.events)."""
    from govinfo_cli.core import chars
    from govinfo_cli.core.errors import ValidationError

    for n, arg in enumerate(args, start=1):
        bad = chars.bad_character(arg)
        if bad:
            return ValidationError(f"第 {n} 个参数 {chars.shown(arg)} 含控制字符或无效字符 {bad}")
    return None


def _os_error(exc: OSError) -> GovinfoError:
    from govinfo_cli.app.files import why
    from govinfo_cli.core.errors import WriteError

    if exc.filename:
        return WriteError(f"无法读写 {exc.filename}：{why(exc)}")
    return WriteError(f"输出失败：{why(exc)}")


def _storage_error(exc: Exception) -> GovinfoError | None:
    from govinfo_cli.store import dberrors

    if not dberrors.is_database_error(exc):
        return None
    from govinfo_cli.core.errors import StorageError
    from govinfo_cli.store.db import is_refused

    if is_refused(exc):  # the login's role may not (PostgreSQL)
        from govinfo_cli.core.errors import Refusal

        return Refusal(
            f"数据库拒绝：{dberrors.explain(exc)}，未写入任何内容",
            hint="各登录的角色见 govinfo db roles；角色由数据库所有者用 govinfo db grant 分配（docs/postgresql.md）",
        )
    return StorageError(f"数据库错误：{dberrors.explain(exc)}，未写入任何内容")


def usage_failed(exc: BaseException) -> None:
    """A command-line parsing error: one Chinese line, exit 2 (docs/contract.md). Returns
    (and the caller re-raises) for anything else."""
    from govinfo_cli.cli import usage

    if usage.is_usage_error(exc):
        from govinfo_cli.core.personal import redact

        print(f"错误：{redact(usage.message(exc))}", file=sys.stderr)
        raise typer.Exit(2) from None


def fail(exc: GovinfoError) -> None:
    """One clear line on stderr (one per problem for a rejected file), then the exit code."""
    from govinfo_cli.core.errors import ImportErrors
    from govinfo_cli.core.personal import redact  # a quoted ID or phone number is masked

    if isinstance(exc, ImportErrors):
        print(f"错误：共 {len(exc.problems)} 处错误，整批拒绝，未写入任何内容：", file=sys.stderr)
        print(redact(exc.message), file=sys.stderr)
    else:
        print(f"错误：{redact(exc.message)}", file=sys.stderr)
    if exc.hint:
        print(f"提示：{redact(exc.hint)}", file=sys.stderr)
    raise typer.Exit(exc.exit_code)


app = typer.Typer(
    cls=LazyGroup,
    help="govinfo — 政府信息公开办理台账（依申请公开、投诉举报、复议诉讼、主动公开）。",
    epilog="期限规则及其依据见 docs/rules.md；脚本接口（事件行、JSON、登记簿、退出码）见 docs/contract.md。",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"govinfo {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    context: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", metavar="数据库", help="数据库文件路径或 SQLAlchemy URL（默认 GOVINFO_DB 或用户数据目录）"
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="日期",
            help="指定“今天” YYYY-MM-DD，或带时间 YYYY-MM-DDTHH:MM（舆情按小时计；"
            "只写日期即当天 0 时；默认 GOVINFO_TODAY 或系统时间）",
        ),
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", metavar="姓名", help="经办人（默认 GOVINFO_USER 或系统用户名）")
    ] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本")] = False,
) -> None:
    """govinfo — 政府信息公开办理台账。"""
    from govinfo_cli.cli import state

    state.set_context(db=db, today=today, by=by)
    state.require_existing_db(db, context.meta.get("govinfo.rest", []))


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C: transactions roll back and a half-written output file is
    removed on the way out (app/files.py), so nothing partial is left behind."""


def _terminate(signum: int, _frame: Any) -> None:
    raise Terminated()


def main() -> None:
    import signal

    from govinfo_cli.cli.completion import enable_if_asked
    from govinfo_cli.cli.pipes import run

    signal.signal(signal.SIGTERM, _terminate)
    enable_if_asked()
    run(app, prog_name="govinfo")
