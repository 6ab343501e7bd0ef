"""Hostile designs in the app, round 21: nodes piled on one spot (a file without coordinates puts every site and
cloud at 0, 0) each asked the scene's index for all the others when its far-zoom name was sized: 1,000 clouds at one
place took 19 s before the first paint at that zoom, growing with the square of the pile."""

from __future__ import annotations

import pytest

from advisor.model import Design
from advisor.ui.canvas import theme as th
from advisor.ui.canvas.scene import DesignScene

LOD = 0.3  # a far zoom where names are drawn larger: NAME_SCREEN_ZOOM / 0.3 = 2.17 times


def _pile(n: int) -> Design:
    return Design.model_validate({"sites": [{"id": f"s{i}", "name": f"Site {i}"} for i in range(n)],
                                  "clouds": [{"id": "wan"}]})


def test_nodes_on_one_spot_size_their_names_without_asking_the_index(qapp, monkeypatch):
    scene = DesignScene()
    scene.sync(_pile(300))
    asked = []
    real_items = scene.items
    monkeypatch.setattr(scene, "items", lambda *a, **k: asked.append(a) or real_items(*a, **k))
    sites = [scene.nodes[f"s{i}"] for i in range(300)]
    # Two names starting at the same point cover each other at any scale: the smallest scale, 1, for each.
    assert [site.far_name_scale(LOD) for site in sites] == [1.0] * 300
    assert asked == []  # was one query per site, each answering with the 300 others
    # Moved apart, the count is taken again: a site alone gets the size asked for, from the grid of the nodes (the
    # scene's own index is not asked: its shape test stroked every link crossing the area, test_canvas_dense.py)
    alone = _pile(2).model_copy(update={"sites": (_pile(2).sites[0], _pile(2).sites[1].model_copy(
        update={"x": 50_000.0}))})
    scene.sync(alone)
    assert scene.node_cells is None
    assert scene.nodes["s1"].far_name_scale(LOD) == pytest.approx(th.NAME_SCREEN_ZOOM / LOD)
    assert scene.node_cells is not None and asked == []
