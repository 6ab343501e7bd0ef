"""Light and dark palettes: follow the system colour scheme unless the View menu overrides it."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

MODES = ("system", "light", "dark")


def system_is_dark() -> bool:
    """Whether the platform's colour scheme is dark: the exact question, asked only for the "system" mode.

    Asked through Qt's own answer (QStyleHints::colorScheme). The palette's window colour is no substitute: it
    need not follow the colour scheme (a style that forces a light palette, a platform theme with a dark palette
    and no scheme). The Python route to that answer costs 15-20 ms on its first use, because PySide builds the
    enums of the whole ``Qt`` namespace for the returned ``Qt.ColorScheme``; start-up asks before the first paint,
    so it reads the same C++ function's integer result directly (see ``_native_color_scheme``) when it can.
    """
    scheme = _native_color_scheme()
    if scheme is not None:
        return scheme == COLOR_SCHEME_DARK
    from PySide6.QtCore import Qt

    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


COLOR_SCHEME_DARK = 2  # Qt::ColorScheme::Dark (Unknown 0, Light 1), fixed by Qt's ABI since Qt 6.5
# QStyleHints::colorScheme() const, by the Itanium C++ ABI's name (Linux, macOS; dlsym adds macOS's underscore).
_COLOR_SCHEME_SYMBOL = "_ZNK11QStyleHints11colorSchemeEv"


def _native_color_scheme() -> int | None:
    """QStyleHints::colorScheme() as Qt's integer, read without the Python enum; None where it cannot be."""
    hints = QGuiApplication.styleHints()
    return None if hints is None else _int_getter(hints, _COLOR_SCHEME_SYMBOL)


def _int_getter(obj, symbol: str) -> int | None:
    """Call the QtGui member function ``symbol`` (const, no arguments, returning an int or an int-sized enum) on
    ``obj`` in the loaded QtGui library; None where it cannot be.

    ``this`` is such a function's only argument and the result comes back as an int, on every 64-bit Itanium-ABI
    platform. The symbol is looked up through the binding module's handle, which reaches the exact QtGui library
    PySide loaded (never another copy); where the lookup fails (Windows, whose loader does not search a module's
    dependencies; a Qt without the function) the caller falls back to the Python route.
    """
    try:
        import ctypes

        import shiboken6
        from PySide6 import QtGui

        function = getattr(ctypes.CDLL(QtGui.__file__), symbol)
        function.restype, function.argtypes = ctypes.c_int, [ctypes.c_void_p]
        return int(function(shiboken6.getCppPointer(obj)[0]))
    except (AttributeError, OSError, TypeError, ValueError):
        return None


def is_dark(mode: str) -> bool:
    return mode == "dark" or (mode == "system" and system_is_dark())


# Words in a signal colour (a refusal, an error count, a link's status) on the light palette and on the dark one:
# the light palette's dark red read at 2.5:1 on the dark one's grey (the findings panel alone had a dark set). Each
# reads at 4.5:1 or better on its own palette's window and base colours.
TONES = {"error": ("#c62828", "#ff6b6b"), "warning": ("#b26a00", "#f2c037"), "ok": ("#2e7d32", "#81c784"),
         "info": ("#1565c0", "#6ca8ff")}


def palette_is_dark(palette: QPalette | None = None) -> bool:
    """Whether `palette` (else the application's) draws light text on a dark window."""
    palette = palette if palette is not None else QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone(name: str, palette: QPalette | None = None) -> str:
    """The colour of the signal `name` ("error", "warning", "ok", "info") that reads on `palette`."""
    return TONES[name][palette_is_dark(palette)]


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


def light_palette() -> QPalette:
    """Fusion's standard light palette, built as Qt builds it (qt_fusionPalette for a light or unknown colour
    scheme) instead of asking the style for it (see ``apply_palette``). tests/ui/test_appearance.py checks it
    against QFusionStyle.standardPalette(), brush by brush."""
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    black, white, background = QColor(0, 0, 0), QColor(255, 255, 255), QColor(239, 239, 239)
    mid, dark = background.darker(130), background.darker(150)
    shadow, highlight = dark.darker(135), QColor(48, 140, 198)
    disabled_text, disabled_highlight = QColor(190, 190, 190), QColor(145, 145, 145)
    placeholder = QColor(0, 0, 0, 128)  # (QColor(black) would build PySide's whole Qt namespace: its overloads)
    pal = QPalette(black, background, background.lighter(150), dark, mid, black, white)
    for which, colour in ((role.Midlight, mid.lighter(110)), (role.Button, background), (role.Shadow, shadow),
                          (role.HighlightedText, white), (role.PlaceholderText, placeholder)):
        pal.setColor(which, colour)
    for which, colour in ((role.Text, disabled_text), (role.WindowText, disabled_text),
                          (role.ButtonText, disabled_text), (role.Base, background),
                          (role.Dark, QColor(209, 209, 209).darker(110)), (role.Shadow, shadow.lighter(150))):
        pal.setColor(group.Disabled, which, colour)
    for which in (role.Highlight, role.Accent):
        pal.setColor(group.Active, which, highlight)
        pal.setColor(group.Inactive, which, highlight)
        pal.setColor(group.Disabled, which, disabled_highlight)
    return pal


# An application started with these arguments has the Fusion style from its first widget: start-up then needs
# apply_palette() alone, which never touches a QStyle (its Python wrapper costs 7-15 ms the first time: PySide
# builds its eleven enums, 528 members), so the first frame paints as soon as a bare window's would.
FUSION_ARGS = ("-style", "fusion")


def apply(mode: str, app: QApplication | None = None) -> bool:
    """Set the Fusion style and the palette for ``mode``; returns True when the result is dark.

    Fusion because it draws the same on every platform and honours the palette fully (native styles may not).
    """
    app = app or QApplication.instance()
    if app is None:
        return False
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    return apply_palette(mode, app)


def apply_palette(mode: str, app: QApplication) -> bool:
    """The palette for ``mode`` (the style being Fusion already); returns True when it is dark."""
    dark = is_dark(mode)
    app.setPalette(dark_palette() if dark else light_palette())
    return dark
