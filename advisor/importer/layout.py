"""Where an imported design's nodes go: the clouds in the middle, the sites on rings around them.

The hub sits at the top; the other sites follow clockwise, grouped by the cloud they join, so each cloud's sites
form one sector with their cloud drawn towards it. Sites stay about `SPACING` apart along a ring and `RING_GAP`
between rings, so no two overlap at any size.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

INNER_RADIUS = 300.0  # clear of the clouds (and their labels) in the middle
RING_GAP = 150.0  # between rings: a site icon, its name and a little air
SPACING = 150.0  # along a ring: room for a name under each icon
ONE_RING_MAX = 60  # up to this many sites share one ring (radius up to about 1,430 px): no link crosses a site
CLOUD_RADIUS = 110.0  # several clouds sit on this small circle, each towards its sites
CLOUD_MIN_GAP = 130.0  # two clouds closer than this are spread evenly instead

Point = tuple[float, float]


def ring_counts(n: int) -> list[int]:
    """Sites per ring, inside out, for more than ONE_RING_MAX sites: as few rings as hold `n`, each filled in
    proportion to its room."""
    rooms: list[int] = []
    while sum(rooms) < n:
        radius = INNER_RADIUS + RING_GAP * len(rooms)
        rooms.append(max(1, int(2 * math.pi * radius / SPACING)))
    total = sum(rooms)
    counts = [room * n // total for room in rooms]
    for i in sorted(range(len(rooms)), key=lambda r: counts[r] - rooms[r] * n / total):
        if sum(counts) >= n:
            break
        counts[i] += 1
    return counts


def ring_slots(n: int) -> list[tuple[float, float]]:
    """(angle, radius) for `n` sites, clockwise from the top. Up to ONE_RING_MAX sites go on one ring, as wide as
    they need. More go on concentric rings, each with its sites evenly spaced and turned by a golden-ratio share of
    a step against the ring inside, so a link from an outer site seldom meets an inner one head on; the slots are
    then taken in angle order, the inner ring first on a tie (the first slot, the hub's, is on the inner ring)."""
    if n <= ONE_RING_MAX:
        radius = max(INNER_RADIUS, n * SPACING / (2 * math.pi))
        return [(2 * math.pi * i / n, radius) for i in range(n)]
    slots = []
    for ring, count in enumerate(ring_counts(n)):
        turn = (ring * GOLDEN) % 1.0
        slots += [(2 * math.pi * ((j + turn) / count), INNER_RADIUS + RING_GAP * ring) for j in range(count)]
    slots.sort(key=lambda s: (round(s[0], 9), s[1]))
    return slots


GOLDEN = (math.sqrt(5) - 1) / 2


def _point(angle: float, radius: float) -> Point:
    # angle 0 = up, growing clockwise on screen
    return round(radius * math.sin(angle), 1) + 0.0, round(-radius * math.cos(angle), 1) + 0.0  # no -0.0


def positions(sites: Sequence[str], cloud_of: Sequence[str], clouds: Sequence[str]) -> tuple[dict[str, Point],
                                                                                              dict[str, Point]]:
    """({site id: (x, y)}, {cloud id: (x, y)}). `sites` are in drawing order (the hub first, then grouped by
    cloud); `cloud_of[i]` is the cloud site i joins ('' for the hub, which joins them all)."""
    slots = ring_slots(len(sites))
    site_at = {s: _point(*slot) for s, slot in zip(sites, slots, strict=True)}
    if len(clouds) == 1:
        return site_at, {clouds[0]: (0.0, 0.0)}
    angles = []
    for cloud in clouds:
        mine = [slots[i][0] for i, c in enumerate(cloud_of) if c == cloud]
        angles.append(math.atan2(sum(map(math.sin, mine)), sum(map(math.cos, mine))) if mine else 0.0)
    points = [_point(a, CLOUD_RADIUS) for a in angles]
    crowded = any(math.dist(p, q) < CLOUD_MIN_GAP for i, p in enumerate(points) for q in points[i + 1:])
    if crowded:
        points = [_point(angles[0] + 2 * math.pi * i / len(clouds), CLOUD_RADIUS) for i in range(len(clouds))]
    return site_at, dict(zip(clouds, points, strict=True))
