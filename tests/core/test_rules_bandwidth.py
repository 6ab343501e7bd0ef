"""BW-* findings: each rule on a case that fires it and one that must not (SPEC §3.6)."""

from __future__ import annotations

import dataclasses
import math
import re

import pytest

from advisor import traffic
from advisor.model import Design
from advisor.rules import bandwidth


def _design(capacity_kbps=2048.0, technology="none", crtp=0, l2="ethernet", users=50, **traffic_policy) -> Design:
    return Design.model_validate({
        "voice": {"codec": "g729", "crtp": crtp}, "vpn": {"technology": technology},
        "traffic": traffic_policy,
        "sites": [{"id": "hq", "kind": "hq", "users": users, "cucm_publisher": True},
                  {"id": "br", "users": users}],
        "clouds": [{"id": "wan"}],
        "links": [{"id": "l-hq", "a": "hq", "b": "wan", "capacity_kbps": 100_000, "l2": l2},
                  {"id": "l-br", "a": "br", "b": "wan", "capacity_kbps": capacity_kbps, "l2": l2}]})


def _codes(design: Design, technology: str | None = None) -> dict[str, list]:
    tech = technology or design.vpn.technology
    out: dict[str, list] = {}
    for f in bandwidth.check(design, traffic.size(design, tech)):
        out.setdefault(f.code, []).append(f)
    return out


# The branch: 50 users × 2 × 180 / 3600 = 5 E, 30 % on-net = 1.5 E out; it receives HQ's 1.5 E: 3 E on its link
# -> 8 calls at P.01 (7 trunks carry 2.50 E, 8 carry 3.13; Erlang B table); G.729 Ethernet 31.2 kbps (Cisco 7934)
# -> 249.6 kbps voice + 50 × 95 bps = 4.75 kbps signalling = 254.35 kbps.
def test_overload_fires_with_the_numbers():
    found = _codes(_design(capacity_kbps=200))
    [f] = found["BW-LINK-OVERLOAD"]
    assert f.subjects == ("l-br",) and f.severity == "error" and f.rule == "BW-R1"
    assert "254.35 kbps" in f.message and "8 calls × 31.20 kbps" in f.message and "200.00 kbps" in f.message
    assert "TAC document 7934" in f.rationale and "Unified Communications SRND" in f.rationale
    assert "at least 255 kbps" in f.remedy


def test_overload_does_not_fire_when_it_fits():
    assert "BW-LINK-OVERLOAD" not in _codes(_design(capacity_kbps=255))


def test_overload_remedy_offers_g729_for_g711():
    d = Design.model_validate({**_design(capacity_kbps=300).model_dump(), "voice": {"codec": "g711"}})
    [f] = _codes(d)["BW-LINK-OVERLOAD"]
    # G.711 Ethernet 87.2 kbps × 8 = 697.6 + 4.75; the G.729 alternative: 31.2 kbps per call (Cisco 7934).
    assert "87.20 kbps" in f.message and "G.729 (31.20 kbps per call" in f.remedy


def test_llq_share_fires_above_33_percent():
    # 249.6 kbps voice on 700 kbps = 35.7 % > 33 %; total 254.35 < 700: no overload.
    found = _codes(_design(capacity_kbps=700))
    [f] = found["BW-LLQ-SHARE"]
    assert "BW-LINK-OVERLOAD" not in found
    assert f.subjects == ("l-br",) and f.rule == "BW-R2" and "33 %" in f.rationale and "QoS SRND" in f.rationale
    assert f.severity == "warning" and "guideline" in f.message and "guideline" in f.rationale
    assert "249.60 kbps" in f.message and "35.7 %" in f.message  # 249.6 / 700, one decimal
    assert "at least 757 kbps" in f.remedy  # 249.6 / 0.33 = 756.4


def test_llq_share_does_not_fire_within_share_or_with_a_looser_setting():
    assert "BW-LLQ-SHARE" not in _codes(_design(capacity_kbps=757))
    assert "BW-LLQ-SHARE" not in _codes(_design(capacity_kbps=700, llq_share=0.4))


@pytest.mark.parametrize("technology", ["dmvpn", "gre-ipsec", "ipsec", "getvpn"])
def test_mtu_fires_once_for_tunnels(technology):
    [f] = _codes(_design(technology=technology))["BW-MTU"]
    assert f.subjects == ("design",) and f.severity == "warning" and f.rule == "BW-R3"
    assert "adjust-mss" in f.remedy and "Resolve IP Fragmentation" in f.rationale
    if technology == "dmvpn":
        assert "ip mtu 1400" in f.remedy and "adjust-mss 1360" in f.remedy and "DMVPN design guide" in f.rationale


def _pad(x: int, block: int = 16) -> int:
    return math.ceil((x + 2) / block) * block  # ESP trailer rule (RFC 4303 §2.4, as Cisco IOS pads)


# A full 1,500-byte packet with AES-CBC (16 B IV, 16 B block) + HMAC-SHA1-96 (12 B ICV); ESP header 8 B.
ESP_FIXED = 8 + 16 + 12
# Tunnel mode (crypto map default, GET VPN): outer (or preserved) IP header 20 B, the whole packet protected.
TUNNEL_MODE_1500 = 20 + ESP_FIXED + _pad(1500)  # 20 + 36 + 1504 = 1560
TUNNEL_MODE_WORST = 1500 + 20 + ESP_FIXED + 15 + 2  # padding at its maximum: 1573
# DMVPN: transport mode, GRE with key (8 B) inside ESP, the GRE delivery header outside: 20 + 36 + pad(1508).
DMVPN_1500 = 20 + ESP_FIXED + _pad(8 + 1500)  # 1576
DMVPN_WORST = 1500 + 20 + ESP_FIXED + 8 + 15 + 2  # 1581
GRE_1500 = 20 + ESP_FIXED + _pad(4 + 1500)  # GRE over IPsec, no key: 1576
GRE_WORST = 1500 + 20 + ESP_FIXED + 4 + 15 + 2  # 1577


def test_hand_figures_for_a_full_packet():
    assert (TUNNEL_MODE_1500, TUNNEL_MODE_WORST) == (1560, 1573)
    assert (DMVPN_1500, DMVPN_WORST, GRE_1500, GRE_WORST) == (1576, 1581, 1576, 1577)


@pytest.mark.parametrize(("technology", "typical", "worst"), [
    ("getvpn", TUNNEL_MODE_1500, TUNNEL_MODE_WORST), ("ipsec", TUNNEL_MODE_1500, TUNNEL_MODE_WORST),
    ("dmvpn", DMVPN_1500, DMVPN_WORST), ("gre-ipsec", GRE_1500, GRE_WORST)])
def test_mtu_gives_the_typical_and_the_worst_case(technology, typical, worst):
    [f] = _codes(_design(technology=technology))["BW-MTU"]
    assert f"becomes {typical:,} B ({worst:,} B at most" in f.message
    assert f"adds {typical - 1500} B" in f.message
    full = bandwidth.full_packet(_design(technology=technology), technology)
    assert (full.typical_bytes, full.worst_bytes) == (typical, worst)


@pytest.mark.parametrize(("technology", "what"), [("getvpn", "group member"), ("ipsec", "crypto peer")])
def test_mtu_without_a_tunnel_interface_says_where_instead(technology, what):
    [f] = _codes(_design(technology=technology))["BW-MTU"]
    mss = (1500 - (TUNNEL_MODE_WORST - 1500)) // 8 * 8 - 40  # 1427 rounded down to 1424, less 40 B TCP/IP: 1384
    assert f"'ip tcp adjust-mss {mss}' on the LAN-facing interface of every {what}" in f.remedy
    assert "crypto ipsec fragmentation before-encryption" in f.remedy
    assert "no tunnel interface" in f.remedy and "every tunnel interface" not in f.remedy
    assert "ip mtu" not in f.message + f.remedy and "DMVPN" not in f.rationale


@pytest.mark.parametrize("technology", ["dmvpn", "gre-ipsec"])
def test_mtu_with_tunnel_interfaces_sets_ip_mtu_there(technology):
    [f] = _codes(_design(technology=technology))["BW-MTU"]
    assert "tunnel interface" in f.remedy and "ip mtu 1400" in f.remedy and "LAN-facing" not in f.remedy


@pytest.mark.parametrize("technology", ["vti", "flexvpn"])
def test_mtu_on_virtual_tunnel_interfaces(technology):
    if technology not in traffic.TECHNOLOGY_VPN:
        pytest.skip(f"the sizing does not price {technology} yet")
    [f] = _codes(_design(technology=technology))["BW-MTU"]
    # IPsec tunnel mode, no GRE: as the crypto map's tunnel mode for a full packet.
    assert f"becomes {TUNNEL_MODE_1500:,} B ({TUNNEL_MODE_WORST:,} B at most" in f.message
    mtu = (1500 - (TUNNEL_MODE_WORST - 1500)) // 8 * 8  # 1424
    assert f"'ip mtu {mtu}' and 'ip tcp adjust-mss {mtu - 40}'" in f.remedy and "tunnel interface" in f.remedy


def test_hybrid_wan_gets_mtu_advice_per_technology():
    # GET VPN on the HQ's link, DMVPN on the branch's (as the sizing marks a hybrid WAN's links).
    d = _design(technology="getvpn")
    sizing = traffic.size(d, "getvpn")
    links = tuple(r.model_copy(update={"technology": "dmvpn" if r.id == "l-br" else "getvpn"})
                  for r in sizing.links)
    found = {f.subjects: f for f in bandwidth.check(d, dataclasses.replace(sizing, links=links))
             if f.code == "BW-MTU"}
    assert set(found) == {("l-hq",), ("l-br",)}
    assert "GET VPN" in found[("l-hq",)].message and "LAN-facing" in found[("l-hq",)].remedy
    assert "DMVPN" in found[("l-br",)].message and "ip mtu 1400" in found[("l-br",)].remedy
    assert f"becomes {DMVPN_1500:,} B" in found[("l-br",)].message


def test_overload_is_an_error_and_the_llq_guideline_a_warning():
    found = _codes(_design(capacity_kbps=200))
    assert {f.severity for f in found["BW-LINK-OVERLOAD"]} == {"error"}
    assert {f.severity for f in found["BW-LLQ-SHARE"]} == {"warning"}


INTERNAL = re.compile(r"SPEC|§|seed|BW-R\d|QOS-R\d|score")


@pytest.mark.parametrize("design", [
    _design(capacity_kbps=200), _design(capacity_kbps=700), _design(technology="getvpn"),
    _design(technology="dmvpn"), _design(crtp=2)])
def test_user_facing_text_has_no_internal_vocabulary(design):
    for findings in _codes(design).values():
        for f in findings:
            for text in (f.message, f.rationale, f.remedy, f.source):
                assert not INTERNAL.search(text), text


@pytest.mark.parametrize("technology", ["none", "mpls-isolation"])
def test_mtu_does_not_fire_without_a_tunnel(technology):
    assert "BW-MTU" not in _codes(_design(technology=technology))


def test_crtp_on_ethernet_fires():
    [f] = _codes(_design(crtp=2))["BW-CRTP-INVALID"]
    assert f.subjects == ("l-hq", "l-br") and f.rule == "BW-R4" and "Ethernet" in f.message
    assert "serial links only" in f.rationale


def test_crtp_inside_encryption_fires_even_on_serial():
    [f] = _codes(_design(crtp=2, l2="ppp", technology="getvpn"))["BW-CRTP-INVALID"]
    assert f.subjects == ("design",) and "encrypts" in f.message


def test_crtp_on_clear_serial_links_is_fine():
    d = _design(crtp=2, l2="ppp", technology="mpls-isolation")
    assert "BW-CRTP-INVALID" not in _codes(d)
    # and it is applied: G.729 cRTP 2 B on MP/FRF.12 is 11.6 kbps per call (Cisco TAC doc 7934)
    assert traffic.size(d, "mpls-isolation").links[1].per_call_kbps == pytest.approx(11.6)
    assert "BW-CRTP-INVALID" not in _codes(_design(crtp=0))


def test_quiet_design_has_no_bandwidth_findings():
    assert _codes(_design(capacity_kbps=2048)) == {}


@pytest.mark.parametrize("l2, words", [("atm", "ATM, where cRTP needs PPP over ATM"), ("atm-vcmux", "ATM"),
                                       ("none", "counted at IP level only"), ("custom", "a custom layer 2")])
def test_crtp_on_links_the_sizing_does_not_compress_is_said(l2, words):
    # cRTP on ATM, IP-level or custom links was dropped from the sizing without a word. The figure stays the
    # uncompressed one: G.729 on ATM LLC/SNAP: 20 + 8 + 12 + 20 = 60 B IP; 60 + 8 LLC/SNAP + 8 AAL5 trailer = 76 B
    # -> ceil(76 / 48) = 2 cells × 53 B = 106 B × 50 pps × 8 = 42.4 kbps (with cRTP 2 B it would be 1 cell, 21.2)
    if l2 == "custom":
        data = _design(crtp=2).model_dump()
        data["links"] = [{**x, "l2": "custom", "l2_bytes": 10} for x in data["links"]]
        d = Design.model_validate(data)
    else:
        d = _design(crtp=2, l2=l2)
    [f] = _codes(d)["BW-CRTP-INVALID"]
    assert f.subjects == ("l-hq", "l-br") and words in f.message and "2 links" in f.message
    assert "sized without cRTP there" in f.message
    if l2 == "atm":
        assert traffic.size(d, "none").links[1].per_call_kbps == pytest.approx(42.4)


def test_overload_remedy_offers_g729_only_where_it_needs_less():
    # G.723.1 5.3 kbps, 30 ms: 20 B + 40 B RTP/UDP/IP + 18 B Ethernet = 78 B × 8 × 33.33 pps = 20.80 kbps per call,
    # below G.729's 31.2 kbps (Cisco 7934): G.729 would need more, so the remedy does not offer it.
    d = Design.model_validate({**_design(capacity_kbps=100).model_dump(), "voice": {"codec": "g723.1-5.3"}})
    [f] = _codes(d)["BW-LINK-OVERLOAD"]
    assert "20.80 kbps" in f.message and "G.729" not in f.remedy
