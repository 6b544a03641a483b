"""Personal data: the GB 11643 check digit of 居民身份证 numbers, and masking."""

from __future__ import annotations

import re

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID18 = re.compile(r"^\d{17}[\dX]$")
MASK = "*"  # what the masking functions below put in place of hidden characters


def id_check_digit(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def id_problem(number: str) -> str | None:
    """Why an 18-digit resident ID number is invalid, or None when it is valid."""
    n = number.strip().upper()
    if not _ID18.match(n):
        return "居民身份证号码应为18位（前17位数字，末位数字或X）"
    want = id_check_digit(n[:17])
    if n[17] != want:
        return f"居民身份证号码校验位错误（应为 {want}，GB 11643）"
    return None


def mask_id(number: str | None) -> str:
    if not number:
        return ""
    n = number.strip()
    if len(n) <= 7:
        return MASK * len(n)
    return n[:3] + MASK * (len(n) - 7) + n[-4:]


def mask_phone(number: str | None) -> str:
    if not number:
        return ""
    digits = number.strip()
    if len(digits) <= 4:
        return MASK * len(digits)
    if len(digits) >= 11:
        return digits[:3] + MASK * (len(digits) - 7) + digits[-4:]
    return MASK * (len(digits) - 4) + digits[-4:]


def mask_name(name: str | None) -> str:
    """A natural person's name: the surname and stars (张**)."""
    if not name:
        return ""
    return name[0] + MASK * max(1, len(name) - 1)


def mask_party(name: str | None, party_type: str | None) -> str:
    """Names of natural persons are masked in lists; organisations are public."""
    if party_type == "natural_person":
        return mask_name(name)
    return name or ""


CONFIDENTIAL = "（保密）"


def is_masked(field: str, value: object) -> bool:
    """Whether a personal field holds what masking produced (an export without --reveal) rather
    than the data: an ID number or phone with the mask character, a reporter shown as （保密）.
    Such a value carries nothing to import."""
    if not isinstance(value, str):
        return False
    if field == "reporter":
        return value.strip() == CONFIDENTIAL
    return field in ("id_number", "contact") and MASK in value
