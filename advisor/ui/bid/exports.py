"""File ▸ Export tables… (one workbook with the link sizing, sites, findings, bill of materials and the options
compared, or one of them as CSV) and File ▸ Export plots… (the Link plots dock's two plots as PNG or SVG, drawn
in pyqtgraph's export mode). Every file is written atomically; a failure names the file and the reason. The
tables are made in a pool thread behind a progress dialog with Cancel, as File ▸ Export PDF is
(`advisor.ui.bid.tables_export`).
"""

from __future__ import annotations

import logging
import math
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QIODevice,
    QRectF,
    QSize,
)
from PySide6.QtGui import QImage, QPainter, QPalette, QPicture, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from advisor import tabular
from advisor.io import short, write_atomic
from advisor.io_errors import write_reason
from advisor.ui.bid import save_dialogs
from advisor.ui.bid.tables_export import TABLES, TablesExport, snapshot

log = logging.getLogger(__name__)

PLOTS = (("util_plot", "utilization", "title"), ("curve_plot", "erlang-b", "curve_title"))
SETTLE_TURNS = 4  # turns of the event loop a freshly drawn plot needs to lay out (3 measured, one spare)
PNG_WIDTH = 1600  # px: sharp on a slide or in a printed report
PNG_FILTER, SVG_FILTER = "PNG images (*.png)", "SVG drawings (*.svg)"


class ExportTablesDialog(QDialog):
    """Every table in one workbook, or one table as CSV."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("export-tables")
        self.setWindowTitle("Export tables")
        # The choice in a few words, what it holds in a wrapped line under it: a radio button does not wrap, and
        # the whole sentence asked 814 pixels, cut off at "bill of materials a" on a 1024×768 screen (a dialog
        # opens at most two thirds of the screen wide).
        self.workbook = QRadioButton("Every table in one Excel workbook (.xlsx)", checked=True)
        sheets = QLabel("Link sizing, sites, findings, bill of materials and the options compared, one sheet each.",
                        wordWrap=True, objectName="export-tables-sheets")
        self.one = QRadioButton("One table as a CSV file (UTF-8, for any spreadsheet or script):")
        self.table = QComboBox(objectName="export-table")
        self.table.addItems(TABLES)
        self.table.setEnabled(False)
        self.one.toggled.connect(self.table.setEnabled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Figures are written as numbers (kbps, Erlangs, percent) with their units in the "
                                "column headers, for the bid's own calculations.", wordWrap=True))
        layout.addWidget(self.workbook)
        under = QHBoxLayout()
        under.addSpacing(24)
        under.addWidget(sheets, 1)
        layout.addLayout(under)
        layout.addWidget(self.one)
        indented = QHBoxLayout()
        indented.addSpacing(24)
        indented.addWidget(self.table, 1)
        layout.addLayout(indented)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def choice(self) -> str | None:
        """None: the workbook; else the table's name."""
        return None if self.workbook.isChecked() else self.table.currentText()


def export_tables(win, path: str | Path | None = None, table: str | None = None) -> str | None:
    """Write the workbook (a .xlsx path) or the table named `table` (a .csv path); asks when `path` is None.

    The tables are made and the file's bytes built in a pool thread (`TablesExport`: a 10,000-site workbook takes
    some 10 s) behind a progress dialog with Cancel, while the window goes on drawing; the file is then written
    atomically here, a failure named as every export names it. Returns the path written, or None (cancelled or
    failed, the user told why)."""
    title = "Export tables"
    commit = getattr(win, "commit_pending_edit", None)
    if commit is not None:  # a figure typed in the Inspector and not confirmed is in the tables, as in the PDF
        commit()
    running = getattr(win, "_tables_export", None)
    if running is not None:  # one at a time: the first one's progress dialog is there to cancel it
        running.dialog.show()
        running.dialog.raise_()
        return None
    if path is None:
        dialog = ExportTablesDialog(win)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        table = dialog.choice()
        folder, stem = save_dialogs.folder_and_stem(win.document)
        if table is None:
            path = save_dialogs.ask_save(win, title, folder / f"{stem}-tables.xlsx", (save_dialogs.XLSX_FILTER,))
        else:
            slug = table.lower().replace(" ", "-")
            path = save_dialogs.ask_save(win, title, folder / f"{stem}-{slug}.csv", (save_dialogs.CSV_FILTER,))
        if path is None:
            return None
    path = Path(path)
    kind = "csv" if path.suffix.lower() == ".csv" else _kind(path)
    if kind not in ("csv", "xlsx"):  # before any work: write_table's own words (give a .csv or .xlsx name)
        return save_dialogs.write_file(win, title, path, lambda p: tabular.write_table(p, ()))
    try:  # a destination that cannot take the file is said before the work, not after seconds of it
        _writable_target(path)
    except OSError as exc:
        save_dialogs.show_error(win, f"{title}: not written", f"{short(str(path), 200)}: {write_reason(exc, path)}")
        return None
    export = TablesExport(win, title, path, snapshot(win), (table or TABLES[0]) if kind == "csv" else None)
    win._tables_export = export
    try:
        return export.run()
    finally:
        win._tables_export = None


def _writable_target(path: Path) -> None:
    """OSError when no file can be written at `path`: a NUL in its name, a folder or a device in the way
    (`atomic.target`), or a folder that does not exist; the write itself says anything else."""
    import errno

    from advisor.atomic import target

    target(path)
    parent = path.parent
    if not parent.is_dir():  # as the write would fail: its errno, which `write_reason` words
        if parent.exists():
            raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(path))
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(path))


def _kind(path: Path) -> str:
    """The format `tabular.write_table` writes to `path`, by its rule ('' for a name it refuses)."""
    name = str(path).lower()
    return name.rsplit(".", 1)[-1] if "." in name else ""


# -- plots ------------------------------------------------------------------------------------------------------

def plot_bytes(panel, attribute: str, title_attribute: str, kind: str) -> bytes:
    """One plot of the Link plots dock as PNG or SVG bytes, with its heading (the dock's label) above it.

    The heading is drawn beside the plot, not set on it: a title on the live plot would re-lay it out."""
    import pyqtgraph.exporters as exporters

    exporter = exporters.ImageExporter(getattr(panel, attribute).getPlotItem())
    heading = _heading(panel, getattr(panel, title_attribute).text(), exporter.getSourceRect().width())
    if kind == "svg":
        return _svg_bytes(exporter, heading)
    scale = PNG_WIDTH / exporter.getSourceRect().width()
    exporter.parameters()["width"] = PNG_WIDTH
    plot = exporter.export(toBytes=True)
    top = math.ceil(heading.size().height() * scale)
    image = QImage(plot.width(), plot.height() + top, QImage.Format.Format_ARGB32)
    image.fill(exporter.params["background"])
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.save()
    painter.scale(scale, scale)
    heading.drawContents(painter)
    painter.restore()
    painter.drawImage(0, top, plot)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def _heading(panel, html: str, width: float) -> QTextDocument:
    """The plot's heading as the dock shows it (rich text in the palette's text colour), wrapped to `width`."""
    colour = panel.palette().color(QPalette.ColorRole.WindowText).name()
    doc = QTextDocument()
    doc.setDefaultFont(panel.font())
    doc.setDocumentMargin(6)
    doc.setHtml(f"<div style='color:{colour}'>{html}</div>")
    doc.setTextWidth(width)
    return doc


def _svg_bytes(exporter, heading: QTextDocument) -> bytes:
    """The exporter's item drawn by Qt's SVG generator, in pyqtgraph's export mode (as its exporters draw).

    Not pyqtgraph's SVGExporter: with Qt 6.11 it fails on every plot (pyqtgraph 0.14 parses the path data Qt's
    SVG painter writes as "x,y" pairs; Qt now writes them otherwise: "not enough values to unpack"). The
    generator takes the resolution pyqtgraph's axes record their drawings at (a QPicture's): at the generator's
    default 72 dpi the axes would be replayed at three quarters of their size, off the data."""
    from PySide6.QtSvg import QSvgGenerator

    source = exporter.getSourceRect()
    top = math.ceil(heading.size().height())
    width, height = max(1, round(source.width())), max(1, round(source.height())) + top
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setTitle("UC Design Advisor: link plot")
    generator.setResolution(QPicture().logicalDpiX())
    painter = QPainter(generator)
    try:
        painter.fillRect(QRectF(0, 0, width, height), exporter.params["background"])
        heading.drawContents(painter)
        exporter.setExportMode(True, {"antialias": True, "background": exporter.params["background"],
                                      "painter": painter, "resolutionScale": 1.0})
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        exporter.getScene().render(painter, QRectF(0, top, width, height - top), source)
    finally:
        exporter.setExportMode(False)
        painter.end()
    return bytes(buffer.data())


def plot_paths(path: Path) -> list[Path]:
    """'links.png' -> links-utilization.png and links-erlang-b.png."""
    return [path.with_name(f"{path.stem}-{suffix}{path.suffix}") for _a, suffix, _t in PLOTS]


def export_plots(win, path: str | Path | None = None) -> list[str]:
    """Both link plots as PNG or SVG (by the extension): FILE-utilization.EXT and FILE-erlang-b.EXT."""
    title = "Export plots"
    settle = getattr(win, "commit_pending_analysed", None)
    if settle is not None:  # a figure typed in the Inspector and not confirmed is in the plots, as in the PDF
        settle()
    if save_dialogs.refuse_stale(win, title, win.document):
        return []  # the analysis of the design as it is failed: the plots would show another design's figures
    if path is None:
        folder, stem = save_dialogs.folder_and_stem(win.document)
        path = save_dialogs.ask_save(win, title, folder / f"{stem}-plots.png", (PNG_FILTER, SVG_FILTER))
        if path is None:
            return []
    given, path = str(path), Path(path)
    if path.name in ("", ".."):  # "/", "", "." or "..": a folder, no name to make the plots' names from
        shown = f"{short(given, 200)}: is a folder" if given else "No file name was given"
        save_dialogs.show_error(win, f"{title}: not written",
                                f"{shown}; choose a file name such as plots.png (the two plots are written beside "
                                "it as plots-utilization.png and plots-erlang-b.png)")
        return []
    kind = "svg" if path.suffix.lower() == ".svg" else "png"
    if path.suffix.lower() not in (".png", ".svg"):
        path = path.with_name(path.name + ".png")
    dock = win.docks["plots"]
    dock.show()
    dock.raise_()  # the plots are drawn at the size the user sees them
    QApplication.processEvents()  # ... once the raised tab has its size
    panel = win.plots
    panel.ensure_built()
    panel.refresh()
    for _ in range(SETTLE_TURNS):  # plots built or redrawn just now take their size, then their axes their room
        QApplication.processEvents()
    written = []
    for (attribute, _suffix, heading), target in zip(PLOTS, plot_paths(path), strict=True):
        done = save_dialogs.write_file(win, title, target,
                                       lambda p, a=attribute, h=heading: write_atomic(p, plot_bytes(panel, a, h, kind)))
        if done is None:
            return written
        written.append(done)
    win.statusBar().showMessage("Wrote " + " and ".join(Path(p).name for p in written), 6000)
    return written
