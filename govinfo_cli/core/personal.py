"""Personal data: the GB 11643 check digit of 居民身份证 numbers, the GB 32100 check character of
统一社会信用代码, and masking."""

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


# 统一社会信用代码 (GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》): 18 characters of the
# code character set (the digits and the capital letters except I, O, S, V, Z; values 0–30 in
# this order); position 1 the registering department, 2 the kind of organisation, 3–8 the
# registering authority's administrative-division code (digits), 9–17 the subject's
# identifier (组织机构代码), 18 the check character C18 = 31 − MOD(Σ Ci × Wi, 31) over positions
# 1–17, with Wi = 3^(i−1) mod 31 and a result of 31 written as 0.
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT18 = re.compile(r"^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$")


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why an 18-character 统一社会信用代码 is invalid (GB 32100-2015), or None when it is valid."""
    n = code.strip().upper()
    if not _CREDIT18.match(n):
        return "统一社会信用代码应为18位（数字或除 I、O、S、V、Z 外的大写字母，第3–8位为数字）"
    want = credit_code_check_char(n[:17])
    if n[17] != want:
        return f"统一社会信用代码校验码错误（应为 {want}，GB 32100）"
    return None


def identifier_problem(number: str) -> str | None:
    """Why ``number`` is neither a valid 居民身份证号码 (GB 11643) nor a valid 统一社会信用代码
    (GB 32100): the two identify an applicant (docs/rules.md §14). None when it is either."""
    n = number.strip().upper()
    if id_problem(n) is None or credit_code_problem(n) is None:
        return None
    as_id, as_code = _ID18.match(n), _CREDIT18.match(n)
    if as_id and as_code:  # 18 digits (or 17 and X): both spellings, both check characters wrong
        return (
            f"证件号码校验位错误：既不是有效的居民身份证号码（末位应为 {id_check_digit(n[:17])}，GB 11643），"
            f"也不是有效的统一社会信用代码（末位应为 {credit_code_check_char(n[:17])}，GB 32100）"
        )
    if as_id:
        return id_problem(n)
    if as_code:
        return credit_code_problem(n)
    return "证件号码应为18位居民身份证号码（GB 11643）或统一社会信用代码（GB 32100）"


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
