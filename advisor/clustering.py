"""Clustering over the WAN: the intra-cluster traffic (ICCS signalling and database replication) between every pair
of sites that host servers of one CUCM cluster, and the links each pair's traffic crosses.

One home for the figure: the sizing adds it to the links (`cluster_kbps`), and the deployment check compares it
with what the links have left. Formula and coefficients from the clustering-over-the-WAN table (Cisco SRND):
ICCS = max(minimum, per-10k-BHCA × BHCA / 10,000 × (1 + factor × RTT ms)); database = per-server kbps × the servers
on the remote side of the WAN: the side without the publisher, or the smaller side when neither holds it.

Pairwise work is bounded: a cluster whose nodes are at more sites than one cluster can hold nodes (`max_sites`) is
left out of the pairs (`too_wide` names it), since its node count alone already breaks the cluster limits and the
pairs grow with the square of its sites (1,000 sites: 499,500 pairs). And a pair more than `MAX_PAIR_LINKS` links
apart is not followed link by link (`ClusterPair.far`): a cluster's sites thousands of links apart along a chain
made every pair's path thousands of links long, the work and the findings growing with the square of the sites
(a 10,000-site chain: 25 s and 5 GB).
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from itertools import accumulate, compress
from operator import add, attrgetter

from advisor import demand_hub, portal_paths, progress, routing_compiled
from advisor.cluster_reach import TOO_FAR, UNREACHED, Landmarks, SiteReach, search_paths
from advisor.forest_paths import Forest, TooFar
from advisor.model import Design
from advisor.routing import Graph, graph_of, lowest_tree
from advisor.tables import load_table


@dataclass(frozen=True)
class ClusterPair:
    cluster: str
    a: str  # site ids; `a` holds the publisher when one of the two does
    b: str
    rtt_ms: float | None  # lowest-RTT path; None when the two are not connected
    links: tuple[str, ...]  # link ids on that path (parallel links all listed)
    bhca: float  # busy-hour call attempts of the whole cluster
    iccs_kbps: float
    remote_servers: int
    db_kbps: float
    far: bool = False  # more than MAX_PAIR_LINKS links apart: path, RTT and link traffic not worked out

    @property
    def kbps(self) -> float:
        return self.iccs_kbps + self.db_kbps


def server_sites(design: Design) -> dict[str, list[int]]:
    """Cluster id -> indexes of the sites that host its call-processing nodes (design order)."""
    out: dict[str, list[int]] = {}
    sites = design.sites
    # each site's nodes (publisher + subscribers, `Site.call_processing_nodes`) in C-level passes; then only the
    # few sites that host any are read one by one
    nodes = map(add, map(_PUBLISHER, sites), map(_SUBSCRIBERS, sites))
    for i in compress(range(len(sites)), map((0).__lt__, nodes)):
        out.setdefault(sites[i].cluster_id, []).append(i)
    return out


_PUBLISHER, _SUBSCRIBERS = attrgetter("cucm_publisher"), attrgetter("cucm_subscribers")


# Whatever an edited limits table says, pairs are worked out for at most this many sites of one cluster (2,016 pairs).
SITES_CEILING = 64
# Links between two sites of one cluster that are followed link by link. Clustering over the WAN needs the two within
# 80 ms round trip (CUCM 12.5), which a path of this many WAN links hardly meets; beyond it the pair is reported as
# not worked out, so the work stays within this many steps per pair.
MAX_PAIR_LINKS = 64


def node_limit() -> tuple[int, int]:
    """(call-processing nodes one cluster can hold, of which subscribers) by the limits table: its publishers plus
    the larger of the standard and the megacluster subscriber limits (1 + 16 with the bundled table)."""
    limits = load_table("cluster_limits")
    subscribers = int(max(limits.value("max_subscribers"), limits.value("megacluster_max_primary_nodes")
                          + limits.value("megacluster_max_standby_nodes")))
    return subscribers + int(limits.value("max_publishers")), subscribers


PROGRESS_MIN_CLUSTERS = 200  # this many clusters spanning sites show how far their paths are worked out


def max_sites() -> int:
    """The most sites of one cluster whose pairs are worked out: every such site holds at least one node, so a
    cluster's nodes are at no more sites than `node_limit` (17), capped at `SITES_CEILING`."""
    return min(node_limit()[0], SITES_CEILING)


def too_wide(design: Design) -> dict[str, int]:
    """Cluster id -> its server-site count, for the clusters beyond `max_sites` (left out of `pairs`)."""
    wide = {c: len(idx) for c, idx in server_sites(design).items() if len(idx) > 1}
    if not wide:
        return {}
    bound = max_sites()
    return {c: n for c, n in wide.items() if n > bound}


def clusters_bhca(design: Design) -> dict[str, float]:
    """Cluster id -> busy-hour call attempts of all its sites' users, in one pass over the sites (thousands of
    clusters). Each sum is exact then rounded once (`math.fsum`), so that it does not depend on the order the sites
    are listed in."""
    default = design.traffic.calls_per_user
    terms: dict[str, list[float]] = {}
    for s in design.sites:
        own = s.traffic.calls_per_user if s.traffic is not None else None
        terms.setdefault(s.cluster_id, []).append(s.users * (default if own is None else own))
    return {cluster: math.fsum(each) for cluster, each in terms.items()}


def pairs(design: Design, graph: Graph | None = None) -> list[ClusterPair]:
    """Every pair of sites hosting servers of the same cluster, with its traffic and path: two sites that are each
    on one link to the same node (branches of one cloud) by that path; on a WAN without cycles each pair's one path;
    the others searched from the few nodes their sites hang off when those are fewer than the sites
    (`portal_paths`: thousands of small clusters on two clouds or a few hundred hubs), else by one shortest-path
    tree per server site with a later site to reach. Clusters beyond `max_sites` are left out (see `too_wide`), so
    each cluster's pairs stay few."""
    clusters = {c: idx for c, idx in server_sites(design).items() if len(idx) > 1}
    if not clusters:
        return []
    bound = max_sites()
    clusters = {c: idx for c, idx in clusters.items() if len(idx) <= bound}
    if not clusters:
        return []
    table = load_table("cow_bandwidth")
    iccs_min = table.value("iccs_min_kbps")
    per_10k = table.value("iccs_kbps_per_10k_bhca")
    factor = table.value("iccs_delay_factor_per_ms")
    per_server = table.value("db_kbps_per_remote_server")
    graph = graph or graph_of(design)  # the routing's own: its blocks and searches are shared
    link_ids = [ln.id for ln in design.links]
    sites = design.sites
    adj = graph.adj
    ordered = {c: sorted(idx, key=lambda i: (not sites[i].cucm_publisher, i))  # the publisher's site first
               for c, idx in clusters.items()}
    # Without cycles every pair has one path, walked without a search. Else the pairs not joined through one shared
    # neighbour search: from the few nodes their sites hang off where those are fewer (`portal_paths`), else once
    # from each first site; enough searches over a large WAN load the compiled loops (the same trees, bit for bit).
    forest = Forest.rooted(adj) if graph.n_edges < graph.n_nodes else None
    searched = [] if forest is not None else [(i, j) for idx in ordered.values() for n, i in enumerate(idx)
                                              for j in idx[n + 1:] if _spoke_pair(adj, i, j) is None]
    roots = portal_paths.plan(adj, searched) if searched else None
    trees = len(roots) if roots is not None else len({i for i, _j in searched})
    if trees and not routing_compiled.worth(trees, graph.n_nodes, 2 * graph.n_edges, heap=True) \
            and _sizing_loads_them(graph):
        routing_compiled.available()  # loaded now, for these searches too (`_sizing_loads_them`)
    through = (portal_paths.paths(adj, (graph.end_a, graph.end_b), graph.weights, searched, roots, lowest_tree)
               if roots is not None else {})
    out: list[ClusterPair] = []
    bhca_of = clusters_bhca(design)
    tick = progress.ticker(f"working out the paths between the call-processing sites of {len(ordered):,} clusters",
                           len(ordered), PROGRESS_MIN_CLUSTERS)
    part = None  # each node's part of the WAN, once a pair needs it (`demand_hub.parts`)
    reaches, walked = _searched(graph, ordered) if forest is None and roots is None else ({}, {})
    for done, (cluster, idx) in enumerate(ordered.items(), 1):
        if tick is not None:
            tick(done)
        bhca = bhca_of[cluster]
        for n, i in enumerate(idx):
            for j in idx[n + 1:]:
                far = False
                try:
                    got = forest.path(j, i, MAX_PAIR_LINKS) if forest is not None else _spoke_pair(adj, i, j)
                    if forest is not None and got is None:
                        rtt, links = None, ()  # not connected
                    elif got is not None:  # the only path between them (a forest, or i – x – j): no search
                        rtt, links = _walk_edges(graph, got, link_ids)
                    elif roots is not None:  # through the nodes searched from
                        hops = through[i, j]
                        if hops is not None and len(hops) > MAX_PAIR_LINKS:
                            raise TooFar
                        rtt, links = _walk_edges(graph, hops[::-1], link_ids) if hops is not None else (None, ())
                    else:
                        if not reaches[i].may_reach(j):
                            if part is None:
                                part = demand_hub.parts(design)
                            if part[i] != part[j]:
                                rtt, links = None, ()  # not connected
                                raise _Unconnected
                            raise TooFar  # every path to j has more links than that: no search for it
                        count, edges = walked[i, j]  # searched from site i, for its later sites only
                        if count == TOO_FAR:
                            raise TooFar
                        rtt, links = _walk_edges(graph, edges, link_ids) if count != UNREACHED else (None, ())
                except TooFar:
                    rtt, links, far = None, (), True
                except _Unconnected:
                    pass
                a, b = sites[i], sites[j]
                if a.cucm_publisher or b.cucm_publisher:
                    remote = b.call_processing_nodes if a.cucm_publisher else a.call_processing_nodes
                else:
                    remote = min(a.call_processing_nodes, b.call_processing_nodes)
                iccs = max(iccs_min, per_10k * bhca / 10_000 * (1 + factor * (rtt or 0.0)))
                out.append(ClusterPair(cluster, a.id, b.id, rtt, links, bhca, iccs, remote, per_server * remote, far))
    return out


def _sizing_loads_them(graph: Graph) -> bool:
    """Whether the sizing will load the compiled loops for this WAN anyway: a meshed block so large that one tree
    per node of it pays for loading them even with every link weighing the same (the stricter threshold). Then the
    cluster pairs' searches, too few to load them alone (25 over a 10,000-site WAN of regional hubs: ~0.6 s
    interpreted), run compiled as well; the figures are the same either way. A block summed without trees (a plain
    ring, a few core nodes with branches leased to two of them) loads nothing."""
    from advisor import routing_blocks

    members = routing_blocks.blocks(graph)[2]
    largest = max(members, key=len, default=[])
    return (routing_compiled.large(len(largest), len(largest), 2 * len(largest), heap=False)
            and not routing_blocks.summed_at_once(graph, largest))


def _searched(graph: Graph, ordered: dict[str, list[int]]) -> tuple[dict, dict]:
    """On a meshed WAN, for each server site with later sites of its cluster that are not branches of one shared
    neighbour: which of those it may reach within MAX_PAIR_LINKS links (`cluster_reach.SiteReach`, the hop counts
    taken from the first such site), and the paths to those it may reach, from one search per site
    (`cluster_reach.search_paths`): ({site: its reach}, {(site, later site): (links, edges)})."""
    adj = graph.adj
    marks = None
    reaches: dict[int, SiteReach] = {}
    wanted: list[tuple[int, list[int]]] = []
    for idx in ordered.values():
        for n, i in enumerate(idx):
            later = [j for j in idx[n + 1:] if _spoke_pair(adj, i, j) is None]
            if not later:
                continue
            if marks is None:  # the hop counts from two far-apart nodes (`cluster_reach`)
                marks = Landmarks(adj, i)
            reach = reaches[i] = SiteReach(graph, marks, i, idx[n + 1:], MAX_PAIR_LINKS)
            near = [j for j in later if reach.may_reach(j)]
            if near:
                wanted.append((i, near))
    tick = progress.ticker(f"searching the paths from {len(wanted):,} call-processing sites", len(wanted),
                           PROGRESS_MIN_CLUSTERS)
    found = search_paths(graph, wanted, MAX_PAIR_LINKS, tick)
    return reaches, dict(zip(((i, j) for i, near in wanted for j in near), found, strict=True))


class _Unconnected(Exception):
    """Two sites in different parts of the WAN: no path, told without a search."""


def _walk_edges(graph: Graph, edges: list[int], link_ids: list[str]) -> tuple[float, tuple[str, ...]]:
    """The exact RTT and the links of a path given by its edges from its far end back to its root: the RTTs summed
    in that order, as a walk up a search's tree sums them (one addition after another, at C speed: paths thousands
    of links long on a chain of clusters)."""
    total = deque(accumulate(map(graph.rtt.__getitem__, edges), initial=0.0), maxlen=1)[0]
    if graph.edges_are_links:  # edge e is link e
        return total, tuple(map(link_ids.__getitem__, reversed(edges)))
    links = []
    for e in edges:
        links.extend(link_ids[k] for k in graph.edges[e][3])
    return total, tuple(reversed(links))


def _spoke_pair(adj: list[list[tuple[int, int]]], i: int, j: int) -> list[int] | None:
    """[j's edge, i's edge] when sites i and j each have one edge and both lead to the same third node (two
    branches of one cloud, or of one hub): the only path between them, so every search finds it. None otherwise."""
    if len(adj[i]) != 1 or len(adj[j]) != 1:
        return None
    (x, e_i), (y, e_j) = adj[i][0], adj[j][0]
    return [e_j, e_i] if x == y and x != i and x != j else None


def link_kbps(design: Design, cluster_pairs: list[ClusterPair]) -> dict[str, float]:
    """Link id -> intra-cluster kbps crossing it (every pair whose path uses the link)."""
    out: dict[str, float] = {}
    get = out.get
    for pair in cluster_pairs:
        kbps = pair.kbps
        for link in pair.links:
            out[link] = get(link, 0.0) + kbps
    return out
