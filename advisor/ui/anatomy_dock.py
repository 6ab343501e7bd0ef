"""The packet-anatomy dock: one stacked bar per technology, each layer a segment, and the explain text below.

The bars are ``advisor.anatomy.anatomy_bars`` (the same data as the PDF); a link selector chooses whose layer 2
and NAT apply; the explain area shows how each figure of the bar under study follows, with its numbers.
"""

from __future__ import annotations

import html
from collections import Counter

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QFontMetrics, QPen, QTransform
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from advisor import numbers
from advisor.anatomy import KIND_LABEL, AnatomyBar, Segment, anatomy_bars, segment_colour, tech_label
from advisor.rules._names import names_for
from advisor.ui.flow_layout import FlowLayout
from advisor.ui.plot_common import LazyPanel, with_alpha
from advisor.ui.rich_text import plain

BAR_HEIGHT = 0.62  # of a row; the rest is the gap between bars
REFERENCE = ""  # the link combo's data for "the busiest link"
LINK_TIP = "Whose layer 2 and NAT the packets use: the busiest link, or any link"
LINK_CHARS = 30  # the link combo's entries are elided to about this many characters
FULL_TEXT = Qt.ItemDataRole.UserRole + 1  # a link combo entry's whole text


def segment_tooltip(segment: Segment) -> str:
    kind = KIND_LABEL.get(segment.kind, "overhead" if segment.overhead else "payload")
    note = f"\n{segment.note}" if segment.note else ""
    return f"{segment.name}: {segment.bytes:,} B ({kind}){note}"


def totals_text(bar: AnatomyBar) -> str:
    return f"IP {bar.ip_packet_bytes:,} B · frame {bar.frame_bytes:,} B · {numbers.kbps(bar.kbps)}/call"


def _pixel_text(text: str, font, colour: QColor, parent, x: float, y: float, *, centre: bool,
                height: int) -> QGraphicsSimpleTextItem:
    """Text at a data point, drawn in pixels (unscaled, upright in the inverted view); centred or left-anchored."""
    item = QGraphicsSimpleTextItem(text, parent)
    item.setFont(font)
    item.setBrush(QBrush(colour))
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    item.setPos(x, y)
    width = item.boundingRect().width()
    item.setTransform(QTransform.fromTranslate(-width / 2 if centre else 0.0, -height / 2))
    return item


class AnatomyPanel(LazyPanel):
    """Stacked bars of one call's packet per technology (chosen first), a link selector and the formulas."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(document, parent)
        self.setObjectName("anatomy")
        self.bars: list[AnatomyBar] = []
        self.notes: list[str] = []
        self.explained = 0  # index in self.bars of the bar the explain text is about
        self.segment_items: list[list[tuple[QGraphicsRectItem, object]]] = []  # per bar: (rect, byte label)
        self._totals_items: list = []
        self._link_keys: tuple = ()

        self.link_combo = QComboBox(objectName="anatomy-link")
        self.link_combo.setToolTip(LINK_TIP)
        # Entries elided to LINK_CHARS (whole in their tooltips): a long link name must not widen the dock.
        self.link_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.link_combo.currentIndexChanged.connect(self._link_chosen)
        link_box = QWidget(objectName="anatomy-link-box")
        link_row = QHBoxLayout(link_box)
        link_row.setContentsMargins(0, 0, 0, 0)
        link_row.addWidget(QLabel("Link:", toolTip=LINK_TIP))
        link_row.addWidget(self.link_combo)
        # The link and the colour legend on one row in a wide dock, flowing onto more rows in a narrow one.
        self.legend = QWidget(objectName="anatomy-legend")
        top = FlowLayout(self.legend, spacing=12)
        top.addWidget(link_box)
        self.legend_entries: dict[str, QLabel] = {}
        for kind, label in KIND_LABEL.items():
            entry = QLabel(objectName=f"anatomy-legend-{kind}")
            entry.setText(f"<span style='color:{segment_colour(Segment('', 1, True, kind=kind))}; font-size:large'>"
                          f"■</span>&nbsp;{html.escape(label).replace(' ', '&nbsp;')}")
            entry.setToolTip("Segment colours: what each layer of the packet is")
            self.legend_entries[kind] = entry
            top.addWidget(entry)

        self.plot_holder = QWidget(objectName="anatomy-plot-holder")
        self.plot_holder.setLayout(QVBoxLayout())
        self.plot_holder.layout().setContentsMargins(0, 0, 0, 0)
        self.plot = None
        self.explain_title = QLabel(objectName="anatomy-explain-title", wordWrap=True)
        self.explain = QPlainTextEdit(objectName="anatomy-explain", readOnly=True)
        self.explain.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.explain.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)  # no formula half hidden
        self.explain.setToolTip("Each figure of the bar under study with its formula and numbers; click a bar to "
                                "study it")
        explain_box = QWidget()
        explain_layout = QVBoxLayout(explain_box)
        explain_layout.setContentsMargins(0, 0, 0, 0)
        explain_layout.addWidget(self.explain_title)
        explain_layout.addWidget(self.explain, 1)
        self.notes_label = QLabel(objectName="anatomy-notes", wordWrap=True)
        self.notes_label.hide()

        # Side by side in a wide bottom dock, stacked when the dock is tall (see resizeEvent).
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.plot_holder)
        self.split.addWidget(explain_box)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.legend)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.notes_label)

    # -- building -----------------------------------------------------------------------------------------------
    def _build(self) -> None:
        pg = self.pg
        self.plot = pg.PlotWidget(objectName="anatomy-plot")
        self.plot.setMinimumSize(320, 120)
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.invertY(True)  # the chosen technology on top
        self.plot_holder.layout().addWidget(self.plot)
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        item.getViewBox().sigResized.connect(self._fit)
        self.split.setSizes([600, 400])  # proportions: the plot a little wider than the formulas

    def _restyle(self) -> None:
        self.style_plot(self.plot, "bytes per packet on the wire", "")
        self.plot.getPlotItem().showGrid(x=True, y=False, alpha=0.2)
        self._legend()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        wide = self.width() > 1.6 * self.height()
        self.split.setOrientation(Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical)

    # -- data ---------------------------------------------------------------------------------------------------
    def _refresh(self) -> None:
        design, results = self.document.design, self.document.results
        self._fill_links(design)
        if results is None:
            self.bars, self.notes = [], []
        else:
            link_id = self.link_combo.currentData()
            link = next((x for x in design.links if x.id == link_id), None) if link_id else None
            try:
                self.bars, self.notes = anatomy_bars(design, results, link)
            except Exception as exc:  # noqa: BLE001 - a design being edited may not price; say why, keep the app
                self.bars, self.notes = [], [f"no packet could be computed: {exc}"]
        keep = self._explained_technology
        self.explained = next((i for i, b in enumerate(self.bars) if b.technology == keep), 0)
        self._draw()
        self._explain()
        self.notes_label.setVisible(bool(self.notes))
        self.notes_label.setText("Not applicable here: " + "; ".join(self.notes) if self.notes else "")

    @property
    def _explained_technology(self) -> str | None:
        return self.bars[self.explained].technology if 0 <= self.explained < len(self.bars) else None

    def _fill_links(self, design) -> None:
        ends_of = names_for(design).ends  # as the findings write them: 'Branch (b1) – Branch (b2)' for two alike
        # the ends by name: a site renamed kept its old name in the entries of its links
        keys = tuple((x.id, x.name, ends_of(x.a, x.b)) for x in design.links)
        if keys == self._link_keys:
            return  # rebuilt only when links come, go or are renamed (or their ends), not on every analysis
        self._link_keys = keys
        current = self.link_combo.currentData()
        combo = self.link_combo
        combo.blockSignals(True)
        combo.clear()
        room = combo.fontMetrics().averageCharWidth() * LINK_CHARS
        entries = [("Reference link (the busiest)", REFERENCE)]
        for link_id, name, ends in keys:  # an unnamed link by its ends, never by its id
            entries.append((f"{name} ({ends})" if name.strip() else ends, link_id))
        seen = Counter(text for text, _key in entries)
        # ... unless another reads the same: parallel links between two sites were a dozen identical entries
        entries = [(f"{text} ({key})" if seen[text] > 1 else text, key) for text, key in entries]
        for text, key in entries:
            combo.addItem(combo.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room), key)
            combo.setItemData(combo.count() - 1, text, FULL_TEXT)
            combo.setItemData(combo.count() - 1, plain(text), Qt.ItemDataRole.ToolTipRole)  # as typed, never HTML
        found = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)
        self._link_tip()

    def link_text(self) -> str:
        """The chosen entry of the link combo, whole (the combo shows it elided when long)."""
        return self.link_combo.currentData(FULL_TEXT) or self.link_combo.currentText()

    def _link_chosen(self, _index: int) -> None:
        self._link_tip()
        self.set_results()

    def _link_tip(self) -> None:
        text = self.link_text()
        self.link_combo.setToolTip(plain(f"{text}\n\n{LINK_TIP}") if text != self.link_combo.currentText() else LINK_TIP)

    def _legend(self) -> None:
        kinds = [k for k in KIND_LABEL if any(s.kind == k for b in self.bars for s in b.segments)] or list(KIND_LABEL)
        for kind, entry in self.legend_entries.items():
            entry.setVisible(kind in kinds)

    # -- drawing ------------------------------------------------------------------------------------------------
    def _draw(self) -> None:
        plot, t = self.plot, self.theme()
        plot.clear()
        self.segment_items, self._totals_items = [], []
        self._legend()
        item = plot.getPlotItem()
        if not self.bars:
            item.getAxis("left").setTicks([[]])
            return
        # Plain Qt items under one root: a single pyqtgraph addItem per refresh, not one per segment and label
        # (pyqtgraph's per-item bookkeeping was most of a 50 ms redraw).
        root = QGraphicsRectItem(QRectF())
        root.setPen(QPen(Qt.PenStyle.NoPen))
        outline = QPen(self.palette().color(self.backgroundRole()), 1.0)
        outline.setCosmetic(True)
        widest = max(b.frame_bytes for b in self.bars)
        band = QGraphicsRectItem(QRectF(0, self.explained - 0.5, widest * 10, 1.0), root)
        band.setBrush(QBrush(with_alpha(t.selection, 50 if t.dark else 38)))
        band.setPen(QPen(Qt.PenStyle.NoPen))
        band.setToolTip("The bar the explain text is about")
        self._band = band
        label_font, bold = QFont(self.font()), QFont(self.font())
        label_font.setPointSizeF(max(7.0, label_font.pointSizeF() - 1))
        bold.setBold(True)
        label_height = QFontMetrics(label_font).height()
        for row, bar in enumerate(self.bars):
            x, items = 0.0, []
            for seg in bar.segments:
                if seg.bytes <= 0:
                    continue
                rect = QGraphicsRectItem(QRectF(x, row - BAR_HEIGHT / 2, seg.bytes, BAR_HEIGHT), root)
                rect.setBrush(QBrush(QColor(segment_colour(seg))))
                rect.setPen(outline)
                rect.setToolTip(segment_tooltip(seg))
                label = _pixel_text(f"{seg.bytes:,}", label_font, QColor("white"), root, x + seg.bytes / 2,
                                    row, centre=True, height=label_height)
                label.setToolTip(segment_tooltip(seg))
                items.append((rect, label))
                x += seg.bytes
            if bar.chosen:
                frame = QGraphicsRectItem(QRectF(0, row - BAR_HEIGHT / 2 - 0.06, x, BAR_HEIGHT + 0.12), root)
                pen = QPen(t.text, 2.0)
                pen.setCosmetic(True)
                frame.setPen(pen)
                frame.setToolTip("The technology the design uses")
            totals = _pixel_text(" " + totals_text(bar), bold if bar.chosen else self.font(), t.text, root, x, row,
                                 centre=False, height=QFontMetrics(self.font()).height())
            totals.setToolTip(f"{bar.encapsulation}\nIP packet {bar.ip_packet_bytes:,} B, frame {bar.frame_bytes:,} B "
                              f"({bar.l2_convention})\n{numbers.kbps(bar.kbps_ip)} at layer 3, {numbers.kbps(bar.kbps)} with "
                              f"layer 2, per call and direction\nVPN overhead {bar.overhead_bytes:,} B (worst case "
                              f"{bar.max_overhead_bytes:,} B)")
            self._totals_items.append(totals)
            self.segment_items.append(items)
        plot.addItem(root)
        ticks = [(row, f"{tech_label(b.technology)}{' (chosen)' if b.chosen else ''}")
                 for row, b in enumerate(self.bars)]
        left = item.getAxis("left")
        left.setTicks([ticks, []])
        # Wide enough for the longest name now: pyqtgraph widens an axis only a paint later, and drops the labels
        # that do not fit meanwhile (screenshots showed bars without names).
        left.setWidth(max(QFontMetrics(left.style["tickFont"] or self.font()).horizontalAdvance(text)
                          for _row, text in ticks) + 14)
        item.setYRange(-0.5, len(self.bars) - 0.5, padding=0.02)
        self._fit()

    def _fit(self) -> None:
        """Leave room on the right for the totals and show byte counts only inside segments wide enough."""
        if not self.bars or self.plot is None or len(self._totals_items) != len(self.bars):
            # mid-draw (the legend's entries shown or hidden resize the plot at once): the draw fits when done; this
            # raised "max() arg is an empty sequence" from every such resize
            return
        vb = self.plot.getPlotItem().getViewBox()
        width_px = vb.width()
        if width_px <= 1:
            return
        text_px = max(item.boundingRect().width() for item in self._totals_items) + 16
        widest = max(b.frame_bytes for b in self.bars)
        usable = max(width_px - text_px, width_px * 0.35)
        vb.setXRange(0, widest * width_px / usable, padding=0)
        px_per_byte = usable / widest
        for items in self.segment_items:
            for rect, label in items:
                fits = rect.rect().width() * px_per_byte >= label.boundingRect().width() + 4
                label.setVisible(fits)

    # -- explain ------------------------------------------------------------------------------------------------
    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.bars:
            return
        vb = self.plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        row = round(vb.mapSceneToView(event.scenePos()).y())
        if 0 <= row < len(self.bars):
            self.explain_bar(row)

    def explain_bar(self, row: int) -> None:
        """Study bar ``row``: highlight it and show its formulas."""
        if not 0 <= row < len(self.bars) or row == self.explained:
            return
        self.explained = row
        self._band.setRect(QRectF(0, row - 0.5, self._band.rect().width(), 1.0))
        self._explain()

    def _explain(self) -> None:
        if not self.bars:
            self.explain_title.setText("")
            self.explain.setPlainText("Analyse a design with at least one link to see its packets."
                                      if self.document.results is None or not self.document.design.links else
                                      "No packet could be computed for this design.")
            return
        bar = self.bars[self.explained]
        link_text = self.link_text() if self.link_combo.currentData() else self._reference_name()
        role = "chosen" if bar.chosen else "alternative"
        self.explain_title.setText(f"<b>{html.escape(tech_label(bar.technology))}</b> ({role}) on "
                                   f"{html.escape(link_text)}: {html.escape(bar.encapsulation)}")
        self.explain.setPlainText("\n".join(bar.formula))

    def _reference_name(self) -> str:
        from advisor.anatomy import reference_link

        link = reference_link(self.document.design, self.document.results)
        return (f"the busiest link, {names_for(self.document.design).link_name(link.id)}" if link is not None
                else "no link")
