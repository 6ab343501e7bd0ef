"""Link labels of the topology's detail views never cover one another or the sites' names: a label whose line is
taken tries the spots beside the line (advisor/report/diagram.py `_beside`), and a detail view leaves out a label
that would still cover another, saying so in its caption (the Links section gives every link's figures)."""

from __future__ import annotations

import itertools
import re

from report_fixtures import drawing_strings
from reportlab.graphics.shapes import Rect

from advisor.model import Design
from advisor.report import diagram, fonts


def test_spots_beside_a_level_link_clear_a_label_lying_on_it():
    size, w = 7.0, 60.0
    spots = diagram._beside(0.0, 100.0, 200.0, 100.0, (0.5,), w, size)
    assert len(spots) == 2
    (left_a, base_a), (left_b, base_b) = spots
    assert left_a == left_b == 100.0 - w / 2  # centred on the link's middle
    # a label on the line has its baseline at y − 0.35 size: box from y − 0.63 size to y + 0.5 size. The label
    # beside it sits 1.13 size + 1.5 pt off the line's middle: its box ends 1.5 - 0.03 size... clear of that box
    on_line_top, on_line_bottom = 100.0 + 0.5 * size, 100.0 - 0.63 * size
    assert base_a - 0.28 * size > on_line_top  # above: its box's foot over the other's head
    assert base_b + 0.85 * size < on_line_bottom  # below: its head under the other's foot


def test_spots_beside_an_upright_link_are_left_and_right_of_it():
    spots = diagram._beside(50.0, 0.0, 50.0, 100.0, (0.5,), 40.0, 7.0)
    xs = sorted(left for left, _base in spots)
    assert xs[0] + 40.0 < 50.0 < xs[1]  # one wholly left of the line, one wholly right


def _chain(n: int) -> Design:
    # leased lines in a row, 40 pt apart on the canvas, each carrying the whole chain's calls: figures much longer
    # than the links
    sites = [{"id": f"s{i}", "name": f"Site {i}", "users": 2000, "x": 40.0 * i, "y": 0.0,
              **({"kind": "hq", "cucm_publisher": True} if i == 0 else {})} for i in range(n)]
    links = [{"id": f"l{i}", "a": f"s{i}", "b": f"s{i + 1}", "capacity_kbps": 100000.0} for i in range(n - 1)]
    return Design.model_validate({"name": "row", "sites": sites, "links": links})


LINK_LABEL = re.compile(r"^[\d,]+ / [\d,]+\.\d\d$")


def _boxes(drawing) -> list[tuple[float, float, float, float]]:
    out = []

    def walk(group):
        for node in getattr(group, "contents", ()):
            if isinstance(node, Rect) and node.fillColor is not None and node.fillColor.hexval() == "0xffffff":
                if node.width < drawing.width - 1:  # a label's white backing, not the frame
                    out.append((node.x, node.y, node.x + node.width, node.y + node.height))
            walk(node)

    walk(drawing)
    return out


def test_no_link_label_of_a_detail_view_covers_another_and_the_caption_counts_those_left_out():
    from advisor.analysis import analyse

    fonts.register()
    design = _chain(60)
    results = analyse(design)
    views = diagram.topology_drawings(design, {r.id: r for r in results.links}, 480, 650)
    assert len(views) > 1  # detail views
    left_out = drawn = 0
    for drawing, caption in views[1:]:
        boxes = _boxes(drawing)
        for a, b in itertools.combinations(boxes, 2):  # node names and link figures alike: no two boxes overlap
            assert min(a[2], b[2]) - max(a[0], b[0]) <= 1e-6 or min(a[3], b[3]) - max(a[1], b[1]) <= 1e-6
        drawn += sum(bool(LINK_LABEL.match(t)) for t in drawing_strings(drawing))
        if "left unlabelled here" in caption:
            left_out += int(caption.split(". ", 1)[1].split(" ", 1)[0].replace(",", ""))
    assert drawn > 0
    assert drawn + left_out >= len(design.links)  # each link labelled in some view, or said to be left out


def test_the_caption_says_how_many_links_went_unlabelled():
    assert diagram._left_out(0) == ""
    assert diagram._left_out(1) == " 1 link left unlabelled here for want of room: the Links section gives its calls and kbps."
    assert diagram._left_out(1200) == (" 1,200 links left unlabelled here for want of room: the Links section gives "
                                       "their calls and kbps.")
