"""The table of event handlers: one small function per (case kind, event type), each
registered with the periods it counts and a docstring whose first line cites its article.

``docs/rules-index.md`` is generated from this table and ``periods.PERIODS``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

HandlerFn = Callable[[Any, Any], None]


@dataclass(frozen=True)
class Handler:
    kind: str
    type: str
    fn: HandlerFn
    periods: tuple[str, ...]  # names in periods.PERIODS this handler counts or checks

    @property
    def name(self) -> str:
        return f"{self.fn.__module__}.{self.fn.__qualname__}"

    @property
    def article(self) -> str:
        """The first line of the handler's docstring: what it does and under which article."""
        return (self.fn.__doc__ or "").strip().splitlines()[0] if self.fn.__doc__ else ""


HANDLERS: dict[tuple[str, str], Handler] = {}


def handles(kind: str, type_: str, *, periods: tuple[str, ...] = ()) -> Callable[[HandlerFn], HandlerFn]:
    def register(fn: HandlerFn) -> HandlerFn:
        key = (kind, type_)
        if key in HANDLERS:
            raise RuntimeError(f"两个处理函数登记了 {kind}/{type_}")
        HANDLERS[key] = Handler(kind, type_, fn, periods)
        return fn

    return register


def handler(kind: str, type_: str) -> Handler | None:
    return HANDLERS.get((kind, type_))
