"""Deployment checks that follow WAN paths: clustering-over-WAN RTT and bandwidth, and G.114 one-way delay.

Pairwise work is limited to the call-processing sites of one cluster (a handful). The delay check finds every
site's farthest calling partner with a few shortest-path trees (exact on tree-shaped WANs and hub overlays).
"""

from __future__ import annotations

import heapq
import re
from typing import TYPE_CHECKING

from advisor.findings import Finding, finding
from advisor.model import Design
from advisor.rules import seed
from advisor.rules._names import names_for
from advisor.rules._wan import Paths
from advisor.tables import load_table

if TYPE_CHECKING:
    from advisor.traffic import Sizing

Row = tuple[str, str, str]
EXACT_PAIRS_MAX_SITES = 200  # meshed WANs up to this many calling sites get one tree per site (exact)


def release_tuple(text: str) -> tuple[int, ...] | None:
    """'12.5(1)SU3' -> (12, 5, 1); None when the text does not start with a version number."""
    m = re.match(r"\s*v?(\d+)(?:\.(\d+))?(?:[.(](\d+))?", text, re.IGNORECASE)
    return tuple(int(g) for g in m.groups() if g is not None) if m else None


def cow_rtt_limit_ms(release: str) -> tuple[float, str]:
    """(RTT limit in ms for the release, its source); an unreadable release gets the latest limit, said so."""
    table = load_table("cow_rtt")
    keyed = sorted(((release_tuple(k) or (0,), k) for k in table.entries), reverse=True)
    version = release_tuple(release)
    if version is None:
        key = keyed[0][1]
        return table.value(key), f"release '{release}' not understood, latest limit used: {table.cite(key)}"
    key = next((k for v, k in keyed if v <= version), keyed[-1][1])
    return table.value(key), f"CUCM {release}: {table.cite(key)}"


def cow_checks(design: Design, sizing: Sizing | None, clusters: dict[str, tuple[str, ...]], rows: list[Row],
               out: list[Finding]) -> None:
    limit_ms, limit_src = cow_rtt_limit_ms(design.cucm_release)
    bw = load_table("cow_bandwidth")
    paths = Paths(design)
    by_id = {s.id: s for s in design.sites}
    used = {lr.id: lr.kbps for lr in sizing.links} if sizing is not None else {}
    links = {ln.id: ln for ln in design.links}
    q = names_for(design).quoted
    for cluster, site_ids in clusters.items():
        if len(site_ids) < 2:
            continue
        trees = {a: paths.paths_from(a, site_ids) for a in site_ids}
        for i, a in enumerate(site_ids):
            for b in site_ids[i + 1:]:
                pair = f"{q(a)} and {q(b)}"
                got = trees[a].get(b)
                if got is None:
                    rows.append((f"RTT {q(a)}–{q(b)}", "fail", "no WAN path"))
                    out.append(finding(
                        "DEP-COW-RTT", (a, b), f"cluster '{cluster}': no WAN path between call-processing sites "
                        f"{pair}", f"DEP-R9: {seed.cite(seed.SRND_COW_RTT, seed.SRND)}",
                        "Connect the sites, or make each one its own cluster.", rule="DEP-R9",
                        source=seed.SRND_COW_RTT))
                    continue
                rtt, hops = got
                ok = rtt <= limit_ms
                rows.append((f"RTT {q(a)}–{q(b)}", "ok" if ok else "fail", f"{rtt:g} ms (limit {limit_ms:g} ms)"))
                if not ok:
                    out.append(finding(
                        "DEP-COW-RTT", (a, b, *hops),
                        f"cluster '{cluster}': round-trip time between call-processing sites {pair} is "
                        f"{rtt:g} ms, above the {limit_ms:g} ms limit for CUCM {design.cucm_release}",
                        f"DEP-R9: {seed.cite(seed.SRND_COW_RTT, seed.SRND)} Limit: {limit_src}",
                        "Move the subscribers to sites within the limit, or run separate clusters (distributed call "
                        "processing) joined by inter-cluster trunks.", rule="DEP-R9", source=seed.SRND_COW_RTT))
        _cow_bandwidth(design, cluster, site_ids, trees, by_id, links, used, bw, rows, out)


def _cow_bandwidth(design, cluster, site_ids, trees, by_id, links, used, bw, rows, out) -> None:
    t = design.traffic
    bhca = sum(s.users * (s.traffic.calls_per_user if s.traffic and s.traffic.calls_per_user is not None
                          else t.calls_per_user) for s in design.sites if s.cluster_id == cluster)
    ref = next((i for i in site_ids if by_id[i].cucm_publisher),
               max(site_ids, key=lambda i: by_id[i].call_processing_nodes))
    names = names_for(design)
    q = names.quoted
    for r in site_ids:
        got = trees[ref].get(r)
        if r == ref or got is None:
            continue
        rtt, hops = got
        iccs = max(bw.value("iccs_min_kbps"), bw.value("iccs_kbps_per_10k_bhca") * bhca / 10_000
                   * (1 + bw.value("iccs_delay_factor_per_ms") * rtt))
        servers = by_id[r].call_processing_nodes
        need = iccs + bw.value("db_kbps_per_remote_server") * servers
        spare = {h: links[h].capacity_kbps - used.get(h, 0.0) for h in hops}
        bottleneck = min(spare, key=spare.get) if spare else None
        have = spare[bottleneck] if bottleneck else 0.0
        ok = have >= need
        note = " after this design's voice and signalling" if used else ""
        rows.append((f"intra-cluster bandwidth {q(ref)}–{q(r)}", "ok" if ok else "fail",
                     f"need {need:.0f} kbps, {have:.0f} kbps free{note}"))
        if not ok:
            out.append(finding(
                "DEP-COW-BANDWIDTH", (ref, r, *hops),
                f"cluster '{cluster}': {q(ref)}–{q(r)} needs {need:.0f} kbps for clustering over the WAN (ICCS "
                f"{iccs:.0f} kbps at {bhca:g} BHCA and {rtt:g} ms RTT + database {servers} × "
                f"{bw.value('db_kbps_per_remote_server'):g} kbps) but {names.link(bottleneck)} has {have:.0f} kbps "
                f"free{note}",
                f"DEP-R10: {seed.cite(seed.SRND_COW_BW, seed.SRND)} Figures: {bw.cite('iccs_min_kbps')}; "
                f"{bw.cite('db_kbps_per_remote_server')}",
                "Add WAN capacity between the call-processing sites (with QoS for ICCS), or keep the servers at one "
                "site and use SRST at the other.", rule="DEP-R10", source=seed.SRND_COW_BW))


def delay_check(design: Design, sizing: Sizing | None, rows: list[Row], out: list[Finding]) -> None:
    """DEP-DELAY: one-way delay (RTT / 2) to the farthest site each calling site talks to, against G.114."""
    limit = load_table("delay")
    max_ms = limit.value("max_one_way_ms")
    t = design.traffic
    calling = t.on_net_share > 0 or any(s.traffic and s.traffic.on_net_share for s in design.sites)
    terminals = [s.id for s in design.sites if s.users > 0] if calling else []
    paths = Paths(design)
    worst: dict[str, tuple[float, str]] = {}  # site -> (RTT to its farthest partner, partner)
    approximate = False
    hub = sizing.hub if sizing is not None else None
    if len(terminals) >= 2:
        centre = hub if hub is not None else _single_cloud(design)
        if centre is not None:  # every path runs through one node: one tree, exact
            _via_hub(paths, centre, terminals, worst)
        else:
            approximate = _underlay(paths, terminals, worst)
    # PSTN calls hauled over the WAN: every site's with a central PSTN site, else those without a gateway.
    central = t.central_pstn_site or (getattr(sizing, "pstn_site", None) if sizing is not None else None)
    hauled = [s.id for s in design.sites if s.users > 0 and s.id != central
              and (t.central_pstn_site is not None or not s.pstn_gateway)] if central and t.pstn_share > 0 else []
    if hauled:
        d = paths.rtts_from(central)
        for sid in hauled:
            if sid in d and d[sid] > worst.get(sid, (-1.0, ""))[0]:
                worst[sid] = (d[sid], central)
    if not worst:
        rows.append(("one-way delay (G.114)", "n/a", "no calls between sites"))
        return
    rtts = [w[0] for w in worst.values()]
    site = list(worst)[rtts.index(max(rtts))]  # the first site with the largest RTT, as max() over items gives
    rtt, partner = worst[site]
    limit_rtt = 2 * max_ms
    bad = [sid for sid in (s.id for s in design.sites) if sid in worst and worst[sid][0] > limit_rtt]
    how = " (estimate: meshed WAN too large for every pair)" if approximate else ""
    names = names_for(design)
    route = f" through hub {names.quoted(hub)}" if hub else ""
    ends = names.quoted(site), names.quoted(partner)
    rows.append(("one-way delay (G.114)", "fail" if bad else "ok",
                 f"worst {ends[0]}–{ends[1]}{route}: {rtt / 2:g} ms one way (limit {max_ms:g} ms){how}"))
    if bad:
        out.append(finding(
            "DEP-DELAY", bad,
            f"one-way delay between {ends[0]} and {ends[1]}{route} is {rtt / 2:g} ms (RTT {rtt:g} ms), above "
            f"{max_ms:g} ms; {len(bad)} site(s) call a site beyond the limit: {names.sites(bad)}{how}",
            f"DEP-R11: {seed.cite(seed.G114, 'ITU-T G.114')} One-way delay is taken as half the path RTT. "
            f"Limit: {limit.cite('max_one_way_ms')}",
            "Shorten the path (regional hub, direct spoke-to-spoke with DMVPN phase 3 or GET VPN, a closer "
            "provider), or accept the impairment knowingly for those sites.", rule="DEP-R11", source=seed.G114))


def _single_cloud(design: Design) -> str | None:
    """The cloud every link touches, if there is one: then every site-to-site path crosses it."""
    if not design.links:
        return None
    clouds = {c.id for c in design.clouds}
    first = design.links[0]
    for centre in (first.a, first.b):
        if centre in clouds and all(centre in (ln.a, ln.b) for ln in design.links):
            return centre
    return None


def _via_hub(paths: Paths, hub: str, terminals: list[str], worst: dict[str, tuple[float, str]]) -> None:
    """Every path through one node (an overlay hub, or the only cloud): a call between two others costs
    d(a, hub) + d(hub, b), so each site's farthest partner is one of the two farthest sites; O(sites)."""
    d = paths.rtts_from(hub)
    top = heapq.nlargest(2, [(d[t], t) for t in terminals if t != hub and t in d])  # farthest first
    if not top:
        return
    far, second = top[0], (top[1] if len(top) > 1 else None)
    hub_calls = hub in terminals
    for t in terminals:
        dt = d.get(t)
        if dt is None:
            continue
        if t == hub:
            worst[t] = far
            continue
        other = far if far[1] != t else second  # the farthest spoke other than t itself
        best = (dt + other[0], other[1]) if other is not None else None
        if hub_calls and (best is None or (dt, hub) > best):
            best = (dt, hub)
        if best is not None:
            worst[t] = best


def _underlay(paths: Paths, terminals: list[str], worst: dict[str, tuple[float, str]]) -> bool:
    """Farthest partner per site on the drawn WAN. Trees: two sweeps are exact (the farthest terminal from any
    vertex is an end of the terminals' diameter). Meshes: exact with one tree per site up to a size, else the
    sweep estimate. Returns True when the result is an estimate."""
    forest = paths.is_forest()
    remaining = set(terminals)
    approximate = False
    for t0 in terminals:
        if t0 not in remaining:
            continue
        d0 = paths.rtts_from(t0)
        comp = [t for t in terminals if t in d0]
        remaining.difference_update(comp)
        if len(comp) < 2:
            continue
        if not forest and len(comp) <= EXACT_PAIRS_MAX_SITES:
            for t in comp:
                dt = paths.rtts_from(t)
                worst[t] = max((dt[o], o) for o in comp if o != t)
            continue
        approximate = approximate or not forest
        a = max(comp, key=lambda x: d0[x])
        da = paths.rtts_from(a)
        b = max(comp, key=lambda x: da[x])
        db = paths.rtts_from(b)
        for t in comp:
            worst[t] = max((da[t], a), (db[t], b)) if t not in (a, b) else ((db[t], b) if t == a else (da[t], a))
    return approximate
