"""The VPN fit's groups of links give what the link-by-link scan gives on generated designs: a group per link (a
chain), few groups (a tree, a cloud), link subsets, both overlay shapes; and the groups' members, dominant link and
first prices equal the obvious loops, ties included."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from advisor import traffic
from advisor.model import Design
from advisor.rules import vpn, vpn_fit
from advisor.rules.vpn_fit import LinkFit, _Rows, fit

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import TOPOLOGIES, generate  # noqa: E402


def _scan(design: Design, technology: str, routed, link_ids, pricer):
    """Every link in design order; the first of equal maxima; overloaded and above-queue links in design order."""
    share = design.traffic.llq_share
    nat = traffic.nat_links(design, technology, routed.hub.id if routed.hub is not None else None)
    rows, overloaded, above = [], [], []
    for k, ln in enumerate(design.links):
        if link_ids is not None and ln.id not in link_ids:
            continue
        per_call, clear = pricer.kbps(technology, k, ln.id in nat), pricer.kbps("none", k, False)
        voice = routed.calls[k] * per_call
        total = voice + routed.load.signalling_kbps[k] + routed.cluster_kbps[k]
        if total > ln.capacity_kbps:
            overloaded.append(ln.id)
        if voice > share * ln.capacity_kbps:
            above.append(ln.id)
        rows.append(LinkFit(ln.id, per_call, clear, routed.calls[k], voice, total, ln.capacity_kbps,
                            share * ln.capacity_kbps))
    if not rows:
        return None

    def first_max(value):
        best = max(map(value, rows))
        return next(r for r in rows if value(r) == best)

    top = max((r.calls, -r.capacity_kbps, r.per_call_kbps) for r in rows)  # the busiest: the costliest per call of
    busiest = min((r for r in rows if (r.calls, -r.capacity_kbps, r.per_call_kbps) == top),  # those alike,
                  key=lambda r: r.link)  # then the smallest id
    return (first_max(lambda r: r.voice_kbps / r.llq_kbps), first_max(lambda r: r.total_kbps / r.capacity_kbps),
            busiest, tuple(overloaded), tuple(above))


def _design(sites: int, shape: str) -> Design:
    data = generate(sites, shape).model_dump()
    for k, link in enumerate(data["links"]):
        link["l2"] = ("ethernet", "ppp", "ethernet")[k % 3]
        link["nat"] = k % 13 == 4
        if k % 5 == 0:
            link["capacity_kbps"] = 512  # some links overloaded, some above the queue share, some fine
    return Design.model_validate(data)


@pytest.mark.parametrize("shape", TOPOLOGIES)
@pytest.mark.parametrize("sites", [41, 2000])
def test_grouped_fit_equals_the_scan_on_generated_designs(shape, sites):
    design = _design(sites, shape)
    routing = vpn.Routing(design)
    subsets = [None, {ln.id for ln in design.links[::2]}, {design.links[-1].id}]
    for hub in (False, True):
        for subset in subsets:
            for technology in vpn.CANDIDATES:
                got = fit(design, technology, routing.routed(hub), subset, routing.pricer)
                want = _scan(design, technology, routing.routed(hub), subset, routing.pricer)
                assert (got.busiest_pq, got.worst, got.dominant, got.overloaded, got.above_pq) == want


def _rows(calls, capacity, prices_by=None, ids=None) -> _Rows:
    rows = object.__new__(_Rows)  # the columns only: what `dominant` and `price_firsts` read, a link per group
    rows.calls, rows.capacity = calls, capacity
    rows.prices_by = prices_by or [("ethernet", False)] * len(calls)
    rows._busiest = rows._price_firsts = None
    rows.singletons, rows.first, rows._numbers = True, list(range(len(calls))), range(len(calls))
    rows._ids = ids or [f"l{r:03d}" for r in range(len(calls))]  # ids in the order listed, unless given
    return rows


@pytest.mark.parametrize("seed", range(30))
def test_dominant_and_first_prices_equal_the_loops(seed):
    rnd = random.Random(seed)
    n = rnd.randint(1, 60)
    calls = [rnd.choice([0, 3, 7, 7, 12]) for _ in range(n)]  # many ties on calls, and on capacity
    capacity = [rnd.choice([256.0, 512.0, 512.0, 1000.0 / 3]) for _ in range(n)]
    prices_by = [(rnd.choice(["ppp", "ethernet"]), rnd.random() < 0.3) for _ in range(n)]
    rows = _rows(calls, capacity, prices_by)
    top = max((c, -k) for c, k in zip(calls, capacity, strict=True))
    assert rows.busiest() == [r for r in range(n) if (calls[r], -capacity[r]) == top]
    firsts: dict[tuple, int] = {}
    for r, key in enumerate(prices_by):
        firsts.setdefault(key, r)
    assert list(rows.price_firsts().items()) == list(firsts.items())
    # by hand: calls 12 at positions 1 and 2, the smaller capacity (256) first at 2
    assert _rows([7, 12, 12, 12], [256.0, 512.0, 256.0, 256.0]).busiest() == [2, 3]
    # of links alike, the one of the smallest id, wherever it is listed
    assert _rows([12, 12, 12, 7], [256.0, 256.0, 512.0, 256.0], ids=["l4", "l3", "l2", "l1"]).smallest_link(
        [0, 1]) == (1, 1)


@pytest.mark.parametrize("columns_min", [vpn_fit.COLUMNS_MIN, 1])  # 1: the numpy members for any number of groups
@pytest.mark.parametrize("shape", ["chain", "tree", "mpls", "mesh"])
def test_members_are_the_links_with_the_groups_keys(shape, columns_min, monkeypatch):
    import numpy  # noqa: F401  (the numpy members are used only once numpy is loaded)

    monkeypatch.setattr(vpn_fit, "COLUMNS_MIN", columns_min)
    design = _design(300, shape)
    routing = vpn.Routing(design)
    pricer = routing.pricer
    routed = routing.routed(False)
    hub = routed.hub.id if routed.hub is not None else None
    # what a link's figures depend on: layer 2, whether NAT-T may apply (a NATed design: every link of a direct
    # overlay, a NATed or hub link of a hub-and-spoke one), calls, signalling, cluster traffic, capacity
    nat_t = [hub is None or ln.nat or hub in (ln.a, ln.b) for ln in design.links]
    key = [(pricer.l2[k], nat_t[k], routed.calls[k], routed.load.signalling_kbps[k], routed.cluster_kbps[k],
            pricer.capacity[k]) for k in range(len(design.links))]
    for subset in (None, {ln.id for ln in design.links[1::3]}):
        rows = pricer.rows(routed, subset)
        numbers = [k for k, ln in enumerate(design.links) if subset is None or ln.id in subset]
        group_keys = [key[k] for k in rows.first]
        assert len(set(group_keys)) == len(group_keys)  # one group per distinct key, at its first link
        assert rows.first == sorted({key[k]: k for k in reversed(numbers)}.values())
        assert rows.singletons == (len(rows) == len(numbers))
        rnd = random.Random(len(numbers))
        for size in (1, 2, len(rows) // 2, len(rows) - 1, len(rows)):
            groups = sorted(rnd.sample(range(len(rows)), max(size, 1)))
            chosen = {group_keys[r] for r in groups}
            assert rows.members(groups) == [k for k in numbers if key[k] in chosen]
