"""Columns the analysis reads once and shares, against a plain reading written here item by item: the rules' site
fields read off the sites' attribute dicts (`rules._columns.site_dicts`), the VPN pricer's link columns, the link
ends the names, the link columns and the sizing take from the routing (`routing_graph.link_ends`), the names of
links, the CAC values read off the link columns, the links with no stub end kept per design
(`demand_bounds._no_stub_end`), and the hub's signalling summed on the flows' columns (`demand_hub._hub_signalling`,
bit for bit with the loop, a flow from the hub to itself counted twice), on generated designs of several shapes,
plain and varied."""

from __future__ import annotations

import random
import struct
import sys
from itertools import repeat
from pathlib import Path

import numpy  # noqa: F401 (loaded, as a large design's analysis loads it: the arrays paths are then taken)
import pytest

from advisor import analysis, demand, demand_bounds, demand_hub, routing_graph, traffic
from advisor.model import Design, Site
from advisor.rules import _columns, _names, cac, vpn_fit

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402
from varied import vary  # noqa: E402

SHAPES = ("mpls", "internet-hub", "dual-cloud", "tree", "chain", "mesh")


def _designs():
    for shape in SHAPES:
        for n, seed in ((60, None), (300, 3), (900, 11)):
            design = generate(n, shape)
            yield f"{shape}-{n}-{seed}", design if seed is None else vary(design, seed)


DESIGNS = list(_designs())


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)


@pytest.fixture(autouse=True)
def _fresh():
    analysis.forget()
    yield
    analysis.forget()


@pytest.mark.parametrize("name,design", DESIGNS, ids=[n for n, _ in DESIGNS])
def test_site_fields_are_the_attributes(name, design):
    """Every model field of every site, read by `site_field`, is the very object `site.<field>` reads; the per-site
    columns (ids, phones, call-processing nodes) are what the attributes say."""
    _columns.forget()
    sites = design.sites
    for field in Site.model_fields:
        got = _columns.site_field(design, field)
        assert len(got) == len(sites)
        assert all(g is getattr(s, field) for g, s in zip(got, sites, strict=True)), field
    cols = _columns.site_columns(design)
    assert cols.ids == [s.id for s in sites]
    assert cols.phones == [s.users if s.phones is None else s.phones for s in sites]
    assert cols.nodes == [s.cucm_publisher + s.cucm_subscribers for s in sites]
    # a property is no field: read as an attribute
    assert _columns.site_field(design, "call_processing_nodes") == [s.call_processing_nodes for s in sites]


@pytest.mark.parametrize("name,design", DESIGNS, ids=[n for n, _ in DESIGNS])
def test_link_columns_pricer_and_names_read_the_links(name, design):
    links = design.links
    _columns.forget()
    cols = _columns.link_columns(design)
    assert cols.ids == [ln.id for ln in links]
    assert cols.a == [ln.a for ln in links] and cols.b == [ln.b for ln in links]
    pricer = vpn_fit.Pricer(design)
    assert pricer.ids == [ln.id for ln in links]
    assert pricer.l2 == [(ln.l2, ln.l2_bytes) for ln in links]
    assert all(c is ln.capacity_kbps for c, ln in zip(pricer.capacity, links, strict=True))
    assert pricer.any_nat == any(ln.nat for ln in links)
    # each link named as the plain reading names it: its name, else its two ends by name; two alike carry the id
    names = _names.Names(design)
    keys = {ln.id: ln.name.strip() or (ln.a, ln.b) for ln in links}
    counts: dict = {}
    for key in keys.values():
        counts[key] = counts.get(key, 0) + 1
    for ln in links[:: max(1, len(links) // 200)]:
        key = keys[ln.id]
        text = key if isinstance(key, str) else f"{names.node(key[0])} – {names.node(key[1])}"
        assert names.link(ln.id) == f"link '{text} ({ln.id})'" if counts[key] > 1 else f"link '{text}'"
    site_names = {s.id: s.name.strip() or s.id for s in (*design.sites, *design.clouds)}
    alike = {v for v in site_names.values() if list(site_names.values()).count(v) > 1} if len(site_names) < 400 \
        else None
    if alike is not None:
        for node_id, text in site_names.items():
            assert names.node(node_id) == (f"{text} ({node_id})" if text in alike and text != node_id else text)


def test_unnamed_links_between_the_same_ends_carry_their_ids():
    """Two unnamed links between the same two sites read alike: each carries its id (the ends come from the
    routing's reading of the links)."""
    design = Design.model_validate({
        "sites": [{"id": "a", "name": "Maribor"}, {"id": "b", "name": "Celje"}, {"id": "c", "name": "Koper"}],
        "links": [{"id": "l1", "a": "a", "b": "b"}, {"id": "l2", "a": "a", "b": "b"}, {"id": "l3", "a": "b", "b": "c"}]})
    names = _names.Names(design)
    assert names.link("l1") == "link 'Maribor – Celje (l1)'"
    assert names.link("l2") == "link 'Maribor – Celje (l2)'"
    assert names.link("l3") == "link 'Celje – Koper'"
    assert names.link("nope") == "link 'nope'"


@pytest.mark.parametrize("name,design", DESIGNS, ids=[n for n, _ in DESIGNS])
def test_cac_values_from_the_link_columns(name, design, monkeypatch):
    """DEP-CAC-VALUES reads the links' ids and ends off the design's link columns when the sizing's results are the
    design's links: the same finding and rows as when it reads them off the results."""
    results = analysis.analyse(design)
    sizing = traffic.size(design, results.recommendation.chosen)
    dep = results.model  # the deployment the analysis found (centralized: the topology check runs too)

    def run():
        rows, out = [], []
        cac.cac_checks(design, sizing, dep, rows, out, _names.Names(design))
        return rows, [f.model_dump() for f in out]

    fast = run()
    with monkeypatch.context() as m:
        m.setattr(cac, "aligned", lambda *_a: False)
        plain = run()
    assert fast == plain


def _plain_hub_signalling(flows, hubs) -> dict[int, float]:
    """`other_shape`'s loop."""
    sig = {h: 0.0 for h in hubs}
    for s, t, kbps in flows:
        if s in sig:
            sig[s] += kbps
        if t in sig:
            sig[t] += kbps
    return sig


@pytest.mark.parametrize("seed", range(8))
def test_hub_signalling_sums_as_the_loop(seed):
    """Thousands of flows of very different sizes (an unordered or pairwise sum would differ in the last bits),
    flows from a hub to itself, -0.0 and two hubs: the same figures, bit for bit."""
    rng = random.Random(seed)
    n = rng.choice([0, 1, 5, 3000, 12000])
    sites = max(n // 3, 3)
    flows = [(rng.randrange(sites), rng.randrange(4), rng.choice([rng.random() * 10 ** rng.randint(-6, 6), -0.0, 0.1]))
             for _ in range(n)]
    flows += [(2, 2, 0.30000000000000004)] * (seed % 3)  # from a hub to itself
    hubs = {2} if seed % 2 else {1, 2}
    got = demand_hub._hub_signalling(flows, hubs)
    want = _plain_hub_signalling(flows, hubs)
    assert got.keys() == want.keys()
    for h in hubs:
        assert _bits(got[h]) == _bits(want[h]), (h, got[h], want[h])


def test_a_flow_from_the_hub_to_itself_counts_twice():
    flows = [(0, 1, 1.5), (1, 1, 2.0), (3, 1, 0.25), (2, 0, 8.0)]
    assert demand_hub._hub_signalling(flows, {1}) == {1: 1.5 + 2.0 + 2.0 + 0.25}  # 5.75 by hand
    assert demand_hub._hub_signalling(flows, {0, 1}) == {0: 9.5, 1: 5.75}
    assert demand_hub._hub_signalling([], {4}) == {4: 0.0}


@pytest.mark.parametrize("shape", ["mpls", "dual-cloud", "internet-hub"])
@pytest.mark.parametrize("seed", [None, 5])
def test_other_shape_with_arrays_as_without(shape, seed, monkeypatch):
    """A cloud's hub shape worked out from the other shape: the same loads and calls with the flows' columns as
    with the loop."""
    design = generate(routing_graph.ARRAYS_MIN + 400, shape)
    if seed is not None:
        design = vary(design, seed)

    def routed():
        demand.forget()
        first = demand.route_afresh(design, False)
        return demand.route_afresh(design, True, like=first)

    fast = routed()
    with monkeypatch.context() as m:
        m.setattr(demand_hub, "arrays_ready", lambda _n: False)
        plain = routed()
    for column in ("erlangs", "hairpin_erlangs", "signalling_kbps"):
        got, want = getattr(fast.load, column), getattr(plain.load, column)
        assert list(map(_bits, got)) == list(map(_bits, want)), column
    assert fast.calls == plain.calls and fast.bounded == plain.bounded


@pytest.mark.parametrize("name,design", DESIGNS, ids=[n for n, _ in DESIGNS])
def test_links_with_no_stub_end(name, design):
    """The links `_cut_capped` looks at beyond the stub sites' are those with no plain bound; kept per bounds list,
    worked out again for another."""
    index = routing_graph.site_index(design)
    for own_links in (False, True):
        demand_bounds.forget()
        _stubs, _held, _total, plain = demand_bounds._stubs(design, index, own_links)
        want = [k for k, b in enumerate(plain) if b == float("inf")]
        assert demand_bounds._no_stub_end(plain) == want
        assert demand_bounds._no_stub_end(plain) is demand_bounds._no_stub_end(plain)  # kept
        other = list(plain)
        if other:
            other[0] = float("inf") if other[0] != float("inf") else 1
            assert demand_bounds._no_stub_end(other) == [k for k, b in enumerate(other) if b == float("inf")]
        # and the bounds are what a plain reading of each link's calls gives
        calls = list(repeat(10 ** 6, len(design.links)))
        out, bounded, _relayed, _by_design, _whole = demand_bounds.capped(design, index, calls, [], None, own_links)
        assert all(o <= c for o, c in zip(out, calls, strict=True))
        assert set(bounded) == {k for k, (o, c) in enumerate(zip(out, calls, strict=True)) if o < c}
