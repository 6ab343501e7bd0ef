"""Where calls crossing a cut of the WAN end at something other than a phone (`advisor.demand_bounds`): the gateway
PSTN calls are hauled to, and the hub that relays calls between spokes; and the subtree sums the cuts' sides are
counted with."""

from __future__ import annotations

from collections import Counter


def subtree_sums(order: list[int], parent: list[int], weight: list[int]) -> list[int]:
    """Per node, the sum of `weight` over its subtree (`order`: each node after its parent); `weight` is reused."""
    for u in reversed(order):
        p = parent[u]
        if p >= 0:
            weight[p] += weight[u]
    return weight


def relayable(held: list[int], hub: int, total: int) -> int:
    """The most calls a hub can relay at once between the other sites: each joins phones at two different sites,
    so at most half their phones, and at most the phones outside the largest of them."""
    others = total - held[hub]
    largest = max((p for j, p in enumerate(held) if j != hub), default=0)
    return min(others // 2, others - largest)


class Ends:
    """Where calls crossing a cut end at something other than a phone: the gateway PSTN calls are hauled to, and
    the hub that relays calls (each call between spokes crosses a cut that parts the hub from both twice)."""

    def __init__(self, held: list[int], haul: list[tuple[int, int, float]], hub_i: int | None):
        # the hub relays calls between spokes only where two other sites have phones to call each other: a hub with
        # one such site beside it (two sites on the WAN) holds one end of every call on its link, as any other site
        self.hub = hub_i if hub_i is not None and len(held) - held.count(0) - (held[hub_i] > 0) >= 2 else None
        by_gateway: dict[int, list[int]] = {}
        for s, c, _ in haul:
            by_gateway.setdefault(c, []).append(s)
        # legs (x, sites): calls from those sites that end at x, a gateway or the relaying hub, not at a phone; x's
        # side is open when one of the sites is across
        self.legs: list[tuple[int, list[int]]] = []
        for c, sites in by_gateway.items():
            if hub_i is not None and c != hub_i:
                # relayed through the hub: spoke → hub, then hub → gateway (the hub's own PSTN calls too); a leg to
                # the gateway still has its caller's phone on the hub's side, unless the caller is across
                spokes = [s for s in sites if s != hub_i]
                if spokes:
                    self.legs.append((hub_i, spokes))
                self.legs.append((c, [hub_i]))
            else:
                self.legs.append((c, sites))
        self._above: dict[int, set[int]] = {}
        self._members: list[Counter] | None = None

    def at(self, i: int) -> list[int]:
        """Per leg, how many of its sites are site i."""
        if self._members is None:  # once: a central PSTN site gathers a leg of every site
            self._members = [Counter(sites) for _c, sites in self.legs]
        return [m[i] for m in self._members]

    def subtree_counts(self, order: list[int], parent: list[int]) -> list[list[int]]:
        """Per leg, per node: how many of the leg's sites lie in the node's subtree."""
        out = []
        for _c, sites in self.legs:
            marks = [0] * len(parent)
            for s in sites:
                marks[s] += 1
            out.append(subtree_sums(order, parent, marks))
        return out

    def above(self, x: int, parent: list[int]) -> set[int]:
        """Node x and its ancestors in the forest (the nodes whose subtree holds x), worked out once per node."""
        got = self._above.get(x)
        if got is None:
            got = self._above[x] = set()
            while x >= 0:
                got.add(x)
                x = parent[x]
        return got

    def smaller(self, near: int, far: int, inside, counts: list[int], relay_far: int,
                relay_near: int) -> tuple[int | None, bool]:
        """(the bound of a cut whose near side holds `near` phones and the nodes `inside` accepts, its far side `far`
        phones; per leg, `counts` of its sites on the near side: None when neither side bounds; whether the bound
        is a relaying hub's side). A side where crossing calls end at a gateway does not bound. The relaying hub's
        side bounds with its phones plus twice the calls the other side's sites can make to each other through
        it (`relay_far`, `relay_near`: at most that many on the far, the near side), each crossing twice."""
        near_open = far_open = False
        for (c, sites), n in zip(self.legs, counts, strict=True):
            if inside(c):
                near_open = near_open or n < len(sites)
            else:
                far_open = far_open or n > 0
        near_bound, far_bound = near, far
        if self.hub is not None:
            if inside(self.hub):
                near_bound += 2 * relay_far
            else:
                far_bound += 2 * relay_near
        sides = [(b, hub) for b, hub, is_open in ((near_bound, near_bound > near, near_open),
                                                  (far_bound, far_bound > far, far_open)) if not is_open]
        if not sides:
            return None, False
        return min(sides)
