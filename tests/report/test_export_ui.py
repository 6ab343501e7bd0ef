"""File → Export PDF: the worker builds off the UI thread, writes the file, and cancel leaves nothing behind."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

pytest.importorskip("PySide6")

from PySide6.QtCore import QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QMainWindow  # noqa: E402
from report_fixtures import star_design  # noqa: E402

from advisor.report import extract_design  # noqa: E402

QStandardPaths.setTestModeEnabled(True)


class _Window(QMainWindow):
    def __init__(self, design):
        super().__init__()
        from advisor.ui.document import Document

        self.document = Document(design, parent=self)


@pytest.fixture
def window(qtbot):
    win = _Window(star_design(6))
    qtbot.addWidget(win)
    return win


def test_export_writes_the_pdf_in_the_background(qtbot, window, tmp_path):
    from advisor.ui.export import export_pdf

    target = tmp_path / "doc.pdf"
    export = export_pdf(window, target, ask_open=False)
    with qtbot.waitSignal(export.finished, timeout=60_000) as blocker:
        pass
    assert blocker.args == [str(target)]
    assert extract_design(target.read_bytes()) == window.document.design.model_dump_json(indent=2)
    assert "Wrote doc.pdf" in window.statusBar().currentMessage()


def test_cancel_writes_nothing(qtbot, window, tmp_path):
    from advisor.ui.export import export_pdf

    target = tmp_path / "doc.pdf"
    export = export_pdf(window, target, ask_open=False)
    export.job.stop.set()  # what the dialog's Cancel button does
    with qtbot.waitSignal(export.finished, timeout=60_000) as blocker:
        pass
    assert blocker.args == [""]
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
