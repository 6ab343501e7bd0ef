"""Re-analyse the design after each edit: at once, before the window repaints; inline when analysis is quick,
else on a worker thread, one analysis at a time.

Results are derived, never undone: the runner only ever calls ``document.set_results``; stale results are dropped.
"""

from __future__ import annotations

import logging
import statistics
import threading
import time
import traceback
from collections import deque

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from advisor import ahead, demand_shared, routing_compiled
from advisor import progress as core_progress
from advisor.analysis import AnalysisError, analyse
from advisor.model import Design
from advisor.ui.worker_signals import tell

log = logging.getLogger(__name__)

# An edit is analysed once the slots of its own turn of the event loop have run (the edits of one turn coalesce),
# through a posted call: posted events run before the window's repaint, so the edit and its results are painted
# once, together. An analysis that takes at most this long runs there, on the UI thread, whatever the design's size
# (1,000 sites: ~20 ms). On the worker the same analysis takes half as long again: it shares the GIL with the
# repaint of the edit, and the UI thread gets no Python time back while it runs. Up to this long, inline refreshes
# sooner and stutters no more.
IMMEDIATE_MS = 40.0
# Slower ones go to the worker, one at a time: edits made while it runs wait for it, then the latest design alone
# is analysed (never a queue of stale ones, and no debounce delaying the first). Before the first timing, designs
# larger than THREAD_SITES sites with a link each go to the worker: the size is sites + links (`size`), since the
# links cost as much as the sites (300 sites joined by 45,000 links took 2.6 s inline, the window frozen meanwhile).
THREAD_SITES = 300
THREAD_SIZE = 2 * THREAD_SITES
# "How long does analysis take" is the median of the last few, of designs of about this one's size (within a
# factor of SIZE_RATIO in sites + links): one analysis slowed by a garbage collection or a busy machine must not
# send the next edit to the worker, and a small design's timings say nothing about a big one opened.
TIMINGS_KEPT = 5
SIZE_RATIO = 2.0



def own_time() -> float:
    """This thread's processor time, plus the time it spent in the compiled routing loops (their work runs on
    numba's threads while this one waits): an analysis's cost, whichever thread ran it and whatever else ran."""
    return time.thread_time() + routing_compiled.waited()


def size(design: Design) -> int:
    """What an analysis's time grows with: sites + links (at least 1)."""
    return max(1, len(design.sites) + len(design.links))


def failure_text(exc: Exception) -> str:
    """Why an analysis failed, for the status bar: the words of a failure the user can act on (a design the sizing
    cannot price, a broken limit table in the ADVISOR_TABLES_DIR folder) as they are; a bug with its kind."""
    from advisor.tables import TableError

    if isinstance(exc, (AnalysisError, TableError)):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"

class _JobSignals(QObject):
    done = Signal(int, object, float, float)  # generation, Results, seconds, seconds of this thread's processor time
    failed = Signal(int, str)
    stopped = Signal(int)  # generation: the analysis was stopped because its design is no longer the latest
    progress = Signal(str, int, int)  # what, done, total: from the core's long loops (`advisor.progress`)


class _Stopped(Exception):
    """Raised through the analysis from its progress reports once its design is stale (or the window closes)."""


class _Job(QRunnable):
    def __init__(self, generation: int, design: Design):
        super().__init__()
        # Deleted by the pool once it has run (its Python object, with the signals, stays while the runner keeps it):
        # a job the pool does not delete, PySide keeps for good, with its design: one per analysis on the worker
        self.setAutoDelete(True)
        self.generation = generation
        self.design = design
        self.signals = _JobSignals()  # lives in the UI thread: its signals arrive there, queued
        self.stop = threading.Event()  # set from the UI thread: stop at the next progress report

    def _report(self, what: str, done: int, total: int) -> None:
        """The core's progress (a large meshed WAN: a minute or more), queued to the UI thread; the place where a
        stale analysis stops instead of running to its end while the latest design waits."""
        if self.stop.is_set() or not tell(self.signals, "progress", what, done, total):  # (False: the app has ended)
            raise _Stopped

    def run(self) -> None:
        start, cpu = time.perf_counter(), own_time()
        try:
            with core_progress.reporting(self._report):
                results = analyse(self.design)
        except _Stopped:
            tell(self.signals, "stopped", self.generation)
            return
        except Exception as exc:  # a rule bug must not kill the app; the runner reports it
            log.exception("analysis failed")
            tell(self.signals, "failed", self.generation, failure_text(exc))
            return
        tell(self.signals, "done", self.generation, results, time.perf_counter() - start, own_time() - cpu)


class AnalysisRunner(QObject):
    """Listens to ``document.designChanged``; analyses the latest design and sets the results."""

    finished = Signal(float)  # latency in ms from the edit to the results
    failed = Signal(str)  # a message for the status bar
    working = Signal(bool)  # True: an analysis runs on the worker; False: it has ended (done, failed or stale)
    progress = Signal(str, int, int)  # what, done, total: the running analysis's long loops

    def __init__(self, document, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self._generation = 0
        self._edit_time: float | None = None
        self._jobs: dict[int, _Job] = {}  # the worker's job, until its result arrives (one at a time)
        self.last_latency_ms: float | None = None
        self.last_analysis_ms: float | None = None
        self.last_error: str | None = None
        self._timings: deque[tuple[int, float]] = deque(maxlen=TIMINGS_KEPT)  # (size, ms) of the latest analyses
        self._posted = False  # an analysis is posted for this turn of the event loop
        # the generation whose analysis has ended (results set, or failed): a worker's stale job ending after
        # `run_now` analysed the latest design has no analysis of it to post again
        self._ended = 0
        self._closed = False  # shut down: nothing more is analysed
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        # an analysis that would have been quicker with numpy (Erlang B over many links) or the compiled routing
        # loops (a meshed WAN) loads them on a thread, and the next edits use them: a 1,000-site chain ~75 ms of
        # Erlang B per edit -> a few; a 1,000-site random mesh ~0.3 s per edit -> tens of ms
        ahead.allow()
        # an edit of a policy routing never reads (codec, VPN technology, cipher …) keeps the drawing's routing: on
        # a 3,000-site random mesh 1.6 s of a 1.9 s analysis (`advisor.demand_shared`)
        demand_shared.follow_edits()
        document.designChanged.connect(self._on_design_changed)

    def _on_design_changed(self, _old=None, _new=None) -> None:
        if self._edit_time is None:
            self._edit_time = time.perf_counter()
        self._generation += 1  # any result computed before this edit is now stale
        self._stop_running()
        self._schedule()

    def _stop_running(self) -> None:
        """Ask the worker's analysis to stop: its design is stale. Only a long one (a large meshed WAN) reports
        progress and so stops early; a quick one ends first and its results are dropped."""
        for job in self._jobs.values():
            job.stop.set()

    def _schedule(self) -> None:
        """Post one analysis of the latest design, unless one is posted or the worker is busy (it posts when done)."""
        if not self._posted and not self._jobs and not self._closed:
            self._posted = True
            QTimer.singleShot(0, self, self._run_posted)

    def _run_posted(self) -> None:
        if self._posted:  # not cancelled by run_now() or shutdown() meanwhile
            self._posted = False
            self._start()

    def expected_ms(self, design: Design | None = None) -> float | None:
        """How long analysing ``design`` (the document's) takes: the median of the latest timings of designs of
        about its size; None before any."""
        n_design = size(design or self.document.design)
        alike = [ms for n, ms in self._timings if max(n, n_design) <= SIZE_RATIO * min(n, n_design)]
        return statistics.median(alike) if alike else None

    def inline(self, design: Design | None = None) -> bool:
        """Whether ``design`` (the document's) is analysed on the UI thread: a quick analysis (timed), or a small
        design before any timing."""
        design = design or self.document.design
        expected = self.expected_ms(design)
        return expected <= IMMEDIATE_MS if expected is not None else size(design) <= THREAD_SIZE

    def run_now(self) -> None:
        """Analyse synchronously now (start-up, tests, benchmarks)."""
        self._posted = False
        self._generation += 1
        self._edit_time = self._edit_time or time.perf_counter()
        self._run_inline(self._generation, self.document.design)

    def pending(self) -> bool:
        return self._posted or bool(self._jobs)

    def _start(self) -> None:
        design = self.document.design
        generation = self._generation
        if self.inline(design):
            self._run_inline(generation, design)
            return
        job = _Job(generation, design)
        job.signals.done.connect(self._on_done)
        job.signals.failed.connect(self._on_failed)
        job.signals.stopped.connect(self._finished)
        job.signals.progress.connect(self.progress)
        self._jobs[generation] = job
        self.working.emit(True)
        self.pool.start(job)

    def _run_inline(self, generation: int, design: Design) -> None:
        start, cpu = time.perf_counter(), own_time()
        try:
            results = analyse(design)
        except Exception as exc:
            log.error("analysis failed:\n%s", traceback.format_exc())
            self._on_failed(generation, failure_text(exc))
            return
        self._on_done(generation, results, time.perf_counter() - start, own_time() - cpu)

    def _on_done(self, generation: int, results, seconds: float, cpu_seconds: float | None = None) -> None:
        if not self._finished(generation):
            return  # the design changed while this ran: the latest is analysed next
        self.last_analysis_ms = seconds * 1000
        # The generation is current: the document's design is the one analysed. What decides inline or worker next
        # is the analysis's own time (`own_time`), not the wall time: on the worker that also counts the waits for
        # the interpreter while the window repaints the edit (a 1,000-site design dual-homed to two data centres:
        # 56-60 ms on the worker for 32 ms of its own work, which inline takes in about that), so a design timed
        # there once stayed there.
        ms = self.last_analysis_ms if cpu_seconds is None else cpu_seconds * 1000
        self._timings.append((size(self.document.design), ms))
        self.last_error = None
        self.document.set_results(results)
        if self._edit_time is not None:
            self.last_latency_ms = (time.perf_counter() - self._edit_time) * 1000
            self._edit_time = None
            self.finished.emit(self.last_latency_ms)

    def _on_failed(self, generation: int, message: str) -> None:
        if not self._finished(generation):
            return
        self._edit_time = None
        self.last_error = message
        self.document.analysis_failed(message)
        self.failed.emit(f"Analysis failed: {message}")

    def _finished(self, generation: int) -> bool:
        """A job's end: True when its design is still the latest; else the latest is scheduled (unless `run_now`
        has analysed it meanwhile)."""
        if self._jobs.pop(generation, None) is not None:
            self.working.emit(False)
        if generation == self._generation:
            self._ended = generation
            return True
        if self._ended != self._generation:
            self._schedule()
        return False

    def shutdown(self) -> None:
        """Cancel a posted analysis and wait for a running worker (on close: no results into a dead window)."""
        self._closed = True
        self._posted = False
        self._generation += 1
        self._stop_running()
        self.pool.waitForDone(5000)
