"""`ip mtu` and `ip tcp adjust-mss` from the sizing's MTU advice: on each tunnel interface (DMVPN, FlexVPN, VTI,
GRE over IPsec), or on the LAN-facing interface where the technology has no tunnel interface (GET VPN, crypto maps).
"""

from __future__ import annotations

from advisor.configs._base import Context, Section, comment
from advisor.numbers import count

NO_TUNNEL_INTERFACE = ("getvpn", "ipsec")


def interface_lines(ctx: Context) -> list[str]:
    """The two commands, indented for an interface block; none when the design has no tunnel overhead."""
    advice = ctx.results.mtu
    if advice is None:
        return []
    return [*comment(f"ip mtu / adjust-mss from the MTU advice: up to {count(advice.tunnel_overhead_bytes)} B of "
                     f"tunnel overhead ({advice.technology or 'the tunnel'}, worst case)", indent=" "),
            f" ip mtu {advice.ip_mtu}", f" ip tcp adjust-mss {advice.tcp_adjust_mss}"]


def section(ctx: Context, site_id: str) -> Section | None:
    """For sites whose encryption has no tunnel interface: the advice goes on the LAN-facing interface."""
    advice = ctx.results.mtu
    techs = [t for t in ctx.site_techs.get(site_id, []) if t in NO_TUNNEL_INTERFACE]
    if advice is None or not techs:
        return None
    lines = comment(f"MTU advice: {advice.text}")
    lines += ["interface <LAN-IF>", *interface_lines(ctx)]
    return Section("MTU (no tunnel interface: on the LAN-facing interface)", tuple(lines))
