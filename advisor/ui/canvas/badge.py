"""What canvas items share when they paint: the theme of their scene, the level of detail, and the findings badge."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem

from advisor.ui.canvas import theme as th

detail_level = QStyleOptionGraphicsItem.levelOfDetailFromTransform
SELECTED = QStyle.StateFlag.State_Selected


def theme_of(item: QGraphicsItem) -> th.Theme:
    scene = item.scene()
    return scene.theme if scene is not None else th.light()


class Badge:
    """Findings on one subject: how many, and the worst severity (drives the colour)."""

    __slots__ = ("count", "severity")

    def __init__(self, count: int, severity: str):
        self.count, self.severity = count, severity

    def __eq__(self, other):
        return isinstance(other, Badge) and (self.count, self.severity) == (other.count, other.severity)


def draw_badge(painter: QPainter, theme: th.Theme, center: QPointF, badge: Badge, text: bool) -> None:
    painter.setPen(theme.pen(theme.background, 1.5))
    painter.setBrush(theme.severity[badge.severity])
    painter.drawEllipse(center, th.BADGE_R, th.BADGE_R)
    if text:
        painter.setFont(theme.font("badge"))
        painter.setPen(theme.badge_text if badge.severity != "warning" else theme.text_on_warning)
        label = str(badge.count) if badge.count < 100 else "99+"
        painter.drawText(QRectF(center.x() - th.BADGE_R, center.y() - th.BADGE_R, 2 * th.BADGE_R, 2 * th.BADGE_R),
                         Qt.AlignmentFlag.AlignCenter, label)
