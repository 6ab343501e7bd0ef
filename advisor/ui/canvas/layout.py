"""Automatic layouts (hub-and-spoke radial, force-directed) and align/distribute, as pure position maps.

No Qt here: every function returns ``{node id: (x, y)}`` for a MoveNodes command, so it can be tested directly.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque

from advisor.model import Design
from advisor.report.diagram_space import clip  # the same Liang–Barsky test the PDF uses for its labels

Positions = dict[str, tuple[float, float]]
RING_GAP = 260.0  # between radial rings: a node, its label and a link label fit in between
NODE_SPACING = 130.0  # along a ring
FORCE_MAX_NODES = 3000  # pairwise forces need n² memory and time; radial scales to any size
# A layout stays inside the coordinates a design may hold (±1,000,000 px, advisor.model), with room to spare: a
# larger one is drawn closer together (a 10,000-site chain), never refused by the design's own checks.
EXTENT = 990_000.0
# A chain or a ring of leased lines of at least this many nodes is drawn as a snake of rows or as a circle: rings
# around its middle would put two nodes on each, a line thousands of nodes long.
LINE_MIN = 8
SNAKE_ASPECT = 1.6  # columns : rows of a snake, about a window's shape


def _adjacency(design: Design) -> dict[str, list[str]]:
    adj: dict[str, list[str]] = {n.id: [] for n in (*design.sites, *design.clouds)}
    for link in design.links:
        adj[link.a].append(link.b)
        adj[link.b].append(link.a)
    return adj


def _components(adj: dict[str, list[str]], first: str | None) -> list[list[str]]:
    seen: set[str] = set()
    out = []
    order = ([first] if first else []) + list(adj)
    for start in order:
        if start in seen:
            continue
        comp, queue = [], deque([start])
        seen.add(start)
        while queue:
            node = queue.popleft()
            comp.append(node)
            for nxt in adj[node]:
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        out.append(comp)
    return out


def _hub(design: Design, sites: dict, adj: dict[str, list[str]], nodes: list[str]) -> str:
    """The centre of a component: the best-connected node; HQs with call processing win ties. `sites`: the
    design's sites by id, built once for every component (20,000 sites with no link: 20,000 components).

    Where many nodes tie (a chain, a ring, a grid: every node alike), the one nearest the component's middle, so
    the rings are as few as the shape allows: a 10,000-site chain laid out from one end ran 2,600,000 px out,
    beyond the design's coordinates."""

    def rank(node_id: str):
        site = sites.get(node_id)
        return (len(adj[node_id]), node_id == design.vpn.hub_site,
                bool(site and site.kind == "hq" and site.call_processing_nodes), bool(site and site.kind == "hq"))

    ranks = {node: rank(node) for node in nodes}
    best = max(ranks.values())
    tied = [node for node in nodes if ranks[node] == best]
    if len(tied) == 1:
        return tied[0]
    hops = _hops(adj, _middle(adj, nodes[0]))
    return min(tied, key=hops.__getitem__)


def _hops(adj: dict[str, list[str]], start: str) -> dict[str, int]:
    """Links from ``start`` to every node of its component (breadth first)."""
    hops = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in adj[node]:
            if nxt not in hops:
                hops[nxt] = hops[node] + 1
                queue.append(nxt)
    return hops


def _middle(adj: dict[str, list[str]], any_node: str) -> str:
    """The node halfway along a longest shortest path found by two breadth-first searches (exact on a tree, close
    on other shapes): three searches, linear in the component."""
    first = _hops(adj, any_node)
    end = max(first, key=first.__getitem__)
    back = _hops(adj, end)
    other = max(back, key=back.__getitem__)
    node, half = other, (back[other] + 1) // 2
    while back[node] > half:  # walk back towards `end` until half the length (rounded up) is left
        node = next(n for n in adj[node] if back[n] == back[node] - 1)
    return node


def _line_shape(adj: dict[str, list[str]], nodes: list[str]) -> tuple[str, list[str]] | None:
    """("chain", its nodes end to end) or ("ring", its nodes around it) when the component is one of them and has
    at least LINE_MIN nodes; else None. Both start from the lowest id, so the drawing does not depend on the file's
    order."""
    if len(nodes) < LINE_MIN or any(len(adj[node]) > 2 for node in nodes):
        return None
    ends = sorted(node for node in nodes if len(adj[node]) == 1)
    if ends and len(ends) != 2:
        return None
    first = ends[0] if ends else min(nodes)
    order, previous, node = [first], None, first
    while True:
        step = sorted(n for n in adj[node] if n != previous and n != first)
        if not step or len(order) == len(nodes):
            break
        previous, node = node, step[0]
        order.append(node)
    if len(order) != len(nodes):
        return None
    return ("chain" if ends else "ring"), order


def _snake(order: list[str]) -> Positions:
    """A chain in rows of equal length, each row back the way the one above came: every link one gap long."""
    columns = max(LINE_MIN - 2, math.ceil(math.sqrt(len(order) * SNAKE_ASPECT)))
    rows = math.ceil(len(order) / columns)
    left, top = (min(columns, len(order)) - 1) * RING_GAP / 2, (rows - 1) * RING_GAP / 2
    out: Positions = {}
    for i, node in enumerate(order):
        row, col = divmod(i, columns)
        if row % 2:
            col = columns - 1 - col
        out[node] = (col * RING_GAP - left, row * RING_GAP - top)
    return out


def _circle(order: list[str]) -> Positions:
    """A ring of leased lines on a circle, one gap between neighbours, the first node at the top."""
    radius = len(order) * RING_GAP / (2 * math.pi)
    step = 2 * math.pi / len(order)
    return {node: (radius * math.cos(-math.pi / 2 + i * step), radius * math.sin(-math.pi / 2 + i * step))
            for i, node in enumerate(order)}


def _radial_component(design: Design, sites: dict, adj: dict[str, list[str]], nodes: list[str]) -> Positions:
    if len(nodes) == 1:  # a node with no link: alone at the origin
        return {nodes[0]: (0.0, 0.0)}
    line = _line_shape(adj, nodes)
    if line is not None:
        shape, order = line
        return _snake(order) if shape == "chain" else _circle(order)
    root = _hub(design, sites, adj, nodes)
    parent: dict[str, str | None] = {root: None}
    children: dict[str, list[str]] = defaultdict(list)
    depth = {root: 0}
    queue = deque([root])
    while queue:
        node = queue.popleft()
        for nxt in sorted(adj[node]):
            if nxt not in parent:
                parent[nxt] = node
                depth[nxt] = depth[node] + 1
                children[node].append(nxt)
                queue.append(nxt)
    leaves: dict[str, int] = {}
    for node in sorted(parent, key=depth.__getitem__, reverse=True):
        leaves[node] = max(1, sum(leaves[c] for c in children[node]))
    per_ring = defaultdict(int)
    for d in depth.values():
        per_ring[d] += 1
    radius = {0: 0.0}
    for d in range(1, max(depth.values()) + 1):
        # Far enough out that the ring's nodes do not overlap, and always a ring gap beyond the previous one.
        radius[d] = max(radius[d - 1] + RING_GAP, per_ring[d] * NODE_SPACING / (2 * math.pi))
    out: Positions = {root: (0.0, 0.0)}
    stack = [(root, -math.pi / 2, 2 * math.pi)]
    while stack:
        node, start, span = stack.pop()
        total = leaves[node]
        angle = start
        for child in children[node]:
            share = span * leaves[child] / total
            mid = angle + share / 2
            r = radius[depth[child]]
            out[child] = (r * math.cos(mid), r * math.sin(mid))
            stack.append((child, angle, share))
            angle += share
    return out


def _pack(parts: list[Positions]) -> Positions:
    """Place components left to right, the first (the main one) first; nodes with no link after them, in a square
    grid rather than a row (a site list imported before any link is drawn: 20,000 of them in a row ran for
    5,000 km of canvas)."""
    lone = [next(iter(part)) for part in parts if len(part) == 1]
    if len(lone) > 1:
        parts = [part for part in parts if len(part) > 1]
        columns = math.ceil(math.sqrt(len(lone)))
        parts.append({node: ((i % columns) * NODE_SPACING, (i // columns) * NODE_SPACING)
                      for i, node in enumerate(lone)})
    out: Positions = {}
    cursor = 0.0
    for index, part in enumerate(parts):
        xs = [p[0] for p in part.values()]
        ys = [p[1] for p in part.values()]
        shift = 0.0 if index == 0 else cursor - min(xs)
        for node, (x, y) in part.items():
            out[node] = (round(x + shift, 1), round(y - (0 if index == 0 else min(ys)), 1))
        cursor = max(x + shift for x in xs) + RING_GAP
    return out


def radial(design: Design) -> Positions:
    """Hub-and-spoke: the best-connected node in the centre, each ring one hop further out; a long chain as a snake
    of rows and a ring as a circle."""
    adj = _adjacency(design)
    if not adj:
        return {}
    comps = _components(adj, None)
    comps.sort(key=len, reverse=True)
    sites = {s.id: s for s in design.sites}
    return _within(_pack([_radial_component(design, sites, adj, comp) for comp in comps]))


def _within(positions: Positions, extent: float = EXTENT) -> Positions:
    """``positions`` unchanged when every one lies within ±``extent``; otherwise centred on the origin and, if
    still too wide or tall, drawn closer together (one scale for both axes, so the shape is kept)."""
    if not positions or all(abs(x) <= extent and abs(y) <= extent for x, y in positions.values()):
        return positions
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2
    scale = min(1.0, extent / half) if half else 1.0
    return {node: (round((x - cx) * scale, 1), round((y - cy) * scale, 1)) for node, (x, y) in positions.items()}


def force(design: Design, iterations: int = 120, seed: int = 0) -> Positions:
    """Fruchterman–Reingold, started from the radial layout so the result is stable and untangled.

    Pairwise repulsion is O(n²) per iteration: big designs get fewer iterations, and beyond ``FORCE_MAX_NODES``
    the radial layout is returned as it is.
    """
    start = radial(design)
    ids = list(start)
    n = len(ids)
    if n < 3 or n > FORCE_MAX_NODES:
        return start
    import numpy as np  # only here: numpy costs ~0.2 s, and start-up must not pay it

    index = {node: i for i, node in enumerate(ids)}
    rng = np.random.default_rng(seed)
    x = np.array([start[i][0] for i in ids], dtype=np.float32) + rng.normal(0, 1.0, n).astype(np.float32)
    y = np.array([start[i][1] for i in ids], dtype=np.float32) + rng.normal(0, 1.0, n).astype(np.float32)
    edges = np.array([(index[e.a], index[e.b]) for e in design.links], dtype=np.int64).reshape(-1, 2)
    k = np.float32(NODE_SPACING * 1.2)
    temperature = max(float(np.ptp(x)), float(np.ptp(y)), float(k)) / 10
    iterations = min(iterations, max(20, int(4e7 / (n * n))))  # ~1 s of work at 1,000 nodes
    for step in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        push = (k * k) / np.maximum(dx * dx + dy * dy, np.float32(1e-2))
        disp_x = (dx * push).sum(1)
        disp_y = (dy * push).sum(1)
        if len(edges):
            ex = x[edges[:, 0]] - x[edges[:, 1]]
            ey = y[edges[:, 0]] - y[edges[:, 1]]
            pull = np.sqrt(ex * ex + ey * ey) / k
            np.add.at(disp_x, edges[:, 0], -ex * pull)
            np.add.at(disp_x, edges[:, 1], ex * pull)
            np.add.at(disp_y, edges[:, 0], -ey * pull)
            np.add.at(disp_y, edges[:, 1], ey * pull)
        norm = np.maximum(np.sqrt(disp_x * disp_x + disp_y * disp_y), np.float32(1e-9))
        scale = np.minimum(norm, np.float32(temperature)) / norm
        x += disp_x * scale
        y += disp_y * scale
        temperature *= 1 - (step + 1) / (iterations + 1) * 0.1
    x -= x.mean()
    y -= y.mean()
    return {node: (round(float(px), 1), round(float(py), 1)) for node, px, py in zip(ids, x, y, strict=True)}


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
