"""Plane geometry of the topology drawing: node spacing, segment clipping, and the boxes already taken by shapes
and labels (so each new label goes to a free spot, inside the drawing's frame)."""

from __future__ import annotations

import math


def nearest_spacing(nodes: list, scale: float) -> float:
    """Median nearest-neighbour distance on the page of nodes with `.x`, `.y`, via a uniform grid (linear in the
    node count)."""
    cell = max(1e-9, math.sqrt(((max(n.x for n in nodes) - min(n.x for n in nodes)) *
                                (max(n.y for n in nodes) - min(n.y for n in nodes)) or 1.0) / len(nodes)))
    grid: dict[tuple[int, int], list] = {}
    for n in nodes:
        grid.setdefault((int(n.x // cell), int(n.y // cell)), []).append(n)
    nearest = []
    for n in nodes:
        gx, gy = int(n.x // cell), int(n.y // cell)
        best = math.inf
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for m in grid.get((gx + dx, gy + dy), ()):
                    if m is not n:
                        best = min(best, math.hypot(m.x - n.x, m.y - n.y))
        nearest.append(best if math.isfinite(best) else cell * 2)
    nearest.sort()
    return nearest[len(nearest) // 2] * scale


def clip(x1, y1, x2, y2, frame) -> tuple[float, float, float, float] | None:
    """Liang-Barsky: the part of a segment inside the frame, or None."""
    fx0, fy0, fx1, fy1 = frame
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - fx0), (dx, fx1 - x1), (-dy, y1 - fy0), (dy, fy1 - y1)):
        if p == 0:
            if q < 0:
                return None
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return None
    return x1 + t0 * dx, y1 + t0 * dy, x1 + t1 * dx, y1 + t1 * dy


# Boxes kept per grid cell. A readable view holds a few per cell; only a pile of labels on one spot (thousands of
# parallel links between two nodes) reaches this, and scanning the whole pile for every new label was quadratic
# (8,000 parallel links: 400 s). Past it a cell's overlap is what its first boxes cover: the pile is unreadable
# whichever spot is chosen.
MAX_PER_CELL = 64


# A view labels its links only when their boxes could lie apart: past this share of its area they pile on each other
# wherever they go, and placing each against the pile is what costs (a 300-site full mesh, 44,850 links: its PDF
# took 47 s, 12 s without placing them)
LABEL_AREA_SHARE = 0.5


def labels_fit(count: int, width: float, size: float, frame_w: float, frame_h: float) -> bool:
    """Whether `count` labels about `width` points wide in `size`-point type (with their white backing) could lie
    apart in a view of frame_w × frame_h points."""
    return count * (width + 2.4) * size * 1.13 <= LABEL_AREA_SHARE * frame_w * frame_h


class Occupancy:
    """Boxes already drawn, in a uniform grid, so placing each label costs a few lookups (linear overall)."""

    def __init__(self, cell: float):
        self.cell = cell
        self.grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _cells(self, box):
        c = self.cell
        for gx in range(int(box[0] // c), int(box[2] // c) + 1):
            for gy in range(int(box[1] // c), int(box[3] // c) + 1):
                yield gx, gy

    def add(self, box) -> None:
        for key in self._cells(box):
            boxes = self.grid.setdefault(key, [])
            if len(boxes) < MAX_PER_CELL:
                boxes.append(box)

    def overlap(self, box) -> float:
        seen, area = set(), 0.0
        c, grid = self.cell, self.grid
        x0, y0, x1, y1 = box
        for gx in range(int(x0 // c), int(x1 // c) + 1):  # the cells of _cells, in its order
            for gy in range(int(y0 // c), int(y1 // c) + 1):
                for other in grid.get((gx, gy), ()):
                    if id(other) in seen:
                        continue
                    seen.add(id(other))
                    w = min(x1, other[2]) - max(x0, other[0])
                    h = min(y1, other[3]) - max(y0, other[1])
                    if w > 0 and h > 0:
                        area += w * h
        return area

    def place(self, spots, width: float, size: float) -> tuple[float, float, float]:
        """The first free spot, else the least crowded; the chosen box is then taken. Returns (x, y, overlap)."""
        left, base, area = self.best(spots, width, size)
        self.take(left, base, width, size)
        return left, base, area

    def best(self, spots, width: float, size: float) -> tuple[float, float, float]:
        """`place`'s choice, not taken yet: (x, y, overlap)."""
        best, best_area = spots[0], math.inf
        for left, base in spots:
            area = self.overlap((left - 1.2, base - size * 0.28, left + width + 1.2, base + size * 0.85))
            if area < best_area:
                best, best_area = (left, base), area
            if area == 0:
                break
        return best[0], best[1], best_area

    def take(self, left: float, base: float, width: float, size: float) -> None:
        """Take the box of a label at (left, baseline)."""
        self.add((left - 1.2, base - size * 0.28, left + width + 1.2, base + size * 0.85))


def within(spots: list[tuple[float, float]], width: float, size: float, frame_w: float, frame_h: float,
           pad: float = 1.5) -> list[tuple[float, float]]:
    """The label spots (left, baseline) whose box, white backing included, lies inside the frame; when none does,
    every spot moved just inside it, so no label ever runs over the frame's edge."""
    lo_x, hi_x = pad + 1.2, frame_w - pad - 1.2 - width
    lo_y, hi_y = pad + size * 0.28, frame_h - pad - size * 0.85
    fits = [(x, y) for x, y in spots if lo_x <= x <= hi_x and lo_y <= y <= hi_y]
    if fits:
        return fits
    return [(min(max(x, lo_x), max(lo_x, hi_x)), min(max(y, lo_y), max(lo_y, hi_y))) for x, y in spots]
