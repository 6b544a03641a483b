"""Personal data: the GB 11643 check digit of 居民身份证 numbers, and masking."""

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
