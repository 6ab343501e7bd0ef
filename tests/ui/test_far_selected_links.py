"""Zoomed far out, a selected link is two one-pixel lines side by side, not one two-pixel line.

Qt draws a one-pixel line directly but strokes a wider one through its path stroker, about five times slower: with
every link of a 20,000-site star selected, each repaint of the fitted view took 1.9 s."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

from advisor.model import Design
from advisor.ui.canvas import theme as th
from advisor.ui.canvas.view import CanvasView
from advisor.ui.document import Document


def _design() -> Design:
    return Design.model_validate({
        "name": "two links", "sites": [
            {"id": "a", "name": "A", "x": -5000.0, "y": 0.0}, {"id": "b", "name": "B", "x": 5000.0, "y": 0.0},
            {"id": "c", "name": "C", "x": 0.0, "y": -3000.0}, {"id": "d", "name": "D", "x": 0.0, "y": 3000.0}],
        "links": [{"id": "across", "a": "a", "b": "b"}, {"id": "down", "a": "c", "b": "d"}]})


def _width(image: QImage, colour: QColor, x: int | None = None, y: int | None = None) -> float:
    """How many pixels wide a line of `colour` is where a column (x) or a row (y) of the picture crosses it, its
    antialiased edge pixels counted by their share of the colour (read on the red channel against the background;
    the background grid's own pixels left out)."""
    pixels = ([image.pixelColor(x, j) for j in range(image.height())] if x is not None
              else [image.pixelColor(i, y) for i in range(image.width())])
    background, grid = th.light().background, th.light().grid
    full = background.red() - colour.red()
    return sum((background.red() - p.red()) / full for p in pixels if p not in (background, grid))


def test_far_out_a_selected_link_is_two_pixels_wide_drawn_with_one_pixel_pens(qtbot):
    document = Document()
    view = CanvasView(document)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    document.reset(_design())
    view.set_theme(th.light())
    view.resetTransform()
    view.scale(0.05, 0.05)  # far below the detail zoom: links one pixel whatever the zoom
    view.centerOn(0.0, 0.0)
    theme = view.scene().theme
    assert 0.05 < th.DETAIL_LOD
    for selected in (False, True):  # both pens one pixel: the fast path
        assert theme.link_pen(None, selected, far=True).widthF() == 1.0
    image = view.viewport().grab().toImage()
    ink = theme.link
    # the horizontal link crosses a column left of the centre, the vertical one a row below it: one pixel each
    assert abs(_width(image, ink, x=150) - 1.0) < 0.15 and abs(_width(image, ink, y=300) - 1.0) < 0.15
    document.select(("across", "down"))
    image = view.viewport().grab().toImage()
    # selected: about two pixels of the selection colour across each line, whatever its direction (1.75 when the
    # line falls between two pixel rows: the middle row is covered half by each antialiased line, 1 - 0.5 × 0.5)
    assert 1.7 <= _width(image, theme.selection, x=150) <= 2.1
    assert 1.7 <= _width(image, theme.selection, y=300) <= 2.1
