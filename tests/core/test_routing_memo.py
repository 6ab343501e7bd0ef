"""The busy hour is routed once per design and overlay shape: the analysis routes it afresh, and what reads the
routing afterwards (the explanations, the PDF's worked examples) takes the analysis's instead of routing again,
which on a large meshed WAN costs one search per site."""

from __future__ import annotations

import sys

from advisor import demand
from advisor.analysis import analyse, forget
from advisor.explain.context import Context
from advisor.model import Design


def _ring(n: int) -> Design:
    sites = [{"id": f"s{i}", "users": 10 + i, "cucm_publisher": i == 0} for i in range(n)]
    links = [{"id": f"l{i}", "a": f"s{i}", "b": f"s{(i + 1) % n}"} for i in range(n)]
    return Design.model_validate({"name": "ring", "sites": sites, "links": links, "vpn": {"technology": "none"}})


def _counting(monkeypatch) -> list[bool]:
    calls: list[bool] = []
    real = demand.route_afresh

    def spy(design, hub_overlay, **kwargs):
        calls.append(hub_overlay)
        return real(design, hub_overlay, **kwargs)

    monkeypatch.setattr(demand, "route_afresh", spy)
    return calls


def test_explaining_after_the_analysis_routes_nothing_again(monkeypatch):
    design = _ring(12)
    calls = _counting(monkeypatch)
    results = analyse(design)
    shapes = len(calls)
    assert 1 <= shapes <= 2 and len(set(calls)) == shapes  # each shape once
    routed = Context.of(design, results).routed
    assert len(calls) == shapes  # taken from the analysis
    assert routed is demand.route(design, routed.hub is not None)


def test_each_analysis_routes_afresh_and_forget_drops_the_routing(monkeypatch):
    design = _ring(8)
    calls = _counting(monkeypatch)
    analyse(design)
    first = len(calls)
    analyse(design)  # the same design again: its figures are worked out again, not read back
    assert len(calls) == 2 * first
    kept = demand.route(design, False)
    assert demand.route(design, False) is kept
    forget()
    assert demand.route(design, False) is not kept
    assert demand.route(design, False).load.erlangs == kept.load.erlangs


def test_another_design_is_routed_for_itself():
    a, b = _ring(6), _ring(7)
    ra = demand.route(a, False)
    rb = demand.route(b, False)
    assert rb is not ra and len(rb.load.erlangs) == 7 and len(ra.load.erlangs) == 6
    assert demand.route(a, False) is not ra  # only the last design is kept
    forget()


def test_forget_leaves_no_reference_to_the_design():
    """After `forget`, nothing the analysis keeps for the last design holds it: a caller that drops it frees it
    then (the benchmarks' cold runs, the command line), not inside the next analysis. The site on two clouds
    with a leased line beside them is the case whose access links are worked out and kept."""
    import gc

    sites = [{"id": f"s{i}", "users": 10 + i, "cucm_publisher": i == 0} for i in range(4)]
    clouds = [{"id": "mpls", "kind": "mpls"}, {"id": "net", "kind": "internet"}]
    links = ([{"id": f"m{i}", "a": f"s{i}", "b": "mpls"} for i in range(4)]
             + [{"id": f"n{i}", "a": f"s{i}", "b": "net"} for i in range(4)]
             + [{"id": "dci", "a": "s0", "b": "s1"}])
    for make in (lambda: _ring(9), lambda: Design.model_validate({"name": "two clouds", "sites": sites,
                                                                   "clouds": clouds, "links": links})):
        design = make()
        analyse(design)
        forget()
        gc.collect()
        holders = [r for r in gc.get_referrers(design) if r is not sys._getframe()]
        assert holders == [], f"{design.name}: still held by {[type(r).__name__ for r in holders]}"


def test_explaining_after_the_analysis_searches_no_cluster_paths_again(monkeypatch):
    # The shape-independent figures hold the paths between each cluster's sites, a search over the whole WAN: the
    # app's Explain tab searched again at every result (1 s at 10,000 sites), though the analysis had them.
    from advisor import clustering

    design = Design.model_validate({
        "name": "two clusters", "vpn": {"technology": "none"},
        "sites": [{"id": "a", "users": 10, "cucm_publisher": True, "cluster_id": "c1"},
                  {"id": "b", "users": 10, "cucm_subscribers": 1, "cluster_id": "c1"},
                  {"id": "c", "users": 10}],
        "links": [{"id": "ab", "a": "a", "b": "b"}, {"id": "bc", "a": "b", "b": "c"}]})
    searched: list[int] = []
    real = clustering.pairs
    monkeypatch.setattr(clustering, "pairs", lambda d: searched.append(1) or real(d))
    results = analyse(design)
    assert searched == [1]
    context = Context.of(design, results)
    assert context.base is demand.Base.of(design) and context.routed is not None
    assert searched == [1]  # taken from the analysis
    forget()
    assert demand.Base.of(design) is not context.base and searched == [1, 1]  # worked out again once forgotten
    other = design.model_copy(update={"name": "another"})
    assert demand.Base.of(other).design is other
