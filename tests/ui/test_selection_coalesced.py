"""Selecting, deleting and pasting many items gathers the canvas selection once, not once per item.

Qt signals a selection change for every item selected, deselected or removed. The canvas gathered the whole selection
on each of those signals, so Select All on 5,000 sites and their links took 16 s, Delete 14 s, Undo 17 s, and pasting
a copy of 10,000 sites 72 s. Now each change gathers it once, and the link labels still show what is selected.

Also here: two paste refusals said in the clipboard's words ("Paste: ...", its own ids and counts)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QGuiApplication

from advisor.model import Design
from advisor.ui.canvas.clipboard import CLIPBOARD_FORMAT

SITES = 300


@pytest.fixture
def large_window(qtbot):
    from tests.ui.conftest import generated_window

    yield from generated_window(qtbot, SITES)


def test_select_all_gathers_the_selection_once(large_window):
    scene, view = large_window.canvas.scene(), large_window.canvas
    items = len(scene.nodes) + len(scene.links)
    assert items > SITES  # the sites, the cloud and a link each
    before = scene.selection_passes
    view.select_all()
    assert scene.selection_passes - before == 1  # was one per item selected: `items` passes of `items` each
    assert len(scene.selectedItems()) == items
    assert scene._selected_links == set(scene.links)  # every link's label shows it is selected


def test_delete_and_undo_of_everything_gather_the_selection_a_bounded_number_of_times(large_window):
    scene, view, document = large_window.canvas.scene(), large_window.canvas, large_window.document
    view.select_all()
    before = scene.selection_passes
    view.delete_selected()
    assert not scene.nodes and not scene.links
    assert scene.selection_passes - before <= 2  # the removals (once), the document's pruned selection (once)
    assert scene._selected_links == set()
    before = scene.selection_passes
    document.undo_stack.undo()
    assert len(scene.nodes) == SITES + 1
    assert scene.selection_passes - before <= 2


def test_a_click_on_the_canvas_still_reaches_the_document(large_window):
    scene, document = large_window.canvas.scene(), large_window.document
    link_id = next(iter(scene.links))
    scene.links[link_id].setSelected(True)  # as a click does: one item, outside any sync
    assert document.selected == (link_id,)
    assert scene._selected_links == {link_id}
    scene.links[link_id].setSelected(False)
    assert document.selected == ()
    assert scene._selected_links == set()


def _paste(window, payload: dict) -> list[str]:
    messages: list[str] = []
    window.canvas.message.connect(messages.append)
    QGuiApplication.clipboard().setText(json.dumps({"format": CLIPBOARD_FORMAT, **payload}))
    window.canvas.paste()
    return messages


def test_a_copied_link_to_itself_is_refused_as_a_paste_in_the_clipboards_ids(qtbot):
    from tests.ui.conftest import shown_window

    gen = shown_window(qtbot, Design(name="Empty"))
    window = next(gen)
    messages = _paste(window, {"nodes": [{"id": "n", "kind": "branch"}], "links": [{"a": "n", "b": "n"}]})
    # was "links[0]: a link cannot connect 'site-1' to itself": no "Paste:", and the id of a copy never made
    assert messages == ["Paste: links[0]: a link cannot connect 'n' to itself"]
    assert window.document.design.sites == ()
    gen.close()


def test_more_links_than_a_design_holds_are_refused_as_a_paste(window):
    # the sample design has 3 links; 49,998 copied links between two copied sites make 50,001 > 50,000
    nodes = [{"id": "a", "kind": "branch"}, {"id": "b", "kind": "branch"}]
    links = [{"id": f"l{i}", "a": "a", "b": "b"} for i in range(49_998)]
    links.append({"id": "elsewhere", "a": "a", "b": "not copied"})  # left behind by the paste: not counted
    have = len(window.document.design.links)
    before = window.document.design
    assert _paste(window, {"nodes": nodes, "links": links}) == [
        f"Paste: 49,998 links on the clipboard would make {have + 49_998:,} in the design; "
        "a design holds at most 50,000 links"]  # was "links: has too many items (at most 50,000)"
    assert window.document.design is before
