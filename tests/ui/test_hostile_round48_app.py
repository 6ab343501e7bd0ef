"""Round 48, the desktop app driven offscreen: undo storms, Inspector entries, selection changes mid-edit.

- A figure or a name typed in the Inspector and not confirmed was dropped, without a word, when the selection
  changed without the focus leaving the box: Edit ▸ Select All or Design ▸ Design Properties clicked in the menu, a
  selection made in another panel. A click on the canvas kept it (the box's focus-out made the edit first). The edit is now
  made before the form moves on to the new selection, for the items it was typed for.
- An optional figure ("May be left empty", a site's phones or holding time) could not be emptied by clearing its
  box: Enter put the old figure back, and only the down arrow at the lowest figure reached "empty". A cleared box
  now means empty; a field that cannot be empty still gets its figure back, and a mixed box left empty edits nothing.
- After a site rename was redone with a link (or nothing) selected, the link's end lists (or the VPN hub and central
  PSTN site lists) still named the site by its old name: the form refreshed its values but not its lists. They
  now name every site as the design does.
- Duplicate (Ctrl+D) with no site or cloud selected (nothing, or links alone) did nothing without a word, where Copy
  says "Nothing to copy: select sites or clouds first". It now says "Nothing to duplicate: …" the same way.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from advisor import commands


def _editor(window, field: str, group: int = 0):
    return window.inspector._groups[group].editors[field].widget


def _type(qtbot, box, text: str) -> None:
    box.setFocus()
    edit = box.lineEdit() if hasattr(box, "lineEdit") else box
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def _users(window) -> dict[str, int]:
    return {s.id: s.users for s in window.document.design.sites}


# -- a typed entry and a change of selection -----------------------------------------------------------------------
def test_a_figure_typed_then_select_all_from_the_menu_is_kept(window, qtbot):
    window.document.select(("br-1",))
    _type(qtbot, _editor(window, "users"), "99")
    window.canvas.action("select_all").trigger()  # a menu click: the focus stays in the box
    assert _users(window)["br-1"] == 99  # was 40: the typed 99 went with the form
    assert window.document.undo_stack.text(window.document.undo_stack.index() - 1) == "Change users"
    assert {"hq", "br-1", "br-2", "mpls"} <= set(window.document.selected)
    window.document.undo_stack.undo()
    assert _users(window)["br-1"] == 40


def test_a_name_typed_then_another_site_selected_renames_the_first(window, qtbot):
    window.document.select(("br-1",))
    _type(qtbot, _editor(window, "name"), "Branch one")
    window.document.select(("br-2",))  # chosen in another panel, the box still focused
    names = {s.id: s.name for s in window.document.design.sites}
    assert names["br-1"] == "Branch one" and names["br-2"] == "Branch 2"
    assert window.inspector.title.text() == "Site — Branch 2"
    assert _editor(window, "name").text() == "Branch 2"
    # typed for a site then deleted (a toolbar button: the focus stays in the box): the name is an edit first, as
    # before any change (round 49), so undoing the delete brings the site back as it was shown, renamed
    count = window.document.undo_stack.count()
    _type(qtbot, _editor(window, "name"), "Branch two")
    window.document.push(commands.DeleteItems(("br-2",)))
    assert window.document.undo_stack.count() == count + 2  # the rename, then the delete
    assert not window.inspector.message.isVisible()
    window.document.undo_stack.undo()
    assert {s.id: s.name for s in window.document.design.sites}["br-2"] == "Branch two"


# -- an optional figure emptied --------------------------------------------------------------------------------------
def _clear_and_enter(qtbot, box) -> None:
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Delete)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def _reset_with(window, site_id: str, **values) -> None:
    """The design with `values` set on `site_id`, as opened (no undo entry to merge the next edit with)."""
    window.document.reset(commands.SetFields(site_id, values).apply(window.document.design))


def test_an_optional_whole_number_cleared_becomes_empty(window, qtbot):
    _reset_with(window, "br-1", phones=30)
    window.document.select(("br-1",))
    box = _editor(window, "phones")
    assert box.text() == "30"
    _clear_and_enter(qtbot, box)
    assert window.document.design.sites[1].phones is None  # was 30: Enter put it back
    assert box.text() == "(one per user)"
    window.document.undo_stack.undo()
    assert window.document.design.sites[1].phones == 30
    # a field that cannot be empty gets its figure back
    users = _editor(window, "users")
    _clear_and_enter(qtbot, users)
    assert _users(window)["br-1"] == 40 and users.text() == "40 users"
    # a mixed box left empty edits nothing
    window.document.select(("br-1", "br-2"))
    box = _editor(window, "phones")
    assert box.text() == ""  # mixed: no figure
    _clear_and_enter(qtbot, box)
    assert [s.phones for s in window.document.design.sites] == [None, 30, None]
    assert window.document.undo_stack.index() == 0


@pytest.mark.parametrize("selection", [("br-1",), ("br-1", "br-2")])
def test_an_optional_decimal_cleared_becomes_empty(window, qtbot, selection):
    for site in selection:
        _reset_with(window, f"{site}.traffic", holding_time_s=120.0)
    window.document.select(selection)
    box = _editor(window, "holding_time_s", group=2)
    assert box.text() == "120 s"
    _clear_and_enter(qtbot, box)
    held = {s.id: s.traffic.holding_time_s if s.traffic is not None else None for s in window.document.design.sites}
    assert [held[site] for site in selection] == [None] * len(selection)  # was 120 s: Enter put it back
    assert window.document.undo_stack.count() == 1
    window.document.undo_stack.undo()
    assert all(s.traffic.holding_time_s == 120.0 for s in window.document.design.sites if s.id in selection)


# -- keys with nothing to act on -------------------------------------------------------------------------------------
@pytest.mark.parametrize("selection", [(), ("link-1", "link-2")])
def test_duplicate_with_no_site_or_cloud_selected_says_so_as_copy_does(window, qtbot, selection):
    window.document.select(selection)
    window.statusBar().clearMessage()
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Nothing to duplicate: select sites or clouds first"  # was ""
    assert window.document.undo_stack.count() == 0


# -- lists that name the sites ---------------------------------------------------------------------------------------
def _entries(box) -> list[str]:
    return [box.itemText(i) for i in range(box.count())]


def test_a_rename_redone_while_a_link_is_shown_renames_its_end_in_the_list(window):
    document = window.document
    document.select(("br-1",))
    document.push(commands.SetFields("br-1", {"name": "Lyon"}))
    document.undo_stack.undo()
    document.select(("link-2",))
    ends = _editor(window, "a")
    assert ends.currentText() == "Branch 1 (br-1)"
    document.undo_stack.redo()  # the link stays selected: the form stays, its values refreshed
    assert ends.currentText() == "Lyon (br-1)"  # was "Branch 1 (br-1)"
    assert "Lyon (br-1)" in _entries(_editor(window, "b")) and "Branch 1 (br-1)" not in _entries(ends)
    assert document.design.links[1].a == "br-1"  # a label, not an edit


def test_a_rename_redone_with_nothing_selected_renames_the_site_in_the_hub_list(window):
    document = window.document
    document.select(("br-1",))
    document.push(commands.SetFields("br-1", {"name": "Lyon"}))
    document.undo_stack.undo()
    document.select(())
    hub = next(g.editors["hub_site"].widget for g in window.inspector._groups if "hub_site" in g.editors)
    assert "Branch 1 (br-1)" in _entries(hub)
    document.undo_stack.redo()
    assert "Lyon (br-1)" in _entries(hub) and "Branch 1 (br-1)" not in _entries(hub)
    assert _entries(hub)[0] == "(the HQ with call processing)"  # the "empty" entry keeps its words
    assert document.undo_stack.count() == 1
