"""Whole-design actions in the app window on a large design, offscreen: how long the window stops answering.

A generated design is opened as File ▸ Open does; then each action is started from the event loop while a 10 ms
timer beats, and the longest gap between beats (the longest time the window could not answer a click or repaint)
is measured until the analysis that follows has landed and the window has been idle for 0.3 s. The actions, in
order: Select All; Delete one site in the middle of the design and its Undo; Auto Layout ▸ Radial and its Undo;
View ▸ Dark and ▸ Light; Open another design of the same size over this one; File ▸ New. Medians over the runs;
figures for the record, no budget (docs/performance.md).
Usage: python benchmarks/bench_window_actions.py [--sizes 5000 20000] [--topology mpls] [--runs 3]
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
from generate import EXTRA_TOPOLOGIES, TOPOLOGIES, generate  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QStandardPaths, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

QUIET_S = 0.3
LIMIT_S = 600.0


def held(win, action) -> float:
    """Seconds of the longest gap between 10 ms beats from `action` until the window is idle again."""
    beats = [time.perf_counter()]
    beat = QTimer(interval=10)
    beat.timeout.connect(lambda: beats.append(time.perf_counter()))
    beat.start()
    started = []
    QTimer.singleShot(0, lambda: (action(), started.append(time.perf_counter())))
    quiet_since = None
    deadline = time.perf_counter() + LIMIT_S
    while time.perf_counter() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if not started or win.analysis.pending():
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.perf_counter()
        elif time.perf_counter() - quiet_since > QUIET_S:
            break
        time.sleep(0.002)
    else:
        raise SystemExit(f"the window did not settle within {LIMIT_S:.0f} s")
    beat.stop()
    beats.append(time.perf_counter())
    return max(b - a for a, b in zip(beats, beats[1:], strict=False))


def bench(sites: int, topology: str, runs: int, folder: Path) -> dict[str, float]:
    from advisor import io

    other = folder / f"other-{topology}-{sites}.json"
    other.write_text(io.dumps(generate(sites, "chain" if topology != "chain" else "mpls")), encoding="utf-8")
    rows: dict[str, list[float]] = {}
    for _ in range(runs):
        win = open_window(sites, topology, folder, lambda _r: None)
        acts = win.actions_by_name
        middle = win.document.design.sites[len(win.document.design.sites) // 2].id

        def delete_middle(win=win, middle=middle):
            win.document.select((middle,))
            win.canvas.action("delete").trigger()

        steps = [("select all", win.canvas.select_all),
                 ("delete one site", delete_middle), ("undo the delete", acts["undo"].trigger),
                 ("radial layout", acts["layout-radial"].trigger), ("undo the layout", acts["undo"].trigger),
                 ("dark theme", acts["theme-dark"].trigger), ("light theme", acts["theme-light"].trigger),
                 ("open another over it", lambda win=win: win.files.open_path(other, ask=False, remember=False)),
                 ("File ▸ New", lambda win=win: win.files.new())]
        for name, action in steps:
            if name == "File ▸ New":
                win.document.undo_stack.setClean()  # no unsaved-changes prompt
            rows.setdefault(name, []).append(held(win, action))
        win.document.undo_stack.setClean()
        win.close()
        win.deleteLater()
        QCoreApplication.processEvents()
    return {name: statistics.median(values) for name, values in rows.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    ap.add_argument("--topology", choices=TOPOLOGIES + EXTRA_TOPOLOGIES, default="mpls")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    QStandardPaths.setTestModeEnabled(True)  # settings, autosave and logs away from the user's own
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        results = {n: bench(n, args.topology, args.runs, Path(tmp)) for n in args.sizes}
    names = list(next(iter(results.values())))
    print(f"{'action':24s}" + "".join(f"{n:>12,}" for n in args.sizes) + "   (sites; longest hold, s)")
    for name in names:
        print(f"{name:24s}" + "".join(f"{results[n][name]:12.2f}" for n in args.sizes))
    print(f"(medians of {args.runs} runs; offscreen, {args.topology})")
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
