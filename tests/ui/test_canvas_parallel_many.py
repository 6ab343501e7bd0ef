"""Thousands of parallel links between two sites are drawn as one bundle with their count, not one item each.

A hostile round found that a design with 5,000 or more parallel links (the file format allows them) made every
repaint of the canvas take 0.35-2.6 s: each link's line, label and badge was painted over the others at every pan,
zoom, hover or edit. Past eight links between the same two nodes their items now leave the scene for one bundle (a
line with a casing and a label: "5,000 parallel links", how many are selected, the findings on them), and each link
stays reachable: the Links table, a click on the bundle, Select All, Delete and Undo. Up to eight are drawn as
before, one line and one label each. Counted, never timed: the items painted and the items in the scene.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from advisor.analysis import analyse
from advisor.commands import AddLink, MoveNodes, make_link
from advisor.model import Design
from advisor.ui.canvas.bundle import PARALLEL_DRAWN, BundleItem, BundleLabel
from advisor.ui.canvas.items import LinkItem, LinkLabelItem
from advisor.ui.canvas.view import CanvasView
from advisor.ui.document import Document
from tests.ui.test_canvas_support import click, drag_scene

PILE = 2000
SPAN = 700.0  # px between the two sites: room for a few labels of parallel links side by side


def _design(count: int, extra: int = 0) -> Design:
    """An HQ and a branch SPAN apart joined by `count` parallel links (p0, p1, …), the even ones of 64 kbps
    (overloaded once analysed); `extra` more branches each with one link to the HQ."""
    sites = [{"id": "hq", "name": "HQ", "kind": "hq", "users": 200, "cucm_publisher": True, "x": 0.0, "y": 0.0},
             {"id": "br", "name": "Branch", "users": 40, "x": SPAN, "y": 0.0}]
    links = [{"id": f"p{k}", "a": "hq" if k % 3 else "br", "b": "br" if k % 3 else "hq",
              "capacity_kbps": 64 if k % 2 == 0 else 10_000} for k in range(count)]
    for i in range(extra):
        sites.append({"id": f"e{i}", "name": f"Extra {i}", "users": 10, "x": 150.0 * i, "y": 300.0})
        links.append({"id": f"x{i}", "a": "hq", "b": f"e{i}"})
    return Design.model_validate({"name": "parallel", "sites": sites, "links": links})


def _view(qtbot, design: Design, results: bool = True) -> tuple[CanvasView, Document]:
    document = Document()
    view = CanvasView(document)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    document.reset(design)
    if results:
        document.set_results(analyse(design))
    view.fit_all()
    return view, document


def _count_paints(monkeypatch) -> dict[type, int]:
    """How many times each kind of link item paints (BundleLabel paints with its own method, not LinkLabelItem's)."""
    counts = dict.fromkeys((LinkItem, LinkLabelItem, BundleItem, BundleLabel), 0)
    for cls in counts:
        def counted(item, *args, _cls=cls, _paint=cls.paint):
            counts[_cls] += 1
            return _paint(item, *args)
        monkeypatch.setattr(cls, "paint", counted)
    return counts


def _bundle(view: CanvasView) -> BundleItem:
    (bundle,) = view.scene().pairs.bundles.values()
    return bundle


def test_a_pile_of_parallel_links_paints_one_bundle_whatever_its_count(qtbot, monkeypatch):
    view, _document = _view(qtbot, _design(PILE))
    scene = view.scene()
    counts = _count_paints(monkeypatch)
    view.viewport().grab()  # fitted: text and labels drawn at this size
    view.resetTransform()
    view.centerOn(SPAN / 2, 0.0)
    view.viewport().grab()  # 100 %
    assert counts[LinkItem] == 0 and counts[LinkLabelItem] == 0  # was PILE of each per repaint
    assert counts[BundleItem] == 2 and counts[BundleLabel] == 2
    assert len(scene.items()) == 4  # the two sites, the bundle's line and its label: nothing per link
    assert set(scene.links) == {f"p{k}" for k in range(PILE)}  # every link keeps its item, figures and tooltip
    bundle = _bundle(view)
    assert bundle.label == "2,000 parallel links"
    assert len(bundle.ids) == PILE  # a–b and b–a links alike


@pytest.mark.parametrize("count", [1, 2, 3, PARALLEL_DRAWN])
def test_up_to_eight_parallel_links_are_each_drawn_as_before(qtbot, monkeypatch, count):
    view, _document = _view(qtbot, _design(count))
    scene = view.scene()
    counts = _count_paints(monkeypatch)
    view.resetTransform()
    view.centerOn(SPAN / 2, 0.0)
    view.viewport().grab()
    assert not scene.pairs.bundles and counts[BundleItem] == 0
    assert counts[LinkItem] == count and counts[LinkLabelItem] == count
    assert all(item.scene() is scene and item.label_item.scene() is scene for item in scene.links.values())


def test_ordinary_links_beside_piles_are_drawn_one_by_one(qtbot, monkeypatch):
    view, _document = _view(qtbot, _design(PILE, extra=5))
    counts = _count_paints(monkeypatch)
    view.viewport().grab()
    assert counts[LinkItem] == 5 and counts[BundleItem] == 1  # the extra branches' links, and the pile as one


def test_a_bundled_link_picked_in_the_links_table_is_selected_on_the_canvas(qtbot):
    from tests.ui.conftest import shown_window

    windows = shown_window(qtbot, _design(50))
    win = next(windows)
    try:
        table, model = win.links.table, win.links.model
        row = next(i for i, link in enumerate(model.links) if link.id == "p17")
        index = model.index(row, 0)
        table.scrollTo(index)
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
        assert win.document.selected == ("p17",)
        bundle = _bundle(win.canvas)
        assert bundle.chosen == {"p17"} and bundle.isSelected()
        assert bundle.label == "50 parallel links · 1 selected"
        assert win.canvas.scene().selected_ids() == ("p17",)
    finally:
        next(windows, None)


def test_a_click_on_the_bundle_selects_all_its_links_and_a_click_beside_it_none(qtbot):
    view, document = _view(qtbot, _design(20))
    ids = {f"p{k}" for k in range(20)}
    on_line = view.mapFromScene(QPointF(120.0, 0.0))  # on the line, off its label
    click(view, on_line)
    assert set(document.selected) == ids
    assert _bundle(view).label == "20 parallel links · 20 selected"
    click(view, on_line, mods=Qt.KeyboardModifier.ControlModifier)
    assert document.selected == ()  # Ctrl: all were in, all go out
    click(view, view.mapFromScene(_bundle(view).label_rect().center()))
    assert set(document.selected) == ids
    click(view, view.mapFromScene(QPointF(SPAN / 2, 200.0)))
    assert document.selected == ()  # a click on empty canvas clears the bundle's links too
    assert not _bundle(view).chosen and not _bundle(view).isSelected()


def test_a_rubber_band_across_the_bundle_selects_its_links_and_select_all_every_one(qtbot):
    view, document = _view(qtbot, _design(30))
    drag_scene(view, (200.0, -60.0), (240.0, 60.0))  # across the line, clear of both sites
    assert set(document.selected) == {f"p{k}" for k in range(30)}
    document.select(())
    view.select_all()
    assert set(document.selected) == {"hq", "br", *(f"p{k}" for k in range(30))}
    assert len(_bundle(view).chosen) == 30


def test_the_ninth_link_makes_a_bundle_and_undo_draws_eight_again_keeping_the_selection(qtbot):
    view, document = _view(qtbot, _design(PARALLEL_DRAWN), results=False)
    scene = view.scene()
    document.select(("p3",))
    document.push(AddLink(make_link(document.design, "hq", "br")))
    bundle = _bundle(view)
    assert len(bundle.ids) == PARALLEL_DRAWN + 1
    assert all(scene.links[i].scene() is None for i in bundle.ids)  # out of the scene, held by the bundle
    assert document.selected == ("p3",) and bundle.chosen == {"p3"}
    assert bundle.label == "9 parallel links · 1 selected"
    document.undo_stack.undo()
    assert not scene.pairs.bundles and bundle.scene() is None
    assert len(scene.links) == PARALLEL_DRAWN
    assert all(item.scene() is scene for item in scene.links.values())
    assert scene.links["p3"].isSelected() and scene.selected_ids() == ("p3",)


def test_deleting_bundled_links_counts_down_and_undo_counts_up(qtbot):
    view, document = _view(qtbot, _design(12))
    scene = view.scene()
    document.select(("p0", "p1"))
    view.delete_selected()
    assert _bundle(view).label == "10 parallel links" and document.selected == ()
    document.select(("p2", "p4"))
    view.delete_selected()
    assert not scene.pairs.bundles  # eight left: each drawn again
    assert sorted(item.item_id for item in scene.items() if isinstance(item, LinkItem)) == sorted(scene.links)
    assert len({item.label_t for item in scene.links.values()}) > 1  # their labels placed apart along the line
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert len(_bundle(view).ids) == 12


def test_the_bundle_shows_its_links_worst_status_and_all_their_findings(qtbot):
    view, _document = _view(qtbot, _design(40))
    scene, bundle = view.scene(), _bundle(view)
    statuses = {scene.links[i].status for i in bundle.ids}
    assert statuses == {"overload", "ok"}  # the 64 kbps links are overloaded
    assert bundle.status == "overload"
    badges = [scene.links[i].badge for i in bundle.ids if scene.links[i].badge is not None]
    assert badges and bundle.badge.count == sum(b.count for b in badges)
    tip = bundle.label_item.toolTip()
    assert "40 parallel links" in tip and "20 overloaded" in tip and "20 within capacity" in tip


def test_a_dragged_site_moves_the_bundle_not_each_link_until_it_is_dropped(qtbot, monkeypatch):
    view, document = _view(qtbot, _design(PILE), results=False)
    scene = view.scene()
    adjusted = []
    monkeypatch.setattr(LinkItem, "adjust", lambda item, _adjust=LinkItem.adjust: (adjusted.append(1),
                                                                                    _adjust(item)))
    scene.move_node_item("br", QPointF(SPAN, 120.0))
    assert not adjusted  # was PILE link items per mouse move
    line = _bundle(view).line()
    assert QPointF(SPAN, 120.0) in (line.p1(), line.p2())
    document.push(MoveNodes({"br": (SPAN, 120.0)}))
    assert scene.links["p5"].line().p2() == QPointF(SPAN, 120.0)  # the drop brings every link along


def test_connecting_again_counts_the_links_and_says_when_they_become_a_bundle(qtbot):
    # "A second link" was said for the third, the tenth and every later one alike
    document = Document()
    view = CanvasView(document)
    qtbot.addWidget(view)
    document.reset(_design(PARALLEL_DRAWN))
    said: list[str] = []
    view.message.connect(said.append)
    assert view.connect_nodes("hq", "br") is not None
    assert said[-1].startswith(f"{PARALLEL_DRAWN + 1} links now join 'HQ' and 'Branch', drawn as one bundle")
    document.reset(_design(2))
    assert view.connect_nodes("hq", "br") is not None
    assert said[-1].startswith("3 links now join 'HQ' and 'Branch': each is sized")
