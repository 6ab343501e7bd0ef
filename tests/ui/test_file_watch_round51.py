"""Round 51, the open design's file: one that can no longer be read is said as such (not "deleted"), and a folder
renamed or removed anywhere above it is noticed while the window is active, not only when it comes back to the
front."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtCore import Qt

from advisor import io
from advisor.ui import file_watch


@pytest.fixture
def permissions(monkeypatch):
    """Reading obeys the file's permissions as for a user (the tests run as root too, who reads anything)."""

    real_digest = file_watch._digest

    def checked_digest(path):  # the watch reads without blocking (`_digest`)
        if not os.stat(path).st_mode & (stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH):
            raise PermissionError(13, "Permission denied", str(path))
        return real_digest(path)

    monkeypatch.setattr(file_watch, "_digest", checked_digest)


def _state(qtbot, window, state: str) -> None:
    qtbot.waitUntil(lambda: window.file_watch.state == state, timeout=5000)


def _settled(qtbot, window) -> None:
    qtbot.wait(3 * window.file_watch._settle.interval())


# -- a file that can no longer be read ----------------------------------------------------------------------------
def test_a_file_made_unreadable_is_said_so_not_deleted(window, opened, qtbot, permissions, dialogs):
    os.chmod(opened, 0)
    _state(qtbot, window, "unreadable")  # was nothing (the same size and time), or "deleted" once looked at again
    bar = window.file_watch.bar
    assert bar.isVisible()
    assert bar.text.text() == ("“plan.json” can no longer be read: permission to read it was taken away. The design "
                               "stays open here; save it to write the file again.")
    assert bar.save.isVisible() and bar.dismiss.isVisible() and not bar.reload.isVisible()
    assert window.document.modified  # nobody can tell the file still holds it: closing asks
    assert not window.actions_by_name["revert"].isEnabled()
    assert "can no longer be read" in window.actions_by_name["revert"].toolTip()
    os.chmod(opened, 0o644)  # given back: the same bytes, saved again
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=5000)
    assert window.file_watch.state == "" and not window.document.modified


def test_an_unreadable_file_rewritten_by_another_program_is_not_said_deleted(window, opened, qtbot, permissions):
    window.file_watch.watcher.removePaths(window.file_watch.watcher.files() + window.file_watch.watcher.directories())
    opened.write_text(io.dumps(window.document.design.model_copy(update={"name": "Other"})), encoding="utf-8")
    os.chmod(opened, 0)
    window.file_watch._app_state(Qt.ApplicationState.ApplicationActive)  # was "deleted or moved"
    assert window.file_watch.state == "unreadable"


def test_save_again_over_an_unreadable_file_asks_nothing(window, opened, qtbot, permissions, dialogs):
    os.chmod(opened, 0)
    _state(qtbot, window, "unreadable")
    qtbot.mouseClick(window.file_watch.bar.save, Qt.MouseButton.LeftButton)
    assert dialogs["question"] == []  # was "changed by another program … replace that newer version?"
    assert not window.document.modified and not window.file_watch.bar.isVisible()
    assert io.load(opened).name == "Sample WAN"


def test_a_dismissed_unreadable_file_is_not_said_again_until_it_changes(window, opened, qtbot, permissions):
    os.chmod(opened, 0)
    _state(qtbot, window, "unreadable")
    qtbot.mouseClick(window.file_watch.bar.dismiss, Qt.MouseButton.LeftButton)
    window.file_watch._app_state(Qt.ApplicationState.ApplicationActive)
    assert not window.file_watch.bar.isVisible() and window.document.modified
    os.chmod(opened, 0o200)  # another change, still unreadable: said again
    _state(qtbot, window, "unreadable")


def test_a_folder_on_the_way_that_cannot_be_entered_is_not_said_deleted(window, opened, monkeypatch):
    def refused(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(file_watch.os, "stat", refused)
    assert file_watch.look(opened).unreadable  # was None: "deleted or moved"


# -- a folder above the file renamed or removed -------------------------------------------------------------------
@pytest.fixture
def deep(window, tmp_path):
    """The sample design opened from tmp/projects/acme/plan.json."""
    path = tmp_path / "projects" / "acme" / "plan.json"
    path.parent.mkdir(parents=True)
    io.save(window.document.design, path)
    assert window.files.open_path(path, ask=False, remember=False)
    return path


def test_a_folder_renamed_above_the_file_is_noticed_while_the_window_is_active(window, deep, qtbot):
    projects = deep.parents[1]
    projects.rename(projects.with_name("projects-2025"))  # the file's inode unchanged: its own watch says nothing
    _state(qtbot, window, "deleted")  # was noticed only when the app came back to the front
    assert window.file_watch.bar.isVisible() and window.document.modified
    projects.with_name("projects-2025").rename(projects)  # put back
    qtbot.waitUntil(lambda: not window.file_watch.bar.isVisible(), timeout=5000)
    assert not window.document.modified


def test_the_files_own_folder_renamed_is_noticed(window, deep, qtbot):
    deep.parent.rename(deep.parent.with_name("acme-old"))
    _state(qtbot, window, "deleted")


def test_a_folder_removed_and_made_again_is_followed_anew(window, deep, qtbot):
    data = deep.read_bytes()
    projects = deep.parents[1]
    projects.rename(projects.with_name("old"))
    _state(qtbot, window, "deleted")
    deep.parent.mkdir(parents=True)  # other folders under the same names
    deep.write_bytes(data)
    qtbot.waitUntil(lambda: window.file_watch.state == "" and not window.document.modified, timeout=5000)
    _settled(qtbot, window)
    assert str(deep) in window.file_watch.watcher.files()
    deep.write_text(io.dumps(io.load(deep).model_copy(update={"name": "Changed elsewhere"})), encoding="utf-8")
    _state(qtbot, window, "changed")  # the new folder's file is watched, not the one moved away


def test_a_closed_window_watches_no_folder(window, deep):
    assert str(deep.parents[1]) in window.file_watch.watcher.directories()
    window.close()
    assert window.file_watch.watcher.directories() == [] and window.file_watch.watcher.files() == []


def test_the_file_is_read_without_blocking(window, opened, monkeypatch):
    """The watch read the file with a blocking open before io.load looked at it: a file the system calls regular
    whose read waits (/proc/kmsg, as root) held the window for good when opened from the command line or Open
    Recent. It opens as io.load does, without blocking, and a read that would wait counts as nothing read."""
    flags_seen = []
    real_open = os.open

    def spy(path, flags, *args, **kwargs):
        flags_seen.append(flags)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(file_watch.os, "open", spy)
    assert file_watch.look(opened) is not None
    assert flags_seen and all(f & os.O_NONBLOCK for f in flags_seen)

    def would_wait(fd, n):
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(file_watch.os, "read", would_wait)
    (opened.parent / "again.json").write_bytes(opened.read_bytes())
    assert file_watch.look(opened.parent / "again.json") is None
