"""Checks of the effective VPN technology (the user's override, or the recommendation): SPEC §3.6 VPN-* codes.

Every finding states its numbers, cites its rule and source sentence, and gives a concrete remedy.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from advisor.choice_words import INTEGRITY
from advisor.findings import Finding, finding
from advisor.model import Design
from advisor.numbers import counted
from advisor.results import Recommendation
from advisor.rules import seed
from advisor.rules._names import names_for, tech_label, transport_label
from advisor.rules._wan import wan_facts
from advisor.tables import load_table

if TYPE_CHECKING:
    from advisor.traffic import Sizing

DESIGN = ("design",)
ENCRYPTING = ("ipsec", "vti", "flexvpn", "gre-ipsec", "dmvpn", "getvpn")


def check(design: Design, recommendation: Recommendation, sizing: Sizing | None = None) -> list[Finding]:
    """VPN findings for the effective technology, `recommendation.chosen`."""
    from advisor.rules.vpn import tunnels  # local: vpn re-exports this module's `check`

    tech = recommendation.chosen
    wan = wan_facts(design)
    p, v = design.vpn, design.voice
    names = names_for(design)
    # Per link, the technology its calls use (a hybrid WAN runs one per transport); without a sizing, `tech`.
    link_tech = dict(sizing.link_technology) if sizing is not None and sizing.link_technology else {
        lid: tech for lid in wan.transport}
    used = set(link_tech.values()) or {tech}
    out = [_recommendation(design, recommendation, used)]

    clear_internet = [lid for lid in wan.internet_links if link_tech.get(lid, tech) in ("none", "mpls-isolation")]
    if clear_internet and sizing is not None:  # only links the voice system crosses: calls, signalling or cluster
        quiet = {r.id for r in sizing.links if not (r.calls or r.signalling_kbps or r.cluster_kbps)}
        clear_internet = [lid for lid in clear_internet if lid not in quiet]
    if clear_internet:
        out.append(finding(
            "VPN-INTERNET-CLEAR", clear_internet,
            f"phones and call control cross the public Internet with no VPN on {counted(len(clear_internet), 'link')}: "
            f"{names.links(clear_internet)}"
            + ("; SRTP and TLS protect the calls themselves, but CUCM, the gateways and the phones' "
               "registration still face the Internet" if v.srtp != "none" and v.security_mode == "encrypted"
               else ""),
            f"{seed.cite(seed.ANYONE_CAN_CAPTURE)} {seed.cite(seed.IPSEC_SITES)}",
            "Protect site-to-site traffic over the Internet with an IPsec VPN between the routers (DMVPN, FlexVPN "
            "or a static VTI), keeping SRTP and TLS for the calls; or move those sites onto a private WAN.",
            rule="VPN-C8", source=seed.IPSEC_SITES))

    if p.privacy_required and v.srtp == "none" and (
            tech == "mpls-isolation" or (tech == "none" and wan.mpls_links and not wan.public)):
        out.append(finding(
            "VPN-ISOLATION-ONLY", wan.mpls_links or DESIGN,
            f"voice relies on MPLS VPN isolation alone ({counted(len(wan.mpls_links), 'MPLS link')}, "
            f"{'no VPN' if tech == 'none' else 'no encryption'} chosen, no SRTP) although privacy is required",
            f"{seed.cite(seed.MPLS_CLEAR)} {seed.cite(seed.ISOLATION_PLUS_ENCRYPTION)}",
            "Combine isolation with encryption: choose GET VPN (suited to MPLS VPNs) or DMVPN, or enable SRTP with "
            "the 'encrypted' device security mode.", rule="VPN-C1", source=seed.ISOLATION_PLUS_ENCRYPTION))

    public = [lid for lid in wan.public_links if link_tech.get(lid, tech) == "getvpn"]
    if public:
        out.append(finding(
            "VPN-GETVPN-PUBLIC", public,
            f"GET VPN is chosen but {counted(len(public), 'link')} {'crosses' if len(public) == 1 else 'cross'} the "
            f"Internet or a NAT: {names.links(public)}",
            f"{seed.cite(seed.GETVPN_HEADER)} {seed.cite(seed.GETVPN_PRIVATE)} The original (often "
            "private) addresses do not route on the Internet, and NAT rewrites the preserved header.",
            "Use DMVPN or GRE over IPsec on Internet/NAT links, or move those sites onto the private WAN.",
            rule="VPN-C2", source=seed.GETVPN_PRIVATE))

    if "ipsec" in used and (p.dynamic_routing or p.multicast):
        needs = " and ".join(n for n, on in (("dynamic routing", p.dynamic_routing),
                                              ("multicast", p.multicast)) if on)
        out.append(finding(
            "VPN-CRYPTOMAP-ROUTING", DESIGN,
            f"plain IPsec (crypto map) is chosen but the design needs {needs}",
            f"{seed.cite(seed.IPSEC_NO_ROUTING)} {seed.cite(seed.GRE_FOR_ROUTING)}",
            "Use a tunnel interface (static VTI or FlexVPN), GRE over IPsec or DMVPN, or GET VPN on a private WAN; "
            "or clear 'dynamic routing' and 'multicast' if static routes really suffice.", rule="VPN-C3", source=seed.IPSEC_NO_ROUTING))

    if sizing is not None and sizing.hairpin_kbps > 0 and sizing.hub:
        hub_links = list(sizing.site_links.get(sizing.hub, ()))
        out.append(finding(
            "VPN-HAIRPIN", (sizing.hub, *hub_links),
            f"{sizing.hairpin_erlangs:,.2f} E of spoke-to-spoke calls hairpin through hub "
            f"{names.quoted(sizing.hub)} with {tech_label(tech)}: +{sizing.hairpin_kbps:,.2f} kbps per direction on "
            f"the hub's access {'link' if len(hub_links) == 1 else 'links'} {names.links(hub_links)}",
            f"{seed.cite(seed.TABLE1)} {seed.cite(seed.DMVPN_ON_DEMAND)}",
            "Size the hub access link for the relayed calls, or use DMVPN phase 2/3 or GET VPN so branches reach "
            "each other directly.", rule="VPN-C4", source=seed.DMVPN_ON_DEMAND))

    out.extend(_hub_unlinked(design, sorted(used), names))

    if "gre-ipsec" in used and p.gre_topology == "full-mesh":
        count = tunnels(design, "gre-ipsec") or 0
        limit = load_table("vpn")
        if count > limit.value("mesh_max_tunnels"):
            n = len(design.sites)
            out.append(finding(
                "VPN-MESH-SCALE", DESIGN,
                f"a GRE over IPsec full mesh of {n:,} sites needs {count:,} tunnels configured by hand "
                f"(N(N−1)/2; threshold {limit.value('mesh_max_tunnels'):g}); DMVPN would configure {n - 1:,}",
                f"{seed.cite(seed.GRE_OVERWHELMING)} {seed.cite(seed.DMVPN_ON_DEMAND)} Threshold: "
                f"{limit.cite('mesh_max_tunnels')}",
                "Use DMVPN phase 3 (hub-spoke tunnels configured, spoke-to-spoke on demand) or GET VPN on a private "
                "WAN.", rule="VPN-C5", source=seed.GRE_OVERWHELMING))

    if "getvpn" in used:
        minimum = load_table("vpn").value("getvpn_min_key_servers")
        if p.getvpn_key_servers < minimum:
            out.append(finding(
                "VPN-KEY-SERVER", DESIGN,
                f"GET VPN with {counted(p.getvpn_key_servers, 'key server')}; at least {minimum:g} are needed for redundancy"
                + ("; with none, no group member receives keys" if p.getvpn_key_servers == 0 else ""),
                f"{seed.cite(seed.GETVPN_KEY_SERVER)} Redundancy: "
                f"{load_table('vpn').cite('getvpn_min_key_servers')}",
                "Deploy at least two cooperative key servers, at different sites.",
                severity="error" if p.getvpn_key_servers == 0 else None, rule="VPN-C6",
                source=seed.GETVPN_KEY_SERVER))

    encrypted = sorted(used & set(ENCRYPTING))
    if encrypted:
        out.extend(_crypto(design, encrypted))
    return out


def _hub_unlinked(design: Design, used: list[str], names) -> list[Finding]:
    """A hub-and-spoke overlay whose hub site has no WAN link: no tunnel can end there. The sizing then routes the
    calls directly between the sites (`demand.route_afresh`); this says so."""
    from advisor import traffic
    from advisor.demand_hub import linked

    relaying = [t for t in used if traffic.overlay_is_hub(design, t)]
    hub = traffic.hub_site(design) if relaying and design.links else None
    if hub is None or linked(design, hub.id):
        return []
    which = " and ".join(tech_label(t) for t in relaying)
    return [finding(
        "VPN-HUB-UNLINKED", (hub.id,),
        f"the VPN hub {names.quoted(hub.id)} has no WAN link, so no {which} tunnel can end there; the sizing routes "
        "the calls directly between the sites over the drawn links instead, with no hub relaying spoke-to-spoke "
        "calls",
        f"{seed.cite(seed.DMVPN_ON_DEMAND)} {seed.cite(seed.TABLE1)} A hub-and-spoke overlay builds its tunnels "
        "between each spoke and the hub, over the hub's WAN access.",
        "Link the hub site to the WAN, or name as the VPN hub a site that is on it; or use an overlay that needs no "
        "relaying hub (DMVPN phase 2 or 3, FlexVPN, GET VPN on a private WAN).", rule="VPN-C10",
        source=seed.DMVPN_ON_DEMAND)]


def _crypto(design: Design, techs: list[str]) -> list[Finding]:
    """Cisco's Next-Generation Encryption status of the ESP cipher and integrity: DES and MD5 'avoid' (errors),
    3DES 'legacy' (warning); AES-CBC with HMAC acceptable, with AES-GCM pointed out as the NGE choice."""
    p = design.vpn
    which = ", ".join(tech_label(t) for t in techs)
    out = []
    avoid = [name for name, bad in (("DES", p.cipher == "des"),
                                    ("HMAC-MD5", p.integrity == "md5-96" and p.cipher != "aes-gcm")) if bad]
    legacy = ["3DES"] if p.cipher == "3des" else []
    if avoid or legacy:
        parts = ([f"{' and '.join(avoid)} ('avoid')"] if avoid else []) + (
            [f"{legacy[0]} ('legacy')"] if legacy else [])
        out.append(finding(
            "VPN-LEGACY-CRYPTO", DESIGN, f"{which} uses {' and '.join(parts)} in the Cisco Next-Generation "
            "Encryption guidance",
            f"{seed.cite(seed.NGE_LEGACY, seed.NGE)} {seed.cite(seed.TLS_SIGNALLING)}",
            "Use AES-GCM (128 or 256), Cisco's Next-Generation Encryption choice, or AES-CBC with HMAC-SHA-256.",
            severity="error" if avoid else "warning", rule="VPN-C7", source=seed.NGE_LEGACY))
    if p.cipher == "aes-cbc":
        cbc, gcm = _packet_bytes(design, techs[0], "aes-cbc"), _packet_bytes(design, techs[0], "aes-gcm")
        saving = f": for this design's calls the IP packet is {gcm:,} B instead of {cbc:,} B" if cbc and gcm and \
            gcm < cbc else ""
        out.append(finding(
            "VPN-NGE", DESIGN,
            f"{which} uses AES-CBC with {INTEGRITY.get(p.integrity, p.integrity)}; AES-GCM (RFC 4106: 8 B IV, 16 B ICV, no separate "
            f"integrity) is the Next-Generation Encryption choice{saving}",
            f"{seed.cite(seed.NGE_GCM, seed.NGE)}",
            "Prefer AES-GCM in the IPsec transform set where every router supports it (set the ESP cipher to "
            "AES-GCM to size it).", rule="VPN-C9", source=seed.NGE_GCM))
    return out


def _packet_bytes(design: Design, tech: str, cipher: str) -> int | None:
    from advisor import packet, traffic

    # the IP packet, whatever the link's layer 2; with NAT traversal's 8 B when a NAT sits on some link (as the
    # sizing counts it), not as the first link listed happens to be
    nat = any(ln.nat for ln in design.links)
    spec = dataclasses.replace(traffic.call_spec(design, tech, traffic.DEFAULT_LINK, nat_on_path=nat), cipher=cipher,
                               crtp=0)
    try:
        return packet.compute(spec).ip_packet_bytes
    except ValueError:
        return None


def _recommendation(design: Design, rec: Recommendation, used: set[str]) -> Finding:
    """The recommendation in words: what, where (per transport on a hybrid WAN), why, and what is against it.
    `used`: the technologies the links use."""
    best = rec.ranking[0]
    runners = ", ".join(tech_label(c.technology) for c in rec.ranking[1:3])
    ranked = [t for t in rec.per_transport if t.ranking]
    agreed = _agreed_pick(design, ranked)
    if agreed is not None:
        where = " and ".join(f"the {transport_label(t.transport)}" for t in ranked)
        what = (f"recommended: {tech_label(agreed)} on every link ({where} links, each transport ranked on its "
                "own links)")
        if agreed != best.technology:
            what += (f"; {tech_label(best.technology)} ranks first only when the whole WAN is ranked as one, and "
                     "every link here is on a transport ranked on its own")
    elif ranked:
        pair = " and ".join(f"{tech_label(t.technology)} on the {transport_label(t.transport)} links"
                            for t in ranked)
        what = f"recommended: {pair}; as one technology everywhere: {tech_label(best.technology)}"
    else:
        what = f"recommended: {tech_label(best.technology)} (then {runners or 'no other candidate'})"
    if design.vpn.technology == "recommend" and used and not ranked and best.technology not in used:
        # every cloud set to its own technology: "the design uses the recommendation" of a FlexVPN no link runs
        use = "every link's cloud sets its own technology, so the recommendation applies to no link"
    elif design.vpn.technology == "recommend":
        use = "the design uses the recommendation"
    elif rec.chosen == rec.technology:
        use = f"the design's choice, {tech_label(rec.chosen)}, agrees"
    elif used == {rec.technology}:  # the design-wide setting applies to no link: each cloud runs its own pick
        use = (f"the design's own setting, {tech_label(rec.chosen)}, applies to no link: every link's cloud runs "
               f"{tech_label(rec.technology)}")
    else:
        use = f"the design uses {tech_label(rec.chosen)} instead; the checks below apply to that choice"
    if rec.per_cloud and not (agreed is not None and set(rec.per_cloud.values()) == {agreed}):
        use += "; per cloud: " + ", ".join(f"{names_for(design).quoted(c)} {tech_label(t)}"
                                           for c, t in rec.per_cloud.items())
    pros = [r for r in best.reasons if r.positive][:3]
    cons = [r for r in best.reasons if not r.positive][:2]
    why = "; ".join(r.text for r in pros) or "no strong reason for any candidate"
    against = (". Against it: " + "; ".join(r.text for r in cons)) if cons else ""
    if best.fits in ("above the priority-queue share", "overloads a link"):
        against += (". No candidate that meets the design's needs fits every link: the best one "
                    + ("puts voice above the priority-queue guideline on some link"
                       if best.fits == "above the priority-queue share" else "overloads a link"))
    return finding(
        "VPN-RECOMMENDATION", DESIGN, f"{what}; {use}",
        f"{why}{against}. Sources: " + " ".join(dict.fromkeys(r.source for r in pros)),  # shown after a "Why:" label
        "Keep the recommendation, or set the VPN technology (for the design or per cloud) to override it; the "
        "comparison lists every candidate's reasons.", rule="VPN-R", source=pros[0].source if pros else "")


def _agreed_pick(design: Design, ranked: list) -> str | None:
    """The technology every transport's own ranking puts first, when they agree and every link is on one of those
    transports (no leased line and no cloud left to the design-wide choice); None otherwise."""
    picks = {t.technology for t in ranked}
    if len(picks) != 1 or sum(len(t.links) for t in ranked) != len(design.links):
        return None
    return next(iter(picks))
