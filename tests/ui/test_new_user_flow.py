"""A new user's first minute, driven through the widgets: draw HQ, an MPLS cloud and four branches, connect them,
set users, choose G.729 and GET VPN in the inspector, read the advice; then undo it all.

Every step goes through the code the mouse and keyboard reach (drops on the view, the toolbar's Connect, drags,
clicks, typing into the inspector's spin boxes, picking combo entries by the text shown), never through commands.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

sys.path.insert(0, str(Path(__file__).parent))  # --import-mode=importlib: share the event helpers explicitly
from test_canvas_support import click, drag_scene, drop_kind, view_point  # noqa: E402

from advisor import packet  # noqa: E402
from advisor.model import Design  # noqa: E402

SHIFT = Qt.KeyboardModifier.ShiftModifier
HQ_XY, MPLS_XY = (0, 0), (0, 160)
BRANCH_XY = ((-360, 320), (-120, 320), (120, 320), (360, 320))
EMPTY_XY = (620, -120)  # nothing drawn there


def field(window, group_title: str, name: str):
    group = next(g for g in window.inspector._groups if g.title.startswith(group_title))
    return group.editors[name].widget


def type_into(qtbot, spin: QAbstractSpinBox, text: str) -> None:
    """Select the number, type, press Enter: what a user does in a spin box."""
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def pick(combo: QComboBox, text: str) -> None:
    """Choose the entry that reads ``text``, as a click in the open list does."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not offered; the combo shows {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)


@pytest.fixture
def fresh(window, qtbot):
    """File ▸ New in the main window, the canvas centred on the drawing area."""
    window.actions_by_name["new"].trigger()
    assert window.document.design == Design() and window.document.undo_stack.count() == 0
    view = window.canvas
    view.snap_to_grid = True  # drops land on grid points, so positions are exact
    view.resetTransform()
    view.centerOn(0, 160)
    qtbot.wait(1)
    return window


def draw(window):
    """Drop HQ, MPLS and four branches from the palette; returns their ids in drop order."""
    view, doc = window.canvas, window.document
    ids = []
    for kind, xy in (("hq", HQ_XY), ("mpls", MPLS_XY), *(("branch", xy) for xy in BRANCH_XY)):
        drop_kind(view, kind, xy)
        new = (set(doc.design.node_ids()) - set(ids)).pop()
        ids.append(new)
        # The dropped node is selected and the inspector shows it, ready for its users or name.
        assert doc.selected == (new,)
        assert window.inspector.title.text().startswith(("Site — ", "Cloud — "))
    return ids


def test_the_first_minute_from_empty_canvas_to_advice(fresh, qtbot):
    window, view, doc = fresh, fresh.canvas, fresh.document
    actions = window.actions_by_name
    hq, mpls, *branches = draw(window)

    # Connecting is on the toolbar, with an icon, a word and its shortcut in the tooltip.
    connect = actions["canvas-connect"]
    assert connect in window.toolbar.actions() and not connect.icon().isNull()
    assert "(C)" in connect.toolTip() and connect.isCheckable()
    connect.trigger()
    assert view.connect_mode
    for node, xy in zip([hq, *branches], [HQ_XY, *BRANCH_XY], strict=True):
        drag_scene(view, xy, MPLS_XY)
        link = doc.design.links[-1]
        assert {link.a, link.b} == {node, mpls}
        # The new link is selected: its capacity and layer 2 are editable straight away.
        assert doc.selected == (link.id,)
        assert isinstance(field(window, "Link", "capacity_kbps"), QAbstractSpinBox)
        assert field(window, "Link", "l2").currentText() == "Ethernet (18 B)"
    connect.trigger()
    assert not view.connect_mode and len(doc.design.links) == 5
    hq_link, last_link = doc.design.links[0].id, doc.design.links[-1].id
    type_into(qtbot, field(window, "Link", "capacity_kbps"), "4096")  # still selected: the last branch's link
    assert next(x for x in doc.design.links if x.id == last_link).capacity_kbps == 4096
    click(view, view_point(view, ((HQ_XY[0] + MPLS_XY[0]) / 2, (HQ_XY[1] + MPLS_XY[1]) / 2)))
    assert doc.selected == (hq_link,)
    type_into(qtbot, field(window, "Link", "capacity_kbps"), "10000")
    assert next(x for x in doc.design.links if x.id == hq_link).capacity_kbps == 10_000

    # Users: one site, then two branches at once (Shift-click adds to the selection).
    click(view, view_point(view, HQ_XY))
    assert doc.selected == (hq,)
    type_into(qtbot, field(window, "Site", "users"), "300")
    click(view, view_point(view, BRANCH_XY[0]))
    click(view, view_point(view, BRANCH_XY[1]), mods=SHIFT)
    assert set(doc.selected) == {branches[0], branches[1]}
    assert window.inspector.title.text() == "2 sites selected — edits apply to all"
    entries = doc.undo_stack.count()
    type_into(qtbot, field(window, "Site", "users"), "60")
    assert doc.undo_stack.count() == entries + 1  # one edit, one undo entry, both sites
    users = {s.id: s.users for s in doc.design.sites}
    assert users == {hq: 300, branches[0]: 60, branches[1]: 60, branches[2]: 25, branches[3]: 25}

    # Nothing selected: the inspector edits the design; Voice and VPN are there, named as people name them.
    click(view, view_point(view, EMPTY_XY))
    assert doc.selected == () and window.inspector.title.text().startswith("Design")
    codec, tech = field(window, "Voice", "codec"), field(window, "VPN", "technology")
    assert codec.currentText() == "G.711 (64 kbps)"
    assert tech.currentText() == "Let the advisor choose"
    pick(codec, "G.729 (8 kbps)")
    pick(tech, "GET VPN")
    assert doc.design.voice.codec == "g729" and doc.design.vpn.technology == "getvpn"

    # The advice follows by itself (no "analyse" button to find).
    qtbot.waitUntil(lambda: doc.results is not None and doc.results.recommendation.chosen == "getvpn"
                    and len(doc.results.links) == 5, timeout=3000)
    results = doc.results
    assert "GET VPN" in window.findings.recommendation.toPlainText()
    # Cisco TAC doc 7934 "Voice Over IP - Per Call Bandwidth Consumption": G.729, 20 ms, Ethernet = 31.2 kbps.
    clear = packet.compute(packet.CallSpec(codec="g729", l2="ethernet"))
    assert clear.kbps == pytest.approx(31.2)
    expected = packet.compute(packet.CallSpec(codec="g729", l2="ethernet", vpn="getvpn"))
    assert expected.kbps > clear.kbps  # GET VPN's ESP tunnel header costs something on every packet
    model = window.links.model
    assert model.rowCount() == 5
    for row in range(5):
        link = model.links[row]
        assert link.per_call_kbps == pytest.approx(expected.kbps)
        assert link.calls > 0 and link.voice_kbps == pytest.approx(link.calls * expected.kbps)
        assert model.index(row, 2).data() == str(link.calls)
        assert model.index(row, 3).data() == f"{link.voice_kbps:,.2f}"
        assert model.index(row, 5).data() == f"{link.kbps:,.2f}"
        assert f"{expected.kbps:.2f} kbps per call" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert window.status_kbps.text() == f"WAN load: {results.total_wan_kbps:,.2f} kbps"
    assert window.status_errors.text().startswith(f"{results.errors} error")

    # Undo all: back to the empty design, and the window no longer says "modified".
    assert window.isWindowModified()
    while doc.undo_stack.canUndo():
        actions["undo"].trigger()
    assert doc.design == Design()
    assert not window.isWindowModified()


def test_the_toolbar_says_what_each_button_does_and_has_no_dead_buttons(window):
    toolbar = window.toolbar
    shown = [a for a in toolbar.actions() if not a.isSeparator()]
    assert all(not a.icon().isNull() for a in shown)
    # Every button with a shortcut names it in its tooltip ("Save the design (Ctrl+S)").
    for action in shown:
        if not action.shortcut().isEmpty():
            key = action.shortcut().toString(action.shortcut().SequenceFormat.NativeText)
            assert f"({key})" in action.toolTip(), action.toolTip()
    # Analysis is live; a toolbar button for it would suggest otherwise.
    assert window.actions_by_name["analyse"] not in shown
    # Each canvas action is in the menus once: a second copy would make its shortcut ambiguous.
    seen = {}
    for menu_action in window.menuBar().actions():
        for action in _walk(menu_action.menu()):
            seen[id(action)] = seen.get(id(action), 0) + 1
    for name in ("canvas-delete", "canvas-connect", "zoom-in", "fit", "snap"):
        assert seen[id(window.actions_by_name[name])] == 1, name
    shortcuts = [a.shortcut().toString() for a in window.findChildren(type(shown[0])) if not a.shortcut().isEmpty()]
    duplicated = {s for s in shortcuts if shortcuts.count(s) > 1}
    assert not duplicated


def _walk(menu):
    for action in menu.actions():
        if action.menu() is not None:
            yield from _walk(action.menu())
        elif not action.isSeparator():
            yield action


def test_a_theme_switch_redraws_the_toolbar_icons_in_the_text_colour(window):
    from PySide6.QtGui import QGuiApplication, QPalette

    window.set_theme("light")
    light = window.actions_by_name["save"].icon().pixmap(24, 24).toImage()
    window.set_theme("dark")
    dark = window.actions_by_name["save"].icon().pixmap(24, 24).toImage()
    text = QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    assert light != dark
    # Some pixel of the dark-theme icon is drawn in the dark palette's (light) text colour.
    colours = {dark.pixelColor(x, y).rgb() for x in range(24) for y in range(24) if dark.pixelColor(x, y).alpha() == 255}
    assert text.rgb() in colours
    window.set_theme("light")


def test_the_finding_being_read_stays_selected_after_an_edit(window, qtbot):
    tree = window.findings.tree
    item = next(tree.topLevelItem(g).child(0) for g in range(tree.topLevelItemCount())
                if tree.topLevelItem(g).childCount())
    finding = window.findings.finding_of(item)
    tree.setCurrentItem(item)
    details = window.findings.details.toPlainText()
    assert finding.code in details
    before = window.document.results
    name = field(window, "Design", "name")  # an edit elsewhere re-runs the analysis and refills the tree
    name.setText("Renamed")
    name.editingFinished.emit()
    qtbot.waitUntil(lambda: window.document.results is not before, timeout=3000)
    current = window.findings.finding_of(tree.currentItem())
    assert current is not None and (current.code, current.subjects) == (finding.code, finding.subjects)
    assert window.findings.details.toPlainText() == details
