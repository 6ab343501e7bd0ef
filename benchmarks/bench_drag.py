"""Drag a site and a cloud on the canvas, offscreen: a press on the node, then mouse moves, each followed by the
repaint it causes, as the user sees them while dragging; then the release (the move's undoable edit, the scene's
sync and the repaint after it), timed apart. Per move: the median and the worst (the move that starts the drag takes the picture), for a
branch site (its few links) and the busiest node (a star's cloud: every site's access link) of generated designs.

A diagnostic of how smooth a drag feels (a frame is ~16 ms at 60 Hz), not a budget.
Usage: python benchmarks/bench_drag.py [--sizes 100 1000 10000] [--topology mpls] [--moves 30]
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
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from advisor.ui.canvas.view import CanvasView  # noqa: E402
from advisor.ui.document import Document  # noqa: E402


def drag(app: QApplication, view: CanvasView, node_id: str, moves: int) -> tuple[list[float], float]:
    """(milliseconds per mouse move (the move and the repaint it asks for) dragging `node_id`'s item, milliseconds
    from the release to the repaint after the edit)."""
    item = view.scene().nodes[node_id]
    view.centerOn(item)
    app.processEvents()
    start = view.mapFromScene(item.sceneBoundingRect().center())
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    app.processEvents()
    times = []
    for i in range(1, moves + 1):
        to = start + QPoint(3 * i, 2 * i)
        t0 = time.perf_counter()
        QTest.mouseMove(viewport, to)
        app.processEvents()  # the repaint the move scheduled
        times.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(3 * moves, 2 * moves))
    app.processEvents()  # the move's edit, its sync and the repaint
    return times, (time.perf_counter() - t0) * 1000


def bench(app: QApplication, sites: int, topology: str, moves: int, zoom: str) -> dict[str, tuple]:
    design = generate(sites, topology)
    document = Document()
    view = CanvasView(document)
    view.resize(1400, 900)
    view.show()
    document.reset(design)
    view.fit_all()
    if zoom == "100":
        view.resetTransform()
    app.processEvents()
    degree: dict[str, int] = {}
    for link in design.links:
        degree[link.a] = degree.get(link.a, 0) + 1
        degree[link.b] = degree.get(link.b, 0) + 1
    busiest = max((*design.sites, *design.clouds), key=lambda n: degree.get(n.id, 0))
    out = {"site": drag(app, view, design.sites[len(design.sites) // 2].id, moves),
           f"busiest ({degree.get(busiest.id, 0):,} links)": drag(app, view, busiest.id, moves)}
    view.close()
    view.deleteLater()
    app.processEvents()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--topology", choices=TOPOLOGIES + EXTRA_TOPOLOGIES, default="mpls")
    ap.add_argument("--moves", type=int, default=30)
    ap.add_argument("--zoom", choices=("fit", "100"), default="fit")
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    print(f"{'sites':>6}  {'node dragged':<26} {'median':>9} {'worst':>9} {'release':>9}")
    for sites in args.sizes:
        for what, (times, released) in bench(app, sites, args.topology, args.moves, args.zoom).items():
            print(f"{sites:>6}  {what:<26} {statistics.median(times):>6.1f} ms {max(times):>6.1f} ms "
                  f"{released:>6.1f} ms")
    print(f"(per mouse move, with its repaint; {args.moves} moves; offscreen, {args.topology}, zoom {args.zoom})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
