"""Where calls travel over the drawn WAN: topology class, lowest-RTT paths, and per-link offered load.

Cloud and hub-and-spoke (star) topologies use closed forms over per-site totals (cost grows with sites + links);
explicit site-to-site meshes route flows on lowest-RTT paths (SPEC §3.2): trees in one traversal, meshes cut at
their bridges with one shortest-path tree per sending node of each block, else one per source.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import eq, itemgetter, mul, sub, truediv

from advisor import progress, routing_compiled
from advisor.model import Design
from advisor.routing_access import access_links, floor_access_links
from advisor.routing_arrays import scatter_in_order
from advisor.routing_blocks import PROGRESS_MIN_NODES, block_loads
from advisor.routing_blocks_arrays import block_loads_arrays, blocks_fit_arrays
from advisor.routing_flows import flow_arrays, flow_columns
from advisor.routing_forest import forest_loads, forest_loads_arrays, forest_steps, rooted_forest
from advisor.routing_forest_hub import hub_loads_arrays, hub_tree, relayed_twice, walked_tree
from advisor.routing_graph import Graph, arrays_ready, arrays_worth, graph_of, link_ends
from advisor.routing_trees import HOP_MS, lowest_tree, sum_up, tree_walk

__all__ = ["HOP_MS", "Graph", "graph_of", "lowest_tree", "tree_walk", "path_rtt_ms", "rtts_from", "Demand",
           "LinkLoad", "classify", "load_links", "forest_loads", "rooted_forest", "block_loads"]


def path_rtt_ms(design: Design, a_site: str, b_site: str) -> float | None:
    """Sum of link RTTs on the lowest-RTT path between two sites (through clouds); None when not connected."""
    graph = graph_of(design)
    if a_site not in graph.index or b_site not in graph.index:
        raise ValueError(f"path_rtt_ms: unknown site {a_site if a_site not in graph.index else b_site!r}")
    return rtts_from(design, a_site, graph).get(b_site)


def rtts_from(design: Design, site_id: str, graph: Graph | None = None) -> dict[str, float]:
    """Lowest-RTT path (ms) from one site to every reachable site: one tree, for checks over many pairs."""
    graph = graph or graph_of(design)
    dist, parent, order = graph.tree(graph.index[site_id])
    out: dict[str, float] = {}
    for node in order:
        if node >= graph.n_sites:
            continue
        # Re-add the exact RTTs along the path: the per-hop tie-breaker must not leak into the figure.
        total, v = 0.0, node
        while parent[v] >= 0:
            u, w, rtt, _links = graph.edges[parent[v]]
            total += rtt
            v = u if w == v else w
        out[design.sites[node].id] = total
    return out


@dataclass
class Demand:
    """Traffic between sites, aggregated so routing never enumerates pairs unless the topology needs it."""

    users: list[float]  # per site, the gravity weights
    on_net: list[float]  # Erlangs each site originates towards other sites
    pstn_haul: list[tuple[int, int, float]]  # (site, PSTN site, Erlangs) hauled over the WAN
    signalling: list[tuple[int, int, float]]  # (site, call-processing site, kbps) crossing the WAN
    hub: int | None  # overlay hub: spoke-to-spoke traffic goes through it
    received: list[float] | None = None  # `terminated()`, when the caller has it already
    # with a hub overlay, what each site sends to (and, in `received`, receives from) the sites the WAN reaches,
    # where some are out of reach (no link, another island): its legs to the hub carry no more (else `on_net`)
    sent: list[float] | None = None

    def terminated(self) -> list[float]:
        """On-net Erlangs each site receives (gravity closed form, O(sites)).

        r_t = U_t · (S − o_t / (T − U_t)), S = Σ o_s / (T − U_s): every s ≠ t sends o_s · U_t / (T − U_s).
        """
        total = sum(self.users)
        if arrays_ready(len(self.users)):  # the same divisions and products element by element, the same sum
            import numpy as np

            users = np.array(self.users, dtype=np.float64)
            rest = total - users
            share = np.zeros(users.size)
            np.divide(np.array(self.on_net, dtype=np.float64), rest, out=share, where=rest > 0)
            return (users * (sum(share.tolist()) - share)).tolist()
        rest = list(map(sub, repeat(total), self.users))  # the same operations in C when every rest is > 0
        if min(rest, default=1.0) > 0:
            share = list(map(truediv, self.on_net, rest))
        else:
            share = [o / r if r > 0 else 0.0 for o, r in zip(self.on_net, rest, strict=True)]
        s_sum = sum(share)
        return list(map(mul, self.users, map(sub, repeat(s_sum), share)))


@dataclass
class LinkLoad:
    erlangs: list[float]  # offered to each link (hairpinned calls counted each time they cross)
    hairpin_erlangs: list[float]  # spoke-to-spoke traffic a hub link carries twice
    signalling_kbps: list[float]
    method: str  # "closed form (cloud)", "closed form (star)", "shortest paths", "none"
    notes: list[str] = field(default_factory=list)
    raised: frozenset[int] = frozenset()  # access links carrying their site's own WAN calls (`routing_access`)
    # site position -> (Erlangs of calls between other sites its paths cross, whether exactly that or at least) for
    # sites with several access links the lowest-RTT paths run through (`routing_access.floor_access_links`)
    relaying: dict[int, tuple[float, bool]] = field(default_factory=dict)


def classify(design: Design) -> str:
    """single-site | cloud | hub-and-spoke | mesh | mixed: the drawn topology, not the VPN overlay."""
    if len(design.sites) <= 1:
        return "single-site"
    clouds = {c.id for c in design.clouds}
    if clouds:  # without clouds every link joins two sites
        site_site = [a for a, b in zip(*link_ends(design), strict=True) if a not in clouds and b not in clouds]
        if not site_site:
            return "cloud"
        if len(site_site) < len(design.links):
            return "mixed"
    elif not design.links:
        return "cloud"
    return "hub-and-spoke" if _star_centre(design) is not None else "mesh"


def _star_centre(design: Design) -> str | None:
    """The site every link touches, when the site-to-site links form a star (parallel links allowed)."""
    if not design.links:
        return None
    first = design.links[0]
    for centre in (first.a, first.b):
        if all(centre in (ln.a, ln.b) for ln in design.links):
            return centre
    return None


def _common_cloud(design: Design) -> bool:
    """True when some cloud reaches every site that has a link, so any two sites meet through it (also when no
    site has one)."""
    return not design.links or bool(common_clouds(design))


def common_clouds(design: Design) -> set[str]:
    """The clouds that reach every site that has a link (on a drawing whose links each reach a cloud): any two
    sites meet through each of them."""
    clouds = {c.id for c in design.clouds}
    if not design.links:
        return clouds  # no site has a link: every cloud, vacuously
    cloud_ends, site_ends = _cloud_ends(design, clouds)
    # The usual case first: every link reaches one cloud as the one end taken for its cloud.
    ends = set(cloud_ends)
    if len(ends) == 1:
        return ends
    # A cloud reaches every site when it meets as many distinct sites as there are: counted in C-level passes (a
    # loop over 20,000 links of sites on two clouds took 13 ms, three times per analysis)
    sites = len(set(site_ends))
    met = Counter(map(itemgetter(0), set(zip(cloud_ends, site_ends, strict=True))))
    return {cloud for cloud, count in met.items() if count == sites}


def lonely_cloud(design: Design) -> bool:
    """Whether a cloud has a single site on it: its links lead nowhere, and must carry nothing, where the closed form
    gives every access link its site's whole WAN traffic (then the paths are routed instead)."""
    cloud_ends, site_ends = _cloud_ends(design, {c.id for c in design.clouds})
    per_cloud = Counter(c for c, _s in set(zip(cloud_ends, site_ends, strict=True)))
    return min(per_cloud.values(), default=2) < 2


def _cloud_ends(design: Design, clouds: set[str]) -> tuple[list[str], list[str]]:
    """(per link its cloud end, per link its other end), for a drawing whose links each reach a cloud: the b ends
    and the a ends in the usual orientation (site – cloud), with no pass over the links."""
    a_ends, b_ends = link_ends(design)
    if clouds.isdisjoint(a_ends):
        return b_ends, a_ends
    return ([a if a in clouds else b for a, b in zip(a_ends, b_ends, strict=True)],
            [b if a in clouds else a for a, b in zip(a_ends, b_ends, strict=True)])


def load_links(design: Design, demand: Demand, wan_erlangs: list[float], hairpin_erlangs: float,
               relayed_signalling_kbps: float, topology: str, index: dict[str, int] | None = None) -> LinkLoad:
    """Offered Erlangs and signalling per link, by the cheapest method the topology allows. `index`: site id ->
    position, when the caller has it."""
    n_links = len(design.links)
    if index is None:
        index = {s.id: i for i, s in enumerate(design.sites)}
    if n_links == 0:
        return LinkLoad([], [], [], "none")
    if topology == "cloud" and _common_cloud(design) and not lonely_cloud(design):
        return _closed_form(design, index, demand, wan_erlangs, _signalling_per_site(design, demand),
                            hairpin_erlangs, relayed_signalling_kbps, "closed form (cloud)")
    centre = _star_centre(design) if topology == "hub-and-spoke" else None
    if centre is not None and demand.hub in (None, index[centre]):
        # Each star link is its spoke's only way out: it carries all of that spoke's WAN traffic.
        sig_site = _signalling_per_site(design, demand)
        load = LinkLoad([0.0] * n_links, [0.0] * n_links, [0.0] * n_links, "closed form (star)")
        for k, ln in enumerate(design.links):
            spoke = index[ln.b if ln.a == centre else ln.a]
            load.erlangs[k] = wan_erlangs[spoke]
            load.signalling_kbps[k] = sig_site[spoke]
        return load
    load = _shortest_paths(design, demand)
    access = access_links(design, index)  # a site's several access links: each for all of its WAN calls
    if access:
        load.raised = floor_access_links(design, index, load, access, wan_erlangs,
                                         _signalling_per_site(design, demand), demand.hub, hairpin_erlangs,
                                         relayed_signalling_kbps)
    return load


def _signalling_per_site(design: Design, demand: Demand) -> list[float]:
    """Per site, the signalling kbps of the flows it sends or receives, added flow by flow (the closed forms); on a
    large design by `scatter_in_order` over the flows' ends interleaved (the same additions in the same order)."""
    if arrays_ready(len(demand.signalling)):
        import numpy as np

        src, dst, kbps = flow_columns(demand.signalling)  # kept: `demand_hub.relayed` reads the same flows
        sums = np.zeros((1, len(design.sites)))
        scatter_in_order(sums, np.stack([src, dst], axis=1).ravel(), np.repeat(kbps, 2)[None, :])
        return sums[0].tolist()
    sig_site = [0.0] * len(design.sites)
    for s, t, kbps in demand.signalling:
        sig_site[s] += kbps
        sig_site[t] += kbps
    return sig_site


def _closed_form(design, index, demand, wan_erlangs, sig_site, hairpin_erlangs, relayed_kbps, method) -> LinkLoad:
    """Every access link carries all of its site's WAN traffic (either can carry the busy hour); the hub's also the
    relayed calls, in from one spoke and out to the other: C-level passes over the links, then the hub's links."""
    a_ends, b_ends = link_ends(design)
    n_links = len(a_ends)
    ends = list(map(index.get, a_ends))  # each link's site: its a end when that is a site, else its b end
    if None in ends:
        ends = [index[b] if site is None else site for site, b in zip(ends, b_ends, strict=True)]
    load = LinkLoad(list(map(wan_erlangs.__getitem__, ends)), [0.0] * n_links,
                    list(map(sig_site.__getitem__, ends)), method)
    for k in compress(range(n_links), map(eq, ends, repeat(demand.hub))) if demand.hub is not None else ():
        load.hairpin_erlangs[k] = hairpin_erlangs
        load.erlangs[k] += 2.0 * hairpin_erlangs
        load.signalling_kbps[k] += 2.0 * relayed_kbps
    return load


def _shortest_paths(design: Design, demand: Demand) -> LinkLoad:
    """Route flows on lowest-RTT paths: one tree per source, demands summed up the tree (no per-pair paths).

    A tree-shaped WAN (chain, tree, forest) has one path per pair: closed forms over one traversal
    (`advisor.routing_forest`). A meshed WAN is cut at its bridges (`advisor.routing_blocks`): bridges in closed
    form, one tree per sending node inside each 2-edge-connected block. Where an entry node's tree could round a
    tie differently for some source, and in general, this is one shortest-path tree per calling site; each
    source's demands are dense lists (its gravity flows reach every site), summed child to parent in one pass over
    the tree. With a hub overlay every flow starts at the hub: one tree. On a large WAN the sums over a tree run as
    numpy array operations that make the same additions in the same order (`routing_arrays`)."""
    graph = graph_of(design)
    n_edges = graph.n_edges
    if demand.hub is None:
        edge_erl, edge_sig = _direct(graph, demand)
        twice = [0.0] * n_edges
    else:
        edge_erl, edge_sig, twice = _via_hub(graph, demand)
    n_links = len(design.links)
    if n_edges == n_links:  # no parallel links: edge e is link e
        return LinkLoad(edge_erl, twice, edge_sig, "shortest paths")
    load = LinkLoad([0.0] * n_links, [0.0] * n_links, [0.0] * n_links, "shortest paths")
    for e, (_u, _v, _rtt, links) in enumerate(graph.edges):
        for k in links:  # parallel links: each sized for everything the pair carries
            load.erlangs[k] = edge_erl[e]
            load.signalling_kbps[k] = edge_sig[e]
            load.hairpin_erlangs[k] = twice[e]
    return load


def _direct(graph: Graph, demand: Demand) -> tuple[list[float], list[float]]:
    """(Erlangs, kbps) per edge with a direct overlay: every site calls every other on its own lowest-RTT path."""
    n_nodes, n_sites = graph.n_nodes, graph.n_sites
    padding = [0.0] * (n_nodes - n_sites)  # clouds originate and receive nothing
    forest = rooted_forest(graph)
    if arrays_worth(n_nodes):
        steps = forest_steps(graph, forest) if forest is not None else None
        # (a mesh with a block too large for the arrays goes block by block below: numpy's import spared)
        if (forest is None and blocks_fit_arrays(graph)) or steps is not None:
            import numpy as np

            per_node, *points = flow_arrays(demand, n_nodes)
            users = np.zeros(n_nodes)
            users[:n_sites] = demand.users
            if forest is not None:  # a chain or tree: every source's tree is the forest itself
                return forest_loads_arrays(graph, forest, steps, per_node, users, points)
            split = block_loads_arrays(graph, per_node, users, points)  # False: blocks not for arrays
            if split:
                return split  # None: a tie could round either way; the blocks below group such callers by offset
    by_source = _by_source(demand)
    per_node = [0.0] * n_nodes
    points = []
    for src, (per_user, rows) in by_source.items():
        if per_user is not None:
            per_node[src] = per_user
        points.extend((src, dst, erl, sig) for dst, (erl, sig) in rows.items())
    users = [*demand.users, *padding]
    if forest is not None:  # a chain or tree: every source's tree is the forest itself, one traversal for all
        return forest_loads(graph, forest, per_node, users, points)
    split = block_loads(graph, per_node, users, points)  # None: a tie could flip even so
    if split is not None:
        return split
    n_edges = len(graph.edges)
    edge_erl, edge_sig = [0.0] * n_edges, [0.0] * n_edges
    ends = [(u, v) for u, v, _rtt, _links in graph.edges]
    total = len(by_source)
    tick = progress.ticker(f"routing calls between {total:,} sites, one path search per site", total,
                           PROGRESS_MIN_NODES)
    run = None  # the same searches and sums, compiled (advisor/routing_compiled.py), for a large WAN
    if routing_compiled.worth(total, n_nodes, 2 * n_edges, heap=True):
        run = routing_compiled.Run(graph.adj, list(range(n_edges)), graph.weights, ends, users, None, edge_erl,
                                   edge_sig)
    for i, (src, (per_user, rows)) in enumerate(by_source.items()):
        if tick is not None:
            tick(i)
        if run is not None:
            run.add(src, per_user if per_user is not None else 0.0, rows)
            continue
        _dist, parent, order = graph.tree(src)
        acc_erl = [per_user * u for u in demand.users] if per_user is not None else [0.0] * n_sites
        acc_erl.extend(padding)
        acc_sig = [0.0] * n_nodes
        for dst, (erl, sig) in rows.items():
            acc_erl[dst] += erl
            acc_sig[dst] += sig
        sum_up(order, parent, ends, acc_erl, acc_sig, edge_erl, edge_sig)
    if run is not None:
        run.flush()
    if tick is not None:
        tick(total)
    return edge_erl, edge_sig


def _by_source(demand: Demand) -> dict[int, list]:
    """source -> [Erlangs per user of its gravity flows (or None), {destination: [erlangs, signalling kbps]}], in
    the order the sources first carry a flow (the order the edge sums are added in)."""
    by_source: dict[int, list] = {}
    users, on_net = demand.users, demand.on_net
    total = sum(users)
    top = sorted(users, reverse=True)[:2]
    for s in range(len(users)):
        if on_net[s] > 0 and total - users[s] > 0:
            per_user = on_net[s] / (total - users[s])
            # s sends per_user × U_t to every other site t with users; it carries a flow unless every one of
            # them rounds to 0, i.e. unless the largest does
            most_elsewhere = top[1] if users[s] == top[0] else top[0]
            if per_user * most_elsewhere != 0.0:
                by_source[s] = [per_user, {}]
    # point flows (hauled PSTN Erlangs, then signalling kbps), summed per (source, destination) in this order
    for flows, col in ((demand.pstn_haul, 0), (demand.signalling, 1)):
        for src, dst, x in flows:
            if src == dst or x == 0.0:
                continue
            entry = by_source.get(src)
            if entry is None:
                entry = by_source[src] = [None, {}]
            row = entry[1].get(dst)
            if row is None:
                row = entry[1][dst] = [0.0, 0.0]
            row[col] += x
    return by_source


def _via_hub(graph: Graph, demand: Demand) -> tuple[list[float], list[float], list[float]]:
    """(Erlangs, kbps, relayed Erlangs crossing twice) per edge with a hub overlay.

    Every inter-site flow is a star around the hub: spoke legs s -> hub and hub -> t, one tree from the hub. Per
    destination, in this order: hub <-> spoke calls either way plus both legs of spoke-to-spoke calls (in from s,
    out to s), hauled PSTN at both ends, signalling at both ends."""
    hub = demand.hub
    n_nodes = graph.n_nodes
    received = demand.received if demand.received is not None else demand.terminated()
    tree = order = None
    forest = rooted_forest(graph) if arrays_worth(n_nodes) else None
    if forest is not None:  # the forest rooted again at the hub, without a search
        tree = hub_tree(graph, forest, hub)
    elif arrays_ready(n_nodes):  # a meshed WAN: one tree, summed as well without numpy as its import costs
        order, parent = graph.sum_tree(hub)
        tree = walked_tree(graph, order, parent)
    if tree is not None:
        return hub_loads_arrays(graph, demand, received, tree)
    if order is None:
        order, parent = graph.sum_tree(hub)
    acc_erl = [o + r for o, r in zip(demand.on_net if demand.sent is None else demand.sent, received, strict=True)]
    acc_erl[hub] = 0.0
    acc_erl.extend([0.0] * (n_nodes - graph.n_sites))
    acc_sig = [0.0] * n_nodes
    for s, c, erl in demand.pstn_haul:
        if s != hub:
            acc_erl[s] += erl
        if c != hub:
            acc_erl[c] += erl
    for s, c, kbps in demand.signalling:
        if s != hub:
            acc_sig[s] += kbps
        if c != hub:
            acc_sig[c] += kbps
    n_edges = len(graph.edges)
    edge_erl, edge_sig = [0.0] * n_edges, [0.0] * n_edges
    twice = relayed_twice(graph, demand, order, parent)
    ends = [(u, v) for u, v, _rtt, _links in graph.edges]
    sum_up(order, parent, ends, acc_erl, acc_sig, edge_erl, edge_sig)
    return edge_erl, edge_sig, twice
