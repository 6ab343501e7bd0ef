"""Analyse a design: VPN ranking, traffic and per-link sizing, then every rule family, into one `Results`.

The order matters: the effective VPN technology decides how calls are routed and encapsulated.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from advisor import (
    choice_words,
    clustering,
    codecs,
    demand,
    esp,
    hub_relay,
    routing_graph,
    signalling,
    traffic,
)
from advisor.findings import sort_findings
from advisor.model import Design
from advisor.numbers import count, erlangs, setting, setting_fraction, setting_percent
from advisor.results import BOUNDED_LINK, DESIGN_BOUND, Results
from advisor.rules import _names, _wan, bandwidth, delay, deployment, qos, security, vpn
from advisor.rules._names import tech_label
from advisor.rules.delay import lfi_check


class AnalysisError(ValueError):
    """The design is valid but cannot be sized (e.g. an encapsulation impossible on one link); names the place."""


def analyse(design: Design, *, checklist: bool = False) -> Results:
    """Analyse a design. The per-site security checklist (one row per control and site) is built only when
    asked for: the PDF and `check --json` want it, live re-analysis while editing does not."""
    with collector_paused():
        return _analyse(design, checklist)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one analysis (SPEC §5 budgets).

    An analysis allocates several objects per site and link but builds (almost) no reference cycles, yet each burst
    of allocations triggers collections that walk every object of the design again: at 10,000 sites that was about
    half of the run. Reference counting still frees garbage at once; the collector is restored afterwards (any
    cycle is collected then), and left off if the caller had turned it off. The switch is process-wide: other
    threads merely see their cycles collected up to one analysis later.

    (Handing the survivors to the oldest generation unwalked, `gc.freeze()` then `gc.unfreeze()`, saved 5-15 ms
    at 10,000 sites but also moved every young object of the process there, the app's widgets among them: their
    cyclic garbage then waited for a full collection, and one such collection crashed PySide6 in the test suite.)

    Pauses nest across threads: the collector comes back when the last one ends, and only if it was on when the
    first began (of two overlapping pauses in two threads, the first to end used to turn it back on while the other
    still ran)."""
    global _running, _resume
    with _counting:  # the first pause to begin notes the switch, the last to end restores it, in whatever thread
        if _running == 0:
            _resume = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _counting:
            _running -= 1
            if _running == 0 and _resume:
                gc.enable()


_running = 0  # analyses under way, in any thread (`running`)
_resume = False  # whether the collector was on when the first of them began
_counting = threading.Lock()


def running() -> bool:
    """Whether an analysis is under way in some thread: the app's collector waits for its end rather than walk the
    objects it is building (`advisor.ui.heap`)."""
    return _running > 0


def forget() -> None:
    """Drop every figure the analysis keeps for the last design it saw (its routing graph, names, WAN facts and
    delay verdict), so that design can be freed now rather than when the next analysis replaces them."""
    _wan.forget()
    _names.forget()
    delay.forget()
    routing_graph.forget()
    demand.forget()


def _analyse(design: Design, checklist: bool) -> Results:
    _wan.forget()  # every analysis works its per-design figures out afresh; what reads them after keeps them
    demand.forget()
    routing = vpn.Routing(design)
    recommendation = vpn.recommend(design, routing)
    technology = recommendation.chosen
    link_tech = traffic.link_technologies(design, technology, recommendation.per_cloud)
    try:
        sizing = traffic.size(design, technology, link_tech, routing.routed)
    except traffic.SizingError as exc:
        raise AnalysisError(str(exc)) from None
    model, deployment_findings = deployment.detect_and_check(design, sizing)
    findings = [
        *vpn.check(design, recommendation, sizing),
        *bandwidth.check(design, sizing),
        *lfi_check(design, sizing),
        *qos.check(design, sizing),
        *deployment_findings,
        *security.check(design, technology),
    ]
    return Results(
        model=model,
        recommendation=recommendation,
        sites=sizing.sites,
        links=sizing.links,
        mtu=sizing.mtu,
        checklist=tuple(security.checklist(design, technology)) if checklist else (),
        findings=tuple(sort_findings(findings)),
        total_wan_kbps=sum(link.kbps for link in sizing.links),
        conventions=conventions(design, technology, sizing),
        delay=delay.worst_result(design, sizing),
    )


def conventions(design: Design, technology: str, sizing: traffic.Sizing) -> dict[str, str]:
    """Every convention and default the figures rest on, for the UI, the PDF and `check --json`."""
    v, t, p = design.voice, design.traffic, design.vpn
    l2_used = sorted({link.l2 for link in sizing.links})
    codec = choice_words.codec_label(codecs.resolve(v.codec))
    signalling_text = signalling.formula(design).describe(t.calls_per_user)
    techs = sorted(set(sizing.link_technology.values()) - {technology})
    scaled = demand.scaled_shares(design)  # sites whose own shares the sizing scales to 100 %: named, at most 3
    if scaled:
        quoted = _names.names_for(design).quoted
        shown = ", ".join(f"{quoted(i)} ({setting(total * 100, 7)} %)" for i, total in scaled[:3])
        scaled_text = (f"; {demand.SCALED_SHARES}: {shown}"
                       + (f" and {count(len(scaled) - 3)} more" if len(scaled) > 3 else ""))
    else:
        scaled_text = ""
    return {
        "codec": f"{codec}, packetization {setting(v.ptime_ms)} ms" if v.ptime_ms else f"{codec}, default packetization",
        "media security": f"SRTP {choice_words.SRTP[v.srtp]}" if v.srtp != "none" else "no SRTP",
        "vpn technology": _vpn_words(technology, p.technology == "recommend", techs,
                                     technology in sizing.link_technology.values()),
        "ipsec": f"{_esp_words(p.cipher, p.integrity)}, mode: {_mode_words(p.ipsec_mode)}; ESP pad(x) = "
                 "ceil((x + 2) / B) × B (the rule Cisco IOS uses)",
        "layer 2": ", ".join(l2_used) if l2_used else "none (no links)",
        "bandwidth": "per direction, per call: frame bytes × 8 × packets per second; two decimals shown",
        "mpls labels": "4 bytes per label inside the provider core only; nothing on the CE–PE access link",
        "nat traversal": ("+8 bytes (UDP 4500) for IPsec, static VTI, FlexVPN, GRE over IPsec and DMVPN whenever a "
                          "NAT sits on the path: "
                          "on the NATed site's link and the hub's (hub-and-spoke), or on every link (direct "
                          "overlays, where any site may call the NATed one)"),
        "traffic": (f"{setting(t.calls_per_user)} busy-hour calls placed per user × {setting(t.holding_time_s)} s; "
                    f"split {setting_percent(t.intra_site_share, 0)} intra-site / "
                    f"{setting_percent(t.on_net_share, 0)} on-net / {setting_percent(t.pstn_share, 0)} PSTN; on-net "
                    f"spread over other sites by users (gravity model){scaled_text}"),
        "grade of service": f"Erlang B at P{setting_fraction(t.gos)} ({setting_percent(t.gos)} blocking)",
        "concurrent calls": ("Erlang B on each link's offered traffic, at most the phones (or users, if more) on the "
                             f"smaller side of {BOUNDED_LINK} (a site's only link, a link of a chain or tree, every "
                             "access link where all sites meet through one cloud): every such call has one end on "
                             "each side, and a phone holds one call at a time; a relaying hub's own link, at most its "
                             "phones' calls and twice the calls its spokes can make to each other; any link, a cut or "
                             f"not (one inside a meshed block too), at most the calls {DESIGN_BOUND}"),
        "pstn trunks": traffic.PSTN_TRUNKS,
        "priority queue": f"voice at most {setting_percent(t.llq_share, 0)} of each link (LLQ)",
        "signalling": signalling_text,
        "routing": _routing(design, sizing),
        "clustering over the wan": ("intra-cluster traffic (ICCS + database) between every pair of sites hosting "
                                    "servers of one cluster is added to the links on their path: ICCS = the larger "
                                    "of 1,544 kbps and 1,000 × BHCA / 10,000 × (1 + 0.006 × RTT ms) kbps; database "
                                    "replication = 1,544 kbps per server on the remote side (Cisco SRND; verify for "
                                    "your release)" + _far_text(sizing)
                                    if sizing.cluster_pairs else _too_wide_text(design)),
        "access links": _access_links(design, sizing),
    }


def _esp_words(cipher: str, integrity: str) -> str:
    """The ESP algorithms by name: "AES-CBC with HMAC-SHA1-96"; an AEAD cipher alone, since it carries its own ICV
    and the integrity setting does not apply ("AES-GCM (its own 16 B ICV; integrity setting unused)")."""
    icv_bytes = esp.CIPHERS[cipher].icv_bytes
    if icv_bytes is not None:
        return f"{choice_words.CIPHERS[cipher]} (its own {icv_bytes} B ICV; integrity setting unused)"
    return f"{choice_words.CIPHERS[cipher]} with {choice_words.INTEGRITY[integrity]}"


def _mode_words(mode: str) -> str:
    """The IPsec mode, with what the default means: "default (transport for GRE over IPsec and DMVPN, tunnel
    otherwise)", "tunnel (default: transport for …)"."""
    rule = "transport for GRE over IPsec and DMVPN, tunnel otherwise"
    return f"default ({rule})" if mode == "default" else f"{mode} (default: {rule})"


def _far_text(sizing: traffic.Sizing) -> str:
    """What the clustering convention adds when some pairs of sites were too far apart to be followed."""
    far = sum(1 for p in sizing.cluster_pairs if p.far)
    if not far:
        return ""
    return (f"; {count(far)} {'pair' if far == 1 else 'pairs'} of sites more than "
            f"{count(clustering.MAX_PAIR_LINKS)} links apart not worked out, their traffic not on the links")


def _too_wide_text(design: Design) -> str:
    """The clustering convention when no pair of sites was worked out: none spans sites, or some spans more sites
    than one cluster can hold (its intra-cluster traffic is then left out, and a finding says so)."""
    wide = clustering.too_wide(design)
    if not wide:
        return "no cluster spans sites"
    return "; ".join(f"cluster '{c}' spans {n:,} sites, more than one cluster can hold: its intra-cluster traffic "
                     "was not worked out and is not on the links" for c, n in wide.items())


def _vpn_words(technology: str, recommended: bool, others: list[str], used: bool) -> str:
    """The VPN technology convention: the design-wide choice (recommended or the user's) and the others the clouds
    set; where every link's cloud sets its own, the design-wide choice applies to no link, said so (it read
    "FlexVPN (IKEv2) (recommended); per transport also DMVPN, GET VPN" of a WAN with no FlexVPN link)."""
    how = " (recommended)" if recommended else " (chosen by the user)"
    if others and not used:
        return (f"{', '.join(tech_label(x) for x in others)}, each link's cloud setting its own; the design-wide "
                f"{tech_label(technology)}{how} applies to no link")
    return tech_label(technology) + how + (f"; per transport also {', '.join(tech_label(x) for x in others)}"
                                           if others else "")


def _access_links(design: Design, sizing: traffic.Sizing) -> str:
    """How a site's several access links are sized: each for all of its WAN calls, where every site meets through
    one cloud (the cloud's closed form) and on a WAN routed over paths too (`routing_access`), where one its paths
    bring others' calls carries those as well."""
    if sizing.routing == demand._CLOUD:  # the cloud's closed form
        return "a site with several access links: each is sized to carry all of the site's WAN calls"
    return ("a site with several access links: each is sized to carry all of the site's WAN calls (either can carry "
            "the busy hour), and more where its lowest-RTT paths also bring it calls between other sites; a site "
            "with sites that reach the WAN only through it carries their calls with the rest of the WAN on each of "
            "its access links too (where its clouds reach different sites, each carries what its paths bring it)")


def _relaying(design: Design, sizing: traffic.Sizing) -> str:
    """Where the lowest-RTT paths run through a site with several access links (in over one, out over another:
    from one cloud to another, where that is shorter than a cloud both ends are on), said, with the most such
    traffic: the figures count on that site routing between its WAN links."""
    relaying = sizing.relaying
    if not relaying:
        return ""
    quoted = _names.names_for(design).quoted
    shown = ", ".join(f"{quoted(site)} {'' if exact else 'at least '}{erlangs(erl)}"
                      for site, erl, exact in relaying[:3])
    more = f" and {count(len(relaying) - 3)} more" if len(relaying) > 3 else ""
    if len(relaying) == 1:
        return (f"; on the lowest-RTT paths (the sums of the links' round-trip times) calls between other sites "
                f"cross one site, in over one of its links and out over another: {shown}; its links carry "
                "them as if it routed between its WAN connections (where it does not, they are sized above need)")
    return (f"; on the lowest-RTT paths (the sums of the links' round-trip times) calls between other sites cross "
            f"{count(len(relaying))} sites, in over one of their links and out over another: {shown}{more}; "
            "their links carry them as if they routed between their WAN connections (where one does not, its links "
            "are sized above need)")


def _routing(design: Design, sizing: traffic.Sizing) -> str:
    """How calls are routed; on a hybrid WAN whose hub overlay relays calls, whether a cloud with a direct overlay
    carries the calls between sites instead (every site reaches it), or the hub relays them all (the conservative
    choice where some sites reach only the relaying overlay), said rather than left implicit."""
    techs = sizing.link_technology
    if not sizing.hub:
        text = "calls between sites travel directly between their access links" + _relaying(design, sizing)
        relays = hub_relay.relaying(design, techs.values())
        cloud = hub_relay.direct_meeting_cloud(design, [techs[ln.id] for ln in design.links]) if relays else None
        if cloud is not None:
            direct = sorted({tech_label(techs[ln.id]) for ln in design.links if cloud in (ln.a, ln.b)})
            text += (f"; every site reaches the cloud {_names.names_for(design).quoted(cloud)}, whose overlay "
                     f"({', '.join(direct)}) carries calls any to any, so the {' and '.join(map(tech_label, relays))} "
                     "hub relays none of them")
        return text
    text = ("spoke-to-spoke calls hairpin through the hub (counted twice on its link), as the hub-and-spoke overlay "
            "carries them")
    direct = sorted(tech_label(t) for t in set(techs.values()) if not traffic.overlay_is_hub(design, t))
    if direct:
        text += (f"; on this hybrid WAN some sites reach only the relaying overlay, so every call between sites is "
                 f"routed through the hub, also between sites that share a cloud whose overlay ({', '.join(direct)}) "
                 "could carry it directly: a conservative figure for the hub's links and the delay")
    return text

