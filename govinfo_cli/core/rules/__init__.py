"""The statutory rules, laid out like the law (RULES.md).

- ``periods``: every period once, with its days, kind, article and effective dates;
- ``counting``: Deadline, Explanation, ``count_wd``, ``count_days``, ``overdue``;
- ``registry``: the table of event handlers (one per event type, citing its article);
- ``request``, ``complaint``, ``appeal``, ``disclosure``, ``opinion``: one module per case kind;
- ``replay``: the one entry point, ``replay(kind, events, calendar, profile)``;
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
from govinfo_cli.core.rules.periods import PERIODS, Period, period
from govinfo_cli.core.rules.register import FastDeadline, fast_register_deadlines
from govinfo_cli.core.rules.replay import replay
from govinfo_cli.core.rules.request import MILESTONES, milestones_past_reply
from govinfo_cli.core.rules.state import NATIONAL, CaseState, Profile

__all__ = [
    "ENFORCEMENT_BASIS",
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
