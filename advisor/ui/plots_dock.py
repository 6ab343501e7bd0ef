"""The link plots dock: per-link utilization, busiest first, and the Erlang B what-if curve of one link.

Bars are coloured by the link's status (ok / over the LLQ share / overloaded) with lines at the LLQ share and at
100 %; clicking a bar selects the link. The second plot shows concurrent calls needed against offered Erlangs at the
design's grade of service, with the selected link's point on the curve.
"""

from __future__ import annotations

import heapq
import html
import math
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from advisor import erlang, numbers
from advisor.explain.link_bounds import design_bound_at, design_short
from advisor.results import BOUNDED_LINK, LinkResult
from advisor.rules._names import names_for
from advisor.ui.plot_common import LazyPanel, elide, with_alpha
from advisor.ui.rich_text import elide_words

TOP_LINKS = 50  # more bars than this are unreadable in a dock
BAR_WIDTH = 0.7
CURVE_SAMPLES = 160
STATUS_TEXT = {"ok": "ok", "llq": "over the LLQ share", "overload": "overloaded"}
NAME_PX = 220  # the widest unbroken run of a link name in the curve's title: longer ones are cut with "…"


def top_links(links: tuple[LinkResult, ...], count: int = TOP_LINKS) -> list[LinkResult]:
    """The ``count`` most utilized links, busiest first (ties by id): O(n log count), not a full sort."""
    return heapq.nsmallest(count, links, key=lambda r: (-r.utilization, r.id))



def erlang_curve(max_erlangs: float, gos: float, samples: int = CURVE_SAMPLES) -> tuple[list[float], list[int]]:
    """Calls needed (Erlang B at ``gos``) for offered traffic from 0 to ``max_erlangs``, as a staircase."""
    xs, ys = [], []
    previous = None
    for k in range(samples + 1):
        a = max_erlangs * k / samples
        n = erlang.trunks(a, gos)
        if previous is not None and n != previous:
            xs.append(a)
            ys.append(previous)  # the riser: the step is drawn where the need changes
        xs.append(a)
        ys.append(n)
        previous = n
    return xs, ys


class PlotsPanel(LazyPanel):
    """Utilization bars (top links) and the Erlang B curve of the selected (or busiest) link."""

    def __init__(self, document, center_on: Callable[[str], None] | None = None, parent: QWidget | None = None):
        super().__init__(document, parent)
        self.setObjectName("plots")
        self.center_on = center_on
        self.shown: list[LinkResult] = []  # the bars, left to right
        self.total_links = 0
        self.curve_link: LinkResult | None = None
        self.title = QLabel(objectName="plots-title", wordWrap=True)
        self.curve_title = QLabel(objectName="plots-curve-title", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.util_holder, self.curve_holder = QWidget(), QWidget()
        for holder, title in ((self.util_holder, self.title), (self.curve_holder, self.curve_title)):
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(title)
            self.split.addWidget(holder)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.split)
        self.util_plot = self.curve_plot = None
        self._names_cache: dict[str, str] = {}
        document.selectionChanged.connect(self._selection_changed)

    # -- building -----------------------------------------------------------------------------------------------
    def _build(self) -> None:
        pg = self.pg
        self.util_plot = pg.PlotWidget(objectName="plots-utilization")
        self.curve_plot = pg.PlotWidget(objectName="plots-erlang")
        for plot, holder in ((self.util_plot, self.util_holder), (self.curve_plot, self.curve_holder)):
            plot.setMinimumSize(260, 120)
            item = plot.getPlotItem()
            item.setMenuEnabled(False)
            item.hideButtons()
            item.setMouseEnabled(x=False, y=False)
            holder.layout().addWidget(plot, 1)
        self.util_plot.getPlotItem().showAxis("right")
        self.util_plot.scene().sigMouseClicked.connect(self._clicked)
        self.util_plot.scene().sigMouseMoved.connect(self._hovered)
        self.util_plot.getPlotItem().getViewBox().sigResized.connect(self._fit_ticks)
        self.split.setSizes([620, 380])
        self.curve_plot.setToolTip("Solid: concurrent calls Erlang B needs at the design's grade of service; dotted: "
                                   "calls = Erlangs (no margin for blocking); the dot is the link's busy hour")

    def _restyle(self) -> None:
        self.style_plot(self.util_plot, "links, busiest first", "utilization (%)")
        self.style_plot(self.curve_plot, "offered traffic (Erlangs)", "concurrent calls")
        self.curve_plot.getPlotItem().showGrid(x=True, y=True, alpha=0.18)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        wide = self.width() > 1.6 * self.height()
        self.split.setOrientation(Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical)

    # -- utilization --------------------------------------------------------------------------------------------
    def _refresh(self) -> None:
        results = self.document.results
        links = results.links if results is not None else ()
        self.total_links = len(links)
        self.shown = top_links(links)
        self._draw_bars()
        self._draw_curve()

    def _names(self) -> dict[str, str]:
        # Only the plotted links are named. An unnamed link by its two ends, 'Branch 1 – MPLS VPN', as the findings,
        # the Explain pane and the quiz name it (its bar and the curve said 'link-3', the file's id).
        link_name = names_for(self.document.design).link_name
        return {r.id: link_name(r.id) for r in self.shown}

    def _draw_bars(self) -> None:
        pg, plot, t = self.pg, self.util_plot, self.theme()
        plot.clear()
        item = plot.getPlotItem()
        n, total = len(self.shown), self.total_links
        if n == 0:
            self.title.setText("No links to plot: connect sites to WAN clouds and analyse the design.")
            item.getAxis("bottom").setTicks([[]])
            return
        extra = f" (the top {n} of {total:,} links)" if total > n else ""
        self.title.setText(f"<b>Utilization per link</b>, busiest first{extra}: voice, signalling and cluster "
                           f"traffic over capacity; "
                           f"dashed: the priority-queue (LLQ) share and 100 %")
        selected = set(self.document.selected)
        heights = [r.utilization * 100 for r in self.shown]
        brushes = [t.link_status.get(r.status, t.link) for r in self.shown]
        pens = [pg.mkPen(t.selection, width=3) if r.id in selected else pg.mkPen(with_alpha(t.text_dim, 120))
                for r in self.shown]
        plot.addItem(pg.BarGraphItem(x=list(range(n)), height=heights, width=BAR_WIDTH, brushes=brushes, pens=pens))
        llq = self.document.design.traffic.llq_share * 100
        # Named on a right-hand axis rather than on the lines: labels inside the plot hide behind tall bars.
        for value, colour in ((llq, t.link_status["llq"]), (100.0, t.link_status["overload"])):
            line = pg.InfiniteLine(pos=value, angle=0, pen=pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine))
            line.setZValue(10)
            plot.addItem(line)
        item.getAxis("right").setTicks([[(llq, f"LLQ {llq:g} %"), (100.0, "100 %")], []])
        item.setYRange(0, max(110.0, max(heights) * 1.08), padding=0)
        self._names_cache = self._names()
        self._fit_ticks()

    def _fit_ticks(self) -> None:
        """Link names under the bars, every k-th one when they would overlap."""
        if not self.shown or self.util_plot is None:
            return
        item = self.util_plot.getPlotItem()
        n, width_px = len(self.shown), max(item.getViewBox().width(), 1.0)
        labels = [elide(self._names_cache.get(r.id, r.id), 16) for r in self.shown]
        metrics = QFontMetrics(self.font())
        widest = max(metrics.horizontalAdvance(s) for s in labels) + 10
        # Room left of the first bar for half its label: the axis drops labels that would stick out, and the
        # first bar is the busiest link, the one label that must show.
        half = metrics.horizontalAdvance(labels[0]) / 2 + 2
        left = max(0.6, half * (n - 0.4) / max(width_px - half, 1.0))
        item.setXRange(-left, n - 0.4, padding=0)
        px_per_bar = width_px / (n - 0.4 + left)
        stride = max(1, math.ceil(widest / px_per_bar))
        ticks = [(i, labels[i]) for i in range(0, n, stride)]
        item.getAxis("bottom").setTicks([ticks, []])

    def bar_at(self, scene_pos) -> int | None:
        """The index of the bar under a scene position, or None."""
        vb = self.util_plot.getPlotItem().getViewBox()
        if not self.shown or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        x = vb.mapSceneToView(scene_pos).x()
        i = round(x)
        return i if 0 <= i < len(self.shown) and abs(x - i) <= BAR_WIDTH / 2 + 0.05 else None

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        i = self.bar_at(event.scenePos())
        if i is None:
            return
        link_id = self.shown[i].id
        self.document.select((link_id,))
        if self.center_on is not None:
            self.center_on(link_id)

    def _hovered(self, scene_pos) -> None:
        i = self.bar_at(scene_pos)
        self.util_plot.setToolTip(self.bar_tooltip(i) if i is not None else "")

    def bar_tooltip(self, i: int) -> str:
        r, llq = self.shown[i], self.document.design.traffic.llq_share
        # The load's unit is the capacity's when that is kbps ("114.95 of 1,024.00 kbps"); beside a capacity in
        # Tbps it has its own: "114,953,000.00 of 1.00 Tbps" read as 114 million Tbps
        capacity = numbers.kbps(r.capacity_kbps)
        load = numbers.kbps_before(r.kbps, capacity)
        # Each share on its own side of its limit: never "100.0 %" beside "overloaded", "33.0 %" over a 33 % share
        return (f"{self._names_cache.get(r.id, r.id)}: {numbers.percent_against(r.utilization, 1.0)} "
                f"({STATUS_TEXT.get(r.status, r.status)})\n{load} of "
                f"{capacity}; voice {numbers.percent_against(r.llq_share, llq)} of the link"
                f"\n{numbers.counted(r.calls, 'call')} for {numbers.erlangs(r.erlangs)} offered; click to select")

    def _selection_changed(self, _ids) -> None:
        if self.built and self.on_screen() and not self._dirty:
            self._draw_bars()  # the outline of the selected bar
            self._draw_curve()
        else:
            self._dirty = True

    # -- Erlang B what-if ---------------------------------------------------------------------------------------
    def _curve_subject(self) -> LinkResult | None:
        results = self.document.results
        if results is None or not results.links:
            return None
        selected = [i for i in self.document.selected]
        if selected:
            by_id = {r.id: r for r in self.shown}
            for link_id in selected:
                if link_id in by_id:
                    return by_id[link_id]
            wanted = set(selected)
            found = next((r for r in results.links if r.id in wanted), None)
            if found is not None:
                return found
        return self.shown[0] if self.shown else None

    def _draw_curve(self) -> None:
        pg, plot, t = self.pg, self.curve_plot, self.theme()
        plot.clear()
        link = self.curve_link = self._curve_subject()
        gos = self.document.design.traffic.gos
        if link is None:
            self.curve_title.setText("Select a link to see its Erlang B curve.")
            self.curve_title.setToolTip("")
            return
        which = "selected" if link.id in self.document.selected else "busiest"
        name = self._names_cache.get(link.id) or names_for(self.document.design).link_name(link.id)
        full = erlang.trunks(link.erlangs, gos) if link.erlangs > 0 else 0
        bound = ""
        if link.calls < full:  # the phones bound it: of the whole design, or on the smaller side of a cut
            whole = design_bound_at(self.document.design, self.document.results, link.id)
            why = (design_short(whole) if whole is not None else f"the phones on the smaller side of {BOUNDED_LINK}")
            bound = f" (Erlang B: {numbers.count(full)}; at most {why})"
        font = QFont(self.curve_title.font())
        font.setBold(True)
        # A 200-letter name without a space would ask thousands of pixels (and squeeze the plots): cut, in full in
        # the tooltip.
        shown = elide_words(name, QFontMetrics(font), NAME_PX)
        self.curve_title.setToolTip(f"{which.capitalize()} link: {name}" if shown != name else "")
        self.curve_title.setText(f"<b>Erlang B at {numbers.setting_share(gos)} blocking</b> — {which} link "
                                 f"<b>{html.escape(shown, quote=False)}</b>: {numbers.erlangs(link.erlangs)} offered → "
                                 f"{numbers.counted(link.calls, 'call')}{bound}")
        top = max(2.0 * link.erlangs, link.erlangs + 4.0, 2.0)
        xs, ys = erlang_curve(top, gos)
        plot.addItem(pg.PlotDataItem([0, top], [0, top], pen=pg.mkPen(t.text_dim, width=1,
                                                                           style=Qt.PenStyle.DotLine)))
        plot.addItem(pg.PlotDataItem(xs, ys, pen=pg.mkPen(t.selection, width=2)))
        colour = t.link_status.get(link.status, t.link)
        guide = pg.mkPen(with_alpha(colour, 160), width=1, style=Qt.PenStyle.DashLine)
        plot.addItem(pg.PlotDataItem([link.erlangs, link.erlangs, 0], [0, link.calls, link.calls], pen=guide))
        plot.addItem(pg.ScatterPlotItem([link.erlangs], [link.calls], size=11, brush=pg.mkBrush(colour),
                                        pen=pg.mkPen(t.text, width=1.2)))
        label = pg.TextItem(numbers.counted(link.calls, "call"), color=t.text, anchor=(1.05, 1.1))
        label.setPos(link.erlangs, link.calls)
        plot.addItem(label)
        item = plot.getPlotItem()
        item.setXRange(0, top, padding=0.02)
        item.setYRange(0, max(ys) * 1.08 + 1, padding=0)
        item.getAxis("bottom").setTicks(None)
