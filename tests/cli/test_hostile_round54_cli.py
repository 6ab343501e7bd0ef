"""Round 54 on the command line: the hostile site lists of tests/data/hostile/import/ (exit 2, one line, nothing
written), an import that would lose the file it saves over, CSV exports of names shaped like formulas, and writing
commands killed (SIGKILL) while they write: the old file or the whole new one, and no temporary left after the
next run. See tests/core/test_hostile_round54_import.py."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from advisor import atomic
from tests.cli.conftest import ROOT, run_cli
from tests.core.test_hostile_round54_import import FOLDER, REFUSED, make


@pytest.mark.parametrize("name, words", REFUSED, ids=[name for name, _ in REFUSED])
def test_each_reproducer_is_exit_2_and_one_line(tmp_path, name, words):
    out = tmp_path / "design.json"
    result = run_cli("import", str(FOLDER / name), "-o", str(out), timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"advisor: error: {name}: ") and words in lines[0]
    assert not out.exists()


def test_an_import_that_would_lose_the_file_it_replaces_is_refused_before_writing(tmp_path):
    """FILE.bak a folder: the design was written and only a warning said the file it replaced was gone."""
    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Users\nBern,20\nBasel,30\n", encoding="utf-8")
    out = tmp_path / "design.json"
    out.write_text('{"edited": "by hand"}', encoding="utf-8")
    (tmp_path / "design.json.bak").mkdir()
    result = run_cli("import", str(sites), "-o", str(out), timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"advisor: error: {out}: the file it holds would be lost: a save keeps it as design.json.bak, which is a "
        "folder; move it, or choose another name with -o"]
    assert out.read_text(encoding="utf-8") == '{"edited": "by hand"}'
    (tmp_path / "design.json.bak").rmdir()
    assert run_cli("import", str(sites), "-o", str(out), timeout=60).returncode == 0
    assert (tmp_path / "design.json.bak").read_text(encoding="utf-8") == '{"edited": "by hand"}'


def test_an_import_over_a_name_too_long_for_its_backup_is_refused_before_writing(tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Users\nBern,20\n", encoding="utf-8")
    out = tmp_path / ("d" * 247 + ".json")  # 252 bytes: a legal name; with '.bak', 256
    out.write_text("old", encoding="utf-8")
    result = run_cli("import", str(sites), "-o", str(out), timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("the file it holds would be lost: a save keeps it as FILE.bak, a name "
                                          "longer than a file name may be (255 bytes); choose a shorter name with -o")
    assert out.read_text(encoding="utf-8") == "old"
    out.unlink()
    assert run_cli("import", str(sites), "-o", str(out), timeout=60).returncode == 0  # nothing to keep: written


@pytest.mark.parametrize("command", [("bom", "--csv"), ("check", "--csv")])
def test_names_shaped_like_formulas_leave_a_csv_export_as_text(tmp_path, command):
    """Each name of formula-names.json starts a cell with an apostrophe, which spreadsheets show as text."""
    out = tmp_path / "out.csv"
    result = run_cli(command[0], str(FOLDER / "formula-names.json"), command[1], str(out), timeout=60)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    cells = {cell for row in rows for cell in row}
    for name in make.FORMULA_NAMES:
        assert "'" + name in cells and name not in cells


# -- killed while writing --------------------------------------------------------------------------------------

def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _kill_when_writing(args: list[str], folder: Path) -> bool:
    """Run `advisor ARGS` in `folder` and SIGKILL it as soon as a temporary appears there; True when one did."""
    child = subprocess.Popen([sys.executable, "-m", "advisor", *args], cwd=folder, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    seen = False
    try:
        deadline = time.monotonic() + 60
        while child.poll() is None and time.monotonic() < deadline:
            if _temporaries(folder):
                seen = True
                break
            time.sleep(0.001)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    return seen


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[Path, Path]:
    """A 3,000-site design and a 3,000-row site list."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    from advisor import io as design_io

    folder = tmp_path_factory.mktemp("big")
    design_io.save(generate(3000), folder / "big.json", backup=False)
    rows = "".join(f"Site {i},{i % 90 + 1},{'2 Mbps' if i % 2 else 'E1'},MPLS\n" for i in range(3000))
    (folder / "sites.csv").write_text("Site Name,Users,Bandwidth,Transport\n" + rows, encoding="utf-8")
    return folder / "big.json", folder / "sites.csv"


CASES = {"import": lambda d, s: ["import", str(s), "-o", "out.json"],
         "bom --csv": lambda d, s: ["bom", str(d), "--csv", "out.csv"],
         "bom --xlsx": lambda d, s: ["bom", str(d), "--xlsx", "out.xlsx"]}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL") or atomic.fcntl is None, reason="POSIX signals and locks")
@pytest.mark.parametrize("case", list(CASES))
def test_a_writing_command_killed_leaves_the_old_file_or_the_new_and_the_next_run_cleans(tmp_path, big, case):
    args = CASES[case](*big)
    target = tmp_path / args[-1]
    reference = tmp_path / "reference"
    reference.mkdir()
    assert subprocess.run([sys.executable, "-m", "advisor", *args], cwd=reference, capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}).returncode == 0
    whole = (reference / args[-1]).read_bytes()
    landed = tries = 0
    # three kills, and more (up to twelve) until one lands while the command writes: a small workbook is written in
    # a few milliseconds, which a busy machine's polling can miss three times running
    while tries < 3 or (not landed and tries < 12):
        tries += 1
        target.write_bytes(b"the old file")
        landed += _kill_when_writing(args, tmp_path)
        got = target.read_bytes()
        if case == "bom --xlsx" and got != b"the old file":  # a workbook names the time it was made
            import zipfile

            with zipfile.ZipFile(io.BytesIO(got)) as book:
                assert book.testzip() is None and book.namelist() == zipfile.ZipFile(io.BytesIO(whole)).namelist()
        else:
            assert got in (b"the old file", whole)
        run = subprocess.run([sys.executable, "-m", "advisor", *args], cwd=tmp_path, capture_output=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert run.returncode == 0
        assert _temporaries(tmp_path) == []
    assert landed, "no kill landed while the command wrote: the test proved nothing"


LEAVE = ("import os, sys\nfrom pathlib import Path\nfrom advisor import atomic\n"
         "for name in sys.argv[2:]:\n    atomic.locked_temp(Path(sys.argv[1]), atomic.temp_prefix(name))\n"
         "os._exit(0)\n")  # as a kill leaves them: written by a save that never ended, their locks dropped


@pytest.mark.skipif(atomic.fcntl is None, reason="locks")
def test_configs_removes_what_any_killed_run_left_in_its_folder(tmp_path):
    """A killed run left up to 128 sketches' temporaries; the next run removed only those of the sketches it wrote:
    `configs --site hq` kept the other 127, and a site since renamed kept its own for ever."""
    folder = tmp_path / "sketches"
    folder.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", LEAVE, str(folder), "br01.txt", "br02.txt", "gone.txt"], check=True,
                   env=env)
    foreign = folder / ".notes.txt.abcdefgh.tmp"  # not a name advisor makes (its last letter checks nothing)
    foreign.write_text("another program's", encoding="utf-8")
    os.utime(foreign, (0, 0))
    holder = subprocess.Popen([sys.executable, "-c", "import sys\nfrom pathlib import Path\nfrom advisor import "
                               "atomic\nprint(atomic.locked_temp(Path(sys.argv[1]), '.br03.txt.')[1], flush=True)\n"
                               "sys.stdin.readline()\n", str(folder)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              env=env, text=True)
    try:
        running = Path(holder.stdout.readline().strip())
        assert len(_temporaries(folder)) == 5
        result = run_cli("configs", str(ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"), "-o",
                         str(folder), "--site", "hq", timeout=60)
        assert result.returncode == 0, result.stderr
        assert _temporaries(folder) == sorted([foreign.name, running.name])  # a save still running keeps its own
    finally:
        holder.communicate("\n", timeout=10)


@pytest.mark.parametrize("name", ["\x01\x02", "\u202e", "\x1b\u200f"])
def test_a_name_of_controls_or_direction_marks_alone_is_refused(tmp_path, name):
    """'--name $(printf "\\x01\\x02")' named the design so (exit 0): a name that shows nothing, as '' is refused."""
    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Users\nBern,20\n", encoding="utf-8")
    result = run_cli("import", str(sites), "-o", str(tmp_path / "d.json"), "--name", name, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "advisor: error: --name: the name is empty; leave the option out to use the sheet's title"]
    assert not (tmp_path / "d.json").exists()
