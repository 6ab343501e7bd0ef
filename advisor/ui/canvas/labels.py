"""Labels that do not cover each other: link labels slide along their line away from other labels and nodes (or
step just beside it), and
a far-zoom site name grows only as large as its neighbours leave room for.

Plain geometry over the scene's items; the scene calls these after a change (see ``DesignScene``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from time import perf_counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt

from advisor.ui.canvas import theme as th
from advisor.ui.canvas.shapes import beside_offset

if TYPE_CHECKING:
    from advisor.ui.canvas.items import LinkItem, NodeItem
    from advisor.ui.canvas.scene import DesignScene

LABEL_GAP = 3.0  # scene px kept clear around a link label
NODE_CLEARANCE = 40.0  # a label's centre stays this far from the centre of either end (off the icons)
MAX_SLIDE_STEPS = 8  # label heights tried each way along the line before giving up on a free place
INDEXED_BATCH = 64  # up to this many labels placed at once, obstacles come from the scene's index
LABEL_AREA_SHARE = 0.5  # labels covering more than this share of their lines' region cannot lie apart
MAX_NAME_SCALE = th.NAME_SCREEN_ZOOM / th.NAME_LOD
NAME_GAP = 4.0  # scene px between a far-zoom name and its neighbour's name or icon


def candidate_ts(link: LinkItem) -> list[float]:
    """Places along the line to try, nearest the default first, each a label height (and a gap) apart."""
    length, t0, height = link._line.length(), link.default_t(), link._label_box()[1]
    if length <= 2 * NODE_CLEARANCE:
        return [t0]
    step = (height + LABEL_GAP) / length
    low, high = NODE_CLEARANCE / length, 1 - NODE_CLEARANCE / length
    out = [t0]
    for k in range(1, MAX_SLIDE_STEPS + 1):
        for t in (t0 + k * step, t0 - k * step):
            if low <= t <= high:
                out.append(t)
    return out


BESIDE_TRIES = 3  # the first places along the line also tried beside it, on either side


def candidate_places(link: LinkItem) -> list[tuple[float, float]]:
    """(t, side) to try: ``candidate_ts`` on the line, then the first BESIDE_TRIES of them beside it, on one side
    and the other, nearest first (``shapes.beside_offset``): a row of links whose figures are longer than the links
    (a long chain's thousands of calls) covered its sites and each other's labels where the line was taken."""
    ts = candidate_ts(link)
    return [(t, 0.0) for t in ts] + [(t, side) for side in BESIDE_SIDES for t in ts[:BESIDE_TRIES]]


BESIDE_SIDES = (1.0, -1.0, 2.0, -2.0, 3.0, -3.0)  # nearest first: just clear of the line, then a step further


def place_link_labels(scene: DesignScene, links: Iterable[LinkItem]) -> None:
    """Move each label of ``links`` to the first candidate place that covers no other label and no node.

    Labels of ``links`` not yet placed are not obstacles (they move next); the others stay where they are. When no
    place is free the label keeps its default place, and so do all of them when they could not lie apart anyway
    (``crowded``). Obstacles go into a grid of buckets here rather than through the scene's index, which would
    re-index after every label moved (seconds for a thousand links). Links drawn as a bundle (canvas.bundle) show no
    label of their own: they are neither placed nor obstacles; the bundle's label is one.
    """
    Placement(scene, links).run()


class Placement:
    """``place_link_labels`` as a piece of work that can stop between two labels and go on later (``run`` with a
    deadline): each label's place depends on those placed before it, so the same labels placed in one go or in
    slices, with nothing else changed in between, end in the same places (``advisor.ui.canvas.label_queue``)."""

    def __init__(self, scene: DesignScene, links: Iterable[LinkItem]) -> None:
        bundled = scene.pairs.bundled
        self.batch = sorted({link.item_id: link for link in links if link.item_id not in bundled}.values(),
                            key=lambda x: x.item_id)
        self.next = 0  # the first label of `batch` not yet placed
        self.places: dict = {}  # label -> its candidate places, worked out ahead (a few labels: `_near`)
        self.grid: _Grid | None = None  # the boxes placed labels and nodes cover, within `area`
        self.area: QRectF | None = None
        if not self.batch:
            return
        batch = self.batch
        pending = {link.item_id for link in batch}
        if len(batch) <= INDEXED_BATCH:
            self.places, area, nodes, others = _near(scene, batch)
        else:
            self.places, area = {}, _lines_box(batch)
            area.adjust(-200, -200, 200, 200)  # a label half-width beyond the lines' ends
            if crowded(batch, area):
                for link in batch:
                    default = link.default_t()
                    if link.label_t != default or link.label_side:
                        link.set_label_t(default)
                self.next = len(batch)
                return
            nodes = scene.nodes.values()
            others = [*(x for x in scene.links.values() if x.item_id not in bundled), *scene.pairs.bundles.values()]
        self.area = area
        self.grid = grid = _Grid()
        for node in nodes:
            grid.add(node.footprint().translated(node.pos()), area)
        for other in others:
            if other.item_id not in pending:
                grid.add(other.label_rect(), area)

    @property
    def done(self) -> bool:
        return self.next >= len(self.batch)

    def left(self) -> int:
        """How many labels are still to place."""
        return len(self.batch) - self.next

    def run(self, deadline: float | None = None) -> None:
        """Place the labels left, in order; with a ``deadline`` (``time.perf_counter()``), stop at the first label
        after it (checked every SLICE_CHECK labels)."""
        batch, grid, area, places = self.batch, self.grid, self.area, self.places
        i = self.next
        while i < len(batch):
            if deadline is not None and not i % SLICE_CHECK and i > self.next and perf_counter() >= deadline:
                break
            link = batch[i]
            i += 1
            chosen = (link.default_t(), 0.0)
            for place, box in places.get(link.item_id) or _tries(link):
                if not grid.hits(box):
                    chosen = place
                    break
            link.set_label_t(*chosen)
            grid.add(link.label_rect(), area)
        self.next = i


SLICE_CHECK = 32  # labels placed between two looks at the clock (some 50 µs each in a crowded design)


def _lines_box(batch: list[LinkItem]) -> QRectF:
    """The box of every line of ``batch``, from their ends' extremes: what QRectF.united over each line's normalized
    box gives (a line of no length is a null box, which adds nothing; where every line is one, the last one's)."""
    xs, ys = [], []
    last = QRectF()
    for link in batch:
        line = link._line
        x1, y1, x2, y2 = line.x1(), line.y1(), line.x2(), line.y2()
        if x1 != x2 or y1 != y2:
            xs += (x1, x2)
            ys += (y1, y2)
        elif not xs:
            last = QRectF(x1, y1, 0.0, 0.0)
    if not xs:
        return last
    return QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys)))


def crowded(batch: list[LinkItem], area: QRectF) -> bool:
    """Whether the labels of ``batch`` cover more than LABEL_AREA_SHARE of ``area``, the region their lines span:
    then no placement keeps them apart (a 300-site full mesh: 44,850 labels, seven times the drawing's area), and
    trying 17 places for each against the pile held the window for 3.8 s."""
    total = 0.0
    for link in batch:
        w, h = link._label_box()
        total += (w + LABEL_GAP) * (h + LABEL_GAP)
    return total > LABEL_AREA_SHARE * area.width() * area.height()


def _tries(link: LinkItem) -> Iterator[tuple[tuple[float, float], tuple[float, float, float, float]]]:
    """((t, side), box) for each of ``candidate_places``, as they are asked for: the label's box there grown by
    LABEL_GAP, as (left, top, right, bottom). The same floating-point steps as ``QLineF.pointAt``, ``QRectF(x, y,
    w, h)`` and ``QRectF.adjusted`` (tests/ui/test_label_places.py), without a Qt object per place: a label of a
    crowded design tries up to 35, most labels one."""
    line = link._line
    x1, y1 = line.x1(), line.y1()
    dx, dy = line.x2() - x1, line.y2() - y1
    w, h = link._label_box()
    gap = LABEL_GAP
    grown_w, grown_h = w + gap - -gap, h + gap - -gap  # QRectF.adjusted: w + dx2 - dx1
    for t, side in candidate_places(link):
        ox, oy = (0.0, 0.0) if not side else beside_offset(line, w, h, side)
        left = x1 + dx * t + ox - w / 2 + -gap
        top = y1 + dy * t + oy - h / 2 + -gap
        yield (t, side), (left, top, left + grown_w, top + grown_h)


def _near(scene: DesignScene, batch: list[LinkItem]):
    """For a few labels (an edit's): each one's candidate places, the area they cover, and the nodes and links
    whose footprint or label may touch it, from the scene's index: the other 1,000 of a big design are not measured.

    The area is every candidate box with its gap, so nothing outside it can decide a place. The index answers by
    bounding rectangle, and a node's holds its footprint, a label item's its label: what it leaves out lies
    outside the area (it answers with visible items only, and nodes and labels are never hidden). One query per
    batch; per label, it would re-index after every label moved.
    """
    from advisor.ui.canvas.items import LinkLabelItem, NodeItem

    places = {link.item_id: list(_tries(link)) for link in batch}
    boxes = [box for tries in places.values() for _t, box in tries]
    area = QRectF(QPointF(min(b[0] for b in boxes), min(b[1] for b in boxes)),
                  QPointF(max(b[2] for b in boxes), max(b[3] for b in boxes)))
    found = scene.items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect)
    nodes = [item for item in found if isinstance(item, NodeItem)]
    others = [item.link_item for item in found if isinstance(item, LinkLabelItem)]
    return places, area, nodes, others


class _Grid:
    """Rectangles bucketed by cell, for "does this box touch any of them" in constant time."""

    CELL = 64.0

    def __init__(self):
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _keys(self, r: tuple[float, float, float, float]) -> list[tuple[int, int]]:
        c, floor = self.CELL, math.floor
        rows = range(floor(r[1] / c), floor(r[3] / c) + 1)
        return [(i, j) for i in range(floor(r[0] / c), floor(r[2] / c) + 1) for j in rows]

    def add(self, rect: QRectF, area: QRectF) -> None:
        if rect.intersects(area):
            r = (rect.left(), rect.top(), rect.right(), rect.bottom())
            cells = self.cells
            for key in self._keys(r):
                row = cells.get(key)
                if row is None:
                    cells[key] = [r]
                else:
                    row.append(r)

    def hits(self, r: tuple[float, float, float, float]) -> bool:
        """Whether the box (left, top, right, bottom) overlaps any rectangle added (the cells of `_keys`, in
        its order, walked in place: a crowded design asks this ~170,000 times)."""
        left, top, right, bottom = r
        c, floor, get = self.CELL, math.floor, self.cells.get
        rows = range(floor(top / c), floor(bottom / c) + 1)
        for i in range(floor(left / c), floor(right / c) + 1):
            for j in rows:
                for o in get((i, j), ()):
                    if o[0] < right and left < o[2] and o[1] < bottom and top < o[3]:
                        return True
        return False


def name_room(scene: DesignScene, node: NodeItem) -> float:
    """The largest scale (1 … MAX_NAME_SCALE) at which ``node``'s far-zoom name covers no neighbour's name (drawn
    at the same scale) and no neighbour's icon. Never below 1: at that size the names are laid out already."""
    from advisor.ui.canvas.items import NodeItem

    x, y = node.pos().x(), node.pos().y()
    top = y + node.text_top()
    if _crowded(scene).get(_spot(x, top), 0) > 1:
        return 1.0  # another name starts within a few px of this one: they touch at every scale
    reach = QRectF(node.far_name_rect_at(MAX_NAME_SCALE)).translated(node.pos())
    room = MAX_NAME_SCALE
    w, h = node.name_box(1.0)
    # the nodes near it, then each one's shape as the scene's shape test finds them: asking the scene stroked the
    # outline of every link crossing `reach` too (a 300-site full mesh: 1.7 million strokes, 19 s for one edit)
    for other in _nodes_near(scene, reach):
        if other is node or not isinstance(other, NodeItem) or not other.shape().intersects(
                reach.translated(-other.pos())):
            continue
        ox, oy = other.pos().x(), other.pos().y()
        ow, _ = other.name_box(1.0)
        other_top = oy + other.text_top()
        # Two names at scale s are apart if side by side (|dx| ≥ (w + ow) s / 2) or one above the other
        # (|top - other_top| ≥ h s): the larger of the two limits holds.
        room = min(room, max(2 * (abs(ox - x) - NAME_GAP) / (w + ow), (abs(other_top - top) - NAME_GAP) / h))
        body = other.body_rect().translated(ox, oy)
        room = min(room, _room_beside_icon(x, top, w, h, body))
        if room <= 1.0:
            return 1.0  # the floor: no other neighbour can change the answer
    return max(1.0, room)


NEAR_CELL = 512.0  # the squares of `_nodes_near`'s grid, in scene units


def _nodes_near(scene: DesignScene, area: QRectF) -> list:
    """The node items whose bounding rects meet `area`, from a grid of the nodes' bounding rects made once per
    change of the nodes (dropped with the rooms, as `_crowded`'s counts)."""
    grid = scene.node_cells
    if grid is None:
        grid = {}
        for item in scene.nodes.values():
            for key in _cells(item.sceneBoundingRect()):
                grid.setdefault(key, []).append(item)
        scene.node_cells = grid
    found: dict[int, object] = {}
    for key in _cells(area):
        for item in grid.get(key, ()):
            if id(item) not in found and item.sceneBoundingRect().intersects(area):
                found[id(item)] = item
    return list(found.values())


def _cells(rect: QRectF) -> list[tuple[int, int]]:
    c, floor = NEAR_CELL, math.floor
    rows = range(floor(rect.top() / c), floor(rect.bottom() / c) + 1)
    return [(i, j) for i in range(floor(rect.left() / c), floor(rect.right() / c) + 1) for j in rows]


# Names whose tops lie in one SPOT x SPOT square are closer than NAME_GAP + 8 px side by side (a name's box is at
# least 8 px wide) and NAME_GAP + 2 px one above the other (at least 2 px high): they touch at scale 1 already.
SPOT = 6.0


def _spot(x: float, top: float) -> tuple[int, int]:
    return math.floor(x / SPOT), math.floor(top / SPOT)


def _crowded(scene: DesignScene) -> dict[tuple[int, int], int]:
    """How many node names start in each SPOT square, counted once per change of the nodes (the scene drops the
    count with the rooms). A thousand nodes at one place (a file without coordinates puts every node at 0, 0)
    each asked the scene's index for the others: a million answers, 19 s before the first far-zoom paint."""
    counts = scene.name_spots
    if counts is None:
        counts = {}
        for item in scene.nodes.values():
            key = _spot(item.pos().x(), item.pos().y() + item.text_top())
            counts[key] = counts.get(key, 0) + 1
        scene.name_spots = counts
    return counts


def _room_beside_icon(x: float, top: float, w: float, h: float, body: QRectF) -> float:
    """The largest scale at which a name centred on ``x`` and hanging from ``top`` stays off ``body``."""
    if body.bottom() <= top:
        return MAX_NAME_SCALE  # the icon is above the name: a larger name grows away from it
    beside = 0.0
    if body.left() > x:
        beside = 2 * (body.left() - NAME_GAP - x) / w
    elif body.right() < x:
        beside = 2 * (x - body.right() - NAME_GAP) / w
    below = (body.top() - NAME_GAP - top) / h if body.top() >= top else 0.0
    return max(beside, below) if max(beside, below) > 0 else MAX_NAME_SCALE  # overlapping already: not ours
