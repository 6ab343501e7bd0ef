"""Many files written atomically with one flush to disk per batch (`io.write_atomic_many`): each new content is on
disk before it replaces its file, no temporary is left, and an error leaves every file whole."""

from __future__ import annotations

import os
import stat

import pytest

from advisor import io


def _temps(folder) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_every_file_is_replaced_after_one_flush_per_batch(tmp_path, monkeypatch):
    flushes = []
    real_sync = os.sync

    def sync():  # at each flush, no file of the batch has been replaced yet: they still read the old text
        flushes.append(sorted(p.read_text() for p in tmp_path.glob("f*.txt")))
        real_sync()

    monkeypatch.setattr(os, "sync", sync)
    for i in range(5):
        (tmp_path / f"f{i}.txt").write_text("old")
    os.chmod(tmp_path / "f0.txt", 0o640)
    items = [(tmp_path / f"f{i}.txt", f"new {i}".encode()) for i in range(7)]
    io.write_atomic_many(items, batch=3)
    assert [p.read_text() for p in sorted(tmp_path.glob("f*.txt"))] == [f"new {i}" for i in range(7)]
    assert len(flushes) == 3  # 7 files in batches of 3: 3 + 3 + 1
    assert flushes[0] == ["old"] * 5  # the first batch flushed before any replace
    assert stat.S_IMODE(os.stat(tmp_path / "f0.txt").st_mode) == 0o640  # an existing file keeps its permissions
    assert _temps(tmp_path) == []


def test_an_error_leaves_each_file_old_or_new_and_no_temporary(tmp_path, monkeypatch):
    from advisor import atomic

    for i in range(4):
        (tmp_path / f"f{i}.txt").write_text("old")
    real = atomic.replace_locked
    done = []

    def replace(tmp, target):
        if len(done) == 2:
            raise OSError(28, "No space left on device")
        done.append(target)
        real(tmp, target)

    monkeypatch.setattr(atomic, "replace_locked", replace)
    with pytest.raises(OSError):
        io.write_atomic_many([(tmp_path / f"f{i}.txt", b"new") for i in range(4)], batch=4)
    assert [p.read_text() for p in sorted(tmp_path.glob("f*.txt"))] == ["new", "new", "old", "old"]
    assert _temps(tmp_path) == []
