"""Saves killed with SIGKILL at each step (round 66, about 870 kills over every writer):

- A file whose name holds a line break: the temporaries of its killed saves were never removed (the temporaries'
  pattern matched no line break), 16 MB of them after four killed imports.
- An exercise sheet and its key: a kill between the two renames left the new sheet beside the key of the sheet
  before. The old key now goes first: at worst a sheet without a key.
- Two saves of one file at once: one went on with a temporary the other's cleanup had locked and then removed, and
  failed at its rename, blaming the folder.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from advisor import atomic
from advisor.io import write_atomic
from advisor.io_pair import write_atomic_pair

ROOT = Path(__file__).resolve().parents[2]
NEWLINE = "two\nlines.csv"


def _abandoned_temp(folder: Path, name: str) -> Path:
    """A temporary of `name` as a killed save leaves it: made and signed by `locked_temp`, its lock gone."""
    fd, tmp = atomic.locked_temp(folder, atomic.temp_prefix(name))
    os.write(fd, b"half a file")
    os.close(fd)
    return Path(tmp)


def test_the_temporaries_of_a_name_with_a_line_break_are_removed_by_its_next_save(tmp_path):
    left = [_abandoned_temp(tmp_path, NEWLINE) for _ in range(3)]
    assert all(p.exists() and "\n" in p.name for p in left)
    write_atomic(tmp_path / NEWLINE, b"a,b\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [NEWLINE]
    assert (tmp_path / NEWLINE).read_bytes() == b"a,b\n"


def test_the_folder_sweep_finds_them_too(tmp_path):
    left = _abandoned_temp(tmp_path, "site\n1.txt")
    assert atomic.remove_abandoned_in(tmp_path, ".txt") == [left]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(fcntl, "flock"), reason="file locks")
def test_a_temporary_a_cleaner_locked_first_is_never_used(tmp_path, monkeypatch):
    # The cleaner opens and locks the fresh temporary between its creation and the save's own lock; it will remove
    # it. The save must take another name, and hold its lock on that one.
    real_open, taken = os.open, []

    def racing_open(path, flags, *args):
        fd = real_open(path, flags, *args)
        if flags & os.O_EXCL and not taken:
            theirs = real_open(path, os.O_RDONLY)
            fcntl.flock(theirs, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the cleaner's lock, first
            taken.append((path, theirs))
        return fd

    monkeypatch.setattr(os, "open", racing_open)
    fd, tmp = atomic.locked_temp(tmp_path, ".d.json.")
    monkeypatch.undo()
    (first, theirs), = taken
    try:
        assert tmp != first
        probe = os.open(tmp, os.O_RDONLY)
        with pytest.raises(BlockingIOError):  # ours is locked by the save
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.close(probe)
    finally:
        os.close(fd)
        os.close(theirs)


# -- the sheet and its key ----------------------------------------------------------------------------------------

_KILLED = """
import os, signal, sys
from pathlib import Path
from advisor.io_pair import write_atomic_pair
step, at = sys.argv[1], int(sys.argv[2])
real, calls = getattr(os, step), []
def killing(*args, **kwargs):
    calls.append(args)
    if len(calls) == at:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
setattr(os, step, killing)
folder = Path(sys.argv[3])
write_atomic_pair(folder / "sheet.pdf", b"new sheet", folder / "key.pdf", b"new key")
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL")
@pytest.mark.parametrize(("step", "at"), [("link", 1), ("unlink", 1), ("replace", 1), ("replace", 2)])
def test_a_killed_pair_never_leaves_a_new_sheet_beside_the_old_key(tmp_path, step, at):
    (tmp_path / "sheet.pdf").write_bytes(b"old sheet")
    (tmp_path / "key.pdf").write_bytes(b"old key")
    proc = subprocess.run([sys.executable, "-c", _KILLED, step, str(at), str(tmp_path)], cwd=ROOT, timeout=60,
                          capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    sheet = (tmp_path / "sheet.pdf").read_bytes()
    key = (tmp_path / "key.pdf").read_bytes() if (tmp_path / "key.pdf").exists() else None
    assert (sheet, key) in {(b"old sheet", b"old key"), (b"old sheet", None), (b"new sheet", None)}, (sheet, key)
    # the next run writes the pair and removes what the killed one left
    write_atomic_pair(tmp_path / "sheet.pdf", b"newer sheet", tmp_path / "key.pdf", b"newer key")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key.pdf", "sheet.pdf"]
    assert (tmp_path / "key.pdf").read_bytes() == b"newer key"


def _failing_at(tmp_path: Path, monkeypatch, name: str) -> None:
    """Write a new pair over an old one where replacing the file `name` fails (a full disk, say)."""
    (tmp_path / "sheet.pdf").write_bytes(b"old sheet")
    (tmp_path / "key.pdf").write_bytes(b"old key")
    real = os.replace

    def failing(src, dst):
        if Path(dst).name == name:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        write_atomic_pair(tmp_path / "sheet.pdf", b"new sheet", tmp_path / "key.pdf", b"new key")
    monkeypatch.undo()


def test_a_pair_that_fails_before_the_sheet_is_replaced_keeps_the_old_pair(tmp_path, monkeypatch):
    _failing_at(tmp_path, monkeypatch, "sheet.pdf")  # (the old key's way back is a replace too, and works)
    assert (tmp_path / "sheet.pdf").read_bytes() == b"old sheet"
    assert (tmp_path / "key.pdf").read_bytes() == b"old key"  # put back
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key.pdf", "sheet.pdf"]


def test_a_pair_that_fails_after_the_sheet_is_replaced_leaves_no_older_key(tmp_path, monkeypatch):
    _failing_at(tmp_path, monkeypatch, "key.pdf")
    assert (tmp_path / "sheet.pdf").read_bytes() == b"new sheet"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.pdf"]


def test_a_pair_with_no_old_files_is_written_whole(tmp_path):
    write_atomic_pair(tmp_path / "sheet.pdf", b"s", tmp_path / "key.pdf", b"k")
    assert (tmp_path / "sheet.pdf").read_bytes() == b"s" and (tmp_path / "key.pdf").read_bytes() == b"k"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key.pdf", "sheet.pdf"]
