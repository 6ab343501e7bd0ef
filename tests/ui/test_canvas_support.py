"""Support for the canvas tests (no tests here): real mouse, wheel and drop events sent to the viewport."""

from __future__ import annotations

import warnings

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from advisor.ui.canvas.view import NODE_MIME

LEFT, RIGHT, MIDDLE = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton
NO_MODS = Qt.KeyboardModifier.NoModifier


def view_point(view, scene_xy) -> QPoint:
    return view.mapFromScene(QPointF(*scene_xy))


def _mouse(view, kind, pos: QPoint, button, buttons, mods) -> None:
    viewport = view.viewport()
    event = QMouseEvent(kind, QPointF(pos), QPointF(viewport.mapToGlobal(pos)), button, buttons, mods)
    QApplication.sendEvent(viewport, event)


def press(view, pos: QPoint, button=LEFT, mods=NO_MODS) -> None:
    _mouse(view, QEvent.Type.MouseButtonPress, pos, button, button, mods)


def move(view, pos: QPoint, buttons=LEFT, mods=NO_MODS) -> None:
    _mouse(view, QEvent.Type.MouseMove, pos, Qt.MouseButton.NoButton, buttons, mods)


def release(view, pos: QPoint, button=LEFT, mods=NO_MODS) -> None:
    _mouse(view, QEvent.Type.MouseButtonRelease, pos, button, Qt.MouseButton.NoButton, mods)


def click(view, pos: QPoint, button=LEFT, mods=NO_MODS) -> None:
    press(view, pos, button, mods)
    release(view, pos, button, mods)


def drag(view, start: QPoint, end: QPoint, button=LEFT, mods=NO_MODS, steps: int = 6) -> None:
    """Press, move in steps (as a hand would), release: one gesture."""
    press(view, start, button, mods)
    for i in range(1, steps + 1):
        move(view, start + (end - start) * (i / steps), button, mods)
    release(view, end, button, mods)


def drag_scene(view, start_xy, end_xy, button=LEFT, mods=NO_MODS) -> None:
    drag(view, view_point(view, start_xy), view_point(view, end_xy), button, mods)


def drop_kind(view, kind: str, scene_xy) -> None:
    """What the window system delivers when a palette item is dropped on the canvas."""
    mime = QMimeData()
    mime.setData(NODE_MIME, kind.encode())
    pos = QPointF(view_point(view, scene_xy))
    # QApplication.sendEvent filters drag events that no real QDrag started, so call the handlers directly:
    # the same code path the window system drives.
    with warnings.catch_warnings():  # PySide 6.12 marks this (only) constructor deprecated; Qt itself does not
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime, LEFT, NO_MODS)
    view.dragEnterEvent(enter)
    assert enter.isAccepted()
    event = QDropEvent(pos, Qt.DropAction.CopyAction, mime, LEFT, NO_MODS)
    view.dropEvent(event)
    assert event.isAccepted()


def wheel(view, pos: QPoint, notches: float) -> None:
    viewport = view.viewport()
    event = QWheelEvent(QPointF(pos), QPointF(viewport.mapToGlobal(pos)), QPoint(0, 0),
                        QPoint(0, int(120 * notches)), Qt.MouseButton.NoButton, NO_MODS,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, event)


def shown_view(qtbot, document):
    """A 900 × 600 canvas on `document`, shown and centred where the sample design sits."""
    from advisor.ui.canvas.view import CanvasView

    view = CanvasView(document)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    view.centerOn(0, 100)
    return view
