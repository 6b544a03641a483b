"""The statutory rules, laid out like the law (RULES.md).

- ``periods``: every period once, with its days, kind, article and effective dates;
- ``counting``: Deadline, Explanation, ``count_wd``, ``count_days``, ``overdue``;
- ``registry``: the table of event handlers (one per event type, citing its article);
- ``request``, ``complaint``, ``appeal``, ``disclosure``, ``opinion``, ``record_correction``:
  one module per case kind;
- ``replay``: the one entry point, ``replay(kind, events, calendar, profile)``, with the
  rules every kind shares: a missed deadline stays missed (§9), amendments and voiding (§12);
- ``register``: the fast path for register rows; ``catalogue``: 公开目录 time limits.

``docs/rules-index.md`` (generated) maps article → period → handler → test.
"""

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
from govinfo_cli.core.rules.periods import PERIODS, Period, exists, period
from govinfo_cli.core.rules.register import FastDeadline, fast_register_deadlines
from govinfo_cli.core.rules.replay import amended_event, keep_passed, replay
from govinfo_cli.core.rules.request import MILESTONES, milestones_past_reply
from govinfo_cli.core.rules.state import NATIONAL, Amendment, CaseState, Profile, ReplayWarning, Voided, is_new

__all__ = [
    "ENFORCEMENT_BASIS",
    "Amendment",
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
    "fixed",
    "milestones_past_reply",
    "overdue",
    "period",
    "replay",
    "settle",
    "suspended",
]
