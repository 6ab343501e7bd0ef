"""CUCM cluster capacity: publishers and subscribers per cluster, devices per cluster, and the call-processing nodes
the phones need with the chosen redundancy (1:1 or 2:1), all from the editable `cluster_limits` table.

A site's phones register to its own cluster (`site.cluster_id`). Call-processing nodes placed = publisher +
subscribers (a small cluster's publisher runs call processing). Needed: primaries = ceil(devices / devices per node),
backups = primaries (1:1) or ceil(primaries / 2) (2:1).
"""

from __future__ import annotations

import math
from collections import deque
from itertools import chain, compress, repeat
from operator import add, setitem

from advisor.findings import Finding, finding
from advisor.model import Design
from advisor.numbers import counted
from advisor.results import DeploymentResult
from advisor.routing_graph import site_index
from advisor.rules import seed
from advisor.rules._columns import site_field
from advisor.rules._names import Names
from advisor.tables import Table, load_table

Row = tuple[str, str, str]
_FEW_SITES = 64  # call-processing sites in all read one by one; more, by column

COMMUNITY = ("Cisco Community, 'How does the CUCM 2:1 redundancy work', and ccieme's CIPT1 notes on cluster growth and "
             "redundancy (secondary sources)")
Q_REDUNDANCY = ("Depending on the redundancy scheme chosen \u2026 the call processing subscriber will be either a "
                "primary (active) subscriber or a backup (standby) subscriber.")


def backups_for(primaries: int, redundancy: str) -> int:
    """Backup subscribers a redundancy scheme needs: one per primary (1:1), one per two primaries (2:1)."""
    return primaries if redundancy == "1:1" else math.ceil(primaries / 2)


def nodes_needed(devices: int, per_node: float, redundancy: str) -> tuple[int, int]:
    """(primary, backup) call-processing nodes for `devices` at `per_node` devices per node."""
    primaries = math.ceil(devices / per_node) if devices > 0 and per_node > 0 else 0
    return primaries, backups_for(primaries, redundancy)


def _limits(design: Design, limits: Table) -> tuple[str, float, float, float | None, float | None, list[str]]:
    """(kind, most devices, most call-processing nodes, most primaries, most backups, table keys) for the design's
    kind of cluster."""
    if design.cluster.megacluster:
        primary, standby = limits.value("megacluster_max_primary_nodes"), limits.value("megacluster_max_standby_nodes")
        return ("megacluster", limits.value("megacluster_max_devices"), primary + standby, primary, standby,
                ["megacluster_max_primary_nodes", "megacluster_max_devices"])
    return ("cluster", limits.value("max_devices"), limits.value("max_subscribers"), None, None,
            ["max_subscribers", "max_devices"])


def size_remedy(split: bool, missing_nodes: int, publishers: int, most_publishers: float = 1) -> str:
    """DEP-CLUSTER-SIZE's remedy for the problems it found, not for every problem a cluster can have: a cluster too
    large is split (each part with one publisher), one short of nodes gets the subscribers it lacks, and one with no
    publisher or several is told to have exactly one."""
    steps = []
    if split:
        steps.append("split the phones and nodes into several clusters joined by inter-cluster trunks (distributed "
                     "call processing), each with one publisher")
    if missing_nodes > 0:
        steps.append(f"add at least {counted(missing_nodes, 'call-processing subscriber')}")
    if not split and publishers == 0:
        steps.append("make one of the cluster's call-processing sites its publisher")
    elif not split and publishers > most_publishers:
        steps.append("keep one publisher and make the others subscribers")
    text = "; ".join(steps) or "give the cluster one publisher and the call-processing subscribers it needs"
    return f"{text[0].upper()}{text[1:]}."


def cluster_checks(design: Design, dep: DeploymentResult, phones: list[int], rows: list[Row], out: list[Finding],
                   names: Names) -> None:
    limits = load_table("cluster_limits")
    kind, max_devices, max_nodes, max_primary, max_standby, keys = _limits(design, limits)
    max_pubs = limits.value("max_publishers")
    max_sites = limits.value("remote_failover_max_sites")
    per_node = limits.value("devices_per_call_processing_node")
    per_node_note = " (unconfirmed)" if limits.entries["devices_per_call_processing_node"].verify else ""
    redundancy = design.cluster.redundancy
    at = site_index(design)  # memoised per design: no per-site dict of its own
    cluster_ids = site_field(design, "cluster_id")
    if sum(map(len, dep.clusters.values())) > _FEW_SITES:  # each cluster's sites' nodes read off two columns
        subscribers_of, publisher_of = site_field(design, "cucm_subscribers"), site_field(design, "cucm_publisher")
    else:  # a few call-processing sites (the usual design): each site's own two fields
        sites_of = design.sites
        subscribers_of = [0] * len(sites_of)
        publisher_of = [False] * len(sites_of)
        for k in map(at.__getitem__, chain.from_iterable(dep.clusters.values())):
            subscribers_of[k], publisher_of[k] = sites_of[k].cucm_subscribers, sites_of[k].cucm_publisher
    devices_of: dict[str, int] = {}
    if len(set(cluster_ids)) == 1:  # one cluster (the usual case): its phones are everyone's, summed in C
        if any(phones):
            devices_of[cluster_ids[0]] = sum(phones)
    else:  # each site with phones adds them to its cluster's running total (integers: in any order the same sums)
        ids, counts = list(compress(cluster_ids, phones)), list(compress(phones, phones))
        deque(map(setitem, repeat(devices_of), ids, map(add, map(devices_of.get, ids, repeat(0)), counts)), 0)
    limit_cites = {k: limits.cite(k) for k in limits.entries}  # the same few, for every cluster
    for cluster, site_ids in dep.clusters.items():
        sites = list(map(at.__getitem__, site_ids))  # their positions in the design
        subs = sum(map(subscribers_of.__getitem__, sites))
        pubs = sum(map(publisher_of.__getitem__, sites))
        placed = subs + pubs
        devices = devices_of.get(cluster, 0)
        primaries, backups = nodes_needed(devices, per_node, redundancy)
        needed = primaries + backups
        problems, cited = [], [keys[0]]
        if subs > max_nodes:
            problems.append(f"{subs:,} call-processing subscribers (at most {max_nodes:g} in a {kind})")
        if pubs > max_pubs:
            problems.append(f"{pubs:,} publishers (exactly {max_pubs:g})")
        if pubs == 0:
            problems.append("no publisher (a cluster has exactly one)")
        if len(sites) > max_sites:
            problems.append(f"nodes at {len(sites):,} sites (at most {max_sites:g}, with remote failover)")
            cited.append("remote_failover_max_sites")
        if devices > max_devices:
            problems.append(f"{devices:,} phones (at most {max_devices:,.0f} devices in a {kind})")
            cited.append(keys[1])
        too_many = needed > max_nodes or (max_primary is not None and primaries > max_primary) or (
            max_standby is not None and backups > max_standby)
        sizing = (f"{counted(devices, 'phone')} at {per_node:,.0f} devices per call-processing node{per_node_note} "
                  f"{'needs' if devices == 1 else 'need'} "
                  f"{counted(primaries, 'primary node')} + {counted(backups, 'backup node')} with {redundancy} redundancy")
        if too_many:
            problems.append(f"too many phones for one {kind}: {sizing}, more than the {max_nodes:g} call-processing nodes it allows")
            cited += [keys[0], "devices_per_call_processing_node"]
        elif placed < primaries:
            problems.append(f"too few call-processing nodes: {sizing}, but only {counted(placed, 'call-processing node')} "
                            f"{'is' if placed == 1 else 'are'} placed (publisher and "
                            "subscribers): over capacity")
            cited.append("devices_per_call_processing_node")
        rows.append((f"cluster '{cluster}' size", "fail" if subs > max_nodes or pubs != 1 or len(sites) > max_sites
                     else "ok", f"{counted(pubs, 'publisher')}, {counted(subs, 'subscriber')} at {counted(len(sites), 'site')}"))
        rows.append((f"cluster '{cluster}' devices", "fail" if devices > max_devices else "ok",
                     f"{counted(devices, 'phone')} (at most {max_devices:,.0f} in a {kind})"))
        short_backups = 0 if too_many or placed < primaries else max(0, needed - placed)
        node_ok = not too_many and placed >= needed
        rows.append((f"cluster '{cluster}' call-processing nodes", "ok" if node_ok else "fail",
                     f"{sizing} = {needed} (at most {max_nodes:g}); {placed} placed (publisher and subscribers)"
                     if devices else f"no phones register to it; {counted(placed, 'node')} placed"))
        where = f"cluster '{cluster}' (at {names.sites(site_ids)})"
        if problems:
            cites = "; ".join(map(limit_cites.__getitem__, dict.fromkeys(cited)))
            out.append(finding(
                "DEP-CLUSTER-SIZE", site_ids, f"{where} has {'; '.join(problems)}",
                f"{seed.cite(seed.SRND_CLUSTER, seed.SRND)} Limits: {cites}",
                size_remedy(subs > max_nodes or len(sites) > max_sites or devices > max_devices or too_many,
                            0 if too_many else primaries - placed, pubs, max_pubs), rule="DEP-R4",
                source=seed.SRND_CLUSTER))
        if short_backups:
            have = placed - primaries
            spare = "no backup subscriber" if have == 0 else f"only {counted(have, 'backup')}"
            out.append(finding(
                "DEP-CLUSTER-REDUNDANCY", site_ids,
                f"{where}: {sizing}, and {counted(placed, 'call-processing node')} {'is' if placed == 1 else 'are'} "
                f"placed (publisher and subscribers): {spare}, {short_backups} short",
                f"{seed.cite(seed.AV_CLUSTER)} {COMMUNITY}: \u201c{Q_REDUNDANCY}\u201d Per-node figure: "
                f"{limit_cites['devices_per_call_processing_node']}",
                f"Add {counted(short_backups, 'backup subscriber')} so that every primary node has a standby"
                + (", or choose 2:1 redundancy (one backup for every two primaries)" if redundancy == "1:1"
                   and primaries > 1 else "") + ".",
                rule="DEP-R15", source=seed.AV_CLUSTER))
