"""`advisor explain` end to end (a fresh process, output to /dev/null) on generated designs: median wall time, the
time per explanation, and the peak memory of the run.

No budget covers it (it writes every link's and every site's worked figures: ~9 explanations per site); this records
that it grows linearly with the design. Usage: python benchmarks/bench_explain.py [--sizes 1000 10000]
[--topologies mpls chain] [--runs 3] [--json]
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

from advisor.explain import LINK_FIGURES, SITE_FIGURES  # noqa: E402


def _run(command: list[str], root: Path, env: dict) -> tuple[float, float]:
    """(wall seconds, peak resident MB) of one run in a child process of its own."""
    script = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
              "stderr=subprocess.DEVNULL, check=False); "
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, *command], cwd=root, env=env, capture_output=True, text=True,
                          check=True)
    wall = time.perf_counter() - t0
    return wall, int(done.stdout.split()[-1]) / 1024  # ru_maxrss is in KB on Linux


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--topologies", nargs="+", default=["mpls", "chain", "mesh"], choices=TOPOLOGIES + EXTRA_TOPOLOGIES)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="time `explain --json` instead of the text")
    args = ap.parse_args()
    root = Path(__file__).resolve().parent.parent
    print(f"advisor explain{' --json' if args.json else ''}")
    print(f"{'topology':<14}{'sites':>7}{'median s':>10}{'min s':>8}{'µs/expl.':>10}{'peak MB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PYTHONPYCACHEPREFIX=f"{tmp}/pycache")  # as bench_check: compiled once, untimed
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        warmed = False
        for topology in args.topologies:
            for n in args.sizes:
                path = Path(tmp) / f"{topology}-{n}.json"
                design = generate(n, topology)
                path.write_text(design.model_dump_json(indent=1), encoding="utf-8")
                command = [sys.executable, "-m", "advisor", "explain", *(["--json"] if args.json else []), str(path)]
                if not warmed:
                    _run(command, root, env)
                    warmed = True
                runs = [_run(command, root, env) for _ in range(args.runs)]
                times = [wall for wall, _mb in runs]
                med = statistics.median(times)
                count = len(LINK_FIGURES) * len(design.links) + len(SITE_FIGURES) * len(design.sites)
                print(f"{topology:<14}{n:>7}{med:>10.2f}{min(times):>8.2f}{med / count * 1e6:>10.1f}"
                      f"{max(mb for _w, mb in runs):>9.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
