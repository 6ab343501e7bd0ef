"""Is a dock's panel really on screen? A tabbed dock behind another tab still reports isVisible() (Qt keeps it
shown, only covered), so panels that are costly to fill ask `on_screen`, and `follow` replays their catch-up when
their tab comes forward (a tab switch sends visibilityChanged, not a show event)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDockWidget, QWidget

_held = 0  # above 0: a panel shown now catches up on the next turn of the event loop, and only if on screen


@contextmanager
def held(window: QWidget) -> Iterator[None]:
    """Docks added to `window` in the block, and shown by Qt's next layout pass, catch up only if that pass leaves
    them on screen.

    The deferred start-up adds the docks to a window already on screen, and the saved layout puts most of them
    behind a tab; Qt then shows each dock, covered or not. Without the hold, every covered tab (bill of materials,
    sketches, explanations…) filled itself for nothing: about 0.8 s on a 10,000-site design. The hold ends on the
    next turn of the event loop, after that layout pass (posted before it)."""
    global _held
    _held += 1
    try:
        yield
    finally:
        QTimer.singleShot(0, window, _release)


def _release() -> None:
    global _held
    _held -= 1


def on_screen(widget: QWidget) -> bool:
    """Shown and not covered: some part of it would be painted."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def follow(dock: QDockWidget, panel) -> None:
    """When `dock`'s tab comes forward, let `panel` catch up on what it skipped (`panel.catch_up()`)."""
    def changed(visible: bool) -> None:
        if visible:
            QTimer.singleShot(0, panel.catch_up)

    dock.visibilityChanged.connect(changed)


class CatchesUp:
    """Mixin for a QWidget panel that is costly to fill: `stale()` (connect it to the document's signal) refills
    it at once when it is on screen, else on its next show or tab switch (`catch_up`, with `follow`). The panel
    defines `refresh()`; `refill()` is what catching up calls (by default `refresh()`)."""

    _dirty = True

    def stale(self, *_args) -> None:
        self._dirty = True
        if on_screen(self):
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if _held:  # shown by the layout pass of a start-up: on screen, or behind a tab? Known on the next turn
            QTimer.singleShot(0, self, self._catch_up_if_on_screen)
        else:
            self.catch_up()

    def _catch_up_if_on_screen(self) -> None:
        if on_screen(self):
            self.catch_up()

    def catch_up(self) -> None:
        """Fill in what changed while the panel was off screen."""
        if self._dirty:
            self.refill()

    def refill(self) -> None:
        self.refresh()
