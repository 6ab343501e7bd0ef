"""`advisor report` writes the PDF straight into the temporary of its atomic save, object by object as reportlab
formats it: the same bytes as reportlab's own save, never the whole file in memory, and a run killed or failing
part-way leaves the previous file (or none) at the target, never half a PDF."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from report_fixtures import results_for, star_design

import advisor.report
from advisor.cli import main
from advisor.report import ReportError, build_pdf, streams, write_pdf

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"


def _reportlabs_own_save(document, out, canvas) -> int:
    """reportlab's PDFDocument.SaveToFile: every object formatted into a list, joined, written in one call."""
    before = len(out.getvalue())
    document.SaveToFile(out, canvas)
    return len(out.getvalue()) - before


def test_written_through_gives_the_bytes_of_reportlabs_own_save(monkeypatch):
    design = star_design(30)  # some 40 pages: fonts, forms, outlines, the attachment, a page tree
    results = results_for(design)
    streamed = io.BytesIO()
    size = write_pdf(design, results, streamed)
    monkeypatch.setattr(streams, "save", _reportlabs_own_save)
    theirs = io.BytesIO()
    write_pdf(design, results, theirs)
    assert streamed.getvalue() == theirs.getvalue()
    assert size == len(theirs.getvalue())
    assert build_pdf(design, results) == theirs.getvalue()  # the app's bytes: the same document


class _Pieces(io.RawIOBase):
    """A file that remembers the size of each write."""

    def __init__(self):
        super().__init__()
        self.sizes: list[int] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.sizes.append(len(data))
        return len(data)


def test_the_file_is_written_object_by_object_never_in_one_piece():
    design = star_design(30)
    sink = _Pieces()
    size = write_pdf(design, results_for(design), sink)
    assert size == sum(sink.sizes)
    # reportlab's own save hands the file over in one write of the whole document; here the largest piece is one
    # object (an embedded font), well under half of the file, and there are more pieces than pages.
    assert max(sink.sizes) < size / 2
    assert len(sink.sizes) > 40


def test_the_cli_writes_into_a_locked_temporary_beside_the_target(monkeypatch, tmp_path):
    target = tmp_path / "out.pdf"
    seen = {}
    real = advisor.report.write_pdf

    def watch(design, results, out, progress=None):
        size = real(design, results, out, progress)
        out.flush()
        held = os.fstat(out.fileno())
        seen["names"] = [p.name for p in tmp_path.iterdir() if p.stat().st_ino == held.st_ino]
        seen["on disk"] = held.st_size
        seen["target yet"] = target.exists()
        return size

    monkeypatch.setattr(advisor.report, "write_pdf", watch)
    assert main(["report", str(EXAMPLE), "-o", str(target), "--issued", "2026-01-01"]) == 0
    [name] = seen["names"]  # the file written is the temporary beside the target
    assert name.startswith(".out.pdf.") and name.endswith(".tmp")
    assert seen["target yet"] is False  # the target appears only once the whole file is on disk
    assert seen["on disk"] == target.stat().st_size
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_a_document_that_fails_part_way_leaves_the_previous_file(monkeypatch, tmp_path, capsys):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"%PDF- the previous version")

    def half_then_fail(design, results, out, progress=None):
        out.write(b"%PDF-1.4 half a document")
        raise ReportError("the design document cannot be laid out: a part of section 4 (Links) is too large for "
                          "a page (page 12)")

    monkeypatch.setattr(advisor.report, "write_pdf", half_then_fail)
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)  # the user's view: no traceback
    assert main(["report", str(EXAMPLE), "-o", str(target)]) == 2
    assert "section 4 (Links) is too large for a page" in capsys.readouterr().err
    assert target.read_bytes() == b"%PDF- the previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]  # its temporary removed


_KILLED = """
import os, signal, sys
import advisor.report
real = advisor.report.write_pdf
def write_then_die(design, results, out, progress=None):
    real(design, results, out, progress)
    out.flush()
    os.kill(os.getpid(), signal.SIGKILL)  # killed with the whole file written, before it replaces the target
advisor.report.write_pdf = write_then_die
from advisor.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this system")
def test_a_killed_run_leaves_the_previous_file_and_the_next_run_clears_its_temporary(tmp_path):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"%PDF- the previous version")
    killed = subprocess.run([sys.executable, "-c", _KILLED, "report", str(EXAMPLE), "-o", str(target)],
                            capture_output=True, timeout=120, cwd=ROOT)
    assert killed.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"%PDF- the previous version"
    left = [p for p in tmp_path.iterdir() if p.name != "out.pdf"]
    assert len(left) == 1 and left[0].name.startswith(".out.pdf.") and left[0].stat().st_size > 100_000
    done = subprocess.run([sys.executable, "-m", "advisor", "report", str(EXAMPLE), "-o", str(target)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"%PDF-1.") and target.read_bytes().rstrip().endswith(b"%%EOF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]
