"""DMVPN sketches: the hub routers at the hub site (one cloud, dual hub by default) and a spoke at every other site
on DMVPN. Phase 3 (the default) adds NHRP redirect at the hubs and shortcuts at the spokes; phase 2 builds
spoke-to-spoke tunnels without them; phase 1 spokes run point-to-point GRE to each hub.
"""

from __future__ import annotations

from advisor.configs import mtu
from advisor.configs._base import (
    OVERLAY_MASK,
    SPOKE_HOST,
    Context,
    Section,
    comment,
    hub_public,
    overlay_address,
    wan_address,
)
from advisor.configs.crypto import ikev2_block, ipsec_profile
from advisor.numbers import count, counted

PROFILE = "DMVPN-PROFILE"
NETWORK_ID = 1
TUNNEL_KEY = 1


def _gre_key(ctx: Context) -> list[str]:
    key = ctx.design.vpn.gre_key
    if key is None or key:  # on by default for DMVPN, as the sizing counts it (8-byte GRE header)
        return [f" tunnel key {TUNNEL_KEY}"]
    return comment("no tunnel key: the design turns the GRE key off", indent=" ")


def _crypto(ctx: Context) -> list[str]:
    return [*ikev2_block(ctx.design.vpn), *ipsec_profile(ctx.design.vpn, "dmvpn", PROFILE)]


def hub(ctx: Context, n: int, spokes: int) -> Section:
    phase = ctx.design.vpn.dmvpn_phase
    source = (ctx.wan_interfaces(ctx.hub, "dmvpn") if ctx.hub else []) or ["<WAN-IF>"]
    lines = comment(f"DMVPN phase {phase} hub {n} of {ctx.hubs}, a router of its own: {counted(spokes, 'spoke')} "
                    f"{'registers' if spokes == 1 else 'register'} with NHRP. "
                    f"WAN (NBMA) address {hub_public(n)} on {source[0]}.")
    lines += [*wan_address(source[0], hub_public(n)), *_crypto(ctx), "interface Tunnel0",
              f" description DMVPN phase {phase} hub {n}",
              f" ip address {overlay_address(n)} {OVERLAY_MASK}", *mtu.interface_lines(ctx),
              f" ip nhrp network-id {NETWORK_ID}", " ip nhrp map multicast dynamic"]
    if phase == 3:
        lines.append(" ip nhrp redirect")
    lines += [f" tunnel source {source[0]}", " tunnel mode gre multipoint", *_gre_key(ctx),
              f" tunnel protection ipsec profile {PROFILE}"]
    lines += comment("Add the overlay routing protocol over Tunnel0 (e.g. EIGRP or BGP) with authentication"
                     + ("; phase 3 lets the hub summarise towards the spokes." if phase == 3 else "."))
    return Section(f"DMVPN hub {n} of {ctx.hubs}", tuple(lines))


def spoke(ctx: Context, site_id: str) -> Section:
    phase = ctx.design.vpn.dmvpn_phase
    number = ctx.spoke_number("dmvpn", site_id)
    source = (ctx.wan_interfaces(site_id, "dmvpn") or ["<WAN-IF>"])[0]
    address = overlay_address(SPOKE_HOST + number)
    lines = comment(f"DMVPN phase {phase} spoke {number} of {count(len(ctx.spokes('dmvpn')))}: tunnels to "
                    f"{counted(ctx.hubs, 'hub')} at {ctx.names.get(ctx.hub or '', ctx.hub or 'the hub')}."
                    + (" <TUNNEL-IP>: this spoke's overlay address (the documentation /24 is used up)."
                       if address.startswith("<") else ""))
    lines += _crypto(ctx)
    if phase == 1:
        lines += ["interface Tunnel0", " description DMVPN phase 1 spoke (point-to-point GRE to hub 1)",
                  f" ip address {address} {OVERLAY_MASK}", *mtu.interface_lines(ctx),
                  f" ip nhrp network-id {NETWORK_ID}", f" ip nhrp nhs {overlay_address(1)} nbma {hub_public(1)}",
                  f" tunnel source {source}", f" tunnel destination {hub_public(1)}", *_gre_key(ctx),
                  f" tunnel protection ipsec profile {PROFILE}"]
        if ctx.hubs > 1:
            lines += comment(f"Phase 1 tunnels are point to point: reaching hub 2{' and the others' if ctx.hubs > 2 else ''} "
                             "takes a second cloud (Tunnel1 with its own network-id and subnet).")
    else:
        lines += ["interface Tunnel0", f" description DMVPN phase {phase} spoke",
                  f" ip address {address} {OVERLAY_MASK}", *mtu.interface_lines(ctx),
                  f" ip nhrp network-id {NETWORK_ID}",
                  *(f" ip nhrp nhs {overlay_address(n)} nbma {hub_public(n)} multicast"
                    for n in range(1, ctx.hubs + 1))]
        if phase == 3:
            lines.append(" ip nhrp shortcut")
        lines += [f" tunnel source {source}", " tunnel mode gre multipoint", *_gre_key(ctx),
                  f" tunnel protection ipsec profile {PROFILE}"]
    return Section("DMVPN spoke", tuple(lines))


def sections(ctx: Context, site_id: str) -> list[Section]:
    if "dmvpn" not in ctx.tech_sites:
        return []
    out = []
    if site_id == ctx.hub:
        spokes = len(ctx.spokes("dmvpn"))
        out += [hub(ctx, n, spokes) for n in range(1, ctx.hubs + 1)]
    elif "dmvpn" in ctx.site_techs.get(site_id, ()):
        out.append(spoke(ctx, site_id))
    return out
