"""The register rows' fast path: ``replay`` itself, run once per receipt day rather than once
per row. A register row is a request received and maybe replied, with nothing in between;
its deadlines are what ``replay`` gives those two events, and they depend on the row only
through its receipt day and which of that day's deadlines the reply came in time for
(nothing else of a register row moves a deadline: ``register_history`` admits no other
field, and a property test checks the two agree on random logs). So the rows of a receipt
day share one replay each for "still open" and for each kind of reply (in time, late; with
a profile's milestones, in time for some of them): years of registers cost a few thousand
replays.
Nothing here states a rule: the periods, the handlers and ``replay`` do (issue 26, item 4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from govinfo_cli.core import codes
from govinfo_cli.core.calendar import WorkCalendar
from govinfo_cli.core.rules.state import NATIONAL, Profile

if TYPE_CHECKING:
    from govinfo_cli.core.events import Event

Date = dt.date
FastDeadline = tuple[str, Date | None, str, bool, bool, str]  # code, due, state, provisional, quiet, basis
# (receipt day, None: open | for each of the day's deadlines, whether the reply came by its
#  due date) -> the deadlines
RegisterMemo = dict[tuple[Date, tuple[bool, ...] | None], list[FastDeadline]]

# what a register row's events carry that no deadline depends on (register_history admits
# only such fields): the replays of a receipt day are made with these
_RECEIVED = {"channel": "online", "applicant": "登记簿", "applicant_type": "natural_person", "subject": "登记簿"}
_REPLIED = {"outcome": "disclosed", "historic": True}


def fast_register_deadlines(
    cal: WorkCalendar,
    received: Date,
    replied: Date | None,
    memo: RegisterMemo | None = None,
    profile: Profile = NATIONAL,
) -> list[FastDeadline]:
    """The deadlines ``replay`` gives a register row (received, maybe replied), without
    their explanations: replayed once per receipt day and kind of reply (which of the day's
    deadlines it came in time for), kept in ``memo`` (one dict per calendar and profile)."""
    memo = {} if memo is None else memo
    still_open = memo.get((received, None))
    if still_open is None:
        still_open = memo[(received, None)] = _replayed(cal, profile, received, None)
    if replied is None:
        return still_open
    # which of the day's deadlines the reply met (a profile's milestones count as well)
    key = (received, tuple(due is not None and replied <= due for _, due, *_ in still_open))
    got = memo.get(key)
    if got is None:
        got = memo[key] = _replayed(cal, profile, received, replied)
    return got


def _replayed(cal: WorkCalendar, profile: Profile, received: Date, replied: Date | None) -> list[FastDeadline]:
    from govinfo_cli.core.events import Event
    from govinfo_cli.core.rules.engine import replay

    evs = [Event("received", received, dict(_RECEIVED), seq=1)]
    if replied is not None:
        evs.append(Event("replied", replied, dict(_REPLIED), seq=2))
    st = replay("request", evs, cal, profile)
    return [(d.code, d.due, d.state, d.provisional, d.quiet, d.basis) for d in st.deadlines.values()]


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
    (A profile with local milestones goes through ``replay`` too, as before.)"""
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
