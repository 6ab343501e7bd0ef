"""What the rules need to know about the drawn WAN: transports per link, the hub, and lowest-RTT paths.

Everything here is O(sites + links) except `Paths.tree`, which is one Dijkstra run (used for a few sources only).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from advisor.model import Design, Site

_HOP_MS = 1e-6  # equal-RTT paths prefer fewer links; far below any RTT a user types


@dataclass(frozen=True)
class WanFacts:
    """Which transports the design's links use. A link's transport is its cloud's kind, or 'leased' site-to-site."""

    transport: dict[str, str]  # link id -> internet | mpls | private-wan | leased
    internet_links: tuple[str, ...]
    nat_links: tuple[str, ...]
    mpls_links: tuple[str, ...]
    private_links: tuple[str, ...]  # private-wan clouds and leased lines
    n_sites: int

    @property
    def public_links(self) -> tuple[str, ...]:
        """Links where GET VPN cannot work: over the Internet or through a NAT (in design order, no repeats)."""
        nat = set(self.nat_links)
        return tuple(lid for lid in self.transport if lid in nat or self.transport[lid] == "internet")

    @property
    def public(self) -> bool:
        return bool(self.internet_links or self.nat_links)

    @property
    def private_only(self) -> bool:
        return bool(self.transport) and not self.public

    def describe(self) -> str:
        parts = []
        for label, ids in (("Internet", self.internet_links), ("MPLS", self.mpls_links),
                           ("private WAN / leased", self.private_links)):
            if ids:
                parts.append(f"{len(ids)} {label}")
        text = ", ".join(parts) if parts else "no WAN links"
        if self.nat_links:
            text += f"; {len(self.nat_links)} through NAT"
        return text


def wan_facts(design: Design) -> WanFacts:
    clouds = {c.id: c.kind for c in design.clouds}
    transport: dict[str, str] = {}
    for link in design.links:
        kind = clouds.get(link.a) or clouds.get(link.b) or "leased"
        transport[link.id] = kind
    return WanFacts(
        transport=transport,
        internet_links=tuple(k for k, v in transport.items() if v == "internet"),
        nat_links=tuple(link.id for link in design.links if link.nat),
        mpls_links=tuple(k for k, v in transport.items() if v == "mpls"),
        private_links=tuple(k for k, v in transport.items() if v in ("private-wan", "leased")),
        n_sites=len(design.sites),
    )


def hub_site(design: Design) -> str | None:
    """The overlay hub: the design's choice, else the HQ with call processing, else any call-processing site,
    else the first HQ, else the site with the most users."""
    if design.vpn.hub_site:
        return design.vpn.hub_site
    if not design.sites:
        return None
    for test in (lambda s: s.kind == "hq" and s.call_processing_nodes > 0,
                 lambda s: s.call_processing_nodes > 0,
                 lambda s: s.kind == "hq"):
        found = next((s for s in design.sites if test(s)), None)
        if found is not None:
            return found.id
    return max(design.sites, key=lambda s: s.users).id


def phone_sites(design: Design) -> list[Site]:
    return [s for s in design.sites if s.phone_count > 0]


def names(ids: list[str] | tuple[str, ...], limit: int = 5) -> str:
    """'a, b, c and 7 more' for messages about many subjects."""
    shown = ", ".join(f"'{i}'" for i in ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


class Paths:
    """Lowest-RTT paths over sites and clouds; a path's RTT is the sum of its links' rtt_ms (SPEC §3.2)."""

    def __init__(self, design: Design):
        self.design = design
        self.index = {s.id: i for i, s in enumerate(design.sites)}
        for c in design.clouds:
            self.index[c.id] = len(self.index)
        self.ids = [*self.index]
        self.adj: list[list[tuple[int, int]]] = [[] for _ in self.ids]  # node -> [(neighbour, link number)]
        self.rtt = [link.rtt_ms for link in design.links]  # read once: attribute access dominates Dijkstra
        for k, link in enumerate(design.links):
            a, b = self.index[link.a], self.index[link.b]
            self.adj[a].append((b, k))
            self.adj[b].append((a, k))

    def _tree(self, start: int) -> tuple[dict[int, float], dict[int, int]]:
        """(exact RTT per settled node, parent link per node). Ordering adds a tiny per-hop cost so equal-RTT
        paths prefer fewer links; the exact sums are kept apart so the tie-breaker never leaks into figures."""
        rtt, adj = self.rtt, self.adj
        best = {start: 0.0}
        exact = {start: 0.0}
        parent: dict[int, int] = {}
        done: dict[int, float] = {}
        heap = [(0.0, start)]
        pop, push = heapq.heappop, heapq.heappush
        while heap:
            d, u = pop(heap)
            if u in done:
                continue
            done[u] = exact[u]
            for v, k in adj[u]:
                nd = d + rtt[k] + _HOP_MS
                if nd < best.get(v, float("inf")):
                    best[v] = nd
                    exact[v] = exact[u] + rtt[k]
                    parent[v] = k
                    push(heap, (nd, v))
        return done, parent

    def _walk(self, parent: dict[int, int], node: int) -> list[int]:
        """Link numbers from `node` back to the tree's root."""
        out = []
        while node in parent:
            k = parent[node]
            out.append(k)
            link = self.design.links[k]
            a, b = self.index[link.a], self.index[link.b]
            node = a if b == node else b
        return out

    def rtts_from(self, source: str) -> dict[str, float]:
        """Lowest-path RTT (ms) from `source` to every reachable site or cloud: one Dijkstra run."""
        done, _parent = self._tree(self.index[source])
        ids = self.ids
        return {ids[n]: d for n, d in done.items()}

    def paths_from(self, source: str, targets: list[str] | tuple[str, ...]) -> dict[str, tuple[float, tuple[str, ...]]]:
        """(RTT ms, link ids) from `source` to each reachable target: one Dijkstra run for many pairs."""
        done, parent = self._tree(self.index[source])
        links = self.design.links
        out = {}
        for target in targets:
            node = self.index[target]
            if node in done:
                hops = self._walk(parent, node)[::-1]
                out[target] = (done[node], tuple(links[k].id for k in hops))
        return out

    def path(self, a: str, b: str) -> tuple[float, tuple[str, ...]] | None:
        """(RTT ms, link ids from a to b) on the lowest-RTT path; None when b cannot be reached."""
        done, parent = self._tree(self.index[a])
        target = self.index[b]
        if target not in done:
            return None
        hops = self._walk(parent, target)[::-1]
        return done[target], tuple(self.design.links[k].id for k in hops)

    def is_forest(self) -> bool:
        """True when the drawn graph has no cycle (every component is a tree): farthest-pair tricks are exact."""
        seen: set[int] = set()
        for start in range(len(self.ids)):
            if start in seen:
                continue
            nodes = edges = 0
            stack = [start]
            seen.add(start)
            while stack:
                u = stack.pop()
                nodes += 1
                edges += len(self.adj[u])
                for v, _k in self.adj[u]:
                    if v not in seen:
                        seen.add(v)
                        stack.append(v)
            if edges // 2 > nodes - 1:
                return False
        return True
