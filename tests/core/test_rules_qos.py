"""QOS-* findings: the marking plan, the priority queue per link (figures computed by hand here), qos pre-classify,
per-tunnel QoS on DMVPN/FlexVPN hubs and voice over the Internet; plus the designs in tests/data/acceptance/qos."""

from __future__ import annotations

import dataclasses
import json
import math
import re
from pathlib import Path

import pytest

from advisor import traffic
from advisor.model import Design
from advisor.rules import bandwidth, qos

DATA = Path(__file__).resolve().parents[1] / "data" / "acceptance" / "qos"
UC_FACTS = Path(__file__).resolve().parents[3] / "shared" / "reference" / "uc_facts.md"


def kbps(frame_bytes: int, ptime_ms: float = 20.0) -> float:
    return frame_bytes * 8 * (1000 / ptime_ms) / 1000  # per direction: frame bytes × 8 × packets per second


def esp_pad(x: int, block: int = 16) -> int:
    return math.ceil((x + 2) / block) * block  # ESP trailer rule as Cisco IOS pads (RFC 4303 §2.4)


G729_ETHERNET = kbps(20 + 8 + 12 + 20 + 18)  # IP + UDP + RTP + 20 B G.729 payload + 18 B Ethernet: 31.2 (TAC 7934)
# G.711 in DMVPN (transport mode, GRE key): 20 B GRE delivery header + ESP 8 + IV 16 + pad(8 GRE + 200) + ICV 12.
G711_DMVPN = kbps(20 + 8 + 16 + esp_pad(8 + 20 + 8 + 12 + 160) + 12 + 18)  # 298 B frame: 119.2 kbps
SCCP_BPS = 53 + 21 * 2.0  # (53 + 21 × calls per phone per hour) bps per phone: 95 bps at 2 calls/hour


def erlangs(users: int, share: float = 0.3) -> float:
    return users * 2.0 * 180 / 3600 * share  # users × calls per hour × holding time, on-net share


# Erlang B at P.01: the most traffic N trunks carry (standard tables).
ERLANG_B_P01 = {7: 2.501, 8: 3.128, 9: 3.783, 10: 4.461, 11: 5.160, 12: 5.876}


def trunks(offered: float) -> int:
    return min(n for n, capacity in ERLANG_B_P01.items() if capacity >= offered)


def _design(technology="mpls-isolation", codec="g729", users=(65, 65), caps=(100_000, 420), cloud="mpls",
            **vpn) -> Design:
    sites = [{"id": "hq", "name": "Ljubljana HQ", "kind": "hq", "users": users[0], "cucm_publisher": True}]
    sites += [{"id": f"br{i}", "name": f"Branch {i}", "users": u} for i, u in enumerate(users[1:], 1)]
    links = [{"id": f"l-{s['id']}", "a": s["id"], "b": "wan", "capacity_kbps": c} for s, c in zip(sites, caps, strict=True)]
    return Design.model_validate({"voice": {"codec": codec}, "vpn": {"technology": technology, **vpn},
                                  "sites": sites, "clouds": [{"id": "wan", "name": "WAN", "kind": cloud}],
                                  "links": links})


def _found(design: Design, technology: str | None = None, sizing=None) -> dict[str, list]:
    sizing = sizing or traffic.size(design, technology or design.vpn.technology)
    out: dict[str, list] = {}
    for f in qos.check(design, sizing):
        out.setdefault(f.code, []).append(f)
    return out


# --- marking ---------------------------------------------------------------------------------------------------------

def test_marking_plan_once_with_the_dscp_values():
    [f] = _found(_design())["QOS-MARKING"]
    assert f.severity == "info" and f.subjects == ("design",)
    for text in ("audio EF (DSCP 46)", "CS3 (DSCP 24)", "AF41 (DSCP 34", "AF42, DSCP 36", "access switch"):
        assert text in f.message
    assert "Preferred Architecture for Cisco Collaboration 14" in f.rationale and "CS5" in f.rationale


def test_marking_quote_is_verbatim_from_the_reference():
    quote = re.search(r'"(Mark all audio[^"]*)"', qos.SOURCE_MARKING).group(1)
    if UC_FACTS.exists():
        assert quote.split(" … ")[0] in UC_FACTS.read_text(encoding="utf-8")
    assert quote.startswith("Mark all audio with Expedited Forwarding class EF") and quote.endswith("with CS3.")


def test_no_marking_or_queue_without_phones():
    found = _found(_design(users=(0, 0)))
    assert "QOS-MARKING" not in found and "QOS-PRIORITY-QUEUE" not in found


# --- priority queue --------------------------------------------------------------------------------------------------

def test_priority_queue_figures_by_hand():
    # 65 + 65 users, 30 % on-net, two sites: 1.95 E each way = 3.9 E on each link -> 10 calls at P.01.
    offered = erlangs(65) + erlangs(65)
    calls = trunks(offered)
    assert (round(offered, 2), calls) == (3.9, 10)
    priority = math.ceil(round(calls * G729_ETHERNET, 6))  # 10 × 31.2 = 312 kbps
    signalling = math.ceil(65 * SCCP_BPS / 1000)  # the branch's 65 phones signal over both links: 6.175 -> 7
    assert (priority, signalling) == (312, 7)
    [f] = _found(_design())["QOS-PRIORITY-QUEUE"]
    assert f.severity == "info" and f.subjects == ("l-hq", "l-br1")
    assert (f"'Ljubljana HQ – WAN' priority {priority} kbps ({calls} calls × 31.20 kbps), CS3 bandwidth "
            f"{signalling} kbps") in f.message
    assert f"'priority {priority}' and 'bandwidth {signalling}'" in f.remedy


def test_priority_rounding_ignores_float_noise():
    per_call = kbps(83)  # an 83-byte frame: 33.2 kbps
    assert 15 * per_call != 498  # 498.00000000000006
    assert qos.priority_kbps(15 * per_call) == 498 and qos.priority_kbps(498.01) == 499


def test_max_reserved_bandwidth_note_only_where_the_classes_pass_75_percent():
    # Branch link 420 kbps: 312 + 7 = 319 kbps > 0.75 × 420 = 315 kbps.
    assert 312 + 7 > 0.75 * 420
    [f] = _found(_design())["QOS-PRIORITY-QUEUE"]
    assert "On 1 link the two classes" in f.remedy and "max-reserved-bandwidth" in f.remedy and "75%" in f.remedy
    # 426 kbps: 319 ≤ 319.5
    assert 312 + 7 <= 0.75 * 426
    [f] = _found(_design(caps=(100_000, 426)))["QOS-PRIORITY-QUEUE"]
    assert "max-reserved-bandwidth" not in f.remedy


def test_priority_queue_names_the_top_links_and_counts_the_rest():
    users = (100, 50, 50, 50, 50, 50, 50)
    found = _found(_design(users=users, caps=(100_000,) + (2048,) * 6))
    [f] = found["QOS-PRIORITY-QUEUE"]
    assert len(f.subjects) == 7 and f.message.count(" priority ") == 3 and "; and 4 more" in f.message
    assert f.message.index("Ljubljana HQ") < f.message.index("Branch 1")  # the HQ carries most voice


# --- pre-classify ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("technology", "where"), [
    ("ipsec", "on the crypto map entries"), ("gre-ipsec", "on the tunnel interfaces"),
    ("dmvpn", "on the mGRE tunnel interfaces"), ("vti", "on the tunnel interfaces"),
    ("flexvpn", "on the tunnel interfaces and the hub's virtual-template")])
def test_preclassify_on_tunnels(technology, where):
    if technology not in traffic.TECHNOLOGY_VPN:
        pytest.skip(f"the sizing does not price {technology} yet")
    [f] = _found(_design(technology=technology, dynamic_routing=technology != "ipsec"))["QOS-PRECLASSIFY"]
    assert f.severity == "info" and f.subjects == ("l-hq", "l-br1")
    assert "'qos pre-classify' " + where in f.message and "ToS" in f.message
    assert "Cisco IOS in a Nutshell" in f.rationale and "10106" in f.rationale


@pytest.mark.parametrize("technology", ["getvpn", "none", "mpls-isolation"])
def test_no_preclassify_without_an_outer_header_to_classify(technology):
    assert "QOS-PRECLASSIFY" not in _found(_design(technology=technology))


# --- per-tunnel QoS --------------------------------------------------------------------------------------------------

def test_per_tunnel_qos_on_a_dmvpn_hub_faster_than_its_spokes():
    d = _design(technology="dmvpn", codec="g711", users=(100, 50, 50), caps=(16384, 4096, 8192), cloud="internet")
    [f] = _found(d)["QOS-PER-TUNNEL"]
    assert f.severity == "info" and f.subjects == ("hq",)
    assert "hub 'Ljubljana HQ' (16,384 kbps access)" in f.message and "2 of 2 spokes with calls are slower" in f.message
    assert "the slowest 'Branch 1' at 4,096 kbps" in f.message
    assert "ip nhrp group" in f.remedy and "ip nhrp map group" in f.remedy and "shape average 4096000" in f.remedy


def test_no_per_tunnel_qos_when_no_spoke_is_slower_or_not_dmvpn():
    assert "QOS-PER-TUNNEL" not in _found(_design(technology="dmvpn", users=(100, 50), caps=(4096, 4096)))
    assert "QOS-PER-TUNNEL" not in _found(_design(technology="gre-ipsec", users=(100, 50), caps=(16384, 4096)))


def test_per_tunnel_qos_on_a_flexvpn_hub():
    if "flexvpn" not in traffic.TECHNOLOGY_VPN:
        pytest.skip("the sizing does not price flexvpn yet")
    [f] = _found(_design(technology="flexvpn", users=(100, 50), caps=(16384, 4096)))["QOS-PER-TUNNEL"]
    assert f.message.startswith("FlexVPN") and " hub " in f.message and "virtual-template" in f.remedy


def test_per_tunnel_uses_the_link_technology_on_a_hybrid_wan():
    d = _design(technology="getvpn", users=(100, 50), caps=(16384, 4096))
    sizing = traffic.size(d, "getvpn")
    assert "QOS-PER-TUNNEL" not in _found(d, sizing=sizing)
    dmvpn = dataclasses.replace(sizing, links=tuple(r.model_copy(update={"technology": "dmvpn"})
                                                    for r in sizing.links))
    found = _found(d, sizing=dmvpn)
    assert found["QOS-PER-TUNNEL"][0].subjects == ("hq",) and "QOS-PRECLASSIFY" in found


# --- Internet --------------------------------------------------------------------------------------------------------

def test_internet_links_with_calls_get_the_sla_warning():
    d = _design(technology="dmvpn", codec="g711", users=(100, 50, 0), caps=(16384, 4096, 2048), cloud="internet")
    [f] = _found(d)["QOS-INTERNET-SLA"]
    assert f.severity == "warning" and f.subjects == ("l-hq", "l-br1")  # the site without users carries no calls
    # HQ link: 3 E from HQ + 1.5 E from branch 1 = 4.5 E -> 11 calls × 119.2 kbps (G.711 in DMVPN) = 1311.2 kbps.
    hq_calls = trunks(erlangs(100) + erlangs(50))
    assert hq_calls == 11 and G711_DMVPN == pytest.approx(119.2)
    assert f"'shape average 16384000' with 'priority {math.ceil(round(hq_calls * G711_DMVPN, 6))}'" in f.remedy
    assert "business-class" in f.remedy and "MPLS" in f.remedy


def test_no_sla_warning_off_the_internet():
    assert "QOS-INTERNET-SLA" not in _found(_design(technology="dmvpn", cloud="mpls"))
    assert "QOS-INTERNET-SLA" not in _found(_design(technology="dmvpn", cloud="private-wan"))


# --- text and cost ---------------------------------------------------------------------------------------------------

INTERNAL = re.compile(r"SPEC|§|seed|QOS-R\d|BW-R\d|score")


def test_user_facing_text_has_no_internal_vocabulary():
    d = _design(technology="dmvpn", codec="g711", users=(100, 50, 50), caps=(16384, 4096, 420), cloud="internet")
    findings = [f for fs in _found(d).values() for f in fs]
    assert {f.code for f in findings} == {"QOS-MARKING", "QOS-PRIORITY-QUEUE", "QOS-PRECLASSIFY", "QOS-PER-TUNNEL",
                                          "QOS-INTERNET-SLA"}
    for f in findings:
        for text in (f.message, f.rationale, f.remedy, f.source):
            assert not INTERNAL.search(text), text
        assert "paraphrase" in f.rationale or '"' in f.rationale  # quoted verbatim or labelled


def test_ten_thousand_branches_stay_cheap():
    n = 10_000
    d = Design.model_validate({
        "vpn": {"technology": "dmvpn"}, "clouds": [{"id": "inet", "kind": "internet"}],
        "sites": [{"id": "hq", "kind": "hq", "users": 500, "cucm_publisher": True}]
        + [{"id": f"b{i}", "users": 20} for i in range(n)],
        "links": [{"id": "l-hq", "a": "hq", "b": "inet", "capacity_kbps": 1e6}]
        + [{"id": f"l{i}", "a": f"b{i}", "b": "inet", "capacity_kbps": 2048} for i in range(n)]})
    sizing = traffic.size(d, "dmvpn")
    found = _found(d, sizing=sizing)
    [pq] = found["QOS-PRIORITY-QUEUE"]  # one finding for every link, not one per branch
    assert len(pq.subjects) == n + 1 and f"and {n + 1 - 3:,} more" in pq.message  # 9,998: thousands marked
    assert len(pq.message) < 1_000  # three names and a count: the text does not grow with the branches
    assert "1,000,000 kbps access" in found["QOS-PER-TUNNEL"][0].message  # never '1e+06'


# --- acceptance designs (tests/data/acceptance/qos) ------------------------------------------------------------------

L3 = ("l-hq", "l-br1", "l-br2")
MTU = {"BW-MTU": ("warning", ("design",))}
# file -> every QOS-* and BW-* finding it must produce, {code: (severity, subjects)}.
EXPECT = {
    "qos_dmvpn_internet_fire": {
        "QOS-MARKING": ("info", ("design",)), "QOS-PRIORITY-QUEUE": ("info", L3), "QOS-PRECLASSIFY": ("info", L3),
        "QOS-PER-TUNNEL": ("info", ("hq",)), "QOS-INTERNET-SLA": ("warning", L3), **MTU},
    "qos_dmvpn_mpls_near_equal_rates": {
        "QOS-MARKING": ("info", ("design",)), "QOS-PRIORITY-QUEUE": ("info", L3), "QOS-PRECLASSIFY": ("info", L3),
        **MTU},
    "qos_getvpn_mpls_near": {"QOS-MARKING": ("info", ("design",)), "QOS-PRIORITY-QUEUE": ("info", L3), **MTU},
    "qos_priority_g729_hand": {
        "QOS-MARKING": ("info", ("design",)), "QOS-PRIORITY-QUEUE": ("info", ("l-hq", "l-br1")),
        "BW-LLQ-SHARE": ("warning", ("l-br1",))},
    "qos_no_phones_near": {**MTU},
    "qos_internet_near_no_calls": {
        "QOS-MARKING": ("info", ("design",)), "QOS-PRIORITY-QUEUE": ("info", ("l-hq", "l-br1")),
        "QOS-PRECLASSIFY": ("info", ("l-hq", "l-br1")), **MTU},
    "qos_hybrid_getvpn_mpls_dmvpn_internet": {
        "QOS-MARKING": ("info", ("design",)),
        "QOS-PRIORITY-QUEUE": ("info", ("l-hq-mpls", "l-hq-inet", "l-br1", "l-br2")),
        "QOS-PRECLASSIFY": ("info", ("l-hq-inet", "l-br2")), "QOS-PER-TUNNEL": ("info", ("hq",)),
        "QOS-INTERNET-SLA": ("warning", ("l-hq-inet", "l-br2")),
        "BW-MTU": ("warning", ("l-hq-mpls", "l-br1"))},  # and a second BW-MTU: see the hybrid test below
}


def _load(name: str) -> Design:
    return Design.model_validate(json.loads((DATA / f"{name}.json").read_text(encoding="utf-8")))


def _acceptance_findings(design: Design) -> list:
    """BW-* and QOS-* for the design's own technology (each acceptance design names it)."""
    tech = design.vpn.technology
    sizing = traffic.size(design, tech, traffic.link_technologies(design, tech))
    return [*bandwidth.check(design, sizing), *qos.check(design, sizing)]


def test_every_acceptance_design_is_listed():
    assert {p.stem for p in DATA.glob("*.json")} == set(EXPECT)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_acceptance_codes(name):
    got: dict[str, set] = {}
    for f in _acceptance_findings(_load(name)):
        got.setdefault(f.code, set()).add((f.severity, f.subjects))
    want = {code: {(sev, subjects)} for code, (sev, subjects) in EXPECT[name].items()}
    if name.startswith("qos_hybrid"):
        want["BW-MTU"].add(("warning", ("l-hq-inet", "l-br2")))  # one per tunnel technology
    assert got == want


def test_acceptance_hybrid_mtu_per_technology():
    found = {f.subjects: f for f in _acceptance_findings(_load("qos_hybrid_getvpn_mpls_dmvpn_internet"))
             if f.code == "BW-MTU"}
    getvpn, dmvpn = found[("l-hq-mpls", "l-br1")], found[("l-hq-inet", "l-br2")]
    assert f"becomes {20 + 8 + 16 + esp_pad(1500) + 12:,} B" in getvpn.message and "LAN-facing" in getvpn.remedy
    assert f"becomes {20 + 8 + 16 + esp_pad(8 + 1500) + 12:,} B" in dmvpn.message and "ip mtu 1400" in dmvpn.remedy


def test_acceptance_dmvpn_internet_figures_by_hand():
    found = {f.code: f for f in _acceptance_findings(_load("qos_dmvpn_internet_fire"))}
    # Gravity model: HQ (100 users) sends 3 E on-net, half to each branch; each branch sends 1.5 E, 2/3 to HQ.
    hq = erlangs(100) + 2 * erlangs(50) * 100 / 150  # 5 E -> 11 calls
    branch = erlangs(50) + erlangs(100) / 2 + erlangs(50) * 50 / 150  # 3.5 E -> 9 calls
    hq_pq, br_pq = (math.ceil(round(trunks(e) * G711_DMVPN, 6)) for e in (hq, branch))
    assert (trunks(hq), trunks(branch), hq_pq, br_pq) == (11, 9, 1312, 1073)
    pq = found["QOS-PRIORITY-QUEUE"].message
    assert f"'Ljubljana HQ – Internet' priority {hq_pq:,} kbps (11 calls × 119.20 kbps), CS3 bandwidth 10 kbps" in pq
    assert f"'Maribor – Internet' priority {br_pq:,} kbps (9 calls × 119.20 kbps), CS3 bandwidth 5 kbps" in pq
    # 100 branch phones × 95 bps = 9.5 kbps on the HQ link; 50 × 95 = 4.75 kbps on a branch link.
    assert "slowest 'Maribor' at 4,096 kbps" in found["QOS-PER-TUNNEL"].message
    full = 20 + 8 + 16 + esp_pad(8 + 1500) + 12  # a 1,500-byte packet in DMVPN: 1,576 B
    assert f"becomes {full:,} B" in found["BW-MTU"].message


def test_acceptance_getvpn_mtu_says_no_tunnel_interface():
    [mtu] = [f for f in _acceptance_findings(_load("qos_getvpn_mpls_near")) if f.code == "BW-MTU"]
    typical = 20 + 8 + 16 + esp_pad(1500) + 12  # preserved header + ESP + IV + pad(1500) + ICV: 1,560 B
    worst = 1500 + 20 + 8 + 16 + 15 + 2 + 12  # 1,573 B
    assert f"becomes {typical:,} B ({worst:,} B at most" in mtu.message
    assert "LAN-facing" in mtu.remedy and "fragmentation before-encryption" in mtu.remedy
