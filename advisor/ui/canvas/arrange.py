"""Arranging the nodes the user picked: align, distribute, snap to the grid, and a free spot for a new node, as
pure position maps (split from `layout`, the automatic layouts, which re-exports them).

No Qt here: every function returns ``{node id: (x, y)}`` (or one point) for a MoveNodes command, so it can be tested
directly.
"""

from __future__ import annotations

import math
from collections import defaultdict

from advisor.report.diagram_space import clip  # the same Liang–Barsky test the PDF uses for its labels

Positions = dict[str, tuple[float, float]]

ALIGN_MIN, DISTRIBUTE_MIN = 2, 3  # nodes each needs: fewer have nothing to line up or to space out
POSITION_LIMIT = 1_000_000.0  # a design's positions stop at ±1,000,000 px (advisor.model.Node's x and y)


def on_canvas(value: float) -> float:
    """`value` brought within the canvas's edge (±POSITION_LIMIT)."""
    return min(max(value, -POSITION_LIMIT), POSITION_LIMIT)


def _placed(old: float, new: float) -> float:
    """A coordinate an arrangement gives: to the hundredth, as a drag places a node, and the node's own where the
    arrangement leaves it (the edge it defines, an outermost node), not its value recomputed with float noise."""
    return old if abs(new - old) < 0.005 else on_canvas(round(new, 2) + 0.0)


def align(positions: Positions, how: str, half_sizes: dict[str, tuple[float, float]] | None = None) -> Positions:
    """left|right|top|bottom align edges (using each node's half size), hcenter|vcenter align centres; each
    coordinate `_placed`. ValueError (in words) for fewer than two nodes."""
    if len(positions) < ALIGN_MIN:
        raise ValueError("Align needs two or more sites or clouds selected")
    moved = _align(positions, how, half_sizes)
    return {i: (_placed(positions[i][0], x), _placed(positions[i][1], y)) for i, (x, y) in moved.items()}


def _align(positions: Positions, how: str, half_sizes: dict[str, tuple[float, float]] | None) -> Positions:
    half = half_sizes or {}

    def hw(i):
        return half.get(i, (0.0, 0.0))[0]

    def hh(i):
        return half.get(i, (0.0, 0.0))[1]

    items = positions.items()
    if how == "left":
        edge = min(x - hw(i) for i, (x, _) in items)
        return {i: (edge + hw(i), y) for i, (_, y) in items}
    if how == "right":
        edge = max(x + hw(i) for i, (x, _) in items)
        return {i: (edge - hw(i), y) for i, (_, y) in items}
    if how == "top":
        edge = min(y - hh(i) for i, (_, y) in items)
        return {i: (x, edge + hh(i)) for i, (x, _) in items}
    if how == "bottom":
        edge = max(y + hh(i) for i, (_, y) in items)
        return {i: (x, edge - hh(i)) for i, (x, _) in items}
    if how == "hcenter":  # one vertical axis through the centres
        mid = sum(x for x, _ in positions.values()) / len(positions)
        return {i: (mid, y) for i, (_, y) in items}
    if how == "vcenter":
        mid = sum(y for _, y in positions.values()) / len(positions)
        return {i: (x, mid) for i, (x, _) in items}
    raise ValueError(f"align: '{how}' is not one of left, right, top, bottom, hcenter, vcenter")


def distribute(positions: Positions, how: str) -> Positions:
    """Equal spacing between the centres, the two outermost nodes staying where they are; each coordinate
    `_placed`. ValueError (in words) for fewer than three nodes."""
    if how not in ("horizontal", "vertical"):
        raise ValueError(f"distribute: '{how}' is not horizontal or vertical")
    axis = 0 if how == "horizontal" else 1
    order = sorted(positions, key=lambda i: (positions[i][axis], i))
    if len(order) < DISTRIBUTE_MIN:
        raise ValueError("Distribute needs three or more sites or clouds selected: the two outermost stay, the "
                         "others are spaced evenly between them")
    first, last = positions[order[0]][axis], positions[order[-1]][axis]
    step = (last - first) / (len(order) - 1)
    out = dict(positions)
    for rank, node in enumerate(order):
        x, y = positions[node]
        value = _placed((x, y)[axis], first + rank * step)
        out[node] = (value, y) if axis == 0 else (x, value)
    return out


def snap(x: float, y: float, grid: float) -> tuple[float, float]:
    return (round(x / grid) * grid, round(y / grid) * grid)


Rect = tuple[float, float, float, float]  # left, top, right, bottom
SEARCH_STEPS = 100  # grid steps from the centre searched for a free spot, each way


def free_spot(center: tuple[float, float], footprint: Rect, taken: list[Rect], area: Rect,
              step: float = 20.0, gap: float = 20.0, lines: list[Rect] = ()) -> tuple[float, float] | None:
    """The grid point nearest ``center`` where a node fits: its ``footprint`` (relative to its position: icon and
    label) lies inside ``area``, at least ``gap`` away from every rect of ``taken`` and crossed by none of the
    ``lines`` (segments x1, y1, x2, y2: a node on a link would look connected to it). None when ``area`` is full.

    Obstacles are bucketed by grid cell, so each candidate checks only its neighbours (thousands of nodes).
    """
    fl, ft, fr, fb = footprint
    cx, cy = center
    reach = SEARCH_STEPS * step  # a far zoomed-out view: look near the centre, not across the whole area
    left, top = max(area[0], cx - reach), max(area[1], cy - reach)
    right, bottom = min(area[2], cx + reach), min(area[3], cy + reach)
    xs = [i * step for i in range(math.ceil((left - fl) / step), math.floor((right - fr) / step) + 1)]
    ys = [j * step for j in range(math.ceil((top - ft) / step), math.floor((bottom - fb) / step) + 1)]
    if not xs or not ys:
        return None
    cell = max(fr - fl, fb - ft) + 2 * gap
    # Each obstacle goes into the cells it covers within the searched region only (every candidate's box lies in
    # it): a link a million pixels long filled 50 million cells, and a palette double-click took 100 s.
    region = (left - cell, top - cell, right + cell, bottom + cell)
    boxes: dict[tuple[int, int], list[Rect]] = defaultdict(list)
    for rect in taken:
        if _overlap(rect, region):
            for key in _cells(_clipped(rect, region), cell):
                boxes[key].append(rect)
    segments: dict[tuple[int, int], list[Rect]] = defaultdict(list)
    for seg in lines:
        box = (min(seg[0], seg[2]), min(seg[1], seg[3]), max(seg[0], seg[2]), max(seg[1], seg[3]))
        if _overlap(box, region):
            for key in _cells(_clipped(box, region), cell):
                segments[key].append(seg)
    for _, x, y in sorted((math.hypot(x - cx, y - cy), x, y) for x in xs for y in ys):
        mine = (x + fl - gap, y + ft - gap, x + fr + gap, y + fb + gap)
        keys = list(_cells(mine, cell))
        if any(_overlap(mine, other) for key in keys for other in boxes.get(key, ())):
            continue
        if any(clip(*seg, mine) is not None for key in keys for seg in segments.get(key, ())):
            continue
        return (x, y)
    return None


def _cells(rect: Rect, cell: float):
    for i in range(math.floor(rect[0] / cell), math.floor(rect[2] / cell) + 1):
        for j in range(math.floor(rect[1] / cell), math.floor(rect[3] / cell) + 1):
            yield (i, j)


def _clipped(rect: Rect, region: Rect) -> Rect:
    """The part of `rect` inside `region` (they overlap)."""
    return max(rect[0], region[0]), max(rect[1], region[1]), min(rect[2], region[2]), min(rect[3], region[3])


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
