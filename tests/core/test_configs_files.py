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


def test_write_all_flushes_each_file_and_the_folder_once(tmp_path, monkeypatch):
    """Each sketch is flushed before it replaces the old file; the folder's entries once, after the last (and
    also when a write fails midway, for the files already written)."""
    import os

    from advisor import atomic

    d = Design.model_validate({
        "name": "flush", "vpn": {"technology": "none"},
        "sites": [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": 10, "cucm_publisher": i == 0}
                  for i in range(4)],
        "links": [{"id": f"l{i}", "a": "s0", "b": f"s{i}"} for i in range(1, 4)]})
    s = sketches(d, analyse(d))
    flushed, folders = [], []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (flushed.append(fd), real_fsync(fd))[1])
    monkeypatch.setattr(atomic, "fsync_dir", lambda folder: folders.append(folder))
    written = write_all(tmp_path, s)
    assert len(written) == 4 and len(flushed) == 4 and folders == [tmp_path]

    folders.clear()
    calls = []

    def fail_third(path, data, **kw):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_write(path, data, **kw)

    import advisor.io

    real_write = advisor.io.write_atomic
    monkeypatch.setattr(advisor.io, "write_atomic", fail_third)
    with pytest.raises(OSError):
        write_all(tmp_path / "again", s)
    assert folders == [tmp_path / "again"]  # the two written files' names are flushed too
