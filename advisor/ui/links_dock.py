"""The link sizing table: per link, its ends, busy-hour calls, voice and signalling bandwidth, capacity, utilization
and LLQ share, each figure printed by ``advisor.numbers`` (the rounding of the command line and the PDF).

A QAbstractTableModel over ``Results.links``, sorted in Python; clicking a row selects the link. Above it, a filter
by text and a "Selected only" switch that narrows the table to the links selected on the canvas (a bundle of
parallel links, say) and those of the selected sites (`advisor.ui.links_filter`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from advisor import numbers
from advisor.model import TrafficPolicy
from advisor.results import BOUNDED_LINK, DESIGN_BOUND, LinkResult, Results
from advisor.rules._names import names_for, tech_label
from advisor.ui import appearance
from advisor.ui.dock_keys import LINK_TABLE
from advisor.ui.links_filter import STATUS_TEXT, LinkFilter, summary
from advisor.ui.rich_text import without_overrides

STATUS_TONES = {"ok": "ok", "llq": "warning", "overload": "error"}  # appearance.TONES, light or dark by the theme
STATUS_ORDER = {"ok": 0, "llq": 1, "overload": 2}  # how the Status column sorts: from ok to overloaded
_STATUS_BRUSHES = {dark: {status: QBrush(QColor(appearance.TONES[tone][dark])) for status, tone in STATUS_TONES.items()}
                   for dark in (False, True)}
MIN_ROWS = 4
FIT_ROWS = 40  # rows measured to fit the columns to their contents
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
DEFAULT_LLQ_SHARE = TrafficPolicy.model_fields["llq_share"].default

_DIGITS = re.compile(r"(\d+)")


def _natural(text: str) -> tuple:
    """Text in the order people read it: 'l-br2' before 'l-br10', case aside (each run of digits as its number)."""
    parts = _DIGITS.split(text.casefold())
    parts[1::2] = map(int, parts[1::2])
    return tuple(parts)


def _sort_key(raw: list[tuple], column: int):
    """How a column sorts: names and ids in natural order, figures as numbers, the status from ok to overloaded
    (its texts' own order too), not by the words it is kept as ("llq" put "over LLQ share" before "ok")."""
    if column == LinkModel.STATUS:
        return _status_rank
    return _natural if raw and isinstance(raw[0][column], str) else _same


def _status_rank(status: str) -> tuple:
    return STATUS_ORDER.get(status, len(STATUS_ORDER)), _natural(status)


def _same(value):
    return value


class LinkModel(QAbstractTableModel):
    COLUMNS = ("Link", "Ends", "Calls", "Voice kbps", "Signalling kbps", "Total kbps", "Capacity kbps",
               "Utilization %", "LLQ %", "Status", "VPN")
    TIPS = ("Link id", "The sites or clouds at each end", "Concurrent calls at the busy hour (Erlang B at the "
            f"design's grade of service; on {BOUNDED_LINK}, at most the phones on its smaller side; on any link, "
            f"at most the calls {DESIGN_BOUND})", "Calls × the per-call bandwidth with this link's encapsulation, per "
            "direction: what the priority queue carries", "Call signalling (SCCP or SIP) per direction",
            "Voice + signalling (+ intra-cluster traffic when a cluster spans the WAN), per direction",
            "Link capacity per direction", "Total kbps / capacity",
            "Voice kbps / capacity: should stay within the priority-queue (LLQ) share",
            "ok, over the LLQ share, or overloaded", "The VPN technology this link's calls use (a hybrid WAN may "
            "run one per transport)")
    STATUS, VPN, FIGURES = 9, 10, range(2, 9)  # columns of the status and VPN; of right-aligned figures

    def __init__(self, parent=None):
        super().__init__(parent)
        self._links: list[LinkResult] = []
        self._raw: list[tuple] = []
        self._sort_column, self._sort_order = 0, Qt.SortOrder.AscendingOrder
        self._text: list[tuple[str, ...] | None] = []  # each row's texts, formatted when first shown
        self._keys: list[int] = []  # the rows' positions in the results: row i shows links[self._keys[i]]

    def set_links(self, links: tuple[LinkResult, ...], names: dict[str, str],
                  llq_share: float = DEFAULT_LLQ_SHARE) -> list[int] | None:
        """Show ``links``; returns the rows rewritten in place, or None when the model was reset. ``llq_share``: the
        design's priority-queue share, the limit the LLQ column reads against (never "33.0" beside "over LLQ
        share"), as utilization reads against 100 % ("100.01" beside "overloaded").

        Rows are formatted once, when first shown, not on every data() call: a 1,000-link table stays instant, and
        a design of 45,000 links formats the few dozen rows in view, not all of them (0.35 s). An edit re-analysed
        forgets only the texts of the rows whose figures changed (a few of 1,000)."""
        # the ends without a name's direction overrides: one left open in the first name turned the second around
        raw = [(x.id, without_overrides(f"{names.get(x.a, x.a)} – {names.get(x.b, x.b)}"), x.calls, x.voice_kbps, x.signalling_kbps,
                x.kbps, x.capacity_kbps, x.utilization, x.llq_share, x.status, tech_label(x.technology), llq_share)
               for x in links]
        old_raw = self._raw
        if len(raw) == len(old_raw) and raw:
            keys = self._sorted_keys(raw)
            raw = [raw[i] for i in keys]
            if all(r[0] == o[0] for r, o in zip(raw, old_raw, strict=True)):
                # The same links in the same order (an edit re-analysed): update the rows in place and signal
                # only those that changed; a model reset would re-measure every column and drop the selection.
                # Tooltips are made from self._links when asked for: a change there needs no signal.
                changed = [i for i, (r, o) in enumerate(zip(raw, old_raw, strict=True)) if r != o]
                self._raw, self._links, self._keys = raw, [links[i] for i in keys], keys
                text = self._text
                for i in changed:
                    text[i] = None
                if changed:
                    self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], len(self.COLUMNS) - 1))
                return changed
        self.beginResetModel()
        self._raw = raw
        self._text = [None] * len(raw)
        self._links = list(links)
        self._keys = list(range(len(raw)))
        self._order(self._sort_column, self._sort_order)
        self.endResetModel()
        return None

    def _sorted_keys(self, raw: list[tuple]) -> list[int]:
        """The row order for ``raw`` (in results order): the current order again when the sort column's values
        are those it was sorted by (an edit seldom reorders 1,000 links), else sorted afresh."""
        column, keys = self._sort_column, self._keys
        if len(keys) == len(raw) and all(raw[k][column] == o[column] and raw[k][0] == o[0]
                                         for k, o in zip(keys, self._raw, strict=True)):
            return keys
        key = _sort_key(raw, column)
        return sorted(range(len(raw)), key=lambda i: key(raw[i][column]),
                      reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    @staticmethod
    def _format(r: tuple) -> tuple[str, ...]:
        return (r[0], r[1], numbers.count(r[2]), *(numbers.kbps_value(v) for v in r[3:7]),
                numbers.percent_beside(r[7], 1.0), numbers.percent_beside(r[8], r[11]), STATUS_TEXT.get(r[9], r[9]),
                r[10])

    def texts(self, row: int) -> tuple[str, ...]:
        """The row's cells as the table shows them (formatted on first use)."""
        text = self._text[row]
        if text is None:
            text = self._text[row] = self._format(self._raw[row])
        return text

    @property
    def links(self) -> tuple[LinkResult, ...]:
        return tuple(self._links)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Sorted here, in Python, once: a QSortFilterProxyModel would call data() thousands of times per refresh.
        self.layoutAboutToBeChanged.emit()
        self._order(column, order)
        self.layoutChanged.emit()

    def _order(self, column: int, order: Qt.SortOrder) -> None:
        """Rows sorted by ``column``; ties in the results' order, as set_links sorts them (whatever came before)."""
        self._sort_column, self._sort_order = column, order
        if not self._raw:
            return
        in_results_order = sorted(range(len(self._raw)), key=self._keys.__getitem__)
        key = _sort_key(self._raw, column)
        rows = sorted(in_results_order, key=lambda i: key(self._raw[i][column]),
                      reverse=order == Qt.SortOrder.DescendingOrder)
        self._raw = [self._raw[i] for i in rows]
        self._text = [self._text[i] for i in rows]
        self._links = [self._links[i] for i in rows]
        self._keys = [self._keys[i] for i in rows]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._raw)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.TIPS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, col = index.row(), index.column()
        if not 0 <= row < len(self._raw):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts(row)[col]
        if role == Qt.ItemDataRole.UserRole:  # raw values: the proxy sorts numbers as numbers
            return self._raw[row][col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self.FIGURES:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and col == self.STATUS:
            return _STATUS_BRUSHES[appearance.palette_is_dark()].get(self._raw[row][self.STATUS])
        if role == Qt.ItemDataRole.ToolTipRole:
            link = self._links[row]
            return (f"{link.id}: {link.encapsulation}, {link.l2}; {numbers.kbps(link.per_call_kbps)} per call, "
                    f"IP packet {link.ip_packet_bytes:,} B, frame {link.frame_bytes:,} B; "
                    f"{numbers.erlangs(link.erlangs)} offered"
                    + (f"; {numbers.kbps(link.cluster_kbps)} of intra-cluster traffic (clustering over the WAN)"
                       if link.cluster_kbps else ""))
        return None


class LinksPanel(QWidget):
    def __init__(self, document, center_on: Callable[[str], None] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.center_on = center_on
        self.setObjectName("links")
        self.model = LinkModel(self)
        self.table = QTableView(objectName=LINK_TABLE)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        # Fitted to their contents by set_results, not by the ResizeToContents mode: that mode measures 40 rows of
        # every column again on each dataChanged (10-20 ms per edit of a 1,000-link design, for a two-row change).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(FIT_ROWS)  # size columns from 40 rows, not all 1,000
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        row_height = self.fontMetrics().height() + 8
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        # Never squeezed below a few rows: a table that shows two links is no table.
        self.table.setMinimumHeight(header.sizeHint().height() + MIN_ROWS * row_height + 2 * self.table.frameWidth())
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)  # Enter on the current row, as in the findings
        self.rules = LinkFilter()
        self._choosing = False  # a row clicked here is selecting its link: "Selected only" keeps its list
        self.filter = QLineEdit(placeholderText="Filter links (link, site, status, VPN)…", clearButtonEnabled=True,
                                objectName="link-filter")
        # The platform's Find key (Ctrl+F) anywhere in the panel reaches the filter; Escape there clears it
        find_key = QKeySequence(QKeySequence.StandardKey.Find)
        find = QShortcut(find_key, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._find)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.filter, context=Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self.filter.clear)
        self.filter.setToolTip("Show only the links whose id, end sites (by name), status or VPN contain this text ("
                               f"{find_key.toString(QKeySequence.SequenceFormat.NativeText)} in this panel; Escape "
                               "clears it)")
        self.filter.textChanged.connect(self._filter_typed)
        self.selected_only = QToolButton(checkable=True, text="Selected only", objectName="links-selected-only")
        self.selected_only.setToolTip(
            "Show only the links selected on the canvas (every link of a clicked bundle of parallel links) and the "
            "links of the selected sites and clouds. The list follows the canvas; a row clicked here keeps it.")
        self.selected_only.toggled.connect(self._scope_toggled)
        # A quiz hides the status or VPN column, answers the filter must then no longer find. Hiding a column
        # resizes its section to 0, before the column reads as hidden: looked at once the hiding is done.
        self._recheck = QTimer(self, singleShot=True)
        self._recheck.setInterval(0)  # not interval=: see tests/ui/test_qt_keywords.py
        self._recheck.timeout.connect(self._maybe_searched_otherwise)
        header.sectionResized.connect(
            lambda column, *_: self._recheck.start() if column in (LinkModel.STATUS, LinkModel.VPN) else None)
        self.count = QLabel(objectName="links-count")
        self.count.setToolTip("How many links the table shows, of the design's links")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.selected_only)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        document.resultsChanged.connect(self.set_results)
        document.selectionChanged.connect(self._selection_changed)
        self.set_results(document.results)

    def _find(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def _filter_typed(self, text: str) -> None:
        self.rules.text = text
        self._refill()

    def _scope_toggled(self, on: bool) -> None:
        self.rules.scope = frozenset(self.document.selected) if on else None
        self._refill()

    def _selection_changed(self, ids: tuple[str, ...]) -> None:
        if self.selected_only.isChecked() and not self._choosing:
            self.rules.scope = frozenset(ids)
            self._refill()
        else:
            self._follow_selection(ids)

    def _searched_columns(self) -> tuple[bool, bool]:
        hidden = self.table.isColumnHidden
        return not hidden(LinkModel.STATUS), not hidden(LinkModel.VPN)

    def _maybe_searched_otherwise(self) -> None:
        if self.rules.text.strip() and self._searched_columns() != self._searched:
            self._refill()

    def _refill(self) -> None:
        """The rows again, for a changed filter, then the selection's row."""
        self.set_results(self.document.results)
        self._follow_selection(self.document.selected)

    def set_results(self, results: Results | None) -> None:
        design = self.document.design
        # each end as the findings name it (`Names.node`: stripped, 'Branch (b7)' where two share a name), joined
        # as they join an unnamed link's ends: "HQ – Internet" here is what a finding quotes; the filter finds them too
        node = names_for(design).node
        names = {x.id: node(x.id) for x in (*design.sites, *design.clouds)}
        every = results.links if results is not None else ()
        # a quiz hides the answers (the status, the VPN): the filter must not find them either
        self._searched = status, vpn = self._searched_columns()
        shown = self.rules.keep(every, names, status=status, vpn=vpn)
        changed = self.model.set_links(tuple(shown), names, design.traffic.llq_share)
        self.count.setText("" if results is None else summary(len(shown), len(every), self.rules.active,
                                                              self.rules.scope is not None and not self.rules.scope))
        if changed is None or len(changed) > FIT_ROWS:
            self.table.resizeColumnsToContents()  # new rows, or most of them rewritten: fit the first FIT_ROWS
        else:
            self._widen_for(changed)

    def _widen_for(self, rows: list[int]) -> None:
        """Widen the columns a rewritten cell no longer fits (never narrower while editing: no jumping columns).
        Per column, only the cell whose text is widest in the table's font is measured by the view: a cell's size
        hint is its text's width plus the same margins down a column of plain text (the view measured every
        changed cell, ~220 a edit on a 1,000-site chain, 3-4 ms)."""
        if not rows:
            return
        header, grid = self.table.horizontalHeader(), 1 if self.table.showGrid() else 0
        advance = self.table.fontMetrics().horizontalAdvance
        texts = [self.model.texts(row) for row in rows]
        for column in range(self.model.columnCount()):
            if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive:
                continue
            widest = max(range(len(rows)), key=lambda i: advance(texts[i][column]))
            need = self.table.sizeHintForIndex(self.model.index(rows[widest], column)).width() + grid
            if need > header.sectionSize(column):
                header.resizeSection(column, need)

    def _follow_selection(self, ids: tuple[str, ...]) -> None:
        """The first selected link in the table's order is its current row, scrolled into view: a click on a bundle
        of parallel links on the canvas (all of them selected) shows where they are; no link selected, no row."""
        wanted = set(ids)
        links = self.model._links
        row = next((i for i, link in enumerate(links) if link.id in wanted), None) if wanted else None
        selection = self.table.selectionModel()
        if row is None:
            selection.clearSelection()
            return
        index = self.model.index(row, 0)
        if selection.currentIndex().row() != row or not selection.isRowSelected(row, QModelIndex()):
            selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _clicked(self, index: QModelIndex) -> None:
        link = self.model._links[index.row()]
        self._choosing = True
        try:
            self.document.select((link.id,))
        finally:
            self._choosing = False
        if self.center_on is not None:
            self.center_on(link.id)
