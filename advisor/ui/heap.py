"""The app's garbage-collection policy: what is alive once a design is open stays alive, so take it out of the
collector's sweeps.

Python's cyclic collector, left alone, now and then walks every tracked object: with a 1,000-site design open that
is a 40-90 ms pause in the middle of an edit's refresh. After a design is opened the modules, widgets, canvas
items and the design itself are long-lived: ``settle()`` collects once, then freezes the survivors
(``gc.freeze``), so later collections look only at what edits create since. The next settle unfreezes first, so
nothing frozen is kept beyond it: a cycle that became garbage meanwhile is collected then.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QCoreApplication, QObject, QTimer

SETTLE_DELAY_MS = 50  # after the opened design's first paint: the full collection (~50 ms) never delays it


def settle() -> None:
    """Collect, then freeze what survives."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def settle_soon(context: QObject) -> None:
    """``settle()`` once the event loop has shown what it is busy with (a design just opened); not if ``context``
    is deleted first."""
    QTimer.singleShot(SETTLE_DELAY_MS, context, settle)


# Cyclic garbage is collected on the UI thread only. Python runs its collector in whichever thread allocates when a
# threshold is passed: with a PDF export, a table export, a comparison or a large design's analysis running on a
# worker, that was the worker, nearly every time. Collecting the Inspector's old editors there (their connections,
# to Python slots, are undone as they go) took Qt's connection lock and then waited for the interpreter, which the
# UI thread held while it deleted widgets and waited for that lock: the window froze for good (Inspector rebuilt by
# a click while a PDF was written), or the process died of a bus error. So the automatic collector is off while a
# window lives, and a timer on the UI thread collects as it would have, each generation past its threshold.
COLLECT_MS = 100
_collectors: set[int] = set()  # the windows' collectors alive; the automatic collector is back once none is


class UiThreadCollector(QObject):
    """Collects cyclic garbage on the UI thread, as often as Python's thresholds ask; the automatic collector,
    which would run in any thread, stays off while one lives."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        key = id(self)
        _collectors.add(key)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(COLLECT_MS)
        self._timer.timeout.connect(collect_due)
        self._timer.start()
        self.destroyed.connect(lambda *_: _ended(key))  # not a method: `self` is gone by then


def collect_due() -> None:
    """Collect the oldest generation whose count has passed its threshold, if any (what the automatic collector
    does at an allocation)."""
    if _collectors and gc.isenabled():
        gc.disable()  # enabled again by code that paused it around its work in a thread started before the window
    analysis = sys.modules.get("advisor.analysis")  # not imported: no analysis runs (and none is loaded here)
    if analysis is not None and analysis.running():  # one on a worker is building its results: walked once it ends
        return
    counts, thresholds = gc.get_count(), gc.get_threshold()
    due = [gen for gen in range(3) if thresholds[gen] and counts[gen] > thresholds[gen]]
    if due:
        gc.collect(due[-1])


def _ended(key: int) -> None:
    """A window's collector is gone, from inside the window's destruction: the automatic collector comes back on
    the next turn of the event loop, after what is due is collected there. Enabled here, the garbage left since the
    last tick was collected at the next allocation, which could fall inside a Qt destructor still running (a
    deleteLater's children looking up a Python override): deleting more widgets from there deadlocked on Qt's own
    lock (the test suite hung once)."""
    _collectors.discard(key)
    if not _collectors:
        app = QCoreApplication.instance()
        if app is None:
            gc.enable()
        else:
            QTimer.singleShot(0, app, _resume)


def _resume() -> None:
    if not _collectors:  # no window came meanwhile
        collect_due()
        gc.enable()
