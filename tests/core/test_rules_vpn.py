"""VPN recommendation (ranking, reasons, computed per-call cost, tunnels) and the VPN-* checks."""

import re
from pathlib import Path

import pytest

from advisor import traffic
from advisor.model import Design
from advisor.rules import seed, vpn

SEED_TEXT = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_f2e862a62b700d64.txt"


def make(sites=3, cloud="mpls", nat=(), users=(200, 50, 50), **policy):
    """HQ with call processing plus branches, every site on one cloud; `policy` sets vpn./voice. fields."""
    site_list = [{"id": "hq", "kind": "hq", "users": users[0], "cucm_publisher": True}]
    site_list += [{"id": f"b{i}", "users": users[i] if i < len(users) else 20} for i in range(1, sites)]
    links = [{"id": f"l-{s['id']}", "a": s["id"], "b": "wan", "nat": s["id"] in nat} for s in site_list]
    vpn_policy = {k: v for k, v in policy.items() if k not in ("codec", "ptime_ms", "srtp", "security_mode")}
    voice = {k: v for k, v in policy.items() if k in ("codec", "ptime_ms", "srtp", "security_mode")}
    return Design.model_validate({"sites": site_list, "clouds": [{"id": "wan", "kind": cloud}], "links": links,
                                  "vpn": vpn_policy, "voice": voice})


def cand(rec, tech):
    return next(c for c in rec.ranking if c.technology == tech)


def codes(findings):
    return [f.code for f in findings]


# --- recommendation --------------------------------------------------------------------------------------------

def test_internet_with_nat_ranks_dmvpn_first_and_getvpn_down_for_header_preservation():
    rec = vpn.recommend(make(cloud="internet", nat=("b1",)))
    # DMVPN or FlexVPN (IKEv2 tunnel interfaces, 4 B less per packet than GRE): both built for the Internet
    assert rec.technology in ("dmvpn", "flexvpn") and rec.chosen == rec.technology
    getvpn = cand(rec, "getvpn")
    assert getvpn.fits == "blocked" and rec.ranking[-1].technology in ("getvpn", "mpls-isolation")
    against = [r for r in getvpn.reasons if r.rule == "VPN-R3"]
    assert against and not against[0].positive and "tunnel header preservation" in against[0].source
    assert cand(rec, "dmvpn").score > getvpn.score


def test_private_mpls_wan_ranks_getvpn_first_and_isolation_alone_last_when_privacy_is_required():
    rec = vpn.recommend(make(cloud="mpls"))
    assert rec.technology == "getvpn"
    iso = cand(rec, "mpls-isolation")
    assert rec.ranking[-1].technology == "mpls-isolation"
    assert any(not r.positive and "must not rely only on traffic isolation" in r.source for r in iso.reasons)


def test_isolation_alone_scores_higher_when_privacy_is_not_required():
    strict = cand(vpn.recommend(make(cloud="mpls")), "mpls-isolation").score
    relaxed = cand(vpn.recommend(make(cloud="mpls", privacy_required=False)), "mpls-isolation").score
    assert relaxed > strict


def test_crypto_map_loses_points_for_dynamic_routing_and_gains_without_it():
    routed = cand(vpn.recommend(make(dynamic_routing=True)), "ipsec")
    static = cand(vpn.recommend(make(dynamic_routing=False, multicast=False)), "ipsec")
    assert any(r.rule == "VPN-R2" and not r.positive and "cannot run dynamic routing" in r.source
               for r in routed.reasons)
    assert static.score > routed.score


@pytest.mark.parametrize("tech, topology, expected", [
    ("gre-ipsec", "hub-and-spoke", 5), ("gre-ipsec", "full-mesh", 15), ("dmvpn", "hub-and-spoke", 5),
    ("getvpn", "hub-and-spoke", 0), ("ipsec", "hub-and-spoke", 5), ("mpls-isolation", "hub-and-spoke", None)])
def test_tunnels_to_configure(tech, topology, expected):
    # SPEC §3.3: N−1 hub tunnels, N(N−1)/2 for a GRE full mesh, zero for GET VPN (6 sites).
    design = make(sites=6, gre_topology=topology)
    assert vpn.tunnels(design, tech) == expected
    assert cand(vpn.recommend(design), tech).tunnels == expected


def test_per_call_cost_is_computed_by_the_packet_engine():
    # Cisco V3PN SRND: G.729 20 ms, GRE over IPsec tunnel mode, 3DES + SHA1-96 -> 136 B, 54.4 kbps at layer 3.
    design = make(cloud="mpls", codec="g729", cipher="3des", ipsec_mode="tunnel")
    gre = cand(vpn.recommend(design), "gre-ipsec")
    # Priced on the design's own (Ethernet, 18 B) links: (136 + 18) B × 8 × 50 pps = 61.6 kbps; clear (60 + 18) B:
    # 31.2 kbps (Cisco TAC doc 7934)
    assert gre.per_call_kbps == pytest.approx(61.6)
    r6 = next(r for r in gre.reasons if r.rule == "VPN-R6")
    assert "61.60 kbps" in r6.text and "31.20 kbps clear" in r6.text and not r6.positive
    assert cand(vpn.recommend(design), "mpls-isolation").per_call_kbps == pytest.approx(31.2)


def test_spoke_to_spoke_share_matches_a_pairwise_gravity_sum():
    design = make(sites=5, users=(300, 40, 70, 10, 120))
    share, on_net = vpn.spoke_to_spoke_share(design, "hq")
    users = {s.id: s.users for s in design.sites}
    total = sum(users.values())
    per_user = 2.0 * 180 / 3600 * 0.3  # defaults: calls per user, holding time, on-net share
    pairs = {(a, b): users[a] * per_user * users[b] / (total - users[a]) for a in users for b in users if a != b}
    spoke = sum(e for (a, b), e in pairs.items() if "hq" not in (a, b))
    assert on_net == pytest.approx(sum(pairs.values()))
    assert share == pytest.approx(spoke / sum(pairs.values()))


def test_hairpin_penalises_hub_overlays_and_favours_dmvpn_phase_3():
    phase3 = vpn.recommend(make(sites=6, cloud="internet", users=(10, 100, 100, 100, 100, 100)))
    phase1 = vpn.recommend(make(sites=6, cloud="internet", users=(10, 100, 100, 100, 100, 100), dmvpn_phase=1))
    r5 = next(r for r in cand(phase3, "dmvpn").reasons if r.rule == "VPN-R5")
    assert r5.positive and "built dynamically" in r5.source
    assert cand(phase1, "dmvpn").score < cand(phase3, "dmvpn").score
    assert not next(r for r in cand(phase3, "gre-ipsec").reasons if r.rule == "VPN-R5").positive


def test_single_site_recommends_no_vpn():
    rec = vpn.recommend(Design.model_validate({"sites": [{"id": "hq", "users": 10, "cucm_publisher": True}]}))
    assert rec.technology == "none"


def test_user_override_is_the_chosen_technology_and_ranking_is_deterministic():
    design = make(technology="gre-ipsec")
    first, second = vpn.recommend(design), vpn.recommend(design)
    assert first.chosen == "gre-ipsec" and first.technology != "gre-ipsec"
    assert first == second
    assert [c.score for c in first.ranking] == sorted((c.score for c in first.ranking), reverse=True)


def _norm(text):
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"'))


def test_every_seed_quote_is_in_the_seed_article():
    if not SEED_TEXT.exists():
        pytest.skip("seed article not available")
    article = _norm(SEED_TEXT.read_text(encoding="utf-8"))
    checked = 0
    for name, value in vars(seed).items():
        if not name.isupper() or not isinstance(value, str) or name in seed.NOT_FROM_SEED:
            continue
        for part in _norm(value).split(" ... "):
            assert part in article, f"seed.{name} is not quoted verbatim: {part[:80]}"
        checked += 1
    assert checked > 40


# --- checks ----------------------------------------------------------------------------------------------------

def run_checks(design, sized=True):
    rec = vpn.recommend(design)
    return vpn.check(design, rec, traffic.size(design, rec.chosen) if sized else None)


def test_recommendation_finding_is_always_there_once():
    found = run_checks(make())
    assert codes(found).count("VPN-RECOMMENDATION") == 1
    rec = found[0]
    assert rec.severity == "info" and rec.subjects == ("design",) and "GET VPN" in rec.message
    # the app and the PDF show a rationale after their own "Why:" label: the text does not repeat it
    assert rec.rationale.startswith("encrypts traffic between sites") and not rec.rationale.startswith("Why")
    assert "\u201c" in rec.rationale and "VPN-R" not in rec.rationale


def test_isolation_only_fires_for_mpls_isolation_without_srtp_when_privacy_is_required():
    assert "VPN-ISOLATION-ONLY" in codes(run_checks(make(technology="mpls-isolation")))
    assert "VPN-ISOLATION-ONLY" not in codes(run_checks(make(technology="mpls-isolation", srtp="sha1-80",
                                                             security_mode="encrypted")))
    assert "VPN-ISOLATION-ONLY" not in codes(run_checks(make(technology="mpls-isolation", privacy_required=False)))
    assert "VPN-ISOLATION-ONLY" not in codes(run_checks(make(technology="getvpn")))


def test_getvpn_public_names_the_internet_and_nat_links():
    found = run_checks(make(cloud="internet", technology="getvpn"))
    hit = next(f for f in found if f.code == "VPN-GETVPN-PUBLIC")
    assert hit.severity == "error" and set(hit.subjects) == {"l-hq", "l-b1", "l-b2"}
    nat_only = run_checks(make(cloud="mpls", nat=("b2",), technology="getvpn"))
    assert next(f for f in nat_only if f.code == "VPN-GETVPN-PUBLIC").subjects == ("l-b2",)
    assert "VPN-GETVPN-PUBLIC" not in codes(run_checks(make(cloud="mpls", technology="getvpn")))


def test_cryptomap_routing_fires_for_routing_or_multicast_only():
    assert "VPN-CRYPTOMAP-ROUTING" in codes(run_checks(make(technology="ipsec")))
    msg = next(f.message for f in run_checks(make(technology="ipsec", dynamic_routing=False, multicast=True))
               if f.code == "VPN-CRYPTOMAP-ROUTING")
    assert "multicast" in msg and "dynamic routing" not in msg
    assert "VPN-CRYPTOMAP-ROUTING" not in codes(run_checks(make(technology="ipsec", dynamic_routing=False)))


def test_hairpin_states_the_extra_hub_bandwidth_from_sizing():
    design = make(sites=4, cloud="internet", technology="gre-ipsec", users=(50, 100, 100, 100))
    rec = vpn.recommend(design)
    sizing = traffic.size(design, rec.chosen)
    assert sizing.hairpin_kbps > 0
    hit = next(f for f in vpn.check(design, rec, sizing) if f.code == "VPN-HAIRPIN")
    assert f"+{sizing.hairpin_kbps:,.2f} kbps" in hit.message  # two decimals, as every kbps figure and hit.subjects[0] == "hq" and "l-hq" in hit.subjects
    assert "VPN-HAIRPIN" not in codes(run_checks(make(sites=4, cloud="internet", technology="dmvpn")))


def test_mesh_scale_threshold_is_45_tunnels():
    # 10 sites = 45 tunnels (at the threshold); 11 sites = 55 tunnels.
    assert "VPN-MESH-SCALE" not in codes(run_checks(make(sites=10, technology="gre-ipsec", gre_topology="full-mesh"),
                                                    sized=False))
    found = run_checks(make(sites=11, technology="gre-ipsec", gre_topology="full-mesh"), sized=False)
    hit = next(f for f in found if f.code == "VPN-MESH-SCALE")
    assert "55 tunnels" in hit.message and "configure 10" in hit.message
    assert "VPN-MESH-SCALE" not in codes(run_checks(make(sites=11, technology="gre-ipsec"), sized=False))


def test_key_server_redundancy():
    one = next(f for f in run_checks(make(technology="getvpn", getvpn_key_servers=1)) if f.code == "VPN-KEY-SERVER")
    assert one.severity == "warning" and "1 key server" in one.message
    none = next(f for f in run_checks(make(technology="getvpn", getvpn_key_servers=0)) if f.code == "VPN-KEY-SERVER")
    assert none.severity == "error"
    assert "VPN-KEY-SERVER" not in codes(run_checks(make(technology="getvpn", getvpn_key_servers=2)))
    assert "VPN-KEY-SERVER" not in codes(run_checks(make(technology="dmvpn", cloud="internet", getvpn_key_servers=0)))


@pytest.mark.parametrize("cipher, integrity, expected", [
    ("3des", "sha1-96", "DMVPN uses 3DES ('legacy')"), ("des", "sha1-96", "DES ('avoid')"),
    ("aes-cbc", "md5-96", "HMAC-MD5 ('avoid')"), ("3des", "md5-96", "HMAC-MD5 ('avoid') and 3DES ('legacy')")])
def test_legacy_crypto_fires(cipher, integrity, expected):
    hit = next(f for f in run_checks(make(technology="dmvpn", cloud="internet", cipher=cipher, integrity=integrity))
               if f.code == "VPN-LEGACY-CRYPTO")
    assert expected in hit.message
    # Cisco Next Generation Cryptography: DES and MD5 'Avoid' (error), 3DES 'Legacy' (warning)
    assert hit.severity == ("warning" if (cipher, integrity) == ("3des", "sha1-96") else "error")


def test_legacy_crypto_silent_for_aes_sha_and_for_unencrypted_choices():
    assert "VPN-LEGACY-CRYPTO" not in codes(run_checks(make(technology="dmvpn", cloud="internet")))
    assert "VPN-LEGACY-CRYPTO" not in codes(run_checks(make(technology="mpls-isolation", cipher="3des")))
