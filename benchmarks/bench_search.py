"""One lowest-RTT search over a whole generated WAN (as the delay rules and the cluster pairs' paths run it):
`routing_trees.lowest_tree` against the heap search it stands for, median milliseconds per search over a spread of
sources. A diagnostic for the single-search paths (`routing_fringe`, `routing_homed_tree`), not a budget; the
compiled loops are left unloaded, as in `advisor check`.
Usage: python benchmarks/bench_search.py [--sizes 10000] [--topologies dual-hub hub-pairs] [--varied] [--sources 9]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import EXTRA_TOPOLOGIES, TOPOLOGIES, generate  # noqa: E402
from varied import vary  # noqa: E402

from advisor import routing_compiled, routing_trees  # noqa: E402
from advisor.routing_graph import graph_of  # noqa: E402


def bench(sites: int, topology: str, varied: bool, sources: int) -> tuple[float, float, bool]:
    """(median ms of `lowest_tree`, of `heap_search`, whether every pair of lists was equal)."""
    design = generate(sites, topology)
    if varied:
        design = vary(design)
    graph = graph_of(design)
    adj, weights = graph.adj, graph.weights
    starts = sorted({round(k * (len(adj) - 1) / max(1, sources - 1)) for k in range(sources)})
    fast, heap, same = [], [], True
    routing_trees.lowest_tree(adj, weights, starts[0])  # any per-graph set-up, untimed
    for start in starts:
        t0 = time.perf_counter()
        got = routing_trees.lowest_tree(adj, weights, start)
        t1 = time.perf_counter()
        want = routing_trees.heap_search(adj, weights, start)
        t2 = time.perf_counter()
        fast.append(t1 - t0)
        heap.append(t2 - t1)
        same &= got == want
    return statistics.median(fast) * 1000, statistics.median(heap) * 1000, same


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000])
    ap.add_argument("--topologies", nargs="+", default=["dual-hub", "hub-pairs", "cloud-tails", "grid"],
                    choices=[*TOPOLOGIES, *EXTRA_TOPOLOGIES])
    ap.add_argument("--varied", action="store_true")
    ap.add_argument("--sources", type=int, default=9)
    args = ap.parse_args()
    routing_compiled.available = lambda: False  # as `advisor check` before any search pays for loading them
    print(f"{'topology':<15} {'sites':>6} {'lowest_tree':>12} {'heap':>9}  same lists")
    for topology in args.topologies:
        for sites in args.sizes:
            fast, heap, same = bench(sites, topology, args.varied, args.sources)
            print(f"{topology:<15} {sites:>6} {fast:>9.1f} ms {heap:>6.1f} ms  {'yes' if same else 'NO'}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
