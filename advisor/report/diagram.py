"""The topology drawn as vectors from the canvas positions: site kinds as shapes, clouds, links labelled "calls / kbps".

Large designs get an overview (shapes only when labels would be too small to read) plus detail tiles found by
median splits, each tile at a readable scale; links leaving a tile are clipped at its edge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing

from advisor.model import Design
from advisor.numbers import counted
from advisor.report import fonts, styles
from advisor.report.diagram_shapes import (
    CLOUD_INK,
    LINK_INK,
    Group,
    Rect,
    _cloud,
    _label,
    _legend,
    _link_paths,
    _short,
    _site,
)
from advisor.report.diagram_space import Occupancy, clip, labels_fit, nearest_spacing, within
from advisor.report.render import View
from advisor.report.tables import fmt_int, fmt_kbps
from advisor.results import LinkResult
from advisor.rules._names import names_for

TILE_NODES = 22  # nodes per detail tile: keeps 7-pt labels apart at full page width
MAX_TILES = 60
MIN_LABEL_PT = 5.0
PARALLEL_LABELS = 6  # link labels drawn between the same two nodes: one per spot along the line
TYPICAL_LINK_LABEL = "12 / 1,234.56 kbps"  # the width of a usual link label, to judge whether a view has room
LEGEND_TOP = 18.0  # the overview's legend runs along its bottom edge, below this height


@dataclass(frozen=True)
class _Node:
    id: str
    label: str
    kind: str
    cloud: bool
    x: float
    y: float


@dataclass(frozen=True)
class _Box:
    x0: float
    y0: float
    x1: float
    y1: float


def nodes_of(design: Design) -> list[_Node]:
    """Nodes at their canvas positions, or on a radial layout when the positions are missing (all stacked)."""
    shown = fonts.unhyphenated  # a label is one line: its soft hyphens mark no break, yet printed as hyphens
    node = names_for(design).node  # two sites named alike carry their ids ('Lyon (b1)'), as every table names them
    nodes = [_Node(s.id, shown(node(s.id)) or s.id, s.kind, False, s.x, s.y) for s in design.sites]
    nodes += [_Node(c.id, shown(node(c.id)) or c.id, c.kind, True, c.x, c.y) for c in design.clouds]
    distinct = {(round(n.x, 1), round(n.y, 1)) for n in nodes}
    if len(nodes) > 1 and len(distinct) < 0.9 * len(nodes):
        nodes = _radial(nodes)
    return nodes


def _radial(nodes: list[_Node]) -> list[_Node]:
    clouds = [n for n in nodes if n.cloud]
    sites = [n for n in nodes if not n.cloud]
    radius = max(200.0, 40.0 * len(sites) / (2 * math.pi))
    placed = [_Node(n.id, n.label, n.kind, True, (i - (len(clouds) - 1) / 2) * 160.0, 0.0)
              for i, n in enumerate(clouds)]
    for i, n in enumerate(sites):
        angle = 2 * math.pi * i / max(1, len(sites)) - math.pi / 2
        placed.append(_Node(n.id, n.label, n.kind, False, radius * math.cos(angle), radius * math.sin(angle)))
    return placed


def topology_drawings(design: Design, links: dict[str, LinkResult], width: float,
                      height: float) -> list[tuple[Drawing, str]]:
    """The overview and, when it is too dense to label, detail tiles: (drawing, caption) pairs."""
    nodes = nodes_of(design)
    if not nodes:
        return []
    box = _bounds(nodes)
    overview, readable, clashes, labelled, crowded, piled, hidden = _draw(design, nodes, links, box, width, height,
                                                                          overview=True)
    if readable and piled:  # site names that could not lie apart at this scale: the detail views name them
        overview, readable, clashes, labelled, crowded, _, hidden = _draw(design, nodes, links, box, width, height,
                                                                          overview=True, names=False)
    caption = "Overview of the topology."
    if not readable:
        caption = ("Overview of the topology (too dense to label at this scale; the detail views below name every "
                   "site and link).")
    elif crowded:  # more link labels than the page could hold apart: the detail views label what they have room for
        caption = ("Overview of the topology (too many links to label at this scale; the detail views below and the "
                   "Links section give their figures).")
        readable = False
    elif clashes > max(2, 0.1 * labelled):
        # Link figures that would pile up (many spokes into one cloud) move to the detail views.
        overview, *_ = _draw(design, nodes, links, box, width, height, overview=True, link_labels=False)
        caption = "Overview of the topology (the detail views below label every link with its calls / kbps)."
        readable = False
    elif hidden:  # the few link labels that would have covered a name or another label, left out
        caption += _left_out(hidden)
    out = [(overview, caption)]
    if not readable:
        tiles = _tiles(nodes, box)[:MAX_TILES]
        views: dict[int, tuple[Drawing, bool, int]] = {}
        done: set[str] = set()  # links labelled so far; views with a cloud last, so a spoke keeps its site's label
        all_nodes = {n.id: n for n in nodes}
        at_node = _links_at(design)
        for i in sorted(range(len(tiles)), key=lambda i: any(n.cloud for n in tiles[i][1])):
            tile_nodes = tiles[i][1]  # scaled to its own nodes, not its region; links run out to the edge
            view, _, left_out, _, crowded, *_ = _draw(design, tile_nodes, links, _bounds(tile_nodes), width,
                                                  height * 0.48, overview=False, all_nodes=all_nodes,
                                                  labelled=done, near=_links_of(design, tile_nodes, at_node))
            views[i] = view, crowded, left_out
        out += [(views[i][0], f"Detail {i + 1} of {len(tiles)}: {counted(len(t), 'node')}."
                 + (" Too many links to label here: the Links section gives each one's calls and kbps."
                    if views[i][1] else _left_out(views[i][2]))) for i, (_, t) in enumerate(tiles)]
    return out


def _links_at(design: Design) -> dict[str, list[int]]:
    """Node id -> the positions in `design.links` of the links that end at it."""
    at: dict[str, list[int]] = {}
    for i, link in enumerate(design.links):
        at.setdefault(link.a, []).append(i)
        if link.b != link.a:
            at.setdefault(link.b, []).append(i)
    return at


def _links_of(design: Design, nodes: list[_Node], at_node: dict[str, list[int]]) -> list:
    """The links with an end among `nodes`, in design order (the order every view draws them in)."""
    return [design.links[i] for i in sorted({i for n in nodes for i in at_node.get(n.id, ())})]


def _bounds(nodes: list[_Node]) -> _Box:
    xs = [n.x for n in nodes]
    ys = [n.y for n in nodes]
    return _Box(min(xs), min(ys), max(xs), max(ys))


def _tiles(nodes: list[_Node], box: _Box) -> list[tuple[_Box, list[_Node]]]:
    """Median splits along the longer side until each region holds at most TILE_NODES nodes."""
    if len(nodes) <= TILE_NODES:
        return [(box, nodes)]
    horizontal = (box.x1 - box.x0) >= (box.y1 - box.y0)
    key = (lambda n: (n.x, n.y, n.id)) if horizontal else (lambda n: (n.y, n.x, n.id))
    ordered = sorted(nodes, key=key)
    half = len(ordered) // 2
    first, second = ordered[:half], ordered[half:]
    if horizontal:
        cut = (first[-1].x + second[0].x) / 2
        boxes = (_Box(box.x0, box.y0, cut, box.y1), _Box(cut, box.y0, box.x1, box.y1))
    else:
        cut = (first[-1].y + second[0].y) / 2
        boxes = (_Box(box.x0, box.y0, box.x1, cut), _Box(box.x0, cut, box.x1, box.y1))
    return _tiles(first, boxes[0]) + _tiles(second, boxes[1])


def _draw(design: Design, nodes: list[_Node], links: dict[str, LinkResult], box: _Box, width: float,
          height: float, *, overview: bool, all_nodes: dict[str, _Node] | None = None,
          link_labels: bool = True, labelled: set[str] | None = None,
          near: list | None = None, names: bool = True) -> tuple[Drawing, bool, int, int, bool, bool, int]:
    """One view: (drawing, labels readable, link labels that had to overlap something (a detail view leaves those
    out, and counts there too the links whose label has no spot inside it), link labels drawn, links left
    unlabelled because their labels could not lie apart in it, whether a site's name found no free spot: piled on
    another name or a shape, which an overview then leaves to the detail views (`names=False`: shapes only), and
    the overview's link labels left out because they would have covered a name or another label).

    `labelled` collects the ids of the links labelled in the detail views; a spoke from a cloud in this view to a
    site outside it that is already there keeps that label only (here it would add to a pile at the cloud).
    `near` are the design's links with an end in this view, in design order (default: all of them)."""
    count = len(nodes)
    # Spacing a node gets if spread evenly; labels and shapes scale with it, within readable limits.
    margin = 28.0
    span_x = max(box.x1 - box.x0, 1e-9)
    span_y = max(box.y1 - box.y0, 1e-9)
    scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
    if not math.isfinite(scale) or scale > 1e6:
        scale = 1.0
    draw_w = span_x * scale if span_x > 1e-6 else 0.0
    draw_h = span_y * scale if span_y > 1e-6 else 0.0
    spacing = nearest_spacing(nodes, scale) if count > 1 else width
    # Labels may be wider than the spacing: the placement below moves them to free spots (outward first).
    font_pt = max(4.0, min(7.5, spacing / 3.2))
    shape_r = max(2.5, min(7.0, spacing / 5.0))
    readable = names and (font_pt >= MIN_LABEL_PT or count <= 12 or not overview)
    if not overview:
        font_pt = max(MIN_LABEL_PT, font_pt)
    if readable:  # room at the sides for the outermost sites' labels beside them (within 15 % of the width)
        room = max((fonts.string_width(_short(n.label, 28), font_pt) for n in nodes if not n.cloud), default=0.0)
        margin_x = min(max(margin, room + shape_r * 1.3 + 4), width * 0.15)
        if margin_x > margin and span_x > 1e-6:
            scale = min((width - 2 * margin_x) / span_x, (height - 2 * margin) / span_y)
            draw_w, draw_h = span_x * scale, (span_y * scale if span_y > 1e-6 else 0.0)
    ox = (width - draw_w) / 2
    oy = (height - draw_h) / 2

    def pos(n: _Node) -> tuple[float, float]:
        return ox + (n.x - box.x0) * scale, oy + (box.y1 - n.y) * scale

    drawing = View(width, height)
    drawing.add(Rect(0, 0, width, height, strokeColor=styles.RULE, strokeWidth=0.5, fillColor=None))
    node_by_id = all_nodes or {n.id: n for n in nodes}
    inside = {n.id for n in nodes}
    labels, shapes = Group(), Group()
    strokes: list[tuple[str, list[tuple[float, float, float, float]]]] = []  # runs of one status, in link order
    clashes = labelled_count = piled = hidden = 0
    cx = sum(pos(n)[0] for n in nodes) / count
    cy = sum(pos(n)[1] for n in nodes) / count
    frame = (0.0, 0.0, width, height)
    taken = Occupancy(max(20.0, font_pt * 6))
    texts = Occupancy(max(20.0, font_pt * 6))  # the names and labels alone: no link label is drawn over one
    if overview:
        taken.add((0.0, 0.0, width, LEGEND_TOP))
    for n in sorted(nodes, key=lambda n: (not n.cloud, n.id)):
        x, y = pos(n)
        if n.cloud:
            text = _short(n.label, 24)
            rx, ry = max(shape_r * 4.2, fonts.string_width(text, font_pt, True) / 2 + 6), shape_r * 2.1
            _cloud(shapes, x, y, rx, ry, n.kind)
            spot = None
            if readable or overview:
                cloud_pt = max(font_pt, 6.5)
                tw = fonts.string_width(text, cloud_pt, True)
                (left, base), *_ = within([(x - tw / 2, y - cloud_pt * 0.35)], tw, cloud_pt, width, height)
                spot = left, base, False
                if taken.overlap((left - 1.2, base - cloud_pt * 0.28, left + tw + 1.2, base + cloud_pt * 0.85)):
                    # on a cloud drawn before it (two clouds placed close together): their names piled up. Above
                    # or below its shape, on a white backing, else the overview leaves it to the detail views.
                    beside = [at for k in range(3) for at in ((x - tw / 2, y + ry + cloud_pt * (0.28 + 1.15 * k) + 0.5),
                                                              (x - tw / 2, y - ry - cloud_pt * 1.15 * (k + 1)))]
                    left, base, overlap = taken.best(within(beside, tw, cloud_pt, width, height), tw, cloud_pt)
                    spot = None if overview and overlap > 0 else (left, base, True)
            taken.add((x - rx, y - ry, x + rx, y + ry))
            if spot is not None:
                left, base, boxed = spot
                if boxed:
                    taken.take(left, base, tw, cloud_pt)
                texts.take(left, base, tw, cloud_pt)
                _label(labels, left + tw / 2, base, text, cloud_pt, CLOUD_INK[n.kind], bold=True, boxed=boxed,
                       width=tw)
        else:
            _site(shapes, x, y, shape_r, n.kind)
            taken.add((x - shape_r * 1.2, y - shape_r * 1.2, x + shape_r * 1.2, y + shape_r * 1.2))
    if readable:
        for n in sorted((n for n in nodes if not n.cloud), key=lambda n: n.id):
            x, y = pos(n)
            text = _short(n.label, 28)
            w = fonts.string_width(text, font_pt)
            below = (x - w / 2, y - shape_r - font_pt * 1.15)
            above = (x - w / 2, y + shape_r * 1.2 + font_pt * 0.28 + 0.5)  # clear of the shape's own box
            right = (x + shape_r * 1.3 + 1.5, y - font_pt * 0.35)
            left_ = (x - shape_r * 1.3 - 1.5 - w, y - font_pt * 0.35)
            # Away from the centre of the drawing first, then across the spoke, inward (over the spoke) last.
            dx, dy = x - cx, y - cy
            if abs(dx) > abs(dy) * 1.2:
                spots = [right, below, above, left_] if dx > 0 else [left_, below, above, right]
            else:
                spots = [above, right, left_, below] if dy > 0 else [below, right, left_, above]
            left, base, overlap = taken.best(within(spots, w, font_pt, width, height), w, font_pt)
            if overlap > 0 and not overview:  # each spot beside its shape taken (a site on another, or on a
                for k in (1, 2, 3):  # cloud): up to three lines further out, before its name covers another's
                    step = font_pt * 1.15 * k
                    spots += [(above[0], above[1] + step), (below[0], below[1] - step), (right[0], right[1] + step),
                              (right[0], right[1] - step), (left_[0], left_[1] + step), (left_[0], left_[1] - step)]
                left, base, overlap = taken.best(within(spots, w, font_pt, width, height), w, font_pt)
            taken.take(left, base, w, font_pt)
            texts.take(left, base, w, font_pt)
            piled += overlap > 0
            _label(labels, left + w / 2, base, text, font_pt, styles.INK, boxed=True, width=w)
    link_pt = font_pt * 0.92
    per_pair: dict[tuple[str, str], int] = {}  # labels drawn between two nodes (parallel links)
    crowded = False  # more link labels than the view could hold apart: its links stay unlabelled
    if readable and link_labels:
        count = _label_count(design.links if near is None else near, inside, links)
        crowded = not labels_fit(count, fonts.string_width(TYPICAL_LINK_LABEL, link_pt), link_pt, width, height)
        link_labels = not crowded
    for link in design.links if near is None else near:
        if link.a not in inside and link.b not in inside:
            continue
        na, nb = node_by_id.get(link.a), node_by_id.get(link.b)
        if na is None or nb is None:
            continue
        (x1, y1), (x2, y2) = pos(na), pos(nb)
        result = links.get(link.id)
        ink = LINK_INK.get(result.status if result else "ok", LINK_INK["ok"])
        seg = clip(x1, y1, x2, y2, frame)
        if seg is None:
            continue
        status = result.status if result and result.status in LINK_INK else "ok"
        if not strokes or strokes[-1][0] != status:
            strokes.append((status, []))
        strokes[-1][1].append(seg)
        if not readable or result is None or not link_labels:
            continue
        if labelled is not None and link.id in labelled and _spoke_from_outside(na, nb, inside):
            continue
        pair = (link.a, link.b) if link.a < link.b else (link.b, link.a)
        drawn = per_pair.get(pair, 0)
        if drawn >= PARALLEL_LABELS:  # a pile of parallel links: more labels would only cover each other
            continue  # (and placing each against the whole pile was quadratic: 49,000 links took minutes)
        per_pair[pair] = drawn + 1
        # Along the visible part, measured from the site end when the other end is a cloud: spokes fan out
        # there, so labels have room.
        x1, y1, x2, y2 = seg
        flip = (na.cloud and not nb.cloud) or (link.a not in inside and link.b in inside)
        if flip:
            x1, y1, x2, y2 = x2, y2, x1, y1
        fractions = (0.3, 0.4, 0.22, 0.5, 0.15, 0.6) if na.cloud != nb.cloud else (0.5, 0.4, 0.6, 0.3, 0.7)
        text = f"{fmt_int(result.calls)} / {fmt_kbps(result.kbps)}"  # grouped, as every table prints it
        w = fonts.string_width(text, link_pt)
        spots = [(x1 + (x2 - x1) * t - w / 2, y1 + (y2 - y1) * t - link_pt * 0.35) for t in fractions]
        spots += _beside(x1, y1, x2, y2, fractions[:3], w, link_pt)  # where the line itself is taken
        spots = [(sx, sy) for sx, sy in spots
                 if 1.2 <= sx and sx + w + 1.2 <= width and link_pt * 0.28 <= sy <= height - link_pt * 0.85]
        if not spots:  # no spot inside the view (a link running out of it close to its edge)
            clashes += not overview
        else:
            left, base, overlap = taken.best(spots, w, link_pt)
            if overlap > 0 and not overview:  # a detail view leaves out a label that would cover another
                clashes += 1
                continue
            if overlap > 0 and texts.overlap((left - 1.2, base - link_pt * 0.28, left + w + 1.2, base + link_pt * 0.85)):
                # so does the overview, where it would cover a name or another label (its white backing hid part
                # of 'Store 37'): its caption names the few it leaves out, counted as they were drawn before
                clashes, labelled_count, hidden = clashes + 1, labelled_count + 1, hidden + 1
                continue
            taken.take(left, base, w, link_pt)
            texts.take(left, base, w, link_pt)
            _label(labels, left + w / 2, base, text, link_pt, ink, boxed=True, width=w)
            labelled_count += 1
            if labelled is not None:
                labelled.add(link.id)
            clashes += overlap > 0
    drawing.add(_link_paths(strokes))
    drawing.add(shapes)
    drawing.add(labels)
    if overview:
        _legend(drawing, width)
    return drawing, readable, clashes, labelled_count, crowded, readable and piled > 0, hidden


def _left_out(count: int) -> str:
    """A detail view's note on the link labels it left out for want of room."""
    if not count:
        return ""
    return (f" {counted(count, 'link')} left unlabelled here for want of room: the Links section gives "
            + ("its" if count == 1 else "their") + " calls and kbps.")


def _beside(x1: float, y1: float, x2: float, y2: float, fractions: tuple[float, ...], w: float,
            size: float) -> list[tuple[float, float]]:
    """Label spots (left, baseline) just beside the link, on either side, at each of `fractions` along it: above
    and below a level link, left and right of an upright one. Tried after the spots on the line: a row of links
    whose figures are longer than the links (a long chain's thousands of calls) otherwise laid each label over its
    neighbour's and over the sites' names."""
    length = math.hypot(x2 - x1, y2 - y1)
    if length <= 0:
        return []
    nx, ny = -(y2 - y1) / length, (x2 - x1) / length  # the unit normal
    # from the line to the label's middle: clear of a label lying on the line (a site's name beside its node)
    reach = abs(nx) * (w / 2 + 3.0) + abs(ny) * (size * 1.13 + 1.5)
    out = []
    for t in fractions:
        cx, cy = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
        for side in (1.0, -1.0):
            out.append((cx + side * nx * reach - w / 2, cy + side * ny * reach - size * 0.35))
    return out


def _label_count(links: list, inside: set[str], results: dict[str, LinkResult]) -> int:
    """How many link labels a view would try to place: links with figures and an end in it, at most
    PARALLEL_LABELS between two nodes."""
    per_pair: dict[tuple[str, str], int] = {}
    for link in links:
        if link.id in results and (link.a in inside or link.b in inside):
            pair = (link.a, link.b) if link.a < link.b else (link.b, link.a)
            per_pair[pair] = per_pair.get(pair, 0) + 1
    return sum(min(k, PARALLEL_LABELS) for k in per_pair.values())


def _spoke_from_outside(na: _Node, nb: _Node, inside: set[str]) -> bool:
    """A cloud-to-site link with its cloud in this view and its site outside."""
    return any(here.cloud and here.id in inside and not there.cloud and there.id not in inside
               for here, there in ((na, nb), (nb, na)))
