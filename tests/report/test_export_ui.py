"""File → Export PDF: the worker builds off the UI thread, writes the file, and cancel leaves nothing behind."""

from __future__ import annotations

import datetime
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
    today = datetime.date.today()  # the design has no issued day: the export dates it today
    dated = window.document.design.model_copy(update={"issued": today})
    assert extract_design(target.read_bytes()) == dated.model_dump_json(indent=2)
    assert "Wrote doc.pdf" in window.statusBar().currentMessage()
    assert window.document.design.issued is None  # the open design is not changed by exporting it


def test_export_keeps_the_designs_own_issued_day(qtbot, window, tmp_path):
    from advisor.model import Design
    from advisor.ui.export import export_pdf

    day = datetime.date(2025, 11, 30)
    window.document.reset(window.document.design.model_copy(update={"issued": day}))
    target = tmp_path / "doc.pdf"
    export = export_pdf(window, target, ask_open=False)
    with qtbot.waitSignal(export.finished, timeout=60_000):
        pass
    assert Design.model_validate_json(extract_design(target.read_bytes())).issued == day
    assert b"/CreationDate (D:20251130000000+00'00')" in target.read_bytes()


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


def _ring(n: int):
    from advisor.model import Design

    sites = [{"id": f"s{i}", "users": 10, "cucm_publisher": i == 0} for i in range(n)]
    links = [{"id": f"l{i}", "a": f"s{i}", "b": f"s{(i + 1) % n}"} for i in range(n)]
    # a chord across: one tree per site (a plain ring is summed at once, advisor.routing_ring)
    links.append({"id": "chord", "a": "s0", "b": f"s{n // 2}"})
    return Design.model_validate({"name": "ring", "sites": sites, "links": links, "vpn": {"technology": "none"}})


def test_a_large_meshed_wan_shows_its_analysis_and_cancel_stops_it(qtbot, window, tmp_path):
    """Routing a 6,000-site ring takes many seconds (plenty for the dialog to get its first message even on a busy
    machine): the dialog says what the analysis is doing, in the first fifth of the bar, and Cancel stops the
    analysis itself (no PDF is built)."""
    from advisor.ui.export import export_pdf

    window.document.reset(_ring(6000))
    target = tmp_path / "doc.pdf"
    seen: list[tuple[int, str]] = []
    export = export_pdf(window, target, ask_open=False)

    def on_progress(percent: int, message: str) -> None:
        seen.append((percent, message))
        if message.startswith("Analysing the design: routing calls"):
            export.job.stop.set()

    export.job.signals.progress.connect(on_progress)
    with qtbot.waitSignal(export.finished, timeout=120_000) as blocker:
        pass
    assert blocker.args == [""] and not target.exists()
    assert seen and all(m.startswith("Analysing the design:") for _p, m in seen)  # the PDF was never begun
    assert all(p <= 20 for p, _m in seen)
    assert "6,000 sites" in seen[0][1]
