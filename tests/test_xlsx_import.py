"""Excel registers in (issue 17, item 3): `import requests 台账.xlsx` and the catalogue from a
workbook, through the CSV path's row checks, with problems placed as FILE:SHEET!CELL; the
streamed xlsx writer that exports them."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from tests.conftest import dump, new_db, ok

HEADER = ["编号", "收到日期", "渠道", "申请人", "申请人类型", "证件号码", "联系方式", "申请内容", "承办处室"]
HEADER += ["答复期限", "答复日期", "办理结果", "备注"]
VALID_ID = "110101199003074514"


def row(case: str, received: object = "2025-03-05", **cells: object) -> list[object]:
    values = {"编号": case, "收到日期": received, "渠道": "互联网", "申请人": "王芳", "申请人类型": "自然人"}
    values["申请内容"] = "医保基金支出明细"
    values.update({k.replace("_", ""): v for k, v in cells.items()})
    return [values.get(h) for h in HEADER]


def workbook(path: Path, rows: list[list[object]], *, title: str = "Sheet1", header: list[str] = HEADER, at=(1, 1)):  # noqa: ANN001, ANN201
    """A workbook as Excel saves it (shared strings, real dates with a date format), the
    header at ``at`` (row, column)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = title
    r0, c0 = at
    for j, h in enumerate(header):
        ws.cell(r0, c0 + j, h)
    for i, values in enumerate(rows, start=1):
        for j, v in enumerate(values):
            if v is not None:
                ws.cell(r0 + i, c0 + j, v)
    wb.save(path)
    return wb


def show(cli, number: str) -> dict:  # noqa: ANN001
    return ok(cli("show", number, "--json", "--reveal")).json()


# --- the round trip --------------------------------------------------------------------


def test_export_xlsx_then_import_xlsx_gives_the_same_database(cli, tmp_path) -> None:
    for case, applicant, subject in (
        ("Q-1", "'=1+1", '=HYPERLINK("x")'),  # the spreadsheet guard both ways (docs/integrity.md)
        ("Q-2", "-inf", "+86 热线"),
        ("Q-3", "张伟", "  前后空格不算  "),
    ):
        ok(
            cli(
                "request", "add", "--case", case, "--received", "2025-03-05", "--channel", "online",
                "--applicant", applicant, "--type", "natural_person", "--subject", subject,
                "--id-number", VALID_ID, "--contact", "13812345678",
            )
        )  # fmt: skip
    ok(cli("request", "reply", "Q-2", "--date", "2025-03-20", "--outcome", "withheld:third_party", "--reason", "x"))
    out, csv = tmp_path / "登记簿.xlsx", tmp_path / "登记簿.csv"
    ok(cli("export", "requests", "--reveal", "--out", str(out)))
    ok(cli("export", "requests", "--reveal", "--out", str(csv)))
    from_xlsx, from_csv = new_db(tmp_path / "x.db"), new_db(tmp_path / "c.db")
    assert ok(cli("--db", from_xlsx, "import", "requests", str(out), "--json")).json()["imported"] == 3
    ok(cli("--db", from_csv, "import", "requests", str(csv)))
    register = ["export", "requests", "--reveal", "--csv"]
    assert ok(cli("--db", from_xlsx, *register)).stdout == ok(cli(*register)).stdout
    events = ["export", "events", "--reveal"]  # the same events as the CSV import's (replies: historic)
    assert ok(cli("--db", from_xlsx, *events)).stdout == ok(cli("--db", from_csv, *events)).stdout
    other = from_xlsx
    assert show(cli, "Q-1")["facts"]["applicant"] == "'=1+1"
    assert ok(cli("--db", other, "show", "Q-1", "--json")).json()["facts"]["subject"] == '=HYPERLINK("x")'
    again = ok(cli("--db", other, "import", "requests", str(out), "--json")).json()
    assert again["imported"] == 0 and again["unchanged"] == 3


# --- cells as Excel stores them -------------------------------------------------------


def test_real_excel_dates_and_text_dates_in_every_spelling(cli, tmp_path) -> None:
    src = tmp_path / "台账.xlsx"
    workbook(
        src,
        [
            row("D-1", dt.date(2025, 3, 5), 答复日期=dt.date(2025, 3, 20), 办理结果="予以公开"),
            row("D-2", dt.datetime(2025, 3, 6, 14, 30)),  # a date with a time of day: its day
            row("D-3", "2025/3/7"),
            row("D-4", "2025.3.10"),
            row("D-5", "2025年3月11日", 答复日期="2025-03-12", 办理结果="予以公开"),
            row("D-6", "20250312"),
            row("D-7", "２０２５年３月１３日"),
            row("D-8", 20250314),  # yyyymmdd typed as a number
        ],
    )
    assert ok(cli("import", "requests", str(src), "--json")).json()["imported"] == 8
    received = {n: show(cli, f"D-{n}")["events"][0]["date"] for n in range(1, 9)}
    assert received == {
        1: "2025-03-05", 2: "2025-03-06", 3: "2025-03-07", 4: "2025-03-10",
        5: "2025-03-11", 6: "2025-03-12", 7: "2025-03-13", 8: "2025-03-14",
    }  # fmt: skip
    assert [e["date"] for e in show(cli, "D-1")["events"]] == ["2025-03-05", "2025-03-20"]


def test_whole_numbers_stored_as_numbers_become_their_digits(cli, tmp_path) -> None:
    src = tmp_path / "n.xlsx"
    workbook(src, [row(12.0, 联系方式=13812345678.0), row(13, 联系方式=8613812345678)])  # type: ignore[arg-type]
    ok(cli("import", "requests", str(src)))
    assert show(cli, "12")["facts"]["contact"] == "13812345678"
    assert show(cli, "13")["facts"]["contact"] == "8613812345678"


def test_an_id_number_typed_as_a_number_is_refused_at_its_cell(cli, tmp_path) -> None:
    src = tmp_path / "id.xlsx"
    workbook(src, [row("I-1"), row("I-2", 证件号码=int(VALID_ID))])
    before = dump()
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and r.stderr.startswith(f"错误：{src}:Sheet1!F3: 数字 ")
    assert "超过 15 位" in r.stderr and "文本" in r.stderr
    assert dump() == before


def test_formulas_are_read_as_their_saved_values(cli, tmp_path) -> None:
    src = tmp_path / "f.xlsx"
    _patched(src, b'<c r="H2" t="str"><f>"A"&amp;"B"</f><v>AB</v></c>')  # the value Excel saved
    ok(cli("import", "requests", str(src)))
    assert show(cli, "F-1")["facts"]["subject"] == "AB"


# --- the shape of a clerk's sheet -------------------------------------------------------


def test_title_row_offset_header_and_empty_trailing_rows_are_read(cli, tmp_path) -> None:
    src = tmp_path / "t.xlsx"
    wb = workbook(src, [row("T-1"), row("T-2", "2025-02-30")], at=(3, 2))  # header at B3
    ws = wb.active
    ws.merge_cells("B1:N1")
    ws["B1"] = "某医疗保障局2025年政府信息公开申请登记台账"
    ws["B40"] = ""  # an empty cell far below: the sheet's range ends there
    ws.cell(3, 20).number_format = "@"  # a formatted, empty column after the header
    wb.save(src)
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1
    assert r.stderr.strip().splitlines()[1:] == [f'{src}:Sheet1!C5: 列 收到日期: "2025-02-30" 不是有效日期']
    workbook(src, [row("T-1"), row("T-2")], at=(3, 2))
    assert ok(cli("import", "requests", str(src), "--json")).json()["imported"] == 2


def test_each_problem_names_its_cell_and_nothing_is_written(cli, tmp_path) -> None:
    src = tmp_path / "台账.xlsx"
    workbook(
        src,
        [
            row("E-1"),
            row("E-2", 渠道="微信"),
            row("E-3", "2025-13-01"),
            row("E-4", 申请人=None),
            row("E-1"),
            row("E-6", 答复日期=dt.date(2025, 3, 20)),
            row("E-7", 证件号码="110101199003074515"),
        ],
    )
    before = dump()
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()[1:]  # under "共 6 处错误，整批拒绝，未写入任何内容："
    where = [ln.split(": ", 1)[0] for ln in lines]
    assert where == [f"{src}:Sheet1!{c}" for c in ("C3", "B4", "D5", "A6", "K7", "F8")], lines
    assert '列 渠道: "微信" 不是有效取值' in lines[0]
    assert "与第 2 行重复" in lines[3] and "须同时填写" in lines[4] and "校验位" in lines[5]
    assert dump() == before


def test_header_problems_name_the_header_cell(cli, tmp_path) -> None:
    src = tmp_path / "h.xlsx"
    workbook(src, [row("H-1")], header=[*HEADER[:3], "申请人姓名", *HEADER[4:]])
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and r.stderr.startswith(f"错误：{src}:Sheet1!D1: 列 4: 未知列名")
    workbook(src, [row("H-1")], header=[h for h in HEADER if h != "申请内容"])
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and f"{src}:Sheet1!A1: 缺少列 申请内容" in r.stderr


def test_a_merged_header_cell_is_refused_with_its_range(cli, tmp_path) -> None:
    src = tmp_path / "m.xlsx"
    wb = workbook(src, [row("M-1")])
    wb.active.merge_cells("K1:L1")  # 答复 over two columns
    wb.save(src)
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1
    assert r.stderr.strip() == f"错误：{src}:Sheet1!L1: 表头是合并单元格 K1:L1；每一列须有自己的列名，请取消合并"


def test_a_merged_cell_among_the_rows_is_refused(cli, tmp_path) -> None:
    src = tmp_path / "m.xlsx"
    wb = workbook(src, [row("M-1", 承办处室="办公室"), row("M-2")])
    wb.active.merge_cells("I2:I3")  # one department for two rows: the second would read empty
    wb.save(src)
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and f"{src}:Sheet1!I2: 合并单元格 I2:I3" in r.stderr


def test_data_under_a_column_without_a_header_is_refused(cli, tmp_path) -> None:
    src = tmp_path / "x.xlsx"
    wb = workbook(src, [row("X-1")])
    wb.active["O2"] = "备忘"
    wb.save(src)
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and r.stderr.startswith(f"错误：{src}:Sheet1!O2: 此单元格在表头之外")


def test_sheet_by_name_and_a_missing_sheet_lists_the_sheets(cli, tmp_path) -> None:
    src = tmp_path / "s.xlsx"
    wb = workbook(src, [row("S-1")], title="说明")
    ws = wb.create_sheet("2025年")
    for j, h in enumerate(HEADER, start=1):
        ws.cell(1, j, h)
    for j, v in enumerate(row("S-2"), start=1):
        ws.cell(2, j, v)
    wb.save(src)
    r = cli("import", "requests", str(src), "--sheet", "2024年")
    assert r.exit_code == 1
    assert r.stderr.strip() == f"错误：{src}: 没有名为 '2024年' 的工作表；工作簿中的工作表：说明、2025年"
    ok(cli("import", "requests", str(src), "--sheet", "2025年"))
    assert ok(cli("show", "S-2", "--json")).json()["status"] == "open"
    assert cli("show", "S-1", "--json").exit_code == 1


# --- files that are not what they say ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "是旧版 .xls 格式，无法读取"),
        ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "或设有打开密码"),
        ("cut.xlsx", b"PK\x03\x04" + b"\0" * 100, "无法读取 Excel 工作簿"),
        ("text.xlsx", "编号,收到日期\n".encode(), "不是 Excel 工作簿"),
        ("a.ods", b"PK\x03\x04" + b"\0" * 100, "不支持 .ods 格式"),
    ],
)
def test_unreadable_workbooks_are_one_line_exit_1(cli, tmp_path, name, content, said) -> None:
    src = tmp_path / name
    src.write_bytes(content)
    before = dump()
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and said in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert "另存为" in r.stderr or "损坏" in r.stderr or "不是" in r.stderr
    assert dump() == before


def test_encoding_with_a_workbook_and_sheet_with_a_csv_are_usage_errors(cli, tmp_path) -> None:
    src = tmp_path / "u.xlsx"
    workbook(src, [row("U-1")])
    assert cli("import", "requests", str(src), "--encoding", "gb18030").exit_code == 2
    csv = tmp_path / "u.csv"
    csv.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    assert cli("import", "requests", str(csv), "--sheet", "Sheet1").exit_code == 2


# --- the disclosure catalogue from a workbook ----------------------------------------------


def test_catalogue_import_reads_a_workbook_and_places_its_problems(cli, tmp_path) -> None:
    header = ["一级", "二级", "三级", "公开内容", "公开时限"]
    src = tmp_path / "目录.xlsx"
    workbook(src, [["机构", "领导", "领导信息", "姓名、职务", "信息形成或变更之日起20个工作日内"]], header=header)
    assert ok(cli("disclosure", "catalogue", "import", str(src)))
    assert len(ok(cli("disclosure", "catalogue", "list", "--json")).json()) == 1
    workbook(src, [["机构", "领导", "领导信息", None, "20个工作日内"]], header=header)
    r = cli("disclosure", "catalogue", "import", str(src))
    assert r.exit_code == 1 and f"{src}:Sheet1!D2: 列 公开内容: 不能为空" in r.stderr


# --- the streamed writer ---------------------------------------------------------------


def test_streamed_xlsx_keeps_bold_header_widths_real_dates_numbers_and_text() -> None:
    from openpyxl import load_workbook

    from govinfo_cli.formats.xlsx_writer import write_xlsx

    buf = io.BytesIO()
    rows = [["A-1", dt.date(2026, 3, 1), 12, 1.5, "=1+1", "a\x01b <&>", None, True]]
    assert write_xlsx(buf, ["编号", "日期", "n", "x", "f", "t", "空", "b"], rows, [24, 12]) == 1
    ws = load_workbook(io.BytesIO(buf.getvalue())).active
    assert ws.title == "登记簿" and ws["A1"].font.b and ws.column_dimensions["A"].width == 24
    got = [c.value for c in ws[2]]
    assert got == ["A-1", dt.datetime(2026, 3, 1), 12, 1.5, "'=1+1", "a\ufffdb <&>", None, True]
    assert ws["B2"].number_format == "yyyy-mm-dd" and ws["E2"].data_type == "s"


def _patched(src: Path, cell: bytes) -> None:
    """A workbook whose H2 (申请内容) is replaced by ``cell`` (raw sheet XML)."""
    from govinfo_cli.formats.xlsx_writer import write_xlsx

    buf = io.BytesIO()
    write_xlsx(buf, HEADER, [row("F-1")], [10] * len(HEADER))
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(src, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name.endswith("sheet1.xml"):
                start = data.index(b'<c r="H2"')
                data = data[:start] + cell + data[data.index(b"</c>", start) + 4 :]
            zout.writestr(name, data)


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        (b'<c r="H2" t="e"><f>VLOOKUP(A2,Z:Z,2,0)</f><v>#N/A</v></c>', "H2: 单元格是错误值 #N/A（公式出错）"),
        (b'<c r="H2" s="0"><f>1+1</f></c>', "H2: 公式没有保存计算结果"),
    ],
)
def test_a_cell_that_would_read_empty_is_refused_at_its_cell(cli, tmp_path, cell, said) -> None:
    src = tmp_path / "e.xlsx"
    _patched(src, cell)  # 申请内容 of row F-1
    before = dump()
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and r.stderr.startswith(f"错误：{src}:登记簿!{said}")
    assert dump() == before


def test_a_problem_far_down_a_workbook_is_placed_at_its_cell(cli, tmp_path) -> None:
    src = tmp_path / "台账.xlsx"
    workbook(src, [row(f"R-{i}") for i in range(1, 1200)] + [row("R-x", 渠道="微信")], at=(2, 2))
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and f'{src}:Sheet1!D1202: 列 渠道: "微信"' in r.stderr
    workbook(src, [row(f"R-{i}") for i in range(1, 1200)], at=(2, 2))
    assert ok(cli("import", "requests", str(src), "--json")).json()["imported"] == 1199
