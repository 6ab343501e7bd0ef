"""Whether the sizing routes calls through the overlay hub.

An overlay whose tunnels all end at a hub (crypto-map IPsec, static VTI, GRE over IPsec hub-and-spoke, DMVPN
phase 1) relays every spoke-to-spoke call through it: the hub's access link carries each such call twice. On a
hybrid WAN, where another cloud's overlay carries calls any to any (GET VPN or MPLS isolation on the MPLS VPN,
DMVPN phase 2/3, FlexVPN), two sites on that cloud call each other over it and the hub relays nothing between
them. When every linked site reaches one such cloud, no call needs the hub: the design is routed directly, and each
access link still carries all of its site's calls (the closed form of a cloud every site meets through: either of
a site's links can carry its busy hour). Where some sites reach only the relaying overlay, every call is routed
through the hub: a conservative figure the conventions state.
"""

from __future__ import annotations

from collections.abc import Iterable

from advisor.model import Design
from advisor.routing import classify, common_clouds, lonely_cloud
from advisor.routing_graph import link_ends


def relaying(design: Design, techs: Iterable[str]) -> list[str]:
    """The technologies among `techs` (each link's) whose overlay relays calls through a hub, sorted."""
    from advisor.traffic import overlay_is_hub

    return sorted(t for t in set(techs) if overlay_is_hub(design, t))


def direct_meeting_cloud(design: Design, techs: list[str]) -> str | None:
    """The cloud every linked site reaches whose links all use an overlay that carries calls any to any, on a
    drawing of cloud access links only that the closed form sizes (no cloud with a single site); None if none.
    `techs`: each link's technology, in link order."""
    if not design.links or classify(design) != "cloud" or lonely_cloud(design):
        return None
    common = common_clouds(design)
    if not common:
        return None
    clouds = {c.id for c in design.clouds}
    hub_techs = set(relaying(design, techs))  # each distinct technology asked once, not once per link
    relays = {a if a in clouds else b for a, b, tech in zip(*link_ends(design), techs, strict=True)
              if tech in hub_techs}
    direct = common - relays
    return min(direct) if direct else None  # the first by id: any of them carries the calls the same


def routes_via_hub(design: Design, techs: list[str], technology: str) -> bool:
    """Whether the sizing routes the design's calls through the overlay hub: some link's overlay relays calls there
    and no cloud with a direct overlay joins every site. `techs`: each link's technology (`technology` when the
    design has no links)."""
    if not relaying(design, techs or [technology]):
        return False
    if len(set(techs)) < 2:  # one overlay on every link, and it relays
        return True
    return direct_meeting_cloud(design, techs) is None
