"""advisor.configs: the sketches carry the sizing's figures (priority = the link's voice kbps rounded up, the MTU
advice, SRST sized for the phones, CUCM location bandwidths), are labelled as sketches, use only placeholders and
documentation addresses, and build for every bundled example."""

import ipaddress
import math
import re
from pathlib import Path

import pytest

from advisor import configs
from advisor.analysis import analyse
from advisor.io import load
from advisor.model import Design

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "examples").glob("*.json"))
ON_NET = {"calls_per_user": 1, "holding_time_s": 180, "intra_site_share": 0, "on_net_share": 1, "pstn_share": 0}
HQ = {"id": "hq", "kind": "hq", "name": "Head office", "users": 100, "cucm_publisher": True, "cucm_subscribers": 2}
BR = {"id": "br", "name": "Branch", "users": 100, "survivability": "srst"}
# RFC 5737 documentation blocks, and what an IOS line may carry besides: masks, wildcards and "any" (0.0.0.0)
DOC_NETS = [ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24")]
ALLOWED = {"0.0.0.0", "255.255.255.0", "255.255.255.255"}


def two_sites(technology: str, codec: str, **vpn) -> Design:
    """HQ and one branch, 100 users each, on one cloud (or a direct link for 'none').

    Each site places 100 × 1 call × 180 s / 3600 = 5 E on-net, all towards the other: each access link carries
    10 E, for which Erlang B at 1 % needs 18 concurrent calls (SPEC: 10 E at 1 % needs 18 trunks)."""
    if technology == "none":
        clouds, links = [], [{"id": "l1", "a": "hq", "b": "br", "capacity_kbps": 4096}]
    else:
        clouds = [{"id": "net", "kind": "internet" if technology != "getvpn" else "mpls"}]
        links = [{"id": "l-hq", "a": "hq", "b": "net", "capacity_kbps": 8192},
                 {"id": "l-br", "a": "br", "b": "net", "capacity_kbps": 4096}]
    return Design.model_validate({"name": "hand", "voice": {"codec": codec}, "vpn": {"technology": technology, **vpn},
                                  "traffic": ON_NET, "sites": [HQ, BR], "clouds": clouds, "links": links})


def texts(d: Design, **kw) -> dict[str, str]:
    return configs.sketch_texts(d, analyse(d), **kw)


def lines_of(text: str) -> list[str]:
    return text.splitlines()


# ------------------------------------------------------------------------------------------ priority queue

def test_priority_is_the_links_voice_kbps_rounded_up_g711_clear():
    # G.711 20 ms on Ethernet, no VPN: 87.2 kbps per call (Cisco TAC doc 7934); 18 calls × 87.2 = 1,569.6 kbps
    t = texts(two_sites("none", "g711"))
    for site in ("hq", "br"):
        assert "  priority 1570" in lines_of(t[site])
        assert "  shape average 4096000" in lines_of(t[site])  # the 4,096 kbps link, in bps


def test_priority_is_the_links_voice_kbps_rounded_up_g729_dmvpn():
    # G.729 (20 B) + RTP/UDP/IP 40 = 60 B; DMVPN transport mode, GRE key (8), AES-CBC + SHA1-96:
    # 20 + 8 + 16 IV + pad(8 + 60 = 68 -> ceil(70/16) × 16 = 80) + 12 ICV = 136 B; + 18 B Ethernet = 154 B
    # 154 × 8 × 50 = 61.6 kbps per call; 18 calls × 61.6 = 1,108.8 kbps -> priority 1109
    d = two_sites("dmvpn", "g729")
    t = texts(d)
    assert "  priority 1109" in lines_of(t["hq"]) and "  priority 1109" in lines_of(t["br"])


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_links_priority_equals_its_voice_kbps_rounded_up(example):
    d = load(example)
    r = analyse(d)
    t = configs.sketch_texts(d, r)
    for link in r.links:
        for site in (link.a, link.b):
            if site not in t:
                continue  # a cloud end
            block = t[site].split(f"policy-map WAN-QOS-{link.id}\n", 1)[1].split("policy-map", 1)[0]
            found = re.findall(r"^  priority (\d+)$", block, re.M)
            expected = math.ceil(round(link.voice_kbps, 6))
            assert found == ([str(expected)] if expected else []), (site, link.id)


def test_signalling_class_gets_the_links_signalling_kbps():
    # SCCP: (53 + 21 × 1 call per hour) × 100 branch phones = 7,400 bps = 7.4 kbps on the link -> bandwidth 8
    assert "  bandwidth 8" in lines_of(texts(two_sites("none", "g711"))["br"])
    # 50 phones: 3,700 bps -> 4 kbps, raised to the 8 kbps a class takes at least
    d = two_sites("none", "g711").model_dump()
    d["sites"][1]["phones"] = 50
    text = texts(Design.model_validate(d))["br"]
    assert "  bandwidth 8" in lines_of(text) and "raised to 8 kbps" in text


# ------------------------------------------------------------------------------------------------------ MTU

def test_mtu_lines_equal_the_mtu_advice_dmvpn():
    # DMVPN practice (Cisco DMVPN design guide): ip mtu 1400, adjust-mss 1360, on every tunnel interface
    d = two_sites("dmvpn", "g729")
    assert (analyse(d).mtu.ip_mtu, analyse(d).mtu.tcp_adjust_mss) == (1400, 1360)
    for text in texts(d).values():
        tunnels = text.count("\ninterface Tunnel")
        assert tunnels and text.count("\n ip mtu 1400\n") == tunnels and text.count(" ip tcp adjust-mss 1360\n") == tunnels


def test_mtu_lines_equal_the_mtu_advice_getvpn():
    # GET VPN, AES-CBC + SHA1-96 worst case: 20 + 8 + 16 + 15 pad + 2 + 12 = 73 B (Cisco course material);
    # 1500 − 73 = 1427, down to a multiple of 8: 1424; MSS 1424 − 40 = 1384. No tunnel: on the LAN-facing interface
    d = two_sites("getvpn", "g729")
    advice = analyse(d).mtu
    assert (advice.tunnel_overhead_bytes, advice.ip_mtu, advice.tcp_adjust_mss) == (73, 1424, 1384)
    for text in texts(d).values():
        block = text.split("interface <LAN-IF>\n", 1)[1]
        assert " ip mtu 1424\n ip tcp adjust-mss 1384\n" in block


def test_no_tunnel_no_mtu_lines():
    assert all("ip mtu" not in text for text in texts(two_sites("none", "g711")).values())


# ----------------------------------------------------------------------------------------------------- SRST

@pytest.mark.parametrize("signalling, survivability, lines", [
    ("sccp", "srst", ["call-manager-fallback", " max-ephones 100", " max-dn 100"]),
    ("sip", "sip-srst", ["voice register global", " max-pool 100", " max-dn 100"]),
    ("sccp", "e-srst", ["telephony-service", " max-ephones 100", " mode esrst", " max-pool 100"]),
])
def test_srst_is_sized_from_the_phone_count(signalling, survivability, lines):
    d = two_sites("none", "g711").model_dump()
    d["voice"]["signalling"] = signalling
    d["sites"][1]["survivability"] = survivability
    t = texts(Design.model_validate(d))
    for line in lines:
        assert line in lines_of(t["br"])
    assert "max-ephones" not in t["hq"] and "max-pool" not in t["hq"]  # call processing: no fallback


def test_srst_sketched_for_a_branch_without_survivability_and_says_so():
    d = two_sites("none", "g711").model_dump()
    d["sites"][1]["survivability"] = "none"
    d["sites"][1]["phones"] = 42
    text = texts(Design.model_validate(d))["br"]
    assert " max-ephones 42" in lines_of(text) and "no survivability at this site yet" in text


# ---------------------------------------------------------------------------------------------------- ELCAC

def test_cucm_location_values_are_calls_times_the_per_call_figure():
    # 18 calls on each link × 24 kbps per G.729 call (Preferred Architecture CVD, Table 8-6) = 432 kbps
    t = texts(two_sites("dmvpn", "g729"))
    assert "!     link l-br to net: 18 calls × 24.00 kbps = 432.00 kbps" in lines_of(t["br"])
    assert "!   location br (Branch): audio 432.00 kbps, enter 432 kbps" in lines_of(t["br"])
    # the call-processing site lists every location; the branch only its own
    assert "location br (Branch)" in t["hq"] and "location hq (Head office)" in t["hq"]
    assert "location hq" not in t["br"]


def test_g711_location_value():
    # 18 calls × 80 kbps per G.711 call = 1,440 kbps
    assert "!     link l1 to br: 18 calls × 80.00 kbps = 1,440.00 kbps" in lines_of(texts(two_sites("none", "g711"))["hq"])


# ------------------------------------------------------------------------------------------- labels, safety

@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_is_sketched_and_labelled(example):
    d = load(example)
    t = texts(d)
    assert list(t) == [s.id for s in d.sites]
    for text in t.values():
        assert text.startswith("! ====")
        assert "CONFIGURATION SKETCH TO REVIEW: NOT A FINAL CONFIGURATION" in text.splitlines()[1]
        assert "RFC 5737" in text and text.endswith("end\n")
        assert not re.search(r"SPEC|§|(?i:\bseed)|-R[0-9]", text)  # sources by title; no internal rule ids


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_only_documentation_addresses(example):
    d = load(example)
    for text in texts(d).values():
        for found in re.findall(r"\b\d{1,3}(?:\.\d{1,3}){3}\b", text):
            if found in ALLOWED:
                continue
            assert any(ipaddress.ip_address(found) in net for net in DOC_NETS), found


def test_user_text_cannot_leave_a_comment():
    d = two_sites("none", "g711").model_dump()
    d["name"] = "evil\nrouter bgp 1"
    d["sites"][1]["name"] = "x\r\nno service password-encryption\u2028line"
    t = texts(Design.model_validate(d))
    for text in t.values():
        assert "router bgp 1" not in lines_of(text)
        assert not any(line.startswith(("no service", "line")) for line in lines_of(text))


def test_sketch_objects_have_titled_sections():
    d = two_sites("dmvpn", "g729")
    sketch = configs.sketches(d, analyse(d))["br"]
    titles = [s.title for s in sketch.sections]
    assert titles[0].startswith("QoS") and "DMVPN spoke" in titles and titles[-1].startswith("CUCM location")
    assert sketch.site_name == "Branch"
    assert sketch.text() == configs.sketch_texts(d, analyse(d))["br"]


def test_each_cluster_lists_its_own_locations():
    """CUCM is configured per cluster: a call-processing site lists the locations of its cluster's sites, not every
    location of a design of many clusters (2,000 one-site clusters made 485 MB of sketches, the square of the size).
    Here hq runs cluster-1 (hq, and br2, which sets no cluster); br1 runs cluster-2 alone."""
    path = Path(__file__).resolve().parents[1] / "data" / "acceptance" / "tricky_distributed_branch_leased_line.json"
    t = texts(load(path))
    assert "Every location of cluster 'cluster-1'" in t["hq"]
    assert "location hq (" in t["hq"] and "location br2 (" in t["hq"] and "location br1 (" not in t["hq"]
    assert "Every location of cluster 'cluster-2'" in t["br1"]
    assert "location br1 (" in t["br1"] and "location hq (" not in t["br1"] and "location br2 (" not in t["br1"]
    assert "location br2 (" in t["br2"] and "location hq (" not in t["br2"]  # a branch: its own only
