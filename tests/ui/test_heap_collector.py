"""The app's collector (`advisor.ui.heap.collect_due`, on the UI thread) waits while an analysis runs in some thread:
it walked the results a worker was still building, then walked them again once built (36 collections for 20 edits
of a 10,000-site design instead of 11)."""

from __future__ import annotations

import gc

from advisor import analysis
from advisor.ui import heap


def _collections(action) -> int:
    seen: list[str] = []

    def note(phase, _info):
        if phase == "start":
            seen.append(phase)

    gc.callbacks.append(note)
    try:
        action()
    finally:
        gc.callbacks.remove(note)
    return len(seen)


def test_no_collection_while_an_analysis_runs_and_one_after():
    was = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        garbage = [[i] for i in range(5 * gc.get_threshold()[0])]  # young objects past the first threshold
        with analysis.collector_paused():
            assert analysis.running()
            assert _collections(heap.collect_due) == 0
        assert not analysis.running()
        assert _collections(heap.collect_due) == 1
        del garbage
    finally:
        if was:
            gc.enable()
