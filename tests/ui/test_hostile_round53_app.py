"""Round 53 in the app: File ▸ Open on a design PDF cut inside its attachment (then ended with "%%EOF") says it is
damaged, not that it carries no design, and the current design stays (see tests/core/test_hostile_round53.py)."""

from __future__ import annotations

from tests.core.test_hostile_round53 import EXAMPLE_PDF, _stream


def test_a_pdf_cut_in_its_attachment_is_damaged(window, shown, tmp_path):
    pdf = EXAMPLE_PDF.read_bytes()
    begin, length = _stream(pdf)
    path = tmp_path / "cut.pdf"
    path.write_bytes(pdf[:begin + length // 3] + b"\n%%EOF\n")
    before = window.document.design
    assert not window.files.open_path(path, ask=False, remember=False)
    assert window.document.design is before
    assert shown == [("Cannot open design",
                      f"{path}: this PDF is damaged where the design is attached; open the design file it was made "
                      "from")]
