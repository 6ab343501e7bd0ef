"""Meshed WANs routed by the block arrays (small repeated blocks) give exactly what routing block by block gives;
blocks too large for them, or with ties the arrays cannot settle, go block by block; and the array helpers stay on
plain numpy."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
import pytest

from advisor import routing, routing_arrays, routing_blocks, routing_blocks_arrays
from advisor.model import Design
from tests.core.test_routing_arrays import _routed


def _mesh(seed: int, rtts=(5, 10, 15, 20), clouds: bool = False) -> Design:
    """Small meshes (rings, chords, triangles) joined by bridges and chains, some of one shape repeated; random
    users, PSTN gateways and two CUCM clusters, so hauled PSTN calls and signalling cross blocks."""
    rnd = random.Random(seed)
    n = rnd.randint(6, 90)
    sites = [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": rnd.choice([0, 5, 10, 40, 100]),
              "cucm_publisher": i in (0, 1), "cucm_subscribers": 1 if i == 0 else 0,
              "cluster_id": "c2" if i == 1 or (i > 1 and rnd.random() < 0.3) else "cluster-1",
              "pstn_gateway": rnd.random() < 0.4} for i in range(n)]
    links, pairs = [], set()

    def link(a: int, b: int, rtt) -> None:
        if a != b and (min(a, b), max(a, b)) not in pairs:
            pairs.add((min(a, b), max(a, b)))
            links.append({"id": f"l{len(links)}", "a": f"s{a}", "b": f"s{b}", "rtt_ms": rtt})

    for i in range(1, n):  # a tree of near neighbours: the chords below close small cycles only
        link(rnd.randrange(max(0, i - 2), i), i, rnd.choice(rtts))
    step = rnd.choice([5, 7])
    for a in range(0, n - 3, step):  # a chord every few sites: repeated shapes
        link(a, a + 3, rtts[0])
    for _ in range(rnd.randint(0, 3)):  # and a few odd ones
        a = rnd.randrange(n)
        link(a, min(n - 1, a + rnd.randint(2, 4)), rnd.choice(rtts))
    cloud_list = []
    if clouds:
        cloud_list = [{"id": "wan"}]
        for i in rnd.sample(range(n), min(n, 3)):
            links.append({"id": f"w{i}", "a": f"s{i}", "b": "wan", "rtt_ms": rnd.choice(rtts)})
    if rnd.random() < 0.3:
        links.append(dict(rnd.choice(links), id="par"))
    vpn = {"technology": "none", "hub_site": f"s{rnd.randrange(n)}"}
    return Design.model_validate({"name": "t", "sites": sites, "clouds": cloud_list, "links": links, "vpn": vpn})


def _blocks_spy(monkeypatch) -> list:
    answers: list = []
    real = routing.block_loads_arrays
    monkeypatch.setattr(routing, "block_loads_arrays", lambda *a: answers.append(real(*a)) or answers[-1])
    return answers


@pytest.mark.parametrize("seed", range(40))
def test_meshes_route_the_same_by_arrays(seed, monkeypatch):
    design = _mesh(seed, rtts=(10,) if seed % 4 == 0 else (5, 10, 15, 20), clouds=seed % 5 == 1)
    answers = _blocks_spy(monkeypatch)
    assert _routed(design, True, monkeypatch) == _routed(design, False, monkeypatch) \
        == _routed(design, True, monkeypatch, levels=False)
    graph = routing.Graph.of(design)
    if routing.rooted_forest(graph) is None:  # blocks of up to 16 nodes go by arrays (the cloud makes a big one)
        largest = max(map(len, routing_blocks.blocks(graph)[2]))
        if largest > routing_blocks_arrays._SHAPE_NODES:
            assert answers == []  # not asked (nor numpy imported for it): block by block
        else:
            assert answers[0] is not False


def test_most_meshes_are_routed_by_the_block_arrays(monkeypatch):
    # Of these meshes the block arrays answer most (24 of 40); a tie between different weight sequences at an entry
    # node (None) sends the design to one tree per source, as `block_loads` does; one has a block of 17 nodes
    # (not asked: `block_loads` routes it).
    answers = _blocks_spy(monkeypatch)
    for seed in range(40):
        _routed(_mesh(seed), True, monkeypatch)
    assert sum(isinstance(a, tuple) for a in answers) >= 20
    assert sum(a is False for a in answers) == 0
    assert None in answers


def test_a_block_too_big_for_arrays_goes_block_by_block(monkeypatch):
    # A ring of 30 sites is one block of 30 nodes: `routing_blocks` routes it, with the same figures, without asking
    # the arrays (told from the blocks' sizes before numpy is imported for them).
    sites = [{"id": f"s{i}", "users": 10 + i % 4, "cucm_publisher": i == 0} for i in range(40)]
    links = [{"id": f"r{i}", "a": f"s{i - 1}", "b": f"s{i}", "rtt_ms": 5 + i % 3} for i in range(1, 40)]
    links.append({"id": "ring", "a": "s0", "b": "s29", "rtt_ms": 7})
    design = Design.model_validate({"name": "t", "sites": sites, "links": links})
    answers = _blocks_spy(monkeypatch)
    assert _routed(design, True, monkeypatch) == _routed(design, False, monkeypatch)
    assert answers == []
    assert not routing_blocks_arrays.blocks_fit_arrays(routing.Graph.of(design))


@pytest.mark.parametrize("n", [0, 1, 2, 7, 1000])
def test_distinct_is_numpys_unique(n):
    values = np.random.default_rng(n).integers(-40, 40, n)
    got = routing_arrays.distinct(values)
    assert got.tolist() == sorted(set(values.tolist())) and got.dtype == values.dtype


def test_analysing_a_large_design_leaves_numpy_ma_unloaded():
    """numpy's `unique` loads numpy.ma at its first plain call: the analysis of a large design uses `distinct`."""
    import subprocess

    code = ("import sys; sys.path.insert(0, 'benchmarks'); from generate import generate; "
            "from advisor.analysis import analyse; "
            "[analyse(generate(10000, t)) for t in ('chain', 'mesh')]; "
            "assert 'numpy' in sys.modules, 'no arrays used'; "
            "assert 'numpy.ma' not in sys.modules, 'numpy.ma loaded'; print('ok')")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr
