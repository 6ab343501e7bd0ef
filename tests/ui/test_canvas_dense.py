"""A canvas of thousands of links stays responsive: a 300-site full mesh (44,850 links) took 18 s to open and 16 s
per edit, a 150-site one 1.9 s per repaint.

- Each edit measured every node's room for its far-zoom name by asking the scene for the items near it, and the
  scene's shape test stroked the outline of every link crossing that area: 1.7 million strokes, 19 s. The nodes near
  a node now come from a grid of the nodes alone, with the same answers.
- A scene of DENSE_LINKS links or more draws each line one pixel wide at any zoom (Qt strokes a wider line through
  its path stroker), and its links' labels, which pile on one another, from 100 % zoom."""

from __future__ import annotations

from PySide6.QtGui import QImage

from advisor.model import Design
from advisor.ui.canvas import labels
from advisor.ui.canvas import theme as th
from advisor.ui.canvas.items import NodeItem
from advisor.ui.canvas.view import CanvasView
from advisor.ui.document import Document
from tests.ui.test_far_selected_links import _width


def _mesh(sites: int, spread: float = 160.0, line: bool = False) -> Design:
    """`sites` sites in rows of 12 joined in a full mesh, far below a lone link from (0, 0) to (400, 0) (`line`)."""
    rows = [{"id": f"s{i}", "name": f"Site {i}", "x": (i % 12) * spread, "y": 3000.0 + (i // 12) * spread}
            for i in range(sites)]
    links = [{"id": f"l{a}-{b}", "a": f"s{a}", "b": f"s{b}"} for a in range(sites) for b in range(a + 1, sites)]
    if line:
        rows += [{"id": "a", "name": "A", "x": 0.0, "y": 0.0}, {"id": "b", "name": "B", "x": 400.0, "y": 0.0}]
        links.append({"id": "lone", "a": "a", "b": "b"})
    return Design.model_validate({"name": "mesh", "sites": rows, "links": links})


def _view(qtbot, design: Design) -> CanvasView:
    document = Document()
    view = CanvasView(document)
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    document.reset(design)
    view.set_theme(th.light())
    return view


def _shape_query_room(scene, node: NodeItem) -> float:
    """`labels.name_room` as it asked the scene for the items near the node (its shape test): the reference."""
    x, y = node.pos().x(), node.pos().y()
    top = y + node.text_top()
    if labels._crowded(scene).get(labels._spot(x, top), 0) > 1:
        return 1.0
    reach = node.far_name_rect_at(labels.MAX_NAME_SCALE).translated(node.pos())
    room = labels.MAX_NAME_SCALE
    w, h = node.name_box(1.0)
    for other in scene.items(reach):
        if other is node or not isinstance(other, NodeItem):
            continue
        ox, oy = other.pos().x(), other.pos().y()
        ow, _ = other.name_box(1.0)
        room = min(room, max(2 * (abs(ox - x) - labels.NAME_GAP) / (w + ow),
                             (abs(oy + other.text_top() - top) - labels.NAME_GAP) / h))
        room = min(room, labels._room_beside_icon(x, top, w, h, other.body_rect().translated(ox, oy)))
        if room <= 1.0:
            return 1.0
    return max(1.0, room)


def test_the_room_for_each_name_is_found_from_the_nodes_alone_with_the_same_answers(qtbot):
    # sites 160 apart (names touch at small scales) and 700 apart (room to grow), a mesh and nodes on top of one
    # another: every node's room as the scene's own shape test gave it
    for design in (_mesh(30), _mesh(30, spread=700.0), _mesh(5, spread=0.0)):
        scene = _view(qtbot, design).scene()
        for node in scene.nodes.values():
            assert labels.name_room(scene, node) == _shape_query_room(scene, node), node.item_id


def test_a_full_mesh_of_64_sites_is_dense_and_of_63_not(qtbot):
    # n (n - 1) / 2 links: 64 sites 2,016 (at least DENSE_LINKS = 2,000), 63 sites 1,953
    assert th.DENSE_LINKS == 2000
    assert th.dense(_view(qtbot, _mesh(64)).scene())
    assert not th.dense(_view(qtbot, _mesh(63)).scene())
    assert not th.dense(None)


def _lone_link(qtbot, sites: int, zoom: float) -> tuple[QImage, CanvasView]:
    view = _view(qtbot, _mesh(sites, line=True))
    view.resetTransform()
    view.scale(zoom, zoom)
    view.centerOn(200.0, 0.0)
    return view.viewport().grab().toImage(), view


def test_a_dense_scene_draws_its_lines_one_pixel_wide(qtbot):
    # the lone link at 100 %, crossed by a column left of its label: 2 px beside a small mesh, 1 px beside a dense one
    for sites, wide in ((10, 2.0), (64, 1.0)):
        image, view = _lone_link(qtbot, sites, 1.0)
        x = view.mapFromScene(60.0, 0.0).x()
        assert abs(_width(image, view.scene().theme.link, x=x) - wide) < 0.3, sites


def test_a_dense_scene_shows_its_labels_from_100_percent(qtbot):
    # the label's box on the lone link (its middle): drawn at 60 % beside a small mesh, not beside a dense one, and
    # drawn at 100 % beside both
    for sites, zoom, shown in ((10, 0.6, True), (64, 0.6, False), (64, 1.0, True)):
        image, view = _lone_link(qtbot, sites, zoom)
        scene = view.scene()
        box = view.mapFromScene(scene.links["lone"].label_rect()).boundingRect()
        # the label's white box (its back, partly transparent) above the text: whiter than the page beneath
        page = scene.theme.background.red()
        assert page < 250 and scene.theme.label_back.red() == 255
        inside = [image.pixelColor(x, box.top() + 1).red() for x in range(box.left() + 6, box.right() - 6)]
        assert (sum(red >= 250 for red in inside) > len(inside) // 2) is shown, (sites, zoom)
        assert scene.links["lone"].label  # the label has a text to show
