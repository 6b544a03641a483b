"""The engine's fast path for register rows (a request received and maybe replied, with
nothing in between): the same deadlines ``replay`` gives, without explanations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from govinfo_cli.core import codes
from govinfo_cli.core.calendar import WorkCalendar
from govinfo_cli.core.rules.periods import exists, period
from govinfo_cli.core.rules.state import Profile

if TYPE_CHECKING:
    from govinfo_cli.core.events import Event

Date = dt.date
FastDeadline = tuple[str, Date | None, str, bool, bool, str]  # code, due, state, provisional, quiet, basis


def fast_register_deadlines(
    cal: WorkCalendar,
    received: Date,
    replied: Date | None,
    memo: dict[Date, tuple[Date | None, Date, bool, bool]] | None = None,
) -> list[FastDeadline]:
    """The engine's fast path for the commonest history: a request received and (maybe)
    replied, with nothing in between (a register row). The same deadlines as ``replay``
    gives for those two events (a test checks they agree), without building explanations:
    for bulk imports of years of registers. ``memo`` (one dict per calendar) keeps the
    due dates of each receipt day, which a register repeats many times."""
    known = memo.get(received) if memo is not None else None
    if known is None:
        i = cal.index_after(received)  # the first working day counted
        # the law in force on receipt (docs/rules.md §8): no notice window before 2019-05-15
        has_window = exists("correction_notice", received)
        notice_due = cal.day_at(i + period("correction_notice", received).days - 1) if has_window else None
        reply_due = cal.day_at(i + period("reply", received).days - 1)
        confirmed = cal.confirmed_years
        y0 = received.year
        known = (
            notice_due,
            reply_due,
            notice_due is not None and any(y not in confirmed for y in range(y0, notice_due.year + 1)),
            any(y not in confirmed for y in range(y0, reply_due.year + 1)),
        )
        if memo is not None:
            memo[received] = known
    notice_due, reply_due, p_notice, p_reply = known
    if replied is None:
        notice_state, reply_state = "pending", "pending"
    else:
        notice_state = "lapsed"  # closed without a correction notice: the window no longer applies
        reply_state = "met" if replied <= reply_due else "missed"
    reply = ("reply", reply_due, reply_state, p_reply, False, period("reply", received).article)
    if notice_due is None:
        return [reply]
    return [
        ("correction_notice", notice_due, notice_state, p_notice, True, codes.DEADLINES["correction_notice"][1]),
        reply,
    ]


# The fields of a register row's events (app.register_import builds exactly these): a
# received event with any other field (arrival_date, id_unchecked…) goes through replay.
REGISTER_RECEIVED_FIELDS = frozenset(
    {"channel", "applicant", "applicant_type", "subject", "department", "id_number", "contact"}
)
REGISTER_REPLIED_FIELDS = frozenset({"outcome", "reason", "historic"})
# outcomes whose own conditions replay checks unless the reply is historic (docs/rules.md §9)
_CHECKED_OUTCOMES = frozenset({"unavailable:still_unclear", "other:no_correction", "other:fee_unpaid"})


def register_history(events: Sequence[Event], profile: Profile) -> tuple[Date, Date | None] | None:
    """(received, replied) when a new request's whole log is what a register row makes (a
    received event, maybe a reply, with checked payloads of a register's fields), so that
    ``fast_register_deadlines`` gives what ``replay`` would, without refusal or warning (a
    test checks it on random logs); None for anything else, which goes through ``replay``.
    A profile with local milestones adds deadlines the fast path does not know: None."""
    if profile.milestones or not 1 <= len(events) <= 2:
        return None
    received = events[0]
    if received.type != "received" or not received.data.keys() <= REGISTER_RECEIVED_FIELDS:
        return None
    if len(events) == 1:
        return received.date, None
    reply = events[1]
    if reply.type != "replied" or reply.date < received.date or not reply.data.keys() <= REGISTER_REPLIED_FIELDS:
        return None
    outcome = reply.data.get("outcome")
    if outcome not in codes.OUTCOMES:
        return None
    if not reply.data.get("historic") and (
        outcome in _CHECKED_OUTCOMES or (outcome not in codes.OUTCOMES_WITHOUT_REASON and not reply.data.get("reason"))
    ):
        return None  # replay checks those outcomes' conditions (or refuses a missing reason)
    return received.date, reply.date
