"""Configuration sketches per site (Cisco IOS XE) that carry the design's computed figures: the voice priority
queue from the sizing, `ip mtu` / `adjust-mss` from the MTU advice, the chosen VPN's skeleton, SRST sized for the
phones, and the CUCM location bandwidths. Sketches to review, never final configuration: every name and address
is a marked placeholder or an RFC 5737 documentation address.

`sketches(design, results)` -> {site id: SiteSketch}; `SiteSketch.text()` is the file; `advisor.configs.files`
writes them to a folder. One module per family: qos, mtu, getvpn, dmvpn, flexvpn, p2p (VTI, GRE over IPsec, crypto
maps), srst, elcac. See docs/bom-and-configs.md.
"""

from __future__ import annotations

from advisor import __version__
from advisor import progress as core_progress
from advisor.configs import dmvpn, elcac, flexvpn, getvpn, mtu, p2p, qos, srst
from advisor.configs._base import PLACEHOLDER_NOTE, WRAP, Context, Section, SiteSketch, clean, comment
from advisor.model import Design
from advisor.numbers import counted
from advisor.results import Results
from advisor.rules._names import tech_label
from advisor.shown_names import name_or

__all__ = ["Section", "SiteSketch", "sketches", "sketch_texts", "DEFAULT_HUBS"]

DEFAULT_HUBS = 2  # hubs / head-ends / key servers shown, as the bill of materials counts them
PROGRESS_MIN_SITES = 1000  # from here the sketches report their progress (~70 µs a site): the app's worker stops
# at a report once its design is stale or the window closes, and `advisor configs` shows it on a terminal
CLEAR = ("none", "mpls-isolation")


def sketches(design: Design, results: Results, hubs: int = DEFAULT_HUBS) -> dict[str, SiteSketch]:
    """One sketch per site, in design order. `hubs`: VPN hub (head-end) routers at the hub site."""
    ctx = Context.of(design, results, hubs)
    sites = design.sites
    tick = core_progress.ticker(f"making the configuration sketches of {len(sites):,} sites", len(sites),
                                PROGRESS_MIN_SITES)
    out = {}
    for done, site in enumerate(sites, start=1):
        out[site.id] = _site(ctx, site.id)
        if tick is not None:
            tick(done)
    return out


def sketch_texts(design: Design, results: Results, hubs: int = DEFAULT_HUBS) -> dict[str, str]:
    """{site id: the sketch's text}."""
    return {sid: sketch.text() for sid, sketch in sketches(design, results, hubs).items()}


def _site(ctx: Context, site_id: str) -> SiteSketch:
    sections: list[Section] = [qos.section(ctx, site_id)]
    for optional in (mtu.section(ctx, site_id), _clear(ctx, site_id)):
        if optional is not None:
            sections.append(optional)
    for family in (getvpn, dmvpn, flexvpn, p2p):
        sections += family.sections(ctx, site_id)
    for optional in (srst.section(ctx, site_id), elcac.section(ctx, site_id)):
        if optional is not None:
            sections.append(optional)
    return SiteSketch(site_id, ctx.names[site_id], tuple(_banner(ctx, site_id)), tuple(sections))


def _banner(ctx: Context, site_id: str) -> list[str]:
    site = ctx.sites[site_id]
    rule = "! " + "=" * (WRAP - 2)
    roles = []
    if site.call_processing_nodes:
        roles.append(f"call processing (cluster {site.cluster_id})")
    if site_id == ctx.hub and len(ctx.design.sites) > 1:
        roles.append("VPN hub")
    links = ctx.site_links.get(site_id, [])
    if site_id in ctx.remote:  # with no link, or no path to call processing (an island of links, a site alone on
        # a cloud), the phones have nothing to register across ("branch registering across the WAN" was said of them)
        roles.append("branch registering across the WAN" if links and site_id not in ctx.unserved else
                     "branch without call processing of its own: its phones cannot register")
    wan = (f"{counted(len(links), 'WAN link')}; " + ", ".join(tech_label(t) for t in ctx.site_techs.get(site_id, []))
           if links else "no WAN link")
    lines = [rule, "! CONFIGURATION SKETCH TO REVIEW: NOT A FINAL CONFIGURATION", rule,
             *comment(f"Site {site_id} ({ctx.names[site_id]}) of design '{clean(name_or(ctx.design.name, 'Untitled design'))}'. "
                      f"{counted(site.phone_count, 'phone')}; {wan}"
                      + (f"; {', '.join(roles)}" if roles else "") + "."),
             *comment(f"Cisco IOS XE sketch from UC Design Advisor {__version__}: the figures come from the design's "
                      "busy-hour sizing; review every line against your platform, release and security policy "
                      "before use."),
             *comment(PLACEHOLDER_NOTE), rule]
    return lines


def _clear(ctx: Context, site_id: str) -> Section | None:
    clear = [t for t in ctx.site_techs.get(site_id, []) if t in CLEAR]
    if not clear:
        return None
    text = ("Calls on this site's " + " and ".join(tech_label(t) for t in clear) + " links cross the WAN without "
            "encryption: isolation is not privacy. Where privacy is required, use SRTP with encrypted signalling, "
            "or one of the IPsec technologies.")
    return Section("Encryption", tuple(comment(text)))
