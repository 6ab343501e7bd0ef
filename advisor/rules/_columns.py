"""Per-design columns the rule families read for every site and every link, read once per analysis.

A 10,000-site design is read attribute by attribute: each read of a model field is a Python attribute access, and
the deployment, delay, CAC and reachability checks each need the same few per site or per link. Here each column
is one `map(attrgetter(...))` pass (a C-level loop), memoised per design (`per_design`) so that every rule of one
analysis shares it; the lists are read, never changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress
from operator import add, attrgetter, itemgetter, or_

from advisor.model import Design, Site
from advisor.routing_graph import link_ends, site_index

_memo: tuple[Design, dict] | None = None  # one analysis' per-design values (`per_design`)


def per_design(design: Design) -> dict:
    """A dict for values worked out once per design and shared by the rule families of one analysis (by
    identity: a design is frozen). Only the last design's is kept; `forget` drops it (each analysis starts with
    it, so that every analysis works its figures out afresh)."""
    global _memo
    memo = _memo  # one read: another thread may replace it meanwhile, and then this call keeps its own
    if memo is None or memo[0] is not design:
        memo = _memo = (design, {})
    return memo[1]


def forget() -> None:
    global _memo
    _memo = None


@dataclass(frozen=True)
class SiteColumns:
    """Per-site figures the rules read for every site, in design order, read once per analysis."""

    ids: list[str]
    phones: list[int]  # Site.phone_count
    nodes: list[int]  # Site.call_processing_nodes


def site_columns(design: Design) -> SiteColumns:
    memo = per_design(design)
    got = memo.get("site_columns")
    if got is None:
        sites = site_dicts(design)
        users = list(map(_USERS, sites))
        given = list(map(_PHONES, sites))
        if given.count(None) == len(given):  # one phone per user everywhere (the usual case)
            phones = users
        else:
            phones = [u if p is None else p for u, p in zip(users, given, strict=True)]
        nodes = list(map(add, map(_PUBLISHER, sites), map(_SUBSCRIBERS, sites)))
        index = site_index(design)  # the routing's site index (memoised per design): its keys are the ids in order
        ids = list(index) if len(index) == len(sites) else list(map(_ID, design.sites))
        got = memo["site_columns"] = SiteColumns(ids, phones, nodes)
    return got


def site_field(design: Design, name: str) -> list:
    """`[s.<name> for s in design.sites]`, read once per analysis (a field several checks read per site); a model
    field from the sites' attribute dicts (`site_dicts`)."""
    memo = per_design(design)
    key = ("site_field", name)
    got = memo.get(key)
    if got is None:
        got = memo[key] = (list(map(itemgetter(name), site_dicts(design))) if name in Site.model_fields
                           else list(map(attrgetter(name), design.sites)))
    return got


def site_dicts(design: Design) -> list[dict]:
    """Each site's attribute dict (`vars(site)`: its fields by name, the very objects `site.<field>` reads), in
    design order, once per analysis: a field's column is then one item lookup per site, about half the cost of an
    attribute read on a model, and the checks read about ten fields per site."""
    memo = per_design(design)
    got = memo.get("site_dicts")
    if got is None:
        got = memo["site_dicts"] = list(map(vars, design.sites))
    return got


@dataclass(frozen=True)
class SiteSubset:
    """Some of the design's sites (`mask` over design order), with their ids and phones, and any field by column."""

    design: Design
    mask: list[bool]
    sites: list[Site]
    ids: list[str]
    phones: list[int]  # Site.phone_count

    @classmethod
    def of(cls, design: Design, mask: list[bool]) -> SiteSubset:
        cols = site_columns(design)
        return cls(design, mask, list(compress(design.sites, mask)), list(compress(cols.ids, mask)),
                   list(compress(cols.phones, mask)))

    def field(self, name: str) -> list:
        """`[s.<name> for s in self.sites]`, from the design's column."""
        return list(compress(site_field(self.design, name), self.mask))


@dataclass(frozen=True)
class LinkColumns:
    """Per-link ids and ends, in design order, read once per analysis."""

    ids: list[str]
    a: list[str]
    b: list[str]
    clouds: set[str]  # the design's cloud ids
    on_cloud: list[bool]  # per link: whether an end is a cloud


def link_columns(design: Design) -> LinkColumns:
    memo = per_design(design)
    got = memo.get("link_columns")
    if got is None:
        links = design.links
        a, b = link_ends(design)  # the routing's (memoised per design): read, never changed
        clouds = set(map(_ID, design.clouds))
        touch = clouds.__contains__
        on_cloud = list(map(or_, map(touch, a), map(touch, b))) if clouds else [False] * len(a)
        got = memo["link_columns"] = LinkColumns(list(map(_ID, links)), a, b, clouds, on_cloud)
    return got


_ID = attrgetter("id")
# read from the sites' attribute dicts (`site_dicts`)
_USERS, _PHONES = itemgetter("users"), itemgetter("phones")
_PUBLISHER, _SUBSCRIBERS = itemgetter("cucm_publisher"), itemgetter("cucm_subscribers")
