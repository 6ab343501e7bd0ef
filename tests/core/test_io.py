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
@given(users=st.integers(0, 5000), name=st.text(max_size=40), x=st.floats(-1e5, 1e5, allow_subnormal=False))
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


@pytest.mark.parametrize("sites", [5, "hq", {"publisher": True}, None, [1, None, [], "x"], True, 1.5])
def test_migrations_take_any_json_shape(sites):
    """Version 0 with odd `sites`: migration leaves the problem to validation, which names it."""
    with pytest.raises(io.DesignFileError) as exc:
        io.parse(json.dumps({"schema_version": 0, "sites": sites}), "old.json")
    assert "old.json: invalid design" in str(exc.value) and "sites" in str(exc.value)


def test_integer_beyond_the_digit_limit_is_named():
    text = '{"name": "x",\n "sites": [{"id": "a", "users": ' + "1" * 5000 + "}]}"
    with pytest.raises(io.DesignFileError, match=r"x.json: a number at line 2, column 33 has more than 4,300 digits"):
        io.parse(text, "x.json")


@pytest.mark.parametrize("field, value", [("name", "\ud800"), ("notes", "a\udfff"), ("cucm_release", "\udc80")])
def test_lone_surrogates_are_refused_with_the_field_named(field, value):
    for text in (json.dumps({field: value}), json.dumps({field: value}, ensure_ascii=False)):
        with pytest.raises(io.DesignFileError, match=rf"d.json: {field}: holds a lone surrogate"):
            io.parse(text, "d.json")
    with pytest.raises(io.DesignFileError, match="not valid UTF-8"):
        io.parse(json.dumps({field: value}, ensure_ascii=False).encode("utf-8", "surrogatepass"), "d.json")


@pytest.mark.parametrize("path, value, expected", [
    (("traffic", "llq_share"), 5e-324, "traffic.llq_share: must be ≥ 0.01"),
    (("traffic", "signalling_bps_per_phone"), 1e308, "traffic.signalling_bps_per_phone: must be ≤ 100,000"),
    (("sites", 0, "srst_platform"), "x" * 100_000, "sites[0].srst_platform: is too long (at most 64 characters)"),
    (("sites", 0, "srst_capacity"), 10**30, "sites[0].srst_capacity: must be ≤ 1,000,000"),
    (("links", 0, "capacity_kbps"), 5e-324, "links[0].capacity_kbps: must be ≥ 1"),
    (("cucm_release", ), "1" * 21, "cucm_release: is too long (at most 20 characters)"),
])
def test_values_that_used_to_overflow_are_refused(tmp_path, path, value, expected):
    data = small_design()
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {}) if isinstance(part, str) else node[part]
    node[path[-1]] = value
    with pytest.raises(io.DesignFileError) as exc:
        io.load(write(tmp_path, data))
    assert expected in str(exc.value)
    assert max(len(line) for line in str(exc.value).splitlines()) < 400  # the 100,000 characters are not echoed


def test_long_names_are_cut_in_messages():
    data = small_design()
    data["sites"][1].update(name="Z" * 5000, users=-1)
    with pytest.raises(io.DesignFileError) as exc:
        io.parse(json.dumps(data))
    assert "sites[1].users: must be ≥ 0 (site 'ZZZZ" in str(exc.value) and len(str(exc.value)) < 300
