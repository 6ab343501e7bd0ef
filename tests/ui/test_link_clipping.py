"""Links are drawn only where they can show (`shapes.visible_part`): a link thousands of pixels long at 100 % zoom
cost most of a millisecond to stroke whole. The part drawn lies on the same line, so the picture is the same."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QImage

from advisor.model import Design
from advisor.ui.canvas import shapes
from advisor.ui.canvas.view import CanvasView
from advisor.ui.document import Document


def _ends(line: QLineF | None):
    return None if line is None else tuple(round(v, 9) for v in (line.x1(), line.y1(), line.x2(), line.y2()))


@pytest.mark.parametrize(("line", "rect", "expected"), [
    # a horizontal line through a 20 × 10 box from x = 10 to 30: the part from x = 10 to x = 30
    ((0, 0, 100, 0), (10, -5, 20, 10), (10, 0, 30, 0)),
    # drawn the other way: the same part, still from the end nearer p1
    ((100, 0, 0, 0), (10, -5, 20, 10), (30, 0, 10, 0)),
    # the diagonal y = x through the box 20..40 × 20..40: enters at (20, 20), leaves at (40, 40)
    ((0, 0, 100, 100), (20, 20, 20, 20), (20, 20, 40, 40)),
    # y = x / 2 from (0, 0) to (200, 100), box x 50..150, y 0..40: enters at x = 50 (y 25), leaves at y = 40 (x 80)
    ((0, 0, 200, 100), (50, 0, 100, 40), (50, 25, 80, 40)),
    # wholly inside: the line itself
    ((1, 1, 2, 2), (0, 0, 10, 10), (1, 1, 2, 2)),
    # beside the box, parallel to its left edge: nothing
    ((-5, 0, -5, 100), (0, 0, 10, 10), None),
    # y = x misses the box x 50..150, y 0..25 (there y = x is at least 50): nothing
    ((0, 0, 100, 100), (50, 0, 100, 25), None),
])
def test_the_visible_part_of_a_line(line, rect, expected):
    assert _ends(shapes.visible_part(QLineF(*line), QRectF(*rect))) == expected


def _two_sites_far_apart() -> Design:
    return Design.model_validate({
        "name": "long link", "sites": [
            {"id": "a", "name": "A", "kind": "hq", "users": 10, "x": -6000.0, "y": -2500.0},
            {"id": "b", "name": "B", "kind": "branch", "users": 10, "x": 6000.0, "y": 2600.0}],
        "links": [{"id": "l1", "a": "a", "b": "b", "capacity_kbps": 2048}]})


def _grab(view: CanvasView) -> QImage:
    return view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)


def test_a_link_clipped_to_the_view_looks_the_same_as_the_whole_link(qtbot, monkeypatch):
    document = Document()
    view = CanvasView(document)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    document.reset(_two_sites_far_apart())
    view.resetTransform()  # 100 %: the link crosses the view, its ends thousands of pixels away
    view.centerOn(0.0, 50.0)
    link = view.scene().links["l1"]
    drawn: list[QLineF] = []
    real = shapes.visible_part
    monkeypatch.setattr(shapes, "visible_part", lambda line, rect: drawn.append(real(line, rect)) or drawn[-1])
    clipped = _grab(view)
    assert drawn and drawn[-1] is not None
    assert drawn[-1].length() < link.line().length() / 5  # only a short part of a 13,000-px link was stroked
    monkeypatch.setattr(shapes, "visible_part", lambda line, rect: line)  # the whole link, as before
    whole = _grab(view)
    assert clipped.size() == whole.size()
    differ = [(x, y) for y in range(whole.height()) for x in range(whole.width())
              if abs(clipped.pixel(x, y) - whole.pixel(x, y)) and _channels_apart(clipped.pixel(x, y),
                                                                                  whole.pixel(x, y)) > 2]
    assert differ == []
    assert _ink(whole) > 300  # the link does cross the view: the comparison saw it


def _channels_apart(p: int, q: int) -> int:
    return max(abs(((p >> s) & 0xFF) - ((q >> s) & 0xFF)) for s in (0, 8, 16, 24))


def _ink(image: QImage) -> int:
    """Pixels that are not the background (the top-left corner's colour)."""
    background = image.pixel(0, 0)
    return sum(image.pixel(x, y) != background for y in range(image.height()) for x in range(image.width()))


def test_the_scene_index_stays_shallow_on_a_large_star(qtbot):
    """Qt would size its BSP index from the item count (depth 12 for 3,600 items) and file every link of a star in
    each of the thousands of leaves its box covers; the scene keeps the depth at BSP_DEPTH (2**10 leaves), and the
    index still finds what is under a point."""
    import sys
    from pathlib import Path

    from PySide6.QtCore import QPointF

    from advisor.ui.canvas.scene import BSP_DEPTH

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate

    document = Document()
    view = CanvasView(document)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    design = generate(1200, "mpls")
    document.reset(design)
    view.fit_all()
    view.viewport().grab()
    scene = view.scene()
    assert len(scene.items()) > 3600
    assert scene.bspTreeDepth() == BSP_DEPTH == 10
    for site in design.sites[::97]:
        under = scene.items(QPointF(site.x, site.y))
        assert scene.nodes[site.id] in under
