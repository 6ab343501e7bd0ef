"""Icons and bundled resources for the desktop app: SVGs in resources/icons, examples in resources/examples."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

NODE_ICONS = {
    "hq": "site-hq", "branch": "site-branch", "datacenter": "site-datacenter",
    "mpls": "cloud-mpls", "internet": "cloud-internet", "private-wan": "cloud-private-wan",
}


def resources_dir() -> Path:
    # A frozen build (PyInstaller) unpacks data next to the executable; a checkout keeps it beside the package.
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def examples() -> list[Path]:
    return sorted((resources_dir() / "examples").glob("*.json"))


@cache
def icon(name: str) -> QIcon:
    """The icon resources/icons/<name>.svg; a null QIcon (never an exception) if it is missing."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def node_icon(kind: str) -> QIcon:
    return icon(NODE_ICONS.get(kind, "site-branch"))
