"""A row of links whose figures are longer than the links (a chain carrying thousands of calls): each label steps
just beside its line, or a step further, where the line itself is taken (advisor/ui/canvas/labels.py
`candidate_places`, advisor/ui/canvas/shapes.py `beside_offset`), instead of staying over its sites and its
neighbours' labels."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QLineF

from advisor.analysis import analyse
from advisor.model import Design
from advisor.ui.canvas import labels, shapes
from advisor.ui.canvas.scene import DesignScene


def _row(gap: float, n: int = 16) -> Design:
    sites = [{"id": f"s{i}", "name": f"S{i}", "users": 3000, "x": gap * i, "y": 0.0,
              **({"kind": "hq", "cucm_publisher": True} if i == 0 else {})} for i in range(n)]
    links = [{"id": f"l{i:02d}", "a": f"s{i}", "b": f"s{i + 1}", "capacity_kbps": 1000000.0} for i in range(n - 1)]
    return Design.model_validate({"name": "row", "sites": sites, "links": links})


def test_a_row_of_long_labels_covers_neither_its_sites_nor_each_other(qapp):
    scene = DesignScene()
    design = _row(120.0)
    scene.sync(design)
    scene.apply_results(analyse(design))
    links = list(scene.links.values())
    assert all(link._label_box()[0] > 120.0 for link in links[1:])  # every label wider than the links' spacing
    labels.place_link_labels(scene, links)
    rects = [link.label_rect() for link in links]
    nodes = [node.footprint().translated(node.pos()) for node in scene.nodes.values()]
    assert not any(a.intersects(b) for a, b in itertools.combinations(rects, 2))
    assert not any(r.intersects(n) for r in rects for n in nodes)
    assert sum(bool(link.label_side) for link in links) >= len(links) - 1  # beside their lines


def test_beside_a_level_line_is_above_or_below_it_by_half_the_label_and_a_gap():
    line = QLineF(0.0, 0.0, 100.0, 0.0)
    # the normal of a line drawn left to right is (0, 1): side 1 goes down the scene (y grows), -1 up
    assert shapes.beside_offset(line, 80.0, 18.0, 1.0) == (0.0, 9.0 + shapes.BESIDE_GAP)
    assert shapes.beside_offset(line, 80.0, 18.0, -2.0) == (-0.0, -(9.0 + shapes.BESIDE_GAP + shapes.BESIDE_STEP))
    upright = QLineF(0.0, 0.0, 0.0, 100.0)
    assert shapes.beside_offset(upright, 80.0, 18.0, 1.0) == (-(40.0 + shapes.BESIDE_GAP), 0.0)
