"""The parts of the import dialog that show the sheet: the preview table with one field combo above each column,
and the dry run's messages grouped under the command line's headings (rows skipped, guesses, defaults, reading).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from advisor import numbers
from advisor.importer import FIELDS, Mapping, Message, Preview
from advisor.importer.reading import BadCell
from advisor.ui.appearance import tone
from advisor.ui.rich_text import plain
from advisor.validation import visible

PREVIEW_ROWS = 15  # data rows shown under the header: enough to recognise the columns
_FIELD_LABELS = {f.id: f.label for f in FIELDS}
# The importer's hints name the command line's options; here they name the dialog's controls instead
_APP_WORDS = (
    (re.compile(r'to read (it|another) instead: --map "([^"=]+)=([^"]+)"'),
     lambda m: f"to read {m.group(1)} instead, choose “{_FIELD_LABELS.get(m.group(3), m.group(3))}” above column "
               f"{m.group(2)}"),
    (re.compile(r'map one with --map "COLUMN=FIELD"'), lambda m: "choose a field above a column to import it"),
    (re.compile(r'give --sheet (?:"[^"]*"|NAME)'), lambda m: "choose it in the Sheet list above"),
    (re.compile(r"choose another with --sheet NAME"), lambda m: "choose another in the Sheet list above"),
    (re.compile(r"name the header row with --header-row N, or map its columns with --map"),
     lambda m: "set the Header row above, or choose each column's field above it"),
)


def app_words(text: str) -> str:
    """An importer message with its command-line hints (`--map`, `--sheet`, `--header-row`) worded for the
    dialog's own controls."""
    if "--" not in text:
        return text
    for pattern, words in _APP_WORDS:
        text = pattern.sub(words, text)
    return text


NOT_IMPORTED = "not imported"
HEADINGS = {"skipped": "Rows skipped", "warning": "Values read with a guess", "default": "Defaults applied",
            "info": "How the file was read"}  # as `advisor import` prints them
HEADING_TIPS = {"skipped": "These rows are not in the design: fix them in the sheet, or map another column",
                "warning": "Values read with an assumption: check them",
                "default": "Values the sheet does not give, assumed for the design: enter the real ones",
                "info": "How the file was read"}
HEADING_TONES = {"skipped": "error", "warning": "warning"}  # appearance.TONES: light or dark by the theme
MAPPED_BACKGROUND = QColor(46, 125, 50, 28)  # a column that is imported: a light green wash over its cells


def cell_text(value: object) -> str:
    """A spreadsheet cell as the preview shows it: on one line, with a right-to-left override or another control
    character written as its escape (it would turn the cell's text around, or hide part of it)."""
    if value is None:
        return ""
    if isinstance(value, BadCell):
        return f"⚠ {value.reason}"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else str(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    return visible(" ".join(str(value).split()))


class MappingTable(QTableWidget):
    """Row 0 holds a combo per column (its field, or "not imported"); the rows below are the sheet's first rows,
    numbered as the spreadsheet numbers them."""

    def __init__(self, on_change: Callable[[int, str | None], None], parent=None):
        super().__init__(parent)
        self.setObjectName("import-preview")
        self.on_change = on_change
        self.combos: list[QComboBox] = []
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setToolTip("The sheet's first rows under its header; choose above each column the field it holds")

    def show_preview(self, pre: Preview, mapping: Mapping) -> None:
        self.clear()
        self.combos = []
        columns = pre.columns
        shown = pre.rows[:PREVIEW_ROWS]
        self.setColumnCount(len(columns))
        self.setRowCount(1 + len(shown))
        self.setHorizontalHeaderLabels([f"{c.letter}: {c.header}" if c.header else c.letter for c in columns])
        for col in columns:
            head = self.horizontalHeaderItem(col.index)
            head.setToolTip(plain(f"Column {col.letter}: “{col.header}”" + (f" (unit {col.unit})" if col.unit else ""))
                            if col.header else f"Column {col.letter} has no header")
        self.setVerticalHeaderLabels(["Field", *(str(r.number) for r in shown)])
        self.verticalHeaderItem(0).setToolTip("The field of the design each column is read into")
        for r, row in enumerate(shown, start=1):
            self.verticalHeaderItem(r).setToolTip(f"Row {row.number} of the sheet")
            for c in range(len(columns)):
                value = row.cells[c] if c < len(row.cells) else None
                item = QTableWidgetItem(cell_text(value))
                if isinstance(value, BadCell):
                    item.setForeground(QBrush(QColor(tone("error", self.palette()))))
                if (row.number, c) in pre.formulas:
                    item.setToolTip("A formula: read as the value the workbook saved with it")
                self.setItem(r, c, item)
        for col in columns:
            combo = self._combo(col.index)
            self.setCellWidget(0, col.index, combo)
            self.combos.append(combo)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setRowHeight(0, max(self.combos[0].sizeHint().height() + 4, self.rowHeight(0)) if self.combos
                          else self.rowHeight(0))
        self.set_mapping(mapping)
        self.resizeColumnsToContents()
        for c, combo in enumerate(self.combos):
            self.setColumnWidth(c, min(max(self.columnWidth(c), combo.sizeHint().width() + 8), 260))

    def _combo(self, column: int) -> QComboBox:
        combo = QComboBox(objectName=f"map-{column}")
        combo.addItem(NOT_IMPORTED, None)
        combo.setItemData(0, "Leave this column out of the design", Qt.ItemDataRole.ToolTipRole)
        for f in FIELDS:
            combo.addItem(f.label, f.id)
            combo.setItemData(combo.count() - 1, f.help, Qt.ItemDataRole.ToolTipRole)
        combo.currentIndexChanged.connect(lambda i, c=column, box=combo: self.on_change(c, box.itemData(i)))
        return combo

    def set_mapping(self, mapping: Mapping) -> None:
        """Show `mapping` in the combos (without reporting it as a change) and tint the imported columns."""
        for column, combo in enumerate(self.combos):
            field = mapping.field_of(column)
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(field)))
            combo.blockSignals(False)
            combo.setToolTip(combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole))
            brush = QBrush(MAPPED_BACKGROUND) if field is not None else QBrush()
            for r in range(1, self.rowCount()):
                item = self.item(r, column)
                if item is not None:
                    item.setBackground(brush)

    def field_of(self, column: int) -> str | None:
        return self.combos[column].currentData()


class MessagesTree(QTreeWidget):
    """The dry run's messages under a heading per kind, each heading with its count."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("import-messages")
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setToolTip("What the import will skip, guess and assume, each naming its rows and column")

    def show_messages(self, messages: Sequence[Message]) -> None:
        self.clear()
        for severity, heading in HEADINGS.items():
            lines = [m for m in messages if m.severity == severity]
            if not lines:
                continue
            # Skipped: the rows, as the summary counts them ("1 row skipped" over two reasons for one row read
            # "Rows skipped (2)" here)
            rows = {row for m in lines for row in m.rows} if all(m.rows for m in lines) else ()
            count = len(rows) if severity == "skipped" and rows else len(lines)
            group = QTreeWidgetItem([f"{heading} ({numbers.count(count)})"])
            group.setToolTip(0, HEADING_TIPS[severity])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            if severity in HEADING_TONES:
                group.setForeground(0, QBrush(QColor(tone(HEADING_TONES[severity], self.palette()))))
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for message in lines:
                # a name quoted from the sheet may hold a right-to-left override: it would turn the line around
                text = visible(app_words(str(message)))
                child = QTreeWidgetItem([text])
                child.setToolTip(0, plain(text))
                group.addChild(child)
            self.addTopLevelItem(group)
            group.setExpanded(severity != "info")

    def texts(self) -> dict[str, list[str]]:
        """Heading -> its lines (tests and screenshots)."""
        out = {}
        for i in range(self.topLevelItemCount()):
            group = self.topLevelItem(i)
            out[group.text(0)] = [group.child(j).text(0) for j in range(group.childCount())]
        return out
