"""The compiled loops' cached machine code is dropped when any of their sources changed (numba checks a function's
own file only), and kept otherwise; other modules' caches are never touched."""

from __future__ import annotations

from advisor import compiled_cache


def _package(tmp_path):
    for name in compiled_cache.SOURCES:
        (tmp_path / name).write_text(f"# {name}\n")
    cache = tmp_path / "__pycache__"
    cache.mkdir()
    made = [cache / "routing_kernels.heap_sources-165.py311.nbi", cache / "routing_search.lowest-220.py311.1.nbc",
            cache / "routing_hubs._settle-125.py311.3.nbc"]
    other = [cache / "routing_graph.cpython-311.pyc", cache / "erlang.something.py311.nbi"]
    for path in made + other:
        path.write_bytes(b"x")
    return made, other


def test_a_change_to_any_source_drops_the_loops_machine_code_only(tmp_path):
    made, other = _package(tmp_path)
    assert compiled_cache.refresh(tmp_path)  # no stamp yet: made from unknown sources
    assert not any(p.exists() for p in made) and all(p.exists() for p in other)
    for path in made:
        path.write_bytes(b"x")  # numba compiles and caches them again
    assert not compiled_cache.refresh(tmp_path)  # the same sources: kept
    assert all(p.exists() for p in made)
    (tmp_path / "routing_search.py").write_text("# routing_search.py, changed\n")  # one callee's file alone
    assert compiled_cache.refresh(tmp_path)
    assert not any(p.exists() for p in made) and all(p.exists() for p in other)


def test_a_package_that_cannot_be_read_is_left_alone(tmp_path):
    assert compiled_cache.refresh(tmp_path / "missing") is False


def test_the_stamp_is_replaced_whole(tmp_path, monkeypatch):
    # A stamp cut short by a kill made the next run drop the machine code and compile for ten seconds: the stamp is
    # written beside and renamed into place, so a write that fails midway leaves the old stamp and no part file.
    import os

    _package(tmp_path)
    compiled_cache.refresh(tmp_path)
    stamp = tmp_path / "__pycache__" / compiled_cache.STAMP
    kept = stamp.read_text(encoding="ascii")
    (tmp_path / "routing_hubs.py").write_text("# changed\n")

    def cut_short(_src, _dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", cut_short)
    compiled_cache.refresh(tmp_path)
    assert stamp.read_text(encoding="ascii") == kept
    assert sorted(p.name for p in stamp.parent.iterdir() if "stamp" in p.name) == [compiled_cache.STAMP]
    monkeypatch.undo()
    compiled_cache.refresh(tmp_path)
    assert stamp.read_text(encoding="ascii") != kept
