"""Link labels placed a slice at a time while the window goes on answering.

A design of thousands of links places every label when its results arrive (their figures size the labels): 20,000
labels of a 10,000-site grid took ~0.9 s in one go, on top of the rest of the results' landing, with the window
frozen. From SLICED_FROM labels on, they are placed SLICE_SECONDS at a time, the window's events handled between two
slices; each label's place depends only on those placed before it, so with nothing changed in between they end
where placing them in one go puts them.

When the drawing changes before the last slice (an edit, new results, a theme), the labels not yet placed are
carried over: placed with the change's own labels, or at the next turn of the event loop. None is placed for a
drawing it no longer belongs to (deleting everything just after opening placed 13,000 doomed labels first: 1.3 s).
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
    """The scene's placement under way, if any, the labels carried over from one the drawing changed under, and
    the timer that goes on with them."""

    def __init__(self, scene: DesignScene) -> None:
        super().__init__(scene)
        self._scene = scene
        self._pending: labels.Placement | None = None
        self._carried: list[str] = []  # ids of links whose labels wait for a place, in no drawing's placement
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    def place(self, links: Iterable[LinkItem]) -> None:
        """Place the labels of ``links`` (``labels.place_link_labels``), with those still waiting: at once when
        they are few, else the first slice now and the rest as the window's events allow."""
        self.interrupt()  # a placement under way is carried into this one
        links = list(links)
        if self._carried:
            current, ids = self._scene.links, {link.item_id for link in links}
            links += [current[i] for i in self._carried if i in current and i not in ids]
            self._carried = []
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
        return (self._pending.left() if self._pending is not None else 0) + len(self._carried)

    def interrupt(self) -> None:
        """The drawing is about to change: the labels not yet placed wait for the change (their items may go, their
        neighbours move), then are placed with its own or at the next turn of the event loop."""
        pending, self._pending = self._pending, None
        if pending is not None:
            self._carried.extend(link.item_id for link in pending.batch[pending.next:])
        if self._carried:
            self._timer.start()

    def finish(self) -> None:
        """Place every label still waiting, now."""
        while self.pending():
            self._work(None)

    def drop(self) -> None:
        """Forget every label waiting: the whole drawing was cleared."""
        self._pending, self._carried = None, []
        self._timer.stop()

    def _step(self) -> None:
        self._work(perf_counter() + SLICE_SECONDS)

    def _work(self, deadline: float | None) -> None:
        """One slice (up to ``deadline``), or the whole of what waits (None)."""
        if self._pending is None:
            if not self._carried:
                return
            current, carried, self._carried = self._scene.links, self._carried, []
            self._pending = labels.Placement(self._scene, [current[i] for i in carried if i in current])
        self._pending.run(deadline)
        if self._pending.done:
            self._pending = None
        elif deadline is not None:
            self._timer.start()
