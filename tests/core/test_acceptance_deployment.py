"""Acceptance: `advisor check FILE --json` on the deployment designs in tests/data/acceptance/deployment/ (SRST mode
and capacity, cluster capacity and redundancy, call admission control): each rule fires on one design and stays
silent on its near miss. Every DEP-* finding of a design (besides DEP-MODEL) must be the one the case lists.

Expected figures come from the guides or from hand arithmetic written here, never from the tool's output. Where a
check rests on an unconfirmed table figure (devices per call-processing node), the test runs with its own copy of
the table and its own figure, so the oracle is the test's arithmetic, not the shipped value.
"""

from __future__ import annotations

import functools
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "acceptance" / "deployment"
BUNDLED_TABLES = ROOT / "resources" / "tables"
TEXT_CODES = ("DEP-SRST-", "DEP-CLUSTER-", "DEP-CAC-")
L3 = ("l-hq", "l-br1", "l-br2")
CAC = {"DEP-CAC-VALUES": ("info", ("design",))}  # multisite designs whose links carry calls


_TABLES = tempfile.TemporaryDirectory(prefix="advisor-tables-")  # removed when the tests end


@pytest.fixture(autouse=True, scope="module")
def _tables_removed():
    yield
    tables_with.cache_clear()
    run.cache_clear()
    _TABLES.cleanup()


@functools.cache
def tables_with(per_node: int) -> str:
    """A folder holding a copy of cluster_limits.json whose devices-per-call-processing-node figure is `per_node`."""
    folder = Path(_TABLES.name) / str(per_node)
    folder.mkdir(parents=True, exist_ok=True)
    data = json.loads((BUNDLED_TABLES / "cluster_limits.json").read_text(encoding="utf-8"))
    data["entries"]["devices_per_call_processing_node"].update(value=per_node, source="the test's own figure",
                                                               verify=False)
    (folder / "cluster_limits.json").write_text(json.dumps(data), encoding="utf-8")
    return str(folder)


@functools.cache
def run(name: str, per_node: int | None = None) -> tuple[int, dict]:
    env = {k: v for k, v in os.environ.items() if k != "ADVISOR_TABLES_DIR"}
    if per_node is not None:
        env["ADVISOR_TABLES_DIR"] = tables_with(per_node)
    proc = subprocess.run([sys.executable, "-m", "advisor", "check", str(DATA / f"{name}.json"), "--json"],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def dep_findings(result: dict) -> dict[str, list[dict]]:
    by_code: dict[str, list[dict]] = {}
    for f in result["findings"]:
        if f["code"].startswith("DEP-") and f["code"] != "DEP-MODEL":
            by_code.setdefault(f["code"], []).append(f)
    return by_code


def one(name: str, code: str, per_node: int | None = None) -> dict:
    [hit] = dep_findings(run(name, per_node)[1])[code]
    return hit


def rows(name: str, per_node: int | None = None) -> dict[str, tuple[str, str]]:
    return {check: (verdict, detail) for check, verdict, detail in run(name, per_node)[1]["deployment"]["checks"]}


# name -> ({code: (severity, subjects)} for every DEP-* finding but DEP-MODEL, the per-node figure of the test's
# table copy, or None for the bundled tables)
EXPECT: dict[str, tuple[dict[str, tuple[str, tuple[str, ...]]], int | None]] = {
    # Item 5: the SRST mode must register the phones' signalling; MGCP fallback alone keeps only the PSTN
    "dep_srst_mode_fire_sip_phones_on_sccp_srst": ({"DEP-SRST-MODE": ("warning", ("br1",)), **CAC}, None),
    "dep_srst_mode_near_sip_phones_on_sip_srst": ({**CAC}, None),
    "dep_srst_mode_fire_mgcp_fallback_only": ({"DEP-SRST-MODE": ("warning", ("br1",)), **CAC}, None),
    "dep_srst_mode_near_sccp_phones_on_e_srst": ({**CAC}, None),
    # capacity per platform and mode; unknown capacity is a warning, not silence
    "dep_srst_capacity_fire_no_platform": ({"DEP-SRST-CAPACITY": ("warning", ("br1",)), **CAC}, None),
    "dep_srst_capacity_near_capacity_only": ({**CAC}, None),
    "dep_srst_capacity_fire_e_srst_without_figure": ({"DEP-SRST-CAPACITY": ("warning", ("br1",)), **CAC}, None),
    "dep_srst_capacity_near_unified_srst_on_4451": ({**CAC}, None),
    "dep_srst_capacity_fire_2001_on_4461": ({"DEP-SRST-CAPACITY": ("error", ("br1",)), **CAC}, None),
    "dep_srst_capacity_near_2000_on_4461": ({**CAC}, None),
    "dep_srst_capacity_fire_catalyst_unpublished": ({"DEP-SRST-CAPACITY": ("warning", ("br1",)), **CAC}, None),
    "dep_srst_capacity_near_catalyst_with_capacity": ({**CAC}, None),
    # Item 6: devices per cluster, call-processing nodes with their redundancy
    "dep_cluster_size_fire_60000_lone_publisher": ({"DEP-CLUSTER-SIZE": ("error", ("hq",))}, None),
    "dep_cluster_size_near_40000_eight_nodes": ({}, 20_000),
    "dep_cluster_size_fire_primaries_short": ({"DEP-CLUSTER-SIZE": ("error", ("hq",)), **CAC}, 1_000),
    "dep_cluster_redundancy_fire_1to1_five_nodes": ({"DEP-CLUSTER-REDUNDANCY": ("warning", ("hq",)), **CAC}, 1_000),
    "dep_cluster_redundancy_near_2to1_five_nodes": ({**CAC}, 1_000),
    "dep_cluster_redundancy_fire_publisher_alone": ({"DEP-CLUSTER-REDUNDANCY": ("warning", ("hq",)), **CAC}, 1_000),
    "dep_cluster_redundancy_near_publisher_and_subscriber": ({**CAC}, 1_000),
    # Item 8: RSVP advice only before CUCM 9; the CAC values per link
    "dep_cac_topology_fire_release_8_6": ({"DEP-CAC-TOPOLOGY": ("warning", ("l-br1-br2",)), **CAC}, None),
    "dep_cac_topology_near_release_9_1": ({**CAC}, None),
    "dep_cac_values_fire_g729": ({**CAC}, None),
    "dep_cac_values_near_no_calls_between_sites": ({}, None),
}


def test_every_design_on_disk_has_a_case():
    assert {p.stem for p in DATA.glob("*.json")} == set(EXPECT)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_deployment_codes_fire_exactly_where_expected(name):
    want, per_node = EXPECT[name]
    code, result = run(name, per_node)
    got = {c: {(f["severity"], tuple(sorted(f["subjects"]))) for f in fs} for c, fs in dep_findings(result).items()}
    assert got == {c: {(sev, tuple(sorted(subjects)))} for c, (sev, subjects) in want.items()}
    assert code == (1 if any(f["severity"] == "error" for f in result["findings"]) else 0)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_messages_speak_in_words_and_cite_by_title(name):
    for fs in dep_findings(run(name, EXPECT[name][1])[1]).values():
        for f in fs:
            if not f["code"].startswith(TEXT_CODES):
                continue
            text = " ".join((f["message"], f["rationale"], f["remedy"]))
            for banned in ("SPEC", "§", "seed", "DEP-R", "score"):
                assert banned not in text, (f["code"], banned)


# --- Item 5: survivability ------------------------------------------------------------------------------------------

def test_sip_phones_on_sccp_srst_name_the_matching_modes():
    hit = one("dep_srst_mode_fire_sip_phones_on_sccp_srst", "DEP-SRST-MODE")
    assert "SIP phones" in hit["message"] and "Maribor" in hit["message"]
    assert "'sip-srst'" in hit["remedy"] and "'e-srst'" in hit["remedy"]
    assert "Cisco Unified SRST Administration Guide" in hit["rationale"]


def test_mgcp_fallback_alone_says_the_phones_lose_call_control():
    hit = one("dep_srst_mode_fire_mgcp_fallback_only", "DEP-SRST-MODE")
    assert "MGCP fallback" in hit["message"] and "lose call control" in hit["message"]
    assert "PSTN" in hit["message"] and "'srst'" in hit["remedy"]


def test_isr_4461_supports_2000_devices_from_srst_12_7():
    # Cisco Unified SRST Administration Guide, Feature Roadmap (SRST 12.7, IOS XE 17.1.1): the 4451 and 4461 maximum
    # went from 1,500 to 2,000 devices. 2,001 phones: 1 short.
    hit = one("dep_srst_capacity_fire_2001_on_4461", "DEP-SRST-CAPACITY")
    assert "2,001 phones" in hit["message"] and "supports 2,000" in hit["message"]
    assert "1 would stay unregistered" in hit["message"]
    assert "Feature Roadmap" in hit["rationale"] and "1500 to 2000" in hit["rationale"]


def test_unknown_capacity_is_a_warning_that_says_why():
    assert "no SRST platform or capacity" in one("dep_srst_capacity_fire_no_platform", "DEP-SRST-CAPACITY")["message"]
    e_srst = one("dep_srst_capacity_fire_e_srst_without_figure", "DEP-SRST-CAPACITY")["message"]
    assert "no E-SRST" in e_srst and "ISR4451-X" in e_srst
    catalyst = one("dep_srst_capacity_fire_catalyst_unpublished", "DEP-SRST-CAPACITY")
    assert "publishes no" in catalyst["message"] and "C8300-1N1S-6T" in catalyst["message"]
    assert "Release Notes for Cisco Unified SRST 14.1" in catalyst["rationale"]


def test_srst_rows_show_the_mode_and_capacity_verdicts():
    r = rows("dep_srst_mode_fire_sip_phones_on_sccp_srst")
    assert r["SRST mode matches the phones' signalling"][0] == "fail"
    assert r["SRST capacity"][0] == "ok"  # Maribor 30 phones on a 2811 (36); Koper's own setting 40
    assert rows("dep_srst_capacity_fire_no_platform")["SRST capacity"][0] == "fail"


# --- Item 6: cluster capacity ---------------------------------------------------------------------------------------

def test_60000_phones_exceed_the_40000_device_cluster():
    # Cisco Press CIPTV1: a cluster scales to 40,000 endpoints; one publisher is the only node placed.
    hit = one("dep_cluster_size_fire_60000_lone_publisher", "DEP-CLUSTER-SIZE")
    assert "60,000 phones (at most 40,000 devices in a cluster)" in hit["message"]
    assert "40,000 endpoints" in hit["rationale"]
    assert rows("dep_cluster_size_fire_60000_lone_publisher")["cluster 'cluster-1' devices"][0] == "fail"
    # too large for one cluster: split, each part with its publisher (adding subscribers cannot help)
    assert hit["remedy"] == ("Split the phones and nodes into several clusters joined by inter-cluster trunks "
                             "(distributed call processing), each with one publisher.")


def test_40000_phones_on_eight_nodes_fit_with_the_tests_per_node_figure():
    # 40,000 devices ≤ 40,000; at 20,000 per node: 2 primaries + 2 backups (1:1) = 4 ≤ 8; 8 placed (pub + 7 subs).
    primaries = math.ceil(40_000 / 20_000)
    assert (primaries, primaries) == (2, 2)
    detail = rows("dep_cluster_size_near_40000_eight_nodes", 20_000)["cluster 'cluster-1' call-processing nodes"]
    assert detail[0] == "ok" and "2 primary nodes + 2 backup nodes" in detail[1] and "8 placed" in detail[1]


def test_primaries_short_is_over_capacity():
    # 2,900 + 30 + 30 = 2,960 phones at 1,000 per node: 3 primaries, 3 backups (1:1); publisher + 1 subscriber = 2.
    phones = 2900 + 30 + 30
    primaries = math.ceil(phones / 1000)
    assert primaries == 3
    hit = one("dep_cluster_size_fire_primaries_short", "DEP-CLUSTER-SIZE", 1_000)
    assert "2,960 phones" in hit["message"] and "3 primary nodes + 3 backup nodes" in hit["message"]
    assert "only 2 call-processing nodes are placed" in hit["message"]
    assert hit["remedy"] == "Add at least 1 call-processing subscriber."  # 3 primaries needed, 2 placed


def test_backups_short_with_1to1_but_enough_with_2to1():
    # 3 primaries: 1:1 needs 3 backups (6 nodes), 2:1 needs ceil(3/2) = 2 (5 nodes); 5 placed (pub + 4 subs).
    assert (3 + 3, 3 + math.ceil(3 / 2)) == (6, 5)
    hit = one("dep_cluster_redundancy_fire_1to1_five_nodes", "DEP-CLUSTER-REDUNDANCY", 1_000)
    assert "3 primary nodes + 3 backup nodes" in hit["message"] and "only 2 backups, 1 short" in hit["message"]
    near = rows("dep_cluster_redundancy_near_2to1_five_nodes", 1_000)["cluster 'cluster-1' call-processing nodes"]
    assert near[0] == "ok" and "3 primary nodes + 2 backup nodes" in near[1] and "2:1" in near[1]


def test_publisher_alone_has_no_backup_subscriber():
    # 160 phones at 1,000 per node: 1 primary; 1:1: 1 backup; only the publisher is placed.
    hit = one("dep_cluster_redundancy_fire_publisher_alone", "DEP-CLUSTER-REDUNDANCY", 1_000)
    assert hit["severity"] == "warning" and "no backup subscriber, 1 short" in hit["message"]


# --- Item 8: call admission control ---------------------------------------------------------------------------------

# Erlang B, P.01 (the standard tables, e.g. Cisco "Traffic Analysis for Voice over IP"): 10 trunks carry 4.461 E,
# 11 carry 5.160 E.
ERLANG_B_P01 = {10: 4.461, 11: 5.160}


def test_rsvp_advice_only_before_cucm_9():
    hit = one("dep_cac_topology_fire_release_8_6", "DEP-CAC-TOPOLOGY")
    assert "CUCM 8.6" in hit["message"] and "RSVP" in hit["remedy"]
    values = one("dep_cac_topology_near_release_9_1", "DEP-CAC-VALUES")["message"]
    assert "Enhanced Locations CAC" in values and "Model the topology" in values
    assert "1 site-to-site link that bypasses the hub" in values
    assert "location without endpoints used as a hub" in values
    assert rows("dep_cac_topology_near_release_9_1")["locations CAC topology"][0] == "ok"


def test_cac_values_g729_24_kbps_per_call_times_the_calls_on_each_link():
    # PA for Collaboration 14 (CVD), Bandwidth Management: G.729 = 24 kbps (8 kbps + 16 kbps IP/UDP).
    # HQ 100 users and Maribor 50, 2 calls/h × 180 s, 30 % on-net, all to the other site: 3 + 1.5 = 4.5 E, which
    # needs 11 trunks at P.01 (10 carry 4.461 E, 11 carry 5.160 E). 11 × 24 = 264 kbps on each access link.
    offered = 0.3 * (100 + 50) * 2 * 180 / 3600
    calls = min(n for n, e in ERLANG_B_P01.items() if e >= offered)
    assert (offered, calls, calls * 24) == (pytest.approx(4.5), 11, 264)
    hit = one("dep_cac_values_fire_g729", "DEP-CAC-VALUES")
    assert "audio 24 kbps per call" in hit["message"]
    assert "'Maribor – Provider WAN' 11 calls × 24 = 264 kbps" in hit["message"]
    assert "'Ljubljana HQ – Provider WAN' 11 calls × 24 = 264 kbps" in hit["message"]
    assert "Preferred Architecture for Cisco Collaboration 14" in hit["rationale"]
    assert rows("dep_cac_values_fire_g729")["CAC link 'Maribor – Provider WAN'"] == ("ok", "11 calls × 24 kbps = "
                                                                                          "264 kbps")


def test_no_cac_values_without_calls_between_sites():
    assert "DEP-CAC-VALUES" not in dep_findings(run("dep_cac_values_near_no_calls_between_sites")[1])
