"""`-` as the --csv / --xlsx file name writes the table to standard output: CSV as plain UTF-8 (no byte-order
mark, no 'wrote' line mixed into the data), a workbook as its bytes unless standard output is a terminal."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples"


def _example() -> Path:
    return sorted(EXAMPLE.glob("*.json"))[0]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "advisor", *args], cwd=ROOT, capture_output=True, check=False,
                          timeout=120)


@pytest.mark.parametrize("command", [["check", "--csv", "-"], ["check", "--csv", "-", "--table", "findings"],
                                     ["bom", "--csv", "-"], ["compare", "--vary", "codec=g711,g729", "--csv", "-"]])
def test_csv_to_standard_output(command, tmp_path):
    design = str(_example())
    done = _run(command[0], design, *command[1:])
    assert done.returncode in (0, 1), done.stderr.decode()
    data = done.stdout
    assert not data.startswith(b"\xef\xbb\xbf")  # no byte-order mark in a pipe
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert len(rows) >= 2 and all(rows)
    assert not any(r and r[0].startswith("wrote ") for r in rows)
    # the same rows as the file written the usual way (which carries a byte-order mark for Excel)
    out = tmp_path / "out.csv"
    file_args = [a if a != "-" else str(out) for a in command[1:]]
    assert _run(command[0], design, *file_args).returncode in (0, 1)
    assert out.read_bytes() == b"\xef\xbb\xbf" + data


def test_workbook_to_standard_output_is_a_whole_workbook():
    done = _run("check", str(_example()), "--xlsx", "-")
    assert done.returncode in (0, 1), done.stderr.decode()
    with zipfile.ZipFile(io.BytesIO(done.stdout)) as book:
        assert "xl/workbook.xml" in book.namelist()


def test_workbook_refused_on_a_terminal(monkeypatch, capsys):
    from advisor.cli import main

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["check", str(_example()), "--xlsx", "-"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "standard output" in err and "redirect" in err and "Traceback" not in err
