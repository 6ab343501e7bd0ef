"""Wall time of the fast command-line paths against a bare interpreter, medians of repeated runs.

`advisor calc --json` should answer in well under half a second (issue: foundation).
Usage: python benchmarks/bench_cli.py [--runs 11]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "bare python (-c pass)": ["-c", "pass"],
    "advisor calc --json": ["-m", "advisor", "calc", "--codec", "g729", "--vpn", "gre-ipsec", "--json"],
    "advisor erlang --json": ["-m", "advisor", "erlang", "--traffic", "10", "--gos", "0.01", "--json"],
    "advisor codecs": ["-m", "advisor", "codecs"],
}


def median_s(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, *args], capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=11)
    runs = ap.parse_args().runs
    base = None
    for name, args in COMMANDS.items():
        med = median_s(args, runs)
        base = base or med
        print(f"{name:<26}{med * 1e3:>8.0f} ms  ×{med / base:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
