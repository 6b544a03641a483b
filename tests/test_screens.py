"""The clerk's screens in a real terminal (issue 25): `calendar show`, `show --explain`,
`config list`, `audit` and `request list`, run as a child process on a pseudo-terminal of
80 and 60 columns, fit it: no line wider than the terminal, no rich markup printed or typed
text eaten as markup, no date, time or case number split across lines, and a table that
leaves columns out says which (and that --wide shows them). The terminal runs are marked
slow (`python -m pytest -m slow tests/test_screens.py`); the wrapping and column rules they
rest on are checked in-process in the fast suite."""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios

import pytest
from rich.cells import cell_len  # the terminal's measure, not the renderer's own
from typer.testing import CliRunner

TODAY = "2026-11-20"
CASE = "昌医保依申〔2026〕90号"  # two consultations, an extension, a late entry, an amendment
# typed text with brackets: shown as typed, never taken for markup
TYPED = "按[b]档案法[/b]调取，见附件a[1]"
TYPED_TOKENS = {"[b]", "[/b]", "[1]"}
LONG_SUBJECT = (
    "关于昌宁县2019年至2026年全部定点医药机构（含县人民医院、县中医医院及各乡镇卫生院）医保基金结算明细、"
    "违规费用追回情况、行政处罚决定书（昌医保罚〔2026〕9号）及整改报告的公开申请"
)


def _run(db: str, *args: str) -> None:
    from govinfo_cli.cli import app

    r = CliRunner().invoke(app, ["--db", db, "--today", TODAY, "--by", "测试员", *args], catch_exceptions=False)
    assert r.exit_code == 0, r.stderr


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo office, with a case of long names, two consultations, an extension, a late
    entry and an amendment; a case whose subject has brackets; a voided case; the Xinjiang
    regional calendar. Built once for the module."""
    db = str(tmp_path_factory.mktemp("screens") / "office.db")
    _run(db, "demo")
    add = ("request", "add", "--channel", "邮寄", "--type", "法律服务机构")
    _run(db, *add, "--case", CASE, "--received", "2026-10-09", "--subject", LONG_SUBJECT,
         "--applicant", "云南永昌律师事务所（特殊普通合伙）昌宁分所",
         "--department", "医疗保障事务中心待遇审核与基金稽核科")  # fmt: skip
    _run(db, "request", "consult", CASE, "--date", "2026-10-12", "--party", "第三方",
         "--name", "昌宁县民生大药房连锁有限公司第十二分店")  # fmt: skip
    _run(db, "request", "consult", CASE, "--date", "2026-10-13", "--party", "其他机关",
         "--name", "保山市医疗保障局基金监管科")  # fmt: skip
    _run(db, "request", "consult-answered", CASE, "--date", "2026-10-20", "--party", "第三方", "--opinion", "同意公开")
    _run(db, "request", "extend", CASE, "--date", "2026-11-02", "--days", "20",
         "--reason", f"涉及八个年度的结算数据，{TYPED}（经局长2026-11-02同意）")  # fmt: skip
    _run(db, "request", "transfer", CASE, "--date", "2026-10-10", "--department", "基金监管股",
         "--entered-late", "转办单据2026-11-05才交回办公室登记")  # fmt: skip
    _run(db, "amend", CASE, "1", "--reason", "申请人名称录错，按申请书原件更正",
         "--applicant", "云南永昌律师事务所（特殊普通合伙）昌宁县分所")  # fmt: skip
    _run(db, *add, "--case", "昌医保依申〔2026〕91号", "--received", "2026-11-16", "--applicant", "Zhang [Wei]",
         "--subject", f"文件{TYPED}")  # fmt: skip
    _run(db, *add, "--case", "昌医保依申〔2026〕92号", "--received", "2026-11-17", "--applicant", "李四",
         "--subject", "重复登记")  # fmt: skip
    _run(db, "void", "昌医保依申〔2026〕92号",
         "--reason", "同一申请重复登记，见昌医保依申〔2026〕91号（2026-11-16收到）")  # fmt: skip
    _run(db, "config", "set", "calendar.region", "xinjiang")
    return db


def on_terminals(db: str, runs: list[tuple[int, tuple[str, ...]]]) -> list[list[str]]:
    """What each ``govinfo ARGS`` shows on a terminal ``columns`` wide (stdout and stderr,
    as the clerk sees them), one entry a line, escape sequences removed. The commands run
    side by side, each on its own pseudo-terminal."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "GOVINFO_DB")}
    env |= {"GOVINFO_TODAY": TODAY, "GOVINFO_USER": "测试员", "TERM": "xterm-256color"}
    running = {}
    for columns, args in runs:
        master, child = os.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
        run = [sys.executable, "-m", "govinfo_cli", "--db", db, *args]
        proc = subprocess.Popen(run, stdin=child, stdout=child, stderr=child, env=env, close_fds=True)
        os.close(child)
        running[master] = (proc, bytearray())
    try:
        reading = set(running)
        while reading:
            ready = select.select(list(reading), [], [], 120)[0]
            assert ready, "no output for 120 s"
            for master in ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child has gone and closed its terminal
                    chunk = b""
                if chunk:
                    running[master][1].extend(chunk)
                else:
                    reading.discard(master)
    finally:
        for master in running:
            os.close(master)
    screens = []
    for proc, out in running.values():
        assert proc.wait(timeout=120) == 0, out.decode(errors="replace")
        text = out.decode().replace("\r\n", "\n")
        assert "\x1b[" in text  # a terminal: the screen is in colour
        screens.append(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text).splitlines())
    return screens


SCREENS = {
    "calendar show": ("calendar", "show", "2025-06"),
    "show --explain": ("show", CASE, "--explain"),
    "config list": ("config", "list"),
    "audit": ("audit",),
    "request list": ("request", "list"),
}
MARKUP = re.compile(r"\[/?[a-z#@][^\[\]]*\]|\[/\]")  # what rich would take for a tag
PART_OF_A_DATE = re.compile(r"(?<![A-Za-z-])[\d-]*\d[\d-]*")  # (not UTF-8)
PART_OF_A_TIME = re.compile(r"[\d:]*\d:[\d:]*|\d+:")


def split_fragments(line: str) -> list[str]:
    """Pieces of a date, time or case number that is not whole on this line."""
    bad = [x for x in PART_OF_A_DATE.findall(line) if "-" in x and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", x)]
    bad = [x for x in bad if not re.fullmatch(r"\d{3,4}-\d{7,8}", x)]  # a telephone number
    bad += [x for x in PART_OF_A_TIME.findall(line) if not re.fullmatch(r"\d{2}:\d{2}(:\d{2})?", x)]
    for number in re.findall(r"\w*〔\d[\d〕]*号?", line):  # 昌医保…〔2026〕5号, or a yearly duty's 年度报告〔2025〕
        if not (re.search(r"昌医保\w{1,4}〔\d{4}〕\d+号$", number) or re.fullmatch(r"[^\W\d]{2,8}〔\d{4}〕", number)):
            bad.append(number)
    bad += re.findall(r"(?:^|\s)〕|(?:^|[\s│])\d*号", line)  # the end of one
    return bad


@pytest.fixture(scope="module")
def screens(office: str) -> dict[tuple[str, int], list[str]]:
    runs = [(columns, args) for args in SCREENS.values() for columns in (80, 60)]
    keys = [(name, columns) for name in SCREENS for columns in (80, 60)]
    return dict(zip(keys, on_terminals(office, runs), strict=True))


@pytest.mark.slow  # ten child processes on terminals: ~8 s of CPU, most of it their start-up
@pytest.mark.parametrize("columns", [80, 60])
@pytest.mark.parametrize("name", list(SCREENS))
def test_a_screen_fits_the_terminal_without_markup_or_a_split_date(screens, name, columns) -> None:
    lines = screens[name, columns]
    assert len(lines) > 5
    too_wide = [x for x in lines if cell_len(x) > columns]
    assert not too_wide, too_wide
    tags = {t for x in lines for t in MARKUP.findall(x)}
    assert tags <= TYPED_TOKENS, tags - TYPED_TOKENS  # only what the clerk typed, as typed
    split = [(x, bad) for x in lines if (bad := split_fragments(x))]
    assert not split, split


@pytest.mark.slow  # ten child processes on terminals: ~8 s of CPU, most of it their start-up
def test_the_case_screen_shows_every_deadline_event_and_typed_bracket(screens) -> None:
    for columns in (80, 60):
        text = "\n".join(screens["show --explain", columns])
        for date in ("2026-10-19", "2026-12-25", "2026-11-02", "2026-11-03", "2026-10-12", "2026-10-20"):
            assert date in text, (columns, date)
        for word in ("补录：#6 2026-10-10", "更正：#7 更正了 #1", "征求第三方意见", "征求其他机关意见", "延期答复"):
            assert word in text, (columns, word)
        assert TYPED_TOKENS <= set(re.findall(r"\[[^\[\]]*\]", text))  # not eaten as markup
        assert "未显示：代码" in text and "--wide" in text  # the code column, left out, is named


@pytest.mark.slow  # ten child processes on terminals: ~8 s of CPU, most of it their start-up
def test_a_table_that_leaves_columns_out_says_which_and_names_wide(screens) -> None:
    at_60 = "\n".join(screens["request list", 60])
    assert "未显示：收到日期、类型、申请内容、承办处室" in at_60 and "--wide" in at_60
    assert "未显示" not in "\n".join(screens["calendar show", 60])  # nothing left out: no note
    calendar = "\n".join(screens["calendar show", 60])
    assert "2025-06-06 ※新疆维吾尔自治区" in calendar and "古尔邦节" in calendar


def test_wide_shows_every_column_and_leaves_rows_to_the_terminal(office, monkeypatch) -> None:
    from govinfo_cli.cli import app

    monkeypatch.setenv("COLUMNS", "60")
    narrow = CliRunner().invoke(app, ["--db", office, "request", "list"]).stdout
    wide = CliRunner().invoke(app, ["--db", office, "request", "list", "--wide"]).stdout
    head = wide.splitlines()[1].split()
    assert head == ["编号", "收到日期", "申请人", "类型", "申请内容", "承办处室", "答复期限", "状态"]
    assert "未显示" in narrow and "未显示" not in wide
    assert max(map(cell_len, wide.splitlines())) > 60 >= max(map(cell_len, narrow.splitlines()))
    assert "关于昌宁县2019年至2026年全部定点医药机构（含县人民医院、县中医医院及各乡镇卫生院）" in wide


PROSE = (
    "补录：#6 2026-10-10 转交承办处室，录入时本案已记录至2026-11-02 17:05；理由：见昌医保依申〔2026〕91号"
    "（2026-11-16收到），第三方“昌宁县民生大药房连锁有限公司第十二分店”自收到征求意见书之日起15个工作日内提出意见"
)


@pytest.mark.parametrize("fill", [False, True])
def test_wrapped_prose_never_splits_a_date_time_or_case_number_at_any_width(fill) -> None:
    from govinfo_cli.cli.render import wrap

    whole = ["2026-10-10", "2026-11-02", "17:05", "昌医保依申〔2026〕91号", "2026-11-16", "15"]
    for width in range(24, 121):
        lines = wrap(PROSE, width, "  ", fill=fill)
        assert all(cell_len(x) <= width for x in lines), (width, lines)
        assert "".join(x.removeprefix("  ") for x in lines).replace(" ", "") == PROSE.replace(" ", "")
        for token in whole:
            assert any(token in x for x in lines), (width, token, lines)
        assert not any(x.lstrip()[:1] in "，、；：。）”" for x in lines[1:]), (width, lines)


def test_a_narrow_table_leaves_columns_out_in_the_stated_order_and_says_so(monkeypatch, capsys) -> None:
    from govinfo_cli.cli import render

    monkeypatch.setenv("COLUMNS", "40")
    t = render.table("列表", "编号", "日期", "内容", "处室", "状态", drop=(3, 1))
    t.add_row("昌医保依申〔2026〕1号", "2026-11-20", "基金支出明细" * 3, "基金监管股", "办理中")
    t.print()
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split() == ["编号", "内容", "状态"]
    assert "未显示：日期、处室" in lines[-2]  # a table without --wide: its note does not offer it
    assert "--wide" not in lines[-2]
    assert all(cell_len(x) <= 40 for x in lines)
