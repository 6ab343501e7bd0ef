"""Time opening a class file into quiz mode in the app, offscreen: Classroom ▸ Open Class File… on a generated
design whose quiz hides the link bandwidth and calls (two questions per link), until the window has painted with
the analysis in (the canvas, the docks and the quiz table), in a fresh process per run.

Usage: python benchmarks/bench_quiz.py [--sizes 1000 10000 20000] [--topology mpls] [--repeat 3]
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

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _child(path: str) -> None:
    """One run, in this process: print the seconds to open and to settle."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from advisor.ui.main_window import MainWindow

    win = MainWindow()
    win.resize(1400, 900)
    win.show()
    app.processEvents()
    t0 = time.perf_counter()
    if not win.classroom.open_class_file(path):
        raise SystemExit(f"{path}: not opened")
    opened = time.perf_counter()
    while win.document.results is None:  # the analysis runs in the background
        app.processEvents()
        time.sleep(0.005)
    for _ in range(3):
        app.processEvents()
    win.grab()  # the whole window painted once
    done = time.perf_counter()
    print(f"{opened - t0:.3f} {done - t0:.3f}", flush=True)
    os._exit(0)  # skip tearing down tens of thousands of items


def _write_class_file(sites: int, topology: str, folder: Path) -> tuple[Path, int]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(ROOT))
    from generate import generate

    from advisor.ui.classroom import class_file
    from advisor.ui.classroom.quiz import Hidden, QuizSettings

    path = folder / f"{topology}-{sites}.class.json"
    quiz = QuizSettings(title="Benchmark", hidden=Hidden(kbps=True, calls=True))
    design = generate(sites, topology)
    class_file.save(class_file.ClassFile(design, quiz), path)
    return path, 2 * len(design.links)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 20000])
    ap.add_argument("--topology", default="mpls")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child)
        return 0
    print(f"{'sites':>6} {'questions':>9} {'open (s)':>9} {'shown (s)':>10}   median of {args.repeat}, "
          f"{args.topology}")
    with tempfile.TemporaryDirectory() as folder:
        for sites in args.sizes:
            path, questions = _write_class_file(sites, args.topology, Path(folder))
            opens, shown = [], []
            for _ in range(args.repeat):
                out = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True,
                                     text=True, check=True, env={**os.environ, "HOME": folder})
                a, b = map(float, out.stdout.split()[-2:])
                opens.append(a)
                shown.append(b)
            print(f"{sites:>6} {questions:>9,} {statistics.median(opens):>9.2f} {statistics.median(shown):>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
