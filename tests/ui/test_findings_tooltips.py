"""A finding's tooltip (its message and remedy, or its subjects in full) is made when the pointer rests on its row,
not written into each of the hundreds of rows an edit of a large design rewrites."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from advisor.ui.findings_dock import FindingsPanel
from tests.ui.test_findings import FINDINGS, _results


def _hover(panel: FindingsPanel, item, column: int) -> str:
    tree = panel.tree
    rect = tree.visualItemRect(item)
    x = sum(tree.header().sectionSize(c) for c in range(column)) + 8
    pos = QPoint(x, rect.center().y())
    event = QHelpEvent(QEvent.Type.ToolTip, pos, tree.viewport().mapToGlobal(pos))
    QApplication.sendEvent(tree.viewport(), event)
    text = QToolTip.text()
    QToolTip.hideText()
    return text


def _row(panel: FindingsPanel, code: str):
    for group in range(panel.tree.topLevelItemCount()):
        top = panel.tree.topLevelItem(group)
        for r in range(top.childCount()):
            if top.child(r).text(0).startswith(code):
                return top.child(r)
    raise AssertionError(code)


@pytest.fixture
def panel(qtbot, document) -> FindingsPanel:
    shown = FindingsPanel(document)
    qtbot.addWidget(shown)
    shown.resize(480, 700)
    shown.show()
    document.set_results(_results(FINDINGS))
    return shown


def test_resting_on_a_finding_shows_its_message_and_remedy(panel):
    row = _row(panel, "BW-LINK-OVERLOAD")
    assert row.toolTip(0) == ""  # nothing written into the row
    tip = _hover(panel, row, 0)
    assert "link-3 needs 669.4 kbps, capacity 512 kbps" in tip and "Remedy: raise the capacity to 1024 kbps" in tip
    assert _hover(panel, row, 1) == row.text(1)  # the subjects, as written


def test_a_group_title_has_no_tooltip(panel):
    assert _hover(panel, panel.tree.topLevelItem(0), 0) == ""
