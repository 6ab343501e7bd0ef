"""`advisor report` on a terminal shows how far the document is, as `advisor check` shows its routing: one line on
stderr after a second, with the time left, rubbed out at the end. A 1,000-site document takes seconds and a design of
thousands of links minutes, and without --progress the command said nothing meanwhile. A file or a pipe gets
nothing, as before; --progress still writes its percentages anywhere."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from advisor.cli import _progress, main

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def at_once(monkeypatch):
    """The line shows from the first report and at every one (a second and a quarter of one in real use)."""
    monkeypatch.setattr(_progress, "SHOW_AFTER_S", 0.0)
    monkeypatch.setattr(_progress, "EVERY_S", 0.0)


def test_on_a_terminal_the_pdf_shows_its_progress_and_rubs_it_out(tmp_path, monkeypatch, capsys, at_once):
    err = _Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["report", str(EXAMPLE), "-o", str(tmp_path / "out.pdf")]) == 0
    shown = err.getvalue()
    assert "\rwriting the PDF: " in shown and " % " in shown
    percents = [int(part.split(" %")[0]) for part in shown.split("writing the PDF: ")[1:]]
    assert percents == sorted(percents) and percents[-1] <= 99  # never past the end before it is written
    last = shown.rsplit("\r", 2)
    assert last[-1] == "" and last[-2].strip() == ""  # the line rubbed out: the next words start clean
    assert capsys.readouterr().out.startswith("wrote ")
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-")


def test_a_file_or_a_pipe_gets_no_progress(tmp_path, monkeypatch, at_once):
    err = io.StringIO()  # not a terminal
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["report", str(EXAMPLE), "-o", str(tmp_path / "out.pdf")]) == 0
    assert err.getvalue() == ""


def test_progress_option_still_writes_percentages_to_a_file(tmp_path, monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["report", str(EXAMPLE), "-o", str(tmp_path / "out.pdf"), "--progress"]) == 0
    lines = err.getvalue().splitlines()
    assert lines and lines[-1].startswith("100% ") and "writing the PDF" not in err.getvalue()


def test_a_failure_leaves_no_progress_line_before_its_message(tmp_path, monkeypatch, at_once):
    err = _Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    folder = tmp_path / "taken.pdf"
    folder.mkdir()  # the target is a folder: refused before any work, nothing shown
    assert main(["report", str(EXAMPLE), "-o", str(folder)]) == 2
    assert "writing the PDF" not in err.getvalue() and "advisor: error:" in err.getvalue()
