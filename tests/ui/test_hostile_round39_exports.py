"""Round 39: saving the sketches into a folder that cannot be one says why in words and names the folder; Export
plots with a folder for a name ends in a message; File ▸ Export Tables makes the tables off the UI thread behind a
progress dialog whose Cancel leaves no file."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from advisor import tabular
from advisor.ui.bid import exports, show_dock, tables_export

SKETCHES = "Save configuration sketches: not written"


@pytest.fixture
def config(window):
    show_dock(window, "configuration")
    return window.bid.config


def _kept(window, design) -> None:
    assert window.document.design is design and not window.document.modified


# -- Configuration ▸ Save all… into a folder that cannot be one -------------------------------------------------

def test_a_folder_name_with_a_nul_character_is_named_and_refused_in_words(window, config, shown, tmp_path):
    # It said only "embedded null byte" (Python's words for a ValueError), with no folder named
    design = window.document.design
    folder = str(tmp_path / "a\x00b")
    assert config.save_all(folder) == []
    assert shown == [(SKETCHES, f"{tmp_path}/a\\x00b: the folder's name contains a NUL character; choose another "
                                "folder")]
    _kept(window, design)
    assert list(tmp_path.iterdir()) == []


def test_a_file_given_as_the_folder_is_named_as_a_file(window, config, shown, tmp_path):
    # It said "…/notes.txt: File exists" (mkdir's words): not why nothing was written
    design = window.document.design
    notes = tmp_path / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    assert config.save_all(notes) == []
    assert shown == [(SKETCHES, f"{notes}: is a file, not a folder; choose a folder")]
    assert notes.read_text(encoding="utf-8") == "mine"  # the user's file is left as it was
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    _kept(window, design)


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_a_device_given_as_the_folder_is_named_as_a_device(window, config, shown):
    # It said "/dev/null: File exists"
    design = window.document.design
    assert config.save_all("/dev/null") == []
    assert shown == [(SKETCHES, "/dev/null: is a device, not a folder; choose a folder")]
    _kept(window, design)


def test_the_core_refuses_a_nul_in_the_folder_with_an_os_error_in_words(tmp_path):
    # The command line and the app both catch OSError; a ValueError went past `advisor configs -o`'s words
    from advisor.configs.files import write_all

    with pytest.raises(OSError, match="the folder's name contains a NUL character") as caught:
        write_all(tmp_path / "a\x00b", {})
    assert caught.value.filename == f"{tmp_path}/a\x00b"


# -- Export plots with a folder for a name ----------------------------------------------------------------------

@pytest.mark.parametrize("given, words", [
    ("/", "/: is a folder"),
    (".", ".: is a folder"),
    ("", "No file name was given"),
])
def test_plots_named_as_a_folder_end_in_a_message(window, shown, given, words):
    # It raised "ValueError: PosixPath('/') has an empty name" into the caller
    design = window.document.design
    assert exports.export_plots(window, given) == []
    assert shown == [("Export plots: not written",
                      f"{words}; choose a file name such as plots.png (the two plots are written beside it as "
                      "plots-utilization.png and plots-erlang-b.png)")]
    _kept(window, design)


# -- Export Tables off the UI thread ----------------------------------------------------------------------------

def _progress_dialog(window) -> QProgressDialog | None:
    found = [d for d in window.findChildren(QProgressDialog) if d.windowTitle() == "Export tables"]
    return found[-1] if found else None


def test_the_workbook_is_made_in_a_worker_while_the_event_loop_turns(window, monkeypatch, tmp_path):
    # It was made on the UI thread (11 s at 10,000 sites, the window frozen): here the workbook's maker waits for
    # a timer of the UI thread, which fires only if the UI thread's event loop turns meanwhile
    real = tabular.xlsx_bytes
    turned = threading.Event()
    seen: dict[str, object] = {}

    def made_elsewhere(tables, *args, **kwargs):
        seen["worker"] = threading.current_thread() is not threading.main_thread()
        if seen["worker"]:  # on the UI thread the timer could not fire: no waiting there
            seen["turned"] = turned.wait(30)
            seen["dialog"] = _progress_dialog(window)
        return real(tables, *args, **kwargs)

    monkeypatch.setattr(tabular, "xlsx_bytes", made_elsewhere)
    QTimer.singleShot(0, turned.set)
    target = tmp_path / "bid.xlsx"
    assert exports.export_tables(window, target) == str(target)
    assert seen["worker"] is True and seen["turned"] is True
    dialog = seen["dialog"]  # the progress dialog, with Cancel, that blocks edits to the window meanwhile
    assert dialog is not None and dialog.windowModality().name == "WindowModal"
    assert target.read_bytes().startswith(b"PK")  # a workbook (a zip)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bid.xlsx"]  # no temporary left


def test_cancel_stops_the_export_and_writes_no_file(window, monkeypatch, tmp_path):
    # Cancel (the progress dialog's button) stops the worker at its next progress report; nothing is written
    real = tabular.xlsx_bytes
    started, pressed = threading.Event(), threading.Event()
    seen: dict[str, object] = {}

    def slow(tables, *args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            started.set()
            pressed.wait(30)  # until Cancel is pressed
        try:
            return real(tables, *args, **kwargs)
        except BaseException as exc:
            seen["stopped"] = type(exc).__name__
            raise

    def press_cancel():
        dialog = _progress_dialog(window)
        if started.is_set() and dialog is not None:
            dialog.findChild(QPushButton).click()
            pressed.set()
            poll.stop()

    monkeypatch.setattr(tabular, "xlsx_bytes", slow)
    poll = QTimer(interval=5)
    poll.timeout.connect(press_cancel)
    poll.start()
    target = tmp_path / "bid.xlsx"
    design = window.document.design
    try:
        assert exports.export_tables(window, target) is None
    finally:
        poll.stop()
        pressed.set()
    assert seen.get("stopped") == "Cancelled"  # the worker stopped half-way, not at the end of its work
    assert not target.exists() and list(tmp_path.iterdir()) == []  # nor a temporary
    assert window.statusBar().currentMessage() == "Export tables cancelled: nothing was written"
    _kept(window, design)


def test_the_workbook_reports_its_progress_in_words(window):
    # What the progress dialog shows: the comparison, then the rows written, in order, up to the whole
    reports: list[tuple[int, str]] = []
    snap = tables_export.snapshot(window)
    data = tables_export.table_bytes(tables_export.Snapshot(snap.design, snap.results, None, snap.options, None), None,
                               lambda percent, words: reports.append((percent, words)))
    assert data.startswith(b"PK")
    percents = [p for p, _ in reports]
    assert percents == sorted(percents) and percents[-1] == 100
    assert reports[0][1] == "Comparing the options: 0 of 1 analysed…"
    assert "Writing the workbook…" in [w for _, w in reports]
    assert reports[-1][1].startswith("Writing the workbook: ") and reports[-1][1].endswith(" rows…")


def test_a_failure_in_the_worker_names_the_file(window, monkeypatch, tmp_path, shown):
    def broken(tables, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(tabular, "xlsx_bytes", broken)
    target = tmp_path / "bid.xlsx"
    assert exports.export_tables(window, target) is None
    assert shown == [("Export tables: not written", f"{target}: the tables could not be made: RuntimeError: boom")]
    assert list(tmp_path.iterdir()) == []
    assert Path(target).exists() is False


@pytest.mark.parametrize("where, words", [
    ("missing/bid.xlsx", "missing does not exist; choose a file name in an existing folder"),
    ("folder-in-the-way.xlsx", "is a folder"),
])
def test_a_destination_that_cannot_take_the_file_is_said_before_the_tables_are_made(window, monkeypatch, tmp_path,
                                                                                     shown, where, words):
    made = []
    monkeypatch.setattr(tabular, "xlsx_bytes", lambda *a, **k: made.append(1) or b"")
    (tmp_path / "folder-in-the-way.xlsx").mkdir()
    target = tmp_path / where
    assert exports.export_tables(window, target) is None
    assert made == []  # refused before seconds of work, not after
    assert len(shown) == 1 and shown[0][0] == "Export tables: not written"
    assert shown[0][1].startswith(f"{target}: ") and words in shown[0][1]
