"""Price a VPN candidate on the design's own links: each link's layer 2, cRTP where it survives the encapsulation,
SRTP, the cipher and NAT-T, on the concurrent calls the link carries when the candidate routes the busy hour
(directly, or through the hub). The ranking uses the result to put a candidate that overloads a link or its
priority queue below one that fits, and names the link in its reasons.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor import packet, traffic
from advisor.demand import Routed
from advisor.model import Design


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
        links = design.links
        self.ids = [ln.id for ln in links]
        self.l2 = [(ln.l2, ln.l2_bytes) for ln in links]
        self.capacity = [ln.capacity_kbps for ln in links]

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


def fit(design: Design, technology: str, routed: Routed, link_ids: set[str] | None, pricer: Pricer) -> Fit:
    """The candidate on the links in `link_ids` (all links when None), routed as `routed` says. One pass of plain
    arithmetic per candidate (10,000 links, seven candidates): figures are kept only for the links it names."""
    llq_share = design.traffic.llq_share
    hub = routed.hub.id if routed.hub is not None else None
    nat = traffic.nat_links(design, technology, hub)
    sig, cluster, calls = routed.load.signalling_kbps, routed.cluster_kbps, routed.calls
    ids, l2, capacity = pricer.ids, pricer.l2, pricer.capacity
    per_key: dict[tuple, tuple[float | None, float | None]] = {}
    overloaded: list[str] = []
    above: list[str] = []
    best_pq = best_util = dominant = -1
    pq_max = util_max = -1.0
    dom_key = (-1, 0.0)
    for k in range(len(ids)):
        link_id = ids[k]
        if link_ids is not None and link_id not in link_ids:
            continue
        on_nat = link_id in nat if nat else False
        key = (l2[k], on_nat)
        prices = per_key.get(key)
        if prices is None:
            prices = per_key[key] = (pricer.kbps(technology, k, on_nat), pricer.kbps("none", k, False))
        per_call = prices[0]
        if per_call is None or prices[1] is None:
            return Fit(0, None, None, None, (), (), error=f"cannot be priced on '{link_id}'")
        cap = capacity[k]
        voice = calls[k] * per_call
        total = voice + sig[k] + cluster[k]
        if total > cap:
            overloaded.append(link_id)
        if voice > llq_share * cap:
            above.append(link_id)
        pq, util = voice / (llq_share * cap), total / cap
        if pq > pq_max:
            pq_max, best_pq = pq, k
        if util > util_max:
            util_max, best_util = util, k
        if (calls[k], -cap) > dom_key:
            dom_key, dominant = (calls[k], -cap), k
    if dominant < 0:
        return Fit(0, None, None, None, (), ())

    def at(k: int) -> LinkFit:
        per_call, clear = per_key[(l2[k], ids[k] in nat if nat else False)]
        voice = calls[k] * per_call
        return LinkFit(ids[k], per_call, clear, calls[k], voice, voice + sig[k] + cluster[k], capacity[k],
                       llq_share * capacity[k])

    tier = 2 if overloaded else 1 if above else 0
    return Fit(tier, at(best_pq), at(best_util), at(dominant), tuple(overloaded), tuple(above))
