"""The deployment checks read by column and in C-level passes give exactly what the plain per-site loops give, on
random inputs: CAC location totals and the busiest links, the SRST capacity verdicts, the farthest partner through
one hub, star distances, the union-find's connected shortcut, the remote sites and the mesh links. Each fast path is
compared with == against a plain loop written out here (as the code read before it was made columnar)."""

from __future__ import annotations

import heapq
import random

import pytest

from advisor.model import Design
from advisor.rules import _columns, cac, delay_paths, deployment, survivability
from advisor.rules._names import names_for
from advisor.rules._wan import Paths
from advisor.rules.survivability import MODE_LABELS, SRST_MODES, capacity_for


@pytest.fixture(autouse=True)
def _fresh():
    _columns.forget()
    yield
    _columns.forget()


def _plain_location_totals(sites, ends_a, ends_b, calls):
    location_calls, location_links = {}, {}
    for a, b, c in zip(ends_a, ends_b, calls, strict=True):
        for end in (a, b):
            if end in sites:
                location_calls[end] = location_calls.get(end, 0) + c
                location_links[end] = location_links.get(end, 0) + 1
    return sorted((i, c) for i, c in location_calls.items() if location_links[i] > 1)


@pytest.mark.parametrize("seed", range(60))
def test_location_totals_equal_the_plain_loop(seed):
    rnd = random.Random(seed)
    n_sites = rnd.randint(1, 40)
    sites = {f"s{i}" for i in range(n_sites)}
    nodes = [*sites, "c0", "c1"]
    m = rnd.randint(0, 80)
    ends_a = [rnd.choice(nodes) for _ in range(m)]
    ends_b = [rnd.choice(nodes) for _ in range(m)]
    calls = [rnd.randint(1, 30) for _ in range(m)]
    got = sorted(cac.location_totals(sites, ends_a, ends_b, calls))
    assert got == _plain_location_totals(sites, ends_a, ends_b, calls)


def test_location_totals_of_a_star_on_a_cloud_are_empty_and_of_a_chain_add_up():
    sites = {"a", "b", "c"}
    assert cac.location_totals(sites, ["a", "b", "c"], ["c0", "c0", "c0"], [5, 6, 7]) == []
    # b ends both links: 5 + 6 calls
    assert cac.location_totals(sites, ["a", "b"], ["b", "c"], [5, 6]) == [("b", 11)]


@pytest.mark.parametrize("seed", range(60))
def test_busiest_equals_nsmallest(seed):
    rnd = random.Random(seed)
    m = rnd.randint(0, 60)
    ids = [f"l{i}" for i in rnd.sample(range(1000), m)]
    calls = [rnd.choice([1, 2, 2, 3, 7, 7, 7, 40]) for _ in range(m)]  # many ties: the id decides
    k = rnd.choice([1, 5, 11, 70])
    assert cac.busiest(k, iter(ids), calls) == heapq.nsmallest(k, zip([-c for c in calls], ids, strict=True))


def _remote_design(seed: int) -> Design:
    rnd = random.Random(seed)
    n = rnd.randint(2, 40)
    sites = [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True}]
    for i in range(1, n):
        mode = rnd.choice(["none", "srst", "srst", "sip-srst", "e-srst", "mgcp-fallback"])
        site = {"id": f"s{i}", "users": rnd.choice([0, 10, 30, 40, 60, 200]), "survivability": mode,
                "srst_platform": rnd.choice([None, "2821", "Cisco 2811", "7999", "4451", "C8300-1N1S-6T"]),
                "pstn_gateway": rnd.random() < 0.5, "cluster_id": rnd.choice(["cluster-1", "cluster-1", "east"])}
        if rnd.random() < 0.3:
            site["srst_capacity"] = rnd.choice([0, 20, 30, 35, 40, 100])  # some exactly the phones
        if rnd.random() < 0.2:
            site["phones"] = rnd.choice([0, 5, 50])
        sites.append(site)
    links = [{"id": f"l{i}", "a": f"s{i}", "b": "c0"} for i in range(1, n)] + [{"id": "l0", "a": "hq", "b": "c0"}]
    return Design.model_validate({"name": "t", "sites": sites, "clouds": [{"id": "c0"}], "links": links,
                                  "voice": {"signalling": rnd.choice(["sccp", "sip"])}})


def _plain_capacity(remote, names):
    """The SRST capacity verdicts site by site: (checked, short ids, their messages, unknown groups)."""
    checked, short, messages, unknown = 0, [], [], {}
    for s in remote:
        if s.survivability not in SRST_MODES:
            continue
        cap = capacity_for(s)
        if cap.phones is None:
            unknown.setdefault(cap.why, []).append(s.id)
            continue
        checked += 1
        if cap.phones < s.phone_count:
            short.append(s.id)
            unconfirmed = " (an unconfirmed figure to verify)" if cap.verify else ""
            phones = f"{s.phone_count:,} phone{'' if s.phone_count == 1 else 's'}"
            messages.append(f"site '{names.node(s.id)}' has {phones} but its "
                            f"{MODE_LABELS[s.survivability]} supports {cap.phones:,}{unconfirmed}: "
                            f"{s.phone_count - cap.phones:,} would stay unregistered during a WAN outage")
    return checked, short, messages, unknown


@pytest.mark.parametrize("seed", range(60))
def test_srst_verdicts_by_column_equal_the_plain_loop(seed):
    design = _remote_design(seed)
    census = deployment._Census.of(design)
    plain_remote = [s for s in design.sites if s.phone_count > 0 and s.call_processing_nodes == 0]
    assert census.remote == plain_remote
    assert census.remote_sites.ids == [s.id for s in plain_remote]
    assert census.remote_sites.field("pstn_gateway") == [s.pstn_gateway for s in plain_remote]
    names = names_for(design)
    rows, out = [], []
    survivability.survivability_checks(design, census.remote_sites, rows, out, names)
    checked, short, messages, unknown = _plain_capacity(plain_remote, names)
    capacity = [f for f in out if f.code == "DEP-SRST-CAPACITY"]
    assert [f.message for f in capacity if f.severity != "warning"] == messages
    assert [tuple(f.subjects) for f in capacity if f.severity != "warning"] == [(sid,) for sid in short]
    assert [list(f.subjects) for f in capacity if f.severity == "warning"] == list(unknown.values())
    row = [r for r in rows if r[0] == "SRST capacity"]
    if checked or unknown:
        sites = "1 site checked against its" if checked == 1 else f"{checked} sites checked against their"
        assert row[0][2].startswith(f"{sites} SRST capacity, {len(short)} short")
    else:
        assert row == []
    bare = [s.id for s in plain_remote if s.survivability == "none"]
    assert [list(f.subjects) for f in out if f.code == "DEP-SRST-MISSING"] == ([bare] if bare else [])
    with_mode = [s for s in plain_remote if s.survivability != "none"]
    mode_rows = [r for r in rows if r[0] == "SRST mode matches the phones' signalling"]
    assert len(mode_rows) == (1 if with_mode else 0)


def _plain_via_hub(dist, hub, terminals):
    """`via_hub`'s loop as written before its C-level passes."""
    worst = {}
    top = heapq.nlargest(2, [(dt, t) for dt, t in zip(dist, terminals, strict=True) if dt is not None and t != hub])
    if not top:
        return worst
    far, second = top[0], (top[1] if len(top) > 1 else None)
    hub_calls = hub in terminals
    far_d, far_id = far
    for t, dt in zip(terminals, dist, strict=True):
        if dt is None:
            continue
        if t == hub:
            worst[t] = far
            continue
        best = (dt + far_d, far_id) if far_id != t else ((dt + second[0], second[1]) if second else None)
        if hub_calls and (best is None or (dt, hub) > best):
            best = (dt, hub)
        if best is not None:
            worst[t] = best
    return worst


class _Map(dict):
    pass


@pytest.mark.parametrize("seed", range(80))
def test_via_hub_equals_the_plain_loop(seed):
    rnd = random.Random(seed)
    n = rnd.randint(1, 12)
    terminals = [f"s{i}" for i in rnd.sample(range(50), n)]
    hub = rnd.choice([*terminals, "c0"])
    values = [0.0, 0.5, 1.0, 2.5, 7.0, 1e17, 1e-300, float("inf")]  # inf + inf ties
    dist = [rnd.choice(values) if rnd.random() > 0.1 else None for _ in terminals]
    if hub in terminals:
        dist[terminals.index(hub)] = 0.0
    d = _Map({t: x for t, x in zip(terminals, dist, strict=True) if x is not None})
    worst = {}
    delay_paths.via_hub(d, hub, terminals, worst)
    assert list(worst.items()) == list(_plain_via_hub(dist, hub, terminals).items())  # the order too


def _star_design(seed: int) -> Design:
    rnd = random.Random(seed)
    n = rnd.randint(1, 25)
    sites = [{"id": f"s{i}", "users": 10} for i in range(n)]
    centre = rnd.choice(["c0", "s0"])
    links = []
    for i in range(n):
        if f"s{i}" == centre:
            continue
        a, b = (f"s{i}", centre) if rnd.random() < 0.7 else (centre, f"s{i}")
        links.append({"id": f"l{i}", "a": a, "b": b, "rtt_ms": rnd.choice([0.0, 1.0, 3.5, 20.0, 0.1])})
    if rnd.random() < 0.3:
        sites.append({"id": "alone", "users": 10})
    return Design.model_validate({"name": "t", "sites": sites, "clouds": [{"id": "c0"}], "links": links})


@pytest.mark.parametrize("seed", range(60))
def test_star_distances_equal_the_star_tree(seed):
    design = _star_design(seed)
    paths = Paths(design)
    if paths.star is None:
        return
    for source in paths.ids:
        exact, reached = paths.distances(source)
        order, tree_exact, _parent = paths._star_tree(paths.index[source])
        plain_reached = [False] * len(paths.ids)
        for v in order:
            plain_reached[v] = True
        assert reached == plain_reached
        assert [x if r else 0.0 for x, r in zip(exact, reached, strict=True)] == \
            [x if r else 0.0 for x, r in zip(tree_exact, plain_reached, strict=True)]


def _plain_cut(design, dep, remote):
    """Breadth first over sites and clouds (every cloud one WAN node): the remote sites no call-processing site
    reaches."""
    clouds = {c.id for c in design.clouds}
    node = {s.id: s.id for s in design.sites} | {c: "WAN" for c in clouds}
    adj = {}
    for ln in design.links:
        a, b = node[ln.a], node[ln.b]
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
    seen = set(dep.call_processing_sites)
    todo = list(seen)
    for u in todo:
        for v in adj.get(u, ()):
            if v not in seen:
                seen.add(v)
                todo.append(v)
    return [s.id for s in remote if s.id not in seen]


@pytest.mark.parametrize("seed", range(60))
def test_union_find_with_its_connected_shortcut_equals_a_plain_search(seed):
    rnd = random.Random(seed)
    n = rnd.randint(2, 25)
    sites = [{"id": f"s{i}", "users": 10, "cucm_publisher": i == 0} for i in range(n)]
    links = []
    for i in range(1, n):
        if rnd.random() < 0.9:  # mostly connected, sometimes not
            links.append({"id": f"l{i}", "a": f"s{i}", "b": rnd.choice([f"s{rnd.randrange(i)}", "c0"])})
    for j in range(rnd.randint(0, 4)):  # a few cycles
        a, b = rnd.sample(range(n), 2)
        links.append({"id": f"x{j}", "a": f"s{a}", "b": f"s{b}"})
    clouds = [{"id": "c0"}] if rnd.random() < 0.5 else []
    links = [ln for ln in links if clouds or ln["b"] != "c0"]
    design = Design.model_validate({"name": "t", "sites": sites, "clouds": clouds, "links": links})
    dep, _ = deployment.detect_and_check(design)
    remote = deployment._Census.of(design).remote
    assert deployment._cut(design, dep, remote) == _plain_cut(design, dep, remote)


@pytest.mark.parametrize("seed", range(40))
def test_mesh_links_equal_the_plain_filter(seed):
    rnd = random.Random(seed)
    n = rnd.randint(2, 20)
    sites = [{"id": f"s{i}", "users": 10} for i in range(n)]
    links = [{"id": f"l{k}", "a": f"s{rnd.randrange(n)}", "b": b} for k in range(rnd.randint(1, 30))
             for b in [rnd.choice([*(f"s{i}" for i in range(n)), "c0", "c1"])]]
    links = [ln for ln in links if ln["a"] != ln["b"]]
    design = Design.model_validate({"name": "t", "sites": sites, "clouds": [{"id": "c0"}, {"id": "c1"}],
                                    "links": links})
    hub = rnd.choice(["s0", "s1"])
    plain = [ln.id for ln in design.links if ln.a not in ("c0", "c1") and ln.b not in ("c0", "c1")
             and hub not in (ln.a, ln.b)]
    assert cac.mesh_links(design, hub) == plain


@pytest.mark.parametrize(("terminals", "hub", "dist"), [
    (["a", "b", "z"], "z", [float("inf"), float("inf"), 0.0]),  # inf + inf ties: the hub's id decides
    (["a", "b", "z"], "z", [0.0, 0.0, 0.0]),  # nobody beyond the hub
    (["a", "b"], "c0", [3.0, None]),  # one reached
])
def test_via_hub_edge_cases_equal_the_plain_loop(terminals, hub, dist):
    d = _Map({t: x for t, x in zip(terminals, dist, strict=True) if x is not None})
    worst = {}
    delay_paths.via_hub(d, hub, terminals, worst)
    assert list(worst.items()) == list(_plain_via_hub(dist, hub, terminals).items())


def _plain_underlay(paths, terminals):
    """`underlay` on a forest, with its per-terminal loop as written before its C-level passes."""
    worst, remaining, index = {}, set(terminals), paths.index
    nodes = [index[t] for t in terminals]
    for t0 in terminals:
        if t0 not in remaining:
            continue
        d0, reached = paths.distances(t0)
        comp = [(t, n) for t, n in zip(terminals, nodes, strict=True) if reached[n]]
        remaining.difference_update(t for t, _ in comp)
        if len(comp) < 2:
            continue
        far = [d0[n] for _, n in comp]
        a = comp[far.index(max(far))][0]
        da, _ = paths.distances(a)
        far = [da[n] for _, n in comp]
        b = comp[far.index(max(far))][0]
        db, _ = paths.distances(b)
        for t, n in comp:
            x, y = da[n], db[n]
            worst[t] = (x, a) if x > y or (a >= b and x == y) else (y, b)
        worst[a] = (db[index[a]], b)
        if b != a:
            worst[b] = (da[index[b]], a)
    return worst


@pytest.mark.parametrize("seed", range(60))
def test_underlay_on_a_forest_equals_the_plain_loop(seed):
    rnd = random.Random(seed)
    n = rnd.randint(2, 30)
    ids = [f"s{i}" for i in rnd.sample(range(100), n)]  # ids out of order: a >= b goes both ways
    sites = [{"id": sid, "users": 10} for sid in ids]
    links = [{"id": f"l{i}", "a": ids[i], "b": ids[rnd.randrange(i)], "rtt_ms": rnd.choice([1.0, 2.0, 2.0, 5.0])}
             for i in range(1, n) if rnd.random() < 0.9]  # a few parts
    design = Design.model_validate({"name": "t", "sites": sites, "links": links})
    paths = Paths(design)
    terminals = [sid for sid in ids if rnd.random() < 0.8]
    worst = {}
    assert delay_paths.underlay(paths, terminals, worst) is False
    assert list(worst.items()) == list(_plain_underlay(Paths(design), terminals).items())


@pytest.mark.parametrize("seed", range(30))
def test_forest_read_off_the_routing_graph_equals_the_union_find(seed):
    from advisor import routing_forest, routing_graph

    rnd = random.Random(seed)
    n = rnd.randint(2, 20)
    sites = [{"id": f"s{i}", "users": 10} for i in range(n)]
    # a forest of a few parts (fewer links than sites, so the link count alone does not tell), and maybe a cycle
    links = [{"id": f"l{i}", "a": f"s{i}", "b": f"s{rnd.randrange(i)}"} for i in range(1, n) if rnd.random() < 0.8]
    if rnd.random() < 0.5 and n > 2:  # close a cycle
        a, b = rnd.sample(range(n), 2)
        if {f"s{a}", f"s{b}"} not in [{x["a"], x["b"]} for x in links]:  # no parallel links
            links.append({"id": "x", "a": f"s{a}", "b": f"s{b}"})
    design = Design.model_validate({"name": "t", "sites": sites, "links": links})
    routing_graph.forget()
    graph = routing_graph.graph_of(design)
    routing_forest.rooted_forest(graph)
    read = Paths(design)
    assert read._graph is graph and graph.forest_memo is not None
    routing_graph.forget()
    plain = Paths(design)
    assert plain._graph is None
    assert read.is_forest() == plain.is_forest()
