"""Per-site busy-hour figures before any routing (`advisor.demand`): each site's Erlangs, its intra-site, on-net
and PSTN shares of them, and its phones' signalling kbps, from the design's traffic policy and each site's own.

Designs whose sites share a few (users, phones) pairs and no traffic of their own work each pair out once
(`_load_row`); others go through the sites once with the formula written out (`_load_sites`): the same operations on
the same operands in the same order, without a call per site.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress, repeat
from operator import attrgetter, is_not

from advisor import signalling
from advisor.model import Design
from advisor.numbers import setting

_USERS, _PHONES, _TRAFFIC = attrgetter("users"), attrgetter("phones"), attrgetter("traffic")
_overrides: tuple[Design, bool] | None = None  # the last design's answer (`any_site_traffic`)


def any_site_traffic(design: Design) -> bool:
    """Whether some site has traffic figures of its own (`Site.traffic`), once per design (by identity: a design
    is frozen): the loads, the VPN ranking's spoke-to-spoke share and the traffic check each skip a pass over the
    sites when none has."""
    global _overrides
    memo = _overrides  # one read: another thread may replace it meanwhile, and then this call keeps its own
    if memo is None or memo[0] is not design:
        memo = _overrides = (design, any(map(_TRAFFIC, design.sites)))
    return memo[1]


def forget() -> None:
    global _overrides
    _overrides = None


@dataclass
class _SiteLoads:
    """Per-site busy-hour figures, one list per quantity (in design order): the sizing walks them by position."""

    erlangs: list[float]
    intra: list[float]
    on_net: list[float]
    pstn_own: list[float]
    phones_kbps: list[float]


@dataclass
class _SiteLoad:
    """One site's figures from `_SiteLoads` (tests and tools read them per site)."""

    erlangs: float
    intra: float
    on_net: float
    pstn_own: float
    phones_kbps: float


def _site_loads(design: Design, notes: list[str]) -> list[_SiteLoad]:
    loads = _load_lists(design, notes)
    return [_SiteLoad(*row) for row in zip(loads.erlangs, loads.intra, loads.on_net, loads.pstn_own,
                                           loads.phones_kbps, strict=True)]


def _load_lists(design: Design, notes: list[str], people: list[int] | None = None) -> _SiteLoads:
    """Per-site figures; `people`: each site's users, when the caller has read them."""
    t = design.traffic
    default_shares = (t.intra_site_share, t.on_net_share, t.pstn_share)
    bps_per_phone = signalling.formula(design).bps_per_phone
    sites = design.sites
    if not sites:
        return _SiteLoads([], [], [], [], [])
    users = people if people is not None else list(map(_USERS, sites))
    phones = list(map(_PHONES, sites))
    if not any_site_traffic(design):  # the usual case: no site has traffic of its own
        one_each = phones.count(None) == len(phones)  # one phone per user everywhere: the users are the key
        keys = users if one_each else list(zip(users, phones, strict=True))
        distinct: dict = dict.fromkeys(keys)
        if len(distinct) * 4 <= len(keys):  # thousands of sites share a few (users, phones): each worked out once
            cpu0, hold0 = t.calls_per_user, t.holding_time_s
            for key in distinct:
                distinct[key] = _load_row(bps_per_phone, *((key, None) if one_each else key), cpu0, hold0,
                                          *default_shares)
            return _SiteLoads(*(list(column) for column in zip(*map(distinct.__getitem__, keys), strict=True)))
    return _load_sites(design, notes, users, phones, list(map(_TRAFFIC, sites)), bps_per_phone)


def _load_row(bps_per_phone, users: int, phones: int | None, cpu: float, hold: float, intra: float,
              on_net: float, pstn: float) -> tuple[float, float, float, float, float]:
    """One site's (Erlangs, intra-site, on-net, PSTN, signalling kbps): the formula `_load_sites` writes out for
    every site (tests/core/test_demand_columns.py and test_sizing_columns.py compare the figures with a plain one)."""
    a = users * cpu * hold / 3600.0
    phones = users if phones is None else phones  # Site.phone_count, inlined
    # The SRND's CH is calls per hour per phone: the site's calls spread over its phones.
    bps = bps_per_phone(cpu if phones == users or phones == 0 else cpu * users / phones)
    return a, a * intra, a * on_net, a * pstn, phones * bps / 1000.0


def _load_sites(design: Design, notes: list[str], users: list[int], phones: list[int | None], overrides: list,
                  bps_per_phone) -> _SiteLoads:
    """`_load_row` for every site, in one pass with the formula written out (no call per site): the same operations
    on the same operands in the same order. A site's own traffic replaces the design's figures it sets; the
    signalling per phone is worked out once per distinct figure of calls per phone."""
    t = design.traffic
    sites = design.sites
    cpu0, hold0 = t.calls_per_user, t.holding_time_s
    intra0, on_net0, pstn0 = t.intra_site_share, t.on_net_share, t.pstn_share
    bps_of: dict[float, float] = {}
    known = bps_of.get
    erlangs: list[float] = []
    intras: list[float] = []
    on_nets: list[float] = []
    pstns: list[float] = []
    kbps: list[float] = []
    for i, (u, p, o) in enumerate(zip(users, phones, overrides, strict=True)):
        if o is None:
            cpu, hold, intra, on_net, pstn = cpu0, hold0, intra0, on_net0, pstn0
        else:
            cpu, hold = o.calls_per_user, o.holding_time_s
            intra, on_net, pstn = o.intra_site_share, o.on_net_share, o.pstn_share
            if cpu is None:
                cpu = cpu0
            if hold is None:
                hold = hold0
            if intra is None:
                intra = intra0
            if on_net is None:
                on_net = on_net0
            if pstn is None:
                pstn = pstn0
            total = sum((intra, on_net, pstn))  # `_shares`, then their sum
            if _scaled(total):
                # A partial override cannot be refused at edit time; scale it and say so (the traffic convention
                # names the site: `scaled_shares`).
                notes.append(f"sites[{i}].traffic ({sites[i].id}): shares add up to {setting(total, 7)}; "
                             "scaled to 100 %")
                intra, on_net, pstn = intra / total, on_net / total, pstn / total
        a = u * cpu * hold / 3600.0
        if p is None:  # Site.phone_count, inlined
            p = u
        per_phone = cpu if p == u or p == 0 else cpu * u / p
        bps = known(per_phone)
        if bps is None:
            bps = bps_of[per_phone] = bps_per_phone(per_phone)
        erlangs.append(a)
        intras.append(a * intra)
        on_nets.append(a * on_net)
        pstns.append(a * pstn)
        kbps.append(p * bps / 1000.0)
    return _SiteLoads(erlangs, intras, on_nets, pstns, kbps)


_SHARE_NAMES = ("intra_site_share", "on_net_share", "pstn_share")
# The traffic convention's words for `scaled_shares` (advisor.analysis.conventions; `advisor check` shows them)
SCALED_SHARES = "site overrides that do not add up to 100 % are scaled to it"


def _shares(default_shares: tuple[float, float, float], override) -> list[float]:
    """A site's intra-site, on-net and PSTN shares: its override's where it sets one, else the design's."""
    shares = list(default_shares)
    for k, name in enumerate(_SHARE_NAMES):
        value = getattr(override, name)
        if value is not None:
            shares[k] = value
    return shares


def _scaled(total: float) -> bool:
    """Whether shares adding up to `total` are scaled to 100 % (all zero stays zero: the site places no calls)."""
    return total > 0 and abs(total - 1.0) > 1e-6


def scaled_shares(design: Design) -> list[tuple[str, float]]:
    """(site id, what its shares add up to) for each site whose traffic override, with the design's shares, does
    not add up to 100 %: the sizing scales those to 100 %. Only the sites with an override are read one by one."""
    sites = design.sites
    t = design.traffic
    default_shares = (t.intra_site_share, t.on_net_share, t.pstn_share)
    out = []
    for s in compress(sites, map(is_not, map(_TRAFFIC, sites), repeat(None))):
        total = sum(_shares(default_shares, s.traffic))
        if _scaled(total):
            out.append((s.id, total))
    return out
