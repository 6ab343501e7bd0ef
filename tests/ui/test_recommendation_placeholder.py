"""Before the first results, the recommendation box's placeholder is read whole: Qt draws a text edit's placeholder on
one line, so a long one was cut off ("…appears once the design is") in a narrow findings dock."""

from __future__ import annotations

from pathlib import Path

from advisor import io
from tests.ui.conftest import shown_window


def test_the_placeholder_fits_the_smallest_window(qtbot):
    design = io.load(Path(__file__).resolve().parents[2] / "resources" / "examples" / "classroom-flawed-design.json")
    gen = shown_window(qtbot, design, 400, 300)  # held at the window's minimum size
    window = next(gen)
    try:
        box = window.findings.recommendation
        text = box.placeholderText()
        assert text.endswith(".")
        margin = 2 * box.document().documentMargin()
        assert box.fontMetrics().horizontalAdvance(text) + margin <= box.viewport().width()
    finally:
        next(gen, None)
