"""Export Tables off the UI thread: what the tables are made of, taken in the UI thread (`snapshot`), the
tables and the file's bytes made from it without Qt (`table_bytes`), and the export in flight (`TablesExport`): the
job in a pool thread behind the PDF export's progress dialog, whose Cancel stops it at its next progress report,
the file written atomically when the bytes arrive. A 10,000-site workbook takes some 10 s: made on the UI thread, it
froze the window for all of them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal

from advisor import bom, bom_shared, tabular
from advisor.io import short, write_atomic
from advisor.model import Design
from advisor.results import Results
from advisor.sheets import all_sheets
from advisor.ui.bid import save_dialogs
from advisor.ui.export import Signals, progress_dialog
from advisor.ui.worker_signals import tell

log = logging.getLogger(__name__)

TABLES = ("Link sizing", "Sites", "Findings", "Bill of materials", "Options compared")


@dataclass(frozen=True)
class Snapshot:
    """What the tables are made of, taken in the UI thread; None where the worker must work it out itself."""

    design: Design
    results: Results | None  # None: analyse the design (no results yet, or an edit not yet analysed)
    items: list[bom.BomItem] | None  # None: build the bill of materials (the dock's lines are stale)
    options: bom.BomOptions
    outcomes: list | None  # None: compare the options (the Scenarios dock's comparison is stale)


def snapshot(win) -> Snapshot:
    """The window's design and what its docks have already worked out for it (nothing is computed here)."""
    document = win.document
    design = document.design
    results = None if document.results is None or win.analysis.pending() else document.results
    bom_panel, compared = win.bid.bom, win.bid.scenarios
    fresh_bom = results is not None and bom_panel.design is design and not bom_panel._dirty
    return Snapshot(design, results, list(bom_panel.items) if fresh_bom else None, bom_panel.options(),
                    list(compared.outcomes or []) if compared.up_to_date() else None)


class Cancelled(Exception):
    """Raised in the export's worker, from its progress reports, once Cancel was pressed."""


def table_bytes(snap: Snapshot, table: str | None,
                progress: Callable[[int, str], None] = lambda _percent, _words: None) -> bytes:
    """The workbook's bytes (`table` None) or the CSV file's of the table named `table`, made from `snap`; no Qt,
    for the export's worker thread.

    `progress(percent, words)` along the way; an exception it raises (Cancelled) stops the work, also inside an
    analysis's long loops. A CSV file of one table makes the comparison and the bill of materials only when it is
    that table."""
    from advisor import progress as core_progress
    from advisor import scenarios
    from advisor.analysis import analyse

    design = snap.design
    wanted = table or TABLES[0]
    compare = snap.outcomes is None and (table is None or wanted == "Options compared")
    good = scenarios.applicable(design)[0] if compare else []
    # Each step's share of the bar: about its seconds at 10,000 sites (an analysis 3-4 s, the workbook 7 s)
    shares = {"analysis": 4.0 if snap.results is None else 0.0, "comparison": 4.0 * len(good),
              "writing": 7.0 if table is None else 0.5}
    total = sum(shares.values())
    now = {"step": "analysis", "percent": 0, "words": "Analysing the design…"}

    def report(step: str, fraction: float, words: str) -> None:
        names = list(shares)
        before = sum(shares[name] for name in names[:names.index(step)])
        percent = min(100, int(100 * (before + shares[step] * min(1.0, fraction)) / total))
        now.update(step=step, percent=percent, words=words)
        progress(percent, words)

    def analysing(what: str, done: int, steps: int) -> None:
        """An analysis's long loops (a large meshed WAN) report here, so Cancel stops them too. The bar moves for
        the design's own analysis; in the comparison it moves once per option analysed."""
        if now["step"] == "analysis":
            report("analysis", done / steps if steps else 1.0, f"Analysing the design: {what}…")
        else:
            progress(now["percent"], now["words"])

    with core_progress.reporting(analysing):
        results = snap.results
        if results is None:
            report("analysis", 0.0, "Analysing the design…")
            results = analyse(design)
        outcomes = snap.outcomes
        if compare:
            n = len(good) + 1
            report("comparison", 0.0, f"Comparing the options: 0 of {n:,} analysed…")
            outcomes = scenarios.compare(  # the design itself is analysed already
                design, good, lambda variant: results if variant is design else analyse(variant),
                bom=bom_shared.for_comparison(),
                progress=lambda done, n: report("comparison", (done - 1) / max(1, n - 1),
                                                f"Comparing the options: {done:,} of {n:,} analysed…"))
    items = snap.items
    if items is None and (table is None or wanted == "Bill of materials"):
        items = []
        if len(results.sites) == len(design.sites):  # as the Bill of materials dock makes its lines
            try:
                items = bom.build(design, results, snap.options)
            except Exception:  # a rule bug: the dock says so; the tables go without its lines, as there
                log.exception("bill of materials failed")
    sheets = all_sheets(design, results, items or [], snap.options, outcomes)  # outcomes None: not wanted
    if table is not None:
        report("writing", 0.0, f"Writing the table {wanted}…")
        chosen = [s for s in sheets if s.name == wanted][:1] or sheets[:1]
        return tabular.csv_bytes(chosen[0])
    report("writing", 0.0, "Writing the workbook…")
    return tabular.xlsx_bytes(sheets, lambda done, rows: report(
        "writing", done / rows if rows else 1.0, f"Writing the workbook: {done:,} of {rows:,} rows…"))


class _TablesJob(QRunnable):
    """Makes the tables from a snapshot and builds the file's bytes in a pool thread; never touches widgets."""

    def __init__(self, snap: Snapshot, table: str | None):
        super().__init__()
        self.setAutoDelete(True)  # deleted by the pool once run (kept otherwise by PySide for good, with its tables)
        self.snap, self.table = snap, table
        self.stop = threading.Event()
        self.signals = Signals()

    def run(self) -> None:
        def progress(percent: int, words: str) -> None:
            if self.stop.is_set() or not tell(self.signals, "progress", percent, words):
                raise Cancelled  # (tell False: the app has ended)

        try:
            data = table_bytes(self.snap, self.table, progress)
            if self.stop.is_set():
                raise Cancelled
        except Cancelled:
            tell(self.signals, "cancelled")
        except Exception as exc:  # a bug: shown to the user, the app keeps running
            log.exception("making the tables failed")
            tell(self.signals, "failed", f"{type(exc).__name__}: {exc}")
        else:
            tell(self.signals, "done", data)


class TablesExport(QObject):
    """One Export Tables in flight, run as File ▸ Export PDF runs (advisor.ui.export): the job in a pool thread, a
    progress dialog whose Cancel stops it, the file written when the bytes arrive. `run()` turns the event loop
    until the export ends (the window goes on drawing; the dialog is window-modal) and returns its result."""

    finished = Signal(str)  # the path written, or "" when cancelled or failed

    def __init__(self, win, title: str, path: Path, snap: Snapshot, table: str | None):
        super().__init__(win)
        self.win, self.title, self.path = win, title, path
        self.result: str | None = None
        self.ended = False
        self.job = _TablesJob(snap, table)
        self.dialog = progress_dialog(win, title, "Making the tables…" if table is None else
                                      f"Making the table {table}…")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)  # the window is not edited meanwhile
        self.dialog.canceled.connect(self.job.stop.set)
        self.loop = QEventLoop(self)
        s = self.job.signals
        s.progress.connect(self._progress)
        s.done.connect(self._done)
        s.failed.connect(self._failed)
        s.cancelled.connect(self._cancelled)

    def run(self) -> str | None:
        self.win._tables_job = self.job  # kept past this export: its pool thread may still be leaving run()
        QThreadPool.globalInstance().start(self.job)
        if not self.ended:
            self.loop.exec()
        if not self.ended:  # the loop was left from outside (the application quits): the job stops, nothing written
            self.job.stop.set()
            self._end(None, "")
        self.dialog.deleteLater()  # here, out of the loop: a later signal of the job finds the export ended
        self.deleteLater()
        return self.result

    def _progress(self, percent: int, words: str) -> None:
        if self.dialog.wasCanceled():  # cancelled another way than by its button (its cancel() slot, say)
            self.job.stop.set()
        elif not self.ended:
            self.dialog.setValue(percent)
            self.dialog.setLabelText(words)

    def _done(self, data: bytes) -> None:
        if self.ended:
            return
        if self.dialog.wasCanceled():  # Cancel pressed as the last bytes were made: nothing is written
            self._cancelled()
            return
        self.dialog.reset()
        self.dialog.hide()
        written = save_dialogs.write_file(self.win, self.title, self.path, lambda p: write_atomic(p, data))
        self._end(written, "")  # write_file showed "Wrote …" or the reason

    def _failed(self, message: str) -> None:
        if self.ended:
            return
        self._end(None, f"{self.title} failed")
        save_dialogs.show_error(self.win, f"{self.title}: not written",
                                f"{short(str(self.path), 200)}: the tables could not be made: {message}")

    def _cancelled(self) -> None:
        if not self.ended:
            self._end(None, f"{self.title} cancelled: nothing was written")

    def _end(self, result: str | None, status: str) -> None:
        self.ended, self.result = True, result
        self.dialog.reset()
        self.dialog.hide()
        if status and hasattr(self.win, "statusBar"):
            self.win.statusBar().showMessage(status, 8000)
        self.finished.emit(result or "")
        self.loop.quit()
