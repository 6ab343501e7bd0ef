"""A bound on the concurrent calls a link must carry: the phones on its smaller side, where that side is one site.

The traffic model spreads each site's on-net calls over the other sites by their users (the gravity model), and
Erlang B sizes each link for the traffic offered to it. Next to a much larger site that can ask more of a small one
than its phones can take: a 1,000-user headquarters and a 10-user branch, alone on the WAN, send the branch all of
the headquarters' 30 on-net Erlangs, and Erlang B at P.01 asks its link for 42 concurrent calls, for 10 phones.

A site's only link is a cut: every call across it has one end at that site, and the other end at a phone elsewhere
(a phone holds one call at a time). So it carries at most as many calls as the smaller side has phones, each side
counting, per site, the larger of its users and its phones (users may call from soft clients). The site's side is
not bounded by its phones when it holds the gateway other sites' PSTN calls are hauled to, nor the far side when the
site's own PSTN calls are hauled across the link. A hub that relays calls between spokes carries each relayed call
twice on its link, once per spoke: each leg still has a phone at its far end, so the far side bounds it, unless the
hub relays PSTN calls on to a gateway. A hub with a single other site with phones relays nothing, so its own phones
bound its side too (a 1-user HQ hub and a 1,000,000-user branch: 1 call on both access links, not 29,783 on the hub's).
"""

from __future__ import annotations

from collections import Counter
from itertools import compress, repeat
from operator import and_, attrgetter, gt, or_

from advisor.model import Design
from advisor.routing_graph import link_ends

_USERS, _PHONES = attrgetter("users"), attrgetter("phones")


def phones(design: Design) -> list[int]:
    """Per site: the larger of its users and its phones (the calls it can hold at once)."""
    users = list(map(_USERS, design.sites))
    given = list(map(_PHONES, design.sites))
    if given.count(None) == len(given):  # one phone per user everywhere (the usual case)
        return users
    return [u if p is None or p < u else p for u, p in zip(users, given, strict=True)]


_memo: tuple[Design, tuple] | None = None  # the last design's stub sites (`_stubs`)


def forget() -> None:
    global _memo
    _memo = None


def _stubs(design: Design, index: dict[str, int]) -> tuple:
    """(the ids of the sites with one link, each site's phones, their total, per link whether an end is such a site,
    the tightest bound any such link can have), once per design (both overlay shapes read them)."""
    global _memo
    memo = _memo  # one read: another thread may replace it meanwhile, and then this call keeps its own
    if memo is None or memo[0] is not design:
        a_ends, b_ends = link_ends(design)
        degree = Counter(a_ends)
        degree.update(b_ends)
        stubs = set(compress(degree.keys(), map((1).__eq__, degree.values()))) & index.keys()
        held = phones(design) if stubs else []
        total = sum(held)
        # No bound is tighter than the fewest phones at a site or the fewest beyond the largest one
        tightest = min(min(held), total - max(held)) if stubs else 0
        at_stub = list(map(or_, map(stubs.__contains__, a_ends), map(stubs.__contains__, b_ends))) if stubs else []
        memo = _memo = (design, (stubs, held, total, at_stub, tightest))
    return memo[1]


def capped(design: Design, index: dict[str, int], calls: list[int], haul: list[tuple[int, int, float]],
           hub_i: int | None) -> tuple[list[int], dict[int, int]]:
    """(`calls` (per link, Erlang B on its offered traffic), each at most the phones on the smaller side of a link
    that is a site's only link (see the module's text): the same list when no bound binds; {link position: Erlang
    B's calls} for the links the bound lowered)."""
    if not calls or not design.sites:
        return calls, {}
    stubs, held, total, at_stub, tightest = _stubs(design, index)
    if not stubs:
        return calls, {}
    # only the links of stub sites with more calls than the tightest bound are looked at (a few, as a rule)
    looked_at = list(compress(range(len(calls)), map(and_, at_stub, map(gt, calls, repeat(tightest)))))
    if not looked_at:
        return calls, {}
    a_ends, b_ends = link_ends(design)
    hauled_to = {c for _, c, _ in haul}
    hauled_from = {s for s, _, _ in haul}
    relayed_pstn = any(hub_i not in (s, c) for s, c, _ in haul)
    # the hub relays calls between spokes only where two other sites have phones to call each other: a hub with one
    # such site beside it (two sites on the WAN) holds one end of every call on its link, as any other site
    relays = hub_i is not None and (relayed_pstn or len(held) - held.count(0) - (held[hub_i] > 0) >= 2)
    out = None
    bounded: dict[int, int] = {}
    for k in looked_at:
        n = calls[k]
        for end in (a_ends[k], b_ends[k]):
            if end not in stubs:
                continue
            i = index[end]
            # near: other sites' PSTN calls end at its gateway, or it relays calls between other sites (the hub)
            near = None if i in hauled_to or (i == hub_i and relays) else held[i]
            # far: its PSTN calls end at a gateway far away, or the hub relays PSTN calls to a gateway
            far = None if i in hauled_from or (i == hub_i and relayed_pstn) else total - held[i]
            bound = far if near is None else near if far is None else min(near, far)
            if bound is not None and n > bound:
                if out is None:
                    out = list(calls)
                bounded.setdefault(k, calls[k])
                n = out[k] = bound
    return (calls if out is None else out), bounded
