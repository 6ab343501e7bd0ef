"""Is a dock's panel really on screen? A tabbed dock behind another tab still reports isVisible() (Qt keeps it
shown, only covered), so panels that are costly to fill ask `on_screen`, and `follow` replays their catch-up when
their tab comes forward (a tab switch sends visibilityChanged, not a show event)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDockWidget, QWidget


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
        self.catch_up()

    def catch_up(self) -> None:
        """Fill in what changed while the panel was off screen."""
        if self._dirty:
            self.refill()

    def refill(self) -> None:
        self.refresh()
