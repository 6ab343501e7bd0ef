"""Automatic layout of sites with no link (a site list imported before any link is drawn): a square grid after the
linked parts, in linear time (20,000 of them took 36 s to open: the sites' map was built again per component)."""

from __future__ import annotations

import math

from advisor.model import Design, Link, Site
from advisor.ui.canvas import layout


def test_lone_sites_go_in_a_square_grid_after_the_linked_part():
    sites = [Site(id=f"x{i}") for i in range(12)]
    design = Design(name="t", sites=sites, links=[Link(id="l", a="x0", b="x1")])
    at = layout.radial(design)
    assert at["x0"] == (0.0, 0.0) and at["x1"] == (0.0, layout.RING_GAP)  # the pair: hub and its one ring
    grid = [at[f"x{i}"] for i in range(2, 12)]  # 10 lone sites: 4 columns, 3 rows
    columns = math.ceil(math.sqrt(10))
    left = layout.RING_GAP  # a ring gap after the pair
    assert grid == [(left + (i % columns) * layout.NODE_SPACING, (i // columns) * layout.NODE_SPACING)
                    for i in range(10)]
    assert len(set(at.values())) == 12  # no two on one spot


def test_twenty_thousand_lone_sites_lay_out_without_a_search_per_site(monkeypatch):
    design = Design(name="t", sites=[Site(id=f"x{i}") for i in range(19_998)] + [Site(id="a"), Site(id="b")],
                    links=[Link(id="l", a="a", b="b")])
    hubs = []
    real = layout._hub
    monkeypatch.setattr(layout, "_hub", lambda *args: hubs.append(len(args[-1])) or real(*args))
    at = layout.radial(design)
    assert hubs == [2]  # the one linked part; a lone site is its own centre
    assert len(at) == 20_000 and len(set(at.values())) == 20_000
    side = math.ceil(math.sqrt(20_000)) * layout.NODE_SPACING
    assert max(x for x, _y in at.values()) < layout.RING_GAP + side  # square, not a row
    assert max(y for _x, y in at.values()) < side
