"""Round 24, a demanding user driving the main window: each defect found, as the short sequence that shows it.

- Quitting after "Discard" (unsaved changes): the undo stack, deleted with the window, says "clean" as it goes, and
  the window's handler then reached the deleted window: a traceback on every such quit, through the error handler
  ("Error in sys.excepthook"), and an "unexpected error" in the log.
- A number pasted in exponent notation into a decimal field ("5e-1" for x, "1e-5" for the packetization) reached the
  design unrounded: x = 0.5 under a box showing "1 px", and a refusal quoting "1e-05 ms".
- The inspector's tooltips gave ranges in exponent notation ("≤ 1e+09").
- Select All on a large design searched the whole design once per selected id (5,000 sites: 10 s per selection
  change, each paste and undo after it).
- A clipboard holding the canvas's marker but text nested thousands deep raised RecursionError out of Paste; link
  ends that were not names were quoted in Python's words ("unhashable type: 'list'").
"""

from __future__ import annotations

import sys

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from advisor.commands import SetFields
from advisor.model import Design, Link, Site
from advisor.ui.canvas.clipboard import CLIPBOARD_FORMAT

UNREADABLE = "The clipboard holds no sites or clouds this version can read"


def _editor(window, name: str):
    for group in window.inspector._groups:
        if name in group.editors:
            return group.editors[name].widget
    raise AssertionError(f"no editor for {name}")


def _paste(qtbot, spin, text: str) -> None:
    """Paste `text` over the box's text and press Enter, as a user does (typed key by key, Qt's check refuses the
    "e"; pasted whole, it takes it)."""
    QGuiApplication.clipboard().setText(text)
    spin.setFocus()
    spin.lineEdit().selectAll()
    QTest.keyClick(spin.lineEdit(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert spin.lineEdit().text().startswith(text)
    QTest.keyClick(spin, Qt.Key.Key_Return)
    qtbot.wait(1)


@pytest.fixture
def errors(monkeypatch):
    """Exceptions that reach sys.excepthook (from a slot Qt calls), recorded."""
    caught: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, exc, _tb: caught.append(exc))
    return caught


def test_quitting_after_discarding_changes_raises_nothing_as_the_window_goes(qtbot, sample_design, dialogs, errors):
    from advisor.ui.main_window import MainWindow

    win = MainWindow()
    win.document.reset(sample_design)
    win.document.push(SetFields.checked(win.document.design, "br-1", {"users": 77}))
    win.show()
    qtbot.waitExposed(win)
    dialogs["answers"].append(QMessageBox.StandardButton.Discard)
    assert win.close()
    assert dialogs["question"] and win.document.modified  # asked; the changes were discarded, not saved
    shiboken6.delete(win)  # what the end of the program does to the window
    assert errors == []  # was RuntimeError: Internal C++ object (MainWindow) already deleted


def test_a_colour_scheme_change_after_a_window_has_gone_reaches_no_dead_window(qtbot, sample_design, errors):
    from advisor.ui.main_window import MainWindow

    win = MainWindow()
    win.document.reset(sample_design)
    shiboken6.delete(win)
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.emit(hints.colorScheme())
    assert errors == []


def test_a_decimal_pasted_in_exponent_notation_is_the_figure_the_box_shows(qtbot, window):
    window.document.select(("br-1",))
    x = _editor(window, "x")
    _paste(qtbot, x, "5e-1")  # x has no decimals: 0.5 shows as 1
    assert x.text() == "1 px"
    assert window.document.design.sites[1].x == 1.0  # was 0.5
    _paste(qtbot, x, "-0")
    assert str(window.document.design.sites[1].x) == "0.0"  # not -0.0, written "-0.0" into the file


def test_a_packetization_pasted_as_a_tiny_exponent_is_the_codecs_default_it_shows(qtbot, window):
    window.document.select(())
    ptime = _editor(window, "ptime_ms")
    _paste(qtbot, ptime, "20")
    assert window.document.design.voice.ptime_ms == 20.0
    _paste(qtbot, ptime, "1e-5")  # one decimal: 0.0, the value that stands for "empty"
    assert window.document.design.voice.ptime_ms is None  # was a refusal quoting "1e-05 ms"
    assert not window.inspector.message.isVisible()
    assert ptime.text() == ptime.specialValueText()


def test_ranges_in_tooltips_are_written_out(window):
    window.document.select(("link-1",))
    tip = _editor(window, "capacity_kbps").toolTip()
    assert "≤ 1,000,000,000" in tip and "e+" not in tip  # grouped as the refusals say it (round 52)
    window.document.select(("br-1",))
    assert "≥ -1,000,000 and ≤ 1,000,000" in _editor(window, "x").toolTip()


def test_select_all_looks_each_selected_id_up_without_searching_the_design(window, monkeypatch):
    sites = tuple(Site(id=f"s{i}", name=f"Site {i}", x=i * 10.0) for i in range(400))
    links = tuple(Link(id=f"l{i}", a=f"s{i}", b=f"s{i + 1}") for i in range(399))
    window.document.reset(Design(name="Chain", sites=sites, links=links))
    searches = []
    real = type(window.inspector)._find
    monkeypatch.setattr(type(window.inspector), "_find", staticmethod(lambda d, i: searches.append(i) or real(d, i)))
    window.canvas.select_all()
    assert window.inspector.title.text() == "799 items of different kinds selected"
    assert len(searches) <= 2  # was two searches of the whole design per selected id: 1,598


NESTED = "[" * 100_000 + "]" * 100_000
LIST_END = '[{"id": "a"}, {"id": "b"}], "links": [{"a": ["a"], "b": "b"}]'


@pytest.mark.parametrize(("nodes", "message"), [
    (NESTED, UNREADABLE),  # was RecursionError out of Paste
    ('"ab"', UNREADABLE),
    (LIST_END, "Paste: links[0].a: must be the id of a site or cloud"),  # was "Paste: unhashable type: 'list'"
])
def test_a_clipboard_that_is_not_the_canvass_copy_is_refused_in_words(window, errors, nodes, message):
    messages: list[str] = []
    window.canvas.message.connect(messages.append)
    before = window.document.design
    QGuiApplication.clipboard().setText(f'{{"format": "{CLIPBOARD_FORMAT}", "nodes": {nodes}}}')
    window.canvas.paste()
    assert window.document.design is before and errors == []
    assert messages == [message]
