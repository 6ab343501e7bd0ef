"""Detail views of a large star: each spoke is labelled once, in its site's view, not again in a pile at the cloud."""

from __future__ import annotations

import re

from report_fixtures import results_for, star_design

from advisor.report import diagram, fonts

LINK_LABEL = re.compile(r"^\d+ / [\d,]+\.\d\d$")


def _strings(group) -> list[str]:
    out = []
    for node in getattr(group, "contents", ()):
        out += _strings(node) if hasattr(node, "contents") else [node.text] if hasattr(node, "text") else []
    return out


def test_each_spoke_is_labelled_once_across_the_detail_views():
    fonts.register()
    design = star_design(300, names=())
    results = results_for(design)
    views = diagram.topology_drawings(design, {r.id: r for r in results.links}, 480, 650)
    tiles = diagram._tiles(diagram.nodes_of(design), diagram._bounds(diagram.nodes_of(design)))
    assert len(views) == len(tiles) + 1 <= diagram.MAX_TILES + 1  # every site has its own view here
    per_view = [sum(bool(LINK_LABEL.match(t)) for t in _strings(drawing)) for drawing, _ in views[1:]]
    assert sum(per_view) == len(results.links)
    cloud_view = next(i for i, (_, nodes) in enumerate(tiles) if any(n.cloud for n in nodes))
    cloud_sites = sum(not n.cloud for n in tiles[cloud_view][1])
    assert per_view[cloud_view] == cloud_sites  # only the spokes of its own sites


def test_links_are_drawn_as_few_paths_in_link_order():
    fonts.register()
    design = star_design(300, names=())
    results = results_for(design)
    overview = diagram.topology_drawings(design, {r.id: r for r in results.links}, 480, 650)[0][0]
    paths = [p for g in overview.contents for p in getattr(g, "contents", ()) if type(p).__name__ == "Path"]
    statuses = [r.status for r in results.links]
    runs = 1 + sum(a != b for a, b in zip(statuses, statuses[1:], strict=False))
    assert len(paths) == runs
    assert sum(len(p.points) // 4 for p in paths) == len(results.links)  # one segment (2 points) per link


def _parallel(count: int):
    from advisor.model import Design

    return Design.model_validate({
        "name": "parallel", "sites": [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True},
                                      {"id": "br", "users": 20}],
        "clouds": [{"id": "mpls", "kind": "mpls"}],
        "links": [{"id": "l-br", "a": "br", "b": "mpls"},
                  *({"id": f"p{i}", "a": "hq", "b": "mpls"} for i in range(1, count + 1))]})


def test_a_pile_of_parallel_links_gets_one_label_per_spot_along_its_line():
    """Six spots along a line, so at most six labels between two nodes (placing 49,000 of them, each against the
    pile, took minutes); every link is still drawn, and up to six parallel links keep a label each."""
    fonts.register()
    for count, labelled in ((4, 4 + 1), (6, 6 + 1), (500, diagram.PARALLEL_LABELS + 1)):
        design = _parallel(count)
        results = results_for(design)
        views = diagram.topology_drawings(design, {r.id: r for r in results.links}, 480, 650)
        labels = sum(bool(LINK_LABEL.match(t)) for drawing, _ in views for t in _strings(drawing))
        assert labels == labelled  # the hq's parallel links, capped, and the branch's own link
        paths = [p for drawing, _ in views[:1] for g in drawing.contents for p in getattr(g, "contents", ())
                 if type(p).__name__ == "Path"]
        assert sum(len(p.points) // 4 for p in paths) == count + 1  # every link drawn
