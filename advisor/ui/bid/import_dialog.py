"""File ▸ Import sites…: a customer's site list (CSV or XLSX) previewed, its columns mapped to the design's fields,
a dry run's messages shown, then the design opened as a new, unsaved document.

The dialog drives ``advisor.importer``: `preview` (sheet, header row), `Mapping.assign` (one combo per column),
`build_design` (the hub, the dry run in a worker thread after each change, and the import itself).
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from advisor import numbers
from advisor.importer import (
    FIELDS,
    Imported,
    ImportFileError,
    Mapping,
    NothingImported,
    Preview,
    build_design,
    preview,
)
from advisor.importer.reading import HEADER_SCAN_ROWS, MAX_ROWS
from advisor.io import short
from advisor.ui.appearance import tone
from advisor.ui.bid.import_mapping import MappingTable, MessagesTree, app_words, cell_text
from advisor.ui.bid.worker import Background
from advisor.ui.dialogs import show_error
from advisor.ui.settings import shown
from advisor.validation import visible

log = logging.getLogger(__name__)

FILE_FILTER = "Site lists (*.csv *.xlsx *.txt *.tsv);;All files (*)"
LARGEST = "the site with the most users"
NAME_FIELD = next(f.label for f in FIELDS if f.id == "name")  # "Site name", as the column's list says


def read_preview(path: Path, sheet: str | None = None, header_row: int | None = None) -> Preview:
    """`preview` with every failure as ImportFileError naming the file (a bug included: never a traceback)."""
    try:
        return preview(path, sheet=sheet, header_row=header_row)
    except ImportFileError:
        raise
    except Exception as exc:
        log.exception("previewing %s failed", path)
        raise ImportFileError(f"{short(str(path), 200)}: cannot be read ({unexpected(exc)})") from None


def unexpected(exc: Exception) -> str:
    """A bug's exception for a one-line message: its type and first line ("ValidationError: 1 validation error for
    Site"); the log has the rest."""
    first = next(iter(str(exc).splitlines()), "")
    return f"{type(exc).__name__}: {short(first, 160)}; the details are in the log" if first else type(exc).__name__


class ImportDialog(QDialog):
    """The preview, mapping, hub and dry run of one site list; `imported` holds the result once accepted."""

    checked = Signal()  # a dry run's answer is shown (tests wait for it)

    def __init__(self, path: Path, pre: Preview, parent: QWidget | None = None, confirm=None):
        super().__init__(parent)
        self.setObjectName("import-dialog")
        self.setWindowTitle(f"Import sites — {short(shown(path.name), 120)}")
        self.path, self.pre, self.mapping = path, pre, pre.mapping
        self.confirm = confirm  # called before accepting (the unsaved-changes prompt); False keeps the dialog
        self.result_: Imported | None = None
        self.imported: Imported | None = None
        self.runner = Background(debounce_ms=120, parent=self)
        self.runner.started.connect(lambda: self.summary.setText("Checking the rows…"))
        self.runner.finished.connect(self._dry_run_done)
        self.runner.failed.connect(lambda message: self._dry_run_done(message))

        self.sheet = QComboBox(objectName="import-sheet")
        self.sheet.setToolTip("The workbook sheet to import (a CSV file has one table)")
        self.header_row = QSpinBox(objectName="import-header-row", minimum=1, maximum=MAX_ROWS)
        self.header_row.setToolTip(f"The row holding the column headers (found among the first {HEADER_SCAN_ROWS} "
                                   "rows; set it when the guess is wrong)")
        self.header_row.setKeyboardTracking(False)
        self.hub = QComboBox(objectName="import-hub")
        self.hub.setToolTip("The site that gets call processing (a CUCM publisher and subscribers) and joins every "
                            "WAN cloud")
        self.hub.setMinimumContentsLength(28)
        self.name = QLineEdit(objectName="import-name")
        self.name.setToolTip("The design's name; empty = the sheet's title, else 'Sites from FILE'")
        self.table = MappingTable(self._mapping_changed)
        self.messages = MessagesTree()
        self.summary = QLabel(objectName="import-summary", wordWrap=True)
        self.title = QLabel(objectName="import-title", wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import-accept")
        self.import_button.setToolTip("Open the sites as a new, unsaved design")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self._fill_sheets()
        self._show_preview(pre)
        self.sheet.currentIndexChanged.connect(lambda _i: self._sheet_changed())
        self.header_row.valueChanged.connect(lambda _v: self._header_changed())
        self.hub.currentIndexChanged.connect(lambda _i: self.dry_run())
        self.name.editingFinished.connect(self.dry_run)

    def _layout(self) -> None:
        top = QFormLayout()
        top.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        where = QHBoxLayout()
        where.addWidget(self.sheet, 1)
        where.addSpacing(16)
        where.addWidget(QLabel("Header row:", toolTip=self.header_row.toolTip()))
        where.addWidget(self.header_row)
        top.addRow(QLabel("File:"), QLabel(f"<b>{html.escape(short(str(self.path), 160))}</b>",
                                           objectName="import-file"))
        top.addRow(QLabel("Sheet:", toolTip=self.sheet.toolTip()), where)
        top.addRow(QLabel("Design name:", toolTip=self.name.toolTip()), self.name)
        top.addRow(QLabel("Hub:", toolTip=self.hub.toolTip()), self.hub)
        mapping = QWidget()
        box = QVBoxLayout(mapping)
        box.setContentsMargins(0, 0, 0, 0)
        hint = QLabel("Choose above each column the field it holds (hover a field for what it means); "
                      "“not imported” leaves a column out. Imported columns are tinted.", wordWrap=True)
        box.addWidget(self.title)
        box.addWidget(hint)
        box.addWidget(self.table, 1)
        checks = QWidget()
        box2 = QVBoxLayout(checks)
        box2.setContentsMargins(0, 0, 0, 0)
        box2.addWidget(self.summary)
        box2.addWidget(self.messages, 1)
        split = QSplitter(Qt.Orientation.Vertical, objectName="import-split")
        split.addWidget(mapping)
        split.addWidget(checks)
        split.setChildrenCollapsible(False)
        split.setSizes([330, 220])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        self.resize(min(1180, int(screen.width() * 0.92)), min(700, int(screen.height() * 0.92)))

    # -- the sheet ----------------------------------------------------------------------------------------------
    def _fill_sheets(self) -> None:
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for info in self.pre.sheets:
            label = info.name or "(the file's table)"
            notes = [n for n, on in (("hidden", not info.visible), ("no header found", info.header_row is None)) if on]
            self.sheet.addItem(label + (f" ({', '.join(notes)})" if notes else ""), info.name)
        self.sheet.setCurrentIndex(max(0, self.sheet.findData(self.pre.sheet)))
        self.sheet.setEnabled(self.pre.kind == "xlsx" and len(self.pre.sheets) > 1)
        self.sheet.blockSignals(False)

    def _show_preview(self, pre: Preview) -> None:
        self.pre, self.mapping = pre, pre.mapping
        self.header_row.blockSignals(True)
        self.header_row.setValue(pre.header_row)
        self.header_row.blockSignals(False)
        self.title.setText(f"Title above the header: “{pre.title}”" if pre.title else "")
        self.title.setVisible(bool(pre.title))
        self.table.show_preview(pre, self.mapping)
        self._fill_hubs()
        self.dry_run()

    def _reload(self, sheet: str | None, header_row: int | None) -> None:
        try:
            pre = read_preview(self.path, sheet=sheet, header_row=header_row)
        except ImportFileError as exc:
            if header_row is None:  # no header found by itself on this sheet: let the user name the row
                try:
                    pre = read_preview(self.path, sheet=sheet, header_row=1)
                except ImportFileError:
                    self._refuse(str(exc))
                    return
            else:
                self._refuse(str(exc))
                return
        self._show_preview(pre)

    def _sheet_changed(self) -> None:
        self._reload(self.sheet.currentData(), None)

    def _header_changed(self) -> None:
        self._reload(self.pre.sheet if self.pre.kind == "xlsx" else None, self.header_row.value())

    def _refuse(self, message: str) -> None:
        self.result_ = None
        colour = tone("error", self.palette())  # the theme's own red
        self.summary.setText(f"<span style='color:{colour}'>{html.escape(visible(app_words(message)))}</span>")
        self.messages.clear()
        self.import_button.setEnabled(False)

    # -- the mapping and the hub --------------------------------------------------------------------------------
    def _mapping_changed(self, column: int, field: str | None) -> None:
        self.mapping = self.mapping.assign(column, field)
        self.table.set_mapping(self.mapping)
        self._fill_hubs()
        self.dry_run()

    def set_field(self, column: int, field: str | None) -> None:
        """Map `column` (0-based) to `field` (None: not imported), as choosing it in the combo does."""
        combo = self.table.combos[column]
        combo.setCurrentIndex(combo.findData(field))

    def _fill_hubs(self) -> None:
        wanted = self.hub.currentData()
        self.hub.blockSignals(True)
        self.hub.clear()
        self.hub.addItem(f"Automatic: {LARGEST}", None)
        col = self.mapping.column_of("name")
        names = [] if col is None else list(dict.fromkeys(
            t for r in self.pre.rows[:2000] if (t := cell_text(r.cells[col]))))
        for name in names:
            self.hub.addItem(name, name)
        self.hub.setCurrentIndex(max(0, self.hub.findData(wanted)))
        self.hub.blockSignals(False)

    # -- the dry run --------------------------------------------------------------------------------------------
    def options(self) -> tuple[Preview, Mapping, str | None, str | None]:
        return self.pre, self.mapping, self.hub.currentData(), self.name.text().strip() or None

    def dry_run(self) -> None:
        """Build the design from the current choices in the worker thread; the answer fills the messages."""
        pre, mapping, hub, name = self.options()
        self.import_button.setEnabled(False)

        def work(_progress):
            return _build(pre, mapping, hub, name)
        self.runner.request(work)

    def _dry_run_done(self, answer) -> None:
        if isinstance(answer, Imported):
            self.result_ = answer
            design, messages = answer
            skipped = {row for m in messages if m.severity == "skipped" for row in m.rows}
            # the hub's name on one line and left to right: a line break or a right-to-left override shown escaped
            hub = html.escape(short(next((s.name for s in design.sites if s.cucm_publisher), "none"), 80))
            self.summary.setText(
                f"<b>{numbers.counted(len(design.sites), 'site')}</b> will be imported ({numbers.counted(len(skipped), 'row')} "
                f"skipped): {numbers.counted(len(design.clouds), 'WAN cloud')}, {numbers.counted(len(design.links), 'link')}; "
                f"hub <b>{hub}</b>.")
            self.messages.show_messages(messages)
            self.import_button.setEnabled(True)
        else:
            text, messages = answer if isinstance(answer, tuple) else (str(answer), ())
            self._refuse(text)
            self.messages.show_messages(messages)
        QTimer.singleShot(0, self.checked.emit)

    def accept(self) -> None:
        if self.runner.busy() or self.result_ is None:  # the answer for the current choices, now
            self.runner.cancel()
            self._dry_run_done(_build(*self.options()))
        if self.result_ is None:
            return
        if self.confirm is not None and not self.confirm():
            return
        self.imported = self.result_
        super().accept()

    def done(self, result: int) -> None:
        self.runner.shutdown()  # no dry run's answer arrives in a closed dialog
        super().done(result)


def _build(pre: Preview, mapping: Mapping, hub: str | None, name: str | None):
    """The import, or (why not, messages) when nothing can be imported."""
    if mapping.column_of("name") is None:  # the importer's words name the command line's --map
        return (f"{pre.source}: no column for the site name; choose “{NAME_FIELD}” above the column that "
                "holds the names"), ()
    try:
        return build_design(pre, mapping, hub=hub, name=name)
    except NothingImported as exc:
        return str(exc), exc.messages
    except ImportFileError as exc:
        return str(exc), ()
    except Exception as exc:  # a bug: said in the dialog, never raised
        log.exception("importing %s failed", pre.source)
        return f"{pre.source}: cannot be imported ({unexpected(exc)})", ()


def choose_file(parent: QWidget, start: Path) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, "Import sites", str(start), FILE_FILTER)
    return Path(chosen) if chosen else None


def open_dialog(win, path: Path) -> ImportDialog | None:
    """The import dialog on `path`, or None after saying why the file cannot be read (the design stays)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        pre = read_preview(path)
    except ImportFileError as exc:
        pre = None
        if "no header row found" in str(exc):  # headers it does not know: the user maps them from row 1
            try:
                pre = read_preview(path, header_row=1)
            except ImportFileError:
                pre = None
        if pre is None:
            QGuiApplication.restoreOverrideCursor()
            show_error(win, "Cannot import site list", str(exc))
            return None
    QGuiApplication.restoreOverrideCursor()
    return ImportDialog(path, pre, win, confirm=win.files.maybe_save)


def open_imported(win, imported: Imported, source: Path) -> None:
    """The imported design as a new, untitled document that is not saved (closing asks to save it)."""
    design, _messages = imported
    win.files.take(design, None)  # as File ▸ Open: the wait cursor while 20,000 imported sites are drawn
    win.document.undo_stack.resetClean()  # never clean until saved: the unsaved-changes prompt covers it
    QTimer.singleShot(0, win.fit_view)
    win.statusBar().showMessage(f"Imported {numbers.counted(len(design.sites), 'site')} from {source.name}: "
                                "not saved yet", 8000)
