"""Per-link sizing checked against designs sized by hand, with the arithmetic written out (SPEC §3.2)."""

from __future__ import annotations

import pytest

from advisor import traffic
from advisor.model import Cloud, Design, Link, Site, TrafficPolicy, VoicePolicy, VpnPolicy


def three_sites(technology: str = "mpls-isolation", **vpn) -> Design:
    """HQ (100 users, publisher, gateway), B1 (50, gateway), B2 (50, no gateway) on one MPLS cloud; G.729 20 ms."""
    return Design(
        voice=VoicePolicy(codec="g729"), vpn=VpnPolicy(technology=technology, **vpn),
        sites=(Site(id="hq", kind="hq", users=100, cucm_publisher=True),
               Site(id="b1", users=50), Site(id="b2", users=50, pstn_gateway=False)),
        clouds=(Cloud(id="mpls"),),
        links=(Link(id="l-hq", a="hq", b="mpls", capacity_kbps=2048),
               Link(id="l-b1", a="b1", b="mpls", capacity_kbps=256),
               Link(id="l-b2", a="mpls", b="b2", capacity_kbps=1024)))


# Defaults: 2 busy-hour calls per user, 180 s, split 50 % intra / 30 % on-net / 20 % PSTN, P.01, LLQ 33 %.
# Traffic:   HQ 100 × 2 × 180 / 3600 = 10 E;  B1 = B2 = 5 E.
# On-net:    HQ 3 E, B1 1.5 E, B2 1.5 E.  PSTN: HQ 2 E, B1 1 E, B2 1 E (B2 has no gateway: hauled to HQ).
# Gravity (T = 200 users): terminated at HQ = 1.5·100/150 + 1.5·100/150 = 2 E;
#                          at B1 = 3·50/100 + 1.5·50/150 = 2 E;  at B2 = 2 E likewise.
# WAN Erlangs: HQ 3 + 2 + 1 (B2's PSTN) = 6;  B1 1.5 + 2 = 3.5;  B2 1.5 + 2 + 1 = 4.5.
# Erlang B at 1 % (standard table: 8 trunks carry 3.13 E, 9 carry 3.78, 10 carry 4.46, 11 carry 5.16,
#                  12 carry 5.88, 13 carry 6.61; 4 carry 0.869, 5 carry 1.36):
#   HQ link 6 E -> 13 calls;  B1 3.5 E -> 9;  B2 4.5 E -> 11.
#   PSTN trunks: HQ 2 + 1 = 3 E -> 8;  B1 1 E -> 5;  B2 none (no gateway).
# Per call: G.729 20 ms on Ethernet = 31.2 kbps (Cisco TAC doc 7934).
# Signalling: SCCP 53 + 21 × 2 = 95 bps per phone; B1, B2 have no call processing: 50 × 95 = 4.75 kbps each,
#   and HQ (the publisher) receives both: 9.5 kbps.
# Links: HQ 13 × 31.2 = 405.6 + 9.5 = 415.1 kbps of 2048 (voice 19.8 % -> ok)
#        B1  9 × 31.2 = 280.8 + 4.75 = 285.55 kbps of 256 -> overload
#        B2 11 × 31.2 = 343.2 + 4.75 = 347.95 kbps of 1024 (voice 33.5 % > 33 % -> llq)
def test_three_site_mpls_cloud_sized_by_hand():
    s = traffic.size(three_sites(), "mpls-isolation")
    assert (s.topology, s.hub, s.routing, s.pstn_site) == ("cloud", None, "closed form (cloud)", "hq")
    sites = {r.id: r for r in s.sites}
    assert sites["hq"].erlangs == pytest.approx(10.0)
    assert (sites["hq"].intra_erlangs, sites["hq"].on_net_erlangs) == pytest.approx((5.0, 3.0))
    assert [sites[i].wan_erlangs for i in ("hq", "b1", "b2")] == pytest.approx([6.0, 3.5, 4.5])
    assert [sites[i].pstn_erlangs for i in ("hq", "b1", "b2")] == pytest.approx([3.0, 1.0, 0.0])
    assert [sites[i].pstn_trunks for i in ("hq", "b1", "b2")] == [8, 5, 0]
    assert [sites[i].signalling_kbps for i in ("hq", "b1", "b2")] == pytest.approx([9.5, 4.75, 4.75])

    links = {r.id: r for r in s.links}
    hq, b1, b2 = links["l-hq"], links["l-b1"], links["l-b2"]
    assert [r.erlangs for r in (hq, b1, b2)] == pytest.approx([6.0, 3.5, 4.5])
    assert [r.calls for r in (hq, b1, b2)] == [13, 9, 11]
    assert all(r.per_call_kbps == pytest.approx(31.2) for r in (hq, b1, b2))
    assert [r.signalling_kbps for r in (hq, b1, b2)] == pytest.approx([9.5, 4.75, 4.75])
    assert [r.kbps for r in (hq, b1, b2)] == pytest.approx([415.1, 285.55, 347.95])
    assert hq.utilization == pytest.approx(415.1 / 2048)
    assert b2.llq_share == pytest.approx(343.2 / 1024)
    assert [r.status for r in (hq, b1, b2)] == ["ok", "overload", "llq"]
    assert (hq.ip_packet_bytes, hq.frame_bytes) == (60, 78)
    assert s.mtu is None  # no tunnel
    assert s.site_links == {"hq": ("l-hq",), "b1": ("l-b1",), "b2": ("l-b2",)}


# Same design over DMVPN phase 1 (hub = the HQ with call processing). Spoke-to-spoke on-net:
#   B1 -> B2 1.5·50/150 = 0.5 E and B2 -> B1 0.5 E: hairpin 1 E, crossing the hub's link twice.
#   HQ link offered 6 + 2 × 1 = 8 E -> 15 calls (15 trunks carry 8.11 E at 1 %; 14 carry 7.35).
# Per call: DMVPN transport mode, AES-CBC + SHA1-96, GRE key: 20 IP + 8 ESP + 16 IV
#   + pad(8 GRE + 60) = ceil(70/16)·16 = 80 + 12 ICV = 136 B (as the V3PN SRND's 136 B G.729 packet);
#   + 18 Ethernet = 154 B × 8 × 50 pps = 61.6 kbps.
# Extra on the hub link because of the hairpin: (15 − 13) × 61.6 = 123.2 kbps.
def test_dmvpn_phase1_hairpins_through_the_hub():
    s = traffic.size(three_sites("dmvpn", dmvpn_phase=1), "dmvpn")
    assert s.hub == "hq"
    assert s.hairpin_erlangs == pytest.approx(1.0)
    links = {r.id: r for r in s.links}
    assert links["l-hq"].erlangs == pytest.approx(8.0)
    assert links["l-hq"].hairpin_erlangs == pytest.approx(1.0)
    assert links["l-hq"].calls == 15
    assert links["l-hq"].per_call_kbps == pytest.approx(61.6)
    assert links["l-hq"].ip_packet_bytes == 136
    assert s.hairpin_kbps == pytest.approx(123.2)
    # Spokes are unchanged: each spoke-to-spoke call loads each spoke's link once either way.
    assert links["l-b1"].erlangs == pytest.approx(3.5)
    assert links["l-b1"].hairpin_erlangs == 0.0


def test_dmvpn_phase3_goes_direct():
    s = traffic.size(three_sites("dmvpn", dmvpn_phase=3), "dmvpn")
    assert s.hub is None and s.hairpin_erlangs == 0.0 and s.hairpin_kbps == 0.0
    assert {r.id: r.erlangs for r in s.links}["l-hq"] == pytest.approx(6.0)


def test_gre_ipsec_full_mesh_goes_direct_and_hub_and_spoke_does_not():
    assert traffic.size(three_sites("gre-ipsec", gre_topology="full-mesh"), "gre-ipsec").hub is None
    assert traffic.size(three_sites("gre-ipsec"), "gre-ipsec").hub == "hq"


def test_central_pstn_site_hauls_every_site():
    # central_pstn_site = hq: B1's 1 E is hauled too. HQ PSTN 2 + 1 + 1 = 4 E -> 10 trunks (9 carry 3.78, 10 carry
    # 4.46); B1's WAN 3.5 + 1 = 4.5 E; HQ's WAN 6 + 1 = 7 E; B1 keeps its gateway but no PSTN traffic.
    base = three_sites()
    d = Design.model_validate({**base.model_dump(), "traffic": {"central_pstn_site": "hq"}})
    s = traffic.size(d, "none")
    sites = {r.id: r for r in s.sites}
    assert sites["hq"].pstn_erlangs == pytest.approx(4.0)
    assert sites["hq"].pstn_trunks == 10
    assert (sites["b1"].pstn_erlangs, sites["b1"].pstn_trunks) == (0.0, 0)
    assert sites["b1"].wan_erlangs == pytest.approx(4.5)
    assert sites["hq"].wan_erlangs == pytest.approx(7.0)


def test_signalling_override_and_site_overrides():
    d = Design(
        traffic=TrafficPolicy(signalling_bps_per_phone=1000),
        sites=(Site(id="hq", kind="hq", users=10, cucm_publisher=True),
               Site(id="b", users=20, phones=30, traffic={"calls_per_user": 4, "holding_time_s": 90})),
        clouds=(Cloud(id="w"),), links=(Link(id="l1", a="hq", b="w"), Link(id="l2", a="b", b="w")))
    s = traffic.size(d, "none")
    b = s.sites[1]
    assert b.erlangs == pytest.approx(20 * 4 * 90 / 3600)  # 2 E from the site's overrides
    assert b.signalling_kbps == pytest.approx(30.0)  # 30 phones × 1000 bps
    assert s.links[0].signalling_kbps == pytest.approx(30.0)  # the publisher's link receives it


def test_two_access_links_each_carry_everything():
    # B1 and the HQ are on the Internet too: either cloud can carry B1's busy hour, so each access link is sized
    # for all of it (a cloud with B1 alone on it would lead nowhere and carry nothing)
    d = three_sites()
    d = Design.model_validate({**d.model_dump(), "clouds": [{"id": "mpls"}, {"id": "inet", "kind": "internet"}],
                               "links": [*d.model_dump()["links"], {"id": "l-b1-backup", "a": "b1", "b": "inet"},
                                         {"id": "l-hq-backup", "a": "hq", "b": "inet"}]})
    s = traffic.size(d, "none")
    links = {r.id: r for r in s.links}
    assert links["l-b1-backup"].erlangs == pytest.approx(links["l-b1"].erlangs) == pytest.approx(3.5)
    assert s.site_links["b1"] == ("l-b1", "l-b1-backup")


def test_crtp_applied_on_clear_serial_links_only():
    base = three_sites().model_dump()
    base["voice"]["crtp"] = 2
    base["links"][1]["l2"] = "ppp"
    # G.729 20 ms, cRTP 2 B, MP/FRF.12 7 B: 11.6 kbps (Cisco TAC doc 7934); Ethernet stays 31.2.
    s = traffic.size(Design.model_validate(base), "none")
    assert [r.per_call_kbps for r in s.links] == pytest.approx([31.2, 11.6, 31.2])
    base["vpn"]["technology"] = "getvpn"
    s = traffic.size(Design.model_validate(base), "getvpn")
    assert s.links[1].per_call_kbps > 26.8  # encrypted: no cRTP, and ESP on top of 26.8 kbps


def test_nat_adds_nat_t_only_where_allowed():
    base = three_sites().model_dump()
    base["links"][1]["nat"] = True
    d = Design.model_validate(base)
    clear = {r.id: r for r in traffic.size(three_sites(), "dmvpn").links}
    # DMVPN phase 3 builds SAs site to site: any site may call the NATed one, so every link carries UDP 4500.
    dm = {r.id: r for r in traffic.size(d, "dmvpn").links}
    assert all(dm[k].ip_packet_bytes == clear[k].ip_packet_bytes + 8 for k in dm)
    # Phase 1 ends every SA at the hub: only the NATed spoke's link and the hub's link see NAT-T.
    d1 = Design.model_validate({**base, "vpn": {**base["vpn"], "dmvpn_phase": 1}})
    p1 = {r.id: r for r in traffic.size(d1, "dmvpn").links}
    assert [p1[k].ip_packet_bytes - clear[k].ip_packet_bytes for k in ("l-hq", "l-b1", "l-b2")] == [8, 8, 0]
    gv = {r.id: r for r in traffic.size(d, "getvpn").links}
    assert gv["l-b1"].ip_packet_bytes == gv["l-hq"].ip_packet_bytes  # GET VPN cannot use NAT-T


def test_mtu_advice():
    m = traffic.size(three_sites("dmvpn"), "dmvpn").mtu
    assert (m.ip_mtu, m.tcp_adjust_mss, m.fragmentation) == (1400, 1360, True)
    gre = traffic.size(three_sites("gre-ipsec", ipsec_mode="tunnel"), "gre-ipsec").mtu
    assert gre.tunnel_overhead_bytes == 97  # the seed: GRE over IPsec tunnel mode, AES + SHA1, up to 97 B
    # ESP tunnel, AES + SHA1-96: worst case 73 B (Cisco course material): 1500 − 73 = 1427 -> 1424; mss 1384.
    ip = traffic.size(three_sites("ipsec"), "ipsec").mtu
    assert (ip.tunnel_overhead_bytes, ip.ip_mtu, ip.tcp_adjust_mss) == (73, 1424, 1384)
    assert traffic.size(three_sites("none"), "none").mtu is None


def test_single_site_and_empty_designs():
    s = traffic.size(Design(sites=(Site(id="a", users=100, cucm_publisher=True),)), "none")
    assert s.topology == "single-site" and s.links == ()
    # Nobody to call on-net: the 3 E count as intra-site (5 + 3), nothing crosses a WAN.
    assert (s.sites[0].intra_erlangs, s.sites[0].on_net_erlangs, s.sites[0].wan_erlangs) == (8.0, 0.0, 0.0)
    assert s.notes and "intra-site" in s.notes[0]
    assert s.sites[0].pstn_trunks == 7  # 2 E of PSTN: 6 trunks carry 1.91 E at 1 %, 7 carry 2.50 (Erlang B table)
    empty = traffic.size(Design(), "getvpn")
    assert empty.sites == () and empty.links == () and empty.mtu is not None


def test_unknown_technology_and_layer2_are_named():
    with pytest.raises(traffic.SizingError, match="technology"):
        traffic.size(three_sites(), "recommend")
    base = three_sites().model_dump()
    base["links"][2]["l2"] = "token-ring"
    # The model itself refuses an unknown layer 2, naming the field, before any sizing happens.
    with pytest.raises(ValueError, match=r"unknown layer 2 'token-ring'"):
        Design.model_validate(base)


def test_deterministic():
    d = three_sites("dmvpn", dmvpn_phase=1)
    assert traffic.size(d, "dmvpn") == traffic.size(d, "dmvpn")


def test_mpls_labels_are_core_only():
    d = three_sites()
    spec = traffic.call_spec(d, "mpls-isolation", d.links[0])
    assert spec.mpls_labels == 2  # shown in the anatomy as provider-core bytes
    assert traffic.size(d, "mpls-isolation").links[0].per_call_kbps == pytest.approx(31.2)  # not on the access


def test_site_without_a_link_is_noted():
    base = three_sites().model_dump()
    base["links"] = base["links"][:2]  # b2 loses its link
    s = traffic.size(Design.model_validate(base), "none")
    assert any("sites[2] (b2) has no WAN link: the sizing carries none of its" in n for n in s.notes)
    assert {r.id: r for r in s.sites}["b2"].wan_erlangs == 0.0  # nothing of it crosses the WAN
    assert s.site_links["b2"] == ()
