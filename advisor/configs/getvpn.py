"""GET VPN sketches: the cooperative key servers (at the hub site) and a group member at every site whose links use
GET VPN. No tunnels: one group security association pushed by the key servers with GDOI, tunnel header
preservation on the WAN interface's crypto map.
"""

from __future__ import annotations

from advisor.configs._base import KEY_SERVER_HOST, PUBLIC_NET, Context, Section, comment, wan_address
from advisor.configs.crypto import TS, isakmp_block, transform_set
from advisor.numbers import count, counted

GROUP = "GETVPN-GROUP"
GROUP_ID = 1
POLICY_ACL = "GETVPN-POLICY"
REKEY_KEY = "GETVPN-REKEY"


def key_server_address(n: int) -> str:
    return f"{PUBLIC_NET}.{KEY_SERVER_HOST + n}"


def _policy(ctx: Context) -> list[str]:
    lines = [*transform_set(ctx.design.vpn, "getvpn"), "crypto ipsec profile GETVPN-PROFILE",
             f" set transform-set {TS}", f"ip access-list extended {POLICY_ACL}"]
    lines += comment("What the group encrypts: traffic between the sites' LANs (keep routing protocols and the key "
                     "servers' own traffic out of it).", indent=" ")
    lines.append(" permit ip <LAN-SUMMARY> <LAN-WILDCARD> <LAN-SUMMARY> <LAN-WILDCARD>")
    return lines


def _replay(ctx: Context) -> list[str]:
    metadata = ctx.design.vpn.getvpn_metadata_bytes
    if metadata > 0:
        return [*comment(f"time-based anti-replay: the sizing counts {count(metadata)} B of metadata per packet",
                         indent="   "), "   replay time window-size 5"]
    return comment("no time-based anti-replay: the sizing counts no metadata bytes (set the design's GET VPN "
                   "metadata to price it before enabling 'replay time window-size')", indent="   ")


def key_server(ctx: Context, n: int, total: int) -> Section:
    peers = [key_server_address(i) for i in range(1, total + 1) if i != n]
    lines = comment(f"Key server {n} of {total}: a router of its own at this site (cooperative key servers). Generate the rekey key "
                    f"once on key server 1 (exec mode: crypto key generate rsa label {REKEY_KEY} modulus 2048 "
                    "exportable) and import the same key on every other key server.")
    lines += [*wan_address("<WAN-IF>", key_server_address(n)), *isakmp_block(ctx.design.vpn), *_policy(ctx),
              f"crypto gdoi group {GROUP}", f" identity number {GROUP_ID}", " server local",
              "  rekey algorithm aes 256", f"  rekey authentication mypubkey rsa {REKEY_KEY}",
              "  rekey transport unicast", "  sa ipsec 1", "   profile GETVPN-PROFILE",
              f"   match address ipv4 {POLICY_ACL}", *_replay(ctx), f"  address ipv4 {key_server_address(n)}",
              "  redundancy", f"   local priority {100 - 10 * (n - 1)}",
              *(f"   peer address ipv4 {peer}" for peer in peers)]
    return Section(f"GET VPN key server {n} of {total}", tuple(lines))


def group_member(ctx: Context, site_id: str, total: int) -> Section:
    interfaces = ctx.wan_interfaces(site_id, "getvpn") or ["<WAN-IF>"]
    lines = comment(f"Group member: registers to the {counted(total, 'key server')}, then encrypts with the group's "
                    "security association, keeping the original addresses (tunnel header preservation).")
    lines += [*isakmp_block(ctx.design.vpn), f"crypto gdoi group {GROUP}", f" identity number {GROUP_ID}",
              *(f" server address ipv4 {key_server_address(i)}" for i in range(1, total + 1)),
              "crypto map GETVPN-MAP 10 gdoi", f" set group {GROUP}"]
    for interface in interfaces:
        lines += [f"interface {interface}", " crypto map GETVPN-MAP"]
    return Section("GET VPN group member", tuple(lines))


def sections(ctx: Context, site_id: str) -> list[Section]:
    if "getvpn" not in ctx.tech_sites:
        return []
    if not ctx.key_servers:
        from advisor.bom import key_servers

        ctx.key_servers = key_servers(ctx.design)
    total = ctx.key_servers
    out = []
    if site_id == ctx.hub:
        out += [key_server(ctx, n, total) for n in range(1, total + 1)]
    if "getvpn" in ctx.site_techs.get(site_id, ()):
        out.append(group_member(ctx, site_id, total))
    return out
