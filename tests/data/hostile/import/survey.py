"""Run round 54's hostile survey through the real command line and print one line per run (exit code, seconds,
the last line on standard error): `python tests/data/hostile/import/survey.py [inputs] [outputs] [kills N]`.

inputs:  every site list of `make_import_hostile.make_large` through `advisor import` (each under `timeout 60`, so
         a hang shows as exit 124);
outputs: every command that writes a file, to a folder, a FIFO, a path in a missing folder, a read-only folder, its
         own input, /dev/full, a name holding a line break, a 300-character name;
kills:   each writing command on a 10,000-site design (benchmarks/generate.py) killed (SIGKILL) as soon as its
         temporary appears, N times: the target must then be the old file or the whole new one, and the next run
         must leave no temporary beside it.
Slow (minutes) and heavy (a 2 GB zip bomb, 100 MB lines): not a test; run it by hand after changing the importer or a
writer.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "benchmarks"))
ADVISOR = ["nice", "-n", "19", "timeout", "60", sys.executable, "-m", "advisor"]
OLD = b"the file the user had\n"


def run(args: list[str], cwd: Path) -> tuple[int, float, str]:
    start = time.monotonic()
    done = subprocess.run(ADVISOR + args, cwd=cwd, capture_output=True, text=True, errors="replace",
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    last = next((line for line in reversed(done.stderr.splitlines()) if line.strip()), "")
    if "Traceback" in done.stderr:
        last = "TRACEBACK: " + last
    return done.returncode, time.monotonic() - start, last


def show(label: str, outcome: tuple[int, float, str]) -> None:
    code, seconds, last = outcome
    print(f"{label:44} exit {code:<3} {seconds:5.1f} s | {last[:200]}", flush=True)


def inputs(work: Path) -> None:
    from make_import_hostile import make_large

    for name, path in make_large(work / "inputs").items():
        show(f"import {name}", run(["import", str(path), "-o", str(work / "out.json")], work))


def outputs(work: Path, design: Path, sites: Path) -> None:
    folder = work / "outputs"
    classes = {"a folder": "folder", "a FIFO": "fifo", "a missing folder": "missing/out", "a read-only folder":
               "readonly/out", "/dev/full": "/dev/full", "a line break": "new\nline", "300 characters": "n" * 300}
    commands = {"import": lambda o: ["import", str(sites), "-o", o + ".json"],
                "bom --csv": lambda o: ["bom", str(design), "--csv", o + ".csv"],
                "bom --xlsx": lambda o: ["bom", str(design), "--xlsx", o + ".xlsx"],
                "compare --csv": lambda o: ["compare", str(design), "--csv", o + ".csv"],
                "compare --xlsx": lambda o: ["compare", str(design), "--xlsx", o + ".xlsx"],
                "exercises -o": lambda o: ["exercises", "-o", o + ".pdf"],
                "exercises --answers": lambda o: ["exercises", "--answers", o + ".pdf"],
                "configs -o": lambda o: ["configs", str(design), "-o", o]}
    for label, name in classes.items():
        for command, make_args in commands.items():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            (folder / "readonly").mkdir()
            os.mkfifo(folder / "fifo")
            args = make_args(name)
            if label in ("a folder", "a FIFO", "/dev/full"):  # the name as it is, with no extension added
                args[-1] = name
            if label == "a folder":
                (folder / name).mkdir()
            (folder / "readonly").chmod(0o555)
            show(f"{command} to {label}", run(args, folder))
            (folder / "readonly").chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for command, args in {"import": ["import", "in.csv", "-o", "in.csv"],
                          "bom --csv": ["bom", "in.json", "--csv", "in.json"],
                          "compare --xlsx": ["compare", "in.json", "--xlsx", "in.json"],
                          "configs -o": ["configs", "hq.txt", "-o", "."]}.items():
        shutil.copy(sites, folder / "in.csv")
        shutil.copy(design, folder / "in.json")
        shutil.copy(design, folder / "hq.txt")
        before = {p: p.read_bytes() for p in (folder / "in.csv", folder / "in.json", folder / "hq.txt")}
        outcome = run(args, folder)
        kept = all(p.read_bytes() == content for p, content in before.items())
        show(f"{command} over its own input ({'kept' if kept else 'LOST'})", outcome)


def _temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*.tmp")]


def _same_book(got: bytes, whole: bytes) -> bool:
    """Two workbooks alike but for the time each was made (docProps/core.xml)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(got)) as a, zipfile.ZipFile(io.BytesIO(whole)) as b:
            names = [n for n in b.namelist() if n != "docProps/core.xml"]
            return a.testzip() is None and all(a.read(n) == b.read(n) for n in names)
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def kills(work: Path, design: Path, sites: Path, rounds: int) -> None:
    only = os.environ.get("ONLY")  # one command's label, e.g. ONLY="bom --xlsx"
    commands = {"import": ["import", str(sites), "-o", "out.json"], "bom --csv": ["bom", str(design), "--csv",
                "out.csv"], "bom --xlsx": ["bom", str(design), "--xlsx", "out.xlsx"], "compare --csv": [
                "compare", str(design), "--vary", "codec=g711,g729", "--csv", "out.csv"], "compare --xlsx": [
                "compare", str(design), "--xlsx", "out.xlsx"], "exercises": ["exercises", "--count", "200", "-o",
                "out.pdf"], "configs": ["configs", str(design), "-o", "out"]}
    rnd = random.Random(54)
    for command, args in commands.items():
        if only and command != only:
            continue
        whole_dir = work / "whole"
        shutil.rmtree(whole_dir, ignore_errors=True)
        whole_dir.mkdir()
        run(args, whole_dir)
        for _ in range(rounds):
            folder = work / "killed"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            if command == "configs":
                (folder / "out").mkdir()
            else:
                (folder / args[-1]).write_bytes(OLD)
            child = subprocess.Popen([sys.executable, "-m", "advisor", *args], cwd=folder, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
            while child.poll() is None and not _temporaries(folder):
                time.sleep(0.001)
            time.sleep(rnd.uniform(0, 0.05))
            child.send_signal(signal.SIGKILL)
            child.wait()
            if command == "configs":
                parts = [p for p in (folder / "out").iterdir() if not p.name.endswith(".tmp")]
                good = all(p.read_bytes() == (whole_dir / "out" / p.name).read_bytes() for p in parts)
                verdict = f"{len(parts):,} whole sketches" if good else "A PARTIAL SKETCH"
            else:
                got = (folder / args[-1]).read_bytes()
                whole = (whole_dir / args[-1]).read_bytes()
                verdict = "old" if got == OLD else "new" if got == whole or _same_book(got, whole) else \
                    "A PARTIAL FILE"
            left = len(_temporaries(folder))
            run(args, folder)
            print(f"kill {command:16} target {verdict:24} temporaries left {left:4}, after the next run "
                  f"{len(_temporaries(folder))}", flush=True)


def main(argv: list[str]) -> int:
    from generate import generate

    from advisor import io

    parts = set(argv) or {"inputs", "outputs"}
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        design = work / "design.json"
        io.save(generate(10_000), design, backup=False)
        sites = work / "sites.csv"
        sites.write_text("Site Name,Users,Bandwidth,Transport\n" + "".join(
            f"Site {i},{i % 90 + 1},{'2 Mbps' if i % 2 else 'E1'},MPLS\n" for i in range(20_000)), encoding="utf-8")
        if "inputs" in parts:
            inputs(work)
        if "outputs" in parts:
            outputs(work, design, sites)
        if "kills" in parts:
            kills(work, design, sites, int(argv[argv.index("kills") + 1]) if argv[-1] != "kills" else 3)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
