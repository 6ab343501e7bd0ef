"""Mouse gestures on the canvas, one object per gesture: move, connect, pan.

A gesture shows its effect on the items while it runs and pushes one command to the document when it ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication, QGraphicsLineItem

from advisor.commands import MoveNodes, describe_nodes
from advisor.ui.canvas import drag_layer, layout
from advisor.ui.canvas import theme as th
from advisor.ui.canvas.items import NodeItem

if TYPE_CHECKING:
    from advisor.ui.canvas.view import CanvasView


def _far_enough(a: QPoint, b: QPoint) -> bool:
    return (a - b).manhattanLength() >= QApplication.startDragDistance()


class Gesture:
    """Base: a gesture gets the view's mouse events until it says it is done (``press/move/release`` → True)."""

    def __init__(self, view: CanvasView):
        self.view = view

    def press(self, event) -> bool:
        return False

    def move(self, event) -> bool:
        return False

    def release(self, event) -> bool:
        return True

    def cancel(self) -> None:
        pass


class MoveGesture(Gesture):
    """Drag the selected nodes; one MoveNodes ("Move 3 sites") on release."""

    def __init__(self, view: CanvasView, anchor: NodeItem, press_view_pos: QPoint):
        super().__init__(view)
        scene = view.scene()
        self.anchor = anchor
        self.press_view_pos = press_view_pos
        self.press_scene_pos = view.mapToScene(press_view_pos)
        self.start = {item.item_id: QPointF(item.pos()) for item in scene.selectedItems()
                      if isinstance(item, NodeItem)}
        self.start.setdefault(anchor.item_id, QPointF(anchor.pos()))
        self.started = False

    def _delta(self, view_pos: QPoint) -> QPointF:
        delta = self.view.mapToScene(view_pos) - self.press_scene_pos
        if self.view.snap_to_grid:
            # Snap the grabbed node and carry the others along, so their arrangement is kept.
            origin = self.start[self.anchor.item_id]
            x, y = layout.snap(origin.x() + delta.x(), origin.y() + delta.y(), th.GRID)
            delta = QPointF(x, y) - origin
        return self._on_canvas(delta)

    def _on_canvas(self, delta: QPointF) -> QPointF:
        """`delta`, shortened so that every node moved stays on the canvas (±1,000,000 px, as a design holds its
        positions): dragged past the edge, the nodes stop at it together, their arrangement kept (a move that
        took one past it was refused whole, in the file's words "x: must be ≤ 1000000")."""
        limit = layout.POSITION_LIMIT
        xs = [p.x() for p in self.start.values()]
        ys = [p.y() for p in self.start.values()]
        dx = min(max(delta.x(), -limit - min(xs)), limit - max(xs))
        dy = min(max(delta.y(), -limit - min(ys)), limit - max(ys))
        return QPointF(dx, dy)

    def move(self, event) -> bool:
        pos = event.position().toPoint()
        if not self.started and not _far_enough(pos, self.press_view_pos):
            return False
        self.started = True
        delta = self._delta(pos)
        scene = self.view.scene()
        if scene.drag_layer is None:  # the first move, or the view scrolled or zoomed since the picture
            drag_layer.start(self.view, self.start)
        for node_id, origin in self.start.items():
            scene.move_node_item(node_id, origin + delta)
        return False

    def release(self, event) -> bool:
        drag_layer.stop(self.view)
        if not self.started:
            return True
        delta = self._delta(event.position().toPoint())
        positions = {node_id: (round(p.x() + delta.x(), 2), round(p.y() + delta.y(), 2))
                     for node_id, p in self.start.items()}
        document = self.view.document
        text = f"Move {describe_nodes(document.design, positions)}"
        self.view.push(MoveNodes(positions, text=text))
        self._restore_if_unchanged()
        return True

    def cancel(self) -> None:
        drag_layer.stop(self.view)
        scene = self.view.scene()
        for node_id, origin in self.start.items():
            if node_id in scene.nodes:
                scene.move_node_item(node_id, origin)

    def _restore_if_unchanged(self) -> None:
        # A refused or empty move leaves the document as it was: put the items back where the design says.
        design = self.view.document.design
        nodes = {n.id: n for n in (*design.sites, *design.clouds)}
        scene = self.view.scene()
        for node_id in self.start:
            node = nodes.get(node_id)
            if node is not None and scene.nodes[node_id].pos() != QPointF(node.x, node.y):
                scene.move_node_item(node_id, QPointF(node.x, node.y))


class ConnectGesture(Gesture):
    """A rubber line from a node to the cursor; released (or clicked, when sticky) over another node: AddLink."""

    def __init__(self, view: CanvasView, source: NodeItem, press_view_pos: QPoint | None, sticky: bool = False):
        super().__init__(view)
        self.source = source
        self.press_view_pos = press_view_pos
        self.sticky = sticky  # started from a menu: follows the mouse until the next click
        self.started = sticky
        self.line = QGraphicsLineItem()
        self.line.setPen(view.scene().theme.rubber_pen())
        self.line.setZValue(10.0)
        self.line.setVisible(sticky)
        view.scene().addItem(self.line)
        self.line.setLine(QLineF(source.pos(), source.pos()))

    def move(self, event) -> bool:
        pos = event.position().toPoint()
        if not self.started and self.press_view_pos is not None and not _far_enough(pos, self.press_view_pos):
            return False
        self.started = True
        self.line.setVisible(True)
        self.line.setLine(QLineF(self.source.pos(), self.view.mapToScene(pos)))
        return False

    def press(self, event) -> bool:
        if not self.sticky:
            return False
        if event.button() != Qt.MouseButton.LeftButton:  # a right or middle click cancels, as Esc does: only a
            self.cancel()                                 # left click picks the other end
            self.view.viewport().unsetCursor()
            self.view.message.emit("")  # and takes the hint away, as Esc does
            return True
        self._finish(event.position().toPoint())
        return True

    def release(self, event) -> bool:
        if self.sticky:
            return False
        if self.started:
            self._finish(event.position().toPoint())
        else:
            self._remove_line()
            self.view.toggle_selected(self.source.item_id)  # a Ctrl-click that did not drag
        return True

    def _finish(self, view_pos: QPoint) -> None:
        self._remove_line()
        if self.sticky:  # its hint goes first: a refusal of the link, said next, stays on the status bar
            self.view.message.emit("")
        target = self.view.scene().node_at(self.view.mapToScene(view_pos))
        if target is not None and target is not self.source:
            self.view.connect_nodes(self.source.item_id, target.item_id)

    def _remove_line(self) -> None:
        if self.line.scene() is not None:
            self.line.scene().removeItem(self.line)

    def cancel(self) -> None:
        self._remove_line()


class PanGesture(Gesture):
    """Scroll the view with a middle, right or Space+left drag. A right click that did not move opens the menu."""

    def __init__(self, view: CanvasView, press_view_pos: QPoint, context_menu_on_click: bool):
        super().__init__(view)
        self.last = press_view_pos
        self.press_view_pos = press_view_pos
        self.context_menu_on_click = context_menu_on_click
        self.started = False

    def move(self, event) -> bool:
        pos = event.position().toPoint()
        if not self.started and not _far_enough(pos, self.press_view_pos):
            return False
        if not self.started:
            self.view.stop_auto_fit()  # the user has taken over the view
        self.started = True
        delta = pos - self.last
        self.last = pos
        h, v = self.view.horizontalScrollBar(), self.view.verticalScrollBar()
        h.setValue(h.value() - delta.x())
        v.setValue(v.value() - delta.y())
        return False

    def release(self, event) -> bool:
        if not self.started and self.context_menu_on_click:
            self.view.show_context_menu(self.press_view_pos)
        return True
