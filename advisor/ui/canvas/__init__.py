"""The design canvas: scene (mirrors the document), view (gestures → commands), items, layouts, theme, palette."""

from advisor.ui.canvas.palette import Palette
from advisor.ui.canvas.view import CanvasView

__all__ = ["CanvasView", "Palette"]
