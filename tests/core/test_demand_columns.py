"""The per-site loads read as columns and the drawn topology's class, against the loops they replace (==)."""

from __future__ import annotations

import random

import pytest

from advisor import demand, routing
from advisor.model import Design
from tests.core.loads_plain import plain_loads


@pytest.mark.parametrize("seed", range(30))
def test_site_loads_by_columns_equal_one_site_at_a_time(seed):
    rnd = random.Random(seed)
    overrides = seed % 3 == 0
    phones = seed % 2 == 0
    sites = []
    for i in range(rnd.randint(1, 40)):
        site = {"id": f"s{i}", "users": rnd.choice([0, 1, 7, 25, 25, 300])}
        if phones and rnd.random() < 0.5:
            site["phones"] = rnd.choice([0, 3, 25, 400])
        if overrides and rnd.random() < 0.3:
            site["traffic"] = {"calls_per_user": rnd.choice([0.5, 2.0]), "on_net_share": rnd.choice([0.2, 0.9])}
        sites.append(site)
    design = Design.model_validate({"name": "t", "sites": sites,
                                    "traffic": {"calls_per_user": rnd.choice([1.0, 3.3]), "holding_time_s": 180}})
    got = demand._site_loads(design, [])
    assert [(r.erlangs, r.intra, r.on_net, r.pstn_own, r.phones_kbps) for r in got] == plain_loads(design)[0]


def _old_classify(design: Design) -> str:
    if len(design.sites) <= 1:
        return "single-site"
    clouds = {c.id for c in design.clouds}
    site_site = [ln for ln in design.links if ln.a not in clouds and ln.b not in clouds]
    if not site_site:
        return "cloud"
    if len(site_site) < len(design.links):
        return "mixed"
    return "hub-and-spoke" if routing._star_centre(design) is not None else "mesh"


@pytest.mark.parametrize("seed", range(30))
def test_topology_class_is_as_before(seed):
    rnd = random.Random(seed)
    n = rnd.randint(1, 6)
    clouds = [{"id": "c0"}] if rnd.random() < 0.5 else []
    ends = [f"s{i}" for i in range(n)] + [c["id"] for c in clouds]
    links = []
    for k in range(rnd.randint(0, 6)):
        a, b = rnd.sample(ends, 2) if len(ends) > 1 else (ends[0], ends[0])
        if a != b:
            links.append({"id": f"l{k}", "a": a, "b": b})
    design = Design.model_validate({"name": "t", "sites": [{"id": f"s{i}"} for i in range(n)], "clouds": clouds,
                                    "links": links})
    assert routing.classify(design) == _old_classify(design)


@pytest.mark.parametrize("seed", range(12))
def test_shared_figures_by_arrays_equal_the_loops(seed, monkeypatch):
    # Base.of on a large design picks the signalling flows and works out the received Erlangs with arrays.
    from advisor import routing_graph

    rnd = random.Random(seed)
    n = rnd.randint(2, 80)
    sites = [{"id": f"s{i}", "users": rnd.choice([0, 1, 40, 250]), "cucm_publisher": i == 0 or rnd.random() < 0.05,
              "cucm_subscribers": rnd.choice([0, 0, 0, 2]), "cluster_id": rnd.choice(["a", "b", "cluster-1"])}
             for i in range(n)]
    design = Design.model_validate({"name": "t", "sites": sites})
    figures = []
    for arrays in (True, False):
        monkeypatch.setattr(routing_graph, "ARRAYS_MIN", 0 if arrays else 10**9)
        routing_graph.forget()
        base = demand.Base.of(design)
        figures.append((base.signalling_flows, base.terminated, base.users, base.index, vars(base.loads)))
    routing_graph.forget()
    assert figures[0] == figures[1]
    assert all(type(x) is float and type(s) is int for s, _c, x in figures[0][0])


def test_routing_a_large_cloud_does_not_import_numpy():
    # Clouds are sized in closed form: their routing must not pay numpy's import (~0.1 s) in a one-shot `check`;
    # thousands of sites over leased lines do import it (their arrays save more).
    import subprocess
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parents[2] / "benchmarks"
    code = (f"import sys\nsys.path.insert(0, {str(bench)!r})\nfrom generate import generate\n"
            "from advisor import demand\n"
            "for t in ('mpls', 'internet-hub'):\n"
            "    d = generate(8500, t)\n"
            "    base = demand.Base.of(d)\n"
            "    demand.route_afresh(d, True, base=base, like=demand.route_afresh(d, False, base=base))\n"
            "print('numpy' in sys.modules)\n"
            "d = generate(8500, 'tree')\n"
            "demand.route_afresh(d, False)\n"
            "print('numpy' in sys.modules)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True"]
