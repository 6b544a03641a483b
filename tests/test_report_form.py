"""The annual report as the published document (issue 14): md and docx in the layout of
国办公开办函〔2021〕30号, compared label by label, row by row and header by header with the form
as seed 003 prints it (tests/data/annual_report_form_seed003.json)."""

from __future__ import annotations

import datetime as dt
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


def test_section2_is_one_table_in_the_forms_layout(tables) -> None:
    """Seed 003 (the form of 国办公开办函〔2021〕30号): one table of four columns, each clause of
    第二十条 across it, then its head row and its items, in the form's order."""
    s2 = tables[0]
    assert labels(s2) == [norm(x) for t in FORM["section2_tables"] for x in t]
    assert all(sum(c[2] for c in r) == 4 for r in s2)  # four columns on every row
    clauses = [r for r in s2 if len(r) == 1]
    assert [norm(r[0][0]) for r in clauses] == [norm(t[0]) for t in FORM["section2_tables"]]
    assert all(r[0][1:] == (1, 4, True) for r in clauses)  # the clause heads its rows across the table
    heads = [r for r in s2 if r and norm(r[0][0]) == "信息内容"]
    assert [[c[2] for c in r] for r in heads] == [[1, 1, 1, 1], [1, 3], [1, 3], [1, 3]]


def test_section3_has_the_two_level_header_and_the_forms_rows_in_order(tables) -> None:
    s3 = tables[1]
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
    s4 = tables[2]
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


# --------------------------------------------------------------------------------------------
# The opening paragraph and the closing line, as published reports have them (seed 003)
# --------------------------------------------------------------------------------------------


def _plain(text: str) -> str:
    return norm(text).replace("〈", "<").replace("〉", ">")


# The sentences of a published report's opening (seed 003), the office's own words left open;
# the one the seed adds about its own contents is not every report's.
OPENING = [
    r"本报告依据《中华人民共和国政府信息公开条例》\(国务院令第711号,以下简称新?《条例》\)(第五十条)?和"
    r"《国务院办公厅政府信息与政务公开办公室关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》"
    r"\(国办公开办函〔2021〕30号\)要求,由(?P<agency>.+?)(结合有关统计数据)?编制",
    r"本(年度)?报告中所列数据的统计期限自(?P<year>\d{4})年1月1日起至(?P=year)年12月31日止",
    r"本(年度)?报告的电子版可以从(?P<download>.+)下载",
    r"如对本报告有任何疑问,请与(?P<office>.+)联系\(地址:[^,]+,电话:[^,)]+(,[^)]*)?\)",
]


def sentences(paragraph: str) -> list[str]:
    return [x for x in _plain(paragraph).split("。") if x]


def test_the_seeds_opening_is_what_the_patterns_describe() -> None:
    seed = [x for x in sentences(FORM["opening"]) if not x.startswith("全文包括")]
    assert len(seed) == len(OPENING)
    for pattern, sentence in zip(OPENING, seed, strict=True):
        assert re.fullmatch(pattern, sentence), sentence


def _docx_paragraphs(data: bytes) -> list:
    from docx import Document

    return [p for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()]


_PUBLISHED: list = []  # the published report, written once (the tests only read it)


@pytest.fixture
def published(sample, tmp_path):  # noqa: ANN001, ANN201
    if _PUBLISHED:
        return _PUBLISHED[0]
    for key, value in (
        ("agency.office", "昌宁县医疗保障局办公室"),
        ("agency.address", "昌宁县田园镇示例路1号"),
        ("agency.phone", "0875-6120000"),
        ("report.download", "昌宁县人民政府门户网站政府信息公开专栏"),
    ):
        ok(sample("config", "set", key, value))
    one, five = tmp_path / "一.txt", tmp_path / "五.txt"
    one.write_text("2026年，本局严格执行《条例》。\n（一）加强组织领导。明确分工。\n（二）加强制度建设。\n", "utf-8")
    five.write_text("存在的问题：解读形式单一。\n\n改进措施：丰富图解。\n", "utf-8")
    out = tmp_path / "年报.docx"
    r = ok(sample("report", "annual", "2026", "--format", "docx", "--out", str(out), "--section1", str(one),
                  "--section5", str(five), "--date", "2027-01-20"))  # fmt: skip
    _PUBLISHED.append((r, _docx_paragraphs(out.read_bytes())))
    return _PUBLISHED[0]


def test_the_report_opens_as_seed_003_does(published) -> None:
    r, paragraphs = published
    assert paragraphs[0].text == "昌宁县医疗保障局2026年政府信息公开工作年度报告"
    ours = sentences(paragraphs[1].text)
    assert len(ours) == len(OPENING)
    found = [re.fullmatch(p, x) for p, x in zip(OPENING, ours, strict=True)]
    assert all(found), ours
    assert found[0]["agency"] == "昌宁县医疗保障局" and found[1]["year"] == "2026"
    assert found[2]["download"] == "昌宁县人民政府门户网站政府信息公开专栏"
    assert found[3]["office"] == "昌宁县医疗保障局办公室"
    assert "第五十条" in paragraphs[1].text  # 条例第五十条: what a report contains
    assert not r.stderr.count("注意")  # everything given: no warning


def test_the_sections_come_in_the_seeds_order_one_paragraph_a_line(published) -> None:
    _, paragraphs = published
    texts = [p.text for p in paragraphs]
    assert [t for t in texts if t in FORM["section_titles"]] == FORM["section_titles"]
    one = texts[texts.index("一、总体情况") + 1 : texts.index("二、主动公开政府信息情况")]
    assert one == ["2026年，本局严格执行《条例》。", "（一）加强组织领导。明确分工。", "（二）加强制度建设。"]
    five = texts[texts.index("五、存在的主要问题及改进情况") + 1 : texts.index("六、其他需要报告的事项")]
    assert five == ["存在的问题：解读形式单一。", "改进措施：丰富图解。"]


def test_the_report_closes_with_the_offices_name_and_the_date_at_the_right(published) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    _, paragraphs = published
    name, day = paragraphs[-2:]
    assert (name.text, day.text) == ("昌宁县医疗保障局", "2027年1月20日")
    assert name.alignment == day.alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_a_missing_section_or_download_place_is_written_with_its_placeholder_and_warned_once_each(sample, tmp_path):
    out = tmp_path / "年报.docx"
    r = ok(sample("report", "annual", "2026", "--format", "docx", "--out", str(out)))
    texts = [p.text for p in _docx_paragraphs(out.read_bytes())]
    assert out.exists() and any("govinfo config set report.section1" in t for t in texts)
    warnings = [x for x in r.stderr.splitlines() if x.startswith("注意")]
    assert len(warnings) == 3  # 一, 五, the download place; 六 has its fee sentence
    assert sum("一、总体情况" in w for w in warnings) == 1 and sum("五、存在的主要问题" in w for w in warnings) == 1
    assert sum("report.download" in w for w in warnings) == 1
    md = ok(sample("report", "annual", "2026", "--format", "md"))
    assert len([x for x in md.stderr.splitlines() if x.startswith("注意")]) == 3


def test_a_locked_years_report_is_signed_on_the_day_it_was_locked(sample, tmp_path) -> None:
    ok(sample("--today", "2027-01-25", "report", "lock", "2026"))
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    ok(sample("--today", "2027-03-01", "report", "annual", "2026", "--format", "md", "--out", str(a)))
    ok(sample("--today", "2027-06-01", "report", "annual", "2026", "--format", "md", "--out", str(b)))
    assert a.read_text("utf-8") == b.read_text("utf-8")
    locked = dt.datetime.fromisoformat(ok(sample("report", "locks", "--json")).json()[0]["locked_at"]).date()
    assert a.read_text("utf-8").rstrip().endswith(f'<p align="right">{locked.year}年{locked.month}月{locked.day}日</p>')
