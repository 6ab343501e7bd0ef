"""Topology gaps the analysis must name instead of sizing around them in silence: a site reachable only through a
cloud no other site is on, a central PSTN site or a VPN hub with no WAN link; and the VPN advice on such a WAN.
Expected figures are worked out by hand below (gravity model, 2 calls per user × 180 s, 50/30/20 % split)."""

import random

import pytest

from advisor import demand_hub
from advisor.analysis import analyse
from advisor.model import Design
from advisor.rules import deployment


def _island(extra_links: tuple = (), vpn: dict | None = None) -> Design:
    """HQ and br2 on an MPLS cloud, br only on an Internet cloud: each cloud is its own network."""
    return Design.model_validate({
        "schema_version": 1, "name": "inet island", "vpn": vpn or {},
        "sites": [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True}, {"id": "br", "users": 10},
                  {"id": "br2", "users": 10}],
        "clouds": [{"id": "m", "kind": "mpls"}, {"id": "i", "kind": "internet"}],
        "links": [{"id": "l-hq", "a": "hq", "b": "m"}, {"id": "l-br", "a": "br", "b": "i"},
                  {"id": "l-br2", "a": "br2", "b": "m"}, *extra_links]})


def _by_code(results, code):
    return [f for f in results.findings if f.code == code]


def test_a_site_only_on_a_cloud_nobody_else_is_on_is_unreachable():
    r = analyse(_island(vpn={"technology": "dmvpn", "dmvpn_phase": 3}))  # calls go directly between sites
    [f] = _by_code(r, "DEP-UNREACHABLE")
    assert f.subjects == ("br",) and f.severity == "warning"
    assert "each cloud is a network of its own" in f.message
    assert "the sizing carries none of its calls to or from the sites it cannot reach" in f.message
    links = {ln.id: ln for ln in r.links}
    assert links["l-br"].erlangs == 0.0  # nothing routes over a cloud with one site on it
    # hq <-> br2 only: br2 sends 0.3 E × 100/110, hq sends 3.0 E × 10/20 to br2
    assert links["l-br2"].erlangs == pytest.approx(0.3 * 100 / 110 + 3.0 * 10 / 20)


def test_the_reachability_checks_agree_with_each_other_on_two_clouds():
    from advisor.routing_forest import rooted_forest
    from advisor.routing_graph import graph_of

    d = _island()
    dep = deployment.detect(d)
    remote = deployment._Census.of(d).remote
    assert deployment._cut(d, dep, remote) == ["br"]
    assert deployment._cut_on_clouds(d, dep, remote) == ["br"]
    assert rooted_forest(graph_of(d)) is not None  # hq-m-br2 and br-i: a forest
    assert deployment._cut_on_forest(d, dep, remote) == ["br"]
    # br2 on both clouds joins them: br reaches hq through br2
    joined = _island(({"id": "l-br3", "a": "br2", "b": "i"},))
    dep = deployment.detect(joined)
    remote = deployment._Census.of(joined).remote
    assert deployment._cut(joined, dep, remote) == []
    assert not _by_code(analyse(joined), "DEP-UNREACHABLE")


def test_no_vpn_is_never_the_pick_for_internet_links():
    r = analyse(_island())
    internet = next(t for t in r.recommendation.per_transport if t.transport == "internet")
    assert internet.technology != "none" and internet.chosen != "none"
    assert all(c.technology != "none" for c in internet.ranking)
    assert not _by_code(r, "VPN-INTERNET-CLEAR")
    [rec] = _by_code(r, "VPN-RECOMMENDATION")
    assert "no VPN" not in rec.message


def test_the_design_wide_advice_names_the_pick_every_transport_agrees_on():
    r = analyse(_island(({"id": "l-br3", "a": "br2", "b": "i"},)))
    picks = {t.technology for t in r.recommendation.per_transport}
    assert len(picks) == 1  # both transports rank the same technology first
    [rec] = _by_code(r, "VPN-RECOMMENDATION")
    assert "on every link" in rec.message and "as one technology everywhere" not in rec.message
    if r.recommendation.technology not in picks:  # the whole-WAN ranking differs: said why
        assert "ranks first only when the whole WAN is ranked as one" in rec.message


def _central_pstn(lonely_link: tuple = ()) -> Design:
    branch = {"survivability": "srst", "srst_platform": "2811", "pstn_gateway": False}
    return Design.model_validate({
        "schema_version": 1, "name": "central pstn",
        "sites": [{"id": "hq", "name": "HQ", "kind": "hq", "users": 100, "cucm_publisher": True,
                   "pstn_gateway": False},
                  *({"id": f"br{k}", "name": f"Branch {k}", "users": 20, **branch} for k in (1, 2, 3)),
                  {"id": "lonely", "users": 50, "pstn_gateway": True}],
        "clouds": [{"id": "c1", "kind": "mpls"}, {"id": "c2", "kind": "mpls"}],
        "links": [{"id": "l-hq", "a": "hq", "b": "c1"},
                  *({"id": f"l-br{k}", "a": f"br{k}", "b": "c1"} for k in (1, 2, 3)), *lonely_link],
        "traffic": {"central_pstn_site": "lonely"}})


def test_no_pstn_calls_are_hauled_to_a_central_site_without_a_wan_path():
    r = analyse(_central_pstn())
    link = {ln.id: ln for ln in r.links}["l-br1"]
    # br1's on-net calls both ways, nothing hauled: of its 0.6 E, the share towards the 50 users of 'lonely' (no
    # link) stays off the WAN: 0.6 × (190 − 50) / 190; hq sends 3.0 × 20/110, br2 and br3 each 0.6 × 20/190,
    # and nothing comes from 'lonely'
    assert link.erlangs == pytest.approx(0.6 * 140 / 190 + 3.0 * 20 / 110 + 2 * 0.6 * 20 / 190)
    lonely = {s.id: s for s in r.sites}["lonely"]
    assert lonely.pstn_erlangs == pytest.approx(50 * 2 * 180 / 3600 * 0.2)  # its own 1.0 E only
    [f] = [f for f in _by_code(r, "DEP-PSTN-FALLBACK") if "central PSTN site" in f.message]
    assert f.severity == "warning" and f.subjects == ("lonely", "hq", "br1", "br2", "br3")
    assert "'lonely' has no WAN link" in f.message and "the sizing hauls none of them there" in f.message


def test_a_central_pstn_site_on_another_cloud_is_named_too():
    r = analyse(_central_pstn(({"id": "l-lonely", "a": "lonely", "b": "c2"},)))
    [f] = [f for f in _by_code(r, "DEP-PSTN-FALLBACK") if "central PSTN site" in f.message]
    assert "is on a part of the WAN they do not reach" in f.message
    assert {ln.id: ln for ln in r.links}["l-lonely"].erlangs == 0.0  # alone on c2: nothing hauled over it
    # once the WAN reaches it, the calls are hauled and nothing is said
    d = _central_pstn(({"id": "l-lonely", "a": "lonely", "b": "c1"},))
    r = analyse(d)
    assert not [f for f in _by_code(r, "DEP-PSTN-FALLBACK") if "central PSTN site" in f.message]
    assert {s.id: s for s in r.sites}["lonely"].pstn_erlangs == pytest.approx(1.0 + 2.0 + 3 * 0.4)


def _unlinked_hub(vpn: dict, leased: bool) -> Design:
    links = ([{"id": "l1", "a": "hq", "b": "br1", "capacity_kbps": 2048}] if leased else
             [{"id": "l-hq", "a": "hq", "b": "c1", "capacity_kbps": 10000},
              {"id": "l-br1", "a": "br1", "b": "c1", "capacity_kbps": 2048}])
    return Design.model_validate({
        "schema_version": 1, "name": "hub",
        "sites": [{"id": "hq", "name": "HQ", "kind": "hq", "users": 100, "cucm_publisher": True},
                  {"id": "br1", "name": "Branch 1", "users": 20, "survivability": "srst"},
                  {"id": "br2", "name": "Branch 2", "users": 20, "survivability": "srst"}],
        "clouds": [] if leased else [{"id": "c1", "kind": "mpls"}], "links": links, "vpn": {"hub_site": "br2", **vpn}})


@pytest.mark.parametrize("vpn", [{"technology": "dmvpn", "dmvpn_phase": 1}, {"technology": "gre-ipsec"}])
@pytest.mark.parametrize("leased", [False, True])
def test_a_vpn_hub_with_no_wan_link_is_named_and_calls_go_directly(vpn, leased):
    r = analyse(_unlinked_hub(vpn, leased))
    [f] = _by_code(r, "VPN-HUB-UNLINKED")
    assert f.severity == "warning" and f.subjects == ("br2",)
    assert "'Branch 2' has no WAN link" in f.message and "directly between the sites" in f.message
    assert not _by_code(r, "VPN-HAIRPIN")
    # br1's link carries its own WAN Erlangs with the sites the WAN reaches: br2 has no link, so of br1's 0.6 E
    # only 0.6 × (120 − 20) / 120 crosses; hq sends it 3.0 × 20/40; nothing comes from br2
    br1 = next(ln for ln in r.links if "br1" in (ln.a, ln.b))
    assert br1.erlangs == pytest.approx(0.6 * 100 / 120 + 3.0 * 20 / 40)
    assert br1.hairpin_erlangs == 0.0


def test_a_linked_hub_is_not_flagged():
    d = _unlinked_hub({"technology": "dmvpn", "dmvpn_phase": 1}, False)
    d = Design.model_validate({**d.model_dump(), "links": [*d.model_dump()["links"],
                                                           {"id": "l-br2", "a": "br2", "b": "c1"}]})
    assert not _by_code(analyse(d), "VPN-HUB-UNLINKED")


@pytest.mark.parametrize("seed", range(6))
def test_parts_of_a_large_wan_match_a_plain_union_find(seed):
    """The array form (2,000 nodes and more) against a union-find written here."""
    import numpy  # noqa: F401  (the array form runs once numpy is loaded)

    rnd = random.Random(seed)
    n = 2100
    sites = [{"id": f"s{i}", "users": 1} for i in range(n)]
    links, seen = [], set()
    for k in range(rnd.randint(n // 2, n + 200)):
        a, b = rnd.sample(range(n), 2)
        if (min(a, b), max(a, b)) not in seen:
            seen.add((min(a, b), max(a, b)))
            links.append({"id": f"l{k}", "a": f"s{a}", "b": f"s{b}"})
    d = Design.model_validate({"name": "t", "sites": sites, "links": links})
    up = list(range(n))

    def root(x):
        while up[x] != x:
            x = up[x]
        return x

    for ln in links:
        ra, rb = root(int(ln["a"][1:])), root(int(ln["b"][1:]))
        if ra != rb:
            up[max(ra, rb)] = min(ra, rb)
    assert demand_hub.parts(d) == [root(x) for x in range(n)]


def test_an_internet_link_no_call_or_signalling_crosses_is_not_flagged_as_clear():
    # one site on the Internet: its phones register locally and its calls stay in the building, so nothing of the
    # voice system crosses the link, and 'no VPN' (recommended: no site-to-site traffic) is not an error there
    from advisor.analysis import analyse
    from advisor.model import Design

    one = Design.model_validate({"name": "one", "sites": [{"id": "hq", "kind": "hq", "users": 100,
                                                           "cucm_publisher": True}],
                                 "clouds": [{"id": "i", "kind": "internet"}], "links": [{"id": "l", "a": "hq", "b": "i"}]})
    results = analyse(one)
    assert results.recommendation.chosen == "none"
    assert [r.calls for r in results.links] == [0]
    assert "VPN-INTERNET-CLEAR" not in {f.code for f in results.findings}
    # a second site on the Internet: calls cross, and a clear Internet link is an error again
    two = Design.model_validate({**one.model_dump(), "sites": [*one.model_dump()["sites"], {"id": "b", "users": 10}],
                                 "links": [{"id": "l", "a": "hq", "b": "i"}, {"id": "lb", "a": "b", "b": "i"}],
                                 "vpn": {"technology": "none"}})
    assert "VPN-INTERNET-CLEAR" in {f.code for f in analyse(two).findings}
