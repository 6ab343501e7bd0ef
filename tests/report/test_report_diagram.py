"""The topology drawing: vectors from canvas positions, readable at 100 sites through detail views."""

from __future__ import annotations

import math

from report_fixtures import pdf_text, results_for, star_design

from advisor.report import build_pdf, diagram, diagram_space, fonts
from advisor.report.tables import fmt_kbps


def test_small_design_is_one_labelled_overview():
    fonts.register()
    design = star_design(8)
    results = results_for(design)
    drawings = diagram.topology_drawings(design, {r.id: r for r in results.links}, 480, 600)
    assert len(drawings) == 1 and drawings[0][1] == "Overview of the topology."


def test_hundred_sites_name_every_site_and_label_every_link():
    design = star_design(100, names=())
    results = results_for(design)
    text = pdf_text(build_pdf(design, results))
    topology = text[text.index("2  Topology"):text.index("3  Sites")]
    flat = " ".join(topology.split())
    for site in design.sites:
        assert site.name in flat, site.name
    for link in results.links:
        assert f"{link.calls} / {fmt_kbps(link.kbps)}" in flat, link.id


def test_tiles_partition_the_nodes_and_stay_small():
    fonts.register()
    design = star_design(300, names=())
    nodes = diagram.nodes_of(design)
    tiles = diagram._tiles(nodes, diagram._bounds(nodes))
    ids = [n.id for _, tile in tiles for n in tile]
    assert sorted(ids) == sorted(n.id for n in nodes)
    assert all(len(tile) <= diagram.TILE_NODES for _, tile in tiles)


def test_positions_scale_into_the_frame():
    fonts.register()
    design = star_design(20, names=())
    results = results_for(design)
    drawing, _ = diagram.topology_drawings(design, {r.id: r for r in results.links}, 400, 300)[0]
    circles = [s for g in drawing.contents for s in getattr(g, "contents", []) if type(s).__name__ == "Circle"]
    assert len(circles) == 19  # the branches (HQ is a square, the data centre a diamond)
    assert all(0 <= c.cx <= 400 and 0 <= c.cy <= 300 for c in circles)


def test_stacked_positions_fall_back_to_a_radial_layout():
    design = star_design(6, names=())
    stacked = design.model_validate({**design.model_dump(), "sites": [
        {**s.model_dump(), "x": 0.0, "y": 0.0} for s in design.sites]})
    nodes = diagram.nodes_of(stacked)
    points = {(round(n.x), round(n.y)) for n in nodes}
    assert len(points) == len(nodes)


def test_segments_are_clipped_to_the_frame():
    assert diagram_space.clip(-10, 5, 20, 5, (0, 0, 10, 10)) == (0, 5, 10, 5)
    assert diagram_space.clip(-10, -10, -5, -5, (0, 0, 10, 10)) is None
    x1, y1, x2, y2 = diagram_space.clip(5, 5, 5, 50, (0, 0, 10, 10))
    assert (x1, y1, x2) == (5, 5, 5) and math.isclose(y2, 10)
