"""The status bar's sign that the design is being analysed on the worker thread.

Nearly every analysis ends before anyone could read a message, so the sign appears only once one has run for
`SHOW_AFTER_MS`. A WAN with a large meshed part (one path search per site: a minute or more at 10,000 sites)
reports its progress, and the sign then says what is being worked out and how far it is.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

SHOW_AFTER_MS = 400
BUSY_TEXT = "Analysing the design…"


class AnalysisStatus(QWidget):
    """A label and a progress bar, shown while a slow analysis runs (`AnalysisRunner.working`)."""

    def __init__(self, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("analysis-status")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        self.label = QLabel(BUSY_TEXT)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(140)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self.setToolTip("The findings, the link table and the plots show the previous results until this analysis "
                        "ends; edits made meanwhile are analysed next")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOW_AFTER_MS)
        self._timer.timeout.connect(self.show)
        runner.working.connect(self._working)
        runner.progress.connect(self._progress)
        self.hide()

    def _working(self, on: bool) -> None:
        if on:
            self.label.setText(BUSY_TEXT)
            self.bar.setRange(0, 0)  # busy until a long loop says how far it is
            if not self.isVisible():
                self._timer.start()
        else:
            self._timer.stop()
            self.hide()

    def _progress(self, what: str, done: int, total: int) -> None:
        self.label.setText(what[:1].upper() + what[1:] + "…")
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, total))
        # the loops count different things (path searches, sites, clusters): the share says it for all of them
        self.bar.setToolTip(f"{done:,} of {total:,} steps done ({100 * done // max(total, 1)} %)")
