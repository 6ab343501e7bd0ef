"""The canvas view: results on links and badges, selection sync, zoom/pan/fit, clipboard, align, layouts, palette."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtTest import QTest

sys.path.insert(0, str(Path(__file__).parent))  # --import-mode=importlib: share the event helpers explicitly
from test_canvas_support import (  # noqa: E402
    MIDDLE,
    RIGHT,
    click,
    drag,
    drag_scene,
    shown_view,
    view_point,
    wheel,
)

from advisor.commands import SetFields  # noqa: E402
from advisor.findings import finding  # noqa: E402
from advisor.results import DeploymentResult, LinkResult, Recommendation, Results  # noqa: E402
from advisor.ui.canvas import theme as th  # noqa: E402
from advisor.ui.canvas.items import Badge  # noqa: E402
from advisor.ui.canvas.palette import Palette  # noqa: E402
from advisor.ui.canvas.view import NODE_MIME  # noqa: E402


@pytest.fixture
def view(qtbot, document):
    view = shown_view(qtbot, document)
    return view


def _link_result(link_id, a, b, calls, kbps, capacity, status) -> LinkResult:
    return LinkResult(id=link_id, a=a, b=b, erlangs=calls / 2, calls=calls, per_call_kbps=87.2,
                      voice_kbps=calls * 87.2, signalling_kbps=kbps - calls * 87.2, kbps=kbps,
                      capacity_kbps=capacity, utilization=kbps / capacity, llq_share=calls * 87.2 / capacity,
                      encapsulation="none", l2="ethernet (18 B)", ip_packet_bytes=200, frame_bytes=218,
                      status=status)


@pytest.fixture
def results() -> Results:
    """Results as the analysis reports them (the canvas only displays them; the figures are inputs here)."""
    return Results(
        model=DeploymentResult(detected="centralized", intended="auto", call_processing_sites=("hq",),
                               clusters={"cluster-1": ("hq",)}),
        recommendation=Recommendation(technology="getvpn", chosen="getvpn", ranking=()),
        sites=(), mtu=None, checklist=(), total_wan_kbps=0.0, conventions={},
        links=(_link_result("link-1", "hq", "mpls", 8, 710.0, 10_000, "ok"),
               _link_result("link-2", "br-1", "mpls", 5, 450.5, 1_024, "llq"),
               _link_result("link-3", "br-2", "mpls", 6, 540.0, 512, "overload")),
        findings=(
            finding("BW-LINK-OVERLOAD", ["link-3"], "540 kbps on 512 kbps", "r", "m"),
            finding("BW-LLQ-SHARE", ["link-3"], "too much voice", "r", "m"),
            finding("DEP-SRST-MISSING", ["br-1"], "no SRST", "r", "m"),
            finding("SEC-LAN-L2", ["br-1", "br-2"], "LAN", "r", "m"),
            finding("DEP-SRST-CAPACITY", ["br-2"], "too small", "r", "m"),
            finding("DEP-MODEL", ["hq"], "centralized", "r", "m"),  # info: no badge
        ),
    )


def test_link_labels_colours_and_badges_follow_results(view, document, results):
    scene = view.scene()
    # Figures as advisor.numbers prints them everywhere: thousands separator, two decimals.
    assert scene.links["link-2"].label == "1,024.00 kbps"  # before any analysis: the capacity
    document.set_results(results)
    link2, link3 = scene.links["link-2"], scene.links["link-3"]
    assert link2.label == "5 calls · 450.50 kbps" and link2.status == "llq"
    assert link3.status == "overload" and scene.links["link-1"].status == "ok"
    assert scene.theme.link_pen("overload", False).color() == scene.theme.link_status["overload"]
    assert link3.badge == Badge(2, "error")
    assert scene.nodes["br-1"].badge == Badge(2, "warning")
    assert scene.nodes["br-2"].badge == Badge(2, "error")  # the worst severity colours the badge
    assert scene.nodes["hq"].badge is None  # info findings are not problems
    tip = link2.toolTip()
    assert "5 concurrent calls" in tip and "450.50 kbps per direction" in tip
    # 450.5 / 1,024 = 0.43994 → "44.0 %"; 5 × 87.2 / 1,024 = 0.42578 → "42.6 %" (one decimal, as the CLI and PDF)
    assert "44.0 % of capacity" in tip and "LLQ 42.6 %" in tip
    # Results for a link whose ends changed since are not shown on the new link.
    document.push(SetFields("link-2", {"a": "hq"}))
    assert scene.links["link-2"].status is None


def test_tooltips_name_units(view):
    tip = view.scene().nodes["br-1"].toolTip()
    assert "40 users" in tip and "40 phones" in tip
    assert "1,024.00 kbps" in view.scene().links["link-2"].toolTip()


def test_scene_updates_incrementally(view, document):
    scene = view.scene()
    items_before = dict(scene.nodes)
    document.push(SetFields("br-1", {"users": 75}))
    assert all(scene.nodes[i] is items_before[i] for i in items_before)  # nothing rebuilt
    assert scene.nodes["br-1"].detail.startswith("75 phones")
    document.push(SetFields("br-2", {"x": 400.0}))
    assert scene.nodes["br-2"].pos() == QPointF(400, 200)
    assert scene.links["link-3"]._line.p1() == QPointF(400, 200)  # its link followed


def test_selection_sync_both_ways_and_rubber_band(view, document):
    document.select(("br-2", "link-1"))
    assert {i.item_id for i in view.scene().selectedItems()} == {"br-2", "link-1"}
    click(view, view_point(view, (-250, 200)))
    assert document.selected == ("br-1",)
    click(view, view_point(view, (-200, -150)))  # empty canvas clears
    assert document.selected == ()
    drag_scene(view, (-320, 150), (320, 260))  # a rubber band around both branches
    assert set(document.selected) >= {"br-1", "br-2"} and "hq" not in document.selected


def test_a_links_label_repaints_when_the_link_is_selected_or_deselected(view, document, monkeypatch):
    """The label's border shows the link's selection: selecting from the document, clicking elsewhere and a
    rubber band each repaint the labels of exactly the links whose selection changed."""
    from advisor.ui.canvas.link_label import LinkLabelItem

    repainted: list[str] = []
    monkeypatch.setattr(LinkLabelItem, "update", lambda self, *args: repainted.append(self.item_id))
    document.select(("br-2", "link-1"))
    assert repainted == ["link-1"]
    repainted.clear()
    document.select(("link-2",))
    assert sorted(repainted) == ["link-1", "link-2"]
    repainted.clear()
    click(view, view_point(view, (-200, -150)))  # empty canvas clears
    assert document.selected == () and repainted == ["link-2"]


def test_wheel_zooms_around_the_cursor(view):
    cursor = view_point(view, (250, 200))
    before = view.mapToScene(cursor)
    wheel(view, cursor, 2)
    assert view.zoom() == pytest.approx(1.44, rel=1e-3)
    after = view.mapToScene(cursor)
    assert (after - before).manhattanLength() < 2  # the point under the cursor stays put
    for _ in range(60):
        wheel(view, cursor, -3)
    assert view.zoom() == pytest.approx(0.02)  # clamped


@pytest.mark.parametrize("button", [MIDDLE, RIGHT])
def test_middle_and_right_drag_pan_without_editing(view, document, button):
    view.scale(3, 3)  # zoom in so there is room to scroll
    centre = view.viewport().rect().center()
    before = view.mapToScene(centre)
    drag(view, centre, centre + view_point(view, (0, 0)) - view_point(view, (30, 20)), button=button)
    moved = view.mapToScene(centre) - before
    assert moved.x() == pytest.approx(30, abs=1) and moved.y() == pytest.approx(20, abs=1)
    assert document.undo_stack.count() == 0 and view.last_menu is None  # a right drag opens no menu


def test_fit_all_and_center_on(view):
    view.scale(4, 4)
    view.fit_all()
    viewport = QRectF(view.viewport().rect())
    for item in view.scene().nodes.values():
        assert viewport.contains(QRectF(view.mapFromScene(item.sceneBoundingRect()).boundingRect()))
    view.center_on("br-2")
    centre = view.mapToScene(view.viewport().rect().center())
    assert (centre - QPointF(250, 200)).manhattanLength() < 60  # the scroll range may stop it a little short


def test_copy_paste_and_duplicate_make_fresh_ids(view, document):
    document.select(("br-1", "br-2", "mpls"))
    view.copy()
    assert '"format": "uc-design-advisor/nodes"' in QGuiApplication.clipboard().text()
    view.paste()
    design = document.design
    assert [s.id for s in design.sites[3:]] == ["site-1", "site-2"]
    assert (design.sites[3].name, design.sites[3].x, design.sites[3].y) == ("Branch 1", -210, 240)
    assert [(x.a, x.b) for x in design.links[3:]] == [("site-1", "cloud-1"), ("site-2", "cloud-1")]
    assert document.undo_stack.undoText() == "Paste 3 items" and len(document.selected) == 5
    view.paste()  # a second paste lands further along, not on top of the first
    assert document.design.sites[5].x == -170
    document.select(("hq",))
    view.duplicate()
    assert document.design.sites[-1].name == "Headquarters" and document.design.sites[-1].x == 40
    assert document.undo_stack.undoText() == "Duplicate 1 item"


def test_align_and_distribute_are_one_undo_entry_each(view, document):
    document.select(("hq", "br-1", "br-2"))
    view.align("top")
    assert {s.y for s in document.design.sites} == {0.0}
    assert document.undo_stack.undoText() == "Align 3 sites top"
    document.push(SetFields("br-2", {"x": 1000.0}))
    document.select(("hq", "br-1", "br-2"))
    view.distribute("horizontal")
    assert sorted(s.x for s in document.design.sites) == [-250, 375, 1000]
    with_messages = []
    view.message.connect(with_messages.append)
    view.align("diagonal")
    assert "left, right, top" in with_messages[-1]


@pytest.mark.parametrize("kind", ["radial", "force"])
def test_auto_layout_is_one_undo_entry_and_spreads_the_nodes(view, document, kind):
    view.auto_layout(kind)
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == ("Radial layout" if kind == "radial" else "Force layout")
    positions = [(n.x, n.y) for n in (*document.design.sites, *document.design.clouds)]
    assert len(set(positions)) == 4
    closest = min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
                  for i, a in enumerate(positions) for b in positions[i + 1:])
    assert closest > 100  # nodes and their labels do not overlap
    if kind == "radial":  # the MPLS cloud is the best-connected node: the hub in the centre
        assert (document.design.clouds[0].x, document.design.clouds[0].y) == (0, 0)


def test_canvas_context_menu_adds_a_site_where_clicked(view, document):
    click(view, view_point(view, (-100, -100)), button=RIGHT)
    menu = view.last_menu
    add = next(a for a in menu.actions() if a.text() == "Add &Site Here").menu()
    next(a for a in add.actions() if a.text() == "Data centre").trigger()
    menu.close()
    dc = document.design.sites[-1]
    assert dc.kind == "datacenter" and (dc.x, dc.y) == pytest.approx((-100, -100), abs=1.5)


def test_actions_have_standard_shortcuts(view):
    names = {a.text(): a for a in view.actions()}
    assert names["&Copy"].shortcut().matches(Qt.Key.Key_C | Qt.KeyboardModifier.ControlModifier)
    assert names["&Connect"].shortcut().toString() == "C"
    assert names["&Connect"].isCheckable() and names["&Snap to Grid"].isCheckable()
    names["&Snap to Grid"].setChecked(True)
    assert view.snap_to_grid


def test_palette_offers_six_kinds_and_adds_at_the_centre(qtbot, view, document):
    palette = Palette(view=view)
    qtbot.addWidget(palette)
    kinds = [palette.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(palette.list.count())]
    assert kinds == ["hq", "branch", "datacenter", "mpls", "internet", "private-wan"]
    mime = palette.list.mimeData([palette.list.item(4)])
    assert bytes(mime.data(NODE_MIME)) == b"internet"
    palette.list.itemActivated.emit(palette.list.item(1))
    palette.list.itemActivated.emit(palette.list.item(1))
    new = document.design.sites[-2:]
    assert [s.name for s in new] == ["Branch 3", "Branch 4"]
    assert (new[0].x, new[0].y) != (new[1].x, new[1].y)  # the second one does not hide the first


class _CountingPainter(QPainter):
    """Counts text drawn by items: the level-of-detail check."""

    texts = 0

    def drawText(self, *args):  # noqa: N802 - Qt's name
        type(self).texts += 1
        return super().drawText(*args)


def test_far_zoom_draws_no_text(view):
    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    for scale, expect_text in ((0.1, False), (1.0, True)):
        _CountingPainter.texts = 0
        painter = _CountingPainter(image)
        # Centred on Branch 1 (-250, 200): at 100 % its name is in view, at 10 % the whole design is.
        source = QRectF(-250 - 200 / scale, 200 - 150 / scale, 400 / scale, 300 / scale)
        view.scene().render(painter, QRectF(0, 0, 400, 300), source)
        painter.end()
        assert (_CountingPainter.texts > 0) == expect_text


def test_screenshots_light_and_dark(view, document, results):
    document.set_results(results)
    document.select(("br-1",))
    view.fit_all()
    for name, theme in (("light", th.light()), ("dark", th.dark())):
        view.set_theme(theme)
        image = view.grab().toImage()
        assert image.pixelColor(3, 3) == theme.background
        view.grab().save(f"/tmp/canvas_test_{name}.png")


def test_space_drag_pans_even_over_a_node(qtbot, view, document):
    view.scale(3, 3)
    empty = view.viewport().rect().center()  # over the MPLS cloud: Space wins over moving it
    before = view.mapToScene(empty)
    QTest.keyPress(view, Qt.Key.Key_Space)
    drag(view, empty, empty + QPoint(60, 0))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert view.mapToScene(empty).x() == pytest.approx(before.x() - 20, abs=1)  # 60 px at 300 %
    assert document.undo_stack.count() == 0


def test_double_click_asks_for_properties(view):
    spy = []
    view.propertiesRequested.connect(spy.append)
    pos = view_point(view, (250, 200))
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    assert spy == ["br-2"]


def test_keyboard_shortcuts_reach_the_canvas_actions(qtbot, view, document):
    view.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    QTest.keyClick(view, Qt.Key.Key_C)
    assert view.connect_mode
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert not view.connect_mode
    document.select(("br-2",))
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert document.design.site("br-2") is None and len(document.design.links) == 2


def test_theme_follows_the_application_palette(qapp, view):
    from advisor.ui import appearance

    original = qapp.palette()
    try:
        qapp.setPalette(appearance.dark_palette())
        qapp.processEvents()
        assert view.scene().theme.dark
        assert view.scene().backgroundBrush().color() == th.dark().background
    finally:
        qapp.setPalette(original)
        qapp.processEvents()
    assert not view.scene().theme.dark


@pytest.mark.parametrize(("payload", "message"), [
    ('{"format": "uc-design-advisor/nodes", "nodes": [{"id": "x", "kind": "branch", "users": -1}]}',
     "nodes[0].users: must be ≥ 0"),
    ('{"format": "uc-design-advisor/nodes", "nodes": ["not a node"]}', "Paste:"),
    ('{"format": "uc-design-advisor/nodes", "nodes": [{"id": "x"', "no sites or clouds this version can read"),
    ("just some text", "Nothing to paste: copy sites or clouds first"),
    # a design file's text, or spreadsheet cells: pointed to where they go in
    ('{"schema_version": 1, "sites": []}', "holds a design file's text; save it as a .json file and open it with File"),
    ("Site Name\tUsers\nZurich\t40\nBern\t25", "holds a table; bring a site list in with File ▸ Import Sites…"),
])
def test_pasting_bad_clipboard_content_gives_a_message(view, document, payload, message):
    QGuiApplication.clipboard().setText(payload)
    messages = []
    view.message.connect(messages.append)
    view.paste()
    assert message in messages[-1]
    assert document.undo_stack.count() == 0


def test_clicking_a_link_label_selects_the_link(view, document):
    label = view.scene().links["link-3"].label_item
    assert label.zValue() > view.scene().nodes["br-2"].zValue()  # drawn above the nodes
    click(view, view.mapFromScene(label.boundingRect().center()))
    assert document.selected == ("link-3",)


def test_a_layout_that_moves_nothing_says_so_and_adds_no_undo_step(view, document):
    view.auto_layout("radial")
    messages: list[str] = []
    view.message.connect(messages.append)
    view.auto_layout("radial")  # the same layout again: every node is already where it would go
    assert document.undo_stack.count() == 1
    assert messages == ["Radial layout: every site and cloud is already in place"]


def test_the_force_layout_on_too_many_nodes_says_it_laid_them_out_radially(view, document, monkeypatch):
    from advisor.ui.canvas import layout

    monkeypatch.setattr(layout, "FORCE_MAX_NODES", 3)  # the sample design has 3 sites and a cloud
    messages: list[str] = []
    view.message.connect(messages.append)
    view.auto_layout("force")
    assert document.undo_stack.undoText() == "Radial layout"  # what was done, not what was asked
    assert messages == ["The force layout arranges up to 3 sites and clouds; this design has 4, "
                        "so it was laid out radially"]
    view.auto_layout("force")
    assert document.undo_stack.count() == 1
    assert messages[-1] == ("The force layout arranges up to 3 sites and clouds; this design has 4, and its radial "
                            "layout is already in place")


def test_a_large_layout_shows_the_wait_cursor_while_it_works(view, document, monkeypatch):
    # The force layout takes 1.5 s at 3,000 sites, the radial one and its redrawing 2 s at 10,000: with the
    # ordinary cursor the window looked hung
    from PySide6.QtWidgets import QApplication

    from advisor.ui.canvas import layout
    from advisor.ui.canvas import view as view_module

    seen: list[object] = []
    real = layout.radial
    monkeypatch.setattr(layout, "radial", lambda design: seen.append(QApplication.overrideCursor()) or real(design))
    view.auto_layout("radial")  # the sample design: 4 sites and clouds, no wait cursor
    monkeypatch.setattr(view_module, "LAYOUT_BUSY_NODES", 4)
    view.auto_layout("radial")
    assert seen[0] is None and seen[1] is not None and seen[1].shape() == Qt.CursorShape.WaitCursor
    assert QApplication.overrideCursor() is None  # given back


def test_a_nodes_name_box_is_its_name_measured_in_the_current_fonts(view):
    # The name's width is measured once per name and fonts: a new name, or other fonts (a theme), measure again.
    from PySide6.QtGui import QFont, QFontMetricsF

    from advisor.model import Site

    scene = view.scene()
    item = next(iter(scene.nodes.values()))
    metrics = scene.metrics["label"]
    assert item.name_box(1.0)[0] == metrics.horizontalAdvance(item.name) + 8
    item.set_node(Site(id=item.item_id, name="A much longer name than before", x=0, y=0))
    assert item.name_box(1.0)[0] == metrics.horizontalAdvance("A much longer name than before") + 8
    big = QFont()
    big.setPointSizeF(30)
    item._metrics = {**scene.metrics, "label": QFontMetricsF(big)}  # as a theme's fonts are handed to the items
    width = QFontMetricsF(big).horizontalAdvance("A much longer name than before")
    assert width > metrics.horizontalAdvance("A much longer name than before")
    assert item.name_box(2.0)[0] == (width + 8) * 2.0
