"""Round 62 of the hostile-input hunt, the canvas's one-pass link lines in a dense scene (2,000 drawn links or
more). Each defect found, as the short sequence that shows it.

- Zoom out on a 64-site full mesh (2,016 links) until the whole drawing sits in the middle of the window, then drag
  one site out of it (or Undo such a move): none of its 63 lines was drawn from where the site went, and a line
  drawn apart from the others stayed where it had been; the sites, labels and clicks were where the design said.
  The same after Radial Layout then Undo: the lines stayed in the layout's circle around the sites back in their
  grid. The scene's rectangle grew or shrank, the view centred the drawing again, and Qt, asked to draw the lines'
  cached picture again in the same frame it moved it, drew only the strip moved in and kept the rest.

The first test makes a small design dense by lowering DENSE_LINKS (as tests/ui/test_canvas_dense_lines.py does), the
second draws the mesh itself; the places checked are worked out from the design's coordinates."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage

from advisor.commands import MoveNodes
from advisor.model import Design
from advisor.ui.canvas import theme as th
from advisor.ui.canvas.view import CanvasView
from advisor.ui.document import Document
from tests.ui.test_canvas_dense_lines import _image, _view

# Six level links 600 long, 100 apart (at y = 51, 151 … 551): site a{i} at (0, y), b{i} at (600, y); the first one's
# voice (40 users each way, 338.4 kbps) on 24 kbps is overloaded, the others within capacity.
CAPACITIES = (24.0, 100000.0, 100000.0, 100000.0, 100000.0, 100000.0)


def _y(i: int) -> float:
    return 51.0 + 100.0 * i


def _design() -> Design:
    sites, links = [], []
    for i, capacity in enumerate(CAPACITIES):
        sites += [{"id": f"a{i}", "name": f"A{i}", "x": 0.0, "y": _y(i), "users": 40},
                  {"id": f"b{i}", "name": f"B{i}", "x": 600.0, "y": _y(i), "users": 40}]
        links.append({"id": f"l{i}", "a": f"a{i}", "b": f"b{i}", "capacity_kbps": capacity})
    return Design.model_validate({"name": "levels", "sites": sites, "links": links})


@pytest.fixture
def dense(monkeypatch):
    """Six links make a dense scene."""
    monkeypatch.setattr(th, "DENSE_LINKS", 6)


def _inked(view: CanvasView, image: QImage, colour: QColor, x: float, y: float, reach: int = 1) -> bool:
    """Whether a pixel within `reach` pixels of the scene point (x, y) is mostly `colour` (more than half of the way
    from the page's colour to it on every channel that differs)."""
    page = view.scene().theme.background
    at = view.mapFromScene(QPointF(x, y))
    for dx in range(-reach, reach + 1):
        for dy in range(-reach, reach + 1):
            p = image.pixelColor(at.x() + dx, at.y() + dy)
            shares = [(pc - bc) / (cc - bc) for pc, bc, cc in ((p.red(), page.red(), colour.red()),
                                                                (p.green(), page.green(), colour.green()),
                                                                (p.blue(), page.blue(), colour.blue())) if cc != bc]
            if shares and min(shares) > 0.5:
                return True
    return False


def test_a_site_moved_out_of_a_centred_drawing_takes_its_line_along(qtbot, dense):
    # at 10 % the scene (the drawing and 1,500 around it: 3,600 × 3,500) is 360 × 350 pixels in a 700 × 500 view:
    # the view centres it, and centres it again when the scene grows or shrinks
    view = _view(qtbot, _design(), 0.1)
    scene, document = view.scene(), view.document
    assert scene.dense_layer is not None
    red = scene.theme.link_status["overload"]
    old, new = (450.0, _y(0)), (450.0, 51.0 + 0.75 * 1000.0)  # three quarters along l0, before and after
    image = _image(view)
    assert _inked(view, image, red, *old) and not _inked(view, image, red, *new, reach=2)
    document.push(MoveNodes({"b0": (600.0, 1051.0)}, text="Move"))  # 500 below the drawing: the scene grows
    image = _image(view)
    assert _inked(view, image, red, *new)  # was the page: the line was not drawn where the site went
    assert not _inked(view, image, red, *old, reach=2)  # was still drawn where it had been
    document.undo()  # the scene shrinks back
    image = _image(view)
    assert _inked(view, image, red, *old) and not _inked(view, image, red, *new, reach=2)
    document.redo()
    image = _image(view)
    assert _inked(view, image, red, *new) and not _inked(view, image, red, *old, reach=2)


def _mesh() -> Design:
    """A full mesh of 64 sites in an 8 × 8 grid 90 apart (0 to 630 each way): 2,016 links, a dense scene."""
    sites = [{"id": f"s{i}", "name": f"S{i}", "x": 90.0 * (i % 8), "y": 90.0 * (i // 8), "users": 20}
             for i in range(64)]
    links = [{"id": f"l{a}-{b}", "a": f"s{a}", "b": f"s{b}"} for a in range(64) for b in range(a + 1, 64)]
    return Design.model_validate({"name": "mesh", "sites": sites, "links": links})


def test_undo_of_an_automatic_layout_puts_the_lines_back_with_the_sites(qtbot):
    document = Document()
    view = CanvasView(document)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    document.reset(_mesh())
    view.set_theme(th.light())
    view.fit_all()
    scene = view.scene()
    assert scene.dense_layer is not None
    grey = scene.theme.link  # not analysed: every line in the plain link colour
    assert view.auto_layout("radial")  # laid out in a wider circle, and fitted to the window
    laid = {n.id: (n.x, n.y) for n in document.design.sites}
    # the middle of a laid-out line far outside the grid (its sites and names reach 60 beyond it at most)
    middle = next(m for m in (((ax + bx) / 2, (ay + by) / 2) for (ax, ay), (bx, by) in (
        (laid[f"s{a}"], laid[f"s{b}"]) for a in range(64) for b in range(a + 1, 64)))
        if not -150 < m[0] < 780 or not -150 < m[1] < 780)
    assert _inked(view, _image(view), grey, *middle)
    document.undo()
    image = _image(view)
    assert _inked(view, image, grey, 45.0, 0.0)  # s0 (0, 0) to s1 (90, 0), back in the grid
    assert not _inked(view, image, grey, *middle, reach=2)  # was still drawn where the layout had put it
