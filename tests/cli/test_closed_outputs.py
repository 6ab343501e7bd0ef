"""Standard output that cannot take what a command prints: full (`> /dev/full`) or closed (`>&-`).

`--help` and `--version` went through argparse, which passes over a failed write: `advisor --help > /dev/full`
exited 0 having shown nothing. A closed standard output is an error for every command that prints, as for `check`:
`import -o X.json >&-` and `report -o X.pdf >&-` both write their file whole and exit 2, and the import says its
design was written (only the list of skipped rows and assumed values is lost). `import` whose every row is skipped
gives its own reason on stderr, not the closed or full output's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "single-site-campus.json"
FULL = "standard output cannot be written: No space left on device"
CLOSED = "standard output is closed"

needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")


def run(*args: str, stdout: str) -> subprocess.CompletedProcess:
    """`advisor ARGS` with standard output full ('full', as `> /dev/full`) or closed ('closed', as `>&-`)."""
    if stdout == "full":
        with open("/dev/full", "w") as full:  # a device used as a redirection only
            return subprocess.run([sys.executable, "-m", "advisor", *args], stdout=full, stderr=subprocess.PIPE,
                                  text=True, timeout=120, cwd=ROOT)
    return subprocess.run([sys.executable, "-m", "advisor", *args], stdout=None, stderr=subprocess.PIPE, text=True,
                          timeout=120, cwd=ROOT, preexec_fn=lambda: os.close(1))


@needs_dev_full
@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--version"], ["check", "--help"], ["import", "--help"]])
def test_help_and_version_to_a_full_output_exit_2_with_one_line(args):
    done = run(*args, stdout="full")
    assert done.returncode == 2
    assert done.stderr == f"advisor: error: {FULL}\n"


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"]])
def test_help_to_a_closed_output_is_an_error_as_check_is(args):
    done = run(*args, stdout="closed")
    assert done.returncode == 2
    assert done.stderr == f"advisor: error: {CLOSED}: the output cannot be written\n"


def test_help_to_a_working_output_still_exits_0():
    done = subprocess.run([sys.executable, "-m", "advisor", "--help"], capture_output=True, text=True, timeout=120,
                          cwd=ROOT)
    assert done.returncode == 0 and done.stdout.startswith("usage: advisor") and done.stderr == ""


def _sites(tmp_path: Path, text: str = "Site Name,Users\nHQ,100\nBranch,10\n") -> Path:
    path = tmp_path / "sites.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("stdout", ["closed", pytest.param("full", marks=needs_dev_full)])
def test_import_writes_its_design_then_exits_2_as_report_does(tmp_path, stdout):
    out = tmp_path / "design.json"
    done = run("import", str(_sites(tmp_path)), "-o", str(out), stdout=stdout)
    assert done.returncode == 2
    why = "is closed" if stdout == "closed" else "cannot be written: No space left on device"
    assert done.stderr == (f"advisor: error: standard output {why}; {out} was written, but not the list of what was "
                           "imported, skipped and assumed\n")
    assert [s["name"] for s in json.loads(out.read_text(encoding="utf-8"))["sites"]] == ["HQ", "Branch"]
    pdf = tmp_path / "x.pdf"
    report = run("report", str(EXAMPLE), "-o", str(pdf), "--issued", "2026-01-01", stdout=stdout)
    assert report.returncode == done.returncode == 2  # the same rule for both: the status line went nowhere
    assert len(report.stderr.splitlines()) == 1
    assert pdf.read_bytes().startswith(b"%PDF-") and pdf.read_bytes().rstrip().endswith(b"%%EOF")


@pytest.mark.parametrize("stdout", ["closed", pytest.param("full", marks=needs_dev_full)])
def test_nothing_imported_gives_its_reason_not_the_output_s(tmp_path, stdout):
    out = tmp_path / "design.json"
    done = run("import", str(_sites(tmp_path, "Site Name,Users\nBern,-5\nBasel,x\n")), "-o", str(out),
               stdout=stdout)
    assert done.returncode == 2
    assert done.stderr == ("advisor: error: sites.csv: nothing imported: all 2 rows below the header were skipped "
                           "(row 2, Users (B): '-5' is below 0; and 1 more reason)\n")
    assert not out.exists()


def test_a_row_number_is_written_with_the_digits_0_to_9(tmp_path):
    done = subprocess.run([sys.executable, "-m", "advisor", "import", str(_sites(tmp_path)), "-o",
                           str(tmp_path / "d.json"), "--header-row", "\u0661"], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines()[-1] == ("advisor import: error: argument --header-row: '\u0661': write numbers "
                                            "with the digits 0 to 9")
    assert not (tmp_path / "d.json").exists()


@needs_dev_full
@pytest.mark.parametrize("args", [["erlang", "--traffic", "x", "--gos", "1"], ["check", "no-such-design.json"]])
def test_an_error_that_cannot_be_shown_still_exits_2(args):
    # Standard error full (`2>/dev/full`): printing the one-line error failed again, and the command ended through
    # an uncaught exception with status 1 (which reads as "findings with errors" for `check`).
    with open("/dev/full", "w") as full:  # a device used as a redirection only
        done = subprocess.run([sys.executable, "-m", "advisor", *args], stdout=subprocess.PIPE, stderr=full,
                              text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 2
