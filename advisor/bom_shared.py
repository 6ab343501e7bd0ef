"""The bill of materials' quantities for the options of one comparison (`advisor.scenarios.compare`): the lines of
every site (SRST routers, PSTN trunks) and of the clusters worked out once for the options that change none of what
those lines read.

`bom.quantities` builds every line of the bill, words included, and sums them: at 10,000 sites 80 ms per option
beside the 150-250 ms of its analysis, though a codec, a packetization, an SRTP suite or a VPN technology changes no
site's router or trunks. What the site lines read (`bom._site_items`): the sites, whether
the deployment model has branches that need survivability, the signalling protocol, the grade of service, the BOM
options and each site's PSTN trunks and Erlangs. Two options share the site lines when their sites are the very same
tuple (`scenarios.apply` copies the design with new policies only) and the rest is equal. The cluster lines likewise
(`_cluster_key`: they count each cluster's phones over the sites). The VPN lines (key servers or hubs, by the
technology each link's calls use) are built for each option, as `bom.build` does.

The totals are those of `bom.quantities`, in the same order (first seen, site by site in design order, each site's
cluster lines, then its VPN lines, then its own): tests/core/test_bom_shared.py compares every option with
`bom.quantities` of its own analysis.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from operator import attrgetter

from advisor import bom
from advisor.model import Design
from advisor.results import Results

Quantities = Callable[..., dict[str, int]]
_TRUNKS, _ERLANGS = attrgetter("pstn_trunks"), attrgetter("pstn_erlangs")


def _site_key(design: Design, results: Results, options: bom.BomOptions) -> tuple:
    """Everything `bom._site_items` reads besides the sites themselves (and the limit table, the same all run). The
    Erlangs as their bytes: -0.0 apart from 0.0, as `bom` keeps them apart."""
    trunks = tuple(map(_TRUNKS, results.sites))
    erlangs = array("d", map(_ERLANGS, results.sites)).tobytes()
    return (results.model.detected in bom.MULTISITE, design.voice.signalling, design.traffic.gos, options, trunks,
            erlangs)


def _cluster_key(design: Design, results: Results) -> tuple:
    """What `bom._cluster_items` reads besides the sites (and the limit table): the cluster policy, the clusters
    found, and the links and clouds (the sites' names are told apart among them)."""
    return (design.links, design.clouds, design.cluster, results.model.clusters)


def _summed(items_by_site: dict[str, list[bom.BomItem]], index: dict[str, int], rank: int) -> dict:
    """(item, model) -> [first place, total] over lines of nonzero quantity; a place is (site's position in the
    design, `rank` (0 cluster lines, 1 VPN lines, 2 a site's own: `bom.build` lists them in that order at a site),
    position among those lines)."""
    out: dict[tuple[str, str], list] = {}
    for site, items in items_by_site.items():
        at = index.get(site)
        if at is None:  # `bom.build` leaves out a line for a site the design does not have
            continue
        for j, item in enumerate(items):
            if item.quantity:
                entry = out.get((item.item, item.model))
                if entry is None:
                    out[(item.item, item.model)] = [(at, rank, j), item.quantity]
                else:
                    entry[0] = min(entry[0], (at, rank, j))
                    entry[1] += item.quantity
    return out


def for_comparison() -> Quantities:
    """A `bom.quantities` for one comparison: it keeps the site and cluster lines of the options it has seen."""
    sites_held: list[tuple] = []  # (sites, key, summed site lines): a few entries
    clusters_held: list[tuple] = []  # (sites, key, summed cluster lines)
    indexes: list[tuple] = []  # (sites, site id -> position)

    def index_of(sites) -> dict[str, int]:
        found = next((i for s, i in indexes if s is sites), None)
        if found is None:
            found = {s.id: i for i, s in enumerate(sites)}
            indexes.append((sites, found))
        return found

    def summed(held: list[tuple], key: tuple, design: Design, build: Callable, rank: int) -> dict:
        found = next((h[2] for h in held if h[0] is design.sites and h[1] == key), None)
        if found is None:
            lines = bom._Lines()
            build(lines)
            found = _summed(lines.by_site, index_of(design.sites), rank)
            held.append((design.sites, key, found))
        return found

    def quantities(design: Design, results: Results, options: bom.BomOptions | None = None) -> dict[str, int]:
        options = options or bom.BomOptions()
        parts = [
            summed(clusters_held, _cluster_key(design, results), design,
                   lambda lines: bom._cluster_items(design, results, lines), 0),
            summed([], (), design, lambda lines: bom._vpn_items(design, results, options, lines), 1),
            summed(sites_held, _site_key(design, results, options), design,
                   lambda lines: bom._site_items(design, results, options, lines), 2),
        ]
        merged: dict[tuple[str, str], list] = {}
        for part in parts:
            for k, (place, qty) in part.items():
                entry = merged.get(k)
                merged[k] = [place, qty] if entry is None else [min(entry[0], place), entry[1] + qty]
        order = sorted(merged.items(), key=lambda kv: kv[1][0])
        return {f"{item}: {model}": qty for (item, model), (_place, qty) in order}

    return quantities
