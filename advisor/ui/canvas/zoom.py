"""Zoom and fit for the canvas view: wheel zoom around the cursor, zoom in/out, fit to window, centre on an item.

"Fit" is a mode, not a one-off: a fitted view fits again whenever its size changes (the window's layout settles
after a design opens, a dock is resized) until the user zooms, pans or scrolls; then the view stays where they put it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QGraphicsView

from advisor.ui.canvas import theme as th

MIN_ZOOM, MAX_ZOOM = 0.02, 6.0
FIT_MARGIN = 40.0  # scene units around the drawing when fitted
MAX_FIT_ZOOM = 1.5  # one small node should not fill the window


class ZoomMixin:
    """For a QGraphicsView whose scene has ``drawing_rect()``, ``nodes`` and ``links`` (the DesignScene)."""

    auto_fit = False  # fit again on every resize (see the module docstring)
    _fitting = False

    def init_zoom(self: QGraphicsView) -> None:
        # A scroll bar moved by the user (click, drag, keyboard, wheel over the bar) ends the fit mode; a range
        # change made by a fit does not emit actionTriggered.
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.actionTriggered.connect(lambda _action: self.stop_auto_fit())

    def stop_auto_fit(self: QGraphicsView) -> None:
        self.auto_fit = False
        self._fit_bars(False)

    def _fit_bars(self: QGraphicsView, fitted: bool) -> None:
        """No scroll bars while fitted: the whole drawing is in view, and a bar that a fit shows or hides would
        resize the viewport, whose fit would hide or show it again, for ever (at some window sizes the app froze).
        They return as needed when the user zooms or pans."""
        policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOff if fitted else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        if self.verticalScrollBarPolicy() != policy:
            self.setVerticalScrollBarPolicy(policy)
            self.setHorizontalScrollBarPolicy(policy)

    def zoom(self: QGraphicsView) -> float:
        return self.transform().m11()

    def zoom_in(self) -> None:
        self.stop_auto_fit()
        self._zoom_by(1.25)

    def zoom_out(self) -> None:
        self.stop_auto_fit()
        self._zoom_by(0.8)

    def fit_all(self) -> None:
        """Show the whole design, and keep it fitted through size changes until the user zooms or pans."""
        self.auto_fit = True
        self._fit_bars(True)
        self._fit()

    def _fit(self: QGraphicsView) -> None:
        if self._fitting:
            return  # scroll bars appearing during a fit resize the viewport: that resize needs no second fit
        self._fitting = True
        try:
            rect = self.scene().drawing_rect()
            if rect.isEmpty():
                self.resetTransform()
                self.centerOn(0, 0)
                return
            margin = FIT_MARGIN
            self.fitInView(rect.adjusted(-margin, -margin, margin, margin), Qt.AspectRatioMode.KeepAspectRatio)
            if self.zoom() > MAX_FIT_ZOOM:
                self._zoom_by(MAX_FIT_ZOOM / self.zoom())
            self.centerOn(rect.center())
        finally:
            self._fitting = False

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.auto_fit:
            self._fit_bars(True)
            self._fit()

    def center_on(self: QGraphicsView, node_or_link_id: str) -> None:
        scene = self.scene()
        item = scene.nodes.get(node_or_link_id) or scene.links.get(node_or_link_id)
        if item is not None:
            self.stop_auto_fit()
            if self.zoom() < th.TEXT_LOD:  # make the thing readable, not just centred
                self._zoom_by(0.8 / self.zoom())
            self.centerOn(item.sceneBoundingRect().center())

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt's name
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.stop_auto_fit()
            self._zoom_by(math.pow(1.2, steps), event.position().toPoint())
        event.accept()

    def _zoom_by(self: QGraphicsView, factor: float, view_pos: QPoint | None = None) -> None:
        """Scale by ``factor`` keeping the scene point under ``view_pos`` (default: the centre) in place."""
        zoom = self.zoom()
        if zoom <= 0:  # a degenerate transform (never set by us): start again from 100 %
            self.resetTransform()
            zoom = 1.0
        # Within MIN_ZOOM-MAX_ZOOM, or no further out (in) than a fit put the view: a design spread over the whole
        # canvas fits below MIN_ZOOM, and Zoom Out there was raised to MIN_ZOOM, zooming in 80 times
        factor = max(min(MIN_ZOOM, zoom), min(max(MAX_ZOOM, zoom), zoom * factor)) / zoom
        if view_pos is None:
            view_pos = self.viewport().rect().center()
        target = self.mapToScene(view_pos)
        self.scale(factor, factor)
        # Qt's AnchorUnderMouse uses the last mouse *move*, not the wheel event: put the point back ourselves.
        drift = self.mapFromScene(target) - view_pos
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + drift.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + drift.y())
