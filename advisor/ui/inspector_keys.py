"""Keys the Inspector's boxes handle themselves: Escape while typing puts back the value the design holds."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


class EscapeKey(QObject):
    """Escape in a box being typed into puts back the value the design holds and makes no edit, as Excel and draw.io
    do: the typed figure stayed, and became an edit when the focus left. With nothing typed, Escape goes on as
    before (an open list closes, the canvas drops its selection)."""

    def __init__(self, editor, parent: QWidget):
        super().__init__(parent)
        self._editor = editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(event, QKeyEvent) or event.key() != Qt.Key.Key_Escape or not self._editor.typing():
            return False
        event.accept()  # on ShortcutOverride: the key is the box's, no window shortcut takes it
        if event.type() == QEvent.Type.KeyPress:
            self._editor.revert()
            return True
        return False
