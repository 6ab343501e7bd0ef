"""Hostile routes into the app, round 22: crash recovery, autosave, and files that reach the window other than by
File ▸ Open.

- Recovering unsaved work at start-up put the recovered design under the name of the design opened at start-up
  (the last one, or the one named on the command line): Save then wrote it over that file, which may hold another
  design altogether. It now has no file name, so Save asks for one.
- The recovered file was deleted at once: a crash Python cannot catch, before the next autosave, lost the work.
- An autosave that failed (a full disk, a file where the folder should be) said so only in the log.
- A dropped file whose name is not UTF-8 opened a file of another name; so did "Open it now" after Export PDF, and
  the question and the status bar dropped the byte from the name.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from advisor import io
from advisor.model import Design
from advisor.ui import app as app_module
from advisor.ui.files import autosave_folder


@pytest.fixture
def left_autosave():
    """An autosave file an ended instance left behind (no lock held: its process is gone); removed afterwards."""
    folder = autosave_folder()
    folder.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []

    def make(design: Design, name: str | bytes = "autosave-1-0badf00d.json") -> Path:
        path = Path(os.fsdecode(os.fsencode(folder) + b"/" + os.fsencode(name)))
        io.save(design, path, backup=False)
        made.append(path)
        return path

    yield make
    for path in made:
        for item in (path, path.with_suffix(".lock"), path.with_name(path.name + ".damaged")):
            item.unlink(missing_ok=True)


def test_recovered_work_is_not_saved_over_the_design_opened_at_start(window, dialogs, tmp_path, left_autosave,
                                                                     monkeypatch):
    opened = tmp_path / "customer-a.json"
    io.save(Design(name="Customer A"), opened, backup=False)
    assert window.files.open_path(opened, ask=False)
    left_autosave(Design(name="Unsaved work"))
    dialogs["answers"].append(QMessageBox.StandardButton.Open)
    app_module._offer_recovery(window)()
    assert window.document.design.name == "Unsaved work" and window.document.modified
    assert window.document.path is None
    assert "(not saved)" in window.windowTitle()
    asked = []
    monkeypatch.setattr(window.files, "save_as", lambda: asked.append(True) or False)
    window.files.save()  # wrote "Unsaved work" into customer-a.json
    assert asked == [True]
    assert io.load(opened).name == "Customer A"
    window.document.undo_stack.undo()  # recovering stays undoable
    assert window.document.design.name == "Customer A"


def test_an_autosave_name_that_is_not_utf8_is_asked_about_with_a_replacement_character(window, dialogs,
                                                                                       left_autosave):
    left_autosave(Design(name="Unsaved work"), b"autosave-\xff.json")  # Qt would drop the byte from the question
    app_module._offer_recovery(window)()  # answered Cancel: discarded
    (title, text), = dialogs["question"]
    assert title == "Recover unsaved work"
    assert text.endswith("/autosave-\ufffd.json") and "\udcff" not in text


def test_an_autosave_that_fails_says_so_in_the_status_bar(window, monkeypatch):
    # A full disk made every autosave fail with only a line in the log: the user went on trusting it.
    from advisor.commands import SetFields

    window.document.push(SetFields("design", {"name": "Work in progress"}))

    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(io, "save", full)
    assert window.files.autosave() is None
    assert window.statusBar().currentMessage() == (
        f"Unsaved changes could not be autosaved to {autosave_folder()}: No space left on device; save the design "
        "to keep them")
    assert window.document.design.name == "Work in progress" and window.document.modified


def test_a_dropped_design_whose_name_is_not_utf8_opens(window, dialogs, tmp_path):
    # A file manager sends such a name percent-encoded (%FF); QUrl decoded it as UTF-8, to a replacement character,
    # and the drop opened a file that does not exist ("cannot be read: No such file or directory").
    from urllib.parse import quote_from_bytes

    from PySide6.QtCore import QByteArray, QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent
    from PySide6.QtWidgets import QApplication

    named = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.json"))
    io.save(Design(name="Latin-1 named"), named, backup=False)
    mime = QMimeData()
    mime.setUrls([QUrl.fromEncoded(QByteArray(b"file://" + quote_from_bytes(os.fsencode(named)).encode("ascii")))])
    window.dropEvent(QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier))
    for _ in range(3):
        QApplication.processEvents()
    assert dialogs["warning"] == []
    assert window.document.design.name == "Latin-1 named" and window.document.path == named
    assert "caf\ufffd.json" in window.windowTitle()


def test_a_pdf_exported_under_a_name_that_is_not_utf8_is_named_and_opened_as_written(qtbot, window, tmp_path,
                                                                                   monkeypatch):
    # The question, the status bar and the failure dialog dropped the byte (Qt drops what is not UTF-8), and "Open
    # it now" asked the desktop to open a file of another name.
    from PySide6.QtGui import QDesktopServices

    from advisor.ui.export import export_pdf

    asked, opened = [], []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _parent, _title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    target = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.pdf"))
    export = export_pdf(window, target, ask_open=True)
    with qtbot.waitSignal(export.finished, timeout=60_000):
        pass
    assert target.is_file()
    assert asked == [f"The design document was saved as\n{tmp_path}/caf\ufffd.pdf\n\nOpen it now?"]
    assert window.statusBar().currentMessage().startswith("Wrote caf\ufffd.pdf (")
    url, = opened
    assert bytes(url.toEncoded()) == b"file://" + os.fsencode(tmp_path) + b"/caf%E9.pdf"



def test_a_file_where_the_autosave_folder_should_be_is_named(window, tmp_path, monkeypatch):
    from advisor.commands import SetFields
    from advisor.ui import files

    in_the_way = tmp_path / "advisor"
    in_the_way.write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(files, "autosave_folder", lambda: in_the_way)
    window.document.push(SetFields("design", {"name": "Work in progress"}))
    assert window.files.autosave() is None
    assert window.statusBar().currentMessage() == (
        f"Unsaved changes could not be autosaved to {in_the_way}: {in_the_way} is a file, not a folder; save the "
        "design to keep them")
    assert in_the_way.read_text(encoding="utf-8") == "not a folder"


def test_recovered_work_stays_on_disk_until_it_is_saved(window, dialogs, left_autosave, monkeypatch):
    # The recovered file was deleted as soon as the design was in the window: a crash in the next minute (before
    # the first autosave), one the crash handler cannot catch, lost the work for good.
    from advisor.ui.files import autosave_path

    saved = left_autosave(Design(name="Unsaved work"))
    dialogs["answers"].append(QMessageBox.StandardButton.Open)
    app_module._offer_recovery(window)()
    assert not saved.exists() and io.load(autosave_path()).name == "Unsaved work"
    window.files.clear_autosave()


def test_recovered_work_that_cannot_be_autosaved_again_keeps_its_file(window, dialogs, left_autosave, monkeypatch):
    saved = left_autosave(Design(name="Unsaved work"))

    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(io, "save", full)
    dialogs["answers"].append(QMessageBox.StandardButton.Open)
    app_module._offer_recovery(window)()
    assert window.document.design.name == "Unsaved work"
    assert io.load(saved).name == "Unsaved work"  # offered again at the next start, unless saved meanwhile


# -- names in menus and in the title, as written ----------------------------------------------------------------


def test_a_recent_file_with_an_ampersand_shows_it(window, dialogs, tmp_path):
    # Qt takes "&D" in a menu item for the shortcut letter: "R&D lab.json" showed as "RD lab.json".
    named = tmp_path / "R&D lab.json"
    io.save(Design(name="Lab"), named, backup=False)
    assert window.files.open_path(named, ask=False)
    window.files._fill_recent()
    first = window.files.recent_menu.actions()[0]
    assert first.iconText() == "R&D lab.json"  # the text as shown, the shortcut marks taken out
    first.trigger()  # still opens the file
    assert window.document.path == named and dialogs["warning"] == []


def test_undo_and_redo_name_what_they_change_as_written(window):
    from advisor.commands import DeleteItems, SetFields, describe_nodes

    doc = window.document
    doc.push(SetFields("hq", {"name": "R&D\nlab"}))
    doc.push(DeleteItems(("hq",), text=f"Delete {describe_nodes(doc.design, ['hq'])}"))  # as the canvas words it
    undo, redo = window.actions_by_name["undo"], window.actions_by_name["redo"]
    assert undo.iconText() == "Undo Delete R&D lab"  # was "Undo lab": Qt kept what follows the line break
    doc.undo_stack.undo()
    assert redo.iconText() == "Redo Delete R&D lab"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert undo.iconText() == "Undo" and undo.text() == "&Undo" and not undo.isEnabled()


def test_a_design_name_holding_the_title_placeholder_is_shown_as_written(window):
    # "[*]" is where Qt puts the unsaved-changes mark: the name "Lab [*] v2" showed as "Lab * v2" or "Lab  v2".
    from advisor.commands import SetFields

    window.document.push(SetFields("design", {"name": "Lab [*] v2\nsecond line"}))
    assert window.windowHandle().title() == "Lab [*] v2 second line (not saved)* — UC Design Advisor"
    window.document.undo_stack.setClean()
    assert window.windowHandle().title() == "Lab [*] v2 second line (not saved) — UC Design Advisor"
