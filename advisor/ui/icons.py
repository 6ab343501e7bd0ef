"""Icons and bundled resources for the desktop app: SVGs in resources/icons, examples in resources/examples."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from advisor.paths import resources_dir

NODE_ICONS = {
    "hq": "site-hq", "branch": "site-branch", "datacenter": "site-datacenter",
    "mpls": "cloud-mpls", "internet": "cloud-internet", "private-wan": "cloud-private-wan",
}


def examples() -> list[Path]:
    return sorted((resources_dir() / "examples").glob("*.json"))


@cache
def icon(name: str) -> QIcon:
    """The icon resources/icons/<name>.svg; a null QIcon (never an exception) if it is missing."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def node_icon(kind: str) -> QIcon:
    return icon(NODE_ICONS.get(kind, "site-branch"))


def action_icon(name: str, colour: QColor | str) -> QIcon:
    """The toolbar icon resources/icons/action-<name>.svg drawn in ``colour`` (its ``currentColor``).

    The line icons take the palette's text colour, so they read on light and dark themes alike; Qt derives the
    greyed "disabled" look from these pixmaps. A missing file gives a null QIcon, never an exception.
    """
    return _tinted(name, QColor(colour).name())


@cache
def _tinted(name: str, colour: str) -> QIcon:
    # Both only when the toolbar is built, after the first paint (the first use of ``Qt`` costs 15-20 ms).
    from PySide6.QtCore import Qt
    from PySide6.QtSvg import QSvgRenderer

    path = resources_dir() / "icons" / f"action-{name}.svg"
    if not path.is_file():
        return QIcon()
    svg = path.read_text(encoding="utf-8").replace("currentColor", colour)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    result = QIcon()
    for size in (16, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        result.addPixmap(pixmap)
    return result
