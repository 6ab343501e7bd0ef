"""Light and dark palettes: follow the system colour scheme unless the View menu overrides it."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

MODES = ("system", "light", "dark")


def system_is_dark() -> bool:
    """Whether the platform's colour scheme is dark: the exact question, asked only for the "system" mode.

    Its first call costs 15-20 ms (PySide builds the Python enums of the whole Qt namespace), so nothing else on
    the way to the first paint may touch ``Qt``. The palette's window colour is no substitute: it need not follow
    the colour scheme (a style that forces a light palette, a platform theme with a dark palette and no scheme).
    """
    from PySide6.QtCore import Qt

    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


def is_dark(mode: str) -> bool:
    return mode == "dark" or (mode == "system" and system_is_dark())


def dark_palette() -> QPalette:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2d30", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1f22", QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.ToolTipBase: "#3c3f41", QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8c8c8c", QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#35373a", QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b", QPalette.ColorRole.Highlight: "#3d6fb4",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Link: "#7fb2f0",
        QPalette.ColorRole.Light: "#4a4d50", QPalette.ColorRole.Midlight: "#3e4043",
        QPalette.ColorRole.Mid: "#2f3134", QPalette.ColorRole.Dark: "#1b1c1e", QPalette.ColorRole.Shadow: "#000000",
    }
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return pal


def apply(mode: str, app: QApplication | None = None) -> bool:
    """Set the Fusion style and the palette for ``mode``; returns True when the result is dark.

    Fusion because it draws the same on every platform and honours the palette fully (native styles may not).
    """
    app = app or QApplication.instance()
    if app is None:
        return False
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    dark = is_dark(mode)
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    return dark
