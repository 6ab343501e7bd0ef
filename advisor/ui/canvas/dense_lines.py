"""The link lines of a dense scene (``theme.dense``), drawn in one pass.

A 300-site full mesh's 44,850 link items were painted one by one through Python: 1.3-3.2 s per fitted repaint. With
DENSE_LINKS link items or more in the scene, each stays there for hit-testing, selection, tooltips, menus and undo,
but paints nothing (ItemHasNoContents: Qt does not even call it); this one item, beneath them, draws their lines as
they drew them themselves in a dense scene (one pixel wide whatever the zoom, in their status's colour): the plain
lines with QPainter.drawLines, one call per run of lines of one status in the design's order, then the selected ones
on top, each with its second pixel beside it. The runs are made again at the next paint after a link, an end's
place, a status or the selection changed (``stale``); between changes Qt copies the picture from its cache
(DeviceCoordinateCache), so a repaint for anything else (a node selected, a tooltip) draws no line again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from advisor.ui.canvas import theme as th

if TYPE_CHECKING:
    from advisor.ui.canvas.scene import DesignScene

# Everywhere a line can be, a node dragged past the canvas's edge included (the design keeps within ±1,000,000):
# the lines are found again only when painted, so the item never knows their extent beforehand.
EVERYWHERE = QRectF(-4e6, -4e6, 8e6, 8e6)
_NONE = object()  # no status yet: a run starts at the first line whatever its status


def beside(line: QLineF, transform: QTransform) -> QLineF:
    """The second pixel of a selected line drawn far out: the line moved one device pixel across its run. (Qt
    strokes a wider line through its path stroker, five times slower: 20,000 links selected took 1.9 s per
    repaint.)"""
    if abs(line.dx()) * abs(transform.m11()) >= abs(line.dy()) * abs(transform.m22()):
        return line.translated(0.0, 1.0 / max(abs(transform.m22()), 1e-12))
    return line.translated(1.0 / max(abs(transform.m11()), 1e-12), 0.0)


class DenseLines(QGraphicsItem):
    """Every link item's line, beneath the items (which paint nothing meanwhile), the bundles and the nodes."""

    def __init__(self):
        super().__init__()
        self.setZValue(-0.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._groups: tuple[list, list] | None = None  # ([(status, lines)], selected lines); None: gather again
        self._beside: tuple[tuple[float, float], list[QLineF]] | None = None  # the selected lines' second pixels

    def stale(self) -> None:
        """A link, an end's place, a status or the selection changed: gather the lines again when next painted."""
        scene = self.scene()
        dragging = scene is not None and scene.drag_layer is not None  # (its lines are gathered at each paint)
        if self._groups is not None or dragging:  # (else not drawn since the last change: a repaint is on its way)
            self._groups = self._beside = None
            self.redraw()

    def redraw(self) -> None:
        """Draw every line again at the next paint (the lines changed, or the theme's colours). Its cached picture
        goes: update() alone marks it all for drawing again, but when the view moves in the same frame (the
        drawing centred again as a moved site changed the scene's rectangle, Undo of a layout) Qt draws only the
        strip scrolled in and keeps the rest as it was: the old lines stayed."""
        self.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        scene = self.scene()
        layer = scene.drag_layer if scene is not None else None
        if layer is None or layer.capturing:  # (a drag's few moving lines: drawn straight, not through a
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # cache the viewport's size)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return EVERYWHERE

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never hit: clicks, the rubber band and tooltips find the links' own items

    def contains(self, point: QPointF) -> bool:
        return False

    def _gather(self, scene: DesignScene, layer=None) -> tuple[list, list]:
        """The plain lines in the design's order, as runs of one status each, and the selected lines. (Drawn a
        status at a time, the last one drawn would colour every crossing: a mesh of one overloaded link in seven
        looked all red.) With a drag's `layer`: those of the still links while its picture is taken, then those of
        the moving ones."""
        shown = scene.pairs.shown  # a bundle's links are drawn by the bundle
        runs: list[tuple[str | None, list[QLineF]]] = []
        selected: list[QLineF] = []
        status, run = _NONE, None
        items = scene.links.values() if layer is None or layer.capturing else () if layer.light else layer.links
        moving = layer.moving if layer is not None and layer.capturing else ()
        for item in items:
            if item.item_id in shown and item not in moving:
                if item.isSelected():
                    selected.append(item._line)
                    continue
                if item.status != status:
                    status, run = item.status, []
                    runs.append((status, run))
                run.append(item._line)
        return runs, selected

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        scene = self.scene()
        if scene is None:
            return
        layer = scene.drag_layer
        if layer is not None:  # a drag: the still lines for its picture, then the moving ones alone (drag_layer)
            runs, selected = self._gather(scene, layer)
        else:
            if self._groups is None:
                self._groups = self._gather(scene)
            runs, selected = self._groups
        pen = scene.theme.link_pen
        for status, lines in runs:
            painter.setPen(pen(status, False, True))
            painter.drawLines(lines)
        if selected:
            painter.setPen(pen(None, True, True))
            painter.drawLines(selected)
            transform = painter.worldTransform()
            scale = (abs(transform.m11()), abs(transform.m22()))
            if layer is not None:
                painter.drawLines([beside(line, transform) for line in selected])
                return
            if self._beside is None or self._beside[0] != scale:
                self._beside = scale, [beside(line, transform) for line in selected]
            painter.drawLines(self._beside[1])


def follow(scene: DesignScene, fresh: list[str], changed: bool) -> None:
    """After a sync: with DENSE_LINKS link items or more in the scene (a bundle's links are not: it draws them
    itself), the items paint nothing and one DenseLines draws their lines; with fewer, each paints its own again.
    ``fresh``: the links made or changed; ``changed``: whether any line came, went or moved."""
    wanted = len(scene.pairs.shown) >= th.DENSE_LINKS  # a dense scene (theme.dense) with that many lines to draw
    layer, empty = scene.dense_layer, QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    if wanted != (layer is not None):
        for item in scene.links.values():
            item.setFlag(empty, wanted)
        if wanted:
            scene.dense_layer = DenseLines()
            scene.addItem(scene.dense_layer)
        else:
            scene.removeItem(layer)
            scene.dense_layer = None
    elif wanted:
        for link_id in fresh:
            scene.links[link_id].setFlag(empty, True)
        if changed:
            layer.stale()
