"""Time Erlang B and `advisor.traffic.size` alone on generated designs (median of repeated runs).

Sizing is the part of the analysis whose cost must grow with sites + links (SPEC §3.2, §5: 1,000 sites ≤ 50 ms and
10,000 sites ≤ 1 s for the whole analysis, cloud / hub-and-spoke topologies).
Usage: python benchmarks/bench_erlang.py [--sizes 1000 10000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import TOPOLOGIES, generate  # noqa: E402

from advisor import erlang, traffic  # noqa: E402
from advisor.model import Design  # noqa: E402


def _median_ms(fn, repeat: int) -> float:
    fn()  # warm caches
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def _uncached_trunks(a: float):
    """trunks() on a slightly different traffic each call, so its cache never answers."""
    step = iter(range(10**9))
    return lambda: erlang.trunks(a + next(step) * 1e-9, 0.01)


def _hub_variant(design: Design) -> Design:
    """The same sites over DMVPN phase 1: spoke-to-spoke calls hairpin through the hub."""
    return Design.model_validate({**design.model_dump(), "vpn": {"technology": "dmvpn", "dmvpn_phase": 1}})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    print("Erlang B (uncached: distinct traffic each call)")
    for a in (10.0, 1000.0, 10000.0):
        ms = _median_ms(_uncached_trunks(a), args.repeat)
        print(f"  {f'trunks({a:g} E, 1 %)':<32}{ms:9.3f} ms")
        ms = _median_ms(lambda a=a: erlang.traffic(int(a), 0.01), args.repeat)
        print(f"  {f'traffic({int(a)} trunks, 1 %)':<32}{ms:9.3f} ms")

    print(f"\n{'sizing':<16}{'sites':>7}{'routing':>24}{'median ms':>12}")
    for topology in TOPOLOGIES:
        for n in args.sizes:
            if topology == "mesh" and n > 1000:
                continue  # explicit meshes route on paths: the budgets are for cloud / hub-and-spoke designs
            design = generate(n, topology)
            variants = [(topology, design, design.vpn.technology)]
            if topology == "mpls":
                variants.append(("mpls+dmvpn-p1", _hub_variant(design), "dmvpn"))
            for label, d, tech in variants:
                tech = "none" if tech == "recommend" else tech
                sizing = traffic.size(d, tech)
                ms = _median_ms(lambda d=d, tech=tech: traffic.size(d, tech), args.repeat)
                print(f"{label:<16}{n:>7}{sizing.routing:>24}{ms:>12.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
