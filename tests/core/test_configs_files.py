"""advisor.configs.files: one file per site named after its id, safe on every file system, collisions resolved,
written atomically."""

import pytest

from advisor.analysis import analyse
from advisor.configs import sketches
from advisor.configs.files import file_names, file_stem, write_all
from advisor.model import Design


@pytest.mark.parametrize("site_id, stem", [
    ("hq", "hq"), ("br-01_a.b", "br-01_a.b"),
    (".", "__"), ("..", "__"), (".hidden", "_.hidden"),  # no '.', '..' or hidden files
    ("CON", "CON_"), ("nul", "nul_"), ("com1.txt", "com1.txt_"), ("CONSOLE", "CONSOLE"),  # Windows device names
    ("end.", "end_"),  # Windows drops a trailing dot
])
def test_file_stems(site_id, stem):
    assert file_stem(site_id) == stem


def test_names_unique_regardless_of_case():
    assert file_names(["HQ", "hq", "Hq", "br"]) == {"HQ": "HQ.txt", "hq": "hq-2.txt", "Hq": "Hq-3.txt",
                                                     "br": "br.txt"}


def test_a_suffix_never_collides_with_a_real_id():
    names = file_names(["a", "A", "a-2"])
    assert len({n.lower() for n in names.values()}) == 3
    assert file_names([".", ".."]) == {".": "__.txt", "..": "__-2.txt"}


def test_write_all_one_file_per_site(tmp_path):
    d = Design.model_validate({
        "name": "files", "vpn": {"technology": "none"},
        "sites": [{"id": "HQ", "kind": "hq", "users": 10, "cucm_publisher": True},
                  {"id": "hq", "users": 10, "survivability": "srst"}, {"id": "CON", "users": 5}],
        "links": [{"id": "l1", "a": "HQ", "b": "hq"}, {"id": "l2", "a": "HQ", "b": "CON"}]})
    s = sketches(d, analyse(d))
    out = tmp_path / "new" / "configs"  # created with its parent
    written = write_all(out, s)
    assert [(sid, p.name) for sid, p in written] == [("HQ", "HQ.txt"), ("hq", "hq-2.txt"), ("CON", "CON_.txt")]
    assert sorted(p.name for p in out.iterdir()) == ["CON_.txt", "HQ.txt", "hq-2.txt"]  # no temporaries left
    for sid, path in written:
        assert path.read_text(encoding="utf-8") == s[sid].text()


def test_write_all_flushes_the_sketches_in_batches_and_the_folder_once(tmp_path, monkeypatch):
    """Each sketch is on disk before it replaces the old file, a batch of them by one flush; the folder's entries
    once, after the last (and also when a write fails midway, for the files already written)."""
    import os

    from advisor import atomic

    d = Design.model_validate({
        "name": "flush", "vpn": {"technology": "none"},
        "sites": [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": 10, "cucm_publisher": i == 0}
                  for i in range(4)],
        "links": [{"id": f"l{i}", "a": "s0", "b": f"s{i}"} for i in range(1, 4)]})
    s = sketches(d, analyse(d))
    flushed, synced, folders = [], [], []
    real_fsync, real_sync = os.fsync, os.sync
    monkeypatch.setattr(os, "fsync", lambda fd: (flushed.append(fd), real_fsync(fd))[1])
    monkeypatch.setattr(os, "sync", lambda: (synced.append(1), real_sync())[1])
    monkeypatch.setattr(atomic, "fsync_dir", lambda folder: folders.append(folder))
    written = write_all(tmp_path, s)
    # the four files' contents on disk in one flush before any replaces its file, the folder flushed once
    assert len(written) == 4 and (len(synced), len(flushed)) == (1, 0) and folders == [tmp_path]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(path.name for _sid, path in written)

    folders.clear()
    real_replace = atomic.replace_locked
    replaced = []

    def fail_third(tmp, target):
        if len(replaced) == 2:
            raise OSError(28, "No space left on device")
        replaced.append(target)
        real_replace(tmp, target)

    monkeypatch.setattr(atomic, "replace_locked", fail_third)
    with pytest.raises(OSError):
        write_all(tmp_path / "again", s)
    assert sorted((tmp_path / "again").iterdir()) == sorted(replaced)  # two whole files, no temporary
    assert folders == [tmp_path / "again"]  # the two written files' names are flushed too
