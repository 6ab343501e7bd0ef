"""The assumptions behind every figure: the analysis' conventions and defaults (codec and packetization, the ESP
padding rule, the traffic model and its shares, the grade of service, the priority-queue share …), as the PDF's
assumptions section and `advisor check --json` list them, live with each analysis.

Where a design's own settings are bent to compute (site traffic shares that do not add up to 100 % are scaled), the
convention says so here too, not only while the share is typed in the Inspector.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from advisor.results import Results

_Index = QModelIndex | QPersistentModelIndex
_WORDS = {"ipsec": "IPsec", "vpn": "VPN", "mpls": "MPLS", "nat": "NAT", "wan": "WAN", "pstn": "PSTN", "cac": "CAC",
          "mtu": "MTU", "qos": "QoS", "llq": "LLQ", "srtp": "SRTP"}


def label(name: str) -> str:
    """A convention's name as a row heading: 'vpn technology' → 'VPN technology', 'clustering over the wan' →
    'Clustering over the WAN'."""
    words = [_WORDS.get(word, word) for word in name.split(" ")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


class AssumptionsModel(QAbstractTableModel):
    COLUMNS = ("Convention", "What the figures assume")
    TIPS = ("The part of the analysis the convention applies to",
            "The rule, default or formula the figures rest on; the design document's assumptions list the same")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str]] = []

    def set_conventions(self, conventions: dict[str, str]) -> bool:
        """Show `conventions` (name → text); False when they are the rows shown already (nothing redrawn)."""
        rows = [(label(name), text) for name, text in conventions.items()]
        if rows == self._rows:
            return False
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        return True

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.TIPS[section]
        return None


class AssumptionsPanel(QWidget):
    """The conventions of the last analysis, one row each, the text wrapped."""

    def __init__(self, document, parent=None) -> None:
        super().__init__(parent)
        self.model = AssumptionsModel(self)
        self.view = QTableView(objectName="assumptions-table")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.view.resizeRowsToContents())  # rewrap when the width changes
        self.empty = QLabel("The assumptions appear once the design has been analysed.", objectName="assumptions-empty")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.view)
        document.resultsChanged.connect(self.set_results)
        self.set_results(document.results)

    def set_results(self, results: Results | None) -> None:
        conventions = dict(results.conventions) if results is not None else {}
        self.empty.setVisible(not conventions)
        self.view.setVisible(bool(conventions))
        if self.model.set_conventions(conventions):
            self.view.resizeRowsToContents()
