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

from PySide6.QtCore import QObject, QTimer

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
