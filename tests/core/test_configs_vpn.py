"""advisor.configs VPN skeletons: GET VPN key servers and group members, DMVPN hubs and spokes per phase, FlexVPN,
static VTI, GRE over IPsec (hub-and-spoke and full mesh), crypto maps; the design's cipher in every crypto line."""

import pytest

from advisor.analysis import analyse
from advisor.configs import sketches
from advisor.configs.p2p import MAX_LISTED
from advisor.model import Design

HQ = {"id": "hq", "kind": "hq", "users": 50, "cucm_publisher": True, "cucm_subscribers": 2}


def star(technology: str, branches: int = 3, cloud: str = "internet", **vpn) -> Design:
    sites = [HQ, *({"id": f"br{i}", "users": 10, "survivability": "srst"} for i in range(1, branches + 1))]
    links = [{"id": f"l-{s['id']}", "a": s["id"], "b": "net", "capacity_kbps": 100_000} for s in sites]
    return Design.model_validate({"name": "vpn", "vpn": {"technology": technology, **vpn}, "sites": sites,
                                  "clouds": [{"id": "net", "kind": cloud}], "links": links})


def texts(d: Design, hubs: int = 2) -> dict[str, str]:
    return {k: v.text() for k, v in sketches(d, analyse(d), hubs=hubs).items()}


def lines(text: str) -> list[str]:
    return text.splitlines()


def test_getvpn_key_servers_at_the_hub_and_members_everywhere():
    t = texts(star("getvpn", cloud="mpls"))
    hq = t["hq"]
    assert "GET VPN key server 1 of 2" in hq and "GET VPN key server 2 of 2" in hq
    assert lines(hq).count(" server local") == 2
    # cooperative: each key server names the other as its peer
    assert "  address ipv4 192.0.2.11\n  redundancy\n   local priority 100\n   peer address ipv4 192.0.2.12" in hq
    assert "  address ipv4 192.0.2.12\n  redundancy\n   local priority 90\n   peer address ipv4 192.0.2.11" in hq
    for site in ("hq", "br1", "br2", "br3"):
        member = t[site].split("GET VPN group member", 1)[1]
        assert " server address ipv4 192.0.2.11\n server address ipv4 192.0.2.12\n" in member
        assert "crypto map GETVPN-MAP 10 gdoi" in member and " crypto map GETVPN-MAP" in lines(member)
    assert "server local" not in t["br1"]


def test_getvpn_three_key_servers_when_the_design_asks():
    hq = texts(star("getvpn", cloud="mpls", getvpn_key_servers=3))["hq"]
    assert "GET VPN key server 3 of 3" in hq
    assert lines(hq.split("GET VPN group member")[1]).count(" server address ipv4 192.0.2.13") == 1


def test_getvpn_replay_only_when_its_metadata_is_priced():
    assert "   replay time window-size 5" not in lines(texts(star("getvpn", cloud="mpls"))["hq"])
    hq = texts(star("getvpn", cloud="mpls", getvpn_metadata_bytes=16))["hq"]
    assert "   replay time window-size 5" in lines(hq) and "16 B of metadata" in hq


@pytest.mark.parametrize("phase, hub_line, spoke_line", [(3, " ip nhrp redirect", " ip nhrp shortcut"),
                                                         (2, None, None)])
def test_dmvpn_hub_and_spoke(phase, hub_line, spoke_line):
    t = texts(star("dmvpn", dmvpn_phase=phase))
    hq, br = lines(t["hq"]), lines(t["br2"])
    assert " tunnel mode gre multipoint" in hq and " tunnel mode gre multipoint" in br
    assert hq.count(" ip nhrp map multicast dynamic") == 2  # two hubs
    assert (hub_line in hq) if hub_line else (" ip nhrp redirect" not in hq)
    assert (spoke_line in br) if spoke_line else (" ip nhrp shortcut" not in br)
    assert " ip nhrp nhs 198.51.100.1 nbma 192.0.2.1 multicast" in br
    assert " ip nhrp nhs 198.51.100.2 nbma 192.0.2.2 multicast" in br
    assert " ip address 198.51.100.12 255.255.255.0" in br  # spoke 2 at .10 + 2
    assert " tunnel key 1" in br and " mode transport" in br  # the GRE key and ESP mode the sizing prices


def test_dmvpn_phase1_spokes_point_to_the_hub():
    br = lines(texts(star("dmvpn", dmvpn_phase=1))["br1"])
    assert " tunnel destination 192.0.2.1" in br and " tunnel mode gre multipoint" not in br


def test_dmvpn_without_the_gre_key():
    assert " tunnel key 1" not in lines(texts(star("dmvpn", gre_key=False))["br1"])


def test_flexvpn_hub_template_and_spoke_tunnels():
    t = texts(star("flexvpn"))
    hq, br = lines(t["hq"]), lines(t["br1"])
    assert "interface Virtual-Template1 type tunnel" in hq and " ip nhrp redirect" in hq
    assert br.count(" tunnel mode ipsec ipv4") == 3  # a tunnel per hub (2) + the shortcut template
    assert " tunnel destination 192.0.2.1" in br and " tunnel destination 192.0.2.2" in br
    assert " ip nhrp shortcut virtual-template 1" in br
    assert " mode tunnel" in br


def test_static_vti_head_end_tunnel_per_spoke():
    t = texts(star("vti"), hubs=1)
    hq = lines(t["hq"])
    assert [x for x in hq if x.startswith(" tunnel destination ")] == [
        " tunnel destination <WAN-IP-br1>", " tunnel destination <WAN-IP-br2>", " tunnel destination <WAN-IP-br3>"]
    assert hq.count(" tunnel mode ipsec ipv4") == 3
    assert " tunnel destination 192.0.2.1" in lines(t["br3"])


def test_gre_over_ipsec_full_mesh_tunnel_to_every_other_site():
    t = texts(star("gre-ipsec", gre_topology="full-mesh"))
    br2 = lines(t["br2"])
    assert [x for x in br2 if x.startswith(" tunnel destination ")] == [
        " tunnel destination <WAN-IP-hq>", " tunnel destination <WAN-IP-br1>", " tunnel destination <WAN-IP-br3>"]
    assert br2.count(" tunnel mode gre ip") == 3 and "6 in the whole mesh" in t["br2"]  # 4 × 3 / 2


def test_large_mesh_lists_the_first_tunnels_and_counts_the_rest():
    # HQ + 105 branches = 106 sites: 105 peers each, of which MAX_LISTED (100) are written out
    t = texts(star("gre-ipsec", branches=MAX_LISTED + 5, gre_topology="full-mesh"))
    hq = t["hq"]
    assert hq.count("\ninterface Tunnel") == MAX_LISTED
    assert "… and 5 more tunnels like these (one per peer; 105 in all)." in hq.replace("\n! ", " ")


def test_crypto_map_entry_per_peer_and_no_routing_note():
    t = texts(star("ipsec"), hubs=1)
    hq = lines(t["hq"])
    assert [x for x in hq if x.startswith(" set peer ")] == [" set peer <WAN-IP-br1>", " set peer <WAN-IP-br2>",
                                                            " set peer <WAN-IP-br3>"]
    assert "crypto map UC-MAP 30 ipsec-isakmp" in hq and " crypto map UC-MAP" in hq
    assert "no dynamic routing" in t["hq"]


@pytest.mark.parametrize("cipher, integrity, esp, ike", [
    ("aes-cbc", "sha1-96", "esp-aes 256 esp-sha-hmac", [" encryption aes-cbc-256", " integrity sha1"]),
    ("aes-cbc", "sha256-128", "esp-aes 256 esp-sha256-hmac", [" encryption aes-cbc-256", " integrity sha256"]),
    ("aes-gcm", "sha1-96", "esp-gcm 256", [" encryption aes-gcm-256", " prf sha1"]),  # GCM: its own tag
    ("3des", "md5-96", "esp-3des esp-md5-hmac", [" encryption 3des", " integrity md5"]),
])
def test_the_designs_cipher_in_the_crypto_lines(cipher, integrity, esp, ike):
    br = texts(star("dmvpn", cipher=cipher, integrity=integrity))["br1"]
    assert f"crypto ipsec transform-set UC-TS {esp}" in lines(br)
    for line in ike:
        assert line in lines(br)
    assert ("Cryptography guidance" in br) == (cipher == "3des")


def test_getvpn_with_gcm_registers_with_cbc():
    br = texts(star("getvpn", cloud="mpls", cipher="aes-gcm"))["br1"]
    assert " encryption aes 256" in lines(br) and "IKEv1 has no GCM" in br


def test_mpls_isolation_says_it_is_clear():
    br = texts(star("mpls-isolation", cloud="mpls"))["br1"]
    assert "without encryption" in br and "crypto" not in br


def test_hybrid_wan_gets_both_skeletons():
    """GET VPN on the MPLS cloud, DMVPN on the Internet: the HQ on both runs key servers, a group member and hubs."""
    sites = [HQ, {"id": "b1", "users": 20, "survivability": "srst"}, {"id": "b2", "users": 20, "survivability": "srst"}]
    d = Design.model_validate({
        "name": "hybrid", "sites": sites,
        "clouds": [{"id": "mpls", "kind": "mpls", "technology": "getvpn"},
                   {"id": "inet", "kind": "internet", "technology": "dmvpn"}],
        "links": [{"id": "hq-m", "a": "hq", "b": "mpls"}, {"id": "hq-i", "a": "hq", "b": "inet"},
                  {"id": "b1-m", "a": "b1", "b": "mpls"}, {"id": "b2-i", "a": "b2", "b": "inet"}]})
    s = sketches(d, analyse(d))
    titles = {site: [x.title for x in sk.sections] for site, sk in s.items()}
    assert {"GET VPN key server 1 of 2", "GET VPN group member", "DMVPN hub 1 of 2"} <= set(titles["hq"])
    assert "GET VPN group member" in titles["b1"] and "DMVPN spoke" not in titles["b1"]
    assert "DMVPN spoke" in titles["b2"] and "GET VPN group member" not in titles["b2"]
    hq = lines(s["hq"].text())
    # two links: each has its own interface placeholder; the DMVPN tunnel leaves by the Internet one (link 2)
    assert " service-policy output WAN-SHAPE-hq-m" in hq and " service-policy output WAN-SHAPE-hq-i" in hq
    assert hq[hq.index(" service-policy output WAN-SHAPE-hq-i") - 2] == "interface <WAN-IF-2>"
    assert " tunnel source <WAN-IF-2>" in hq
