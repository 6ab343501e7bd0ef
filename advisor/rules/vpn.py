"""VPN recommendation: rank MPLS isolation, IPsec crypto map, static VTI, FlexVPN, GRE over IPsec, DMVPN and
GET VPN, on the design's own links, per transport on a hybrid WAN.

Each candidate starts at 50 points; every rule adds or subtracts points with a Reason that cites the sentence of
the article or guide it applies. Candidates are then ordered by how they fit: one that leaves privacy unmet or
cannot run on the transport ranks last, one that overloads a link below one that only fills a priority queue, and
that below one that fits; points order candidates within a tier.

This module holds the candidates, the routed busy hour they are priced on (`Routing`), the ranking and the
scoring of one candidate (`_score`). The rule families `_score` runs, with the facts and weights they use,
live in `advisor.rules.vpn_score`; the checks of the effective technology in `advisor.rules.vpn_checks`
(re-exported as `check`); the per-transport choice in `advisor.rules.vpn_hybrid`.
"""

from __future__ import annotations

from operator import attrgetter, itemgetter

from advisor import demand, numbers, traffic
from advisor.demand_loads import any_site_traffic
from advisor.model import Design
from advisor.packet import CallSpec, PacketResult, compute
from advisor.packet_spec import NAT_T_VPNS
from advisor.results import Candidate, Reason, Recommendation
from advisor.routing_graph import site_index
from advisor.rules import seed
from advisor.rules._columns import link_columns
from advisor.rules._names import TECH_LABELS, tech_label
from advisor.rules._wan import hub_site, wan_facts
from advisor.rules.vpn_fit import Fit, Pricer, fit
from advisor.rules.vpn_score import (
    W_PRIVACY,
    _Facts,
    _overhead,
    _privacy,
    _routing,
    _scale,
    _spoke_to_spoke,
    _transport,
)

BASE_SCORE = 50.0
# Listed in the order that breaks ties: fewer tunnels and no overlay first.
CANDIDATES = ("getvpn", "dmvpn", "flexvpn", "vti", "gre-ipsec", "ipsec", "mpls-isolation")
TIER_BLOCKED = 3  # a candidate that leaves a stated need unmet (privacy, routing, the transport) ranks last
LABELS = TECH_LABELS  # display names: one table, in advisor.rules._names
PACKET_VPN = traffic.TECHNOLOGY_VPN
_USERS, _ERLANGS, _SPOKE = attrgetter("users"), itemgetter(0), itemgetter(1)


class Routing:
    """The design's busy hour routed directly and through the hub, each at most once, for every candidate."""

    def __init__(self, design: Design):
        self.design = design
        self._routed: dict[bool, demand.Routed] = {}
        self._base: demand.Base | None = None
        self.pricer = Pricer(design)

    def routed(self, hub_overlay: bool) -> demand.Routed:
        got = self._routed.get(hub_overlay)
        if got is None and (got := demand.known(self.design, hub_overlay)) is not None:
            self._routed[hub_overlay] = got  # routed already (within a comparison, an option routed alike)
        if got is None:
            if self._base is None:
                self._base = demand.Base.of(self.design)
            got = self._routed[hub_overlay] = demand.route(self.design, hub_overlay, base=self._base,
                                                           like=self._routed.get(not hub_overlay))
        return got

    def fit(self, technology: str, links: set[str] | None) -> Fit:
        hub = traffic.overlay_is_hub(self.design, technology)
        return fit(self.design, technology, self.routed(hub), links, self.pricer)


def label(tech: str) -> str:
    """'dmvpn' -> 'DMVPN'."""
    return tech_label(tech)


def spoke_to_spoke_share(design: Design, hub: str | None) -> tuple[float, float]:
    """(share of on-net traffic between two non-hub sites, on-net Erlangs), gravity model by users, O(sites).

    Site i sends E_i on-net Erlangs, spread over the other sites in proportion to their users, so the part that
    avoids the hub is E_i × (U − u_i − u_hub) / (U − u_i). Sites without overrides share their figures by users:
    each distinct user count is worked out once, and the sums run in C over the sites' terms, in site order.
    """
    t = design.traffic
    sites = design.sites
    people = list(map(_USERS, sites))
    total_users = sum(people)
    hub_users = next((s.users for s in sites if s.id == hub), 0)

    def terms(users: int, calls: float, hold: float, share: float) -> tuple[float, float] | None:
        erl = users * calls * hold / 3600.0 * share
        others = total_users - users
        if erl <= 0 or others <= 0:
            return None
        return erl, erl * (others - hub_users) / others

    if not any_site_traffic(design):  # no overrides: a few user counts, each worked once
        by_users = {u: terms(u, t.calls_per_user, t.holding_time_s, t.on_net_share) for u in dict.fromkeys(people)}
        rows = list(map(by_users.__getitem__, people))
    else:
        rows = []
        for s in sites:
            o = s.traffic
            calls = o.calls_per_user if o is not None and o.calls_per_user is not None else t.calls_per_user
            hold = o.holding_time_s if o is not None and o.holding_time_s is not None else t.holding_time_s
            share = o.on_net_share if o is not None and o.on_net_share is not None else t.on_net_share
            rows.append(terms(s.users, calls, hold, share))
    total = sum(map(_ERLANGS, filter(None, rows)), 0.0)
    hub_i = site_index(design).get(hub) if hub is not None else None
    if hub_i is not None:
        rows[hub_i] = None  # the hub's own calls are not between two spokes
    spoke = sum(map(_SPOKE, filter(None, rows)), 0.0)
    return (spoke / total if total > 0 else 0.0), total


def tunnels(design: Design, technology: str, n_sites: int | None = None) -> int | None:
    """Tunnels (or crypto peers) to configure by hand: N−1 to a hub, N(N−1)/2 for a GRE full mesh, 0 for GET VPN."""
    n = len(design.sites) if n_sites is None else n_sites
    if technology in ("none", "mpls-isolation"):
        return None
    if technology == "getvpn":
        return 0
    if technology == "gre-ipsec" and design.vpn.gre_topology == "full-mesh":
        return n * (n - 1) // 2
    return max(n - 1, 0)


def key_servers(design: Design, technology: str) -> int | None:
    """GET VPN runs cooperative key servers besides the group members; the other candidates run none."""
    return design.vpn.getvpn_key_servers if technology == "getvpn" else None


def call_spec(design: Design, technology: str, nat: bool) -> CallSpec:
    """One call on Ethernet with the technology's encapsulation: the bandwidth cost the ranking compares."""
    v, p = design.voice, design.vpn
    vpn = PACKET_VPN[technology]
    return CallSpec(codec=v.codec, ptime_ms=v.ptime_ms, l2="ethernet", crtp=0, srtp=v.srtp, vpn=vpn,
                    ipsec_mode="default" if vpn == "getvpn" else p.ipsec_mode, cipher=p.cipher,
                    integrity=p.integrity, gre_key=p.gre_key, nat_t=nat and vpn in NAT_T_VPNS,
                    getvpn_metadata_bytes=p.getvpn_metadata_bytes if vpn == "getvpn" else 0)


def recommend(design: Design, routing: Routing | None = None) -> Recommendation:
    """Ranked candidates with scores and reasons; `chosen` is the user's technology unless it says 'recommend'.

    On a hybrid WAN (Internet and private transports), each transport is ranked on its own links too, and the
    advisor's choice per cloud is in `per_cloud` (clouds the user set keep their own technology)."""
    from advisor.rules.vpn_hybrid import (
        per_transport,  # local: the hybrid ranking calls back into this module
    )

    routing = routing or Routing(design)
    hub = hub_site(design)
    share, on_net = spoke_to_spoke_share(design, hub)
    facts = _Facts(wan_facts(design), len(design.sites), hub, share, on_net)
    ranking = rank(design, facts, routing)
    best = ranking[0].technology
    chosen = best if design.vpn.technology == "recommend" else design.vpn.technology
    transports, per_cloud = per_transport(design, facts, routing, chosen)
    routing.pricer.release()  # the link groups served the candidates; the sizing does not need them
    return Recommendation(technology=best, chosen=chosen, ranking=tuple(ranking), per_transport=transports,
                          per_cloud=per_cloud)


def rank(design: Design, facts: _Facts, routing: Routing) -> list[Candidate]:
    """Every candidate scored on the facts (the whole WAN, or one transport's links), best first."""
    clear = _packet(design, "none", False)
    scored = [_score(design, facts, tech, routing) for tech in CANDIDATES]
    if facts.n_sites < 2 and not (facts.transport and (design.vpn.privacy_required or facts.wan.public)):
        # One transport's links reach one site, but its traffic still leaves the site over them: where privacy is
        # required or they cross the Internet, leaving them without a VPN is not a candidate (the sentences on the
        # trusted boundary and on capture at every point between apply); the whole design's single site has no
        # site-to-site traffic at all.
        scored.append((0, Candidate(
            technology="none", score=BASE_SCORE + W_PRIVACY, tunnels=None,
            per_call_kbps=clear.kbps_ip if clear else None, reasons=(Reason(
                rule="VPN-R0", positive=True, source=seed.cite(seed.TRUSTED_BOUNDARY),
                text=f"{numbers.counted(facts.n_sites, 'site')}: no voice leaves a site, so there is no site-to-site traffic to "
                     "protect"),))))
    order = {tech: i for i, tech in enumerate(("none", *CANDIDATES))}
    scored.sort(key=lambda tc: (tc[0], -tc[1].score, order[tc[1].technology]))
    return [c for _tier, c in scored]


def _packet(design: Design, technology: str, nat: bool) -> PacketResult | None:
    try:
        return compute(call_spec(design, technology, nat))
    except ValueError:  # PacketError or CodecError: say so in VPN-R6, and still rank on the other rules
        return None


def _on_dominant(design: Design, tech: str, placed: Fit | None, result: PacketResult | None) -> PacketResult | None:
    """The packet on the link whose per-call kbps VPN-R6 quotes, priced as the fit priced it (its layer 2, and NAT-T
    where that link carries it), so that the worst-case overhead beside the kbps is that link's own: a hub's MPLS
    link priced with NAT-T (58.40 kbps, a 128 B packet) was quoted 'up to 73 B of overhead', the figure without it
    (81 B with it). `result` (one call on Ethernet) when the link cannot be priced so."""
    d = placed.dominant if placed is not None else None
    if d is None or result is None:
        return result
    try:  # the memoised id column: one C-level search, not a pass over the links per candidate
        link = design.links[link_columns(design).ids.index(d.link)]
    except ValueError:
        return result
    for nat in (False, True):
        try:
            got = compute(traffic.call_spec(design, tech, link, nat_on_path=nat))
        except (ValueError, KeyError, AttributeError):  # no such link, or a candidate the sizing cannot price
            return result
        if got.kbps == d.per_call_kbps:
            return got
    return result


def _score(design: Design, f: _Facts, tech: str, routing: Routing) -> tuple[int, Candidate]:
    """(tier, candidate): the tier orders candidates before their points do (see the module docstring)."""
    reasons: list[tuple[float, Reason]] = []
    blocked: list[str] = []

    def add(rule: str, points: float, text: str, sentence: str, source: str = seed.SEED, *,
            blocking: bool = False) -> None:
        reasons.append((points, Reason(rule=rule, text=text, source=seed.cite(sentence, source),
                                       positive=points >= 0)))
        if blocking:
            blocked.append(text)

    _privacy(design, f, tech, add)
    _routing(design, f, tech, add)
    _transport(f, tech, add)
    count = tunnels(design, tech, f.n_sites)
    _scale(design, f, tech, count, add)
    _spoke_to_spoke(design, f, tech, add)
    result = _packet(design, tech, f.wan.public)
    placed = routing.fit(tech, f.links) if design.links else None
    _overhead(design, tech, placed, _on_dominant(design, tech, placed, result), add)
    tier = TIER_BLOCKED if blocked else (placed.tier if placed is not None else 0)
    score = round(BASE_SCORE + sum(p for p, _r in reasons), 1)
    per_call = placed.dominant.per_call_kbps if placed is not None and placed.dominant else (
        result.kbps if result else None)
    return tier, Candidate(technology=tech, score=score, reasons=tuple(r for _p, r in reasons),
                           per_call_kbps=per_call, tunnels=count, key_servers=key_servers(design, tech),
                           fits=("blocked", "fits", "above the priority-queue share", "overloads a link")[
                               0 if tier == TIER_BLOCKED else tier + 1])


from advisor.rules.vpn_checks import check  # noqa: E402  (re-export: the agreed API is vpn.check)

__all__ = ["recommend", "rank", "check", "tunnels", "key_servers", "spoke_to_spoke_share", "call_spec", "label",
           "CANDIDATES", "Routing"]
