"""Vector shapes for each kind of node (HQ, branch, data centre, MPLS, Internet, private WAN), drawn with QPainter.

Paths stay crisp at any zoom and need no image files; the palette renders its icons from the same paths.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPainterPathStroker, QPixmap, QPolygonF

from advisor.commands import CLOUD_KINDS
from advisor.report.diagram_space import clip
from advisor.ui.canvas import theme as th

CLOUD_TEXT = {"mpls": "MPLS", "internet": "Internet", "private-wan": "Private WAN"}


def beside_offset(line: QLineF, w: float, h: float, side: float) -> tuple[float, float]:
    """How far a label of w × h beside ``line`` sits from the line's point, along the line's normal: ``side`` 1 or
    -1 just clear of the line, 2 or -2 a step further (clear of a site's icon, above a level link), 3 or -3 two
    steps (clear of the icon and the name under it) (see canvas.labels.candidate_places)."""
    length = line.length()
    if length <= 0:
        return 0.0, 0.0
    nx, ny = -line.dy() / length, line.dx() / length
    reach = abs(nx) * w / 2 + abs(ny) * h / 2 + BESIDE_GAP + (abs(side) - 1) * BESIDE_STEP
    sign = 1.0 if side > 0 else -1.0
    return sign * nx * reach, sign * ny * reach


BESIDE_GAP = 4.0  # scene px between a line and a label beside it
BESIDE_STEP = 32.0  # scene px between the distances tried beside a line: about half a site's icon and its gap


def line_stroke(line: QLineF, width: float) -> QPainterPath:
    """The area within width / 2 of a line: what a click on a link (or a bundle of links) hits."""
    path = QPainterPath(line.p1())
    path.lineTo(line.p2())
    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    return stroker.createStroke(path)


def is_cloud(kind: str) -> bool:
    return kind in CLOUD_KINDS


def body_rect(kind: str) -> QRectF:
    """The node's body, centred on its position."""
    if is_cloud(kind):
        return QRectF(-th.CLOUD_W / 2, -th.CLOUD_H / 2, th.CLOUD_W, th.CLOUD_H)
    s = th.SITE_ICON
    return QRectF(-s / 2, -s / 2, s, s)


@cache
def body_path(kind: str) -> QPainterPath:
    rect = body_rect(kind)
    path = QPainterPath()
    if not is_cloud(kind):
        path.addRoundedRect(rect, 9, 9)
        return path
    w, h = rect.width(), rect.height()
    # A cloud: overlapping circles over a flat-bottomed base, united into one outline.
    parts = [(-0.30, 0.08, 0.30), (-0.05, -0.12, 0.36), (0.25, 0.02, 0.30), (0.0, 0.15, 0.30)]
    for cx, cy, r in parts:
        circle = QPainterPath()
        circle.addEllipse(QPointF(cx * w, cy * h), r * w * 0.62, r * h * 1.25)
        path = path.united(circle)
    base = QPainterPath()
    base.addRoundedRect(QRectF(-0.42 * w, 0.0, 0.84 * w, 0.45 * h), 0.2 * h, 0.2 * h)
    return path.united(base).simplified()


@cache
def glyph_path(kind: str) -> QPainterPath:
    """The white pictogram inside a site body (odd-even fill: inner shapes are holes)."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    if kind == "hq":  # a tall building with a grid of windows
        path.addRect(QRectF(-11, -14, 22, 28))
        for row in range(4):
            for col in range(3):
                path.addRect(QRectF(-8 + col * 6, -11 + row * 6, 3.5, 3.5))
    elif kind == "branch":  # a small house with a door
        path.addPolygon(QPolygonF([QPointF(-13, -1), QPointF(0, -13), QPointF(13, -1), QPointF(-13, -1)]))
        path.addRect(QRectF(-10, -1, 20, 14))
        path.addRect(QRectF(-3, 4, 6, 9))
    elif kind == "datacenter":  # a stack of three servers, each with a status light
        for i in range(3):
            path.addRoundedRect(QRectF(-13, -13 + i * 9.5, 26, 7.5), 1.5, 1.5)
            path.addEllipse(QPointF(8.5, -9.25 + i * 9.5), 1.6, 1.6)
    return path


def paint_node_icon(painter: QPainter, kind: str, theme: th.Theme, selected: bool = False) -> None:
    """Body and pictogram of one node at the painter's origin (shared by items and the palette)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = theme.node_fill[kind]
    line = theme.selection if selected else theme.node_line
    if is_cloud(kind):
        style = Qt.PenStyle.DashLine if kind == "internet" else Qt.PenStyle.SolidLine  # dashed: untrusted
        painter.setPen(theme.pen(line, 2.5 if selected else 1.4, style))
        painter.setBrush(fill)
        painter.drawPath(body_path(kind))
        return
    painter.setPen(theme.pen(line if selected else fill.darker(130), 2.5 if selected else 1.0))
    painter.setBrush(fill)
    painter.drawPath(body_path(kind))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("white"))
    painter.drawPath(glyph_path(kind))


def kind_icon(kind: str, theme: th.Theme, size_px: int = 40) -> QIcon:
    """A palette icon drawn from the same paths as the canvas."""
    pixmap = QPixmap(size_px * 2, size_px * 2)  # 2x for high-DPI screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    rect = body_rect(kind).adjusted(-3, -3, 3, 3)
    scale = size_px / max(rect.width(), rect.height())
    painter.translate(size_px / 2, size_px / 2)
    painter.scale(scale, scale)
    paint_node_icon(painter, kind, theme)
    painter.end()
    return QIcon(pixmap)


def visible_part(line: QLineF, rect: QRectF) -> QLineF | None:
    """The part of `line` inside `rect`, on the same line (the PDF drawing's Liang–Barsky clip); None when it misses
    the rect. Qt's raster engine strokes an antialiased line over its whole length, however little of it shows."""
    part = clip(line.x1(), line.y1(), line.x2(), line.y2(), (rect.left(), rect.top(), rect.right(), rect.bottom()))
    return None if part is None else QLineF(*part)
