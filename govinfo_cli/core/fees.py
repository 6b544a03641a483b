"""Information-processing fees (国办函〔2020〕109号): the two schemes, never both."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Applicant:
    name: str
    id_number: str | None = None  # ID number or unified social credit code


def _norm_id(v: str | None) -> str:
    return "".join((v or "").split()).upper()


def same_applicant(a: Applicant, b: Applicant) -> bool:
    """The 109号 per-request tier counts requests of "the same applicant" (docs/rules.md §10, §14):
    an ID number or a unified social credit code identifies the applicant; a request with
    neither counts only with other requests of the same name that have neither. Two people who
    share a name but not an ID number are two applicants."""
    ia, ib = _norm_id(a.id_number), _norm_id(b.id_number)
    if ia or ib:
        return ia == ib
    return a.name.strip() == b.name.strip()


# What recording a request without an ID tells the clerk (docs/rules.md §14).
NO_ID_WARNING = (
    "未登记证件号码（居民身份证号码或统一社会信用代码）：按件收费（国办函〔2020〕109号）只与同名且同样"
    "未登记证件号码的申请合并计数，补登证件号码前该申请人的当月件数可能少计（docs/rules.md §14）"
)


def nth_request_in_month(this: Applicant, earlier_in_month: list[Applicant]) -> int:
    """Which request of the applicant in the natural month this one is (1 for the first),
    given the requests received earlier in the same month."""
    return 1 + sum(1 for other in earlier_in_month if same_applicant(this, other))


def per_request_fee(nth_in_month: int) -> int:
    """按件: the applicant's n-th request in a natural month. 1–10 free; 11–30: 100 元;
    from 31, each further block of 10 costs 100 元 more (31–40: 200, 41–50: 300 …)."""
    if nth_in_month < 1:
        raise ValueError("n must be ≥ 1")
    if nth_in_month <= 10:
        return 0
    if nth_in_month <= 30:
        return 100
    return 100 * (2 + (nth_in_month - 31) // 10)


def per_volume_fee(pages: int) -> int:
    """按量, progressive (超额累进): ≤30 pages free; pages 31–100 at 10 元; 101–200 at
    20 元; from 201 at 40 元."""
    if pages < 0:
        raise ValueError("pages must be ≥ 0")
    tier1 = max(0, min(pages, 100) - 30)
    tier2 = max(0, min(pages, 200) - 100)
    tier3 = max(0, pages - 200)
    return 10 * tier1 + 20 * tier2 + 40 * tier3
