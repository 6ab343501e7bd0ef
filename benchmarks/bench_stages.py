"""Where a cold analysis spends its time, stage by stage: the VPN ranking (which routes the busy hour for each overlay
shape), the sizing, the deployment checks and each rule family, on generated designs.

Each stage is timed by wrapping the function `advisor.analysis` calls for it (its generator findings read to the
end), in runs as `bench_analysis.py` makes them: a fresh copy of the design, the Erlang B caches emptied, Python's
collector off. Medians per stage; their sum is within a few tenths of a millisecond of the whole (the wrappers' own
cost). A diagnostic for deciding what to work on next, not a budget.
Usage: python benchmarks/bench_stages.py [--sizes 10000] [--topologies mesh chain tree] [--repeat 7] [--varied]
[--design FILE]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_analysis import _cold  # noqa: E402
from generate import EXTRA_TOPOLOGIES, TOPOLOGIES, generate  # noqa: E402

from advisor import ahead, analysis, traffic  # noqa: E402
from advisor.rules import bandwidth, delay, deployment, qos, security, vpn  # noqa: E402

# (label, the module whose attribute `advisor.analysis` calls, the attribute)
STAGES = (
    ("VPN ranking: routing object", vpn, "Routing"),
    ("VPN ranking (both routings)", vpn, "recommend"),
    ("sizing", traffic, "size"),
    ("deployment checks", deployment, "detect_and_check"),
    ("VPN findings", vpn, "check"),
    ("bandwidth findings", bandwidth, "check"),
    ("fragmentation (LFI)", analysis, "lfi_check"),
    ("QoS findings", qos, "check"),
    ("security findings", security, "check"),
    ("findings sorted", analysis, "sort_findings"),
    ("conventions", analysis, "conventions"),
    ("worst delay", delay, "worst_result"),
)


@contextmanager
def timed(spent: dict[str, float]):
    """Wrap each stage's function where `advisor.analysis` calls it; `spent` gathers seconds per stage."""
    saved = []

    def wrap(label, fn):
        def timed_call(*args, **kwargs):
            t0 = time.perf_counter()
            got = fn(*args, **kwargs)
            if label.endswith("findings") and not isinstance(got, list):
                got = list(got)  # a generator's work happens as it is read
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - t0
            return got
        return timed_call

    try:
        for label, module, name in STAGES:
            fn = getattr(module, name)
            saved.append((module, name, fn))
            setattr(module, name, wrap(label, fn))
        yield
    finally:
        for module, name, fn in reversed(saved):
            setattr(module, name, fn)


def bench(sites: int, topology: str, repeat: int, varied: bool = False, path: str | None = None
          ) -> tuple[float, dict[str, float]]:
    """(median whole analysis s, median s per stage); `varied`: every per-site and per-link field drawn at random
    (`varied.vary`, as `budgets.py` makes its 'every field differs' designs); `path`: that design file instead."""
    if path is not None:
        from advisor import io

        design = io.load(path)
    else:
        design = generate(sites, topology)
    if varied and path is None:
        from varied import vary

        design = vary(design)
    ahead.allow()
    analysis.analyse(design)
    ahead.wait()
    whole, runs = [], []
    for _ in range(repeat):
        subject = _cold(design)
        spent: dict[str, float] = {}
        gc.collect()
        gc.disable()
        with timed(spent):
            t0 = time.perf_counter()
            analysis.analyse(subject)
            whole.append(time.perf_counter() - t0)
        gc.enable()
        runs.append(spent)
    labels = [label for label, *_ in STAGES]
    return statistics.median(whole), {label: statistics.median(r.get(label, 0.0) for r in runs) for label in labels}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000])
    ap.add_argument("--topologies", nargs="+", default=["mesh", "chain", "tree"], choices=TOPOLOGIES + EXTRA_TOPOLOGIES)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--varied", action="store_true", help="every per-site and per-link field drawn at random")
    ap.add_argument("--design", help="a design file to time instead of generated ones")
    args = ap.parse_args()
    if args.design:
        whole, stages = bench(0, "", args.repeat, path=args.design)
        print(f"{args.design}: {whole * 1e3:.1f} ms (median of {args.repeat})")
        for label, spent in stages.items():
            print(f"  {label:<30}{spent * 1e3:>8.1f} ms")
        return 0
    for topology in args.topologies:
        for n in args.sizes:
            whole, stages = bench(n, topology, args.repeat, args.varied)
            kind = ", every field varied" if args.varied else ""
            print(f"{topology}{kind}, {n:,} sites: {whole * 1e3:.1f} ms (median of {args.repeat})")
            for label, spent in stages.items():
                print(f"  {label:<30}{spent * 1e3:>8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
