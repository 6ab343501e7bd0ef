"""The phone bound on links that split the WAN, beyond a site's only link (advisor.demand_bounds).

The WAN: a triangle HQ – A – B – HQ of leased lines, and a tail B – C – D. The link B – C is no site's only link (B
has three links, C two), but removing it splits the WAN into {HQ, A, B} and {C, D}."""

from __future__ import annotations

from advisor import erlang
from advisor.analysis import analyse
from advisor.demand_bounds import subtree_sums
from advisor.explain import Context, explain_link
from advisor.model import Design
from advisor.routing_cuts import cut_sides

USERS = {"hq": 1000, "a": 10, "b": 10, "c": 5, "d": 5}
LINES = [("hq", "a"), ("a", "b"), ("b", "hq"), ("b", "c"), ("c", "d")]


def _design(**traffic) -> Design:
    sites = [{"id": i, "users": n, **({"kind": "hq", "cucm_publisher": True} if i == "hq" else {})}
             for i, n in USERS.items()]
    links = [{"id": f"{a}-{b}", "a": a, "b": b, "capacity_kbps": 100000} for a, b in LINES]
    return Design.model_validate({"name": "tail", "sites": sites, "links": links,
                                  **({"traffic": traffic} if traffic else {})})


def _links(design: Design) -> dict:
    return {r.id: r for r in analyse(design).links}


def test_a_link_that_splits_the_wan_carries_at_most_the_phones_beyond_it():
    links = _links(_design())
    # The HQ alone offers C and D 1,000 × 0.1 E × 30 % on-net × (10 of the 30 users beyond the HQ) = 10 E: Erlang B
    # at P.01 asks at least 18 calls of B – C, for the 5 + 5 = 10 phones of C and D
    assert links["b-c"].erlangs >= 10.0 - 1e-9
    assert erlang.trunks(links["b-c"].erlangs, 0.01) >= erlang.trunks(10.0, 0.01) == 18
    assert links["b-c"].calls == 10
    assert links["c-d"].calls == 5  # D's only link: its 5 phones
    # the triangle's links are no cuts: Erlang B's figure stands
    for k in ("hq-a", "a-b", "b-hq"):
        assert links[k].calls == erlang.trunks(links[k].erlangs, 0.01) > 0


def test_pstn_calls_hauled_beyond_a_cut_lift_the_bound_of_the_gateway_side():
    # Every site hauls its PSTN calls to C: on B – C those calls end at C's gateway, not at a phone, so only the
    # far side, {HQ, A, B} with 1,020 phones, bounds it, and Erlang B's figure stands
    links = _links(_design(central_pstn_site="c"))
    assert links["b-c"].calls == erlang.trunks(links["b-c"].erlangs, 0.01) > 10
    # C – D: D's PSTN calls end at C's gateway too, but D's side has a phone at each call's end: D's 5 phones
    assert links["c-d"].calls == 5


def test_pstn_calls_hauled_to_the_hq_keep_the_bound_of_the_far_side():
    # C and D haul theirs to the HQ: every call on B – C still has a phone at C or D
    links = _links(_design(central_pstn_site="hq"))
    assert links["b-c"].calls == 10


def test_the_depth_first_search_finds_the_cuts_and_their_sides():
    # nodes 0..4 = hq, a, b, c, d; edges as LINES; a node's incident edges in edge order
    ends = [(0, 1), (1, 2), (0, 2), (2, 3), (3, 4)]
    incident: list[list[tuple[int, int]]] = [[] for _ in range(5)]
    for e, (u, v) in enumerate(ends):
        incident[u].append((e, v))
        incident[v].append((e, u))
    start, numbers, other = [0], [], []
    for row in incident:
        numbers += [e for e, _ in row]
        other += [v for _, v in row]
        start.append(len(numbers))
    below, parent, order = cut_sides(start, numbers, other, 5)
    assert [e for e in range(5) if below[e] >= 0] == [3, 4]  # B – C and C – D
    assert below[3] == 3 and below[4] == 4  # below B – C: C (and D under it); below C – D: D
    assert parent[4] == 3 and parent[3] == 2 and parent[0] == -1
    assert sorted(order) == list(range(5)) and all(order.index(parent[v]) < order.index(v) for v in order[1:])
    sub = subtree_sums(order, parent, [1000, 10, 10, 5, 5])
    assert sub[3] == 10 and sub[4] == 5 and sub[0] == 1030  # C and D: 10 phones; the root's subtree: all


def _chain(**more) -> Design:
    """HQ (1,000 users) – A – B – C (10 users each), leased lines: every link a cut."""
    users = {"hq": 1000, "a": 10, "b": 10, "c": 10}
    sites = [{"id": i, "users": n, **({"kind": "hq", "cucm_publisher": True} if i == "hq" else {})}
             for i, n in users.items()]
    order = list(users)
    links = [{"id": f"{x}-{y}", "a": x, "b": y, "capacity_kbps": 100000} for x, y in zip(order[:-1], order[1:], strict=True)]
    return Design.model_validate({"name": "chain", "sites": sites, "links": links, **more})


def test_every_link_of_a_chain_is_bounded_by_its_smaller_side():
    links = _links(_chain())
    # A – B: the HQ alone offers B and C 1,000 × 0.1 × 30 % × 20/30 = 20 E; Erlang B at P.01 asks 30 calls for 20 phones
    assert links["a-b"].erlangs >= 20.0 - 1e-9 and erlang.trunks(20.0, 0.01) == 30
    assert links["a-b"].calls == 20
    # HQ – A: 30 E towards A, B and C: at least 42 calls by Erlang B, for their 30 phones
    assert links["hq-a"].calls == 30
    assert links["b-c"].calls == 10  # C's only link


def test_a_hub_relaying_across_a_cut_leaves_only_the_far_side_to_bound_it():
    # Spokes S1 and S2 reach the HQ hub over the Internet with DMVPN phase 1 (every spoke-to-spoke call through the
    # hub); S3 hangs off S2 by a leased line. S2's Internet link is no site's only link, but a cut: {S2, S3} beyond
    # it. The hub's side is open (calls relayed there end at the hub), so S2 and S3's 20 phones bound it.
    sites = [{"id": "hq", "kind": "hq", "users": 1000, "cucm_publisher": True},
             {"id": "s1", "users": 10}, {"id": "s2", "users": 10}, {"id": "s3", "users": 10}]
    links = [{"id": "l-hq", "a": "hq", "b": "net", "capacity_kbps": 100000},
             {"id": "l-s1", "a": "s1", "b": "net", "capacity_kbps": 100000},
             {"id": "l-s2", "a": "s2", "b": "net", "capacity_kbps": 100000},
             {"id": "s2-s3", "a": "s2", "b": "s3", "capacity_kbps": 100000}]
    design = Design.model_validate({"name": "hub", "sites": sites, "links": links,
                                    "clouds": [{"id": "net", "kind": "internet"}],
                                    "vpn": {"technology": "dmvpn", "dmvpn_phase": 1, "hub_site": "hq"}})
    got = _links(design)
    # the HQ's on-net calls alone offer S2 and S3 30 E × 20/30 = 20 E: Erlang B asks 30 calls
    assert got["l-s2"].erlangs >= 20.0 - 1e-9
    assert got["l-s2"].calls == 20
    # the hub's own link: the hub relays S1 ↔ S2/S3 calls, so its side does not bound; the far side has 30 phones
    # (the HQ is a site with one link): the spokes hold 30 phones, one call leg each: 30, below Erlang B's 42+
    assert got["l-hq"].erlangs >= 30.0 - 1e-9 and got["l-hq"].calls == 30


def test_a_relaying_hub_carries_twice_the_calls_the_spokes_can_make_to_each_other():
    # DMVPN phase 1, a hub with no phones, spokes of 1,000 users and 1 user: every call between the spokes needs
    # B's one phone, so at most 1 is relayed at a time, crossing the hub's link twice: 2 calls there (Erlang B on
    # the 60 E relayed both ways would ask for 75), and 1 on each spoke's link
    sites = [{"id": "hq", "kind": "hq", "users": 0, "cucm_publisher": True},
             {"id": "a", "users": 1000}, {"id": "b", "users": 1}]
    links = [{"id": f"l-{s}", "a": s, "b": "net", "capacity_kbps": 100000} for s in ("hq", "a", "b")]
    design = Design.model_validate({"name": "relay", "sites": sites, "links": links,
                                    "clouds": [{"id": "net", "kind": "internet"}],
                                    "vpn": {"technology": "dmvpn", "dmvpn_phase": 1, "hub_site": "hq"}})
    got = _links(design)
    assert got["l-hq"].erlangs >= 60.0 - 1e-6 and erlang.trunks(got["l-hq"].erlangs, 0.01) > 2
    assert got["l-hq"].calls == 2
    assert got["l-a"].calls == 1 and got["l-b"].calls == 1
    assert not [f for f in analyse(design).findings if f.code == "BW-LINK-OVERLOAD"]
    # the explanation gives this reason, not "the phones on its smaller side" (the hub has none)
    [calls] = explain_link(Context.of(design, analyse(design)), "l-hq", "calls")
    assert "at most 2 at once: the calls of the hub's own phones, and twice the calls its spokes can make" \
        in calls.lines[-1] and "smaller side" not in calls.lines[-1]
    [spoke] = explain_link(Context.of(design, analyse(design)), "l-b", "calls")
    assert "smaller side" in spoke.lines[-1]
    # on a link too small for it, the overload finding says so too
    small = design.model_copy(update={"links": (design.links[0].model_copy(update={"capacity_kbps": 64}),
                                                *design.links[1:])})
    [over] = [f for f in analyse(small).findings if f.code == "BW-LINK-OVERLOAD" and f.subjects == ("l-hq",)]
    assert "need 75 concurrent calls by Erlang B, at most 2 at once (the calls of the hub's own phones" in \
        over.rationale
    # two spokes of 10: up to 10 calls between them at once, 20 legs on the hub's link, plus its own 5 phones' calls
    design = design.model_copy(update={"sites": tuple(s.model_copy(update={"users": n})
                                                      for s, n in zip(design.sites, (5, 10, 10), strict=True))})
    assert _links(design)["l-hq"].calls == min(erlang.trunks(_links(design)["l-hq"].erlangs, 0.01), 5 + 2 * 10)


def test_on_random_wans_a_lowered_link_is_a_cut_and_keeps_its_smaller_sides_phones(random_graph):
    """Random leased-line WANs (trees with a few chords and parallel links), random users, sometimes a central PSTN
    site, sometimes a DMVPN hub: a link carries fewer calls than Erlang B asks only where removing it splits the
    WAN (worked out here by a search without it and its parallel twins), and never fewer than the phones on its
    smaller side (an open side only loosens the bound; a relaying hub's link keeps at least its own phones)."""
    import random

    from tests.core.test_phone_bound import _cut_sides

    lowered = 0
    for seed in range(24):
        rnd = random.Random(seed)
        n = rnd.randrange(3, 14)
        _adj, ends = random_graph(rnd, n, rnd.randrange(0, 3), rnd.randrange(0, 2))
        sites = [{"id": f"s{i}", "users": rnd.choice([0, 1, 3, 10, 400, 2000]),
                  **({"kind": "hq", "cucm_publisher": True} if i == 0 else {})} for i in range(n)]
        links = [{"id": f"l{k}", "a": f"s{a}", "b": f"s{b}", "capacity_kbps": 100000} for k, (a, b) in enumerate(ends)]
        data = {"name": "random", "sites": sites, "links": links}
        if seed % 3 == 1:
            data["traffic"] = {"central_pstn_site": f"s{rnd.randrange(n)}"}
        if seed % 4 == 2:
            data["vpn"] = {"technology": "dmvpn", "dmvpn_phase": 1, "hub_site": f"s{rnd.randrange(n)}"}
        design = Design.model_validate(data)
        users = {s.id: s.users for s in design.sites}
        for k, r in enumerate(analyse(design).links):
            full = erlang.trunks(r.erlangs, design.traffic.gos) if r.erlangs > 1e-9 else 0
            assert r.calls <= full, (seed, r.id)
            if r.calls == full:
                continue
            # parallel links between the same two sites count as one: every call between the sides crosses one
            pair = {design.links[k].a, design.links[k].b}
            single = design.model_copy(update={"links": tuple(
                ln for j, ln in enumerate(design.links) if j == k or {ln.a, ln.b} != pair)})
            sides = _cut_sides(single, [ln.id for ln in single.links].index(r.id))
            assert sides is not None, (seed, r.id)
            assert r.calls >= min(sum(users[s] for s in side) for side in sides), (seed, r.id)
            lowered += 1
    assert lowered  # large sites beside small ones make many such links
