"""FlexVPN sketches: IKEv2 hubs with one virtual template each (dual hub by default) and spokes with a tunnel to
each hub, plus a virtual template for spoke-to-spoke shortcuts (NHRP). `tunnel mode ipsec ipv4`: the sizing prices
FlexVPN as an IPsec tunnel interface without GRE (FlexVPN's own default is GRE, 24 bytes more per packet).
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
)
from advisor.configs.crypto import IKEV2_PROFILE, ikev2_block, transform_set
from advisor.numbers import count, counted

NETWORK_ID = 2
IPSEC_PROFILE = "FLEX-IPSEC"
TEMPLATE = 1
MODE_NOTE = ("tunnel mode ipsec ipv4 matches the sizing (no GRE header); FlexVPN's default GRE mode adds 24 B per "
             "packet")


def _crypto(ctx: Context) -> list[str]:
    """IKEv2 with the virtual template (hubs: spoke tunnels; spokes: spoke-to-spoke shortcuts)."""
    lines = [*ikev2_block(ctx.design.vpn), f" virtual-template {TEMPLATE}"]  # continues the block's IKEv2 profile
    return [*lines, *transform_set(ctx.design.vpn, "flexvpn"), f"crypto ipsec profile {IPSEC_PROFILE}",
            " set transform-set UC-TS", f" set ikev2-profile {IKEV2_PROFILE}"]


def hub(ctx: Context, n: int, spokes: int) -> Section:
    source = (ctx.wan_interfaces(ctx.hub, "flexvpn") if ctx.hub else []) or ["<WAN-IF>"]
    lines = comment(f"FlexVPN hub {n} of {ctx.hubs}, a router of its own: {counted(spokes, 'spoke')} "
                    f"{'connects' if spokes == 1 else 'connect'} to one "
                    "virtual template; "
                    f"WAN address {hub_public(n)} on {source[0]}.")
    lines += [*wan_address(source[0], hub_public(n)), *_crypto(ctx), "interface Loopback0",
              f" ip address {overlay_address(n)} 255.255.255.255",
              f"interface Virtual-Template{TEMPLATE} type tunnel", f" description FlexVPN hub {n}",
              " ip unnumbered Loopback0", *mtu.interface_lines(ctx), f" ip nhrp network-id {NETWORK_ID}",
              " ip nhrp redirect", f" tunnel source {source[0]}", *comment(MODE_NOTE, indent=" "),
              " tunnel mode ipsec ipv4", f" tunnel protection ipsec profile {IPSEC_PROFILE}"]
    lines += comment("Add routing over the tunnels (IKEv2 route exchange or a routing protocol with "
                     "authentication).")
    return Section(f"FlexVPN hub {n} of {ctx.hubs}", tuple(lines))


def spoke(ctx: Context, site_id: str) -> Section:
    number = ctx.spoke_number("flexvpn", site_id)
    source = (ctx.wan_interfaces(site_id, "flexvpn") or ["<WAN-IF>"])[0]
    address = overlay_address(SPOKE_HOST + number)
    lines = comment(f"FlexVPN spoke {number} of {count(len(ctx.spokes('flexvpn')))}: one tunnel per hub, and a "
                    "virtual template for the spoke-to-spoke shortcuts NHRP builds on demand.")
    lines += [*_crypto(ctx), "interface Loopback0", f" ip address {address} 255.255.255.255"]
    for n in range(1, ctx.hubs + 1):
        lines += [f"interface Tunnel{n - 1}", f" description FlexVPN to hub {n}", " ip unnumbered Loopback0",
                  *mtu.interface_lines(ctx), f" ip nhrp network-id {NETWORK_ID}",
                  f" ip nhrp shortcut virtual-template {TEMPLATE}", f" tunnel source {source}",
                  " tunnel mode ipsec ipv4", f" tunnel destination {hub_public(n)}",
                  f" tunnel protection ipsec profile {IPSEC_PROFILE}"]
    lines += [f"interface Virtual-Template{TEMPLATE} type tunnel", " description FlexVPN spoke-to-spoke shortcuts",
              " ip unnumbered Loopback0", *mtu.interface_lines(ctx), f" ip nhrp network-id {NETWORK_ID}",
              f" ip nhrp shortcut virtual-template {TEMPLATE}", " tunnel mode ipsec ipv4",
              f" tunnel protection ipsec profile {IPSEC_PROFILE}"]
    return Section("FlexVPN spoke", tuple(lines))


def sections(ctx: Context, site_id: str) -> list[Section]:
    if "flexvpn" not in ctx.tech_sites:
        return []
    if site_id == ctx.hub:
        spokes = len(ctx.spokes("flexvpn"))
        return [hub(ctx, n, spokes) for n in range(1, ctx.hubs + 1)]
    if "flexvpn" in ctx.site_techs.get(site_id, ()):
        return [spoke(ctx, site_id)]
    return []
