"""What the rules need to know about the drawn WAN: transports per link, the hub, and lowest-RTT paths.

Everything here is O(sites + links) except `Paths._tree`, which is one run of the tool's single lowest-weight search,
`advisor.routing.lowest_tree` (the sizing's too), used for a few sources only.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

from advisor import traffic
from advisor.model import Design, Site
from advisor.routing import HOP_MS as _HOP_MS
from advisor.routing import lowest_tree


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
    """The overlay hub's id, chosen as the sizing chooses it (`advisor.traffic.hub_site`)."""
    hub = traffic.hub_site(design)
    return hub.id if hub is not None else None


def phone_sites(design: Design) -> list[Site]:
    return [s for s in design.sites if s.phone_count > 0]


class Paths:
    """Lowest-RTT paths over sites and clouds; a path's RTT is the sum of its links' rtt_ms (SPEC §3.2)."""

    def __init__(self, design: Design):
        self.design = design
        self.index = {s.id: i for i, s in enumerate(design.sites)}
        for c in design.clouds:
            self.index[c.id] = len(self.index)
        self.ids = [*self.index]
        self.adj: list[list[tuple[int, int]]] = [[] for _ in self.ids]  # node -> [(neighbour, link number)]
        self.ends: list[tuple[int, int]] = []  # link number -> its two node numbers
        self.rtt = [link.rtt_ms for link in design.links]  # read once: attribute access dominates Dijkstra
        index, adj, ends = self.index, self.adj, self.ends
        for k, link in enumerate(design.links):
            a, b = index[link.a], index[link.b]
            ends.append((a, b))
            adj[a].append((b, k))
            adj[b].append((a, k))
        self.star = self._star_centre()

    def _star_centre(self) -> int | None:
        """The node every link touches when every other node has at most one link (sites on one cloud, or on
        one hub site, with no parallel links): then each path is leaf–centre–leaf and needs no search."""
        ends, adj = self.ends, self.adj
        if not ends:
            return None
        for centre in ends[0]:
            if len(adj[centre]) == len(ends):  # touches every link (a link never joins a node to itself)
                degrees = list(map(len, adj))
                degrees[centre] = 0
                return centre if max(degrees) <= 1 else None
        return None

    def _tree(self, start: int) -> tuple[list[int], list[float], list[int]]:
        """(nodes in settle order, exact RTT per node, parent link per node or −1). Ordering adds a tiny per-hop
        cost so equal-RTT paths prefer fewer links; the exact sums are kept apart so the tie-breaker never leaks
        into figures. Lists indexed by node number: a 10,000-site star is one run per check (SPEC §5)."""
        if self.star is not None:
            return self._star_tree(start)
        order, exact, parent, _best = lowest_tree(self.adj, self.rtt, start)
        return order, exact, parent

    def _star_tree(self, start: int) -> tuple[list[int], list[float], list[int]]:
        """`_tree` on a star, in closed form: the same sums, in the same order of addition, and the same settle
        order (by tie-broken distance, then node number) as the search would produce."""
        rtt, adj, centre = self.rtt, self.adj, self.star
        n = len(adj)
        exact = [0.0] * n
        parent = [-1] * n
        order = [start]
        if start == centre:
            d_centre, exact_centre = 0.0, 0.0
        elif adj[start]:
            (_centre, k), = adj[start]
            d_centre = 0.0 + rtt[k] + _HOP_MS
            exact_centre = exact[centre] = 0.0 + rtt[k]
            parent[centre] = k
            order.append(centre)
        else:
            return order, exact, parent  # a node with no link reaches nothing
        leaves = []
        for v, k in adj[centre]:
            if v != start:
                exact[v] = exact_centre + rtt[k]
                parent[v] = k
                leaves.append((d_centre + rtt[k] + _HOP_MS, v))
        leaves.sort()
        order.extend(map(itemgetter(1), leaves))
        return order, exact, parent

    def _walk(self, parent: list[int], node: int) -> list[int]:
        """Link numbers from `node` back to the tree's root."""
        out = []
        ends = self.ends
        while parent[node] >= 0:
            k = parent[node]
            out.append(k)
            a, b = ends[k]
            node = a if b == node else b
        return out

    def rtts_from(self, source: str) -> dict[str, float]:
        """Lowest-path RTT (ms) from `source` to every reachable site or cloud (in settle order): one Dijkstra run."""
        order, exact, _parent = self._tree(self.index[source])
        ids = self.ids
        return {ids[n]: exact[n] for n in order}

    def paths_from(self, source: str, targets: list[str] | tuple[str, ...]) -> dict[str, tuple[float, tuple[str, ...]]]:
        """(RTT ms, link ids) from `source` to each reachable target: one Dijkstra run for many pairs."""
        start = self.index[source]
        order, exact, parent = self._tree(start)
        links = self.design.links
        out = {}
        for target in targets:
            node = self.index[target]
            if node == start or parent[node] >= 0:  # reached
                hops = self._walk(parent, node)[::-1]
                out[target] = (exact[node], tuple(links[k].id for k in hops))
        return out

    def path(self, a: str, b: str) -> tuple[float, tuple[str, ...]] | None:
        """(RTT ms, link ids from a to b) on the lowest-RTT path; None when b cannot be reached."""
        return self.paths_from(a, (b,)).get(b)

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
