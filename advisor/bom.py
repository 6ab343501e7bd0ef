"""The bill of materials, derived from a design and its sizing: each line with its quantity, reason and source.

`build(design, results)` lists, site by site in design order: the CUCM cluster nodes (publisher, call-processing
subscribers with the chosen redundancy, TFTP) at the publisher's site; the VPN key servers or hubs at the hub site;
each branch's SRST router; each site's PSTN trunks. The hardware rules are in `advisor.bom_rules`; the spreadsheet
and JSON forms here. See docs/bom-and-configs.md.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace

from advisor import erlang
from advisor.bom_rules import (
    DEFAULT_PSTN,
    PSTN_LABELS,
    PstnKind,
    RouterChoice,
    TrunkLine,
    choose_router,
    pstn_line,
)
from advisor.model import Design
from advisor.numbers import count, counted, kbps, setting_share
from advisor.references import strip_internal
from advisor.results import Results
from advisor.rules._names import names_for, tech_label
from advisor.rules.cluster import COMMUNITY, Q_REDUNDANCY, nodes_needed
from advisor.shown_names import by_id, name_or
from advisor.tables import load_table
from advisor.tabular import Sheet, sheet

MULTISITE = ("centralized", "distributed", "clustering-over-wan")  # models with branches that need survivability
HUB_TECHNOLOGIES = ("dmvpn", "flexvpn", "vti", "ipsec", "gre-ipsec")  # a hub (head-end) terminates the spokes
DEFAULT_VPN_HUBS = 2
MAX_VPN_HUBS = 8
# A cluster needing more primary call-processing nodes than this gets a dedicated TFTP server (below).
COMBINED_TFTP_MAX_PRIMARIES = 2
TFTP_SOURCE = ("Cisco IP Telephony Network Design Guide (CallManager 3.0), 'Cluster Operation and Scalability "
               "Guidelines' (secondary copy; an old release, verify for yours): \u201cA dedicated database publisher "
               "and a dedicated TFTP server are recommended for large systems. For smaller systems, the function of "
               "database publisher and the TFTP server can be combined.\u201d Its table combines them up to two primary "
               "call-processing servers and separates them from four")
DEDICATED_SUBSCRIBERS = ("Cisco Unified CallManager SRND, quoted on the Cisco Support Community (secondary): \u201cWhen "
                         "planning the design of a cluster, you should generally dedicate the call processing "
                         "subscribers to this function.\u201d")
KS_SOURCE = ("Cisco 'Configure GETVPN with COOP Key Servers': \u201cWith a single device to manage a complete GETVPN "
             "group, it creates a single point of failure. To mitigate this scenario, GETVPN supports multiple Key "
             "Servers called cooperative (COOP) KSs\u201d")
HUB_SOURCES = {
    "dmvpn": "Cisco Dynamic Multipoint VPN (DMVPN) Design Guide: dual-hub designs keep the spokes connected when a "
             "hub fails",
    "flexvpn": "Cisco FlexVPN configuration guides: a second hub (dual hub) keeps the spokes connected when a hub "
               "fails",
}
HEAD_END_SOURCE = ("T. Mlakar, 'Security of Applications Moving to a Network' (NIL): in a hub-and-spoke topology the "
                   "tunnels are configured between the spokes and the hub; the number of head-ends is a choice "
                   "(two by default, so that one can fail)")


@dataclass(frozen=True)
class BomOptions:
    """Choices the design does not hold: the PSTN interface and the number of VPN hubs (redundancy)."""

    pstn: PstnKind = DEFAULT_PSTN
    vpn_hubs: int = DEFAULT_VPN_HUBS

    def __post_init__(self) -> None:
        if self.pstn not in PSTN_LABELS:
            raise ValueError(f"PSTN interface must be one of {', '.join(PSTN_LABELS)} (not {self.pstn!r})")
        if not 1 <= self.vpn_hubs <= MAX_VPN_HUBS:
            raise ValueError(f"VPN hubs must be 1 to {MAX_VPN_HUBS} (not {self.vpn_hubs})")


@dataclass(frozen=True)
class BomItem:
    """One line: `site` is the site id where it goes; `category` one of cluster | vpn | router | pstn;
    `unconfirmed` marks a line resting on a figure to verify."""

    site: str
    item: str
    model: str
    quantity: int
    reason: str
    source: str
    category: str = ""
    unconfirmed: bool = False

    def as_json(self) -> dict:
        return asdict(self)


@dataclass
class _Lines:
    """Lines gathered per site, emitted in design order."""

    by_site: dict[str, list[BomItem]] = field(default_factory=dict)

    def add(self, item: BomItem) -> None:
        self.by_site.setdefault(item.site, []).append(item)


def build(design: Design, results: Results, options: BomOptions | None = None) -> list[BomItem]:
    """The bill of materials of an analysed design (`results = analyse(design)`)."""
    options = options or BomOptions()
    lines = _Lines()
    _cluster_items(design, results, lines)
    _vpn_items(design, results, options, lines)
    _site_items(design, results, options, lines)
    return _for_readers([item for s in design.sites for item in lines.by_site.get(s.id, ())])


def _for_readers(items: list[BomItem]) -> list[BomItem]:
    """The lines without the limit tables' file names ('[srst_platforms.json]') the cited sources carry: every
    form (text, JSON, CSV, workbook, the app) shows the line as built here."""
    plain = functools.cache(strip_internal)  # thousands of branches share a few texts
    out = []
    for item in items:
        reason, source = plain(item.reason), plain(item.source)
        out.append(item if (reason, source) == (item.reason, item.source) else
                   replace(item, reason=reason, source=source))
    return out


def _cluster_items(design: Design, results: Results, lines: _Lines) -> None:
    limits = load_table("cluster_limits")
    per_node = limits.value("devices_per_call_processing_node")
    per_node_unconfirmed = limits.entries["devices_per_call_processing_node"].verify or limits.verify
    redundancy = design.cluster.redundancy
    if design.cluster.megacluster:
        most, kind = limits.value("megacluster_max_primary_nodes") + limits.value("megacluster_max_standby_nodes"), \
            "megacluster"
    else:
        most, kind = limits.value("max_subscribers"), "cluster"
    devices: dict[str, int] = {}
    for s in design.sites:
        devices[s.cluster_id] = devices.get(s.cluster_id, 0) + s.phone_count
    by_id = {s.id: s for s in design.sites}
    for cluster, site_ids in results.model.clusters.items():
        sites = [by_id[i] for i in site_ids]
        home = next((s for s in sites if s.cucm_publisher), sites[0]).id
        phones = devices.get(cluster, 0)
        lines.add(BomItem(home, "CUCM publisher", "Cisco Unified CM node (virtual machine)", 1,
                          f"cluster '{cluster}': one publisher holds the cluster's database (a cluster has exactly "
                          "one)", limits.cite("max_publishers"), "cluster"))
        primaries, backups = nodes_needed(phones, per_node, redundancy)
        placed = _placements([(s.cucm_subscribers, names_for(design).quoted(s.id)) for s in sites if s.cucm_subscribers])
        figure = f"{count(per_node)} devices per call-processing node{' (unconfirmed)' if per_node_unconfirmed else ''}"
        reason = (f"cluster '{cluster}': {counted(phones, 'phone')} at {figure} {'needs' if phones == 1 else 'need'} "
                  f"{counted(primaries, 'primary subscriber')}; {redundancy} redundancy adds "
                  f"{counted(backups, 'backup')}: "
                  f"{counted(primaries + backups, 'dedicated call-processing subscriber')} (the design places {placed})")
        if primaries + backups > most:
            reason += (f"; more than the {most:g} call-processing nodes a {kind} allows: split the phones into "
                       "several clusters")
        lines.add(BomItem(home, "CUCM call-processing subscribers", "Cisco Unified CM node (virtual machine)",
                          primaries + backups, reason,
                          f"{limits.cite('devices_per_call_processing_node')}; {COMMUNITY}: \u201c{Q_REDUNDANCY}\u201d; "
                          f"{DEDICATED_SUBSCRIBERS}", "cluster", per_node_unconfirmed))
        dedicated = primaries > COMBINED_TFTP_MAX_PRIMARIES
        lines.add(BomItem(
            home, "CUCM TFTP and media services",
            "Cisco Unified CM node (virtual machine), dedicated TFTP" if dedicated
            else "on the publisher (no node of its own)", int(dedicated),
            f"cluster '{cluster}': {counted(primaries, 'primary subscriber')}: "
            + ("a large cluster: a dedicated TFTP server; music on hold and conference bridges on the subscribers"
               if dedicated else f"up to {COMBINED_TFTP_MAX_PRIMARIES} primaries the publisher runs TFTP, and the "
               "subscribers music on hold and conference bridges"),
            TFTP_SOURCE, "cluster", True))


def key_servers(design: Design) -> int:
    """GET VPN cooperative key servers to deploy: the design's count, at least the vpn table's minimum (two)."""
    return max(design.vpn.getvpn_key_servers, int(load_table("vpn").value("getvpn_min_key_servers")))


def _link_sites(design: Design, results: Results) -> dict[str, set[str]]:
    """Technology -> ids of the sites with a link whose calls use it."""
    site_ids = {s.id for s in design.sites}
    out: dict[str, set[str]] = {}
    for link in results.links:
        for end in (link.a, link.b):
            if end in site_ids:
                out.setdefault(link.technology or results.recommendation.chosen, set()).add(end)
    return out


def _vpn_items(design: Design, results: Results, options: BomOptions, lines: _Lines) -> None:
    from advisor.demand import hub_site

    hub = hub_site(design)
    if hub is None:
        return
    by_tech = _link_sites(design, results)
    hub_voice = sum(link.voice_kbps for link in results.links if hub.id in (link.a, link.b))
    for tech, sites in by_tech.items():
        others = len(sites - {hub.id})
        if tech == "getvpn":
            table = load_table("vpn")
            least = int(table.value("getvpn_min_key_servers"))
            wanted = design.vpn.getvpn_key_servers
            quantity = key_servers(design)
            note = "" if wanted >= least else (f" (the design sets {wanted}: fewer than {least} leaves a single point "
                                               "of failure)")
            lines.add(BomItem(hub.id, "GET VPN key server", "Cisco IOS XE router (cooperative key server)", quantity,
                              f"GET VPN: {counted(len(sites), 'group member')} {'receives' if len(sites) == 1 else 'receive'} "
                              "one group security association "
                              f"from the key servers (GDOI); {count(quantity)} cooperative key servers so that one can "
                              f"fail{note}", f"{table.cite('getvpn_min_key_servers')}; {KS_SOURCE}", "vpn"))
        elif tech in HUB_TECHNOLOGIES and not (tech == "gre-ipsec" and design.vpn.gre_topology == "full-mesh"):
            label = tech_label(tech)
            phase = f" phase {design.vpn.dmvpn_phase}" if tech == "dmvpn" else ""
            role = "hub" if tech in HUB_SOURCES else "head-end"
            spare = ("; dual hub: the spokes keep a hub when one fails" if options.vpn_hubs == 2 else
                     "; one hub: no redundancy" if options.vpn_hubs == 1 else
                     f"; {options.vpn_hubs} hubs share the spokes and back each other up")
            lines.add(BomItem(hub.id, f"{label} {role} router", f"Cisco IOS XE router ({label} {role})",
                              options.vpn_hubs,
                              f"{label}{phase}: {counted(others, 'spoke site')} "
                              f"{'terminates its' if others == 1 else 'terminate their'} tunnels at the {role} "
                              f"{names_for(design).quoted(hub.id)}, whose WAN links carry {kbps(hub_voice)} of voice per direction at the busy "
                              f"hour{spare}", HUB_SOURCES.get(tech, HEAD_END_SOURCE), "vpn"))


def _site_items(design: Design, results: Results, options: BomOptions, lines: _Lines) -> None:
    table = load_table("srst_platforms")
    signalling = design.voice.signalling
    multisite = results.model.detected in MULTISITE
    gos = design.traffic.gos
    routers: dict[tuple, RouterChoice] = {}  # thousands of branches share a few (platform, phones) pairs
    trunk_lines: dict[tuple, TrunkLine] = {}
    for site, sized in zip(design.sites, results.sites, strict=True):
        phones = site.phone_count
        if multisite and phones > 0 and site.call_processing_nodes == 0:
            key = (site.survivability, site.srst_platform, site.srst_capacity, phones)
            choice = routers.get(key)
            if choice is None:
                choice = routers[key] = choose_router(site, phones, signalling, table)
            lines.add(BomItem(site.id, "SRST router (branch)", choice.model, 1 if choice.fits else 0, choice.reason,
                              choice.source, "router", choice.unconfirmed))
        if sized.pstn_trunks > 0:
            # thousands of sites share a few (trunks, Erlangs) pairs: each line's words worked out once
            key = (sized.pstn_trunks, sized.pstn_erlangs, math.copysign(1.0, sized.pstn_erlangs))
            trunk = trunk_lines.get(key)
            if trunk is None:
                full = erlang.trunks(sized.pstn_erlangs, gos) if sized.pstn_erlangs > 0 else 0
                trunk = trunk_lines[key] = pstn_line(options.pstn, sized.pstn_trunks, sized.pstn_erlangs, gos,
                                                     erlang_b=full)
            item = "PSTN SIP trunk" if options.pstn == "sip" else "PSTN digital trunk"
            lines.add(BomItem(site.id, item, PSTN_LABELS[options.pstn], trunk.quantity, trunk.reason, trunk.source,
                              "pstn"))


# -------------------------------------------------------------------------------------------------- output forms

JSON_KEYS = ("site", "item", "model", "quantity", "reason")


def to_json(items: Iterable[BomItem]) -> dict:
    """`{"items": [...]}`: the five keys `site, item, model, quantity, reason`, then `source`, `category` and
    `unconfirmed` (docs/bom-and-configs.md)."""
    return {"items": [item.as_json() for item in items]}


def totals(items: Iterable[BomItem]) -> list[tuple[str, str, int]]:
    """(item, model, total quantity) over all sites, in first-seen order; lines of quantity 0 are left out."""
    sums: dict[tuple[str, str], int] = {}
    for item in items:
        if item.quantity:
            key = (item.item, item.model)
            sums[key] = sums.get(key, 0) + item.quantity
    return [(item, model, qty) for (item, model), qty in sums.items()]


def quantities(design: Design, results: Results, options: BomOptions | None = None) -> dict[str, int]:
    """"item: model" -> total quantity over the design (what a scenario comparison sets side by side)."""
    return {f"{item}: {model}": qty for item, model, qty in totals(build(design, results, options))}


QUANTITY_FORMAT = "#,##0"  # a spreadsheet shows 1,200 SIP sessions grouped, as the app and the PDF do


def sheets(design: Design, items: list[BomItem], options: BomOptions | None = None) -> list[Sheet]:
    """The bill of materials as spreadsheet tables: the lines, the totals, and the choices behind them."""
    options = options or BomOptions()
    names = by_id(design.sites)
    title = f"Bill of materials: {name_or(design.name, 'Untitled design')}"  # blanks: as the PDF reads them
    lines = sheet("Bill of materials",
                  ("Site", "Site name", "Item", "Model", "Quantity", "Reason", "Source", "Unconfirmed"),
                  [(i.site, names.get(i.site, i.site), i.item, i.model, i.quantity, i.reason, i.source,
                    "yes" if i.unconfirmed else "") for i in items], title,
                  (None, None, None, None, QUANTITY_FORMAT, None, None, None))
    total = sheet("Totals", ("Item", "Model", "Quantity"), totals(items), title, (None, None, QUANTITY_FORMAT))
    assumptions = sheet("Assumptions", ("Setting", "Value"), assumption_rows(design, options), title)
    return [lines, total, assumptions]


def assumption_rows(design: Design, options: BomOptions) -> list[tuple[str, str]]:
    return [
        ("PSTN interface", PSTN_LABELS[options.pstn] + (" (the default)" if options.pstn == DEFAULT_PSTN else "")),
        ("VPN hubs (redundancy)", str(options.vpn_hubs)),
        ("Call-processing redundancy", design.cluster.redundancy),
        ("Grade of service", f"{setting_share(design.traffic.gos)} blocking (Erlang B)"),
        ("Signalling", design.voice.signalling.upper()),
        ("Quantities", "derived from the design's sizing at the busy hour; lines marked unconfirmed rest on a figure "
                       "to verify for your release"),
    ]


PLACEMENTS_SHOWN = 5  # subscriber placements named in a reason; the rest are counted (a line must fit a page)


def _placements(placed: list[tuple[int, str]]) -> str:
    """"2 at 'HQ', 1 at 'DC'" (each site as the findings name it), or for many sites the first few and what the rest
    add up to."""
    if not placed:
        return "none"
    shown = ", ".join(f"{n} at {site}" for n, site in placed[:PLACEMENTS_SHOWN])
    rest = placed[PLACEMENTS_SHOWN:]
    if not rest:
        return shown
    return f"{shown} and {count(sum(n for n, _ in rest))} at {count(len(rest))} more sites"
