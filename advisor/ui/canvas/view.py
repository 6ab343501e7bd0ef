"""The canvas view: shows the document's design, turns mouse gestures and actions into commands.

Zoom with the wheel around the cursor (advisor.ui.canvas.zoom); pan with a middle, right or Space+left drag and drop
palette kinds to add nodes (advisor.ui.canvas.view_input); the edits themselves are made here.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsView, QMenu

from advisor import numbers
from advisor.commands import (
    AddLink,
    AddNodes,
    CommandError,
    DeleteItems,
    MoveNodes,
    describe_nodes,
    make_link,
    make_node,
)
from advisor.rules._names import names_for
from advisor.ui.busy import busy
from advisor.ui.canvas import clipboard, drag_layer, layout, menus
from advisor.ui.canvas import theme as th
from advisor.ui.canvas.bundle import PARALLEL_DRAWN
from advisor.ui.canvas.gestures import Gesture
from advisor.ui.canvas.items import NodeItem
from advisor.ui.canvas.scene import DesignScene
from advisor.ui.canvas.view_input import NODE_MIME, InputMixin
from advisor.ui.canvas.zoom import ZoomMixin
from advisor.ui.edit_words import cleared_references

__all__ = ["NODE_MIME", "CanvasView"]  # NODE_MIME: the palette's drags, defined with the drops in view_input

LAYOUT_BUSY_NODES = 1_000  # sites and clouds from which a layout takes a noticeable time (~0.3 s)


class CanvasView(ZoomMixin, InputMixin, QGraphicsView):
    message = Signal(str)  # a refused edit or a hint, for the status bar
    propertiesRequested = Signal(str)  # double-click or "Properties…" on an item: show it in the inspector

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.snap_to_grid = False
        self._gesture: Gesture | None = None
        self._space_held = False
        self._paste_count = 0
        self.last_menu: QMenu | None = None
        scene = DesignScene(th.current(), self)
        self.setScene(scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self.init_zoom()
        self._actions = menus.build_actions(self)
        self.addActions(list(self._actions.values()))
        scene.sync(document.design)
        scene.apply_results(document.results)
        scene.set_selected_ids(document.selected)
        scene.selectedIdsChanged.connect(document.select)
        document.replacing.connect(self._on_replacing)
        document.designChanged.connect(self._on_design_changed)
        document.resultsChanged.connect(scene.apply_results)
        document.selectionChanged.connect(scene.set_selected_ids)

    # -- public API ----------------------------------------------------------------------------------------------
    def actions(self):  # the canvas actions with their shortcuts, for the window's menus
        return list(self._actions.values())

    def action(self, name: str):
        return self._actions[name]

    @property
    def connect_mode(self) -> bool:
        return self._actions["connect"].isChecked()

    def set_theme(self, theme: th.Theme) -> None:
        drag_layer.stop(self)  # a drag's picture has the old colours
        self.scene().set_theme(theme)
        self.resetCachedContent()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # The window switches light/dark by changing the application palette: follow it.
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            theme = th.current()
            if theme.dark != self.scene().theme.dark:
                self.set_theme(theme)
        super().changeEvent(event)

    def push(self, cmd) -> bool:
        """Push to the document; a refused edit becomes a status message, never an exception in a slot."""
        try:
            self.document.push(cmd)
        except ValueError as exc:
            self.message.emit(str(exc))
            return False
        return True

    def add_node(self, kind: str, scene_pos: QPointF) -> str | None:
        """What a palette drop does: a new node of ``kind`` at ``scene_pos``, selected. Returns its id."""
        x, y = scene_pos.x(), scene_pos.y()
        if self.snap_to_grid:
            x, y = layout.snap(x, y, th.GRID)
        x, y = layout.on_canvas(round(x, 2)), layout.on_canvas(round(y, 2))  # a drop past the edge lands on it
        try:
            node = make_node(self.document.design, kind, x, y)
        except CommandError as exc:
            self.message.emit(str(exc))
            return None
        if not self.push(AddNodes((node,))):
            return None
        self.document.select((node.id,))
        return node.id

    def add_node_at_center(self, kind: str) -> str | None:
        """What a palette double-click does: a new node in free space, as near the view's centre as there is."""
        scene = self.scene()
        try:
            probe = NodeItem(make_node(self.document.design, kind, 0.0, 0.0), scene.metrics)  # its name's size
        except CommandError as exc:
            self.message.emit(str(exc))
            return None
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        centre = visible.center()
        taken = [_rect(item.footprint().translated(item.pos())) for item in scene.nodes.values()]
        drawn = scene.pairs.drawn()  # a bundle of parallel links counts once (canvas.bundle)
        taken += [_rect(item.label_rect()) for item in drawn]
        lines = [(x.line().x1(), x.line().y1(), x.line().x2(), x.line().y2()) for x in drawn]
        footprint = _rect(probe.footprint())
        # Only where the node's position is on the canvas (±1,000,000): a spot past its edge was put back on it,
        # onto the site there (a view at the edge: each new node on the one before, all on that site)
        limit = layout.POSITION_LIMIT
        canvas = (footprint[0] - limit, footprint[1] - limit, footprint[2] + limit, footprint[3] + limit)

        def on(rect: QRectF) -> layout.Rect:
            left, top, right, bottom = _rect(rect)
            return max(left, canvas[0]), max(top, canvas[1]), min(right, canvas[2]), min(bottom, canvas[3])

        spot = layout.free_spot((centre.x(), centre.y()), footprint, taken, on(visible), th.GRID, lines=lines)
        if spot is None:  # the view is full: the nearest free place beyond it, then show it
            wider = visible.adjusted(-visible.width(), -visible.height(), visible.width(), visible.height())
            spot = layout.free_spot((centre.x(), centre.y()), footprint, taken, on(wider), th.GRID,
                                    lines=lines)
        if spot is None:  # the view is past the canvas's edge: near the point of the canvas nearest its centre
            near = (layout.on_canvas(centre.x()), layout.on_canvas(centre.y()))
            spot = layout.free_spot(near, footprint, taken, canvas, th.GRID, lines=lines)
        if spot is None:
            spot = (max((r[2] for r in taken), default=centre.x()) - footprint[0] + 2 * th.GRID, centre.y())
        node_id = self.add_node(kind, QPointF(*spot))
        if node_id is not None and not visible.contains(scene.nodes[node_id].sceneBoundingRect().center()):
            self.stop_auto_fit()
            self.centerOn(QPointF(*spot))
        return node_id

    def connect_nodes(self, a: str, b: str) -> str | None:
        design = self.document.design
        try:
            link = make_link(design, a, b)
        except CommandError as exc:
            self.message.emit(str(exc))
            return None
        text = f"Connect {describe_nodes(design, [a])} to {describe_nodes(design, [b])}"
        already = sum(1 for ln in design.links if {ln.a, ln.b} == {a, b})
        if not self.push(AddLink(link, text=text)):
            return None
        # Selected, so the inspector offers its capacity and layer 2 at once: the next thing to set.
        self.document.select((link.id,))
        if already:  # allowed (a site with two access links to one cloud), but drawn over the first: said
            names = names_for(self.document.design)
            ends = f"{names.quoted(a)} and {names.quoted(b)}"
            said = (f"A second link between {ends}: each is sized for all of the site's calls (two access links of "
                    "one site)" if already == 1 else
                    f"{numbers.count(already + 1)} links now join {ends}"
                    + (", drawn as one bundle with their count" if already + 1 > PARALLEL_DRAWN else "")
                    + ": each is sized for all of the site's calls (access links of one site)")
            self.message.emit(f"{said}; Edit ▸ Undo removes it")
        return link.id

    def selected_node_ids(self) -> list[str]:
        nodes = self.scene().nodes
        return [i for i in self.document.selected if i in nodes]

    def toggle_selected(self, item_id: str) -> None:
        selected = list(self.document.selected)
        self.document.select([i for i in selected if i != item_id] if item_id in selected else selected + [item_id])

    def select_all(self) -> None:
        scene = self.scene()
        self.document.select([*scene.nodes, *scene.links])

    def delete_selected(self, verb: str = "Delete") -> bool:
        """Delete the selection as one undo step named `verb` ("Cut" for Edit ▸ Cut); True when it went."""
        ids = self.document.selected
        before = self.document.design
        if ids and self.push(DeleteItems(ids, text=f"{verb} {describe_nodes(before, ids)}")):
            if note := cleared_references(before, self.document.design):
                self.message.emit(note)  # the hub or the PSTN site gone back to its default: said, not silent
            return True
        return False

    def auto_layout(self, kind: str) -> bool:
        """Lay the whole design out as one undo step; True when something moved. What it did or why it did not is
        said on the status bar. From `LAYOUT_BUSY_NODES` sites and clouds the wait cursor shows while it works: the
        force layout's pairwise forces take 1.5 s at 3,000, the radial one and its redrawing 2 s at 10,000."""
        if kind not in ("radial", "force"):
            self.message.emit(f"layout: '{kind}' is not radial or force")
            return False
        design = self.document.design
        if len(design.sites) + len(design.clouds) < LAYOUT_BUSY_NODES:
            return self._auto_layout(kind, design)
        with busy():
            return self._auto_layout(kind, design)

    def _auto_layout(self, kind: str, design) -> bool:
        if kind == "radial":
            positions, text = layout.radial(design), "Radial layout"
        else:
            positions, text = layout.force(design), "Force layout"
        if not positions:
            self.message.emit(f"{text}: the design has no site or cloud to lay out")
            return False
        note = ""
        nodes = len(design.sites) + len(design.clouds)
        if kind == "force" and nodes > layout.FORCE_MAX_NODES:  # pairwise forces grow with the square of the nodes
            text = "Radial layout"
            note = f"The force layout arranges up to {layout.FORCE_MAX_NODES:,} sites and clouds; this design has {nodes:,}"
        placed = {n.id: (n.x, n.y) for n in (*design.sites, *design.clouds)}
        if all(placed.get(i) == (float(x), float(y)) for i, (x, y) in positions.items()):
            self.message.emit(f"{note}, and its radial layout is already in place" if note
                              else f"{text}: every site and cloud is already in place")
            return False
        try:
            self.document.push(MoveNodes(positions, text=text))
        except ValueError as exc:
            self.message.emit(f"{text}: not applied ({exc})")
            return False
        self.fit_all()
        if note:
            self.message.emit(f"{note}, so it was laid out radially")
        return True

    def _selected_positions(self) -> dict[str, tuple[float, float]]:
        nodes = self.scene().nodes
        return {i: (nodes[i].pos().x(), nodes[i].pos().y()) for i in self.selected_node_ids()}

    def nudge(self, dx: int, dy: int, far: bool = False) -> None:
        """Move the selected sites and clouds a pixel (`far`, or snapping to the grid: a grid step) along (dx, dy)."""
        step = th.GRID if far or self.snap_to_grid else 1.0
        positions = {i: (round(x + dx * step, 2), round(y + dy * step, 2))
                     for i, (x, y) in self._selected_positions().items()}
        if positions:
            self.push(MoveNodes(positions, text=f"Move {describe_nodes(self.document.design, positions)}"))

    def align(self, how: str) -> None:
        positions = self._selected_positions()
        half = {i: (self.scene().nodes[i].body_rect().width() / 2, self.scene().nodes[i].body_rect().height() / 2)
                for i in positions}
        try:
            moved = layout.align(positions, how, half)
        except ValueError as exc:
            self.message.emit(str(exc))
            return
        nodes = describe_nodes(self.document.design, moved)
        text = (f"Align the centres of {nodes} {'vertically' if how == 'hcenter' else 'horizontally'}"
                if how in ("hcenter", "vcenter") else f"Align {nodes} {how}")  # as the Arrange menu says it
        self.push(MoveNodes(moved, text=text))

    def distribute(self, how: str) -> None:
        try:
            moved = layout.distribute(self._selected_positions(), how)
        except ValueError as exc:
            self.message.emit(str(exc))
            return
        self.push(MoveNodes(moved, text=f"Distribute {describe_nodes(self.document.design, moved)} {how}ly"))

    # -- clipboard (advisor.ui.canvas.clipboard) -----------------------------------------------------------------
    def copy(self) -> None:
        clipboard.copy(self)

    def cut(self) -> None:
        clipboard.cut(self)

    def paste(self) -> None:
        clipboard.paste(self)

    def duplicate(self) -> None:
        clipboard.duplicate(self)

    # -- document → scene ----------------------------------------------------------------------------------------
    def _cancel_gesture(self, quiet: bool = False) -> None:
        """End the gesture running, if any. `quiet`: leave the status bar alone (what the gesture did said its
        own word there)."""
        if self._gesture is not None:
            gesture, self._gesture = self._gesture, None
            gesture.cancel()
            if getattr(gesture, "sticky", False) and not quiet:
                self.message.emit("")  # nor does "Click the site or cloud to connect to" stay on the status bar
            # its cursor goes with it: a "Connect to…" ended by an edit (the Inspector, Undo) left the cross, as if
            # the next click would still pick the other end
            if self._space_held:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self.viewport().unsetCursor()

    def _on_replacing(self) -> None:
        self._cancel_gesture()
        self.scene().clear_design()

    def _on_design_changed(self, old, new) -> None:
        self._cancel_gesture()
        self.scene().sync(new)

    # -- background ----------------------------------------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt's name
        if drag_layer.draw(self, painter):  # sites dragged: the rest is a still picture
            return
        theme = self.scene().theme
        painter.fillRect(rect, theme.background)
        zoom = abs(self.zoom())
        if zoom < 1e-6:
            return
        step = th.GRID
        while step * zoom < th.GRID_MIN_PX:  # coarser grid when zoomed out: constant cost per frame
            step *= 5
        pen = theme.pen(theme.grid, 0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        # crisp, as into the background's cache: a drag's picture dropped mid-paint draws the grid straight on
        # the view (drag_layer.draw), where antialiasing moved each line across two pixels for that one frame
        antialiased = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        left = math.floor(rect.left() / step) * step
        top = math.floor(rect.top() / step) * step
        x = left
        while x < rect.right():
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            x += step
        y = top
        while y < rect.bottom():
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            y += step
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt's name
        """On an empty design, say how to start: a new user should not have to look for it."""
        if self.document.design.sites or self.document.design.clouds:
            return
        painter.save()
        painter.resetTransform()
        painter.setPen(self.scene().theme.text_dim)
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        painter.setFont(font)
        painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter,
                         "Drag a site or a WAN cloud from the Palette onto the canvas.\n"
                         "Then press C (or Ctrl-drag) from one node to another to connect them.\n"
                         "File ▸ Examples opens a ready-made design.")
        painter.restore()


def _rect(rect: QRectF) -> layout.Rect:
    return (rect.left(), rect.top(), rect.right(), rect.bottom())
