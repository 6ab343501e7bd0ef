"""The SRST sketch of a branch: the fallback mode that registers its phones (Unified SRST for SCCP, SIP SRST for
SIP, E-SRST for both), sized from the site's phone count, on the router the bill of materials chooses.

`max-ephones` / `max-pool` = the site's phones; `max-dn` = one directory number per phone (raise it for phones with
several lines). Both are capped per platform (Cisco Unified SRST Administration Guide: "The maximum number is
platform-dependent.").
"""

from __future__ import annotations

from advisor.bom_rules import choose_router
from advisor.configs._base import Context, Section, comment
from advisor.numbers import counted
from advisor.rules.survivability import MODE_LABELS
from advisor.tables import load_table


def _sccp(phones: int, keyword: str) -> list[str]:
    return [keyword, " ip source-address <LAN-IP> port 2000", f" max-ephones {phones}", f" max-dn {phones}"]


def _sip(phones: int, mode_line: str | None) -> list[str]:
    lines = ["voice service voip", " allow-connections sip to sip", " sip",
             "  registrar server expires max 600 min 60", "voice register global"]
    if mode_line:
        lines.append(f" {mode_line}")
    lines += [f" max-pool {phones}", f" max-dn {phones}", "voice register pool 1",
              " id network <PHONE-SUBNET> mask <PHONE-MASK>", " dtmf-relay rtp-nte"]
    return lines


def mode_lines(mode: str, phones: int) -> list[str]:
    """The fallback commands for `mode` sized for `phones`."""
    if mode == "srst":
        return _sccp(phones, "call-manager-fallback")
    if mode == "sip-srst":
        return _sip(phones, None)
    # E-SRST: Unified CME in SRST mode registers SCCP phones (telephony-service) and SIP phones (mode esrst)
    return [*_sccp(phones, "telephony-service"), " srst mode auto-provision none", *_sip(phones, "mode esrst")]


def section(ctx: Context, site_id: str) -> Section | None:
    if site_id not in ctx.remote:
        return None
    site = ctx.sites[site_id]
    phones = site.phone_count
    signalling = ctx.design.voice.signalling
    key = (site.survivability, site.srst_platform, site.srst_capacity, phones)
    choice = ctx.routers.get(key)
    if choice is None:
        choice = ctx.routers[key] = choose_router(site, phones, signalling, load_table("srst_platforms"))
    label = MODE_LABELS[choice.mode]
    one = phones == 1
    if site_id in ctx.unserved:  # no WAN path to call processing: there is no registering across the WAN
        lines = comment(f"{counted(phones, signalling.upper() + ' phone')} {'has' if one else 'have'} no WAN path to "
                        f"call processing, so {'it cannot' if one else 'they cannot'} register across the WAN: "
                        f"{label} on this router registers {'it' if one else 'them'} all the time, as in an outage.")
    else:
        lines = comment(f"{counted(phones, signalling.upper() + ' phone')} {'registers' if one else 'register'} across "
                        f"the WAN; during an outage {label} registers them on this router.")
    if site.survivability == "none":
        lines += comment("The design has no survivability at this site yet: this is the mode that registers its "
                         "phones.")
    if choice.fits:
        lines += comment(f"Router: {choice.model}, {counted(choice.capacity, 'phone')} in {label}"
                         f"{' (an unconfirmed figure: verify it)' if choice.unconfirmed else ''}.")
    else:
        lines += comment(f"Router: {choice.reason}.")
    lines += comment("max-ephones / max-pool = the site's phones; max-dn = one directory number per phone (raise "
                     "it for phones with several lines).")
    if site.survivability == "mgcp-fallback":
        lines += comment("MGCP fallback keeps the PSTN ports working when CUCM is unreachable:")
        lines += ["ccm-manager fallback-mgcp", "application", " global", "  service alternate default"]
    lines += mode_lines(choice.mode, phones)
    return Section(f"Survivability: {label}", tuple(lines))
