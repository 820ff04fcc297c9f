"""Pausing Python's cyclic garbage collector around allocation-heavy work whose objects form no
reference cycles (loading the store's libraries, extracting one document, scanning a long text):
each burst of allocations would otherwise trigger collections that walk every live object for
nothing. Nested pauses are safe: only the outermost one turns the collector back on.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(when: bool = True) -> Iterator[None]:
    """Disable the cyclic collector for the block (if `when` and it is on), then restore it."""
    pause = when and gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if pause:
            gc.enable()
