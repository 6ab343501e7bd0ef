"""Round 28, saves killed midway and saves that fail: each defect found, as the short sequence that shows it.

- An autosave killed midway left its temporary (.autosave-PID-XXXXXXXX.json.XXXXXXXX.tmp, the size of the design:
  7.8 MB at 5,000 sites) in the autosave folder for ever: each instance autosaves to a file of its own, and only a
  later save of that same file removed such temporaries, which never comes once the instance has ended. After 75
  killed runs the folder held 6 of them (and the lock files of instances killed before their first autosave).
- File ▸ Save As into a folder that does not exist, or under a file, said only the system's "No such file or
  directory" / "Not a directory", not which part of the path is wrong (the exports and the bid documents say it).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QLockFile

from advisor import atomic, io
from advisor.model import Design
from advisor.ui import app as app_module
from advisor.ui.files import autosave_folder, autosave_path

DEAD = "autosave-424243-feedface"  # an instance that has ended


def _abandoned_temp(folder, target: str) -> str:
    """A temporary as a save killed midway leaves it: made (and locked) by the save, unlocked by the kill."""
    fd, tmp = atomic.locked_temp(folder, f".{target}.")
    os.write(fd, b'{"schema_version": 1, "name": "half')
    os.close(fd)  # the kernel drops the lock as it does for a killed process
    return tmp


def _stale_lock(path) -> None:
    """A lock file its process left when it was killed (QLockFile finds the process gone)."""
    script = ("import os, sys\nfrom PySide6.QtCore import QLockFile\n"
              "lock = QLockFile(sys.argv[1]); lock.setStaleLockTime(0)\n"
              "assert lock.tryLock(0)\nos._exit(0)\n")
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, timeout=60)
    assert path.exists()


@pytest.fixture
def folder():
    folder = autosave_folder()
    folder.mkdir(parents=True, exist_ok=True)
    before = set(os.listdir(folder))
    yield folder
    for name in set(os.listdir(folder)) - before:
        (folder / name).unlink(missing_ok=True)


def test_the_temporaries_of_killed_autosaves_are_removed_at_the_next_start(window, dialogs, folder):
    killed = _abandoned_temp(folder, f"{DEAD}.json")  # killed before its first autosave ended: no file beside it
    (folder / "autosave-424244-0badf00d.json").write_text(io.dumps(Design(name="Killed later")), encoding="utf-8")
    killed_again = _abandoned_temp(folder, "autosave-424244-0badf00d.json")
    old_single = _abandoned_temp(folder, "autosave.json")  # the one file earlier versions wrote
    # A running instance's autosave in progress: its temporary is locked, and must stay
    fd, running = atomic.locked_temp(folder, f".{autosave_path().name}.")
    other = folder / ".notes.json.abcdefgh.tmp"  # not an autosave's: not ours to remove
    other.write_text("x", encoding="utf-8")
    try:
        app_module._offer_recovery(window)()  # the killed instance's file is offered (and refused: Cancel)
        assert dialogs["question"]
        assert not os.path.exists(killed) and not os.path.exists(killed_again) and not os.path.exists(old_single)
        assert os.path.exists(running) and other.exists()
    finally:
        os.close(fd)
        os.unlink(running)


def test_lock_files_of_instances_killed_before_their_first_autosave_are_removed(window, dialogs, folder):
    stale = folder / f"{DEAD}.lock"
    _stale_lock(stale)
    live_path = folder / "autosave-424245-c0ffee00.lock"  # another instance still running, nothing autosaved yet
    live = QLockFile(str(live_path))
    assert live.tryLock(0)
    try:
        app_module._offer_recovery(window)()
        assert not stale.exists()
        assert live_path.exists()
    finally:
        live.unlock()


def test_save_as_into_a_folder_that_does_not_exist_names_the_folder(window, dialogs, tmp_path):
    target = tmp_path / "no-such-folder" / "design.json"
    assert not window.files.save_to(target)
    (title, text), = dialogs["warning"]
    assert title == "Cannot save design"
    assert f"the folder {tmp_path / 'no-such-folder'} does not exist" in text  # was: "No such file or directory"


def test_save_as_under_a_file_names_the_file_in_the_way(window, dialogs, tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7\n")
    assert not window.files.save_to(tmp_path / "report.pdf" / "design.json")
    (_title, text), = dialogs["warning"]
    assert f"{tmp_path / 'report.pdf'} is a file, not a folder" in text  # was: "Not a directory"
