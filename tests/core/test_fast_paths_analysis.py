"""The analysis' fast paths give exactly what the general ones give, on random designs: the VPN fit over groups of
links against the link-by-link scan, a cloud routed from its other overlay shape against a fresh routing, the
grouped findings sort against one sort, the closed-form star paths against the search."""

from __future__ import annotations

import random

import pytest

from advisor import demand, traffic
from advisor.findings import CATALOGUE, SEVERITY_ORDER, finding, findings_many, sort_findings
from advisor.model import Design
from advisor.routing import lowest_tree
from advisor.rules import vpn
from advisor.rules._wan import Paths
from advisor.rules.vpn_fit import LinkFit, Pricer, fit


def _design(seed: int, shape: str) -> Design:
    rnd = random.Random(seed)
    n = rnd.randint(2, 25)
    sites = [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": rnd.choice([0, 5, 10, 40, 200]),
              "cucm_publisher": i == 0, "pstn_gateway": rnd.random() < 0.6} for i in range(n)]
    clouds = [{"id": "c0", "kind": rnd.choice(["mpls", "internet"])}, {"id": "c1", "kind": "internet"}]
    links = []
    for i in range(n):
        end = {"cloud": "c0", "star": "s0", "mixed": rnd.choice(["c0", "c1", "s0"])}[shape]
        if end != f"s{i}" and rnd.random() < 0.9:
            links.append({"id": f"l{i}", "a": f"s{i}", "b": end, "capacity_kbps": rnd.choice([256, 1024, 1024, 2048]),
                          "l2": rnd.choice(["ethernet", "ethernet", "ppp", "dot1q"]), "nat": rnd.random() < 0.1,
                          "rtt_ms": rnd.choice([5, 20, 20, 40])})
    vpn_policy = {"technology": "recommend", "dmvpn_phase": rnd.choice([1, 3])}
    if rnd.random() < 0.3:
        vpn_policy["hub_site"] = f"s{rnd.randrange(n)}"
    return Design.model_validate({"name": "t", "sites": sites, "clouds": clouds, "links": links, "vpn": vpn_policy,
                                  "voice": {"codec": rnd.choice(["g711", "g729"])},
                                  "traffic": {"llq_share": rnd.choice([0.1, 0.33])}})


def _fit_link_by_link(design: Design, technology: str, routed, link_ids, pricer: Pricer):
    """The scan the grouped fit replaces: every link in design order, ties to the first (the busiest link: to the
    costliest per call, then the smallest id)."""
    llq_share = design.traffic.llq_share
    nat = traffic.nat_links(design, technology, routed.hub.id if routed.hub is not None else None)
    sig, cluster, calls = routed.load.signalling_kbps, routed.cluster_kbps, routed.calls
    rows, overloaded, above = [], [], []
    for k, ln in enumerate(design.links):
        if link_ids is not None and ln.id not in link_ids:
            continue
        per_call = pricer.kbps(technology, k, ln.id in nat)
        clear = pricer.kbps("none", k, False)
        if per_call is None or clear is None:
            return ("error", ln.id)
        cap = ln.capacity_kbps
        voice = calls[k] * per_call
        total = voice + sig[k] + cluster[k]
        if total > cap:
            overloaded.append(ln.id)
        if voice > llq_share * cap:
            above.append(ln.id)
        rows.append((k, LinkFit(ln.id, per_call, clear, calls[k], voice, total, cap, llq_share * cap)))
    if not rows:
        return None

    def first_max(value):
        best = max(value(r) for _k, r in rows)
        return next(r for _k, r in rows if value(r) == best)

    # the busiest link: most calls, least capacity, costliest per call, then the smallest id
    top = max((r.calls, -r.capacity_kbps, r.per_call_kbps) for _k, r in rows)
    busiest = min((r for _k, r in rows if (r.calls, -r.capacity_kbps, r.per_call_kbps) == top), key=lambda r: r.link)
    return (first_max(lambda r: r.voice_kbps / r.llq_kbps), first_max(lambda r: r.total_kbps / r.capacity_kbps),
            busiest, tuple(overloaded), tuple(above))


@pytest.mark.parametrize("shape", ["cloud", "star", "mixed"])
@pytest.mark.parametrize("seed", range(30))
def test_grouped_fit_equals_the_link_by_link_scan(seed, shape):
    design = _design(seed, shape)
    routing = vpn.Routing(design)
    subsets = [None, {ln.id for ln in design.links[::2]}]
    for technology in vpn.CANDIDATES:
        for hub in (False, True):
            for subset in subsets:
                got = fit(design, technology, routing.routed(hub), subset, routing.pricer)
                want = _fit_link_by_link(design, technology, routing.routed(hub), subset, routing.pricer)
                if want is None:
                    assert got.dominant is None and not got.error
                elif want[0] == "error":
                    assert got.error == f"cannot be priced on '{want[1]}'"
                else:
                    assert (got.busiest_pq, got.worst, got.dominant, got.overloaded, got.above_pq) == want


@pytest.mark.parametrize("seed", range(40))
def test_a_cloud_routed_from_its_other_shape_equals_a_fresh_routing(seed):
    design = _design(seed, "cloud")
    base = demand.Base.of(design)
    for first in (False, True):
        other = demand.route_afresh(design, first, base=base)
        derived = demand.route_afresh(design, not first, base=base, like=other)
        fresh = demand.route_afresh(design, not first)
        assert derived.load.method == fresh.load.method
        assert derived.load.erlangs == fresh.load.erlangs
        assert derived.load.hairpin_erlangs == fresh.load.hairpin_erlangs
        assert derived.load.signalling_kbps == fresh.load.signalling_kbps
        assert (derived.calls, derived.wan, derived.pstn_erl, derived.hairpin, derived.notes) == (
            fresh.calls, fresh.wan, fresh.pstn_erl, fresh.hairpin, fresh.notes)


@pytest.mark.parametrize("seed", range(10))
def test_grouped_sort_equals_one_sort(seed):
    rnd = random.Random(seed)
    codes = rnd.sample(sorted(CATALOGUE), 6)
    items = [finding(rnd.choice(codes), tuple(rnd.sample(["a", "b", "c", "l1", "l10", "l2"], rnd.randint(0, 2))),
                     f"m{i}", "r", "x", severity=rnd.choice([None, "error", "info"])) for i in range(300)]
    assert sort_findings(items) == sorted(items, key=lambda f: (SEVERITY_ORDER[f.severity], f.code, f.subjects))


def test_findings_many_equals_finding():
    items = [(("s1",), "one", "why"), (("s2", "s3"), "two", "why")]
    assert findings_many("DEP-SRST-CAPACITY", items, "fix", rule="R", source="S") == [
        finding("DEP-SRST-CAPACITY", subjects, message, rationale, "fix", rule="R", source="S")
        for subjects, message, rationale in items]
    with pytest.raises(TypeError):
        findings_many("DEP-SRST-CAPACITY", [(("s1",), 3, "why")], "fix")
    with pytest.raises(KeyError):
        findings_many("NO-SUCH-CODE", items, "fix")


@pytest.mark.parametrize("shape", ["cloud", "star"])
@pytest.mark.parametrize("seed", range(15))
def test_star_paths_equal_the_search(seed, shape):
    design = _design(seed, shape)
    paths = Paths(design)
    if paths.star is None:
        return
    for source in paths.ids:
        order, exact, parent, _best = lowest_tree(paths.adj, paths.rtt, paths.index[source])
        reached = set(order)
        targets = paths.ids[:8]
        assert paths.numbered_paths(source, targets) == {
            t: (exact[paths.index[t]], paths._walk(parent, paths.index[t])[::-1])
            for t in targets if paths.index[t] in reached}
        got, got_reached = paths.distances(source)
        assert {v for v, r in enumerate(got_reached) if r} == reached
        assert [got[v] for v in order] == [exact[v] for v in order]


@pytest.mark.parametrize("seed", range(20))
def test_forest_traversal_equals_the_search(seed):
    rnd = random.Random(seed)
    n = rnd.randint(2, 40)
    links = [{"id": f"l{i}", "a": f"s{rnd.randrange(i)}", "b": f"s{i}", "rtt_ms": rnd.choice([0, 5, 10, 20])}
             for i in range(1, n) if rnd.random() < 0.9]  # a forest: some sites left apart
    design = Design.model_validate({"name": "t", "sites": [{"id": f"s{i}"} for i in range(n)], "links": links})
    paths = Paths(design)
    assert paths.is_forest()
    for source in paths.ids:
        order, exact, parent, _best = lowest_tree(paths.adj, paths.rtt, paths.index[source])
        assert list(paths.rtts_from(source).items()) == [(paths.ids[v], exact[v]) for v in order]
        assert paths.numbered_paths(source, paths.ids) == {
            paths.ids[v]: (exact[v], paths._walk(parent, v)[::-1]) for v in order}


def test_a_cycle_is_no_forest():
    design = Design.model_validate({"name": "t", "sites": [{"id": x} for x in "ABCD"],
                                    "links": [{"id": "ab", "a": "A", "b": "B"}, {"id": "cd", "a": "C", "b": "D"},
                                              {"id": "ba", "a": "B", "b": "A"}]})
    assert not Paths(design).is_forest()
