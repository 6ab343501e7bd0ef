"""Windows that fit their screen: the first window's size and a restored geometry both stay inside the screen's
available area (a 1366×768 laptop, a second monitor that has gone away), frame included.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication

DEFAULT_SIZE = QSize(1400, 900)
# The smallest window the docks are laid out for; also set as the window's own minimum, so that the layout does
# not raise it again with every dock it adds (on platforms without size hints, each raise prints a warning).
MINIMUM_SIZE = QSize(900, 600)
# The window manager's frame (title bar and borders) allowed for until the window is shown and its frame known.
FRAME_GUESS = QMargins(8, 34, 8, 8)
MAX_FRAME = 500  # px: no window manager's frame side is wider; a wider one is a wrapped-around coordinate


def available_rect(at: QPoint | None = None) -> QRect:
    """The available area (screen minus panels and docks) of the screen at ``at``, else of the primary screen."""
    screen = QGuiApplication.screenAt(at) if at is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, DEFAULT_SIZE.width(),
                                                                        DEFAULT_SIZE.height())


def centered(size: QSize, available: QRect) -> QRect:
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(available.center())
    return rect


def fit_into(rect: QRect, available: QRect, frame: QMargins = FRAME_GUESS) -> QRect:
    """``rect`` (the window without its frame) shrunk and moved so that it and its frame lie inside ``available``."""
    max_w = available.width() - frame.left() - frame.right()
    max_h = available.height() - frame.top() - frame.bottom()
    w, h = max(1, min(rect.width(), max_w)), max(1, min(rect.height(), max_h))
    left_min, top_min = available.left() + frame.left(), available.top() + frame.top()
    left_max = available.left() + available.width() - frame.right() - w
    top_max = available.top() + available.height() - frame.bottom() - h
    x = min(max(rect.x(), left_min), left_max)
    y = min(max(rect.y(), top_min), top_max)
    return QRect(x, y, w, h)


def minimum_size(available: QRect, frame: QMargins = FRAME_GUESS) -> QSize:
    """MINIMUM_SIZE, or less on a screen smaller than that."""
    return MINIMUM_SIZE.boundedTo(QSize(available.width() - frame.left() - frame.right(),
                                        available.height() - frame.top() - frame.bottom()))


def frame_of(window) -> QMargins:
    """The window's real frame once it is shown and the window system has framed it, else FRAME_GUESS."""
    inner, outer = window.geometry(), window.frameGeometry()
    if not window.isVisible() or inner == outer:
        return FRAME_GUESS
    sides = (inner.left() - outer.left(), inner.top() - outer.top(), outer.right() - inner.right(),
             outer.bottom() - inner.bottom())
    # A window restored at the edge of Qt's coordinates (a damaged saved geometry) has a frame that wraps around
    # there: its sides then read as billions of pixels, more than a QMargins holds
    if not all(0 <= side <= MAX_FRAME for side in sides):
        return FRAME_GUESS
    return QMargins(*sides)


def keep_on_screen(window) -> None:
    """Move and shrink a (restored) normal window into the available area of the screen it is on."""
    if window.isMaximized() or window.isFullScreen():
        return
    rect = window.geometry()
    fitted = fit_into(rect, available_rect(rect.center()), frame_of(window))
    if fitted != rect:
        window.setGeometry(fitted)
