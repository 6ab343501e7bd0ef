"""Automatic layout of long chains and rings: a snake of rows and a circle, centred, inside the design's coordinates.

The radial layout put the best-connected node in the centre; in a chain every site ties, so it started from one end
and each of 10,000 rings (two sites each) lay 260 px further out: 2,600,000 px, beyond the ±1,000,000 px a design
may hold. Auto layout was refused with "s3848.x: must be ≥ -1000000", and opening such a chain with no positions
said "laid out around the hub" while every site stayed on one spot. Other shapes where many nodes tie now start
from the middle one, and any layout too large for the coordinates is drawn closer together."""

from __future__ import annotations

import json
import math

from advisor.commands import MoveNodes
from advisor.model import Design, Link, Site
from advisor.ui.canvas import layout


def _chain(n: int) -> Design:
    sites = [Site(id=f"s{i}") for i in range(1, n + 1)]
    links = [Link(id=f"l{i}", a=f"s{i}", b=f"s{i + 1}") for i in range(1, n)]
    return Design(name="chain", sites=sites, links=links)


def _links_long(design: Design, at) -> set[float]:
    return {round(math.dist(at[x.a], at[x.b]), 6) for x in design.links}


def test_a_short_chain_is_laid_out_from_its_middle_site():
    at = layout.radial(_chain(7))
    assert at["s4"] == (0.0, 0.0)  # s1 … s7: three sites either side of s4 (it started from s2, the first tie)
    assert [round(math.dist(at[f"s{i}"], (0, 0)), 6) for i in (3, 5, 1, 7)] == [260.0, 260.0, 780.0, 780.0]


def test_a_long_chain_is_a_snake_of_rows_with_every_link_one_gap_long():
    design = _chain(40)
    at = layout.radial(design)
    # columns = ⌈√(40 × 1.6)⌉ = 8, so 5 rows; s1 at the top left, s8 at the top right, s9 below s8 (back leftwards)
    gap = layout.RING_GAP
    assert _links_long(design, at) == {gap}
    xs, ys = {x for x, _ in at.values()}, {y for _, y in at.values()}
    assert len(xs) == 8 and len(ys) == 5 and len(set(at.values())) == 40
    assert at["s1"] == (-3.5 * gap, -2 * gap) and at["s8"] == (3.5 * gap, -2 * gap) and at["s9"] == (3.5 * gap, -gap)
    assert at["s33"] == (-3.5 * gap, 2 * gap) and at["s40"] == (3.5 * gap, 2 * gap)  # the fifth: left to right


def test_a_ring_is_a_circle():
    n = 12
    design = Design(name="ring", sites=[Site(id=f"s{i}") for i in range(n)],
                    links=[Link(id=f"l{i}", a=f"s{i}", b=f"s{(i + 1) % n}") for i in range(n)])
    at = layout.radial(design)
    radius = n * layout.RING_GAP / (2 * math.pi)  # the circumference: one gap per site (496.56 px)
    assert all(abs(math.dist(p, (0, 0)) - radius) < 0.1 for p in at.values())  # positions kept to 0.1 px
    assert at["s0"] == (0.0, round(-radius, 1))  # at the top, then clockwise on the screen (y grows downwards)
    assert at["s3"] == (round(radius, 1), 0.0)
    chord = 2 * radius * math.sin(math.pi / n)  # neighbours one twelfth of the circle apart: 258.7 px
    assert all(abs(length - chord) < 0.2 for length in _links_long(design, at))


def test_a_star_keeps_its_hub_in_the_centre():
    # the tie-break for the middle only applies where nodes tie: a cloud with the most links stays the centre
    design = Design.model_validate({"sites": [{"id": f"b{i}"} for i in range(5)], "clouds": [{"id": "wan"}],
                                    "links": [{"id": f"l{i}", "a": f"b{i}", "b": "wan"} for i in range(5)]})
    assert layout.radial(design)["wan"] == (0.0, 0.0)


def test_ten_thousand_sites_fit_the_design_coordinates_whatever_their_shape():
    design = _chain(10_000)
    at = layout.radial(design)
    # a snake of ⌈√16,000⌉ = 127 columns and 79 rows: 126 × 260 = 32,760 px wide, 78 × 260 = 20,280 px high
    assert max(x for x, _ in at.values()) - min(x for x, _ in at.values()) == 126 * layout.RING_GAP
    assert max(y for _, y in at.values()) - min(y for _, y in at.values()) == 78 * layout.RING_GAP
    assert len(set(at.values())) == 10_000
    MoveNodes(at, text="Radial layout").apply(design)  # the design's own checks accept every position
    # The chain with one chord (s1-s3) is not a chain any more: rings around its middle, 5,000 rings of 260 px
    # each way = 1,300,000 px, so drawn closer together, inside ±990,000 px.
    meshed = design.model_copy(update={"links": (*design.links, Link(id="c", a="s1", b="s3"))})
    at = layout.radial(meshed)
    assert all(abs(x) <= layout.EXTENT and abs(y) <= layout.EXTENT for x, y in at.values())
    assert max(max(abs(x), abs(y)) for x, y in at.values()) == layout.EXTENT
    assert len(set(at.values())) == 10_000
    MoveNodes(at, text="Radial layout").apply(meshed)


def test_opening_a_chain_with_no_positions_lays_it_out(qtbot, tmp_path):
    from tests.ui.conftest import shown_window

    path = tmp_path / "chain.json"
    path.write_text(json.dumps(_chain(4_000).model_dump(mode="json")), encoding="utf-8")
    for win in shown_window(qtbot, Design()):
        assert win.files.open_path(path, ask=False, remember=False)
        placed = {(n.x, n.y) for n in win.document.design.sites}
        assert len(placed) == 4_000  # not one spot
        assert "laid out" in win.statusBar().currentMessage()
        win.document.undo_stack.undo()
        assert {(n.x, n.y) for n in win.document.design.sites} == {(0.0, 0.0)}


def test_a_layout_the_design_refuses_says_so_and_is_not_claimed(qtbot, tmp_path, monkeypatch):
    from tests.ui.conftest import shown_window

    path = tmp_path / "pile.json"
    path.write_text(json.dumps(_chain(5).model_dump(mode="json")), encoding="utf-8")
    monkeypatch.setattr(layout, "radial", lambda design: {"s1": (2e6, 0.0)})  # beyond the coordinates
    for win in shown_window(qtbot, Design()):
        messages = []
        win.canvas.message.connect(messages.append)
        assert win.files.open_path(path, ask=False, remember=False)
        assert messages and messages[-1].startswith("Radial layout: not applied (")
        assert "laid out" not in win.statusBar().currentMessage()
        assert win.document.undo_stack.count() == 0
