"""Where the lowest-RTT paths run through a site with several access links, in over one and out over another (from
one cloud to another, where that is shorter than a cloud both ends are on), the Assumptions say so, with the traffic:
the figures on that site's links count on it routing between its WAN connections."""

from __future__ import annotations

import pytest

from advisor import analysis
from advisor.model import Design


def _design(leased: bool, a_internet: float = 100, b_mpls: float = 100, users=(50, 50, 50)) -> Design:
    # A on MPLS by 5 ms and on the Internet by 100, B the other way round, C on both by 5 ms: A–MPLS–C–Internet–B
    # takes 20 ms, against 105 over either cloud. A leased line A–B of 5,000 ms routes the design over paths.
    sites = [{"id": s, "name": s, "users": u, "kind": "hq" if s == "A" else "branch", "cucm_publisher": s == "A"}
             for s, u in zip("ABC", users, strict=True)]
    rtt = {("A", "m"): 5, ("A", "i"): a_internet, ("B", "m"): b_mpls, ("B", "i"): 5, ("C", "m"): 5, ("C", "i"): 5}
    links = [{"id": f"{s}-{c}", "a": s, "b": c, "rtt_ms": ms} for (s, c), ms in rtt.items()]
    if leased:
        links.append({"id": "A-B", "a": "A", "b": "B", "rtt_ms": 5000})
    return Design.model_validate({"sites": sites, "links": links, "vpn": {"technology": "none"},
                                  "clouds": [{"id": "m", "kind": "mpls"}, {"id": "i", "kind": "internet"}]})


def test_a_site_the_paths_cross_from_one_cloud_to_another_is_named_with_its_traffic():
    design = _design(leased=True)
    results = analysis.analyse(design)
    t = design.traffic
    # By hand: each site places 50 users × calls_per_user × holding_time_s / 3600 Erlangs, the on-net share of it
    # spread over the two other sites alike (gravity: equal users); A's half to B and B's half to A take the
    # 20-ms path through C: C relays one site's whole on-net traffic
    on_net = 50 * t.calls_per_user * t.holding_time_s / 3600 * t.on_net_share
    assert on_net == pytest.approx(1.5)  # the defaults: 2 calls an hour of 180 s each, 30 % of them on-net
    routing = results.conventions["routing"]
    assert "cross one site, in over one of its links and out over another: 'C' 1.500 E" in routing
    links = {r.id: r for r in results.links}
    assert links["A-B"].erlangs == 0.0  # 5,000 ms: no path uses it
    # C's access links: its own calls to A over MPLS (and to B over the Internet), 1.5 E each way, plus the relayed
    assert links["C-m"].erlangs == pytest.approx(0.75 + 0.75 + on_net, rel=1e-12)


def test_the_closed_form_and_a_design_without_relays_say_nothing_of_it():
    assert "lowest-RTT paths" not in analysis.analyse(_design(leased=False)).conventions["routing"]
    plain = _design(leased=True, a_internet=5, b_mpls=5)  # every site on both by 5 ms: 10 ms over either cloud
    assert "lowest-RTT paths" not in analysis.analyse(plain).conventions["routing"]


def _with_d(design: Design) -> Design:
    """`design` with D, a site of no users, on a leased line behind C: the WAN then routed over paths."""
    data = design.model_dump()
    data["sites"] = [*data["sites"], {"id": "D", "name": "D", "users": 0, "kind": "branch"}]
    data["links"] = [*data["links"], {"id": "C-D", "a": "C", "b": "D", "rtt_ms": 5000}]
    return Design.model_validate(data)


def test_a_site_behind_the_relaying_one_leaves_the_figures_as_they_were():
    # D behind C: C's access links were sized for what they carry together (3 E each by the paths: C's own 1.5 E
    # each way plus the 1.5 E relayed between A and B), 6 E, though C and D place and take only C's 3 E; without D
    # the cloud's closed form gives each link of C its 3 E
    alone = {r.id: r for r in analysis.analyse(_design(leased=False)).links}
    behind = {r.id: r for r in analysis.analyse(_with_d(_design(leased=False))).links}
    for link, r in alone.items():
        assert behind[link].erlangs == pytest.approx(r.erlangs, rel=1e-12), link
        assert behind[link].calls == r.calls, link
    # by hand: C sends 1.5 E (0.75 to A, 0.75 to B) and receives as much: 3 E on each of its access links
    assert behind["C-m"].erlangs == pytest.approx(3.0, rel=1e-12) and behind["C-D"].erlangs == 0.0


def test_the_explained_signalling_of_a_relaying_site_names_the_paths_that_cross_it():
    # B's phones register with call processing at A over the 20-ms path through C: 50 phones × 95 bps (SCCP,
    # (53 + 21 × 2 calls an hour)) cross C's MPLS link beside C's own; no hub relays it (no VPN overlay)
    from advisor.explain import Context, explain_link

    [kbps] = explain_link(Context.of(_design(leased=True)), "C-m", "kbps")
    text = "\n".join(kbps.lines)
    assert "+ 4.75 kbps signalling of other sites whose lowest-RTT paths to call processing cross this site" in text
    assert "the hub relays" not in text


def test_a_relaying_site_with_a_site_behind_it_is_named_with_the_least_it_relays():
    # A and B with 200 users each, C with 5 and D behind it: A places 200 × 2 calls × 180 s / 3600 × 30 % on-net =
    # 6 E, of which 200 / (405 − 200) go to B; as much comes back: 2 × 6 × 200 / 205 E cross C from MPLS to the
    # Internet and back, which the paths put on C's links beside C's own 0.44 E
    results = analysis.analyse(_with_d(_design(leased=False, users=(200, 200, 5))))
    relayed = 2 * 6.0 * 200 / 205
    assert relayed == pytest.approx(11.707, abs=5e-4)
    assert "'C' at least 11.707 E" in results.conventions["routing"]  # (what D adds could be among it: at least)
    links = {r.id: r for r in results.links}
    assert links["C-m"].erlangs > relayed
