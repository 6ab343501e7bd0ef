"""Work the bid docks do off the UI thread: one job at a time, debounced, stale answers dropped.

A `Background` runs `work(progress)` in its own one-thread pool after a quiet spell; a newer request makes the
running one stale (its result is dropped, and it stops at its next progress report). Results arrive in the UI
thread through queued signals, as in ``advisor.ui.analysis_runner``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from advisor import progress as core_progress
from advisor.ui.worker_signals import tell

log = logging.getLogger(__name__)

Work = Callable[[Callable[[int, int], None]], object]  # work(progress) -> result; progress(done, total)


class Stale(Exception):
    """Raised inside a job from its progress callback once a newer request has made it useless."""


class _Signals(QObject):
    progress = Signal(int, int, int)  # generation, done, total
    done = Signal(int, object)  # generation, result
    failed = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, generation: int, work: Work, current: Callable[[], int]):
        super().__init__()
        # Deleted by the pool once run (kept otherwise by PySide for good, with its work). A job that ends before
        # the pool has taken it in (a few microseconds of work) PySide may still keep: a race of its own, which no
        # job of the docks, tens of milliseconds at the least, runs into.
        self.setAutoDelete(True)
        self.generation, self.work, self.current = generation, work, current
        self.signals = _Signals()

    def run(self) -> None:
        def progress(done: int, total: int) -> None:
            if self.current() != self.generation or not tell(self.signals, "progress", self.generation, done, total):
                raise Stale  # (tell False: the app has ended)

        def within(_what: str, _done: int, _total: int) -> None:
            """An analysis inside the work that reports its own progress (a large meshed WAN: a minute or more)
            stops there too once it is stale."""
            if self.current() != self.generation:
                raise Stale

        try:
            with core_progress.reporting(within):
                result = self.work(progress)
        except Stale:
            tell(self.signals, "failed", self.generation, "")
        except Exception as exc:  # a bug must not kill the app: the dock says what failed
            log.exception("background work failed")
            tell(self.signals, "failed", self.generation, f"{type(exc).__name__}: {exc}")
        else:
            tell(self.signals, "done", self.generation, result)


class Background(QObject):
    """Run the latest requested work in a worker thread, `debounce_ms` after the last request."""

    started = Signal()
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the result of the latest request
    failed = Signal(str)  # why the latest request failed

    def __init__(self, debounce_ms: int = 150, parent: QObject | None = None):
        super().__init__(parent)
        self._generation = 0
        self._work: Work | None = None
        self._jobs: dict[int, _Job] = {}
        self._timer = QTimer(self, singleShot=True)
        self._timer.setInterval(debounce_ms)  # not interval=: see tests/ui/test_qt_keywords.py
        self._timer.timeout.connect(self._start)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)

    def request(self, work: Work, now: bool = False) -> None:
        """Run `work` after the quiet spell (`now`: on the next turn of the event loop)."""
        self._generation += 1
        self._work = work
        self._timer.start(0 if now else self._timer.interval())

    def busy(self) -> bool:
        return self._timer.isActive() or bool(self._jobs)

    def cancel(self) -> None:
        """Forget the pending request; a running job stops at its next progress report."""
        self._timer.stop()
        self._generation += 1
        self._work = None

    def shutdown(self, wait_ms: int = 5000) -> None:
        self.cancel()
        self.pool.waitForDone(wait_ms)

    def _start(self) -> None:
        if self._work is None:
            return
        job = _Job(self._generation, self._work, lambda: self._generation)
        self._work = None
        job.signals.progress.connect(self._on_progress)
        job.signals.done.connect(self._on_done)
        job.signals.failed.connect(self._on_failed)
        self._jobs[job.generation] = job
        self.started.emit()
        self.pool.start(job)

    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self.progress.emit(done, total)

    def _on_done(self, generation: int, result: object) -> None:
        self._jobs.pop(generation, None)
        if generation == self._generation:
            self.finished.emit(result)

    def _on_failed(self, generation: int, message: str) -> None:
        self._jobs.pop(generation, None)
        if generation == self._generation and message:
            self.failed.emit(message)
