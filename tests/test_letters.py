"""Letters (issue 14): every letter of the sample year renders to .docx and Markdown with the
engine's dates; document numbers are stable across reprints and unique under concurrent
clerks; templates are the office's to edit; bad templates and missing settings are refused
with nothing recorded."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import dump, ok

ROOT = Path(__file__).resolve().parents[1]


def cn(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def _sample(cli, home: Path) -> None:
    """The sample year with the demo's settings, one request transferred to a division and
    three 更正申请 (built once per session: see conftest's ``seeded``)."""
    from govinfo_cli.app.demo import DEMO_SETTINGS, sample_file

    ok(cli("import", "events", str(sample_file("events.jsonl"))))
    for key, value in DEMO_SETTINGS.items():
        ok(cli("config", "set", key, value))
    # the sample year has no request transferred to a division: one, for the 办理通知
    ok(cli("request", "transfer", "昌医保依申〔2026〕58号", "--department", "医药服务管理股"))
    # 更正申请 (条例第41条): one corrected, one transferred to the body that may correct, one refused
    for n, (who, what, day) in enumerate(CORRECTIONS, 1):
        ok(cli("correction", "add", "--applicant", who, "--type", "natural_person", "--subject", what, "--date", day))
        assert f"更正〔2026〕{n}号" in ok(cli("show", f"更正〔2026〕{n}号")).stdout
    ok(cli("correction", "done", "更正〔2026〕1号", "--note", "已更正2024年3月缴费记录", "--date", "2026-11-10"))
    ok(cli("correction", "transfer", "更正〔2026〕2号", "--to", "昌宁县公安局", "--date", "2026-11-11"))
    ok(
        cli(
            "correction",
            "refuse",
            "更正〔2026〕3号",
            "--reason",
            "经核对原始缴费凭证，记录无误",
            "--date",
            "2026-11-12",
        )
    )


@pytest.fixture
def sample(seeded):
    return seeded(_sample)


CORRECTIONS = [
    ("王五", "参保缴费记录2024年3月有误", "2026-10-30"),
    ("赵六", "户籍地址记录有误", "2026-11-02"),
    ("钱七", "待遇享受记录有误", "2026-11-03"),
]


def show(cli, case: str) -> dict:
    return ok(cli("show", case, "--json")).json()


def event_date(data: dict, type_: str) -> str:
    return next(e["date"] for e in data["events"] if e["type"] == type_)


# (case, TYPE, extra options, the engine dates the letter must carry, from `show --json`)
LETTERS = [
    ("昌医保依申〔2026〕58号", "receipt", [], lambda s: [s["deadlines"]["reply"]["due"], event_date(s, "received")]),
    ("昌医保依申〔2026〕60号", "correction", [], lambda s: [s["deadlines"]["correction_response"]["due"]]),
    ("昌医保依申〔2026〕52号", "extension", [], lambda s: [s["deadlines"]["reply"]["due"]]),
    (
        "昌医保依申〔2026〕57号",
        "consultation",
        [],
        lambda s: [s["deadlines"]["consultation_answer:third_party"]["due"], event_date(s, "consultation_sent")],
    ),
    ("昌医保依申〔2026〕59号", "fee", [], lambda s: [s["deadlines"]["fee_payment"]["due"]]),
    ("昌医保依申〔2026〕2号", "deferral", [], lambda s: [s["deadlines"]["reply"]["due"]]),
    ("昌医保依申〔2026〕58号", "transfer", [], lambda s: [s["deadlines"]["reply"]["due"]]),
    ("昌医保依申〔2026〕48号", "reply", [], lambda s: [event_date(s, "replied"), event_date(s, "received")]),
    (
        "昌医保投诉〔2026〕6号",
        "acceptance",
        [],
        lambda s: [s["deadlines"]["handling_decision"]["due"], s["deadlines"]["conclusion"]["due"]],
    ),
    ("昌医保投诉〔2026〕5号", "transfer", [], lambda s: [event_date(s, "handling_decided")]),
    ("昌医保投诉〔2026〕3号", "extension", [], lambda s: [s["deadlines"]["conclusion"]["due"]]),
    ("昌医保投诉〔2026〕4号", "rejection", [], lambda s: [event_date(s, "complaint_rejected")]),
    ("昌医保投诉〔2026〕3号", "result", [], lambda s: [event_date(s, "complaint_concluded")]),
    (
        "更正〔2026〕3号",
        "receipt",
        [],
        lambda s: [s["deadlines"]["correction_reply"]["due"], event_date(s, "received")],
    ),
    ("更正〔2026〕1号", "done", [], lambda s: [event_date(s, "corrected"), event_date(s, "received")]),
    ("更正〔2026〕2号", "transfer", [], lambda s: [event_date(s, "transferred"), event_date(s, "received")]),
    ("更正〔2026〕3号", "refuse", [], lambda s: [event_date(s, "refused"), event_date(s, "received")]),
]


def test_every_letter_type_is_covered() -> None:
    from govinfo_cli.core.letters import LETTERS as ALL
    from govinfo_cli.core.letters import resolve_type

    kinds = {"昌医保依申": "request", "昌医保投诉": "complaint", "更正〔20": "record_correction"}
    covered = {resolve_type(kinds[case[:5]], typed) for case, typed, _, _ in LETTERS}
    assert covered == set(ALL)


@pytest.mark.parametrize(("case", "typed", "extra", "dates"), LETTERS, ids=[f"{c}-{t}" for c, t, _, _ in LETTERS])
def test_every_letter_renders_to_docx_and_md_with_the_engines_dates(sample, tmp_path, case, typed, extra, dates):
    from docx import Document

    before = show(sample, case)
    out = tmp_path / f"{typed}.docx"
    ok(sample("letter", case, typed, *extra, "--out", str(out)))
    doc = Document(io.BytesIO(out.read_bytes()))  # opens with python-docx
    text = "\n".join(p.text for p in doc.paragraphs)
    md = ok(sample("letter", case, typed, *extra, "--format", "md")).stdout
    after = show(sample, case)
    assert after["deadlines"] == before["deadlines"]  # a letter changes no deadline
    number = after["letters"][-1]["number"]
    for iso in dates(after):
        assert cn(iso) in text and cn(iso) in md, iso
    assert number in text and number in md  # the reprint in md carries the same number
    assert "{{" not in text and "{%" not in text
    # the same content: every non-empty paragraph of the docx is a paragraph of the md
    paragraphs = [p.text.strip() for p in doc.paragraphs if p.text.strip()]
    assert [line.lstrip("# ").strip() for line in md.split("\n\n") if line.strip()] == paragraphs


def test_the_reply_cites_its_outcomes_article_and_the_remedy(sample) -> None:
    md = ok(sample("letter", "昌医保依申〔2026〕48号", "reply", "--preview")).stdout
    assert "《中华人民共和国政府信息公开条例》第三十六条第（二）项" in md
    assert "60日内向昌宁县人民政府申请行政复议" in md and "6个月内向昌宁县人民法院提起行政诉讼" in md
    withheld = ok(sample("show", "昌医保依申〔2026〕39号", "--json")).json()["outcome"]
    md = ok(sample("letter", "昌医保依申〔2026〕39号", "reply", "--preview")).stdout
    from govinfo_cli.core.letters import GROUNDS, cite_all

    assert cite_all(GROUNDS[withheld].basis) in md


def test_record_correction_letters_cite_article_41_name_the_body_and_carry_the_remedy(sample) -> None:
    """更正 (条例第41条): the receipt gives the office's period from the engine; the transfer
    names the body that may correct; the refusal gives the reason and the remedy clause."""
    listed = ok(sample("letter", "更正〔2026〕3号", "--list", "--json")).json()["letters"]
    assert [(x["type"], x["letter"]) for x in listed] == [
        ("receipt", "correction_receipt"),
        ("refuse", "correction_refusal"),
    ]
    art = "《中华人民共和国政府信息公开条例》第四十一条"
    receipt = ok(sample("letter", "更正〔2026〕3号", "receipt", "--preview")).stdout
    due = show(sample, "更正〔2026〕3号")["deadlines"]["correction_reply"]
    assert due["basis"] == "条例第41条" and f"于{cn(due['due'])}前（20个工作日内）" in receipt and art in receipt
    transfer = ok(sample("letter", "更正〔2026〕2号", "transfer", "--preview")).stdout
    assert "赵六：" in transfer and "转送有权更正的昌宁县公安局处理" in transfer and art in transfer
    refusal = ok(sample("letter", "更正〔2026〕3号", "refuse", "--preview")).stdout
    assert "不予更正。理由如下：经核对原始缴费凭证，记录无误" in refusal and art in refusal
    assert "60日内向昌宁县人民政府申请行政复议" in refusal and "6个月内向昌宁县人民法院提起行政诉讼" in refusal
    done = ok(sample("letter", "更正〔2026〕1号", "done", "--preview")).stdout
    assert "已于2026年11月10日予以更正" in done and "已更正2024年3月缴费记录" in done
    r = sample("letter", "更正〔2026〕1号", "refuse")  # a corrected case calls for no refusal
    assert r.exit_code == 1 and "不予更正告知书" in r.stderr
    r = sample("letter", "更正〔2026〕1号", "reply")
    assert r.exit_code == 1 and "receipt" in r.stderr and "refuse" in r.stderr


def test_record_correction_numbers_are_stable_one_series_and_listed_by_show(sample) -> None:
    first = ok(sample("letter", "更正〔2026〕3号", "refuse")).stdout
    assert first == ok(sample("letter", "更正〔2026〕3号", "refuse")).stdout  # a reprint: the same number
    receipt = ok(sample("letter", "更正〔2026〕1号", "receipt")).stdout
    assert "昌医保更正告〔2026〕1号" in first and "昌医保更正告〔2026〕2号" in receipt
    data = show(sample, "更正〔2026〕3号")
    assert [(x["letter"], x["number"]) for x in data["letters"]] == [("correction_refusal", "昌医保更正告〔2026〕1号")]
    assert data["deadlines"]["correction_reply"]["state"] == "met"  # the letter's record changes nothing
    assert "已出具文书：昌医保更正告〔2026〕1号" in ok(sample("show", "更正〔2026〕3号")).stdout
    r = sample("letter", "更正〔2026〕2号", "refuse")
    assert r.exit_code == 1


def test_a_refusal_of_correction_needs_the_remedy_settings(cli) -> None:
    from govinfo_cli.app.demo import DEMO_SETTINGS

    for key, value in DEMO_SETTINGS.items():
        if key != "agency.court":
            ok(cli("config", "set", key, value))
    ok(cli("correction", "add", "--applicant", "钱七", "--type", "natural_person", "--subject", "记录有误"))
    ok(cli("correction", "refuse", "更正〔2026〕1号", "--reason", "记录无误"))
    ok(cli("letter", "更正〔2026〕1号", "receipt", "--preview"))  # no remedy clause: no court needed
    before = dump()
    r = cli("letter", "更正〔2026〕1号", "refuse")
    assert r.exit_code == 1 and "agency.court" in r.stderr and dump() == before


def test_numbers_are_stable_across_reprints_and_listed_by_show(sample) -> None:
    case = "昌医保依申〔2026〕7号"
    assert ok(sample("letter", case, "--json", "--list")).json()["letters"][0]["number"] is None
    first = ok(sample("letter", case, "reply"))
    again = ok(sample("letter", case, "reply"))
    assert first.stdout == again.stdout
    receipt = ok(sample("letter", "昌医保依申〔2026〕58号", "receipt")).stdout
    correction = ok(sample("letter", "昌医保依申〔2026〕60号", "correction")).stdout
    assert "昌医保依申复〔2026〕1号" in first.stdout
    assert "昌医保依申告〔2026〕1号" in receipt and "昌医保依申告〔2026〕2号" in correction  # one series
    data = show(sample, case)
    assert [(x["letter"], x["number"]) for x in data["letters"]] == [("reply", "昌医保依申复〔2026〕1号")]
    assert [e["type"] for e in data["events"]].count("letter_issued") == 1
    listed = ok(sample("letter", case, "--list", "--json")).json()["letters"]
    assert [x["number"] for x in listed if x["type"] == "reply"] == ["昌医保依申复〔2026〕1号"]
    assert "已出具文书：昌医保依申复〔2026〕1号" in ok(sample("show", case)).stdout


def test_a_preview_takes_no_number_and_records_nothing(sample) -> None:
    before = dump()
    r = ok(sample("letter", "昌医保依申〔2026〕7号", "reply", "--preview"))
    assert "预览" in r.stdout and dump() == before


def test_events_can_still_be_recorded_after_a_letter_of_today(sample) -> None:
    case = "昌医保依申〔2026〕61号"
    ok(sample("letter", case, "receipt"))
    # recorded after the letter, dated the day before it: the letter is no step of the case
    ok(sample("request", "reply", case, "--outcome", "disclosed", "--date", "2026-11-19"))
    assert show(sample, case)["deadlines"]["reply"]["state"] == "met"


def test_consultations_are_one_letter_per_party_by_name(sample) -> None:
    case = "昌医保依申〔2026〕58号"
    ok(sample("request", "consult", case, "--party", "third_party", "--name", "甲公司", "--date", "2026-11-20"))
    ok(sample("request", "consult", case, "--party", "agency", "--name", "县卫生健康局", "--date", "2026-11-20"))
    r = sample("letter", case, "consultation")
    assert r.exit_code == 1 and "--to" in r.stderr
    a = ok(sample("letter", case, "consultation", "--to", "甲公司")).stdout
    b = ok(sample("letter", case, "consultation", "--to", "县卫生健康局")).stdout
    assert "甲公司：" in a and "第三十二条" in a and "县卫生健康局：" in b and "第三十四条" in b
    assert "视为同意公开" in b
    data = show(sample, case)
    assert cn(data["deadlines"]["consultation_answer:agency"]["due"]) in b
    assert len({x["number"] for x in data["letters"]}) == 2


def test_a_missing_office_setting_names_it_and_records_nothing(cli) -> None:
    from govinfo_cli.app.demo import sample_file

    ok(cli("import", "events", str(sample_file("events.jsonl"))))
    ok(cli("config", "set", "agency.name", "昌宁县医疗保障局"))
    before = dump()
    r = cli("letter", "昌医保依申〔2026〕48号", "reply")
    assert r.exit_code == 1
    assert "agency.address" in r.stderr and "govinfo config set agency.address" in r.stderr
    assert dump() == before


def test_a_bad_number_pattern_is_refused(cli) -> None:
    r = cli("config", "set", "letters.number.reply", "答复〔{year}〕号")
    assert r.exit_code == 1 and "{seq}" in r.stderr


# --------------------------------------------------------------------------
# Templates
# --------------------------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    from docx import Document

    doc = Document(str(path))
    hits = 0
    for p in doc.paragraphs:
        for run in p.runs:
            if old in run.text:
                run.text = run.text.replace(old, new)
                hits += 1
    assert hits
    doc.save(str(path))


def test_an_edited_exported_template_changes_the_letter(sample, tmp_path) -> None:
    folder = tmp_path / "模板"
    ok(sample("letter", "templates", "export", str(folder)))
    assert len(list(folder.glob("*.docx"))) == 17
    _edit(folder / "reply.docx", "。现答复如下：", "。经本局认真研究，现答复如下：")
    before = ok(sample("letter", "昌医保依申〔2026〕48号", "reply", "--preview")).stdout
    assert "经本局认真研究" not in before
    ok(sample("config", "set", "letters.templates", str(folder)))
    after = ok(sample("letter", "昌医保依申〔2026〕48号", "reply", "--preview")).stdout
    assert "经本局认真研究，现答复如下：" in after
    r = sample("letter", "templates", "export", str(folder))  # never overwrites the office's copies
    assert r.exit_code == 1 and "--force" in r.stderr


def test_a_template_with_an_unknown_placeholder_is_refused_naming_it(sample, tmp_path) -> None:
    folder = tmp_path / "模板"
    ok(sample("letter", "templates", "export", str(folder)))
    _edit(folder / "reply.docx", "现答复如下：", "现答复如下（{{ 承办人签名 }}）：")
    ok(sample("config", "set", "letters.templates", str(folder)))
    before = dump()
    r = sample("letter", "昌医保依申〔2026〕48号", "reply", "--out", str(tmp_path / "x.docx"))
    assert r.exit_code == 1
    assert "承办人签名" in r.stderr and "reply.docx" in r.stderr
    assert r.stderr.startswith("错误：") and len(r.stderr.splitlines()) <= 2  # the line, and a hint
    assert dump() == before and not (tmp_path / "x.docx").exists()


def test_a_broken_template_is_refused_naming_it(sample, tmp_path) -> None:
    folder = tmp_path / "模板"
    ok(sample("letter", "templates", "export", str(folder)))
    (folder / "fee.docx").write_bytes(b"not a zip")
    ok(sample("config", "set", "letters.templates", str(folder)))
    before = dump()
    r = sample("letter", "昌医保依申〔2026〕59号", "fee")
    assert r.exit_code == 1 and "fee.docx" in r.stderr and ".docx" in r.stderr
    assert dump() == before


def test_the_shipped_templates_are_what_the_generator_makes() -> None:
    spec = __import__("importlib.util").util.spec_from_file_location("mk", ROOT / "tools" / "make_letter_templates.py")
    mk = __import__("importlib.util").util.module_from_spec(spec)
    spec.loader.exec_module(mk)
    for letter in mk.BODIES:
        assert (ROOT / "govinfo_cli" / "templates" / f"{letter}.docx").read_bytes() == mk.build(letter), letter


def test_help_has_an_example() -> None:
    from typer.testing import CliRunner

    from govinfo_cli.cli import app

    out = CliRunner().invoke(app, ["letter", "--help"]).stdout
    assert "示例" in out and "govinfo letter templates export" in out
    out = CliRunner().invoke(app, ["report", "annual", "--help"]).stdout
    assert "--format docx" in out


# --------------------------------------------------------------------------
# Eight clerks at once
# --------------------------------------------------------------------------

WORKER = """
import json, sys
from govinfo_cli.app.context import Context
from govinfo_cli.app.letters import issue
ctx = Context(db=None, today_opt=None, by=sys.argv[1])
out = []
for spec in sys.argv[2:]:
    case, typed = spec.split("|")
    out.append([case, typed, issue(ctx, case, typed).number])
print(json.dumps(out, ensure_ascii=False))
"""


@pytest.mark.slow
def test_eight_clerks_issuing_letters_at_once_never_share_a_number(sample) -> None:
    requests = [f"昌医保依申〔2026〕{n}号" for n in range(1, 25)]
    shared = [f"{c}|{t}" for c, t, _, _ in LETTERS if t not in ("receipt",)][:6]
    env = dict(os.environ)
    procs = []
    for i in range(8):
        own = [f"{c}|receipt" for c in requests[i::8]]  # a receipt each, all of one series
        mine = own + shared[i:] + shared[:i]  # and every clerk prints the same other letters
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", WORKER, f"clerk{i}", *mine],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=ROOT,
            )
        )
    results = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=600)
        assert p.returncode == 0, stderr
        results += json.loads(stdout)
    by_letter: dict[tuple[str, str], set[str]] = {}
    for case, typed, number in results:
        by_letter.setdefault((case, typed), set()).add(number)
    assert all(len(numbers) == 1 for numbers in by_letter.values())  # one letter, one number
    numbers = [next(iter(v)) for v in by_letter.values()]
    assert len(numbers) == len(set(numbers))  # never two letters with one number
    receipts = sorted(int(n.split("〕")[1][:-1]) for (c, t), v in by_letter.items() if t == "receipt" for n in v)
    assert len(receipts) == 24 and len(set(receipts)) == 24
    # and one letter_issued event per letter in the logs
    issued = []
    for case in {c for c, _ in by_letter}:
        issued += [(case, e["letter"], e["event"]) for e in show(sample, case)["letters"]]
    assert len(issued) == len(set(issued)) == len(by_letter)


def test_a_number_brought_in_by_an_event_import_is_not_given_again(sample) -> None:
    line = {
        "case": "昌医保依申〔2026〕7号",
        "kind": "request",
        "type": "letter_issued",
        "date": "2026-11-20",
        "letter": "reply",
        "number": "昌医保依申复〔2026〕1号",
        "source": 4,
    }
    ok(sample("import", "events", "-", input=json.dumps(line, ensure_ascii=False) + "\n"))
    assert "昌医保依申复〔2026〕1号" in ok(sample("letter", "昌医保依申〔2026〕7号", "reply")).stdout  # reprint
    assert "昌医保依申复〔2026〕2号" in ok(sample("letter", "昌医保依申〔2026〕48号", "reply")).stdout


def test_a_complaint_letter_names_the_reporter_only_when_revealed(sample) -> None:
    case = "昌医保投诉〔2026〕3号"
    reporter = ok(sample("show", case, "--json", "--reveal")).json()["facts"]["reporter"]
    hidden = ok(sample("letter", case, "acceptance", "--preview")).stdout
    assert reporter not in hidden and "投诉举报人：" in hidden
    shown = ok(sample("letter", case, "acceptance", "--preview", "--reveal")).stdout
    assert f"{reporter}：" in shown
    audit = ok(sample("show", case, "--json", "--audit")).json()["audit"]
    assert any(a["action"] == "reveal" and "letter" in a["detail"] for a in audit)


def test_a_letter_reports_the_amended_event_and_a_voided_case_gets_none(sample) -> None:
    case = "昌医保依申〔2026〕5号"  # a replied request
    seq = next(e["seq"] for e in show(sample, case)["events"] if e["type"] == "replied")
    line = {"case": case, "kind": "request", "type": "amended", "date": "2026-11-20", "amends": seq}
    line |= {"fields": {"reason": "第3、5页涉及第三方商业秘密，已作遮盖处理"}, "reason": "理由录入有误"}
    ok(sample("import", "events", "-", input=json.dumps(line, ensure_ascii=False) + "\n"))
    md = ok(sample("letter", case, "reply", "--preview")).stdout
    assert "第3、5页涉及第三方商业秘密，已作遮盖处理" in md
    void = {"case": case, "kind": "request", "type": "voided", "date": "2026-11-20", "reason": "误登记"}
    ok(sample("import", "events", "-", input=json.dumps(void, ensure_ascii=False) + "\n"))
    r = sample("letter", case, "reply")
    assert r.exit_code == 1 and "作废" in r.stderr
