"""The clerk's terminal (issue 15): safe defaults, forgiving input, honest output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

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


@pytest.mark.parametrize(
    "url", ["sqlite:///{path}", "sqlite+pysqlite:///{path}", "sqlite:///file:{path}?mode=rwc&uri=true"]
)
def test_a_sqlite_url_to_a_missing_file_is_refused_like_a_missing_path(cli, tmp_path, monkeypatch, url) -> None:
    monkeypatch.chdir(tmp_path)
    named = url.format(path="typo.db")
    r = cli("--db", named, "due")
    assert r.exit_code == 1 and r.stderr.count("\n") == 1
    assert named in r.stderr and "不存在" in r.stderr and "db init" in r.stderr
    assert not (tmp_path / "typo.db").exists()
    ok(cli("--db", named, "db", "init"))  # the command that creates one still does
    assert (tmp_path / "typo.db").exists()
    assert ok(cli("--db", named, "due", "--json")).json() == []


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


def _run(cli, args: list[str], columns: int) -> str:  # noqa: ANN001
    """The command's output on a pipe to a terminal of ``columns`` (COLUMNS, as a shell sets it)."""
    return ok(cli(*args, env={"COLUMNS": str(columns), "NO_COLOR": "1"})).stdout


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
    out = _run(cli, command, columns)
    lines = out.splitlines()
    assert all(_width(x) <= columns for x in lines), [x for x in lines if _width(x) > columns]
    if command[0] != "show":  # show gives the full text
        assert len(lines) < 40  # the 1,800-character subject is one shortened cell, not a long row
    if command[0] != "complaint":
        assert "依申〔2026〕1号" in out
        assert ("2026-12-01" if command == ["due"] else "2026-12-18") in out  # a deadline, whole
    if command == ["request", "list"]:  # the subject shortened at 80; at 60 left out, and said so
        assert "…" in out if columns == 80 else "未显示：收到日期、类型、申请内容、承办处室" in out


def test_the_widths_of_many_texts_at_once_are_each_texts_width() -> None:
    """`due` measures its 20 000 case numbers at once (``text_widths``: wide characters
    counted by C string methods when every non-ASCII one among them is wide); the widths are
    ``text_width``'s, also when a narrow non-ASCII character (·, —, é) or a four-byte one
    (𠀀) turns up only in a later thousand, and for empty and ASCII texts."""
    from array import array

    from govinfo_cli.cli.render import text_width, text_widths

    numbers = [f"依申〔{2016 + i % 10}〕{i}号" for i in range(2500)]
    odd = ["阿依古丽·买买提", "依申—2026—1", "Café", "", "plain", "〔２０２６〕１号", "𠀀申1"]
    for texts in (numbers, numbers[:1500] + odd + numbers[:700], odd, ["abc", ""], []):
        assert text_widths(texts) == array("I", map(text_width, texts))


def _numbers(obj) -> list[str]:  # noqa: ANN001
    if isinstance(obj, dict):
        return [n for v in obj.values() for n in _numbers(v)]
    if isinstance(obj, bool) or not isinstance(obj, int | float):
        return []
    return [f"{obj:.4f}".rstrip("0").rstrip(".") if isinstance(obj, float) else str(obj)]


def _demo(cli, home: Path) -> None:  # noqa: ANN001
    ok(cli("--db", os.environ["GOVINFO_DB"], "demo"))


@pytest.mark.parametrize("columns", [60, 80])
def test_the_annual_report_screen_fits_the_terminal_and_shows_every_number(seeded, columns) -> None:
    cli = seeded(_demo)
    report = ok(cli("report", "annual", "2026", "--json")).json()
    out = _run(cli, ["report", "annual", "2026"], columns)
    lines = out.splitlines()
    assert all(_width(x) <= columns for x in lines), [x for x in lines if _width(x) > columns]
    shown = re.findall(
        r"(?<![\d.（])\d+(?:\.\d+)?(?![\d.]|号)", "\n".join(x for x in lines if not x.startswith(("电话", "地址")))
    )
    for section in ("section2", "section3", "section4"):
        for n in _numbers(report[section]):  # each number of the report, whole, as often as the report has it
            assert n in shown, (section, n)
            shown.remove(n)
    assert "列名简称：企业=商业企业" in out  # the abbreviated heads are explained
    assert "第二十条第（八）项" in out and "行政诉讼" in out


@pytest.mark.parametrize("columns", [60, 80, 140])
def test_the_annual_report_screen_keeps_section_4_in_the_forms_orientation(seeded, columns) -> None:
    """As the form: the results across (结果维持 … 总计), 行政复议 first, then 行政诉讼 over its
    two routes, each route's label whole; abbreviated heads are explained."""
    cli = seeded(_demo)
    s4 = ok(cli("report", "annual", "2026", "--json")).json()["section4"]
    out = _run(cli, ["report", "annual", "2026"], columns)
    part = out.split("四、政府信息公开行政复议、行政诉讼情况")[1].splitlines()
    heads = part[1].split()
    assert heads[1:] in (
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
        ["维持", "纠正", "其他", "未审结", "总计"],
    )
    keys = ["upheld", "corrected", "other", "pending", "total"]
    rows = {x.split()[0]: x.split()[1:] for x in part[2:6]}
    assert list(rows) == ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"]
    assert rows["行政诉讼"] == [] and part[4].startswith("  ")  # the routes stand under 行政诉讼
    for label, group in (("行政复议", "reconsideration"), ("未经复议直接起诉", "lawsuit_direct"),
                         ("复议后起诉", "lawsuit_after_reconsideration")):  # fmt: skip
        assert rows[label] == [str(s4[group][k]) for k in keys]
    if heads[1] == "维持":
        assert "列名简称：维持=结果维持" in out


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


def test_a_received_date_more_than_a_year_back_is_asked_at_a_terminal(cli, at_terminal) -> None:
    before = dump()
    r = cli("request", "add", "--received", "2025-11-01", *REQUEST, "--department", "基金监管股", input="n\n")
    assert r.exit_code == 1 and "一年以上" in r.stdout and "未写入任何内容" in r.stderr
    assert dump() == before
    ok(cli("request", "add", "--received", "2025-11-01", *REQUEST, "--department", "基金监管股", "--yes"))


def test_a_received_date_more_than_a_year_back_is_flagged_to_a_script(cli) -> None:
    r = ok(cli("request", "add", "--received", "2025-11-01", *REQUEST))
    assert "一年以上" in r.stderr and "--yes" in r.stderr
    assert "一年以上" not in ok(cli("request", "add", "--received", "2025-11-02", *REQUEST, "--yes")).stderr


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
        assert re.search(r"示例：\s*govinfo", text), path
        for english in ("Usage:", "Options", "Show this message and exit.", "[required]", "default:"):
            assert english not in text, (path, english)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_for_every_shell(cli, shell) -> None:
    script = ok(cli("completion", shell))
    assert "_GOVINFO_COMPLETE" in script.stdout and f"complete_{shell}" in script.stdout


def test_tab_completes_commands_through_the_installed_entry_point() -> None:
    env = {k: v for k, v in os.environ.items() if k != "GOVINFO_DB"}
    env.update(_GOVINFO_COMPLETE="complete_bash", COMP_WORDS="govinfo du", COMP_CWORD="1")
    done = subprocess.run([sys.executable, "-m", "govinfo_cli"], env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["due"]


def test_completion_is_not_set_up_at_start_up() -> None:
    """Typer's shell classes are registered (typer.completion.completion_init) only when a
    completion script is asked for or is calling, never for an ordinary command line."""
    probe = (
        "import sys, typer.completion\n"
        "calls = []\n"
        "typer.completion.completion_init = lambda: calls.append(1)\n"
        "from govinfo_cli.cli import main\n"
        "sys.argv = ['govinfo', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(len(calls))"
    )
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip().splitlines()[-1] == "0"
    env = {**os.environ, "_GOVINFO_COMPLETE": "complete_bash", "COMP_WORDS": "govinfo du", "COMP_CWORD": "1"}
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env)
    assert r.stdout.strip().splitlines()[-1] == "1"  # the probe sees a call when there is one


@pytest.mark.parametrize("other", [["--json"], ["--csv"], ["--format", "json"], ["--out", "x.md"]])
def test_due_check_refuses_another_output(cli, other) -> None:
    r = cli("due", "--check", *other)
    assert r.exit_code == 2 and "--check" in r.stderr and "互相矛盾" in r.stderr


def test_one_name_per_concept_group_by_and_decision(cli) -> None:
    assert "--group-by" in cli("report", "timeliness", "--help").stdout
    assert "--decision" in cli("disclosure", "decision", "--help").stdout


# 2. every setting validated when set; numbering patterns for every kind -----------------


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("case_number.pattern", "依申〔{year}〕号", "{seq}"),
        ("case_number.pattern", "依申〔{year}〕{seq:03d}号", "格式说明"),
        ("case_number.pattern", "依申〔{yr}〕{seq}号", "{yr}"),
        ("case_number.pattern", "依申〔{year}〕{seq}号{", "花括号"),
        ("case_number.pattern.complaint", "投诉{seq}{seq}", "{seq}"),
        ("duplicate.window_days", "abc", "整数"),
        ("duplicate.window_days", "99999", "整数"),
        ("profile", "no-such-profile", "规则配置"),
        ("no.such.key", "1", "未知设置"),
    ],
)
def test_a_bad_setting_is_refused_when_set_and_nothing_is_written(cli, key, value, says) -> None:
    before = dump()
    r = cli("config", "set", key, value)
    assert r.exit_code == 1 and says in r.stderr and r.stderr.count("\n") == 1
    assert dump() == before
    add_request(cli)  # the office still works


def test_config_get_of_an_unknown_key_exits_1(cli) -> None:
    r = cli("config", "get", "agency.nmae")
    assert r.exit_code == 1 and "agency.name" in r.stderr


def test_a_bad_pattern_stored_before_the_checks_is_refused_not_looped(cli) -> None:
    import sqlalchemy as sa

    from tests.conftest import engine_of

    engine = engine_of()
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO settings (key, value) VALUES ('case_number.pattern', '依申〔{year}〕号')"))
    r = cli("request", "add", "--received", "2026-11-20", *REQUEST)
    assert r.exit_code == 1 and "{seq}" in r.stderr


@pytest.mark.parametrize(
    ("kind", "args", "number"),
    [
        (
            "complaint",
            ("complaint", "accept", "--respondent", "某药房", "--summary", "刷卡套现"),
            "昌医保投诉〔2026〕1号",
        ),
        (
            "appeal",
            ("appeal", "reconsideration", "--request", "依申〔2025〕9号", "--external"),
            "昌医保复议诉讼〔2026〕1号",
        ),
        ("disclosure", ("disclosure", "formed", "--title", "2026年医保目录"), "昌医保公开〔2026〕1号"),
        ("opinion", ("opinion", "detect", "--at", "9:20", "--summary", "网传"), "昌医保舆情〔2026〕1号"),
    ],
)
def test_every_kind_has_its_own_numbering_pattern(cli, kind, args, number) -> None:
    ok(cli("config", "set", f"case_number.pattern.{kind}", number.replace("〔2026〕1号", "〔{year}〕{seq}号")))
    assert number in ok(cli(*args)).stdout


# 3. read commands never write -------------------------------------------------------------


def test_looking_ahead_with_due_stores_nothing_but_shows_the_yearly_duties(cli) -> None:
    add_request(cli)
    ok(cli("due"))  # the calendar snapshot (a cache of the built calendar) is stored once
    before = dump()
    items = ok(cli("--today", "2027-01-25", "due", "--json")).json()
    assert "年度报告〔2026〕" in [i["case"] for i in items]
    ok(cli("--today", "2027-01-25", "due"))
    assert dump() == before
    ok(cli("--today", "2027-01-25", "disclosure", "duty-done", "annual_report", "--year", "2026"))
    assert dump() != before  # a write command creates the duty case


# 12. an appeal about a request not in govinfo -----------------------------------------------


def test_an_appeal_about_a_request_not_in_govinfo_is_registered_and_its_reply_tracked(cli) -> None:
    r = cli("appeal", "reconsideration", "--request", "依申〔2024〕9号", "--date", "2026-11-20")
    assert r.exit_code == 1 and "--external" in r.stderr
    ok(cli("appeal", "reconsideration", "--request", "依申〔2024〕9号", "--external", "--date", "2026-11-20"))
    shown = ok(cli("show", "复议诉讼〔2026〕1号", "--json")).json()
    assert shown["deadlines"]["agency_reply"]["due"] == "2026-12-04"  # 10 working days
    assert [i["deadline"] for i in ok(cli("due", "--json")).json()] == ["agency_reply"]


# 4. one case-number normalisation ------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["依申【2026】1号", "依申(2026)1号", "依申（２０２６）１号", " 依申〔2026〕1号 ", "1", "1号"]
)
def test_every_spelling_of_a_case_number_finds_the_case(cli, typed) -> None:
    add_request(cli)
    assert ok(cli("show", typed, "--json")).json()["case"] == "依申〔2026〕1号"
    ok(cli("request", "extend", typed, "--days", "5", "--reason", "需调取档案"))


def test_case_spelt_otherwise_is_the_same_new_number_not_a_second_case(cli) -> None:
    ok(cli("request", "add", "--case", "依申【2026】7号", "--received", "2026-11-20", *REQUEST))
    r = cli("request", "add", "--case", "依申（２０２６）７号", "--received", "2026-11-20", *REQUEST)
    assert r.exit_code == 1
    assert [x["case"] for x in ok(cli("request", "list", "--json")).json()] == ["依申〔2026〕7号"]


def test_a_bare_number_shared_by_several_kinds_lists_them_and_a_near_miss_suggests(cli) -> None:
    add_request(cli)
    ok(cli("complaint", "accept", "--respondent", "某药房", "--summary", "刷卡套现"))
    ok(cli("complaint", "accept", "--respondent", "某药房", "--summary", "串换药品"))
    assert ok(cli("show", "1", "--json")).json()["case"] == "依申〔2026〕1号"  # the default kind
    r = cli("show", "2")
    assert r.exit_code == 1 and "投诉〔2026〕2号" in r.stderr
    r = cli("show", "依申〔2026〕11号")
    assert r.exit_code == 1 and "是否想找" in r.stderr and "依申〔2026〕1号" in r.stderr


# 11. feedback, local time, numeric order, suggestions, exit 3 through a pipe, Chinese errors --


def test_recording_says_what_was_recorded_and_what_it_means(cli) -> None:
    ok(cli("request", "add", "--received", "2026-11-01", *REQUEST))
    out = ok(
        cli("--today", "2026-12-10", "request", "reply", "1", "--date", "2026-12-10", "--outcome", "予以公开")
    ).stdout
    assert "已记录 2026-12-10 作出答复（予以公开）" in out
    assert "答复期限 2026-11-27，逾期 9 个工作日" in out
    ok(cli("request", "add", "--received", "2026-11-20", *REQUEST))
    out = ok(cli("request", "reply", "2", "--date", "2026-11-20", "--outcome", "予以公开")).stdout
    assert "答复期限 2026-12-18，按期" in out


def test_audit_times_are_local(cli, monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    import time

    time.tzset()
    try:
        add_request(cli)
        out = _run(cli, ["show", "依申〔2026〕1号", "--audit"], 200)
        stamp = ok(cli("show", "依申〔2026〕1号", "--json", "--audit")).json()["events"][0]["recorded_at"]
        import datetime as dt

        local = dt.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
        assert local in out and stamp not in out
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()  # the rest of this process's tests in the machine's zone again
        time.tzset()


def test_request_list_sorts_case_numbers_numerically(cli) -> None:
    for _ in range(11):
        add_request(cli)
    cases = [r["case"] for r in ok(cli("request", "list", "--json")).json()]
    assert cases[1] == "依申〔2026〕2号" and cases[-1] == "依申〔2026〕11号"


@pytest.mark.parametrize(("typed", "meant"), [("duee", "due"), ("reqest", "request"), ("calender", "calendar")])
def test_a_misspelled_command_suggests_the_right_one(cli, typed, meant) -> None:
    r = cli(typed)
    assert r.exit_code == 2 and f"没有命令 {typed}；是否想用 {meant}？" in r.stderr


def test_due_check_keeps_exit_3_when_piped_into_head(cli) -> None:
    ok(cli("request", "add", "--received", "2026-10-01", *REQUEST))
    ok(cli("request", "add", "--received", "2026-10-02", *REQUEST))
    env = {**os.environ, "COLUMNS": "80"}
    r = subprocess.run(
        f"{sys.executable} -m govinfo_cli due --check | head -1; echo ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.stdout.strip().splitlines()[-1] == "3" and "Traceback" not in r.stderr


def test_register_import_errors_are_chinese(cli, tmp_path) -> None:
    src = tmp_path / "r.csv"
    src.write_text(
        "编号,收到日期,渠道,申请人,申请人类型,申请内容\nI-1,2025-02-30,当面提交,张伟,自然人,x\n", encoding="utf-8"
    )
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and "列 收到日期" in r.stderr and "不是有效日期" in r.stderr
    assert "column" not in r.stderr and "is not" not in r.stderr


# 6. CSVs a person opens: Chinese headers and labels, BOM, gb18030/gbk, format from --out ------


def _csv(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(path.read_bytes().decode(encoding))))


@pytest.mark.parametrize(
    ("args", "header"),
    [
        (("due", "--csv"), ["编号", "类别", "期限", "到期日", "剩余工作日"]),
        (("request", "list", "--csv"), ["编号", "收到日期", "申请人", "申请人类型"]),
        (("report", "timeliness", "2026", "--csv"), ["分组", "答复", "按期"]),
    ],
)
def test_csv_files_have_chinese_headers_and_a_bom(cli, tmp_path, args, header) -> None:
    add_request(cli)
    out = tmp_path / "x.csv"
    ok(cli(*args, "--out", str(out)))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _csv(out)
    assert rows[0][: len(header)] == header
    assert not any(c in ("request", "open", "natural_person", "reply") for row in rows for c in row)


def test_gbk_is_accepted_as_gb18030(cli, tmp_path) -> None:
    add_request(cli)
    out = tmp_path / "x.csv"
    ok(cli("request", "list", "--out", str(out), "--encoding", "gbk"))
    assert _csv(out, "gb18030")[1][0] == "依申〔2026〕1号"


@pytest.mark.parametrize("register", ["complaints", "appeals", "disclosures"])
def test_other_registers_write_chinese_labels_and_json_keeps_codes(cli, tmp_path, register) -> None:
    add_request(cli)
    ok(cli("complaint", "accept", "--respondent", "某药房", "--summary", "刷卡套现"))
    ok(cli("appeal", "reconsideration", "--request", "1", "--date", "2026-11-20"))
    ok(cli("disclosure", "formed", "--title", "2026年医保目录", "--date", "2026-11-20"))
    out = tmp_path / "x.csv"
    ok(cli("export", register, "--out", str(out)))
    cells = {c for row in _csv(out)[1:] for c in row}
    assert "办理中" in cells and not cells & {"open", "closed", "reconsideration", "public"}
    data = ok(cli("export", register, "--json")).json()
    assert data[0]["status"] == "open"


def test_out_xlsx_without_format_writes_xlsx_and_a_contradiction_is_refused(cli, tmp_path) -> None:
    add_request(cli)
    book = tmp_path / "登记簿.xlsx"
    ok(cli("export", "requests", "--out", str(book)))
    assert book.read_bytes()[:2] == b"PK"
    r = cli("export", "requests", "--csv", "--out", str(tmp_path / "x.xlsx"))
    assert r.exit_code == 2 and "互相矛盾" in r.stderr and not (tmp_path / "x.xlsx").exists()
