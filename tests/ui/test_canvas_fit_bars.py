"""A fitted canvas has no scroll bars, so a fit can never show a bar whose viewport resize asks for another fit
(at some sizes a 1,000-site design froze the app that way); zooming brings the bars back as needed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402

OFF, AS_NEEDED = Qt.ScrollBarPolicy.ScrollBarAlwaysOff, Qt.ScrollBarPolicy.ScrollBarAsNeeded


def _view(qtbot, document):
    from advisor.ui.canvas.view import CanvasView

    document.reset(generate(1000, "mpls"))
    view = CanvasView(document)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_fitted_view_settles_at_every_width(qtbot, document):
    view = _view(qtbot, document)
    view.fit_all()
    resizes = [0]
    original = type(view).resizeEvent

    def counting(self, event):
        resizes[0] += 1
        original(self, event)

    type(view).resizeEvent = counting
    try:
        for width in range(340, 400, 2):  # the widths where the bars used to flip for ever
            view.resize(width, 494)
            resizes[0] = 0
            start = time.monotonic()
            while time.monotonic() - start < 0.05:
                QCoreApplication.processEvents()
            assert resizes[0] <= 3, f"width {width}: {resizes[0]} resizes while idle"
            assert view.verticalScrollBarPolicy() == OFF and view.horizontalScrollBarPolicy() == OFF
    finally:
        type(view).resizeEvent = original


def test_zooming_ends_the_fit_and_brings_the_bars_back(qtbot, document):
    view = _view(qtbot, document)
    view.fit_all()
    assert view.auto_fit and view.verticalScrollBarPolicy() == OFF
    view.zoom_in()
    assert not view.auto_fit
    assert view.verticalScrollBarPolicy() == AS_NEEDED and view.horizontalScrollBarPolicy() == AS_NEEDED
    assert view.verticalScrollBar().isVisible()  # zoomed into a 1,000-site drawing: there is somewhere to scroll
