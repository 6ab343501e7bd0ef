"""Plain references of clustering over the WAN's rows and findings, pair by pair: `deployment_paths._cow_rtt` and
`_cow_bandwidth` as they were before their texts were shared across clusters and their findings built in one batch.
The deployment stage's test (tests/core/test_deployment_stage_columns.py) swaps them in through
`delay_stage_plain._plain_cow_checks` and compares rows and findings, field by field and in order."""

from __future__ import annotations

from advisor import clustering
from advisor.findings import finding
from advisor.numbers import count, setting_beside, whole_digits
from advisor.rules import seed
from advisor.rules._names import names_for
from advisor.rules.deployment_paths import _at_least, _room  # unchanged: shared with the plain loops
from advisor.tables import load_table


def plain_cow_rtt(design, cluster, site_ids, found, limit, rows, out, too_far) -> None:
    """Every pair of the cluster's call-processing sites: a WAN path, within the release's round-trip limit.
    `found`: (site, later site) -> (RTT ms, link ids) of each connected pair (`Paths.pair_paths`); `too_far`: the
    pairs more than `clustering.MAX_PAIR_LINKS` links apart, whose round-trip time and intra-cluster traffic were
    not worked out: said so, pair by pair."""
    limit_ms, limit_src = limit
    q = names_for(design).quoted
    no_path_why = seed.cite(seed.SRND_COW_RTT, seed.SRND)
    slow_why = f"{no_path_why} Limit: {limit_src}"
    limit_text = f"{whole_digits(limit_ms)} ms"
    apart = f"more than {count(clustering.MAX_PAIR_LINKS)} links apart"
    for i, a in enumerate(site_ids):
        for b in site_ids[i + 1:]:
            pair = f"{q(a)} and {q(b)}"
            if (a, b) in too_far:
                rows.append((f"RTT {q(a)}–{q(b)}", "fail", f"not worked out: {apart}"))
                out.append(finding(
                    "DEP-COW-RTT", (a, b),
                    f"cluster '{cluster}': call-processing sites {pair} are {apart} on the WAN: their round-trip "
                    "time and intra-cluster traffic (ICCS and database replication) were not worked out, and the "
                    "links are sized without that traffic",
                    f"{no_path_why} A path of that many WAN links hardly stays within it.",
                    "Keep each cluster's call-processing sites near one another, or run separate clusters "
                    "(distributed call processing) joined by inter-cluster trunks.", severity="warning",
                    rule="DEP-R9", source=seed.SRND_COW_RTT))
                continue
            got = found.get((a, b))
            if got is None:
                rows.append((f"RTT {q(a)}–{q(b)}", "fail", "no WAN path"))
                out.append(finding(
                    "DEP-COW-RTT", (a, b), f"cluster '{cluster}': no WAN path between call-processing sites {pair}",
                    no_path_why, "Connect the sites, or make each one its own cluster.", rule="DEP-R9",
                    source=seed.SRND_COW_RTT))
                continue
            rtt, hops = got
            ok = rtt <= limit_ms
            rtt_text = f"{_grouped(rtt)} ms"  # every whole digit: a long chain of slow links adds up
            if not ok and rtt_text == limit_text:  # above the limit by less than six digits show
                rtt_text = f"{setting_beside(rtt, limit_ms)} ms"
            rows.append((f"RTT {q(a)}–{q(b)}", "ok" if ok else "fail", f"{rtt_text} (limit {limit_text})"))
            if not ok:
                out.append(finding(
                    "DEP-COW-RTT", (a, b, *hops),
                    f"cluster '{cluster}': round-trip time between call-processing sites {pair} is "
                    f"{rtt_text}, above the {limit_text} limit for CUCM {design.cucm_release}", slow_why,
                    "Move the subscribers to sites within the limit, or run separate clusters (distributed call "
                    "processing) joined by inter-cluster trunks.", rule="DEP-R9", source=seed.SRND_COW_RTT))


def plain_cow_bandwidth(design, cluster, pairs, per_link, links, rows, out) -> None:
    """Every connected pair of sites hosting servers of the cluster: the links on its path must carry, besides the
    voice and signalling of the design, the intra-cluster traffic of every pair that crosses them (the sizing adds
    it to each link as `cluster_kbps`; `advisor.clustering` computes it); `per_link`: each link's room left after
    voice and signalling, and its cluster traffic (None where the sizing has none). The texts every pair shares
    are made once."""
    if not pairs:
        return
    bw = load_table("cow_bandwidth")
    names = names_for(design)
    q = names.quoted
    per_server = _grouped(bw.value("db_kbps_per_remote_server"))
    why = (f"{seed.cite(seed.SRND_COW_BW, seed.SRND)} Figures: {bw.cite('iccs_min_kbps')}; "
           f"{bw.cite('iccs_kbps_per_10k_bhca')}; {bw.cite('db_kbps_per_remote_server')}. The links are "
           "sized with this traffic in the link table.")
    spare, cluster_of = per_link
    for pair in pairs:
        # Per link on the path: what is left after voice and signalling, against the cluster traffic crossing it.
        kbps = pair.kbps
        carried = {h: cluster_of[h] or kbps for h in pair.links}
        short = {h: c - spare[h] for h, c in carried.items() if c > spare[h]}
        bottleneck = max(short, key=short.get) if short else (min(pair.links, key=spare.__getitem__) if pair.links
                                                               else None)
        detail = (f"ICCS {pair.iccs_kbps:,.0f} kbps + database {pair.remote_servers} × {per_server} kbps = "
                  f"{pair.kbps:,.0f} kbps")
        if bottleneck is not None:
            detail += (f"; {names.link(bottleneck)} carries {carried[bottleneck]:,.0f} kbps of cluster traffic with "
                       f"{_room(spare[bottleneck])}")
        rows.append((f"intra-cluster bandwidth {q(pair.a)}–{q(pair.b)}", "fail" if short else "ok", detail))
        if short:
            out.append(finding(
                "DEP-COW-BANDWIDTH", (pair.a, pair.b, *short),
                f"cluster '{cluster}': {q(pair.a)}–{q(pair.b)} needs {pair.kbps:,.0f} kbps for clustering over the "
                f"WAN (ICCS {pair.iccs_kbps:,.0f} kbps at {_grouped(pair.bhca)} BHCA and "
                f"{_grouped(pair.rtt_ms)} ms RTT + database "
                f"{pair.remote_servers} × {per_server} kbps) but {names.link(bottleneck)} has "
                f"{_room(spare[bottleneck])} for {carried[bottleneck]:,.0f} kbps of cluster traffic", why,
                f"Raise {names.link(bottleneck)} to at least "
                f"{_at_least(links[bottleneck].capacity_kbps + short[bottleneck])} kbps (with QoS for ICCS), or keep the "
                "servers at one site and use SRST at the other.", rule="DEP-R10", source=seed.SRND_COW_BW))


def _grouped(value: float) -> str:
    """A setting or table figure as typed (`whole_digits`), its whole part grouped by thousands."""
    text = whole_digits(value)
    if text.isdigit():
        return count(value)
    whole, dot, fraction = text.partition(".")
    return f"{int(whole):,}.{fraction}" if dot and len(whole) > 3 and whole.isdigit() else text
