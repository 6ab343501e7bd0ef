"""The wait cursor while the window cannot answer: reading, drawing and filling the docks for a large design.

A 10,000-site design froze the window for 2–3 s after File ▸ Open returned, with the ordinary cursor: the canvas's
first paint, then the first results filling the docks. The cursor now says so until the canvas has painted, and
while a large design's results are applied.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

LARGE = 2_000  # sites, clouds and links from which a design's first paint takes noticeable time
# sites and links from which applying results takes a noticeable time (~0.3 s): below, an edit's refresh (tens of
# milliseconds at 1,000 sites) would only make the cursor flicker
LARGE_RESULTS = 6_000
_GIVE_UP_MS = 30_000  # a widget never painted (hidden, minimised) still gives the cursor back


@contextlib.contextmanager
def busy():
    """The wait cursor for the duration of the block."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class _UntilPainted(QObject):
    """Holds one wait cursor until `widget` has painted once (or `_GIVE_UP_MS` have passed)."""

    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self._widget = widget
        self._held = True
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        widget.installEventFilter(self)
        QTimer.singleShot(_GIVE_UP_MS, self, self.release)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self.release)  # once this paint is done
        return False

    def release(self) -> None:
        if self._held:
            self._held = False
            self._widget.removeEventFilter(self)
            QApplication.restoreOverrideCursor()
            self.deleteLater()


def busy_until_painted(widget: QWidget) -> None:
    """The wait cursor from now until `widget` next paints: the first paint of a large drawing takes seconds."""
    _UntilPainted(widget)
