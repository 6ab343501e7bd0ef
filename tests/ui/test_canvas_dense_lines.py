"""A dense canvas (theme.DENSE_LINKS links or more) draws its link lines in one pass.

- Open a 300-site full mesh (44,850 links), fit it: each repaint painted every link item one by one through Python,
  1.3-3.2 s per fitted repaint. Now, with DENSE_LINKS link items or more in the scene, they paint nothing (they
  stay for clicks, the rubber band, tooltips, menus and undo) and one item beneath them draws every line with
  QPainter.drawLines, a run of lines per pen, the selected ones on top; it draws them again only after a line, a
  status, the selection or the theme changed, and is otherwise copied from its cache.

Each test forces a small design to be dense by lowering DENSE_LINKS: what is drawn must be what the link items
drew themselves far out (one pixel wide), and the same again when the scene falls below the count."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainterPath

from advisor.analysis import analyse
from advisor.commands import DeleteItems, MoveNodes
from advisor.model import Design
from advisor.ui.canvas import dense_lines
from advisor.ui.canvas import theme as th
from advisor.ui.canvas.items import LinkItem
from advisor.ui.canvas.view import CanvasView
from advisor.ui.document import Document

# Six level links 600 long, 100 apart (at y = 50, 150 … 550), one per pair of sites; the voice of 40 users each way
# (338.4 kbps) on a capacity of 24 kbps is overloaded, on 600 kbps over the priority queue's third (llq), on
# 100,000 kbps within capacity. The points read lie between the background grid's lines at 10 %, 50 % and 100 %.
CAPACITIES = (24.0, 600.0, 100000.0, 24.0, 600.0, 100000.0)
STATUS = ("overload", "llq", "ok", "overload", "llq", "ok")


def _y(i: int) -> float:
    return 51.0 + 100.0 * i


def _design(cross: bool = False) -> Design:
    sites, links = [], []
    for i, capacity in enumerate(CAPACITIES):
        sites += [{"id": f"a{i}", "name": f"A{i}", "x": 0.0, "y": _y(i), "users": 40},
                  {"id": f"b{i}", "name": f"B{i}", "x": 600.0, "y": _y(i), "users": 40}]
        links.append({"id": f"l{i}", "a": f"a{i}", "b": f"b{i}", "capacity_kbps": capacity})
    if cross:  # a link down across all six at x = 330, added last
        sites += [{"id": "top", "name": "Top", "x": 331.0, "y": -150.0}, {"id": "bottom", "name": "Bottom",
                                                                         "x": 331.0, "y": 750.0}]
        links.append({"id": "down", "a": "top", "b": "bottom", "capacity_kbps": 100000.0})
    return Design.model_validate({"name": "levels", "sites": sites, "links": links})


@pytest.fixture
def dense_from(monkeypatch):
    """Lower the count from which a scene is dense."""
    def lower(count: int) -> None:
        monkeypatch.setattr(th, "DENSE_LINKS", count)
    return lower


@pytest.fixture
def paints(monkeypatch):
    """How often each kind of item paints."""
    counts = {LinkItem: 0, dense_lines.DenseLines: 0}
    for kind in counts:
        original = kind.paint

        def paint(item, *args, _original=original, _kind=kind):
            counts[_kind] += 1
            _original(item, *args)
        monkeypatch.setattr(kind, "paint", paint)
    return counts


def _view(qtbot, design: Design, zoom: float = 0.1, results: bool = True) -> CanvasView:
    document = Document()
    view = CanvasView(document)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    document.reset(design)
    if results:
        document.set_results(analyse(design))
    view.set_theme(th.light())
    view.resetTransform()
    view.scale(zoom, zoom)
    view.centerOn(300.0, 300.0)
    return view


def _image(view: CanvasView) -> QImage:
    return view.viewport().grab().toImage()


def _ink(view: CanvasView, image: QImage, colour: QColor, x: float, y: float) -> float:
    """How many pixels of `colour` a column of the picture crosses near the scene point (x, y) (a line's width
    there), each antialiased pixel counted by its share: a pixel between the page and `colour` on all three
    channels alike; pixels of any other colour count for nothing."""
    page, grid = view.scene().theme.background, view.scene().theme.grid
    point = view.mapFromScene(QPointF(x, y))
    total = 0.0
    for row in range(point.y() - 6, point.y() + 7):
        p = image.pixelColor(point.x(), row)
        if p == grid:
            continue
        shares = [(pc - bc) / (cc - bc) for pc, bc, cc in ((p.red(), page.red(), colour.red()),
                                                            (p.green(), page.green(), colour.green()),
                                                            (p.blue(), page.blue(), colour.blue())) if cc != bc]
        if shares and max(shares) - min(shares) < 0.1 and min(shares) > 0.03:
            total += sum(shares) / len(shares)
    return total


def _largest_difference(a: QImage, b: QImage) -> int:
    """The largest difference between two pictures of one size, on any channel of any pixel."""
    assert a.size() == b.size()

    def channels(image: QImage) -> np.ndarray:
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
        return rows[:, :image.width() * 4].astype(int)
    return int(np.abs(channels(a) - channels(b)).max())


def _pen(view: CanvasView, status: str | None) -> QColor:
    theme = view.scene().theme
    return theme.link_status[status] if status else theme.link


def test_a_dense_scene_paints_no_link_item_and_draws_every_line_in_one_item(qtbot, dense_from, paints):
    dense_from(6)
    view = _view(qtbot, _design())
    scene = view.scene()
    assert th.dense(scene) and scene.dense_layer is not None
    image = _image(view)
    assert paints[LinkItem] == 0 and paints[dense_lines.DenseLines] == 1  # was one paint per link
    for i, status in enumerate(STATUS):  # each line in its status's colour, one pixel wide
        assert abs(_ink(view, image, _pen(view, status), 170.0, _y(i)) - 1.0) < 0.15, status
    _image(view)
    assert paints[dense_lines.DenseLines] == 1  # nothing changed: drawn from its cache


def test_the_lines_are_what_the_link_items_drew_far_out_pixel_for_pixel(qtbot, dense_from):
    # far out (10 %) a scene below the count draws each link one pixel wide itself: the same picture, statuses and
    # a selected link included, dense or not
    images = []
    for count in (2000, 6):
        dense_from(count)
        view = _view(qtbot, _design())
        view.document.select(("l1", "l4"))
        assert th.dense(view.scene()) is (count == 6)
        images.append(_image(view))
    # the same pixels; an antialiased edge a shade apart at most (the lines are kept as a picture between repaints,
    # its edges' shares rounded once more)
    assert _largest_difference(*images) <= 2


def test_a_selected_line_is_drawn_on_top_two_pixels_wide(qtbot, dense_from):
    dense_from(6)
    view = _view(qtbot, _design(cross=True), zoom=0.5)
    theme = view.scene().theme
    view.document.select(("l2",))
    image = _image(view)
    assert 1.7 <= _ink(view, image, theme.selection, 170.0, 250.0) <= 2.1
    assert abs(_ink(view, image, _pen(view, "overload"), 170.0, 50.0) - 1.0) < 0.15  # the others stay plain
    # where the plain link down crosses it (after it in the design), the selected line shows on top: both fall on
    # whole pixels here (a row of two and a column of one)
    at = view.mapFromScene(QPointF(331.0, 251.0))
    rows = [dy for dy in range(-3, 4) if image.pixelColor(at.x() + 8, at.y() + dy) == theme.selection]
    column = [dx for dx in (-1, 0, 1) if image.pixelColor(at.x() + dx, at.y() + 8) == _pen(view, "ok")]
    assert len(rows) == 2 and len(column) == 1
    assert all(image.pixelColor(at.x() + column[0], at.y() + dy) == theme.selection for dy in rows)
    view.document.select(())
    image = _image(view)
    assert _ink(view, image, theme.selection, 170.0, 250.0) == 0.0
    assert abs(_ink(view, image, _pen(view, "ok"), 170.0, 250.0) - 1.0) < 0.15


def test_a_moved_site_moves_its_line_live_and_on_release(qtbot, dense_from):
    dense_from(6)
    view = _view(qtbot, _design(), zoom=0.5)
    scene, document = view.scene(), view.document
    ink = _pen(view, "overload")
    assert abs(_ink(view, _image(view), ink, 450.0, 50.0) - 1.0) < 0.15
    scene.move_node_item("b0", QPointF(600.0, 130.0))  # dragged down: the line ends 80 lower, not yet released
    image = _image(view)
    assert _ink(view, image, ink, 450.0, 50.0) == 0.0  # the page again where the line was
    assert abs(_ink(view, image, ink, 450.0, 110.0) - 1.0) < 0.15  # three quarters along: 60 lower
    document.push(MoveNodes({"b0": (600.0, 130.0)}, text="Move"))
    image = _image(view)
    assert _ink(view, image, ink, 450.0, 50.0) == 0.0 and abs(_ink(view, image, ink, 450.0, 110.0) - 1.0) < 0.15
    document.undo()
    image = _image(view)
    assert abs(_ink(view, image, ink, 450.0, 50.0) - 1.0) < 0.15 and _ink(view, image, ink, 450.0, 110.0) == 0.0


def test_below_the_count_again_the_link_items_paint_themselves(qtbot, dense_from, paints):
    dense_from(6)
    view = _view(qtbot, _design())
    scene, document = view.scene(), view.document
    dense = _image(view)
    document.push(DeleteItems(("l5",)))  # five links: below the count
    assert not th.dense(scene) and scene.dense_layer is None
    paints[LinkItem] = paints[dense_lines.DenseLines] = 0
    image = _image(view)
    assert paints[LinkItem] == 5 and paints[dense_lines.DenseLines] == 0
    assert _ink(view, image, _pen(view, "ok"), 170.0, 550.0) == 0.0  # the deleted link is gone
    assert abs(_ink(view, image, _pen(view, "llq"), 170.0, 450.0) - 1.0) < 0.15  # the others drawn as before
    document.undo()  # six again: dense, drawn in one item as before the delete
    assert th.dense(scene) and scene.dense_layer is not None
    document.set_results(analyse(document.design))
    paints[LinkItem] = paints[dense_lines.DenseLines] = 0
    assert _image(view) == dense
    assert paints[LinkItem] == 0 and paints[dense_lines.DenseLines] == 1


def test_new_figures_and_a_new_theme_recolour_the_lines(qtbot, dense_from):
    dense_from(6)
    design = _design()
    view = _view(qtbot, design, results=False)
    scene, document = view.scene(), view.document
    assert abs(_ink(view, _image(view), _pen(view, None), 170.0, 50.0) - 1.0) < 0.15  # not analysed yet: grey
    document.set_results(analyse(design))
    assert abs(_ink(view, _image(view), _pen(view, "overload"), 170.0, 50.0) - 1.0) < 0.15
    view.set_theme(th.dark())
    image = _image(view)
    assert scene.theme.dark
    assert abs(_ink(view, image, scene.theme.link_status["overload"], 170.0, 50.0) - 1.0) < 0.15
    assert abs(_ink(view, image, scene.theme.link_status["ok"], 170.0, 250.0) - 1.0) < 0.15


def test_the_links_are_still_found_under_the_pointer_and_by_the_rubber_band(qtbot, dense_from):
    dense_from(6)
    view = _view(qtbot, _design(), zoom=0.5)
    scene = view.scene()
    on_line, empty = QPointF(170.0, 150.0), QPointF(170.0, 100.0)
    assert scene.item_at(on_line, view.transform()) is scene.links["l1"]
    assert scene.item_at(empty, view.transform()) is None  # never the item that draws the lines
    assert scene.links["l1"] in scene.items(on_line)
    assert scene.dense_layer not in scene.items(empty)
    assert "A1 – B1" in scene.links["l1"].toolTip()
    band = QPainterPath()
    band.addRect(QRectF(120.0, 120.0, 100.0, 160.0))  # across l1 and l2
    scene.setSelectionArea(band)
    assert sorted(view.document.selected) == ["l1", "l2"]
    image = _image(view)
    assert 1.7 <= _ink(view, image, scene.theme.selection, 450.0, 250.0) <= 2.1
