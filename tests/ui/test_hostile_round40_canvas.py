"""Hostile round 40, the canvas: a right or middle click while "Connect to…" waits for its other end, moves and
drops at the canvas's edge, the undo text and the coordinates of Align and Distribute, and Arrange with too few
nodes selected."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_canvas_support import MIDDLE, RIGHT, click, drag, view_point  # noqa: E402

from advisor.model import Cloud, Design, Link, Node, Site  # noqa: E402
from advisor.ui.canvas import layout  # noqa: E402

MULTI = Design(name="Multi", sites=(
    Site(id="hq", name="Head Office", kind="hq", users=300, cucm_publisher=True, x=0, y=0),
    Site(id="br-1", name="Branch Nord", users=40, x=-300, y=200),
    Site(id="br-2", name="Branch Ost", users=20, x=300, y=200)),
    clouds=(Cloud(id="mpls", name="MPLS", x=0, y=100),),
    links=(Link(id="l-eth", a="hq", b="mpls", capacity_kbps=10_000),
           Link(id="l-ppp", a="br-1", b="mpls", capacity_kbps=512, l2="ppp"),
           Link(id="l-fr", a="br-2", b="mpls", capacity_kbps=256, l2="frf12")))


@contextmanager
def opened(qtbot, design):
    from tests.ui.conftest import shown_window

    gen = shown_window(qtbot, design)
    window = next(gen)
    said: list[str] = []
    window.canvas.message.connect(said.append)
    try:
        yield window, said
    finally:
        next(gen, None)


@pytest.mark.parametrize("button", [RIGHT, MIDDLE])
def test_a_right_or_middle_click_cancels_connect_to_and_adds_no_link(qtbot, button):
    with opened(qtbot, MULTI) as (window, _said):
        view = window.canvas
        view.stop_auto_fit()
        view.resetTransform()
        view.centerOn(0, 100)
        view.start_connect_from("hq")
        click(view, view_point(view, (300, 200)), button)  # over Branch Ost
        assert window.document.design.links == MULTI.links  # was: a link hq – br-2 added
        assert view._gesture is None  # the connect is over: the next left click selects, as usual


def test_the_canvas_edge_is_the_models(qtbot):
    assert layout.POSITION_LIMIT == next(m.le for m in Node.model_fields["x"].metadata if hasattr(m, "le"))


def test_sites_dragged_past_the_edge_stop_at_it_together(qtbot):
    design = Design(name="Edge", sites=(Site(id="site-1", name="A", x=999_000, y=0),
                                        Site(id="site-2", name="B", x=999_500, y=0)))
    with opened(qtbot, design) as (window, said):
        view = window.canvas
        for _ in range(40):
            view.zoom_out()
        view.centerOn(999_000, 0)
        window.document.select(("site-1", "site-2"))
        start = view_point(view, (999_000, 0))
        drag(view, start, start + QPoint(400, 0))
        xs = [s.x for s in window.document.design.sites]
        assert said == [] and xs == [999_500.0, 1_000_000.0]  # was refused whole: "site-1.x: must be ≤ 1000000"
        window.document.undo_stack.undo()
        assert window.document.design == design


def test_align_next_to_the_edge_keeps_every_node_on_the_canvas(qtbot):
    design = Design(name="Edge", sites=(Site(id="wide", name="W" * 120, kind="hq", x=1_000, y=0),
                                        Site(id="narrow", name="n", x=2_000, y=0)),
                    clouds=(Cloud(id="c", name="c", x=1_500, y=-1_000_000),))
    with opened(qtbot, design) as (window, said):
        window.document.select(("wide", "narrow", "c"))
        window.canvas.action("align_top").trigger()
        assert said == []  # was: 'wide.y: must be ≥ -1000000', nothing aligned
        ys = {n.id: n.y for n in (*window.document.design.sites, *window.document.design.clouds)}
        assert ys["c"] == -1_000_000 and all(-1_000_000 <= y < 0 for y in ys.values())


def test_a_drop_past_the_edge_lands_on_it(qtbot):
    with opened(qtbot, Design(name="Empty")) as (window, said):
        node_id = window.canvas.add_node("branch", QPointF(1_000_050.0, -1_000_080.0))
        assert said == [] and node_id is not None  # was: "Cannot place a site or cloud there: x: must be ≤ 1000000"
        site = window.document.design.sites[0]
        assert (site.x, site.y) == (1_000_000.0, -1_000_000.0)


@pytest.mark.parametrize("how, words", [("hcenter", "Align the centres of 3 sites vertically"),
                                        ("vcenter", "Align the centres of 3 sites horizontally"),
                                        ("left", "Align 3 sites left")])
def test_the_undo_text_of_align_says_what_the_menu_says(qtbot, how, words):
    with opened(qtbot, MULTI) as (window, _said):
        window.document.select(("hq", "br-1", "br-2"))
        window.canvas.action(f"align_{how}").trigger()
        assert window.document.undo_stack.undoText() == words  # was "Align 3 sites hcenter"


def test_distribute_keeps_the_outermost_nodes_and_places_the_others_to_the_hundredth(qtbot):
    design = Design(name="F", sites=(Site(id="a", name="A", x=10.1, y=0.3),
                                     Site(id="b", name="Bb", kind="hq", x=200.7, y=0.3),
                                     Site(id="c", name="C", x=400.2, y=0.3)),
                    clouds=(Cloud(id="m", name="M", x=300.3, y=0.3),))
    with opened(qtbot, design) as (window, _said):
        window.document.select(("a", "b", "c", "m"))
        window.canvas.action("distribute_horizontal").trigger()
        xs = {n.id: n.x for n in (*window.document.design.sites, *window.document.design.clouds)}
        # step (400.2 - 10.1) / 3 = 130.0333…: 140.13 and 270.17 to the hundredth; the ends as they were
        assert xs == {"a": 10.1, "b": 140.13, "m": 270.17, "c": 400.2}  # was 400.20000000000005, 140.13333333333333
        window.document.select(("a", "b", "c"))
        window.canvas.action("align_top").trigger()
        assert {s.y for s in window.document.design.sites} == {0.3}  # the edge's own node stays at 0.3


@pytest.mark.parametrize("action, selection, words", [
    ("align_left", (), "Align needs two or more sites or clouds selected"),
    ("align_left", ("hq",), "Align needs two or more sites or clouds selected"),
    ("distribute_horizontal", ("hq", "br-1"), "Distribute needs three or more sites or clouds selected"),
])
def test_arrange_with_too_few_nodes_says_why(qtbot, action, selection, words):
    with opened(qtbot, MULTI) as (window, said):
        window.document.select(selection)
        window.canvas.action(action).trigger()
        assert said and said[-1].startswith(words)  # was: nothing at all
        assert window.document.design == MULTI and not window.document.undo_stack.canUndo()
