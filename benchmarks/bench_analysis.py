"""Time `advisor.analysis.analyse` on generated designs: median of repeated runs and peak memory.

Budget (issue 9): 10,000 sites ≤ 150 ms. Each timed run is cold, as `advisor check` is: a fresh copy of the design
(so the routing graph is built again) and empty Erlang B caches. `--warm` times the same design object again with
the caches kept, as the app's re-analysis after an edit mostly is. As in the app, a design whose analysis would use numpy
(Erlang B over many links) or the compiled routing loops (a meshed WAN) has them loaded by the untimed first
analysis (`advisor.ahead`). As in `advisor check` (which turns Python's cyclic collector off for its whole run) and
in the app (whose collector runs on a timer on the window's thread, never inside an analysis: `advisor.ui.heap`),
the timed analysis runs with the collector off; each run's garbage is collected between runs, untimed.
`--collector` times it with the collector on, as a library caller with the default settings runs it: the analysis
then pauses the collector itself and ends with one collection of everything it built (~15-20 ms at 10,000 sites).
Usage: python benchmarks/bench_analysis.py [--sizes 100 1000 10000] [--repeat 7] [--warm] [--collector]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import EXTRA_TOPOLOGIES, TOPOLOGIES, generate  # noqa: E402

from advisor import ahead, erlang, erlang_batch  # noqa: E402
from advisor.analysis import analyse, forget  # noqa: E402

BUDGET_SITES, BUDGET_MS = 10_000, 150.0  # issue 9: analysis of 10,000 sites within 150 ms


def _cold(design):
    """A copy the routing memo has never seen, with the Erlang B caches emptied and the last design's figures
    dropped (`analysis.forget`): `advisor check` has no earlier design to free, so freeing one is not timed."""
    erlang._trunks.cache_clear()
    erlang_batch.clear()
    forget()
    return design.model_copy(deep=True)


def bench(sites: int, topology: str, repeat: int, warm: bool = False,
          collector: bool = False) -> tuple[float, float, float, float]:
    """(median wall s, min wall s, median CPU s, peak MB). CPU time is what this process used: on a shared machine
    it moves less than wall time when other work competes for the cores."""
    design = generate(sites, topology)
    # As the app's analysis runner: a first analysis that would use numpy or the compiled routing loops loads them
    # on a thread, and the app's next analyses use them
    ahead.allow()
    analyse(design)  # loads the codec and limit tables: once per process in real use too
    ahead.wait()
    times, cpu = [], []
    for _ in range(repeat):
        results = None  # the last run's results are freed here, untimed: `advisor check` keeps its results
        subject = design if warm else _cold(design)
        gc.collect()  # the last run's cycles, untimed
        if not collector:
            gc.disable()  # as `advisor check` runs, and the app's analyses (see the docstring)
        t0, c0 = time.perf_counter(), time.process_time()
        results = analyse(subject)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        gc.enable()
    del results
    tracemalloc.start()
    analyse(design)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), min(times), statistics.median(cpu), peak / 1e6


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--topologies", nargs="+", default=list(TOPOLOGIES), choices=TOPOLOGIES + EXTRA_TOPOLOGIES,
                    help="default: the five the budgets are set on; also: " + ", ".join(EXTRA_TOPOLOGIES))
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--warm", action="store_true", help="re-analyse the same design with warm caches")
    ap.add_argument("--collector", action="store_true",
                    help="time with Python's cyclic collector on (a library caller's default), not off as check runs")
    ap.add_argument("--json", action="store_true", help="one JSON object per line (budgets.py reads them)")
    args = ap.parse_args()
    if args.json:
        for topology in args.topologies:
            for n in args.sizes:
                med, best, cpu, peak = bench(n, topology, args.repeat, args.warm, args.collector)
                print(json.dumps({"topology": topology, "sites": n, "median_s": med, "min_s": best, "cpu_s": cpu,
                                  "peak_mb": peak}), flush=True)
        return 0
    print("warm: same design, caches kept" if args.warm else "cold: fresh design copy, Erlang B caches emptied")
    print("collector on, as a library caller with the defaults" if args.collector
          else "collector off, as `advisor check` and the app's analyses run")
    print(f"{'topology':<14}{'sites':>7}{'median ms':>12}{'min ms':>10}{'cpu ms':>10}{'peak MB':>10}  budget")
    for topology in args.topologies:
        for n in args.sizes:
            med, best, cpu, peak = bench(n, topology, args.repeat, args.warm, args.collector)
            verdict = (f"  ≤ {BUDGET_MS:.0f} ms {'ok' if med * 1e3 <= BUDGET_MS else 'OVER'}" if n == BUDGET_SITES
                       else "")
            print(f"{topology:<14}{n:>7}{med * 1e3:>12.1f}{best * 1e3:>10.1f}{cpu * 1e3:>10.1f}{peak:>10.1f}{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
