"""Link labels placed a slice at a time while the window goes on answering.

A design of thousands of links places every label when its results arrive (their figures size the labels): 20,000
labels of a 10,000-site grid took ~0.9 s in one go, on top of the rest of the results' landing, with the window
frozen. From SLICED_FROM labels on, they are placed SLICE_SECONDS at a time, the window's events handled between two
slices. Each label's place depends only on those placed before it, and the placement under way is finished before
anything else changes the drawing (an edit, new results, a theme, a drag), so the labels end where placing them in
one go puts them.
"""

from __future__ import annotations

from collections.abc import Iterable
from time import perf_counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from advisor.ui.canvas import labels

if TYPE_CHECKING:
    from advisor.ui.canvas.items import LinkItem
    from advisor.ui.canvas.scene import DesignScene

SLICED_FROM = 2000  # labels placed at once from which the placement goes in slices (a few hundred ms of work)
SLICE_SECONDS = 0.03  # the work of one slice: the window's events wait at most about this long


class LabelQueue(QObject):
    """The scene's placement under way, if any, and the timer that goes on with it."""

    def __init__(self, scene: DesignScene) -> None:
        super().__init__(scene)
        self._scene = scene
        self._pending: labels.Placement | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    def place(self, links: Iterable[LinkItem]) -> None:
        """Place the labels of ``links`` (``labels.place_link_labels``): at once when they are few, else the first
        slice now and the rest as the window's events allow."""
        self.finish()
        placement = labels.Placement(self._scene, links)
        if placement.left() < SLICED_FROM:
            placement.run()
            return
        placement.run(perf_counter() + SLICE_SECONDS)
        if not placement.done:
            self._pending = placement
            self._timer.start()

    def pending(self) -> int:
        """How many labels wait for their place."""
        return self._pending.left() if self._pending is not None else 0

    def finish(self) -> None:
        """Place every label still waiting, now: before the drawing changes under them."""
        pending, self._pending = self._pending, None
        if pending is not None:
            self._timer.stop()
            pending.run()

    def drop(self) -> None:
        """Forget the placement under way: its items are gone (the whole drawing was cleared)."""
        self._pending = None
        self._timer.stop()

    def _step(self) -> None:
        pending = self._pending
        if pending is None:
            return
        pending.run(perf_counter() + SLICE_SECONDS)
        if pending.done:
            self._pending = None
        else:
            self._timer.start()
