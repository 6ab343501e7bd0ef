"""The quiz table fits each row to its wrapped question as the row comes into view (not every row of a
20,000-site class file on show): what is in view always shows its whole text, after scrolling, after a narrower
column, and after a result is marked."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from advisor.ui.classroom.quiz import Hidden, QuizSettings

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402


def _rows_in_view(table) -> range:
    top = table.rowAt(0)
    bottom = table.rowAt(table.viewport().height() - 1)
    return range(top, (table.rowCount() - 1 if bottom < 0 else bottom) + 1)


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _short_rows(table) -> list[int]:
    """Rows in view whose height is less than their wrapped text needs."""
    return [row for row in _rows_in_view(table) if table.rowHeight(row) < table.sizeHintForRow(row)]


def test_rows_in_view_show_their_whole_question(qtbot):
    from tests.ui.conftest import shown_window

    design = generate(400, "mpls")
    for win in shown_window(qtbot, design):
        win.classroom.start_quiz(QuizSettings(hidden=Hidden(kbps=True, calls=True)))
        panel = win.classroom.quiz_panel
        table = panel.table
        _settle()
        assert table.rowCount() == 800  # calls and bandwidth for each of 400 links
        header = table.horizontalHeader()
        header.resizeSection(1, 150)
        win.resize(900, 700)  # the question column narrows: its text wraps onto more lines
        _settle()
        assert len(_rows_in_view(table)) >= 2
        assert _short_rows(table) == []
        assert any(table.rowHeight(row) > table.verticalHeader().defaultSectionSize()
                   for row in _rows_in_view(table))  # some questions do wrap: the check above saw wrapped rows
        table.scrollToBottom()
        _settle()
        assert table.rowAt(0) > 700
        assert _short_rows(table) == []
        row = table.rowAt(0)
        panel.set_answer(panel.questions[row].key, "7")
        panel.check_all()
        _settle()
        assert table.item(row, 2).text()  # marked
        assert _short_rows(table) == []
