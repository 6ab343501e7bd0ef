"""Call admission control: the topology classic locations CAC can model (before CUCM 9), and the values to configure
per location and link, in CUCM's own units.

CUCM counts an audio call as the codec's bit rate plus 16 kbps of IP/UDP/RTP headers at 20 ms (40 bytes × 50
packets per second), without layer 2: 80 kbps for G.711 and G.722, 24 kbps for G.729 (the published figures); other
codecs follow the same rule. A link's value = its concurrent calls at the grade of service (the sizing's Erlang B
trunks) × that figure; a location's = the sum over its links.
"""

from __future__ import annotations

import heapq
import sys
from collections import Counter, deque
from collections.abc import Iterable
from itertools import chain, compress, repeat
from operator import add, and_, attrgetter, itemgetter, le, lt, ne, neg, not_, setitem
from typing import TYPE_CHECKING

from advisor.codecs import resolve
from advisor.findings import Finding, finding
from advisor.model import Design
from advisor.numbers import counted
from advisor.results import DeploymentResult
from advisor.routing_graph import site_index
from advisor.rules import seed
from advisor.rules._columns import link_columns, site_columns
from advisor.rules._names import Names
from advisor.rules.delay_paths import aligned
from advisor.rules.deployment_paths import release_tuple

if TYPE_CHECKING:
    from advisor.traffic import Sizing

Row = tuple[str, str, str]

ELCAC_RELEASE = (9,)  # Enhanced Locations CAC from CUCM 9
HEADERS_KBPS = 16.0  # IP 20 + UDP 8 + RTP 12 = 40 bytes × 8 bits × 50 packets/s (20 ms) = 16,000 bps
PUBLISHED_KBPS = {"g711": 80.0, "g722": 80.0, "g729": 24.0}
SHOWN = 5  # locations and links named in the message
ROWS = 10  # locations and links given a row of their own
_ARRAYS_MIN = 2_000  # links carrying calls from which, numpy loaded, the locations' totals are counted in arrays

_ID, _A, _B, _CALLS = attrgetter("id"), attrgetter("a"), attrgetter("b"), attrgetter("calls")

PA_BW = "Preferred Architecture for Cisco Collaboration 14 Enterprise On-Premises (CVD), Bandwidth Management"
Q_PER_CALL = ("For all audio \u2026 Unified CM counts the media bit rates plus the IP and UDP overhead. For example, "
              "a G.711 or G.722 audio call consumes 80 kbps (64 kbps bit rate + 16 kbps for IP/UDP headers)")
Q_G729 = "G.729 audio call (8 kbps) 24 kbps"
ELCAC_GUIDE = "Cisco Unified CM 12.5 System Configuration Guide, Enhanced Locations Call Admission Control"
Q_ELCAC = ("Enhanced locations call admission control (CAC) provides control over WAN bandwidth in complex WAN "
           "topologies as well as distributed deployments")
Q_MPLS_HUB = ("The MPLS cloud should be configured as a location that does not contain any endpoints but is used as "
              "a hub")


def num(x: float) -> str:
    """A kbps figure without exponent or trailing zeros, grouped by thousands: 343.2, 160,000."""
    return f"{x:,.1f}".rstrip("0").rstrip(".")


def enhanced(release: str) -> bool:
    """True from CUCM 9 (Enhanced Locations CAC); an unreadable release is taken as a current one."""
    version = release_tuple(release)
    return version is None or version >= ELCAC_RELEASE


def per_call_kbps(codec_id: str) -> tuple[float, str]:
    """(kbps CUCM deducts per audio call, how the figure is obtained)."""
    codec = resolve(codec_id)
    rate = codec.rate_kbps
    value = rate + HEADERS_KBPS
    rule = f"{codec.name}: {num(rate)} kbps codec + {HEADERS_KBPS:g} kbps IP/UDP/RTP at 20 ms, no layer 2"
    if codec.id in PUBLISHED_KBPS:
        return PUBLISHED_KBPS[codec.id], rule + ", as published"
    return value, rule + "; derived by the published rule (Cisco publishes G.711, G.722 and G.729 only)"


def mesh_links(design: Design, hub: str) -> list[str]:
    """Site-to-site links that touch neither a cloud nor the call-processing site: not hub-and-spoke. Read off the
    per-design link columns in C-level passes (a WAN on clouds has none, and says so without a pass)."""
    cols = link_columns(design)
    if cols.clouds and all(cols.on_cloud):
        return []
    away = map(and_, map(ne, cols.a, repeat(hub)), map(ne, cols.b, repeat(hub)))
    return list(compress(cols.ids, map(and_, map(not_, cols.on_cloud), away)))


def cac_checks(design: Design, sizing: Sizing | None, dep: DeploymentResult, rows: list[Row], out: list[Finding],
               names: Names) -> None:
    elcac = enhanced(design.cucm_release)
    mesh: list[str] = []
    if dep.detected == "centralized":
        hub = dep.call_processing_sites[0]
        mesh = mesh_links(design, hub)
        _topology(design, hub, mesh, elcac, rows, out, names)
    _values(design, sizing, mesh, elcac, rows, out, names)


def _topology(design: Design, hub: str, mesh: list[str], elcac: bool, rows: list[Row], out: list[Finding],
              names: Names) -> None:
    if not mesh:
        rows.append(("locations CAC topology", "ok", "hub-and-spoke or one cloud"))
        return
    one = len(mesh) == 1
    bypass = f"{counted(len(mesh), 'site-to-site link')} {'bypasses' if one else 'bypass'} hub {names.quoted(hub)}"
    if elcac:
        rows.append(("locations CAC topology", "ok", f"{bypass}: Enhanced Locations CAC (CUCM "
                                                     f"{design.cucm_release}) models {'it as a link' if one else 'them as links'}"))
        return
    rows.append(("locations CAC topology", "fail", f"{bypass}; CUCM {design.cucm_release} predates Enhanced "
                                                   "Locations CAC"))
    out.append(finding(
        "DEP-CAC-TOPOLOGY", mesh,
        f"centralized call processing on CUCM {design.cucm_release} with locations-based CAC, but {bypass}: "
        f"{names.links(mesh)}",
        seed.cite(seed.SRND_CAC, seed.SRND),
        "Upgrade to CUCM 9 or later and model the topology in Enhanced Locations CAC, or use RSVP-enabled "
        f"locations, or remove the {'link that bypasses' if one else 'links that bypass'} the hub.", rule="DEP-R8", source=seed.SRND_CAC))


def _values(design: Design, sizing: Sizing | None, mesh: list[str], elcac: bool, rows: list[Row],
            out: list[Finding], names: Names) -> None:
    if sizing is None:
        rows.append(("CAC values", "n/a", "need the traffic sizing"))
        return
    per_call, rule = per_call_kbps(design.voice.codec)
    results = sizing.links
    calls = list(map(_CALLS, results))
    busy = list(map(lt, repeat(0), calls))  # links that carry calls
    if not any(busy):
        return
    calls = list(compress(calls, busy))
    n_links = len(calls)
    # Busiest first, then by id; only the first SHOWN and ROWS + 1 are ever named (the rest are counted).
    # the results' ids and ends: the design's links' when the results are theirs, in order (the sizing reads them)
    if aligned(design, sizing):
        cols = link_columns(design)
        ids, ends_a, ends_b = cols.ids, cols.a, cols.b
    else:
        ids, ends_a, ends_b = list(map(_ID, results)), map(_A, results), map(_B, results)
    top = busiest(max(SHOWN, ROWS) + 1, compress(ids, busy), calls)
    by_link = [(i, -minus) for minus, i in top]
    # A site on one link: its location's value is that link's. Sites on several links are listed with their total.
    ends_a, ends_b = list(compress(ends_a, busy)), list(compress(ends_b, busy))
    top_locations, n_shared = busiest_locations(max(SHOWN, ROWS) + 1, design, ends_a, ends_b, calls)
    by_location = [(i, -minus) for minus, i in top_locations]

    def shown(items: list, label, total: int) -> str:
        text = "; ".join(f"{label(i)} {counted(c, 'call')} × {num(per_call)} = {num(c * per_call)} kbps"
                         for i, c in items[:SHOWN])
        return text + (f"; and {total - SHOWN:,} more" if total > SHOWN else "")

    link_text = shown(by_link, lambda i: f"'{names.link_name(i)}'", n_links)
    scheme = "Enhanced Locations CAC" if elcac else "locations CAC"
    message = (f"{scheme} values for CUCM {design.cucm_release}, audio {num(per_call)} kbps per call ({rule}); per "
               f"link (concurrent calls × {num(per_call)} kbps): {link_text}; per location: the value of the site's "
               "link")
    if by_location:
        message += (f", and for the {counted(n_shared, 'site')} on several links {'its' if n_shared == 1 else 'their'} "
                    "links together: "
                    f"{shown(by_location, names.quoted, n_shared)}")
    rationale = f"{PA_BW}: \u201c{Q_PER_CALL}\u201d; Table 8-6: \u201c{Q_G729}\u201d."
    if elcac:
        model = "Model the topology: each site a location, each WAN link a link between two locations"
        ends = {end for ln in design.links for end in (ln.a, ln.b)} if design.clouds else set()
        hubs = [c.id for c in design.clouds if c.id in ends]  # a cloud no link reaches is no location of the WAN
        if hubs:
            model += f", each cloud ({names.sites(hubs)}) a location without endpoints used as a hub"
        if mesh:
            model += (f", including the {counted(len(mesh), 'site-to-site link')} that "
                      f"{'bypasses' if len(mesh) == 1 else 'bypass'} the hub")
        message += f". {model}"
        rationale += f" The same chapter and the {ELCAC_GUIDE}: \u201c{Q_ELCAC}\u201d; \u201c{Q_MPLS_HUB}\u201d."
    out.append(finding(
        "DEP-CAC-VALUES", ("design",), message, rationale,
        "Configure these audio bandwidths on the locations and links in CUCM; when CAC refuses a call, AAR can "
        "reroute it over the PSTN.", rule="DEP-R16", source=PA_BW))
    rows.append(("CAC audio per call", "ok", f"{num(per_call)} kbps ({rule})"))
    _value_rows(rows, by_link, n_links, lambda i: f"link '{names.link_name(i)}'", "link", per_call)
    _value_rows(rows, by_location, n_shared, lambda i: f"location {names.quoted(i)}", "location", per_call)


def location_totals(sites: set[str], ends_a: list[str], ends_b: list[str], calls: list[int]
                    ) -> list[tuple[str, int]]:
    """(site, calls of its links together) for each site at the end of more than one of these links (clouds are not
    locations of endpoints), in no particular order. All in C-level passes: the ends are counted with `set` and
    `Counter` (sites on clouds have one link each, so a WAN on clouds sums nothing), and the totals are summed by
    `map` reading each running total just before it stores the next one. Integer sums: any order of addition
    gives the same totals."""
    site_ends = list(filter(sites.__contains__, chain(ends_a, ends_b)))
    if len(set(site_ends)) == len(site_ends):  # no site twice: each on one link
        return []
    ends = Counter(site_ends)
    shared = list(compress(ends, map(lt, repeat(1), ends.values())))
    if not shared:
        return []
    every, weights = ends_a + ends_b, calls + calls
    totals: dict[str, int] = {}
    deque(map(setitem, repeat(totals), every, map(add, map(totals.get, every, repeat(0)), weights)), 0)
    return list(zip(shared, map(totals.__getitem__, shared), strict=True))


def busiest_locations(k: int, design: Design, ends_a: list[str], ends_b: list[str], calls: list[int]
                      ) -> tuple[list[tuple[int, str]], int]:
    """(`busiest(k, ...)` over `location_totals`' sites and totals, how many such sites): the k busiest sites on
    more than one of these links. With numpy loaded and many links, the totals are counted by site number in
    arrays (integer sums: the same totals) and only the sites at or above the k-th largest total are named and
    ordered, as `busiest` orders them: the same answer."""
    index = site_index(design)
    n, m = len(index), len(calls)
    for one, other in ((ends_a, ends_b), (ends_b, ends_a)):  # sites on one cloud: each site on one link, no total
        if m and other.count(other[0]) == m and other[0] not in index and len(set(one)) == m:
            return [], 0
    if m < _ARRAYS_MIN or "numpy" not in sys.modules:
        shared = location_totals(set(site_columns(design).ids), ends_a, ends_b, calls)
        return busiest(k, map(itemgetter(0), shared), list(map(itemgetter(1), shared))), len(shared)
    import numpy as np

    ends = np.fromiter(map(index.get, chain(ends_a, ends_b), repeat(n)), dtype=np.int64, count=2 * m)  # clouds: n
    weights = np.asarray(calls, dtype=np.int64)
    weights = np.concatenate((weights, weights))
    site = ends < n
    ends, weights = ends[site], weights[site]
    links = np.bincount(ends, minlength=n)
    shared = np.flatnonzero(links > 1)
    if not shared.size:
        return [], 0
    totals = np.zeros(n, dtype=np.int64)
    np.add.at(totals, ends, weights)
    totals, n_shared = totals[shared], int(shared.size)
    if n_shared > k:
        keep = totals >= np.partition(totals, n_shared - k)[n_shared - k]  # the k-th largest total
        shared, totals = shared[keep], totals[keep]
    ids = site_columns(design).ids
    return busiest(k, map(ids.__getitem__, shared.tolist()), totals.tolist()), n_shared


def busiest(k: int, ids: Iterable[str], calls: list[int]) -> list[tuple[int, str]]:
    """`heapq.nsmallest(k, zip(-calls, ids))`: the k busiest (minus calls, id), busiest first, then by id. Only
    the entries with at least the k-th largest count can be among them: that cut is found by sorting the counts
    (plain integers, in C), and only the entries at or above it are ordered as pairs."""
    if len(calls) > k:
        cut = sorted(calls, reverse=True)[k - 1]
        keep = list(map(le, repeat(cut), calls))
        ids, calls = compress(ids, keep), list(compress(calls, keep))
        if len(calls) > 4 * k:  # many tie at the cut (links all alike): those above it, then the first ids at it
            ids = list(ids)
            above = list(map(lt, repeat(cut), calls))  # fewer than k: the cut is the k-th largest
            top = sorted(zip(map(neg, compress(calls, above)), compress(ids, above), strict=True))
            return top + list(zip(repeat(-cut), heapq.nsmallest(k - len(top), compress(ids, map(not_, above)))))
    return sorted(zip(map(neg, calls), ids, strict=True))[:k]


def _value_rows(rows: list[Row], items: list[tuple[str, int]], total: int, label, kind: str,
                per_call: float) -> None:
    """One verdict row per link or location (the first ROWS of `total`, busiest first), then one for the rest.
    `items`: at least the first ROWS + 1 (id, calls), in order; `label(id)` names one."""
    for i, calls in items[:ROWS]:
        rows.append((f"CAC {label(i)}", "ok", f"{counted(calls, 'call')} × {num(per_call)} kbps = {num(calls * per_call)} kbps"))
    if total > ROWS:
        first = items[ROWS][1]
        rows.append((f"CAC other {kind}s", "ok", f"{counted(total - ROWS, f'more {kind}')}, up to {counted(first, 'call')} × "
                                                 f"{num(per_call)} = {num(first * per_call)} kbps"))
