"""Quality-of-service findings from the per-link sizing: the marking plan, the priority-queue figures to configure
per link, `qos pre-classify` on tunnels, per-tunnel QoS on DMVPN and FlexVPN hubs, and voice over the Internet.

Pure functions of the design and its `Sizing`; the links are read column by column (C-level passes: a 10,000-link
chain has figures of its own on every link), and text is made only for the few links named (a 10,000-site design
names three links, not ten thousand).
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from collections.abc import Callable
from itertools import chain, compress, count, repeat
from operator import add, and_, attrgetter, eq, ge, gt, le, lt, mul, ne, or_, sub
from typing import Any

from advisor import traffic
from advisor.findings import Finding, finding
from advisor.model import Design
from advisor.numbers import counted, setting_fraction
from advisor.results import LinkResult
from advisor.rules._columns import site_columns
from advisor.rules._names import names_for
from advisor.rules._wan import wan_facts
from advisor.rules.bandwidth import label, rate
from advisor.traffic import Sizing

DESIGN = ("design",)
_TECHNOLOGY, _VOICE = attrgetter("technology"), attrgetter("voice_kbps")
_SIGNALLING, _CAPACITY = attrgetter("signalling_kbps"), attrgetter("capacity_kbps")
_CALLS, _ID, _A, _B = attrgetter("calls"), attrgetter("id"), attrgetter("a"), attrgetter("b")
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
    carrying = list(map(gt, map(_CALLS, links), repeat(0)))  # per link: r.calls > 0, read column by column
    with_calls: list[LinkResult] = list(compress(links, carrying)) if False in carrying else list(links)
    ids = list(map(_ID, with_calls))
    by_tech: dict[str, list[LinkResult]] = {}  # technology -> its links, in design order
    voice_ids: dict[str, list[str]] = {}  # technology -> its links with calls (tunnels that carry voice)
    techs = set(map(_TECHNOLOGY, links))
    single = next(iter(techs)) if len(techs) == 1 else ""
    if single:  # one technology on every link (all but hybrid WANs)
        by_tech[single] = list(links)
        voice_ids[single] = ids
    else:  # a link without a technology of its own uses the design's; each link appended to its technology's list
        tech_of = {t: t or default_tech for t in techs}
        column = list(map(tech_of.__getitem__, map(_TECHNOLOGY, links)))
        for tech in tech_of.values():
            by_tech[tech], voice_ids[tech] = [], []
        deque(map(list.append, map(by_tech.__getitem__, column), links), 0)
        deque(map(list.append, map(voice_ids.__getitem__, compress(column, carrying)), ids), 0)
    if with_calls:
        out.append(_priority_queue(design, with_calls, ids))
    for tech, where in PRECLASSIFY_WHERE.items():
        if voice_ids.get(tech):
            out.append(_preclassify(tech, where, voice_ids[tech]))
    for tech in PER_TUNNEL:
        if tech in by_tech:
            found = _per_tunnel(design, sizing, tech, by_tech[tech])
            if found is not None:
                out.append(found)
    if with_calls:
        internet = set(wan_facts(design).internet_links)
        if internet:
            on_internet = list(compress(with_calls, map(internet.__contains__, ids)))
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


def _priority_queue(design: Design, links: list[LinkResult], ids: list[str]) -> Finding:
    link_name = names_for(design).link_name
    voices = list(map(_VOICE, links))
    # of equal queues, the most calls, the dearest call, the most signalling, then the smallest id (not the order the
    # links are listed in: the figures shown would follow it)
    top = list(map(links.__getitem__, largest(voices, NAMED_LINKS, lambda i: _queue_tie(links[i]))))
    over_reserved = reserved_excess(voices, list(map(_SIGNALLING, links)), list(map(_CAPACITY, links)))
    parts = []
    for r in top:
        text = (f"'{link_name(r.id)}' priority {priority_kbps(r.voice_kbps):,} kbps ({counted(r.calls, 'call')} × "
                f"{r.per_call_kbps:.2f} kbps)")
        signalling = math.ceil(round(r.signalling_kbps, 6))
        if signalling:
            text += f", CS3 bandwidth {signalling:,} kbps"  # grouped as a figure; the remedy quotes the command
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
        "QOS-PRIORITY-QUEUE", ids,
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


def _queue_tie(r: LinkResult) -> tuple:
    """How links with equal voice kbps are ordered in the priority-queue finding: by their other figures shown,
    largest first, then by id."""
    return -r.calls, -r.per_call_kbps, -r.signalling_kbps, r.id


def _preclassify(tech: str, where: str, subjects: list[str]) -> Finding:
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
    sites = set(site_columns(design).ids)
    columns = a, b, capacities, calls = [list(map(get, links)) for get in (_A, _B, _CAPACITY, _CALLS)]
    # the hub's own links (hub in (a, b)), then the others (whose ends are the spokes), both in design order
    at_hub = _positions(a, b, hub)
    hub_rate = max(chain((0.0,), map(capacities.__getitem__, at_hub)))
    if len(at_hub) > _FEW_HUB_LINKS:
        others = [True] * len(a)
        for i in at_hub:
            others[i] = False
        a, b, capacities, calls = (list(compress(column, others)) for column in columns)
    else:
        for i in reversed(at_hub):
            for column in columns:
                del column[i]
    if 0 in calls:  # a spoke without calls has no voice to protect
        with_calls = list(map(ne, calls, repeat(0)))
        a, b, capacities = (list(compress(column, with_calls)) for column in (a, b, capacities))
    # each end that is a site, a then b, link by link, with the link's capacity
    site_a, site_b = list(map(sites.__contains__, a)), list(map(sites.__contains__, b))
    if True not in site_b:  # every spoke on the links' a ends (b a cloud, as usual)
        ends, rates = list(compress(a, site_a)), list(compress(capacities, site_a))
    elif True not in site_a:
        ends, rates = list(compress(b, site_b)), list(compress(capacities, site_b))
    else:
        is_site = list(chain.from_iterable(zip(site_a, site_b, strict=True)))
        ends = list(compress(chain.from_iterable(zip(a, b, strict=True)), is_site))
        rates = list(compress(chain.from_iterable(zip(capacities, capacities, strict=True)), is_site))
    spokes: dict[str, float] = {}  # spoke site -> its fastest access of this technology
    if len(set(ends)) == len(ends):  # one such link per spoke (the usual case)
        spokes = dict(zip(ends, map(max, repeat(0.0), rates), strict=True))
    else:
        for end, capacity in zip(ends, rates, strict=True):
            spokes[end] = max(spokes.get(end, 0.0), capacity)
    if not spokes:
        return None
    slowest = min(spokes.values())
    # of spokes as slow, the smallest id (not the first listed)
    slowest_site = min(compress(spokes, map(eq, spokes.values(), repeat(slowest))))
    if hub_rate <= slowest:
        return None  # not this technology's hub, or it cannot send a spoke more than the spoke's access takes
    below = sum(map(lt, spokes.values(), repeat(hub_rate)))  # rate < hub_rate
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


_FEW_HUB_LINKS = 16  # a hub's links `_per_tunnel` deletes one by one; more are filtered out in one pass


def _positions(a: list[str], b: list[str], hub: str) -> list[int]:
    """The indices i with hub in (a[i], b[i]), in order: found by C-level scans (`count`, `index`) when they are
    few, by one pass otherwise."""
    hits = a.count(hub) + b.count(hub)
    if hits > _FEW_HUB_LINKS:
        return list(compress(count(), map(or_, map(eq, a, repeat(hub)), map(eq, b, repeat(hub)))))
    found: set[int] = set()
    for column in (a, b):
        i = -1
        for _ in range(column.count(hub)):
            i = column.index(hub, i + 1)
            found.add(i)
    return sorted(found)


def _internet_sla(design: Design, links: list[LinkResult]) -> Finding:
    names = names_for(design)
    ids = list(map(_ID, links))
    most = max(map(_VOICE, links))
    # of links with as much voice, the fastest, then the smallest id (not the first listed)
    first = min(compress(links, map(eq, map(_VOICE, links), repeat(most))), key=lambda r: (-r.capacity_kbps, r.id))
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


_SAMPLE = 64  # values `largest` samples


def largest(values: list[float], n: int, tie: Callable[[int], Any] | None = None) -> list[int]:
    """The indices of the `n` largest values, largest first; of equal values, the one with the smallest `tie(i)`
    first (without `tie`, the earlier index): the indices `heapq.nsmallest(n, range(len(values)), key=lambda i:
    (-values[i], tie(i)))` picks (without `tie`, `heapq.nlargest(n, range(len(values)), key=values.__getitem__)`),
    from C-level passes (the n-th largest value, then the few indices at or above it) rather than a key call per
    value. `values` hold no NaN."""
    pick, key = ((heapq.nlargest, values.__getitem__) if tie is None
                 else (heapq.nsmallest, lambda i: (-values[i], tie(i))))
    if len(values) <= n or not math.isfinite(sum(values)):  # few values, or NaN (which compares false) or infinities
        return pick(n, range(len(values)), key=key)
    # the n-th largest of a sample is at most the n-th largest of all: every value at or above it is a candidate
    # (those equal to the n-th largest among them)
    least = heapq.nlargest(n, values[::max(1, len(values) // _SAMPLE)])[-1]
    candidates = list(compress(count(), map(le, repeat(least), values)))
    return pick(n, candidates, key=key)


# `reserved_excess` decides a link from the float figures alone where they are clearly on one side of the share.
# round(x, 6) is within 1e-6 of x (the 6-place decimal is within 5e-7 of x, and x itself is a double at least as
# near as its nearest), so priority + signalling lies in [v + s - 2e-6, v + s + 2 + 2e-6). With |v + s| below 2^30
# the float sum is within 6e-8 of the exact one, so a float excess of v + s over the share above SURELY_OVER means
# the link is over, one at or below SURELY_UNDER that it is not; the few in between are worked out exactly.
_SURELY_OVER, _SURELY_UNDER, _SUM_BELOW = 1e-5, -3.0, float(2 ** 30)


def reserved_excess(voices: list[float], signalling: list[float], capacities: list[float]) -> int:
    """How many links' priority and signalling classes take more than MAX_RESERVED_SHARE of the link, one link per
    index: the count of `priority_kbps(v) + math.ceil(round(s, 6)) > MAX_RESERVED_SHARE * c`. The rounding is a
    slow step (~1.5 µs), and on a chain every link's figures differ: it is worked out only for the links whose
    figures are within a few kbps of the share."""
    sums = list(map(add, voices, signalling))
    if not (sums and math.isfinite(sum(sums)) and -_SUM_BELOW < min(sums) and max(sums) < _SUM_BELOW):
        return _reserved_excess_each(voices, signalling, capacities)  # none, NaN, infinities or huge figures
    excess = list(map(sub, sums, map(mul, repeat(MAX_RESERVED_SHARE), capacities)))
    over = sum(map(lt, repeat(_SURELY_OVER), excess))
    if sum(map(lt, repeat(_SURELY_UNDER), excess)) > over:  # some are near the share: those, exactly
        near = list(compress(count(), map(and_, map(lt, repeat(_SURELY_UNDER), excess),
                                          map(ge, repeat(_SURELY_OVER), excess))))
        over += _reserved_excess_each(list(map(voices.__getitem__, near)), list(map(signalling.__getitem__, near)),
                                      list(map(capacities.__getitem__, near)))
    return over


def _reserved_excess_each(voices: list[float], signalling: list[float], capacities: list[float]) -> int:
    """`reserved_excess` link by link, once per distinct figures (thousands of links may share a few)."""
    over_reserved = 0
    reserved_over: dict[tuple[float, float, float], bool] = {}
    for figures in zip(voices, signalling, capacities, strict=True):
        over = reserved_over.get(figures)
        if over is None:
            voice, signal, capacity = figures
            over = reserved_over[figures] = (priority_kbps(voice) + math.ceil(round(signal, 6))
                                             > MAX_RESERVED_SHARE * capacity)
        over_reserved += over
    return over_reserved
