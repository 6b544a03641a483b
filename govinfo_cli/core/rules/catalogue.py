"""The disclosure catalogue (公开目录; docs/sources.md): which docs/rules.md §5 deadline a row's
公开时限 corresponds to. docs/rules.md wins over the catalogue: "实时公开" is the office's own,
stricter commitment and the statutory period stays 20 working days (条例第26条); a text
that matches no docs/rules.md deadline is flagged as unknown, never guessed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from govinfo_cli.core import codes
from govinfo_cli.core.rules.disclosure import ENFORCEMENT_BASIS

_ENFORCEMENT_DECISION = re.compile(r"行政(?:处罚|许可)(?:的)?(?:执法)?决定")


@dataclass(frozen=True)
class CatalogueRule:
    kind: str  # publish | enforcement | annual_report | realtime | unknown
    deadline: str | None  # the docs/rules.md deadline code that applies (None: none identified)
    basis: str  # its legal basis, "" when unknown
    text: str  # what applies, for the clerk

    @property
    def label(self) -> str:
        return f"{self.text}（{self.basis}）" if self.basis else self.text

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "deadline": self.deadline,
            "basis": self.basis,
            "text": self.text,
            "label": self.label,
        }


_WD20 = re.compile(r"(?<![\d十百])(20|二十)个?工作日")
_JAN31 = re.compile(r"(?<![\d十])(1|一)月(31|三十一)日")


def catalogue_rule(time_limit: str, subject: str = "") -> CatalogueRule:
    """The docs/rules.md deadline behind a catalogue row's 公开时限 (``subject``: the row's
    heading or 公开内容, which tells the yearly report apart from other 1-月-31-日 duties)."""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", time_limit or ""))
    publish_basis = codes.DEADLINES["publish"][1]
    if _ENFORCEMENT_DECISION.search(unicodedata.normalize("NFKC", subject or "")):
        # docs/rules.md §5 wins over the catalogue: licensing and penalty decisions are published
        # within 7 working days of the decision, whatever longer period the row promises.
        return CatalogueRule(
            "enforcement",
            "publish",
            ENFORCEMENT_BASIS,
            "行政许可、行政处罚决定：作出之日起7个工作日（以 disclosure decision 登记）",
        )
    if _WD20.search(s) and ("形成" in s or "变更" in s):
        return CatalogueRule("publish", "publish", publish_basis, "形成或变更后20个工作日")
    if s.startswith("实时"):
        return CatalogueRule(
            "realtime", "publish", publish_basis, "实时系本机关承诺，无单独法定时限；法定仍为20个工作日"
        )
    if _JAN31.search(s) and "年度报告" in unicodedata.normalize("NFKC", subject or ""):
        return CatalogueRule(
            "annual_report", "annual_report", codes.DEADLINES["annual_report"][1], "年度报告每年1月31日前公布"
        )
    return CatalogueRule("unknown", None, "", "未识别：docs/rules.md §5 无对应期限，请人工核对")
