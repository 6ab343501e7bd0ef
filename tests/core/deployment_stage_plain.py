"""Plain site-by-site and link-by-link references of the deployment stage's pieces, for
tests/core/test_deployment_stage_columns.py to compare the column-by-column code with."""

from __future__ import annotations

import heapq
import sys
from operator import neg
from pathlib import Path

from advisor import numbers
from advisor.findings import finding, findings_many
from advisor.rules import (
    cac,
    cluster,
    delay,
    delay_paths,
    deployment,
    seed,
    survivability,
)
from advisor.rules.delay_budget import DelayBudget
from advisor.tables import load_table

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from tests.core.delay_stage_plain import (  # noqa: E402
    _plain_cow_checks,
    _plain_evaluate_once,
    _plain_farthest_partners,
    _plain_route_budget,
    _plain_top_two,
)

# --- plain references: site by site, link by link ---------------------------------------------------------------


def _plain_clusters_of(design, nodes=None):
    out: dict[str, list[str]] = {}
    for s in design.sites:
        if s.call_processing_nodes > 0:
            out.setdefault(s.cluster_id, []).append(s.id)
    return {k: tuple(v) for k, v in out.items()}


def _plain_pstn_nowhere(design, sizing, out, names):
    pstn = sizing.pstn_site if sizing is not None else None
    if sizing is None or (pstn is not None and design.traffic.central_pstn_site is not None) \
            or all(s.pstn_gateway for s in design.sites):
        return
    stranded = [(s.id, r.pstn_erlangs) for s, r in zip(design.sites, sizing.sites, strict=True)
                if not s.pstn_gateway and s.id != pstn and r.pstn_erlangs >= deployment._NOISE_ERLANGS]
    if not stranded:
        return
    total = sum(e for _id, e in stranded)
    ids = [i for i, _e in stranded]
    one = len(ids) == 1
    if not any(s.pstn_gateway for s in design.sites):
        out.append(finding(
            "DEP-PSTN-NO-GATEWAY", ("design",),
            f"no site has a PSTN gateway: the PSTN share, {numbers.erlangs(total)} in all, has no gateway to size "
            "trunks on; the sizing carries these calls on no trunk and no link",
            deployment.PSTN_BREAKOUT, "Mark the PSTN gateway of a site (the HQ's, for a central breakout), or set the "
            "PSTN share to 0 % if the design has no PSTN calls.", rule="DEP-R17", source=deployment.PSTN_BREAKOUT))
        return
    why = (f"the WAN does not join {'it' if one else 'them'} to {names.quoted(pstn)}, the site PSTN calls are hauled "
           "to" if pstn is not None else
           "calls are hauled only to an HQ or call-processing site with a gateway, and none has one")
    out.append(finding(
        "DEP-PSTN-NO-GATEWAY", ids,
        f"{numbers.counted(len(ids), 'site')} without a PSTN gateway {'has' if one else 'have'} "
        f"{numbers.erlangs(total)} of PSTN calls in all and no gateway to haul them to: {names.sites(ids)}; {why}; "
        "the sizing carries these calls on no trunk and no link",
        deployment.PSTN_BREAKOUT,
        (f"Join {'this site' if one else 'these sites'} to {names.quoted(pstn)} over the WAN, or give "
         f"{'it a local PSTN gateway' if one else 'them local PSTN gateways'}." if pstn is not None else
         "Mark the PSTN gateway of the HQ (or of a call-processing site), name a central PSTN site, or "
         "give these sites local PSTN gateways."), rule="DEP-R17", source=deployment.PSTN_BREAKOUT))


def _plain_cluster_checks(design, dep, phones, rows, out, names):
    limits = load_table("cluster_limits")
    kind, max_devices, max_nodes, max_primary, max_standby, keys = cluster._limits(design, limits)
    max_pubs, max_sites = limits.value("max_publishers"), limits.value("remote_failover_max_sites")
    per_node = limits.value("devices_per_call_processing_node")
    per_node_note = " (unconfirmed)" if limits.entries["devices_per_call_processing_node"].verify else ""
    redundancy = design.cluster.redundancy
    by_id = {s.id: s for s in design.sites}
    devices_of: dict[str, int] = {}
    for s, p in zip(design.sites, phones, strict=True):
        if p:
            devices_of[s.cluster_id] = devices_of.get(s.cluster_id, 0) + p
    for name, site_ids in dep.clusters.items():
        sites = [by_id[i] for i in site_ids]
        subs = sum(s.cucm_subscribers for s in sites)
        pubs = sum(s.cucm_publisher for s in sites)
        placed = subs + pubs
        devices = devices_of.get(name, 0)
        primaries, backups = cluster.nodes_needed(devices, per_node, redundancy)
        needed = primaries + backups
        problems, cited = [], [keys[0]]
        if subs > max_nodes:
            problems.append(f"{subs} call-processing subscribers (at most {max_nodes:g} in a {kind})")
        if pubs > max_pubs:
            problems.append(f"{pubs} publishers (exactly {max_pubs:g})")
        if pubs == 0:
            problems.append("no publisher (a cluster has exactly one)")
        if len(sites) > max_sites:
            problems.append(f"nodes at {len(sites)} sites (at most {max_sites:g}, with remote failover)")
            cited.append("remote_failover_max_sites")
        if devices > max_devices:
            problems.append(f"{devices:,} phones (at most {max_devices:,.0f} devices in a {kind})")
            cited.append(keys[1])
        too_many = needed > max_nodes or (max_primary is not None and primaries > max_primary) or (
            max_standby is not None and backups > max_standby)
        sizing = (f"{numbers.counted(devices, 'phone')} at {per_node:,.0f} devices per call-processing node"
                  f"{per_node_note} {'needs' if devices == 1 else 'need'} {numbers.counted(primaries, 'primary node')}"
                  f" + {numbers.counted(backups, 'backup node')} with {redundancy} redundancy")
        if too_many:
            problems.append(f"too many phones for one {kind}: {sizing}, more than the {max_nodes:g} call-processing "
                            "nodes it allows")
            cited += [keys[0], "devices_per_call_processing_node"]
        elif placed < primaries:
            problems.append(f"too few call-processing nodes: {sizing}, but only "
                            f"{numbers.counted(placed, 'call-processing node')} {'is' if placed == 1 else 'are'} "
                            "placed (publisher and subscribers): over capacity")
            cited.append("devices_per_call_processing_node")
        rows.append((f"cluster '{name}' size", "fail" if subs > max_nodes or pubs != 1 or len(sites) > max_sites
                     else "ok", f"{numbers.counted(pubs, 'publisher')}, {numbers.counted(subs, 'subscriber')} at "
                                f"{numbers.counted(len(sites), 'site')}"))
        rows.append((f"cluster '{name}' devices", "fail" if devices > max_devices else "ok",
                     f"{numbers.counted(devices, 'phone')} (at most {max_devices:,.0f} in a {kind})"))
        short_backups = 0 if too_many or placed < primaries else max(0, needed - placed)
        rows.append((f"cluster '{name}' call-processing nodes", "ok" if not too_many and placed >= needed else "fail",
                     f"{sizing} = {needed} (at most {max_nodes:g}); {placed} placed (publisher and subscribers)"
                     if devices else f"no phones register to it; {numbers.counted(placed, 'node')} placed"))
        where = f"cluster '{name}' (at {names.sites(site_ids)})"
        if problems:
            cites = "; ".join(limits.cite(k) for k in dict.fromkeys(cited))
            out.append(finding(
                "DEP-CLUSTER-SIZE", site_ids, f"{where} has {'; '.join(problems)}",
                f"{seed.cite(seed.SRND_CLUSTER, seed.SRND)} Limits: {cites}",
                cluster.size_remedy(subs > max_nodes or len(site_ids) > max_sites or devices > max_devices or too_many,
                                    0 if too_many else primaries - placed, pubs, max_pubs), rule="DEP-R4",
                source=seed.SRND_CLUSTER))
        if short_backups:
            have = placed - primaries
            spare = "no backup subscriber" if have == 0 else f"only {numbers.counted(have, 'backup')}"
            out.append(finding(
                "DEP-CLUSTER-REDUNDANCY", site_ids,
                f"{where}: {sizing}, and {numbers.counted(placed, 'call-processing node')} "
                f"{'is' if placed == 1 else 'are'} placed (publisher and subscribers): {spare}, {short_backups} short",
                f"{seed.cite(seed.AV_CLUSTER)} {cluster.COMMUNITY}: \u201c{cluster.Q_REDUNDANCY}\u201d Per-node "
                f"figure: {limits.cite('devices_per_call_processing_node')}",
                f"Add {numbers.counted(short_backups, 'backup subscriber')} so that every primary node has a standby"
                + (", or choose 2:1 redundancy (one backup for every two primaries)" if redundancy == "1:1"
                   and primaries > 1 else "") + ".", rule="DEP-R15", source=seed.AV_CLUSTER))


def _plain_sites_by_mode(ids, modes, wanted):
    by_mode: dict[str, list[str]] = {}
    for site_id, mode in zip(ids, modes, strict=True):
        if mode in wanted:
            by_mode.setdefault(mode, []).append(site_id)
    return by_mode


def _plain_capacity(remote, modes, rows, out, names):
    """DEP-SRST-CAPACITY site by site: each remote site's capacity worked out on its own."""
    table = load_table("srst_platforms")
    cite = seed.cite(seed.AV_SRST)
    checked, short, found = 0, [], []
    unknown: dict[str, tuple[list[str], list[int]]] = {}
    sources: dict[str, str] = {}
    for site_id, site_phones, mode, setting, platform in zip(
            remote.ids, remote.phones, modes, [s.srst_capacity for s in remote.sites],
            [s.srst_platform for s in remote.sites], strict=True):
        if mode not in survivability.SRST_MODES:
            continue
        cap = survivability.capacity_of(setting, mode, platform, table)
        if cap.phones is None:
            ids, counted = unknown.setdefault(cap.why, ([], []))
            ids.append(site_id)
            counted.append(site_phones)
            if cap.source:
                sources[cap.why] = cap.source
            continue
        checked += 1
        if cap.phones < site_phones:
            short.append(site_id)
            unconfirmed = " (an unconfirmed figure to verify)" if cap.verify else ""
            found.append(((site_id,), f"{names.site(site_id)} has {numbers.counted(site_phones, 'phone')} but its "
                                      f"{survivability.MODE_LABELS[mode]} supports {cap.phones:,}{unconfirmed}: "
                                      f"{site_phones - cap.phones:,} would stay unregistered during a WAN outage",
                          f"{cite} {survivability.quote(survivability.Q_MAX_PHONES)} Capacity: {cap.why}"))
    if found:
        out.extend(findings_many(
            "DEP-SRST-CAPACITY", found,
            "Use a larger SRST platform (ISR 4000 or Catalyst 8000 series) or split the phones across routers.",
            rule="DEP-R6", source=seed.AV_SRST))
    for why, (ids, counted) in unknown.items():
        out.append(finding(
            "DEP-SRST-CAPACITY", ids,
            f"the SRST capacity of {numbers.counted(len(ids), 'site')} with {numbers.counted(sum(counted), 'phone')} "
            f"cannot be checked: {why}: {names.sites(ids)}",
            f"{cite} {survivability.quote(survivability.Q_MAX_PHONES)}"
            + (f" Platform: {sources[why]}" if why in sources else ""),
            "Set each site's SRST capacity from Cisco's 'Unified SRST/E-SRST Supported Firmware, Platforms, "
            "Memory' table for its router and mode, or add the platform and mode to the advisor's SRST platform "
            "table.", severity="warning", rule="DEP-R6", source=seed.AV_SRST))
    unknown_n = sum(len(v[0]) for v in unknown.values())
    if checked or unknown_n:
        detail = (f"{numbers.counted(checked, 'site')} checked against {'its' if checked == 1 else 'their'} SRST "
                  f"capacity, {len(short):,} short")
        detail += f" ({names.sites(short)})" if short else ""
        detail += f"; {unknown_n:,} whose capacity cannot be checked" if unknown_n else ""
        rows.append(("SRST capacity", "fail" if short or unknown_n else "ok", detail))


def _plain_cut(design, dep, remote):
    """The remote sites no WAN path joins to a call-processing site: a search from those sites over every link."""
    adj: dict[str, list[str]] = {}
    for ln in design.links:
        adj.setdefault(ln.a, []).append(ln.b)
        adj.setdefault(ln.b, []).append(ln.a)
    reached = set(dep.call_processing_sites)
    todo = list(reached)
    while todo:
        for v in adj.get(todo.pop(), ()):
            if v not in reached:
                reached.add(v)
                todo.append(v)
    return [s.id for s in remote if s.id not in reached]


def _plain_hauled_sites(design, sizing):
    t = design.traffic
    central = t.central_pstn_site or (sizing.pstn_site if sizing is not None else None)
    if not central or t.pstn_share <= 0:
        return central, []
    return central, [s.id for s in design.sites if s.phone_count > 0 and s.id != central
                     and (t.central_pstn_site is not None or not s.pstn_gateway)]


def _plain_busiest(k, ids, calls):
    return heapq.nsmallest(k, zip(map(neg, calls), ids, strict=True))


def _plain_busiest_locations(k, design, ends_a, ends_b, calls):
    sites = {s.id for s in design.sites}
    count: dict[str, int] = {}
    total: dict[str, int] = {}
    for a, b, c in zip(ends_a, ends_b, calls, strict=True):
        for end in (a, b):
            if end in sites:
                count[end] = count.get(end, 0) + 1
                total[end] = total.get(end, 0) + c
    shared = [s for s, n in count.items() if n > 1]
    return _plain_busiest(k, shared, [total[s] for s in shared]), len(shared)


PLAIN = [(deployment, "clusters_of", _plain_clusters_of), (deployment, "_pstn_nowhere", _plain_pstn_nowhere),
         (deployment, "_cut", _plain_cut), (deployment, "_cut_on_forest", lambda *a: None),
         (deployment, "_cut_on_clouds", lambda *a: None), (delay_paths, "hauled_sites", _plain_hauled_sites),
         (deployment, "cluster_checks", _plain_cluster_checks), (survivability, "_capacity", _plain_capacity),
         (survivability, "_sites_by_mode", _plain_sites_by_mode),
         (cac, "busiest", _plain_busiest), (cac, "busiest_locations", _plain_busiest_locations),
         (deployment, "cow_checks", _plain_cow_checks), (delay, "farthest_partners", _plain_farthest_partners),
         (delay, "_route_budget", _plain_route_budget), (delay_paths, "top_two", _plain_top_two),
         (delay, "_evaluate_once", _plain_evaluate_once),
         (delay_paths.DelayPaths, "_sized_forest", lambda self: None),  # `Paths`' own trees and paths
         (DelayBudget, "budget", lambda self: self)]
