"""The edge of the input (issue 18): each field's declared type, registers that cannot be
read as their header's columns, and every file or disk failure as one line and exit 1."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govinfo_cli.core import fields
from govinfo_cli.core.errors import WriteError
from tests.conftest import dump, ok

ROOT = Path(__file__).resolve().parents[1]
HEADER = "编号,收到日期,渠道,申请人,申请人类型,证件号码,联系方式,申请内容,承办处室,答复期限,答复日期,办理结果,备注"
ROW = "R-{n},2025-03-05,互联网,王芳,自然人,,,医保基金支出明细,办公室,,2025-03-20,予以公开,"


def _line(**over: object) -> str:
    line = {
        "case": "E-1",
        "kind": "request",
        "type": "received",
        "date": "2026-11-02",
        "channel": "online",
        "applicant": "王芳",
        "applicant_type": "natural_person",
        "subject": "医保基金支出明细",
    }
    line.update(over)
    return json.dumps(line, ensure_ascii=True) + "\n"


def _import_lines(cli, tmp_path: Path, text: str | bytes):  # noqa: ANN001, ANN202
    src = tmp_path / "lines.jsonl"
    src.write_bytes(text if isinstance(text, bytes) else text.encode())
    return cli("import", "events", str(src))


# --------------------------------------------------------------------------
# Field types (core.fields)
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["王\x00芳", "王\x1b[31m芳", "王\u202e芳", "王\ud800芳", "王\x85芳", "\x0b王芳", "王\t芳"]
)
def test_one_line_text_refuses_control_characters_and_lone_surrogates(value) -> None:
    with pytest.raises(ValueError, match="控制字符或无效字符"):
        fields.text_field()(value)


def test_long_text_keeps_its_tabs_and_newlines_but_not_other_controls() -> None:
    long = fields.text_field(5000, multiline=True)
    assert long("第一行\n第二行\t续") == "第一行\n第二行\t续"
    with pytest.raises(ValueError):
        long("第一行\x07")


@pytest.mark.parametrize("value", [1.5, 42, ["王芳"], {"a": 1}, True])
def test_a_number_or_a_list_is_not_text(value) -> None:
    with pytest.raises(ValueError, match="应为文本"):
        fields.text_field()(value)


def test_text_longer_than_its_declared_limit_is_refused() -> None:
    assert fields.text_field(4)("一二三四") == "一二三四"
    with pytest.raises(ValueError, match="过长"):
        fields.text_field(4)("一二三四五")


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e999", float("inf"), "-1", "1.005", 1e12, "x"])
def test_an_amount_must_be_finite_not_negative_in_fen_and_bounded(value) -> None:
    with pytest.raises(ValueError):
        fields.amount_field(value)


def test_amounts_in_yuan_and_fen_are_taken() -> None:
    assert fields.amount_field("120.50") == 120.5 and fields.amount_field(340) == 340


@pytest.mark.parametrize("value", ["5.0", 5.5, "1_0", "٥", True, 10**30, "1" * 5000])
def test_an_integer_is_ascii_digits_or_a_json_integer(value) -> None:
    with pytest.raises(ValueError):
        fields.integer_field(1, 20)(value)


@pytest.mark.parametrize("value", ["2026/11/2", "2026年11月2日", "20261102", "２０２６-１１-０２", "2026-11-2"])
def test_event_lines_spell_dates_yyyy_mm_dd_only(value) -> None:
    with pytest.raises(ValueError):
        fields.iso_date_field(value)
    assert fields.date_field(value) == "2026-11-02"  # registers and options take them


@pytest.mark.parametrize("value", ["0001-01-01", "1999-12-31", "2101-01-01"])
def test_no_date_before_2000_or_after_2100(value) -> None:
    with pytest.raises(ValueError, match="范围"):
        fields.date_field(value)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a": {"b": {"c": {"d": 1}}}}',
        '{"amount": NaN}',
        '{"amount": 1e999}',
        '{"n": ' + "1" * 5000 + "}",
        '{"case": "a", "case": "b"}',
        "[1, 2]",
    ],
)
def test_an_event_line_is_a_flat_json_object_of_finite_values(text) -> None:
    with pytest.raises(ValueError):
        fields.json_object(text)


# --------------------------------------------------------------------------
# Event lines through the CLI
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("over", "said"),
    [
        ({"applicant": 1.5}, "字段 applicant: 应为文本，不是数字 1.5"),
        ({"applicant": ["王芳"]}, "字段 applicant: 应为文本，不是列表"),
        ({"applicant": "王\u0000芳"}, "U+0000"),
        ({"subject": "x\ud800"}, "孤立代理项"),
        ({"arrival_date": "0001-01-01"}, "早于工作日历范围"),
        ({"arrival_date": "1999-12-31"}, "早于工作日历范围"),
        ({"arrival_date": "2026/10/30"}, "YYYY-MM-DD"),
        ({"date": "1999-12-31"}, "早于工作日历范围"),
        ({"case": 12}, "字段 case: 应为文本"),
        ({"kind": ["request"]}, "字段 kind: 应为文本"),
    ],
)
def test_a_wrong_field_in_an_event_line_is_refused_naming_line_and_field(cli, tmp_path, over, said) -> None:
    ok(cli("db", "upgrade"))
    before = dump()
    r = _import_lines(cli, tmp_path, _line(case="OK-1") + _line(**over))
    assert r.exit_code == 1 and "line 2: " in r.stderr and said in r.stderr
    assert dump() == before


def _amendment(changes: dict[str, object]) -> str:
    line = {"case": "E-1", "kind": "request", "type": "amended", "date": "2026-11-05", "amends": 1}
    return json.dumps({**line, "fields": changes, "reason": "录入有误"}, ensure_ascii=True) + "\n"


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"applicant": "王\x00芳"}, "字段 applicant: 第 2 个字符是控制字符"),
        ({"channel": "信鸽"}, "字段 channel: 未知取值"),
        ({"date": "2026/11/3"}, "字段 date:"),
        ({"date": "1999-12-31"}, "早于工作日历范围"),
        ({"arrival_date": 20261101}, "字段 arrival_date: 应为日期文本"),
        ({"outcome": "disclosed"}, "没有字段 'outcome'"),
    ],
)
def test_an_amendment_value_is_checked_as_the_field_it_replaces(cli, tmp_path, changes, said) -> None:
    ok(cli("db", "upgrade"))
    ok(_import_lines(cli, tmp_path, _line()))
    before = dump()
    fix = _amendment(changes)
    r = _import_lines(cli, tmp_path, fix)
    assert r.exit_code == 1 and "line 1: " in r.stderr and said in r.stderr, r.stderr
    assert dump() == before


def test_an_amendment_value_is_stored_in_its_canonical_form(cli, tmp_path) -> None:
    ok(cli("db", "upgrade"))
    ok(_import_lines(cli, tmp_path, _line()))
    fix = _amendment({"channel": "邮寄"})
    ok(_import_lines(cli, tmp_path, fix))
    assert '"channel": "post"' in ok(cli("export", "events")).stdout


def test_an_amount_of_1e999_or_nan_is_a_refusal_not_a_traceback(cli, tmp_path) -> None:
    for amount in ("1e999", "NaN", '"NaN"', '"Infinity"'):
        fee = '{"case": "E-1", "kind": "request", "type": "fee_notice_received", "date": "2026-11-05", "amount": %s}'
        r = _import_lines(cli, tmp_path, _line() + fee % amount + "\n")
        assert r.exit_code == 1 and "line 2: " in r.stderr, amount


def test_deeply_nested_json_is_a_refusal_not_a_recursion_error(cli, tmp_path) -> None:
    r = _import_lines(cli, tmp_path, '{"case": "E-1", "x": ' + "[" * 20_000 + "]" * 20_000 + "}\n")
    assert r.exit_code == 1 and "line 1: JSON 嵌套过深" in r.stderr


def test_an_event_line_repeating_a_field_naming_a_bad_field_or_nesting_four_levels_is_refused() -> None:
    from govinfo_cli.core.fields import json_object

    with pytest.raises(ValueError, match="字段 'date' 出现了两次"):
        json_object('{"date": "2026-01-01", "case": "E-1", "date": "2026-01-02"}')
    assert json_object('{"case": "E-1", "x": [1, 2]}') == {"case": "E-1", "x": [1, 2]}
    for _ in range(2):  # also once the clean field names have been seen
        with pytest.raises(ValueError, match="控制字符或无效字符"):
            json_object('{"case": "E-1", "da\\u0007te": 1}')
    assert json_object('{"fields": {"a": {"b": 1}}}')  # three levels: an amendment's deepest
    with pytest.raises(ValueError, match="JSON 嵌套过深"):
        json_object('{"fields": {"a": {"b": [1]}}}')
    with pytest.raises(ValueError, match="JSON 嵌套过深"):
        json_object(' {"a": [[[1]]]}')


def test_event_lines_that_are_not_utf8_are_refused_with_their_line(cli, tmp_path) -> None:
    r = _import_lines(cli, tmp_path, _line().encode() + _line(case="E-2").encode().replace(b"E-2", b"E-\xff2"))
    assert r.exit_code == 1 and "lines.jsonl:2:" in r.stderr and "UTF-8" in r.stderr


def test_event_lines_are_read_as_a_stream_with_the_line_ends_of_a_text_file(tmp_path) -> None:
    import io

    from govinfo_cli.core.errors import ValidationError
    from govinfo_cli.formats.textfile import open_utf8

    src = tmp_path / "lines.jsonl"
    for raw in (b"\xef\xbb\xbfa\nb\r\nc\rd\n\n\xe4\xb8\xad\r\r", b"", b"x", "一\n二".encode()):
        src.write_bytes(raw)
        with open_utf8(src) as lines:  # the same lines as the whole file decoded, read lazily
            assert list(lines) == list(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    src.write_bytes(b'{"a": 1}\n{"b": "\xe4\xb8"}\n')
    with pytest.raises(ValidationError, match=r"lines.jsonl:2: 第 8 字节起不是有效的 UTF-8"), open_utf8(src) as lines:
        list(lines)


def test_an_option_with_a_control_character_or_undecodable_bytes_is_refused(cli) -> None:
    add = ["request", "add", "--subject", "x", "--channel", "online", "--type", "自然人"]
    for bad in ("王\x07芳", "王\udcff芳"):
        r = cli(*add, "--applicant", bad)
        assert r.exit_code == 1 and "含控制字符或无效字符" in r.stderr
    r = cli(*add, "--applicant", "王\n芳")  # a newline passes the argument check, not the field's
    assert r.exit_code == 1 and ("applicant" in r.stderr or "申请人" in r.stderr)


def test_an_operator_name_with_a_control_character_is_refused(cli, monkeypatch) -> None:
    monkeypatch.setenv("GOVINFO_USER", "测试\t员")
    r = cli("request", "add", "--applicant", "王芳", "--subject", "x", "--channel", "online", "--type", "自然人")
    assert r.exit_code == 1 and "经办人" in r.stderr


# --------------------------------------------------------------------------
# Registers
# --------------------------------------------------------------------------


def _register(cli, tmp_path: Path, text: str, encoding: str = "utf-8-sig"):  # noqa: ANN001, ANN202
    src = tmp_path / "reg.csv"
    src.write_bytes(text.encode(encoding))
    return src, cli("import", "requests", str(src))


def test_a_row_with_an_extra_cell_is_refused_with_the_counts_and_the_line(cli, tmp_path) -> None:
    ok(cli("db", "upgrade"))
    before = dump()
    rows = [ROW.format(n=1), ROW.format(n=2) + ",多出来的单元格", ROW.format(n=3)[:-1].rsplit(",", 1)[0]]
    src, r = _register(cli, tmp_path, "\r\n".join([HEADER, *rows]) + "\r\n")
    assert r.exit_code == 1
    assert f"{src}:3: 该行有 14 个单元格，表头有 13 个" in r.stderr
    assert f"{src}:4: 该行有 11 个单元格，表头有 13 个" in r.stderr
    assert dump() == before


@pytest.mark.parametrize(
    ("row", "why"),
    [
        ('R-2,2025-03-05,"互联网"网,王芳,自然人,,,x,,,,,', "引号后应紧跟逗号"),
        ('R-2,2025-03-05,"互联网,王芳', "引号未闭合"),
    ],
)
def test_malformed_quoting_is_a_refusal_with_the_line(cli, tmp_path, row, why) -> None:
    src, r = _register(cli, tmp_path, f"{HEADER}\r\n{ROW.format(n=1)}\r\n{row}\r\n")
    assert r.exit_code == 1 and f"{src}:3: CSV 格式错误：{why}" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("header", [HEADER + ",", HEADER.replace(",申请人,", ",,申请人,"), " ," + HEADER])
def test_a_blank_header_cell_is_refused(cli, tmp_path, header) -> None:
    src, r = _register(cli, tmp_path, header + "\r\n")
    assert r.exit_code == 1 and f"{src}:1: 列" in r.stderr and "表头为空" in r.stderr


def test_control_characters_in_register_cells_are_refused_naming_the_cell(cli, tmp_path) -> None:
    for encoding in ("utf-8-sig", "gb18030"):
        row = ROW.format(n=1).replace("王芳", "王\x0b芳")
        src, r = _register(cli, tmp_path, f"{HEADER}\r\n{row}\r\n", encoding)
        assert r.exit_code == 1 and f"{src}:2: 列 申请人:" in r.stderr and "U+000B" in r.stderr


def test_a_utf8_register_with_one_bad_byte_is_not_read_as_gb18030(cli, tmp_path) -> None:
    src = tmp_path / "reg.csv"
    good = f"{HEADER}\r\n{ROW.format(n=1)}\r\n".encode()
    src.write_bytes(good + ROW.format(n=2).encode().replace("王".encode(), b"\xed\xa0\x80") + b"\r\n")
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and f"{src}:3:" in r.stderr and "UTF-8" in r.stderr


def test_a_register_date_before_2000_is_refused_naming_the_cell(cli, tmp_path) -> None:
    src, r = _register(cli, tmp_path, f"{HEADER}\r\n{ROW.format(n=1).replace('2025-03-20', '1999/12/31')}\r\n")
    assert r.exit_code == 1 and f'{src}:2: 列 答复日期: "1999/12/31"' in r.stderr


# --------------------------------------------------------------------------
# Files and disks
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["export", "events", "--out", "/dev/full"],
        ["export", "requests", "--out", "/dev/full"],
        ["export", "requests", "--format", "xlsx", "--out", "/dev/full"],
        ["due", "--ics", "/dev/full"],
    ],
)
def test_a_full_disk_is_one_line_and_exit_1(cli, args) -> None:
    ok(cli("import", "events", str(ROOT / "sample_data" / "events.jsonl")))
    r = cli(*args)
    assert r.exit_code == 1 and r.stderr.strip() == "错误：无法写入 /dev/full：磁盘已满（No space left on device）"


def test_a_backup_under_a_regular_file_is_one_line_and_exit_1(cli, db_path, tmp_path) -> None:
    ok(cli("db", "upgrade"))
    (tmp_path / "a-file").write_text("x")
    r = cli("db", "backup", str(tmp_path / "a-file" / "b.db"))
    assert r.exit_code == 1 and "路径中有一段不是目录" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_a_failing_backup_leaves_no_file_behind(cli, db_path, tmp_path, monkeypatch) -> None:
    from govinfo_cli.store import db

    ok(cli("db", "upgrade"))
    real = db.backup

    def half(engine, dest) -> None:  # noqa: ANN001
        real(engine, dest)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(db, "backup", half)
    out = tmp_path / "out"
    out.mkdir()
    r = cli("db", "backup", str(out / "b.db"))
    assert r.exit_code == 1 and "磁盘已满" in r.stderr
    assert list(out.iterdir()) == []


def test_a_write_that_fails_half_way_leaves_the_old_file_and_no_temporary(tmp_path) -> None:
    from govinfo_cli.app.files import atomic_open

    target = tmp_path / "登记簿.csv"
    target.write_text("旧内容", encoding="utf-8")
    with pytest.raises(WriteError, match="磁盘已满"), atomic_open(target) as fh:
        fh.write(b"half of it")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert target.read_text(encoding="utf-8") == "旧内容" and sorted(set(os.listdir(tmp_path)) - {"govinfo.db"}) == [
        "登记簿.csv"
    ]


def test_no_permission_to_replace_the_file_is_one_clear_error(tmp_path, monkeypatch) -> None:
    from govinfo_cli.app import files

    def refuse(*_a: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(WriteError, match="权限不足"):
        files.atomic_write_text(tmp_path / "x.csv", "a")
    assert sorted(set(os.listdir(tmp_path)) - {"govinfo.db"}) == []


def _govinfo(*args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:  # noqa: ANN001
    return subprocess.run(
        [sys.executable, "-m", "govinfo_cli", *args], stdout=stdout, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )


def test_output_to_a_full_disk_never_exits_0(cli) -> None:
    ok(cli("db", "upgrade"))
    for args in (["due"], ["export", "requests"]):
        with open("/dev/full", "w") as full:
            p = _govinfo(*args, stdout=full)
        assert p.returncode == 1 and p.stderr.strip() == "错误：输出失败：磁盘已满（No space left on device）"


def test_a_database_that_is_not_one_or_is_newer_or_read_only_is_one_line(cli, db_path, tmp_path) -> None:
    import sqlite3

    from govinfo_cli.store.db import HEAD

    ok(cli("db", "upgrade"))
    junk = tmp_path / "junk.db"
    junk.write_text("不是数据库" * 100)
    r = cli("--db", str(junk), "due")
    assert r.exit_code == 1 and "file is not a database" in r.stderr
    with sqlite3.connect(db_path) as c:
        c.execute("UPDATE alembic_version SET version_num = '9999'")
    r = cli("due")
    assert r.exit_code == 1 and "架构版本 9999 由更新版本的 govinfo 写入" in r.stderr
    with sqlite3.connect(db_path) as c:
        c.execute("UPDATE alembic_version SET version_num = ?", (HEAD,))
    ro = f"sqlite:///file:{db_path}?mode=ro&uri=true"
    r = cli(
        "--db", ro, "request", "add", "--applicant", "王芳", "--subject", "x", "--channel", "online", "--type", "自然人"
    )
    assert r.exit_code == 1 and "数据库只读" in r.stderr and "未写入任何内容" in r.stderr


@pytest.mark.parametrize(
    ("toml", "said"),
    [
        ('name = "x\nmilestones = [1', "不是有效的 TOML"),
        ('transfer_wd = "abc"\n', "transfer_wd"),
        ("milestones = 1\n", "true 或 false"),
    ],
)
def test_a_broken_or_mistyped_rule_profile_is_refused_when_set(cli, tmp_path, toml, said) -> None:
    prof = tmp_path / "local.toml"
    prof.write_text(toml, encoding="utf-8")
    r = cli("config", "set", "profile", str(prof))
    assert r.exit_code == 1 and said in r.stderr and "Traceback" not in r.stderr


def test_an_unlock_reason_is_checked_like_any_long_text(cli) -> None:
    add = ["request", "add", "--applicant", "王芳", "--subject", "x", "--channel", "online", "--type", "自然人"]
    ok(cli(*add, "--case", "U-1", "--received", "2025-03-05"))
    ok(cli("report", "lock", "2025"))
    r = cli("request", "extend", "U-1", "--date", "2025-03-10", "--days", "5", "--reason", "x", "--unlock-reason", " ")
    assert r.exit_code == 1 and r.stderr.strip() == "错误：--unlock-reason: 不能为空"


def test_a_database_path_under_a_regular_file_is_one_line(cli, tmp_path) -> None:
    (tmp_path / "a-file").write_text("x")
    r = cli("--db", str(tmp_path / "a-file" / "g.db"), "due")  # a database named by --db must exist
    assert r.exit_code == 1 and "不存在" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = cli("--db", str(tmp_path / "a-file" / "g.db"), "db", "init")  # creating it there cannot work
    assert r.exit_code == 1 and r.stderr.strip().endswith("路径中有一段不是目录")
