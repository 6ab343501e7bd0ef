"""Every budget of issue 9, with its scaling at 100, 1,000 and 10,000 sites, as Markdown tables.

One run measures each budgeted figure on designs made by `generate.py` (the five topologies the budgets are set on)
by the scripts that own it, and prints a table per budget: the median at each size, the cost per site, how the cost
grew from 1,000 to 10,000 sites (10× is linear), and the verdict at the budget's size. The tables go into
docs/performance.md ("Budgets at a glance") as printed.

- `check --json` end to end, fresh processes (`bench_check.time_check`); budget ≤ 1 s at 10,000 sites;
- analysis, cold (`bench_analysis.py --json`, a process per topology); budget ≤ 150 ms at 10,000 sites;
- edit → findings refreshed in the app window (`bench_refresh.py --json`, its own process: Qt); budgets ≤ 16 ms at
  100 sites and ≤ 50 ms at 1,000;
- PDF design document, analysis included (`bench_report.bench`); budget ≤ 2 s at 1,000 sites;
- first window (`bench_startup.startup`): the bundled example's first paint against a bare PySide6 window, budget
  ≤ 1.15×; then the app opened on generated designs, to its first paint and to its docks painted with the results;
- every other shape the generator makes (`shapes`): `check --json` at the largest size on the shapes beyond the five
  as generated, and on all of them with every per-site and per-link field drawn at random (`varied.py`), against
  the same 1 s (a full mesh is left out: a design holds at most 316 sites in one).

Timed assertions never go in tests; this is for the record. About 5 minutes on two cores with the defaults.
Usage: python benchmarks/budgets.py [--only check analysis refresh pdf window shapes] [--sizes 100 1000 10000]
                                    [--topologies mpls ...] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from generate import EXTRA_TOPOLOGIES, TOPOLOGIES  # noqa: E402

PARTS = ("check", "analysis", "refresh", "pdf", "window", "shapes")
SHAPES = tuple(t for t in EXTRA_TOPOLOGIES if t != "full-mesh")  # 316 sites at most in a full mesh


def _fmt_ms(ms: float) -> str:
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.1f} ms" if ms < 100 else f"{ms:.0f} ms"


def table(title: str, rows: dict[str, dict[int, float]], sizes: list[int], budgets: dict[int, float],
          per_site: bool = True) -> str:
    """A Markdown table: a row per topology, a column per size (ms), µs per site at the largest size, growth from
    the second-largest size to the largest, and the verdict at each size of `budgets` (sites -> ms)."""
    head = ["design", *(f"{n:,} sites" for n in sizes)] + ([f"per site at {sizes[-1]:,}"] if per_site else [])
    if len(sizes) > 1:
        head.append(f"growth {sizes[-2]:,} → {sizes[-1]:,} (×{sizes[-1] // sizes[-2]} sites)")
    head += [f"budget at {n:,}" for n in budgets]
    out = [f"**{title}**", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, figures in rows.items():
        cells = [name, *(_fmt_ms(figures[n]) if n in figures else "–" for n in sizes)]
        last = figures.get(sizes[-1])
        if per_site:
            cells.append(f"{last * 1000 / sizes[-1]:,.1f} µs" if last is not None else "–")
        if len(sizes) > 1:
            a, b = figures.get(sizes[-2]), figures.get(sizes[-1])
            cells.append(f"×{b / a:.1f}" if a and b else "–")
        for at_size, budget_ms in budgets.items():
            at = figures.get(at_size)
            cells.append("not measured" if at is None else
                         f"{'ok' if at <= budget_ms else 'OVER'} (≤ {_fmt_ms(budget_ms)})")
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def measure_check(sizes, topologies, runs) -> dict[str, dict[int, float]]:
    import bench_check

    rows: dict[str, dict[int, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = bench_check.check_env(tmp)
        warm = True
        for topology in topologies:
            for n in sizes:
                times = bench_check.time_check(bench_check.write_design(tmp, n, topology), runs, env, warm)
                warm = False
                rows.setdefault(topology, {})[n] = statistics.median(times) * 1000
                _progress("check", topology, n, rows[topology][n])
    return rows


def measure_shapes(n: int, runs: int, known: dict[str, dict[int, float]]) -> dict[str, dict[str, float]]:
    """`check --json` on `n` sites of every shape, as generated (the five budget topologies taken from `known`, the
    check table's figures, when it measured them) and with every field drawn at random: shape -> {kind: ms}."""
    import bench_check

    rows: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = bench_check.check_env(tmp)
        warm = True
        for shape in TOPOLOGIES + SHAPES:
            for varied in (False, True):
                kind = "every field differs" if varied else "as generated"
                if not varied and n in known.get(shape, {}):
                    rows.setdefault(shape, {})[kind] = known[shape][n]
                    continue
                path = bench_check.write_design(tmp, n, shape, varied)
                rows.setdefault(shape, {})[kind] = statistics.median(bench_check.time_check(path, runs, env, warm)) * 1000
                warm = False
                path.unlink()
                _progress("shapes", shape + (" varied" if varied else ""), n, rows[shape][kind])
    return rows


def shapes_table(n: int, rows: dict[str, dict[str, float]], budget_ms: float) -> str:
    kinds = ("as generated", "every field differs")
    out = [f"**`advisor check --json` on every shape the generator makes, {n:,} sites (budget ≤ {_fmt_ms(budget_ms)})**",
           "", "| shape | " + " | ".join(kinds) + " |", "|---|---|---|"]
    for shape, figures in rows.items():
        cells = [f"{_fmt_ms(figures[k])} {'ok' if figures[k] <= budget_ms else 'OVER'}" if k in figures else "–"
                 for k in kinds]
        out.append(f"| {shape} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def measure_analysis(sizes, topologies, runs) -> dict[str, dict[int, float]]:
    """Each topology in a process of its own (`bench_analysis.py --json`), its sizes from the smallest: as `advisor
    check` analyses one design per process. (Measured one after the other in one process, a 10,000-site tree
    analysed after the mesh and the chain took ~45 ms more processor time than on its own: the memory those left.)"""
    rows: dict[str, dict[int, float]] = {}
    for topology in topologies:
        command = [sys.executable, str(HERE / "bench_analysis.py"), "--topologies", topology, "--repeat",
                   str(max(3, runs)), "--json", "--sizes", *map(str, sorted(sizes))]
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        for line in proc.stdout.splitlines():
            if line.startswith("{"):
                got = json.loads(line)
                rows.setdefault(topology, {})[got["sites"]] = got["median_s"] * 1000
                _progress("analysis", topology, got["sites"], rows[topology][got["sites"]])
        if proc.returncode != 0:
            raise SystemExit(f"bench_analysis.py failed for {topology}: {proc.stderr[-2000:]}")
    return rows


def measure_refresh(sizes, topologies, runs) -> dict[str, dict[int, float]]:
    rows: dict[str, dict[int, float]] = {}
    for topology in topologies:
        command = [sys.executable, str(HERE / "bench_refresh.py"), "--topology", topology, "--edits", str(5 * runs),
                   "--json", "--sizes", *map(str, sizes)]
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        for line in proc.stdout.splitlines():
            if line.startswith("{"):
                got = json.loads(line)
                rows.setdefault(topology, {})[got["sites"]] = got["total"]
                _progress("refresh", topology, got["sites"], got["total"])
        if topology not in rows:
            raise SystemExit(f"bench_refresh.py --topology {topology} gave no figures:\n{proc.stderr[-2000:]}")
    return rows


def measure_pdf(sizes, topologies, runs) -> dict[str, dict[int, float]]:
    import bench_report

    rows: dict[str, dict[int, float]] = {}
    for topology in topologies:
        for n in sizes:
            median = bench_report.bench(n, topology, 1 if n > 1000 else runs)[0]
            rows.setdefault(topology, {})[n] = median * 1000
            _progress("pdf", topology, n, rows[topology][n])
    return rows


def measure_window(sizes, runs) -> tuple[dict[str, dict[int, float]], tuple[float, float, float]]:
    import bench_startup
    from generate import generate

    from advisor import io

    example = bench_startup.startup(runs)
    rows: dict[str, dict[int, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"mpls-{n}.json"
            path.write_text(io.dumps(generate(n, "mpls")), encoding="utf-8")
            first, ready, bare = bench_startup.startup(runs, path)
            rows.setdefault("first window (mpls)", {})[n] = first * 1000
            rows.setdefault("ready: analysed, docks painted (mpls)", {})[n] = ready * 1000
            rows.setdefault("bare PySide6 window, same run", {})[n] = bare * 1000
            _progress("window", "mpls", n, first * 1000)
    return rows, example


def _progress(part: str, topology: str, n: int, ms: float) -> None:
    print(f"  {part:<9}{topology:<14}{n:>7}  {_fmt_ms(ms)}", file=sys.stderr, flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS))
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--topologies", nargs="+", choices=TOPOLOGIES, default=list(TOPOLOGIES))
    ap.add_argument("--runs", type=int, default=3, help="timed runs per figure (medians)")
    args = ap.parse_args()
    sizes, topologies, runs = sorted(args.sizes), args.topologies, args.runs
    began = time.perf_counter()
    out = [f"Machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, Python "
           f"{platform.python_version()}; medians of {runs} runs; {time.strftime('%Y-%m-%d %H:%M')}.", ""]
    checked: dict[str, dict[int, float]] = {}
    if "check" in args.only:
        checked = measure_check(sizes, topologies, runs)
        out += [table("`advisor check --json`, end to end (a fresh process each run)", checked, sizes,
                      {10_000: 1000.0}), ""]
    if "analysis" in args.only:
        out += [table("Analysis, cold (`analyse` on a fresh copy)", measure_analysis(sizes, topologies, runs),
                      sizes, {10_000: 150.0}), ""]
    if "refresh" in args.only:
        small = [n for n in sizes if n <= 1000] or sizes[:1]
        out += [table("Edit → findings refreshed in the app window (10,000 sites: no budget, not measured)",
                      measure_refresh(small, topologies, runs), small, {100: 16.0, 1000: 50.0}), ""]
    if "pdf" in args.only:
        out += [table("PDF design document, analysis included", measure_pdf(sizes, topologies, runs), sizes,
                      {1000: 2000.0}), ""]
    if "window" in args.only:
        rows, (first, ready, bare) = measure_window(sizes, runs)
        out += [f"**First window** (bundled 13-site example): {first * 1000:.0f} ms against a bare PySide6 window's "
                f"{bare * 1000:.0f} ms, ×{first / bare:.2f} ({'ok' if first / bare <= 1.15 else 'OVER'}, budget "
                f"≤ ×1.15); ready (analysed, docks painted) {ready * 1000:.0f} ms.", "",
                table("The app opened on generated designs", rows, sizes, {}, per_site=False), ""]
    if "shapes" in args.only:
        out += [shapes_table(sizes[-1], measure_shapes(sizes[-1], runs, checked), 1000.0), ""]
    print("\n".join(out))
    print(f"({time.perf_counter() - began:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
