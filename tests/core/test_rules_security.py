"""Security checklist (stable control ids, threats, seed wording) and the SEC-* checks."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor import traffic
from advisor.model import Design, SecurityControls
from advisor.rules import deployment, security, vpn
from advisor.rules.security_controls import ALL_CONTROL_IDS

ALL_ON = {name: True for name in SecurityControls.model_fields}


def make(sites=None, clouds=(("wan", "mpls"),), voice=None, vpn=None, **links):
    sites = sites or [{"id": "hq", "kind": "hq", "users": 50, "cucm_publisher": True},
                      {"id": "b1", "users": 10}]
    link_list = [{"id": f"l-{s['id']}", "a": s["id"], "b": clouds[0][0], **links.get(s["id"], {})} for s in sites]
    return Design.model_validate({"sites": sites, "clouds": [{"id": c, "kind": k} for c, k in clouds],
                                  "links": link_list, "voice": voice or {}, "vpn": vpn or {}})


def hardened(**kw):
    return {"id": "hq", "kind": "hq", "users": 50, "cucm_publisher": True, "security": {**ALL_ON, **kw}}


def codes(findings):
    return [f.code for f in findings]


def get(findings, code):
    return next(f for f in findings if f.code == code)


# --- checklist -------------------------------------------------------------------------------------------------

def test_checklist_uses_the_agreed_control_ids():
    expected = {"LAN-VOICE-VLAN", "LAN-PORT-SECURITY", "LAN-DHCP-SNOOPING", "LAN-DAI", "LAN-IPSG", "RT-AUTH",
                "ISO-MPLS", "ENC-TLS", "ENC-SRTP", "S2S-IPSEC", "FW-ACCESS", "FW-INSPECT", "FW-TCP", "FW-IPS",
                "FW-CONN-LIMITS", "FW-TLS-PROXY", "AV-CLUSTER", "AV-SRST", "NFP-CPPR", "NFP-ROUTING",
                "NFP-THRESHOLDS", "NFP-MPP", "EP-SIGNED-LOADS", "EP-PC-PORT", "EP-SETTINGS", "EP-GARP",
                "EP-PC-VOICE-VLAN", "EP-WEB", "EP-CTL"}
    assert set(ALL_CONTROL_IDS) == expected
    items = security.checklist(make(), "getvpn")
    assert {i.control for i in items} == expected


def test_checklist_items_carry_threat_site_status_and_seed_wording():
    items = security.checklist(make(), "getvpn")
    dai = next(i for i in items if i.control == "LAN-DAI" and i.site == "b1")
    assert dai.status == "missing" and dai.threat == "eavesdropping" and "ARP spoofing" in dai.rationale
    assert next(i for i in items if i.control == "S2S-IPSEC").status == "in-place"
    assert next(i for i in items if i.control == "ISO-MPLS").status == "in-place"
    assert next(i for i in items if i.control == "AV-SRST" and i.site == "b1").status == "missing"
    # firewall items only where call processing runs; endpoint items only where phones are
    assert {i.site for i in items if i.control.startswith("FW-")} == {"hq"}
    assert all(i.threat in ("eavesdropping", "malicious content", "network resources and availability")
               for i in items)


def test_checklist_marks_in_place_and_not_applicable():
    d = make(sites=[hardened(), {"id": "b1", "users": 10, "security": ALL_ON}], voice={"security_mode": "non-secure"})
    items = security.checklist(d, "none")
    site_items = [i for i in items if i.site != "design"]
    assert {i.status for i in site_items if i.control != "AV-SRST"} <= {"in-place", "n/a"}
    assert next(i for i in items if i.control == "EP-PC-PORT" and i.site == "b1").status == "n/a"  # no lobby phones
    assert next(i for i in items if i.control == "EP-CTL").status == "n/a"  # non-secure mode: no TLS to trust
    assert next(i for i in items if i.control == "S2S-IPSEC").status == "missing"


def test_checklist_defaults_to_the_recommended_technology():
    items = security.checklist(make())  # MPLS WAN: GET VPN is recommended
    assert next(i for i in items if i.control == "S2S-IPSEC").status == "in-place"


# --- checks ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["non-secure", "authenticated"])
def test_srtp_without_encrypted_signalling(mode):
    hit = get(security.check(make(voice={"srtp": "sha1-80", "security_mode": mode}), "getvpn"),
              "SEC-SRTP-WITHOUT-TLS")
    assert hit.severity == "error" and mode in hit.message and "learn the keys" in hit.rationale


def test_srtp_with_encrypted_mode_is_fine():
    assert "SEC-SRTP-WITHOUT-TLS" not in codes(security.check(
        make(voice={"srtp": "sha1-80", "security_mode": "encrypted"}), "getvpn"))


@pytest.mark.parametrize("tech", ["none", "mpls-isolation"])
def test_media_in_clear_over_the_wan(tech):
    hit = get(security.check(make(), tech), "SEC-MEDIA-CLEAR")
    assert hit.severity == "warning" and "(MPLS)" in hit.message and set(hit.subjects) == {"l-hq", "l-b1"}
    assert ("no VPN" if tech == "none" else "MPLS VPN isolation alone (no encryption)") in hit.message
    assert "trusted boundary" in hit.rationale


def test_media_clear_silent_with_srtp_or_ipsec_and_informational_without_privacy():
    assert "SEC-MEDIA-CLEAR" not in codes(security.check(make(), "dmvpn"))
    assert "SEC-MEDIA-CLEAR" not in codes(security.check(
        make(voice={"srtp": "gcm", "security_mode": "encrypted"}), "none"))
    assert get(security.check(make(vpn={"privacy_required": False}), "none"), "SEC-MEDIA-CLEAR").severity == "info"
    single = make(sites=[{"id": "hq", "users": 5, "cucm_publisher": True}])
    assert "SEC-MEDIA-CLEAR" not in codes(security.check(single, "none"))


def test_lan_l2_lists_what_is_missing_and_groups_sites():
    partial = {**ALL_ON, "dynamic_arp_inspection": False, "ip_source_guard": False}
    d = make(sites=[hardened(), {"id": "b1", "users": 10, "security": partial},
                    {"id": "b2", "users": 10, "security": partial}])
    hit = get(security.check(d, "getvpn"), "SEC-LAN-L2")
    assert hit.subjects == ("b1", "b2") and "dynamic ARP inspection, IP Source Guard" in hit.message
    assert "voice VLAN" not in hit.message


def test_lan_l2_silent_when_complete_or_without_phones():
    d = make(sites=[hardened(), {"id": "dc", "kind": "datacenter"}])
    assert "SEC-LAN-L2" not in codes(security.check(d, "getvpn"))


def test_routing_auth_only_where_dynamic_routing_runs():
    d = make(hq={"routing_auth": True})
    assert get(security.check(d, "getvpn"), "SEC-ROUTING-AUTH").subjects == ("l-b1",)
    static = make(vpn={"dynamic_routing": False})
    assert "SEC-ROUTING-AUTH" not in codes(security.check(static, "getvpn"))


def test_firewall_at_call_processing_sites_only():
    hit = get(security.check(make(), "getvpn"), "SEC-FIREWALL")
    assert hit.subjects == ("hq",)
    assert "SEC-FIREWALL" not in codes(security.check(make(sites=[hardened(), {"id": "b1", "users": 3}]), "getvpn"))


def test_tls_proxy_info_when_an_inspecting_firewall_meets_tls():
    site = hardened(tls_proxy=False)
    hit = get(security.check(make(sites=[site], voice={"security_mode": "encrypted", "srtp": "sha1-80"}), "getvpn"),
              "SEC-TLS-PROXY")
    assert hit.severity == "info" and hit.subjects == ("hq",)
    assert "SEC-TLS-PROXY" not in codes(security.check(make(sites=[site]), "getvpn"))  # non-secure: clear text
    assert "SEC-TLS-PROXY" not in codes(security.check(
        make(sites=[hardened()], voice={"security_mode": "authenticated"}), "getvpn"))


def test_device_planes_on_routers():
    d = make(sites=[hardened(management_plane_protection=False), {"id": "b1", "users": 3, "security": ALL_ON}])
    hit = get(security.check(d, "getvpn"), "SEC-DEVICE-PLANES")
    assert hit.subjects == ("hq",) and "management plane protection" in hit.message
    assert "control plane" not in hit.message
    lone = make(sites=[hardened(), {"id": "b1", "users": 3, "security": ALL_ON}])
    assert "SEC-DEVICE-PLANES" not in codes(security.check(lone, "getvpn"))


def test_endpoint_hardening_error_for_open_pc_ports_in_public_areas():
    lobby = {"id": "b1", "users": 10, "public_area_phones": 2, "security": {**ALL_ON, "pc_port_disabled": False}}
    hit = get(security.check(make(sites=[hardened(), lobby]), "getvpn"), "SEC-ENDPOINT")
    assert hit.severity == "error" and "PC port" in hit.message and hit.subjects == ("b1",)


def test_endpoint_hardening_warning_and_silence():
    office = {"id": "b1", "users": 10, "security": {**ALL_ON, "web_access_disabled": False}}
    hit = get(security.check(make(sites=[hardened(), office]), "getvpn"), "SEC-ENDPOINT")
    assert hit.severity == "warning" and "web access" in hit.message
    # PC port enabled is fine on office phones (no public area); CTL only matters with TLS
    ok = {"id": "b1", "users": 10, "security": {**ALL_ON, "pc_port_disabled": False, "certificate_trust_list": False}}
    assert "SEC-ENDPOINT" not in codes(security.check(make(sites=[hardened(), ok]), "getvpn"))


def test_every_finding_has_rule_rationale_and_remedy():
    for f in security.check(make(voice={"srtp": "sha1-32"}), "none"):
        # the rule id is its own field, never part of the words users read
        assert f.rule.startswith("SEC-R") and f.rule not in f.rationale and "\u201c" in f.rationale
        assert f.remedy and f.source


# --- robustness: every rule family on random designs -----------------------------------------------------------



@st.composite
def random_designs(draw):
    n = draw(st.integers(1, 6))
    sites = [{"id": f"s{i}", "users": draw(st.integers(0, 300)), "cucm_publisher": draw(st.booleans()),
              "cucm_subscribers": draw(st.integers(0, 10)), "cluster_id": draw(st.sampled_from(["c1", "c2"])),
              "survivability": draw(st.sampled_from(["none", "srst"])),
              "srst_platform": draw(st.sampled_from([None, "2811", "3945E", "9999"])),
              "pstn_gateway": draw(st.booleans())} for i in range(n)]
    clouds = [{"id": "k", "kind": draw(st.sampled_from(["mpls", "internet", "private-wan"]))}]
    links = []
    for i in range(n):
        if draw(st.booleans()):
            links.append({"id": f"c{i}", "a": f"s{i}", "b": "k", "rtt_ms": draw(st.integers(0, 400)),
                          "nat": draw(st.booleans()), "capacity_kbps": draw(st.sampled_from([64, 2048, 1e5]))})
        if i and draw(st.booleans()):
            links.append({"id": f"m{i}", "a": f"s{i}", "b": f"s{draw(st.integers(0, i - 1))}",
                          "rtt_ms": draw(st.integers(0, 400))})
    return Design.model_validate({
        "sites": sites, "clouds": clouds, "links": links, "cucm_release": draw(st.sampled_from(["5.1", "14", "x"])),
        "voice": {"codec": draw(st.sampled_from(["g711", "g729", "ilbc-30"])),
                  "srtp": draw(st.sampled_from(["none", "sha1-80"]))},
        "vpn": {"technology": draw(st.sampled_from(["recommend", "ipsec", "gre-ipsec", "dmvpn", "getvpn",
                                                    "mpls-isolation", "none"])),
                "gre_topology": draw(st.sampled_from(["hub-and-spoke", "full-mesh"])),
                "dmvpn_phase": draw(st.sampled_from([1, 3]))}})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_designs())
def test_rules_never_crash_and_always_report_model_and_recommendation(d):
    rec = vpn.recommend(d)
    sizing = traffic.size(d, rec.chosen)
    dep = deployment.detect(d, sizing)
    found = [*vpn.check(d, rec, sizing), *deployment.check(d, sizing, dep), *security.check(d, rec.chosen)]
    assert [f.code for f in found].count("VPN-RECOMMENDATION") == 1
    assert [f.code for f in found].count("DEP-MODEL") == 1
    assert all(f.message and f.rationale and f.remedy for f in found)
    assert security.checklist(d, rec.chosen)
