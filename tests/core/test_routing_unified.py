"""One lowest-weight search for the sizing and the rules; tree-shaped WANs routed in closed form, same figures."""

from __future__ import annotations

import random

import pytest

from advisor import demand, routing
from advisor.model import Design
from advisor.rules._wan import Paths
from advisor.rules.delay_paths import DelayPaths


def _random_design(seed: int, tree: bool) -> Design:
    rnd = random.Random(seed)
    n = rnd.randint(2, 40)
    sites = [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": 100 if i == 0 else rnd.choice([0, 5, 40]),
              "cucm_publisher": i == 0, "cucm_subscribers": 1 if i == 0 else 0, "pstn_gateway": rnd.random() < 0.5}
             for i in range(n)]
    links = [{"id": f"l{i}", "a": f"s{rnd.randrange(i)}", "b": f"s{i}", "rtt_ms": rnd.choice([5, 10, 20])}
             for i in range(1, n)]
    if not tree:
        links += [{"id": f"x{k}", "a": f"s{rnd.randrange(n)}", "b": f"s{rnd.randrange(n)}",
                   "rtt_ms": rnd.choice([5, 10, 20])} for k in range(n // 3)]
        links = [ln for ln in links if ln["a"] != ln["b"]]
    return Design.model_validate({"name": "t", "sites": sites, "links": links})


@pytest.mark.parametrize("seed", range(12))
def test_rules_and_sizing_share_one_search(seed):
    design = _random_design(seed, tree=False)
    graph, paths = routing.Graph.of(design), Paths(design)
    for site in design.sites[:5]:
        assert paths.rtts_from(site.id) == pytest.approx(
            {k: v for k, v in routing.rtts_from(design, site.id, graph).items()})
        for target in design.sites:
            got = paths.path(site.id, target.id)
            if got is not None:
                assert got[0] == pytest.approx(routing.path_rtt_ms(design, site.id, target.id))


def test_delay_paths_weigh_links_with_their_own_weights():
    design = _random_design(3, tree=False)
    serial = {ln.id: 1.5 for ln in design.links}
    delay = DelayPaths(design, serial)
    order, exact, _parent, _best = routing.lowest_tree(delay.adj, delay.rtt, 0)
    assert {delay.ids[v]: exact[v] for v in order} == delay.rtts_from(design.sites[0].id)
    assert delay.rtt == [ln.rtt_ms / 2 + 1.5 for ln in design.links]


@pytest.mark.parametrize("hub", [False, True])
@pytest.mark.parametrize("seed", range(25))
def test_tree_closed_form_equals_one_tree_per_source(seed, hub, monkeypatch):
    design = _random_design(seed, tree=True)
    fast = demand.route_afresh(design, hub).load
    monkeypatch.setattr(routing, "rooted_forest", lambda graph: None)
    slow = demand.route_afresh(design, hub).load
    assert fast.method == slow.method
    assert fast.erlangs == pytest.approx(slow.erlangs, rel=1e-12, abs=1e-12)
    assert fast.signalling_kbps == pytest.approx(slow.signalling_kbps, rel=1e-12, abs=1e-12)
    assert fast.hairpin_erlangs == slow.hairpin_erlangs


def test_a_cycle_is_not_a_forest():
    triangle = Design.model_validate({"name": "t", "sites": [{"id": x} for x in "ABC"],
                                      "links": [{"id": "ab", "a": "A", "b": "B"}, {"id": "bc", "a": "B", "b": "C"},
                                                {"id": "ca", "a": "C", "b": "A"}]})
    assert routing.rooted_forest(routing.Graph.of(triangle)) is None
    chain = Design.model_validate({"name": "t", "sites": [{"id": x} for x in "ABC"],
                                   "links": [{"id": "ab", "a": "A", "b": "B"}, {"id": "ab2", "a": "B", "b": "A"},
                                             {"id": "bc", "a": "B", "b": "C"}]})
    assert routing.rooted_forest(routing.Graph.of(chain)) is not None  # parallel links collapse into one edge
