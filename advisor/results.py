"""Derived results of analysing a design: never saved, never undone, recomputed after each edit.

These models are the JSON contract of ``advisor check --json`` (SPEC §4.2) and what the UI and the PDF read.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from advisor.findings import Finding


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class Reason(_Result):
    rule: str  # e.g. "VPN-R2"
    text: str  # the reason, with the numbers
    source: str  # the seed sentence or guide it applies
    positive: bool  # True: a reason for; False: a reason against


class Candidate(_Result):
    technology: str  # mpls-isolation | ipsec | vti | flexvpn | gre-ipsec | dmvpn | getvpn (| none, one site)
    score: float  # internal: orders candidates within a fit tier
    reasons: tuple[Reason, ...] = ()
    per_call_kbps: float | None = None  # kbps per call per direction on the busiest link (layer 2 included)
    tunnels: int | None = None  # tunnels to configure at this scale
    key_servers: int | None = None  # GET VPN: cooperative key servers to run
    fits: str = "fits"  # fits | above the priority-queue share | overloads a link | blocked (a need left unmet)


class TransportChoice(_Result):
    transport: str  # internet | mpls | private-wan (cloud links; leased lines follow the design's choice)
    technology: str  # the best candidate on this transport's links (or the user's choice for its clouds)
    chosen: str  # what those links use
    links: tuple[str, ...]
    ranking: tuple[Candidate, ...] = ()


class Recommendation(_Result):
    technology: str  # the best-ranked candidate for the whole WAN
    chosen: str  # what the design uses: the recommendation, or the user's override
    ranking: tuple[Candidate, ...]
    per_transport: tuple[TransportChoice, ...] = ()  # hybrid WANs: one choice per transport
    per_cloud: dict[str, str] = {}  # cloud id -> the technology its links use, where it differs from `chosen`


class SiteResult(_Result):
    id: str
    name: str
    users: int
    phones: int
    erlangs: float  # all busy-hour traffic originated at the site
    intra_erlangs: float
    on_net_erlangs: float  # originated towards other sites
    pstn_erlangs: float  # to and from this site's gateway (including traffic hauled from other sites)
    pstn_trunks: int  # at the design's grade of service; 0 without a local gateway
    wan_erlangs: float  # offered to the site's WAN access (both directions of its calls)
    signalling_kbps: float


# The links whose calls the phones bound (`advisor.demand_bounds`), as the conventions, the PDF and the app say it
BOUNDED_LINK = "a link that only calls between its two sides cross"
# Every link, a cut or not (one inside a meshed block too): the whole design's phones bound its calls
# (`advisor.demand_bounds.design_bound`), as the conventions, the PDF and the app say it
DESIGN_BOUND = ("the phones (or users, if more) of the whole design can hold: half of them all plus half of those at "
                "the sites hauling PSTN calls over the WAN (every call holds a phone, an on-net call two, and a phone "
                "holds one call at a time), twice that where the hub relays calls (a relayed call may cross a link "
                "twice)")


class LinkResult(_Result):
    id: str
    a: str
    b: str
    erlangs: float  # busy-hour traffic offered to the link
    # concurrent calls to carry at the grade of service (Erlang B), at most the phones on the smaller side of a
    # BOUNDED_LINK, and on any link at most the calls of DESIGN_BOUND
    calls: int
    per_call_kbps: float  # per direction, with this link's encapsulation and layer 2
    voice_kbps: float  # calls × per_call_kbps
    signalling_kbps: float
    kbps: float  # voice + signalling + intra-cluster traffic, per direction
    capacity_kbps: float
    utilization: float  # kbps / capacity
    llq_share: float  # voice_kbps / capacity
    encapsulation: str  # e.g. "gre-ipsec transport, aes-cbc/sha1-96, key"
    l2: str  # the layer-2 convention used, e.g. "ethernet (18 B)"
    ip_packet_bytes: int
    frame_bytes: int
    hairpin_erlangs: float = 0.0  # spoke-to-spoke traffic this (hub) link carries twice
    status: str = "ok"  # ok | llq | overload
    technology: str = ""  # the VPN technology this link's calls use (hybrid WANs differ per transport)
    cluster_kbps: float = 0.0  # clustering over the WAN: ICCS + database traffic crossing this link (in kbps)


class MtuAdvice(_Result):
    tunnel_overhead_bytes: int  # worst case
    ip_mtu: int
    tcp_adjust_mss: int
    fragmentation: bool  # a full 1500-byte packet no longer fits
    text: str
    technology: str = ""  # the tunnel whose worst case this is (the largest, on a hybrid WAN)


class DeploymentResult(_Result):
    detected: str  # single-site | centralized | distributed | clustering-over-wan | none
    intended: str  # the design's stated model, or "auto"
    call_processing_sites: tuple[str, ...]
    clusters: dict[str, tuple[str, ...]]  # cluster id -> site ids
    checks: tuple[tuple[str, str, str], ...] = ()  # (check, verdict ok|fail|n/a, detail with figures)


class DelayResult(_Result):
    """The worst mouth-to-ear path of the design, term by term (advisor.rules.delay)."""

    a: str  # the calling site
    b: str  # its farthest partner (a site, or the PSTN site its calls are hauled to)
    path: tuple[str, ...]  # site and cloud ids as the call travels
    hub: str | None
    terms: tuple[tuple[str, float], ...]  # (term, ms): coder, packetization, serialization, propagation, jitter
    total_ms: float
    target_ms: float
    coder_source: str


class ChecklistItem(_Result):
    control: str  # stable id, e.g. "LAN-DAI"
    title: str
    threat: str  # eavesdropping | malicious content | network resources and availability
    site: str  # site id, or "design"
    status: str  # in-place | missing | n/a
    rationale: str  # the seed's wording


class Results(_Result):
    model: DeploymentResult
    recommendation: Recommendation
    sites: tuple[SiteResult, ...]
    links: tuple[LinkResult, ...]
    mtu: MtuAdvice | None
    checklist: tuple[ChecklistItem, ...]
    findings: tuple[Finding, ...]
    total_wan_kbps: float
    conventions: dict[str, str]  # every convention and default used, for the UI and the PDF
    delay: DelayResult | None = None  # the worst mouth-to-ear path (None when no calls cross the WAN)

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)


def results_fit(design, results: Results | None) -> bool:
    """Whether the results name the design's links and sites, in its order (not those of the design before an
    edit, whose analysis is still to come, or failed): what every panel checks before it shows them."""
    if results is None or len(results.links) != len(design.links) or len(results.sites) != len(design.sites):
        return False
    return not (any(r.id != x.id for r, x in zip(results.links, design.links, strict=True)) or any(
        r.id != s.id for r, s in zip(results.sites, design.sites, strict=True)))
