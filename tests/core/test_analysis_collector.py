"""The analysis pauses Python's cyclic collector and hands what it built to the oldest generation, unwalked."""

from __future__ import annotations

import gc
from pathlib import Path

from advisor.analysis import analyse, collector_paused
from advisor.io import load

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "two-dc-clustering-over-wan.json"


def _example():
    return load(EXAMPLE)


def _in_oldest(obj) -> bool:
    return any(o is obj for o in gc.get_objects(generation=2))


def test_results_go_to_the_oldest_generation_and_the_young_count_is_emptied():
    assert gc.isenabled() and gc.get_freeze_count() == 0
    design = _example()
    results = analyse(design)
    # Re-enabling alone would leave every object allocated meanwhile in the youngest generation, its count in the
    # thousands, to be swept at the next allocation; promoted, the results sit with the long-lived objects
    assert gc.isenabled()
    assert gc.get_count()[0] < 50
    assert _in_oldest(results) and _in_oldest(results.findings)


def test_nothing_frozen_is_thawed():
    marker = [object()]
    gc.freeze()  # the app's heap policy froze its long-lived objects, the marker among them
    try:
        assert not any(o is marker for o in gc.get_objects())  # frozen objects are in no generation
        results = analyse(_example())
        assert not any(o is marker for o in gc.get_objects())  # still frozen: not thawed into the oldest one
        assert results.findings and gc.isenabled()
    finally:
        gc.unfreeze()


def test_a_caller_that_turned_the_collector_off_keeps_it_off_and_nothing_moves():
    gc.disable()
    try:
        with collector_paused():
            marker = [object()]
        assert not gc.isenabled()
        assert not _in_oldest(marker)
    finally:
        gc.enable()


def test_other_paused_work_is_not_promoted():
    # the PDF's building leaves cycles: what it allocated stays young, for the next collections to find
    with collector_paused():
        marker = [object()]
    assert not _in_oldest(marker)
