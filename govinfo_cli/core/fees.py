"""Information-processing fees (国办函〔2020〕109号): the two schemes, never both."""

from __future__ import annotations


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
