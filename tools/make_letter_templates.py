"""Make govinfo's default letter templates (govinfo_cli/templates/*.docx) with python-docx.

    .venv/bin/python tools/make_letter_templates.py

Each template is an ordinary Word document an office can open and edit in WPS or Word; the
placeholders are docxtpl's ({{ name }}; a paragraph of its own {%p if … %} … {%p endif %}
for the reply's outcome families). The files are committed; running this again gives the
same bytes (fixed document dates and zip entry times).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govinfo_cli.core.letters import LETTERS  # noqa: E402
from govinfo_cli.formats.documents import fixed_zip  # noqa: E402

OUT = ROOT / "govinfo_cli" / "templates"

CASE_LINE = "（申请编号：{{ case }}，申请内容：{{ subject }}）"


def remedy(what: str) -> str:
    """The remedy clause (行政复议 within 60 days, 行政诉讼 within 6 months) of a letter
    that decides against the applicant."""
    return (
        f"如对本{what}不服，可以自收到本{what}之日起60日内向{{{{ reconsideration_organ }}}}申请行政复议"
        f"（{{{{ remedy_reconsideration_basis }}}}），或者自收到本{what}之日起6个月内向{{{{ court }}}}提起行政诉讼"
        "（{{ remedy_lawsuit_basis }}）。"
    )


REMEDY = remedy("答复")
CORRECTION_LINE = "（更正申请编号：{{ case }}，要求更正的内容：{{ subject }}）"

BODIES: dict[str, list[str]] = {
    "receipt": [
        "您（单位）于{{ received }}以{{ channel }}方式提出的政府信息公开申请，本机关已收到并登记" + CASE_LINE + "。",
        "根据{{ reply_basis }}的规定，本机关将于{{ reply_due }}前作出答复；需要延长答复期限或者征求"
        "第三方、其他机关意见的，本机关将另行书面告知。",
        "申请内容不明确需要补正的，本机关将于{{ correction_notice_due }}前一次性告知需要补正的事项。",
        "特此回执。",
    ],
    "correction": [
        "您（单位）于{{ received }}提出的政府信息公开申请" + CASE_LINE + "，经审查，申请内容不明确。"
        "根据{{ correction_basis }}的规定，请您对以下事项作出补正：",
        "{%p for item in correction_items %}",
        "{{ item }}",
        "{%p endfor %}",
        "请于{{ correction_due }}前（{{ correction_days }}个工作日内）提交补正后的申请。"
        "答复期限自本机关收到补正后的申请之日起计算；"
        "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ],
    "extension": [
        "您（单位）于{{ received }}提出的政府信息公开申请" + CASE_LINE + "，因{{ extension_reason }}，"
        "本机关不能在{{ old_reply_due }}前作出答复。",
        "经政府信息公开工作机构负责人同意，根据{{ extension_basis }}的规定，答复期限延长"
        "{{ extension_days }}个工作日，本机关将于{{ new_reply_due }}前作出答复。",
        "特此告知。",
    ],
    "consultation": [
        "本机关于{{ received }}收到政府信息公开申请（申请编号：{{ case }}），申请公开的内容为：{{ subject }}。"
        "该申请所涉信息与您（单位）有关，根据{{ answer_basis }}的规定，现书面征求您（单位）的意见。",
        "请于{{ answer_due }}前（自收到本意见书之日起{{ answer_days }}个工作日内）以书面形式提出意见，"
        "不同意公开的，请说明理由。{{ consequence }}",
        "征求意见所需时间不计算在答复期限内。",
    ],
    "fee": [
        "您（单位）于{{ received }}提出的政府信息公开申请" + CASE_LINE + "，根据{{ fee_basis }}的规定，"
        "需收取信息处理费人民币{{ fee_amount }}元。",
        "本件{{ fee_calculation }}。",
        "请于{{ fee_due }}前（自收到本通知次日起{{ fee_days }}个工作日内）缴纳。缴纳方式：{{ fee_payment }}。"
        "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。自收到本通知之日至缴费之日，"
        "不计算在答复期限内。",
    ],
    "deferral": [
        "您（单位）于{{ received }}提出的政府信息公开申请" + CASE_LINE + "，因{{ deferral_reason }}，"
        "根据{{ deferral_basis }}的规定，本机关确定延迟答复的合理期限，将于{{ deferral_until }}前作出答复。",
        "特此告知。",
    ],
    "transfer": [
        "现将{{ applicant }}于{{ received }}提出的政府信息公开申请" + CASE_LINE + "转你处办理。",
        "{%p if draft_due %}",
        "请于{{ draft_due }}前提出初步答复意见（{{ draft_basis }}）。",
        "{%p endif %}",
        "本申请的法定答复期限为{{ reply_due }}（{{ reply_basis }}），请按时办理。",
    ],
    "reply": [
        "本机关于{{ received }}收到您（单位）提出的政府信息公开申请" + CASE_LINE + "。现答复如下：",
        # the outcome's finding, decision and articles: core/letters.py GROUNDS (one table)
        "经审查，{{ outcome_finding }}。{% if outcome_basis %}根据{{ outcome_basis }}的规定，{% endif %}"
        "{{ outcome_decision }}。{{ provide_text }}{{ body_text }}{{ reason_text }}",
        REMEDY,
    ],
    "acceptance": [
        "您于{{ accepted }}提出的政府信息公开投诉举报（编号：{{ case }}），本机关已予受理。",
        "本机关将于{{ handling_due }}前确定处理方式；由本机关直接办理的，于{{ conclusion_due }}前办结"
        "{% if conclusion_basis %}（{{ conclusion_basis }}）{% endif %}。",
        "特此告知。",
    ],
    "complaint_transfer": [
        "您于{{ accepted }}提出的政府信息公开投诉举报（编号：{{ case }}），本机关已于{{ decided }}决定"
        "{{ mode }}，由有关机关依法处理。",
        "特此告知。",
    ],
    "complaint_extension": [
        "您于{{ accepted }}提出的政府信息公开投诉举报（编号：{{ case }}），"
        "{% if extension_reason %}因{{ extension_reason }}，{% endif %}经本机关负责人批准，办结期限延长"
        "{{ extension_days }}日，本机关将于{{ conclusion_due }}前办结"
        "{% if conclusion_basis %}（{{ conclusion_basis }}）{% endif %}。",
        "特此告知。",
    ],
    "rejection": [
        "您于{{ accepted }}提出的政府信息公开投诉举报（编号：{{ case }}），经审查，{{ reject_reason }}。"
        "{% if reject_basis %}根据{{ reject_basis }}的规定，{% endif %}本机关不予受理。",
        "特此告知。",
    ],
    "result": [
        "您于{{ accepted }}提出的政府信息公开投诉举报（编号：{{ case }}），本机关已于{{ concluded }}办结。",
        "办理结果：{{ result }}",
        "特此告知。",
    ],
    # 更正申请 (条例第41条)
    "correction_receipt": [
        "您（单位）于{{ received }}提出的更正政府信息记录的申请，本机关已收到并登记" + CORRECTION_LINE + "。",
        "根据{{ reply_basis }}的规定，本机关将核实有关信息，于{{ reply_due }}前（{{ reply_days }}个工作日内）"
        "予以更正并告知您（单位）；本机关无权更正的，将转送有权更正的行政机关处理并告知您（单位），"
        "或者告知您（单位）向有权更正的行政机关提出。",
        "特此回执。",
    ],
    "correction_done": [
        "您（单位）于{{ received }}提出的更正政府信息记录的申请" + CORRECTION_LINE + "，经核实，"
        "有关信息记录确有不准确之处。根据{{ reply_basis }}的规定，本机关已于{{ corrected }}予以更正。",
        "{%p if note %}",
        "更正情况：{{ note }}",
        "{%p endif %}",
        "特此告知。",
    ],
    "correction_transfer": [
        "您（单位）于{{ received }}提出的更正政府信息记录的申请" + CORRECTION_LINE + "，经审查，"
        "本机关无权更正。根据{{ reply_basis }}的规定，本机关已于{{ transferred }}将该申请转送"
        "有权更正的{{ authority }}处理。",
        "请您（单位）就办理情况与{{ authority }}联系。",
        "特此告知。",
    ],
    "correction_refusal": [
        "您（单位）于{{ received }}提出的更正政府信息记录的申请" + CORRECTION_LINE + "，经审查，"
        "根据{{ reply_basis }}的规定，本机关决定不予更正。理由如下：{{ reason }}",
        remedy("告知"),
    ],
}
# Internal notices are addressed to a division, not to the applicant.
ADDRESSEE = "{{ to }}："


def _font(run, name: str, size: float, bold: bool = False) -> None:  # noqa: ANN001
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _para(doc, text: str, *, align=None, indent: bool = False, size: float = 16, bold: bool = False,  # noqa: ANN001
          font: str = "仿宋", style: str | None = None) -> None:  # fmt: skip
    p = doc.add_paragraph(style=style)
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = Pt(28)
    _font(p.add_run(text), font, size, bold)


def build(letter: str) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    props = doc.core_properties
    props.author = props.last_modified_by = "govinfo"
    props.title = LETTERS[letter][0]
    props.created = props.modified = dt.datetime(2026, 1, 1)
    props.revision = 1
    center = WD_ALIGN_PARAGRAPH.CENTER
    right = WD_ALIGN_PARAGRAPH.RIGHT
    _para(doc, "{{ agency }}", align=center, size=22, font="宋体", bold=True)
    _para(doc, "{{ title }}", align=center, size=22, font="宋体", bold=True, style="Title")
    _para(doc, "{{ number }}", align=center)
    _para(doc, "")
    _para(doc, ADDRESSEE)
    for text in BODIES[letter]:
        _para(doc, text, indent=not text.startswith("{%p"))
    _para(doc, "")
    _para(doc, "{{ seal }}", align=right)
    _para(doc, "{{ date }}", align=right)
    _para(doc, "")
    _para(doc, "联系地址：{{ agency_address }}　联系电话：{{ agency_phone }}", size=14)
    buf = io.BytesIO()
    doc.save(buf)
    return fixed_zip(buf.getvalue())


def main() -> None:
    assert set(BODIES) == set(LETTERS), set(LETTERS) ^ set(BODIES)
    for letter in LETTERS:
        (OUT / f"{letter}.docx").write_bytes(build(letter))
        print(OUT / f"{letter}.docx")


if __name__ == "__main__":
    main()
