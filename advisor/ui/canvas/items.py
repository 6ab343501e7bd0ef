"""Canvas items: a node (site or cloud) and a link. They know their id and how to paint, nothing more.

The scene feeds them display data (names, figures, badges); they never read or change the document.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from advisor import numbers
from advisor.choice_words import L2_NAMES
from advisor.model import Cloud, Link, Site
from advisor.rules._names import names_for
from advisor.shown_names import name_or
from advisor.ui.canvas import shapes
from advisor.ui.canvas import theme as th
from advisor.ui.canvas.badge import SELECTED, Badge, detail_level, draw_badge, theme_of
from advisor.ui.canvas.dense_lines import beside
from advisor.ui.canvas.link_label import LinkLabelItem
from advisor.ui.choice_labels import shown
from advisor.ui.rich_text import without_overrides

_STATUS_TEXT = {"ok": "within capacity", "llq": "voice over the priority-queue share",
                "overload": "overloaded"}  # a link's sizing status, in words

__all__ = ["Badge", "LinkItem", "LinkLabelItem", "NodeItem"]  # Badge and the label item live beside, re-exported

NAME_CHARS = 40  # a node's name on the canvas, at most about this many characters wide


class NodeItem(QGraphicsItem):
    """A site or a cloud: icon by kind, name, and (sites) the phone count underneath."""

    def __init__(self, node: Site | Cloud, font_metrics: dict[str, QFontMetricsF]):
        super().__init__()
        self.item_id = node.id
        self._metrics = font_metrics
        self.badge: Badge | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(1.0)
        self.kind = ""
        self._rect = QRectF()
        self.name_room: float | None = None  # the largest name scale that fits among the neighbours; None: ask
        self.set_node(node)

    def set_node(self, node: Site | Cloud) -> None:
        self.setPos(node.x, node.y)
        kind = node.kind
        full = name_or(node.name, node.id)
        detail = ""
        if isinstance(node, Site):
            detail = numbers.counted(node.phone_count, "phone")
            if node.call_processing_nodes:
                detail += f" · CUCM ×{node.call_processing_nodes}"
        if (kind, full, detail) == (self.kind, getattr(self, "full_name", None), getattr(self, "detail", None)):
            return
        self.prepareGeometryChange()
        # A long name ends in "…" (the tooltip has it whole): a 200-character name was drawn 1,500 px wide, over its
        # neighbours' names and icons, and its far-zoom name larger still
        metrics = self._metrics["label"]
        name = metrics.elidedText(full, Qt.TextElideMode.ElideRight, metrics.averageCharWidth() * NAME_CHARS)
        self.kind, self.name, self.full_name, self.detail = kind, name, full, detail
        self.name_room = None
        self.is_cloud = shapes.is_cloud(kind)
        body = shapes.body_rect(kind)
        self._name_width = (self._metrics, self._metrics["label"].horizontalAdvance(name))  # kept: see name_box
        label_w = self._name_width[1] + 8
        detail_w = self._metrics["small"].horizontalAdvance(detail) + 8 if detail else 0
        text_w = max(label_w, detail_w, body.width())
        text_top = body.bottom() + 3
        text_h = self._metrics["label"].height() + (self._metrics["small"].height() if detail else 0) + 2
        self._text_rect = QRectF(-text_w / 2, text_top, text_w, text_h)
        self._body = body
        self._rect = body.united(self._text_rect).adjusted(-4, -th.BADGE_R - 2, th.BADGE_R + 4, 3)
        self._rect = self._rect.united(self.far_name_rect_at(th.NAME_SCREEN_ZOOM / th.NAME_LOD))
        self.setToolTip(without_overrides(self._tooltip(node)))  # a name's open override turned our words around
        self.update()

    @staticmethod
    def _tooltip(node: Site | Cloud) -> str:
        if isinstance(node, Cloud):
            return f"<b>{_esc(name_or(node.name, node.id))}</b><br>{shapes.CLOUD_TEXT[node.kind]} cloud · id {node.id}"
        lines = [f"<b>{_esc(name_or(node.name, node.id))}</b> ({shown('kind', node.kind)})",
                 f"{numbers.counted(node.users, 'user')} · {numbers.counted(node.phone_count, 'phone')}"]
        if node.call_processing_nodes:
            lines.append(f"CUCM: {'publisher + ' if node.cucm_publisher else ''}"
                         f"{numbers.counted(node.cucm_subscribers, 'subscriber')} ({node.cluster_id})")
        lines.append(f"Survivability: {shown('survivability', node.survivability)} · "
                     f"PSTN gateway: {'yes' if node.pstn_gateway else 'no'}")
        return "<br>".join(lines)

    def set_badge(self, badge: Badge | None) -> None:
        if badge != self.badge:
            self.badge = badge
            self.update()

    def body_rect(self) -> QRectF:
        return self._body

    def footprint(self) -> QRectF:
        """The icon and its label (name and phones), in item coordinates: what another node must not cover."""
        return self._body.united(self._text_rect)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._body)
        path.addRect(self._text_rect)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        theme = theme_of(self)
        lod = detail_level(painter.worldTransform())
        selected = bool(option.state & SELECTED)
        if lod < th.DETAIL_LOD:
            # Far away: one filled shape per node, no antialiasing, no text — thousands stay cheap.
            painter.setPen(theme.pen(theme.selection, 6.0) if selected else Qt.PenStyle.NoPen)
            painter.setBrush(theme.node_fill[self.kind] if not self.is_cloud else theme.node_line)
            if self.is_cloud:
                painter.drawEllipse(self._body)
            else:
                painter.drawRect(self._body)
            if self.badge:
                painter.setBrush(theme.severity[self.badge.severity])
                painter.drawEllipse(self._badge_center(), th.BADGE_R * 1.4, th.BADGE_R * 1.4)
            return
        if selected:
            painter.setPen(theme.pen(theme.selection, 1.5, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self._body.adjusted(-4, -4, 4, 4), 11, 11)
        shapes.paint_node_icon(painter, self.kind, theme, selected)
        text = lod >= th.TEXT_LOD
        if text:
            if self.is_cloud and not self.name.lower().startswith(shapes.CLOUD_TEXT[self.kind].lower()):
                painter.setFont(theme.font("cloud"))
                painter.setPen(theme.text_dim)
                painter.drawText(self._body.adjusted(0, 8, 0, 0), Qt.AlignmentFlag.AlignCenter,
                                 shapes.CLOUD_TEXT[self.kind])
            label_h = self._metrics["label"].height()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.label_back)
            painter.drawRoundedRect(self._text_rect, 4, 4)
            painter.setFont(theme.font("label"))
            painter.setPen(theme.text)
            top = self._text_rect.top() + 1
            painter.drawText(QRectF(self._text_rect.left(), top, self._text_rect.width(), label_h),
                             Qt.AlignmentFlag.AlignCenter, self.name)
            if self.detail:
                painter.setFont(theme.font("small"))
                painter.setPen(theme.text_dim)
                painter.drawText(QRectF(self._text_rect.left(), top + label_h, self._text_rect.width(),
                                        self._metrics["small"].height()), Qt.AlignmentFlag.AlignCenter, self.detail)
        elif lod >= th.NAME_LOD:
            self._paint_far_name(painter, theme, self.far_name_scale(lod))
        if self.badge:
            draw_badge(painter, theme, self._badge_center(), self.badge, text)

    def far_name_scale(self, lod: float) -> float:
        """How much larger than at 100 % the name is drawn at ``lod``: the size it has on screen at zoom
        NAME_SCREEN_ZOOM, but never so large that it would cover a neighbour's name or icon (the scene's room)."""
        if self.name_room is None:
            scene = self.scene()
            self.name_room = scene.name_room(self) if scene is not None else th.NAME_SCREEN_ZOOM / th.NAME_LOD
        return min(th.NAME_SCREEN_ZOOM / lod, self.name_room)

    def far_name_rect(self, lod: float) -> QRectF:
        """The name's box as drawn at ``lod`` (between NAME_LOD and TEXT_LOD), in item coordinates."""
        return self.far_name_rect_at(self.far_name_scale(lod))

    def name_box(self, scale: float) -> tuple[float, float]:
        """Width and height of the name's box at ``scale`` (1 = as drawn at 100 %)."""
        return ((self._name_advance() + 8) * scale, (self._metrics["label"].height() + 2) * scale)

    def _name_advance(self) -> float:
        """The name's width in the label font, measured once per name and fonts (each node's box, its far-zoom
        name and the crowding of names ask for it: 10,000 sites measured each name twice as they opened)."""
        metrics, width = self._name_width
        if metrics is not self._metrics:  # a theme brings other fonts
            self._name_width = (self._metrics, self._metrics["label"].horizontalAdvance(self.name))
            width = self._name_width[1]
        return width

    def text_top(self) -> float:
        """Where the label (name, then phones) starts below the icon, in item coordinates."""
        return self._text_rect.top()

    def far_name_rect_at(self, scale: float) -> QRectF:
        """The name's box when drawn `scale` times larger, hanging from the top centre of the usual label."""
        w, h = self.name_box(scale)
        return QRectF(-w / 2, self._text_rect.top(), w, h)

    def _paint_far_name(self, painter: QPainter, theme: th.Theme, scale: float) -> None:
        painter.save()
        painter.translate(0, self._text_rect.top())
        painter.scale(scale, scale)
        w = self._name_advance() + 8
        box = QRectF(-w / 2, 0, w, self._metrics["label"].height() + 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.label_back)
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(theme.font("label"))
        painter.setPen(theme.text)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.name)
        painter.restore()

    def _badge_center(self) -> QPointF:
        return QPointF(self._body.right() - 2, self._body.top() + 2)


_PEN_ROOM = 8.0  # device pixels drawn beyond the painted area: wider than any link pen and its caps


class LinkItem(QGraphicsItem):
    """A link drawn centre to centre, coloured by its sizing status, labelled with calls and kbps."""

    def __init__(self, link: Link, a: NodeItem, b: NodeItem, font_metrics: dict[str, QFontMetricsF]):
        super().__init__()
        self.item_id = link.id
        self._metrics = font_metrics
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(0.0)
        self.status: str | None = None
        self.badge: Badge | None = None
        self.label = ""
        self._shown: tuple | None = None  # (link, result) the label and tooltip were made from
        self._tip_stale = False
        self._tip_llq = 0.33  # the priority-queue share the tooltip's LLQ figure was written against
        self._tip_ends = ""  # the ends' names the tooltip was written with
        self._line = QLineF()
        self._label_rect = QRectF()
        self._box: tuple | None = None  # (label text, width, height, the fonts' metrics) of the label's box
        self.label_t = 0.5  # where the label sits along the line (the scene picks it: see canvas.labels)
        self.label_side = 0.0  # on the line (0), or just beside it on one side (1) or the other (-1)
        self._rect = QRectF()
        self._drawn = False  # whether adjust() has run: before that there is no line to place the label on
        # The label lives above the nodes (a separate item), the line below them: labels stay readable where
        # they cross a node's name, and lines never cross an icon.
        self.label_item = LinkLabelItem(self)
        self.set_link(link, a, b)

    def set_link(self, link: Link, a: NodeItem, b: NodeItem) -> None:
        self.link = link
        self.a_item, self.b_item = a, b
        self.set_result(None)
        self.adjust()

    def set_result(self, result) -> bool:
        """``result`` is an advisor.results.LinkResult or None (not analysed yet); True if the label changed size
        and went back to its default place (the scene then finds it a free one). A label whose text changed but
        not its width keeps its place: the same box covers nothing new, and labels do not jump about at each edit
        (on a 10,000-site chain every link's figures change with any site's users)."""
        link, shown = self.link, self._shown
        before = shown[1] if shown is not None and shown[0] is link else False  # False: not shown for this link
        if before is result or (result is not None and before and result.__dict__ == before.__dict__):
            return False  # the same figures: label, colour and tooltip stand
        self._shown = (link, result)
        self._tip_stale = True  # written when asked for (toolTip(), or the scene's help event): 1,000 links
        if result is not None and before and (result.calls, result.kbps, result.status) == (
                before.calls, before.kbps, before.status):
            return False  # most links after an edit elsewhere: the Erlangs moved a little, label and colour did not
        if result is None:
            label, status = numbers.kbps(link.capacity_kbps), None
        else:
            # Short enough that labels of a busy hub do not pile up; capacity and shares are in the tooltip.
            label = f"{numbers.count(result.calls)} call{'' if result.calls == 1 else 's'} · {numbers.kbps(result.kbps)}"
            status = result.status
        if (label, status) != (self.label, self.status):
            relabelled, recoloured = label != self.label, status != self.status
            if relabelled:  # the new text measured once, and kept as the label's box (see _label_box)
                width = self._label_box()[0] if self.label else None  # a new item's empty label: nothing to measure
                metrics = self._metrics["small"]
                box = (label, metrics.horizontalAdvance(label) + 10, metrics.height() + 4, self._metrics)
                relabelled = box[1] != width  # the same width: the label stays in place
                self._box = box
            self.label, self.status = label, status
            if recoloured:
                self.update()  # the line's colour (in a dense scene, drawn with the others: dense_lines)
                if (layer := getattr(self.scene(), "dense_layer", None)) is not None:
                    layer.stale()
            if relabelled and self._drawn:  # the label's size and place; the line and its rectangle stand
                self.set_label_t(self.default_t())  # (a new item's first adjust() places it: 45,000 links, 0.3 s)
            else:
                self.label_item.update()
            return relabelled
        return False

    def toolTip(self) -> str:  # noqa: N802 - Qt's name
        """The link, its capacity and its figures; made on first use after a change (see set_result)."""
        scene, link = self.scene(), self._shown[0]
        llq = scene.design.traffic.llq_share if scene is not None else self._tip_llq
        # the ends by name, as the findings write them ('Branch (b1) – Branch (b2)'): a renamed end renames them
        ends = names_for(scene.design).ends(link.a, link.b) if scene is not None else f"{link.a} – {link.b}"
        if self._tip_stale or llq != self._tip_llq or ends != self._tip_ends:  # shares read against the design's
            self._tip_stale, self._tip_llq, self._tip_ends = False, llq, ends
            result = self._shown[1]
            tip = ""
            if result is not None:
                tip = (f"<br>{numbers.counted(result.calls, 'concurrent call')} ({numbers.erlangs(result.erlangs)}) × "
                       f"{numbers.kbps(result.per_call_kbps)} + {numbers.kbps(result.signalling_kbps)} signalling"
                       + (f" + {numbers.kbps(result.cluster_kbps)} intra-cluster" if result.cluster_kbps else "")
                       + f"<br>= {numbers.kbps(result.kbps)} per direction, "
                       f"{numbers.percent_against(result.utilization, 1.0)} of capacity, "
                       f"LLQ {numbers.percent_against(result.llq_share, llq)} · "
                       f"{_STATUS_TEXT.get(result.status, _esc(result.status))}<br>"
                       f"{_esc(result.encapsulation)}, {_esc(result.l2)}")
            text = (f"<b>{_esc(name_or(link.name, link.id))}</b>: {_esc(ends)}<br>"
                    f"capacity {numbers.kbps(link.capacity_kbps)} · {_esc(L2_NAMES.get(link.l2, link.l2))} · "
                    f"RTT {numbers.typed(link.rtt_ms)} ms{tip}")
            text = without_overrides(text)  # a name's open override turned the other end and our words around
            self.setToolTip(text)
            self.label_item.setToolTip(text)
        return super().toolTip()

    def set_badge(self, badge: Badge | None) -> None:
        if badge != self.badge:
            self.badge = badge
            self.label_item.update()

    def adjust(self) -> None:
        """Recompute the geometry after an end moved or the label changed; the label goes to its default place
        (the scene then moves it along the line if it would cover another label or a node)."""
        self.prepareGeometryChange()
        p1, p2 = self.a_item.pos(), self.b_item.pos()
        self._line = QLineF(p1, p2)
        margin = th.LINK_WIDTH * 3
        self._rect = QRectF(p1, p2).normalized().adjusted(-margin, -margin, margin, margin)
        self._drawn = True
        self.set_label_t(self.default_t())

    def default_t(self) -> float:
        """Where the label sits by default, as a fraction of the way from end a to end b."""
        # Links fan out from a cloud: a label towards the site's end spreads out instead of crowding the cloud.
        a_cloud, b_cloud = getattr(self.a_item, "is_cloud", False), getattr(self.b_item, "is_cloud", False)
        length = self._line.length()
        if a_cloud == b_cloud or length <= 0:
            return 0.5
        # 38 % of the way from the site, but never closer than 70 px: clear of the site's own text.
        from_site = min(length / 2, max(70.0, 0.38 * length)) / length
        return 1 - from_site if a_cloud else from_site

    def label_rect_at(self, t: float, side: float = 0.0) -> QRectF:
        """The label's box centred on the point ``t`` of the way along the line, or just beside it (``side``)."""
        mid = self._line.pointAt(t)
        w, h = self._label_box()
        dx, dy = (0.0, 0.0) if not side else shapes.beside_offset(self._line, w, h, side)
        return QRectF(mid.x() + dx - w / 2, mid.y() + dy - h / 2, w, h)

    def _label_box(self) -> tuple[float, float]:
        """The label's width and height, measured once per text: placing a label tries up to 17 places along its
        line, and opening a 5,000-link design measured 120,000 texts."""
        label, box = self.label, self._box
        if box is None or box[0] is not label or box[3] is not self._metrics:  # a theme brings other fonts
            metrics = self._metrics["small"]
            box = self._box = (label, metrics.horizontalAdvance(label) + 10, metrics.height() + 4, self._metrics)
        return box[1], box[2]

    def set_label_t(self, t: float, side: float = 0.0) -> None:
        self.label_t, self.label_side = t, side
        self._label_rect = self.label_rect_at(t, side)
        self.label_item.adjust(self._label_rect)

    def label_rect(self) -> QRectF:
        return QRectF(self._label_rect)

    def line(self) -> QLineF:
        return QLineF(self._line)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect

    def shape(self) -> QPainterPath:
        return shapes.line_stroke(self._line, 10.0)  # easier to hit than the 2 px line

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        far = detail_level(painter.worldTransform()) < th.DETAIL_LOD or th.dense(self.scene())
        if not far:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = self.isSelected()
        painter.setPen(theme_of(self).link_pen(self.status, selected, far))
        line = self._line
        transform = painter.worldTransform()
        inverse, invertible = transform.inverted()
        if invertible:  # only the part in the painted area (a few pixels beyond it, for the pen's width and caps)
            shown = inverse.mapRect(QRectF(painter.viewport()).adjusted(-_PEN_ROOM, -_PEN_ROOM, _PEN_ROOM, _PEN_ROOM))
            if not shown.contains(self._rect):
                line = shapes.visible_part(line, shown)
                if line is None:
                    return
        painter.drawLine(line)
        if far and selected and invertible:  # two pixels wide: a second one-pixel line beside the first
            painter.drawLine(beside(line, transform))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
