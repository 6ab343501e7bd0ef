"""Round 55 in the app: File ▸ Open on a design PDF (made by advisor report) to which an incremental update appended
a newer design that is damaged. The older design opened in its place, in silence; now a dialog says the PDF is
damaged where the design is attached, and the current design stays (see tests/core/test_hostile_round55.py)."""

from __future__ import annotations

import pytest

from tests.core.test_hostile_round53 import EXAMPLE_PDF
from tests.core.test_hostile_round55 import _attachment


@pytest.mark.parametrize("payload", [b'{"name": "\xff\xfe newer"}',  # not UTF-8
                                     b'{"name": "newer", "sites": [{"id": "cut short'])  # cut: not a design either
def test_a_pdf_whose_newer_design_is_damaged_is_refused(window, shown, tmp_path, payload):
    attachment = _attachment(9000, payload)
    if b"cut short" in payload:  # its deflated bytes cut short, the stated length kept
        start = attachment.index(b"stream\n") + len(b"stream\n")
        attachment = attachment[:start + 8] + b"\nendstream\nendobj\n"
    path = tmp_path / "updated.pdf"
    path.write_bytes(EXAMPLE_PDF.read_bytes() + attachment + b"trailer << /Prev 0 >>\n%%EOF\n")
    before = window.document.design
    assert not window.files.open_path(path, ask=False, remember=False)
    assert window.document.design is before
    assert shown == [("Cannot open design",
                      f"{path}: this PDF is damaged where the design is attached; open the design file it was made "
                      "from")]


def test_the_example_pdf_still_opens(window, shown):
    assert window.files.open_path(EXAMPLE_PDF, ask=False, remember=False)
    assert window.document.design.name == "HQ + 12 branches on MPLS VPN" and shown == []


def test_the_calculator_groups_the_bytes_of_a_long_packet(qtbot):
    from advisor.ui.calculator import Calculator

    calc = Calculator()
    qtbot.addWidget(calc)
    calc.codec.setCurrentIndex(calc.codec.findData("g711"))
    calc.vpn.setCurrentIndex(calc.vpn.findData("gre-ipsec"))
    calc.ptime.setValue(200)
    # 200 / 10 × 80 B = 1,600 B of G.711; GRE over IPsec (transport, AES-CBC): 1,704 B IP packet, 1,722 B frame
    # (worked in tests/core/test_hostile_round55.py); it read "IP packet 1704 B, frame 1722 B, payload 1600 B"
    assert calc.error is None
    assert "IP packet <b>1,704 B</b>, frame 1,722 B, payload 1,600 B" in calc.totals.text()
    model = calc.model
    shown = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert shown["Voice payload (G.711)"] == "1,600" and shown["Frame on the wire"] == "1,722"
