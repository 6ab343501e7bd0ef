"""What the plot docks share: pyqtgraph imported on first show only, refresh only while visible, palette colours.

Start-up never imports pyqtgraph: a panel builds its plots the first time its dock is shown, and results that
arrive while it is hidden are drawn when it is shown again (one refresh, not one per analysis).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QDockWidget, QWidget

from advisor.ui.canvas import theme as canvas_theme


def import_pyqtgraph():
    """pyqtgraph, configured once for these docks (antialiased lines; our own colours on every item)."""
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True)
    return pg


class LazyPanel(QWidget):
    """A dock's content that builds its plots on first show and redraws only while on screen.

    Subclasses implement ``_build()`` (create the pyqtgraph widgets) and ``_refresh()`` (draw document.results);
    ``_restyle()`` re-applies colours after a light/dark switch.
    """

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.pg = None  # the pyqtgraph module, once built
        self._dirty = True
        self._check_pending = False
        self._dock = None
        self.refresh_count = 0  # refreshes actually drawn (tests check hidden panels do no work)
        document.resultsChanged.connect(self.set_results)

    @property
    def built(self) -> bool:
        return self.pg is not None

    def on_screen(self) -> bool:
        """Shown and not behind another tab: a tabbed-away dock stays "visible" to Qt but shows nothing."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def set_results(self, _results=None) -> None:
        self._dirty = True
        if self.built and self.on_screen():
            self.refresh()

    def refresh(self) -> None:
        self._dirty = False
        self.refresh_count += 1
        self._refresh()

    def ensure_built(self) -> None:
        if not self.built:
            self.pg = import_pyqtgraph()
            self._build()
            self._restyle()

    def _schedule_check(self, *_args) -> None:
        # After the layout has settled: a tab that has just been raised gets its geometry a moment later.
        if not self._check_pending:
            self._check_pending = True
            QTimer.singleShot(0, self._check)

    def _check(self) -> None:
        self._check_pending = False
        if self.on_screen():
            self.ensure_built()
            if self._dirty:
                self.refresh()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ParentChange:
            dock = self.parent()
            while dock is not None and not isinstance(dock, QDockWidget):
                dock = dock.parent()
            if dock is not None and dock is not self._dock:
                self._dock = dock
                dock.visibilityChanged.connect(self._schedule_check)  # tabs raised and lowered
        return super().event(event)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._schedule_check()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._schedule_check()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.built:
            self._restyle()
            self.set_results()

    # -- colours ----------------------------------------------------------------------------------------------
    def theme(self) -> canvas_theme.Theme:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        return canvas_theme.dark() if dark else canvas_theme.light()

    def style_plot(self, plot, x_label: str, y_label: str) -> None:
        """Background from the palette, axes and labels in the theme's text colours."""
        t = self.theme()
        plot.setBackground(self.palette().color(QPalette.ColorRole.Window))
        item = plot.getPlotItem()
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() - 0.5))
        for name, label in (("bottom", x_label), ("left", y_label)):
            axis = item.getAxis(name)
            # No "(x0.001)" after "links, busiest first" on a design of one link (pyqtgraph scales a unitless axis
            # whose range is within 0-1 or beyond 10⁹, and says so in the label): every axis here is in its units.
            axis.enableAutoSIPrefix(False)
            axis.setPen(self.pg.mkPen(t.text_dim))
            axis.setTextPen(self.pg.mkPen(t.text))
            axis.setTickFont(font)
            axis.setLabel(label, color=t.text_dim.name())
            if not getattr(axis, "grouped", False):  # "800,000" (%), as the tables write it, not "800000"
                axis.tickStrings, axis.grouped = grouped_ticks(axis.tickStrings), True
        right = item.getAxis("right")
        right.setPen(self.pg.mkPen(t.text_dim))
        right.setTextPen(self.pg.mkPen(t.text))
        right.setTickFont(font)
        item.showGrid(x=False, y=True, alpha=0.18 if t.dark else 0.22)

    def _build(self) -> None:
        raise NotImplementedError

    def _refresh(self) -> None:
        raise NotImplementedError

    def _restyle(self) -> None:
        raise NotImplementedError


def grouped_ticks(tick_strings):
    """An axis' `tickStrings` whose figures of 1,000 and more are grouped in thousands, decimals kept as written."""
    def grouped(values, scale, spacing):
        texts = []
        for text in tick_strings(values, scale, spacing):
            try:
                value = float(text)
            except ValueError:  # a name, or pyqtgraph's own notation: as it is
                texts.append(text)
                continue
            plain = "e" not in text.lower() and abs(value) >= 1000
            decimals = len(text.partition(".")[2])
            texts.append(f"{value:,.{decimals}f}" if plain else text)
        return texts
    return grouped


def with_alpha(colour: QColor, alpha: int) -> QColor:
    out = QColor(colour)
    out.setAlpha(alpha)
    return out


def elide(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "…"
