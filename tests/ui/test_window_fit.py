"""The window on its screen: it fits a 1366×768 laptop on the first launch and after a restored layout, and a
design opens fitted on every launch (not as a speck in the middle of the canvas from the second launch on)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMargins, QRect, QRectF, QSize

from advisor.ui import screen_fit

sys.path.insert(0, str(Path(__file__).parent))  # --import-mode=importlib: share the event helpers explicitly
from test_canvas_support import shown_view, wheel  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

# One launch of the real start-up (advisor.ui.app.run) under a given screen; after the window has settled it
# prints what a user would see, then closes the window (which saves the layout, as a user's close does) and quits.
PROBE = """
import json, sys
from PySide6.QtCore import QRectF, QTimer
from PySide6.QtWidgets import QApplication
from advisor.ui import app

qapp = QApplication(sys.argv[:1])

def report():
    win = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow")
    view = win.canvas
    drawing = view.mapFromScene(view.scene().drawing_rect()).boundingRect()
    viewport = view.viewport().rect()
    frame, available = win.frameGeometry(), win.screen().availableGeometry()
    table = win.links.table
    print(json.dumps({
        "frame": frame.getRect(), "available": available.getRect(),
        "drawing": drawing.getRect(), "viewport": viewport.getRect(),
        "link_rows": table.viewport().height() // table.verticalHeader().defaultSectionSize(),
        "inspector_height": win.docks["inspector"].height(),
    }))
    win.close()
    qapp.quit()

QTimer.singleShot(2500, report)
sys.exit(app.run(None))
"""


def _launch(tmp_path: Path, screen: tuple[int, int]) -> tuple[dict, str]:
    config = tmp_path / f"screen-{screen[0]}x{screen[1]}.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": screen[0],
                                               "height": screen[1], "logicalDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    env.pop("ADVISOR_QUIT_WHEN_SHOWN", None)
    proc = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1]), proc.stderr


def _inside(inner, outer) -> bool:
    return QRect(*outer).contains(QRect(*inner))


@pytest.mark.parametrize("screen", [(1366, 768), (1920, 1080)])
def test_every_launch_fits_the_screen_and_opens_the_design_fitted(tmp_path, screen):
    """Two launches sharing their settings, as a user's first and second day."""
    for launch in ("first", "second"):
        seen, stderr = _launch(tmp_path, screen)
        assert seen["available"] == [0, 0, *screen]
        assert _inside(seen["frame"], seen["available"]), (launch, seen)
        # Fitted: the whole drawing is in view and fills it along one side (less the fit's margins).
        assert _inside(seen["drawing"], seen["viewport"]), (launch, seen)
        filled = max(seen["drawing"][2] / seen["viewport"][2], seen["drawing"][3] / seen["viewport"][3])
        assert filled > 0.6, (launch, seen)
        # The bottom tabs: a link table of more than a couple of rows; the inspector keeps a usable height.
        assert seen["link_rows"] >= 6, (launch, seen)
        assert seen["inspector_height"] >= 380, (launch, seen)
        # The window sets its own minimum size once: no size-hint warnings from the headless platform.
        assert "propagateSizeHints" not in stderr and "Traceback" not in stderr, stderr


def test_fit_into_shrinks_and_moves_a_window_onto_a_laptop_screen():
    laptop = QRect(0, 0, 1366, 768)
    frame = QMargins(8, 34, 8, 8)
    # 1400 × 900 asked: 1366 − 16 = 1350 wide, 768 − 42 = 726 high, its frame's top-left at the screen's.
    assert screen_fit.fit_into(screen_fit.centered(QSize(1400, 900), laptop), laptop, frame) == \
        QRect(8, 34, 1350, 726)
    # Saved on a 1920 × 1080 screen at (400, 150), 1200 × 800: 1200 wide fits but ends at 1600, so it moves left
    # to 1366 − 8 − 1200 = 158; 800 high does not fit, so 726 high from the top.
    assert screen_fit.fit_into(QRect(400, 150, 1200, 800), laptop, frame) == QRect(158, 34, 1200, 726)
    # Saved on a second monitor to the right that has gone away: brought back, size kept.
    assert screen_fit.fit_into(QRect(2200, 100, 800, 600), laptop, frame) == QRect(1366 - 8 - 800, 100, 800, 600)
    assert screen_fit.minimum_size(laptop, frame) == QSize(900, 600)
    assert screen_fit.minimum_size(QRect(0, 0, 800, 600), frame) == QSize(784, 558)


def test_the_first_window_fits_the_test_screen(qtbot):
    from advisor.ui.main_window import MainWindow

    win = MainWindow(deferred=True)
    qtbot.addWidget(win)
    available = win.screen().availableGeometry()
    assert available.contains(win.geometry().marginsAdded(screen_fit.FRAME_GUESS))
    assert win.minimumSize() == screen_fit.minimum_size(available)


def test_a_fitted_view_fits_again_when_resized_until_the_user_zooms(qtbot, document):
    view = shown_view(qtbot, document)

    def drawing_in_view() -> QRectF:
        return QRectF(view.mapFromScene(view.scene().drawing_rect()).boundingRect())

    view.resize(60, 40)  # the view before the window's layout has settled
    view.fit_all()
    view.resize(900, 600)  # ... and after: fitted again, not left at the tiny view's zoom
    shown = drawing_in_view()
    assert QRectF(view.viewport().rect()).contains(shown)
    assert max(shown.width() / view.viewport().width(), shown.height() / view.viewport().height()) > 0.6
    wheel(view, view.viewport().rect().center(), 2)  # the user zooms: the view is theirs now
    zoom = view.zoom()
    view.resize(700, 500)
    assert view.zoom() == pytest.approx(zoom)
