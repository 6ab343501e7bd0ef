"""Keys typed in a dock go to the dock's widget, not to the canvas's shortcuts.

The canvas's actions are the window's menu entries, so their shortcuts work wherever the focus is: Ctrl+C in the
configuration sketch or the Explain pane copied the selected sites as design JSON instead of the text the user had
selected, Ctrl+A selected every site instead of the text, and "C" typed in the findings or the link table (to jump to
a row by its first letter) turned Connect mode on, and Delete in the findings deleted the sites the clicked finding
had selected. A dock's table, tree or text that has the focus keeps the keys it uses itself: copy and select all, a
table's or a tree's plain letters for its type-ahead, and Delete and Backspace, except in the link table, whose
rows are the links Delete removes. The palette is left out: after a drag from it, its shortcuts are the canvas's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPlainTextEdit, QTextEdit

_COMMANDS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
             | Qt.KeyboardModifier.MetaModifier)
_OWN_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.SelectAll)
_TEXT_AND_TABLES = (QAbstractItemView, QTextEdit, QPlainTextEdit)
_ERASE = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
LINK_TABLE = "link-table"  # the one dock view whose rows are what Delete removes


class DockKeys(QObject):
    """An event filter for the window's docks (docked or floating): a shortcut the focused widget inside the dock
    uses itself is handed to that widget (its ShortcutOverride accepted) rather than run as the canvas's action."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ShortcutOverride and keeps(QApplication.focusWidget(), event):
            event.accept()
        return False


def keeps(widget, event) -> bool:
    """Whether `widget` (the focus, inside a dock) handles the key `event` itself."""
    if isinstance(widget, QAbstractItemView) and not event.modifiers() & _COMMANDS and event.text().strip() \
            and event.text().isprintable():
        return True  # a letter: a table's or a tree's type-ahead (never a combo box's: it would change a value)
    if event.key() in _ERASE and not event.modifiers() & _COMMANDS:
        return isinstance(widget, _TEXT_AND_TABLES) and widget.objectName() != LINK_TABLE
    return isinstance(widget, _TEXT_AND_TABLES) and any(event.matches(key) for key in _OWN_KEYS)
