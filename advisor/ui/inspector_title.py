"""The Inspector's title: at most two lines, broken between words and cut with "…" to the width the dock gives
it, the whole title in its tooltip.

A name of 200 letters without a space made a word-wrapped title demand 4,000 pixels: the window's minimum width
grew past any screen and squeezed the canvas to nothing. So the label never asks for its text's width; it breaks the
title itself at the width it is given (a word wider than the line ends the title there, cut).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """A plain-text label of at most `MAX_LINES` lines; ``text()`` is the whole text, what is painted is broken
    between words and cut to fit."""

    MIN_CHARS = 8  # the width it asks for at least, in average characters
    MAX_LINES = 2  # "Design — HQ + 12 branches on MPLS VPN" reads whole at the dock's default width

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
        width = max(self.contentsRect().width() - 2 * self.margin() - 2 * max(self.indent(), 0), 0)
        lines, whole = fitted_lines(self._full, self.font(), width, self.MAX_LINES)
        QLabel.setText(self, "\n".join(lines))
        self.setToolTip("" if whole else self._full)


def fitted_lines(text: str, font: QFont, width: int, max_lines: int) -> tuple[list[str], bool]:
    """(`text` broken between words into lines of at most `width` pixels by Qt's own line breaking, at most
    `max_lines` of them, the last cut with "…" when the rest does not fit; whether all of it shows). A word wider
    than a line is cut there and ends the lines; "…" alone when there is no room at all."""
    if not text:
        return [], True
    text = " ".join(text.splitlines())  # one paragraph: the title's own line breaks are not kept
    metrics = QFontMetrics(font)
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    lines: list[str] = []
    at = 0
    layout.beginLayout()
    try:
        while at < len(text) and len(lines) < max_lines - 1:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            piece = text[at:line.textStart() + line.textLength()]
            if line.naturalTextWidth() > width:  # a word wider than the line: cut, and nothing after it
                break
            lines.append(piece.rstrip())
            at = line.textStart() + line.textLength()
    finally:
        layout.endLayout()
    if at >= len(text):
        return lines, True
    rest = text[at:]
    last = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width) or "…"
    return [*lines, last], last == rest
