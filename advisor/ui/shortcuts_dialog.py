"""Help ▸ Keyboard Shortcuts: every menu entry that has a key, and the canvas's own keys and drags, in one table.

The rows are read from the window's menus each time the dialog opens (the entries' own QActions, their texts and
keys), so the table never lists a key the menus no longer have; the canvas's gestures, which no menu holds, are
listed after them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor.ui.canvas.theme import GRID
from advisor.ui.menus import NAME  # an action's words in the table where its text changes (Undo, Redo)
from advisor.ui.rich_text import menu_words
from advisor.ui.screen_fit import available_rect

TITLE = "Keyboard Shortcuts"
COLUMNS = ("Where", "What it does", "Keys")
CANVAS = "Canvas"
# What the canvas does with keys and drags that no menu entry holds (advisor.ui.canvas.view_input)
GESTURES = (
    ("Pan the view", "Space + drag"),
    ("Pan the view", "Right-drag or middle-drag"),
    ("Connect two sites or clouds", "Ctrl + drag (or Alt + drag) from one to the other"),
    ("Cancel the drag or click under way; leave Connect", "Esc"),
    ("Move the selected sites and clouds a pixel", "Arrow keys"),
    (f"Move the selected sites and clouds a grid step ({GRID:g} px)", "Shift + arrow keys"),
    ("Show an item's properties", "Double-click"),
)


# keys of their own on a few keyboards, named as the command is ("Cut", "Undo"): "Cut: Cut" tells no one anything
_COMMAND_KEYS = {Qt.Key.Key_Undo, Qt.Key.Key_Redo, Qt.Key.Key_Cut, Qt.Key.Key_Copy, Qt.Key.Key_Paste,
                 Qt.Key.Key_ZoomIn, Qt.Key.Key_ZoomOut, Qt.Key.Key_Refresh, Qt.Key.Key_Help, Qt.Key.Key_Save,
                 Qt.Key.Key_Open, Qt.Key.Key_New, Qt.Key.Key_Close}


def keys_of(action: QAction) -> str:
    """Each key of `action` as the platform writes it, its own first: "Del or Backspace", "Ctrl+X or Shift+Del"."""
    return " or ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
                       if not k.isEmpty() and not (k.count() == 1 and k[0].key() in _COMMAND_KEYS))


def _walk(menu: QMenu, where: str, seen: set[int]):
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        if action.menu() is not None:
            yield from _walk(action.menu(), f"{where} ▸ {menu_words(action.menu().title())}", seen)
        elif id(action) not in seen and (keys := keys_of(action)):
            seen.add(id(action))
            name = action.property(NAME)
            yield where, name if isinstance(name, str) and name else menu_words(action.text()), keys


def shortcut_rows(bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(where, what it does, keys) for each menu entry with a key, in the menus' order, then the canvas's gestures."""
    seen: set[int] = set()
    rows = []
    for top in bar.actions():
        if top.menu() is not None and top.isVisible():
            rows.extend(_walk(top.menu(), menu_words(top.menu().title()), seen))
    rows.extend((CANVAS, what, keys) for what, keys in GESTURES)
    return rows


class ShortcutsDialog(QDialog):
    """A read-only table of the window's keys; built again each time it is shown."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("shortcuts-dialog")
        self.setWindowTitle(TITLE)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setHighlightSections(False)
        note = QLabel("Menu entries and their keys, then what the canvas does with keys and the mouse.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def fill(self, bar: QMenuBar) -> None:
        rows = shortcut_rows(bar)
        table = self.table
        table.clearContents()
        table.setRowCount(len(rows))
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setFlags(flags)
                table.setItem(r, c, item)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)  # one line a row
        table.resizeColumnsToContents()
        table.setCurrentCell(-1, -1)
        header = table.horizontalHeader()
        width = sum(header.sectionSize(c) for c in range(len(COLUMNS))) + table.frameWidth() * 2 \
            + table.verticalScrollBar().sizeHint().width() + 8
        height = header.sizeHint().height() + sum(table.rowHeight(r) for r in range(len(rows))) \
            + table.frameWidth() * 2
        margins = self.layout().contentsMargins()
        room = available_rect().size()
        extra = self.layout().sizeHint().height() - table.sizeHint().height()  # the note, the button and spacing
        self.resize(min(width + margins.left() + margins.right(), int(room.width() * 0.9)),
                    min(height + extra, int(room.height() * 0.85)))


def show_shortcuts(win) -> ShortcutsDialog:
    """Help ▸ Keyboard Shortcuts: the window's one dialog, its rows read from the menus again, in front."""
    dialog = getattr(win, "shortcuts_dialog", None)
    if dialog is None:
        dialog = win.shortcuts_dialog = ShortcutsDialog(win)
    dialog.fill(win.menuBar())
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
