"""No placeholder ever reaches print (issue 25): every letter type, for cases built with
tests/builders.py, filled from the default templates and read back (the .docx's text with
python-docx, and its Markdown) with no template text left, no empty value the template
needs, and each reply citing exactly the articles of its outcome (条例 2019: 第36条
（一）–（七）, 第37–39条, …, counted here by hand from the law's text, not from the table the
letters use). Then the command: a letter that would go out unfilled is refused, naming what
is missing and how to record it, with nothing written and no number taken."""

from __future__ import annotations

import io
import json
import os
import re
from typing import Any

import pytest

from tests.builders import calendar, events_of, import_lines, line, profile, received, received_line
from tests.conftest import dump, ok

# --------------------------------------------------------------------------------------------
# Filling a letter without the database: the engine's events, the office's settings
# --------------------------------------------------------------------------------------------


def office() -> dict[str, str]:
    from govinfo_cli.app.demo import DEMO_SETTINGS

    return dict(DEMO_SETTINGS)


def fill(kind: str, events: list, letter: str, **kw: Any) -> tuple[dict[str, Any], str, str]:
    """(the values, the .docx's text as python-docx reads it, its Markdown) of ``letter``
    reporting the last event that calls for it, filled from the shipped template."""
    from docx import Document

    from govinfo_cli.app.letters import default_templates
    from govinfo_cli.core import letters as core
    from govinfo_cli.formats.documents import docx_markdown, render_template

    events = [e if e.seq else _seq(e, n) for n, e in enumerate(events, 1)]
    source = core.pick(kind, events, letter)
    values = core.content(
        kind, events, source, calendar(), profile(), kw.pop("office", office()), number="测试〔2026〕1号", case="X-1"
    )
    path = default_templates() / f"{letter}.docx"
    data = render_template(path, values, core.placeholders(letter), core.LETTERS[letter][0])
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    return values, text, docx_markdown(data)


def _seq(e: Any, n: int) -> Any:
    from dataclasses import replace

    return replace(e, seq=n)


def used(letter: str) -> set[str]:
    """The placeholders the shipped template of ``letter`` uses."""
    import jinja2
    from docxtpl import DocxTemplate

    from govinfo_cli.app.letters import default_templates

    tpl = DocxTemplate(str(default_templates() / f"{letter}.docx"))
    tpl.init_docx()
    return set(tpl.get_undeclared_template_variables(jinja2.Environment()))


# Values a template may use that are empty by right for some letters (each guarded by an
# {% if %} in the template or naming what is not there): anything else it uses must be filled.
MAY_BE_EMPTY = {
    "agency_office",
    "arrival",
    "draft_due",
    "draft_basis",
    "note",
    "extension_reason",
    "reason",
    "reason_text",
    "provide",
    "provide_at",
    "provide_text",
    "body",
    "body_text",
    "outcome_basis",
    "conclusion_basis",
    "reject_basis",
}
# What unfilled template text looks like on the page.
UNFILLED = re.compile(
    r"\{\{|\}\}|\{%|%\}|\{#|请逐项列明|请.{0,8}填写|（）|\(\)|根据的规定|于前|人民币\.?元|：。|。。|，，"
)


def assert_printable(letter: str, values: dict[str, Any], text: str, md: str) -> None:
    for name in used(letter) - MAY_BE_EMPTY:
        assert values.get(name), f"{letter}: {name} is empty"
    for form, body in (("docx", text), ("md", md)):
        found = UNFILLED.search(body)
        assert found is None, f"{letter} ({form}): {found.group() if found else ''}\n{body}"


request = events_of("request")
complaint = events_of("complaint")
correction = events_of("record_correction")
RECEIVED_ON = "2026-03-02"  # a Monday; the reply falls due 2026-03-30
ITEMS = ["所需政府信息的名称、文号或者便于本机关查询的其他特征性描述", "申请公开的年度"]

# Every letter type but the reply: (letter, kind, events, the values it must carry)
OTHER_LETTERS: list[tuple[str, str, list, dict[str, str]]] = [
    ("receipt", "request", [received(RECEIVED_ON)], {"correction_notice_due": "2026年3月11日"}),
    (
        "correction",
        "request",
        [received(RECEIVED_ON), request("correction_requested", "2026-03-04", items=ITEMS)],
        {"correction_due": "2026年3月25日"},
    ),
    (
        "extension",
        "request",
        [received(RECEIVED_ON), request("extended", "2026-03-20", working_days=10, reason="需调取档案")],
        {"new_reply_due": "2026年4月14日", "old_reply_due": "2026年3月30日"},
    ),
    (
        "consultation",
        "request",
        [received(RECEIVED_ON), request("consultation_sent", "2026-03-05", party="third_party", name="甲公司")],
        {"answer_due": "2026年3月26日", "to": "甲公司"},
    ),
    (
        "fee",
        "request",
        [
            received(RECEIVED_ON),
            request("fee_notice_received", "2026-03-05", amount=1100, scheme="per_volume", pages=120),
        ],
        {"fee_due": "2026年4月2日", "fee_amount": "1100.00"},
    ),
    (
        "deferral",
        "request",
        [received(RECEIVED_ON), request("deferred", "2026-03-20", until="2026-05-29", reason="数量明显超过合理范围")],
        {"deferral_until": "2026年5月29日"},
    ),
    (
        "transfer",
        "request",
        [received(RECEIVED_ON), request("transferred", "2026-03-03", department="基金监管股")],
        {"department": "基金监管股"},
    ),
    ("acceptance", "complaint", [complaint("complaint_accepted", "2026-03-02", summary="逾期未答复")], {}),
    (
        "complaint_transfer",
        "complaint",
        [
            complaint("complaint_accepted", "2026-03-02", summary="未公开收费标准"),
            complaint("handling_decided", "2026-03-05", mode="transfer"),
        ],
        {"mode": "转交办理"},
    ),
    (
        "complaint_extension",
        "complaint",
        [
            complaint("complaint_accepted", "2026-03-02", summary="逾期未答复"),
            complaint("handling_decided", "2026-03-05", mode="direct"),
            complaint("complaint_extended", "2026-03-20", days=15, reason="需调阅台账"),
        ],
        {"conclusion_due": "2026年4月16日"},
    ),
    (
        "rejection",
        "complaint",
        [
            complaint("complaint_accepted", "2026-03-02", summary="不属本局"),
            complaint("complaint_rejected", "2026-03-04", reason="outside_jurisdiction"),
        ],
        {"reject_reason": "不属于本机关职责范围"},
    ),
    (
        "result",
        "complaint",
        [
            complaint("complaint_accepted", "2026-03-02", summary="逾期未答复"),
            complaint("handling_decided", "2026-03-05", mode="direct"),
            complaint("complaint_concluded", "2026-03-25", result="已督促限期答复"),
        ],
        {"result": "已督促限期答复。"},
    ),
    (
        "correction_receipt",
        "record_correction",
        [correction("received", "2026-03-02", applicant="王五", applicant_type="natural_person", subject="记录有误")],
        {"reply_due": "2026年3月30日"},
    ),
    (
        "correction_done",
        "record_correction",
        [
            correction("received", "2026-03-02", applicant="王五", applicant_type="natural_person", subject="记录有误"),
            correction("corrected", "2026-03-10", note="已更正"),
        ],
        {"corrected": "2026年3月10日"},
    ),
    (
        "correction_transfer",
        "record_correction",
        [
            correction("received", "2026-03-02", applicant="王五", applicant_type="natural_person", subject="记录有误"),
            correction("transferred", "2026-03-10", to="昌宁县公安局"),
        ],
        {"authority": "昌宁县公安局"},
    ),
    (
        "correction_refusal",
        "record_correction",
        [
            correction("received", "2026-03-02", applicant="王五", applicant_type="natural_person", subject="记录有误"),
            correction("refused", "2026-03-10", reason="记录无误"),
        ],
        {"reason": "记录无误。"},
    ),
]


def test_every_letter_type_is_rendered_here() -> None:
    from govinfo_cli.core.letters import LETTERS

    assert {x[0] for x in OTHER_LETTERS} | {"reply"} == set(LETTERS)


@pytest.mark.parametrize(("letter", "kind", "events", "carries"), OTHER_LETTERS, ids=[x[0] for x in OTHER_LETTERS])
def test_every_letter_is_filled_with_nothing_left_of_the_template(letter, kind, events, carries) -> None:
    values, text, md = fill(kind, events, letter)
    assert_printable(letter, values, text, md)
    for name, value in carries.items():  # the engine's dates and the event's facts, on the page
        assert values[name] == value, (name, values[name])
        assert value in text and value in md


def test_the_correction_notice_lists_the_items_of_its_event_one_by_one() -> None:
    _, text, md = fill("request", OTHER_LETTERS[1][2], "correction")
    assert f"1.{ITEMS[0]}；\n2.{ITEMS[1]}。" in text
    assert f"1.{ITEMS[0]}；\n\n2.{ITEMS[1]}。" in md
    assert "其他需要补正的事项" not in text


def test_the_fee_notice_states_the_109_calculation_and_the_offices_payment_method() -> None:
    per_volume = [
        received(RECEIVED_ON),
        request("fee_notice_received", "2026-03-05", amount=1100, scheme="per_volume", pages=120),
    ]
    _, text, _ = fill("request", per_volume, "fee")
    # 109号 按量: pages 1–30 free, 31–100 at 10 元 (70 pages), 101–120 at 20 元 (20 pages)
    assert "共120页" in text and "第31—100页共70页×10元=700元" in text and "第101—120页共20页×20元=400元" in text
    assert "合计1100元" in text and "人民币1100.00元" in text
    assert office()["fee.payment"].rstrip("。") in text
    per_request = [
        received(RECEIVED_ON),
        request("fee_notice_received", "2026-03-05", amount=200, scheme="per_request", nth=31),
    ]
    _, text, _ = fill("request", per_request, "fee")
    # 109号 按件: the 31st request of the month is in the tier 31–40 at 200 元
    assert "第31件" in text and "第31—40件（含40件）一档，每件200元" in text


def test_a_fee_notice_whose_amount_is_not_the_109_calculation_is_refused() -> None:
    from govinfo_cli.core.errors import Refusal

    with pytest.raises(Refusal, match="1100"):
        from tests.builders import request as replay

        replay(
            received(RECEIVED_ON),
            request("fee_notice_received", "2026-03-05", amount=1000, scheme="per_volume", pages=120),
        )


# --------------------------------------------------------------------------------------------
# The reply: every outcome cites its own articles
# --------------------------------------------------------------------------------------------

R = "理由由承办股室写明"  # a reason with no article in it
# (case, the events after receipt, the articles its reply cites: counted from the 条例's text)
REPLIES: list[tuple[str, list, list[str]]] = [
    ("disclosed", [request("replied", "2026-03-20", outcome="disclosed", provide="paper")], ["第三十六条第（二）项"]),
    (
        "partially_disclosed",
        [
            request(
                "replied", "2026-03-20", outcome="partially_disclosed", reason=R, provide="email", provide_at="a@b.cn"
            )
        ],
        ["第三十七条"],
    ),
    *(
        (code, [request("replied", "2026-03-20", outcome=code, reason=R)], ["第十四条", "第三十六条第（三）项"])
        for code in ("withheld:state_secret", "withheld:prohibited", "withheld:security_stability")
    ),
    (
        "withheld:third_party",
        [request("replied", "2026-03-20", outcome="withheld:third_party", reason=R)],
        ["第十五条", "第三十六条第（三）项"],
    ),
    (
        "withheld:internal_affairs",
        [request("replied", "2026-03-20", outcome="withheld:internal_affairs", reason=R)],
        ["第十六条第一款", "第三十六条第（三）项"],
    ),
    *(
        (code, [request("replied", "2026-03-20", outcome=code, reason=R)], ["第十六条第二款", "第三十六条第（三）项"])
        for code in ("withheld:process_info", "withheld:enforcement_file")
    ),
    (
        "withheld:admin_query",
        [request("replied", "2026-03-20", outcome="withheld:admin_query", reason=R)],
        ["第三十六条第（七）项"],
    ),
    (
        "unavailable:not_held",
        [request("replied", "2026-03-20", outcome="unavailable:not_held", reason=R)],
        ["第三十六条第（四）项"],
    ),
    (
        "unavailable:not_held/body",
        [request("replied", "2026-03-20", outcome="unavailable:not_held", reason=R, body="昌宁县卫生健康局")],
        ["第三十六条第（五）项"],
    ),
    (
        "unavailable:not_held/not_ours",
        [request("replied", "2026-03-20", outcome="unavailable:not_held", reason=R, not_ours=True)],
        ["第三十六条第（五）项"],
    ),
    (
        "unavailable:needs_creation",
        [request("replied", "2026-03-20", outcome="unavailable:needs_creation", reason=R)],
        ["第三十八条"],
    ),
    (
        "unavailable:still_unclear",
        [
            request("correction_requested", "2026-03-04", items=ITEMS),
            request("correction_received", "2026-03-06"),
            request("replied", "2026-03-20", outcome="unavailable:still_unclear", reason=R),
        ],
        ["第三十条"],
    ),
    (
        "not_processed:petition",
        [request("replied", "2026-03-20", outcome="not_processed:petition", reason=R)],
        ["第三十九条第一款"],
    ),
    (
        "not_processed:duplicate",
        [request("replied", "2026-03-20", outcome="not_processed:duplicate", reason=R)],
        ["第三十六条第（六）项"],
    ),
    (
        "not_processed:publication",
        [request("replied", "2026-03-20", outcome="not_processed:publication", reason=R)],
        ["第三十九条第二款"],
    ),
    (
        "not_processed:excessive",
        [request("replied", "2026-03-20", outcome="not_processed:excessive", reason=R)],
        ["第三十五条"],
    ),
    (  # no article of the 条例 names it: none is cited
        "not_processed:confirmation",
        [request("replied", "2026-03-20", outcome="not_processed:confirmation", reason=R)],
        [],
    ),
    (
        "other:no_correction",
        [
            request("correction_requested", "2026-03-04", items=ITEMS),
            request("replied", "2026-03-30", outcome="other:no_correction"),  # the period ended 03-25
        ],
        ["第三十条"],
    ),
    (
        "other:fee_unpaid",
        [
            request("fee_notice_received", "2026-03-05", amount=100, scheme="per_request", nth=11),
            request("replied", "2026-04-10", outcome="other:fee_unpaid"),  # payment was due 04-02
        ],
        ["国办函〔2020〕109号"],
    ),
    ("other:other", [request("replied", "2026-03-20", outcome="other:other", reason=R)], []),
]
CITED = re.compile(r"第[一二三四五六七八九十]+条(?:第[一二三四五六七八九十]+款|第（[一二三四五六七八九十]+）项)?")


def test_every_outcome_has_a_reply_here() -> None:
    from govinfo_cli.core.codes import OUTCOMES

    assert {case.split("/")[0] for case, _, _ in REPLIES} == set(OUTCOMES)


@pytest.mark.parametrize(("case", "after", "articles"), REPLIES, ids=[x[0] for x in REPLIES])
def test_each_outcomes_reply_cites_its_articles_and_no_other(case, after, articles) -> None:
    values, text, md = fill("request", [received(RECEIVED_ON), *after], "reply")
    assert_printable("reply", values, text, md)
    answer = next(p for p in text.splitlines() if p.startswith("经审查"))
    assert answer in md
    cited = CITED.findall(answer)
    if "国办函〔2020〕109号" in articles:
        assert "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）" in answer and not cited
    else:
        assert cited == articles, answer
        assert ("《中华人民共和国政府信息公开条例》" in answer) == bool(articles)
    # the remedy clause: 行政复议法 (2023) 第二十条, 行政诉讼法第四十六条
    assert "《中华人民共和国行政复议法》第二十条" in text and "《中华人民共和国行政诉讼法》第四十六条" in text


def test_a_reply_says_how_the_information_is_provided() -> None:
    for given, says in (
        ({"provide": "paper"}, "现以纸质形式提供，随本答复书一并送达。"),
        ({"provide": "paper", "provide_at": "昌宁县田园镇1号"}, "现以纸质形式提供，邮寄至昌宁县田园镇1号。"),
        ({"provide": "email", "provide_at": "zhang@example.com"}, "发送至您的电子邮箱zhang@example.com。"),
        ({"provide": "disc"}, "现以光盘形式提供"),
        (
            {"provide": "web", "provide_at": "http://www.example.com/a.html"},
            "您可通过网址http://www.example.com/a.html查阅、下载。",
        ),
    ):
        replied = request("replied", "2026-03-20", outcome="disclosed", **given)
        values, text, md = fill("request", [received(RECEIVED_ON), replied], "reply")
        assert says in text and says in md, (given, text)


def test_not_held_cites_item_four_or_item_five_never_both_and_names_the_body() -> None:
    body = "昌宁县卫生健康局（电话：0875-6120001）"
    four = fill(
        "request", [received(RECEIVED_ON), dict((c, a) for c, a, _ in REPLIES)["unavailable:not_held"][0]], "reply"
    )[1]
    five = fill(
        "request",
        [received(RECEIVED_ON), request("replied", "2026-03-20", outcome="unavailable:not_held", reason=R, body=body)],
        "reply",
    )[1]
    assert "第（四）项" in four and "第（五）项" not in four and "该政府信息不存在" in four
    assert "第（五）项" in five and "第（四）项" not in five and "不属于本机关负责公开" in five
    assert f"负责公开该政府信息的行政机关为{body}" in five


@pytest.mark.parametrize(
    ("outcome", "fields", "refused"),
    [
        ("withheld:state_secret", {"provide": "paper"}, "provide"),
        ("disclosed", {"provide": "email"}, "provide_at"),
        ("disclosed", {"provide_at": "a@b.cn"}, "provide"),
        ("disclosed", {"body": "县卫健局"}, "not_ours"),
        ("withheld:third_party", {"not_ours": True}, "not_ours"),
    ],
)
def test_reply_fields_that_do_not_go_with_the_outcome_are_refused(outcome, fields, refused) -> None:
    from govinfo_cli.core.errors import Refusal
    from tests.builders import request as replay

    with pytest.raises(Refusal, match=refused):
        replay(received(RECEIVED_ON), request("replied", "2026-03-20", outcome=outcome, reason=R, **fields))


def test_complaint_letters_cite_the_offices_rules_only_by_the_title_it_set() -> None:
    events = [
        complaint("complaint_accepted", "2026-03-02", summary="逾期未答复"),
        complaint("complaint_rejected", "2026-03-04", reason="outside_jurisdiction"),
    ]
    title = office()["complaint.rules_title"]
    _, cited, _ = fill("complaint", events, "rejection")
    assert f"根据《{title}》第七条的规定，本机关不予受理。" in cited
    untitled = {**office(), "complaint.rules_title": ""}
    values, text, md = fill("complaint", events, "rejection", office=untitled)
    assert "《" not in text and "处理制度" not in text and "本机关不予受理。" in text
    assert_printable("rejection", values, text, md)
    values, text, md = fill("complaint", events[:1], "acceptance", office=untitled)
    assert "处理制度" not in text
    assert_printable("acceptance", values, text, md)


# --------------------------------------------------------------------------------------------
# The command: refused, naming what is missing, nothing written, no number taken
# --------------------------------------------------------------------------------------------


@pytest.fixture
def office_db(cli):  # noqa: ANN001, ANN201
    from govinfo_cli.app import settings
    from govinfo_cli.app.context import Context

    ctx = Context(db=os.environ["GOVINFO_DB"])
    for key, value in office().items():
        settings.set_value(ctx, key, value)
    return cli


def _issued(cli, case: str) -> list:  # noqa: ANN001
    return [e for e in ok(cli("show", case, "--json")).json()["events"] if e["type"] == "letter_issued"]


@pytest.mark.parametrize(
    ("lines", "case", "letter", "names"),
    [
        (
            [line("C-1", "correction_requested", "2026-11-12")],
            "C-1",
            "correction",
            ["需要补正的事项", "govinfo amend C-1 2 --set items="],
        ),
        (
            [line("C-1", "replied", "2026-11-12", outcome="disclosed")],
            "C-1",
            "reply",
            ["提供方式", "govinfo amend C-1 2 --set provide="],
        ),
        (
            [line("C-1", "fee_notice_received", "2026-11-12", amount=100)],
            "C-1",
            "fee",
            ["109号收费的计算", "govinfo amend C-1 2 --set scheme="],
        ),
        (
            [line("C-1", "replied", "2026-11-12", outcome="withheld:third_party", historic="登记簿导入")],
            "C-1",
            "reply",
            ["答复理由", "--set reason="],
        ),
    ],
    ids=["correction-without-items", "reply-without-provide", "fee-without-calculation", "reply-without-reason"],
)
def test_a_letter_missing_a_value_is_refused_naming_it_and_writes_nothing(
    office_db, tmp_path, lines, case, letter, names
):
    import_lines(office_db, tmp_path / "in.jsonl", [received_line(case, "2026-11-10"), *lines])
    before = dump()
    out = tmp_path / "文书.docx"
    r = office_db("letter", case, letter, "--out", str(out))
    assert r.exit_code == 1 and r.stderr.startswith("错误：") and len(r.stderr.strip().splitlines()) == 1
    for name in names:
        assert name in r.stderr, r.stderr
    assert not out.exists() and dump() == before and not _issued(office_db, case)


def test_a_template_still_holding_its_instructions_is_refused_naming_them(office_db, tmp_path) -> None:
    """An office's template made from the old default (issue 14: "（其他需要补正的事项，请逐项列明）")."""
    from docx import Document

    folder = tmp_path / "模板"
    ok(office_db("letter", "templates", "export", str(folder)))
    doc = Document(str(folder / "correction.docx"))
    doc.add_paragraph("2.（其他需要补正的事项，请逐项列明）。")
    doc.save(str(folder / "correction.docx"))
    ok(office_db("config", "set", "letters.templates", str(folder)))
    import_lines(
        office_db,
        tmp_path / "in.jsonl",
        [received_line("C-1", "2026-11-10"), line("C-1", "correction_requested", "2026-11-12", items=["年度"])],
    )
    before = dump()
    for args in (["--out", str(tmp_path / "a.docx")], ["--format", "md"], ["--preview"]):
        r = office_db("letter", "C-1", "correction", *args)
        assert r.exit_code == 1 and "（其他需要补正的事项，请逐项列明）" in r.stderr and "correction.docx" in r.stderr
    assert dump() == before and not (tmp_path / "a.docx").exists()


def test_the_commands_record_what_the_letters_need(office_db) -> None:
    """`request correct --items`, `reply --provide/--address`, `--body`, `fee --pages`: the
    letters that report them are printed whole, and the number is taken only then."""
    ok(office_db("request", "add", "--case", "C-1", "--received", "2026-11-10", "--channel", "online",
                 "--applicant", "张伟", "--type", "自然人", "--subject", "医保文件"))  # fmt: skip
    ok(
        office_db(
            "request", "correct", "C-1", "--items", "文件的名称或文号", "--items", "所涉年度", "--date", "2026-11-12"
        )
    )
    md = ok(office_db("letter", "C-1", "correction", "--format", "md")).stdout
    assert "1.文件的名称或文号；" in md and "2.所涉年度。" in md
    ok(office_db("request", "corrected", "C-1", "--date", "2026-11-13"))
    ok(office_db("request", "fee", "C-1", "--pages", "45", "--date", "2026-11-16"))
    md = ok(office_db("letter", "C-1", "fee", "--format", "md")).stdout
    assert "共45页" in md and "第31—45页共15页×10元=150元" in md and "人民币150.00元" in md
    ok(office_db("request", "fee-paid", "C-1", "--date", "2026-11-17"))
    by_email = ("--provide", "电子邮件", "--address", "z@example.com")
    ok(office_db("request", "reply", "C-1", "--outcome", "予以公开", *by_email, "--date", "2026-11-18"))
    md = ok(office_db("letter", "C-1", "reply", "--format", "md")).stdout
    assert "发送至您的电子邮箱z@example.com" in md
    assert [e["letter"] for e in _issued(office_db, "C-1")] == ["correction", "fee", "reply"]
    ok(office_db("request", "add", "--case", "C-2", "--received", "2026-11-10", "--channel", "online",
                 "--applicant", "李娜", "--type", "自然人", "--subject", "医院绩效"))  # fmt: skip
    ok(office_db("request", "reply", "C-2", "--outcome", "本机关不掌握相关政府信息", "--reason", "由医疗机构管理",
                 "--body", "昌宁县卫生健康局", "--date", "2026-11-18"))  # fmt: skip
    md = ok(office_db("letter", "C-2", "reply", "--format", "md")).stdout
    assert "第三十六条第（五）项" in md and "第（四）项" not in md and "行政机关为昌宁县卫生健康局" in md
    r = office_db("request", "reply", "C-2", "--outcome", "予以公开", "--provide", "网址")  # closed already
    assert r.exit_code == 1


def test_a_correction_notices_items_round_trip_through_export_and_import(office_db, tmp_path) -> None:
    items = ["文件的名称或文号", "所涉年度"]
    import_lines(
        office_db,
        tmp_path / "in.jsonl",
        [
            received_line("C-1", "2026-11-10"),
            line("C-1", "correction_requested", "2026-11-12", items=items),
            line("C-1", "fee_notice_received", "2026-11-13", amount=150, scheme="per_volume", pages=45),
        ],
    )
    exported = ok(office_db("export", "events")).stdout
    lines = [json.loads(x) for x in exported.splitlines()]
    assert next(x for x in lines if x["type"] == "correction_requested")["items"] == items
    assert next(x for x in lines if x["type"] == "fee_notice_received")["pages"] == 45
    again = tmp_path / "again.jsonl"
    again.write_text(exported, "utf-8")
    before = dump()
    ok(office_db("import", "events", str(again)))  # the same events, read back equal: nothing new
    assert dump() == before
    from tests.conftest import new_db

    fresh = new_db(tmp_path / "fresh.db")
    ok(office_db("--db", fresh, "import", "events", str(again)))
    shown = ok(office_db("--db", fresh, "show", "C-1", "--json")).json()["events"]
    assert next(e for e in shown if e["type"] == "correction_requested")["items"] == items
    assert next(e for e in shown if e["type"] == "fee_notice_received")["scheme"] == "per_volume"


def test_a_complaint_letter_says_when_it_withholds_the_reporters_name(office_db, tmp_path) -> None:
    import_lines(
        office_db,
        tmp_path / "in.jsonl",
        [line("T-1", "complaint_accepted", "2026-11-10", kind="complaint", summary="逾期未答复", reporter="李明")],
    )
    r = ok(office_db("letter", "T-1", "acceptance", "--format", "md"))
    assert "李明" not in r.stdout and "投诉举报人：" in r.stdout
    assert "第十一条" in r.stderr and "--reveal" in r.stderr
    r = ok(office_db("letter", "T-1", "acceptance", "--format", "md", "--reveal"))
    assert "李明：" in r.stdout and "第十一条" not in r.stderr


def test_settings_a_document_prints_are_one_line_of_text(office_db) -> None:
    for key in ("fee.payment", "complaint.rules_title", "report.download"):
        r = office_db("config", "set", key, "第一行\n第二行")
        assert r.exit_code == 1 and key in r.stderr
    ok(office_db("config", "set", "complaint.rules_title", "《某局投诉举报处理制度》"))
    assert ok(office_db("config", "get", "complaint.rules_title")).stdout.strip().endswith("某局投诉举报处理制度")


def test_complaint_accept_says_it_keeps_the_reporters_name_confidential(cli) -> None:
    r = ok(cli("complaint", "accept", "--respondent", "县医疗保障局", "--summary", "逾期未答复", "--reporter", "李明"))
    assert "第十一条" in r.stderr and "李明" not in r.stdout + r.stderr
    r = ok(cli("complaint", "accept", "--respondent", "县医疗保障局", "--summary", "目录未更新"))  # anonymous
    assert "第十一条" not in r.stderr


def test_complaint_help_examples_are_about_disclosure_work() -> None:
    import typer

    from govinfo_cli.cli import app, helpframe

    text = " ".join(
        e
        for path, cmd in helpframe.walk(typer.main.get_command(app))
        if path[:1] == ("complaint",)
        for e in helpframe.examples(cmd)
    )
    assert "政府信息公开" in text and not re.search(r"骗保|套现|诱导|串换|住院", text)
    assert "--days 15" in text  # 制度第九条: one extension of at most 15 days


def test_every_article_a_reply_cites_has_its_words_in_the_one_table() -> None:
    from govinfo_cli.core.letters import ARTICLES, GROUNDS

    cited = {b for g in GROUNDS.values() for b in g.basis}
    assert cited <= set(ARTICLES), cited - set(ARTICLES)
    assert "经检索没有所申请公开信息" in ARTICLES["条例第36条第（四）项"]
    assert "不属于本行政机关负责公开" in ARTICLES["条例第36条第（五）项"]


def test_a_reply_under_the_2007_regulation_is_refused_not_printed_with_2019_articles() -> None:
    """docs/rules.md §8: a request received before 2019-05-15 is answered under the 2007
    Regulation, whose articles are not those of the table."""
    from govinfo_cli.core.errors import Refusal

    old = [received("2019-05-10"), request("replied", "2019-05-30", outcome="withheld:state_secret", reason=R)]
    with pytest.raises(Refusal, match="2007"):
        fill("request", old, "reply")
    fill("request", [received("2019-05-15"), *old[1:]], "reply")  # the first day of the 2019 Regulation
