"""Saving a class file (Classroom ▸ Save Class File…) where it cannot be written: a read-only folder, a full disk,
a folder's name, a name with a NUL, a name the system cannot encode. Each ends in one dialog naming the whole path
and the reason (never an exception out of the menu's slot), and nothing is lost: a class file already there keeps
its bytes, no temporary is left, and the open design keeps its content and its unsaved changes.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

from advisor.ui.classroom.quiz import Hidden, QuizSettings

SETTINGS = QuizSettings(title="Lab", hidden=Hidden(kbps=True))
OLD = b'{"an older class file": true}\n'


@pytest.fixture
def edited(window):
    """The window with an unsaved change: the design then differs from the file and must survive a failed save."""
    from advisor.commands import SetFields

    window.document.push(SetFields("br-1", {"users": 41}))
    assert window.document.modified
    return window


def _refused(win, dialogs, path, words: str) -> str:
    design = win.document.design
    assert win.classroom.save_class_file(path, SETTINGS) is False
    assert len(dialogs["warning"]) == 1, dialogs["warning"]
    title, text = dialogs["warning"][0]
    assert title == "Cannot save class file"
    assert words in text, text
    assert "\n" not in text and "Traceback" not in text
    assert win.document.design == design and win.document.modified
    return text


def _no_temporaries(folder: Path) -> None:
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def test_a_read_only_folder_is_named_and_the_old_file_kept(edited, dialogs, tmp_path, monkeypatch):
    from advisor import atomic

    path = tmp_path / "lab.class.json"
    path.write_bytes(OLD)

    def read_only(folder, prefix):  # as the system answers in a folder without write permission (root has it all)
        raise PermissionError(errno.EACCES, "Permission denied", str(folder))
    monkeypatch.setattr(atomic, "locked_temp", read_only)
    # the whole path: the folder is the problem, not the name
    _refused(edited, dialogs, path, f"{path}: cannot be written: Permission denied")
    assert path.read_bytes() == OLD


def test_a_full_disk_leaves_the_old_file_and_no_temporary(edited, dialogs, tmp_path, monkeypatch):
    path = tmp_path / "lab.class.json"
    path.write_bytes(OLD)

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)
    _refused(edited, dialogs, path, f"{path}: cannot be written: No space left on device")
    assert path.read_bytes() == OLD
    _no_temporaries(tmp_path)


def test_a_folder_is_not_replaced(edited, dialogs, tmp_path):
    folder = tmp_path / "lab.class.json"
    folder.mkdir()
    _refused(edited, dialogs, folder, f"{folder}: cannot be written: is a folder; choose a file name")
    assert folder.is_dir()


def test_a_nul_in_the_name_is_shown_escaped(edited, dialogs, tmp_path):
    text = _refused(edited, dialogs, str(tmp_path / "lab\x00.class.json"), "the file name contains a NUL character")
    assert "\x00" not in text and "lab\\x00.class.json" in text  # a NUL in a dialog's text cuts it short
    _no_temporaries(tmp_path)


def test_a_name_the_system_cannot_encode_is_a_dialog_not_an_exception(edited, dialogs, tmp_path):
    # a lone surrogate: os.open raised UnicodeEncodeError, a ValueError no caller caught
    _refused(edited, dialogs, str(tmp_path / "lab-\ud800.class.json"), "lab-\\ud800.class.json: cannot be written: "
                                                                      "the file name holds characters this system "
                                                                      "cannot use; choose another file name")
    _no_temporaries(tmp_path)


def test_a_name_that_is_not_utf8_saves_and_is_shown_with_a_replacement_character(edited, dialogs, tmp_path):
    if sys.platform == "win32":
        pytest.skip("file names are UTF-16 on Windows")
    path = os.fsdecode(os.fsencode(tmp_path) + b"/lab-\xff.class.json")
    assert edited.classroom.save_class_file(path, SETTINGS)
    assert dialogs["warning"] == []
    assert os.path.isfile(path)
    # Qt drops the lone surrogate the undecodable byte becomes: the message read "lab-.class.json"
    assert edited.statusBar().currentMessage() == "Class file saved: lab-\ufffd.class.json"


def test_a_bug_while_saving_is_a_dialog_not_an_exception(edited, dialogs, tmp_path, monkeypatch):
    from advisor.ui.classroom import class_file

    def broken(*args):
        raise RuntimeError("line one\nline two")
    monkeypatch.setattr(class_file, "save", broken)
    path = tmp_path / "lab.class.json"
    _refused(edited, dialogs, path, f"{path}: cannot be written (RuntimeError: line one\\nline two)")
