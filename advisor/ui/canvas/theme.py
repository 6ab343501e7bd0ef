"""Every colour, pen, brush, font and size the canvas draws with, in a light and a dark variant.

The variant follows the application palette, which follows the system colour scheme (or the user's choice).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette, QPen

# Sizes in scene units (1 unit = 1 px at 100 % zoom).
SITE_ICON = 44.0
CLOUD_W, CLOUD_H = 96.0, 58.0
GRID = 20.0
LABEL_PT = 10.0
SMALL_PT = 8.5
BADGE_R = 9.0
LINK_WIDTH = 2.0
# Below this level of detail items draw plain shapes without text: it is unreadable there and costs the most.
TEXT_LOD = 0.45
DETAIL_LOD = 0.2  # below this, nodes are single filled squares/ellipses
# A scene of this many links or more (a full mesh of 64 sites and up) draws each line one pixel wide at any zoom, as
# when zoomed out below DETAIL_LOD: Qt strokes a wider line through its path stroker, and a 150-site full mesh's
# 11,175 links took 1.9 s per repaint (0.6 s one pixel wide), a 300-site one's 44,850 about 9 s
DENSE_LINKS = 2000
DENSE_LABEL_LOD = 1.0  # … and shows its links' labels from 100 % zoom: fitted, they piled on one another unread
# Between NAME_LOD and TEXT_LOD a fitted design of a few dozen sites still shows each name, kept at the on-screen
# size it has at zoom NAME_SCREEN_ZOOM (a name is what a user reads first); the bounding rect allows for it.
NAME_LOD = 0.26
NAME_SCREEN_ZOOM = 0.65
GRID_MIN_PX = 9.0  # grid dots closer than this on screen are noise: skip them


def dense(scene) -> bool:
    """Whether `scene` (a design scene, or None) holds DENSE_LINKS links or more."""
    return scene is not None and len(getattr(scene, "links", ())) >= DENSE_LINKS


@dataclass(frozen=True)
class Theme:
    dark: bool
    background: QColor
    grid: QColor
    text: QColor
    text_dim: QColor
    label_back: QColor
    selection: QColor
    node_fill: dict[str, QColor]
    node_line: QColor
    link: QColor
    link_status: dict[str, QColor]
    severity: dict[str, QColor]
    rubber: QColor
    badge_text: QColor = field(default_factory=lambda: QColor("white"))
    text_on_warning: QColor = field(default_factory=lambda: QColor("#1d232b"))
    fonts: dict[str, QFont] = field(default_factory=dict)
    # Link pens made so far, by (status, selected, far): a canvas repaint asks for one per link (1,000 of them).
    _link_pens: dict[tuple, QPen] = field(default_factory=dict, init=False, compare=False, repr=False)

    def pen(self, color: QColor, width: float = 1.0, style=Qt.PenStyle.SolidLine) -> QPen:
        pen = QPen(color, width, style)
        pen.setCosmetic(False)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        return pen

    def brush(self, color: QColor) -> QBrush:
        return QBrush(color)

    def link_pen(self, status: str | None, selected: bool, far: bool = False) -> QPen:
        """The pen of a link line; ``far`` (zoomed out below DETAIL_LOD): one or two pixels whatever the zoom.
        Shared: do not change the pen returned."""
        key = (status, selected, far)
        pen = self._link_pens.get(key)
        if pen is None:
            color = self.selection if selected else self.link_status.get(status or "", self.link)
            pen = self.pen(color, LINK_WIDTH * (2.0 if selected else 1.0) + (1.0 if status in ("llq", "overload")
                                                                               else 0.0))
            if far:  # one pixel; a selected link is drawn twice side by side (LinkItem.paint)
                pen.setCosmetic(True)
                pen.setWidthF(1.0)
            self._link_pens[key] = pen
        return pen

    def rubber_pen(self) -> QPen:
        pen = QPen(self.rubber, 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        return pen

    def font(self, role: str) -> QFont:
        return self.fonts[role]


def _fonts() -> dict[str, QFont]:
    base = QGuiApplication.font() if QGuiApplication.instance() else QFont()
    label = QFont(base)
    label.setPointSizeF(LABEL_PT)
    label.setBold(True)
    small = QFont(base)
    small.setPointSizeF(SMALL_PT)
    badge = QFont(base)
    badge.setPointSizeF(7.5)
    badge.setBold(True)
    cloud = QFont(base)
    cloud.setPointSizeF(9.0)
    cloud.setBold(True)
    return {"label": label, "small": small, "badge": badge, "cloud": cloud}


def light() -> Theme:
    return Theme(
        dark=False,
        background=QColor("#f7f8fa"), grid=QColor("#e3e6eb"), text=QColor("#1d232b"), text_dim=QColor("#55606e"),
        label_back=QColor(255, 255, 255, 215), selection=QColor("#1f6feb"),
        node_fill={"hq": QColor("#2f6db3"), "branch": QColor("#3b8d5a"), "datacenter": QColor("#6b4fa8"),
                   "mpls": QColor("#e3ecf7"), "internet": QColor("#fbeede"), "private-wan": QColor("#e6f2ea")},
        node_line=QColor("#3a4350"), link=QColor("#6b7684"),
        link_status={"ok": QColor("#2e8b57"), "llq": QColor("#d9822b"), "overload": QColor("#d03838")},
        severity={"error": QColor("#d03838"), "warning": QColor("#e0a100"), "info": QColor("#3f7fd6")},
        rubber=QColor("#1f6feb"), fonts=_fonts())


def dark() -> Theme:
    return Theme(
        dark=True,
        background=QColor("#1c1f24"), grid=QColor("#272b31"), text=QColor("#e6e9ee"), text_dim=QColor("#a4adb9"),
        label_back=QColor(28, 31, 36, 220), selection=QColor("#58a6ff"),
        node_fill={"hq": QColor("#4a88d0"), "branch": QColor("#4fa872"), "datacenter": QColor("#8c70c9"),
                   "mpls": QColor("#24344a"), "internet": QColor("#44341f"), "private-wan": QColor("#213a2b")},
        node_line=QColor("#b8c0cc"), link=QColor("#8d97a5"),
        link_status={"ok": QColor("#4cc17f"), "llq": QColor("#f0a045"), "overload": QColor("#ff6b6b")},
        severity={"error": QColor("#ff6b6b"), "warning": QColor("#f2c037"), "info": QColor("#6ca8ff")},
        rubber=QColor("#58a6ff"), fonts=_fonts())


def system_is_dark() -> bool:
    """Dark when the application palette is dark: it carries the system scheme and any user override."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    if window.isValid():
        return window.lightness() < 128
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def current() -> Theme:
    return dark() if system_is_dark() else light()
