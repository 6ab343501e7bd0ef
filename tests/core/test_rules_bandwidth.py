"""BW-* findings: each rule on a case that fires it and one that must not (SPEC §3.6)."""

from __future__ import annotations

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
    assert "254.35 kbps" in f.message and "8 calls × 31.20 kbps" in f.message and "200 kbps" in f.message
    assert "BW-R1" in f.rationale and "SPEC §3.2" in f.rationale
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
    assert "249.60 kbps" in f.message and "35.7%" in f.message  # 249.6 / 700, one decimal
    assert "at least 757 kbps" in f.remedy  # 249.6 / 0.33 = 756.4


def test_llq_share_does_not_fire_within_share_or_with_a_looser_setting():
    assert "BW-LLQ-SHARE" not in _codes(_design(capacity_kbps=757))
    assert "BW-LLQ-SHARE" not in _codes(_design(capacity_kbps=700, llq_share=0.4))


@pytest.mark.parametrize("technology", ["dmvpn", "gre-ipsec", "ipsec", "getvpn"])
def test_mtu_fires_once_for_tunnels(technology):
    [f] = _codes(_design(technology=technology))["BW-MTU"]
    assert f.subjects == ("design",) and f.severity == "warning" and f.rule == "BW-R3"
    assert "ip mtu" in f.remedy and "adjust-mss" in f.remedy and "DMVPN design guide" in f.rationale
    if technology == "dmvpn":
        assert "ip mtu 1400" in f.remedy and "adjust-mss 1360" in f.remedy


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
