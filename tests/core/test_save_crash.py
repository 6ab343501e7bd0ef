"""Crash-safe saves: a kill at any moment leaves the old or the new file and a whole FILE.bak; temporaries of
killed saves are removed by the next save; a failed backup is reported and does not stop the save."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from advisor import io
from advisor.model import Design

ROOT = Path(__file__).resolve().parents[2]


def small(name: str = "first") -> Design:
    return Design.model_validate({"name": name, "sites": [{"id": "hq", "kind": "hq", "users": 10}]})


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def make_old(paths) -> None:
    then = time.time() - 3600
    for p in paths:
        os.utime(p, (then, then))


# -- the SIGKILL test -----------------------------------------------------------------------------------------

CHILD = textwrap.dedent("""
    import sys
    from advisor import io
    path = sys.argv[1]
    a = io.load(path)
    b = a.model_copy(update={"name": "design B"})
    a = a.model_copy(update={"name": "design A"})
    print("ready", flush=True)
    while True:
        io.save(b, path)
        io.save(a, path)
""")


def big_design(sites: int) -> Design:
    return Design.model_validate({
        "name": "design A",
        "sites": [{"id": f"s{i}", "name": f"Site {i}", "kind": "hq" if i == 0 else "branch", "users": 20,
                   "cucm_publisher": i == 0} for i in range(sites)],
        "clouds": [{"id": "wan"}],
        "links": [{"id": f"l{i}", "a": f"s{i}", "b": "wan"} for i in range(sites)],
    })


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_sigkill_during_saves_leaves_a_whole_file_and_a_whole_backup(tmp_path):
    path = tmp_path / "design.json"
    design = big_design(5000)
    io.save(design, path)
    io.save(design, path)  # FILE.bak exists from here on
    rnd = random.Random(9)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(12):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, cwd=ROOT,
                                 env=env)
        try:
            assert child.stdout.readline().strip() == b"ready"
            time.sleep(rnd.uniform(0.0, 0.6))  # a 5,000-site save takes a good part of that
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(10)
            child.stdout.close()
        assert io.load(path).name in ("design A", "design B")
        assert io.load(path.with_name("design.json.bak")).name in ("design A", "design B")
    leftovers = [tmp_path / name for name in temps(tmp_path)]
    make_old(leftovers)  # as if the user saved again a little later
    io.save(small(), path)
    assert temps(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["design.json", "design.json.bak"]
    assert io.load(path).name == "first"


# -- stale temporaries -----------------------------------------------------------------------------------------

def test_only_our_stale_temporaries_are_removed(tmp_path):
    path = tmp_path / "d.json"
    ours_old = [tmp_path / ".d.json.abcd_123.tmp", tmp_path / ".d.json.bak.zz99yy88.tmp"]
    ours_fresh = tmp_path / ".d.json.k2k2k2k2.tmp"  # a save running in another window right now
    others = [tmp_path / ".other.json.abcdefgh.tmp", tmp_path / ".d.json.notours.tmp",
              tmp_path / "d.json.abcdefgh.tmp", tmp_path / ".d.json.abcdefgh.tmp.keep",
              tmp_path / ".d.jsonabcdefgh.tmp"]
    for p in [*ours_old, ours_fresh, *others]:
        p.write_text("partial")
    folder_like = tmp_path / ".d.json.qqqqqqqq.tmp"
    folder_like.mkdir()
    make_old([*ours_old, *others, folder_like])
    io.save(small(), path)
    left = set(temps(tmp_path)) | {p.name for p in tmp_path.iterdir()}
    assert not any(p.name in left for p in ours_old)
    assert ours_fresh.name in left and folder_like.name in left
    assert all(p.exists() for p in others)


def test_remove_stale_temps_never_raises(tmp_path):
    assert io.remove_stale_temps(tmp_path / "missing-folder" / "d.json") == []


# -- backups -------------------------------------------------------------------------------------------------

def test_backup_is_written_atomically_and_a_failed_one_keeps_the_previous_backup(tmp_path, monkeypatch):
    path = tmp_path / "d.json"
    io.save(small("v1"), path)
    io.save(small("v2"), path)  # d.json.bak = v1
    assert io.load(tmp_path / "d.json.bak").name == "v1"

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(io.shutil, "copyfileobj", disk_full)
    with pytest.raises(io.BackupError) as exc:
        io.save(small("v3"), path)
    monkeypatch.undo()
    message = str(exc.value)
    assert "d.json: saved, but the previous version could not be kept as d.json.bak" in message
    assert "No space left on device" in message
    assert isinstance(exc.value, io.DesignFileError)
    # the save itself went through, and the old backup is whole (never truncated)
    assert io.load(path).name == "v3"
    assert io.load(tmp_path / "d.json.bak").name == "v1"
    assert temps(tmp_path) == []


def test_backup_that_cannot_replace_is_reported(tmp_path):
    path = tmp_path / "d.json"
    io.save(small("v1"), path)
    (tmp_path / "d.json.bak").mkdir()  # something in the way
    with pytest.raises(io.BackupError, match="d.json.bak"):
        io.save(small("v2"), path)
    assert io.load(path).name == "v2"
    assert temps(tmp_path) == []


def test_backup_fsync_failure_is_reported(tmp_path, monkeypatch):
    path = tmp_path / "d.json"
    io.save(small("v1"), path)
    real = io._write_backup

    def failing_fsync_backup(p, folder):
        with monkeypatch.context() as m:
            m.setattr(io.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(5, "Input/output error")))
            return real(p, folder)

    monkeypatch.setattr(io, "_write_backup", failing_fsync_backup)
    with pytest.raises(io.BackupError, match="Input/output error"):
        io.save(small("v2"), path)
    assert io.load(path).name == "v2"
    assert not (tmp_path / "d.json.bak").exists()
    assert temps(tmp_path) == []


def test_no_backup_of_a_file_that_is_not_there_or_not_regular(tmp_path):
    io.save(small(), tmp_path / "new.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.json"]
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.json"
        os.mkfifo(fifo)
        io.save(small(), fifo)  # never opened for reading (that would block): replaced by the design
        assert io.load(fifo).name == "first"


def test_a_design_that_cannot_be_encoded_is_refused_and_the_file_kept(tmp_path):
    path = tmp_path / "d.json"
    io.save(small("v1"), path)
    broken = small("v1").model_copy(update={"name": "bad \ud800"})
    with pytest.raises(io.DesignFileError, match="cannot be written as UTF-8 JSON"):
        io.save(broken, path)
    assert io.load(path).name == "v1"
    assert temps(tmp_path) == []
