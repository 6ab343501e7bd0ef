"""The terms a link's offered Erlangs and signalling add up from, read from the routed busy hour the sizing used.

Where the routing has a closed form (every site on one cloud, or a star of leased lines) a link carries its site's
WAN traffic: its on-net calls out, the on-net calls the other sites send it (gravity model), the PSTN calls hauled
over the WAN, and at an overlay hub twice the spoke-to-spoke calls it relays. Each breakdown is shown only when its
terms add up to the sizing's own figure; otherwise the figure is stated with how it was found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from advisor import numbers
from advisor.explain import sources as src
from advisor.explain.context import Context, LinkItem
from advisor.routing_access import access_links, main_sides

_TOLERANCE = 1e-9
_LIST_AT_MOST = 8  # contributions listed one by one up to this many sites


@dataclass
class Terms:
    lines: list[str] = field(default_factory=list)
    values: dict[str, float] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    complete: bool = False  # the terms add up to the sizing's figure


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _TOLERANCE * max(1.0, abs(a), abs(b))


def access_site(ctx: Context, item: LinkItem) -> int | None:
    """The site whose WAN traffic the link carries in a closed form (its access link to the cloud, or a spoke's
    leased line to the star's centre), or as one of the site's several access links lifted to all of its WAN
    traffic on a WAN routed over paths (`routing_access`); None when the link's load came from routing over
    paths."""
    method = ctx.routed.load.method
    index = ctx.base.index
    ln = item.link
    if method == "closed form (cloud)":
        return index.get(ln.a, index.get(ln.b))
    if method == "shortest paths":  # one of a site's several access links lifted to all of its WAN traffic
        s = access_links(ctx.design, index).get(item.index)
        routed = ctx.routed
        if s is not None and _close(routed.wan[s] + (2.0 * routed.hairpin if routed.hub_i == s else 0.0),
                                    item.result.erlangs):
            return s
    if method == "closed form (star)":
        spoke = ln.b if ln.a in ctx.star_centre else ln.a
        return index.get(spoke)
    return None


def _behind(ctx: Context, item: LinkItem) -> str | None:
    """For an access link of a site with others behind it (`routing_access.main_sides`), sized for what crosses
    the site into the rest of the WAN: how its figure was found; else None."""
    if ctx.routed.load.method != "shortest paths":
        return None
    index = ctx.base.index
    s = access_links(ctx.design, index).get(item.index)
    if s is None or s not in main_sides(ctx.design, index):
        return None
    node = ctx.names.node(ctx.design.sites[s].id)
    return (f"every call between '{node}' (with the sites that reach the WAN only through it) and the rest of the "
            f"WAN crosses '{node}', and either of its access links can carry them: each is sized for at least what "
            "its links into the rest of the WAN carry together over their lowest-RTT paths, at most all the calls "
            f"of '{node}' and of the sites behind it (a call between two other sites whose path crosses '{node}' "
            "counts on two of those links and is none of them), and more where its own paths bring it more")


def received_terms(ctx: Context, i: int) -> list[tuple[int, float]]:
    """(site, Erlangs) each other site sends to site i by the gravity model: its on-net × U_i / (T − U_s)."""
    users, on_net = ctx.base.users, ctx.base.loads.on_net
    total = ctx.base.total_users
    alone = set(ctx.base.unlinked)  # sites with no link: their calls do not cross the WAN
    return [(s, on_net[s] * users[i] / (total - users[s])) for s in ctx.on_net_senders if s != i and s not in alone]


def link_erlang_terms(ctx: Context, item: LinkItem) -> Terms:
    out = Terms()
    r = item.result
    i = access_site(ctx, item)
    routed, base = ctx.routed, ctx.base
    if i is None:
        behind = _behind(ctx, item)
        if behind is not None:
            out.lines.append(behind)
            return out
        out.lines.append(f"the calls between sites whose lowest-RTT path crosses this link, summed over the "
                         f"drawn WAN ({routed.load.method})")
        return out
    node = ctx.names.node(ctx.design.sites[i].id)
    originated, received = base.sent[i], base.received[i]
    hauled = ctx.haul_at.get(i, [])
    haul_sum = sum(e for _s, _c, e in hauled)
    relay = 2.0 * routed.hairpin if routed.hub_i == i and routed.load.method != "closed form (star)" else 0.0
    total = originated + received + haul_sum + relay
    if not (_close(originated + received + haul_sum, routed.wan[i]) and _close(total, r.erlangs)):
        out.lines.append(f"the WAN traffic of '{node}' ({numbers.erlangs(routed.wan[i])}), routed "
                         f"({routed.load.method})")
        return out
    out.complete = True
    out.values = {"originated_erlangs": originated, "received_erlangs": received, "pstn_hauled_erlangs": haul_sum,
                  "hub_relay_erlangs": relay}
    if base.unlinked:  # the flows with sites that have no link are left out
        users_x = sum(base.users[x] for x in base.unlinked)
        rest = base.total_users - base.users[i]
        out.lines.append(f"on-net calls '{node}' places to other sites the WAN reaches: "
                         f"{numbers.erlangs(base.loads.on_net[i])} × ({numbers.count(rest)} − "
                         f"{numbers.counted(users_x, 'user')} at sites with no WAN link) / {numbers.count(rest)} = "
                         f"{numbers.erlangs(originated)}")
    else:
        out.lines.append(f"on-net calls '{node}' places to other sites: {numbers.erlangs(originated)}")
    # listed one by one only when few sites send: more than the list's length plus this one, none is listed
    contributions = received_terms(ctx, i) if len(ctx.on_net_senders) <= _LIST_AT_MOST + 1 else []
    out.lines.append(f"on-net calls the other sites place to '{node}': {numbers.erlangs(received)} (each site's "
                     f"on-net traffic spread over the others by their users: its on-net × "
                     f"{numbers.counted(base.users[i], 'user')} here / (all {numbers.counted(base.total_users, 'user')} − "
                     "its own)" + (", from the sites with a WAN link)" if base.unlinked else ")"))
    if 0 < len(contributions) <= _LIST_AT_MOST and _close(sum(e for _s, e in contributions), received):
        for s, e in contributions:
            site = ctx.design.sites[s]
            out.lines.append(f"  from '{ctx.names.node(site.id)}': {numbers.erlangs(base.loads.on_net[s])} × "
                             f"{numbers.count(base.users[i])} / ({numbers.count(base.total_users)} − "
                             f"{numbers.count(base.users[s])}) = {numbers.erlangs(e)}")
    for s, c, e in hauled:
        if s == i:
            out.lines.append(f"PSTN calls of '{node}' (no local gateway) hauled over the WAN to "
                             f"'{ctx.names.node(ctx.design.sites[c].id)}': {numbers.erlangs(e)}")
        else:
            out.lines.append(f"PSTN calls hauled here from '{ctx.names.node(ctx.design.sites[s].id)}': "
                             f"{numbers.erlangs(e)}")
    if relay:
        out.lines.append(f"spoke-to-spoke calls the hub relays, in and out: 2 × {routed.hairpin:,.4f} E = "
                         f"{numbers.erlangs(relay)}")
    parts = [x for x in (originated, received, *(e for _s, _c, e in hauled), relay) if x]
    if len(parts) > 1:
        out.lines.append(f"A = {' + '.join(numbers.erlangs(x).removesuffix(' E') for x in parts)} = "
                         f"{numbers.erlangs(r.erlangs)}")
        if round(sum(round(x, 3) for x in parts), 3) != round(r.erlangs, 3):  # rounded terms, rounded total
            out.lines.append(f"(before rounding: {' + '.join(f'{x:,.5f}' for x in parts)} = {r.erlangs:,.5f} E)")
    return out


def per_phone(ctx: Context, s: int, memo: dict | None = None) -> tuple[float, str]:
    """(bps per phone, its formula in words) for site s, from the design's signalling formula; `memo`: the answers
    by calls per phone per hour, for many sites (a hub's link named 10,000 sites' phones, each formula written out
    again: 0.1 s of every edit with the Explain pane showing the busiest links)."""
    site = ctx.design.sites[s]
    t, o = ctx.design.traffic, site.traffic
    cpu = t.calls_per_user if o is None or o.calls_per_user is None else o.calls_per_user
    phones = site.phone_count
    per_hour = cpu if phones in (site.users, 0) else cpu * site.users / phones  # calls per phone per hour
    got = memo.get(per_hour) if memo is not None else None
    if got is None:
        formula = ctx.signalling_formula
        got = formula.bps_per_phone(per_hour), formula.describe(per_hour).split("; sources:")[0]
        if memo is not None:
            memo[per_hour] = got
    return got


def signalling_sources(ctx: Context) -> tuple[str, ...]:
    """The titles the design's signalling coefficients come from (the signalling table's sources)."""
    return _titles(ctx.signalling_formula.sources)


@lru_cache(maxsize=64)
def _titles(sources: tuple[str, ...]) -> tuple[str, ...]:
    return src.titles_in(" ".join(sources)) or (src.SRND,)  # once per formula, not once per link


def signalling_terms(ctx: Context, item: LinkItem) -> Terms:
    """Signalling on the link: the phones whose call control crosses it, each at the design's bps per phone."""
    out = Terms(sources=signalling_sources(ctx))
    r = item.result
    i = access_site(ctx, item)
    if not r.signalling_kbps:
        out.lines.append("no signalling crosses this link (no phones register across it)")
        out.complete = True
        return out
    if i is None:
        out.lines.append(f"signalling of the phones whose call control crosses this link: "
                         f"{numbers.kbps(r.signalling_kbps)}")
        return out
    flows = ctx.signalling_flows_at.get(i, [])
    relayed = r.signalling_kbps - sum(k for _s, _c, k in flows)
    groups: dict[tuple[float, str], list[int]] = {}  # (bps per phone, its formula) -> sites
    memo: dict = {}
    for s, _c, k in flows:
        bps, words = per_phone(ctx, s, memo)
        if not _close(ctx.design.sites[s].phone_count * bps / 1000.0, k):
            return _stated(out, r.signalling_kbps)
        groups.setdefault((bps, words), []).append(s)
    rows = []
    for (bps, words), sites in groups.items():
        phones = sum(ctx.design.sites[s].phone_count for s in sites)
        where = (f"'{ctx.names.node(ctx.design.sites[sites[0]].id)}'" if len(sites) == 1
                 else f"{len(sites):,} sites")
        rows.append(f"{numbers.counted(phones, 'phone')} at {where} × {numbers.setting(bps, grouped=True)} bps ({words}) = "
                    f"{numbers.kbps(phones * bps / 1000.0)}")
    if len(rows) == 1 and abs(relayed) < 1e-9:
        out.lines.append(f"signalling = {rows[0]}")
    else:
        out.lines.append("signalling of the phones that register across this link:")
        out.lines += [f"  {row}" for row in rows[:_LIST_AT_MOST]]
        if len(rows) > _LIST_AT_MOST:
            out.lines.append(f"  … and {len(rows) - _LIST_AT_MOST:,} more groups of sites")
        if abs(relayed) >= 1e-9 and ctx.routed.hub_i == i:
            out.lines.append(f"  + {numbers.kbps(relayed)} signalling the hub relays between spokes and call "
                             "processing, in and out")
        elif abs(relayed) >= 1e-9:  # a site the lowest-RTT paths cross (`routing.LinkLoad.relaying`)
            out.lines.append(f"  + {numbers.kbps(relayed)} signalling of other sites whose lowest-RTT paths to "
                             "call processing cross this site, in over one of its links and out over another")
        out.lines.append(f"signalling = {numbers.kbps(r.signalling_kbps)}")
    out.complete = True
    return out


def _stated(out: Terms, kbps: float) -> Terms:
    out.lines = [f"signalling of the phones whose call control crosses this link: {numbers.kbps(kbps)}"]
    return out
