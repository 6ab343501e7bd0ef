"""Detail views of a large star: each spoke is labelled once, in its site's view, not again in a pile at the cloud."""

from __future__ import annotations

import re

from report_fixtures import results_for, star_design

from advisor.report import diagram, diagram_space, fonts

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


def _full_mesh(sites: int):
    from advisor.model import Design

    return Design.model_validate({
        "name": "mesh", "vpn": {"technology": "none"},
        "sites": [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": 20, "cucm_publisher": i == 0,
                   "x": 160.0 * (i % 8), "y": 130.0 * (i // 8)} for i in range(sites)],
        "links": [{"id": f"l{a}-{b}", "a": f"s{a}", "b": f"s{b}"} for a in range(sites) for b in range(a + 1, sites)]})


def test_a_view_with_more_link_labels_than_room_draws_its_links_unlabelled_and_says_so():
    """A full mesh of 40 sites: 780 labels of ~60 × 7 points cannot lie apart on a 480 × 650-point page (placing
    each against the pile made a 300-site mesh's PDF take 47 s, 12 s without). Every link is still drawn; the
    captions point to the Links section. Six sites (15 links) keep every label (in the overview or the detail
    views)."""
    fonts.register()
    design = _full_mesh(40)
    results = results_for(design)
    views = diagram.topology_drawings(design, {r.id: r for r in results.links}, 480, 650)
    assert "too many links to label at this scale" in views[0][1] and "Links section" in views[0][1]
    assert len(views) > 1 and all("Too many links to label here" in caption for _, caption in views[1:])
    assert sum(bool(LINK_LABEL.match(t)) for drawing, _ in views for t in _strings(drawing)) == 0
    paths = [p for g in views[0][0].contents for p in getattr(g, "contents", ()) if type(p).__name__ == "Path"]
    assert sum(len(p.points) // 4 for p in paths) == 40 * 39 // 2  # every link drawn in the overview
    small = _full_mesh(6)
    results = results_for(small)
    views = diagram.topology_drawings(small, {r.id: r for r in results.links}, 480, 650)
    assert not any("Too many links" in caption or "too many links" in caption for _, caption in views)
    assert sum(bool(LINK_LABEL.match(t)) for drawing, _ in views for t in _strings(drawing)) == 15


def test_room_for_labels_is_judged_by_their_area_against_the_views():
    # 100 labels of 60 × 7 points: (60 + 2.4) × 7 × 1.13 ≈ 493.6 points² each, 49,358 in all, against half the view
    assert diagram_space.labels_fit(100, 60.0, 7.0, 400.0, 250.0)  # half of 100,000 points² = 50,000
    assert not diagram_space.labels_fit(100, 60.0, 7.0, 400.0, 240.0)  # half of 96,000 = 48,000
