"""The compiled loops (`advisor.routing_kernels` through `advisor.routing_compiled.Run`) against the interpreted
searches and sums they stand in for: the same figures, bit for bit, source after source; and whole analyses equal
with the compiled loops and without them."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from advisor import (
    ahead,
    routing_blocks,
    routing_compiled,
    routing_homed,
    routing_ring,
    routing_trees,
    routing_twohub,
)
from advisor.routing_levels import demands as _demands
from advisor.routing_levels import level_parents, sum_levels
from advisor.routing_trees import lowest_tree, sum_up

pytestmark = pytest.mark.skipif(not routing_compiled.available(), reason="numba is not installed here")


def _sources(rnd: random.Random, n: int):
    """(source, gravity rate, point flows or None) in a random order, some sources with no rate, some repeated."""
    out = []
    for _ in range(rnd.randrange(1, 2 * n)):
        rate = rnd.choice([0.0, rnd.random() * 1e-3, rnd.random() * 10 ** rnd.randrange(-6, 2)])
        rows = None
        if rnd.random() < 0.5:
            rows = {d: [rnd.random() * 5, rnd.choice([0.0, rnd.random() * 40])]
                    for d in rnd.sample(range(n), rnd.randrange(1, min(n, 6) + 1))}
        out.append((rnd.randrange(n), rate, rows))
    return out


def _interpreted(adj, ends, weight, dest_u, sources, base_erl, base_sig, equal):
    erl, sig = list(base_erl), list(base_sig)
    local = {v: v for v in range(len(adj))}
    for s, rate, rows in sources:
        acc_erl, acc_sig = _demands(rate, dest_u, rows, local)
        if equal:
            order, parent_edge, parent_node = level_parents(adj, s)
            sum_levels(order, parent_edge, parent_node, acc_erl, acc_sig, erl, sig)
        else:
            order, _exact, parent, _best = lowest_tree(adj, weight, s)
            sum_up(order, parent, ends, acc_erl, acc_sig, erl, sig)
    return erl, sig


def _compiled(adj, ends, weight, dest_u, sources, base_erl, base_sig, equal, glob=None, chunk=3):
    erl, sig = list(base_erl), list(base_sig)
    glob = list(range(len(ends))) if glob is None else glob
    run = routing_compiled.Run(adj, glob, None if equal else weight, None if equal else ends, dest_u, None, erl, sig)
    run.chunk = chunk  # several calls, the figures carried from one to the next
    for s, rate, rows in sources:
        run.add(s, rate, rows)
    run.flush()
    return erl, sig


@pytest.mark.parametrize("equal", [True, False])
@pytest.mark.parametrize("seed", range(10))
def test_the_same_figures_bit_for_bit_as_the_interpreted_loops(random_graph, seed, equal):
    rnd = random.Random(seed)
    n = rnd.randrange(2, 90)
    adj, ends = random_graph(rnd, n, extra=rnd.randrange(0, 2 * n), parallel=rnd.randrange(0, 4))
    # varied weights with many ties (sums of 5, 10, 20 ms meet often), and the per-hop tie-breaker
    weight = [rnd.choice([5.0, 10.0, 20.0, 35.5, 0.0])] * len(ends) if equal else \
        [rnd.choice([5.0, 10.0, 20.0, 35.5, 0.0, 1e-7]) for _ in ends]
    dest_u = [rnd.choice([0.0, 10.0, 25.0, 500.0]) for _ in range(n)]
    sources = _sources(rnd, n)
    base_erl = [rnd.choice([0.0, rnd.random()]) for _ in ends]
    base_sig = [rnd.choice([0.0, rnd.random()]) for _ in ends]
    want = _interpreted(adj, ends, weight, dest_u, sources, base_erl, base_sig, equal)
    got = _compiled(adj, ends, weight, dest_u, sources, base_erl, base_sig, equal)
    assert got == want  # floats compared with ==: the same additions in the same order
    assert any(x != y for x, y in zip(got[0], base_erl, strict=True))  # something was routed


def test_a_block_writes_to_its_own_edges_of_the_whole_list_only(random_graph):
    """`glob` maps the block's edges into the whole WAN's figures: the others stay as they were."""
    rnd = random.Random(7)
    adj, ends = random_graph(rnd, 30, extra=20, parallel=0)
    m = len(ends)
    glob = [2 * k + 1 for k in range(m)]  # the block's edge k is edge 2k + 1 of the whole list
    whole_erl, whole_sig = [0.5] * (2 * m + 1), [0.25] * (2 * m + 1)
    sources = _sources(rnd, 30)
    run = routing_compiled.Run(adj, glob, None, None, [10.0] * 30, None, whole_erl, whole_sig)
    for s, rate, rows in sources:
        run.add(s, rate, rows)
    run.flush()
    want_erl, want_sig = _interpreted(adj, ends, [1.0] * m, [10.0] * 30, sources, [0.5] * m, [0.25] * m, True)
    assert [whole_erl[g] for g in glob] == want_erl and [whole_sig[g] for g in glob] == want_sig
    assert all(whole_erl[2 * k] == 0.5 and whole_sig[2 * k] == 0.25 for k in range(m + 1))


@pytest.mark.parametrize("equal", [True, False])
def test_the_figures_do_not_depend_on_how_many_threads_share_the_sources(random_graph, equal, monkeypatch):
    """The sources are split among threads, and each thread's terms are added in source order afterwards: one
    part, two, three or more than there are sources, the very same figures."""
    rnd = random.Random(11)
    n = 60
    adj, ends = random_graph(rnd, n, extra=70, parallel=2)
    weight = [10.0] * len(ends) if equal else [rnd.choice([5.0, 10.0, 20.0, 35.5]) for _ in ends]
    dest_u = [rnd.choice([0.0, 10.0, 25.0, 500.0]) for _ in range(n)]
    sources = _sources(rnd, n)
    base = [rnd.random() for _ in ends]
    want = _interpreted(adj, ends, weight, dest_u, sources, base, base, equal)
    for threads in (1, 2, 3, 7, 1000):
        monkeypatch.setattr(routing_compiled.Run, "_threads", lambda self, t=threads: t)
        got = _compiled(adj, ends, weight, dest_u, sources, base, base, equal, chunk=17)
        assert got == want, threads


def test_the_compiled_loops_are_worth_their_loading_by_the_work_of_the_trees(monkeypatch):
    """Trees × (nodes + adjacency slots): a ring of MIN_NODES sites is the threshold (3 × MIN_NODES² cells), a ring
    just below it is not, and a dense block of few sites is (a 300-site full mesh walked 1.5 s interpreted)."""
    monkeypatch.setattr(routing_compiled, "available", lambda: True)
    monkeypatch.setattr(routing_compiled, "_available", None)  # not loaded yet, and nothing asked to load them
    monkeypatch.setattr(ahead, "_allowed", False)
    least, heap_least = routing_compiled.MIN_NODES, routing_compiled.MIN_NODES_HEAP
    assert routing_compiled.worth(least, least, 2 * least, heap=False)
    assert not routing_compiled.worth(least - 1, least - 1, 2 * (least - 1), heap=False)
    assert routing_compiled.worth(heap_least, heap_least, 2 * heap_least, heap=True)
    assert not routing_compiled.worth(heap_least - 1, heap_least - 1, 2 * (heap_least - 1), heap=True)
    assert routing_compiled.worth(300, 300, 300 * 299, heap=False)  # 300 × 89,999 ≈ 27 M cells ≥ 9.7 M
    assert not routing_compiled.worth(300, 300, 600, heap=False)  # a 300-site ring


def test_once_loaded_the_loops_take_smaller_work_too(monkeypatch):
    """Loaded, they beat the interpreted walks from LOADED_MIN_CELLS (a few trees of a hundred nodes); a design
    the size of the bundled examples stays interpreted, and ADVISOR_COMPILED=0 still turns them off."""
    assert routing_compiled.available()
    cells = routing_compiled.LOADED_MIN_CELLS
    assert routing_compiled.worth(300, 300, 600, heap=False)  # a 300-site ring: 270,000 cells
    assert routing_compiled.worth(100, 100, 200, heap=True)  # 30,000
    assert routing_compiled.worth(1, cells // 3, cells - cells // 3, heap=False)  # exactly the threshold
    assert not routing_compiled.worth(1, cells // 3, cells - cells // 3 - 1, heap=False)
    assert not routing_compiled.worth(6, 7, 14, heap=True)  # a bundled example: 6 trees of 7 nodes
    monkeypatch.setenv("ADVISOR_COMPILED", "0")
    assert not routing_compiled.worth(300, 300, 600, heap=False)


def test_the_app_loads_the_loops_on_a_thread_when_an_analysis_would_use_them(monkeypatch):
    """Loading ahead (`advisor.ahead`, which the app's analysis runner allows): the first analysis that would use
    the loaded loops runs interpreted and starts loading them on a thread, once; the next one uses them. Without it
    (the command line) nothing is loaded for such work."""
    loads = []
    go = threading.Event()

    def load():
        go.wait(10)  # still loading while the analysis that started it goes on
        loads.append(threading.current_thread().name)
        routing_compiled._available = True  # restored by monkeypatch: it recorded the value before None

    monkeypatch.setattr(routing_compiled, "_available", None)
    monkeypatch.setattr(routing_compiled, "_load", load)
    monkeypatch.setattr(ahead, "_allowed", False)
    ahead.forget(routing_compiled.LOADER)
    assert not routing_compiled.worth(300, 300, 600, heap=False)
    assert not ahead.started(routing_compiled.LOADER) and loads == []
    ahead.allow()
    assert not routing_compiled.worth(6, 7, 14, heap=True)  # too little work to want them: nothing loads
    assert not ahead.started(routing_compiled.LOADER)
    assert not routing_compiled.worth(300, 300, 600, heap=False)  # this analysis: interpreted, loading started
    assert not routing_compiled.worth(300, 300, 600, heap=False) and ahead.started(routing_compiled.LOADER)
    go.set()
    ahead.wait(10)
    assert loads == ["compiled routing loops"]
    assert routing_compiled.worth(300, 300, 600, heap=False)  # the next: compiled
    assert routing_compiled.worth(300, 300, 600, heap=False) and loads == ["compiled routing loops"]  # loaded once
    ahead.forget(routing_compiled.LOADER)


def test_the_per_hop_tie_breaker_is_the_searchs_own():
    from advisor import routing_search

    assert routing_search.HOP_MS == routing_trees.HOP_MS


sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))


@pytest.mark.parametrize(("topology", "sites", "varied"), [("ring", 700, False), ("grid", 900, False),
                                                           ("random-mesh", 800, True), ("ring", 600, True),
                                                           ("random-mesh", 150, False), ("dual-hub", 400, False),
                                                           ("grid", 100, True)])
def test_whole_analyses_are_equal_with_and_without_the_compiled_loops(topology, sites, varied, monkeypatch):
    """Ring, grid and random mesh, with the round-trip times alike (the level walk) and varied (the heap search,
    per block or over the whole WAN when ties could round differently); the small ones below MIN_NODES, as the
    loaded loops take them (branches dual-homed to two data centres: in groups of alike sites)."""
    from generate import generate

    from advisor.analysis import analyse

    design = generate(sites, topology)
    if varied:
        rnd = random.Random(3)
        design = design.model_copy(update={"links": [
            ln.model_copy(update={"rtt_ms": rnd.choice([5, 10, 20, 35.5, 80])}) for ln in design.links]})
    calls = []
    real = routing_compiled.Run._run
    monkeypatch.setattr(routing_compiled.Run, "_run", lambda self: calls.append(len(self.sources)) or real(self))
    real_groups = routing_blocks.route_alike_compiled
    monkeypatch.setattr(routing_blocks, "route_alike_compiled",
                        lambda groups, *a, **k: calls.extend(len(m) for _key, m in groups) or real_groups(groups, *a, **k))
    monkeypatch.setattr(routing_compiled, "MIN_NODES", 500)
    monkeypatch.setattr(routing_compiled, "MIN_NODES_HEAP", 500)
    monkeypatch.setattr(routing_ring, "MIN_NODES", 10**9)  # a plain ring's trees, not its sums at once
    monkeypatch.setattr(routing_twohub, "MIN_NODES", 10**9)  # nor two hubs'
    monkeypatch.setattr(routing_homed, "MIN_NODES", 10**9)
    compiled = analyse(design.model_copy(deep=True))
    assert sum(calls) >= sites // 2  # the compiled loops routed most sources (alone or in groups of alike ones)
    monkeypatch.setenv("ADVISOR_COMPILED", "0")
    calls.clear()
    interpreted = analyse(design.model_copy(deep=True))
    assert calls == []
    assert compiled.links == interpreted.links
    assert compiled.sites == interpreted.sites
    assert compiled.findings == interpreted.findings


def test_without_numba_the_interpreted_paths_run(monkeypatch):
    monkeypatch.setenv("ADVISOR_COMPILED", "0")
    assert not routing_compiled.available()
    assert not routing_compiled.worth(10**6, 10**6, 2 * 10**6, heap=True)
    assert routing_blocks.BATCH_MIN_NODES < routing_compiled.MIN_NODES  # the numpy batches keep their own range


def test_loading_the_loops_leaves_the_switch_interval_as_it_was(monkeypatch):
    """The load shortens the interpreter's switch interval (the app's window keeps the GIL flowing) and restores
    it after, whether numba loads or not."""
    seen = []
    real = sys.setswitchinterval
    monkeypatch.setattr(sys, "setswitchinterval", lambda value: seen.append(value) or real(value))
    before = sys.getswitchinterval()
    monkeypatch.setattr(routing_compiled, "_available", None)
    assert routing_compiled.available()
    assert sys.getswitchinterval() == before
    assert seen == [min(before, 0.0005), before]
    monkeypatch.setattr(routing_compiled, "_available", None)
    import advisor

    monkeypatch.setitem(sys.modules, "advisor.routing_kernels", None)  # an import that fails: no numba here
    monkeypatch.delattr(advisor, "routing_kernels", raising=False)
    assert not routing_compiled.available()
    assert sys.getswitchinterval() == before


def test_analyses_on_several_threads_share_the_parallel_loops_one_at_a_time():
    """numba's simplest threading layer (what remains where neither OpenMP nor TBB is installed) aborts the whole
    process when two threads launch parallel loops at once; the app analyses, exports and compares on separate
    threads. Runs in a child process: the layer is chosen once per process."""


    code = """
import sys, threading
sys.path.insert(0, "benchmarks")
from generate import generate
from advisor import analysis, routing_compiled
routing_compiled.MIN_NODES = routing_compiled.MIN_NODES_HEAP = 100
designs = [generate(400, "ring"), generate(400, "grid"), generate(300, "random-mesh")]
done = []
def run(i):
    for _ in range(3):
        done.append(len(analysis.analyse(designs[i % 3]).links))
threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
import numba
print(len(done), numba.threading_layer())
"""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "NUMBA_THREADING_LAYER": "workqueue"}
    out = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["12", "workqueue"]


def test_the_sources_are_shared_in_at_most_one_part_per_allowed_processor(monkeypatch):
    """numba starts a thread per processor it sees; a container may allow fewer: the parts follow the allowance."""
    import numba

    run = routing_compiled.Run.__new__(routing_compiled.Run)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert run._threads() == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(512)), raising=False)
    assert run._threads() == numba.get_num_threads()
