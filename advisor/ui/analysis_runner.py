"""Re-analyse the design after each edit: debounced, inline for small designs, on a worker thread for big ones.

Results are derived, never undone: the runner only ever calls ``document.set_results``; stale results are dropped.
"""

from __future__ import annotations

import logging
import time
import traceback

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from advisor.analysis import analyse
from advisor.model import Design

log = logging.getLogger(__name__)

DEBOUNCE_MS = 60  # the longest wait after an edit, for designs whose analysis is slow
# Adaptive debounce: when the last analysis took at most this long, an edit is analysed on the next turn of the
# event loop (edits of one turn still coalesce); slower analyses wait half their own time, at most DEBOUNCE_MS.
IMMEDIATE_MS = 25.0
# Such a quick analysis also stays on the UI thread, whatever the design's size (1,000 sites: ~20 ms, under two
# frames; the worker's hop and the GIL it shares with painting cost more). Slower ones go to the worker.
# Before the first timing, designs above this many sites go to the worker.
THREAD_SITES = 300


class _JobSignals(QObject):
    done = Signal(int, object, float)  # generation, Results, seconds
    failed = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, generation: int, design: Design):
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it until its result arrives
        self.generation = generation
        self.design = design
        self.signals = _JobSignals()  # lives in the UI thread: its signals arrive there, queued

    def run(self) -> None:
        start = time.perf_counter()
        try:
            results = analyse(self.design)
        except Exception as exc:  # a rule bug must not kill the app; the runner reports it
            log.exception("analysis failed")
            self.signals.failed.emit(self.generation, f"{type(exc).__name__}: {exc}")
            return
        self.signals.done.emit(self.generation, results, time.perf_counter() - start)


class AnalysisRunner(QObject):
    """Listens to ``document.designChanged``; after a quiet spell (`debounce_ms`), analyses and sets the results."""

    finished = Signal(float)  # latency in ms from the edit to the results
    failed = Signal(str)  # a message for the status bar

    def __init__(self, document, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self._generation = 0
        self._edit_time: float | None = None
        self._jobs: dict[int, _Job] = {}
        self.last_latency_ms: float | None = None
        self.last_analysis_ms: float | None = None
        self.last_error: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        document.designChanged.connect(self._on_design_changed)

    def _on_design_changed(self, _old=None, _new=None) -> None:
        if self._edit_time is None:
            self._edit_time = time.perf_counter()
        self._generation += 1  # any result computed before this edit is now stale
        self._timer.start(self.debounce_ms())

    def _inline(self, design: Design) -> bool:
        """Analyse on the UI thread: a quick analysis (timed), or a small design before any timing."""
        last = self.last_analysis_ms
        return last <= IMMEDIATE_MS if last is not None else len(design.sites) <= THREAD_SITES

    def debounce_ms(self) -> int:
        """How long to wait after an edit: 0 when analysis is quick, else half the last analysis (≤ DEBOUNCE_MS)."""
        last = self.last_analysis_ms
        if last is None:
            return DEBOUNCE_MS
        if last <= IMMEDIATE_MS:
            return 0
        return min(DEBOUNCE_MS, int(last / 2))

    def run_now(self) -> None:
        """Analyse synchronously now (start-up, tests, benchmarks)."""
        self._timer.stop()
        self._generation += 1
        self._edit_time = self._edit_time or time.perf_counter()
        self._run_inline(self._generation, self.document.design)

    def pending(self) -> bool:
        return self._timer.isActive() or bool(self._jobs)

    def _start(self) -> None:
        design = self.document.design
        generation = self._generation
        if not self._inline(design):
            job = _Job(generation, design)
            job.signals.done.connect(self._on_done)
            job.signals.failed.connect(self._on_failed)
            self._jobs[generation] = job
            self.pool.start(job)
        else:
            self._run_inline(generation, design)

    def _run_inline(self, generation: int, design: Design) -> None:
        start = time.perf_counter()
        try:
            results = analyse(design)
        except Exception as exc:
            log.error("analysis failed:\n%s", traceback.format_exc())
            self._on_failed(generation, f"{type(exc).__name__}: {exc}")
            return
        self._on_done(generation, results, time.perf_counter() - start)

    def _on_done(self, generation: int, results, seconds: float) -> None:
        self._jobs.pop(generation, None)
        if generation != self._generation:
            return  # the design changed while this ran; a newer analysis is queued
        self.last_analysis_ms = seconds * 1000
        self.last_error = None
        self.document.set_results(results)
        if self._edit_time is not None:
            self.last_latency_ms = (time.perf_counter() - self._edit_time) * 1000
            self._edit_time = None
            self.finished.emit(self.last_latency_ms)

    def _on_failed(self, generation: int, message: str) -> None:
        self._jobs.pop(generation, None)
        if generation != self._generation:
            return
        self._edit_time = None
        self.last_error = message
        self.failed.emit(f"Analysis failed: {message}")

    def shutdown(self) -> None:
        """Stop the debounce timer and wait for a running worker (on close: no results into a dead window)."""
        self._timer.stop()
        self._generation += 1
        self.pool.waitForDone(5000)
