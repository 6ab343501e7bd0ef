"""A broken copy of a limit table (the ADVISOR_TABLES_DIR folder) in the app: the status bar says which file and
what is wrong, in the table's own words, and the design is kept."""

from __future__ import annotations

from pathlib import Path

from advisor import io

ROOT = Path(__file__).resolve().parents[2]


def test_a_broken_table_is_named_in_the_status_bar(window, dialogs, monkeypatch, tmp_path, qtbot):
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "vpn.json").write_text('{"title": "x", "entries": {}}', encoding="utf-8")
    monkeypatch.setenv("ADVISOR_TABLES_DIR", str(folder))
    design = io.load(ROOT / "resources" / "examples" / "hq-12-branches-mpls.json")
    window.document.reset(design)
    window.analysis.run_now()
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Analysis failed: {folder / 'vpn.json'}: ") and "source: is required" in message
    assert "TableError" not in message and "\n" not in message
    assert window.document.design is design and window.document.results is None
