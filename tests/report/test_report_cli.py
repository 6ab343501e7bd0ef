"""`advisor report FILE -o OUT.pdf`: writes the PDF; unreadable input exits 2 with a message, never a traceback."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "advisor", "report", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


def test_writes_a_pdf_that_opens_again_as_the_design(tmp_path):
    from advisor.io import load

    out = tmp_path / "doc.pdf"
    proc = run(str(EXAMPLE), "-o", str(out), "--progress")
    assert proc.returncode == 0, proc.stderr
    assert "100% Done" in proc.stderr and "Traceback" not in proc.stderr
    assert len(PdfReader(out).pages) > 5
    assert load(out) == load(EXAMPLE).model_copy(update={"issued": datetime.date.today()})  # dated today
    assert [p.name for p in tmp_path.iterdir()] == ["doc.pdf"]  # no temporary file left behind


def test_invalid_design_exits_2_naming_the_problem(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "sites": [{"id": "a", "users": -3}]}', encoding="utf-8")
    out = tmp_path / "out.pdf"
    proc = run(str(bad), "-o", str(out))
    assert proc.returncode == 2
    assert "sites[0].users" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()


def test_missing_file_and_missing_folder_exit_2(tmp_path):
    proc = run(str(tmp_path / "nope.json"), "-o", str(tmp_path / "x.pdf"))
    assert proc.returncode == 2 and "nope.json" in proc.stderr and "Traceback" not in proc.stderr
    proc = run(str(EXAMPLE), "-o", str(tmp_path / "no-such-folder" / "x.pdf"))
    assert proc.returncode == 2 and "does not exist" in proc.stderr and "Traceback" not in proc.stderr


def test_refuses_to_overwrite_its_input(tmp_path):
    pdf = tmp_path / "doc.pdf"
    assert run(str(EXAMPLE), "-o", str(pdf)).returncode == 0
    before = pdf.read_bytes()
    proc = run(str(pdf), "-o", str(pdf))
    assert proc.returncode == 2 and "overwrite" in proc.stderr
    assert pdf.read_bytes() == before
