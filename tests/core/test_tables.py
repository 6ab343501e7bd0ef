"""Limit tables: bundled figures with their sources, user overrides, validation messages, caching."""

import json

import pytest

from advisor import tables
from advisor.tables import TableError, load_table, table_names


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    monkeypatch.delenv(tables.ENV_DIR, raising=False)
    tables.clear_cache()
    yield
    tables.clear_cache()


def test_every_bundled_table_loads_and_every_entry_names_a_source():
    names = table_names()
    assert {"srst_platforms", "cow_rtt", "cow_bandwidth", "cluster_limits", "signalling", "delay", "vpn"} <= set(names)
    for name in names:
        table = load_table(name)
        assert table.source.strip()
        for key, entry in table.entries.items():
            assert entry.source.strip(), f"{name}.{key} has no source"
        for key in tables.REQUIRED_KEYS.get(name, ()):
            assert key in table.entries


def test_srst_capacities_published_in_spec_section_3_4():
    # SPEC §3.4 (Cisco Unified SRST data sheet): 2801: 24, 2811: 36, 2821: 48, 2851: 96, 3825: 336, 3845: 720.
    srst = load_table("srst_platforms")
    assert {k: srst.value(k) for k in ("2801", "2811", "2821", "2851", "3825", "3845")} == {
        "2801": 24, "2811": 36, "2821": 48, "2851": 96, "3825": 336, "3845": 720}


def test_unconfirmed_srst_capacities_are_marked_for_verification_and_the_confirmed_ones_are_not():
    # Cisco Unified SRST Administration Guide, feature roadmap: 4451 and 4461 support 2,000 devices from SRST 12.7.
    srst = load_table("srst_platforms")
    assert srst.value("4451") == 2000 and srst.value("4461") == 2000
    assert not srst.entries["4451"].verify
    for g2 in ("2901", "2951", "3945"):  # ISR G2 figures were not found in a Cisco source: kept only as editable
        assert srst.entries[g2].verify and "verify" in srst.cite(g2)


def test_clustering_over_wan_figures_from_the_srnd():
    # Cisco SRND: 80 ms RTT from CUCM 6.1, 40 ms before; ICCS minimum 1.544 Mbps; 8 subscribers, one publisher.
    rtt = load_table("cow_rtt")
    assert rtt.value("6.1") == 80 and rtt.value("0") == 40
    bw = load_table("cow_bandwidth")
    assert bw.value("iccs_min_kbps") == 1544 and bw.value("iccs_delay_factor_per_ms") == 0.006
    assert "verify for your release" in bw.cite("db_kbps_per_remote_server")
    limits = load_table("cluster_limits")
    assert limits.value("max_subscribers") == 8 and limits.value("max_publishers") == 1


def test_g114_and_sccp_signalling_figures():
    # ITU-T G.114: 150 ms one way. Cisco SRND: SCCP (53 + 21 × BHCA) bps per device -> 263 bps at 10 BHCA.
    assert load_table("delay").value("max_one_way_ms") == 150
    sig = load_table("signalling")
    assert sig.value("sccp_fixed_bps") + 10 * sig.value("sccp_per_bhca_bps") == 263


def _write(folder, name, data):
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_user_copy_wins_and_edits_are_picked_up(tmp_path, monkeypatch):
    data = json.loads((tables.bundled_dir() / "delay.json").read_text(encoding="utf-8"))
    data["entries"]["max_one_way_ms"]["value"] = 100
    path = _write(tmp_path, "delay", data)
    monkeypatch.setenv(tables.ENV_DIR, str(tmp_path))
    assert load_table("delay").value("max_one_way_ms") == 100
    assert load_table("delay").path == str(path)
    data["entries"]["max_one_way_ms"]["value"] = 120
    path.write_text(json.dumps(data, indent=4), encoding="utf-8")  # a different size: the cache must notice
    assert load_table("delay").value("max_one_way_ms") == 120
    # tables the user did not copy still come from the bundle
    assert load_table("cow_rtt").value("6.1") == 80


def test_cached_until_the_file_changes():
    assert load_table("vpn") is load_table("vpn")


@pytest.mark.parametrize("content, expected", [
    ("{not json", "not valid JSON (line 1"),
    ({"title": "x", "source": "s", "entries": {"max_one_way_ms": {"value": -3, "source": "s"}}},
     "entries.max_one_way_ms.value"),
    ({"title": "x", "source": "s", "entries": {"max_one_way_ms": {"value": 150}}}, "entries.max_one_way_ms.source"),
    ({"title": "x", "source": "s", "entries": {"other": {"value": 1, "source": "s"}}}, "max_one_way_ms missing"),
    ({"title": "x", "source": "s", "entries": {}}, "at least one entry"),
])
def test_bad_user_tables_get_a_message_naming_file_and_field(tmp_path, monkeypatch, content, expected):
    _write(tmp_path, "delay", content)
    monkeypatch.setenv(tables.ENV_DIR, str(tmp_path))
    with pytest.raises(TableError) as err:
        load_table("delay")
    assert "delay.json" in str(err.value) and expected in str(err.value)


def test_unknown_or_unsafe_names_are_refused():
    with pytest.raises(TableError, match="cannot read"):
        load_table("no_such_table")
    with pytest.raises(TableError, match="not valid"):
        load_table("../model")
