"""Select All + Copy + Paste on the canvas, offscreen: a generated design opened in the main window as File ▸ Open
does, every node selected and copied, then Paste timed (the copies' fresh ids, the command, the undo stack, the
canvas's new items and the selection), then the repaint that follows (until the event loop is idle), then the
findings refreshed for the doubled design (until `resultsChanged`). Each paste is undone before the next one, so
every paste doubles the same design. Medians over the pastes; figures for the record, no budget.
Usage: python benchmarks/bench_paste.py [--sizes 500 1000 2000 5000] [--topology mpls] [--pastes 3]
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

from bench_refresh import open_window  # noqa: E402
from generate import TOPOLOGIES  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QStandardPaths, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def bench(sites: int, topology: str, pastes: int, folder: Path) -> dict[str, float]:
    win = open_window(sites, topology, folder, lambda _r: None)
    view, document = win.canvas, win.document
    loop = QEventLoop()
    guard = QTimer(singleShot=True, interval=120_000)
    guard.timeout.connect(loop.quit)
    marks: dict[str, float] = {}

    def refreshed(_results) -> None:
        marks["results"] = time.perf_counter()
        loop.quit()

    document.resultsChanged.connect(refreshed)
    rows: dict[str, list[float]] = {"paste": [], "repaint": [], "findings": []}
    count = len(document.design.sites) + len(document.design.clouds)
    for _ in range(pastes):
        view.select_all()
        view.copy()
        QCoreApplication.processEvents()
        marks.clear()
        t0 = time.perf_counter()
        view.paste()
        pasted = time.perf_counter()
        QCoreApplication.processEvents()
        painted = time.perf_counter()
        if len(document.design.sites) + len(document.design.clouds) != 2 * count:
            raise SystemExit(f"{sites} sites: the paste did not add {count} nodes")
        if "results" not in marks:
            guard.start()
            loop.exec()
            guard.stop()
        if "results" not in marks:
            raise SystemExit(f"{sites} sites: no results within {guard.interval()} ms of a paste")
        rows["paste"].append((pasted - t0) * 1000)
        rows["repaint"].append((painted - pasted) * 1000)
        rows["findings"].append((marks["results"] - t0) * 1000)
        marks.clear()
        document.undo_stack.undo()  # back to the design as opened, and its findings
        guard.start()
        loop.exec()
        guard.stop()
    document.undo_stack.setClean()
    win.close()
    win.deleteLater()
    QCoreApplication.processEvents()
    return {key: statistics.median(values) for key, values in rows.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000, 5000])
    ap.add_argument("--topology", choices=TOPOLOGIES, default="mpls")
    ap.add_argument("--pastes", type=int, default=3)
    args = ap.parse_args()
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication.instance() or QApplication([])
    print(f"{'sites':>6} {'paste':>10} {'then repaint':>13} {'paste→findings':>15}")
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            r = bench(n, args.topology, args.pastes, Path(folder))
            print(f"{n:>6} {r['paste']:>7.0f} ms {r['repaint']:>10.0f} ms {r['findings']:>12.0f} ms", flush=True)
    print(f"(medians of {args.pastes} pastes of the whole design, each undone; offscreen, {args.topology})")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
