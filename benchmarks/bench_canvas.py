"""Time the canvas on generated designs, offscreen: open (set the design, fit, render once), one edit, a move of 50
sites, a render at 100 %, and a render of the fitted view with every site and link selected.

Budget (SPEC §5): the app shows a 1,000-site design within 2 s; edits stay responsive.
Usage: python benchmarks/bench_canvas.py [--sizes 100 1000] [--topology mpls] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import EXTRA_TOPOLOGIES, TOPOLOGIES, generate  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from advisor.commands import MoveNodes, SetFields  # noqa: E402
from advisor.model import Design  # noqa: E402
from advisor.ui.canvas.view import CanvasView  # noqa: E402
from advisor.ui.document import Document  # noqa: E402

BUDGET_OPEN_S = 2.0


def bench(app: QApplication, sites: int, topology: str, repeat: int) -> dict[str, float]:
    design = generate(sites, topology)
    opens, edits, moves, renders, selected = [], [], [], [], []
    for _ in range(repeat):
        document = Document()
        view = CanvasView(document)
        view.resize(1400, 900)
        view.show()
        app.processEvents()
        t0 = time.perf_counter()
        document.reset(design)  # the scene builds its items from designChanged
        view.fit_all()
        view.grab()  # render once, as the first paint does
        opens.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        document.push(SetFields(design.sites[1].id, {"users": 99}))
        view.grab()
        edits.append(time.perf_counter() - t0)
        nodes = {s.id: (s.x + 10, s.y + 10) for s in document.design.sites[:50]}
        t0 = time.perf_counter()
        document.push(MoveNodes(nodes, text="Move 50 sites"))
        view.grab()
        moves.append(time.perf_counter() - t0)
        view.resetTransform()  # 100 %: labels and text drawn
        view.centerOn(design.sites[sites // 2].x, design.sites[sites // 2].y)
        t0 = time.perf_counter()
        view.grab()
        renders.append(time.perf_counter() - t0)
        view.fit_all()  # the whole design selected, as after Select All, rendered fitted
        view.select_all()
        view.grab()
        t0 = time.perf_counter()
        view.grab()
        selected.append(time.perf_counter() - t0)
        document.reset(Design())
        view.close()
        view.deleteLater()
        app.processEvents()
    return {"open": statistics.median(opens), "edit": statistics.median(edits),
            "move50": statistics.median(moves), "render100": statistics.median(renders),
            "selected": statistics.median(selected)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--topology", choices=TOPOLOGIES + EXTRA_TOPOLOGIES, default="mpls")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    failed = False
    print(f"{'sites':>6} {'open+fit+render':>16} {'edit+render':>12} {'move 50':>9} {'render 100%':>12} "
          f"{'all selected':>13}")
    for sites in args.sizes:
        r = bench(app, sites, args.topology, args.repeat)
        verdict = "ok" if r["open"] <= BUDGET_OPEN_S else f"OVER {BUDGET_OPEN_S:g} s"
        failed |= r["open"] > BUDGET_OPEN_S and sites <= 1000
        print(f"{sites:>6} {r['open'] * 1000:>13.0f} ms {r['edit'] * 1000:>9.0f} ms {r['move50'] * 1000:>6.0f} ms "
              f"{r['render100'] * 1000:>9.0f} ms {r['selected'] * 1000:>10.0f} ms  {verdict}")
    print(f"(median of {args.repeat}; offscreen, {args.topology} topology; budget: 1,000 sites shown ≤ 2 s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
