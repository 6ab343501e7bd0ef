"""The open design's file changed by another program: noticed, offered for reload in a bar, never overwritten by a
save without a question; deleted or spoiled files said plainly, the design shown kept; File ▸ Revert to Saved."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from advisor import commands, io

SAVE, CANCEL = QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Cancel




def _elsewhere(path, name: str = "Changed elsewhere") -> None:
    """Another program writes the design under another name (as `advisor import -o` does: a temp file, a rename)."""
    io.save(io.load(path).model_copy(update={"name": name}), path, backup=False)


def _bar(window):
    return window.file_watch.bar


def _noticed(qtbot, window, state: str) -> None:
    qtbot.waitUntil(lambda: window.file_watch.state == state and _bar(window).isVisible(), timeout=5000)


def _quiet(qtbot, window) -> None:
    """Long enough for any notice of the file system to arrive and be looked at."""
    qtbot.wait(3 * window.file_watch._settle.interval())
    assert not _bar(window).isVisible() and window.file_watch.state == ""


def test_its_own_saves_never_ask_and_the_file_stays_watched(window, opened, qtbot, dialogs):
    for users in (300, 301, 302):  # each save renames a new file over the old one
        window.document.push(commands.SetFields("hq", {"users": users}))
        assert window.files.save()
        _quiet(qtbot, window)
    assert dialogs["question"] == [] and str(opened) in window.file_watch.watcher.files()
    _elsewhere(opened)  # still noticed after the renames
    _noticed(qtbot, window, "changed")


def test_a_change_with_nothing_unsaved_offers_a_reload_that_undo_takes_back(window, opened, qtbot):
    _elsewhere(opened)
    _noticed(qtbot, window, "changed")
    bar = _bar(window)
    assert bar.text.text() == "“plan.json” was changed by another program."
    assert bar.reload.isVisible() and bar.keep.text() == "&Keep This Version"
    assert not window.document.modified  # nothing asked, nothing changed until the user chooses
    qtbot.mouseClick(bar.reload, Qt.MouseButton.LeftButton)
    assert window.document.design.name == "Changed elsewhere" and not window.document.modified
    assert not bar.isVisible()
    assert window.document.undo_stack.undoText() == "Reload from disk"
    window.actions_by_name["undo"].trigger()  # the version shown before comes back, unsaved now
    assert window.document.design.name == "Sample WAN" and window.document.modified


def test_a_change_under_unsaved_changes_is_never_overwritten_without_a_question(window, opened, qtbot, dialogs):
    window.document.push(commands.SetFields("hq", {"users": 300}))
    _elsewhere(opened)
    _noticed(qtbot, window, "changed")
    assert "Your unsaved changes here are kept" in _bar(window).text.text()
    assert _bar(window).keep.text() == "&Keep My Changes"
    dialogs["answers"].append(CANCEL)
    assert not window.files.save()
    assert dialogs["question"][-1][0] == "File changed by another program"
    assert "“plan.json” was changed by another program" in dialogs["question"][-1][1]
    assert io.load(opened).name == "Changed elsewhere" and window.document.modified
    dialogs["answers"].append(SAVE)
    assert window.files.save()
    assert io.load(opened).sites[0].users == 300
    assert io.load(opened.with_name("plan.json.bak")).name == "Changed elsewhere"  # the newer file is kept aside
    _quiet(qtbot, window)


def test_a_save_asks_even_when_no_notice_came(window, opened, qtbot, dialogs):
    window.file_watch.watcher.removePaths(window.file_watch.watcher.files() + window.file_watch.watcher.directories())
    window.document.push(commands.SetFields("hq", {"users": 300}))
    _elsewhere(opened)
    assert not window.files.save()  # the question (answered Cancel): the file is looked at again at the save
    assert [title for title, _ in dialogs["question"]] == ["File changed by another program"]


def test_keep_makes_the_design_unsaved_and_its_save_asks_nothing_more(window, opened, qtbot, dialogs):
    _elsewhere(opened)
    _noticed(qtbot, window, "changed")
    qtbot.mouseClick(_bar(window).keep, Qt.MouseButton.LeftButton)
    assert not _bar(window).isVisible() and window.document.modified  # the file holds another version now
    assert window.files.save() and dialogs["question"] == []
    assert io.load(opened).name == "Sample WAN"


def test_save_as_elsewhere_asks_nothing(window, opened, qtbot, dialogs, tmp_path):
    _elsewhere(opened)
    assert window.files.save_to(tmp_path / "copy.json") and dialogs["question"] == []


def test_a_deleted_file_is_said_and_the_design_kept_unsaved(window, opened, qtbot, dialogs):
    opened.unlink()
    _noticed(qtbot, window, "deleted")
    bar = _bar(window)
    assert bar.text.text().startswith("“plan.json” was deleted or moved by another program. The design stays open")
    assert bar.save.isVisible() and not bar.reload.isVisible()
    assert window.document.modified  # closing asks to save it: nothing on disk holds it any more
    assert not window.actions_by_name["revert"].isEnabled()
    qtbot.mouseClick(bar.save, Qt.MouseButton.LeftButton)
    assert io.load(opened).name == "Sample WAN" and not window.document.modified and not bar.isVisible()
    assert dialogs["question"] == []


def test_a_file_deleted_then_written_back_as_it_was_is_no_change(window, opened, qtbot):
    data = opened.read_bytes()
    opened.unlink()
    _noticed(qtbot, window, "deleted")
    opened.write_bytes(data)
    qtbot.waitUntil(lambda: not _bar(window).isVisible(), timeout=5000)
    assert not window.document.modified


def test_a_file_spoiled_by_another_program_is_said_and_the_design_kept(window, opened, qtbot, dialogs):
    opened.write_text("{ not a design", encoding="utf-8")
    _noticed(qtbot, window, "changed")
    qtbot.mouseClick(_bar(window).reload, Qt.MouseButton.LeftButton)
    title, text = dialogs["warning"][-1]
    assert title == "Cannot read the saved design"
    assert "plan.json: " in text and text.endswith(
        "The design shown here is kept as it was; save it to write the file again.")
    assert window.document.design.name == "Sample WAN" and window.document.modified
    assert window.file_watch.state == "invalid" and "no longer holds a design" in _bar(window).text.text()
    assert window.file_watch.check() == "invalid"  # the same spoiled bytes: no new notice
    assert window.files.save() and dialogs["question"] == []  # replacing a file that holds no design asks nothing
    assert io.load(opened).name == "Sample WAN"


def test_a_named_pipe_put_in_place_of_the_file_never_blocks_the_window(window, opened, qtbot, dialogs):
    opened.unlink()
    os.mkfifo(opened)  # read, it would wait for a writer for ever
    qtbot.waitUntil(lambda: window.file_watch.state in ("changed", "deleted"), timeout=5000)
    _noticed(qtbot, window, "changed")
    qtbot.mouseClick(_bar(window).reload, Qt.MouseButton.LeftButton)
    assert "not a regular file" in dialogs["warning"][-1][1] and window.document.design.name == "Sample WAN"
    opened.unlink()


def test_touched_without_a_change_is_no_change(window, opened, qtbot):
    os.utime(opened, (1, 1))
    _quiet(qtbot, window)


def test_looked_at_again_when_the_app_comes_back_to_the_front(window, opened, qtbot):
    watch = window.file_watch
    watch.watcher.removePaths(watch.watcher.files() + watch.watcher.directories())  # a share that sends no notice
    _elsewhere(opened)
    qtbot.wait(3 * watch._settle.interval())
    assert not _bar(window).isVisible()
    watch._app_state(Qt.ApplicationState.ApplicationActive)
    assert watch.state == "changed" and _bar(window).isVisible()


# -- File ▸ Revert to Saved -------------------------------------------------------------------------------------------
def test_revert_to_saved_is_one_undoable_step(window, opened, dialogs):
    revert = window.actions_by_name["revert"]
    assert not revert.isEnabled()  # nothing to go back to
    window.document.push(commands.SetFields("hq", {"users": 300}))
    assert revert.isEnabled()
    revert.trigger()
    assert window.document.design.sites[0].users == 200 and not window.document.modified
    assert not revert.isEnabled()
    window.actions_by_name["undo"].trigger()
    assert window.document.design.sites[0].users == 300 and window.document.modified
    window.actions_by_name["redo"].trigger()
    assert window.document.design.sites[0].users == 200 and not window.document.modified


def test_revert_keeps_a_value_typed_in_the_inspector_in_the_history(window, opened, dialogs):
    window.document.push(commands.SetFields("hq", {"users": 300}))
    window.document.select(("hq",))
    box = window.inspector._groups[0].editors["users"].widget
    box.setFocus()
    box.lineEdit().selectAll()
    QTest.keyClicks(box.lineEdit(), "250")  # not confirmed
    window.actions_by_name["revert"].trigger()
    assert window.document.design.sites[0].users == 200 and not window.document.modified
    window.document.undo_stack.undo()
    assert window.document.design.sites[0].users == 250  # the typed value, an edit in the history
    window.document.undo_stack.undo()
    assert window.document.design.sites[0].users == 300


def test_revert_is_off_for_a_design_never_saved(window):
    assert window.document.path is None
    window.document.push(commands.SetFields("hq", {"users": 300}))
    assert not window.actions_by_name["revert"].isEnabled()
    assert "never saved" in window.actions_by_name["revert"].toolTip()


def test_a_newer_file_enables_revert_even_with_nothing_unsaved(window, opened, qtbot, dialogs):
    _elsewhere(opened)
    _noticed(qtbot, window, "changed")
    assert window.actions_by_name["revert"].isEnabled()
    window.actions_by_name["revert"].trigger()
    assert window.document.design.name == "Changed elsewhere" and not _bar(window).isVisible()


def test_a_file_swapped_for_a_link_names_the_file_the_save_replaces(window, opened, qtbot, dialogs):
    # The save follows the link (the file it points to is replaced and kept as its own .bak; the link stays): the
    # question named "plan.json.bak", which was never written.
    other = opened.with_name("other.json")
    io.save(io.load(opened).model_copy(update={"name": "Changed elsewhere"}), other, backup=False)
    window.document.push(commands.SetFields("hq", {"users": 300}))
    tmp_link = opened.with_name("plan.link")
    os.symlink(other, tmp_link)
    os.replace(tmp_link, opened)  # swapped in at once, as a program that keeps versions by links does
    dialogs["answers"].append(SAVE)
    assert window.files.save()
    (title, text), = dialogs["question"]
    assert title == "File changed by another program"
    assert (f"“plan.json” was changed by another program after this window opened or saved it. It is a link to "
            f"“{other}”: saving replaces that file (its current version is kept as “other.json.bak”) and leaves the "
            "link as it is.") in text
    assert opened.is_symlink() and io.load(other).sites[0].users == 300
    assert io.load(other.with_name("other.json.bak")).name == "Changed elsewhere"
    assert not opened.with_name("plan.json.bak").exists()
