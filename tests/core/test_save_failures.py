"""Saves that fail or are killed at their edges: the older backup is put back when the file itself cannot be
replaced, file names up to the system's 255-byte limit save (their temporaries are named short), and the CLI's
check that an output can be written leaves nothing a later save would not clean."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from advisor import atomic, io
from advisor.cli._common import file_problem
from advisor.model import Design


def small(name: str) -> Design:
    return Design.model_validate({"name": name, "sites": [{"id": "hq", "kind": "hq", "users": 10}]})


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_save_that_cannot_replace_the_file_puts_the_older_backup_back(tmp_path, monkeypatch):
    path = tmp_path / "x.json"
    io.save(small("v0"), path)
    io.save(small("v1"), path)  # x.json = v1, x.json.bak = v0
    real = atomic.replace_locked

    def refused_for_the_file(tmp, target):
        if Path(target) == path:  # the backup's replace goes through, the file's own is refused (an immutable file)
            raise PermissionError(1, "Operation not permitted", str(target))
        real(tmp, target)

    monkeypatch.setattr(atomic, "replace_locked", refused_for_the_file)
    with pytest.raises(PermissionError):
        io.save(small("v2"), path)
    monkeypatch.undo()
    assert io.load(path).name == "v1"
    assert io.load(tmp_path / "x.json.bak").name == "v0"  # it held v1 (a copy of the unchanged file), v0 lost
    assert temps(tmp_path) == []


def test_a_save_that_goes_through_leaves_no_second_name_of_the_older_backup(tmp_path):
    path = tmp_path / "x.json"
    for name in ("v0", "v1", "v2"):
        io.save(small(name), path)
    assert io.load(tmp_path / "x.json.bak").name == "v1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json", "x.json.bak"]
    assert os.stat(tmp_path / "x.json.bak").st_nlink == 1


def test_a_failed_backup_says_the_older_one_is_still_there(tmp_path, monkeypatch):
    path = tmp_path / "x.json"
    io.save(small("v0"), path)
    io.save(small("v1"), path)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(io.shutil, "copyfileobj", disk_full)
    with pytest.raises(io.BackupError, match=r"No space left on device \(x\.json\.bak still holds an older version\)"):
        io.save(small("v2"), path)
    monkeypatch.undo()
    assert io.load(path).name == "v2" and io.load(tmp_path / "x.json.bak").name == "v0"
    assert temps(tmp_path) == []


@pytest.mark.parametrize("length", [237, 238, 241, 242, 250, 251])
def test_long_file_names_save_with_their_backup(tmp_path, length):
    name = "d" * (length - len(".json")) + ".json"  # 'length' bytes; with '.bak' at most 255
    path = tmp_path / name
    io.save(small("v1"), path)
    io.save(small("v2"), path)
    assert io.load(path).name == "v2" and io.load(tmp_path / (name + ".bak")).name == "v1"
    assert temps(tmp_path) == []


@pytest.mark.parametrize("length", [252, 255])
def test_a_name_too_long_for_a_backup_is_saved_and_says_why_there_is_none(tmp_path, length):
    name = "é" * ((length - len(".json")) // 2) + "e" * ((length - len(".json")) % 2) + ".json"  # 2-byte letters
    assert len(name.encode()) == length
    path = tmp_path / name
    io.save(small("v1"), path)
    with pytest.raises(io.BackupError, match="the file name is too long to add '.bak' to it"):
        io.save(small("v2"), path)
    assert io.load(path).name == "v2"
    assert temps(tmp_path) == []


def test_a_long_names_temporaries_are_cut_on_a_character_and_stay_within_the_limit():
    name = "é" * 125 + ".json"  # 255 bytes
    for backup in (False, True):
        prefix = atomic.temp_prefix(name, backup)
        assert len((prefix + "abcdefgh.tmp").encode()) <= 255
        assert prefix.startswith(".é") and "~" in prefix and prefix.endswith(".bak." if backup else ".")
    assert atomic.temp_prefix("d.json") == ".d.json." and atomic.temp_prefix("d.json", True) == ".d.json.bak."
    # two long names that share their first 230 bytes get different temporaries
    assert atomic.temp_prefix("a" * 240 + "1.json") != atomic.temp_prefix("a" * 240 + "2.json")


def test_a_killed_saves_short_temporary_of_a_long_name_is_removed(tmp_path):
    name = "d" * 245 + ".json"
    path = tmp_path / name
    io.save(small("v1"), path)
    fd, left = atomic.locked_temp(tmp_path, atomic.temp_prefix(name))  # a save killed mid-write: its lock is gone
    os.close(fd)
    fd, other = atomic.locked_temp(tmp_path, atomic.temp_prefix("d" * 244 + "e.json"))  # another file's, killed
    os.close(fd)
    atomic._listings.clear()  # the folder's listing serves a burst of saves for a quarter second: a later one
    io.save(small("v2"), path)
    assert not os.path.exists(left) and os.path.exists(other)


def test_the_output_check_leaves_a_temporary_the_next_save_removes(tmp_path, monkeypatch):
    out = tmp_path / "design.pdf"
    monkeypatch.setattr(os, "unlink", lambda *a, **k: None)  # killed between making the check file and removing it
    assert file_problem(str(out), "design.pdf") is None
    monkeypatch.undo()
    (left,) = temps(tmp_path)
    assert left.startswith(".design.pdf.")  # one of that file's own temporaries, which the next write cleans
    io.write_atomic(out, b"%PDF-1.4")
    assert temps(tmp_path) == []


def test_a_backup_name_taken_by_a_folder_is_said_as_such(tmp_path):
    # it said "Is a directory (x.json.bak still holds an older version)": the folder holds no version
    path = tmp_path / "x.json"
    io.save(small("v0"), path)
    (tmp_path / "x.json.bak").mkdir()
    with pytest.raises(io.BackupError) as raised:
        io.save(small("v1"), path)
    assert str(raised.value).endswith("the previous version could not be kept as x.json.bak: it is a folder")
    assert io.load(path).name == "v1" and (tmp_path / "x.json.bak").is_dir()
    assert temps(tmp_path) == []


def test_a_save_killed_just_after_ours_is_cleaned_by_our_next_save_at_once(tmp_path):
    # another process's save of the same file killed within a quarter second of ours: its temporary outlived our
    # next save (the folder's listing was kept for a burst of saves); a folder of a few files is listed every time
    path = tmp_path / "design.json"
    io.save(small("v1"), path)
    fd, left = atomic.locked_temp(tmp_path, atomic.temp_prefix("design.json"))  # killed mid-write: no lock left
    os.close(fd)
    io.save(small("v2"), path)
    assert not os.path.exists(left) and temps(tmp_path) == []


def test_a_crowded_folders_listing_serves_a_burst_of_saves(tmp_path, monkeypatch):
    for i in range(atomic._CROWDED):
        (tmp_path / f"sketch-{i}.txt").write_text("x")
    listed: list[int] = []
    real = os.scandir
    monkeypatch.setattr(atomic.os, "scandir", lambda folder: listed.append(1) or real(folder))
    atomic._listings.clear()
    for i in range(20):
        io.write_atomic(tmp_path / f"sketch-{i}.txt", b"y")
    assert 1 <= len(listed) < 20  # listed once per quarter second, not once per file
