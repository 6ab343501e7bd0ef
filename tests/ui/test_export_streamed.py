"""File ▸ Export PDF writes the document straight into the temporary that replaces the target (never the whole file
in memory first): the file on disk is the document `build_pdf` makes, and a cancelled export leaves the old file
and no temporary."""

from __future__ import annotations

from pathlib import Path


def test_the_exported_file_is_the_whole_document(qtbot, window, dialogs, tmp_path):
    from advisor.analysis import analyse
    from advisor.report import build_pdf
    from advisor.ui.export import export_pdf, issued

    target = tmp_path / "design.pdf"
    export = export_pdf(window, target, ask_open=False)
    with qtbot.waitSignal(export.finished, timeout=120_000) as blocker:
        pass
    assert blocker.args == [str(target)]
    design = issued(window.document.design)
    assert target.read_bytes() == build_pdf(design, analyse(design, checklist=True))
    assert [p.name for p in tmp_path.iterdir()] == ["design.pdf"]  # no temporary left beside it
    assert dialogs["warning"] == []


def test_a_cancelled_export_keeps_the_old_file_and_leaves_no_temporary(qtbot, window, dialogs, tmp_path):
    from advisor.ui.export import export_pdf

    target = tmp_path / "design.pdf"
    target.write_bytes(b"%PDF-1.4 the old document")
    export = export_pdf(window, target, ask_open=False)
    export.job.stop.set()  # Cancel, pressed before the layout ends
    with qtbot.waitSignal(export.finished, timeout=120_000) as blocker:
        pass
    assert blocker.args == [""]
    assert target.read_bytes() == b"%PDF-1.4 the old document"
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == ["design.pdf"]
