"""File ▸ New and File ▸ Open over a large design drop the old drawing at once; a layout re-indexes once.

Replacing the design told every old link that its results went (re-placing every old label) and then removed the
old items one by one from the canvas index: 7 s over a 20,000-site design, File ▸ New 2 s. Now the old items go in
one step before the new design is drawn, as into an empty window."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from advisor.commands import SetFields
from advisor.model import Design
from advisor.ui.canvas.items import LinkItem

SITES = 200


@pytest.fixture
def large_window(qtbot):
    from tests.ui.conftest import generated_window

    yield from generated_window(qtbot, SITES)


def _other_design() -> Design:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate

    return generate(30, "chain")


def test_new_and_open_do_not_tell_the_old_links_anything(large_window, monkeypatch):
    scene, document = large_window.canvas.scene(), large_window.document
    assert len(scene.links) >= SITES and document.results is not None
    told = []
    original = LinkItem.set_result
    monkeypatch.setattr(LinkItem, "set_result", lambda item, result: told.append(item.item_id) or
                        original(item, result))
    document.reset(Design())
    assert told == []  # was one call per old link (with no results), each re-placing its label
    assert scene.nodes == {} and scene.links == {} and scene.items() == []


def test_the_new_design_is_drawn_whole_with_its_own_results(large_window, qtbot):
    scene, document = large_window.canvas.scene(), large_window.document
    document.select(tuple(scene.nodes)[:5])
    new = _other_design()
    document.reset(new)
    assert document.selected == ()
    assert set(scene.nodes) == {n.id for n in (*new.sites, *new.clouds)}
    assert set(scene.links) == {x.id for x in new.links}
    # one item per node, and a line and a label per link: nothing of the old design is left in the scene
    assert len(scene.items()) == len(scene.nodes) + 2 * len(scene.links)
    assert scene.selectedItems() == []
    qtbot.waitUntil(lambda: document.results is not None and len(document.results.links) == len(new.links))
    first = new.links[0]
    assert scene.links[first.id].status is not None  # the new results reach the new links
    large_window.canvas.select_all()  # the new items answer the canvas as any others
    assert len(scene.selectedItems()) == len(scene.nodes) + len(scene.links)


def test_a_change_to_thousands_of_items_re_indexes_once_and_the_index_still_answers(large_window, monkeypatch):
    from PySide6.QtCore import QRectF
    from PySide6.QtWidgets import QGraphicsScene

    from advisor.ui.canvas import scene as scene_module

    canvas = large_window.canvas
    scene = canvas.scene()
    monkeypatch.setattr(scene_module, "BULK_ITEMS", 100)  # 200 sites laid out: about 400 items change
    methods = []
    real = scene.setItemIndexMethod
    monkeypatch.setattr(scene, "setItemIndexMethod", lambda method: methods.append(method) or real(method))
    canvas.auto_layout("radial")
    index = QGraphicsScene.ItemIndexMethod
    assert methods == [index.NoIndex, index.BspTreeIndex]  # off for the change, on again once
    assert scene.itemIndexMethod() == index.BspTreeIndex and scene.bspTreeDepth() == scene_module.BSP_DEPTH
    for node in large_window.document.design.sites[:20]:  # the index finds each node where it now is
        item = scene.nodes[node.id]
        assert item.pos().x() == node.x and item.pos().y() == node.y
        assert item in scene.items(QRectF(node.x - 1, node.y - 1, 2, 2))
    methods.clear()
    large_window.document.undo_stack.undo()
    assert methods == [index.NoIndex, index.BspTreeIndex]
    methods.clear()
    first = large_window.document.design.sites[0]
    large_window.document.push(SetFields(first.id, {"x": first.x + 40}))  # one site: the index keeps up as it is
    assert methods == []


def test_the_inspector_counts_a_large_selection_with_thousands_separators(qtbot):
    from tests.ui.conftest import generated_window

    for win in generated_window(qtbot, 1_000):
        win.canvas.select_all()  # 1,000 sites, the cloud and 1,000 links
        assert win.inspector.title.text() == "2,001 items of different kinds selected"
        win.document.select(tuple(s.id for s in win.document.design.sites))
        assert win.inspector.title.text() == "1,000 sites selected — edits apply to all"
