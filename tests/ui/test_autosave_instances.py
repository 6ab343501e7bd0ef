"""Autosave with several instances running: each writes a file of its own, held by a lock while it runs. Closing
one window never deletes another's unsaved work, and a start offers only what an ended instance left."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox

from advisor import io
from advisor.commands import SetFields
from advisor.model import Design
from advisor.ui import app as app_module
from advisor.ui.files import autosave_folder, autosave_path, orphaned_autosaves


@pytest.fixture
def other():
    """Another instance's autosave file, its lock held as a running instance holds it; removed afterwards."""
    folder = autosave_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "autosave-424242-deadbeef.json"
    io.save(Design(name="Other window's work"), path, backup=False)
    lock = QLockFile(str(path.with_suffix(".lock")))
    assert lock.tryLock(0)
    yield path, lock
    lock.unlock()
    for item in (path, path.with_suffix(".lock"), path.with_name(path.name + ".damaged")):
        item.unlink(missing_ok=True)


def test_closing_one_window_keeps_another_instances_unsaved_work(window, dialogs, other):
    path, _lock = other
    window.document.push(SetFields("design", {"name": "Mine"}))
    mine = window.files.autosave()
    assert mine == autosave_path() and mine != path and io.load(mine).name == "Mine"
    assert f"-{os.getpid()}-" in mine.name  # a file of this instance's own, not one every instance shares
    window.files.clear_autosave()  # as closing this window does
    assert not mine.exists() and io.load(path).name == "Other window's work"


def test_a_start_offers_only_what_an_ended_instance_left(window, dialogs, other):
    path, lock = other
    assert path not in orphaned_autosaves()  # its instance still runs
    app_module._offer_recovery(window)()
    assert dialogs["question"] == [] and path.exists()
    lock.unlock()  # the instance has ended
    assert path in orphaned_autosaves()
    dialogs["answers"].append(QMessageBox.StandardButton.Open)
    app_module._offer_recovery(window)()
    assert window.document.design.name == "Other window's work" and not path.exists()
    window.document.undo_stack.undo()  # recovering is undoable
    assert window.document.design.name != "Other window's work"


def test_a_damaged_autosave_is_kept_aside_not_deleted(window, dialogs, other):
    path, lock = other
    lock.unlock()
    path.write_text("{ this is not a design", encoding="utf-8")
    dialogs["answers"].append(QMessageBox.StandardButton.Open)
    app_module._offer_recovery(window)()
    (title, text), = dialogs["warning"]
    kept = path.with_name(path.name + ".damaged")
    assert title == "Cannot recover" and str(kept) in text
    assert kept.read_text(encoding="utf-8") == "{ this is not a design" and not path.exists()


@pytest.mark.parametrize("content", [b"", b"\x8f\x00garbage\xff" * 20, b"-5\nadvisor\nhost\n"])
def test_an_autosave_beside_a_lock_that_names_no_instance_is_offered_once_it_is_old(window, dialogs, content):
    """A lock file left empty or garbled (an instance ended between creating it and writing its process id):
    QLockFile never calls it stale, so the work beside it was never offered nor cleared. After a minute it is the
    lock of an ended instance; until then a starting instance may still be writing it."""
    folder = autosave_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "autosave-4242-cafebabe.json"
    io.save(Design(name="Work of a crashed window"), path, backup=False)
    lock_path = path.with_suffix(".lock")
    lock_path.write_bytes(content)
    try:
        assert path not in orphaned_autosaves()  # just written: maybe a starting instance's
        old = lock_path.stat().st_mtime - 3600
        os.utime(lock_path, (old, old))
        assert path in orphaned_autosaves()
        dialogs["answers"].append(QMessageBox.StandardButton.Open)
        app_module._offer_recovery(window)()
        assert window.document.design.name == "Work of a crashed window"
        assert not path.exists() and not lock_path.exists()
    finally:
        for item in (path, lock_path):
            item.unlink(missing_ok=True)


def test_a_lock_naming_a_running_instance_stays_however_old(other):
    path, _lock = other
    lock_path = path.with_suffix(".lock")
    old = lock_path.stat().st_mtime - 3600
    os.utime(lock_path, (old, old))
    assert path not in orphaned_autosaves()


def test_a_lone_lock_that_names_no_instance_is_cleared_once_it_is_old(window):
    """The clearing of leftovers judges a lock without its autosave as the recovery does: an empty one left by an
    instance that ended before writing it stayed for good; a fresh one may be a starting instance's."""
    from advisor.ui.files import remove_abandoned_autosave_temps

    folder = autosave_folder()
    folder.mkdir(parents=True, exist_ok=True)
    lock_path = folder / "autosave-4343-cafebabe.lock"
    lock_path.write_bytes(b"")
    try:
        assert lock_path not in remove_abandoned_autosave_temps() and lock_path.exists()
        old = lock_path.stat().st_mtime - 3600
        os.utime(lock_path, (old, old))
        assert lock_path in remove_abandoned_autosave_temps() and not lock_path.exists()
    finally:
        lock_path.unlink(missing_ok=True)
