"""Command-line usage errors speak the clerk's language: one Chinese line on stderr that
names the option (and the command's help), exit code 2 (docs/contract.md), nothing written."""

from __future__ import annotations

import re

import pytest

ENGLISH = re.compile(
    r"Missing|No such|Invalid value|Input should|requires an argument|"
    r"does not take|unexpected extra|Did you mean|Possible options|Usage:"
)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["complaint", "reject", "X"], "缺少必填选项 --reason（用法："),
        (["show"], "缺少参数 编号（案件编号"),
        (["request", "extend", "X", "--days", "abc", "--reason", "r"], "--days 的值无效：应为整数"),
        (["due", "--within", "-1"], "--within 的值无效：应为不小于 0 的整数"),
        (["report", "annual", "abc"], "的值无效：应为整数"),
        (["request", "extnd", "X"], "没有命令 extnd；是否想用 extend？"),
        (
            ["request", "add", "--tpye", "x"],
            "没有选项 --tpye；是否想用 --date / --type / --yes？",
        ),  # --date: --received
        (["due", "--qqq"], "没有选项 --qqq（用法："),  # nothing close enough to suggest
        (["due", "--within"], "选项 --within 后须给出一个值"),
        (["due", "--json=3"], "选项 --json 不带值"),
        (["show", "A", "B"], "多余的参数：B"),
        (["--bogus", "due"], "没有选项 --bogus（用法："),
    ],
)
def test_a_usage_error_is_one_chinese_line_and_exit_2(cli, args, expected) -> None:
    r = cli(*args)
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("错误：") and expected in lines[0]
    assert not ENGLISH.search(r.stderr), r.stderr
    assert r.stdout == ""


def test_a_usage_error_writes_nothing(cli) -> None:
    assert (
        cli(
            "request",
            "add",
            "--received",
            "2026-11-20",
            "--channel",
            "online",
            "--applicant",
            "张伟",
            "--type",
            "自然人",
            "--subject",
            "医保目录",
            "--bogus",
        ).exit_code
        == 2
    )
    assert cli("request", "list", "--json").json() == []


def test_no_arguments_still_shows_the_help(cli) -> None:
    r = cli("request")
    assert "extend" in r.stdout + r.stderr and "错误" not in r.stderr


def test_the_usage_hint_names_the_command_as_typed(cli) -> None:
    r = cli("complaint", "reject", "X")
    assert r.stderr.strip().endswith(" complaint reject -h）")
