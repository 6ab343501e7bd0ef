"""The bound of sites with one link (`demand_bounds._stubs`) by array passes over the routing graph's link ends gives
what the plain pass over the links gives: the same stub sites, phones, total and per-link bounds, with the same types
(ints, and infinity where a link has no stub end), on generated designs of every shape, varied, with sites left
without a link."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy  # noqa: F401 (loaded, as the sizing of a large design loads it: the arrays path is then taken)
import pytest

from advisor import demand_bounds, routing_graph

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import EXTRA_TOPOLOGIES, TOPOLOGIES, generate  # noqa: E402
from varied import vary  # noqa: E402


def _both(design, monkeypatch, own_links: bool = False):
    index = routing_graph.site_index(design)
    demand_bounds.forget()
    fast = demand_bounds._stub_arrays(design, index, own_links)
    demand_bounds.forget()
    with monkeypatch.context() as m:
        m.setattr(demand_bounds, "_stub_arrays", lambda *_a: None)
        plain = demand_bounds._stubs(design, index, own_links)
    demand_bounds.forget()
    return fast, plain


@pytest.mark.parametrize("seed", range(12))
def test_arrays_give_the_plain_bounds(seed, monkeypatch):
    rng = random.Random(seed)
    shapes = [s for s in (*TOPOLOGIES, *EXTRA_TOPOLOGIES) if s != "full-mesh"]
    taken = 0
    for _ in range(6):
        design = generate(rng.choice([routing_graph.ARRAYS_MIN, 700, 1500]), rng.choice(shapes))
        if rng.random() < 0.7:
            design = vary(design, seed=rng.randrange(10**6))
        if rng.random() < 0.4:  # some sites left without a link: they hold no call across the WAN
            design = design.model_copy(update={"links": tuple(ln for ln in design.links if rng.random() > 0.1)})
        for own_links in (False, True):  # sites with one link; every site with links (a cloud's closed form)
            fast, plain = _both(design, monkeypatch, own_links)
            if fast is None:  # no arrays for this graph (parallel links): the plain pass is the only one
                continue
            taken += 1
            assert fast[:3] == plain[:3]
            assert fast[3] == plain[3]
            assert list(map(type, fast[3])) == list(map(type, plain[3]))
    assert taken  # the arrays path was compared at least once per seed


def test_a_star_of_one_link_sites_on_a_cloud_bounds_each_by_the_smaller_side(monkeypatch):
    # 1,000 sites of 10 phones on one cloud: each access link's bound is min(10, 9,990) = 10, by hand
    design = generate(1000, "mpls")
    design = design.model_copy(update={"sites": tuple(s.model_copy(update={"users": 10, "phones": None})
                                                      for s in design.sites)})
    fast, plain = _both(design, monkeypatch)
    assert fast is not None and fast[2] == 10_000
    assert fast[3] == [10] * 1000 == plain[3]


def test_every_site_with_links_counts_as_one_end_where_each_link_carries_its_own_calls(monkeypatch):
    # 1,000 sites of 10 phones on two clouds (each site two links): counted once each, the bound of every access
    # link min(10, 9,990) = 10 by hand; with one link per site asked for, none is a stub
    design = generate(1000, "dual-cloud")
    design = design.model_copy(update={"sites": tuple(s.model_copy(update={"users": 10, "phones": None})
                                                      for s in design.sites)})
    fast, plain = _both(design, monkeypatch, own_links=True)
    assert fast is not None and len(fast[0]) == 1000 and fast[2] == 10_000
    assert fast[3] == [10] * 2000 == plain[3]
    one_link, _plain = _both(design, monkeypatch)
    assert one_link[0] == set() and one_link[3] == []
