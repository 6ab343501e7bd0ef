"""Price a VPN candidate on the design's own links: each link's layer 2, cRTP where it survives the encapsulation,
SRTP, the cipher and NAT-T, on the concurrent calls the link carries when the candidate routes the busy hour
(directly, or through the hub). The ranking uses the result to put a candidate that overloads a link or its
priority queue below one that fits, and names the link in its reasons.
"""

from __future__ import annotations

import sys
from collections import deque
from dataclasses import dataclass
from itertools import chain, compress, repeat
from operator import add, eq, gt, itemgetter, mul, truediv

from advisor import packet, traffic
from advisor.demand import Routed
from advisor.model import Design

# read from the links' attribute dicts (`Pricer`)
_NAT, _ID, _CAPACITY = itemgetter("nat"), itemgetter("id"), itemgetter("capacity_kbps")
_L2, _L2_BYTES = itemgetter("l2"), itemgetter("l2_bytes")


@dataclass(frozen=True)
class LinkFit:
    link: str  # link id
    per_call_kbps: float  # with layer 2, per direction
    clear_kbps: float  # the same call with no VPN (cRTP where the link allows it)
    calls: int
    voice_kbps: float
    total_kbps: float  # voice + signalling + intra-cluster traffic
    capacity_kbps: float
    llq_kbps: float  # the priority-queue share of the capacity

    @property
    def pq_load(self) -> float:
        """Voice as a share of the priority queue (1.0 = full)."""
        return self.voice_kbps / self.llq_kbps if self.llq_kbps > 0 else 0.0

    @property
    def utilization(self) -> float:
        return self.total_kbps / self.capacity_kbps


@dataclass(frozen=True)
class Fit:
    """How one candidate fits the links it would run on."""

    tier: int  # 0 fits, 1 above the priority-queue share somewhere, 2 overloads a link
    busiest_pq: LinkFit | None  # the link whose priority queue it loads most
    worst: LinkFit | None  # the link it loads most (utilization)
    dominant: LinkFit | None  # the link with the most calls: where the per-call cost matters most
    overloaded: tuple[str, ...]  # link ids over capacity
    above_pq: tuple[str, ...]  # link ids above the priority-queue share
    error: str = ""  # why the candidate cannot be priced here (e.g. an impossible encapsulation)


class Pricer:
    """Per-call figures cached by what changes a packet: technology, layer 2 and NAT-T; and the links' own figures
    read once per design (every candidate walks them)."""

    def __init__(self, design: Design):
        self.design = design
        self._cache: dict[tuple, float | None] = {}
        # each link's attribute dict (its fields by name, the very objects its attributes read), then a column per
        # field: an item lookup per link costs about half an attribute read on a model
        links = list(map(vars, design.links))
        self.ids = list(map(_ID, links))
        self.l2 = list(zip(map(_L2, links), map(_L2_BYTES, links), strict=True))
        self.capacity = list(map(_CAPACITY, links))
        self.any_nat = any(map(_NAT, links))
        self.one_l2 = len(set(self.l2)) <= 1  # every link the same layer 2: no link apart in it
        self._rows: dict[tuple[int, int], tuple[object, object, _Rows]] = {}

    def kbps(self, technology: str, k: int, nat: bool) -> float | None:
        nat = nat and technology in traffic.NAT_T_TECHNOLOGIES
        key = (technology, *self.l2[k], nat)
        if key not in self._cache:
            try:
                spec = traffic.call_spec(self.design, technology, self.design.links[k], nat_on_path=nat)
                self._cache[key] = packet.compute(spec).kbps
            except ValueError:  # PacketError or CodecError: the candidate cannot be priced on this link
                self._cache[key] = None
        return self._cache[key]

    def release(self) -> None:
        """Drop the link groups (they are rebuilt when asked for again)."""
        self._rows.clear()

    def rows(self, routed: Routed, link_ids: set[str] | None) -> _Rows:
        """The links (those in `link_ids`, or all) grouped by everything a candidate's figures on them depend on:
        layer 2, whether NAT-T may apply, calls, signalling, cluster traffic and capacity. Built once per routed
        shape and link set; every candidate then prices the groups (a few dozen on a cloud of 10,000 sites)."""
        key = (id(routed), id(link_ids))
        held = self._rows.get(key)
        if held is not None and held[0] is routed and held[1] is link_ids:
            return held[2]
        got = _Rows(self, routed, link_ids)
        self._rows[key] = (routed, link_ids, got)
        return got


class _Rows:
    """Groups of links that any candidate prices alike, in the order of their first links (design order), as
    columns: the first link of each stands for them all."""

    def __init__(self, pricer: Pricer, routed: Routed, link_ids: set[str] | None):
        design = pricer.design
        self._ids = pricer.ids
        hub = routed.hub.id if routed.hub is not None else None
        n = len(pricer.ids)
        if pricer.any_nat:
            # NAT-T, when the candidate uses it (traffic.nat_links): every link of a direct overlay; a NATed
            # link and the hub's links of a hub-and-spoke one
            on_nat = [hub is None or ln.nat or ln.a == hub or ln.b == hub for ln in design.links]
        else:
            on_nat = [False] * n
        signalling = routed.load.signalling_kbps
        sources = (pricer.l2, on_nat, routed.calls, signalling, routed.cluster_kbps, pricer.capacity)
        numbers: range | list[int] = range(n)
        self._group_of: list[int] = []  # each link's group, named by its first link (the first with the same key)
        self.first: list[int]  # the groups' first links, in design order
        if link_ids is None and len(set(signalling)) == n:  # no two links alike in signalling, so in any key
            self.singletons, self.first = True, list(numbers)
        else:
            # a column alike on every link sets no two apart: the key leaves it out (the same groups, cheaper keys)
            alike = (pricer.one_l2, not pricer.any_nat, False, False, routed.cluster_kbps.count(0.0) == n, False)
            keys = list(zip(*(column for column, same in zip(sources, alike, strict=True) if not same), strict=True))
            if link_ids is not None:
                numbers = list(compress(range(n), map(link_ids.__contains__, pricer.ids)))
                keys = list(map(keys.__getitem__, numbers))
            position: dict[tuple, int] = {}
            self._group_of = list(map(position.setdefault, keys, numbers))
            self.singletons = len(position) == len(keys)  # every link differs: each is its own group
            self.first = list(numbers) if self.singletons else list(position.values())
        self._numbers = numbers
        # the key's parts per group, read off the first links (every link, in order, when each is its own group)
        every = link_ids is None and self.singletons
        columns = [list(column) if every else list(map(column.__getitem__, self.first)) for column in sources]
        self.prices_by = list(zip(columns[0], columns[1], strict=True))  # (layer 2, NAT-T may apply) per group
        self.calls, self.signalling, self.cluster, self.capacity = columns[2:]
        self._members: list[list[int]] | None = None
        self._positions = None  # numpy: each link's group position (`_members_columns`)
        self._busiest: list[int] | None = None
        self._columns = None
        self._price_firsts: dict[tuple, int] | None = None
        # per-call prices -> the Fit they give: candidates with the same prices (GET VPN and FlexVPN, say) share it
        self.fits: dict[tuple, Fit] = {}

    def __len__(self) -> int:
        return len(self.first)

    def members(self, groups: list[int]) -> list[int]:
        """The links of the given groups (positions, ascending), in design order."""
        if len(groups) == len(self.first):
            return list(self._numbers)
        if self.singletons:  # a group per link, in design order
            return list(map(self.first.__getitem__, groups))
        if len(groups) >= COLUMNS_MIN and "numpy" in sys.modules:
            return self._members_columns(groups)
        if self._members is None:
            by_first: dict[int, list[int]] = {k: [] for k in self.first}
            deque(map(list.append, map(by_first.__getitem__, self._group_of), self._numbers), 0)
            self._members = list(by_first.values())
        if len(groups) == 1:
            return self._members[groups[0]]
        return sorted(chain.from_iterable(map(self._members.__getitem__, groups)))

    def _members_columns(self, groups: list[int]) -> list[int]:
        """`members` for thousands of groups (a mesh's links that overload): each link's group position, built once,
        looked up in a mask of the chosen groups; the links whose group is chosen, in design order (the order the
        sorted union of the groups' links has)."""
        import numpy as np

        if self._positions is None:  # each link's group: its first link's place among the first links
            self._positions = np.searchsorted(np.array(self.first), np.array(self._group_of))
        chosen = np.zeros(len(self.first), dtype=bool)
        chosen[groups] = True
        picked = np.flatnonzero(chosen[self._positions])
        numbers = self._numbers
        return picked.tolist() if isinstance(numbers, range) else list(map(numbers.__getitem__, picked.tolist()))

    def price_firsts(self) -> dict[tuple, int]:
        """Each distinct (layer 2, NAT-T may apply) with its first group, in the order they first appear."""
        if self._price_firsts is None:
            keys, distinct = self.prices_by, dict.fromkeys(self.prices_by)  # in the order they first appear
            if len(distinct) <= _FEW_PRICES:  # the usual case: one C-level search per key for its first row
                firsts = {key: keys.index(key) for key in distinct}
            else:
                firsts = {}
                for r, key in enumerate(keys):
                    if key not in firsts:
                        firsts[key] = r
            self._price_firsts = firsts
        return self._price_firsts

    def columns(self):
        """calls, signalling, cluster traffic and capacity per group as numpy float columns, built once."""
        if self._columns is None:
            import numpy as np

            self._columns = tuple(np.array(col, dtype=np.float64) for col in (
                self.calls, self.signalling, self.cluster, self.capacity))
        return self._columns

    def busiest(self) -> list[int]:
        """The groups with the most calls and, of those, the least capacity: where the per-call cost matters most
        (`_fit` takes the costliest of them per call, then the link of the smallest id)."""
        if self._busiest is None:
            calls, capacity = self.calls, self.capacity
            most = list(compress(range(len(calls)), map(eq, calls, repeat(max(calls)))))
            least = min(map(capacity.__getitem__, most))
            self._busiest = list(compress(most, map(eq, map(capacity.__getitem__, most), repeat(least))))
        return self._busiest

    def smallest_link(self, groups: list[int]) -> tuple[int, int]:
        """(the group, the link) of the smallest link id among the groups' links: a group's first link when it is
        the only one."""
        if self.singletons and len(groups) == 1:
            return groups[0], self.first[groups[0]]
        ids = self._ids
        smallest = {r: min(self.members([r]), key=ids.__getitem__) for r in groups}
        r = min(groups, key=lambda g: ids[smallest[g]])
        return r, smallest[r]


def fit(design: Design, technology: str, routed: Routed, link_ids: set[str] | None, pricer: Pricer) -> Fit:
    """The candidate on the links in `link_ids` (all links when None), routed as `routed` says, as the
    link-by-link scan would find it (the same sums; ties go to the link drawn first), in column operations over
    groups of links that share every figure (`Pricer.rows`): figures are kept only for the links it names."""
    llq_share = design.traffic.llq_share
    nat_t = technology in traffic.NAT_T_TECHNOLOGIES
    ids = pricer.ids
    rows = pricer.rows(routed, link_ids)
    if not len(rows):
        return Fit(0, None, None, None, (), ())
    per_key: dict[tuple, tuple[float | None, float | None]] = {}  # (layer 2, NAT-T) -> (per call, clear)
    for key, r in rows.price_firsts().items():
        k = rows.first[r]
        per_key[key] = (pricer.kbps(technology, k, nat_t and key[1]), pricer.kbps("none", k, False))
    prices = (llq_share, *per_key.items())  # all the figures below depend on besides the rows
    held = rows.fits.get(prices)
    if held is not None:
        return held
    rows.fits[prices] = got = _fit(rows, per_key, llq_share, ids)
    return got


def _fit(rows: _Rows, per_key: dict[tuple, tuple[float | None, float | None]], llq_share: float,
         ids: list[str]) -> Fit:
    unpriced = [r for r, key in enumerate(rows.prices_by) if None in per_key[key]] if None in chain.from_iterable(
        per_key.values()) else []
    if unpriced:
        return Fit(0, None, None, None, (), (), error=f"cannot be priced on '{ids[rows.first[unpriced[0]]]}'")
    capacity = rows.capacity
    if len(per_key) == 1:
        per_call = [next(iter(per_key.values()))[0]] * len(rows)
    else:
        per_call = [per_key[key][0] for key in rows.prices_by]
    if len(rows) >= COLUMNS_MIN and "numpy" in sys.modules:
        overloaded, above, best_pq, best_util = _scan_columns(rows, per_call, llq_share)
    else:
        overloaded, above, best_pq, best_util = _scan(rows, per_call, llq_share)

    def at(r: int, k: int | None = None) -> LinkFit:
        k = rows.first[r] if k is None else k
        price = per_key[rows.prices_by[r]]
        voice = rows.calls[r] * per_call[r]  # the same operations as the scans
        return LinkFit(ids[k], price[0], price[1], rows.calls[r], voice, voice + rows.signalling[r] + rows.cluster[r],
                       capacity[r], llq_share * capacity[r])

    def link_ids_of(groups: list[int]) -> tuple[str, ...]:
        return tuple(map(ids.__getitem__, rows.members(groups))) if groups else ()

    tier = 2 if overloaded else 1 if above else 0
    busiest = rows.busiest()  # of the busiest, the costliest per call: the order links are listed in never decides
    costliest = max(map(per_call.__getitem__, busiest))
    dominant = rows.smallest_link(list(compress(busiest, map(eq, map(per_call.__getitem__, busiest),
                                                             repeat(costliest)))))
    return Fit(tier, at(best_pq), at(best_util), at(*dominant), link_ids_of(overloaded), link_ids_of(above))


COLUMNS_MIN = 2048  # groups from which the scan runs on numpy columns (once numpy is loaded: never imported here)
_FEW_PRICES = 16  # distinct (layer 2, NAT-T) keys up to which `price_firsts` searches for each key's first row


def _scan(rows: _Rows, per_call: list[float], llq_share: float) -> tuple[list[int], list[int], int, int]:
    """(groups over capacity, groups above the priority-queue share, the first group with the largest priority-queue
    load, the first with the largest utilization)."""
    capacity = rows.capacity
    voice = list(map(mul, rows.calls, per_call))
    total = list(map(add, map(add, voice, rows.signalling), rows.cluster))
    llq = list(map(mul, repeat(llq_share), capacity))
    overloaded = list(compress(range(len(rows)), map(gt, total, capacity)))
    above = list(compress(range(len(rows)), map(gt, voice, llq)))
    pq = list(map(truediv, voice, llq))
    util = list(map(truediv, total, capacity))
    return overloaded, above, pq.index(max(pq)), util.index(max(util))


def _scan_columns(rows: _Rows, per_call: list[float], llq_share: float) -> tuple[list[int], list[int], int, int]:
    """`_scan` on numpy columns (a 10,000-link chain has a group per link, and seven candidates scan them). The same
    IEEE operations, element by element and in the same order, so the same answers; argmax keeps the first of
    equal maxima as `list.index(max(...))` does."""
    import numpy as np

    calls, signalling, cluster, capacity = rows.columns()
    voice = calls * np.array(per_call, dtype=np.float64)
    total = (voice + signalling) + cluster
    llq = llq_share * capacity
    overloaded = np.flatnonzero(total > capacity).tolist()
    above = np.flatnonzero(voice > llq).tolist()
    return overloaded, above, int(np.argmax(voice / llq)), int(np.argmax(total / capacity))
