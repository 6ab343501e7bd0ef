"""The wait cursor while a large design is first drawn and while its results fill the docks: a 10,000-site design
froze the window for 2–3 s after File ▸ Open returned, under the ordinary cursor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from advisor import io


def _cursor():
    cursor = QApplication.overrideCursor()
    return None if cursor is None else cursor.shape()


def test_a_large_design_keeps_the_wait_cursor_until_the_canvas_has_painted(window, qtbot, tmp_path, sample_design,
                                                                          monkeypatch):
    from advisor.ui import files

    monkeypatch.setattr(files, "LARGE", 1)  # the sample design counts as large here
    path = tmp_path / "d.json"
    io.save(sample_design, path)
    window.show()
    assert window.files.open_path(path, ask=False)
    assert _cursor() == Qt.CursorShape.WaitCursor  # File ▸ Open has returned; the canvas has not painted yet
    window.canvas.viewport().repaint()
    qtbot.waitUntil(lambda: _cursor() is None, timeout=2000)  # given back once it has


def test_an_imported_large_design_keeps_the_wait_cursor_until_painted_too(window, qtbot, sample_design,
                                                                          monkeypatch):
    # Importing 20,000 spreadsheet rows held the window 3.5-4.5 s under the ordinary cursor.
    from pathlib import Path

    from advisor.importer import Imported
    from advisor.ui import files
    from advisor.ui.bid.import_dialog import open_imported

    monkeypatch.setattr(files, "LARGE", 1)
    window.show()
    seen = []
    window.document.designChanged.connect(lambda _old, _new: seen.append(_cursor()))
    open_imported(window, Imported(sample_design.model_copy(update={"name": "imported"}), ()), Path("sites.csv"))
    assert seen == [Qt.CursorShape.WaitCursor]  # while the canvas draws it
    assert _cursor() == Qt.CursorShape.WaitCursor  # and until its first paint
    window.canvas.viewport().repaint()
    qtbot.waitUntil(lambda: _cursor() is None, timeout=2000)
    assert window.document.path is None and window.document.modified  # untitled, never clean until saved


def test_a_small_design_gives_the_cursor_back_when_open_returns(window, tmp_path, sample_design):
    path = tmp_path / "d.json"
    io.save(sample_design, path)
    assert window.files.open_path(path, ask=False)
    assert _cursor() is None


def test_a_large_designs_results_fill_the_docks_under_the_wait_cursor(window, document, monkeypatch):
    from advisor.ui.busy import LARGE_RESULTS

    assert LARGE_RESULTS > 2 * 1_000  # a 1,000-site design's edits refresh without the cursor flickering
    from advisor.analysis import analyse
    from advisor.ui import document as document_module

    seen = []
    document.resultsChanged.connect(lambda results: seen.append(_cursor()))
    results = analyse(document.design)
    document.set_results(results)
    monkeypatch.setattr(document_module, "LARGE_RESULTS", 1)
    document.set_results(results)
    assert seen[-2:] == [None, Qt.CursorShape.WaitCursor] and _cursor() is None
