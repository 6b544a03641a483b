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


# The tiers as 109号 words them, for the fee notice (收费通知书) that states its calculation.
PER_REQUEST_FREE = 10  # 同一申请人一个自然月内累计申请10件以下（含10件）的，不收费
PER_VOLUME_TIERS = ((30, 0), (100, 10), (200, 20), (None, 40))  # (up to page, 元 a page), 超额累进


def per_request_tier(nth_in_month: int) -> str:
    """The 按件 tier of the applicant's n-th request of the month, as 109号 counts it."""
    if nth_in_month <= PER_REQUEST_FREE:
        return "第1—10件（含10件）"
    if nth_in_month <= 30:
        return "第11—30件（含30件）"
    first = 31 + (nth_in_month - 31) // 10 * 10
    return f"第{first}—{first + 9}件（含{first + 9}件）"


def per_volume_parts(pages: int) -> list[tuple[int, int, int, int]]:
    """The 按量 tiers a number of pages falls in: (first page, last page, pages in the tier,
    元 a page), the free tier included, the empty ones left out."""
    out = []
    low = 1
    for top, price in PER_VOLUME_TIERS:
        high = pages if top is None else min(pages, top)
        if high >= low:
            out.append((low, high, high - low + 1, price))
        if top is None or pages <= top:
            break
        low = top + 1
    return out


def calculation(scheme: str, *, nth: int | None = None, pages: int | None = None) -> tuple[int, str]:
    """The fee of one request under ``scheme`` (``per_request``: the applicant's ``nth``
    request of the natural month; ``per_volume``: ``pages``) and the sentence that shows the
    count, as a fee notice states it."""
    if scheme == "per_request":
        if nth is None:
            raise ValueError("per_request needs nth")
        amount = per_request_fee(nth)
        each = f"每件{amount}元" if amount else "不收费"
        return amount, (
            f"按件计收，本申请为申请人本自然月内累计提出的第{nth}件政府信息公开申请，"
            f"属于{per_request_tier(nth)}一档，{each}，应收{amount}元"
        )
    if pages is None:
        raise ValueError("per_volume needs pages")
    amount = per_volume_fee(pages)
    parts = []
    for low, high, count, price in per_volume_parts(pages):
        span = f"第{low}—{high}页" if high > low else f"第{low}页"
        parts.append(f"{span}共{count}页不收费" if not price else f"{span}共{count}页×{price}元={count * price}元")
    return amount, f"按量计收（超额累进），所申请信息共{pages}页，其中" + "，".join(parts) + f"，合计{amount}元"


def notice_problem(amount: object, scheme: str | None, nth: int | None, pages: int | None) -> str | None:
    """Why a fee notice's recorded calculation does not hold together (one scheme, the count
    it needs, the amount it gives), or None."""
    if scheme is None:
        return "写了 nth 或 pages 须同时写明计费方式 scheme（per_request 或 per_volume）" if nth or pages else None
    if scheme == "per_request" and (nth is None or pages is not None):
        return "按件计收（per_request）须写明该申请人当月第几件（nth），不写页数（pages）：按件、按量只能择一"
    if scheme == "per_volume" and (pages is None or nth is not None):
        return "按量计收（per_volume）须写明页数（pages），不写件数（nth）：按件、按量只能择一"
    due, text = calculation(scheme, nth=nth, pages=pages)
    if not isinstance(amount, int | float) or float(amount) != due:
        return f"收费金额 {amount} 元与 109号 标准不符（{text}）"
    return None
