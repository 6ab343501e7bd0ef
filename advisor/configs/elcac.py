"""CUCM location bandwidths (Enhanced Locations CAC from CUCM 9, locations CAC before), as a comment block: these
are set in CUCM, not on the router. Per link: its busy-hour concurrent calls × the audio kbps CUCM deducts per call
(80 G.711/G.722, 24 G.729, no layer 2); per location: the sum over the site's links (advisor.rules.cac).
The call-processing sites' sketches list every location of their cluster (all of the design's when one cluster
serves it); a branch's lists its own. CUCM is configured per cluster: a design of thousands of clusters listed
every location in every cluster's sketch, the square of its size (485 MB of sketches at 2,000 clusters). Likewise a
cluster with call processing at more sites than one cluster can hold (`clustering.max_sites`: a node count that
already breaks the cluster limits, and a finding says so) lists its locations once, in its first call-processing
site's sketch: 20,000 such sites each listing all 20,000 locations wrote tens of gigabytes and never finished.
"""

from __future__ import annotations

from advisor.clustering import max_sites
from advisor.configs._base import Context, Section, comment, whole_kbps
from advisor.numbers import counted, kbps
from advisor.rules.cac import PA_BW, enhanced, per_call_kbps


def link_value(calls: int, per_call: float) -> float:
    return calls * per_call


def _location(ctx: Context, site_id: str, per_call: float) -> list[str]:
    links = [ln for ln in ctx.site_links.get(site_id, []) if ln.calls > 0]
    if not links:
        return [f"!   location {site_id}: no calls cross its WAN links at the busy hour"]
    total = sum(link_value(ln.calls, per_call) for ln in links)
    lines = [f"!   location {site_id} ({ctx.names.get(site_id, site_id)}): audio {kbps(total)}, enter "
             f"{whole_kbps(total)} kbps"]
    for ln in links:
        peer = ctx.other_end(ln, site_id)
        value = link_value(ln.calls, per_call)
        lines.append(f"!     link {ln.id} to {peer}: {counted(ln.calls, 'call')} × {kbps(per_call)} = {kbps(value)}")
    return lines


def section(ctx: Context, site_id: str) -> Section | None:
    design, results = ctx.design, ctx.results
    if results.model.detected not in ("centralized", "distributed", "clustering-over-wan"):
        return None
    per_call, rule = per_call_kbps(design.voice.codec)
    scheme = "Enhanced Locations CAC" if enhanced(design.cucm_release) else "locations CAC"
    lines = comment(f"Configure in CUCM {design.cucm_release} ({scheme}), not on this router: each site a location, "
                    "each WAN link a link between locations"
                    + (", each cloud a location without endpoints used as a hub" if design.clouds else "")
                    + f". Audio per call: {kbps(per_call)} ({rule}). Source: {PA_BW}.")
    if ctx.sites[site_id].call_processing_nodes > 0:  # one of results.model.call_processing_sites, in O(1)
        if ctx.cluster_sites is None:
            ctx.cluster_sites = {}
            for s in design.sites:
                ctx.cluster_sites.setdefault(s.cluster_id, []).append(s.id)
        cluster = ctx.sites[site_id].cluster_id
        members = ctx.cluster_sites[cluster]
        servers = results.model.clusters.get(cluster, (site_id,))
        if site_id != servers[0] and len(servers) > max_sites():
            lines += comment(f"The locations of cluster '{cluster}' are listed once, in the sketch of its first "
                             f"call-processing site, {servers[0]} ({ctx.names.get(servers[0], servers[0])}): the "
                             f"cluster runs call processing at {len(servers):,} sites, more than one cluster can "
                             "hold, and each of their sketches listing every location would repeat "
                             f"{len(members):,} locations {len(servers):,} times.")
            return Section(f"CUCM location bandwidth ({scheme}): values for CUCM", tuple(lines))
        if len(members) == len(design.sites):
            lines += comment("Every location of the design (this site runs call processing):")
        else:
            lines += comment(f"Every location of cluster '{cluster}' (this site runs its call processing; the "
                             "other clusters' locations are in their call-processing sites' sketches):")
        block = ctx.cluster_locations.get(cluster)
        if block is None:  # the same block for each call-processing site of the cluster: worked out once
            block = ctx.cluster_locations[cluster] = [line for sid in members for line in _location(ctx, sid, per_call)]
        lines += block
    else:
        lines += _location(ctx, site_id, per_call)
    return Section(f"CUCM location bandwidth ({scheme}): values for CUCM", tuple(lines))
