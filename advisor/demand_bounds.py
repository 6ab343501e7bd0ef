"""A bound on the concurrent calls a link must carry: the phones on its smaller side, where no other path joins its two
sides.

The traffic model spreads each site's on-net calls over the other sites by their users (the gravity model), and
Erlang B sizes each link for the traffic offered to it. Next to a much larger site that can ask more of a small one
than its phones can take: a 1,000-user headquarters and a 10-user branch, alone on the WAN, send the branch all of
the headquarters' 30 on-net Erlangs, and Erlang B at P.01 asks its link for 42 concurrent calls, for 10 phones.

A link whose loss splits the WAN in two (a cut, or bridge: a site's only link, any link of a chain or a tree) is
crossed by every call between its two sides and by no other. Every such call has a phone at each end (a phone
holds one call at a time), so the link carries at most as many calls as the smaller side has phones, each side
counting, per site, the larger of its users and its phones (users may call from soft clients). A side is not
bounded by its phones when calls from across end there at a gateway PSTN calls are hauled to. A hub that relays
calls between spokes is bounded on its side by its phones plus twice the calls the other side's sites can make to
each other (each such call crosses twice, once per spoke; it joins phones at two different sites, so at most half
their phones and, on a site's only link, at most the phones beyond the largest of them): a 1-user HQ hub and a
1,000,000-user branch carry 1 call on both access links, not 29,783 on the hub's. PSTN calls relayed by the hub
end at it (the spoke's leg) and at the gateway (the hub's leg, whose caller is on the hub's side unless across).

The same holds for every access link where all sites meet through one cloud (the cloud's closed form): each access
link is sized for all of its site's WAN calls and carries no other, so a site on two clouds has each of its links
bounded by its phones too (a 10-user branch beside a 1,000-user HQ on two MPLS clouds: 10 calls on each, not 42).

Every other link, a link inside a meshed block too (a triangle of leased lines), is bounded by the whole design's
phones (`design_bound`): each call a link carries holds a phone, an on-net call two (one at each end, at two
different sites), a PSTN call hauled over the WAN one (its far end is the gateway), and a phone holds one call at a
time. With x on-net and y hauled PSTN calls on the link, 2x + y ≤ P, the design's phones (per site the larger of
users and phones, sites with no link left out), and y ≤ H, the phones of the sites that haul their PSTN calls; so
x + y = ((2x + y) + y) / 2 ≤ (P + H) / 2: half the phones when no PSTN call crosses the WAN, all of them when every
site hauls. Calls are routed on simple paths (shortest paths, or a cloud's access links), so a call crosses a link
at most once. Where a hub relays calls (spoke to hub, then hub to spoke or to the PSTN site), each leg is a simple
path but the two legs may share a link (a spoke whose way to the hub passes the other spoke's link): a call crosses
a link at most twice, so the link carries at most 2 × ⌊(P + H) / 2⌋ calls, never fewer than the truth. One phone
in all hauling its PSTN calls over a triangle: 1 call on each link, not Erlang B's 2 for 0.02 E at P.01.

A site's only link is found from the link ends alone (most links of a star); the other cuts by one depth-first
search of the WAN (Tarjan's bridges), done only when some link that is not a site's only link carries calls.
"""

from __future__ import annotations

from collections import Counter
from itertools import compress, repeat
from operator import attrgetter, gt
from operator import sub as _minus
from typing import NamedTuple

from advisor import numbers
from advisor.demand_ends import Ends as _Ends
from advisor.demand_ends import relayable as _relayable
from advisor.demand_ends import subtree_sums
from advisor.model import Design
from advisor.routing_cuts import graph_cuts
from advisor.routing_forest import rooted_forest
from advisor.routing_graph import arrays_ready, graph_of, link_ends, site_index

_USERS, _PHONES = attrgetter("users"), attrgetter("phones")


def site_phones(site) -> int:
    """One site's `phones` figure: the larger of its users and its phones."""
    return site.users if site.phones is None or site.phones < site.users else site.phones


def phones(design: Design) -> list[int]:
    """Per site: the larger of its users and its phones (the calls it can hold at once)."""
    users = list(map(_USERS, design.sites))
    given = list(map(_PHONES, design.sites))
    if given.count(None) == len(given):  # one phone per user everywhere (the usual case)
        return users
    return [u if p is None or p < u else p for u, p in zip(users, given, strict=True)]


_memo: tuple[Design, dict[bool, tuple]] | None = None  # the last design's stub sites (`_stubs`), per kind
_cut_memo: tuple[Design, tuple] | None = None  # the last design's cuts (`_cuts`)


def forget() -> None:
    global _memo, _cut_memo, _no_stub_memo
    _memo = _cut_memo = _no_stub_memo = None


def _stubs(design: Design, index: dict[str, int], own_links: bool = False) -> tuple:
    """(the ids of the sites with one link, each site's phones, their total, per link the bound of such an end were
    neither side open, infinite for a link with no such end), once per design (both overlay shapes read them).
    `own_links`: every link carries only its site's own calls (the cloud's closed form: each access link sized for
    all of its site's WAN calls), so every site with links counts as one, a site on two clouds too."""
    global _memo
    memo = _memo  # one read: another thread may replace it meanwhile, and then this call keeps its own
    if memo is None or memo[0] is not design:
        memo = _memo = (design, {})
    got = memo[1].get(own_links)
    if got is None:
        got = _stub_arrays(design, index, own_links)
        if got is not None:
            memo[1][own_links] = got
    if got is None:
        a_ends, b_ends = link_ends(design)
        degree = Counter(a_ends)
        degree.update(b_ends)
        ends = degree.keys() if own_links else compress(degree.keys(), map((1).__eq__, degree.values()))
        stubs = set(ends) & index.keys()
        held = phones(design)
        if len(degree) < len(held) + len(design.clouds):  # sites with no link hold no call across the WAN
            held = [h if s.id in degree else 0 for s, h in zip(design.sites, held, strict=True)]
        total = sum(held)
        # per link the bound of its stub end as if neither side were open (openness only loosens a bound)
        ids = list(stubs)
        own = list(map(held.__getitem__, map(index.__getitem__, ids)))
        bound_of = dict(zip(ids, map(min, own, map(_minus, repeat(total), own)), strict=True))
        plain = list(map(min, map(bound_of.get, a_ends, repeat(_NO_BOUND)),
                         map(bound_of.get, b_ends, repeat(_NO_BOUND)))) if stubs else []
        got = memo[1][own_links] = (stubs, held, total, plain)
    return got


def _stub_arrays(design: Design, index: dict[str, int], own_links: bool = False) -> tuple | None:
    """`_stubs` by array passes over the routing graph's link ends, where numpy is loaded and the graph has no
    parallel links (edge k is link k; its end arrays made from its lists where it was built with lists: a design on
    clouds): the same sets, figures and types (ints, and infinity for a link with no stub end), in a tenth of the
    time at 10,000 sites. None where it has not."""
    graph = graph_of(design)
    if (graph._ends is None and not arrays_ready(len(design.links))) or not graph.edges_are_links \
            or len(index) != graph.n_sites:
        return None
    import numpy as np

    low, high = graph.end_arrays()
    n_sites = graph.n_sites
    degree = np.bincount(low, minlength=graph.n_nodes) + np.bincount(high, minlength=graph.n_nodes)
    held = phones(design)
    linked = degree[:n_sites] > 0
    if not linked.all():  # sites with no link hold no call across the WAN
        held = [h if on else 0 for h, on in zip(held, linked.tolist(), strict=True)]
    total = sum(held)
    # the sites with one link (`own_links`: every site with links), in design order
    nodes = np.flatnonzero(linked if own_links else degree[:n_sites] == 1)
    if not nodes.size:
        return set(), held, total, []
    own = np.array(held, dtype=np.int64)[nodes]
    none = np.iinfo(np.int64).max  # no bound at this end
    bound = np.full(graph.n_nodes, none, dtype=np.int64)
    bound[nodes] = np.minimum(own, total - own)  # as if neither side were open
    ids = list(index)
    plain = [_NO_BOUND if b == none else b for b in np.minimum(bound[low], bound[high]).tolist()]
    return set(map(ids.__getitem__, nodes.tolist())), held, total, plain


def _cuts(design: Design, held: list[int]) -> tuple:
    """(per link: the node below it when the link is a cut, else -1; per node its parent in a spanning forest of
    the WAN (-1 at a root); the nodes, each after its parent; per node the phones of its subtree; per link the
    smaller side's phones, infinite for a link that is no cut), once per design.
    The side below a cut is the subtree of the node below it. A WAN without cycles (a chain, a tree) is the forest
    its routing walked already, every link a cut; any other gets one depth-first search."""
    global _cut_memo
    memo = _cut_memo
    if memo is None or memo[0] is not design:
        graph = graph_of(design)
        forest = rooted_forest(graph)
        if forest is not None:
            order, parent_e, parent_v, _root = forest
            below_edge = [-1] * graph.n_edges
            for v, e in enumerate(parent_e):
                if e >= 0:
                    below_edge[e] = v
        else:
            below_edge, parent_v, order = graph_cuts(graph)
        sub = subtree_sums(order, parent_v, held + [0] * (graph.n_nodes - graph.n_sites))
        if graph.edges_are_links:
            below = below_edge
        else:  # parallel links share one edge of the graph: every call between the sides crosses one of them
            below = [-1] * len(design.links)
            for e, (_u, _v, _rtt, ks) in enumerate(graph.edges):
                for k in ks:
                    below[k] = below_edge[e]
        total = sum(held)
        # per link the bound when no side is open (a side's openness only loosens it): min(below, beyond)
        below_sub = list(map(sub.__getitem__, below))  # (a link that is no cut reads node -1: masked below)
        plain = list(map(min, below_sub, map(_minus, repeat(total), below_sub)))
        if -1 in below:
            plain = [p if u >= 0 else _NO_BOUND for p, u in zip(plain, below, strict=True)]
        memo = _cut_memo = (design, (below, parent_v, order, sub, plain))
    return memo[1]


_NO_BOUND = float("inf")


class DesignBound(NamedTuple):
    """The whole design's bound on the calls of any link, a cut or not (see the module's text)."""

    calls: int  # ⌊(P + H) / 2⌋, twice that where a hub relays calls
    phones: int  # P: per site with a link, the larger of its users and its phones
    hauling: int  # H: those of the sites whose PSTN calls are hauled over the WAN
    relayed: bool  # a hub relays calls: a call may cross a link twice, once per leg


def design_bound(held: list[int], total: int, haul: list[tuple[int, int, float]], hub_i: int | None) -> DesignBound:
    """The whole design's bound (`held`: each site's phones, `total` their sum, as `_stubs` counts them)."""
    hauling = sum(map(held.__getitem__, {s for s, _c, _erl in haul})) if haul else 0
    half = (total + hauling) // 2
    return DesignBound(half if hub_i is None else 2 * half, total, hauling, hub_i is not None)


def _sum(whole: DesignBound) -> str:
    """The bound's sum before any relay: 'P / 2', 'P', or '(P + H) / 2' (rounded down where odd)."""
    p, h = whole.phones, whole.hauling
    if h >= p:
        return numbers.count(p)
    text = f"{numbers.count(p)} / 2" if h == 0 else f"({numbers.count(p)} + {numbers.count(h)}) / 2"
    return text + (", rounded down" if (p + h) % 2 else "")


def design_short(whole: DesignBound) -> str:
    """'the 6 phones (or users) of the whole design, every call holding one (an on-net call two)': follows 'at most
    N: '."""
    users = "user" if whole.phones == 1 else "users"
    text = f"the {numbers.counted(whole.phones, 'phone')} (or {users}) of the whole design, every call holding one"
    if whole.hauling < whole.phones:
        text += " (an on-net call two)"
    if whole.relayed:
        text += ", and crossing a link at most twice when the hub relays it"
    return text


def design_long(whole: DesignBound) -> str:
    """The reason in full, with the sum: follows 'at most N at once: '."""
    p, h = whole.phones, whole.hauling
    phones = f"the whole design's {numbers.counted(p, 'phone')} (or {'user' if p == 1 else 'users'}, where more)"
    if h == 0:
        why = f"every call on it is an on-net call, holding two of {phones}, one at each end"
    elif h >= p:
        why = f"every call on it holds at least one of {phones}"
    else:
        why = (f"an on-net call on it holds two of {phones}, one at each end, and a PSTN call hauled over the WAN "
               f"one of the {numbers.count(h)} at the sites that haul them")
    why += ", and a phone holds one call at a time"
    if not whole.relayed:
        shown = "" if h >= p else f"{_sum(whole)} = "
        return f"{why}: {shown}{numbers.counted(whole.calls, 'call')}"
    half = numbers.count(whole.calls // 2)
    return (f"{why}; a call the hub relays may cross a link twice, once on each leg (to the hub and from it): "
            f"2 × {half} = {numbers.counted(whole.calls, 'call')}"
            + ("" if whole.hauling >= whole.phones else f", {half} being {_sum(whole)}"))


def cut_sides(design: Design, k: int, own_links: bool = False) -> tuple[int, int] | None:
    """(the phones on each side of link `k`, as the cut bound counts them: per site the larger of its users and its
    phones, sites with no link left out), None where the link is no cut. `own_links`: the cloud's closed form, where
    every access link is bounded as its site's only link (`capped`)."""
    index = site_index(design)
    stubs, held, total, _plain = _stubs(design, index, own_links)
    link = design.links[k]
    ends = [index[end] for end in (link.a, link.b) if end in stubs]
    if len(ends) == 2:  # a WAN of its own: each end's phones are its side's
        return held[ends[0]], held[ends[1]]
    if ends:
        return held[ends[0]], total - held[ends[0]]
    cuts = _cuts(design, held)
    below = cuts[0][k]
    if below < 0:
        return None
    sub = cuts[3][below]
    return sub, total - sub


def capped(design: Design, index: dict[str, int], calls: list[int], haul: list[tuple[int, int, float]],
           hub_i: int | None, own_links: bool = False
           ) -> tuple[list[int], dict[int, int], set[int], set[int], DesignBound | None]:
    """(`calls` (per link, Erlang B on its offered traffic), each at most the phones on the smaller side of a link
    that is a cut and at most the whole design's bound (see the module's text): the same list when no bound binds;
    {link position: Erlang B's calls} for the links a bound lowered; the positions of those a relaying hub's bound
    lowered, its own link: twice the calls its spokes can make to each other, beside its own phones' calls; the
    positions of those the whole design's bound lowered; that bound, None where no link reaches its lowest
    possible value, half the phones). `own_links`: each link carries only its site's own calls (the cloud's closed
    form), so each is bounded as a site's only link is."""
    if not calls or not design.sites:
        return calls, {}, set(), set(), None
    out, bounded, relayed = _cut_capped(design, index, calls, haul, hub_i, own_links)
    _s, held, total, _p = _stubs(design, index, own_links)
    if max(out) <= total // 2:  # the lowest the whole design's bound can be: nothing more to look at
        return out, bounded, relayed, set(), None
    whole = design_bound(held, total, haul, hub_i)
    w = whole.calls
    over = list(compress(range(len(out)), map(gt, out, repeat(w))))
    if not over:
        return out, bounded, relayed, set(), whole
    if out is calls:
        out = list(calls)
    for k in over:
        bounded.setdefault(k, calls[k])
        out[k] = w
    relayed.difference_update(over)
    return out, bounded, relayed, set(over), whole


_no_stub_memo: tuple[list, list[int]] | None = None  # the last `plain` bounds' links with no stub end


def _no_stub_end(plain: list) -> list[int]:
    """The positions of the links with no stub end (no plain bound), in order: once per `plain` (`_stubs` keeps one
    per design and kind, and both overlay shapes read it); none on a cloud's closed form, where every link has one."""
    global _no_stub_memo
    memo = _no_stub_memo  # one read: another thread may replace it meanwhile, and then this call keeps its own
    if memo is None or memo[0] is not plain:
        memo = _no_stub_memo = (plain, list(compress(range(len(plain)), map(_NO_BOUND.__eq__, plain))))
    return memo[1]


def _cut_capped(design: Design, index: dict[str, int], calls: list[int], haul: list[tuple[int, int, float]],
                hub_i: int | None, own_links: bool) -> tuple[list[int], dict[int, int], set[int]]:
    """`capped`'s bound of the cuts alone: (calls, bounded, relayed) as it gives them."""
    stubs, held, total, plain = _stubs(design, index, own_links)
    # the links of stub sites with more calls than their bound as if no side were open (a few, as a rule); the
    # other links with calls
    if stubs:
        looked_at = list(compress(range(len(calls)), map(gt, calls, plain)))
        # a link with no stub end has no plain bound here
        no_stub = _no_stub_end(plain)
        inner = list(compress(no_stub, map(gt, map(calls.__getitem__, no_stub), repeat(0))))
    else:
        looked_at, inner = [], list(compress(range(len(calls)), map(gt, calls, repeat(0))))
    if not looked_at and not inner:
        return calls, {}, set()
    ends = _Ends(held, haul, hub_i)
    out = None
    bounded: dict[int, int] = {}
    relayed: set[int] = set()

    def lower(k: int, bound: int | None, by_relay: bool) -> None:
        nonlocal out
        if bound is not None and calls[k] > bound and (out is None or out[k] > bound):
            if out is None:
                out = list(calls)
            bounded.setdefault(k, calls[k])
            out[k] = bound
            if by_relay:
                relayed.add(k)
            else:
                relayed.discard(k)

    if looked_at:
        a_ends, b_ends = link_ends(design)
        for k in looked_at:
            for end in (a_ends[k], b_ends[k]):
                if end in stubs:
                    i = index[end]
                    # a hub's own link: the spokes beyond may call each other through it; a spoke's: no two sites
                    beyond = _relayable(held, i, total) if i == ends.hub else 0
                    lower(k, *ends.smaller(held[i], total - held[i], i.__eq__, ends.at(i), beyond, 0))
    if inner:
        below, parent, order, sub, plain = _cuts(design, held)
        # only links with more calls than the bound of their sides as if neither were open can be lowered
        inner = list(compress(inner, map(gt, map(calls.__getitem__, inner), map(plain.__getitem__, inner))))
        within = ends.subtree_counts(order, parent) if inner else []
        for k in inner:
            u = below[k]
            if u >= 0:  # the calls a hub relays within one side: at most half its phones (no site's largest known)
                lower(k, *ends.smaller(sub[u], total - sub[u], lambda x, u=u: u in ends.above(x, parent),
                                       [count[u] for count in within], (total - sub[u]) // 2, sub[u] // 2))
    return (calls if out is None else out), bounded, relayed
