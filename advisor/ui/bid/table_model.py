"""A read-only table of pre-formatted text for the bid docks: cells, header texts and tooltips, alignment, greyed
or marked cells. Rows are formatted once per refresh, never in data()."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from advisor.ui.appearance import tone
from advisor.ui.rich_text import plain

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
MARK_COLOUR = "#b26a00"  # unconfirmed lines, changed figures: the app's warning amber (the light theme's)


@dataclass
class TableData:
    columns: list[str] = field(default_factory=list)
    column_tips: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    row_labels: list[str] = field(default_factory=list)  # the vertical header; empty: hidden
    row_tips: list[str] = field(default_factory=list)
    tips: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) -> tooltip
    right: set[int] = field(default_factory=set)  # right-aligned columns (figures)
    left: set[tuple[int, int]] = field(default_factory=set)  # cells left-aligned in a right-aligned column
    marked: set[tuple[int, int]] = field(default_factory=set)  # cells drawn in the warning colour
    bold: set[tuple[int, int]] = field(default_factory=set)  # cells in bold (e.g. differing from the first column)


class TextTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = TableData()
        self._marks: dict[str, QBrush] = {}  # the warning colour of each theme, made once
        self._bold = QFont()
        self._bold.setBold(True)

    def set_table(self, table: TableData) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        t = self.table
        horizontal = orientation == Qt.Orientation.Horizontal
        labels, tips = (t.columns, t.column_tips) if horizontal else (t.row_labels, t.row_tips)
        if not 0 <= section < len(labels):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return labels[section]
        if role == Qt.ItemDataRole.ToolTipRole and section < len(tips):
            return tips[section] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and not horizontal:
            return LEFT
        if role == Qt.ItemDataRole.TextAlignmentRole and horizontal and section in t.right:
            return RIGHT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        t = self.table
        row, col = index.row(), index.column()
        if not (0 <= row < len(t.rows) and 0 <= col < len(t.columns)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return t.rows[row][col]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = t.tips.get((row, col)) or (t.row_tips[row] if row < len(t.row_tips) and t.row_tips[row] else None)
            return plain(tip) if tip else None  # names from the design, shown as written (never as HTML)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if col in t.right and (row, col) not in t.left else LEFT
        if role == Qt.ItemDataRole.ForegroundRole and (row, col) in t.marked:
            return self.mark_brush()
        if role == Qt.ItemDataRole.FontRole and (row, col) in t.bold:
            return self._bold
        return None


    def mark_brush(self) -> QBrush:
        """The warning colour of the theme shown now: the light theme's amber read at 3.9:1 on the dark theme's
        table (the BOM's lines to verify, the options' changed figures)."""
        colour = tone("warning")
        brush = self._marks.get(colour)
        if brush is None:
            brush = self._marks[colour] = QBrush(QColor(colour))
        return brush


def make_view(model: TextTableModel, name: str, min_rows: int = 4) -> QTableView:
    """A compact, read-only table view with fixed row heights (sized from the font) and alternating rows."""
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(40)
    vertical = view.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    row_height = view.fontMetrics().height() + 8
    vertical.setDefaultSectionSize(row_height)
    view.setMinimumHeight(header.sizeHint().height() + min_rows * row_height + 2 * view.frameWidth())
    return view
