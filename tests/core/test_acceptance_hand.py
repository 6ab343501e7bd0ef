"""Acceptance audit, by hand: per-link figures of small designs worked out in the tests from the published
per-call figures and the standard Erlang B table, and the wording of findings a reviewer reads
(`advisor check FILE --json` on the designs in tests/data/acceptance)."""

from __future__ import annotations

import math
import re

import pytest

from tests.core.test_acceptance import ALWAYS, analyse, found

# --- per-link figures by hand ----------------------------------------------------------------------------------------

# Erlang B, P.01: the most traffic (E) N trunks carry at 1 % blocking, as printed in the standard Erlang B tables
# (e.g. Cisco "Traffic Analysis for Voice over IP"; SPEC §3.2 quotes 15 trunks -> 8.108 E).
ERLANG_B_P01 = {1: 0.0101, 2: 0.153, 3: 0.455, 4: 0.869, 5: 1.361, 6: 1.909, 7: 2.501, 8: 3.128, 9: 3.783,
                10: 4.461, 11: 5.160, 12: 5.876, 13: 6.607, 14: 7.352, 15: 8.108}


def trunks(erlangs: float) -> int:
    return min(n for n, capacity in ERLANG_B_P01.items() if capacity >= erlangs)


def erlangs(users: int, calls_per_user: float = 2.0, holding_s: float = 180.0) -> float:
    return users * calls_per_user * holding_s / 3600


def kbps(frame_bytes: int, ptime_ms: float = 20.0) -> float:
    return frame_bytes * 8 * (1000 / ptime_ms) / 1000  # SPEC §3.1


def esp_pad(x: int, block: int = 16) -> int:
    return math.ceil((x + 2) / block) * block  # SPEC §3.1.1, Cisco IOS trailer rule


SCCP_BPS = 53 + 21 * 2.0  # SPEC §3.2: (53 + 21 × calls per phone per hour) bps per device
G729_ETHERNET = kbps(20 + 40 + 18)  # 31.2 kbps, Cisco TAC doc 7934
G729_PPP = kbps(20 + 40 + 7)  # 26.8 kbps, Cisco TAC doc 7934
G711_DMVPN_IP = 20 + 8 + 16 + esp_pad(8 + 160 + 40) + 12  # transport mode, GRE key, AES-CBC + SHA1-96: 280 B


def link(result: dict, link_id: str) -> dict:
    return next(x for x in result["links"] if x["id"] == link_id)


def assert_link(result: dict, link_id: str, offered_e: float, per_call_kbps: float, phones: int) -> None:
    got = link(result, link_id)
    assert got["erlangs"] == pytest.approx(offered_e)
    assert got["calls"] == trunks(offered_e)
    assert got["per_call_kbps"] == pytest.approx(per_call_kbps)
    assert got["kbps"] == pytest.approx(trunks(offered_e) * per_call_kbps + phones * SCCP_BPS / 1000)


def test_published_per_call_figures_used_by_hand():
    assert (G729_ETHERNET, G729_PPP) == (pytest.approx(31.2), pytest.approx(26.8))  # Cisco TAC doc 7934
    assert G711_DMVPN_IP == 280


def test_hand_h1_two_sites_g729_on_mpls():
    # HQ 100 users: 10 E, 30 % on-net = 3 E, all to the only other site; branch 50 users: 5 E, 1.5 E on-net.
    offered = 0.3 * erlangs(100) + 0.3 * erlangs(50)
    assert offered == pytest.approx(4.5) and trunks(offered) == 11  # 10 trunks carry 4.461 E, 11 carry 5.160
    result = analyse("hand_h1_g729_mpls")
    assert_link(result, "l-br1", offered, G729_ETHERNET, phones=50)  # 343.2 + 4.75 = 347.95 kbps
    assert link(result, "l-br1")["kbps"] == pytest.approx(347.95)
    assert_link(result, "l-hq", offered, G729_ETHERNET, phones=50)  # the branch phones signal to the HQ


def test_hand_h1_llq_boundary_is_33_percent_of_capacity():
    voice_kbps = 11 * G729_ETHERNET
    assert voice_kbps / 1040 == pytest.approx(0.33)
    assert link(analyse("llq_near_exactly_33_percent"), "l-br1")["llq_share"] == pytest.approx(0.33)
    [llq] = found(analyse("llq_fire_1039"))["BW-LLQ-SHARE"]
    assert "343.20 kbps" in llq["message"] and "1,039.00 kbps" in llq["message"]


def test_llq_message_shows_a_share_above_the_limit():
    [llq] = found(analyse("llq_fire_1039"))["BW-LLQ-SHARE"]
    shares = [float(s) for s in re.findall(r"(\d+(?:\.\d+)?) %", llq["message"])]
    assert shares[0] > shares[-1]


def test_hand_h2_dmvpn_phase1_hairpins_through_the_hub():
    # Gravity model: each branch (50 users, 1.5 E on-net) sends 100/150 to HQ and 50/150 to the other branch;
    # HQ (3 E on-net) splits 1.5 E to each branch.
    hq_to_branch, branch_to_hq, branch_to_branch = 1.5, 1.5 * 100 / 150, 1.5 * 50 / 150
    branch_offered = 1.5 + hq_to_branch + branch_to_branch  # 3.5 E: 9 trunks (8 carry 3.128, 9 carry 3.783)
    direct = 2 * (hq_to_branch + branch_to_hq)  # 5 E between HQ and the spokes
    hairpin = 2 * branch_to_branch  # 1 E spoke to spoke, crossing the hub link twice
    hub_offered = direct + 2 * hairpin  # 7 E: 14 trunks (13 carry 6.607, 14 carry 7.352)
    per_call = kbps(G711_DMVPN_IP + 18)  # 298-byte Ethernet frame: 119.2 kbps
    result = analyse("hand_h2_dmvpn_phase1")
    assert_link(result, "l-br1", branch_offered, per_call, phones=50)
    assert_link(result, "l-br2", branch_offered, per_call, phones=50)
    assert_link(result, "l-hq", hub_offered, per_call, phones=100)
    assert link(result, "l-hq")["hairpin_erlangs"] == pytest.approx(hairpin)
    [hairpin_finding] = found(result)["VPN-HAIRPIN"]
    extra_kbps = (trunks(hub_offered) - trunks(direct)) * per_call  # (14 − 11) × 119.2 = 357.6 kbps
    assert f"{extra_kbps:.2f} kbps" in hairpin_finding["message"]  # two decimals, as every kbps figure


def test_hand_h3_leased_triangle_carries_each_pair_on_its_own_line():
    # On-net Erlangs (30 % of users × 2 × 180 / 3600) spread by users over the other sites (gravity model).
    on_net = {"hq": 3.0, "br-b": 1.8, "br-c": 1.2}
    users = {"hq": 100, "br-b": 60, "br-c": 40}

    def towards(src: str, dst: str) -> float:
        others = sum(u for s, u in users.items() if s != src)
        return on_net[src] * users[dst] / others

    result = analyse("tricky_leased_triangle")
    assert_link(result, "ab", towards("hq", "br-b") + towards("br-b", "hq"), G729_PPP, phones=60)  # 3.086 E: 8
    assert_link(result, "ac", towards("hq", "br-c") + towards("br-c", "hq"), G729_PPP, phones=40)  # 1.95 E: 7
    assert_link(result, "bc", towards("br-b", "br-c") + towards("br-c", "br-b"), G729_PPP, phones=0)  # 0.964: 5


def test_nat_branch_pays_nat_t_on_its_own_link():
    result = analyse("tricky_nat_branch_dmvpn")
    assert link(result, "l-br2")["ip_packet_bytes"] == G711_DMVPN_IP + 8  # UDP 4500 outside ESP (SPEC §3.1.1)
    assert link(result, "l-br2")["per_call_kbps"] == pytest.approx(kbps(G711_DMVPN_IP + 8 + 18))  # 122.4
    # DMVPN phase 3 builds spoke-to-spoke SAs, so calls with the NATed branch pay NAT-T on the other branch's
    # link too ("whenever a NAT sits on the path"): sized conservatively at 122.4 kbps, not 119.2.
    assert link(result, "l-br1")["per_call_kbps"] == pytest.approx(kbps(G711_DMVPN_IP + 8 + 18))


def test_nat_t_also_on_the_hub_link_that_carries_the_nated_spokes_calls():
    assert link(analyse("tricky_nat_branch_dmvpn"), "l-hq")["per_call_kbps"] == pytest.approx(
        kbps(G711_DMVPN_IP + 8 + 18))


# --- messages ----------------------------------------------------------------------------------------------------------

def test_site_findings_name_the_site_as_the_user_named_it():
    names = {"srst_capacity_fire_37_on_2811": "Maribor", "firewall_fire": "Ljubljana HQ",
             "pstn_fallback_fire": "Maribor", "cow_rtt_fire_81": "Data centre A"}
    for name, site_name in names.items():
        messages = " ".join(f["message"] for f in analyse(name)["findings"] if f["code"] not in ALWAYS)
        assert site_name in messages, name


def test_bw_mtu_recommends_the_dmvpn_practice_values():
    [mtu] = found(analyse("mtu_fire_dmvpn"))["BW-MTU"]
    assert "ip mtu 1400" in mtu["message"] and "adjust-mss 1360" in mtu["message"]  # SPEC §3.2 DMVPN practice


def test_mesh_scale_states_the_tunnel_count():
    [mesh] = found(analyse("mesh_scale_fire_11_sites"))["VPN-MESH-SCALE"]
    assert "55 tunnels" in mesh["message"]  # 11 × 10 / 2 (SPEC §3.3)
