"""A document that cannot be laid out ends `advisor report` with one line naming the section, exit 2."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import advisor.report
from advisor.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json"


def test_layout_failure_is_one_line(monkeypatch, tmp_path):
    def too_large(*_args, **_kwargs):
        raise advisor.report.ReportError("the design document cannot be laid out: a part of section 9 (Bill of "
                                         "materials) is too large for a page (page 96)")

    monkeypatch.setattr(advisor.report, "write_pdf", too_large)
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)  # the user's view: no traceback
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["report", str(EXAMPLE), "-o", str(tmp_path / "out.pdf")])
    lines = err.getvalue().strip().splitlines()
    assert code == 2
    assert len(lines) == 1
    assert "section 9 (Bill of materials) is too large for a page" in lines[0]
    assert "internal error" not in lines[0]
    assert not (tmp_path / "out.pdf").exists()
