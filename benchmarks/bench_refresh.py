"""Edit → findings refreshed in the app window, offscreen: an edit command pushed through the document's undo
stack, timed until `resultsChanged` has reached every dock (findings, links, plots, canvas badges).

Budgets (issue 9): 100 sites ≤ 16 ms, 1,000 sites ≤ 50 ms. The split shows the analysis (`last_analysis_ms`), the
UI's share (the docks' and canvas's slots on `resultsChanged`) and the wait (debounce, worker thread hop).
Usage: python benchmarks/bench_refresh.py [--sizes 100 1000] [--topology mpls] [--edits 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import TOPOLOGIES, generate  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QStandardPaths, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

BUDGET_MS = {100: 16.0, 1000: 50.0}


def bench(sites: int, topology: str, edits: int) -> dict[str, float]:
    from advisor.commands import SetFields
    from advisor.ui.main_window import MainWindow

    design = generate(sites, topology)
    win = MainWindow()
    win.resize(1400, 900)
    win.show()
    win.document.reset(design)
    win.analysis.run_now()
    QCoreApplication.processEvents()
    loop = QEventLoop()
    guard = QTimer(singleShot=True, interval=10000)
    guard.timeout.connect(loop.quit)
    slots: list[float] = []
    mark: list[float] = []

    def first(_results) -> None:  # marks the start of the UI share (called before a re-emit below)
        mark.append(time.perf_counter())

    def last(_results) -> None:  # connected after the docks: they have refreshed
        slots.append(time.perf_counter() - mark.pop())
        loop.quit()

    win.document.resultsChanged.connect(last)
    totals, analysis, ui = [], [], []
    site = design.sites[1]
    for i in range(edits):
        t0 = time.perf_counter()
        mark.append(t0)
        guard.start()
        win.document.push(SetFields(site.id, {"users": site.users + 1 + i % 2}))
        loop.exec()
        guard.stop()
        totals.append((time.perf_counter() - t0) * 1000)
        analysis.append(win.analysis.last_analysis_ms or 0.0)
        results = win.document.results
        t1 = time.perf_counter()
        first(results)
        win.document.set_results(results)  # the UI share alone: every slot on resultsChanged, no analysis
        ui.append((time.perf_counter() - t1) * 1000)
        QCoreApplication.processEvents()
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()
    QCoreApplication.processEvents()
    return {"total": statistics.median(totals), "worst": max(totals), "analysis": statistics.median(analysis),
            "ui": statistics.median(ui)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--topology", choices=TOPOLOGIES, default="mpls")
    ap.add_argument("--edits", type=int, default=15)
    args = ap.parse_args()
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication.instance() or QApplication([])
    print(f"{'sites':>6} {'edit→refresh':>13} {'worst':>8} {'analysis':>9} {'UI slots':>9}  budget")
    failed = False
    for n in args.sizes:
        r = bench(n, args.topology, args.edits)
        budget = BUDGET_MS.get(n)
        verdict = "" if budget is None else (f"≤ {budget:g} ms ok" if r["total"] <= budget else f"> {budget:g} ms OVER")
        failed |= budget is not None and r["total"] > budget
        print(f"{n:>6} {r['total']:>10.1f} ms {r['worst']:>5.1f} ms {r['analysis']:>6.1f} ms {r['ui']:>6.1f} ms  "
              f"{verdict}", flush=True)
    print(f"(median of {args.edits} edits; offscreen, {args.topology}; edit pushed on the undo stack)")
    del app
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
