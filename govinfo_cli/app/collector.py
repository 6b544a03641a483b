"""Python's cycle collector, paused while a command holds many objects that form no cycle."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector paused inside the block (and resumed after it, if it was on).

    Used where a command builds tens or hundreds of thousands of live objects that hold no
    cycle among them: `due`'s rows (until they are printed and freed) and an event import's
    lines (until their case is written). The collector would walk them again and again as
    they pile up without freeing one, full collections walking every object the imports
    made too: a third of the CPU of a 100 000-case import, more than the rows themselves for
    `due` (BENCHMARKS.md). Reference counting still frees whatever is dropped; a rare cycle
    waits until the block ends."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
