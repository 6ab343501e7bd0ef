"""Scripted gestures on the canvas build a design; after every step the document is exactly what it should be."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).parent))  # --import-mode=importlib: share the event helpers explicitly
from test_canvas_support import (  # noqa: E402
    RIGHT,
    click,
    drag_scene,
    drop_kind,
    move,
    press,
    release,
    shown_view,
    view_point,
)

from advisor.model import Cloud, Design, Link, Site  # noqa: E402
from advisor.ui.canvas.view import CanvasView  # noqa: E402

CTRL, ALT, SHIFT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier,
                    Qt.KeyboardModifier.ShiftModifier)


@pytest.fixture
def empty_view(qtbot, document):
    document.reset(Design(name="Drawn"))
    view = CanvasView(document)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.snap_to_grid = True  # drops land exactly on grid points, so expected designs are exact
    view.centerOn(0, 150)
    return view


def _ids(items):
    return [x.id for x in items]


def test_drawing_a_five_site_design_step_by_step_then_undo_and_redo_all(empty_view):
    view, doc = empty_view, empty_view.document
    snapshots = [doc.design]

    # 1. Palette drops: kind, fresh id, sensible name, default users, position of the drop.
    for kind, xy in (("hq", (0, 0)), ("mpls", (0, 160)), ("branch", (-240, 320)), ("branch", (0, 320)),
                     ("branch", (240, 320)), ("datacenter", (300, 0))):
        drop_kind(view, kind, xy)
        snapshots.append(doc.design)
    expected_sites = (
        Site(id="site-1", name="HQ 1", kind="hq", users=200, cucm_publisher=True, x=0, y=0),
        Site(id="site-2", name="Branch 1", kind="branch", users=25, x=-240, y=320),
        Site(id="site-3", name="Branch 2", kind="branch", users=25, x=0, y=320),
        Site(id="site-4", name="Branch 3", kind="branch", users=25, x=240, y=320),
        Site(id="site-5", name="Data centre 1", kind="datacenter", users=0, x=300, y=0),
    )
    expected_cloud = Cloud(id="cloud-1", name="MPLS VPN", kind="mpls", x=0, y=160)
    assert doc.design == Design(name="Drawn", sites=expected_sites, clouds=(expected_cloud,))
    assert doc.selected == ("site-5",)  # the dropped node is selected, ready for the inspector
    assert doc.undo_stack.count() == 6 and doc.undo_stack.undoText() == "Add Data centre 1"

    # 2. Connect: Ctrl-drag, Alt-drag, and the connect tool (C) with plain drags.
    drag_scene(view, (0, 0), (0, 160), mods=CTRL)
    snapshots.append(doc.design)
    drag_scene(view, (-240, 320), (0, 160), mods=ALT)
    snapshots.append(doc.design)
    view.action("connect").setChecked(True)
    for start in ((0, 320), (240, 320)):
        drag_scene(view, start, (0, 160))
        snapshots.append(doc.design)
    drag_scene(view, (300, 0), (0, 0))  # a leased line from the DC to the HQ
    snapshots.append(doc.design)
    view.action("connect").setChecked(False)
    expected_links = tuple(Link(id=f"link-{i + 1}", a=a, b=b) for i, (a, b) in enumerate(
        [("site-1", "cloud-1"), ("site-2", "cloud-1"), ("site-3", "cloud-1"), ("site-4", "cloud-1"),
         ("site-5", "site-1")]))
    assert doc.design == Design(name="Drawn", sites=expected_sites, clouds=(expected_cloud,), links=expected_links)
    assert doc.undo_stack.undoText() == "Connect Data centre 1 to HQ 1"
    assert expected_links[0].capacity_kbps == 2048 and expected_links[0].l2 == "ethernet"

    # 3. Move two branches in one drag: one undo entry, both moved by the same (snapped) offset.
    click(view, view_point(view, (-240, 320)))
    click(view, view_point(view, (0, 320)), mods=SHIFT)
    assert set(doc.selected) == {"site-2", "site-3"}
    count = doc.undo_stack.count()
    drag_scene(view, (-240, 320), (-200, 400))
    snapshots.append(doc.design)
    assert doc.undo_stack.count() == count + 1
    assert doc.undo_stack.undoText() == "Move 2 sites"
    assert [(s.x, s.y) for s in doc.design.sites[1:3]] == [(-200, 400), (40, 400)]
    assert doc.design.sites[3] == expected_sites[3]  # the unselected branch stayed

    # 4. Delete the HQ: its two links go with it.
    click(view, view_point(view, (0, 0)))
    assert doc.selected == ("site-1",)
    view.delete_selected()
    snapshots.append(doc.design)
    assert _ids(doc.design.sites) == ["site-2", "site-3", "site-4", "site-5"]
    assert _ids(doc.design.links) == ["link-2", "link-3", "link-4"]
    assert doc.undo_stack.undoText() == "Delete HQ 1"

    # 5. Undo all, checking every intermediate design; then redo all.
    for expected in reversed(snapshots[:-1]):
        doc.undo_stack.undo()
        assert doc.design == expected
        assert set(view.scene().nodes) == doc.design.node_ids()  # the scene follows every step
        assert set(view.scene().links) == set(_ids(doc.design.links))
    assert doc.design == Design(name="Drawn") and not doc.modified
    for expected in snapshots[1:]:
        doc.undo_stack.redo()
        assert doc.design == expected
    assert {i: (it.pos().x(), it.pos().y()) for i, it in view.scene().nodes.items()} == {
        n.id: (n.x, n.y) for n in (*doc.design.sites, *doc.design.clouds)}


def test_a_whole_drag_is_one_undo_entry_and_escape_cancels(qtbot, document):
    view = shown_view(qtbot, document)
    start = view_point(view, (-250, 200))
    press(view, start)
    for step in range(1, 20):  # many intermediate positions, none of them recorded
        move(view, start + view_point(view, (step, step)) - view_point(view, (0, 0)))
    assert document.undo_stack.count() == 0
    assert view.scene().nodes["br-1"].pos().x() > -250  # but the item follows the mouse
    release(view, start + view_point(view, (19, 19)) - view_point(view, (0, 0)))
    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "Move Branch 1"
    site = document.design.site("br-1")
    assert site.x == pytest.approx(-231, abs=1.5) and site.y == pytest.approx(219, abs=1.5)
    # Escape in the middle of a drag puts everything back and records nothing.
    press(view, view_point(view, (250, 200)))
    move(view, view_point(view, (300, 260)))
    view.cancel_gesture()
    release(view, view_point(view, (300, 260)))
    assert document.undo_stack.count() == 1
    assert view.scene().nodes["br-2"].pos().x() == 250


def test_delete_and_undo_restores_links_in_order(qtbot, document):
    view = CanvasView(document)
    qtbot.addWidget(view)
    links_before = document.design.links
    document.select(("mpls",))
    view.delete_selected()
    assert document.design.links == () and "mpls" not in view.scene().nodes
    assert view.scene().links == {}
    document.undo_stack.undo()
    assert document.design.links == links_before
    assert list(view.scene().links) == ["link-1", "link-2", "link-3"]
    # Each link item is wired to the restored node items, so moving a node redraws its link.
    assert view.scene().links["link-2"].a_item is view.scene().nodes["br-1"]


def test_connect_refusals_become_messages_not_commands(qtbot, document):
    internet = Cloud(id="inet", name="Internet", kind="internet", x=-250, y=0)
    document.reset(document.design.model_copy(update={"clouds": (*document.design.clouds, internet)}))
    view = shown_view(qtbot, document)
    with qtbot.waitSignal(view.message) as sig:
        drag_scene(view, (-250, 0), (0, 120), mods=CTRL)  # the Internet to the MPLS cloud: two clouds
    assert "two clouds cannot be linked" in sig.args[0]
    assert document.undo_stack.count() == 0
    assert not [i for i in view.scene().items() if type(i).__name__ == "QGraphicsLineItem"]  # rubber line gone


def test_ctrl_click_without_drag_toggles_selection(qtbot, document):
    view = shown_view(qtbot, document)
    document.select(("hq",))
    click(view, view_point(view, (250, 200)), mods=CTRL)
    assert document.selected == ("hq", "br-2")
    click(view, view_point(view, (250, 200)), mods=CTRL)
    assert document.selected == ("hq",)
    assert document.undo_stack.count() == 0


def test_connect_from_the_context_menu_follows_the_mouse_until_a_click(qtbot, document):
    view = shown_view(qtbot, document)
    click(view, view_point(view, (-250, 200)), button=RIGHT)
    menu = view.last_menu
    texts = [a.text() for a in menu.actions()]
    assert "&Delete" in texts and "D&uplicate" in texts and "&Properties" in texts
    next(a for a in menu.actions() if a.text() == "C&onnect to…").trigger()
    menu.close()
    move(view, view_point(view, (100, 100)), buttons=Qt.MouseButton.NoButton)
    click(view, view_point(view, (250, 200)))
    assert document.design.links[-1].a == "br-1" and document.design.links[-1].b == "br-2"
