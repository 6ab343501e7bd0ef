"""The deployment stage (`deployment.detect_and_check`, with the delay check) read by column, against plain
references kept here: the sizing's forest for the delay check's trees and its worst path (`delay_forest`), the worst
path's sums without its hops (`delay_budget.WorstPath`), the hauled sites' distances in C-level passes, the
clusters' nodes and phones by column, SRST capacity by column with one triple for every site, the CAC locations'
totals in arrays and the busiest by their cut, and clustering over the WAN's per-link figures only when a pair
reads them.

Each design is analysed once; then the stage runs as it is and with every one of those pieces replaced by its plain
reference (site by site, link by link, the delay check on `Paths`' own trees with every hop made), and the two give
the same DeploymentResult (its rows), the same findings field by field in the same order, the same delay result and
the same worst budget, floats to the last bit (their reprs). Generated designs of every topology, plain and varied,
and small random designs of every shape; and the pieces one by one on random input.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from advisor import analysis, routing_forest
from advisor.model import Design
from advisor.routing_graph import Graph
from advisor.rules import (
    cac,
    cluster,
    delay,
    delay_budget,
    delay_columns,
    delay_paths,
    deployment,
    survivability,
)
from advisor.rules.delay_budget import DelayBudget, Hop
from advisor.rules.delay_forest import RootedForest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402
from varied import vary  # noqa: E402

from tests.core.deployment_stage_plain import (  # noqa: E402
    PLAIN,
    _plain_busiest,
    _plain_busiest_locations,
    _plain_clusters_of,
    _plain_top_two,
)

# --- the stage, as it is and plain ------------------------------------------------------------------------------


def _sizing(design: Design):
    """Analyse the design (its per-design figures stay for it) and keep the sizing the stage was given."""
    got = {}
    real = deployment.detect_and_check

    def spy(d, sizing):
        got["sizing"] = sizing
        return real(d, sizing)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(deployment, "detect_and_check", spy)
        analysis.analyse(design)
    return got["sizing"]


def _stage(design, sizing):
    """(the deployment result, its findings, the delay result, the worst budget, each calling site's farthest
    partner in order, whether that is an estimate)."""
    delay.forget()
    model, found = deployment.detect_and_check(design, sizing)
    paths = delay_paths.DelayPaths(design, {}, sizing) if delay_paths.aligned(design, sizing) else \
        delay_paths.DelayPaths(design, delay_paths.serialization_ms(sizing))
    delay_paths.forget()
    worst, approximate = delay.farthest_partners(design, sizing, paths)
    return (model, found, delay.worst_result(design, sizing), delay.worst_budget(design, sizing),
            list(worst.items()), approximate)


def _plain_stage(design, sizing):
    with pytest.MonkeyPatch.context() as mp:
        for owner, name, plain in PLAIN:
            mp.setattr(owner, name, plain, raising=False)
        got = _stage(design, sizing)
    delay.forget()
    return got


def _assert_same(design: Design) -> tuple:
    sizing = _sizing(design)
    new, ref = _stage(design, sizing), _plain_stage(design, sizing)
    (model, found, result, budget, worst, approximate) = new
    (ref_model, ref_found, ref_result, ref_budget, ref_worst, ref_approximate) = ref
    assert repr(worst) == repr(ref_worst) and approximate == ref_approximate
    assert model == ref_model and repr(model) == repr(ref_model)
    assert [f.model_dump() for f in found] == [f.model_dump() for f in ref_found]
    assert [repr(f) for f in found] == [repr(f) for f in ref_found]
    assert result == ref_result and repr(result) == repr(ref_result)  # reprs: every float to the last bit
    assert budget == ref_budget and repr(budget) == repr(ref_budget)
    again = _stage(design, sizing)  # the same again after the plain run (nothing kept that it changed)
    assert repr(again) == repr(new)
    return new


@pytest.mark.parametrize("topology", ["chain", "mesh", "tree", "mpls", "internet-hub"])
@pytest.mark.parametrize("varied", [False, True])
def test_generated_designs_give_the_plain_stage(topology, varied):
    d = generate(2_500, topology)
    d = vary(d, 7) if varied else d
    model, found, result, *_rest = _assert_same(d)
    assert model.checks and found and result is not None


def _random_design(k: int) -> Design:
    """A small design of one shape: a chain, a tree, a forest of parts and lone sites, a mesh, a cloud, two clouds
    with leased lines, a hub overlay over leased lines; every per-site field the stage reads drawn at random."""
    rnd = random.Random(5100 + k)
    shape = ("chain", "tree", "forest", "mesh", "cloud", "clouds", "hub")[k % 7]
    n = rnd.randint(2, 45)
    sites = []
    for i in range(n):
        users = rnd.choice((0, 0, 5, 12, 40, 150, 900))
        sites.append({
            "id": f"s{i}", "users": users, "phones": rnd.choice((None, None, rnd.randint(0, 300))),
            "cucm_publisher": rnd.random() < 0.25, "cucm_subscribers": rnd.choice((0, 0, 0, 1, 2, 4)),
            "cluster_id": rnd.choice(("c0", "c0", "c1", "c2")),
            "survivability": rnd.choice(survivability.SRST_MODES + ("none", "mgcp-fallback")),
            "srst_platform": rnd.choice((None, "2811", "2821", "4451", "ISR4331", "no such router")),
            "srst_capacity": rnd.choice((None, None, rnd.randint(0, 120))),
            "pstn_gateway": rnd.random() < 0.5})
    if rnd.random() < 0.5:  # every site alike but its users: one SRST triple for all
        for s in sites:
            s.update(survivability="srst", srst_platform="2821", srst_capacity=None)
    clouds, links = [], []

    def link(a, b, **more):
        links.append({"id": f"l{len(links)}", "a": a, "b": b, "rtt_ms": rnd.choice((0, 1.5, 5, 10, 20, 33.3, 120.7)),
                      "capacity_kbps": rnd.choice((64, 128, 512, 2048, 10000)), **more})

    if shape in ("chain", "hub"):
        for i in range(1, n):
            link(f"s{i - 1}", f"s{i}")
    elif shape == "tree":
        for i in range(1, n):
            link(f"s{rnd.randrange(i)}", f"s{i}")
    elif shape == "forest":  # parts of a few sites each, and sites on no link
        for i in range(1, n):
            if rnd.random() < 0.7:
                link(f"s{rnd.randrange(max(0, i - 4), i)}", f"s{i}")
    elif shape == "mesh":
        for i in range(1, n):
            link(f"s{rnd.randrange(i)}", f"s{i}")
        for _ in range(n // 3):
            a, b = rnd.sample(range(n), 2)
            link(f"s{a}", f"s{b}")
    else:
        clouds = [{"id": "mpls", "kind": "mpls"}] + ([{"id": "inet", "kind": "internet"}] if shape == "clouds" else [])
        for i in range(n):
            if rnd.random() < 0.9:
                link(f"s{i}", rnd.choice(clouds)["id"])
        if shape == "clouds":
            for _ in range(n // 4):
                a, b = rnd.sample(range(n), 2)
                link(f"s{a}", f"s{b}")
    pstn = rnd.choice((0.0, 0.2, 0.4))
    on_net = rnd.choice((0.0, 0.3)) if pstn else 0.3
    traffic = {"intra_site_share": round(1 - pstn - on_net, 10), "on_net_share": on_net, "pstn_share": pstn}
    if rnd.random() < 0.3:
        traffic["central_pstn_site"] = f"s{rnd.randrange(n)}"
    technology = rnd.choice(("gre-ipsec", "dmvpn")) if shape == "hub" else rnd.choice(("none", "getvpn", "none"))
    return Design.model_validate({
        "name": f"random {shape} {k}", "sites": sites, "clouds": clouds, "links": links,
        "vpn": {"technology": technology}, "traffic": traffic,
        "voice": {"codec": rnd.choice(("g711", "g729", "g722"))},
        "delay": {"target_ms": rnd.choice((20.0, 150.0, 400.0))},
        "cluster": {"redundancy": rnd.choice(("1:1", "2:1")), "megacluster": rnd.random() < 0.2},
        "cucm_release": rnd.choice(("8.6", "12.5", "14")),
        "deployment_model": rnd.choice(("auto", "auto", "centralized", "distributed"))})


@pytest.mark.parametrize("chunk", range(6))
def test_small_random_designs_give_the_plain_stage(chunk, monkeypatch):
    """Every shape, the array and column paths forced on a few sites too (the CAC totals in arrays, the
    clusters' nodes by column) and left as they are."""
    compared = 0
    for k in range(chunk * 28, (chunk + 1) * 28):
        d = _random_design(k)
        if k % 2:
            monkeypatch.setattr(cac, "_ARRAYS_MIN", 1)
            monkeypatch.setattr(cluster, "_FEW_SITES", 0)
        else:
            monkeypatch.undo()
        try:
            _assert_same(d)
        except analysis.AnalysisError:
            continue
        compared += 1
    assert compared >= 20


# --- the pieces on random input ---------------------------------------------------------------------------------


def _plain_tree(n, ends, weights, start):
    """`Paths._forest_tree`'s sums: breadth first from `start`, each node its neighbour's sum + the link."""
    adj = [[] for _ in range(n)]
    for k, (a, b) in enumerate(ends):
        adj[a].append((b, k))
        adj[b].append((a, k))
    exact, parent, order = [0.0] * n, [-1] * n, [start]
    for u in order:
        for v, k in adj[u]:
            if k != parent[u]:
                exact[v] = exact[u] + weights[k]
                parent[v] = k
                order.append(v)
    reached = [False] * n
    for v in order:
        reached[v] = True
    return exact, reached, parent


def test_the_sizing_forest_gives_the_search_sums_and_paths():
    rnd = random.Random(77)
    for trial in range(150):
        n = rnd.randint(1, 60)
        ends = []
        for i in range(1, n):
            if rnd.random() < 0.85:  # some parts, some lone nodes
                ends.append(tuple(sorted((rnd.randrange(max(0, i - rnd.choice((1, 3, 50))), i), i))))
        rnd.shuffle(ends)
        weights = [rnd.choice((0.0, 0.1, 0.7, 1e-9, 3.3, 17.25, 1e6 / 3)) for _ in ends]
        graph = Graph({f"n{i}": i for i in range(n)}, n, [a for a, _ in ends], [b for _, b in ends], weights)
        rooted = RootedForest(routing_forest.rooted_forest(graph), weights, routing_forest.depths(graph))
        for start in rnd.sample(range(n), min(n, 6)):
            exact, reached, parent = _plain_tree(n, ends, weights, start)
            got_exact, got_reached = rooted.distances(start)
            assert got_reached == reached, trial
            assert [x.hex() for x in got_exact] == [x.hex() for x in exact], (trial, start)
            for end in rnd.sample(range(n), min(n, 4)):
                got = rooted.path(start, end)
                if not reached[end]:
                    assert got is None
                    continue
                links, node = [], end
                while parent[node] >= 0:
                    links.append(parent[node])
                    a, b = ends[parent[node]]
                    node = a if b == node else b
                nodes, hops = got
                assert hops == links[::-1], (trial, start, end)
                walked = [start]
                for k in hops:
                    a, b = ends[k]
                    walked.append(b if a == walked[-1] else a)
                assert nodes == walked


def test_busiest_and_the_locations_give_the_plain_order(monkeypatch):
    rnd = random.Random(31)
    for trial in range(300):
        m = rnd.randint(0, 120)
        calls = [rnd.choice((1, 1, 2, 3, 7, rnd.randint(1, 50))) for _ in range(m)]
        ids = [f"x{rnd.randrange(10_000)}-{i}" for i in range(m)]
        for k in (1, 3, 11):
            assert cac.busiest(k, iter(ids), calls) == _plain_busiest(k, ids, calls), trial
    design = _random_design(3)
    sites = [s.id for s in design.sites]
    for trial in range(200):
        m = rnd.randint(0, 80)
        ends = [rnd.sample(sites + ["cloud"], 2) for _ in range(m)]
        a, b = [e[0] for e in ends], [e[1] for e in ends]
        calls = [rnd.choice((1, 2, 2, 9, rnd.randint(1, 40))) for _ in range(m)]
        if trial % 3 == 0:  # sites on one cloud: now and then a site twice, or on the a side and the b side
            a = [rnd.choice(sites) if rnd.random() < 0.1 else s for s in rnd.sample(sites, min(m, len(sites)))]
            b = ["cloud"] * len(a)
            a, b, calls = (a, b, calls[:len(a)]) if trial % 2 else (b, a, calls[:len(a)])
        for arrays in (10**9, 1):
            monkeypatch.setattr(cac, "_ARRAYS_MIN", arrays)
            assert cac.busiest_locations(11, design, a, b, calls) == _plain_busiest_locations(11, design, a, b, calls)


def test_hauled_sites_keep_their_places_and_the_first_farthest():
    rnd = random.Random(5)
    for trial in range(300):
        sites = [f"s{i}" for i in range(rnd.randint(1, 30))]
        worst = {s: (rnd.choice((0.0, 5.0, 10.0, 12.5)), "p") for s in rnd.sample(sites, rnd.randint(0, len(sites)))}
        hauled = rnd.sample(sites, rnd.randint(1, len(sites)))
        d = [rnd.choice((None, 0.0, 5.0, 10.0, 12.5, 30.0)) if trial % 2 else rnd.choice((0.0, 5.0, 12.5, 30.0))
             for _ in hauled]
        got, want = dict(worst), dict(worst)
        delay_columns.hauled_worst(got, hauled, d, "gw")
        for sid, ds in zip(hauled, d, strict=True):
            if ds is not None and ds > want.get(sid, (-1.0, ""))[0]:
                want[sid] = (ds, "gw")
        assert list(got.items()) == list(want.items()), trial


def test_the_two_farthest_from_a_hub_are_the_largest_pairs():
    rnd = random.Random(21)
    for trial in range(400):
        m = rnd.randint(0, 25)
        terminals = [f"t{rnd.randrange(1000)}-{i}" for i in range(m)]
        dist = [rnd.choice((0.0, 2.5, 7.0, 7.0, rnd.uniform(0, 9))) for _ in range(m)]
        if trial % 3 == 0 and m:
            dist[rnd.randrange(m)] = None
        hub = rnd.choice(terminals) if m and trial % 2 else "cloud"
        assert delay_columns.top_two(dist, terminals, hub) == _plain_top_two(dist, terminals, hub), trial


def test_the_worst_path_sums_are_its_hops_sums():
    """`WorstPath`'s two sums from the per-link figures and `DelayBudget`'s over its hops: the same floats."""
    rnd = random.Random(8)
    for _ in range(200):
        m = rnd.randint(0, 40)
        half = [rnd.uniform(0, 200) for _ in range(m)]
        ser = [rnd.choice((0.0, 1 / 3, rnd.uniform(0, 50))) for _ in range(m)]
        numbers_ = [rnd.randrange(m) for _ in range(rnd.randint(0, 3 * m))] if m else []
        hops = tuple(Hop(f"l{k}", half[k], ser[k], 60, 512.0) for k in numbers_)
        fields = dict(a="a", b="b", nodes=("a", "b"), hub=None, coder=delay.coder_delay("g729"),
                      packetization_ms=20.0, jitter_buffer_ms=60.0, target_ms=150.0, serialization_known=True)
        lazy = delay_budget.WorstPath(fields, numbers_, (half, ser), lambda hops=hops: hops)
        whole = DelayBudget(**fields, hops=hops)
        assert repr(lazy.terms()) == repr(whole.terms()) and repr(lazy.total_ms) == repr(whole.total_ms)
        assert lazy.hop_count == whole.hop_count and lazy.budget() == whole


def test_clusters_read_by_column_keep_the_design_order():
    for k in range(40):
        d = _random_design(k)
        nodes = [s.call_processing_nodes for s in d.sites]
        got, want = deployment.clusters_of(d, nodes), _plain_clusters_of(d)
        assert list(got.items()) == list(want.items())


def test_the_uniform_srst_triple_is_one_capacity_for_every_site():
    """One (mode, setting, platform) for every remote site reads the figure once: the same rows and findings as
    site by site, short sites and all."""
    d = generate(600, "mpls")
    d = d.model_copy(update={"sites": tuple(s.model_copy(update={"users": 10 + (i * 37) % 120})
                                            for i, s in enumerate(d.sites))})
    _model, found, *_rest = _assert_same(d)
    assert sum(f.code == "DEP-SRST-CAPACITY" for f in found) > 100
