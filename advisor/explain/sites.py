"""A site's figures explained: its busy-hour Erlangs and their split, its PSTN trunks (Erlang B at the gateway), and
the signalling its phones send to call processing."""

from __future__ import annotations

from advisor import numbers
from advisor.explain import erlang as erl
from advisor.explain import sources as src
from advisor.explain.context import Context, SiteItem
from advisor.explain.explanation import Explanation, Quantity
from advisor.explain.traffic_terms import per_phone, signalling_sources
from advisor.traffic import _NOISE_ERLANGS as NOISE_ERLANGS

FIGURES = ("erlangs", "pstn_trunks", "signalling_kbps")
_TOLERANCE = 1e-9


def explain_site(ctx: Context, key: str, figure: str | None = None) -> list[Explanation]:
    """Every figure of the site (by id or name), or the one named by `figure` (one of FIGURES)."""
    item = ctx.site(key)
    makers = {"erlangs": erlangs, "pstn_trunks": pstn_trunks, "signalling_kbps": signalling_kbps}
    wanted = FIGURES if figure is None else (figure,)
    unknown = [f for f in wanted if f not in makers]
    if unknown:
        raise ValueError(f"unknown site figure {unknown[0]!r}; one of {', '.join(FIGURES)}")
    return [makers[f](ctx, item) for f in wanted]


def _name(ctx: Context, item: SiteItem) -> str:
    return ctx.names.node(item.site.id)


def _inputs(ctx: Context, item: SiteItem) -> tuple[float, float]:
    """Busy-hour calls per user and holding time: the site's own values where it overrides the design's."""
    t, o = ctx.design.traffic, item.site.traffic
    cpu = t.calls_per_user if o is None or o.calls_per_user is None else o.calls_per_user
    hold = t.holding_time_s if o is None or o.holding_time_s is None else o.holding_time_s
    return cpu, hold


def _share(part: float, whole: float) -> str:
    return f"{numbers.setting(part / whole * 100, 4)} %"


def erlangs(ctx: Context, item: SiteItem) -> Explanation:
    r, s = item.result, item.site
    cpu, hold = _inputs(ctx, item)
    a = s.users * cpu * hold / 3600.0
    lines = []
    if abs(a - r.erlangs) <= _TOLERANCE * max(1.0, a):
        lines.append(f"A = {numbers.count(s.users)} users × {numbers.setting(cpu, grouped=True)} calls/h × "
                     f"{numbers.setting(hold, grouped=True)} s / 3,600 = "
                     f"{numbers.erlangs(r.erlangs)} (calls the users place in the busy hour)")
    else:
        lines.append(f"A = {numbers.erlangs(r.erlangs)} (calls the users place in the busy hour)")
    pstn_own = ctx.base.loads.pstn_own[item.index]
    if r.erlangs and not (r.intra_erlangs or r.on_net_erlangs or pstn_own):
        # a site override of 0 % intra-site, 0 % on-net and 0 % PSTN: "intra-site 0 % = 0.000 E; …" split the
        # site's Erlangs into nothing, with no word on where they went
        lines.append("split: none, the site's own intra-site, on-net and PSTN shares are all 0 %: none of these "
                     "calls is sized on a link or at a gateway; give the site shares that add up to 100 %")
    elif r.erlangs:
        lines.append(f"split: intra-site {_share(r.intra_erlangs, r.erlangs)} = {numbers.erlangs(r.intra_erlangs)}; "
                     f"on-net to other sites {_share(r.on_net_erlangs, r.erlangs)} = "
                     f"{numbers.erlangs(r.on_net_erlangs)}; PSTN {_share(pstn_own, r.erlangs)} = {numbers.erlangs(pstn_own)}")
    else:  # "intra-site 0 %; on-net 0 %; PSTN 0 %" contradicted the design's shares: there is nothing to split
        lines.append("split: none, the site places no calls in the busy hour")
    return Explanation(
        title=f"{_name(ctx, item)}: busy-hour traffic", lines=tuple(lines),
        result=Quantity(r.erlangs, "E", numbers.erlangs(r.erlangs)),
        terms={"users": s.users, "calls_per_user": cpu, "holding_time_s": hold, "erlangs": r.erlangs,
               "intra_erlangs": r.intra_erlangs, "on_net_erlangs": r.on_net_erlangs,
               "pstn_own_erlangs": pstn_own},
        sources=(src.SRND,), subject=r.id, figure="erlangs")


def pstn_offered(r) -> float:
    """The PSTN traffic a site's gateway is sized for, as the sizing reads it (`traffic._site_results`)."""
    return 0.0 if r.pstn_erlangs < NOISE_ERLANGS else r.pstn_erlangs


def pstn_trunks(ctx: Context, item: SiteItem) -> Explanation:
    r, i, gos = item.result, item.index, ctx.design.traffic.gos
    routed = ctx.routed
    own = ctx.base.loads.pstn_own[i]
    title = f"{_name(ctx, item)}: PSTN trunks"
    hauled_away = i != routed.pstn_i and any(h == i for h, _c, _e in routed.haul)
    if hauled_away or (not item.site.pstn_gateway and routed.pstn_i != i):
        lines = (_no_trunks_here(ctx, item, own, hauled_away),)
        return Explanation(title=title, lines=lines, result=Quantity(0, "trunks", "0 trunks"),
                           terms={"pstn_erlangs": r.pstn_erlangs, "trunks": 0}, subject=r.id, figure="pstn_trunks")
    hauled_in = [(s, e) for s, c, e in routed.haul if c == i]
    lines = [f"PSTN traffic at the gateway: own {numbers.erlangs(own)}"]
    for s, e in hauled_in:
        lines[0] += f" + {numbers.erlangs(e)} hauled from '{ctx.names.node(ctx.design.sites[s].id)}'"
    if hauled_in:
        lines[0] += f" = {numbers.erlangs(r.pstn_erlangs)}"
    offered = pstn_offered(r)
    erlang_b = erl.sized(offered, gos)
    got = erl.trunks(offered, gos, title=title, subject=r.id, figure="pstn_trunks",
                     with_steps=erlang_b <= 40, sources=(src.SRND,))
    lines += got.lines
    if r.pstn_trunks < erlang_b:  # the phones the gateway serves bound it (advisor.traffic.served_phones)
        lines.append(_phones_bound(ctx, item, r.pstn_trunks, erlang_b))
    return Explanation(title=title, lines=tuple(lines),
                       result=Quantity(r.pstn_trunks, "trunks", f"{numbers.count(r.pstn_trunks)} trunks"),
                       terms={**got.terms, "erlang_b_trunks": erlang_b, "trunks": r.pstn_trunks,
                              "pstn_erlangs": r.pstn_erlangs},
                       sources=got.sources, subject=r.id, figure="pstn_trunks")


def _no_trunks_here(ctx: Context, item: SiteItem, own: float, hauled_away: bool) -> str:
    """Why a site sizes no trunks: its PSTN calls are hauled to the PSTN site, or they have nowhere to go."""
    routed = ctx.routed
    calls = f"the site's {numbers.erlangs(own)} of PSTN calls"
    if hauled_away:
        to = f"'{ctx.names.node(routed.pstn.id)}'"
        if item.site.pstn_gateway:  # a central PSTN site takes every site's PSTN calls
            return f"PSTN calls go through the central PSTN site: {calls} travel over the WAN to {to}; no trunks here"
        return f"no local PSTN gateway: {calls} travel over the WAN to {to}; no trunks here"
    if routed.pstn is not None:
        where = (f"nowhere: the WAN does not join the site to '{ctx.names.node(routed.pstn.id)}', the site its PSTN "
                 "calls would be hauled to")
    elif any(s.pstn_gateway for s in ctx.design.sites):
        where = ("nowhere: PSTN calls are hauled only to the gateway of an HQ or call-processing site, and none "
                 "has one")
    else:
        where = "nowhere: no site has a PSTN gateway to haul them to"
    return f"no local PSTN gateway: {calls} travel {where}; no trunks here, and no link carries them"


def _phones_bound(ctx: Context, item: SiteItem, bound: int, erlang_b: int) -> str:
    """'at most 1 trunk: …': the trunks Erlang B asks, bounded by the phones the gateway serves."""
    s = item.site
    own = s.users if s.phones is None or s.phones < s.users else s.phones
    where = (f" ({numbers.count(own)} here + {numbers.count(bound - own)} at the sites that haul their PSTN calls "
             "here)" if bound > own else "")
    return (f"at most {numbers.counted(bound, 'trunk')}: the gateway serves {numbers.counted(bound, 'phone')}"
            f"{where}, users counted where they outnumber phones, and each PSTN call holds one of them; "
            f"Erlang B's {numbers.count(erlang_b)} could never all be busy")


def signalling_kbps(ctx: Context, item: SiteItem) -> Explanation:
    r, s = item.result, item.site
    bps, words = per_phone(ctx, item.index)
    phones = s.phone_count
    if abs(phones * bps / 1000.0 - r.signalling_kbps) <= _TOLERANCE * max(1.0, r.signalling_kbps):
        line = f"signalling = {numbers.counted(phones, 'phone')} × {numbers.setting(bps, grouped=True)} bps ({words}) = {numbers.kbps(r.signalling_kbps)}"
    else:
        line = f"signalling = {numbers.kbps(r.signalling_kbps)} for {numbers.counted(phones, 'phone')}"
    return Explanation(
        title=f"{_name(ctx, item)}: call signalling", lines=(line,),
        result=Quantity(r.signalling_kbps, "kbps", numbers.kbps(r.signalling_kbps)),
        terms={"phones": phones, "bps_per_phone": bps, "signalling_kbps": r.signalling_kbps},
        sources=signalling_sources(ctx), subject=r.id, figure="signalling_kbps")
