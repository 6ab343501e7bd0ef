"""Quality-of-service findings from the per-link sizing: the marking plan, the priority-queue figures to configure
per link, `qos pre-classify` on tunnels, per-tunnel QoS on DMVPN and FlexVPN hubs, and voice over the Internet.

Pure functions of the design and its `Sizing`; one pass over the links, and text only for the few links named
(a 10,000-site design names three links, not ten thousand).
"""

from __future__ import annotations

import heapq
import math
from operator import attrgetter

from advisor import traffic
from advisor.findings import Finding, finding
from advisor.model import Design
from advisor.numbers import counted, setting_fraction
from advisor.results import LinkResult
from advisor.rules._names import names_for
from advisor.rules._wan import wan_facts
from advisor.rules.bandwidth import label, rate
from advisor.traffic import Sizing

DESIGN = ("design",)
_TECHNOLOGY, _VOICE = attrgetter("technology"), attrgetter("voice_kbps")
_SIGNALLING, _CAPACITY = attrgetter("signalling_kbps"), attrgetter("capacity_kbps")
NAMED_LINKS = 3  # links a message names with their figures; the rest are counted ("and 9 more")
MAX_RESERVED_SHARE = 0.75  # IOS default max-reserved-bandwidth (secondary source)

# Technologies whose egress packets carry an outer header a WAN policy sees: where `qos pre-classify` applies, and
# what it is configured on. GET VPN preserves the original header; no VPN (and MPLS isolation) adds none.
PRECLASSIFY_WHERE = {
    "ipsec": "on the crypto map entries",
    "vti": "on the tunnel interfaces",
    "flexvpn": "on the tunnel interfaces and the hub's virtual-template",
    "gre-ipsec": "on the tunnel interfaces",
    "dmvpn": "on the mGRE tunnel interfaces",
}
PER_TUNNEL = ("dmvpn", "flexvpn")  # hubs that reach many spokes through one interface

SOURCE_MARKING = ("Preferred Architecture for Cisco Collaboration 14 Enterprise On-Premises CVD, chapter "
                  "\"Bandwidth Management\": \"Mark all audio with Expedited Forwarding class EF … Mark all call "
                  "signaling with CS3.\"")
SOURCE_PRIORITY = ("Cisco Enterprise QoS Solution Reference Network Design Guide (paraphrase): voice goes to a "
                   "strict-priority queue sized for the calls the link must carry, call signalling to a class with a "
                   "bandwidth guarantee of its own")
SOURCE_PRECLASSIFY = ("Cisco IOS in a Nutshell: \"This command enables QoS … preclassification and is restricted to "
                      "tunnel interfaces, virtual templates, and crypto maps.\" Cisco \"QoS Options on GRE Tunnel "
                      "Interfaces\" (document 10106), paraphrase: the ToS byte is copied to the tunnel header, so "
                      "pre-classification is needed only to classify on other fields of the inner header")
SOURCE_PER_TUNNEL = ("Cisco \"Per-Tunnel QoS for DMVPN\" configuration guide (paraphrase): the hub applies a QoS "
                     "policy per spoke tunnel, chosen by the NHRP group the spoke registers with, so each spoke's "
                     "traffic is shaped to that spoke's own access rate")
SOURCE_INTERNET = ("Cisco Voice and Video Enabled IPsec VPN (V3PN) design guide (paraphrase): the Internet gives "
                   "no service-level agreement and providers do not honour enterprise markings, so voice quality "
                   "depends on shaping to the uplink's real rate, with the voice priority queue inside the shaper")


def check(design: Design, sizing: Sizing) -> list[Finding]:
    """QOS-* findings: the marking plan and the priority queues (once each), pre-classify per tunnel technology,
    per-tunnel QoS on a DMVPN or FlexVPN hub, and one warning for the Internet links that carry calls."""
    out: list[Finding] = []
    if any(s.phones > 0 for s in sizing.sites):
        out.append(_marking(design))
    default_tech = sizing.technology
    links = sizing.links
    with_calls: list[LinkResult] = [r for r in links if r.calls > 0]
    by_tech: dict[str, list[LinkResult]] = {}
    techs = set(map(_TECHNOLOGY, links))
    if len(techs) == 1 and next(iter(techs)):  # one technology on every link (all but hybrid WANs)
        by_tech[next(iter(techs))] = list(links)
    else:
        for r in links:
            tech = r.technology or default_tech
            by_tech.setdefault(tech, []).append(r)
    if with_calls:
        out.append(_priority_queue(design, with_calls))
    for tech, where in PRECLASSIFY_WHERE.items():
        voice_links = [r for r in by_tech.get(tech, ()) if r.calls > 0]  # tunnels that carry voice
        if voice_links:
            out.append(_preclassify(tech, where, voice_links))
    for tech in PER_TUNNEL:
        if tech in by_tech:
            found = _per_tunnel(design, sizing, tech, by_tech[tech])
            if found is not None:
                out.append(found)
    if with_calls:
        internet = set(wan_facts(design).internet_links)
        on_internet = [r for r in with_calls if r.id in internet]
        if on_internet:
            out.append(_internet_sla(design, on_internet))
    return out


def priority_kbps(voice_kbps: float) -> int:
    """The `priority` figure for a link: its voice kbps rounded up to a whole kbps. 10 × 31.2 kbps is 312 kbps,
    although the float product is 312.00000000000006: rounded to a micro-kbps first, so that it stays 312."""
    return math.ceil(round(voice_kbps, 6))


def _marking(design: Design) -> Finding:
    protocol = design.voice.signalling.upper()
    return finding(
        "QOS-MARKING", DESIGN,
        f"marking plan: audio EF (DSCP 46), call signalling ({protocol}) CS3 (DSCP 24), video AF41 (DSCP 34; "
        "Jabber and desktop video AF42, DSCP 36); trust these markings at the access switch",
        f"{SOURCE_MARKING} RFC 4594 puts signalling at CS5; Cisco keeps it at CS3 (secondary source). Marking is "
        "what the priority and signalling queues match on every WAN edge.",
        "Keep Unified CM's audio and video DSCP service parameters at 46 (EF) and 34 (AF41); make the access switch "
        "the trust boundary (trust the phone's DSCP on its port, re-mark what the PC behind it sends); on IOS gateway "
        "dial-peers set signalling to CS3 ('ip qos dscp cs3 signaling'), since they default to AF31 (a secondary source).",
        rule="QOS-R1", source=SOURCE_MARKING)


def _priority_queue(design: Design, links: list[LinkResult]) -> Finding:
    link_name = names_for(design).link_name
    top = heapq.nlargest(NAMED_LINKS, links, key=_VOICE)
    over_reserved = 0
    reserved_over: dict[tuple[float, float, float], bool] = {}  # thousands of links share a few figures
    for figures in zip(map(_VOICE, links), map(_SIGNALLING, links), map(_CAPACITY, links), strict=True):
        over = reserved_over.get(figures)
        if over is None:
            voice, signalling, capacity = figures
            over = reserved_over[figures] = (priority_kbps(voice) + math.ceil(round(signalling, 6))
                                             > MAX_RESERVED_SHARE * capacity)
        over_reserved += over
    parts = []
    for r in top:
        text = (f"'{link_name(r.id)}' priority {priority_kbps(r.voice_kbps)} kbps ({counted(r.calls, 'call')} × "
                f"{r.per_call_kbps:.2f} kbps)")
        signalling = math.ceil(round(r.signalling_kbps, 6))
        if signalling:
            text += f", CS3 bandwidth {signalling} kbps"
        parts.append(text)
    more = len(links) - len(top)
    listed = "; ".join(parts) + (f"; and {more:,} more" if more else "")
    first = top[0]
    example_sig = math.ceil(round(first.signalling_kbps, 6))
    reserved = ""
    if over_reserved:
        reserved = (f" On {counted(over_reserved, 'link')} the two classes take more than "
                    f"{MAX_RESERVED_SHARE:.0%} of the link: IOS releases that enforce 'max-reserved-bandwidth' "
                    f"(default {MAX_RESERVED_SHARE:.0%}, a secondary source) refuse such a policy unless it is "
                    "raised.")
    return finding(
        "QOS-PRIORITY-QUEUE", tuple(r.id for r in links),
        f"priority queue per direction on {counted(len(links), 'link')} with calls: {listed}",
        f"{SOURCE_PRIORITY}. Priority = concurrent calls at the busy hour at P{setting_fraction(design.traffic.gos)} (Erlang B) "
        "× per-call bandwidth with the link's encapsulation and layer 2 as the sizing counts it, rounded up to a "
        "whole kbps; the signalling class carries the link's call signalling.",
        "At the WAN edge of every link with calls, outbound: class-map VOICE matching DSCP EF, class-map CALL-SIGNALLING "
        "matching DSCP CS3; in the WAN-edge policy-map, class VOICE 'priority <kbps>', class CALL-SIGNALLING "
        f"'bandwidth <kbps>', class-default 'fair-queue' (e.g. 'priority {priority_kbps(first.voice_kbps)}'"
        + (f" and 'bandwidth {example_sig}'" if example_sig else "")
        + f" on '{link_name(first.id)}'). Where the access is slower than the interface, nest the policy under "
        "a parent 'shape average' at the access rate; on MPLS links ask the provider for a real-time class of at "
        f"least the same kbps towards each site.{reserved}",
        rule="QOS-R2", source=SOURCE_PRIORITY)


def _preclassify(tech: str, where: str, links) -> Finding:
    subjects = tuple(r.id for r in links)
    name = label(tech)
    return finding(
        "QOS-PRECLASSIFY", subjects,
        f"{name}: the tunnel copies ToS (DSCP) to the outer header, so the EF and CS3 classes match tunnelled "
        f"voice as they are; add 'qos pre-classify' {where} only if the WAN policy classifies on inner addresses "
        "or ports",
        f"{SOURCE_PRECLASSIFY}. Once encrypted, the inner addresses and ports are hidden from the egress policy; "
        "the DSCP is not.",
        f"Classify voice and signalling by DSCP (EF, CS3) on the WAN edge. If a class matches an access list on "
        f"addresses or ports (e.g. the voice subnet), configure 'qos pre-classify' {where}.",
        rule="QOS-R3", source=SOURCE_PRECLASSIFY)


def _per_tunnel(design: Design, sizing: Sizing, tech: str, links: list[LinkResult]) -> Finding | None:
    hub = sizing.hub
    if hub is None:
        site = traffic.hub_site(design)
        if site is None:
            return None
        hub = site.id
    sites = {s.id for s in design.sites}
    hub_rate = 0.0
    spokes: dict[str, float] = {}  # spoke site -> its fastest access of this technology
    for r in links:
        if hub in (r.a, r.b):
            hub_rate = max(hub_rate, r.capacity_kbps)
            continue
        if r.calls == 0:
            continue  # a spoke without calls has no voice to protect
        for end in (r.a, r.b):
            if end in sites:
                spokes[end] = max(spokes.get(end, 0.0), r.capacity_kbps)
    if not spokes:
        return None
    slowest_site = min(spokes, key=spokes.__getitem__)
    slowest = spokes[slowest_site]
    if hub_rate <= slowest:
        return None  # not this technology's hub, or it cannot send a spoke more than the spoke's access takes
    below = sum(rate < hub_rate for rate in spokes.values())
    names = names_for(design)
    name = label(tech)
    if tech == "dmvpn":
        how = ("on each spoke's tunnel 'ip nhrp group <group>', and on the hub's mGRE tunnel 'ip nhrp map group "
               "<group> service-policy output <policy>', one group per spoke access rate")
    else:
        how = ("a 'service-policy output' on the hub's virtual-template (cloned to each spoke's virtual-access "
               "interface), or per-spoke policies pushed through the IKEv2 authorization (AAA) policy")
    return finding(
        "QOS-PER-TUNNEL", (hub,),
        f"{name} hub '{names.node(hub)}' ({rate(hub_rate)} kbps access) can send a spoke more than its access takes: {below} of {counted(len(spokes), 'spoke')} with calls "
        f"{'is' if below == 1 else 'are'} slower, the slowest '{names.node(slowest_site)}' at {rate(slowest)} kbps; configure per-tunnel QoS on the hub",
        f"{SOURCE_PER_TUNNEL}. One hub interface reaches every spoke; without a shaper per spoke, traffic towards "
        "a slow spoke queues (and voice is dropped) in the provider's network, where no priority queue applies.",
        f"Per-tunnel QoS: {how}. Each policy shapes to the spoke's access rate (e.g. 'shape average "
        f"{slowest * 1000:.0f}' for '{names.node(slowest_site)}') with the voice priority queue inside the "
        "shaper.",
        rule="QOS-R4", source=SOURCE_PER_TUNNEL)


def _internet_sla(design: Design, links: list[LinkResult]) -> Finding:
    names = names_for(design)
    ids = [r.id for r in links]
    first = max(links, key=lambda r: r.voice_kbps)
    return finding(
        "QOS-INTERNET-SLA", tuple(ids),
        f"voice crosses the Internet on {counted(len(ids), 'link')} ({names.links(ids, NAMED_LINKS)}): the Internet has no "
        "service-level agreement for voice, and providers do not honour its markings, so delay, jitter and loss "
        "there are beyond the design's control",
        f"{SOURCE_INTERNET}. Markings and priority queues work only where the network that queues the packets "
        "honours them.",
        "Use business-class Internet access with a service-level agreement for delay, jitter and loss; shape "
        "outbound at the edge to the real upstream rate, with the voice priority queue inside the shaper (e.g. "
        f"'{names.link_name(first.id)}': 'shape average {first.capacity_kbps * 1000:.0f}' with 'priority "
        f"{priority_kbps(first.voice_kbps)}', if {rate(first.capacity_kbps)} kbps is the real upstream rate), so "
        "packets queue in your router and not in the provider's; or carry voice over an MPLS VPN with a "
        "real-time class.",
        rule="QOS-R5", source=SOURCE_INTERNET)
