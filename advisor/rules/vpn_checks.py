"""Checks of the effective VPN technology (the user's override, or the recommendation): SPEC §3.6 VPN-* codes.

Every finding states its numbers, cites its rule and source sentence, and gives a concrete remedy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.findings import Finding, finding
from advisor.model import Design
from advisor.results import Recommendation
from advisor.rules import seed
from advisor.rules._names import names_for, tech_label
from advisor.rules._wan import wan_facts
from advisor.tables import load_table

if TYPE_CHECKING:
    from advisor.traffic import Sizing

DESIGN = ("design",)


def check(design: Design, recommendation: Recommendation, sizing: Sizing | None = None) -> list[Finding]:
    """VPN findings for the effective technology, `recommendation.chosen`."""
    from advisor.rules.vpn import tunnels  # local: vpn re-exports this module's `check`

    tech = recommendation.chosen
    wan = wan_facts(design)
    p, v = design.vpn, design.voice
    names = names_for(design)
    out = [_recommendation(design, recommendation)]

    if p.privacy_required and v.srtp == "none" and (
            tech == "mpls-isolation" or (tech == "none" and wan.mpls_links and not wan.public)):
        out.append(finding(
            "VPN-ISOLATION-ONLY", wan.mpls_links or DESIGN,
            f"voice relies on MPLS VPN isolation alone ({len(wan.mpls_links)} MPLS link(s), "
            f"{'no VPN' if tech == 'none' else 'no encryption'} chosen, no SRTP) although privacy is required",
            f"VPN-C1: {seed.cite(seed.MPLS_CLEAR)} {seed.cite(seed.ISOLATION_PLUS_ENCRYPTION)}",
            "Combine isolation with encryption: choose GET VPN (suited to MPLS VPNs) or DMVPN, or enable SRTP with "
            "the 'encrypted' device security mode.", rule="VPN-C1", source=seed.ISOLATION_PLUS_ENCRYPTION))

    if tech == "getvpn" and wan.public_links:
        public = list(wan.public_links)
        out.append(finding(
            "VPN-GETVPN-PUBLIC", public,
            f"GET VPN is chosen but {len(public)} link(s) cross the Internet or a NAT: {names.links(public)}",
            f"VPN-C2: {seed.cite(seed.GETVPN_HEADER)} {seed.cite(seed.GETVPN_PRIVATE)} The original (often "
            "private) addresses do not route on the Internet, and NAT rewrites the preserved header.",
            "Use DMVPN or GRE over IPsec on Internet/NAT links, or move those sites onto the private WAN.",
            rule="VPN-C2", source=seed.GETVPN_PRIVATE))

    if tech == "ipsec" and (p.dynamic_routing or p.multicast):
        needs = " and ".join(n for n, on in (("dynamic routing", p.dynamic_routing),
                                              ("multicast", p.multicast)) if on)
        out.append(finding(
            "VPN-CRYPTOMAP-ROUTING", DESIGN,
            f"plain IPsec (crypto map) is chosen but the design needs {needs}",
            f"VPN-C3: {seed.cite(seed.IPSEC_NO_ROUTING)} {seed.cite(seed.GRE_FOR_ROUTING)}",
            "Use GRE over IPsec or DMVPN (overlay routing), or GET VPN on a private WAN; or clear 'dynamic routing' "
            "and 'multicast' if static routes really suffice.", rule="VPN-C3", source=seed.IPSEC_NO_ROUTING))

    if sizing is not None and sizing.hairpin_kbps > 0 and sizing.hub:
        hub_links = list(sizing.site_links.get(sizing.hub, ()))
        out.append(finding(
            "VPN-HAIRPIN", (sizing.hub, *hub_links),
            f"{sizing.hairpin_erlangs:.2f} E of spoke-to-spoke calls hairpin through hub "
            f"{names.quoted(sizing.hub)} with {tech_label(tech)}: +{sizing.hairpin_kbps:.1f} kbps per direction on "
            f"the hub's access link(s) {names.links(hub_links)}",
            f"VPN-C4: {seed.cite(seed.TABLE1)} {seed.cite(seed.DMVPN_ON_DEMAND)}",
            "Size the hub access link for the relayed calls, or use DMVPN phase 2/3 or GET VPN so branches reach "
            "each other directly.", rule="VPN-C4", source=seed.DMVPN_ON_DEMAND))

    if tech == "gre-ipsec" and p.gre_topology == "full-mesh":
        count = tunnels(design, tech) or 0
        limit = load_table("vpn")
        if count > limit.value("mesh_max_tunnels"):
            n = len(design.sites)
            out.append(finding(
                "VPN-MESH-SCALE", DESIGN,
                f"a GRE over IPsec full mesh of {n} sites needs {count} tunnels configured by hand "
                f"(N(N−1)/2; threshold {limit.value('mesh_max_tunnels'):g}); DMVPN would configure {n - 1}",
                f"VPN-C5: {seed.cite(seed.GRE_OVERWHELMING)} {seed.cite(seed.DMVPN_ON_DEMAND)} Threshold: "
                f"{limit.cite('mesh_max_tunnels')}",
                "Use DMVPN phase 3 (hub-spoke tunnels configured, spoke-to-spoke on demand) or GET VPN on a private "
                "WAN.", rule="VPN-C5", source=seed.GRE_OVERWHELMING))

    if tech == "getvpn":
        minimum = load_table("vpn").value("getvpn_min_key_servers")
        if p.getvpn_key_servers < minimum:
            out.append(finding(
                "VPN-KEY-SERVER", DESIGN,
                f"GET VPN with {p.getvpn_key_servers} key server(s); at least {minimum:g} are needed for redundancy"
                + ("; with none, no group member receives keys" if p.getvpn_key_servers == 0 else ""),
                f"VPN-C6: {seed.cite(seed.GETVPN_KEY_SERVER)} Redundancy: "
                f"{load_table('vpn').cite('getvpn_min_key_servers')}",
                "Deploy at least two cooperative key servers, at different sites.",
                severity="error" if p.getvpn_key_servers == 0 else None, rule="VPN-C6",
                source=seed.GETVPN_KEY_SERVER))

    legacy = [x for x in (p.cipher if p.cipher in ("des", "3des") else "",
                          p.integrity if p.integrity == "md5-96" else "") if x]
    if tech in ("ipsec", "gre-ipsec", "dmvpn", "getvpn") and legacy:
        out.append(finding(
            "VPN-LEGACY-CRYPTO", DESIGN,
            f"{tech_label(tech)} uses legacy {' and '.join(x.upper() for x in legacy)}",
            f"VPN-C7: {seed.cite(seed.NGE_LEGACY, seed.NGE)} {seed.cite(seed.TLS_SIGNALLING)}",
            "Use AES (aes-cbc or aes-gcm) with SHA-256 or stronger integrity (or GCM's own ICV).",
            rule="VPN-C7", source=seed.NGE_LEGACY))
    return out


def _recommendation(design: Design, rec: Recommendation) -> Finding:
    best = rec.ranking[0]
    runners = ", ".join(f"{tech_label(c.technology)} {c.score:g}" for c in rec.ranking[1:3])
    chosen = next((c for c in rec.ranking if c.technology == rec.chosen), None)
    if design.vpn.technology == "recommend":
        use = f"the design uses it ({tech_label(rec.chosen)})"
    elif rec.chosen == rec.technology:
        use = f"the user's choice {tech_label(rec.chosen)} agrees"
    else:
        score = f", score {chosen.score:g}" if chosen else ""
        use = f"the user chose {tech_label(rec.chosen)}{score}; the checks below apply to that choice"
    pros = [r for r in best.reasons if r.positive][:3]
    cons = [r for r in best.reasons if not r.positive][:2]
    why = "; ".join(f"{r.rule}: {r.text}" for r in pros) or "no strong reason for any candidate"
    against = ("; against: " + "; ".join(f"{r.rule}: {r.text}" for r in cons)) if cons else ""
    return finding(
        "VPN-RECOMMENDATION", DESIGN,
        f"recommended: {tech_label(best.technology)} (score {best.score:g}; next: {runners or 'none'}); {use}",
        f"VPN-R: {why}{against}. Sources: " + " ".join(dict.fromkeys(r.source for r in pros)),
        "Keep the recommendation, or set the VPN technology to override it; the comparison lists every "
        "candidate's reasons.", rule="VPN-R", source=pros[0].source if pros else "")
