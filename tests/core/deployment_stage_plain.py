"""Plain site-by-site and link-by-link references of the deployment stage's pieces, for
tests/core/test_deployment_stage_columns.py to compare the column-by-column code with."""

from __future__ import annotations

import heapq
import sys
from operator import neg
from pathlib import Path

from advisor import clustering, numbers
from advisor.findings import finding, findings_many
from advisor.rules import (
    cac,
    cluster,
    delay,
    delay_paths,
    deployment,
    deployment_paths,
    seed,
    survivability,
)
from advisor.rules._paths import Paths
from advisor.rules.delay_budget import DelayBudget, Hop
from advisor.rules.delay_forest import Distances
from advisor.tables import load_table

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))


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
                "Split the phones and nodes into several clusters joined by inter-cluster trunks (distributed call "
                "processing), add call-processing subscribers up to the cluster's limit, and give each cluster one "
                "publisher.", rule="DEP-R4", source=seed.SRND_CLUSTER))
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


def _plain_cow_checks(design, sizing, clusters, rows, out):
    spanning = {c: ids for c, ids in clusters.items() if len(ids) > 1}
    if not spanning:
        return
    limit = deployment_paths.cow_rtt_limit_ms(design.cucm_release)
    paths = Paths(design)
    links = {ln.id: ln for ln in design.links}
    bound = clustering.max_sites()
    by_cluster = deployment_paths._pairs_by_cluster(design, sizing)
    results = {lr.id: lr for lr in sizing.links} if sizing is not None else {}
    spare_of, cluster_of = {}, {}
    for h, ln in links.items():
        lr = results.get(h)
        spare_of[h] = ln.capacity_kbps - ((lr.voice_kbps + lr.signalling_kbps) if lr is not None else 0.0)
        cluster_of[h] = lr.cluster_kbps if lr is not None and lr.cluster_kbps else None
    known = {(p.a, p.b): p.links for pairs in by_cluster.values() for p in pairs}
    found = paths.pair_paths([(a, b) for site_ids in spanning.values() if len(site_ids) <= bound
                              for i, a in enumerate(site_ids) for b in site_ids[i + 1:]], known)
    for name, site_ids in spanning.items():
        if len(site_ids) > bound:
            limits = load_table("cluster_limits")
            n = numbers.count(len(site_ids))
            nodes, subscribers = clustering.node_limit()
            why = (f"one cluster holds at most {numbers.count(nodes)} call-processing nodes (a publisher and "
                   f"{numbers.count(subscribers)} subscribers), so its nodes can be at no more than "
                   f"{numbers.count(nodes)} sites" if len(site_ids) > nodes
                   else f"pairs are worked out for at most {numbers.count(bound)} sites of one cluster")
            rows.append((f"clustering over the WAN, cluster '{name}'", "fail",
                         f"not worked out: call-processing nodes at {n} sites; {why}"))
            out.append(finding(
                "DEP-COW-BANDWIDTH", site_ids,
                f"cluster '{name}' has call-processing nodes at {n} sites, but {why}: the round-trip times and the "
                "intra-cluster traffic (ICCS and database replication) between its sites were not worked out, and "
                "the links are sized without that traffic",
                f"{seed.cite(seed.SRND_CLUSTER, seed.SRND)} {seed.cite(seed.SRND_COW_BW, seed.SRND)} Limits: "
                f"{limits.cite('max_subscribers')}; {limits.cite('megacluster_max_primary_nodes')}; "
                f"{limits.cite('remote_failover_max_sites')}",
                f"Split the sites into clusters of at most {limits.value('remote_failover_max_sites'):g} sites each, "
                "joined by inter-cluster trunks (distributed call processing); the round-trip times and "
                "intra-cluster bandwidth of each cluster are then checked.",
                severity="warning", rule="DEP-R10", source=seed.SRND_COW_BW))
            continue
        deployment_paths._cow_rtt(design, name, site_ids, found, limit, rows, out)
        deployment_paths._cow_bandwidth(design, name, by_cluster.get(name, []), (spare_of, cluster_of), links, rows,
                                        out)


def _plain_farthest_partners(design, sizing, paths):
    """The farthest partners with the PSTN site's distances read from `rtts_from`'s dict, one site at a time."""
    terminals = delay_paths.calling_sites(design)
    hub = sizing.hub if sizing is not None else None
    worst: dict = {}
    approximate = False
    d_hub = Distances(paths, hub) if hub is not None else None
    if len(terminals) >= 2:
        centre = hub if hub is not None else delay_paths.single_cloud(design)
        if centre is not None:
            delay_paths.via_hub(d_hub if d_hub is not None else Distances(paths, centre), centre, terminals, worst)
        else:
            approximate = delay_paths.underlay(paths, terminals, worst)
    central, hauled = delay_paths.hauled_sites(design, sizing)
    if hauled:
        if d_hub is not None:
            to_gw = d_hub.get(central)
            d = {s: d_hub[s] + to_gw for s in hauled if s in d_hub} if to_gw is not None else {}
        else:
            d = paths.rtts_from(central)
        for sid in hauled:
            if sid in d and d[sid] > worst.get(sid, (-1.0, ""))[0]:
                worst[sid] = (d[sid], central)
    return worst, approximate


def _plain_underlay(paths, terminals, worst):
    """`delay_paths._underlay` site by site: the drawing's parts labelled, each part's sweeps read with `max`."""
    forest, index = paths.is_forest(), paths.index
    label = delay_paths._components(len(paths.ids), paths.ends)
    parts: dict[int, tuple[list[str], list[int]]] = {}
    for t in terminals:
        part = parts.setdefault(label[index[t]], ([], []))
        part[0].append(t)
        part[1].append(index[t])
    approximate = False
    for comp_t, comp_n in parts.values():
        if len(comp_t) < 2:
            continue
        if not forest and len(comp_t) <= delay_paths.EXACT_PAIRS_MAX_SITES:
            delay_paths._exact_pairs(paths, comp_t, comp_n, worst)
            continue
        approximate = approximate or not forest

        def first_farthest(d, comp_t=comp_t, comp_n=comp_n):
            top = max(d[n] for n in comp_n)
            return next(t for t, n in zip(comp_t, comp_n, strict=True) if d[n] == top)

        a = first_farthest(paths.distances(comp_t[0])[0])
        da = paths.distances(a)[0]
        b = first_farthest(da)
        db = paths.distances(b)[0]
        for t, n in zip(comp_t, comp_n, strict=True):
            worst[t] = max((da[n], a), (db[n], b))
        worst[a] = (db[index[a]], b)
        if b != a:
            worst[b] = (da[index[b]], a)
    return approximate


def _plain_evaluate_once(design, sizing):
    """The verdict: the worst path, and the sites (design order) whose farthest partner is beyond the target."""
    paths = delay_paths.DelayPaths(design, {}, sizing) if delay_paths.aligned(design, sizing) else \
        delay_paths.DelayPaths(design, delay_paths.serialization_ms(sizing))
    worst, approximate = delay.farthest_partners(design, sizing, paths)
    if not worst:
        return None
    network = [dist for dist, _partner in worst.values()]
    site = list(worst)[network.index(max(network))]
    top = delay.budget(design, sizing, site, worst[site][1], paths=paths, lazy=True)
    fixed = top.total_ms - top.serialization_ms - top.propagation_ms
    limit = design.delay.target_ms + delay.EPS_MS
    beyond = {s for s, (dist, _partner) in worst.items() if dist + fixed > limit}
    return delay._Verdict(top, tuple(s.id for s in design.sites if s.id in beyond), approximate)


def _plain_top_two(dist, terminals, hub):
    return heapq.nlargest(2, [(dt, t) for dt, t in zip(dist, terminals, strict=True) if dt is not None and t != hub])


def _plain_route_budget(design, sizing, a, b, paths):
    """The whole budget, every hop made, by link id: `DelayBudget` sums its hops."""
    paths = paths if paths is not None else delay_paths.DelayPaths(design, delay_paths.serialization_ms(sizing))
    hub = sizing.hub if sizing is not None else None
    if hub is not None and hub not in (a, b):  # each leg from the hub's tree
        legs = paths.numbered_paths(hub, (a, b))
        if a not in legs or b not in legs:
            return None
        numbered = [*reversed(legs[a][1]), *legs[b][1]]
    else:
        got = paths.numbered_paths(a, (b,)).get(b)
        if got is None:
            return None
        numbered = got[1]
    walked = [paths.index[a]]
    for k in numbered:
        u, v = paths.ends[k]
        walked.append(v if u == walked[-1] else u)
    nodes, ids = tuple(paths.ids[n] for n in walked), [design.links[k].id for k in numbered]
    by_id = {ln.id: ln for ln in design.links}
    results = {lr.id: lr for lr in sizing.links} if sizing is not None else {}
    hops = []
    for lid in ids:
        ln, lr = by_id[lid], results.get(lid)
        ser = lr.frame_bytes * 8.0 / lr.capacity_kbps if lr is not None and lr.capacity_kbps > 0 else 0.0
        hops.append(Hop(lid, ln.rtt_ms / 2, ser, lr.frame_bytes if lr is not None else None, ln.capacity_kbps))
    codec = delay.resolve(design.voice.codec)
    ptime = design.voice.ptime_ms if design.voice.ptime_ms is not None else codec.default_ptime_ms
    return DelayBudget(a=a, b=b, nodes=nodes, hub=hub if hub in nodes[1:-1] else None, hops=tuple(hops),
                       coder=delay.coder_delay(codec), packetization_ms=float(ptime),
                       jitter_buffer_ms=design.delay.jitter_buffer_ms, target_ms=design.delay.target_ms,
                       serialization_known=sizing is not None)


PLAIN = [(deployment, "clusters_of", _plain_clusters_of), (deployment, "_pstn_nowhere", _plain_pstn_nowhere),
         (deployment, "_cut", _plain_cut), (deployment, "_cut_on_forest", lambda *a: None),
         (deployment, "_cut_on_clouds", lambda *a: None), (delay_paths, "hauled_sites", _plain_hauled_sites),
         (deployment, "cluster_checks", _plain_cluster_checks), (survivability, "_capacity", _plain_capacity),
         (survivability, "_sites_by_mode", _plain_sites_by_mode),
         (cac, "busiest", _plain_busiest), (cac, "busiest_locations", _plain_busiest_locations),
         (deployment, "cow_checks", _plain_cow_checks), (delay, "farthest_partners", _plain_farthest_partners),
         (delay, "_route_budget", _plain_route_budget), (delay_paths, "top_two", _plain_top_two),
         (delay_paths, "_underlay", _plain_underlay), (delay, "_evaluate_once", _plain_evaluate_once),
         (delay_paths.DelayPaths, "_sized_forest", lambda self: None),  # `Paths`' own trees and paths
         (DelayBudget, "budget", lambda self: self)]
