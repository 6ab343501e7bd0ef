"""The rules' fast paths give exactly what the general ones give, on random designs: the per-link bandwidth
findings built as trusted rows against validated findings, a VPN fit shared by candidates with the same prices
against a fit computed afresh for each, link results copied from shared rows against validated ones, and a delay
path's hops built without their constructor against constructed ones."""

from __future__ import annotations

import random

import pytest

from advisor import traffic
from advisor.findings import CATALOGUE, Finding, finding
from advisor.model import Design
from advisor.results import LinkResult
from advisor.rules import bandwidth, delay, deployment, vpn
from advisor.rules.delay import Hop, aligned_hops
from advisor.rules.delay_paths import DelayPaths
from advisor.rules.vpn_fit import Pricer, fit


def _design(seed: int) -> Design:
    rnd = random.Random(seed)
    n = rnd.randint(2, 30)
    sites = [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": rnd.choice([0, 5, 40, 200, 900]),
              "cucm_publisher": i == 0, "pstn_gateway": rnd.random() < 0.6} for i in range(n)]
    clouds = [{"id": "c0", "kind": rnd.choice(["mpls", "internet"])}]
    links = []
    for i in range(1, n):
        end = rnd.choice(["c0", "s0", f"s{i - 1}"])  # cloud, star and chain links mixed
        links.append({"id": f"l{i}", "a": f"s{i}", "b": end, "capacity_kbps": rnd.choice([64, 256, 1024, 2048]),
                      "l2": rnd.choice(["ethernet", "ppp", "dot1q"]), "nat": rnd.random() < 0.1,
                      "name": rnd.choice(["", "", "same", f"n{i}"])})
    return Design.model_validate({"name": "t", "sites": sites, "clouds": clouds, "links": links,
                                  "vpn": {"technology": rnd.choice(["recommend", "dmvpn", "getvpn", "ipsec"])},
                                  "voice": {"codec": rnd.choice(["g711", "g729"])},
                                  "traffic": {"llq_share": rnd.choice([0.1, 0.33, 0.335])}})


def _sizing(design: Design) -> traffic.Sizing:
    routing = vpn.Routing(design)
    rec = vpn.recommend(design, routing)
    link_tech = traffic.link_technologies(design, rec.chosen, rec.per_cloud)
    return traffic.size(design, rec.chosen, link_tech, routing.routed)


@pytest.mark.parametrize("seed", range(40))
def test_bandwidth_findings_equal_validated_ones(seed):
    design = _design(seed)
    out = bandwidth.check(design, _sizing(design))
    for f in out:
        general = finding(f.code, f.subjects, f.message, f.rationale, f.remedy, rule=f.rule, source=f.source)
        validated = Finding.model_validate(f.model_dump())
        assert f == general == validated
        assert f.model_dump() == validated.model_dump() and repr(f) == repr(validated)
        assert f.severity == CATALOGUE[f.code][0]
        assert list(f.__dict__) == list(validated.__dict__)  # field order too


@pytest.mark.parametrize("seed", range(40))
def test_shared_fit_equals_a_fresh_fit_per_candidate(seed):
    design = _design(seed)
    routing = vpn.Routing(design)
    shared = Pricer(design)
    for hub in (False, True):
        routed = routing.routed(hub)
        for links in (None, {ln.id for ln in design.links[::2]}):
            for tech in vpn.CANDIDATES:
                assert fit(design, tech, routed, links, shared) == fit(design, tech, routed, links, Pricer(design))


@pytest.mark.parametrize("seed", range(40))
def test_link_results_equal_validated_ones(seed):
    design = _design(seed)
    results = _sizing(design).links
    assert [r.id for r in results] == [ln.id for ln in design.links]
    for r, ln in zip(results, design.links, strict=True):
        validated = LinkResult.model_validate(r.model_dump())
        assert r == validated and repr(r) == repr(validated)
        assert list(r.__dict__) == list(LinkResult.model_fields)  # field order too
        assert (r.a, r.b) == (ln.a, ln.b)


@pytest.mark.parametrize("seed", range(40))
def test_hops_equal_constructed_ones(seed):
    design = _design(seed)
    sizing = _sizing(design)
    ids = [s.id for s in design.sites]
    paths = DelayPaths(design, {}, sizing)
    links, results = design.links, sizing.links
    for a, b in [(ids[0], ids[-1]), (ids[-1], ids[len(ids) // 2])]:
        got = paths.route_numbers(a, b, sizing.hub)
        if got is None:
            continue
        numbers = got[1]
        general = tuple(Hop(links[k].id, links[k].rtt_ms / 2,
                            results[k].frame_bytes * 8.0 / results[k].capacity_kbps if results[k].capacity_kbps > 0
                            else 0.0, results[k].frame_bytes, links[k].capacity_kbps) for k in numbers)
        fast = aligned_hops(links, results, numbers)
        assert fast == general and repr(fast) == repr(general)
        assert [vars(h) for h in fast] == [vars(h) for h in general]
        assert [list(vars(h)) for h in fast] == [list(vars(h)) for h in general]
        budget = delay.budget(design, sizing, a, b, paths=paths)
        assert budget is not None and budget.hops == general


def _cloud_design(seed: int) -> Design:
    rnd = random.Random(seed)
    n = rnd.randint(2, 30)
    sites = [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": rnd.choice([0, 5, 40]),
              "cucm_publisher": i == 0 or rnd.random() < 0.1} for i in range(n)]
    clouds = [{"id": "c0", "kind": "mpls"}, {"id": "c1", "kind": "internet"}]
    links = [{"id": f"l{i}", "a": f"s{i}", "b": rnd.choice(["c0", "c1"])} for i in range(n) if rnd.random() < 0.7]
    if rnd.random() < 0.3:  # a site-to-site link: the general union-find only
        links.append({"id": "ss", "a": "s0", "b": f"s{n - 1}"})
    return Design.model_validate({"name": "t", "sites": sites, "clouds": clouds, "links": links})


@pytest.mark.parametrize("seed", range(60))
def test_reachability_on_clouds_equals_the_union_find(seed):
    design = _cloud_design(seed)
    if not design.links:
        return
    dep = deployment.detect(design)
    remote = deployment._Census.of(design).remote
    fast = deployment._cut_on_clouds(design, dep, remote)
    if any(ln.id == "ss" for ln in design.links):
        assert fast is None
    else:
        assert fast == deployment._cut(design, dep, remote)


def _forest_design(seed: int) -> Design:
    """Sites joined into trees by leased lines, some hung on one of two clouds, some left alone: a WAN without
    cycles in several parts."""
    rnd = random.Random(seed)
    n = rnd.randint(2, 40)
    sites = [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": rnd.choice([0, 5, 40]),
              "cucm_publisher": i == 0 or rnd.random() < 0.05} for i in range(n)]
    clouds = [{"id": "c0", "kind": "mpls"}, {"id": "c1", "kind": "internet"}]
    links, cloud_used = [], set()
    for i in range(1, n):
        roll = rnd.random()
        if roll < 0.6:  # to an earlier site: never closes a cycle
            links.append({"id": f"l{i}", "a": f"s{i}", "b": f"s{rnd.randrange(i)}"})
        elif roll < 0.8:  # one cloud link per cloud at most, or two parts on one cloud would join: still no cycle
            cloud = rnd.choice(["c0", "c1"])
            if cloud not in cloud_used:
                cloud_used.add(cloud)
                links.append({"id": f"l{i}", "a": f"s{i}", "b": cloud})
    return Design.model_validate({"name": "t", "sites": sites, "clouds": clouds, "links": links})


@pytest.mark.parametrize("seed", range(80))
def test_reachability_on_a_known_forest_equals_the_union_find(seed):
    from advisor.routing_forest import rooted_forest
    from advisor.routing_graph import graph_of

    design = _forest_design(seed)
    dep = deployment.detect(design)
    remote = deployment._Census.of(design).remote
    assert deployment._cut_on_forest(design, dep, remote) is None  # no routing yet: nothing known
    assert rooted_forest(graph_of(design)) is not None
    assert deployment._cut_on_forest(design, dep, remote) == deployment._cut(design, dep, remote)


def test_reachability_is_not_read_off_a_graph_with_a_cycle():
    from advisor.routing_forest import rooted_forest
    from advisor.routing_graph import graph_of

    design = Design.model_validate({"name": "t", "sites": [
        {"id": "a", "users": 5, "cucm_publisher": True}, {"id": "b", "users": 5}, {"id": "c", "users": 5},
        {"id": "d", "users": 5}],
        "links": [{"id": "ab", "a": "a", "b": "b"}, {"id": "bc", "a": "b", "b": "c"}, {"id": "ca", "a": "c", "b": "a"}]})
    assert rooted_forest(graph_of(design)) is None
    dep = deployment.detect(design)
    remote = deployment._Census.of(design).remote
    assert deployment._cut_on_forest(design, dep, remote) is None
    assert deployment._cut(design, dep, remote) == ["d"]  # by hand: d has no link at all
