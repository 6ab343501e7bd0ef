"""A link's label: drawn above the nodes, so that labels stay readable where they cross a node's name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from advisor.ui.canvas import theme as th
from advisor.ui.canvas.badge import detail_level, draw_badge, theme_of

if TYPE_CHECKING:
    from advisor.ui.canvas.items import LinkItem


class LinkLabelItem(QGraphicsItem):
    """A link's label (calls · kbps / capacity) and its findings badge, drawn above the nodes."""

    def __init__(self, link_item: LinkItem):
        super().__init__()
        self.link_item = link_item
        self.item_id = link_item.item_id
        self.setZValue(2.0)
        self._label_rect = QRectF()
        self._rect = QRectF()

    def toolTip(self) -> str:  # noqa: N802 - Qt's name
        return self.link_item.toolTip()  # the link's, brought up to date

    def adjust(self, label_rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._label_rect = label_rect
        self._rect = label_rect.adjusted(-2, -th.BADGE_R - 2, th.BADGE_R + 6, 2)  # + a "99+" pill (draw_badge)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._label_rect)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = detail_level(painter.worldTransform())
        if lod < th.TEXT_LOD:
            return
        if lod < th.DENSE_LABEL_LOD and th.dense(self.scene()):  # its labels pile on one another until zoomed in
            return
        link, theme = self.link_item, theme_of(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(theme.pen(theme.link_pen(link.status, link.isSelected()).color(), 1.0))
        painter.setBrush(theme.label_back)
        painter.drawRoundedRect(self._label_rect, 5, 5)
        painter.setFont(theme.font("small"))
        painter.setPen(theme.text)
        painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, link.label)
        if link.badge:
            center = QPointF(self._label_rect.right(), self._label_rect.top())
            draw_badge(painter, theme, center, link.badge, True)
