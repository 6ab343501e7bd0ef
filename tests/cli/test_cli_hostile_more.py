"""The command line on the reproducers of tests/core/test_hostile_more.py, in real subprocesses: exit 2 and one
line on standard error that names the file and the problem, for `check`, `check --json` (also when the output is
cp1252), `report`, `import` and the rest; never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "data" / "hostile"
EXAMPLE = ROOT / "resources" / "examples" / "two-dc-clustering-over-wan.json"


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "advisor", *args], capture_output=True, timeout=120, cwd=ROOT,
                          env={**os.environ, **(env or {})})


def one_line(proc: subprocess.CompletedProcess) -> str:
    """The single line of standard error of a refusal."""
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("advisor: error: ") and "Traceback" not in err
    return err.rstrip("\n")


@pytest.mark.parametrize("command", [["check"], ["check", "--json"], ["explain"], ["bom"], ["compare"],
                                     ["configs"]])
def test_quoted_line_breaks_stay_on_one_line(command):
    err = one_line(run(*command, str(HOSTILE / "reference-with-line-breaks.json")))
    assert err.endswith("reference-with-line-breaks.json: invalid design: traffic.central_pstn_site: unknown site "
                        "'a\\nb\\r\\nc\\x1b[2J\\u202e'")


def test_report_of_a_pdf_with_a_damaged_attachment(tmp_path):
    target = tmp_path / "out.pdf"
    err = one_line(run("report", str(HOSTILE / "pdf-length-5000-digits.pdf"), "-o", str(target)))
    assert err.endswith("pdf-length-5000-digits.pdf: this PDF is damaged where the design is attached; open the "
                        "design file it was made from")
    assert not target.exists()


def test_a_file_name_with_a_line_break(tmp_path):
    bad = tmp_path / "new\nline.json"
    bad.write_bytes(b"[]")
    err = one_line(run("check", "--json", str(bad)))
    assert err == f"advisor: error: {tmp_path}/new\\nline.json: a design file must hold a JSON object, not a list"


@pytest.mark.parametrize("name", ["xlsx-row-of-a-million-cells.xlsx", "xlsx-million-rows-no-dimension.xlsx",
                                  "xlsx-cell-of-30000-runs.xlsx"])
def test_import_refuses_a_workbook_bomb_in_one_line(name, tmp_path):
    target = tmp_path / "design.json"
    err = one_line(run("import", str(HOSTILE / name), "-o", str(target)))
    assert f"{name}: its part xl/worksheets/sheet1.xml" in err and "the workbook is refused" in err
    assert not target.exists()


def test_a_workbook_given_to_check_is_named_in_one_line():
    err = one_line(run("check", str(HOSTILE / "xlsx-cell-of-30000-runs.xlsx")))
    assert "a zip file such as an XLSX workbook, not a design file" in err


def test_hostile_names_in_json_for_a_cp1252_stream(tmp_path):
    """Names the code page cannot show, with controls and direction marks: still valid JSON, pure ASCII."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    names = ["Αθήνα \u202eevil", "a\nb\x1b[2J", "東京 \U0001F4DE", "e\u0301" * 50, "\u200b\ufeff"]
    for site, name in zip(data["sites"], names, strict=False):
        site["name"] = name
    design = tmp_path / "names.json"
    design.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = run("check", "--json", str(design), env={"PYTHONIOENCODING": "cp1252"})
    assert proc.returncode in (0, 1), proc.stderr
    shown = [s["name"] for s in json.loads(proc.stdout.decode("ascii"))["sites"]]
    assert shown[:len(names)] == names[:len(shown)]
