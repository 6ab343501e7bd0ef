"""CUCM deployment model (SPEC §3.4): detect it from where call-processing nodes sit, then check it.

`detect(design)` classifies; `check(design, sizing, deployment)` returns the DEP-* findings. Path-based checks
(clustering-over-WAN RTT and bandwidth, one-way delay) live in `advisor.rules.deployment_paths`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.findings import Finding, finding
from advisor.model import Design, Site
from advisor.results import DeploymentResult
from advisor.rules import seed
from advisor.rules._names import Names, names_for
from advisor.rules.deployment_paths import cow_checks, delay_check
from advisor.tables import Table, load_table

if TYPE_CHECKING:
    from advisor.traffic import Sizing

MODEL_LABELS = {"single-site": "single site", "centralized": "multisite with centralized call processing",
                "distributed": "multisite with distributed call processing",
                "clustering-over-wan": "clustering over the WAN", "none": "no call processing"}
MULTISITE = ("centralized", "distributed", "clustering-over-wan")
Row = tuple[str, str, str]  # (check, ok | fail | n/a, detail with figures)


def clusters_of(design: Design, nodes: list[int] | None = None) -> dict[str, tuple[str, ...]]:
    """Cluster id -> ids of the sites holding its call-processing nodes, in design order (`nodes`: each site's
    call-processing node count, when already known)."""
    if nodes is None:
        nodes = [s.call_processing_nodes for s in design.sites]
    out: dict[str, list[str]] = {}
    for s, n in zip(design.sites, nodes, strict=True):
        if n > 0:
            out.setdefault(s.cluster_id, []).append(s.id)
    return {k: tuple(v) for k, v in out.items()}


@dataclass(frozen=True)
class _Census:
    """Per-site counts the checks read, taken once: each is a property call, and a check reads them per site."""

    phones: list[int]  # phone_count per site, in design order
    nodes: list[int]  # call_processing_nodes per site
    remote: list[Site]  # sites with phones and no call processing of their own

    @classmethod
    def of(cls, design: Design) -> _Census:
        phones = [s.phone_count for s in design.sites]
        nodes = [s.call_processing_nodes for s in design.sites]
        remote = [s for s, p, n in zip(design.sites, phones, nodes, strict=True) if p > 0 and n == 0]
        return cls(phones, nodes, remote)


def detect(design: Design, sizing: Sizing | None = None) -> DeploymentResult:
    """The deployment model; `checks` holds one verdict row per check (pass `sizing` for path-based rows)."""
    return detect_and_check(design, sizing)[0]


def detect_and_check(design: Design, sizing: Sizing | None = None) -> tuple[DeploymentResult, list[Finding]]:
    """`detect` and `check` from one evaluation: the rows and the findings come from the same pass, so the analysis
    asks for both at once instead of walking every site and path twice."""
    census = _Census.of(design)
    clusters = clusters_of(design, census.nodes)
    cp_sites = tuple(s.id for s, n in zip(design.sites, census.nodes, strict=True) if n > 0)
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
            f"DEP-R2: {seed.cite(seed.MODELS)} The model follows from where call-processing nodes are placed.",
            "Move call-processing nodes (publisher, subscribers, cluster ids) to match the intent, or change the "
            "intended model.", rule="DEP-R2", source=seed.MODELS))
        rows.append(("intended model", "fail", f"intended {design.deployment_model}, detected {model}"))
    phones = sum(census.phones)
    if model == "none" and phones > 0:
        out.append(finding(
            "DEP-NO-CALL-PROCESSING", ("design",),
            f"{phones} phone(s) at {sum(p > 0 for p in census.phones)} site(s) but no call-processing "
            "node anywhere", f"DEP-R3: {seed.cite(seed.MODELS)}",
            "Place a CUCM publisher (and subscribers) at the HQ or data centre.", rule="DEP-R3", source=seed.MODELS))
        rows.append(("call processing", "fail", f"{phones} phones, no call-processing node"))
    elif phones:
        rows.append(("call processing", "ok", f"{sum(census.nodes)} node(s) at "
                                              f"{len(dep.call_processing_sites)} site(s)"))
    _cluster_size(design, dep, rows, out, names)
    if model in MULTISITE:
        remote = census.remote
        _survivability(remote, rows, out, names)
        _srst_capacity(remote, rows, out, names)
        _pstn(remote, rows, out, names)
        _reachability(design, dep, remote, rows, out, names)
    if model == "centralized":
        _cac(design, dep, rows, out, names)
    if model == "clustering-over-wan":
        cow_checks(design, sizing, dep.clusters, rows, out)
    delay_check(design, sizing, rows, out)
    return rows, out


def _model_finding(dep: DeploymentResult, remote: int, names: Names) -> Finding:
    where = "; ".join(f"cluster '{c}' at {names.sites(sites)}" for c, sites in dep.clusters.items())
    detail = f" ({where}; {remote} site(s) with phones and no local call processing)" if where else ""
    return finding(
        "DEP-MODEL", ("design",), f"deployment model: {MODEL_LABELS[dep.detected]}{detail}",
        f"DEP-R1: {seed.cite(seed.MODELS)} Detected from where the publisher and subscribers are placed.",
        "Nothing to do if this is the intent; the checks that follow apply to this model.",
        rule="DEP-R1", source=seed.MODELS)


def _cluster_size(design: Design, dep: DeploymentResult, rows: list[Row], out: list[Finding],
                  names: Names) -> None:
    limits = load_table("cluster_limits")
    max_subs, max_pubs = limits.value("max_subscribers"), limits.value("max_publishers")
    max_sites = limits.value("remote_failover_max_sites")
    by_id = {s.id: s for s in design.sites}
    for cluster, site_ids in dep.clusters.items():
        sites = [by_id[i] for i in site_ids]
        subs = sum(s.cucm_subscribers for s in sites)
        pubs = sum(s.cucm_publisher for s in sites)
        problems = []
        if subs > max_subs:
            problems.append(f"{subs} call-processing subscribers (at most {max_subs:g})")
        if pubs > max_pubs:
            problems.append(f"{pubs} publishers (exactly {max_pubs:g})")
        if pubs == 0:
            problems.append("no publisher (a cluster has exactly one)")
        if len(sites) > max_sites:
            problems.append(f"nodes at {len(sites)} sites (at most {max_sites:g}, with remote failover)")
        detail = f"{pubs} publisher(s), {subs} subscriber(s) at {len(sites)} site(s)"
        rows.append((f"cluster '{cluster}' size", "fail" if problems else "ok", detail))
        if problems:
            out.append(finding(
                "DEP-CLUSTER-SIZE", site_ids, f"cluster '{cluster}' (at {names.sites(site_ids)}) has "
                f"{'; '.join(problems)}",
                f"DEP-R4: {seed.cite(seed.SRND_CLUSTER, seed.SRND)} Limits: {limits.cite('max_subscribers')}; "
                f"{limits.cite('remote_failover_max_sites')}",
                "Split the nodes into several clusters joined by inter-cluster trunks, and give each cluster one "
                "publisher.", rule="DEP-R4", source=seed.SRND_CLUSTER))


def _survivability(remote: list[Site], rows: list[Row], out: list[Finding], names: Names) -> None:
    bare = [s.id for s in remote if s.survivability == "none"]
    rows.append(("survivability at remote sites", "fail" if bare else ("ok" if remote else "n/a"),
                 f"{len(remote) - len(bare)} of {len(remote)} remote site(s) with SRST or fallback"))
    if bare:
        out.append(finding(
            "DEP-SRST-MISSING", bare,
            f"{len(bare)} site(s) with phones depend on call processing across the WAN and have no survivability: "
            f"{names.sites(bare)}",
            f"DEP-R5: {seed.cite(seed.AV_WAN_DOWN)} {seed.cite(seed.AV_SRST)}",
            "Enable SRST (or E-SRST, SIP SRST, MGCP fallback) on each branch router, sized for its phones.",
            rule="DEP-R5", source=seed.AV_SRST))


def platform_key(platform: str) -> str:
    """'Cisco ISR 2811' and 'c2811' both become '2811'; '3945e' becomes '3945E'."""
    key = re.sub(r"[\s_\-]+", "", platform.upper())
    return re.sub(r"^(CISCO)?(ISR)?(G2)?C?", "", key) or key


def srst_capacity(site: Site, table: Table | None = None) -> tuple[int | None, str]:
    """(phones the site's SRST supports, where the figure comes from); (None, reason) when unknown."""
    if site.srst_capacity is not None:
        return site.srst_capacity, "the site's SRST capacity setting"
    if not site.srst_platform:
        return None, "no SRST platform or capacity given"
    table = table or load_table("srst_platforms")
    key = platform_key(site.srst_platform)
    entry = table.entries.get(key)
    if entry is None:
        return None, f"platform '{site.srst_platform}' is not in {table.path}"
    return int(entry.value), f"{key}: {table.cite(key)}"


def _srst_capacity(remote: list[Site], rows: list[Row], out: list[Finding], names: Names) -> None:
    table = load_table("srst_platforms")
    checked, unknown, short = 0, 0, []
    by_platform: dict[str | None, tuple[int | None, str]] = {}  # thousands of branches share a few platforms
    rationales: dict[str, str] = {}  # per capacity origin: the same sentence for every branch that shares it
    cite = seed.cite(seed.AV_SRST)
    for s in remote:
        if s.survivability == "none":
            continue
        if s.srst_capacity is not None:
            capacity, origin = srst_capacity(s, table)
        else:
            if s.srst_platform not in by_platform:
                by_platform[s.srst_platform] = srst_capacity(s, table)
            capacity, origin = by_platform[s.srst_platform]
        if capacity is None:
            unknown += 1
            if s.srst_platform:  # a platform was named but we do not know it: say so rather than stay silent
                out.append(finding(
                    "DEP-SRST-CAPACITY", (s.id,),
                    f"{names.site(s.id)}: SRST platform '{s.srst_platform}' is not in the platform table, so its "
                    f"capacity for {s.phone_count} phones cannot be checked",
                    f"DEP-R6: {seed.cite(seed.AV_SRST)} Capacities come from the SRST data sheets.",
                    "Set the site's SRST capacity, or add the platform to srst_platforms.json.",
                    severity="warning", rule="DEP-R6", source=seed.AV_SRST))
            continue
        checked += 1
        phones = s.phone_count
        if capacity < phones:
            short.append(s.id)
            rationale = rationales.get(origin)
            if rationale is None:
                rationale = rationales[origin] = f"DEP-R6: {cite} Capacity: {origin}"
            out.append(finding(
                "DEP-SRST-CAPACITY", (s.id,),
                f"{names.site(s.id)} has {phones} phones but its SRST supports {capacity} "
                f"({phones - capacity} would stay unregistered during a WAN outage)",
                rationale,
                "Use a larger SRST platform or split the phones across routers; E-SRST supports fewer phones "
                "than SRST on most platforms.", rule="DEP-R6", source=seed.AV_SRST))
    if checked or unknown:
        detail = f"{checked} site(s) checked against their SRST capacity, {len(short)} short"
        detail += f" ({names.sites(short)})" if short else ""
        detail += f"; {unknown} without a known platform or capacity" if unknown else ""
        rows.append(("SRST capacity", "fail" if short else ("ok" if checked else "n/a"), detail))


def _pstn(remote: list[Site], rows: list[Row], out: list[Finding], names: Names) -> None:
    bare = [s.id for s in remote if not s.pstn_gateway]
    rows.append(("local PSTN gateway at remote sites", "fail" if bare else ("ok" if remote else "n/a"),
                 f"{len(remote) - len(bare)} of {len(remote)} remote site(s) with a local gateway"))
    if bare:
        out.append(finding(
            "DEP-PSTN-FALLBACK", bare,
            f"{len(bare)} remote site(s) have no local PSTN gateway, so no fallback or AAR path when the WAN "
            f"fails: {names.sites(bare)}",
            f"DEP-R7: {seed.cite(seed.AV_SRST_PSTN)} {seed.cite(seed.SRND_PSTN, seed.SRND)}",
            "Give each branch a local PSTN gateway (FXO/ISDN/SIP trunk) for survivable calls and AAR.",
            rule="DEP-R7", source=seed.AV_SRST_PSTN))


def _reachability(design: Design, dep: DeploymentResult, remote: list[Site], rows: list[Row], out: list[Finding],
                  names: Names) -> None:
    """Remote phones register over the WAN: a site left unconnected in a drawn WAN reaches no call processing.

    Only once a WAN is drawn (some link exists): a design with no links at all is not about the WAN yet. Clouds
    count as one WAN, as the sizing takes them (a branch on the Internet reaches an HQ on MPLS).
    Union-find over the links: O(sites + links).
    """
    if not design.links or not remote:
        return
    parent: dict[str, str] = {c.id: "<wan>" for c in design.clouds}

    def root(node: str) -> str:
        while parent.get(node, node) != node:
            parent[node] = parent.get(parent[node], parent[node])
            node = parent[node]
        return node

    for ln in design.links:
        ra, rb = root(ln.a), root(ln.b)
        if ra != rb:
            parent[ra] = rb
    served = {root(site_id) for site_id in dep.call_processing_sites}
    cut = [s.id for s in remote if root(s.id) not in served]
    rows.append(("WAN path to call processing", "fail" if cut else "ok",
                 f"{len(remote) - len(cut)} of {len(remote)} remote site(s) connected to a call-processing site"))
    if cut:
        out.append(finding(
            "DEP-UNREACHABLE", cut,
            f"{len(cut)} remote site(s) with phones have no WAN path to a call-processing site, so their phones "
            f"cannot register: {names.sites(cut)}",
            f"DEP-R13: {seed.cite(seed.MODELS)} Phones at a site without call processing register to CUCM across "
            "the IP WAN; with no path they have no service (and SRST, if any, runs permanently).",
            "Connect each of these sites to the WAN (drag a link to a cloud or to another site), or give the site "
            "its own call processing.", rule="DEP-R13", source=seed.MODELS))


def _cac(design: Design, dep: DeploymentResult, rows: list[Row], out: list[Finding], names: Names) -> None:
    """Locations CAC models each branch as one hop from the hub (or from one MPLS cloud, the 'spokeless hub'):
    a site-to-site link that bypasses the call-processing site breaks that model."""
    hub = dep.call_processing_sites[0]
    clouds = {c.id for c in design.clouds}
    mesh = [ln.id for ln in design.links if ln.a not in clouds and ln.b not in clouds and hub not in (ln.a, ln.b)]
    rows.append(("locations CAC topology", "fail" if mesh else "ok",
                 f"{len(mesh)} site-to-site link(s) bypass hub {names.quoted(hub)}" if mesh
                 else "hub-and-spoke or one cloud"))
    if mesh:
        out.append(finding(
            "DEP-CAC-TOPOLOGY", mesh,
            f"centralized call processing with locations-based CAC, but {len(mesh)} site-to-site link(s) bypass "
            f"hub {names.quoted(hub)}: {names.links(mesh)}",
            f"DEP-R8: {seed.cite(seed.SRND_CAC, seed.SRND)}",
            "Use RSVP-enabled locations (or enhanced locations CAC with a modelled topology), or remove the links "
            "that bypass the hub.", rule="DEP-R8", source=seed.SRND_CAC))
