"""The Bill of materials dock: the lines of ``advisor.bom.build`` (site, item, model, quantity, reason; the source
as tooltip; lines resting on a figure to verify marked), the totals beside them, the PSTN interface (E1, T1, SIP)
and VPN hub redundancy to price, and Export. It follows the results of each analysis while on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from advisor import bom, numbers
from advisor.bom_rules import PSTN_KINDS, PSTN_LABELS
from advisor.results import results_fit
from advisor.shown_names import by_id
from advisor.ui.bid import save_dialogs
from advisor.ui.bid.table_model import TableData, TextTableModel, make_view
from advisor.ui.visibility import CatchesUp, on_screen

log = logging.getLogger(__name__)

COLUMNS = ("Site", "Item", "Model", "Quantity (units)", "Verify", "Reason")
COLUMN_TIPS = ("The site where the item goes (its id in the tooltip)", "What is bought or licensed",
               "The model or kind of device", "How many, derived from the design's sizing at the busy hour",
               "“to verify”: the line rests on a figure to check for your release or platform",
               "Why this many, with the figures behind it (hover a line for its source)")
QTY, VERIFY, REASON = 3, 4, 5
UNCONFIRMED = "to verify"
EXPORT_TIP = ("Write the bill of materials to an Excel workbook (lines, totals and the choices behind them) or the "
              "lines to a CSV file")
WAITING_TIP = "Nothing to export yet: the bill of materials waits for the analysis of the design as it is now"
FAILED_TIP = "Nothing to export: the bill of materials failed (the reason is beside this button)"
ANALYSIS_FAILED_TIP = ("Nothing to export: the analysis of the design as it is now failed (the status bar says why); "
                       "correct the design or undo the last edit")


def lines_table(design, items: list[bom.BomItem]) -> TableData:
    names = by_id(design.sites)
    table = TableData(columns=list(COLUMNS), column_tips=list(COLUMN_TIPS), right={QTY})
    for r, item in enumerate(items):
        table.rows.append([names.get(item.site, item.site), item.item, item.model, numbers.count(item.quantity),
                           UNCONFIRMED if item.unconfirmed else "", item.reason])
        tip = f"{item.reason}\n\nSource: {item.source}"
        if item.unconfirmed:
            tip += "\n\nTo verify: this line rests on a figure to check for your release or platform."
        table.row_tips.append(tip)  # every cell's tip but the site's (20,000 lines: one entry each, not six)
        table.tips[(r, 0)] = f"{names.get(item.site, item.site)} (site id {item.site})"
        if item.unconfirmed:
            table.marked |= {(r, QTY), (r, VERIFY)}
    return table


def totals_table(items: list[bom.BomItem]) -> TableData:
    rows = bom.totals(items)
    return TableData(columns=["Item", "Model", "Total (units)"],
                     column_tips=["What is bought or licensed", "The model or kind of device",
                                  "Summed over every site"],
                     rows=[[item, model, numbers.count(qty)] for item, model, qty in rows], right={2})


class BomPanel(CatchesUp, QWidget):
    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bom")
        self.document = document
        self.items: list[bom.BomItem] = []
        self.design = None
        self._dirty = True
        self._error = ""
        # Called first by Export: what is typed in the Inspector and not confirmed becomes an edit, and the edited
        # design's analysis lands (the main window's `commit_pending_analysed`, set by `advisor.ui.bid.install`)
        self.before_export: Callable[[], None] | None = None

        self.pstn = QComboBox(objectName="bom-pstn")
        for kind in PSTN_KINDS:
            self.pstn.addItem(PSTN_LABELS[kind], kind)
        self.pstn.setToolTip("How the PSTN trunks (Erlang B, at most the phones each gateway serves) are bought: "
                             "E1 or T1 primary-rate interfaces (30 or 23 channels each), or SIP trunk sessions")
        self.hubs = QSpinBox(objectName="bom-vpn-hubs", minimum=1, maximum=bom.MAX_VPN_HUBS,
                             value=bom.DEFAULT_VPN_HUBS)
        self.hubs.setToolTip("DMVPN / FlexVPN / head-end routers at the hub: 2 keeps the spokes connected when one "
                             "fails")
        self.hubs.setSuffix(" routers")
        export = QPushButton("Export…", objectName="bom-export", enabled=False, toolTip=WAITING_TIP)
        export.clicked.connect(lambda: self.export())
        self.export_button = export
        self.summary = QLabel(objectName="bom-summary", wordWrap=True)
        # The choices on one row, the summary and Export on the next: on one row they asked 770 pixels, and a
        # narrower dock (the bottom tabs of the smallest window: 470) cut Export and the summary off.
        bar = QHBoxLayout()
        bar.addWidget(QLabel("PSTN interface:", toolTip=self.pstn.toolTip()))
        bar.addWidget(self.pstn)
        bar.addSpacing(12)
        bar.addWidget(QLabel("VPN hubs:", toolTip=self.hubs.toolTip()))
        bar.addWidget(self.hubs)
        bar.addStretch(1)
        under = QHBoxLayout()
        under.addWidget(self.summary, 1)
        under.addWidget(export)

        self.model = TextTableModel(self)
        self.table = make_view(self.model, "bom-table")
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # the reason takes the room left
        self.totals_model = TextTableModel(self)
        self.totals = make_view(self.totals_model, "bom-totals")
        self.totals.verticalHeader().hide()
        self.totals.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Tabs, not side by side: at 1366 pixels the lines need the dock's whole width for their reasons.
        self.tabs = QTabWidget(objectName="bom-tabs", documentMode=True)
        self.tabs.addTab(self.table, "Lines by site")
        self.tabs.addTab(self.totals, "Totals")
        self.tabs.setTabToolTip(0, "Each line where it goes, with its quantity, reason and source")
        self.tabs.setTabToolTip(1, "Each item summed over the design: the quantities to price")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addLayout(under)
        layout.addWidget(self.tabs, 1)
        self.pstn.currentIndexChanged.connect(lambda _i: self.refresh())
        self.hubs.valueChanged.connect(lambda _v: self.refresh())
        document.resultsChanged.connect(self.stale)
        document.analysisFailed.connect(self.stale)  # it waits no more: it says so
        # An edit that adds or removes a site or link leaves the lines of the design before it: Export waits.
        document.designChanged.connect(lambda *_: self._check_export(edited=True))

    def options(self) -> bom.BomOptions:
        return bom.BomOptions(pstn=self.pstn.currentData(), vpn_hubs=self.hubs.value())

    def refresh(self) -> None:
        """The lines of the design as last analysed."""
        self._dirty = False
        design, results = self.document.design, self.document.results
        self.items, self.design, error = [], design, ""
        # the results of the design before an edit (its analysis still running, or failed) price nothing yet: the
        # edited design's sites with those figures were neither design's bill (4,225 phones beside 40 users' links)
        current = self.document.results_current and results_fit(design, results)
        if current:
            try:
                self.items = bom.build(design, results, self.options())
            except Exception as exc:  # a rule bug: the dock says so, the app goes on
                log.exception("bill of materials failed")
                error = f"The bill of materials failed: {type(exc).__name__}: {exc}"
        self.model.set_table(lines_table(design, self.items))
        self.totals_model.set_table(totals_table(self.items))
        self._fit_columns()
        self.tabs.setTabText(0, f"Lines by site ({numbers.count(len(self.items))})")
        self.tabs.setTabText(1, f"Totals ({numbers.count(self.totals_model.rowCount())})")
        self._error = error
        self._check_export()
        if not current:
            self.summary.setText(save_dialogs.ANALYSIS_FAILED if self._analysis_failed() else "Waiting for the analysis…")
        elif error:
            self.summary.setText(error)
        else:
            unconfirmed = sum(i.unconfirmed for i in self.items)
            verify = f"; {numbers.count(unconfirmed)} to verify (amber)" if unconfirmed else ""
            self.summary.setText(f"{numbers.counted(len(self.items), 'line')} at "
                                 f"{numbers.counted(len(design.sites), 'site')}{verify}")

    def exportable(self) -> bool:
        """Whether Export would write the bill of materials of the design as it is (not an empty or stale one)."""
        return (not self._dirty and self.design is not None and not self._error and self.document.results_current
                and results_fit(self.document.design, self.document.results))

    def _check_export(self, edited: bool = False) -> None:
        if edited and not on_screen(self):
            return  # checked when the dock comes forward (catch_up)
        ready = self.exportable()
        self.export_button.setEnabled(ready)
        self.export_button.setToolTip(EXPORT_TIP if ready else FAILED_TIP if self._error else
                                      ANALYSIS_FAILED_TIP if self._analysis_failed() else WAITING_TIP)

    def _analysis_failed(self) -> bool:
        """Whether the analysis of the design as it is now failed (the results, if any, are another design's)."""
        return self.document.analysis_error is not None and not self.document.results_current

    def catch_up(self) -> None:
        super().catch_up()
        self._check_export()

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        metrics = self.table.fontMetrics()
        for col, most in ((1, 30), (2, 30)):  # long items and models: elided, whole in the tooltip
            width = min(self.table.columnWidth(col), metrics.averageCharWidth() * most)
            self.table.setColumnWidth(col, width)

    def export(self, path: str | None = None) -> str | None:
        if self.before_export is not None:
            self.before_export()
        if self._dirty or self.design is not self.document.design:
            self.refresh()
        if not self.exportable():  # waiting for the analysis, or failed: no empty or stale bill of materials
            return None
        return save_dialogs.write_tables(self, "Export bill of materials",
                                         bom.sheets(self.document.design, self.items, self.options()),
                                         self.document, "bom", path)
