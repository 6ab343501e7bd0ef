"""The palette: drag sources for the six node kinds; double-click (or Enter) adds one at the view's centre.

A drag carries the kind as ``application/x-advisor-node``; the canvas view turns the drop into an AddNodes command.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from advisor.commands import KIND_NAMES
from advisor.ui.canvas import shapes
from advisor.ui.canvas import theme as th
from advisor.ui.canvas.view import NODE_MIME

KINDS = ("hq", "branch", "datacenter", "mpls", "internet", "private-wan")
TIPS = {
    "hq": "Headquarters: 200 users and the CUCM publisher to start with",
    "branch": "Branch office: 25 users to start with",
    "datacenter": "Data centre: servers, no users to start with",
    "mpls": "MPLS VPN cloud: isolation by routing, traffic still in clear text",
    "internet": "Internet cloud: untrusted transport, needs encryption (IPsec/DMVPN)",
    "private-wan": "Private WAN cloud (leased lines, metro Ethernet)",
}


class _KindList(QListWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setMovement(QListWidget.Movement.Static)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setIconSize(QSize(40, 40))
        self.setGridSize(QSize(92, 76))
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Sites on one row, clouds on the next: all six kinds visible without scrolling.
        self.setMinimumHeight(2 * 76 + 2 * self.frameWidth() + 6)
        self.setMinimumWidth(3 * 92 + 2 * self.frameWidth() + 6)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def mimeData(self, items):  # noqa: N802 - Qt's name
        mime = QMimeData()
        if items:
            mime.setData(NODE_MIME, items[0].data(Qt.ItemDataRole.UserRole).encode())
        return mime

    def mimeTypes(self):  # noqa: N802 - Qt's name
        return [NODE_MIME]

    def startDrag(self, actions):  # noqa: N802 - Qt's name
        item = self.currentItem()
        if item is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        drag.setPixmap(item.icon().pixmap(QSize(40, 40)))
        drag.setHotSpot(QPoint(20, 20))
        drag.exec(Qt.DropAction.CopyAction)


class Palette(QWidget):
    kindActivated = Signal(str)  # double-click or Enter on a kind

    def __init__(self, parent=None, view=None, theme: th.Theme | None = None):
        super().__init__(parent)
        self.list = _KindList(self)
        theme = theme or th.current()
        for kind in KINDS:
            item = QListWidgetItem(shapes.kind_icon(kind, theme, 40), KIND_NAMES[kind])
            item.setData(Qt.ItemDataRole.UserRole, kind)
            item.setToolTip(TIPS[kind] + "\nDrag onto the canvas, or double-click to add at the centre.")
            self.list.addItem(item)
        # The how-to lives in the tooltip and on the empty canvas, so the six kinds always have the room.
        self.setToolTip("Drag onto the canvas. Connect: press C, or Ctrl-drag between nodes.")
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.list)
        self.list.itemActivated.connect(lambda item: self.kindActivated.emit(item.data(Qt.ItemDataRole.UserRole)))
        if view is not None:
            self.set_view(view)

    def set_view(self, view) -> None:
        self.kindActivated.connect(view.add_node_at_center)
