"""`advisor check --json` end to end (a fresh process, output to /dev/null) on generated designs: median wall time.

Budget (issue 9): ≤ 1 s for 10,000 sites of every topology the generator makes.
Usage: python benchmarks/bench_check.py [--sizes 100 1000 10000] [--topologies ...] [--runs 3] [--varied]
`--varied`: every per-site and per-link field drawn at random (benchmarks/varied.py), not the generator's few
configurations.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import EXTRA_TOPOLOGIES, TOPOLOGIES, generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SITES, BUDGET_S = 10_000, 1.0  # issue 9: `check --json` on 10,000 sites within 1 s, end to end


def check_env(folder: str) -> dict[str, str]:
    """The environment of the timed runs. A private bytecode cache, filled by an untimed first run: an installed copy
    runs from .pyc files (pip compiles them at install time), so PYTHONDONTWRITEBYTECODE (set in some shells and
    sandboxes) must not make every timed run compile the app's modules from source (~80 ms)."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=f"{folder}/pycache")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def time_check(path: Path, runs: int, env: dict[str, str], warm: bool = False) -> list[float]:
    """Wall seconds of `runs` runs of `advisor check --json PATH` in fresh processes, output to /dev/null; `warm`: one
    untimed run first (the bytecode cache and the file cache)."""
    command = [sys.executable, "-m", "advisor", "check", "--json", str(path)]
    if warm:
        subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t0)
    return times


def write_design(folder: str, sites: int, topology: str, varied: bool = False) -> Path:
    path = Path(folder) / f"{topology}-{sites}{'-varied' if varied else ''}.json"
    design = generate(sites, topology)
    if varied:
        from varied import vary

        design = vary(design)
    path.write_text(design.model_dump_json(indent=1), encoding="utf-8")
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--topologies", nargs="+", default=list(TOPOLOGIES), choices=TOPOLOGIES + EXTRA_TOPOLOGIES,
                    help="default: the five the budgets are set on; also: " + ", ".join(EXTRA_TOPOLOGIES))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--varied", action="store_true", help="every per-site and per-link field drawn at random")
    args = ap.parse_args()
    print(f"{'topology':<14}{'sites':>7}{'median s':>10}{'min s':>8}  budget")
    with tempfile.TemporaryDirectory() as tmp:
        env = check_env(tmp)
        warm = True
        for topology in args.topologies:
            for n in args.sizes:
                times = time_check(write_design(tmp, n, topology, args.varied), args.runs, env, warm)
                warm = False
                med = statistics.median(times)
                verdict = f"  ≤ {BUDGET_S:.0f} s {'ok' if med <= BUDGET_S else 'OVER'}" if n == BUDGET_SITES else ""
                print(f"{topology:<14}{n:>7}{med:>10.2f}{min(times):>8.2f}{verdict}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
