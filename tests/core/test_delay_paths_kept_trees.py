"""The delay check's shared work gives what working everything out afresh gives: trees kept by a `Paths` against the
search run again, a forest path read off the partner's tree against the path searched from the caller, the
farthest-partner sweep against its link-by-link form (ties included), the WAN facts of a design without clouds, and
a worst path's hops built from the weights' parts against constructed ones."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from advisor import traffic
from advisor.model import Design
from advisor.routing import lowest_tree
from advisor.rules import _wan, delay
from advisor.rules._wan import TREES_KEPT, Paths, WanFacts
from advisor.rules.delay import Hop
from advisor.rules.delay_paths import EXACT_PAIRS_MAX_SITES, DelayPaths, calling_sites, underlay
from advisor.rules.delay_underlay import SWEEP_TREES

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402


def _drawing(seed: int, forest: bool) -> Design:
    """Sites joined at random with few distinct round-trip times (equal paths, equal distances): a forest, some
    sites left apart, or the same with extra links closing cycles."""
    rnd = random.Random(seed)
    n = rnd.randint(3, 40)
    links = [{"id": f"l{i}", "a": f"s{rnd.randrange(i)}", "b": f"s{i}", "rtt_ms": rnd.choice([0, 10, 10, 20])}
             for i in range(1, n) if rnd.random() < 0.9]
    if not forest:
        links += [{"id": f"x{j}", "a": f"s{rnd.randrange(n)}", "b": f"s{j}", "rtt_ms": rnd.choice([0, 10, 20])}
                  for j in range(n) if rnd.random() < 0.15]
        links = [ln for ln in links if ln["a"] != ln["b"]]
    return Design.model_validate({"name": "t", "sites": [{"id": f"s{i}", "users": 10} for i in range(n)],
                                  "links": links})


def _searched(paths: Paths, source: str):
    """`lowest_tree` run afresh on a new `Paths` of the same drawing and weights."""
    fresh = Paths(paths.design)
    fresh.rtt = paths.rtt
    return fresh, lowest_tree(fresh.adj, fresh.rtt, fresh.index[source])


@pytest.mark.parametrize("forest", [True, False])
@pytest.mark.parametrize("seed", range(25))
def test_kept_trees_equal_the_search(seed, forest):
    design = _drawing(seed, forest)
    paths = Paths(design)
    assert paths.is_forest() == forest or not forest
    rnd = random.Random(seed)
    sources = [rnd.choice(paths.ids) for _ in range(3 * TREES_KEPT + 3)]  # repeats, and more than are kept
    for source in sources:
        fresh, (order, exact, parent, _best) = _searched(paths, source)
        got_exact, reached = paths.distances(source)
        assert {v for v, r in enumerate(reached) if r} == set(order)
        assert [got_exact[v] for v in order] == [exact[v] for v in order]
        assert list(paths.rtts_from(source).items()) == [(paths.ids[v], exact[v]) for v in order]
        assert paths.numbered_paths(source, paths.ids) == {
            paths.ids[v]: (exact[v], fresh._walk(parent, v)[::-1]) for v in order}
        assert len(paths._trees) <= TREES_KEPT


@pytest.mark.parametrize("seed", range(25))
def test_a_forest_path_read_from_the_partners_tree(seed):
    design = _drawing(seed, True)
    rnd = random.Random(seed)
    for _ in range(10):
        a, b = rnd.choice(design.sites).id, rnd.choice(design.sites).id
        paths = DelayPaths(design, {})
        paths.distances(b)  # b's tree is kept, a's is not: the path is read from b's
        assert paths.index[b] in paths._trees and (a == b or paths.index[a] not in paths._trees)
        fresh, (order, _exact, parent, _best) = _searched(paths, a)
        start, end = fresh.index[a], fresh.index[b]
        want = fresh._walk(parent, end)[::-1] if end in order else None
        got = paths.route_numbers(a, b, None)
        assert (got[1] if got is not None else None) == want
        if got is not None:  # the nodes along it, from a to b
            assert got[0][0] == a and got[0][-1] == b and len(got[0]) == len(want) + 1
        assert DelayPaths(design, {}).route_numbers(a, b, None) == got  # no tree kept: searched from a
        assert start == end or (got is None) == (end not in order)


def _underlay_link_by_link(paths: Paths, terminals: list[str]) -> dict:
    """The sweep written out: per component of terminals, exact pairs on small meshes; on large meshes the sweep
    estimate (`SWEEP_TREES` trees from far-apart terminals, each terminal's farthest of them); on trees the
    farthest terminal from the first, the farthest from that one, and each terminal's larger (distance, partner)
    of the two."""
    worst: dict = {}
    index = paths.index
    remaining = set(terminals)
    for t0 in terminals:
        if t0 not in remaining:
            continue
        d0, reached = paths.distances(t0)
        comp = [(t, index[t]) for t in terminals if reached[index[t]]]
        remaining.difference_update(t for t, _n in comp)
        if len(comp) < 2:
            continue
        if not paths.is_forest() and len(comp) <= EXACT_PAIRS_MAX_SITES:
            for t, _n in comp:
                dt, _r = paths.distances(t)
                worst[t] = max((dt[m], o) for o, m in comp if o != t)
            continue
        if not paths.is_forest():  # the sweep estimate: from the smallest id, then each time the terminal not yet
            # searched whose distances from the searched ones add up to the most (a tie to the larger id)
            s = min(t for t, _n in comp)
            sources, dist = [s], {s: paths.distances(s)[0]}
            while len(sources) < min(SWEEP_TREES, len(comp)):
                s = max((sum(dist[o][n] for o in sources), t) for t, n in comp if t not in sources)[1]
                sources.append(s)
                dist[s] = paths.distances(s)[0]
            for t, n in comp:
                worst[t] = max((dist[o][n], o) for o in sources if o != t)
            continue
        a = max(comp, key=lambda x: d0[x[1]])[0]
        da, _r = paths.distances(a)
        b = max(comp, key=lambda x: da[x[1]])[0]
        db, _r = paths.distances(b)
        for t, n in comp:
            worst[t] = max((da[n], a), (db[n], b)) if t not in (a, b) else ((db[n], b) if t == a else (da[n], a))
    return worst


@pytest.mark.parametrize("forest", [True, False])
@pytest.mark.parametrize("seed", range(40))
def test_sweep_equals_the_link_by_link_form(seed, forest):
    design = _drawing(seed, forest)
    terminals = [s.id for s in design.sites]
    random.Random(seed).shuffle(terminals)  # components and ties met in any order
    got: dict = {}
    underlay(DelayPaths(design, {}), terminals, got)
    want = _underlay_link_by_link(DelayPaths(design, {}), terminals)
    assert list(got.items()) == list(want.items())


@pytest.mark.parametrize("shape", ["chain", "tree", "mesh"])
@pytest.mark.parametrize("sites", [250, 2000])
def test_sweep_and_worst_path_on_generated_designs(shape, sites):
    design = generate(sites, shape)
    sizing = traffic.size(design, "none")
    terminals = calling_sites(design)
    got: dict = {}
    paths = DelayPaths(design, {}, sizing)
    underlay(paths, terminals, got)
    assert list(got.items()) == list(_underlay_link_by_link(DelayPaths(design, {}, sizing), terminals).items())
    # the worst path's hops, built from the weights' parts, against constructed ones (a chain's spans the chain)
    site = max(got, key=lambda t: got[t][0])
    budget = delay.budget(design, sizing, site, got[site][1], paths=paths)
    fresh = DelayPaths(design, {}, sizing)
    nodes, numbers = fresh.route_numbers(site, got[site][1], None)
    links, results = design.links, sizing.links
    assert budget.nodes == nodes
    assert budget.hops == tuple(Hop(links[k].id, links[k].rtt_ms / 2, results[k].frame_bytes * 8.0
                                    / results[k].capacity_kbps, results[k].frame_bytes, links[k].capacity_kbps)
                                for k in numbers)
    if shape == "chain":
        assert len(numbers) == sites - 1


@pytest.mark.parametrize("seed", range(10))
def test_wan_facts_without_clouds(seed):
    design = _drawing(seed, seed % 2 == 0).model_copy()
    data = design.model_dump()
    for k, link in enumerate(data["links"]):
        link["nat"] = k % 3 == 1
    design = Design.model_validate(data)
    ids = tuple(ln.id for ln in design.links)
    assert _wan._wan_facts(design) == WanFacts(
        transport={lid: "leased" for lid in ids}, internet_links=(),
        nat_links=tuple(ln.id for ln in design.links if ln.nat), mpls_links=(), private_links=ids,
        n_sites=len(design.sites))


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("forest", [True, False])
def test_paths_from_the_routing_graph_equal_paths_read_from_the_links(seed, forest):
    """Once the sizing has built its graph, `Paths` takes its node numbers, link ends (lower end first) and RTTs
    from it when no parallel links were collapsed: every distance, path and route is what reading the links gives.
    The drawing may hold parallel links (two links between the same sites), which keep the links' own reading."""
    from advisor.routing_graph import forget, graph_of, known_graph

    design = _drawing(seed, forest)
    forget()
    assert known_graph(design) is None
    own, own_delay = Paths(design), DelayPaths(design, {})
    graph = graph_of(design)
    shared, shared_delay = Paths(design), DelayPaths(design, {})
    assert (shared.index is graph.index) == graph.edges_are_links
    assert shared.ids == own.ids and shared.rtt == own.rtt
    assert [set(e) for e in shared.ends] == [set(e) for e in own.ends]
    sites = [s.id for s in design.sites]
    for source in sites[:6]:
        assert shared.rtts_from(source) == own.rtts_from(source)
        assert list(shared.rtts_from(source)) == list(own.rtts_from(source))  # the same settle order
        assert shared.paths_from(source, sites) == own.paths_from(source, sites)
        for target in sites[-4:]:
            assert shared_delay.route(source, target, None) == own_delay.route(source, target, None)
            assert shared_delay.route(source, target, sites[1]) == own_delay.route(source, target, sites[1])
    assert shared.is_forest() == own.is_forest()
    forget()


def _dual_homed(seed: int) -> Design:
    """Branches each on two of a few hubs (sites, or a cloud) by 5 or 10 ms, a few on three or with a tail: many
    terminals alike (the same neighbours at the same RTTs), which share one tree in the exact pairs."""
    rnd = random.Random(seed)
    hubs = rnd.randint(2, 3)
    n = rnd.randint(20, EXACT_PAIRS_MAX_SITES)
    clouds = [{"id": "wan"}] if rnd.random() < 0.5 else []
    ends = [f"s{h}" for h in range(hubs)] + [c["id"] for c in clouds]
    links = []
    for x in range(len(ends)):
        for y in range(x + 1, len(ends)):
            links.append({"id": f"h{x}{y}", "a": ends[x], "b": ends[y], "rtt_ms": rnd.choice([1, 5])})
    for i in range(hubs, n):
        if rnd.random() < 0.05:
            links.append({"id": f"t{i}", "a": f"s{i - 1}", "b": f"s{i}", "rtt_ms": 5})
            continue
        for j, end in enumerate(rnd.sample(ends, 3 if len(ends) > 2 and rnd.random() < 0.1 else 2)):
            links.append({"id": f"b{i}_{j}", "a": f"s{i}", "b": end, "rtt_ms": rnd.choice([5, 10])})
    return Design.model_validate({"name": "t", "sites": [{"id": f"s{i}", "users": 10} for i in range(n)],
                                  "clouds": clouds, "links": links})


@pytest.mark.parametrize("seed", range(12))
def test_alike_terminals_share_a_tree_and_find_the_same_partners(seed, monkeypatch):
    from advisor.rules import delay_underlay

    shared = []
    real = delay_underlay.shared_tree
    monkeypatch.setattr(delay_underlay, "shared_tree", lambda *a: shared.append(1) or real(*a))
    design = _dual_homed(seed)
    terminals = [s.id for s in design.sites]
    random.Random(seed).shuffle(terminals)
    got: dict = {}
    underlay(DelayPaths(design, {}), terminals, got)
    assert shared and len(shared) < len(terminals) // 2  # far fewer trees than terminals
    assert list(got.items()) == list(_underlay_link_by_link(DelayPaths(design, {}), terminals).items())
