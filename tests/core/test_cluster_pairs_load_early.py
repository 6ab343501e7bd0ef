"""Clustering's searches over a WAN whose sizing will load the compiled routing loops anyway (a meshed block of
thousands of sites): the loops are loaded before the searches, which then run compiled too; too few alone to load
them (25 searches over 10,000 sites of regional hubs ran interpreted, ~0.6 s). The same pairs either way."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from advisor import clustering, routing_compiled
from advisor.routing import Graph

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402
from varied import vary  # noqa: E402

pytestmark = pytest.mark.skipif(not routing_compiled.available(), reason="numba is not installed here")


def _design(sites: int):
    # sites on an MPLS VPN, every other one also on the Internet through the site next door: one meshed block of
    # every site, one tree per site (regional hub pairs, which this used, are summed at once now: no trees to load
    # the loops for)
    return vary(generate(sites, "breakout-pairs", 2), 2)


def test_a_meshed_block_of_thousands_is_one_the_sizing_loads_the_loops_for():
    large, small = Graph.of(_design(2000)), Graph.of(_design(200))
    assert clustering._sizing_loads_them(large)  # one block of ~2,000 sites: 2,000 trees of it at least
    assert not clustering._sizing_loads_them(small)


def test_the_loops_are_asked_for_before_the_searches_and_the_pairs_are_the_same(monkeypatch):
    design = _design(2000)
    asked = []
    real = routing_compiled.available
    # as in a fresh process: the loops not loaded yet, and the searches too few to load them
    monkeypatch.setattr(routing_compiled, "worth", lambda *_a, **_k: False)
    monkeypatch.setattr(routing_compiled, "available", lambda: asked.append(True) or real())
    early = clustering.pairs(design)
    assert asked
    assert sum(p.rtt_ms is not None for p in early) > 50  # pairs whose paths were searched
    monkeypatch.setattr(clustering, "_sizing_loads_them", lambda graph: False)
    monkeypatch.setattr(routing_compiled, "ready", lambda: False)  # the searches interpreted, as before
    assert clustering.pairs(design.model_copy(deep=True)) == early
