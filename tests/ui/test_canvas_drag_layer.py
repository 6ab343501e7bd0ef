"""Dragging sites holds the rest of the canvas still as a picture (advisor.ui.canvas.drag_layer).

Each mouse move of a drag repainted every item in the rectangle the moved lines swept: a branch of a 100-site star
redrew all 100 lines (22 ms a move), a branch of a 10,000-site star 220 ms. Now the still items are drawn once into
a picture, and each move draws the picture and the moving items alone. What a user sees must not change: every
frame of the drag is compared with the same view painted item by item, and the items must paint again as before
once the drag ends, however it ends.

The star: a cloud at the origin and RAYS branches on a circle around it, one link each, far enough apart that no two
overlap; a branch is dragged outwards along its own ray, so it and its line cross nothing but the line's own ends
(where the layer would otherwise differ: moving items are drawn above the still ones, as in drawing tools). The star
has fewer links than a layer needs (drag_layer.MIN_LINKS), which the tests lower to use it.
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem

sys.path.insert(0, str(Path(__file__).parent))  # --import-mode=importlib: share the event helpers explicitly
from test_canvas_support import move, press, release, wheel  # noqa: E402

from advisor.analysis import analyse  # noqa: E402
from advisor.model import Design  # noqa: E402
from advisor.ui.canvas import drag_layer  # noqa: E402
from advisor.ui.canvas import theme as th  # noqa: E402
from advisor.ui.canvas.view import CanvasView  # noqa: E402

RAYS = 12
RADIUS = 420.0
EMPTY = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def _star(rays: int = RAYS) -> Design:
    sites = [{"id": f"s{i}", "name": f"Branch {i}", "users": 10, "x": round(RADIUS * math.cos(2 * math.pi * i / rays), 2),
              "y": round(RADIUS * math.sin(2 * math.pi * i / rays), 2)} for i in range(rays)]
    links = [{"id": f"l{i}", "a": f"s{i}", "b": "c"} for i in range(rays)]
    return Design.model_validate({"name": "star", "sites": sites, "links": links,
                                  "clouds": [{"id": "c", "name": "MPLS", "x": 0.0, "y": 0.0}]})


@pytest.fixture
def star_view(qtbot, document, monkeypatch):
    def make(zoom: float = 0.6, rays: int = RAYS, layer_from: int = RAYS, design: Design | None = None) -> CanvasView:
        monkeypatch.setattr(drag_layer, "MIN_LINKS", layer_from)
        document.reset(design or _star(rays))
        view = CanvasView(document)
        qtbot.addWidget(view)
        view.resize(900, 700)
        view.show()
        qtbot.waitExposed(view)
        view.resetTransform()
        view.scale(zoom, zoom)
        view.centerOn(0, 0)
        return view
    return make


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())[
        :, : image.width() * 4].copy()


def _frame(view: CanvasView) -> np.ndarray:
    return _pixels(view.viewport().grab().toImage())


def _plain_frame(view: CanvasView) -> np.ndarray:
    """The view as painted item by item (no layer), the items where they are now. Where many links move (a light
    layer), their lines where their ends are and their labels left out, as the drag shows them."""
    scene = view.scene()
    layer, scene.drag_layer = scene.drag_layer, None
    light = layer is not None and layer.light
    hidden = {link.label_item for link in layer.links} if light else set()
    flags = [(item, item.flags()) for item in layer.still if item not in hidden] if layer else []
    for item, _ in flags:
        item.setFlag(EMPTY, False)
    if light:
        layer.lines.setVisible(False)
        for link in layer.links:
            link.adjust()
    view.setCacheMode(view.CacheModeFlag.CacheBackground)
    _lines_again(scene)
    try:
        return _frame(view)
    finally:
        for item, flag in flags:
            item.setFlags(flag)
        scene.drag_layer = layer
        if light:
            layer.lines.setVisible(True)
        if layer is not None:
            view.setCacheMode(view.CacheModeFlag.CacheNone)
        _lines_again(scene)


def _lines_again(scene) -> None:
    if scene.dense_layer is not None:  # a dense scene's lines: gathered again, its cached picture dropped
        scene.dense_layer.stale()
        scene.dense_layer.redraw()


def _flags(view: CanvasView) -> dict[int, int]:
    return {id(item): int(item.flags().value) for item in view.scene().items()}


def _site_point(view: CanvasView, i: int, out: float = 0.0):
    """The view point of branch i, `out` scene pixels further out along its ray."""
    angle = 2 * math.pi * i / RAYS
    return view.mapFromScene(QPointF((RADIUS + out) * math.cos(angle), (RADIUS + out) * math.sin(angle)))


def _drag_frames(view: CanvasView, i: int, steps=(40, 60, 80, 100)) -> list[tuple[np.ndarray, np.ndarray]]:
    """(layered frame, item-by-item frame) at each step of a drag of branch i outwards; the press stays down."""
    press(view, _site_point(view, i))
    frames = []
    for out in steps:
        move(view, _site_point(view, i, out))
        assert view.scene().drag_layer is not None  # the drag draws from its picture
        frames.append((_frame(view), _plain_frame(view)))
    return frames


@pytest.mark.parametrize("zoom", [0.3, 0.6, 1.0])  # far out (shapes only), names only, names and link labels
def test_every_frame_of_a_drag_looks_as_when_every_item_paints(star_view, zoom):
    view = star_view(zoom)
    for layered, plain in _drag_frames(view, 5):
        assert layered.shape == plain.shape
        assert np.abs(layered.astype(int) - plain.astype(int)).max() <= 2  # antialiasing's rounding at most
    release(view, _site_point(view, 5, 100))


def test_the_drag_draws_only_what_moves_and_gives_every_item_back_on_release(star_view, document):
    view = star_view()
    before = _flags(view)
    press(view, _site_point(view, 7))
    move(view, _site_point(view, 7, 30))
    layer = view.scene().drag_layer
    scene = view.scene()
    live = {scene.nodes["s7"], scene.nodes["c"], scene.links["l7"], scene.links["l7"].label_item}
    assert layer.moving == live  # the branch, its link and label, and the cloud at the line's other end
    still = (RAYS + 1) + 2 * RAYS - len(live)  # the nodes, links and labels but the live ones
    assert len(layer.still) == still and all(item.flags() & EMPTY for item in layer.still)
    assert not any(item.flags() & EMPTY for item in live)
    release(view, _site_point(view, 7, 30))
    assert scene.drag_layer is None and _flags(view) == before
    assert view.cacheMode() == view.CacheModeFlag.CacheBackground
    moved = next(s for s in document.design.sites if s.id == "s7")
    angle = 2 * math.pi * 7 / RAYS
    assert math.hypot(moved.x - RADIUS * math.cos(angle), moved.y - RADIUS * math.sin(angle)) == pytest.approx(
        30.0, abs=2.0)  # one undoable move, where the pointer left it
    assert document.undo_stack.undoText() == "Move Branch 7"


def test_escape_mid_drag_puts_the_site_back_and_paints_every_item_again(star_view, document, qtbot):
    view = star_view()
    before, design = _flags(view), document.design
    press(view, _site_point(view, 3))
    move(view, _site_point(view, 3, 50))
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.scene().drag_layer is None and _flags(view) == before and document.design is design
    assert view.scene().nodes["s3"].pos() == QPointF(design.sites[3].x, design.sites[3].y)
    assert np.array_equal(_frame(view), _plain_frame(view))


def test_a_scroll_mid_drag_drops_the_old_picture_and_takes_a_new_one(star_view):
    view = star_view()
    press(view, _site_point(view, 11))
    move(view, _site_point(view, 11, 20))
    first = view.scene().drag_layer
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 40)
    view.viewport().grab()  # the paint that finds the view moved: the picture is dropped
    assert view.scene().drag_layer is None
    move(view, _site_point(view, 11, 40))  # the next move takes a picture of the view as it now stands
    second = view.scene().drag_layer
    assert second is not None and second is not first
    layered, plain = _frame(view), _plain_frame(view)
    assert np.abs(layered.astype(int) - plain.astype(int)).max() <= 2
    release(view, _site_point(view, 11, 40))


def test_a_dense_scene_drags_its_lines_in_one_pass_too(star_view, monkeypatch):
    monkeypatch.setattr(th, "DENSE_LINKS", 10)  # the star's lines are drawn by one DenseLines item
    view = star_view(0.6)
    assert view.scene().dense_layer is not None
    for layered, plain in _drag_frames(view, 2):
        assert np.abs(layered.astype(int) - plain.astype(int)).max() <= 2
    release(view, _site_point(view, 2, 100))
    assert view.scene().drag_layer is None
    assert all(link.flags() & EMPTY for link in view.scene().links.values())  # still drawn by the dense item


def test_a_small_design_is_dragged_as_before(star_view):
    view = star_view(rays=drag_layer.MIN_LINKS - 1, layer_from=drag_layer.MIN_LINKS)  # the app's own threshold
    press(view, view.mapFromScene(QPointF(RADIUS, 0.0)))
    move(view, view.mapFromScene(QPointF(RADIUS + 30.0, 0.0)))
    assert view.scene().drag_layer is None
    release(view, view.mapFromScene(QPointF(RADIUS + 30.0, 0.0)))


def test_dragging_the_cloud_turns_the_index_off_until_the_release(star_view, document, monkeypatch):
    """Every link moves with the cloud: re-filing each in the scene's index at every move cost more than the
    drawing (a 10,000-site star's cloud: 1.2 s a move, 0.4 s without the index)."""
    monkeypatch.setattr(drag_layer, "UNINDEXED_LINKS", RAYS)
    view = star_view(0.6)
    scene = view.scene()
    press(view, view.mapFromScene(QPointF(0.0, 0.0)))
    for step in (30, 60):
        move(view, view.mapFromScene(QPointF(step, step / 2)))
        assert scene.itemIndexMethod() == scene.ItemIndexMethod.NoIndex
        layered, plain = _frame(view), _plain_frame(view)
        assert np.abs(layered.astype(int) - plain.astype(int)).max() <= 2
    assert scene.drag_layer.moving == {*scene.nodes.values(), *scene.links.values(),
                                       *(link.label_item for link in scene.links.values())}
    release(view, view.mapFromScene(QPointF(60.0, 30.0)))
    assert all(item.scene() is scene for item in scene.items()) and not any(  # the lines' item gone
        isinstance(item, drag_layer.MovingLines) for item in scene.items())
    assert scene.itemIndexMethod() == scene.ItemIndexMethod.BspTreeIndex and scene.bspTreeDepth() == 10
    cloud = document.design.clouds[0]
    assert (round(cloud.x), round(cloud.y)) == (60, 30)
    assert scene.items(QPointF(60.0, 30.0)) and scene.node_at(QPointF(60.0, 30.0)) is scene.nodes["c"]


def test_a_resize_mid_drag_drops_the_picture_and_leaves_nothing_unpainted(star_view):
    view = star_view()
    press(view, _site_point(view, 4))
    move(view, _site_point(view, 4, 30))
    view.resize(1100, 800)  # wider: the old picture would leave a strip with no still item drawn
    view.viewport().grab()  # the paint that finds the view resized: the picture is dropped
    assert view.scene().drag_layer is None
    assert np.array_equal(_frame(view), _plain_frame(view))
    move(view, _site_point(view, 4, 50))  # and the next move takes a picture of the view as it now is
    assert view.scene().drag_layer.size == view.viewport().size()
    assert np.abs(_frame(view).astype(int) - _plain_frame(view).astype(int)).max() <= 2
    release(view, _site_point(view, 4, 30))


def test_undo_mid_drag_ends_it_with_every_item_painting_again(star_view, document):
    view = star_view()
    press(view, _site_point(view, 1))
    move(view, _site_point(view, 1, 30))
    release(view, _site_point(view, 1, 30))  # one move done, on the undo stack
    before = _flags(view)
    press(view, _site_point(view, 6))
    move(view, _site_point(view, 6, 40))
    assert view.scene().drag_layer is not None
    document.undo_stack.undo()  # Edit ▸ Undo (Ctrl+Z, the window's) while the button is down
    assert view.scene().drag_layer is None and _flags(view) == before
    assert document.undo_stack.index() == 0  # the first move undone; the drag ended without an edit
    assert view.scene().nodes["s6"].pos() == QPointF(document.design.sites[6].x, document.design.sites[6].y)
    assert np.array_equal(_frame(view), _plain_frame(view))


def test_results_arriving_mid_drag_show_once_it_ends(star_view, document):
    view = star_view(1.0)
    press(view, _site_point(view, 0))
    move(view, _site_point(view, 0, 40))
    document.set_results(analyse(document.design))  # labels and badges change on still items
    move(view, _site_point(view, 0, 60))
    release(view, _site_point(view, 0, 60))
    scene = view.scene()
    assert scene.drag_layer is None and not any(item.flags() & EMPTY for item in scene.nodes.values())
    assert np.array_equal(_frame(view), _plain_frame(view))


@pytest.mark.parametrize("seed", range(6))
def test_random_events_mid_drag_never_show_a_stale_picture(star_view, document, seed):
    """Moves, wheel zooms, scrolls, resizes, new results and selections, in random order while a branch is held:
    each frame is the view painted item by item, and after the release every item paints again."""
    rnd = random.Random(seed)
    view = star_view(rnd.choice((0.3, 0.6, 1.0)))
    before = _flags(view)
    i = rnd.randrange(RAYS)
    press(view, _site_point(view, i))
    out = 40.0
    move(view, _site_point(view, i, out))
    for _ in range(8):
        event = rnd.choice(("move", "move", "wheel", "scroll", "resize", "results", "select"))
        if event == "move":
            out += rnd.choice((-15.0, 15.0, 30.0))
            move(view, _site_point(view, i, out))
        elif event == "wheel":
            wheel(view, _site_point(view, i, out), rnd.choice((-1, 1)))
        elif event == "scroll":
            bar = rnd.choice((view.horizontalScrollBar(), view.verticalScrollBar()))
            bar.setValue(bar.value() + rnd.choice((-30, 30)))
        elif event == "resize":
            view.resize(view.width() + rnd.choice((-60, 60)), view.height() + rnd.choice((-40, 40)))
        elif event == "results":
            document.set_results(analyse(document.design))
        else:
            document.select(tuple(rnd.sample([s.id for s in document.design.sites], 3)))
        layered, plain = _frame(view), _plain_frame(view)
        assert np.abs(layered.astype(int) - plain.astype(int)).max() <= 2, event
    release(view, _site_point(view, i, out))
    assert view.scene().drag_layer is None and _flags(view) == before
    assert view.cacheMode() == view.CacheModeFlag.CacheBackground
    assert np.array_equal(_frame(view), _plain_frame(view))


def test_a_bundle_of_parallel_links_moves_with_its_site(star_view, document):
    """Ten leased lines between branch 0 and branch 1 are drawn as one bundle (more than PARALLEL_DRAWN): dragging
    branch 0 draws the bundle, its label and both of its ends live, and every frame is the item-by-item one."""
    data = _star().model_dump(mode="json")
    data["links"] += [{"id": f"p{k}", "a": "s0", "b": "s1"} for k in range(10)]
    view = star_view(design=Design.model_validate(data))
    scene = view.scene()
    assert len(scene.pairs.bundles) == 1
    press(view, _site_point(view, 0))
    for out in (40, 70):
        move(view, _site_point(view, 0, out))
        bundle = next(iter(scene.pairs.bundles.values()))
        assert {bundle, bundle.label_item, bundle.a_item, bundle.b_item} <= scene.drag_layer.moving
        assert np.abs(_frame(view).astype(int) - _plain_frame(view).astype(int)).max() <= 2
    release(view, _site_point(view, 0, 70))
    assert scene.drag_layer is None


def test_a_picture_that_cannot_be_taken_leaves_every_item_painting(star_view, monkeypatch):
    view = star_view()
    before = _flags(view)

    def broken(*_args):
        raise RuntimeError("no picture")

    monkeypatch.setattr(drag_layer, "_blank", lambda items: broken() if view.scene().drag_layer.capturing else [])
    with pytest.raises(RuntimeError):
        drag_layer.start(view, ["s3"])
    assert view.scene().drag_layer is None and _flags(view) == before
    assert view.cacheMode() == view.CacheModeFlag.CacheBackground


def test_many_moving_links_are_drawn_from_their_ends_and_placed_at_the_release(star_view, document, monkeypatch):
    """Dragging the cloud moves every link: rather than each link's line and label worked out again at every move,
    one item draws the lines from where their ends are (no labels meanwhile); the release places them all."""
    from advisor.ui.canvas.items import LinkItem

    monkeypatch.setattr(drag_layer, "UNINDEXED_LINKS", RAYS)
    view = star_view(1.0)
    scene = view.scene()
    press(view, view.mapFromScene(QPointF(0.0, 0.0)))
    move(view, view.mapFromScene(QPointF(20.0, 10.0)))
    layer = scene.drag_layer
    assert layer.light and layer.lines.scene() is scene
    assert all(link.flags() & EMPTY and link.label_item.flags() & EMPTY for link in layer.links)
    adjusted = []
    real = LinkItem.adjust
    for step in (40, 70):
        monkeypatch.setattr(LinkItem, "adjust", lambda self: adjusted.append(self.item_id) or real(self))
        move(view, view.mapFromScene(QPointF(step, step / 2)))
        monkeypatch.setattr(LinkItem, "adjust", real)
        assert adjusted == []  # no link worked out again by the move
        # (the lines drawn whole in one pass, where each link clips its own to the view: antialiasing a shade off)
        assert np.abs(_frame(view).astype(int) - _plain_frame(view).astype(int)).max() <= 4
    release(view, view.mapFromScene(QPointF(70.0, 35.0)))
    assert scene.drag_layer is None and not any(isinstance(i, drag_layer.MovingLines) for i in scene.items())
    cloud = scene.nodes["c"].pos()
    assert (round(cloud.x()), round(cloud.y())) == (70, 35)
    for link in scene.links.values():  # every line ends at the cloud where it went, its label along it
        assert link.line().p2() == cloud or link.line().p1() == cloud
        assert link.label_item.flags() & EMPTY == EMPTY.__class__(0)
    assert np.array_equal(_frame(view), _plain_frame(view))
