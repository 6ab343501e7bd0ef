"""The VPN comparison view: the article's Table 1 with the candidates added since as columns, this design's ranking
below it, the recommended candidate highlighted; a click on a row, a cell or a column shows the design facts (the
recommendation's reasons, each with its sentence) that decide it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from advisor.explain import explain_reason
from advisor.rules._names import tech_label
from advisor.ui.classroom import comparison_data, render
from advisor.ui.classroom.comparison_data import ARTICLE, Row, Table
from advisor.ui.classroom.quiz import Hidden
from advisor.ui.visibility import CatchesUp

COLUMN_WIDTH = 150
HEADER_WIDTH = 150
ROW_KEY = Qt.ItemDataRole.UserRole + 1
GUIDE = ("Click a row to read the design facts that decide it, a cell (or move to it with the arrow keys) for one "
         "candidate's, or a column's title for all of one candidate's reasons; each reason comes with the sentence "
         "of the article or guide it applies.")


def header_text(tech: str) -> str:
    """'static VTI (IPsec tunnel interface)' -> 'Static VTI' over '(IPsec tunnel interface)': two lines, so the
    columns stay narrow, each title capitalised as its neighbours are (and as the Inspector's list writes it)."""
    text = tech_label(tech)
    return (text[:1].upper() + text[1:]).replace(" (", "\n(")


class ComparisonView(CatchesUp, QWidget):
    """The comparison table and, beside it, the facts of the row, cell or column clicked."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("vpn-comparison")
        self.document = document
        self.hidden = Hidden()
        self.data: Table | None = None
        self.shown_rows: list[Row] = []
        self.caption = QLabel(objectName="vpn-comparison-caption", wordWrap=True)
        self.table = QTableWidget(objectName="vpn-comparison-table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setFixedWidth(HEADER_WIDTH)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.cellClicked.connect(self.show_facts)
        # The arrow keys, Tab and Home/End move the current cell: show its facts as a click would.
        self.table.currentCellChanged.connect(self._current_moved)
        self._filling = False
        self.table.verticalHeader().sectionClicked.connect(lambda row: self.show_facts(row, -1))
        self.table.horizontalHeader().sectionClicked.connect(self.show_candidate)
        self.details = QTextBrowser(objectName="vpn-comparison-facts")
        self.details.setOpenExternalLinks(False)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        self.split = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.caption)
        layout.addWidget(split, 1)
        document.resultsChanged.connect(self.stale)

    def set_hidden(self, hidden: Hidden) -> None:
        self.hidden = hidden
        self.stale()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.split.setSizes([max(self.width() * 7 // 10, 300), max(self.width() * 3 // 10, 220)])

    # -- the table --------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Fill the table now (`stale` calls it when the view is on screen, `catch_up` when it comes back)."""
        self._dirty = False
        self.data = comparison_data.build(self.document.results)
        hidden = set(self.hidden.names())
        self.shown_rows = [r for r in self.data.rows if not (r.hidden_by & hidden)]
        if self.hidden.recommendation and self.data.recommended is not None:
            self.shown_rows = [r for r in self.shown_rows if r.key != "design"]
        self._filling = True  # clearing and refilling the table moves its current cell: no facts for that
        try:
            self._fill()
        finally:
            self._filling = False
        self.details.setHtml(render.paragraphs([GUIDE]))

    def highlighted(self) -> str | None:
        """The candidate highlighted as recommended (None while the quiz hides it)."""
        return None if self.data is None or self.hidden.recommendation else self.data.recommended

    def _fill(self) -> None:
        data, table = self.data, self.table
        assert data is not None
        best, chosen = self.highlighted(), (None if self.hidden.recommendation else data.chosen)
        table.clear()
        table.setColumnCount(len(data.techs))
        table.setRowCount(len(self.shown_rows))
        mark = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        mark.setAlpha(55)
        in_use = QColor(mark)
        in_use.setAlpha(25)
        for c, tech in enumerate(data.techs):
            text = header_text(tech) + ("\n★ recommended" if tech == best else "\nin use" if tech == chosen else "")
            item = QTableWidgetItem(text)
            item.setToolTip(tech_label(tech) if self.hidden.recommendation
                            else f"{tech_label(tech)}: click for all of its reasons on this design")
            if tech in (best, chosen):
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            table.setHorizontalHeaderItem(c, item)
            table.setColumnWidth(c, COLUMN_WIDTH)
        for r, row in enumerate(self.shown_rows):
            head = QTableWidgetItem("" if row.section else row.title)
            head.setToolTip(row.tip)
            table.setVerticalHeaderItem(r, head)
            if row.section:
                self._section(r, row)
                continue
            for c, tech in enumerate(data.techs):
                item = QTableWidgetItem(row.cells[c])
                item.setToolTip(f"{tech_label(tech)} — {row.title}:\n{row.cells[c]}")
                item.setData(ROW_KEY, row.key)
                if tech == best:
                    item.setBackground(mark)
                elif tech == chosen:
                    item.setBackground(in_use)
                table.setItem(r, c, item)
        table.resizeRowsToContents()
        table.horizontalHeader().setMinimumHeight(table.fontMetrics().height() * 3 + 8)
        self.caption.setText(self._caption())

    def _section(self, r: int, row: Row) -> None:
        item = QTableWidgetItem(row.title)
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setData(ROW_KEY, row.key)
        self.table.setItem(r, 0, item)
        self.table.setSpan(r, 0, 1, self.table.columnCount())

    def _caption(self) -> str:
        data = self.data
        if data is None:
            return ""
        if self.document.results is None:
            return f"The comparison of {ARTICLE}; this design's ranking appears once it has been analysed."
        if self.hidden.recommendation:
            return f"The comparison of {ARTICLE}. This design's ranking is hidden in the quiz."
        if data.recommended is None:
            rec = self.document.results.recommendation
            return f"Recommended: {tech_label(rec.technology)} (one site: no site-to-site traffic to protect)."
        text = f"Recommended for this design: <b>{tech_label(data.recommended)}</b>"
        if data.chosen not in (None, data.recommended):
            text += f"; in use: <b>{tech_label(data.chosen)}</b> (the design's own choice)"
        return text + ". Click a row, a cell or a column's title for the facts that decide it."

    # -- the facts --------------------------------------------------------------------------------------------------
    def _current_moved(self, row: int, column: int, _old_row: int, _old_column: int) -> None:
        if not self._filling and row >= 0:
            self.show_facts(row, column)

    def show_facts(self, row: int, column: int) -> None:
        """The facts deciding a row (column −1) or one cell of it."""
        if self.data is None or not 0 <= row < len(self.shown_rows):
            return
        item = self.shown_rows[row]
        if item.section:
            self.details.setHtml(render.paragraphs([GUIDE]))
            return
        tech = self.data.techs[column] if 0 <= column < len(self.data.techs) else None
        results = None if self.hidden.recommendation else self.document.results
        explanations = comparison_data.facts(self.data, item, tech, results)
        heading = "" if item.key.startswith("table1:") else item.title + (f" — {tech_label(tech)}" if tech else "")
        note = "" if explanations else "No reason of the recommendation bears on this."
        if self.hidden.recommendation and item.rules:
            note = "The design facts behind the ranking are hidden in the quiz."
        self.details.setHtml(render.page(explanations, heading=heading, note=note))

    def show_candidate(self, column: int) -> None:
        """Every reason of one candidate, reasons for first."""
        results = self.document.results
        if self.data is None or results is None or self.hidden.recommendation or not 0 <= column < len(
                self.data.techs):
            return
        tech = self.data.techs[column]
        candidate = next((c for c in results.recommendation.ranking if c.technology == tech), None)
        reasons = sorted(candidate.reasons, key=lambda r: not r.positive) if candidate is not None else []
        self.details.setHtml(render.page([explain_reason(tech, r) for r in reasons],
                                         heading=f"{tech_label(tech)}: every reason on this design"))
