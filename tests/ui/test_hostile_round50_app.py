"""Hostile round 50: the open design's file in odd places (a link to itself), another program's write racing the
app's own open and save, the changed-file bar in a narrow window, a closed window's watch, a spoiled file put back."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from advisor import commands, io

SAVE = QMessageBox.StandardButton.Save




def _other_bytes(path, design, name: str = "Changed elsewhere") -> None:
    """Another program writes `design` under another name, in place."""
    path.write_text(io.dumps(design.model_copy(update={"name": name})), encoding="utf-8")


def _settled(qtbot, window) -> None:
    qtbot.wait(3 * window.file_watch._settle.interval())


def test_a_file_replaced_by_a_link_to_itself_is_said_on_save_not_raised(window, opened, qtbot, dialogs):
    window.document.push(commands.SetFields("hq", {"users": 300}))
    opened.unlink()
    os.symlink(opened.name, opened)  # resolving it raised RuntimeError ("Symlink loop") out of File ▸ Save
    _settled(qtbot, window)
    assert window.file_watch.state == "deleted"
    assert not window.files.save()
    assert dialogs["warning"][-1][0] == "Cannot save design"
    assert window.document.modified and window.document.design.sites[0].users == 300


def test_another_programs_write_just_after_the_apps_save_is_noticed(window, opened, qtbot, dialogs, monkeypatch):
    real = io.save

    def save_then_written_over(design, path, **kwargs):
        real(design, path, **kwargs)
        _other_bytes(path, design)  # between the app's rename and its look at what it wrote

    window.document.push(commands.SetFields("hq", {"users": 300}))
    monkeypatch.setattr(io, "save", save_then_written_over)
    assert window.files.save()
    monkeypatch.setattr(io, "save", real)
    qtbot.waitUntil(lambda: window.file_watch.state == "changed", timeout=5000)  # was never shown
    assert not window.files.save()  # and the next save asks before replacing that newer file (answered Cancel)
    assert dialogs["question"][-1][0] == "File changed by another program"
    assert io.load(opened).name == "Changed elsewhere"


def test_another_programs_write_just_after_the_apps_open_is_noticed(window, tmp_path, qtbot, monkeypatch):
    path = tmp_path / "plan.json"
    io.save(window.document.design, path)
    real = io.load

    def load_then_written_over(source):
        design = real(source)
        _other_bytes(path, design)  # between the app's read and its look at the file
        return design

    monkeypatch.setattr(io, "load", load_then_written_over)
    assert window.files.open_path(path, ask=False, remember=False)
    monkeypatch.setattr(io, "load", real)
    qtbot.waitUntil(lambda: window.file_watch.state == "changed", timeout=5000)
    assert window.document.design.name == "Sample WAN"


def test_the_bar_in_a_narrow_window_shows_its_buttons_whole(window, opened, qtbot):
    window.document.push(commands.SetFields("hq", {"users": 300}))
    _other_bytes(opened, window.document.design)
    qtbot.waitUntil(lambda: window.file_watch.bar.isVisible(), timeout=5000)
    window.resize(300, 700)  # as narrow as the window goes, the docks beside the canvas
    bar = window.file_watch.bar
    qtbot.waitUntil(lambda: bar.width() < 400)
    qtbot.wait(50)
    os.makedirs("/tmp/h50c", exist_ok=True)
    bar.grab().save("/tmp/h50c/narrow-bar.png")
    for button in (bar.reload, bar.keep):
        assert button.width() >= button.sizeHint().width(), button.text()  # was "ep My Chang"
        assert 0 <= button.x() and button.geometry().right() < bar.width()
    assert bar.text.width() >= bar.fontMetrics().averageCharWidth() * 20  # the text not a word a line


def test_a_closed_window_follows_its_file_no_more(window, opened, qtbot):
    window.close()
    assert not window.isVisible()
    watch = window.file_watch
    assert watch.watcher.files() == [] and watch.watcher.directories() == []
    opened.unlink()
    _settled(qtbot, window)
    watch._app_state(Qt.ApplicationState.ApplicationActive)  # as if the app came to the front
    assert watch.state == "" and not window.document.modified  # was "deleted", and unsaved work to autosave


def test_a_file_spoiled_then_written_back_as_it_was_is_saved_again(window, opened, qtbot, dialogs):
    data = opened.read_bytes()
    opened.write_text("{ not a design", encoding="utf-8")
    qtbot.waitUntil(lambda: window.file_watch.state == "changed", timeout=5000)
    assert not window.file_watch.reload() and window.file_watch.state == "invalid" and window.document.modified
    opened.write_bytes(data)
    qtbot.waitUntil(lambda: not window.file_watch.bar.isVisible(), timeout=5000)
    assert not window.document.modified  # was left unsaved though the file holds the design shown
