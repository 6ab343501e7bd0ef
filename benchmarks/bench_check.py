"""`advisor check --json` end to end (a fresh process, output to /dev/null) on generated designs: median wall time.

Budget (issue 9): ≤ 1 s for 10,000 sites of every topology the generator makes.
Usage: python benchmarks/bench_check.py [--sizes 100 1000 10000] [--topologies ...] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import TOPOLOGIES, generate  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--topologies", nargs="+", default=list(TOPOLOGIES), choices=TOPOLOGIES)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    root = Path(__file__).resolve().parent.parent
    print(f"{'topology':<14}{'sites':>7}{'median s':>10}{'min s':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for topology in args.topologies:
            for n in args.sizes:
                path = Path(tmp) / f"{topology}-{n}.json"
                path.write_text(generate(n, topology).model_dump_json(indent=1), encoding="utf-8")
                times = []
                for _ in range(args.runs):
                    t0 = time.perf_counter()
                    subprocess.run([sys.executable, "-m", "advisor", "check", "--json", str(path)], cwd=root,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                    times.append(time.perf_counter() - t0)
                print(f"{topology:<14}{n:>7}{statistics.median(times):>10.2f}{min(times):>8.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
