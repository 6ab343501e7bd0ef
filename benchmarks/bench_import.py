"""Time `advisor import` on generated workbooks: the header search over many wide sheets of words that name no field
(each cell of the first 30 rows of every sheet is read as a header candidate), and a long site list.

Workbooks: `notes` sheets of 30 rows × 200 distinct random words (none repeated, so no cell's answer is reused
within a sheet), then a 'Sites' sheet; and one sheet of `rows` sites with users, bandwidth, RTT and transport.
Medians of `--runs`, each in a fresh process (the command line as a user runs it, workbook read included).
Usage: python benchmarks/bench_import.py [--notes 10 40] [--rows 1000 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent


def wide_book(path: Path, notes: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    book = openpyxl.Workbook(write_only=True)
    for s in range(notes):
        sheet = book.create_sheet(f"Notes {s}")
        for _ in range(30):
            sheet.append(["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 12)))
                          for _ in range(200)])
    sites = book.create_sheet("Sites")
    for row in (["Site", "Users"], ["HQ", 50], ["Bern", 10]):
        sites.append(row)
    book.save(path)


def long_book(path: Path, rows: int, seed: int = 6) -> None:
    rng = random.Random(seed)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Sites")
    sheet.append(["Site", "Users", "WAN BW (kbps)", "RTT (ms)", "Transport"])
    sheet.append(["HQ", 2000, 100_000, 5, "MPLS"])
    for i in range(1, rows):
        sheet.append([f"Branch {i}", rng.randint(5, 200), rng.choice((1024, 2048, 4096)), rng.choice((20, 30, 40)),
                      rng.choice(("MPLS", "Internet"))])
    book.save(path)


def run(path: Path, out: Path) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "advisor", "import", str(path), "-o", str(out)], cwd=ROOT,
                          capture_output=True, text=True)
    took = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"import {path.name} failed: {proc.stderr.strip()[-500:]}")
    return took


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", type=int, nargs="+", default=[10, 40])
    ap.add_argument("--rows", type=int, nargs="+", default=[1000, 20000])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        cases = []
        for n in args.notes:
            wide_book(tmp / f"wide-{n}.xlsx", n)
            cases.append((f"{n} sheets of 30 × 200 words, then the site list", tmp / f"wide-{n}.xlsx"))
        for n in args.rows:
            long_book(tmp / f"long-{n}.xlsx", n)
            cases.append((f"{n:,} sites on one sheet", tmp / f"long-{n}.xlsx"))
        for label, path in cases:
            times = [run(path, tmp / "out.json") for _ in range(args.runs)]
            print(f"{label:<48} {statistics.median(times):6.2f} s  (median of {args.runs}; "
                  f"{path.stat().st_size / 1e6:.1f} MB)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
