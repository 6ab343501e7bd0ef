"""The Inspector's title: one line cut with "…" to the width the dock gives it, the whole title in its tooltip.

A name of 200 letters without a space made a word-wrapped title demand 4,000 pixels: the window's minimum width
grew past any screen and squeezed the canvas to nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """A plain-text label on one line; ``text()`` is the whole text, what is painted is cut to fit."""

    MIN_CHARS = 8  # the width it asks for at least, in average characters

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)  # names from the design file, shown as written
        self.setWordWrap(False)
        # The layout gives it the dock's width: its text never widens the dock (nor the window).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text
        self._fit()

    def text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.MIN_CHARS * self.fontMetrics().averageCharWidth(), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.minimumSizeHint().expandedTo(QSize(0, super().sizeHint().height()))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _fit(self) -> None:
        width = self.contentsRect().width() - 2 * self.margin() - 2 * max(self.indent(), 0)
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(width, 0))
        if not shown and self._full:  # no room at all: "…" rather than nothing
            shown = "…"
        QLabel.setText(self, shown)
        self.setToolTip(self._full if shown != self._full else "")
