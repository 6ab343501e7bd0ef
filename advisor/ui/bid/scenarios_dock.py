"""The Scenarios dock: the design's options side by side (the measures of `advisor compare`), with Add, Edit,
Delete, "Make current" (each one undo entry) and Export.

The comparison analyses the design once per option, so it runs in a worker thread, debounced after each edit and
only while the dock is on screen; "computing…" shows meanwhile and stale answers are dropped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor import bom, bom_shared, numbers, scenarios
from advisor.analysis import analyse
from advisor.model import Design, Scenario
from advisor.scenarios import comparison_rows
from advisor.ui.appearance import tone
from advisor.ui.bid import save_dialogs
from advisor.ui.bid.scenario_commands import AddScenario, DeleteScenario, MakeCurrent, ReplaceScenario
from advisor.ui.bid.scenario_form import ScenarioForm, describe
from advisor.ui.bid.table_model import TableData, TextTableModel, make_view
from advisor.ui.bid.worker import Background
from advisor.ui.dialogs import show_error
from advisor.ui.rich_text import plain
from advisor.ui.visibility import CatchesUp
from advisor.ui.window_status import status_bar_of

MEASURE_TIPS = {
    "VPN technology": "The VPN technology the WAN's calls use with this option (per transport on a hybrid WAN)",
    "packetization (ms)": "Voice per packet, in milliseconds. An option whose codec cannot carry the design's "
                          "packets (not a whole number of its frames) is compared at that codec's default",
    "total WAN load (kbps)": "Voice, signalling and intra-cluster traffic summed over the WAN links, per "
                             "direction, at the busy hour",
    "busiest link (by utilization)": "The link carrying the most traffic against its capacity",
    "busiest link load (kbps)": "Voice, signalling and intra-cluster traffic on the busiest link, per direction",
    "busiest link utilization (%)": "The busiest link's load over its capacity",
    "hub links load (kbps)": "The hub site's WAN links together, per direction",
    "links over capacity": "Links whose busy-hour load exceeds their capacity",
    "links above the priority-queue share": "Links whose voice exceeds the design's priority-queue (LLQ) share",
    "errors": "Error findings of the analysis with this option",
    "warnings": "Warning findings of the analysis with this option",
    "tunnels to configure": "VPN tunnels the chosen technology needs at this scale",
    "key servers": "GET VPN cooperative key servers (— when the WAN does not use GET VPN)",
}
MEASURE_CHARS, OPTION_CHARS = 44, 24  # widest measure name and option column, in average characters
TEXT_MEASURES = ("VPN technology", "busiest link (by utilization)")  # words, not figures: left-aligned
BOM_TIP = "Bill of materials: total quantity over the design; (+n) or (−n) is the change against the current design"


def _work(design: Design, options: bom.BomOptions | None = None):
    """The comparison of `design` with its scenarios, in a worker thread, its hardware rows counted with the bill
    of materials' `options`; scenarios that no longer make a valid design (after an edit of the design) are left out
    and named."""
    def work(progress):
        good, left_out = scenarios.applicable(design)
        quantities = bom_shared.for_comparison()
        outcomes = scenarios.compare(design, good, analyse, bom=lambda d, r: quantities(d, r, options),
                                     progress=progress)
        return design, outcomes, left_out
    return work


LEFT_OUT = "left out"  # the cells of an option that makes no valid design


def left_out_reasons(design: Design, outcomes, left_out: list[str]) -> dict[str, str]:
    """Option name -> why it was left out of the comparison (`scenarios.applicable` names them in the design's
    order, one reason each)."""
    compared = {o.name for o in outcomes[1:]}
    names = [s.name for s in design.scenarios if s.name not in compared]
    if len(names) != len(left_out):  # never expected: the names alone, the reasons in the status line
        return dict.fromkeys(names, "Left out of the comparison: it makes no valid design")
    return dict(zip(names, left_out, strict=True))


def comparison_table(design: Design, outcomes, by_name: dict[str, Scenario],
                     left_out: dict[str, str] | None = None) -> TableData:
    """The table the dock shows: `advisor compare`'s rows, a column per option; figures that differ from the
    current design's in bold. An option `left_out` (name -> why) has a column too, after the others, with no
    figures: else it could be neither selected nor edited nor deleted, and stayed in the design for good."""
    header, body = comparison_rows(outcomes, design)
    left_out = left_out or {}
    header += list(left_out)
    body = [[*row, *([LEFT_OUT] * len(left_out))] for row in body]
    compared = len(outcomes)  # columns 0 .. compared - 1 hold figures
    table = TableData(columns=header[1:], row_labels=[r[0] for r in body], rows=[list(r[1:]) for r in body])
    table.column_tips = [f"{left_out[name]}\nEdit it, or Delete it" if c >= compared else
                         describe(by_name[name]) if c > 0 and name in by_name else
                         "The design as it is, with its own policies" for c, name in enumerate(table.columns)]
    table.row_tips = [BOM_TIP if label.startswith("BOM: ") else MEASURE_TIPS.get(label, "")
                      for label in table.row_labels]
    table.right = set(range(len(table.columns)))
    for r, row in enumerate(table.rows):
        label = table.row_labels[r]
        if label in TEXT_MEASURES:
            table.left |= {(r, c) for c in range(len(row))}
        table.bold |= {(r, c) for c in range(1, compared) if row[c] != row[0]}
        table.marked |= {(r, c) for c in range(compared, len(row))}
        for c, value in enumerate(row):  # the whole figure and what it means, when the cell is too narrow
            table.tips[(r, c)] = (table.column_tips[c] if c >= compared else
                                  f"{table.columns[c]}, {label}: {value}\n{table.row_tips[r]}".rstrip())
    return table


class ScenariosPanel(CatchesUp, QWidget):
    computed = Signal()  # a comparison arrived (tests wait for it)

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("scenarios")
        self.document = document
        self.design: Design | None = None  # the design the table shows
        self.outcomes: list[scenarios.Outcome] | None = None
        self.left_out: list[str] = []
        self._dirty = True
        self.bom_options: bom.BomOptions | None = None  # the bill of materials dock's (`set_bom_options`)
        self.runner = Background(debounce_ms=250, parent=self)
        self.runner.started.connect(lambda: self._status("computing…"))
        self.runner.progress.connect(lambda done, total: self._status(f"computing… {done} of {total} analysed"))
        self.runner.finished.connect(self._show)
        self.runner.failed.connect(lambda message: self._status(f"The comparison failed: {message}", error=True))

        self.model = TextTableModel(self)
        self.table = make_view(self.model, "scenario-table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setMinimumSectionSize(110)
        # An option's long name is elided in the middle, whole in its tooltip: cut at the column's left edge it read
        # "id option number three" and hid which option the column is.
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideMiddle)
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # The measures' names (long bill-of-materials lines too) leave room for several options; elided, whole
        # in their tooltips.
        vertical.setMaximumWidth(MEASURE_CHARS * vertical.fontMetrics().averageCharWidth())
        vertical.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.horizontalHeader().sectionDoubleClicked.connect(lambda _s: self.edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, tip, slot in (
                ("add", "Add…", "Add an option: a name and the policies it changes", self.add),
                ("edit", "Edit…", "Change the selected option (double-click a column does the same)", self.edit),
                ("delete", "Delete", "Remove the selected option from the design", self.delete),
                ("current", "Make current", "Give the design the selected option's policies (undoable)",
                 self.make_current),
                ("export", "Export…", "Write the comparison to an Excel workbook (.xlsx) or a CSV file",
                 self.export)):
            button = QPushButton(text, objectName=f"scenario-{key}", toolTip=tip)
            button.clicked.connect(lambda _=False, s=slot: s())
            self.buttons[key] = button
            if key == "export":
                bar.addStretch(1)
            bar.addWidget(button)
        self.status = QLabel(objectName="scenario-status", wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # "Left out: …" quotes options' names as typed
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        # Under the buttons, wrapped: beside them it asked 980 pixels, and a narrower dock (the bottom tabs of the
        # smallest window: 470) cut Export and the status off.
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        document.designChanged.connect(self.stale)
        # at once, not when the comparison comes back: an Undo that removes the selected option left Edit, Delete
        # and Make current enabled meanwhile, and a click on them did nothing
        document.designChanged.connect(lambda *_: self._enable())
        self._enable()

    # -- computing ----------------------------------------------------------------------------------------------
    def refill(self) -> None:
        self.refresh(now=True)

    def refresh(self, now: bool = False) -> None:
        """Compare the design's options again (after a quiet spell, in the worker thread)."""
        self._dirty = False
        self.runner.request(_work(self.document.design, self.bom_options), now=now)

    def set_bom_options(self, options: bom.BomOptions) -> None:
        """Count the hardware rows as the bill of materials dock does (its PSTN interface and VPN hubs): they
        showed its defaults beside a bill of four hubs."""
        if options != self.bom_options:
            self.bom_options = options
            self.outcomes = None  # not up to date: an export computes it again
            self.stale()

    def stop(self) -> None:
        """Drop pending work and wait for a running comparison (the window is closing)."""
        self.runner.shutdown()
        self._dirty = True

    def up_to_date(self) -> bool:
        return self.outcomes is not None and self.design is self.document.design and not self.runner.busy()

    def compare_now(self) -> list[scenarios.Outcome]:
        """The comparison of the current design, computed here if the table is not up to date (exports)."""
        if not self.up_to_date():
            self.runner.cancel()
            self._show(_work(self.document.design, self.bom_options)(lambda _d, _t: None))
        return self.outcomes or []

    def _show(self, answer) -> None:
        design, outcomes, left_out = answer
        self.design, self.outcomes, self.left_out = design, outcomes, left_out
        selected = self.selected_name()
        by_name = {s.name: s for s in design.scenarios}
        self.model.set_table(comparison_table(design, outcomes, by_name, left_out_reasons(design, outcomes, left_out)))
        self.table.resizeColumnsToContents()
        widest = OPTION_CHARS * self.table.fontMetrics().averageCharWidth()
        for col in range(self.model.columnCount()):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), widest))
        if selected is not None and selected in self.model.table.columns:
            self.table.selectColumn(self.model.table.columns.index(selected))
        n = len(outcomes) - 1
        if left_out:
            self._status("Left out: " + "; ".join(left_out), error=True)
        elif n == 0:
            self._status("No options yet: Add… one (a codec, a VPN technology …) to compare it with the design.")
        else:
            self._status(f"{numbers.count(n)} option{'s' if n != 1 else ''} compared with the design; bold: "
                         "differs from the current design.")
        self._enable()
        self.computed.emit()

    def _status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setToolTip(plain(text))
        self.status.setStyleSheet(f"color: {tone('error', self.palette())};" if error else "")

    # -- selection ----------------------------------------------------------------------------------------------
    def selected_name(self) -> str | None:
        """The selected option's name; None for the current design or no selection."""
        columns = self.table.selectionModel().selectedColumns()
        names = self.model.table.columns
        col = columns[0].column() if columns else -1
        # By place, not by name: the first column is the design itself. An option a file names "Current design"
        # (the first column's name) could be neither selected nor edited, deleted or made current.
        return names[col] if 0 < col < len(names) else None

    def select(self, name: str) -> None:
        if name in self.model.table.columns[1:]:
            self.table.selectColumn(self.model.table.columns.index(name, 1))

    def _selected(self) -> Scenario | None:
        name = self.selected_name()
        return next((s for s in self.document.design.scenarios if s.name == name), None)

    def _enable(self) -> None:
        chosen = self._selected() is not None
        for key in ("edit", "delete", "current"):
            self.buttons[key].setEnabled(chosen)

    # -- edits --------------------------------------------------------------------------------------------------
    def _push(self, command) -> bool:
        try:
            self.document.push(command)
        except ValueError as exc:
            show_error(self, "Cannot change the options", str(exc))
            return False
        return True

    def add(self, form: ScenarioForm | None = None) -> None:
        form = form or ScenarioForm(self.document.design, self)
        if form.exec() == QDialog.DialogCode.Accepted:
            scenario = form.scenario()
            if self._push(AddScenario(scenario)):
                self._select_later(scenario.name)

    def edit(self, form: ScenarioForm | None = None) -> None:
        scenario = self._selected()
        if scenario is None:
            return
        form = form or ScenarioForm(self.document.design, self, scenario)
        if form.exec() == QDialog.DialogCode.Accepted:
            edited = form.scenario()
            if edited != scenario and self._push(ReplaceScenario(scenario.name, edited)):
                self._select_later(edited.name)

    def delete(self) -> None:
        scenario = self._selected()
        if scenario is not None:
            self._push(DeleteScenario(scenario.name))

    def make_current(self) -> None:
        scenario = self._selected()
        if scenario is not None and self._push(MakeCurrent(scenario.name)):
            bar = status_bar_of(self)  # the main window's, also from a floating dock
            if bar is not None:
                bar.showMessage(f"The design now uses the policies of “{scenario.name}” (Undo brings its own back)",
                                6000)

    def _select_later(self, name: str) -> None:
        def once() -> None:
            self.computed.disconnect(once)
            self.select(name)
        self.computed.connect(once)

    def export(self, path: str | None = None) -> str | None:
        from advisor.sheets import comparison_sheet

        outcomes = self.compare_now()
        return save_dialogs.write_tables(self, "Export options compared", [comparison_sheet(self.design, outcomes)],
                                         self.document, "options", path)
