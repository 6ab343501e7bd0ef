"""`--vpn-hubs N` of `bom` and `configs`: what it counts, and a note when the design has nothing it counts.

The option sets how many VPN hub (head-end) routers terminate the spokes of DMVPN, FlexVPN, static VTI, IPsec and
hub-and-spoke GRE over IPsec. On a design whose calls cross GET VPN (key servers, no hubs), MPLS isolation or no
VPN, `bom --vpn-hubs 8` listed no hub at all while its heading said "VPN hubs: 8", and `configs --vpn-hubs 8`
sketched nothing more, each in silence.
"""

from __future__ import annotations

DEFAULT_VPN_HUBS = 2


def hub_technologies(design, results) -> set[str]:
    """The technologies of the design's links that end at VPN hub routers (as the bill of materials counts them):
    those a site's link uses, with a hub site to place them at."""
    from advisor.bom import HUB_TECHNOLOGIES
    from advisor.demand import hub_site

    if hub_site(design) is None:
        return set()
    sites = {s.id for s in design.sites}
    used = {link.technology or results.recommendation.chosen for link in results.links
            if link.a in sites or link.b in sites}
    mesh = design.vpn.gre_topology == "full-mesh"
    return {t for t in used if t in HUB_TECHNOLOGIES and not (t == "gre-ipsec" and mesh)}


def in_use(design, results) -> str:
    """What the design's links use, in words: 'its links use GET VPN', 'it has no WAN links'."""
    from advisor.rules._names import tech_label

    sites = {s.id for s in design.sites}
    used = sorted({link.technology or results.recommendation.chosen for link in results.links
                   if link.a in sites or link.b in sites} - {None})
    mesh = design.vpn.gre_topology == "full-mesh"
    words = [tech_label(t) + (" in a full mesh" if t == "gre-ipsec" and mesh else "") for t in used]
    return f"its links use {' and '.join(words)}" if used else "it has no WAN links"


def unused_note(given: int | None, design, results) -> str | None:
    """The note that `--vpn-hubs` changes nothing, when it was given and the design has no hub routers; None
    otherwise. The command prints it once its output is out: printed first, it stood above the one-line error of
    an output that could not be written (`bom --vpn-hubs 3 --csv /proc/x.csv`)."""
    if given is None or hub_technologies(design, results):
        return None
    return f"advisor: note: --vpn-hubs has no effect: the design has no VPN hub routers ({in_use(design, results)})"
