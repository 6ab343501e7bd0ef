"""The hub overlay's side of `advisor.demand.route_afresh`: the spoke-to-spoke traffic the hub relays, and a cloud's
link loads for one overlay shape worked out from the other shape's (only the hubs' links differ)."""

from __future__ import annotations

from itertools import compress, repeat
from operator import and_, eq, itemgetter, mul, ne, or_, sub, truediv
from typing import TYPE_CHECKING

from advisor import erlang
from advisor.routing import LinkLoad, _common_cloud
from advisor.routing_flows import flow_columns
from advisor.routing_graph import arrays_ready, graph_of, link_ends

if TYPE_CHECKING:
    from advisor.demand import Routed
    from advisor.model import Design

NOISE_ERLANGS = 1e-9  # differences of sums leave ~1e-16 where a site truly offers nothing
_SRC, _DST, _KBPS = itemgetter(0), itemgetter(1), itemgetter(2)


def relayed(users: list[float], total_users: float, on_net: list[float], hub_i: int,
            signalling_flows: list[tuple[int, int, float]]) -> tuple[float, float]:
    """(spoke-to-spoke Erlangs the hub relays, before hauled PSTN; signalling kbps it relays): spoke-originated
    calls not to the hub, summed site by site; signalling between two spokes (Python's `sum`, in flow order).

    On a large design as arrays: the same terms element by element, summed in the same order (a cumulative sum
    from 0.0), and `sum` over the same kbps in the same order."""
    u_h = users[hub_i]
    if not arrays_ready(len(users)):  # each term and sum in C when every site has users elsewhere
        rest = list(map(sub, repeat(total_users), users))
        if min(rest) > 0:
            terms = list(map(mul, on_net, map(sub, repeat(1.0), map(truediv, repeat(u_h), rest))))
            del terms[hub_i]
            hairpin = sum(terms, 0.0)
        else:
            hairpin = 0.0
            for i, o in enumerate(on_net):
                if i != hub_i and total_users - users[i] > 0:
                    hairpin += o * (1.0 - u_h / (total_users - users[i]))  # spoke-originated, not to the hub
        flows = signalling_flows
        away = map(and_, map(ne, map(_SRC, flows), repeat(hub_i)), map(ne, map(_DST, flows), repeat(hub_i)))
        return hairpin, sum(compress(map(_KBPS, flows), away))
    import numpy as np

    rest = total_users - np.array(users, dtype=np.float64)
    spoke = rest > 0
    spoke[hub_i] = False
    o = np.array(on_net, dtype=np.float64)[spoke]
    terms = np.concatenate([[0.0], o * (1.0 - u_h / rest[spoke])])
    src, dst, kbps = flow_columns(signalling_flows)
    return float(np.cumsum(terms)[-1]), sum(kbps[(src != hub_i) & (dst != hub_i)].tolist())


def other_shape(design: Design, like: Routed, hub_i: int | None, wan: list[float],
                 signalling_flows: list[tuple[int, int, float]], hairpin: float, relayed_kbps: float,
                 gos: float) -> tuple[LinkLoad, list[int]]:
    """A cloud's link loads for one overlay shape from the other shape's (`like`, with the same PSTN site).

    In closed form each access link carries its site's WAN Erlangs and signalling, and the hub's links also twice
    the relayed traffic (`routing._closed_form`): only the links of either shape's hub change, and they are
    worked out here with the same sums."""
    hubs = {h for h in (hub_i, like.hub_i) if h is not None}
    erlangs = list(like.load.erlangs)
    hairpins = list(like.load.hairpin_erlangs)
    signalling = list(like.load.signalling_kbps)
    calls = list(like.calls)
    if hubs:
        ids = {design.sites[h].id: h for h in hubs}
        if arrays_ready(len(signalling_flows)):
            sig_site = _hub_signalling(signalling_flows, hubs)
        else:
            sig_site = {h: 0.0 for h in hubs}
            for s, t, kbps in signalling_flows:  # routing.load_links' per-site sums, for the hub sites only
                if s in sig_site:
                    sig_site[s] += kbps
                if t in sig_site:
                    sig_site[t] += kbps
        trunks: dict[float, int] = {}
        links = design.links
        a_ends, b_ends = link_ends(design)
        touch = map(or_, map(ids.__contains__, a_ends), map(ids.__contains__, b_ends))
        for k in list(compress(range(len(links)), touch)):  # the hubs' links only
            ln = links[k]
            site = ids.get(ln.a)
            if site is None:
                site = ids.get(ln.b)
            erl, sig, hp = wan[site], sig_site[site], 0.0
            if site == hub_i:
                hp = hairpin
                erl += 2.0 * hairpin
                sig += 2.0 * relayed_kbps
            if erl < NOISE_ERLANGS:
                erl = 0.0
            n = trunks.get(erl)
            if n is None:
                n = trunks[erl] = erlang.trunks(erl, gos)
            erlangs[k], hairpins[k], signalling[k], calls[k] = erl, hp, sig, n
    return LinkLoad(erlangs, hairpins, signalling, like.load.method), calls


def _hub_signalling(flows: list[tuple[int, int, float]], hubs: set[int]) -> dict[int, float]:
    """Per hub site, the kbps of the signalling flows that start or end at it, as `other_shape`'s loop sums them:
    0.0 plus each such flow's kbps in flow order (twice, one after the other, for a flow from the hub to itself),
    on the flows' columns (`flow_columns`: kept from `relayed`, which reads them first). `cumsum` adds one term at a
    time, left to right: the same additions in the same order, the same figure bit for bit."""
    import numpy as np

    src, dst, kbps = flow_columns(flows)
    out: dict[int, float] = {}
    for h in hubs:
        times = (src == h).astype(np.int64) + (dst == h)  # each flow's terms: 0, 1, or 2 (from the hub to itself)
        out[h] = float(np.cumsum(np.concatenate(([0.0], np.repeat(kbps, times))))[-1])
    return out


def linked(design: Design, site_id: str) -> bool:
    """Whether some link ends at the site (a C-level scan of the link ends)."""
    a_ends, b_ends = link_ends(design)
    return site_id in a_ends or site_id in b_ends


def reaching(design: Design, site_i: int, topology: str) -> list[bool] | None:
    """Per site, whether the drawn links join it to site `site_i` (each cloud a node of its own, as the routing
    takes them: sites on two clouds meet only through a site on both); None when every site is joined to it, or
    when no link is drawn yet (nothing to tell). One pass per design: the linked sites on a cloud every site meets
    through, else the parts of the WAN (`parts`)."""
    links = design.links
    if not links:
        return None
    sites = design.sites
    n = len(sites)
    if not linked(design, sites[site_i].id):
        return [i == site_i for i in range(n)] if n > 1 else None
    if topology == "cloud" and _common_cloud(design):
        a_ends, b_ends = link_ends(design)
        ends = set(a_ends)
        ends.update(b_ends)
        mask = list(map(ends.__contains__, (s.id for s in sites)))
    else:
        part = parts(design)
        mask = list(map(eq, part[:n], repeat(part[site_i])))
    return None if all(mask) else mask


_parts: tuple[Design, list[int]] | None = None  # the last design's `parts`


def forget() -> None:
    global _parts
    _parts = None


def parts(design: Design) -> list[int]:
    """Per node of the routing graph (sites in design order, then clouds), the lowest node number of its part of the
    WAN: two nodes meet over the drawn links exactly when these are equal. Kept for the last design.

    Union-find over the graph's edges; on a large WAN as arrays: every part's root hooks to the lowest root across
    any of its edges, then pointers jump to their roots, until no edge joins two parts (each round at least halves
    the roots that still have an edge out)."""
    global _parts
    memo = _parts
    if memo is not None and memo[0] is design:
        return memo[1]
    graph = graph_of(design)
    n = graph.n_nodes
    if arrays_ready(max(n, graph.n_edges)):
        import numpy as np

        a, b = graph.end_arrays()
        parent = np.arange(n, dtype=np.int64)
        while True:
            pa, pb = parent[a], parent[b]
            apart = pa != pb
            if not apart.any():
                break
            pa, pb = pa[apart], pb[apart]
            np.minimum.at(parent, np.maximum(pa, pb), np.minimum(pa, pb))
            while True:
                up = parent[parent]
                if np.array_equal(up, parent):
                    break
                parent = up
        out = parent.tolist()
    else:
        up = list(range(n))

        def root(x: int) -> int:
            while up[x] != x:
                up[x] = up[up[x]]
                x = up[x]
            return x

        for u, v in zip(graph.end_a, graph.end_b, strict=True):
            ru, rv = root(u), root(v)
            if ru != rv:
                up[max(ru, rv)] = min(ru, rv)
        out = [root(x) for x in range(n)]
    _parts = (design, out)
    return out


def unlinked_sites(design: Design) -> list[int]:
    """The positions of the sites no link ends at, when links are drawn (none drawn: nothing is routed anyway)."""
    if not design.links:
        return []
    a_ends, b_ends = link_ends(design)
    ends = set(a_ends)
    ends.update(b_ends)
    if len(ends) >= len(design.sites) + len(design.clouds):  # every site and cloud has a link (the usual case)
        return []
    return [i for i, s in enumerate(design.sites) if s.id not in ends]


def reached_flows(users: list[float], total: float, on_net: list[float], terminated: list[float],
             unlinked: list[int]) -> tuple[list[float], list[float]]:
    """(sent, received): each site's on-net Erlangs to and from the sites the WAN reaches, leaving out the flows
    with sites that have no link (their calls cannot cross the WAN: the deployment checks name them). A site s
    sends o_s · U_t / (T − U_s) to each other site t (the gravity model): to the unlinked ones together
    o_s · U_X / (T − U_s); site t receives from them U_t · Σ_x o_x / (T − U_x). An unlinked site sends and receives
    nothing over the WAN."""
    alone = set(unlinked)
    users_x = sum(users[x] for x in unlinked)
    share_x = sum(on_net[x] / (total - users[x]) for x in unlinked if total - users[x] > 0)
    sent, received = [], []
    for i, (u, o, t) in enumerate(zip(users, on_net, terminated, strict=True)):
        if i in alone:
            sent.append(0.0)
            received.append(0.0)
            continue
        rest = total - u
        sent.append(max(o * (rest - users_x) / rest, 0.0) if rest > 0 else o)
        received.append(max(t - u * share_x, 0.0))
    return sent, received


def split_parts(design: Design, topology: str, unlinked: list[int]) -> list[int] | None:
    """Per site its part of the WAN (`parts`) when the sites with a link lie in more than one part (two islands,
    a site whose only link goes to a cloud no other site is on); None when they all meet (the usual case: a cloud
    that reaches every linked site tells so without a search)."""
    n = len(design.sites)
    if not design.links or n - len(unlinked) < 2 or topology == "cloud" and _common_cloud(design):
        return None
    part = parts(design)[:n]
    return part if len(set(part)) > len(unlinked) + 1 else None  # an unlinked site is a part of its own


def part_flows(users: list[float], total: float, on_net: list[float], part: list[int]) -> tuple[list[float],
                                                                                                list[float]]:
    """(sent, received) as `reached_flows` where the linked sites lie in several parts of the WAN: each site's
    on-net Erlangs to and from the other sites of its own part, the only ones its calls can reach. With
    a_s = o_s / (T − U_s), U_P and A_P the users and the a_s of part P: s sends o_s · (U_P − U_s) / (T − U_s) and
    t receives U_t · (A_P − a_t) (an unlinked site, a part of its own, nothing)."""
    share = [o / (total - u) if total - u > 0 else 0.0 for u, o in zip(users, on_net, strict=True)]
    part_users: dict[int, float] = {}
    part_share: dict[int, float] = {}
    for p, u, a in zip(part, users, share, strict=True):
        part_users[p] = part_users.get(p, 0.0) + u
        part_share[p] = part_share.get(p, 0.0) + a
    sent = [max(a * (part_users[p] - u), 0.0) if total - u > 0 else o
            for p, u, o, a in zip(part, users, on_net, share, strict=True)]
    received = [max(u * (part_share[p] - a), 0.0) for p, u, a in zip(part, users, share, strict=True)]
    return sent, received


def relayed_reached(users: list[float], total: float, on_net: list[float], sent: list[float], unlinked: list[int],
                    hub_i: int, part: list[int] | None = None) -> float:
    """`relayed`'s spoke-to-spoke Erlangs where some sites have no link: what each linked spoke sends over the WAN
    (`reached_flows`' sent) less its calls to the hub, o_s · U_hub / (T − U_s); an unlinked site relays nothing,
    nor does a site the hub does not reach (`part`: each site's part of the WAN, when they are several)."""
    alone = set(unlinked)
    if part is not None:
        alone.update(i for i, p in enumerate(part) if p != part[hub_i])
    u_h = users[hub_i]
    hairpin = 0.0
    for i, (u, o, out) in enumerate(zip(users, on_net, sent, strict=True)):
        if i != hub_i and i not in alone and total - u > 0:
            hairpin += max(out - o * u_h / (total - u), 0.0)
    return hairpin
