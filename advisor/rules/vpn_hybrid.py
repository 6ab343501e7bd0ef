"""A technology per transport on a hybrid WAN: GET VPN where the MPLS cloud is private, DMVPN or FlexVPN over the
Internet, each ranked on its own transport's links. Clouds the user set (`Cloud.technology`) keep their choice;
'recommend' on a cloud asks the advisor for that cloud even when the design names one technology.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from advisor.model import Design
from advisor.results import TransportChoice
from advisor.rules._wan import WanFacts

if TYPE_CHECKING:
    from advisor.rules.vpn import Routing, _Facts

PRIVATE = ("mpls", "private-wan")


def subset(wan: WanFacts, links: set[str]) -> WanFacts:
    """The WAN facts of some links only (one transport's)."""
    transport = {k: v for k, v in wan.transport.items() if k in links}
    return WanFacts(transport=transport,
                    internet_links=tuple(k for k in wan.internet_links if k in links),
                    nat_links=tuple(k for k in wan.nat_links if k in links),
                    mpls_links=tuple(k for k in wan.mpls_links if k in links),
                    private_links=tuple(k for k in wan.private_links if k in links),
                    n_sites=wan.n_sites)


def is_hybrid(wan: WanFacts) -> bool:
    kinds = set(wan.transport.values())
    return "internet" in kinds and bool(kinds & set(PRIVATE))


def per_transport(design: Design, facts: _Facts, routing: Routing, chosen: str
                  ) -> tuple[tuple[TransportChoice, ...], dict[str, str]]:
    """(one choice per cloud transport, cloud id -> technology where it differs from `chosen`)."""
    from advisor.rules.vpn import rank  # local: vpn imports this module lazily too

    asked = [c for c in design.clouds if c.technology is not None]
    hybrid = is_hybrid(facts.wan)
    if not hybrid and not asked:
        return (), {}
    clouds = {c.id: c for c in design.clouds}
    cloud_of = {ln.id: (ln.a if ln.a in clouds else ln.b) for ln in design.links
                if ln.a in clouds or ln.b in clouds}
    advise_all = design.vpn.technology == "recommend"
    by_transport: dict[str, set[str]] = {}
    for link, cloud in cloud_of.items():
        by_transport.setdefault(clouds[cloud].kind, set()).add(link)
    order = {ln.id: i for i, ln in enumerate(design.links)}
    choices: list[TransportChoice] = []
    per_cloud: dict[str, str] = {}
    for transport in sorted(by_transport):  # in a fixed order, whatever the order of the links
        links = by_transport[transport]
        transport_clouds = sorted({cloud_of[k] for k in links}, key=list(clouds).index)
        wants_advice = [c for c in transport_clouds
                        if clouds[c].technology == "recommend" or (clouds[c].technology is None and advise_all)]
        ranking: list = []
        best = chosen
        if wants_advice and (hybrid or any(clouds[c].technology == "recommend" for c in wants_advice)):
            sites = {end for ln in design.links if ln.id in links for end in (ln.a, ln.b) if end not in clouds}
            sub = dataclasses.replace(facts, wan=subset(facts.wan, links), n_sites=len(sites), links=links,
                                      transport=transport)
            ranking = rank(design, sub, routing)
            best = ranking[0].technology
        used: dict[str, str] = {}  # cloud id -> its technology
        for c in transport_clouds:
            own = clouds[c].technology
            tech = own if own not in (None, "recommend") else (best if c in wants_advice else chosen)
            used[c] = tech
            if tech != chosen:
                per_cloud[c] = tech
        choices.append(TransportChoice(transport=transport, technology=best, chosen=_most_used(used, cloud_of, links),
                                       links=tuple(sorted(links, key=order.__getitem__)),
                                       ranking=tuple(ranking)))
    return tuple(choices), per_cloud


def _most_used(used: dict[str, str], cloud_of: dict[str, str], links: set[str]) -> str:
    """The technology most of a transport's links use (`used`: its clouds' technologies), of technologies used by
    as many links the one of the cloud with the smallest id: not the first cloud listed."""
    count: dict[str, int] = {}
    for k in links:
        tech = used[cloud_of[k]]
        count[tech] = count.get(tech, 0) + 1
    most = max(count.values())
    return used[min(c for c, tech in used.items() if count[tech] == most)]
