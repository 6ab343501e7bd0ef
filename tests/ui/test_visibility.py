"""Costly panels in tabs behind another tab skip their work on every edit and catch up when their tab comes
forward (Qt keeps a covered tab's dock 'visible', so isVisible() alone would not tell)."""

from advisor.commands import SetFields


def test_covered_bom_tab_waits_and_catches_up(window, qtbot):
    window.resize(1366, 728)
    window.docks["links"].raise_()
    qtbot.waitUntil(lambda: not window.docks["links"].visibleRegion().isEmpty(), timeout=3000)
    panel = window.bid.bom
    calls = []
    original = panel.refresh
    panel.refresh = lambda *a, **k: (calls.append(1), original(*a, **k))
    window.document.push(SetFields("design", {"name": "Edited"}))
    window.analysis.run_now()
    qtbot.wait(50)
    assert calls == [] and panel._dirty  # covered: nothing built
    window.docks["bom"].raise_()
    qtbot.waitUntil(lambda: calls != [], timeout=3000)  # its tab came forward: built once
    assert not panel._dirty



def test_panels_shown_during_the_hold_wait_and_only_those_on_screen_catch_up(qtbot):
    # The deferred start-up adds the docks to a window on screen, then the layout tabs most of them behind others;
    # Qt shows each dock on its next layout pass. Held until then, no panel fills itself as it is shown; at the
    # release only those on screen do.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

    from advisor.ui import visibility

    class Panel(visibility.CatchesUp, QWidget):
        def __init__(self):
            super().__init__()
            self.refreshed = 0

        def refresh(self):
            self.refreshed += 1
            self._dirty = False

    win = QMainWindow()
    qtbot.addWidget(win)
    win.setCentralWidget(QWidget())
    win.resize(800, 600)
    win.show()
    qtbot.waitExposed(win)
    panels, docks = [], []
    with visibility.held(win):
        for name in ("front", "behind", "alone"):
            panel = Panel()
            dock = QDockWidget(name, win, objectName=name)
            dock.setWidget(panel)
            win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea if name != "alone"
                              else Qt.DockWidgetArea.LeftDockWidgetArea, dock)
            panels.append(panel)
            docks.append(dock)
        win.tabifyDockWidget(docks[0], docks[1])
        docks[0].raise_()
    assert visibility._held == 1 and not any(p.isVisible() for p in panels)  # Qt shows them on its next pass
    qtbot.waitUntil(lambda: visibility._held == 0, timeout=3000)
    assert all(p.isVisible() for p in panels)  # every dock was shown during the hold
    qtbot.waitUntil(lambda: panels[0].refreshed and panels[2].refreshed, timeout=3000)
    qtbot.wait(20)
    assert [p.refreshed for p in panels] == [1, 0, 1]  # the one behind a tab waits for its tab to come forward
    assert panels[1]._dirty
    panels[1].hide()
    panels[1].show()  # a show event outside the hold catches up at once, as before
    assert panels[1].refreshed == 1
