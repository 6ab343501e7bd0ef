"""Switching light and dark repaints the canvas in the new colours without measuring every label again.

The two themes share their fonts, so no size changes; re-measuring and re-placing every site and link label froze a
20,000-site window for 4-5 s. Other fonts (a larger application font) still re-measure them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

sys.path.insert(0, str(Path(__file__).parent))  # --import-mode=importlib: share the event helpers explicitly
from test_canvas_support import shown_view  # noqa: E402

from advisor.ui.canvas import theme as th  # noqa: E402
from advisor.ui.canvas.items import LinkItem  # noqa: E402


@pytest.fixture
def view(qtbot, document):
    return shown_view(qtbot, document)


def _colours(view) -> set[int]:
    image = view.grab().toImage()
    return {image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}


def test_light_to_dark_repaints_in_the_new_colours_and_measures_nothing(view, monkeypatch):
    view.set_theme(th.light())
    view.fit_all()
    light, dark = th.light(), th.dark()
    assert QColor(light.node_fill["branch"]).rgb() in _colours(view)
    adjusted = []
    real = LinkItem.adjust
    monkeypatch.setattr(LinkItem, "adjust", lambda item: adjusted.append(item.item_id) or real(item))
    view.set_theme(dark)
    seen = _colours(view)
    assert adjusted == []  # was every link, each label placed again
    assert QColor(dark.node_fill["branch"]).rgb() in seen and QColor(dark.background).rgb() in seen
    assert QColor(light.node_fill["branch"]).rgb() not in seen
    assert QColor(light.background).rgb() not in seen


def test_other_fonts_measure_the_labels_again(view):
    scene = view.scene()
    link = scene.links["link-2"]
    before = link.label_rect().width()
    bigger = th.light()
    for font in bigger.fonts.values():
        font.setPointSizeF(font.pointSizeF() * 2)
    view.set_theme(bigger)
    assert link.label_rect().width() > 1.5 * before
