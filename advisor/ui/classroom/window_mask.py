"""Quiz mode's masks over the main window: the link table's columns and tooltips (through a proxy model), the canvas
labels and badges, the docks that would show a hidden figure, the status bar, the findings panel's rows and the
recommendation. Everything is given back, as the window drew it, when the quiz ends."""

from __future__ import annotations

from PySide6.QtCore import QIdentityProxyModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from advisor.ui.classroom import masking
from advisor.ui.classroom.quiz import Hidden

# The window's own docks, and the fields that would let each show a hidden figure. A dock the classroom does not
# know (added by another package) closes during any quiz: it may state totals or the technology.
DOCK_REVEALS = {"palette": (), "inspector": (), "links": (), "explain": (), "comparison": (), "quiz": (),
                "findings": ("findings",), "plots": ("kbps", "calls"),
                # the packet anatomy is drawn for the link with the most calls, and names it
                "anatomy": ("recommendation", "kbps", "calls"),
                "calculator": ("recommendation",),
                "assumptions": ("recommendation",)}  # the conventions name the VPN technology the figures use
# Actions that would reveal a hidden figure: the PDF states every one.
ACTIONS_CLOSED = ("export-pdf", "export-tables", "export-plots", "config-sketch")  # they would write or show hidden figures
# Menu entries that open a dock: disabled while the quiz keeps that dock closed (the site's right-click
# "Configuration Sketch" follows "config-sketch").
DOCK_OPENERS = {"calculator": ("calc-from-design",), "scenarios": ("scenario-add",), "configuration": ("config-sketch",)}
_DISPLAY, _TIP, _RAW = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole
TIP = "Figures of this link are hidden in the quiz"


class LinkProxy(QIdentityProxyModel):
    """The link table's model with the hidden columns and the row tooltips (encapsulation, kbps per call, Erlangs)
    withheld."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.columns: set[int] = set()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):  # noqa: D102
        if index.isValid():
            if index.column() in self.columns and role in (_DISPLAY, _TIP, _RAW):
                return None
            if role == _TIP:
                return TIP
        return super().data(index, role)


class WindowMask(QObject):
    """Applies a quiz's Hidden fields to `win` (an advisor.ui.main_window.MainWindow), and takes them off again."""

    def __init__(self, win, panes=()):
        super().__init__(win)
        self.win = win
        self.panes = tuple(panes)  # widgets with set_hidden(Hidden): the explain pane, the comparison view
        self.hidden = Hidden()
        self.proxy: LinkProxy | None = None
        self.closed_docks: list[str] = []  # open before the quiz closed them
        self.locked_docks: list[str] = []  # closed by the quiz, their View menu entries disabled
        self.closed_actions: list[str] = []
        self.hidden_columns: set[int] = set()
        # Connected after the window's own panels: this runs once they have drawn the new results.
        win.document.resultsChanged.connect(self._results_changed)
        findings = win.findings
        findings.filter.textChanged.connect(lambda _text: self._mask_findings())
        for button in findings.toggles.values():
            button.toggled.connect(lambda _on: self._mask_findings())

    @property
    def active(self) -> bool:
        return self.hidden.any()

    def apply(self, hidden: Hidden) -> None:
        """Hide what `hidden` names everywhere (a new quiz, or the same quiz with other fields)."""
        if self.active:
            self.clear()  # another quiz's masks first: what it hid and this one does not shows again
        self.hidden = hidden
        if not hidden.any():
            self.win.document.set_results(self.win.document.results)
            return
        self._close_docks()
        self._mask_link_table()
        for pane in self.panes:
            pane.set_hidden(hidden)
        scene = self.win.canvas.scene()
        if hasattr(scene, "apply_results"):  # the canvas masks every results it is given from now on
            scene.results_view = lambda results: masking.canvas_results(results, self.hidden)
            scene.apply_results(self.win.document.results)
        self._results_changed(self.win.document.results)

    def clear(self) -> None:
        """Give everything back: columns, docks, actions, the findings' rows; the window redraws the results."""
        win = self.win
        self.hidden = Hidden()
        if hasattr(win.canvas.scene(), "apply_results"):
            win.canvas.scene().results_view = None  # set_results below draws the figures again
        table = win.links.table
        for column in self.hidden_columns:
            table.setColumnHidden(column, False)
        self.hidden_columns = set()
        if self.proxy is not None:
            old = table.selectionModel()
            table.setModel(win.links.model)
            if old is not None:
                old.deleteLater()
            self.proxy.deleteLater()
            self.proxy = None
        for name in self.closed_actions:
            win.actions_by_name[name].setEnabled(True)
        for name in self.locked_docks:
            win.docks[name].toggleViewAction().setEnabled(True)
        for name in self.closed_docks:
            win.docks[name].show()
        self.closed_docks, self.closed_actions, self.locked_docks = [], [], []
        win.findings.recommendation.setVisible(True)
        for pane in self.panes:
            pane.set_hidden(self.hidden)
        win.document.set_results(win.document.results)  # every panel draws the figures again
        win.findings.filter.textChanged.emit(win.findings.filter.text())  # and its filter shows every row again

    # -- the parts --------------------------------------------------------------------------------------------------
    def _close_docks(self) -> None:
        win, fields = self.win, set(self.hidden.names())
        closed = []
        for name, dock in win.docks.items():
            reveals = DOCK_REVEALS.get(name)
            if reveals is None or fields & set(reveals):  # unknown docks close in every quiz
                if dock.toggleViewAction().isChecked():
                    self.closed_docks.append(name)
                dock.hide()
                dock.toggleViewAction().setEnabled(False)
                closed.append(name)
        self.locked_docks = closed
        # Design ▸ Per-call Calculator from Design, Add Scenario… would open their docks again.
        openers = [name for dock in closed for name in DOCK_OPENERS.get(dock, ())]
        for name in dict.fromkeys((*ACTIONS_CLOSED, *openers)):
            action = win.actions_by_name.get(name)
            if action is not None and action.isEnabled():
                action.setEnabled(False)
                self.closed_actions.append(name)

    def _mask_link_table(self) -> None:
        links = self.win.links
        headers = [str(links.model.headerData(c, Qt.Orientation.Horizontal)) for c in range(links.model.columnCount())]
        self.hidden_columns = masking.hidden_columns(headers, self.hidden)
        if self.hidden_columns or self.hidden.recommendation:
            self.proxy = LinkProxy(self)
            self.proxy.columns = set(self.hidden_columns)
            self.proxy.setSourceModel(links.model)
            old = links.table.selectionModel()
            links.table.setModel(self.proxy)
            if old is not None:
                old.deleteLater()
        for column in self.hidden_columns:
            links.table.setColumnHidden(column, True)
        if links.table.horizontalHeader().sortIndicatorSection() in self.hidden_columns:
            links.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # the order would rank the hidden figure

    def _results_changed(self, results) -> None:
        if not self.active:
            return
        win = self.win  # the canvas masks the results itself (its results_view), as it draws them
        if self.hidden.kbps:
            win.status_kbps.setText(f"WAN load: {masking.HIDDEN_NOTE}")
        if self.hidden.findings:
            for label in (win.status_errors, win.status_warnings):
                label.setText("")
                label.setStyleSheet("")
            win.status_errors.setText(f"Findings: {masking.HIDDEN_NOTE}")
        self._mask_findings()

    def _mask_findings(self) -> None:
        """Hide the rows of the findings panel that state a hidden figure or name the hidden technology."""
        if not self.active or self.hidden.findings:
            return
        findings, results = self.win.findings, self.win.document.results
        findings.recommendation.setVisible(not self.hidden.recommendation)
        if results is None:
            return
        secrets = masking.secrets(results, self.hidden)
        tree = findings.tree
        current = tree.currentItem()
        for g in range(tree.topLevelItemCount()):
            group = tree.topLevelItem(g)
            for r in range(group.childCount()):
                item = group.child(r)
                finding = findings.finding_of(item)
                if finding is not None and not masking.finding_shown(finding, self.hidden, secrets):
                    item.setHidden(True)
                    if item is current:
                        tree.setCurrentItem(None)
                        findings.details.clear()
