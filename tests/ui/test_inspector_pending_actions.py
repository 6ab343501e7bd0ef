"""A value typed in the Inspector and not confirmed (no Enter, the focus still in its box), then a menu or toolbar
action that changes the design while the selection stays: the typed value is never dropped.

- any change (auto-layout, delete, paste, Add Scenario…): the typed value is an edit first, an undo step of its own;
- Edit ▸ Undo: takes back the typing (it becomes an edit, undone at once; Redo brings it back), not the edit before;
- Edit ▸ Redo: the typed value is kept as a new edit, which, as any edit, ends what could be redone (said so);
- File ▸ Save (Ctrl+S): saves the typed value.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from advisor import commands, io


def _box(window, field: str, group: int = 0):
    return window.inspector._groups[group].editors[field].widget


def _type(box, text: str) -> None:
    box.setFocus()
    line = box.lineEdit() if hasattr(box, "lineEdit") else box
    line.selectAll()
    QTest.keyClicks(line, text)


def _capacity(window, link: str = "link-1") -> float:
    return next(x.capacity_kbps for x in window.document.design.links if x.id == link)


def _users(window, site: str = "hq") -> int:
    return next(s.users for s in window.document.design.sites if s.id == site)


def _typed_capacity(window, text: str = "20000"):
    window.document.select(("link-1",))
    box = _box(window, "capacity_kbps")
    _type(box, text)
    assert box.hasFocus() and _capacity(window) == 10_000  # not taken yet
    return box


def _texts(window) -> list[str]:
    stack = window.document.undo_stack
    return [stack.text(i) for i in range(stack.count())]


def test_undo_from_the_menu_takes_back_the_typing_not_the_edit_before(window):
    window.document.push(commands.SetFields("hq", {"users": 300}))
    box = _typed_capacity(window)
    window.actions_by_name["undo"].trigger()  # a menu click: the focus stays in the box
    assert _users(window) == 300  # was 200: the edit before the typing was undone, the typing dropped
    assert _capacity(window) == 10_000 and box.text() == "10,000 kbps"
    window.actions_by_name["redo"].trigger()  # nothing lost: Redo brings the typed value back
    assert _capacity(window) == 20_000
    assert _texts(window) == ["Change users", "Change capacity"]


def test_undo_from_the_toolbar_button_takes_back_the_typing(window, qtbot):
    window.document.push(commands.SetFields("hq", {"users": 300}))
    box = _typed_capacity(window)
    button = window.toolbar.widgetForAction(window.actions_by_name["undo"])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert box.hasFocus()  # a toolbar button takes no focus: no focus-out made the edit
    assert _users(window) == 300 and _capacity(window) == 10_000
    window.document.undo_stack.redo()
    assert _capacity(window) == 20_000


def test_undo_of_a_typed_edit_confirmed_before_keeps_it(window, qtbot):
    box = _typed_capacity(window, "15000")
    QTest.keyClick(box, Qt.Key.Key_Return)  # confirmed: an edit
    _type(box, "20000")  # typed over it, not confirmed
    window.actions_by_name["undo"].trigger()
    assert _capacity(window) == 15_000  # the typing only, not merged with the confirmed edit and undone with it
    window.actions_by_name["undo"].trigger()
    assert _capacity(window) == 10_000


def test_undo_with_a_refused_value_takes_back_only_the_typing(window, dialogs):
    window.document.push(commands.SetFields("hq", {"users": 300}))
    window.document.select(())
    window.inspector._sections["Document (customer, author, notes)"].header.setChecked(True)
    date = _box(window, "date", group=4)
    _type(date, "x" * 41)  # the model takes at most 40 characters
    window.actions_by_name["undo"].trigger()
    assert window.inspector.message.text() == "Date is too long (at most 40 characters)"
    assert date.text() == "" and window.document.design.date is None
    assert _users(window) == 300  # the refusal took the typing back; the edit before stays


def test_redo_keeps_the_typed_value_as_a_new_edit_and_says_why_nothing_is_redone(window):
    window.document.push(commands.SetFields("hq", {"users": 300}))
    window.document.undo_stack.undo()
    _typed_capacity(window)
    window.statusBar().clearMessage()
    window.actions_by_name["redo"].trigger()
    assert _capacity(window) == 20_000 and _users(window) == 200
    assert "typed in the Inspector was kept" in window.statusBar().currentMessage()
    assert not window.document.undo_stack.canRedo() and _texts(window) == ["Change capacity"]


def test_redo_with_nothing_typed_redoes(window):
    window.document.push(commands.SetFields("hq", {"users": 300}))
    window.document.undo_stack.undo()
    window.document.select(("link-1",))
    _box(window, "capacity_kbps").setFocus()  # visited, nothing typed
    window.actions_by_name["redo"].trigger()
    assert _users(window) == 300 and _capacity(window) == 10_000


def test_auto_layout_keeps_the_typed_value_as_its_own_step(window):
    box = _typed_capacity(window)
    window.actions_by_name["layout-radial"].trigger()
    assert _capacity(window) == 20_000 and box.text() == "20,000 kbps"  # was 10,000: the form's refresh dropped it
    assert _texts(window)[0] == "Change capacity" and len(_texts(window)) == 2
    window.document.undo_stack.undo()  # the layout
    assert _capacity(window) == 20_000
    window.document.undo_stack.undo()  # the typed value
    assert _capacity(window) == 10_000


def test_a_name_typed_then_a_paste_keeps_the_name(window):
    window.document.select(("br-1",))
    window.canvas.action("copy").trigger()
    _type(_box(window, "name"), "Lyon")
    window.canvas.action("paste").trigger()
    assert {s.id: s.name for s in window.document.design.sites}["br-1"] == "Lyon"
    assert _texts(window)[0] == "Change name"


def test_save_with_its_shortcut_saves_the_typed_value(window, tmp_path, dialogs):
    path = tmp_path / "plan.json"
    io.save(window.document.design, path)
    window.document.reset(io.load(path), path)
    window.activateWindow()
    box = _typed_capacity(window)
    QTest.keyClick(box.lineEdit(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert io.load(path).links[0].capacity_kbps == 20_000
    assert not window.document.modified and box.text() == "20,000 kbps"


def test_ctrl_z_in_the_box_is_the_box_own_undo(window, dialogs):
    # The line edit takes Ctrl+Z for its own typing (as every text box does): the design's history is not reached.
    window.document.push(commands.SetFields("hq", {"users": 300}))
    window.activateWindow()
    box = _typed_capacity(window)
    QTest.keyClick(box.lineEdit(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.text() != "20000 kbps"  # the box's typing undone
    assert _users(window) == 300 and _capacity(window) == 10_000
    assert window.document.undo_stack.count() == 1
    window.inspector._refresh()  # the box as the design holds it: the window closes without a question
