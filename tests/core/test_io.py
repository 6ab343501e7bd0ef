"""Design files: validation messages with paths, schema versions and migrations, atomic saves with backups."""

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor import io
from advisor.model import SCHEMA_VERSION, Design


def small_design(users: int = 20) -> dict:
    return {
        "name": "t",
        "sites": [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True},
                  {"id": "b1", "users": users}],
        "clouds": [{"id": "m", "kind": "mpls"}],
        "links": [{"id": "l1", "a": "hq", "b": "m"}, {"id": "l2", "a": "b1", "b": "m"}],
    }


def write(tmp_path, data, name="d.json"):
    p = tmp_path / name
    p.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return p


def test_round_trip(tmp_path):
    d = Design.model_validate(small_design())
    io.save(d, tmp_path / "x.json")
    assert io.load(tmp_path / "x.json") == d


@settings(max_examples=30, deadline=None)
@given(users=st.integers(0, 5000), name=st.text(max_size=40), x=st.floats(-1e5, 1e5))
def test_round_trip_property(tmp_path_factory, users, name, x):
    data = small_design(users)
    data["name"] = name
    data["sites"][0]["x"] = x
    d = Design.model_validate(data)
    p = tmp_path_factory.mktemp("rt") / "d.json"
    io.save(d, p)
    assert io.load(p) == d


def test_error_names_path_and_site(tmp_path):
    data = small_design()
    data["sites"][1]["users"] = -3
    data["sites"][1]["name"] = "Zürich"
    with pytest.raises(io.DesignFileError) as exc:
        io.load(write(tmp_path, data))
    assert "sites[1].users: must be ≥ 0" in str(exc.value)
    assert "Zürich" in str(exc.value)


@pytest.mark.parametrize("mutate, expected", [
    (lambda d: d["links"].append({"id": "l3", "a": "hq", "b": "nowhere"}), "links[2].b: unknown site or cloud"),
    (lambda d: d["links"].append({"id": "l3", "a": "hq", "b": "hq"}), "cannot connect 'hq' to itself"),
    (lambda d: d["sites"].append({"id": "hq"}), "duplicate id 'hq'"),
    (lambda d: d.update(schema_version=SCHEMA_VERSION + 1), "newer than this advisor understands"),
    (lambda d: d["sites"][0].update(kind="castle"), "sites[0].kind: must be one of"),
    (lambda d: d.update(bogus=1), "bogus: is not a known field"),
])
def test_invalid_designs_are_refused_with_a_clear_message(tmp_path, mutate, expected):
    data = small_design()
    mutate(data)
    with pytest.raises(io.DesignFileError, match=None) as exc:
        io.load(write(tmp_path, data))
    assert expected in str(exc.value)


@pytest.mark.parametrize("text, expected", [("{", "not valid JSON at line 1"), ("[1, 2]", "JSON object"),
                                            ("", "not valid JSON"), ("[" * 100000, "")])
def test_malformed_json(tmp_path, text, expected):
    with pytest.raises(io.DesignFileError) as exc:
        io.load(write(tmp_path, text))
    assert expected in str(exc.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(io.DesignFileError, match="cannot be read"):
        io.load(tmp_path / "nope.json")
    with pytest.raises(io.DesignFileError, match="folder"):
        io.load(tmp_path)


def test_migration_from_version_0(tmp_path):
    data = small_design()
    data["schema_version"] = 0
    data["sites"][0].pop("cucm_publisher")
    data["sites"][0]["publisher"] = True
    data["sites"][0]["subscribers"] = 2
    d = io.load(write(tmp_path, data))
    assert d.schema_version == SCHEMA_VERSION
    assert d.sites[0].cucm_publisher and d.sites[0].cucm_subscribers == 2


def test_save_keeps_backup_and_leaves_no_temp_files(tmp_path):
    p = tmp_path / "d.json"
    first = Design.model_validate(small_design(10))
    second = Design.model_validate(small_design(20))
    io.save(first, p)
    io.save(second, p)
    assert io.load(p) == second
    assert io.load(tmp_path / "d.json.bak") == first
    assert sorted(os.listdir(tmp_path)) == ["d.json", "d.json.bak"]


def test_failed_save_leaves_previous_file_intact(tmp_path, monkeypatch):
    p = tmp_path / "d.json"
    first = Design.model_validate(small_design(10))
    io.save(first, p)

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(io.os, "fsync", boom)
    with pytest.raises(OSError):
        io.save(Design.model_validate(small_design(30)), p)
    monkeypatch.undo()
    assert io.load(p) == first
    assert [f for f in os.listdir(tmp_path) if f.endswith(".tmp")] == []
