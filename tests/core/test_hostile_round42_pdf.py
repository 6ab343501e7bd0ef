"""Round 42, a design document cut short: each defect found, as the short sequence that shows it.

- A PDF made by `advisor report` and cut short (a copy or download that stopped early) before the object that names
  its attachment `design.json` was refused as "this PDF carries no design (only PDFs made by advisor do)": wrong
  for a PDF made by advisor, and no hint that the file is incomplete. It now says the PDF is cut short.
"""

from __future__ import annotations

import re

import pytest

from advisor import io
from advisor.model import Design, Site

CUT_SHORT = "this PDF is cut short (it stops before its end: a copy that stopped early?); open the design file it was " \
            "made from"


@pytest.fixture(scope="module")
def our_pdf() -> bytes:
    from advisor.analysis import analyse
    from advisor.report import build_pdf

    design = Design(name="Cut short", sites=(Site(id="hq", users=10, cucm_publisher=True),))
    return build_pdf(design, analyse(design, checklist=True))


def _attachment(pdf: bytes) -> tuple[int, int]:
    """Where the attachment's object starts, and where its stream's data starts."""
    stream = re.search(rb"/Type\s*/EmbeddedFile\b.*?stream\r?\n", pdf, re.S)
    start = [m.start() for m in re.finditer(rb"\d+ 0 obj\b", pdf[:stream.start()])][-1]
    return start, stream.end()


@pytest.mark.parametrize("where", ["in the stream", "in the object's dictionary"])
def test_a_report_cut_short_says_so(tmp_path, our_pdf, where):
    obj, data = _attachment(our_pdf)
    cut = {"in the stream": data + 10, "in the object's dictionary": obj + 40}[where]
    assert our_pdf.index(b"(design.json)") > cut  # the part that names the attachment is lost
    path = tmp_path / "cut.pdf"
    path.write_bytes(our_pdf[:cut])
    with pytest.raises(io.DesignFileError) as info:
        io.load(path)
    assert str(info.value) == f"{path}: {CUT_SHORT}"  # was: "this PDF carries no design (only PDFs made by advisor do)"
    # (cut after the attachment's stream, the design is whole and opens)


def test_a_whole_pdf_without_a_design_still_carries_none(tmp_path, our_pdf):
    obj, data = _attachment(our_pdf)
    end = our_pdf.index(b"endobj", data) + len(b"endobj")
    path = tmp_path / "none.pdf"
    path.write_bytes(our_pdf[:obj] + our_pdf[end:])  # the attachment removed, the file whole
    with pytest.raises(io.DesignFileError, match="this PDF carries no design"):
        io.load(path)
    path.write_bytes(our_pdf)
    assert io.load(path).name == "Cut short"
