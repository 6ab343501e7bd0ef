"""Where the bundled resources live: beside the package in a checkout, under ``sys._MEIPASS`` when frozen."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller unpacks data next to the frozen modules
    return (Path(frozen) if frozen else Path(__file__).resolve().parent.parent) / "resources"
