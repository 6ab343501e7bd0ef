"""File → Export PDF: ask where, build the design document off the UI thread with a cancellable progress dialog,
write it atomically, and offer to open it.

The document is dated with the design's issued day, or today when it has none; the day travels in the design
inside the PDF (the open design itself is not changed, so exporting never marks it modified)."""

from __future__ import annotations

import contextlib
import datetime
import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QStandardPaths, QThreadPool, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from advisor.ui.rich_text import plain
from advisor.ui.worker_signals import tell

log = logging.getLogger(__name__)
ANALYSIS_SHARE = 0.2  # of the progress bar: the analysis (it reports only on a large meshed WAN), then the PDF


class Signals(QObject):
    """What an export's pool job tells the UI thread (queued): progress (percent, words), the file's bytes, why it
    failed, or that Cancel stopped it. Shared with File ▸ Export Tables (advisor.ui.bid.exports)."""

    progress = Signal(int, str)
    done = Signal(object)  # the size of the file written, in bytes
    failed = Signal(str)
    cancelled = Signal()


def progress_dialog(parent, title: str, text: str) -> QProgressDialog:
    """The progress dialog of an export: percent, words, Cancel; shown only when the work lasts (a quick export
    finishes before it would flash), kept open until the export ends it."""
    dialog = QProgressDialog(text, "Cancel", 0, 100, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(400)  # quick exports finish before a dialog would flash
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


class _Job(QRunnable):
    """Analyses the design snapshot and writes the PDF in a pool thread, straight into the temporary that replaces
    `path` once it is whole (never the whole file in memory); never touches widgets."""

    def __init__(self, design, path: Path):
        super().__init__()
        self.setAutoDelete(True)  # deleted by the pool once run (kept otherwise by PySide for good: `AnalysisRunner`)
        self.design, self.path = design, path
        self.stop = threading.Event()
        self.signals = Signals()

    def run(self) -> None:
        from advisor import progress as core_progress
        from advisor.analysis import analyse
        from advisor.io_stream import atomic_writer
        from advisor.report import Cancelled, write_pdf

        def analysing(what: str, done: int, total: int) -> None:
            """The analysis's long loops (a large meshed WAN): the first fifth of the bar, and Cancel stops them."""
            share = done / total if total else 1.0
            if self.stop.is_set() or not tell(self.signals, "progress", int(ANALYSIS_SHARE * share * 100),
                                              f"Analysing the design: {what} ({int(share * 100)} %)…"):
                raise Cancelled  # (tell False: the app has ended)

        def progress(fraction: float, message: str) -> bool:
            told = tell(self.signals, "progress", int((ANALYSIS_SHARE + (1 - ANALYSIS_SHARE) * fraction) * 100),
                        message)
            return told and not self.stop.is_set()  # (told False: the app has ended)

        try:
            with core_progress.reporting(analysing):
                results = analyse(self.design, checklist=True)
            with atomic_writer(self.path) as out:  # a cancel or a failure removes the temporary
                size = write_pdf(self.design, results, out, progress)
        except Cancelled:
            tell(self.signals, "cancelled")
        except OSError as exc:
            from advisor.io import short
            from advisor.io_errors import write_reason

            tell(self.signals, "failed",
                 f"{short(str(self.path), 200)} cannot be written: {write_reason(exc, self.path)}")
        except Exception as exc:  # noqa: BLE001 - shown to the user, the app keeps running
            from advisor.report import ReportError

            tell(self.signals, "failed", str(exc) if isinstance(exc, ReportError) else f"{type(exc).__name__}: {exc}")
        else:
            tell(self.signals, "done", (size, _boxes(self.design)))


def _boxes(design) -> str | None:
    """What the PDF prints as empty boxes for want of a font (`advisor.report.unprinted`), or None; never a failure
    of the export, which is written already."""
    from advisor.report.unprinted import warning

    try:
        said = warning(design)
    except Exception:  # noqa: BLE001 - a warning only: the document stands
        log.warning("the PDF's characters could not be checked for fonts", exc_info=True)
        return None
    if said is not None:
        log.warning("%s", said)
    return said


class PdfExport(QObject):
    """One export in flight: owns the job, the progress dialog and the target path."""

    finished = Signal(str)  # the path written, or "" when cancelled or failed

    def __init__(self, window, path: Path, ask_open: bool):
        super().__init__(window)
        self.window, self.path, self.ask_open = window, path, ask_open
        self.ended = False
        self.job = _Job(issued(window.document.design), path)
        self.dialog = progress_dialog(window, "Export PDF", "Writing the design document…")
        self.dialog.canceled.connect(self.job.stop.set)
        s = self.job.signals
        s.progress.connect(self._progress)
        s.done.connect(self._done)
        s.failed.connect(self._failed)
        s.cancelled.connect(lambda: self._end("", "PDF export cancelled"))

    def start(self) -> None:
        QThreadPool.globalInstance().start(self.job)

    def _progress(self, percent: int, message: str) -> None:
        if not self.dialog.wasCanceled():
            self.dialog.setValue(percent)
            self.dialog.setLabelText(message)

    def _done(self, done: tuple[int, str | None]) -> None:
        if self.ended:
            return
        from advisor.ui.settings import shown

        size, boxes = done
        wrote = f"Wrote {shown(self.path.name)} ({size / 1024:,.0f} KB)"
        self._end(str(self.path), wrote + ("; some characters print as empty boxes (no font for them)" if boxes
                                           else ""))
        saved = f"The design document was saved as\n{shown(self.path)}\n\n"
        if boxes:  # said with the question, which every export from the menu asks
            saved += f"{boxes[:1].upper()}{boxes[1:]}.\n\n"
        ask = QMessageBox.warning if boxes else QMessageBox.question
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        if self.ask_open and ask(self.window, "Export PDF", plain(saved + "Open it now?"), yes | no, yes) == yes:
            from advisor.ui.files import file_url

            if not QDesktopServices.openUrl(file_url(self.path)):  # no viewer, no xdg-open: nothing would happen
                self.window.statusBar().showMessage(
                    f"No program to open PDF documents was found; the document is {shown(self.path)}", 15_000)

    def _failed(self, message: str) -> None:
        if self.ended:
            return
        self._end("", "PDF export failed")
        QMessageBox.warning(self.window, "Export PDF", plain(f"The PDF could not be written.\n\n{message}"))

    def _end(self, path: str, status: str) -> None:
        if self.ended:
            return  # stopped as the window closed (`stop_all`): the job's own end finds it over
        self.ended = True
        with contextlib.suppress(ValueError):
            getattr(self.window, "_pdf_exports", []).remove(self)
        self.dialog.reset()
        self.dialog.hide()
        bar = self.window.statusBar() if hasattr(self.window, "statusBar") else None
        if bar is not None:
            bar.showMessage(status, 8000)
        self.finished.emit(path)
        self.deleteLater()


def issued(design, today: datetime.date | None = None):
    """The design as exported: with its own issued day, else today's."""
    if design.issued is not None:
        return design
    return design.model_copy(update={"issued": today or datetime.date.today()})


def export_pdf(window, path: str | Path | None = None, *, ask_open: bool = True) -> PdfExport | None:
    """Start exporting the window's design; returns the running export, or None when the user cancels the dialog."""
    from advisor.ui.file_stems import path_stem, safe_stem

    commit = getattr(window, "commit_pending_edit", None)
    if commit is not None:
        commit()  # a figure typed in the Inspector and not confirmed is in the document the PDF shows
    if path is None:
        design = window.document.design
        current = window.document.path
        folder = Path(current).parent if current else Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or ".")
        stem = path_stem(current) if current else safe_stem(design.name)
        chosen, _ = QFileDialog.getSaveFileName(window, "Export PDF", str(folder / f"{stem}.pdf"),
                                                "PDF documents (*.pdf)")
        if not chosen:
            return None
        path = chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf"
    export = PdfExport(window, Path(path), ask_open)
    window._pdf_export = export  # keep it alive while the pool thread runs
    if getattr(window, "_pdf_exports", None) is None:
        window._pdf_exports = []
    window._pdf_exports.append(export)  # until it ends: closing the window asks about it (`may_close`)
    export.start()
    return export


def may_close(window) -> bool:
    """Whether the window may close with PDF exports still being written: asked, since the application quits with
    the window and the exports end with it, unwritten (a Quit pressed right after Export PDF left no file, and no
    word that none was written). True when none runs or the user lets them go; `stop_all` then stops them."""
    running = list(getattr(window, "_pdf_exports", None) or ())
    if not running:
        return True
    from advisor.ui.settings import shown

    names = ", ".join(f"“{shown(export.path.name)}”" for export in running[:3]) + (" …" if len(running) > 3 else "")
    what = f"The design document {names} is" if len(running) == 1 else f"The design documents {names} are"
    return QMessageBox.question(
        window, "Export PDF", plain(f"{what} still being written.\n\nClose now and leave "
                                    f"{'it' if len(running) == 1 else 'them'} unwritten?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
    ) == QMessageBox.StandardButton.Yes


def stop_all(window) -> None:
    """Stop the window's PDF exports (it closes): nothing more is written, and no dialog opens on a closed window."""
    for export in list(getattr(window, "_pdf_exports", None) or ()):
        export.job.stop.set()
        export._end("", "PDF export cancelled")
