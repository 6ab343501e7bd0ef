"""Deployment checks that follow WAN paths: clustering over the WAN, its round-trip time and its bandwidth.

Pairwise work is limited to the call-processing sites of one cluster (a handful): a cluster whose nodes are at more
sites than one cluster can hold nodes (`advisor.clustering.max_sites`) gets one finding saying its pairs were not
worked out, instead of one row per pair. The mouth-to-ear delay budget lives in `advisor.rules.delay`.
"""

from __future__ import annotations

import math
import re
from operator import add, attrgetter, sub
from typing import TYPE_CHECKING

from advisor import clustering, progress
from advisor.findings import Finding, findings_of
from advisor.model import Design, Link
from advisor.numbers import count, setting_beside, whole_digits
from advisor.rules import seed
from advisor.rules._columns import link_columns
from advisor.rules._names import names_for
from advisor.rules._paths import Paths
from advisor.rules.delay_paths import aligned
from advisor.tables import load_table

if TYPE_CHECKING:
    from advisor.traffic import Sizing

Row = tuple[str, str, str]
_CAPACITY, _CLUSTER = attrgetter("capacity_kbps"), attrgetter("cluster_kbps")
_VOICE, _SIGNALLING = attrgetter("voice_kbps"), attrgetter("signalling_kbps")


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
    spanning = {c: ids for c, ids in clusters.items() if len(ids) > 1}
    if not spanning:
        return
    limit = cow_rtt_limit_ms(design.cucm_release)
    bound = clustering.max_sites()
    by_cluster, far = _pairs_by_cluster(design, sizing)
    too_far = {pair for pairs in far.values() for p in pairs for pair in ((p.a, p.b), (p.b, p.a))}  # either way
    # per link, read only when some pair's bandwidth is checked: the links by id, their room and cluster traffic
    links: dict[str, Link] = {}
    spare_of: dict[str, float] = {}
    cluster_of: dict[str, float | None] = {}
    if by_cluster:
        ids = link_columns(design).ids
        links = dict(zip(ids, design.links, strict=True))
        spare_of, cluster_of = _per_link(design, sizing, ids, links)
    # every checked pair's path at once: thousands of small clusters share the searches (`Paths.pair_paths`); no
    # search at all when every spanning cluster is too wide to have its pairs worked out
    checked = [(a, b) for site_ids in spanning.values() if len(site_ids) <= bound
               for i, a in enumerate(site_ids) for b in site_ids[i + 1:] if (a, b) not in too_far]
    known = {(p.a, p.b): p.links for pairs in by_cluster.values() for p in pairs}  # the sizing's, as it routed them
    found = Paths(design).pair_paths(checked, known) if checked else {}
    tick = progress.ticker(f"checking clustering over the WAN for {len(spanning):,} clusters", len(spanning),
                           clustering.PROGRESS_MIN_CLUSTERS)
    texts = _Texts(design, limit, (spare_of, cluster_of))
    items: list[tuple] = []  # every finding's fields, in order: built at once at the end (`findings_of`)
    wide = None  # `_too_wide_texts`, once a cluster is too wide
    for done, (cluster, site_ids) in enumerate(spanning.items(), 1):
        if tick is not None:
            tick(done)
        if len(site_ids) > bound:
            wide = wide if wide is not None else _too_wide_texts(bound)
            _too_wide(cluster, site_ids, wide, rows, items)
            continue
        _cow_rtt(texts, cluster, site_ids, found, rows, items, too_far)
        _cow_bandwidth(texts, cluster, by_cluster.get(cluster, []), links, rows, items)
    out.extend(findings_of(items))


class _Texts:
    """What the clusters' rows and findings share, made once per check rather than per cluster or pair: the
    release's limit, the bandwidth table's citations, each site's quoted name and each link's label and room, as
    they are first met (thousands of pairs of a varied 10,000-site design name the same few links and sites)."""

    def __init__(self, design: Design, limit: tuple[float, str], per_link: tuple[dict, dict]):
        names = names_for(design)
        self.design, self.names, self.spare, self.cluster_of = design, names, per_link[0], per_link[1]
        self.limit_ms, limit_src = limit
        self.no_path_why = seed.cite(seed.SRND_COW_RTT, seed.SRND)
        self.slow_why = f"{self.no_path_why} Limit: {limit_src}"
        self.limit_text = f"{whole_digits(self.limit_ms)} ms"
        self.apart = f"more than {count(clustering.MAX_PAIR_LINKS)} links apart"
        self._quoted: dict[str, str] = {}
        self._links: dict[str, str] = {}
        self._rooms: dict[str, str] = {}
        self._grouped: dict[float, str] = {}
        self._bandwidth: tuple[str, str] | None = None

    def quoted(self, site_id: str) -> str:
        got = self._quoted.get(site_id)
        if got is None:
            got = self._quoted[site_id] = self.names.quoted(site_id)
        return got

    def link(self, link_id: str) -> str:
        got = self._links.get(link_id)
        if got is None:
            got = self._links[link_id] = self.names.link(link_id)
        return got

    def grouped(self, value: float) -> str:
        """`_grouped(value)`, each figure worked out once (a cluster's BHCA, a pair's RTT in its two rows); a zero
        each time (0.0 and -0.0 are one key, and print as "0" and "-0")."""
        if not value:
            return _grouped(value)
        got = self._grouped.get(value)
        if got is None:
            got = self._grouped[value] = _grouped(value)
        return got

    def room(self, link_id: str) -> str:
        got = self._rooms.get(link_id)
        if got is None:
            got = self._rooms[link_id] = _room(self.spare[link_id])
        return got

    def bandwidth(self) -> tuple[str, str]:
        """(the database replication figure per remote server, the findings' rationale)."""
        if self._bandwidth is None:
            bw = load_table("cow_bandwidth")
            self._bandwidth = (
                _grouped(bw.value("db_kbps_per_remote_server")),
                f"{seed.cite(seed.SRND_COW_BW, seed.SRND)} Figures: {bw.cite('iccs_min_kbps')}; "
                f"{bw.cite('iccs_kbps_per_10k_bhca')}; {bw.cite('db_kbps_per_remote_server')}. The links are "
                "sized with this traffic in the link table.")
        return self._bandwidth


def _per_link(design: Design, sizing: Sizing | None, ids: list[str], links: dict[str, Link]
              ) -> tuple[dict[str, float], dict[str, float | None]]:
    """Per link id, once for every cluster: what is left after voice and signalling, and its cluster traffic (None,
    or 0, where none: read as `or`). Given a sizing of this design (its link results the links, in order), in
    C-level passes over the columns: capacity - (voice + signalling), the same two operations per link."""
    if sizing is not None and aligned(design, sizing):
        results = sizing.links
        used = map(add, map(_VOICE, results), map(_SIGNALLING, results))
        spare = dict(zip(ids, map(sub, map(_CAPACITY, design.links), used), strict=True))
        return spare, dict(zip(ids, map(_CLUSTER, results), strict=True))
    by_id = {lr.id: lr for lr in sizing.links} if sizing is not None else {}
    spare_of, cluster_of = {}, {}
    for h, ln in links.items():
        lr = by_id.get(h)
        spare_of[h] = ln.capacity_kbps - ((lr.voice_kbps + lr.signalling_kbps) if lr is not None else 0.0)
        cluster_of[h] = lr.cluster_kbps if lr is not None and lr.cluster_kbps else None
    return spare_of, cluster_of


def _pairs_by_cluster(design: Design, sizing: Sizing | None
                      ) -> tuple[dict[str, list[clustering.ClusterPair]], dict[str, list[clustering.ClusterPair]]]:
    """(cluster id -> its connected pairs, cluster id -> its pairs too far apart to be followed link by link), from
    the sizing's pairs, or worked out here when there is no sizing."""
    out: dict[str, list[clustering.ClusterPair]] = {}
    far: dict[str, list[clustering.ClusterPair]] = {}
    for p in sizing.cluster_pairs if sizing is not None else clustering.pairs(design):
        if p.far:
            far.setdefault(p.cluster, []).append(p)
        elif p.rtt_ms is not None:
            out.setdefault(p.cluster, []).append(p)
    return out, far


def _cow_rtt(texts: _Texts, cluster, site_ids, found, rows, items, too_far) -> None:
    """Every pair of the cluster's call-processing sites: a WAN path, within the release's round-trip limit.
    `found`: (site, later site) -> (RTT ms, link ids) of each connected pair (`Paths.pair_paths`); `too_far`: the
    pairs more than `clustering.MAX_PAIR_LINKS` links apart, whose round-trip time and intra-cluster traffic were
    not worked out: said so, pair by pair. Findings go to `items` as `findings_of` takes them."""
    limit_ms, limit_text, apart = texts.limit_ms, texts.limit_text, texts.apart
    release = texts.design.cucm_release
    quoted = list(map(texts.quoted, site_ids))
    for i, a in enumerate(site_ids):
        qa = quoted[i]
        for j in range(i + 1, len(site_ids)):
            b, qb = site_ids[j], quoted[j]
            pair = f"{qa} and {qb}"
            label = f"RTT {qa}–{qb}"
            if (a, b) in too_far:
                rows.append((label, "fail", f"not worked out: {apart}"))
                items.append((
                    "DEP-COW-RTT", (a, b),
                    f"cluster '{cluster}': call-processing sites {pair} are {apart} on the WAN: their round-trip "
                    "time and intra-cluster traffic (ICCS and database replication) were not worked out, and the "
                    "links are sized without that traffic",
                    f"{texts.no_path_why} A path of that many WAN links hardly stays within it.",
                    "Keep each cluster's call-processing sites near one another, or run separate clusters "
                    "(distributed call processing) joined by inter-cluster trunks.", "DEP-R9", seed.SRND_COW_RTT,
                    "warning"))
                continue
            got = found.get((a, b))
            if got is None:
                rows.append((label, "fail", "no WAN path"))
                items.append((
                    "DEP-COW-RTT", (a, b), f"cluster '{cluster}': no WAN path between call-processing sites {pair}",
                    texts.no_path_why, "Connect the sites, or make each one its own cluster.", "DEP-R9",
                    seed.SRND_COW_RTT, None))
                continue
            rtt, hops = got
            ok = rtt <= limit_ms
            rtt_text = f"{texts.grouped(rtt)} ms"  # every whole digit: a long chain of slow links adds up
            if not ok and rtt_text == limit_text:  # above the limit by less than six digits show
                rtt_text = f"{setting_beside(rtt, limit_ms)} ms"
            rows.append((label, "ok" if ok else "fail", f"{rtt_text} (limit {limit_text})"))
            if not ok:
                items.append((
                    "DEP-COW-RTT", (a, b, *hops),
                    f"cluster '{cluster}': round-trip time between call-processing sites {pair} is "
                    f"{rtt_text}, above the {limit_text} limit for CUCM {release}", texts.slow_why,
                    "Move the subscribers to sites within the limit, or run separate clusters (distributed call "
                    "processing) joined by inter-cluster trunks.", "DEP-R9", seed.SRND_COW_RTT, None))


def _too_wide_texts(bound: int) -> tuple[int, str, str, str, str]:
    """What every too-wide cluster's row and finding share: (the nodes a cluster holds, why for a cluster at more
    sites than that, why for one at more than `bound`, the rationale, the remedy); made once per check."""
    limits = load_table("cluster_limits")
    nodes, subscribers = clustering.node_limit()
    return (nodes,
            f"one cluster holds at most {count(nodes)} call-processing nodes (a publisher and {count(subscribers)} "
            f"subscribers), so its nodes can be at no more than {count(nodes)} sites",
            f"pairs are worked out for at most {count(bound)} sites of one cluster",
            f"{seed.cite(seed.SRND_CLUSTER, seed.SRND)} {seed.cite(seed.SRND_COW_BW, seed.SRND)} Limits: "
            f"{limits.cite('max_subscribers')}; {limits.cite('megacluster_max_primary_nodes')}; "
            f"{limits.cite('remote_failover_max_sites')}",
            "Split the sites into clusters of at most "
            f"{limits.value('remote_failover_max_sites'):g} sites each, joined by inter-cluster trunks (distributed "
            "call processing); the round-trip times and intra-cluster bandwidth of each cluster are then checked.")


def _too_wide(cluster, site_ids, texts, rows, items) -> None:
    """A cluster with nodes at more sites than a cluster can hold nodes: its pairs are not worked out, said so.
    `texts`: `_too_wide_texts`; the finding goes to `items` as `findings_of` takes it."""
    nodes, wide_why, bound_why, rationale, remedy = texts
    n = count(len(site_ids))
    why = wide_why if len(site_ids) > nodes else bound_why
    rows.append((f"clustering over the WAN, cluster '{cluster}'", "fail",
                 f"not worked out: call-processing nodes at {n} sites; {why}"))
    items.append((
        "DEP-COW-BANDWIDTH", tuple(site_ids),
        f"cluster '{cluster}' has call-processing nodes at {n} sites, but {why}: the round-trip times and the "
        f"intra-cluster traffic (ICCS and database replication) between its sites were not worked out, and the "
        "links are sized without that traffic", rationale, remedy, "DEP-R10", seed.SRND_COW_BW, "warning"))


def _cow_bandwidth(texts: _Texts, cluster, pairs, links, rows, items) -> None:
    """Every connected pair of sites hosting servers of the cluster: the links on its path must carry, besides the
    voice and signalling of the design, the intra-cluster traffic of every pair that crosses them (the sizing adds
    it to each link as `cluster_kbps`; `advisor.clustering` computes it); `texts.spare` and `texts.cluster_of`:
    each link's room left after voice and signalling, and its cluster traffic (None where the sizing has none).
    Findings go to `items` as `findings_of` takes them."""
    if not pairs:
        return
    per_server, why = texts.bandwidth()
    q, link_label, room, grouped = texts.quoted, texts.link, texts.room, texts.grouped
    spare, cluster_of = texts.spare, texts.cluster_of
    servers_of: dict[int, str] = {}  # remote servers -> their database traffic as written
    for pair in pairs:
        # Per link on the path: what is left after voice and signalling, against the cluster traffic crossing it.
        kbps, path = pair.kbps, pair.links
        carried = {h: cluster_of[h] or kbps for h in path}
        short = {h: c - spare[h] for h, c in carried.items() if c > spare[h]}
        bottleneck = max(short, key=short.get) if short else (min(path, key=spare.__getitem__) if path else None)
        servers = servers_of.get(pair.remote_servers)
        if servers is None:
            servers = servers_of[pair.remote_servers] = f"{pair.remote_servers} × {per_server} kbps"
        iccs, need = f"{pair.iccs_kbps:,.0f}", f"{kbps:,.0f}"
        detail = f"ICCS {iccs} kbps + database {servers} = {need} kbps"
        if bottleneck is not None:
            label, left, crossing = link_label(bottleneck), room(bottleneck), f"{carried[bottleneck]:,.0f}"
            detail += f"; {label} carries {crossing} kbps of cluster traffic with {left}"
        ends = f"{q(pair.a)}–{q(pair.b)}"
        rows.append((f"intra-cluster bandwidth {ends}", "fail" if short else "ok", detail))
        if short:
            items.append((
                "DEP-COW-BANDWIDTH", (pair.a, pair.b, *short),
                f"cluster '{cluster}': {ends} needs {need} kbps for clustering over the WAN (ICCS {iccs} kbps at "
                f"{grouped(pair.bhca)} BHCA and {grouped(pair.rtt_ms)} ms RTT + database {servers}) but {label} has "
                f"{left} for {crossing} kbps of cluster traffic", why,
                f"Raise {label} to at least {_at_least(links[bottleneck].capacity_kbps + short[bottleneck])} kbps (with "
                "QoS for ICCS), or keep the servers at one site and use SRST at the other.", "DEP-R10",
                seed.SRND_COW_BW, None))


def _grouped(value: float) -> str:
    """A setting or table figure as typed (`whole_digits`), its whole part grouped by thousands as the computed
    figures beside it are: '30,000 BHCA', '1,544 kbps', '3,978.92 BHCA' (a varied calls-per-user setting). A
    figure from 10^-4 to 10^15 (every digit of its whole part shown, no exponent) is worked out here as
    `whole_digits` would: thousands of pairs print two each."""
    kind = value.__class__
    if (kind is float or kind is int) and 1e-4 <= value < 1e15:
        if kind is int or value.is_integer():
            return f"{int(value):,}"
        digits = len(f"{value:.0f}")
        text = f"{value:.{digits if digits > 6 else 6}g}"
        return f"{round(value):,}" if text.isdigit() else _whole_part_grouped(text)
    text = whole_digits(value)
    return count(value) if text.isdigit() else _whole_part_grouped(text)


def _whole_part_grouped(text: str) -> str:
    """'3978.92' -> '3,978.92'; any other text ('0.5', '-5000.5', '5 × 10⁻¹⁵') as it is."""
    whole, dot, fraction = text.partition(".")
    if dot and len(whole) > 3 and whole.isdigit():
        return f"{int(whole):,}.{fraction}"
    return text


def _at_least(kbps: float) -> str:
    """A capacity to ask for, rounded up to a whole kbps as the link overload remedy rounds its own (137,771.39 kbps
    needed: 'at least 137,772 kbps', not 137,771, which is less than needed); float noise below a millionth of a
    kbps (137,771.0000000001 from summing the figures another way) is not rounded up."""
    return f"{math.ceil(round(kbps, 6)):,d}"


def _room(spare_kbps: float) -> str:
    """What a link has left after voice and signalling: '1,501 kbps left after …', or, when they already take more
    than its capacity, 'no room left: voice and signalling exceed it by 5,055 kbps' (not '-5,055 kbps left')."""
    if spare_kbps < 0:
        return f"no room left after voice and signalling (they exceed its capacity by {-spare_kbps:,.0f} kbps)"
    return f"{spare_kbps:,.0f} kbps left after voice and signalling"
