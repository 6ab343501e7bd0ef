"""The canvas held still while sites are dragged: everything that does not move is drawn once, into a picture, and
each mouse move draws that picture and the moving items alone.

Without it a mouse move repainted every item in the rectangle the moved lines swept, and a line to a cloud sweeps
half the drawing: in a 100-site star each move drew all 100 lines again (22 ms a move, over a 60 Hz frame), a site
of a 10,000-site star 220 ms (`benchmarks/bench_drag.py`). Qt offers no layer to keep still, so the items are told
with the flag Qt skips without calling them (ItemHasNoContents; hit-testing is unchanged): while the picture is
taken, the moving items paint nothing; after it, the others paint nothing and the view's background is the
picture. While dragged, the moving items are drawn above everything else, as in drawing tools. (A dense scene's
lines are one item, DenseLines, which reads the layer to draw the still lines, then the moving ones.)

The picture is of the view as it stands: new results, another selection, a scroll, a zoom or a resize in the
middle of a drag drops it, and the next mouse move takes another (`draw`). The release, Esc or any edit of the design (Undo) drops it too (`stop`, from
the gesture's end); the move itself is one undoable edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView

from advisor.ui.canvas import theme as th
from advisor.ui.canvas.badge import detail_level
from advisor.ui.canvas.dense_lines import EVERYWHERE, beside

if TYPE_CHECKING:
    from advisor.ui.canvas.scene import DesignScene
    from advisor.ui.canvas.view import CanvasView

# Below this many links a repaint is cheap enough: the drag paints every item, as the other gestures do.
MIN_LINKS = 40
# From this many moving links the scene's index is off during the drag: each move re-filed every moving link and
# label in it, the long lines in many of its cells (a site of a 300-site full mesh: ~90 ms a move). From as many,
# the moving links' items stay as they were until the drag ends, and one item draws their lines from where their
# ends are (`MovingLines`), without their labels: working each link's line and label out again at every move was
# most of a move (the cloud of a 1,000-site star: ~60 ms).
UNINDEXED_LINKS = 100


class DragLayer:
    """What a drag moves, and the picture of everything else."""

    def __init__(self, moving: set[QGraphicsItem], links: list) -> None:
        self.moving = moving  # drawn live: the nodes dragged, their links, bundles and labels, the links' ends
        self.links = links  # the moving link items (a dense scene draws their lines in DenseLines)
        self.capturing = True  # taking the picture: the moving items are left out; then only they are drawn
        self.picture: QPixmap | None = None
        self.transform: QTransform | None = None  # the view's, when the picture was taken
        self.size: QSize | None = None  # the view's viewport's, then
        self.still: list[QGraphicsItem] = []  # the items told to paint nothing while the picture stands in
        self.unindexed = False  # the scene's index turned off for the drag (UNINDEXED_LINKS)
        self.stale = False  # the still items changed (new results, another selection): the picture is dropped
        self.lines: MovingLines | None = None  # many links move: their lines drawn from their ends (`light`)
        self.connected = False  # listening to the document's results and selection

    @property
    def light(self) -> bool:
        """Whether the moving links' items stay as they were, their lines drawn by `lines` and no labels."""
        return self.lines is not None

    def outdate(self, *_args) -> None:
        self.stale = True


_EMPTY = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def _blank(items) -> list[QGraphicsItem]:
    """Those of `items` that paint, now told to paint nothing (to be given back with `_unblank`)."""
    blanked = [item for item in items if not item.flags() & _EMPTY]
    for item in blanked:
        item.setFlag(_EMPTY, True)
    return blanked


def _unblank(items: list[QGraphicsItem]) -> None:
    for item in items:
        item.setFlag(_EMPTY, False)


def _all_items(scene: DesignScene):
    """The design's items that can paint: nodes, links, their labels, bundles and theirs."""
    yield from scene.nodes.values()
    for link in scene.links.values():
        yield link
        yield link.label_item
    for bundle in scene.pairs.bundles.values():
        yield bundle
        yield bundle.label_item


def moving_items(scene: DesignScene, node_ids) -> tuple[set[QGraphicsItem], list]:
    """(every item drawn live while the nodes `node_ids` move, the link items among them): the nodes, their links
    and bundles with their labels, and the nodes at the links' other ends, which stay but are drawn over the
    moving lines' ends as always (in the picture they would be under them)."""
    moving: set[QGraphicsItem] = set()
    links = []
    ids = set(node_ids)
    for node_id in ids:
        item = scene.nodes.get(node_id)
        if item is None:
            continue
        moving.add(item)
        for link_id in scene._node_links.get(node_id, ()):
            link = scene.links[link_id]
            if link not in moving:
                moving.update((link, link.label_item, link.a_item, link.b_item))
                links.append(link)
    for pair, bundle in scene.pairs.bundles.items():
        if ids.intersection(pair):
            moving.update((bundle, bundle.label_item, bundle.a_item, bundle.b_item))
    return moving, links


def start(view: CanvasView, node_ids) -> None:
    """Take the picture of everything but the nodes `node_ids` and what moves with them, as the view shows it now;
    from then on the view draws the picture and the moving items only."""
    scene = view.scene()
    if scene.drag_layer is not None or len(scene.links) < MIN_LINKS:
        return
    moving, links = moving_items(scene, node_ids)
    layer = scene.drag_layer = DragLayer(moving, links)
    many = len(links) >= UNINDEXED_LINKS
    try:
        if many and not scene._index_off:
            layer.unindexed = True
            scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        _lines_again(scene)
        blanked = _blank(moving)
        try:
            layer.picture = view.viewport().grab()  # painted now, the moving items left out
        finally:
            _unblank(blanked)
        layer.transform, layer.size = view.viewportTransform(), view.viewport().size()
        live = moving
        if many:  # their lines drawn from their ends by one item, their labels left out
            live = moving.difference(links, (link.label_item for link in links))
            layer.lines = MovingLines(layer)
            scene.addItem(layer.lines)
        layer.still = _blank(item for item in _all_items(scene) if item not in live)
        layer.capturing = False
    except BaseException:
        stop(view)  # whatever went wrong, the items paint as before
        raise
    view.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)  # the picture is the background, drawn as it is
    _lines_again(scene)
    view.document.resultsChanged.connect(layer.outdate)  # (the scene's own slots, connected first, have run)
    view.document.selectionChanged.connect(layer.outdate)
    layer.connected = True
    view.viewport().update()


def stop(view: CanvasView) -> None:
    """Paint every item again (the drag ended, or the view moved under it)."""
    scene = view.scene()
    if scene is None or scene.drag_layer is None:
        return
    layer, scene.drag_layer = scene.drag_layer, None
    if layer.lines is not None:
        scene.removeItem(layer.lines)
        for link in layer.links:  # where their ends are now, as the drag left them (the edit places the labels)
            link.adjust()
    if layer.connected:
        view.document.resultsChanged.disconnect(layer.outdate)
        view.document.selectionChanged.disconnect(layer.outdate)
    _unblank(layer.still)
    if layer.unindexed:
        scene._index_again()
    view.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)  # (drops the cached background: a repaint)
    _lines_again(scene)
    view.viewport().update()


def draw(view: CanvasView, painter: QPainter) -> bool:
    """Draw the still picture as the view's background, if a drag's layer holds one for the view as it stands;
    False: the background is drawn as usual (and a layer the view has moved away from is dropped)."""
    layer = view.scene().drag_layer
    if layer is None or layer.capturing or layer.picture is None:
        return False
    if layer.stale or view.viewportTransform() != layer.transform or view.viewport().size() != layer.size:
        stop(view)  # new results or selection, scrolled, zoomed or resized: the picture no longer matches
        return False
    painter.save()
    painter.resetTransform()
    painter.drawPixmap(0, 0, layer.picture)
    painter.restore()
    return True


class MovingLines(QGraphicsItem):
    """The lines of the links a drag moves, when they are many (`DragLayer.light`): each from where its ends are,
    in its status's pen as the link draws itself, a run per pen; beneath the nodes, as the links are."""

    def __init__(self, layer: DragLayer) -> None:
        super().__init__()
        self._layer = layer
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return EVERYWHERE  # the lines are found when painted

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never hit

    def paint(self, painter: QPainter, option, widget=None) -> None:
        scene = self.scene()
        if scene is None:
            return
        transform = painter.worldTransform()
        far = detail_level(transform) < th.DETAIL_LOD or th.dense(scene)
        if not far:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        shown = scene.pairs.shown  # a bundle's links are drawn by the bundle
        runs: dict[tuple, list[QLineF]] = {}
        for link in self._layer.links:
            if link.item_id in shown:
                runs.setdefault((link.status, link.isSelected()), []).append(
                    QLineF(link.a_item.pos(), link.b_item.pos()))
        pen = scene.theme.link_pen
        for (status, selected), lines in runs.items():
            painter.setPen(pen(status, selected, far))
            if not far:  # a wide pen: one line at a time (drawLines strokes them as one path, crossings and all:
                for line in lines:  # 100 lines meeting at a cloud took 110 ms)
                    painter.drawLine(line)
                continue
            painter.drawLines(lines)  # one pixel wide: in one pass
            if selected:  # two pixels wide: a second line beside each, as a link far out draws itself
                painter.drawLines([beside(line, transform) for line in lines])



def _lines_again(scene: DesignScene) -> None:
    if scene.dense_layer is not None:
        scene.dense_layer.stale()
        scene.dense_layer.redraw()
