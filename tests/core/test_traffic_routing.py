"""Routing of inter-site calls over drawn topologies: leased-line meshes, stars, mixed designs and RTT paths."""

from __future__ import annotations

import pytest

from advisor import routing, traffic
from advisor.model import Design


def _design(sites, links, clouds=(), **extra) -> Design:
    return Design.model_validate({
        "voice": {"codec": "g729"},
        "sites": [{"id": i, "kind": "hq" if n == 0 else "branch", "users": u, "cucm_publisher": n == 0}
                  for n, (i, u) in enumerate(sites)],
        "clouds": [{"id": c} for c in clouds],
        "links": [{"id": k, "a": a, "b": b, "rtt_ms": rtt} for k, a, b, rtt in links], **extra})


# Triangle of leased lines: A-B 10 ms, B-C 10 ms, A-C 50 ms, 100 users each (10 E, 3 E on-net each).
# Lowest-RTT path A-C is A-B-C (20 ms < 50 ms). Gravity: A -> B = 3·100/200 = 1.5 E, A -> C 1.5 E, ... so each
# pair exchanges 3 E. A-B carries A<->B 3 + A<->C 3 = 6 E; B-C carries 6 E likewise; A-C carries nothing.
def test_triangle_mesh_uses_lowest_rtt_paths():
    d = _design([("A", 100), ("B", 100), ("C", 100)],
                [("ab", "A", "B", 10), ("bc", "B", "C", 10), ("ac", "A", "C", 50)])
    s = traffic.size(d, "none")
    assert (s.topology, s.routing) == ("mesh", "shortest paths")
    erl = {r.id: r.erlangs for r in s.links}
    assert erl == pytest.approx({"ab": 6.0, "bc": 6.0, "ac": 0.0})
    assert {r.id: r.calls for r in s.links} == {"ab": 13, "bc": 13, "ac": 0}  # 13 trunks carry 6.61 E at 1 %
    # Signalling: B and C (100 phones × 95 bps = 9.5 kbps each) reach the publisher A; C's goes via B.
    sig = {r.id: r.signalling_kbps for r in s.links}
    assert sig == pytest.approx({"ab": 19.0, "bc": 9.5, "ac": 0.0})
    assert traffic.path_rtt_ms(d, "A", "C") == pytest.approx(20.0)
    assert traffic.path_rtt_ms(d, "A", "A") == 0.0


def test_star_closed_form_matches_shortest_paths():
    d = _design([("H", 200), ("s1", 10), ("s2", 40), ("s3", 0)],
                [("l1", "H", "s1", 5), ("l2", "s2", "H", 5), ("l3", "H", "s3", 5)])
    s = traffic.size(d, "none")
    assert (s.topology, s.routing) == ("hub-and-spoke", "closed form (star)")
    sites = {r.id: r for r in s.sites}
    assert [r.erlangs for r in s.links] == pytest.approx([sites[i].wan_erlangs for i in ("s1", "s2", "s3")])
    paths = routing._shortest_paths(d, _demand_of(d))
    assert paths.erlangs == pytest.approx([r.erlangs for r in s.links])
    assert paths.signalling_kbps == pytest.approx([r.signalling_kbps for r in s.links])


def _demand_of(d: Design) -> routing.Demand:
    # The same demand size() builds, for calling the path-based router directly.
    loads = traffic._site_loads(d, [])
    return routing.Demand([float(s.users) for s in d.sites], [ld.on_net for ld in loads], [],
                          [(i, 0, ld.phones_kbps) for i, ld in enumerate(loads) if i > 0], None)


def test_mixed_topology_routes_through_clouds_and_lines():
    # A and B on an MPLS cloud (RTT 10 each), C hangs off B by a leased line: A <-> C goes A-cloud-B-C.
    d = _design([("A", 100), ("B", 100), ("C", 100)],
                [("a", "A", "wan", 10), ("b", "B", "wan", 10), ("bc", "B", "C", 10)], clouds=["wan"])
    s = traffic.size(d, "none")
    assert (s.topology, s.routing) == ("mixed", "shortest paths")
    erl = {r.id: r.erlangs for r in s.links}
    # A's link: A<->B 3 + A<->C 3 = 6; B's link: A<->B + A<->C = 6; B-C: B<->C 3 + A<->C 3 = 6.
    assert erl == pytest.approx({"a": 6.0, "b": 6.0, "bc": 6.0})
    assert traffic.path_rtt_ms(d, "A", "C") == pytest.approx(30.0)


def test_hub_overlay_on_a_mesh_relays_through_the_hub():
    # Line A - B - C with DMVPN phase 1, hub A: B <-> C calls go B-A-C, crossing A-B twice.
    d = _design([("A", 100), ("B", 100), ("C", 100)],
                [("ab", "A", "B", 10), ("bc", "B", "C", 10), ("ac", "A", "C", 10)],
                vpn={"technology": "dmvpn", "dmvpn_phase": 1})
    phase3 = Design.model_validate({**d.model_dump(), "vpn": {"technology": "dmvpn", "dmvpn_phase": 3}})
    direct = {r.id: r.erlangs for r in traffic.size(phase3, "dmvpn").links}
    hub = traffic.size(d, "dmvpn")
    erl = {r.id: r.erlangs for r in hub.links}
    assert hub.hub == "A" and hub.hairpin_erlangs == pytest.approx(3.0)  # B<->C: 1.5 + 1.5
    # Direct: each link carries its own pair's 3 E. Via the hub: B<->C rides A-B and A-C as well.
    assert direct == pytest.approx({"ab": 3.0, "bc": 3.0, "ac": 3.0})
    assert erl == pytest.approx({"ab": 6.0, "bc": 0.0, "ac": 6.0})


def test_parallel_links_each_carry_the_pair():
    d = _design([("A", 100), ("B", 100), ("C", 50)],
                [("ab1", "A", "B", 10), ("ab2", "A", "B", 30), ("bc", "B", "C", 10)])
    erl = {r.id: r.erlangs for r in traffic.size(d, "none").links}
    assert erl["ab1"] == erl["ab2"] > 0


def test_unreachable_site_has_no_path():
    d = _design([("A", 10), ("B", 10), ("C", 10)], [("ab", "A", "B", 10)])
    assert traffic.path_rtt_ms(d, "A", "C") is None
    assert traffic.rtts_from(d, "A") == pytest.approx({"A": 0.0, "B": 10.0})
    with pytest.raises(ValueError, match="unknown site"):
        traffic.path_rtt_ms(d, "A", "nowhere")


def test_disjoint_clouds_fall_back_to_paths():
    # Two clouds with no site on both: a site on each cloud is reached through the HQ on both (not a common cloud).
    d = _design([("H", 100), ("x", 50), ("y", 50)],
                [("h1", "H", "c1", 5), ("h2", "H", "c2", 5), ("xl", "x", "c1", 5), ("yl", "y", "c2", 5)],
                clouds=["c1", "c2"])
    s = traffic.size(d, "none")
    assert (s.topology, s.routing) == ("cloud", "shortest paths")
    erl = {r.id: r.erlangs for r in s.links}
    # x <-> y (0.75 + 0.75 = 1.5 E) transits H's two access links; x <-> H and y <-> H use one each.
    sites = {r.id: r for r in s.sites}
    assert erl["xl"] == pytest.approx(sites["x"].wan_erlangs)
    assert erl["h1"] == pytest.approx(sites["x"].wan_erlangs)  # all of x's calls cross h1 (to H or on to y)


def test_ring_with_chords_routes_by_blocks_like_one_tree_per_source(monkeypatch):
    # A chain with a chord every 7 sites (the benchmark's mesh): blocks of four sites joined by bridges.
    n = 30
    sites = [(f"s{i}", 10 * (i % 4)) for i in range(n)]
    links = [(f"r{i}", f"s{i - 1}", f"s{i}", 20) for i in range(1, n)]
    links += [(f"c{i}", f"s{i}", f"s{i + 3}", 20) for i in range(0, n - 3, 7)]
    d = _design(sites, links)
    fast = traffic.size(d, "none")
    monkeypatch.setattr(routing, "block_loads", lambda *args: None)
    slow = traffic.size(d, "none")
    assert fast.routing == slow.routing == "shortest paths"
    assert [r.erlangs for r in fast.links] == pytest.approx([r.erlangs for r in slow.links], rel=1e-12)
    assert [r.signalling_kbps for r in fast.links] == pytest.approx([r.signalling_kbps for r in slow.links],
                                                                      rel=1e-12)
    assert [r.calls for r in fast.links] == [r.calls for r in slow.links]


def test_many_parallel_links_collapse_into_one_edge_each_with_every_link_number():
    # Three pairs of sites joined by 2,000, 1 and 1,500 parallel leased lines (interleaved): one edge per pair,
    # listing its links in design order, with the lowest RTT of them. Growing that list one tuple at a time took
    # 4 s for 50,000 links between two sites.
    from advisor.routing_graph import Graph

    sites = [{"id": s, "users": 5} for s in ("a", "b", "c", "d")]
    pairs = [("a", "b")] * 2000 + [("b", "c")] + [("c", "d")] * 1500
    pairs = pairs[::2] + pairs[1::2]
    links = [{"id": f"l{k}", "a": a, "b": b, "rtt_ms": 5.0 + k % 7} for k, (a, b) in enumerate(pairs)]
    graph = Graph.of(Design.model_validate({"name": "p", "sites": sites, "links": links}))
    assert graph.n_edges == 3
    by_pair = {(u, v): (rtt, numbers) for u, v, rtt, numbers in graph.edges}
    for (a, b), (u, v) in ((("a", "b"), (0, 1)), (("b", "c"), (1, 2)), (("c", "d"), (2, 3))):
        mine = tuple(k for k, pair in enumerate(pairs) if pair == (a, b))
        assert by_pair[(u, v)] == (min(5.0 + k % 7 for k in mine), mine)
