"""app.collector: the cycle collector paused for `due` and event imports, and given back as it was."""

from __future__ import annotations

import gc

import pytest

from govinfo_cli.app.collector import collector_paused


def test_the_collector_is_off_inside_and_back_on_after_even_when_the_block_fails() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("x")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
