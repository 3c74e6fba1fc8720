"""Keeping Python's cyclic garbage collector away from bulk-built, long-lived data.

A 50,000-entry glossary is about a million objects (YAML nodes, terms, automaton entries, the name
index). The collector walks every tracked object each time it runs a full collection, finds nothing
to free, and in a big run that walking took most of the glossary load (3 s of 3.8 s). Building
with the collector paused, then freezing what was built for the length of the run (`gc.freeze`:
moved to a generation it never scans), removes that cost; it also keeps forked workers from
copying the glossary's memory pages when the collector would touch them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Build many objects that live on without the collector running in between."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def long_lived_frozen() -> Iterator[None]:
    """Everything alive on entry (modules, the glossary, compiled matchers) is not scanned by the
    collector until exit; unfreezing afterwards keeps the effect to one run in a long-lived process."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
