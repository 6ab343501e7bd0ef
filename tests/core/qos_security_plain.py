"""Plain link-by-link and site-by-site readings of the QOS-* and SEC-* rules, written out for
tests/core/test_qos_security_columns.py to compare the column-by-column rules with (`advisor.rules.qos`,
`advisor.rules.security`, `advisor.rules.security_columns`)."""

from __future__ import annotations

import math

from advisor import traffic
from advisor.choice_words import SRTP as SRTP_WORDS
from advisor.findings import Finding, finding
from advisor.model import Design
from advisor.numbers import counted, setting_fraction
from advisor.results import ChecklistItem
from advisor.rules import qos, security, seed, vpn
from advisor.rules._names import names_for, tech_label, transport_label
from advisor.rules._wan import wan_facts
from advisor.rules.bandwidth import label, rate
from advisor.rules.security_controls import ENDPOINT, FIREWALL, LAN, NFP


def _sized(design: Design) -> tuple[traffic.Sizing, str]:
    routing = vpn.Routing(design)
    rec = vpn.recommend(design, routing)
    link_tech = traffic.link_technologies(design, rec.chosen, rec.per_cloud)
    return traffic.size(design, rec.chosen, link_tech, routing.routed), rec.chosen


def _same(got: list[Finding], expected: list[Finding]) -> None:
    # every field, in declaration order (the JSON's key order), with its type, and the findings' order
    assert [list(f.__dict__.items()) for f in got] == [list(f.__dict__.items()) for f in expected]
    assert [[type(v) for v in f.__dict__.values()] for f in got] == [[type(v) for v in f.__dict__.values()]
                                                                      for f in expected]
    assert all(list(f.__dict__) == list(Finding.model_fields) for f in got)
    assert got == expected


# --- the plain reading: QOS ----------------------------------------------------------------------------------------

def _ceil6(x: float) -> int:
    return math.ceil(round(x, 6))


def qos_plain(design: Design, sizing: traffic.Sizing) -> list[Finding]:
    out = []
    if any(s.phones > 0 for s in sizing.sites):
        out.append(qos._marking(design))
    with_calls = [r for r in sizing.links if r.calls > 0]
    by_tech: dict[str, list] = {}
    for r in sizing.links:
        by_tech.setdefault(r.technology or sizing.technology, []).append(r)
    if with_calls:
        out.append(_priority_queue_plain(design, with_calls))
    for tech, where in qos.PRECLASSIFY_WHERE.items():
        voice_links = [r for r in by_tech.get(tech, ()) if r.calls > 0]
        if voice_links:
            out.append(qos._preclassify(tech, where, [r.id for r in voice_links]))
    for tech in qos.PER_TUNNEL:
        if tech in by_tech:
            found = _per_tunnel_plain(design, sizing, tech, by_tech[tech])
            if found is not None:
                out.append(found)
    if with_calls:
        internet = set(wan_facts(design).internet_links)
        on_internet = [r for r in with_calls if r.id in internet]
        if on_internet:
            out.append(_internet_sla_plain(design, on_internet))
    return out


def reserved_plain(links) -> int:
    return sum(_ceil6(r.voice_kbps) + _ceil6(r.signalling_kbps) > qos.MAX_RESERVED_SHARE * r.capacity_kbps
               for r in links)


def _priority_queue_plain(design, links) -> Finding:
    link_name = names_for(design).link_name
    # the most voice, then the most calls, the dearest call, the most signalling, then the smallest id
    top = sorted(links, key=lambda r: (-r.voice_kbps, -r.calls, -r.per_call_kbps, -r.signalling_kbps, r.id))
    top = top[:qos.NAMED_LINKS]
    over_reserved = reserved_plain(links)
    parts = []
    for r in top:
        text = (f"'{link_name(r.id)}' priority {_ceil6(r.voice_kbps):,} kbps ({counted(r.calls, 'call')} × "
                f"{r.per_call_kbps:.2f} kbps)")
        if _ceil6(r.signalling_kbps):
            text += f", CS3 bandwidth {_ceil6(r.signalling_kbps):,} kbps"
        parts.append(text)
    more = len(links) - len(top)
    listed = "; ".join(parts) + (f"; and {more:,} more" if more else "")
    first = top[0]
    example_sig = _ceil6(first.signalling_kbps)
    reserved = ""
    if over_reserved:
        reserved = (f" On {counted(over_reserved, 'link')} the two classes take more than 75% of the link: IOS "
                    "releases that enforce 'max-reserved-bandwidth' (default 75%, a secondary source) refuse such a "
                    "policy unless it is raised.")
    return finding(
        "QOS-PRIORITY-QUEUE", [r.id for r in links],
        f"priority queue per direction on {counted(len(links), 'link')} with calls: {listed}",
        f"{qos.SOURCE_PRIORITY}. Priority = concurrent calls at the busy hour at "
        f"P{setting_fraction(design.traffic.gos)} (Erlang B) × per-call bandwidth with the link's encapsulation and "
        "layer 2 as the sizing counts it, rounded up to a whole kbps; the signalling class carries the link's call "
        "signalling.",
        "At the WAN edge of every link with calls, outbound: class-map VOICE matching DSCP EF, class-map "
        "CALL-SIGNALLING matching DSCP CS3; in the WAN-edge policy-map, class VOICE 'priority <kbps>', class "
        f"CALL-SIGNALLING 'bandwidth <kbps>', class-default 'fair-queue' (e.g. 'priority {_ceil6(first.voice_kbps)}'"
        + (f" and 'bandwidth {example_sig}'" if example_sig else "")
        + f" on '{link_name(first.id)}'). Where the access is slower than the interface, nest the policy under "
        "a parent 'shape average' at the access rate; on MPLS links ask the provider for a real-time class of at "
        f"least the same kbps towards each site.{reserved}",
        rule="QOS-R2", source=qos.SOURCE_PRIORITY)


def _per_tunnel_plain(design, sizing, tech, links) -> Finding | None:
    hub = sizing.hub
    if hub is None:
        site = traffic.hub_site(design)
        if site is None:
            return None
        hub = site.id
    sites = {s.id for s in design.sites}
    hub_rate = 0.0
    spokes: dict[str, float] = {}
    for r in links:
        if hub in (r.a, r.b):
            hub_rate = max(hub_rate, r.capacity_kbps)
            continue
        if r.calls == 0:
            continue
        for end in (r.a, r.b):
            if end in sites:
                spokes[end] = max(spokes.get(end, 0.0), r.capacity_kbps)
    if not spokes:
        return None
    slowest_site = min(spokes, key=lambda s: (spokes[s], s))  # the slowest, then the smallest id
    slowest = spokes[slowest_site]
    if hub_rate <= slowest:
        return None
    below = sum(r < hub_rate for r in spokes.values())
    names = names_for(design)
    if tech == "dmvpn":
        how = ("on each spoke's tunnel 'ip nhrp group <group>', and on the hub's mGRE tunnel 'ip nhrp map group "
               "<group> service-policy output <policy>', one group per spoke access rate")
    else:
        how = ("a 'service-policy output' on the hub's virtual-template (cloned to each spoke's virtual-access "
               "interface), or per-spoke policies pushed through the IKEv2 authorization (AAA) policy")
    return finding(
        "QOS-PER-TUNNEL", (hub,),
        f"{label(tech)} hub '{names.node(hub)}' ({rate(hub_rate)} kbps access) can send a spoke more than its access "
        f"takes: {below} of {counted(len(spokes), 'spoke')} with calls {'is' if below == 1 else 'are'} slower, the "
        f"slowest '{names.node(slowest_site)}' at {rate(slowest)} kbps; configure per-tunnel QoS on the hub",
        f"{qos.SOURCE_PER_TUNNEL}. One hub interface reaches every spoke; without a shaper per spoke, traffic towards "
        "a slow spoke queues (and voice is dropped) in the provider's network, where no priority queue applies.",
        f"Per-tunnel QoS: {how}. Each policy shapes to the spoke's access rate (e.g. 'shape average "
        f"{slowest * 1000:.0f}' for '{names.node(slowest_site)}') with the voice priority queue inside the shaper.",
        rule="QOS-R4", source=qos.SOURCE_PER_TUNNEL)


def _internet_sla_plain(design, links) -> Finding:
    names = names_for(design)
    ids = [r.id for r in links]
    first = min(links, key=lambda r: (-r.voice_kbps, -r.capacity_kbps, r.id))  # the most voice, the fastest, the smallest id
    return finding(
        "QOS-INTERNET-SLA", tuple(ids),
        f"voice crosses the Internet on {counted(len(ids), 'link')} ({names.links(ids, qos.NAMED_LINKS)}): the "
        "Internet has no service-level agreement for voice, and providers do not honour its markings, so delay, "
        "jitter and loss there are beyond the design's control",
        f"{qos.SOURCE_INTERNET}. Markings and priority queues work only where the network that queues the packets "
        "honours them.",
        "Use business-class Internet access with a service-level agreement for delay, jitter and loss; shape "
        "outbound at the edge to the real upstream rate, with the voice priority queue inside the shaper (e.g. "
        f"'{names.link_name(first.id)}': 'shape average {first.capacity_kbps * 1000:.0f}' with 'priority "
        f"{_ceil6(first.voice_kbps)}', if {rate(first.capacity_kbps)} kbps is the real upstream rate), so "
        "packets queue in your router and not in the provider's; or carry voice over an MPLS VPN with a "
        "real-time class.",
        rule="QOS-R5", source=qos.SOURCE_INTERNET)


# --- the plain reading: SEC ----------------------------------------------------------------------------------------

def applies(control, site, secure: bool) -> bool:
    """The rule as written: PC ports matter only where phones stand in public areas; CTL and the TLS proxy only
    when signalling uses TLS."""
    if control.id == "EP-PC-PORT":
        return site.public_area_phones > 0
    if control.id in ("EP-CTL", "FW-TLS-PROXY"):
        return secure
    return True


def gaps_plain(design: Design) -> tuple[int, dict, dict, dict]:
    """(sites with phones, sites per missing LAN controls, per missing device-plane controls, per (missing endpoint
    controls, an open PC port)), site by site, each group in order of first appearance."""
    secure = design.voice.security_mode != "non-secure"
    routers = {ln.a for ln in design.links} | {ln.b for ln in design.links}
    lan: dict = {}
    planes: dict = {}
    endpoint: dict = {}
    phone_sites = 0
    for site in design.sites:
        phones = site.phone_count > 0
        phone_sites += phones

        def lacking(group, site=site):
            return tuple(c for c in group if applies(c, site, secure) and not getattr(site.security, c.field))

        if phones and (missing := lacking(LAN)):
            lan.setdefault(missing, []).append(site.id)
        if site.id in routers and (missing := lacking(security.PLANES)):
            planes.setdefault(missing, []).append(site.id)
        if phones and (missing := lacking(ENDPOINT)):
            open_port = site.public_area_phones > 0 and not site.security.pc_port_disabled
            endpoint.setdefault((missing, open_port), []).append(site.id)
    return phone_sites, lan, planes, endpoint


def checklist_rows_plain(design: Design) -> list[dict[str, str]]:
    """The checklist's site rows, site by site: LAN and endpoints where there are phones, firewall where there is
    call processing, device planes where a link ends at the site; each control n/a where it does not apply, else in
    place or missing; as `check --json` writes them."""
    secure = design.voice.security_mode != "non-secure"
    routers = {ln.a for ln in design.links} | {ln.b for ln in design.links}
    rows = []
    for site in design.sites:
        groups = []
        if site.phone_count > 0:
            groups += [LAN, ENDPOINT]
        if site.call_processing_nodes > 0:
            groups.append(FIREWALL)
        if site.id in routers:
            groups.append(NFP)
        for group in groups:
            for c in group:
                if not applies(c, site, secure):
                    status = "n/a"
                else:
                    status = "in-place" if getattr(site.security, c.field) else "missing"
                rows.append(ChecklistItem(control=c.id, title=c.title, threat=c.threat, site=site.id, status=status,
                                          rationale=c.rationale).model_dump(mode="json"))
    return rows


def security_plain(design: Design, technology: str) -> list[Finding]:
    v, p = design.voice, design.vpn
    secure = v.security_mode != "non-secure"
    names = names_for(design)
    phone_sites, lan, planes, endpoint = gaps_plain(design)
    out = []
    if v.srtp != "none" and v.security_mode != "encrypted":
        out.append(finding(
            "SEC-SRTP-WITHOUT-TLS", ("design",),
            f"SRTP ({SRTP_WORDS[v.srtp]}) is on but the device security mode is '{v.security_mode}', so the SRTP keys travel in "
            "signalling that is not encrypted",
            f"{seed.cite(seed.SRTP_KEYS)} {seed.cite(seed.SECURITY_MODES)}",
            "Set the device security mode to 'encrypted' (TLS + SRTP) in CUCM and on the phones.",
            rule="SEC-R1", source=seed.SRTP_KEYS))
    if design.links and phone_sites >= 2 and v.srtp == "none" and technology in ("none", "mpls-isolation"):
        transport = wan_facts(design).transport
        kinds = sorted({transport_label(transport[ln.id]) + (" + NAT" if ln.nat else "") for ln in design.links})
        out.append(finding(
            "SEC-MEDIA-CLEAR", tuple(ln.id for ln in design.links),
            f"voice between {phone_sites} sites crosses {counted(len(design.links), 'WAN link')} ({', '.join(kinds)}) "
            f"in clear text: no SRTP, and {tech_label(technology)}"
            + (" (no encryption)" if technology == "mpls-isolation" else "")
            + ("" if p.privacy_required else "; privacy marked not required"),
            f"every WAN link counts as untrusted: {seed.cite(seed.TRUSTED_BOUNDARY)} "
            f"{seed.cite(seed.ANYONE_CAN_CAPTURE)}",
            "Encrypt media end to end with SRTP (device security mode 'encrypted'), or between sites with an IPsec "
            "VPN (GET VPN on MPLS, DMVPN on the Internet).",
            severity=None if p.privacy_required else "info", rule="SEC-R2", source=seed.TRUSTED_BOUNDARY))
    for missing, site_ids in lan.items():
        what = ", ".join(c.title for c in missing)
        out.append(finding(
            "SEC-LAN-L2", site_ids,
            f"{counted(len(site_ids), 'site')} with phones {'lacks' if len(site_ids) == 1 else 'lack'} {what}: "
            f"{names.sites(site_ids)}",
            f"{seed.cite(seed.LAN_ARP)} {seed.cite(seed.LAN_VOICE_VLAN)} {seed.cite(seed.LAN_FEATURES)}",
            f"Enable on the access switches: {what}.", rule="SEC-R3", source=seed.LAN_ARP))
    if p.dynamic_routing:
        bare = [ln.id for ln in design.links if not ln.routing_auth]
        if bare:
            out.append(finding(
                "SEC-ROUTING-AUTH", bare,
                f"dynamic routing runs over {counted(len(bare), 'WAN link')} without routing protocol "
                f"authentication: {names.links(bare)}",
                f"{seed.cite(seed.ROUTING_AUTH)}",
                "Enable routing protocol authentication (e.g. EIGRP/OSPF SHA or MD5 keys, BGP TCP-AO/MD5) and filter "
                "routing updates on these links.", rule="SEC-R4", source=seed.ROUTING_AUTH))
    for s in design.sites:
        if s.call_processing_nodes <= 0:
            continue
        if not s.security.firewall:
            out.append(finding(
                "SEC-FIREWALL", (s.id,),
                f"call-processing {names.site(s.id)} ({counted(s.call_processing_nodes, 'CUCM node')}) has no "
                "firewall",
                f"{seed.cite(seed.FW_GENERAL)} {seed.cite(seed.FW_ACCESS)}",
                "Put an ASA-class firewall in front of the CUCM servers: access control, SIP/SCCP/RTP inspection, "
                "TCP normalization, IPS and per-client connection limits.", rule="SEC-R5", source=seed.FW_ACCESS))
        elif secure and s.security.application_inspection and not s.security.tls_proxy:
            out.append(finding(
                "SEC-TLS-PROXY", (s.id,),
                f"signalling is TLS-protected ('{v.security_mode}' mode) and the firewall at {names.quoted(s.id)} "
                "inspects SIP/SCCP without a TLS proxy: it cannot open media ports or apply policy to encrypted "
                "signalling",
                f"{seed.cite(seed.FW_TLS_PROXY)}",
                "Enable the firewall's TLS proxy for phone-to-CUCM signalling (the firewall becomes a trusted "
                "device in the CTL).", rule="SEC-R6", source=seed.FW_TLS_PROXY))
    for missing, site_ids in planes.items():
        what = " and ".join(c.title for c in missing)
        out.append(finding(
            "SEC-DEVICE-PLANES", site_ids,
            f"{counted(len(site_ids), 'site router')} {'lacks' if len(site_ids) == 1 else 'lack'} {what}: "
            f"{names.sites(site_ids)}",
            f"{seed.cite(seed.NFP)} {' '.join(seed.cite(c.sentence) for c in missing)}",
            f"Configure {what} on the WAN/voice-gateway routers.", rule="SEC-R7", source=seed.NFP))
    for (missing, public_port), site_ids in endpoint.items():
        what = ", ".join(c.title for c in missing)
        lobby = " (PC ports open on public-area phones)" if public_port else ""
        out.append(finding(
            "SEC-ENDPOINT", site_ids,
            f"{counted(len(site_ids), 'site')} with phones {'lacks' if len(site_ids) == 1 else 'lack'} "
            f"{what}{lobby}: {names.sites(site_ids)}",
            f"{seed.cite(seed.EP_HARDEN)} {' '.join(seed.cite(c.sentence) for c in missing)}",
            f"Harden the phones (CUCM product-specific configuration): {what}.",
            severity="error" if public_port else None, rule="SEC-R8", source=seed.EP_HARDEN))
    return out


def _check_both(design: Design) -> tuple[traffic.Sizing, str]:
    sizing, technology = _sized(design)
    _same(qos.check(design, sizing), qos_plain(design, sizing))
    _same(security.check(design, technology), security_plain(design, technology))
    gaps = security._gaps(design)
    assert gaps.phone_sites == sum(s.phone_count > 0 for s in design.sites)
    assert gaps.call_processing == [s for s in design.sites if s.call_processing_nodes > 0]
    return sizing, technology


def _with(design: Design, **parts) -> Design:
    """The design with some of its voice / vpn / traffic settings changed (validated)."""
    data = design.model_dump()
    for part, values in parts.items():
        data[part].update(values)
    return Design.model_validate(data)
