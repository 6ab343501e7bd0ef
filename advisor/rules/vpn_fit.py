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
    """Per-call figures cached by what changes a packet: technology, layer 2, NAT-T and the MPLS core."""

    def __init__(self, design: Design):
        self.design = design
        self.mpls = {c.id for c in design.clouds if c.kind == "mpls"}
        self._cache: dict[tuple, float | None] = {}

    def kbps(self, technology: str, link, nat: bool) -> float | None:
        key = (technology, link.l2, link.l2_bytes, nat and technology in traffic.NAT_T_TECHNOLOGIES)
        if key not in self._cache:
            try:
                spec = traffic.call_spec(self.design, technology, link, nat_on_path=nat)
                self._cache[key] = packet.compute(spec).kbps
            except ValueError:  # PacketError or CodecError: the candidate cannot be priced on this link
                self._cache[key] = None
        return self._cache[key]


def fit(design: Design, technology: str, routed: Routed, link_ids: set[str] | None, pricer: Pricer) -> Fit:
    """The candidate on the links in `link_ids` (all links when None), routed as `routed` says."""
    llq_share = design.traffic.llq_share
    hub = routed.hub.id if routed.hub is not None else None
    nat = traffic.nat_links(design, technology, hub)
    load = routed.load
    fits: list[LinkFit] = []
    for k, ln in enumerate(design.links):
        if link_ids is not None and ln.id not in link_ids:
            continue
        per_call = pricer.kbps(technology, ln, ln.id in nat)
        clear = pricer.kbps("none", ln, False)
        if per_call is None or clear is None:
            return Fit(0, None, None, None, (), (), error=f"cannot be priced on '{ln.id}'")
        calls = routed.calls[k]
        voice = calls * per_call
        total = voice + load.signalling_kbps[k] + routed.cluster_kbps[k]
        fits.append(LinkFit(ln.id, per_call, clear, calls, voice, total, ln.capacity_kbps,
                            llq_share * ln.capacity_kbps))
    if not fits:
        return Fit(0, None, None, None, (), ())
    overloaded = tuple(f.link for f in fits if f.total_kbps > f.capacity_kbps)
    above = tuple(f.link for f in fits if f.voice_kbps > f.llq_kbps)
    tier = 2 if overloaded else 1 if above else 0
    return Fit(tier, max(fits, key=lambda f: f.pq_load), max(fits, key=lambda f: f.utilization),
               max(fits, key=lambda f: (f.calls, -f.capacity_kbps)), overloaded, above)
