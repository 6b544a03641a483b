"""The clerk's terminal (issue 15): safe defaults, forgiving input, honest output."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import dump, ok

REQUEST = ("--channel", "当面提交", "--applicant", "张伟", "--type", "自然人", "--subject", "2025年医保基金支出明细")


def add_request(cli, *extra: str):  # noqa: ANN001, ANN201
    return ok(cli("request", "add", "--received", "2026-11-20", *REQUEST, "--department", "基金监管股", *extra))


# 1. a database named by --db / GOVINFO_DB that does not exist -----------------------------


@pytest.mark.parametrize(
    "args",
    [("due",), ("show", "依申〔2026〕1号"), ("request", "list"), ("config", "get", "agency.name"), ("db", "check")],
)
def test_a_missing_named_database_is_refused_and_nothing_is_created(cli, tmp_path, args) -> None:
    typo = tmp_path / "typo" / "govnifo.db"
    r = cli("--db", str(typo), *args)
    assert r.exit_code == 1
    assert r.stderr.count("\n") == 1 and str(typo) in r.stderr and "db init" in r.stderr
    assert not typo.exists() and not typo.parent.exists()


def test_a_missing_database_from_govinfo_db_is_refused_naming_the_variable(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GOVINFO_DB", str(tmp_path / "nope.db"))
    r = cli("due")
    assert r.exit_code == 1 and "GOVINFO_DB" in r.stderr and not (tmp_path / "nope.db").exists()


@pytest.mark.parametrize("create", [("db", "init"), ("db", "upgrade")])
def test_db_init_and_upgrade_create_the_named_database(cli, tmp_path, create) -> None:
    new = tmp_path / "new" / "office.db"
    ok(cli("--db", str(new), *create))
    assert new.exists()
    assert ok(cli("--db", str(new), "due", "--json")).json() == []


def test_help_of_a_command_is_shown_even_when_the_named_database_is_missing(cli, tmp_path) -> None:
    r = cli("--db", str(tmp_path / "nope.db"), "due", "--help")
    assert r.exit_code == 0 and not (tmp_path / "nope.db").exists()


# 5. every table fits the terminal ---------------------------------------------------------

LONG_SUBJECT = "关于" + "医疗保障基金支出明细及定点医药机构结算情况" * 90  # ~1,800 characters


def _run(args: list[str], columns: int) -> str:
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1"}
    r = subprocess.run(
        [sys.executable, "-m", "govinfo_cli", *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0, r.stderr
    return r.stdout


def _width(line: str) -> int:
    from govinfo_cli.cli.render import text_width

    return text_width(line)


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("command", [["due"], ["request", "list"], ["show", "依申〔2026〕1号"], ["complaint", "list"]])
def test_every_table_fits_the_terminal_and_never_splits_a_date_or_case_number(cli, columns, command) -> None:
    ok(
        cli(
            "request", "add", "--received", "2026-11-20", "--channel", "当面提交", "--applicant", "昌宁县法律援助中心",
            "--type", "法律服务机构", "--subject", LONG_SUBJECT, "--department", "医疗保障事务中心待遇审核科",
        )
    )  # fmt: skip
    ok(cli("complaint", "accept", "--respondent", "昌宁县某大药房连锁有限公司", "--summary", LONG_SUBJECT))
    out = _run(command, columns)
    lines = out.splitlines()
    assert all(_width(x) <= columns for x in lines), [x for x in lines if _width(x) > columns]
    if command[0] != "show":  # show gives the full text
        assert len(lines) < 40  # the 1,800-character subject is one shortened cell, not a long row
    if command[0] != "complaint":
        assert "依申〔2026〕1号" in out
        assert ("2026-12-01" if command == ["due"] else "2026-12-18") in out  # a deadline, whole
    if command == ["request", "list"]:
        assert "…" in out


# 7. filters that match nothing are refused ----------------------------------------------


def test_an_unknown_department_is_refused_with_the_known_ones_listed(cli) -> None:
    add_request(cli)
    r = cli("due", "--department", "基金监管")
    assert r.exit_code == 2 and "基金监管股" in r.stderr and "没有承办处室 基金监管" in r.stderr
    assert cli("request", "list", "--department", "基金").exit_code == 2
    assert ok(cli("due", "--department", "基金监管股", "--json")).json()


@pytest.mark.parametrize("listing", [("request", "list"), ("complaint", "list"), ("appeal", "list")])
def test_status_takes_the_chinese_labels_everywhere(cli, listing) -> None:
    add_request(cli)
    ok(cli("complaint", "accept", "--respondent", "某药房", "--summary", "刷卡套现"))
    ok(cli(*listing, "--status", "办理中", "--json"))
    ok(cli(*listing, "--status", "已办结", "--json"))
    r = cli(*listing, "--status", "办完")
    assert r.exit_code == 2 and "办理中" in r.stderr and "已办结" in r.stderr


def test_an_unknown_kind_is_refused_with_the_kinds_listed(cli) -> None:
    r = cli("due", "--kind", "请求")
    assert r.exit_code == 2 and "依申请公开" in r.stderr


# 8. interactive request add -------------------------------------------------------------


@pytest.fixture
def at_terminal(monkeypatch):  # noqa: ANN001, ANN201
    from govinfo_cli.cli import prompts

    monkeypatch.setattr(prompts, "interactive", lambda: True)


def test_interactive_add_asks_every_missing_field_with_numbered_choices_and_a_summary(cli, at_terminal) -> None:
    answers = ["", "9", "1", "", "张伟", "1", "医保基金支出明细", "基金监管股", "y"]
    r = cli("request", "add", input="\n".join(answers) + "\n")
    assert r.exit_code == 0, r.stderr
    for question in ("收到日期", "渠道", "1. 当面提交", "申请人类型", "申请内容", "承办处室", "即将登记", "确认登记"):
        assert question in r.stdout, question
    assert "请输入 1–6 的序号" in r.stderr and "此项必填" in r.stderr  # 9 and a blank answer are asked again
    shown = ok(cli("show", "依申〔2026〕1号", "--json", "--reveal")).json()
    assert shown["facts"]["applicant"] == "张伟" and shown["facts"]["department"] == "基金监管股"


def test_interactive_add_declined_or_interrupted_writes_nothing(cli, at_terminal) -> None:
    before = dump()
    r = cli("request", "add", input="\n1\n张伟\n1\n内容\n基金监管股\nn\n")
    assert r.exit_code == 1 and "未写入任何内容" in r.stderr
    r = cli("request", "add", input="\n1\n")  # the input ends mid-way, as Ctrl-C / Ctrl-D does
    assert r.exit_code == 130 and "已中断，未写入任何内容。" in r.stderr and "Aborted" not in r.stdout + r.stderr
    assert dump() == before


def test_without_a_terminal_a_missing_field_is_refused_naming_its_option(cli) -> None:
    r = cli("request", "add", "--channel", "当面提交", "--applicant", "张伟", "--type", "自然人")
    assert r.exit_code == 1 and "--subject" in r.stderr


# 9. one date/time parser; empty values; a date far in the past --------------------------


@pytest.mark.parametrize("today", ["2026/11/20", "2026年11月20日", "20261120", "２０２６-１１-２０"])
def test_today_accepts_every_spelling_received_accepts(cli, today) -> None:
    add_request(cli)
    a = ok(cli("--today", today, "due", "--json")).json()
    assert a == ok(cli("--today", "2026-11-20", "due", "--json")).json() and a


def test_at_takes_a_time_alone_as_today(cli) -> None:
    ok(cli("--today", "2026-11-20T08:00", "opinion", "detect", "--at", "9:20", "--summary", "网传药价上涨"))
    shown = ok(cli("show", "舆情〔2026〕1号", "--json")).json()
    assert "2026-11-20T09:20" in str(shown)


def test_add_days_counts_back_with_a_negative_number(cli) -> None:
    r = ok(cli("calendar", "add-days", "2026-10-09", "-5", "--json")).json()
    assert r["end"] == "2026-09-24"  # the National Day week and 2026-09-25 (中秋) are skipped
    assert ok(cli("calendar", "between", r["end"], "2026-10-09", "--json")).json()["working_days"] == 5


@pytest.mark.parametrize(
    "args",
    [
        ("complaint", "accept", "--respondent", "", "--summary", "x"),
        ("complaint", "accept", "--respondent", "某药房", "--summary", "  "),
        ("request", "add", *REQUEST[:-1], ""),
    ],
)
def test_an_empty_required_value_is_refused(cli, args) -> None:
    before = dump()
    r = cli(*args)
    assert r.exit_code == 1 and "不能为空" in r.stderr
    assert dump() == before


def test_a_received_date_more_than_a_year_back_needs_yes(cli) -> None:
    r = cli("request", "add", "--received", "2025-11-01", *REQUEST)
    assert r.exit_code == 1 and "一年以上" in r.stderr and "--yes" in r.stderr
    ok(cli("request", "add", "--received", "2025-11-01", *REQUEST, "--yes"))


def test_an_id_number_in_full_width_digits_passes_its_check(cli) -> None:
    ok(
        cli(
            "request",
            "add",
            "--received",
            "2026-11-20",
            *REQUEST,
            "--id-number",
            "１１０１０５１９４９１００１００２３",
        )
    )


# 10. help in Chinese, an example on every page, completion, contradictions --------------


def _pages():  # noqa: ANN202
    import typer

    from govinfo_cli.cli import app

    root = typer.main.get_command(app)
    out = []

    def walk(cmd, path):  # noqa: ANN001, ANN202
        if hasattr(cmd, "list_commands"):
            for name in cmd.list_commands(None):
                walk(cmd.get_command(None, name), (*path, name))
        else:
            out.append(path)

    walk(root, ())
    return out


def test_every_command_has_a_chinese_help_frame_and_an_example(cli) -> None:
    pages = _pages()
    assert len(pages) > 70
    for path in pages:
        r = cli(*path, "--help")
        assert r.exit_code == 0, path
        text = r.stdout
        assert "用法：" in text and "选项" in text and "显示此帮助并退出" in text, path
        assert "示例：govinfo" in text, path
        for english in ("Usage:", "Options", "Show this message and exit.", "[required]", "default:"):
            assert english not in text, (path, english)


def test_every_example_names_a_real_command_and_real_options(cli) -> None:
    import shlex

    from govinfo_cli.cli.examples import EXAMPLES

    for path, example in EXAMPLES.items():
        words = shlex.split(example.split(">")[0])
        assert words[0] == "govinfo"
        rest = words[1:]
        if rest[:1] == ["--db"]:
            rest = rest[2:]
        assert " ".join(rest[: len(path.split())]) == path, example
        help_text = cli(*path.split(), "--help").stdout
        for w in rest:
            if w.startswith("--"):
                assert w in help_text, (example, w)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_for_every_shell_and_tab_completes_commands(shell) -> None:
    env = {k: v for k, v in os.environ.items() if k != "GOVINFO_DB"}
    run = [sys.executable, "-m", "govinfo_cli"]
    script = subprocess.run([*run, "completion", shell], env=env, capture_output=True, text=True, timeout=60)
    assert script.returncode == 0 and "_GOVINFO_COMPLETE" in script.stdout
    env.update(_GOVINFO_COMPLETE="complete_bash", COMP_WORDS="govinfo du", COMP_CWORD="1")
    done = subprocess.run(run, env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["due"]


def test_completion_is_not_set_up_at_start_up() -> None:
    probe = (
        "import sys; from govinfo_cli.cli import app\n"
        "try:\n    app(args=['--help'], prog_name='govinfo')\nexcept SystemExit:\n    pass\n"
        "from typer._click import shell_completion as s; print(sorted(s._available_shells))"
    )
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("other", [["--json"], ["--csv"], ["--format", "json"], ["--out", "x.md"]])
def test_due_check_refuses_another_output(cli, other) -> None:
    r = cli("due", "--check", *other)
    assert r.exit_code == 2 and "--check" in r.stderr and "互相矛盾" in r.stderr


def test_one_name_per_concept_group_by_and_decision(cli) -> None:
    assert "--group-by" in cli("report", "timeliness", "--help").stdout
    assert "--decision" in cli("disclosure", "decision", "--help").stdout
