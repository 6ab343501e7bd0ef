"""Time canvas repaints on designs with piles of parallel links, offscreen: two sites joined by N links, and a mix
(six sites, three pairs of them joined by N / 3 links each, plus one ordinary link per site to a cloud).

Per design, medians of --repeat runs of: a repaint of the fitted view, a repaint at 100 % centred on a pile, a hover
(a mouse move over the pile, then the repaint it causes) and a selection (one link of the pile selected, as the
Links dock does, then the repaint). No budget is asserted; the canvas aims at tens of milliseconds per repaint
whatever the number of parallel links.
Usage: python benchmarks/bench_parallel_links.py [--links 1000 5000 20000] [--repeat 7] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from advisor.analysis import analyse  # noqa: E402
from advisor.model import Design  # noqa: E402
from advisor.ui.canvas.view import CanvasView  # noqa: E402
from advisor.ui.document import Document  # noqa: E402


def parallel_design(links: int, pairs: int = 1) -> Design:
    """``pairs`` pairs of sites 520 px apart, ``links`` parallel leased lines shared among them; with more than one
    pair, every site also has one link to an MPLS cloud (the ordinary case beside the piles)."""
    sites, clouds, out = [], [], []
    for p in range(pairs):
        for end in range(2):
            i = 2 * p + end
            sites.append({"id": f"s{i}", "name": "HQ" if i == 0 else f"Branch {i}", "kind": "hq" if i == 0 else
                          "branch", "users": 500 if i == 0 else 40, "cucm_publisher": i == 0,
                          "survivability": "none" if i == 0 else "srst", "x": 520.0 * end, "y": 300.0 * p})
    for k in range(links):
        p = k % pairs
        out.append({"id": f"p{k}", "a": f"s{2 * p}", "b": f"s{2 * p + 1}", "capacity_kbps": 10000})
    if pairs > 1:
        clouds.append({"id": "wan", "name": "MPLS", "kind": "mpls", "x": 900.0, "y": 150.0})
        out.extend({"id": f"c{i}", "a": f"s{i}", "b": "wan", "capacity_kbps": 4096} for i in range(2 * pairs))
    return Design.model_validate({"name": f"{links} parallel links", "sites": sites, "clouds": clouds,
                                  "links": out, "vpn": {"technology": "none"}, "voice": {"codec": "g729"}})


def _median_ms(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        action()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def bench(app: QApplication, design: Design, repeat: int, profile: bool) -> dict[str, float]:
    document = Document()
    view = CanvasView(document)
    view.resize(1400, 900)
    view.show()
    app.processEvents()
    document.reset(design)
    document.set_results(analyse(design))
    view.fit_all()
    app.processEvents()
    viewport = view.viewport()
    out = {}
    out["fitted"] = _median_ms(viewport.grab, repeat)
    view.resetTransform()
    view.centerOn(260.0, 0.0)
    app.processEvents()
    out["100%"] = _median_ms(viewport.grab, repeat)
    spots = [view.mapFromScene(QPointF(180.0 + 20 * i, 0.0)) for i in range(repeat)]

    def hover() -> None:
        spot = spots.pop() if spots else QPoint(700, 450)
        event = QMouseEvent(QEvent.Type.MouseMove, QPointF(spot), QPointF(view.mapToGlobal(spot)),
                            Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, event)
        viewport.repaint()

    out["hover"] = _median_ms(hover, repeat)
    ids = [x.id for x in design.links if x.a == "s0" and x.b == "s1"]
    picks = iter([ids[(j * 7919) % len(ids)] for j in range(repeat)])

    def select() -> None:
        document.select((next(picks),))
        viewport.repaint()

    out["select"] = _median_ms(select, repeat)
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(3):
            viewport.repaint()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(12)
    document.reset(Design())
    view.close()
    view.deleteLater()
    app.processEvents()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--links", type=int, nargs="+", default=[1000, 5000, 20000])
    ap.add_argument("--pairs", type=int, nargs="+", default=[1, 3], help="pairs of sites sharing the links")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--profile", action="store_true", help="cProfile three repaints of the last view")
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    print(f"{'links':>6} {'pairs':>5} {'fitted':>9} {'100 %':>9} {'hover':>9} {'select':>9}")
    for links in args.links:
        for pairs in args.pairs:
            r = bench(app, parallel_design(links, pairs), args.repeat, args.profile)
            print(f"{links:>6} {pairs:>5} {r['fitted']:>6.1f} ms {r['100%']:>6.1f} ms {r['hover']:>6.1f} ms "
                  f"{r['select']:>6.1f} ms", flush=True)
    print(f"(medians of {args.repeat}; offscreen, a 1400 × 900 view; hover and select include the repaint)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
