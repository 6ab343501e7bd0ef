"""Leftovers, round 52 (the app).

- File ▸ Examples listed file stems in lower case ("hq 12 branches mpls"): each entry now reads its design's name
  ("HQ + 12 branches on MPLS VPN"), read when the menu first opens (never while the window starts); a file that
  cannot be read keeps its stem.
- Edit had Copy, Paste, Duplicate and Delete but no Cut: Edit ▸ Cut (Ctrl+X) copies, then deletes the selection as
  one undo step; the first paste after it puts the items back where they were.
- Help had About alone: Help ▸ Keyboard Shortcuts… (F1) lists every menu entry that has a key, read from the menus
  themselves, and the canvas's keys and drags, in a read-only table.
- File ▸ Quit had no key where the platform's standard Quit key is none (Windows, offscreen): Ctrl+Q there.
- Edit ▸ Arrange mixed "Align left" with "Distribute Horizontally": every entry is in title case.
- The Inspector's ranges read as the refusals do, grouped: "Range: ≥ 1 and ≤ 1,000,000,000".
"""

from __future__ import annotations

import json

from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu

from advisor.ui.icons import examples


def _menu(window, title: str) -> QMenu:
    return next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)


def _texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_examples_are_listed_by_their_designs_names_read_when_the_menu_opens(window, dialogs):
    menu = window.files.examples_menu
    stems = [p.stem.replace("-", " ") for p in examples()]
    assert _texts(menu) == stems  # nothing read while the window started
    menu.aboutToShow.emit()
    names = [json.loads(p.read_text(encoding="utf-8"))["name"] for p in examples()]
    assert _texts(menu) == names
    assert "HQ + 12 branches on MPLS VPN" in names and "hq 12 branches mpls" not in _texts(menu)
    menu.actions()[names.index("HQ + 12 branches on MPLS VPN")].trigger()
    assert window.document.design.name == "HQ + 12 branches on MPLS VPN" and window.document.path is None


def test_an_example_that_cannot_be_read_keeps_its_stem(window, tmp_path):
    from advisor.ui.files import example_name

    broken, nameless, named = tmp_path / "broken-one.json", tmp_path / "no-name.json", tmp_path / "amp.json"
    broken.write_text('{"name": "Half', encoding="utf-8")
    nameless.write_text('{"sites": []}', encoding="utf-8")
    named.write_text('{"name": "R&D  lab"}', encoding="utf-8")
    assert example_name(broken) == "" and example_name(nameless) == "" and example_name(tmp_path / "gone.json") == ""
    menu = window.files.examples_menu
    for path in (broken, nameless, named):
        action = menu.addAction(path.stem.replace("-", " "))
        action.setData(str(path))
    menu.aboutToShow.emit()
    assert _texts(menu)[-3:] == ["broken one", "no name", "R&&D lab"]  # the & shown as written, not a menu key


def test_cut_copies_then_deletes_as_one_undo_step(window, dialogs):
    doc, cut = window.document, window.actions_by_name["canvas-cut"]
    assert cut in _menu(window, "Edit").actions()
    assert cut.shortcut() == QKeySequence(QKeySequence.StandardKey.Cut) and not cut.shortcut().isEmpty()
    assert cut.isEnabled() == window.actions_by_name["canvas-copy"].isEnabled() \
        == window.actions_by_name["canvas-delete"].isEnabled()
    before = doc.design
    where = {s.id: (s.x, s.y) for s in before.sites}
    count = doc.undo_stack.count()
    doc.select(("br-1", "br-2"))
    cut.trigger()
    assert {s.id for s in doc.design.sites} == {s.id for s in before.sites} - {"br-1", "br-2"}
    assert doc.undo_stack.count() == count + 1 and doc.undo_stack.undoText() == "Cut 2 sites"
    copied = json.loads(QGuiApplication.clipboard().text())
    assert [n["id"] for n in copied["nodes"]] == ["br-1", "br-2"]
    doc.undo()
    assert doc.design == before  # one step brings back the sites and their links
    doc.redo()
    window.actions_by_name["canvas-paste"].trigger()  # back where they were
    pasted = doc.design.sites[-2:]
    assert [(s.name, s.x, s.y) for s in pasted] == [(n.name, *where[n.id]) for n in before.sites[1:3]]
    window.actions_by_name["canvas-paste"].trigger()  # and the next paste a step along, as after a copy
    assert doc.design.sites[-1].x == where["br-2"][0] + 40


def test_cut_with_nothing_to_copy_says_so_and_deletes_nothing(window):
    said: list[str] = []
    window.canvas.message.connect(said.append)
    doc = window.document
    before, count = doc.design, doc.undo_stack.count()
    doc.select((doc.design.links[0].id,))  # a link alone: Copy copies no link without its ends
    window.actions_by_name["canvas-cut"].trigger()
    assert doc.design is before and doc.undo_stack.count() == count
    assert said == ["Nothing to cut: select sites or clouds first"]


def _menu_keys(window) -> dict[int, QAction]:
    found: dict[int, QAction] = {}

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif not action.isSeparator() and not action.shortcut().isEmpty():
                found[id(action)] = action
    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu())
    return found


def test_keyboard_shortcuts_lists_every_menu_key_and_the_canvas_gestures(window, qtbot):
    shortcuts = window.actions_by_name["shortcuts"]
    assert shortcuts in _menu(window, "Help").actions() and shortcuts.text() == "&Keyboard Shortcuts…"
    assert shortcuts.shortcut() == QKeySequence("F1")
    others = [a for a in window.findChildren(QAction) if a is not shortcuts]
    assert all(QKeySequence("F1") not in a.shortcuts() for a in others)  # F1 was free
    shortcuts.trigger()
    dialog = window.shortcuts_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Keyboard Shortcuts"
    table = dialog.table
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    rows = [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]
    native = QKeySequence.SequenceFormat.NativeText
    for action in _menu_keys(window).values():  # each menu entry with a key, by its words and first key
        key = action.shortcut().toString(native)
        assert any(key in keys.split(" or ") for _where, _what, keys in rows), action.text()
    cut = QKeySequence(QKeySequence.StandardKey.Cut).toString(native)
    assert any(r[:2] == ("Edit", "Cut") and r[2].split(" or ")[0] == cut for r in rows)
    assert any(r[:2] == ("Edit", "Undo") for r in rows)  # not "Undo Paste 3 items": the entry's own words
    assert not any(r[1] == "Align Left" for r in rows)  # entries without a key are not listed
    assert any(r[:2] == ("File", "Quit") for r in rows)
    canvas = {(what, keys) for where, what, keys in rows if where == "Canvas"}
    keys = " | ".join(k for _w, k in canvas)
    for gesture in ("Space + drag", "Esc", "Arrow keys", "Shift + arrow keys"):
        assert gesture in keys
    assert any(r[1] == "Connect" and r[2] == "C" for r in rows)
    assert any(r[1] == "Delete" and r[2].startswith("Del") for r in rows)
    assert all(not (table.item(r, 0).flags() & table.item(r, 0).flags().ItemIsEditable)
               for r in range(table.rowCount()))
    # built from the actions each time it opens: never stale
    extra = _menu(window, "Design").addAction("Brand New Entry")
    extra.setShortcut(QKeySequence("Ctrl+Alt+F9"))
    shortcuts.trigger()
    texts = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert "Brand New Entry" in texts and window.shortcuts_dialog is dialog
    dialog.close()


def test_quit_has_a_key_where_the_platform_gives_none(window):
    quit_action = window.actions_by_name["quit"]
    assert not quit_action.shortcut().isEmpty()
    if not any(not k.isEmpty() for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)):
        assert quit_action.shortcut() == QKeySequence("Ctrl+Q")  # offscreen, Windows
    else:
        assert quit_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Quit)
    shown = quit_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert quit_action.toolTip() == f"Close the window ({shown})"


def test_arrange_entries_are_in_title_case(window):
    arrange = next(a.menu() for a in _menu(window, "Edit").actions() if a.menu() is not None)
    words = [a.text().replace("&", "") for a in arrange.actions() if not a.isSeparator()]
    assert words == ["Align Left", "Align Centres Vertically", "Align Right", "Align Top",
                     "Align Centres Horizontally", "Align Bottom", "Distribute Horizontally", "Distribute Vertically"]
    assert all("&" not in a.statusTip() and "&" not in a.toolTip() for a in arrange.actions())


def test_inspector_ranges_are_grouped_as_refusals_say_them(window):
    from advisor.ui.inspector_specs import FieldSpec

    window.document.select(("link-1",))
    tip = next(g.editors["capacity_kbps"].widget for g in window.inspector._groups if "capacity_kbps" in g.editors)
    assert "Range: ≥ 1 and ≤ 1,000,000,000." in tip.toolTip()
    assert "≥ 0.01" in FieldSpec("s", "Share", "float", minimum=0.01, maximum=1.0).tooltip
