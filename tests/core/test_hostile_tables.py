"""Hostile copies of the limit tables in ADVISOR_TABLES_DIR, round 19: each one refused with a TableError naming the
file and the field, never read in silence nor passed over for the bundled table."""

import json
import os
from pathlib import Path

import pytest

from advisor import tables
from advisor.tables import TableError, load_table

BUNDLED = Path(__file__).resolve().parents[2] / "resources" / "tables"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_TABLES_DIR", str(tmp_path))
    tables.clear_cache()
    yield tmp_path
    tables.clear_cache()


def _copy(folder: Path, name: str, change=None) -> Path:
    data = json.loads((BUNDLED / f"{name}.json").read_text(encoding="utf-8"))
    if change:
        change(data)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _refused(name: str, *words: str) -> str:
    with pytest.raises(TableError) as caught:
        load_table(name)
    message = str(caught.value)
    assert f"{name}.json" in message and all(w in message for w in words), message
    assert "\n" not in message and "Error" not in message
    return message


def _set(key, value):
    return lambda data: data["entries"][key].__setitem__("value", value)


@pytest.mark.parametrize("name, key, value, words", [
    ("vpn", "mesh_max_tunnels", 0, "must be from 1"),  # divided by zero in the VPN score
    ("cluster_limits", "devices_per_call_processing_node", 5e-324, "must be a whole number"),  # infinite nodes
    ("signalling", "sccp_fixed_bps", 1e308, "must be ≤ 1,000,000,000"),  # the link sums overflowed to infinity
    ("delay", "max_one_way_ms", "45", "must be a number"),  # a string was read as 45
    ("vpn", "getvpn_min_key_servers", True, "must be a number"),  # true was read as 1
    # more key servers than a design may have (8): 1,000 made 12,680 pages of sketches for 13 sites, the key
    # servers' addresses past the documentation range
    ("vpn", "getvpn_min_key_servers", 9, "must be from 0 to 8"),
    # more subscribers than a site may hold: an import of large sites made a hub the design refuses
    ("cluster_limits", "max_subscribers", 65, "must be from 1 to 64"),
])
def test_values_the_rules_cannot_use_are_refused(folder, name, key, value, words):
    _copy(folder, name, _set(key, value))
    _refused(name, f"entries.{key}.value", words)


def test_a_cow_rtt_key_that_is_no_release_is_refused(folder):
    _copy(folder, "cow_rtt", lambda d: d["entries"].__setitem__("9" * 50, {"value": 40, "source": "s"}))
    _refused("cow_rtt", "the key must be a CUCM release")


@pytest.mark.parametrize("make, words", [
    (lambda p: p.mkdir(), "a folder"),
    (lambda p: os.symlink(p, p), "a loop"),
    (lambda p: os.symlink(p.parent / "missing.json", p), "a link to nothing"),
    (lambda p: os.mkfifo(p), "a device, pipe or socket"),
])
def test_something_other_than_a_file_is_refused_not_passed_over(folder, make, words):
    """Was silently passed over: the bundled table applied while the user believed their copy did."""
    make(folder / "vpn.json")
    _refused("vpn", words, "not a table file")


def test_a_table_nested_too_deeply_is_refused(folder):
    (folder / "delay.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    _refused("delay", "nested too deeply")  # was a RecursionError


def test_a_table_too_large_is_refused_before_it_is_read(folder):
    (folder / "vpn.json").write_bytes(b'{"title": "' + b"x" * (5 << 20) + b'"}')
    _refused("vpn", "too large for a table file (at most 4 MB)")


def test_a_byte_order_mark_is_read(folder):
    path = _copy(folder, "vpn")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_table("vpn").value("mesh_max_tunnels") == 45  # the bundled table's figure


def test_the_check_before_any_work_reads_only_the_users_copies(folder):
    tables.check_user_tables()  # an empty folder: the bundled tables, nothing refused
    _copy(folder, "cow_rtt", lambda d: d["entries"]["0"].__setitem__("value", None))
    with pytest.raises(TableError, match=r"cow_rtt\.json: entries\.0\.value"):
        tables.check_user_tables()


def test_a_folder_that_does_not_exist_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_TABLES_DIR", str(tmp_path / "typo"))
    with pytest.raises(TableError, match="is not a folder"):
        tables.check_user_tables()
