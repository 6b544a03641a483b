"""Registers (登记簿): export and batch import that survive real spreadsheets."""

from __future__ import annotations

import csv
import io

import pytest

from tests.builders import add_request
from tests.conftest import dump, new_db, ok, query

HEADER_CN = "编号,收到日期,渠道,申请人,申请人类型,证件号码,联系方式,申请内容,承办处室,答复期限,答复日期,办理结果,备注"
HEADER_CODES = (
    "case,received,channel,applicant,applicant_type,id_number,contact,subject,department,reply_due,replied,outcome,note"
)
VALID_ID = "110101199003074514"


ROWS_CN = [
    "昌医保依申〔2025〕1号,2025-03-05,当面提交,张伟,自然人,110101199003074514,13812345678,医保基金支出明细,办公室,,2025/3/20,予以公开,",
    "昌医保依申〔2025〕2号,2025/3/6,互联网,某医药公司,商业企业,,,定点药店名单,基金监管股,,2025.3.28,部分公开,涉及商业秘密",
    "昌医保依申〔2025〕3号,2025年3月7日,邮寄,李娜,自然人,,,集中采购结果,,,２０２５０４０１,不予公开-保护第三方合法权益,",
    "昌医保依申〔2025〕4号, 20250310 ,电子邮件,某研究院,科研机构,,,DRG评估报告,,,,,",
]


def write(path, header: str, rows: list[str], encoding: str) -> None:  # noqa: ANN001
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode(encoding))


def test_gb18030_file_with_chinese_headers_and_mixed_date_spellings(cli, tmp_path) -> None:
    src = tmp_path / "台账.csv"
    write(src, HEADER_CN, ROWS_CN, "gb18030")
    r = ok(cli("import", "requests", str(src), "--json"))
    assert r.json()["imported"] == 4 and r.json()["closed_without_reason"] == 1
    shown = cli("show", "昌医保依申〔2025〕3号", "--json", "--reveal").json()
    assert shown["status"] == "closed" and shown["outcome"] == "withheld:third_party"
    assert [e["date"] for e in shown["events"]] == ["2025-03-07", "2025-04-01"]
    open_row = cli("show", "昌医保依申〔2025〕4号", "--json").json()
    assert open_row["status"] == "open" and open_row["deadlines"]["reply"]["due"] == "2025-04-08"  # 04-04 清明


def test_utf8_with_bom_and_code_headers(cli, tmp_path) -> None:
    src = tmp_path / "r.csv"
    write(
        src,
        HEADER_CODES,
        [
            "R-1,2025-03-05,in_person,张伟,natural_person,,,x,,,2025-03-06,disclosed,",
            "R-2,2025-03-05,online,某公司,business,,,y,,,,,",
        ],
        "utf-8-sig",
    )
    assert ok(cli("import", "requests", str(src), "--json")).json()["imported"] == 2
    assert cli("show", "R-1", "--json").json()["outcome"] == "disclosed"


def test_three_bad_rows_are_reported_by_line_and_nothing_is_written(cli, tmp_path) -> None:
    ok(cli("db", "upgrade"))
    src = tmp_path / "bad.csv"
    write(
        src,
        HEADER_CN,
        [
            ROWS_CN[0],
            "B-2,2025-02-30,互联网,王芳,自然人,,,x,,,,,",
            ROWS_CN[1],
            "B-4,2025-03-05,微信,王芳,自然人,,,x,,,,,",
            "B-5,2025-03-05,互联网,王芳,外星人,,,x,,,,,",
        ],
        "utf-8-sig",
    )
    before = dump()
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1
    assert f'{src}:3: 列 收到日期: "2025-02-30" 不是有效日期' in r.stderr
    assert f"{src}:5: 列 渠道" in r.stderr and f"{src}:6: 列 申请人类型" in r.stderr
    assert f"{src}:2:" not in r.stderr and f"{src}:4:" not in r.stderr
    assert dump() == before


def test_bad_id_check_digit_in_a_register_is_an_error_naming_the_cell(cli, tmp_path) -> None:
    src = tmp_path / "id.csv"
    write(src, HEADER_CN, ["X-1,2025-03-05,互联网,王芳,自然人,110101199003074515,,x,,,,,"], "utf-8")
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and "列 证件号码" in r.stderr and "校验位" in r.stderr


def test_dry_run_writes_nothing_and_reimport_adds_nothing(cli, tmp_path) -> None:
    src = tmp_path / "r.csv"
    write(src, HEADER_CN, ROWS_CN, "utf-8-sig")
    ok(cli("db", "upgrade"))
    before = dump()
    assert ok(cli("import", "requests", str(src), "--dry-run", "--json")).json()["imported"] == 4
    assert dump() == before
    ok(cli("import", "requests", str(src)))
    after = dump()
    again = ok(cli("import", "requests", str(src), "--json")).json()
    assert again["imported"] == 0 and again["unchanged"] == 4
    assert [x for x in dump() if not x.startswith("settings:")] == [x for x in after if not x.startswith("settings:")]


def test_changed_row_is_an_error_unless_update_which_appends_an_event(cli, tmp_path) -> None:
    src = tmp_path / "r.csv"
    write(src, HEADER_CN, [ROWS_CN[3]], "utf-8-sig")
    ok(cli("import", "requests", str(src)))
    closed = ROWS_CN[3].replace(",,,,,", ",,,2025-03-20,予以公开,")
    write(src, HEADER_CN, [closed], "utf-8-sig")
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and "--update" in r.stderr
    ok(cli("import", "requests", str(src), "--update"))
    shown = cli("show", "昌医保依申〔2025〕4号", "--json").json()
    assert [e["type"] for e in shown["events"]] == ["received", "replied"]
    # issue 13 (RULES.md §12): any other changed cell is an amendment of the recorded event
    renamed = closed.replace("某研究院", "另一研究院")
    write(src, HEADER_CN, [renamed], "utf-8-sig")
    assert "--update" in cli("import", "requests", str(src)).stderr
    ok(cli("import", "requests", str(src), "--update"))
    shown = cli("show", "昌医保依申〔2025〕4号", "--json").json()
    assert [e["type"] for e in shown["events"]] == ["received", "replied", "amended"]
    assert shown["facts"]["applicant"] == "另一研究院"


def test_round_trip_export_import_export_is_identical(cli, tmp_path) -> None:
    src = tmp_path / "r.csv"
    write(src, HEADER_CN, ROWS_CN, "gb18030")
    ok(cli("import", "requests", str(src)))
    first = tmp_path / "first.csv"
    ok(cli("export", "requests", "--out", str(first), "--reveal"))
    other = new_db(tmp_path / "other.db")
    ok(cli("--db", other, "import", "requests", str(first)))
    second = tmp_path / "second.csv"
    ok(cli("--db", other, "export", "requests", "--out", str(second), "--reveal"))
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().startswith(b"\xef\xbb\xbf" + HEADER_CN.encode())


def test_a_masked_register_cell_is_never_stored(cli, tmp_path) -> None:
    """docs/registers.md: a masked cell (an export without --reveal) stands only for the value
    the case already holds; as a new case's value, or another case's, it is refused at its cell."""
    src = tmp_path / "r.csv"
    write(src, HEADER_CN, ROWS_CN, "gb18030")
    ok(cli("import", "requests", str(src)))
    masked = tmp_path / "masked.csv"
    ok(cli("export", "requests", "--out", str(masked)))
    assert "新登记 0 件，未变 4 件" in ok(cli("import", "requests", str(masked))).stderr  # the same database
    other = new_db(tmp_path / "other.db")
    r = cli("--db", other, "import", "requests", str(masked))
    assert r.exit_code == 1
    assert f'{masked}:2: 列 证件号码: "110***********4514" 是遮蔽后的值' in r.stderr
    assert f'{masked}:2: 列 联系方式: "138****5678" 是遮蔽后的值' in r.stderr
    assert dump(other) == dump(new_db(tmp_path / "empty.db"))  # nothing written
    text = masked.read_text(encoding="utf-8-sig").replace("138****5678", "138****0000")
    masked.write_text(text, encoding="utf-8-sig")  # a mask that is not the stored phone's
    r = cli("import", "requests", str(masked), "--update")
    assert r.exit_code == 1 and '列 联系方式: "138****0000" 是遮蔽后的值' in r.stderr


def test_export_masks_personal_data_unless_revealed_and_logs_the_reveal(cli, tmp_path) -> None:
    src = tmp_path / "r.csv"
    write(src, HEADER_CN, ROWS_CN, "utf-8-sig")
    ok(cli("import", "requests", str(src)))
    masked = cli("export", "requests").stdout
    assert VALID_ID not in masked and "13812345678" not in masked
    assert "110***********4514" in masked and "138****5678" in masked
    revealed = ok(cli("--by", "科长", "export", "requests", "--reveal")).stdout
    assert VALID_ID in revealed
    rows = query("SELECT operator, action FROM audit")
    assert ("科长", "reveal") in rows


def test_formula_cells_are_neutralised(cli, tmp_path) -> None:
    add_request(
        cli,
        "I-1",
        "2026-11-02",
        applicant="@SUM(A1)",
        type="business",
        subject='=HYPERLINK("http://evil.example","点我")',
    )
    out = cli("export", "requests").stdout
    row = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))[1]
    assert row[7].startswith("'=HYPERLINK") and row[3] == "'@SUM(A1)"
    src = tmp_path / "back.csv"
    src.write_text(out, encoding="utf-8")
    ok(cli("--db", new_db(tmp_path / "b.db"), "import", "requests", str(src)))
    back = cli("--db", str(tmp_path / "b.db"), "show", "I-1", "--json").json()
    assert back["facts"]["subject"].startswith("=HYPERLINK")  # the data itself is kept


def test_gb18030_export_and_xlsx_with_real_dates(cli, tmp_path) -> None:
    src = tmp_path / "r.csv"
    write(src, HEADER_CN, ROWS_CN, "utf-8-sig")
    ok(cli("import", "requests", str(src)))
    gb = tmp_path / "gb.csv"
    ok(cli("export", "requests", "--encoding", "gb18030", "--out", str(gb)))
    assert gb.read_bytes().decode("gb18030").startswith(HEADER_CN)
    from openpyxl import load_workbook

    x = tmp_path / "r.xlsx"
    ok(cli("export", "requests", "--format", "xlsx", "--out", str(x), "--year", "2025"))
    ws = load_workbook(x).active
    assert [c.value for c in ws[1]] == HEADER_CN.split(",")
    import datetime as dt

    assert isinstance(ws.cell(2, 2).value, dt.datetime)
    assert ws.max_row == 5


@pytest.mark.parametrize("kind", ["complaints", "appeals", "disclosures", "events"])
def test_other_registers_export(cli, kind) -> None:
    ok(
        cli(
            "complaint",
            "accept",
            "--case",
            "C-1",
            "--respondent",
            "某药店",
            "--summary",
            "x",
            "--reporter",
            "周秀英",
            "--date",
            "2026-11-02",
        )
    )
    out = ok(cli("export", kind)).stdout
    assert "周秀英" not in out
    if kind == "complaints":
        assert "C-1" in out
        assert "周秀英" in ok(cli("export", kind, "--reveal")).stdout


def test_export_events_round_trips_through_import_events(cli, tmp_path) -> None:
    from govinfo_cli.app.demo import sample_file

    ok(cli("import", "events", str(sample_file("events.jsonl"))))
    lines = tmp_path / "all.jsonl"
    ok(cli("export", "events", "--reveal", "--out", str(lines)))
    other = new_db(tmp_path / "o.db")
    ok(cli("--db", other, "import", "events", str(lines)))
    a = cli("export", "events", "--reveal").stdout
    b = cli("--db", other, "export", "events", "--reveal").stdout
    assert a == b and a.count("\n") >= 200


def _schema() -> list[tuple[str, str]]:
    """Every index of the test's database (either backend): (name, table(columns) [UNIQUE])."""
    import sqlalchemy as sa

    from tests.conftest import engine_of

    engine = engine_of()
    try:
        inspector = sa.inspect(engine)
        return sorted(
            (ix["name"], f"{t}({', '.join(ix['column_names'])}){' UNIQUE' * bool(ix['unique'])}")
            for t in inspector.get_table_names()
            for ix in inspector.get_indexes(t)
        )
    finally:
        engine.dispose()


def _big_register(path, n: int, bad_last: bool = False) -> None:  # noqa: ANN001
    rows = [
        f"L-{i},2024-05-{i % 28 + 1:02d},互联网,申请人{i},自然人,,,事项{i},,,2024-06-28,予以公开," for i in range(n)
    ]
    if bad_last:
        rows[-1] = f"L-{n - 1},2024-13-01,互联网,申请人,自然人,,,事项,,,,,"
    write(path, HEADER_CN, rows, "utf-8-sig")


def test_large_import_rebuilds_secondary_indexes_in_the_same_transaction(cli, tmp_path, monkeypatch) -> None:
    from govinfo_cli.app import register_import
    from govinfo_cli.store import registers

    monkeypatch.setattr(register_import, "_expected_rows", lambda path: 10**6)  # as for a huge file
    monkeypatch.setattr(registers, "BATCH", 50)  # batches of 50 rows instead of 5000
    ok(cli("db", "upgrade"))
    indexes = _schema()
    assert any(name == "ix_events_date" for name, _ in indexes)
    src = tmp_path / "big.csv"
    _big_register(src, 103)  # more than two batches
    assert ok(cli("import", "requests", str(src), "--json")).json()["imported"] == 103
    assert _schema() == indexes
    assert ok(cli("db", "check", "--json")).json()["integrity"] == "ok"  # SQLite: PRAGMA integrity_check
    assert query("SELECT count(*) FROM deadlines") == [(2 * 103,)]


def test_bad_row_after_a_written_batch_rolls_back_rows_and_dropped_indexes(cli, tmp_path, monkeypatch) -> None:
    from govinfo_cli.app import register_import
    from govinfo_cli.store import registers

    monkeypatch.setattr(register_import, "_expected_rows", lambda path: 10**6)
    monkeypatch.setattr(registers, "BATCH", 50)  # batches of 50 rows instead of 5000
    ok(cli("db", "upgrade"))
    before, indexes = dump(), _schema()
    src = tmp_path / "big-bad.csv"
    _big_register(src, 103, bad_last=True)
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and f'{src}:104: 列 收到日期: "2024-13-01" 不是有效日期' in r.stderr
    assert dump() == before and _schema() == indexes


def test_register_deadline_memo_gives_the_same_deadlines_as_computing_each_row() -> None:
    import datetime as dt

    from govinfo_cli.core.calendar import WorkCalendar, load_source
    from govinfo_cli.core.rules import fast_register_deadlines

    cal = WorkCalendar.build(load_source(2015, 2031))
    memo: dict = {}
    for n in range(0, 800, 3):
        received = dt.date(2024, 9, 1) + dt.timedelta(days=n % 400)
        for replied in (None, received + dt.timedelta(days=n % 40)):
            assert fast_register_deadlines(cal, received, replied, memo) == fast_register_deadlines(
                cal, received, replied
            )
    assert 0 < len({day for day, _ in memo}) <= 400  # replays per receipt day and kind of reply
    assert len(memo) <= 4 * 400  # open; in time for both deadlines, for the reply only, for neither


def test_wrong_explicit_encoding_is_one_clear_error(cli, tmp_path) -> None:
    ok(cli("db", "upgrade"))
    before = dump()
    src = tmp_path / "gb.csv"
    write(src, HEADER_CN, ROWS_CN, "gb18030")
    r = cli("import", "requests", str(src), "--encoding", "utf-8")
    assert r.exit_code == 1 and "按 utf-8 解码失败" in r.stderr and "--encoding" in r.stderr
    assert dump() == before


# --------------------------------------------------------------------------
# Audit fixes (issues 5/6)
# --------------------------------------------------------------------------


def _sample(cli):  # noqa: ANN001, ANN202
    from govinfo_cli.app.demo import sample_file

    ok(cli("import", "events", str(sample_file("events.jsonl"))))


@pytest.mark.parametrize("reveal", [[], ["--reveal"]])
def test_reimporting_the_register_exported_from_the_same_database_adds_nothing(cli, tmp_path, reveal) -> None:
    _sample(cli)  # histories with corrections, extensions, consultations, fees, withdrawals
    src = tmp_path / "登记簿.csv"
    ok(cli("export", "requests", "--out", str(src), *reveal))
    before = [x for x in dump() if not x.startswith(("settings:", "audit:"))]
    got = ok(cli("import", "requests", str(src), "--json")).json()
    assert got["rows"] == 75 and got["unchanged"] == 75 and got["imported"] == 0
    assert [x for x in dump() if not x.startswith(("settings:", "audit:"))] == before


def test_a_register_row_that_differs_names_the_differing_columns(cli, tmp_path) -> None:
    _sample(cli)
    src = tmp_path / "r.csv"
    ok(cli("export", "requests", "--out", str(src)))
    rows = list(csv.reader(io.StringIO(src.read_text(encoding="utf-8-sig"))))
    rows[1][3] = "改过的申请人"
    src.write_text("\r\n".join(",".join(r) for r in rows) + "\r\n", encoding="utf-8-sig")
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1
    assert f"{src}:2: 列 编号:" in r.stderr and "（申请人）" in r.stderr and "--update" in r.stderr
    assert r.stderr.count(f"{src}:") == 1
    # with --update the changed cell becomes an amendment of the received event (issue 13)
    ok(cli("import", "requests", str(src), "--update"))
    assert ok(cli("import", "requests", str(src), "--json")).json()["updated"] == 0


def test_update_appends_the_reply_to_an_open_case_that_has_a_history(cli, tmp_path) -> None:
    _sample(cli)
    number = "昌医保依申〔2026〕57号"  # open, waiting for a third party's opinion
    src = tmp_path / "r.csv"
    ok(cli("export", "requests", "--out", str(src)))
    rows = list(csv.reader(io.StringIO(src.read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if r[0] == number)
    row[10:13] = ["2026-11-20", "部分公开", "涉及第三方商业秘密的部分不予公开"]
    src.write_text("\r\n".join(",".join(r) for r in rows) + "\r\n", encoding="utf-8-sig")
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and "--update" in r.stderr and "答复日期" in r.stderr
    got = ok(cli("import", "requests", str(src), "--update", "--json")).json()
    assert got["updated"] == 1 and got["unchanged"] == 74
    shown = cli("show", number, "--json").json()
    assert shown["status"] == "closed" and shown["outcome"] == "partially_disclosed"
    assert [e["type"] for e in shown["events"]][-1] == "replied"
    assert "consultation_sent" in [e["type"] for e in shown["events"]]  # history kept


def test_reimporting_unchanged_rows_of_a_locked_year_is_not_refused(cli, tmp_path) -> None:
    src = tmp_path / "r.csv"
    write(src, HEADER_CN, ROWS_CN, "utf-8-sig")
    ok(cli("import", "requests", str(src)))
    ok(cli("report", "lock", "2025"))
    assert ok(cli("import", "requests", str(src), "--json")).json()["unchanged"] == 4
    write(src, HEADER_CN, [*ROWS_CN, "昌医保依申〔2025〕9号,2025-06-05,互联网,王芳,自然人,,,x,,,,,"], "utf-8-sig")
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and f"{src}:6:" in r.stderr and "已锁定" in r.stderr


def test_a_date_outside_the_calendar_is_reported_with_file_line_and_column(cli, tmp_path) -> None:
    ok(cli("db", "upgrade"))
    before = dump()
    src = tmp_path / "old.csv"
    write(
        src,
        HEADER_CN,
        [ROWS_CN[0], "O-1,1990-01-05,互联网,王芳,自然人,,,x,,,,,", "O-2,2025-02-30,互联网,王芳,自然人,,,x,,,,,"],
        "utf-8-sig",
    )
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1
    assert f'{src}:3: 列 收到日期: "1990-01-05"' in r.stderr and "工作日历范围" in r.stderr
    assert f'{src}:4: 列 收到日期: "2025-02-30" 不是有效日期' in r.stderr
    assert dump() == before


def test_a_repeated_header_column_is_an_error(cli, tmp_path) -> None:
    src = tmp_path / "dup.csv"
    write(src, HEADER_CN + ",编号", [ROWS_CN[0] + ",另一个编号"], "utf-8-sig")
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and f"{src}:1: 列 14:" in r.stderr and "重复" in r.stderr


def test_a_row_with_a_multi_line_cell_is_named_by_the_line_it_starts_on(cli, tmp_path) -> None:
    src = tmp_path / "ml.csv"
    write(
        src,
        HEADER_CN,
        [
            'M-1,2025-03-05,互联网,王芳,自然人,,,"第一行\r\n第二行",,,,,',
            'M-2,2025-02-30,互联网,王芳,自然人,,,"又一\r\n多行\r\n内容",,,,,',
        ],
        "utf-8-sig",
    )
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and f'{src}:4: 列 收到日期: "2025-02-30"' in r.stderr


def test_an_unknown_outcome_is_one_error_not_two(cli, tmp_path) -> None:
    src = tmp_path / "o.csv"
    write(src, HEADER_CN, ["U-1,2025-03-05,互联网,王芳,自然人,,,x,,,2025-03-10,不予公开,"], "utf-8-sig")
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and "列 办理结果" in r.stderr and "须同时填写" not in r.stderr


@pytest.mark.parametrize(
    "args", [["export", "requests"], ["export", "requests", "--format", "xlsx"], ["export", "events"], ["due", "--ics"]]
)
def test_writing_into_a_missing_directory_is_one_clear_error(cli, tmp_path, args) -> None:
    target = tmp_path / "no-such-dir" / "out.file"
    flag = [] if args[-1] == "--ics" else ["--out"]
    r = cli(*args, *flag, str(target))
    assert r.exit_code == 1 and "无法写入" in r.stderr and "不存在" in r.stderr
    assert not target.parent.exists()


def test_the_import_summary_stays_on_one_line_when_piped(cli, tmp_path) -> None:
    src = tmp_path / "r.csv"
    write(src, HEADER_CN, ROWS_CN, "utf-8-sig")
    r = ok(cli("import", "requests", str(src)))
    assert len(r.stderr.strip().splitlines()) == 1 and "2025 年 4 件" in r.stderr


def test_a_masked_export_imports_into_its_own_database_only(cli, tmp_path) -> None:
    _sample(cli)
    masked, revealed = tmp_path / "masked.csv", tmp_path / "revealed.csv"
    ok(cli("export", "requests", "--out", str(masked)))
    ok(cli("export", "requests", "--out", str(revealed), "--reveal"))
    assert "遮蔽" not in ok(cli("import", "requests", str(revealed))).stderr
    assert "遮蔽" not in ok(cli("import", "requests", str(masked))).stderr  # known cases: the masks match
    fresh = ("--db", new_db(tmp_path / "fresh.db"))  # new cases: a masked ID or phone is refused, not lost
    r = cli(*fresh, "import", "requests", str(masked))
    assert r.exit_code == 1 and "是遮蔽后的值" in r.stderr


def test_a_register_holding_an_id_accepted_with_force_id_imports_back_into_its_database(cli, tmp_path) -> None:
    """A wrong check digit recorded with a reason (--force-id) is the case's own number: the
    register exported with --reveal imports back unchanged; as a new case's number it is refused."""
    bad = VALID_ID[:17] + "0"
    ok(cli("request", "add", "--case", "F-1", "--received", "2026-11-02", "--channel", "online", "--applicant",
           "张伟", "--type", "自然人", "--subject", "x", "--id-number", bad, "--force-id", "外籍人员证件"))  # fmt: skip
    src = tmp_path / "r.csv"
    ok(cli("export", "requests", "--reveal", "--out", str(src)))
    assert "未变 1 件" in ok(cli("import", "requests", str(src))).stderr
    r = cli("--db", new_db(tmp_path / "other.db"), "import", "requests", str(src))
    assert r.exit_code == 1 and '列 证件号码: "110***********4510" 证件号码校验位错误' in r.stderr
