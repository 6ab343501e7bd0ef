"""Time `advisor compare`'s analyses (`scenarios.compare`) with the drawing's routing shared between the options that
change no part of it (`advisor.demand_shared`), and with every option routed afresh, alternately, on generated
designs: the ratio is what the sharing saves. Processor time of this process (the compiled routing loops' threads
included), medians of `--runs`.
Usage: python benchmarks/bench_compare.py [--designs random-mesh:3000 mesh:10000] [--options 4] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import generate  # noqa: E402
from varied import vary  # noqa: E402

from advisor import ahead, demand_shared, routing_compiled, scenarios  # noqa: E402
from advisor.analysis import analyse  # noqa: E402

# options that change no part of the drawing, in the order they are taken (`--options N`: the first N)
OPTIONS = [("codec", "g711"), ("codec", "g729"), ("cipher", "aes-gcm"), ("vpn", "dmvpn"), ("srtp", "sha1-80"),
           ("crtp", "2"), ("ptime", "30"), ("vpn", "gre-ipsec"), ("cipher", "3des"), ("vpn", "getvpn")]


def _cpu() -> float:
    return time.process_time() + routing_compiled.waited()


def bench(design, count: int, runs: int) -> tuple[float, float]:
    """(median s shared, median s afresh) for the design and `count` options."""
    chosen = [s for key, value in OPTIONS[:count] for s in scenarios.scenarios_from_vary([(key, [value])])]
    real = demand_shared.shared_routing
    shared, afresh = [], []
    for _ in range(runs):
        for share, into in ((True, shared), (False, afresh)):
            demand_shared.shared_routing = real if share else nullcontext
            try:
                t0 = _cpu()
                scenarios.compare(design, chosen, analyse)
                into.append(_cpu() - t0)
            finally:
                demand_shared.shared_routing = real
    return statistics.median(shared), statistics.median(afresh)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--designs", nargs="+", default=["random-mesh:3000", "mesh:10000", "mpls:10000"],
                    help="topology:sites; a design whose every field is drawn at random with ':varied'")
    ap.add_argument("--options", type=int, default=4, choices=range(1, len(OPTIONS) + 1))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    ahead.allow()
    print(f"{'design':<28}{'options':>8}{'shared s':>10}{'afresh s':>10}{'ratio':>8}")
    for spec in args.designs:
        topology, sites, *rest = spec.split(":")
        design = generate(int(sites), topology)
        if rest == ["varied"]:
            design = vary(design)
        analyse(design)  # the codec and limit tables, numpy and the compiled loops: loaded once, as in real use
        ahead.wait()
        shared, afresh = bench(design, args.options, args.runs)
        print(f"{spec:<28}{args.options:>8}{shared:>10.2f}{afresh:>10.2f}{afresh / shared:>7.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
