"""Point-to-point IPsec sketches: static VTI and GRE over IPsec (hub-and-spoke: a tunnel per spoke at each head-end
and one per head-end at each spoke; full mesh: a tunnel to every other site), and crypto-map IPsec (one entry per
peer). The tunnels of a large site are listed up to `MAX_LISTED`; the rest follow the same pattern.
"""

from __future__ import annotations

from advisor.configs import mtu
from advisor.configs._base import (
    SPOKE_HOST,
    Context,
    Section,
    comment,
    hub_public,
    overlay_address,
    wan_address,
    wan_ip,
)
from advisor.configs.crypto import IKEV2_PROFILE, TS, ikev2_block, ipsec_profile, transform_set
from advisor.numbers import count, counted
from advisor.rules._names import tech_label

MAX_LISTED = 100  # tunnels (or crypto-map entries) written out per router
P2P = ("vti", "gre-ipsec", "ipsec")
MODE = {"vti": " tunnel mode ipsec ipv4", "gre-ipsec": " tunnel mode gre ip"}
PROFILE = {"vti": "VTI-PROFILE", "gre-ipsec": "GRE-IPSEC-PROFILE"}


def _mesh(ctx: Context, tech: str) -> bool:
    return tech == "gre-ipsec" and ctx.design.vpn.gre_topology == "full-mesh"


def _loopback(address: str) -> list[str]:
    return ["interface Loopback0", f" ip address {address} 255.255.255.255"]


def _tunnel(ctx: Context, tech: str, number: int, description: str, source: str, destination: str) -> list[str]:
    return [f"interface Tunnel{number}", f" description {description}", " ip unnumbered Loopback0",
            *mtu.interface_lines(ctx), f" tunnel source {source}", f" tunnel destination {destination}",
            MODE[tech], f" tunnel protection ipsec profile {PROFILE[tech]}"]


def _more(listed: int, total: int, what: str) -> list[str]:
    if total <= listed:
        return []
    return comment(f"… and {count(total - listed)} more {what} like these (one per peer; {count(total)} in all).")


Peer = tuple[str, str]  # (a name token without spaces: a site id or 'head-end-N', its WAN address)


def _tunnels(ctx: Context, tech: str, site_id: str, peers: list[Peer], total: int, address: str,
             title: str, intro: str, public: str | None) -> Section:
    """A router with one tunnel per peer (the first MAX_LISTED of `total`); `public`: its WAN address, if the
    sketch gives one (the head-ends)."""
    source = (ctx.wan_interfaces(site_id, tech) or ["<WAN-IF>"])[0]
    lines = [*comment(intro), *(wan_address(source, public) if public else []), *ikev2_block(ctx.design.vpn),
             *ipsec_profile(ctx.design.vpn, tech, PROFILE[tech]), *_loopback(address)]
    for i, (label, destination) in enumerate(peers[:MAX_LISTED], start=1):
        lines += _tunnel(ctx, tech, i, f"{tech_label(tech)} to {label}", source, destination)
    lines += _more(min(len(peers), MAX_LISTED), total, "tunnels")
    lines += comment("Add the routing protocol over the tunnels, with authentication.")
    return Section(title, tuple(lines))


def _spoke_entry(peers: list[Peer]) -> list[str]:
    """A spoke's one crypto-map entry: every remote LAN through the head-ends, a `set peer` per head-end (the first
    the primary, the next tried when it fails). One entry per head-end, each matching the same traffic, left the
    second never used: a packet takes the first entry whose access list it matches."""
    lines = ["ip access-list extended UC-VPN-1", " remark traffic to the other sites, through the head-ends",
             " permit ip <LAN-PREFIX> <LAN-WILDCARD> <REMOTE-LANS> <REMOTE-LANS-WILDCARD>",
             "crypto map UC-MAP 10 ipsec-isakmp", *(f" set peer {destination}" for _, destination in peers),
             f" set transform-set {TS}", f" set ikev2-profile {IKEV2_PROFILE}", " match address UC-VPN-1"]
    if len(peers) > 1:
        lines = [*comment("One entry, a peer per head-end: the first is used, the next when it fails (dead peer "
                          f"detection: add 'dpd 10 2 on-demand' to {IKEV2_PROFILE})."), *lines]
    return lines


def _crypto_map(ctx: Context, site_id: str, peers: list[Peer], total: int, title: str, intro: str,
                public: str | None, spoke: bool = False) -> Section:
    interfaces = ctx.wan_interfaces(site_id, "ipsec") or ["<WAN-IF>"]
    lines = [*comment(intro), *(wan_address(interfaces[0], public) if public else []), *ikev2_block(ctx.design.vpn),
             *transform_set(ctx.design.vpn, "ipsec")]
    if spoke:
        lines += _spoke_entry(peers)
        peers, total = [], 0
    for i, (label, destination) in enumerate(peers[:MAX_LISTED], start=1):
        acl = f"UC-VPN-{i}"
        lines += [f"ip access-list extended {acl}", f" remark traffic to {label}",
                  f" permit ip <LAN-PREFIX> <LAN-WILDCARD> <LAN-PREFIX-{label}> <LAN-WILDCARD-{label}>",
                  f"crypto map UC-MAP {10 * i} ipsec-isakmp", f" set peer {destination}",
                  f" set transform-set {TS}", f" set ikev2-profile {IKEV2_PROFILE}", f" match address {acl}"]
    lines += _more(min(len(peers), MAX_LISTED), total, "crypto-map entries")
    for interface in interfaces:
        lines += [f"interface {interface}", " crypto map UC-MAP"]
    lines += comment("A crypto map carries no dynamic routing or multicast: static routes only (that is why GRE "
                     "over IPsec and VTI exist).")
    return Section(title, tuple(lines))


def _router(ctx: Context, tech: str, site_id: str, peers: list[Peer], total: int, address: str, title: str,
            intro: str, public: str | None = None, spoke: bool = False) -> Section:
    if tech == "ipsec":
        return _crypto_map(ctx, site_id, peers[:MAX_LISTED], total, title, intro, public, spoke)
    return _tunnels(ctx, tech, site_id, peers[:MAX_LISTED], total, address, title, intro, public)


def _sections_for(ctx: Context, tech: str, site_id: str) -> list[Section]:
    label = tech_label(tech)
    if _mesh(ctx, tech):
        sites = ctx.tech_sites.get(tech, [])
        if tech not in ctx.site_techs.get(site_id, ()):
            return []
        peers = [(peer, wan_ip(peer)) for peer in sites[:MAX_LISTED + 1] if peer != site_id]
        total = len(sites) - 1
        address = overlay_address(SPOKE_HOST + ctx.site_number(tech, site_id))
        return [_router(ctx, tech, site_id, peers, total, address, f"{label} full mesh",
                        f"{label} full mesh: {counted(total, 'tunnel')} from this site, one to every other site "
                        f"({count(len(sites) * total // 2)} in the whole mesh).")]
    if site_id == ctx.hub:
        spokes = ctx.spokes(tech)
        peers = [(spoke, wan_ip(spoke)) for spoke in spokes[:MAX_LISTED]]
        return [_router(ctx, tech, site_id, peers, len(spokes), overlay_address(n), f"{label} head-end {n} of {ctx.hubs}",
                        f"{label} head-end {n} of {ctx.hubs}, a router of its own (WAN address {hub_public(n)}): "
                        "one tunnel per spoke, "
                        f"{count(len(spokes))} in all.", hub_public(n)) for n in range(1, ctx.hubs + 1)]
    if tech not in ctx.site_techs.get(site_id, ()):
        return []
    number = ctx.spoke_number(tech, site_id)
    peers = [(f"head-end-{n}", hub_public(n)) for n in range(1, ctx.hubs + 1)]
    hub = ctx.names.get(ctx.hub or "", "the hub")
    intro = (f"{label} spoke {number}: one crypto-map entry to the {counted(ctx.hubs, 'head-end')} at {hub}."
             if tech == "ipsec" else
             f"{label} spoke {number}: one tunnel to each of the {counted(ctx.hubs, 'head-end')} at {hub}.")
    return [_router(ctx, tech, site_id, peers, len(peers), overlay_address(SPOKE_HOST + number), f"{label} spoke",
                    intro, spoke=True)]


def sections(ctx: Context, site_id: str) -> list[Section]:
    out = []
    for tech in P2P:
        if tech in ctx.tech_sites:
            out += _sections_for(ctx, tech, site_id)
    return out
