"""The main window's status bar: one line for every message, and the WAN load and finding counts on its right."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar


class OneLineStatusBar(QStatusBar):
    """The window's status bar: every message on its one line (`rich_text.status_text`), whoever writes it: a file
    named with a line break showed "Wrote ok" over "name.pdf", cut in half by the bar."""

    def showMessage(self, message: str, timeout: int = 0) -> None:  # noqa: N802 - Qt's name
        # imported here, not above: the first paint waits for nothing it does not show
        from advisor.ui.rich_text import status_text

        super().showMessage(status_text(message), timeout)


def build_status_bar(win) -> None:
    """Give the window `win` its status bar and the labels `update_status` fills."""
    bar = OneLineStatusBar(win)
    win.setStatusBar(bar)
    win.status_kbps = QLabel(objectName="status-kbps")
    win.status_kbps.setToolTip("Total WAN load: voice, signalling and intra-cluster traffic summed over the links, "
                               "per direction")
    win.status_errors = QLabel(objectName="status-errors")
    win.status_errors.setToolTip("Error-severity findings (see the Findings dock)")
    win.status_warnings = QLabel(objectName="status-warnings")
    win.status_warnings.setToolTip("Warning-severity findings (see the Findings dock)")
    from advisor.ui.analysis_status import AnalysisStatus

    win.analysis_status = AnalysisStatus(win.analysis)
    bar.addPermanentWidget(win.analysis_status)
    # Until an analysis succeeds again, the figures beside it are of the design before the edit whose analysis
    # failed: said for as long as it holds (the failure's own message leaves the bar after 10 s)
    win.status_stale = QLabel(STALE, objectName="status-stale")
    win.status_stale.hide()
    for label in (win.status_stale, win.status_kbps, win.status_errors, win.status_warnings):
        label.setContentsMargins(8, 0, 8, 0)
        bar.addPermanentWidget(label)
    win.document.analysisFailed.connect(lambda why: _stale(win, why))


STALE = "Analysis failed: the figures are of the design before the last edit"


def _stale(win, why: str) -> None:
    from advisor.ui.appearance import tone

    win.status_stale.setToolTip(f"The analysis of the design as it is now failed: {why.rstrip('.')}. The findings, "
                                "link figures and totals shown are those of the design before the edit; correct the "
                                "design or undo the last edit, and the next analysis that succeeds replaces them.")
    win.status_stale.setStyleSheet(f"color: {tone('error')}; font-weight: bold;")
    win.status_stale.setVisible(win.document.results is not None)  # with nothing shown, nothing is stale


def update_status(win, results) -> None:
    """The labels of the window `win` for `results` (None: not analysed yet)."""
    if hasattr(win, "status_stale") and (results is None or win.document.results_current):
        win.status_stale.hide()  # new results, or none: what is shown is no longer another design's
    if results is None:
        win.status_kbps.setText("WAN load: —")
        win.status_errors.setText("")
        win.status_warnings.setText("")
        return
    from advisor import numbers  # not before the first paint: the window's frame shows no figure
    from advisor.ui.appearance import tone

    win.status_kbps.setText(f"WAN load: {numbers.kbps(results.total_wan_kbps)}")
    errors, warnings = results.errors, results.warnings
    win.status_errors.setText(numbers.counted(errors, "error"))  # "1,042 errors"
    # No style at all when there are none: a palette() colour in a style sheet is frozen at the theme it was
    # set under and would stay dark after a switch to the dark theme.
    win.status_errors.setStyleSheet(f"color: {tone('error')}; font-weight: bold;" if errors else "")
    win.status_warnings.setText(numbers.counted(warnings, "warning"))
    win.status_warnings.setStyleSheet(f"color: {tone('warning')};" if warnings else "")  # the theme's (set_theme)


def status_bar_of(widget) -> QStatusBar | None:
    """The main window's status bar for a widget in one of its docks, also when that dock floats: a floating dock is
    a window of its own (`widget.window()` is the dock, which has no status bar), whose parent is the main window.
    None outside a main window."""
    while widget is not None:
        top = widget.window()
        bar = getattr(top, "statusBar", None)
        if bar is not None:
            return bar()
        widget = top.parentWidget()
    return None
