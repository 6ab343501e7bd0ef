"""Writes the acceptance designs (one JSON file each) from docs/design-format.md alone, as an outside reviewer would.

Run `python tests/data/acceptance/make_designs.py` to regenerate; the JSON files are the test inputs and are kept.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

HERE = Path(__file__).parent

SECURITY_FIELDS = (
    "voice_vlan", "port_security", "dhcp_snooping", "dynamic_arp_inspection", "ip_source_guard", "firewall",
    "application_inspection", "tcp_normalization", "intrusion_prevention", "connection_limits", "tls_proxy",
    "control_plane_protection", "routing_protocol_protection", "cpu_memory_thresholds",
    "management_plane_protection", "signed_phone_loads", "pc_port_disabled", "settings_access_disabled",
    "gratuitous_arp_disabled", "pc_voice_vlan_access_disabled", "web_access_disabled", "certificate_trust_list",
)


def hardened(**off: bool) -> dict:
    """Every security control in place, except those given as False."""
    return {name: off.get(name, True) for name in SECURITY_FIELDS}


def site(sid: str, name: str, users: int, kind: str = "branch", x: float = 0.0, y: float = 0.0, **fields) -> dict:
    security = fields.pop("security", hardened())
    return {"id": sid, "name": name, "kind": kind, "x": x, "y": y, "users": users, "security": security, **fields}


def hq(sid: str = "hq", name: str = "Ljubljana HQ", users: int = 100, **fields) -> dict:
    fields.setdefault("cucm_publisher", True)
    fields.setdefault("cucm_subscribers", 1)
    return site(sid, name, users, kind="hq", **fields)


def branch(sid: str, name: str, users: int, **fields) -> dict:
    fields.setdefault("survivability", "srst")
    fields.setdefault("srst_platform", "2811")
    return site(sid, name, users, **fields)


def link(lid: str, a: str, b: str, capacity_kbps: float = 4096.0, rtt_ms: float = 20.0, **fields) -> dict:
    fields.setdefault("routing_auth", True)
    return {"id": lid, "a": a, "b": b, "capacity_kbps": capacity_kbps, "rtt_ms": rtt_ms, **fields}


def centralized(name: str, cloud_kind: str = "mpls", technology: str = "mpls-isolation") -> dict:
    """HQ with CUCM and two SRST branches on one WAN cloud; every control in place; SRTP in encrypted mode."""
    return {
        "schema_version": 1,
        "name": name,
        "customer": "Acceptance review",
        "author": "external reviewer",
        "voice": {"codec": "g711", "srtp": "sha1-80", "security_mode": "encrypted"},
        "vpn": {"technology": technology},
        "sites": [
            hq(x=0, y=0),
            branch("br1", "Maribor", 30, x=-200, y=200),
            branch("br2", "Koper", 30, x=200, y=200),
        ],
        "clouds": [{"id": "wan", "name": "Provider WAN", "kind": cloud_kind, "x": 0, "y": 100}],
        "links": [link("l-hq", "hq", "wan"), link("l-br1", "br1", "wan"), link("l-br2", "br2", "wan")],
    }


def variant(base: dict, name: str, edit) -> dict:
    design = copy.deepcopy(base)
    design["name"] = name
    edit(design)
    return design


def by_id(design: dict, item_id: str) -> dict:
    for item in design["sites"] + design["clouds"] + design["links"]:
        if item["id"] == item_id:
            return item
    raise KeyError(item_id)


def _set(path: str, value):
    """An edit that sets `section.field` or `id.field` (site, cloud or link id)."""
    head, field = path.split(".", 1)

    def edit(design: dict) -> None:
        target = design.setdefault(head, {}) if head in ("voice", "vpn", "traffic") else by_id(design, head)
        if "." in field:
            sub, leaf = field.split(".")
            target[sub][leaf] = value
        else:
            target[field] = value
    return edit


def _all(*edits):
    def edit(design: dict) -> None:
        for one in edits:
            one(design)
    return edit


def mesh_design(sites: int) -> dict:
    """GRE over IPsec full mesh over the Internet: HQ and sites-1 branches."""
    design = centralized(f"GRE full mesh, {sites} sites", cloud_kind="internet", technology="gre-ipsec")
    design["vpn"]["gre_topology"] = "full-mesh"
    design["sites"] = [hq()] + [branch(f"br{i}", f"Branch {i}", 20, x=100 * i, y=200) for i in range(1, sites)]
    design["links"] = [link("l-hq", "hq", "wan", capacity_kbps=10000.0)] + [
        link(f"l-br{i}", f"br{i}", "wan") for i in range(1, sites)]
    return design


def cow_design(name: str, rtt_ms: float, release: str = "12.5", dci_kbps: float = 20000.0) -> dict:
    """Two data centres of one cluster joined by a DCI; branches on MPLS behind DC A."""
    design = centralized(name, technology="mpls-isolation")
    design["cucm_release"] = release
    design["sites"] = [
        site("dc-a", "Data centre A", 0, kind="datacenter", cucm_publisher=True, cucm_subscribers=1),
        site("dc-b", "Data centre B", 0, kind="datacenter", cucm_subscribers=1),
        branch("br1", "Maribor", 30),
        branch("br2", "Koper", 30),
    ]
    design["links"] = [
        link("dci", "dc-a", "dc-b", capacity_kbps=dci_kbps, rtt_ms=rtt_ms),
        link("l-dc-a", "dc-a", "wan"), link("l-br1", "br1", "wan"), link("l-br2", "br2", "wan"),
    ]
    return design


def cow_triangle(name: str, ab: float, bc: float, ac: float) -> dict:
    """Three data centres of one cluster, leased triangle; each with users."""
    design = centralized(name, technology="none")
    design["sites"] = [
        site("dc-a", "Frankfurt", 50, kind="datacenter", cucm_publisher=True, cucm_subscribers=1),
        site("dc-b", "Vienna", 50, kind="datacenter", cucm_subscribers=1),
        site("dc-c", "Milan", 50, kind="datacenter", cucm_subscribers=1),
    ]
    design["clouds"] = []
    # 10 Mbps: a link may carry the intra-cluster traffic of two pairs (2 × 3,088 kbps, Cisco SRND) besides voice
    design["links"] = [link("ab", "dc-a", "dc-b", capacity_kbps=10240.0, rtt_ms=ab),
                       link("bc", "dc-b", "dc-c", capacity_kbps=10240.0, rtt_ms=bc),
                       link("ac", "dc-a", "dc-c", capacity_kbps=10240.0, rtt_ms=ac)]
    return design


def hand_h1(capacity_kbps: float) -> dict:
    """Figures by hand: HQ 100 users + branch 50 users on MPLS, G.729 over Ethernet, no tunnel."""
    design = centralized("Hand check: G.729 on MPLS", technology="mpls-isolation")
    design["voice"] = {"codec": "G.729", "srtp": "none", "security_mode": "non-secure"}
    design["vpn"]["privacy_required"] = False
    design["sites"] = [hq(), branch("br1", "Maribor", 50, srst_platform="2851")]
    design["links"] = [link("l-hq", "hq", "wan"), link("l-br1", "br1", "wan", capacity_kbps=capacity_kbps)]
    return design


def hand_h2() -> dict:
    """Figures by hand: DMVPN phase 1 on a private WAN, HQ hub (100 users) and two 50-user spokes, G.711."""
    design = centralized("Hand check: DMVPN phase 1 hairpin", cloud_kind="private-wan", technology="dmvpn")
    design["voice"] = {"codec": "g711", "srtp": "none", "security_mode": "non-secure"}
    design["vpn"]["dmvpn_phase"] = 1
    design["sites"] = [hq(), branch("br1", "Maribor", 50, srst_platform="2851"),
                       branch("br2", "Koper", 50, srst_platform="2851")]
    design["links"] = [link("l-hq", "hq", "wan", capacity_kbps=8192.0), link("l-br1", "br1", "wan"),
                       link("l-br2", "br2", "wan")]
    return design


def hand_h3() -> dict:
    """Figures by hand: leased-line triangle (no cloud), G.729 over PPP, no tunnel."""
    design = centralized("Hand check: leased-line triangle", technology="none")
    design["voice"] = {"codec": "g729", "srtp": "none", "security_mode": "non-secure"}
    design["sites"] = [hq(users=100), branch("br-b", "Celje", 60, srst_platform="2851"),
                       branch("br-c", "Kranj", 40, srst_platform="2851")]
    design["clouds"] = []
    design["links"] = [link("ab", "hq", "br-b", l2="ppp"), link("ac", "hq", "br-c", l2="ppp"),
                       link("bc", "br-b", "br-c", l2="ppp")]
    return design


def leased_ppp_crtp(capacity_kbps: float) -> dict:
    """HQ (100 users) and two 50-user branches on PPP leased lines to the HQ, G.729 with cRTP, privacy required."""
    design = centralized("Leased PPP lines with cRTP", technology="recommend")
    design["voice"] = {"codec": "g729", "srtp": "none", "security_mode": "non-secure", "crtp": 2}
    design["sites"] = [hq(), branch("br1", "Maribor", 50, srst_platform="2851"),
                       branch("br2", "Koper", 50, srst_platform="2851")]
    design["clouds"] = []
    design["links"] = [link("l-br1", "hq", "br1", capacity_kbps=capacity_kbps, l2="ppp"),
                       link("l-br2", "hq", "br2", capacity_kbps=capacity_kbps, l2="ppp")]
    return design


def hybrid(internet_technology: str | None) -> dict:
    """HQ on MPLS and the Internet; three branches on MPLS, two on the Internet only (a hybrid WAN)."""
    design = centralized("Hybrid WAN: MPLS and Internet", technology="recommend")
    design["voice"] = {"codec": "g729", "srtp": "gcm", "security_mode": "encrypted"}
    inet = {"id": "inet", "name": "Internet", "kind": "internet", "x": 300, "y": 100}
    if internet_technology:
        inet["technology"] = internet_technology
    design["clouds"].append(inet)
    design["sites"] += [branch("br3", "Celje", 30, x=-100, y=300), branch("br4", "Kranj", 30, x=100, y=300),
                        branch("br5", "Ptuj", 30, x=300, y=300)]
    design["links"] = [link("l-hq", "hq", "wan"), link("l-hq-inet", "hq", "inet"), link("l-br1", "br1", "wan"),
                       link("l-br2", "br2", "inet"), link("l-br3", "br3", "wan"), link("l-br4", "br4", "wan"),
                       link("l-br5", "br5", "inet")]
    return design


def designs() -> dict[str, dict]:
    base = centralized("Clean centralized design on MPLS")
    public_phones = _all(_set("br1.public_area_phones", 2))
    out: dict[str, dict] = {"clean_centralized": base}

    def add(key: str, edit, source: dict | None = None) -> None:
        out[key] = variant(source or base, key.replace("_", " "), edit)

    # VPN
    add("isolation_only_fire", _all(_set("voice.srtp", "none"), _set("voice.security_mode", "authenticated")))
    add("isolation_only_fire_tech_none", _all(_set("voice.srtp", "none"), _set("voice.security_mode", "authenticated"),
                                              _set("vpn.technology", "none")))
    add("isolation_only_near_srtp", _set("vpn.privacy_required", True))
    add("isolation_only_near_privacy_not_required",
        _all(_set("voice.srtp", "none"), _set("voice.security_mode", "authenticated"),
             _set("vpn.privacy_required", False)))
    add("getvpn_public_fire_internet", lambda d: (
        d["clouds"].append({"id": "inet", "name": "Internet", "kind": "internet", "x": 300, "y": 100}),
        by_id(d, "l-br2").update(b="inet"), d["vpn"].update(technology="getvpn")))
    add("getvpn_public_fire_nat", _all(_set("vpn.technology", "getvpn"), _set("l-br1.nat", True)))
    add("getvpn_public_near_mpls_only", _set("vpn.technology", "getvpn"))
    add("cryptomap_routing_fire", _set("vpn.technology", "ipsec"))
    add("cryptomap_multicast_fire", _all(_set("vpn.technology", "ipsec"), _set("vpn.dynamic_routing", False),
                                         _set("vpn.multicast", True)))
    add("cryptomap_near_static", _all(_set("vpn.technology", "ipsec"), _set("vpn.dynamic_routing", False)))
    inet = centralized("Internet base", cloud_kind="internet", technology="dmvpn")
    by_id(inet, "l-hq")["capacity_kbps"] = 10000.0  # the hub carries hairpinned calls: keep LLQ out of the way
    add("hairpin_fire_dmvpn_phase1", _set("vpn.dmvpn_phase", 1), inet)
    add("hairpin_fire_gre_hub", _set("vpn.technology", "gre-ipsec"), inet)
    add("hairpin_near_dmvpn_phase3", _set("vpn.dmvpn_phase", 3), inet)
    add("hairpin_near_phase1_single_spoke", _all(_set("vpn.dmvpn_phase", 1), lambda d: (
        d["sites"].pop(), d["links"].pop())), inet)
    out["mesh_scale_fire_11_sites"] = mesh_design(11)
    out["mesh_scale_near_10_sites"] = mesh_design(10)
    add("key_server_fire_one", _all(_set("vpn.technology", "getvpn"), _set("vpn.getvpn_key_servers", 1)))
    add("key_server_near_two", _all(_set("vpn.technology", "getvpn"), _set("vpn.getvpn_key_servers", 2)))
    add("legacy_crypto_fire_3des", _set("vpn.cipher", "3des"), inet)
    add("legacy_crypto_fire_md5", _set("vpn.integrity", "md5-96"), inet)
    add("legacy_crypto_near_aes", _all(_set("vpn.cipher", "aes-gcm"), _set("vpn.integrity", "none")), inet)
    add("legacy_crypto_near_no_ipsec", _set("vpn.cipher", "3des"))
    # bandwidth
    out["hand_h1_g729_mpls"] = hand_h1(4096.0)
    out["llq_fire_1039"] = hand_h1(1039.0)
    out["llq_near_exactly_33_percent"] = hand_h1(1040.0)
    out["overload_fire_347"] = hand_h1(347.0)
    out["overload_near_exactly_full"] = hand_h1(347.95)
    add("mtu_fire_dmvpn", _set("vpn.dmvpn_phase", 3), inet)
    add("mtu_near_no_tunnel", _set("vpn.technology", "mpls-isolation"))
    add("crtp_fire_ethernet", _set("voice.crtp", 2))
    add("crtp_fire_inside_dmvpn", _all(_set("voice.crtp", 2), *[_set(f"{lid}.l2", "ppp")
                                                                for lid in ("l-hq", "l-br1", "l-br2")]), inet)
    add("crtp_fire_getvpn_ppp", _all(_set("voice.crtp", 2), _set("vpn.technology", "getvpn"),
                                     *[_set(f"{lid}.l2", "ppp") for lid in ("l-hq", "l-br1", "l-br2")]))
    add("key_server_fire_zero", _all(_set("vpn.technology", "getvpn"), _set("vpn.getvpn_key_servers", 0)))
    add("crtp_near_ppp_clear", _all(_set("voice.crtp", 2), _set("vpn.technology", "none"),
                                    *[_set(f"{lid}.l2", "ppp") for lid in ("l-hq", "l-br1", "l-br2")]))
    # deployment
    add("no_call_processing_fire", _all(_set("hq.cucm_publisher", False), _set("hq.cucm_subscribers", 0)))
    add("no_call_processing_near_no_phones", _all(
        _set("hq.cucm_publisher", False), _set("hq.cucm_subscribers", 0),
        *[_set(f"{sid}.users", 0) for sid in ("hq", "br1", "br2")]))
    add("srst_missing_fire", _all(_set("br2.survivability", "none"), _set("br2.srst_platform", None)))
    add("srst_missing_near_zero_users", _all(_set("br2.survivability", "none"), _set("br2.srst_platform", None),
                                             _set("br2.users", 0)))
    add("srst_capacity_fire_37_on_2811", _set("br1.users", 37))
    add("srst_capacity_near_36_on_2811", _set("br1.users", 36))
    add("srst_capacity_fire_override", _all(_set("br1.srst_capacity", 20), _set("br1.users", 21)))
    add("srst_capacity_near_phones_field", _all(_set("br1.users", 40), _set("br1.phones", 36)))
    add("pstn_fallback_fire", _set("br1.pstn_gateway", False))
    add("pstn_fallback_near_hq_without_gateway", _all(_set("hq.pstn_gateway", False),
                                                      _set("traffic.central_pstn_site", "br1")))
    out["cow_rtt_fire_81"] = cow_design("COW RTT 81 ms", 81.0)
    out["cow_rtt_near_80"] = cow_design("COW RTT 80 ms", 80.0)
    out["cow_rtt_fire_old_release_41"] = cow_design("COW CUCM 6.0 RTT 41 ms", 41.0, release="6.0")
    out["cow_rtt_near_old_release_40"] = cow_design("COW CUCM 6.0 RTT 40 ms", 40.0, release="6.0")
    out["cow_bandwidth_fire_3000"] = cow_design("COW DCI 3000 kbps", 10.0, dci_kbps=3000.0)
    out["cow_bandwidth_near_3088"] = cow_design("COW DCI 3088 kbps", 10.0, dci_kbps=3088.0)
    out["cow_triangle_near_via_b"] = cow_triangle("COW triangle, A-C direct 100 ms, via B 60 ms", 30, 30, 100)
    out["cow_triangle_fire_a_c"] = cow_triangle("COW triangle, A-C 100 ms every way", 50, 50, 100)
    add("cluster_size_fire_9_subscribers", _set("hq.cucm_subscribers", 9))
    add("cluster_size_near_8_subscribers", _set("hq.cucm_subscribers", 8))
    add("cac_topology_fire_branch_leased_line", lambda d: (d["links"].append(link("l-br1-br2", "br1", "br2")),
                                                           d.update(cucm_release="8.6")))
    add("cac_topology_near_elcac_release_12", lambda d: d["links"].append(link("l-br1-br2", "br1", "br2")))
    add("cac_topology_near_hub_leased_line", lambda d: d["links"].append(link("l-hq-br1", "hq", "br1")))
    add("delay_fire_302_leased", lambda d: (
        d["sites"].pop(), d.update(clouds=[]), d.update(links=[link("l-br1", "hq", "br1", rtt_ms=302.0)])))
    add("delay_near_138_leased", lambda d: (
        d["sites"].pop(), d.update(clouds=[]), d.update(links=[link("l-br1", "hq", "br1", rtt_ms=138.0)])))
    add("delay_fire_satellite_branch", _set("l-br2.rtt_ms", 400.0))
    # security
    add("srtp_without_tls_fire_authenticated", _set("voice.security_mode", "authenticated"))
    add("srtp_without_tls_fire_non_secure", _set("voice.security_mode", "non-secure"))
    add("media_clear_fire_internet", _all(_set("voice.srtp", "none"), _set("vpn.technology", "none")),
        centralized("Internet base", cloud_kind="internet", technology="none"))
    add("media_clear_near_srtp", _set("vpn.technology", "none"),
        centralized("Internet base", cloud_kind="internet", technology="none"))
    add("media_clear_near_dmvpn", _set("voice.srtp", "none"), inet)
    add("lan_l2_fire", _set("br1.security.voice_vlan", False))
    add("lan_l2_near_zero_users", _all(_set("br1.users", 0), *[_set(f"br1.security.{f}", False) for f in (
        "voice_vlan", "port_security", "dhcp_snooping", "dynamic_arp_inspection", "ip_source_guard")]))
    add("routing_auth_fire", _set("l-br2.routing_auth", False))
    add("routing_auth_near_static", _all(_set("l-br2.routing_auth", False), _set("vpn.dynamic_routing", False)))
    add("firewall_fire", _set("hq.security.firewall", False))
    add("firewall_near_branch_without", _set("br1.security.firewall", False))
    add("tls_proxy_fire", _set("hq.security.tls_proxy", False))
    add("tls_proxy_near_non_secure", _all(_set("hq.security.tls_proxy", False), _set("voice.srtp", "none"),
                                          _set("voice.security_mode", "non-secure")))
    add("device_planes_fire", _set("br1.security.control_plane_protection", False))
    add("device_planes_near_other_control_off", _set("br1.security.web_access_disabled", False))
    add("endpoint_fire_warning", _set("br2.security.signed_phone_loads", False))
    add("endpoint_fire_error_public_pc_port", _all(public_phones, _set("br1.security.pc_port_disabled", False)))
    add("endpoint_near_no_public_phones", _set("br1.security.pc_port_disabled", False))
    # tricky
    out["tricky_empty"] = {"schema_version": 1}
    add("tricky_zero_user_site", lambda d: d["sites"].append(branch("br0", "Warehouse", 0, survivability="none",
                                                                    security=hardened(voice_vlan=False))))
    add("tricky_sites_without_links", lambda d: (d.update(links=[]), d.update(clouds=[])))
    add("tricky_cloud_without_sites", lambda d: d["clouds"].append(
        {"id": "spare", "name": "Unused Internet", "kind": "internet", "x": 400, "y": 0}))
    add("tricky_dual_homed_getvpn", lambda d: (
        d["clouds"].append({"id": "inet", "name": "Internet", "kind": "internet", "x": 300, "y": 100}),
        d["links"].append(link("l-br1-inet", "br1", "inet", capacity_kbps=10000.0)),
        d["vpn"].update(technology="getvpn")))
    out["tricky_leased_triangle"] = hand_h3()
    out["tricky_nat_branch_dmvpn"] = variant(hand_h2(), "DMVPN phase 3 with one NATed branch", _all(
        _set("vpn.dmvpn_phase", 3), _set("l-br2.nat", True)))
    out["hand_h2_dmvpn_phase1"] = hand_h2()
    add("tricky_model_mismatch", lambda d: d.update(deployment_model="distributed"))
    add("tricky_distributed_branch_leased_line", lambda d: (
        by_id(d, "br1").update(cucm_publisher=True, cluster_id="cluster-2", survivability="none",
                               srst_platform=None),
        d["links"].append(link("l-br1-br2", "br1", "br2"))))
    # the advice an architect signs: the VPN priced on the real links, hub overlays sized as they route, ...
    out["fit_leased_ppp_crtp"] = leased_ppp_crtp(1450.0)
    out["hairpin_fire_cryptomap_hub"] = variant(hand_h2(), "Crypto-map IPsec hub-and-spoke hairpin", _all(
        _set("vpn.technology", "ipsec"), _set("vpn.dynamic_routing", False)))
    add("signalling_sip", _set("voice.signalling", "sip"), hand_h1(4096.0))
    out["cow_subscriber_pair_fire_2048"] = variant(
        cow_triangle("COW triangle, subscriber pair on 2 Mbps", 30, 10, 30), "COW subscriber pair on 2 Mbps",
        _set("bc.capacity_kbps", 2048.0))
    add("vti_chosen_internet", _all(_set("vpn.technology", "vti"), _set("voice.codec", "g729")), inet)
    add("flexvpn_chosen_internet", _all(_set("vpn.technology", "flexvpn"), _set("voice.codec", "g729")), inet)
    add("gre_default_transport", _all(_set("vpn.technology", "gre-ipsec"), _set("voice.codec", "g729")), inet)
    add("legacy_crypto_fire_des", _set("vpn.cipher", "des"), inet)
    out["hybrid_mpls_internet"] = hybrid(None)
    out["hybrid_cloud_set_by_user"] = variant(hybrid("dmvpn"), "Hybrid WAN, the user's choice per cloud",
                                              _set("vpn.technology", "getvpn"))
    add("isolation_recommended_privacy_not_required", _all(
        _set("vpn.technology", "recommend"), _set("vpn.privacy_required", False)))
    add("internet_clear_fire_srtp_tls", _set("vpn.technology", "none"),
        centralized("Internet base", cloud_kind="internet", technology="none"))
    add("two_sites_key_servers", _all(_set("vpn.technology", "recommend"), lambda d: (
        d["sites"].pop(), d["links"].pop())))
    # invalid files: exit status 2
    add("invalid_negative_users", _set("br1.users", -1))
    add("invalid_dangling_link", _set("l-br2.b", "nowhere"))
    add("invalid_bad_ptime", _set("voice.ptime_ms", 25))
    add("invalid_newer_schema", lambda d: d.update(schema_version=99))
    add("invalid_unknown_field", _set("br2.colour", "red"))
    add("invalid_duplicate_id", _set("br2.id", "br1"))
    return out


def main() -> None:
    for key, design in designs().items():
        (HERE / f"{key}.json").write_text(json.dumps(design, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    # a file a user saved from the wrong program: not JSON at all
    (HERE / "invalid_not_json.json").write_text("sites: [hq, br1]\n", encoding="utf-8")


if __name__ == "__main__":
    main()
