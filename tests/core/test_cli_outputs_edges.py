"""Where the command line writes, at the edges: `-o -` (standard output) for the PDFs, a closed standard output,
Ctrl-C while the modules load, and names holding line breaks in the text tables."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"
BREAKS = ROOT / "tests" / "data" / "hostile" / "names-at-max-with-line-breaks.json"


def run(*args: str, cwd: Path = ROOT, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "advisor", *args], capture_output=True, timeout=120, cwd=cwd, **kw)


def test_report_to_standard_output_writes_the_pdf_there_and_no_file_named_dash(tmp_path):
    done = run("report", str(EXAMPLE), "-o", "-", "--issued", "2026-01-01", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF-") and done.stdout.rstrip().endswith(b"%%EOF")
    assert not (tmp_path / "-").exists() and b"wrote" not in done.stdout
    with_file = run("report", str(EXAMPLE), "-o", str(tmp_path / "x.pdf"), "--issued", "2026-01-01")
    assert with_file.returncode == 0
    assert (tmp_path / "x.pdf").read_bytes() == done.stdout  # the same document


def test_exercises_to_standard_output_one_output_at_a_time(tmp_path):
    sheet = run("exercises", "--count", "2", "-o", "-", cwd=tmp_path)
    assert sheet.returncode == 0 and sheet.stdout.startswith(b"%PDF-") and not (tmp_path / "-").exists()
    for args in (["-o", "-", "--answers", "-"], ["--answers", "-", "--json"]):
        both = run("exercises", "--count", "2", *args, cwd=tmp_path)
        assert both.returncode == 2 and both.stdout == b""
        assert b"write to standard output; give a file name to all but one" in both.stderr
        assert not (tmp_path / "-").exists()


def test_import_refuses_standard_output_for_the_design(tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Users\nHQ,100\nBranch,10\n", encoding="utf-8")
    done = run("import", str(sites), "-o", "-", cwd=tmp_path)
    assert done.returncode == 2 and not (tmp_path / "-").exists()
    assert done.stderr.decode().startswith("advisor: error: -o -: give a file name for the design")


@pytest.mark.parametrize("args", [["codecs"], ["check", str(EXAMPLE), "--json"], ["check", str(EXAMPLE)],
                                  ["bom", str(EXAMPLE), "--csv", "-"], ["explain", str(EXAMPLE)]])
def test_a_closed_standard_output_is_an_error_not_a_traceback_or_silence(args):
    done = run(*args, stdout=None, preexec_fn=lambda: os.close(1))  # as `advisor … >&-`
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "Traceback" not in err and "standard output is closed" in err and len(err.splitlines()) == 1


def test_ctrl_c_before_the_command_runs_is_one_line_and_exit_130():
    code = ("import sys, advisor.cli as cli\n"
            "def interrupted(argv=None):\n    raise KeyboardInterrupt\n"
            "cli.main = interrupted\nsys.argv = ['advisor', 'check', 'x.json']\ncli.entry()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 130
    assert done.stderr == "advisor: error: interrupted\n"


def test_names_with_line_breaks_keep_each_table_row_on_one_line():
    done = run("check", str(BREAKS))
    out = done.stdout.decode()
    assert done.returncode in (0, 1), done.stderr
    assert out.startswith("Design: ") and out.splitlines()[1].startswith("Sites 5, clouds 1, links 5")
    for title in ("Bandwidth per link, per direction, at the busy hour", "Capacity per link"):
        table = out.split(title, 1)[1].split("\n\n", 1)[0].splitlines()
        rule = next(i for i, line in enumerate(table) if line.startswith("----"))
        rows = table[rule + 1:]
        assert [row.split()[0] for row in rows] == ["l-hq", "l-br", "l-b0", "l-b1", "l-b2"]  # one line per link
        assert all("\x1b" not in row for row in rows)


def test_an_error_about_thousands_of_arguments_stays_a_short_line():
    stray = run("check", str(EXAMPLE), *["stray-argument-" + str(i) for i in range(3000)])
    many = run("compare", str(EXAMPLE), *["--vary", "codec=g711,g729"] * 500)  # 2^500 combinations
    for done in (stray, many):
        err = done.stderr.decode()
        assert done.returncode == 2 and "Traceback" not in err
        last = err.splitlines()[-1]
        assert last.startswith(("advisor: error: ", "advisor check: error: ")) and len(last) <= 1100
    assert "stray-argument-0" in stray.stderr.decode() and "stray-argument-2999" in stray.stderr.decode()


@pytest.mark.parametrize("args", [("report", "loop", "-o", "r.pdf"), ("report", "loop"), ("import", "loop", "-o", "x.json"),
                                  ("bom", "loop", "--xlsx", "x.xlsx")])
def test_an_input_that_links_to_itself_is_named_as_the_input(tmp_path, args):
    """Was 'r.pdf: not a usable file name: Symlink loop from …': the output blamed, in Python's words."""
    os.symlink("loop", tmp_path / "loop")
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode() == "advisor: error: loop: cannot be read: Too many levels of symbolic links\n"


def test_an_output_that_links_to_itself_is_named_as_the_output(tmp_path):
    os.symlink("r.pdf", tmp_path / "r.pdf")
    done = run("report", str(EXAMPLE), "-o", "r.pdf", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode().startswith("advisor: error: r.pdf: ")
    assert "Symlink loop" not in done.stderr.decode()


def test_a_sketch_whose_link_leads_into_a_missing_folder_is_named(tmp_path):
    """Was 'out: cannot be written: the folder … takes no new files': the output folder's parent blamed."""
    (tmp_path / "out").mkdir()
    os.symlink(tmp_path / "gone" / "x", tmp_path / "out" / "hq.txt")
    done = run("configs", str(EXAMPLE), "-o", "out", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode() == (f"advisor: error: out/hq.txt: cannot be written: the folder {tmp_path / 'gone'} "
                                    "does not exist; choose a file name in an existing folder\n")


def test_a_pdf_name_too_long_for_the_system_is_said_in_one_line(tmp_path):
    """A design named with 253 letters and '.j' made a 257-character PDF name: 'unexpected internal error'."""
    name = "d" * 253 + ".j"
    (tmp_path / name).write_bytes(EXAMPLE.read_bytes())
    done = run("report", name, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode() == (f"advisor: error: {'d' * 253}.pdf: not a usable file name: File name too long; "
                                    "name the PDF with -o\n")
    named = run("report", name, "-o", "short.pdf", "--issued", "2026-01-01", cwd=tmp_path)
    assert named.returncode == 0 and (tmp_path / "short.pdf").exists()
