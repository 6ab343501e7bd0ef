"""Mouse, keyboard, context menus and palette drops for the canvas view: each press starts a gesture (pan, move,
connect; advisor.ui.canvas.gestures) that the following moves and the release carry on; Space held turns a left drag
into a pan, Esc cancels the gesture and leaves connect mode, the arrow keys move the selection; a right click opens
the item's or the canvas's menu on release, so that a right drag can pan instead.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent

from advisor.ui.canvas import menus
from advisor.ui.canvas.bundle import BundleItem, BundleLabel
from advisor.ui.canvas.gestures import ConnectGesture, Gesture, MoveGesture, PanGesture
from advisor.ui.canvas.items import LinkLabelItem

NODE_MIME = "application/x-advisor-node"  # palette drag: the kind, e.g. b"branch"
# Arrow keys move the selected sites and clouds, as in draw.io (they scrolled the canvas, the selection left behind):
# a pixel, or a grid step with Shift; with nothing selected they still scroll.
NUDGE = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
_PLAIN = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


class InputMixin:
    """For the CanvasView (a QGraphicsView on the DesignScene), which sets ``_gesture`` (None) and ``_space_held``
    (False) and gives ``document``, ``connect_mode``, ``_actions``, ``toggle_selected`` and ``add_node``."""

    # -- mouse and keyboard --------------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._gesture is not None:
            gesture = self._gesture
            if gesture.press(event) and self._gesture is gesture:  # "Connect to…" ended by its click
                self._cancel_gesture(quiet=True)  # its cross cursor goes (it stayed, the click done)
            event.accept()
            return
        pos = event.position().toPoint()
        button, mods = event.button(), event.modifiers()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space_held):
            self._start(PanGesture(self, pos, context_menu_on_click=False), Qt.CursorShape.ClosedHandCursor)
        elif button == Qt.MouseButton.RightButton:
            self._start(PanGesture(self, pos, context_menu_on_click=True), None)
        elif button == Qt.MouseButton.LeftButton and (bundle := self._bundle_at(pos)) is not None:
            self._select_bundle(bundle, bool(mods & (Qt.KeyboardModifier.ControlModifier
                                                     | Qt.KeyboardModifier.ShiftModifier)))
        elif button == Qt.MouseButton.LeftButton and isinstance(label := self.itemAt(pos), LinkLabelItem):
            # A link label is drawn on top, so a click on it means the link, even over a node.
            if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
                self.toggle_selected(label.item_id)
            else:
                self.document.select((label.item_id,))
        elif button == Qt.MouseButton.LeftButton and (node := self.scene().node_at(self.mapToScene(pos))):
            if self.connect_mode or mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                self._start(ConnectGesture(self, node, pos), Qt.CursorShape.CrossCursor)
            else:
                if mods & Qt.KeyboardModifier.ShiftModifier:
                    node.setSelected(True)
                elif not node.isSelected():
                    self.document.select((node.item_id,))
                self._start(MoveGesture(self, node, pos), None)
        else:
            super().mousePressEvent(event)
            return
        event.accept()

    def _item_at(self, view_pos: QPoint):
        return self.scene().item_at(self.mapToScene(view_pos), self.transform())

    def _bundle_at(self, view_pos: QPoint) -> BundleItem | None:
        hit = self.itemAt(view_pos)
        return hit.bundle if isinstance(hit, BundleLabel) else hit if isinstance(hit, BundleItem) else None

    def _select_bundle(self, bundle: BundleItem, toggle: bool) -> None:
        """A click on a bundle of parallel links selects them all (the inspector edits them together; the Links
        table picks one); with Ctrl or Shift it adds them to the selection, or takes them out if all were in."""
        if not toggle:
            self.document.select(bundle.ids)
        elif len(bundle.chosen) == len(bundle.ids):
            self.document.select([i for i in self.document.selected if i not in bundle.chosen])
        else:
            self.document.select([*self.document.selected, *bundle.ids])

    def _start(self, gesture: Gesture, cursor) -> None:
        self._gesture = gesture
        if cursor is not None:
            self.viewport().setCursor(cursor)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._gesture is not None:
            self._gesture.move(event)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._gesture is not None:
            gesture = self._gesture
            if gesture.release(event) and self._gesture is gesture:
                self._gesture = None
                self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt's name
        item = self._item_at(event.position().toPoint())
        if item is not None:
            self.propertiesRequested.emit(item.item_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif event.key() == Qt.Key.Key_Escape:
            self.cancel_gesture()
            if self.connect_mode:
                self._actions["connect"].setChecked(False)
        elif event.key() in NUDGE and not event.modifiers() & ~_PLAIN and self._gesture is None \
                and self.selected_node_ids():
            dx, dy = NUDGE[event.key()]
            self.nudge(dx, dy, far=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = False
            self.viewport().unsetCursor()
        else:
            super().keyReleaseEvent(event)

    def cancel_gesture(self) -> None:
        self._cancel_gesture()  # the view's: the gesture, its cursor and its hint

    def start_connect_from(self, node_id: str) -> None:
        """'Connect…' from a menu: a rubber line follows the mouse until the next click picks the other end."""
        node = self.scene().nodes.get(node_id)
        if node is not None:
            self.cancel_gesture()
            self._start(ConnectGesture(self, node, None, sticky=True), Qt.CursorShape.CrossCursor)
            self.message.emit("Click the site or cloud to connect to (Esc cancels)")

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        # Right-button menus open on release (see PanGesture) so that a right drag can pan instead.
        if event.reason() != QContextMenuEvent.Reason.Mouse:
            self.show_context_menu(event.pos())
        event.accept()

    def show_context_menu(self, view_pos: QPoint) -> None:
        item = self._item_at(view_pos)
        if isinstance(item, BundleItem):
            if not item.chosen:  # the menu acts on the bundle's links: all of them, unless some are selected
                self.document.select(item.ids)
            menu = menus.item_menu(self, item)
        elif item is not None:
            if item.item_id not in self.document.selected:
                self.document.select((item.item_id,))
            menu = menus.item_menu(self, item)
        else:
            menu = menus.canvas_menu(self, self.mapToScene(view_pos))
        self.last_menu = menu
        menu.popup(self.viewport().mapToGlobal(view_pos))

    # -- drops from the palette ----------------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasFormat(NODE_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasFormat(NODE_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not event.mimeData().hasFormat(NODE_MIME):
            event.ignore()
            return
        kind = bytes(event.mimeData().data(NODE_MIME)).decode("utf-8", "replace")
        self.add_node(kind, self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()
