"""Time the PDF design document on generated designs: median of repeated builds, pages, size, progress calls.

Budgets: 20 sites ≤ 2 s (SPEC §5); 1,000 sites ≤ 2 s (issue 9; SPEC §5 asks ≤ 30 s with progress reported).
"median s" is analyse + build_pdf, as `advisor report` does them; "analyse s" is the analysis alone (its median),
so the report's own share is the difference. "ms/site" is the median over the sites: flat from 100 to 1,000 sites
when the cost grows linearly.
`--names hebrew` or `--names arabic` names the sites in that script ("סניף 12", "فرع 12": Branch 12), whose
text the PDF shapes and puts in drawing order (advisor/report/visual.py), to compare with the Latin names.
Usage: python benchmarks/bench_report.py [--sizes 20 100 1000] [--topologies mpls internet-hub] [--repeat 3]
[--names latin|hebrew|arabic] (the generator's topologies: mpls, internet-hub, mesh, chain, tree)
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

from advisor.analysis import analyse  # noqa: E402
from advisor.report import build_pdf  # noqa: E402

BUDGET_S = {20: 2.0, 1000: 2.0}
# "Branch" and "HQ" in Hebrew and Arabic, for --names
SCRIPTS = {"hebrew": ("\u05e1\u05e0\u05d9\u05e3", "\u05de\u05d8\u05d4"),
           "arabic": ("\u0641\u0631\u0639", "\u0627\u0644\u0645\u0642\u0631")}


def named(design, names: str):
    """`design` with its sites named in `names`' script ("Branch 12" -> "סניף 12"), or as it is for "latin"."""
    if names == "latin":
        return design
    branch, hq = SCRIPTS[names]
    sites = [s.model_copy(update={"name": s.name.replace("Branch", branch).replace("HQ", hq)}) for s in design.sites]
    return design.model_copy(update={"sites": tuple(sites)})


def bench(sites: int, topology: str, repeat: int, names: str = "latin") -> tuple[float, float, float, int, int, int]:
    """(median s, min s, median s of the analysis, pages, bytes, progress calls) for analyse + build_pdf, as
    `advisor report` does it."""
    design = named(generate(sites, topology), names)
    times, analysis, calls = [], [], []
    pdf = b""
    for _ in range(repeat):
        seen: list[float] = []
        t0 = time.perf_counter()
        results = analyse(design, checklist=True)
        t1 = time.perf_counter()
        pdf = build_pdf(design, results, lambda fraction, _msg, seen=seen: seen.append(fraction))
        times.append(time.perf_counter() - t0)
        analysis.append(t1 - t0)
        calls.append(len(seen))
    pages = pdf.count(b"/Type /Page\n")
    return statistics.median(times), min(times), statistics.median(analysis), pages, len(pdf), min(calls)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[20, 100, 1000])
    ap.add_argument("--topologies", nargs="+", default=["mpls", "internet-hub"], choices=TOPOLOGIES)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--names", choices=["latin", *SCRIPTS], default="latin")
    args = ap.parse_args()
    print(f"{'topology':<14}{'sites':>7}{'median s':>10}{'min s':>8}{'analyse s':>11}{'ms/site':>9}{'pages':>7}"
          f"{'KB':>8}{'progress':>10}  budget")
    failed = False
    for topology in args.topologies:
        for n in args.sizes:
            med, best, analysis, pages, size, calls = bench(n, topology, args.repeat, args.names)
            budget = BUDGET_S.get(n)
            verdict = "" if budget is None else (f"≤ {budget:g} s ok" if med <= budget else f"> {budget:g} s OVER")
            failed |= budget is not None and med > budget
            print(f"{topology:<14}{n:>7}{med:>10.2f}{best:>8.2f}{analysis:>11.2f}{med * 1000 / n:>9.2f}{pages:>7}"
                  f"{size / 1024:>8.0f}{calls:>10}  {verdict}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
