"""Automatic layout of long chains and rings: centred on the middle site and kept inside the design's coordinates.

The radial layout put the best-connected node in the centre; in a chain every site ties, so it started from one end
and each of 10,000 rings lay 260 px further out: 2,600,000 px, beyond the ±1,000,000 px a design may hold. Auto
layout was refused with "s3848.x: must be ≥ -1000000", and opening such a chain with no positions said "laid out
around the hub" while every site stayed on one spot."""

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


def test_a_chain_is_laid_out_from_its_middle_site():
    at = layout.radial(_chain(9))
    assert at["s5"] == (0.0, 0.0)  # s1 … s9: four sites either side of s5
    # each further site one ring gap further out, the two arms opposite each other
    assert [round(math.dist(at[f"s{i}"], (0, 0)), 6) for i in (4, 6, 1, 9)] == [260.0, 260.0, 1040.0, 1040.0]
    assert math.dist(at["s1"], at["s9"]) == 8 * layout.RING_GAP


def test_a_star_keeps_its_hub_in_the_centre():
    # the tie-break for the middle only applies where nodes tie: a cloud with the most links stays the centre
    design = Design.model_validate({"sites": [{"id": f"b{i}"} for i in range(5)], "clouds": [{"id": "wan"}],
                                    "links": [{"id": f"l{i}", "a": f"b{i}", "b": "wan"} for i in range(5)]})
    assert layout.radial(design)["wan"] == (0.0, 0.0)


def test_a_ten_thousand_site_chain_fits_the_design_coordinates():
    design = _chain(10_000)
    at = layout.radial(design)
    # From the middle, about 5,000 rings of 260 px = 1,300,000 px each way: more than the 990,000 px allowed, so
    # drawn closer together in one scale, end to end 2 × 990,000 px (was 2,600,000 px from one end, refused).
    assert abs(math.dist(at["s1"], at["s10000"]) - 2 * layout.EXTENT) < 0.2
    assert all(abs(x) <= layout.EXTENT and abs(y) <= layout.EXTENT for x, y in at.values())
    assert len(set(at.values())) == 10_000
    MoveNodes(at, text="Radial layout").apply(design)  # the design's own checks accept every position


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
