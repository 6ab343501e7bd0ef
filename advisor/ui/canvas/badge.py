"""What canvas items share when they paint: the theme of their scene, the level of detail, and the findings badge."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem

from advisor.findings import SEVERITY_ORDER
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
    """A disc in the worst severity's colour with the count; a pill as wide as "99+" needs where the count does not
    fit the disc (it spilled over its edge)."""
    r = half = th.BADGE_R
    label = str(badge.count) if badge.count < 100 else "99+"
    if text:
        font = theme.font("badge")
        half = max(r, QFontMetricsF(font).horizontalAdvance(label) / 2 + 3.0)
    painter.setPen(theme.pen(theme.background, 1.5))
    painter.setBrush(theme.severity[badge.severity])
    box = QRectF(center.x() - half, center.y() - r, 2 * half, 2 * r)
    if half == r:
        painter.drawEllipse(center, r, r)
    else:
        painter.drawRoundedRect(box, r, r)
    if text:
        painter.setFont(font)
        painter.setPen(theme.badge_text if badge.severity != "warning" else theme.text_on_warning)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)


def problems_of(results) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(severity, subjects) of each finding that is a problem: informational findings (the detected model, the
    recommendation) are not."""
    if results is None:
        return ()
    return tuple((f.severity, f.subjects) for f in results.findings if f.severity != "info")


def badges_of(problems) -> dict[str, Badge]:
    """Subject id -> its badge: how many findings (info excluded) and the worst severity, from ``problems_of``."""
    counts: dict[str, int] = {}
    worst: dict[str, str] = {}
    rank = SEVERITY_ORDER
    for severity, subjects in problems:
        for subject in subjects:
            counts[subject] = counts.get(subject, 0) + 1
            known = worst.get(subject)
            if known is None or rank[severity] < rank[known]:
                worst[subject] = severity
    return {subject: Badge(n, worst[subject]) for subject, n in counts.items()}
