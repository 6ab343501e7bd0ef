"""Plain references of the deployment stage's clustering-over-the-WAN and delay pieces (split from
tests/core/deployment_stage_plain.py, which lists every reference the stage test swaps in)."""

from __future__ import annotations

import heapq

from advisor import clustering, numbers
from advisor.findings import finding
from advisor.rules import (
    delay,
    delay_paths,
    deployment_paths,
    seed,
)
from advisor.rules._paths import Paths
from advisor.rules.delay_budget import DelayBudget, Hop
from advisor.rules.delay_forest import Distances
from advisor.tables import load_table
from tests.core.cow_plain import plain_cow_bandwidth, plain_cow_rtt

# --- plain references: clustering over the WAN, the delay check -------------------------------------------------


def _plain_cow_checks(design, sizing, clusters, rows, out):
    spanning = {c: ids for c, ids in clusters.items() if len(ids) > 1}
    if not spanning:
        return
    limit = deployment_paths.cow_rtt_limit_ms(design.cucm_release)
    paths = Paths(design)
    links = {ln.id: ln for ln in design.links}
    bound = clustering.max_sites()
    by_cluster, far = deployment_paths._pairs_by_cluster(design, sizing)
    too_far = {pair for pairs in far.values() for p in pairs for pair in ((p.a, p.b), (p.b, p.a))}
    results = {lr.id: lr for lr in sizing.links} if sizing is not None else {}
    spare_of, cluster_of = {}, {}
    for h, ln in links.items():
        lr = results.get(h)
        spare_of[h] = ln.capacity_kbps - ((lr.voice_kbps + lr.signalling_kbps) if lr is not None else 0.0)
        cluster_of[h] = lr.cluster_kbps if lr is not None and lr.cluster_kbps else None
    known = {(p.a, p.b): p.links for pairs in by_cluster.values() for p in pairs}
    found = paths.pair_paths([(a, b) for site_ids in spanning.values() if len(site_ids) <= bound
                              for i, a in enumerate(site_ids) for b in site_ids[i + 1:] if (a, b) not in too_far],
                             known)
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
        plain_cow_rtt(design, name, site_ids, found, limit, rows, out, too_far)
        plain_cow_bandwidth(design, name, by_cluster.get(name, []), (spare_of, cluster_of), links, rows, out)


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


def _plain_evaluate_once(design, sizing):
    """The verdict: the worst path, and the sites (design order) whose farthest partner is beyond the target."""
    paths = delay_paths.DelayPaths(design, {}, sizing) if delay_paths.aligned(design, sizing) else \
        delay_paths.DelayPaths(design, delay_paths.serialization_ms(sizing))
    worst, approximate = delay.farthest_partners(design, sizing, paths)
    if not worst:
        return None
    site, partner = _plain_named_pair(design, sizing, paths, worst)
    top = delay.budget(design, sizing, site, partner, paths=paths, lazy=True)
    fixed = top.total_ms - top.serialization_ms - top.propagation_ms
    limit = design.delay.target_ms + delay.EPS_MS
    beyond = {s for s, (dist, _partner) in worst.items() if dist + fixed > limit}
    return delay._Verdict(top, tuple(s.id for s in design.sites if s.id in beyond), approximate)


def _plain_named_pair(design, sizing, paths, worst):
    """The pair the worst delay names: every calling site at the worst delay (to 1e-12), each one's calling partners
    at its own farthest delay by a tree of its own; the smallest (site, partner) by ids; a site's PSTN partner when
    no calling site is at that delay."""
    top = max(dist for dist, _partner in worst.values())
    at_top = sorted(s for s, (dist, _partner) in worst.items() if dist >= top - abs(top) * 1e-12)
    if len(at_top) <= 2:
        return at_top[0], worst[at_top[0]][1]
    calling = delay_paths.calling_sites(design)
    hub = sizing.hub if sizing is not None else None
    pairs = []
    for site in at_top:
        far = worst[site][0]
        if hub is None:
            from_site = Distances(paths, site)
            dist = {q: from_site.get(q) for q in calling}
        else:
            from_hub = Distances(paths, hub)
            own = 0.0 if site == hub else from_hub.get(site)
            dist = {q: None if own is None or from_hub.get(q) is None else own + from_hub.get(q) for q in calling}
        tied = [q for q in calling if q != site and dist[q] is not None and abs(dist[q] - far) <= abs(far) * 1e-12]
        pairs.append((site, min(tied)) if tied else (site, worst[site][1]))
    return min(pairs)


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
