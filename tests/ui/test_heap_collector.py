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


def test_the_collector_comes_back_on_the_next_turn_not_inside_the_window_destruction(qtbot):
    # enabled from the destroyed signal, the backlog was collected at the next allocation, which could fall inside a
    # Qt destructor still running: deleting widgets from there deadlocked on Qt's lock (the suite hung once)
    from PySide6.QtCore import QObject

    if heap._collectors:
        return  # another window lives: nothing comes back
    owner = QObject()
    collector = heap.UiThreadCollector(owner)
    assert not gc.isenabled()
    heap._ended(id(collector))  # what the collector's destroyed signal calls, inside the destruction
    assert not gc.isenabled()  # not yet: the destruction may still be running
    qtbot.waitUntil(gc.isenabled, timeout=2000)  # on the next turn of the event loop
    owner.deleteLater()
    qtbot.waitUntil(gc.isenabled, timeout=2000)
