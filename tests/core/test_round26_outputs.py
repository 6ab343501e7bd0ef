"""Round 26 output fixes: no limit-table file names ('[srst_platforms.json]') in the bill of materials or the
signalling convention; singular counts in the configuration sketches ('1 call × 80.00 kbps'); AES-GCM told as
carrying its own integrity in the exercises; a leading plus sign read alike in every numeric column of an import."""

import re
from pathlib import Path

import pytest

from advisor import bom, configs, signalling
from advisor.analysis import analyse
from advisor.exercises import designs
from advisor.importer.bandwidths import parse_bandwidth
from advisor.importer.values import BadValue, parse_count, parse_ms
from advisor.io import load
from advisor.model import Design

ROOT = Path(__file__).resolve().parents[2]
HQ_12 = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"
TABLE_FILE = re.compile(r"\[[\w.-]+\.json\]")


# ------------------------------------------------------------------------------- 1. no table file names

def test_bom_lines_carry_no_table_file_names_in_any_form():
    design = load(HQ_12)
    items = bom.build(design, analyse(design))
    # the example's GET VPN key servers cite the vpn table, its branch routers the platform table, its cluster
    # the cluster limits: each source still says where the figure comes from, without the file's name
    assert {i.category for i in items} >= {"cluster", "vpn", "router"}
    for item in items:
        assert item.source and not TABLE_FILE.search(item.source), item.source
        assert not TABLE_FILE.search(item.reason), item.reason
    assert not TABLE_FILE.search(str(bom.to_json(items)))
    for sheet in bom.sheets(design, items):
        for row in sheet.rows:
            assert not any(TABLE_FILE.search(str(cell)) for cell in row), row


def test_the_signalling_convention_names_its_sources_without_the_file():
    design = load(HQ_12)
    formula = signalling.formula(design)
    # the formula keeps the table's full citation for the explanations, which find the titles in it
    assert any("[signalling.json]" in s for s in formula.sources)
    text = formula.describe(design.traffic.calls_per_user)
    assert "sources: " in text and not TABLE_FILE.search(text)
    assert not TABLE_FILE.search(analyse(design).conventions["signalling"])


# ---------------------------------------------------------------------------- 2. singular counts in configs

def _one_call_design() -> Design:
    """HQ (publisher) and a branch, 1 user each, 1 call of 18 s per user, all on-net: each site offers
    1 × 18 / 3600 = 0.005 E, the link 0.01 E; Erlang B with 1 trunk blocks 0.01 / 1.01 = 0.99 % <= 1 %: 1 call."""
    return Design.model_validate({
        "name": "one call", "vpn": {"technology": "none"},
        "traffic": {"calls_per_user": 1, "holding_time_s": 18, "intra_site_share": 0, "on_net_share": 1,
                    "pstn_share": 0},
        "sites": [{"id": "hq", "kind": "hq", "users": 1, "cucm_publisher": True, "cucm_subscribers": 1},
                  {"id": "br", "users": 1, "survivability": "srst"}],
        "links": [{"id": "l1", "a": "hq", "b": "br", "capacity_kbps": 2048}]})


def test_configs_count_one_call_phone_and_link_in_the_singular():
    design = _one_call_design()
    results = analyse(design)
    assert [ln.calls for ln in results.links] == [1]
    texts = configs.sketch_texts(design, results)
    both = texts["hq"] + texts["br"]
    assert re.search(r"link l1 to \w+: 1 call × ", both)  # the CUCM locations
    assert "1 concurrent call at the busy hour" in both  # the QoS policy
    assert "1 phone; 1 WAN link;" in texts["br"]  # the banner
    assert "1 SCCP phone registers across the" in texts["br"]  # the SRST section
    for plural in ("1 calls", "1 concurrent calls", "1 phones", "link(s)", "1 SCCP phones"):
        assert plural not in both, plural


# ------------------------------------------------------------------------------ 3. AES-GCM in the exercises

def test_exercise_facts_tell_aes_gcm_with_its_own_integrity():
    data = load(HQ_12).model_dump()
    data["vpn"] |= {"technology": "getvpn", "cipher": "aes-gcm", "integrity": "sha1-96"}  # GCM ignores it (RFC 4106)
    facts = " ".join(designs.describe(Design.model_validate(data)))
    assert "ESP AES-GCM (integrity built in: its own 16 B ICV)" in facts
    assert "sha1" not in facts.lower() and "aes-gcm with" not in facts.lower()
    data["vpn"] |= {"cipher": "aes-cbc", "integrity": "sha256-128"}
    assert "ESP AES-CBC with HMAC-SHA256-128" in " ".join(designs.describe(Design.model_validate(data)))


# ----------------------------------------------------------------------------- 5. a leading plus on import

@pytest.mark.parametrize("cell, kbps, bare", [
    ("+2", None, 2.0), ("+2 Mbps", 2000.0, None), ("+ 512k", 512.0, None),
    ("+2 x E1", 4096.0, None),  # two E1 of 2,048 kbps (it read one E1 among other words before)
    ("+100/20 Mbps", 20000.0, None),
])
def test_a_bandwidth_with_a_leading_plus_reads_as_the_number(cell, kbps, bare):
    reading = parse_bandwidth(cell)
    assert (reading.value.kbps, reading.value.bare) == (kbps, bare)
    assert "other words" not in reading.note


def test_a_plus_sign_reads_alike_in_users_phones_and_rtt():
    assert parse_count("+5").value == 5 and parse_ms("+30 ms").value == 30.0 and parse_ms("+30").value == 30.0
    for parse, cell in ((parse_count, "+-5"), (parse_ms, "+-5 ms")):  # a plus before a minus: still below 0
        with pytest.raises(BadValue, match="below 0"):
            parse(cell)
    for cell in ("+-2", "+-2 Mbps", "++2"):
        with pytest.raises(BadValue, match="is not a bandwidth"):
            parse_bandwidth(cell)
