"""Personal data: the GB 11643 check digit of 居民身份证 numbers, the GB 32100 check character of
统一社会信用代码, and masking."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

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

# ---------------------------------------------------------------------------------------------
# The one masking path (docs/contract.md "Personal data"). Every output that can carry personal
# data (show, its --json, --explain and --audit, export events, the registers, the timeliness
# report, letters, error messages) masks it here, unless the clerk asked for --reveal (logged).
# ---------------------------------------------------------------------------------------------

# The personal fields of event payloads and register rows, each with how it is masked: an ID
# number and a phone keep their ends; a complainant's identity (投诉举报人, 第十一条) is withheld.
PERSONAL: dict[str, Callable[[str], str]] = {
    "id_number": mask_id,
    "contact": mask_phone,
    "reporter": lambda _name: CONFIDENTIAL,
}
LABELS = {"id_number": "证件号码", "contact": "联系方式", "reporter": "投诉举报人"}
# What a masked value shows instead of the hidden characters: the mask character (also as
# typed on a Chinese keyboard, full width) and the confidential mark.
_MASK_MARKS = (MASK, "＊", CONFIDENTIAL)


def mask_value(name: str, value: Any) -> Any:
    """One field's value as an output without --reveal shows it (other fields as they are)."""
    if name in PERSONAL and isinstance(value, str) and value:
        return PERSONAL[name](value)
    return value


def seal(payload: Mapping[str, Any], *, reveal: bool = False) -> dict[str, Any]:
    """A payload (an event's, a register row, a case's facts) with its personal fields masked,
    also those inside a nested mapping (an amendment's ``fields``: the new values)."""
    if reveal:
        return dict(payload)
    return {
        k: mask_value(k, v) if k in PERSONAL else seal(v) if isinstance(v, Mapping) else v for k, v in payload.items()
    }


def is_masked(field: str, value: object) -> bool:
    """Whether a personal field holds what masking produces (an export without --reveal, a
    value copied from a masked screen) rather than the data: the mask character anywhere in
    it, or the confidential mark. Such a value is never stored (nor compared)."""
    if field not in PERSONAL or not isinstance(value, str):
        return False
    return any(mark in value for mark in _MASK_MARKS)


def masked_problem(field: str) -> str:
    """Why a masked value cannot be stored in ``field`` (the caller names where it was)."""
    label = LABELS.get(field.rsplit(".", 1)[-1], field)
    return f"是遮蔽后的值（含 {MASK} 或{CONFIDENTIAL}），不能作为{label}保存；请填写完整的{label}"


def masked_field(payload: Mapping[str, Any]) -> str | None:
    """The first personal field of ``payload`` (or of a nested mapping, as ``fields.contact``)
    that holds a masked value; None when there is none."""
    for k, v in payload.items():
        if isinstance(v, Mapping):
            inner = masked_field(v)
            if inner is not None:
                return f"{k}.{inner}"
        elif is_masked(k, v):
            return k
    return None


# An 18-character resident ID number or an 11-digit mobile number inside free text, with no
# digit or letter run-on at either end.
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
_MOBILE_IN_TEXT = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


def redact(text: str) -> str:
    """``text`` (an error message quoting a value) with every ID number and mobile number in
    it masked as the fields are: the last net under the messages govinfo prints."""
    text = _ID_IN_TEXT.sub(lambda m: mask_id(m.group()), text)
    return _MOBILE_IN_TEXT.sub(lambda m: mask_phone(m.group()), text)
