"""Automatic layouts (hub-and-spoke radial, force-directed), as pure position maps; align, distribute, snap and
free spots are in `arrange` (imported here too).

No Qt here: every function returns ``{node id: (x, y)}`` for a MoveNodes command, so it can be tested directly.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque

from advisor.model import Design

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


# Arranging picked nodes lives in `arrange`; its names stay importable from here.
from advisor.ui.canvas.arrange import (  # noqa: E402, F401
    ALIGN_MIN,
    DISTRIBUTE_MIN,
    POSITION_LIMIT,
    SEARCH_STEPS,
    Rect,
    align,
    distribute,
    free_spot,
    on_canvas,
    snap,
)
