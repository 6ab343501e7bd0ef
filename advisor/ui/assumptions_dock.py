"""The assumptions behind every figure: the analysis' conventions and defaults (codec and packetization, the ESP
padding rule, the traffic model and its shares, the grade of service, the priority-queue share …), as the PDF's
assumptions section and `advisor check --json` list them, live with each analysis.

Where a design's own settings are bent to compute (site traffic shares that do not add up to 100 % are scaled), the
convention says so here too, not only while the share is typed in the Inspector.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from advisor.results import Results
from advisor.ui.bid.table_model import TableData, TextTableModel

_WORDS = {"ipsec": "IPsec", "vpn": "VPN", "mpls": "MPLS", "nat": "NAT", "wan": "WAN", "pstn": "PSTN", "cac": "CAC",
          "mtu": "MTU", "qos": "QoS", "llq": "LLQ", "srtp": "SRTP"}


def label(name: str) -> str:
    """A convention's name as a row heading: 'vpn technology' → 'VPN technology', 'clustering over the wan' →
    'Clustering over the WAN'."""
    words = [_WORDS.get(word, word) for word in name.split(" ")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


COLUMNS = ["Convention", "What the figures assume"]
TIPS = ["The part of the analysis the convention applies to",
        "The rule, default or formula the figures rest on; the design document's assumptions list the same"]


class AssumptionsPanel(QWidget):
    """The conventions of the last analysis, one row each, the text wrapped."""

    def __init__(self, document, parent=None) -> None:
        super().__init__(parent)
        self.model = TextTableModel(self)
        self.view = QTableView(objectName="assumptions-table")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        # each row as tall as its wrapped text at the column's current width, kept so by Qt as the dock resizes (a
        # row measured while the dock was narrow stayed tall, its text at the bottom, once it widened)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
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
        rows = [[label(name), text] for name, text in conventions.items()]
        if rows != self.model.table.rows:  # redrawn only when the conventions change, not at every edit
            self.model.set_table(TableData(COLUMNS, TIPS, rows, tips={(r, 1): row[1] for r, row in enumerate(rows)}))
            header = self.view.horizontalHeader()  # a reset of the model forgets the sections' modes
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
