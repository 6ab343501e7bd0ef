"""CUCM deployment model (SPEC §3.4): detect it from where call-processing nodes sit, then check it.

`detect(design)` classifies; `check(design, sizing, deployment)` returns the DEP-* findings. The checks live beside
this module: `cluster` (cluster capacity and redundancy), `survivability` (SRST presence, mode and capacity), `cac`
(call admission control topology and values), `deployment_paths` (clustering-over-WAN RTT and bandwidth, delay).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from itertools import compress, filterfalse, repeat
from operator import and_, attrgetter, eq, le, lt, not_
from typing import TYPE_CHECKING

from advisor import numbers
from advisor.demand_hub import linked, reaching
from advisor.findings import Finding, finding
from advisor.model import Design, Site
from advisor.results import DeploymentResult
from advisor.routing import classify
from advisor.routing_graph import known_graph, site_index
from advisor.rules import seed
from advisor.rules._columns import SiteSubset, link_columns, site_columns, site_field
from advisor.rules._names import Names, names_for
from advisor.rules.cac import cac_checks
from advisor.rules.cluster import cluster_checks
from advisor.rules.delay import delay_check
from advisor.rules.deployment_paths import cow_checks
from advisor.rules.survivability import platform_key, srst_capacity, survivability_checks
from advisor.rules.traffic_checks import traffic_per_user

if TYPE_CHECKING:
    from advisor.traffic import Sizing

__all__ = ["MODEL_LABELS", "check", "clusters_of", "detect", "detect_and_check", "platform_key", "srst_capacity"]

MODEL_LABELS = {"single-site": "single site", "centralized": "multisite with centralized call processing",
                "distributed": "multisite with distributed call processing",
                "clustering-over-wan": "clustering over the WAN", "none": "no call processing"}
MULTISITE = ("centralized", "distributed", "clustering-over-wan")
Row = tuple[str, str, str]  # (check, ok | fail | n/a, detail with figures)
PSTN_BREAKOUT = (f"{seed.SRND} (paraphrased): PSTN calls leave through a gateway, the site's own or, in a "
                 "centralized breakout, one the site reaches over the WAN; trunks are sized at the gateway, so calls "
                 "with none are sized nowhere.")
_NOISE_ERLANGS = 1e-9
_PSTN_ERLANGS = attrgetter("pstn_erlangs")
_ID = attrgetter("id")


def clusters_of(design: Design, nodes: list[int] | None = None) -> dict[str, tuple[str, ...]]:
    """Cluster id -> ids of the sites holding its call-processing nodes, in design order (`nodes`: each site's
    call-processing node count, when already known)."""
    if nodes is None:
        nodes = [s.call_processing_nodes for s in design.sites]
    out: dict[str, list[str]] = {}
    # the sites with nodes (never fewer than none: a count), by column: each one's id appended to its cluster's
    # list, the list made at the cluster's first site (a new empty list offered at every site, kept at the first)
    clusters = list(compress(site_field(design, "cluster_id"), nodes))
    lists = map(out.setdefault, clusters, map(list, repeat((), len(clusters))))
    deque(map(list.append, lists, compress(site_columns(design).ids, nodes)), 0)
    return {k: tuple(v) for k, v in out.items()}


@dataclass(frozen=True)
class _Census:
    """Per-site counts the checks read, taken once: each is a property call, and a check reads them per site."""

    phones: list[int]  # phone_count per site, in design order
    nodes: list[int]  # call_processing_nodes per site
    remote_sites: SiteSubset  # sites with phones and no call processing of their own, read by column

    @property
    def remote(self) -> list[Site]:
        return self.remote_sites.sites

    @classmethod
    def of(cls, design: Design) -> _Census:
        cols = site_columns(design)
        phones, nodes = cols.phones, cols.nodes
        # p > 0 and n == 0 per site, in C-level passes
        remote = list(map(and_, map(lt, repeat(0), phones), map(eq, nodes, repeat(0))))
        return cls(phones, nodes, SiteSubset.of(design, remote))


def detect(design: Design, sizing: Sizing | None = None) -> DeploymentResult:
    """The deployment model; `checks` holds one verdict row per check (pass `sizing` for path-based rows)."""
    return detect_and_check(design, sizing)[0]


def detect_and_check(design: Design, sizing: Sizing | None = None) -> tuple[DeploymentResult, list[Finding]]:
    """`detect` and `check` from one evaluation: the rows and the findings come from the same pass, so the analysis
    asks for both at once instead of walking every site and path twice."""
    census = _Census.of(design)
    clusters = clusters_of(design, census.nodes)
    cp_sites = tuple(compress(site_columns(design).ids, census.nodes))
    if not cp_sites:
        model = "none"
    elif len(design.sites) == 1:
        model = "single-site"
    elif any(len(sites) > 1 for sites in clusters.values()):
        model = "clustering-over-wan"
    elif len(clusters) > 1:
        model = "distributed"
    elif census.remote:
        model = "centralized"
    else:
        model = "single-site"  # other sites exist but none has phones: one site does all the calling
    fields = dict(detected=model, intended=design.deployment_model, call_processing_sites=cp_sites,
                  clusters=clusters)
    rows, findings = _evaluate(design, sizing, DeploymentResult(**fields), census)
    return DeploymentResult(**fields, checks=tuple(rows)), findings


def check(design: Design, sizing: Sizing | None, deployment: DeploymentResult) -> list[Finding]:
    return _evaluate(design, sizing, deployment, _Census.of(design))[1]


def _evaluate(design: Design, sizing: Sizing | None, dep: DeploymentResult,
              census: _Census) -> tuple[list[Row], list[Finding]]:
    rows: list[Row] = []
    out: list[Finding] = []
    model = dep.detected
    names = names_for(design)
    out.append(_model_finding(dep, len(census.remote), names))
    if design.deployment_model != "auto" and design.deployment_model != model:
        out.append(finding(
            "DEP-MODEL-MISMATCH", ("design",),
            f"the intended model is {MODEL_LABELS[design.deployment_model]} but the nodes placed make it "
            f"{MODEL_LABELS[model]}",
            f"{seed.cite(seed.MODELS)} The model follows from where call-processing nodes are placed.",
            "Move call-processing nodes (publisher, subscribers, cluster ids) to match the intent, or change the "
            "intended model.", rule="DEP-R2", source=seed.MODELS))
        rows.append(("intended model", "fail", f"intended {design.deployment_model}, detected {model}"))
    phones = sum(census.phones)
    if model == "none" and phones > 0:
        out.append(finding(
            "DEP-NO-CALL-PROCESSING", ("design",),
            f"{numbers.counted(phones, 'phone')} at {numbers.counted(sum(p > 0 for p in census.phones), 'site')} but no call-processing "
            "node anywhere", f"{seed.cite(seed.MODELS)}",
            "Place a CUCM publisher (and subscribers) at the HQ or data centre.", rule="DEP-R3", source=seed.MODELS))
        rows.append(("call processing", "fail", f"{numbers.counted(phones, 'phone')}, no call-processing node"))
    elif phones:
        rows.append(("call processing", "ok", f"{numbers.counted(sum(census.nodes), 'node')} at "
                                              f"{numbers.counted(len(dep.call_processing_sites), 'site')}"))
    cluster_checks(design, dep, census.phones, rows, out, names)
    if model in MULTISITE:
        remote = census.remote
        survivability_checks(design, census.remote_sites, rows, out, names)
        _pstn(census.remote_sites, rows, out, names)
        _reachability(design, dep, remote, rows, out, names)
        cac_checks(design, sizing, dep, rows, out, names)
    _central_pstn(design, sizing, out, names)
    _pstn_nowhere(design, sizing, out, names)
    traffic_per_user(design, out, names)
    if model == "clustering-over-wan":
        cow_checks(design, sizing, dep.clusters, rows, out)
    delay_check(design, sizing, rows, out)
    return rows, out


def _model_finding(dep: DeploymentResult, remote: int, names: Names) -> Finding:
    where = "; ".join(f"cluster '{c}' at {names.sites(sites)}" for c, sites in dep.clusters.items())
    detail = f" ({where}; {numbers.counted(remote, 'site')} with phones and no local call processing)" if where else ""
    return finding(
        "DEP-MODEL", ("design",), f"deployment model: {MODEL_LABELS[dep.detected]}{detail}",
        f"{seed.cite(seed.MODELS)} Detected from where the publisher and subscribers are placed.",
        "Nothing to do if this is the intent; the checks that follow apply to this model.",
        rule="DEP-R1", source=seed.MODELS)


def _pstn(remote_sites: SiteSubset, rows: list[Row], out: list[Finding], names: Names) -> None:
    remote = remote_sites.ids
    bare = list(compress(remote, map(not_, remote_sites.field("pstn_gateway"))))
    rows.append(("local PSTN gateway at remote sites", "fail" if bare else ("ok" if remote else "n/a"),
                 f"{len(remote) - len(bare):,} of {numbers.counted(len(remote), 'remote site')} with a local gateway"))
    if bare:
        out.append(finding(
            "DEP-PSTN-FALLBACK", bare,
            f"{numbers.counted(len(bare), 'remote site')} {'has' if len(bare) == 1 else 'have'} no local PSTN gateway, "
            f"so no fallback or AAR path when the WAN fails: {names.sites(bare)}",
            f"{seed.cite(seed.AV_SRST_PSTN)} {seed.cite(seed.SRND_PSTN, seed.SRND)}",
            "Give each branch a local PSTN gateway (FXO/ISDN/SIP trunk) for survivable calls and AAR.",
            rule="DEP-R7", source=seed.AV_SRST_PSTN))


def _central_pstn(design: Design, sizing: Sizing | None, out: list[Finding], names: Names) -> None:
    """traffic.central_pstn_site that some site with users has no WAN path to: its PSTN calls cannot be hauled
    there, and the sizing hauls only where a path exists (`demand.route_afresh`). One pass per design, only when a
    central PSTN site is named (the sizing has then worked out the parts of the WAN already)."""
    central = design.traffic.central_pstn_site
    if central is None:
        return
    index = site_index(design)
    if not design.sites[index[central]].pstn_gateway and sizing is not None:  # named, yet not marked a gateway
        at = sizing.sites[index[central]]
        out.append(finding(
            "DEP-PSTN-NO-GATEWAY", (central,),
            f"the central PSTN site {names.quoted(central)} has no PSTN gateway marked: the sizing puts the design's "
            f"PSTN calls there as if it had one ({numbers.counted(at.pstn_trunks, 'trunk')} for "
            f"{numbers.erlangs(at.pstn_erlangs)})", PSTN_BREAKOUT,
            f"Mark the PSTN gateway of {names.quoted(central)} (its 'Local PSTN gateway' box), or name the site "
            "that has the central gateway as the central PSTN site.", rule="DEP-R17", source=PSTN_BREAKOUT))
    if not design.links:
        return
    reach = reaching(design, index[central], sizing.topology if sizing is not None else classify(design))
    if reach is None:
        return
    cut = [s.id for s, ok in zip(design.sites, reach, strict=True) if not ok and s.users > 0]
    if not cut:
        return
    where = "has no WAN link" if not linked(design, central) else f"is on a part of the WAN {'it does' if len(cut) == 1 else 'they do'} not reach"
    out.append(finding(
        "DEP-PSTN-FALLBACK", (central, *cut),
        f"the central PSTN site {names.quoted(central)} {where}, so {numbers.counted(len(cut), 'site')} cannot haul "
        f"{'its' if len(cut) == 1 else 'their'} PSTN calls to its gateway: {names.sites(cut)}; the sizing hauls none "
        "of them there: a site with its own gateway keeps its PSTN calls on it, a site without one has no PSTN path",
        f"{seed.cite(seed.SRND_PSTN, seed.SRND)} PSTN calls of a site without a gateway of its own, or of every site "
        "with a central PSTN site, cross the IP WAN to the central gateway; with no WAN path they cannot.",
        "Connect the central PSTN site to the WAN (drag a link to a cloud or to another site), name a central PSTN "
        "site the other sites reach, or give these sites local PSTN gateways.", rule="DEP-R7",
        source=seed.SRND_PSTN))


def _pstn_nowhere(design: Design, sizing: Sizing | None, out: list[Finding], names: Names) -> None:
    """PSTN calls with no gateway to go to: no site has a PSTN gateway, none the sizing hauls to (an HQ's or a
    call-processing site's), or the WAN does not join a site to the PSTN site; the sizing keeps such a site's PSTN
    calls at the site with no trunks and puts them on no link (`demand.route_afresh`). A named central PSTN site
    the WAN does not reach is `_central_pstn`'s. Once per design; a pass over the sites only if one has no gateway."""
    pstn = sizing.pstn_site if sizing is not None else None
    if sizing is None or (pstn is not None and design.traffic.central_pstn_site is not None):
        return
    gateways = site_field(design, "pstn_gateway")
    if gateways.count(False) == 0:
        return
    # the sites without a gateway, other than the PSTN site, with PSTN traffic above noise: by column, in C
    erlangs = list(map(_PSTN_ERLANGS, sizing.sites))
    if len(erlangs) != len(gateways):
        raise ValueError("the sizing's site results are not the design's sites")
    flags = list(map(and_, map(not_, gateways), map(le, repeat(_NOISE_ERLANGS), erlangs)))
    at = site_index(design).get(pstn) if pstn is not None else None
    if at is not None:
        flags[at] = False
    ids = list(compress(site_columns(design).ids, flags))
    if not ids:
        return
    total = sum(compress(erlangs, flags))
    one = len(ids) == 1
    rationale = PSTN_BREAKOUT
    if not any(gateways):
        out.append(finding(
            "DEP-PSTN-NO-GATEWAY", ("design",),
            f"no site has a PSTN gateway: the PSTN share, {numbers.erlangs(total)} in all, has no gateway to size "
            "trunks on; the sizing carries these calls on no trunk and no link",
            rationale, "Mark the PSTN gateway of a site (the HQ's, for a central breakout), or set the PSTN share "
            "to 0 % if the design has no PSTN calls.", rule="DEP-R17", source=PSTN_BREAKOUT))
        return
    why = (f"the WAN does not join {'it' if one else 'them'} to {names.quoted(pstn)}, the site PSTN calls are hauled "
           "to" if pstn is not None else
           "calls are hauled only to an HQ or call-processing site with a gateway, and none has one")
    out.append(finding(
        "DEP-PSTN-NO-GATEWAY", ids,
        f"{numbers.counted(len(ids), 'site')} without a PSTN gateway {'has' if one else 'have'} "
        f"{numbers.erlangs(total)} of PSTN calls in all and no gateway to haul them to: {names.sites(ids)}; {why}; "
        "the sizing carries these calls on no trunk and no link",
        rationale, (f"Join {'this site' if one else 'these sites'} to {names.quoted(pstn)} over the WAN, or give "
                    f"{'it a local PSTN gateway' if one else 'them local PSTN gateways'}." if pstn is not None else
                    "Mark the PSTN gateway of the HQ (or of a call-processing site), name a central PSTN site, or "
                    "give these sites local PSTN gateways."), rule="DEP-R17", source=PSTN_BREAKOUT))


def _reachability(design: Design, dep: DeploymentResult, remote: list[Site], rows: list[Row], out: list[Finding],
                  names: Names) -> None:
    """Remote phones register over the WAN: a site left unconnected in a drawn WAN reaches no call processing.

    Only once a WAN is drawn (some link exists): a design with no links at all is not about the WAN yet. Each
    cloud is a network of its own, as the sizing routes calls: a branch only on the Internet reaches an HQ only on
    MPLS through a site on both, or not at all. Union-find over the links: O(sites + links).
    """
    if not design.links or not remote:
        return
    cut = _cut_on_clouds(design, dep, remote)
    if cut is None:
        cut = _cut_on_forest(design, dep, remote)
    if cut is None:
        cut = _cut(design, dep, remote)
    rows.append(("WAN path to call processing", "fail" if cut else "ok",
                 f"{len(remote) - len(cut):,} of {numbers.counted(len(remote), 'remote site')} connected to a call-processing site"))
    if cut:
        one = len(cut) == 1
        ends = set(link_columns(design).a).union(link_columns(design).b)
        apart = ("; each cloud is a network of its own: sites on two clouds meet only through a site on both"
                 if sum(c.id in ends for c in design.clouds) > 1 and not ends.isdisjoint(cut) else "")  # clouds linked
        out.append(finding(
            "DEP-UNREACHABLE", cut,
            f"{numbers.counted(len(cut), 'remote site')} with phones {'has' if one else 'have'} no WAN path to a "
            f"call-processing site, so {'its' if one else 'their'} phones cannot register: {names.sites(cut)}{apart}; "
            f"the sizing carries none of {'its' if one else 'their'} calls to or from the sites {'it' if one else 'they'} cannot reach",
            f"{seed.cite(seed.MODELS)} Phones at a site without call processing register to CUCM across "
            "the IP WAN; with no path they have no service (and SRST, if any, runs permanently).",
            "Connect each of these sites to the WAN (drag a link to a cloud or to another site), or give the site "
            "its own call processing.", rule="DEP-R13", source=seed.MODELS))


def _cut_on_clouds(design: Design, dep: DeploymentResult, remote: list[Site]) -> list[str] | None:
    """`_cut` when every link touches a cloud (sites on clouds only, the usual large WAN). On one cloud, without the
    union-find: the WAN's part is then every linked site, and any other site is alone. On several clouds each is a
    part of the WAN of its own, joined to another only by a site on both: `_cut` answers. None when some link joins
    two sites. Remote sites have no call processing, so one alone is never served. The link ends are the per-design
    columns (`link_columns`), read once for this check, the delay check and the CAC topology."""
    cols = link_columns(design)
    clouds = cols.clouds
    if not clouds or not all(cols.on_cloud):
        return None
    if len(clouds) > 1:
        return _cut(design, dep, remote)
    linked_sites = set(cols.a)  # one cloud: every linked site is on it (links join a site to a cloud)
    linked_sites.update(cols.b)
    if linked_sites.isdisjoint(dep.call_processing_sites):
        return list(map(_ID, remote))
    return list(filterfalse(linked_sites.__contains__, map(_ID, remote)))


def _cut_on_forest(design: Design, dep: DeploymentResult, remote: list[Site]) -> list[str] | None:
    """`_cut` read off the forest the sizing's routing already worked out for this design (a WAN drawn without
    cycles: trees, chains), with no union-find of its own: each node's part of the WAN is known by its root.
    Each cloud is a node of its own, as in the routing. None when no such forest is known."""
    graph = known_graph(design)
    memo = graph.forest_memo if graph is not None else None
    forest = memo[0] if memo is not None else None
    if forest is None:
        return None
    root, index = forest[3], graph.index
    served = set(map(root.__getitem__, map(index.__getitem__, dep.call_processing_sites)))
    if served and root.count(root[0]) == len(root):  # one part, with call processing: every site is served
        return []
    ids = list(map(_ID, remote))
    roots = map(root.__getitem__, map(index.__getitem__, ids))
    return list(compress(ids, map(not_, map(served.__contains__, roots))))


def _cut(design: Design, dep: DeploymentResult, remote: list[Site]) -> list[str]:
    """The remote sites with no WAN path to a call-processing site: union-find over the links. When the links join
    every site into one part (a connected mesh), every remote site is served: no site is looked up. Whether they do
    is read off the bridges search the sizing's routing made over the same nodes, when it made one (one root in its
    depth-first forest: one part), without a union-find."""
    graph = known_graph(design)
    cuts = graph.cut_memo if graph is not None else None
    if cuts is not None and dep.call_processing_sites and cuts[1].count(-1) == 1:
        return []
    index = dict(site_index(design))  # a copy: the clouds join it
    for c in design.clouds:
        index[c.id] = len(index)  # each cloud a node of its own, as in the routing
    parent = list(range(len(index)))
    cols = link_columns(design)
    joined = 0
    for a, b in zip(map(index.__getitem__, cols.a), map(index.__getitem__, cols.b), strict=True):
        while parent[a] != a:  # find, halving the path
            parent[a] = parent[parent[a]]
            a = parent[a]
        while parent[b] != b:
            parent[b] = parent[parent[b]]
            b = parent[b]
        if a != b:
            parent[a] = b
            joined += 1
    # parts = nodes - joins: one part holds every site and cloud
    if len(index) - joined == 1 and dep.call_processing_sites:
        return []

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    served = {root(index[site_id]) for site_id in dep.call_processing_sites}
    return [s.id for s in remote if root(index[s.id]) not in served]
