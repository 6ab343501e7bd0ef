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
