"""The findings panel: the VPN recommendation on top, then findings grouped by severity with a filter.

The current finding's rationale and remedy show below; clicking a finding selects its subjects on the canvas.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from operator import attrgetter

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QStyledItemDelegate,
    QTextBrowser,
    QToolButton,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor import numbers
from advisor.findings import Finding
from advisor.references import strip_internal
from advisor.results import Results
from advisor.ui.findings_text import (
    SUBJECTS_DETAILED,
    SubjectNames,
    changed_findings,
    recommendation_html,
    same_findings,
)
from advisor.ui.rich_text import plain, replace_html, without_overrides

_ROW_KEY = attrgetter("code", "severity", "subjects")  # what a row shows for good: the rest may change

SEVERITIES = ("error", "warning", "info")
SEVERITY_TITLES = {"error": "Errors", "warning": "Warnings", "info": "Information"}
# The toggles' shorter words: with a filter typed they say "Warnings 7/20", and the filter keeps room to read.
TOGGLE_TITLES = {"error": "Errors", "warning": "Warnings", "info": "Info"}
SEVERITY_COLOURS = {"error": "#c62828", "warning": "#b26a00", "info": "#1565c0"}
# Lighter shades for dark palettes, so the group titles keep their contrast.
SEVERITY_COLOURS_DARK = {"error": "#ff6b6b", "warning": "#f2c037", "info": "#6ca8ff"}
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


class FindingsPanel(QWidget):
    """Recommendation ranking, severity-grouped findings, details of the current one."""

    findingActivated = Signal(object)  # Finding

    def __init__(self, document, center_on: Callable[[str], None] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.center_on = center_on
        self.setObjectName("findings")
        self._findings: tuple[Finding, ...] = ()
        self._haystack: list[str] | None = None  # what the filter searches per finding (`_searched`), once per set

        # Rich text rather than a tree: the reasons are sentences and must wrap, not be cut off.
        self.recommendation = QTextBrowser(objectName="recommendation", openExternalLinks=False)
        self.recommendation.setToolTip("VPN candidates from the best fit down, with the reasons for (✓) and against "
                                       "(✗); hover a reason for its source")
        self.recommendation.setPlaceholderText("No VPN recommendation yet.")  # one line: Qt never wraps it

        self.filter = QLineEdit(placeholderText="Filter findings (code, text, site)…", clearButtonEnabled=True)
        self.filter.setToolTip("Show only findings whose code, message or subjects (by name) contain this text")
        self.toggles: dict[str, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.filter, 1)
        for severity in SEVERITIES:
            button = QToolButton(checkable=True, checked=True, objectName=f"toggle-{severity}")
            button.setToolTip(f"Show or hide {SEVERITY_TITLES[severity].lower()}")
            button.toggled.connect(self._apply_filter)
            self.toggles[severity] = button
            bar.addWidget(button)
        self.filter.textChanged.connect(self._apply_filter)

        self.tree = QTreeWidget(objectName="findings-tree")
        self.tree.setHeaderLabels(["Finding", "Subjects"])
        # Messages wrap: they are sentences that name the site or link, and a cut-off one says nothing.
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(_WrapDelegate(self.tree, self.tooltip))
        self._relayout = QTimer(self, singleShot=True)
        self._relayout.setInterval(50)  # not interval=: see tests/ui/test_qt_keywords.py
        self._relayout.timeout.connect(self.tree.doItemsLayout)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 110)
        header.sectionResized.connect(lambda *_: self._relayout.start())  # rows re-wrap to the new width
        self.tree.currentItemChanged.connect(self._show_details)
        self.tree.itemClicked.connect(lambda item, _col: self.activate(item))
        self.tree.itemActivated.connect(lambda item, _col: self.activate(item))

        self.details = QTextBrowser(objectName="finding-details", openExternalLinks=False)
        self.details.setPlaceholderText("Select a finding to read why it matters and what to do.")

        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.tree)
        split.addWidget(self.recommendation)
        split.addWidget(top)
        split.addWidget(self.details)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 4)
        split.setStretchFactor(2, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)
        document.resultsChanged.connect(self.set_results)
        self.set_results(document.results)

    # -- results --------------------------------------------------------------------------------------------
    def set_results(self, results: Results | None) -> None:
        findings = results.findings if results is not None else ()
        self._fill_recommendation(results)
        # An edit that leaves the findings as they were (most edits of a big design) keeps the tree as it stands:
        # the same rows, with the same subject names, selection and details.
        shown = (findings, self._names().shown(findings)) if findings else None
        before = getattr(self, "_shown", None)
        if shown is not None and before is not None and shown[1] == before[1] and same_findings(findings, before[0]) \
                and self.tree.topLevelItemCount():
            self._findings = findings
            return
        old = self._findings
        self._findings, self._shown = findings, shown
        if shown is not None and self._same_rows(old, findings):
            self._update_rows(old, findings, shown[1])
        else:
            self._fill_tree()

    def _same_rows(self, old, new) -> bool:
        """The same findings in the same order (only their words or figures differ): the rows can be kept."""
        rows = getattr(self, "_rows", None)
        return (rows is not None and len(rows) == len(new) == len(old) and self.tree.topLevelItemCount() > 0
                and list(map(_ROW_KEY, old)) == list(map(_ROW_KEY, new)))

    def _update_rows(self, old, new, subjects_text: tuple[str, ...]) -> None:
        """Rewrite only the rows whose finding changed: the tree, its selection and scroll stay. Equal to
        _fill_tree() (tests/ui/test_findings_incremental.py)."""
        tree = self.tree
        current = tree.currentItem()
        changed = changed_findings(old, new)
        # Written with the model's signals held: each setText would otherwise make the view re-measure wrapped
        # rows (four signals a row), and a dataChanged far down the tree measures every row above it (24 ms at
        # row 300 of 531). A layout change instead lets the view re-measure lazily, the visible rows only, as
        # after _fill_tree. Nothing moves: persistent indexes, the selection and the current row stay.
        model = tree.model()
        model.blockSignals(True)
        try:
            for index in changed:
                self._write_row(self._rows[index], new[index], subjects_text[index])
        finally:
            model.blockSignals(False)
        if changed:
            model.layoutAboutToBeChanged.emit()
            model.layoutChanged.emit()
        refresh_details = current is not None and any(self._rows[i] is current for i in changed)
        self._haystack = None  # messages changed: the filter reads them again
        if self.filter.text().strip():
            self._apply_filter()
        if refresh_details:
            self._show_details(current)

    @staticmethod
    def _write_row(item: QTreeWidgetItem, f: Finding, subjects: str) -> None:
        # a name's unclosed right-to-left override turned the words after it around ("sah 60 senohp"): left out,
        # as from the window title (advisor.ui.rich_text.without_overrides)
        item.setText(0, without_overrides(f"{f.code}: {f.message}"))
        item.setText(1, without_overrides(subjects))

    def tooltip(self, index) -> str:
        """A row's tooltip, made when the pointer rests on it (`_WrapDelegate.helpEvent`), not for each of the
        hundreds of rows an edit rewrites: the message and its remedy, or the subjects in full; names from the file,
        shown as written."""
        finding = self._findings_at(index)
        if finding is None:
            return ""
        if index.column() == 0:
            return plain(without_overrides(f"{finding.message}\n\nRemedy: {finding.remedy}"))
        return plain(without_overrides(str(index.data() or "")))

    def _findings_at(self, index) -> Finding | None:
        row = index.siblingAtColumn(0).data(FINDING_ROLE) if index.parent().isValid() else None
        return self._findings[row] if isinstance(row, int) and 0 <= row < len(self._findings) else None

    def _fill_recommendation(self, results: Results | None) -> None:
        from advisor.report.vpn_use import departs

        html = (recommendation_html(results.recommendation, departs(self.document.design, results))
                if results is not None else "")
        if html != getattr(self, "_html", None):  # setHtml lays the text out again: only when it changed
            self._html = html
            replace_html(self.recommendation, html)

    def _fill_tree(self) -> None:
        tree = self.tree
        # The finding being read survives a re-analysis (an edit elsewhere) if the new results still hold it.
        current = self.finding_of(tree.currentItem())
        keep = (current.code, current.subjects) if current is not None else None
        tree.setUpdatesEnabled(False)
        tree.blockSignals(True)
        tree.clear()
        tree.blockSignals(False)
        again = None
        names = self._names()
        groups: dict[str, QTreeWidgetItem] = {}
        colours = self._colours()
        for severity in SEVERITIES:
            group = QTreeWidgetItem([SEVERITY_TITLES[severity]])
            group.setForeground(0, QBrush(QColor(colours[severity])))
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            groups[severity] = group
        rows: list[QTreeWidgetItem] = []
        children: dict[str, list[QTreeWidgetItem]] = {severity: [] for severity in SEVERITIES}
        for index, f in enumerate(self._findings):
            item = QTreeWidgetItem()
            self._write_row(item, f, names.subjects_text(f.subjects))
            # An index, not the Finding: PySide6 6.12 miscounts references to Python objects kept in item data
            # (a crash after many refreshes: "none_dealloc"); ints round-trip safely.
            item.setData(0, FINDING_ROLE, index)
            children[f.severity].append(item)
            rows.append(item)
            if again is None and keep == (f.code, f.subjects):
                again = item
        for severity in SEVERITIES:
            groups[severity].addChildren(children[severity])  # one call per group, not one per row
            tree.addTopLevelItem(groups[severity])
            groups[severity].setExpanded(True)
        self._rows, self._haystack = rows, None
        self._apply_filter(fresh=True)
        tree.setUpdatesEnabled(True)
        self.details.clear()
        if again is not None:
            tree.setCurrentItem(again)  # shows its details again; selects nothing on the canvas

    def _colours(self) -> dict[str, str]:
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        return SEVERITY_COLOURS_DARK if dark else SEVERITY_COLOURS

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._findings:
            self._fill_tree()  # the severity colours follow a light/dark switch
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "_html", None):
            self._fill_recommendation(self.document.results)  # its ✓ and ✗ too

    def _names(self) -> SubjectNames:
        """The design's subject names; kept across edits that rename nothing."""
        design = self.document.design
        cached = getattr(self, "_names_cache", None)
        if cached is not None and cached.design is design:
            return cached
        if cached is not None and cached.alike(design):
            cached.design = design  # same names: keep its memo of subject texts
            return cached
        self._names_cache = SubjectNames(design)
        return self._names_cache

    def _apply_filter(self, fresh: bool = False) -> None:
        """Show the rows the filter's text matches, in the groups whose toggles are on. `fresh`: the rows were just
        made, none hidden, so with no text typed none is touched (57,000 rows of a 10,000-site design: 0.1 s)."""
        needle = self.filter.text().strip().lower()
        texts = self._searched() if needle else None
        matching: dict[str, int] = {}
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            severity = SEVERITIES[index]
            group.setHidden(not self.toggles[severity].isChecked())
            if fresh and not needle:
                continue
            hits = 0
            for row in range(group.childCount()):
                child = group.child(row)
                hit = texts is None or needle in texts[child.data(0, FINDING_ROLE)]
                child.setHidden(not hit)
                hits += hit
            matching[severity] = hits
        self._show_counts(matching if needle else None)

    def _searched(self) -> list[str]:
        """What the filter searches, per finding: what the user reads of it, the code and message and the subjects
        by name (every one, also those the row sums up as 'and n more'), never their ids ('link' matched every
        finding about a link: its id 'link-3')."""
        if self._haystack is None:
            get = self._names().get
            self._haystack = [without_overrides(f"{f.code}: {f.message}\n{', '.join(get(s, s) for s in f.subjects)}")
                              .lower() for f in self._findings]  # as the rows read: "lyon evil" finds Lyon's
        return self._haystack

    def _show_counts(self, matching: dict[str, int] | None) -> None:
        """Each severity's count on its group and toggle; with a filter typed, how many of them match it."""
        for index in range(self.tree.topLevelItemCount()):
            group, severity = self.tree.topLevelItem(index), SEVERITIES[index]
            title, total = SEVERITY_TITLES[severity], numbers.count(group.childCount())  # "Errors (1,042)"
            button = self.toggles[severity]
            if matching is None:
                group.setText(0, f"{title} ({total})")
                button.setText(f"{TOGGLE_TITLES[severity]} {total}")
                button.setToolTip(f"Show or hide {title.lower()}")
            else:
                matched = numbers.count(matching[severity])
                group.setText(0, f"{title} ({matched} of {total} match the filter)")
                button.setText(f"{TOGGLE_TITLES[severity]} {matched}/{total}")
                button.setToolTip(f"Show or hide {title.lower()}: {matched} of {total} match the filter")

    def visible_findings(self) -> list[Finding]:
        out = []
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            if group.isHidden():
                continue
            out += [self.finding_of(group.child(r)) for r in range(group.childCount())
                    if not group.child(r).isHidden()]
        return out

    def finding_of(self, item: QTreeWidgetItem | None) -> Finding | None:
        """The finding an item shows; None for the severity groups (never ask them for data: see _fill_tree)."""
        if item is None or item.parent() is None:
            return None
        index = item.data(0, FINDING_ROLE)
        return self._findings[index] if isinstance(index, int) and 0 <= index < len(self._findings) else None

    # -- the current finding --------------------------------------------------------------------------------
    def _show_details(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        finding = self.finding_of(item)
        if finding is None:
            self.details.clear()
            return
        names = self._names()
        colour = self._colours()[finding.severity]
        subjects = html.escape(names.subjects_text(finding.subjects, SUBJECTS_DETAILED)) or "the design"
        parts = [
            f"<p><b style='color:{colour}'>{finding.severity.upper()}</b> &nbsp;<code>{finding.code}</code></p>",
            f"<p><b>{html.escape(finding.message)}</b></p>",
            f"<p><b>Where:</b> {subjects}</p>",
            f"<p><b>Why:</b> {html.escape(strip_internal(finding.rationale))}</p>",  # no '[srst_platforms.json]'
            f"<p><b>Remedy:</b> {html.escape(finding.remedy)}</p>",
        ]
        if finding.source:
            parts.append(f"<p><b>Source:</b> <i>{html.escape(strip_internal(finding.source))}</i></p>")
        self.details.setHtml(without_overrides("".join(parts)))

    def activate(self, item: QTreeWidgetItem) -> None:
        """Select the finding's subjects in the document and bring the first into view."""
        finding = self.finding_of(item)
        if finding is None:
            return
        self._show_details(item)
        design = self.document.design
        known = design.node_ids() | {x.id for x in design.links}
        subjects = tuple(s for s in finding.subjects if s in known)
        self.document.select(subjects)
        if subjects and self.center_on is not None:
            self.center_on(subjects[0])
        self.findingActivated.emit(finding)


class _WrapDelegate(QStyledItemDelegate):
    """Row heights for wrapped text: Qt's own size hint is one line tall whatever the column's width. And the rows'
    tooltips, asked of `tip` when the pointer rests on a row."""

    def __init__(self, tree: QTreeWidget, tip: Callable[[object], str] | None = None):
        super().__init__(tree)
        self.tree = tree
        self.tip = tip

    def helpEvent(self, event, view, option, index) -> bool:  # noqa: N802 - Qt's name
        if self.tip is None or event is None or event.type() != QEvent.Type.ToolTip:
            return super().helpEvent(event, view, option, index)
        text = self.tip(index)
        if text:
            QToolTip.showText(event.globalPos(), text, view, view.visualRect(index))
        else:
            QToolTip.hideText()
            event.ignore()
        return True

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt's name
        size = super().sizeHint(option, index)
        if not index.parent().isValid():
            return size  # the severity groups: one line
        depth_px = self.tree.indentation() * (2 if self.tree.rootIsDecorated() else 1)
        width = self.tree.header().sectionSize(index.column()) - (depth_px if index.column() == 0 else 0) - 10
        text = str(index.data() or "")
        rect = option.fontMetrics.boundingRect(QRect(0, 0, max(width, 40), 100_000),
                                               int(Qt.TextFlag.TextWordWrap), text)
        return QSize(size.width(), max(size.height(), rect.height() + 4))
