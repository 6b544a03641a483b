"""The annual report as the published document (issue 14): md and docx in the layout of
国办公开办函〔2021〕30号, compared label by label, row by row and header by header with the form
as seed 003 prints it (tests/data/annual_report_form_seed003.json)."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import DATA, ok

FORM = json.loads((DATA / "annual_report_form_seed003.json").read_text("utf-8"))


def norm(text: str) -> str:
    """Punctuation width and in-cell line breaks aside, the form's wording."""
    text = unicodedata.normalize("NFKC", text)
    for seed, form in FORM["known_differences"].items():
        text = text.replace(seed, form.split(" ")[0])
    return re.sub(r"\s+", "", text)


Cell = tuple[str, int, int, bool]  # text, rowspan, colspan, header cell


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[Cell]]] = []
        self._cell: list | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = ["", int(a.get("rowspan", 1)), int(a.get("colspan", 1)), tag == "th"]

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(tuple(self._cell))
            self._cell = None


def md_tables(text: str) -> list[list[list[Cell]]]:
    p = _Tables()
    p.feed(text)
    return p.tables


def docx_tables(data: bytes) -> list[list[list[Cell]]]:
    """Each table's rows as the cells that begin in them (a vertically merged cell's
    continuation is not a cell of its own), with their spans."""
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(data))
    out = []
    for t in doc.tables:
        rows: list[list[Cell]] = []
        starts: dict[int, list] = {}  # grid column -> the cell a vertical merge continues
        for tr in t._tbl.tr_lst:
            row: list[Cell] = []
            col = 0
            for tc in tr.tc_lst:
                span = tc.grid_span
                vmerge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
                if vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue"):
                    starts[col][1] += 1
                else:
                    text = "".join(x.text or "" for x in tc.iter(qn("w:t")))
                    bold = any(b.get(qn("w:val")) in (None, "1", "true") for b in tc.iter(qn("w:b")))
                    cell = [text, 1, span, bold]
                    starts[col] = cell
                    row.append(cell)
                col += span
            rows.append(row)
        out.append([[tuple(c) for c in r] for r in rows])
    return out


def _sample(cli, home: Path) -> None:
    from govinfo_cli.app.demo import sample_file

    ok(cli("import", "events", str(sample_file("events.jsonl"))))
    ok(cli("config", "set", "agency.name", "昌宁县医疗保障局"))


@pytest.fixture
def sample(seeded):
    return seeded(_sample)


_TABLES: dict[str, list[list[list[Cell]]]] = {}  # the sample's report, read once per format


@pytest.fixture(params=["md", "docx"])
def tables(request, sample, tmp_path) -> list[list[list[Cell]]]:
    """The tables of the sample year's report in one format (the tests only read them)."""
    if request.param not in _TABLES:
        if request.param == "md":
            _TABLES["md"] = md_tables(ok(sample("report", "annual", "2026", "--format", "md")).stdout)
        else:
            out = tmp_path / "年报.docx"
            ok(sample("report", "annual", "2026", "--format", "docx", "--out", str(out)))
            _TABLES["docx"] = docx_tables(out.read_bytes())
    return _TABLES[request.param]


def labels(rows: list[list[Cell]]) -> list[str]:
    return [norm(c[0]) for r in rows for c in r if not re.fullmatch(r"[\d.]+", c[0].strip())]


def test_section2_is_the_forms_four_small_tables(tables) -> None:
    s2 = tables[:4]
    assert [labels(t) for t in s2] == [[norm(x) for x in t] for t in FORM["section2_tables"]]
    for t in s2:
        assert t[0] == [(t[0][0][0], 1, 4, True)]  # the clause heads its table across all columns
        assert all(sum(c[2] for c in r) == 4 for r in t)


def test_section3_has_the_two_level_header_and_the_forms_rows_in_order(tables) -> None:
    s3 = tables[4]
    head, body = s3[:3], s3[3:]
    assert labels(head) == [norm(x) for x in FORM["section3_header"]]
    assert [(norm(c[0]), c[1], c[2]) for c in head[0]] == [
        (norm(FORM["section3_header"][0]), 3, 3),
        ("申请人情况", 1, 7),
    ]
    assert [(c[0], c[1], c[2]) for c in head[1]] == [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)]
    assert len(head[2]) == 5 and all(c[1] == c[2] == 1 for c in head[2])
    assert labels(body) == [norm(x) for x in FORM["section3_row_labels"]]
    assert all(sum(1 for c in r if re.fullmatch(r"\d+", c[0])) == 7 for r in body)  # seven numbers a row
    first = body[2][0]
    assert (first[0], first[1]) == ("三、本年度办理结果", 22)  # down every outcome row, （一） to （七）


def test_section4_is_one_row_of_fifteen_cells_under_two_header_levels(tables) -> None:
    s4 = tables[5]
    assert labels(s4) == [norm(x) for x in FORM["section4_header"]]
    assert [(c[0], c[2]) for c in s4[0]] == [("行政复议", 5), ("行政诉讼", 10)]
    assert [(c[0], c[1], c[2]) for c in s4[1]][5:] == [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)]
    assert all(c[1] == 2 for c in s4[1][:5])  # 行政复议's results stand under it across both lower levels
    assert len(s4[2]) == 10 and len(s4[3]) == 15
    assert all(re.fullmatch(r"\d+", c[0]) for c in s4[3])


def test_sections_one_five_six_come_from_the_offices_markdown_and_six_carries_the_fees(sample, tmp_path) -> None:
    one = tmp_path / "一.md"
    one.write_text("本机关全年主动公开信息一百余条。\n", "utf-8")
    out = ok(sample("report", "annual", "2026", "--format", "md", "--section1", str(one))).stdout
    titles = re.findall(r"^## (.+)$", out, re.M)
    assert titles == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert out.startswith("# 昌宁县医疗保障局2026年政府信息公开工作年度报告\n")
    assert "本机关全年主动公开信息一百余条。" in out.split("## 二、")[0]
    assert "govinfo config set report.section5" in out  # 五 not given: says how
    # the fee sentence: fees paid in 2026 in the sample (the records of section 二 too)
    data = ok(sample("report", "annual", "2026", "--json")).json()
    yuan = round(data["section2"]["fees_wan_yuan"] * 10000)
    assert f"共计{yuan}元" in out.split("## 六、")[1]
    five = tmp_path / "五.md"
    five.write_text("改进措施。\n", "utf-8")
    ok(sample("config", "set", "report.section5", str(five)))
    assert "改进措施。" in ok(sample("report", "annual", "2026", "--format", "md")).stdout.split("## 五、")[1]


def test_without_an_agency_name_the_document_says_how_to_set_it(cli, tmp_path) -> None:
    out = tmp_path / "r.docx"
    r = cli("report", "annual", "2026", "--format", "docx", "--out", str(out))
    assert r.exit_code == 1 and "govinfo config set agency.name" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and not out.exists()


def test_a_missing_section_file_is_one_line_naming_it(sample, tmp_path) -> None:
    r = sample("report", "annual", "2026", "--format", "md", "--section1", str(tmp_path / "无.md"))
    assert r.exit_code == 1 and "--section1" in r.stderr and "无.md" in r.stderr


def test_the_docx_is_the_same_bytes_each_time(sample, tmp_path) -> None:
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    ok(sample("report", "annual", "2026", "--format", "docx", "--out", str(a)))
    ok(sample("report", "annual", "2026", "--format", "docx", "--out", str(b)))
    assert a.read_bytes() == b.read_bytes()
    assert Path(a).stat().st_size > 0
