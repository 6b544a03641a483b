"""The statutory rules, laid out like the law (docs/rules.md).

- ``periods``: every period once, with its days, kind, article and effective dates;
- ``counting``: Deadline, Explanation, ``count_wd``, ``count_days``, ``overdue``;
- ``registry``: the table of event handlers (one per event type, citing its article);
- ``request``, ``complaint``, ``appeal``, ``disclosure``, ``opinion``, ``record_correction``:
  one module per case kind;
- ``engine``: the one entry point, ``replay(kind, events, calendar, profile)``, with the
  rules every kind shares: a missed deadline stays missed (§9), amendments and voiding (§12);
- ``register``: the fast path for register rows; ``catalogue``: 公开目录 time limits.

``docs/rules-index.md`` (generated) maps article → period → handler → test.

Engine API for callers (app/, the CLI):

- ``replay(kind, events, cal, profile) -> CaseState``; ``events`` in log order, each an
  ``Event`` whose ``seq`` is 0 for the event being recorded (new) and its log number for
  history (``is_new``). A refused event raises ``Refusal`` (exit 1).
- ``CaseState.status``: ``open`` | ``closed`` | ``voided`` (drop voided cases from due,
  lists, registers, reports; ``st.voided`` has seq, reason, date, operator, recorded_at).
- ``CaseState.warnings``: ``ReplayWarning(seq, text)``; print those with seq 0 after
  recording (a late correction notice or fee notice, an accepted late payment, §9).
- ``CaseState.amendments`` / ``amended_after_deadline``: ``Amendment`` (seq, amends, type,
  fields, reason, date, operator, recorded_at, passed, changed; ``marked``; ``as_dict()``) for
  show, show --audit and the timeliness report (§12).
- Events are applied by date, ties in recording order (§14). A new event dated before the
  case's latest needs ``entered_late`` (its reason); ``CaseState.late_entries``: ``LateEntry``
  (seq, type, date, reason, latest, changed, cleared; ``as_dict()``). ``CaseState.voided.passed``:
  the deadlines late when the case was voided. ``CaseState.late_confirmation``: a letter
  confirmed after its arrival day. ``CaseState.parties``: each consulted party's own answer
  deadline (``Deadline.name``); ``CaseState.rows()`` the rows of due and show.
- Event lines: ``amended`` {amends, fields, reason} and ``voided`` {reason} on every kind;
  before storing an amendment, check its fields with
  ``events.normalize_amendment(kind, target_type, fields)`` (the engine applies them as given).
- ``fee_paid`` takes ``accept_late`` (the reason) when paid after ``fee_payment``;
  ``consultation_answered`` takes ``name``; ``accepted`` has no fields.
- kind ``record_correction``: received / corrected / transferred (to) / refused (reason);
  deadline ``correction_reply`` (profile ``correction_reply_wd``, default 20).
- ``core.fees.same_applicant`` / ``nth_request_in_month``: the 109号 tier rule.
- ``periods.period(name, on)``, ``periods.exists(name, on)``: the law in force on a day.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the type checker reads the names; at run time they load on first use
    from govinfo_cli.core.rules.catalogue import CatalogueRule, catalogue_rule
    from govinfo_cli.core.rules.counting import (
        Deadline,
        Explanation,
        Pause,
        count_days,
        count_wd,
        fixed,
        overdue,
        settle,
        suspended,
    )
    from govinfo_cli.core.rules.disclosure import ENFORCEMENT_BASIS, annual_duties, annual_duty_dates
    from govinfo_cli.core.rules.engine import amended_event, keep_passed, replay
    from govinfo_cli.core.rules.periods import PERIODS, Period, exists, period
    from govinfo_cli.core.rules.register import FastDeadline, fast_register_deadlines, register_history
    from govinfo_cli.core.rules.request import MILESTONES, milestones_past_reply
    from govinfo_cli.core.rules.state import (
        NATIONAL,
        Amendment,
        CaseState,
        LateConfirmation,
        LateEntry,
        Profile,
        ReplayWarning,
        Voided,
        is_new,
    )

# Which module each name comes from: a command that needs one rule (``due`` needs
# ``overdue``) does not pay for loading every kind's handlers (PEP 562).
_FROM = {
    "CatalogueRule": "catalogue",
    "catalogue_rule": "catalogue",
    "Deadline": "counting",
    "Explanation": "counting",
    "Pause": "counting",
    "count_days": "counting",
    "count_wd": "counting",
    "fixed": "counting",
    "overdue": "counting",
    "settle": "counting",
    "suspended": "counting",
    "ENFORCEMENT_BASIS": "disclosure",
    "annual_duties": "disclosure",
    "annual_duty_dates": "disclosure",
    "PERIODS": "periods",
    "Period": "periods",
    "exists": "periods",
    "period": "periods",
    "FastDeadline": "register",
    "fast_register_deadlines": "register",
    "register_history": "register",
    "amended_event": "engine",
    "keep_passed": "engine",
    "replay": "engine",
    "MILESTONES": "request",
    "milestones_past_reply": "request",
    "NATIONAL": "state",
    "Amendment": "state",
    "LateConfirmation": "state",
    "LateEntry": "state",
    "CaseState": "state",
    "Profile": "state",
    "ReplayWarning": "state",
    "Voided": "state",
    "is_new": "state",
}


def __getattr__(name: str) -> Any:
    import importlib

    module = _FROM.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "ENFORCEMENT_BASIS",
    "Amendment",
    "LateConfirmation",
    "LateEntry",
    "Voided",
    "ReplayWarning",
    "amended_event",
    "exists",
    "is_new",
    "keep_passed",
    "MILESTONES",
    "NATIONAL",
    "PERIODS",
    "CaseState",
    "CatalogueRule",
    "Deadline",
    "Explanation",
    "FastDeadline",
    "Pause",
    "Period",
    "Profile",
    "annual_duties",
    "annual_duty_dates",
    "catalogue_rule",
    "count_days",
    "count_wd",
    "fast_register_deadlines",
    "register_history",
    "fixed",
    "milestones_past_reply",
    "overdue",
    "period",
    "replay",
    "settle",
    "suspended",
]
