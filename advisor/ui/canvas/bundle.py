"""Many parallel links between the same two nodes, drawn as one bundle with their count.

A design may join two sites by thousands of links (the file format allows it). Drawn one item each, every link's
line, label and badge was painted on top of the others at each repaint (5,000 links: 0.3-0.8 s, 20,000: 1.2-3 s per
pan, zoom, hover or edit) and none of them could be read. Past PARALLEL_DRAWN links, a pair's link items leave the
scene (``canvas.pairs``) and one BundleItem stands for them: one line in the colour of their worst status, with a
casing on each side that says "more than one", and a label with the count, how many of them are selected, and the
findings on them all. A repaint then costs the same whatever the count.

The link items stay in ``scene.links`` with their figures, tooltips and geometry: the Link sizing table, the inspector,
Select All, Delete and Undo reach every link by its id as before. A click on the bundle selects all its links (the
inspector edits them together); one of them is picked in the Link sizing table. Up to PARALLEL_DRAWN parallel links are
drawn as before, one line and one label each (their labels slide apart along the line).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from advisor import numbers
from advisor.findings import SEVERITY_ORDER
from advisor.ui.canvas import shapes
from advisor.ui.canvas import theme as th
from advisor.ui.canvas.badge import Badge, detail_level, draw_badge, theme_of
from advisor.ui.canvas.link_label import LinkLabelItem
from advisor.ui.rich_text import without_overrides

if TYPE_CHECKING:
    from advisor.ui.canvas.items import LinkItem, NodeItem

PARALLEL_DRAWN = 8  # up to this many links between two nodes are drawn one by one; more make a bundle
CASING = 5.0  # scene px between the bundle's line and each of its side lines
_MARK = 12.0  # px of the label's left end taken by the bundle's mark
_BADGE_ROOM = 8.0  # px kept clear at the right end: the findings' badge there counts past 99 ("99+")
_PEN_ROOM = 8.0 + CASING  # device px drawn beyond the painted area: the pen, its caps and the casing
_WORST = {"overload": 3, "llq": 2, "ok": 1}  # the status whose colour the bundle takes: the worst of its links
_STATUS_WORDS = (("overload", "overloaded"), ("llq", "voice over the priority-queue share"),
                 ("ok", "within capacity"), (None, "not analysed yet"))
_HIDDEN_WORDS = "with their figures hidden in the quiz"  # analysed, but the quiz mode withholds their results


class BundleItem(QGraphicsItem):
    """The parallel links between two nodes, past PARALLEL_DRAWN: one line, a casing, and a label (BundleLabel)."""

    def __init__(self, a: NodeItem, b: NodeItem, metrics):
        super().__init__()
        self.a_item, self.b_item = a, b
        self._metrics = metrics
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)  # a rubber band over it selects its links
        self.setZValue(0.0)
        self.ids: list[str] = []  # its links, in the design's order
        self.members: frozenset[str] = frozenset()  # the same, as a set
        self.chosen: set[str] = set()  # those selected
        self.status: str | None = None  # the worst of its links' statuses
        self.badge: Badge | None = None  # the findings on all its links
        self.counts: dict[str | None, int] = {}  # links per status
        self.label = ""
        self._line = QLineF()
        self._rect = QRectF()
        self.label_item = BundleLabel(self)

    @property
    def item_id(self) -> str:
        """A link of the bundle (a selected one first): what the context menu's entries name."""
        return min(self.chosen) if self.chosen else self.ids[0] if self.ids else ""

    # -- contents ------------------------------------------------------------------------------------------------
    def refresh(self, links: dict[str, LinkItem]) -> None:
        """Count the links' statuses and findings again (after results or links changed): once per change, never
        while painting, so a repaint costs the same whatever the count."""
        counts: dict[str | None, int] = {}
        found, worst = 0, None
        rank = SEVERITY_ORDER
        for link_id in self.ids:
            item = links[link_id]
            counts[item.status] = counts.get(item.status, 0) + 1
            badge = item.badge
            if badge is not None:
                found += badge.count
                if worst is None or rank[badge.severity] < rank[worst]:
                    worst = badge.severity
        self.counts = counts
        self.status = max(counts, key=lambda s: _WORST.get(s, 0)) if counts else None
        self.badge = Badge(found, worst) if worst is not None else None
        self.setToolTip("")  # written again when asked for (toolTip)
        self.label_item.setToolTip("")
        self.relabel()
        self.update()

    def set_chosen(self, chosen: set[str]) -> None:
        if chosen != self.chosen:
            self.chosen = chosen
            self.relabel()
            self.update()

    def relabel(self) -> None:
        """The label's text (the count, the selected) and box, measured when it changes."""
        text = f"{numbers.count(len(self.ids))} parallel links"
        if self.chosen:
            text += f" · {numbers.count(len(self.chosen))} selected"
        if text != self.label or self.label_item.metrics is not self._metrics:
            self.label = text
            small = self._metrics["small"]
            width = small.horizontalAdvance(text) + 10 + _MARK + _BADGE_ROOM
            self.label_item.set_text(text, width, small.height() + 4, self._metrics)
            self.label_item.adjust(self.label_rect())

    def set_metrics(self, metrics) -> None:
        """The theme's fonts changed: measure the label again."""
        self._metrics = metrics
        self.relabel()

    def toolTip(self) -> str:  # noqa: N802 - Qt's name
        """The pair, the count and how the links fare; written once per change of their results."""
        if not super().toolTip() and self.ids:
            a, b = (html.escape(x.name, quote=False) for x in (self.a_item, self.b_item))
            hidden = (scene := self.scene()) is not None and scene.figures_hidden()
            fare = " · ".join(f"{numbers.count(self.counts[status])} "
                              f"{_HIDDEN_WORDS if status is None and hidden else words}"
                              for status, words in _STATUS_WORDS if self.counts.get(status))
            tip = (f"<b>{numbers.count(len(self.ids))} parallel links</b> between {a} and {b}<br>{fare}<br>"
                   "A click selects them all; the Link sizing table lists each one, and its "
                   "“Selected only” switch lists only them")
            tip = without_overrides(tip)  # a name's open override turned the other name and our words around
            self.setToolTip(tip)
            self.label_item.setToolTip(tip)  # what Qt shows over the label (the scene asks for this first)
        return super().toolTip()

    # -- geometry ------------------------------------------------------------------------------------------------
    def adjust(self) -> None:
        """After an end moved: the line, its box and the label's place (where a single link's label would sit)."""
        self.prepareGeometryChange()
        p1, p2 = self.a_item.pos(), self.b_item.pos()
        self._line = QLineF(p1, p2)
        margin = th.LINK_WIDTH * 3 + CASING
        self._rect = QRectF(p1, p2).normalized().adjusted(-margin, -margin, margin, margin)
        self.label_item.adjust(self.label_rect())

    def label_rect(self) -> QRectF:
        """The label's box: centred on the line, where one link's label sits by default (LinkItem.default_t)."""
        a_cloud, b_cloud = self.a_item.is_cloud, self.b_item.is_cloud
        length, t = self._line.length(), 0.5
        if a_cloud != b_cloud and length > 0:
            from_site = min(length / 2, max(70.0, 0.38 * length)) / length
            t = 1 - from_site if a_cloud else from_site
        mid = self._line.pointAt(t)
        w, h = self.label_item.size
        return QRectF(mid.x() - w / 2, mid.y() - h / 2, w, h)

    def line(self) -> QLineF:
        return QLineF(self._line)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect

    def shape(self) -> QPainterPath:
        return shapes.line_stroke(self._line, 10.0 + 2 * CASING)  # the line and its casing

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        far = detail_level(painter.worldTransform()) < th.DETAIL_LOD
        theme = theme_of(self)
        selected = bool(self.chosen)
        line = self._line
        inverse, invertible = painter.worldTransform().inverted()
        if invertible:  # only the part in the painted area, as a single link (LinkItem.paint)
            shown = inverse.mapRect(QRectF(painter.viewport()).adjusted(-_PEN_ROOM, -_PEN_ROOM, _PEN_ROOM, _PEN_ROOM))
            if not shown.contains(self._rect):
                line = shapes.visible_part(line, shown)
                if line is None:
                    return
        pen = theme.link_pen(self.status, selected, far)
        painter.setPen(pen)
        painter.drawLine(line)
        if far:
            return  # one line, as a single link far out: the casing would be under a pixel away
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        length = self._line.length()
        if length <= 0:
            return
        nx, ny = -self._line.dy() / length * CASING, self._line.dx() / length * CASING
        painter.setPen(theme.pen(pen.color(), 1.0))
        painter.drawLine(line.translated(nx, ny))
        painter.drawLine(line.translated(-nx, -ny))


class BundleLabel(LinkLabelItem):
    """The bundle's label, drawn above the nodes as a link's: the count, the selection, the findings' badge. A link
    label for the label placement (an obstacle to other labels) and for clicks (``item_at`` answers the bundle)."""

    def __init__(self, bundle: BundleItem):
        super().__init__(bundle)
        self.bundle = bundle
        self.size = (0.0, 0.0)
        self.metrics = None

    @property
    def item_id(self) -> str:
        return self.bundle.item_id

    @item_id.setter
    def item_id(self, _value) -> None:  # LinkLabelItem sets it from the link: the bundle's changes with its links
        pass

    def set_text(self, text: str, width: float, height: float, metrics) -> None:
        self.size, self.metrics = (width, height), metrics
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        if detail_level(painter.worldTransform()) < th.TEXT_LOD:
            return
        bundle, theme = self.bundle, theme_of(self)
        rect = self._label_rect
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(theme.pen(theme.link_pen(bundle.status, bool(bundle.chosen)).color(), 1.0))
        painter.setBrush(theme.label_back)
        painter.drawRoundedRect(rect, 5, 5)
        # Three short strokes at the left, the bundle's mark (its line and casing), then the text as a link's.
        x, y = rect.left() + 6.0, rect.center().y()
        for dx in (0.0, 3.0, 6.0):
            painter.drawLine(QPointF(x + dx, y - 3.5), QPointF(x + dx, y + 3.5))
        painter.setFont(theme.font("small"))
        painter.setPen(theme.text)
        painter.drawText(rect.adjusted(_MARK, 0, -_BADGE_ROOM, 0), Qt.AlignmentFlag.AlignCenter, bundle.label)
        if bundle.badge:
            draw_badge(painter, theme, QPointF(rect.right(), rect.top()), bundle.badge, True)
