"""A link's figures explained: offered Erlangs, concurrent calls (Erlang B), kbps per call, bandwidth per direction,
utilization and the priority-queue share. Each is read from the link's result and broken into the terms the sizing
added up; the terms come from the same routed busy hour (`Context.routed`) and packet engine the sizing used."""

from __future__ import annotations

from advisor import numbers
from advisor.demand import _CLOUD as CLOUD_FORM  # the routing's method name for the cloud's closed form
from advisor.demand_bounds import DesignBound
from advisor.explain import erlang as erl
from advisor.explain import packet as pkt
from advisor.explain import sources as src
from advisor.explain.context import Context, LinkItem
from advisor.explain.explanation import Explanation, Quantity, unique
from advisor.explain.link_bounds import cut_sides, design_long, design_short
from advisor.explain.traffic_terms import link_erlang_terms, signalling_terms
from advisor.rules.bandwidth import RELAY_BOUND

FIGURES = ("kbps", "calls", "erlangs", "per_call_kbps", "utilization", "llq_share")
_SIZING = (src.SRND, src.PER_CALL)


def explain_link(ctx: Context, key: str, figure: str | None = None) -> list[Explanation]:
    """Every figure of the link (by id or name), or the one named by `figure` (one of FIGURES)."""
    item = ctx.link(key)
    wanted = FIGURES if figure is None else (figure,)
    makers = {"kbps": kbps, "calls": calls, "erlangs": erlangs, "per_call_kbps": per_call,
              "utilization": utilization, "llq_share": llq_share}
    unknown = [f for f in wanted if f not in makers]
    if unknown:
        raise ValueError(f"unknown link figure {unknown[0]!r}; one of {', '.join(FIGURES)}")
    return [makers[f](ctx, item) for f in wanted]


def _name(ctx: Context, item: LinkItem) -> str:
    return ctx.names.link_name(item.link.id)


def kbps(ctx: Context, item: LinkItem) -> Explanation:
    """'Zürich – MPLS: 7 calls (Erlang B, 1.965 E at 1 %) × 55.20 kbps + 2.28 kbps signalling = 388.68 kbps'."""
    r, gos = item.result, ctx.design.traffic.gos
    how = f"Erlang B, {numbers.erlangs(r.erlangs)} at {erl.gos_text(gos)}"
    erlang_b = erl.sized(r.erlangs, gos)
    if r.calls < erlang_b:  # the phones bound it: of the whole design, or on the smaller side of a cut (`calls`)
        whole = _design_bound(ctx, item)
        how = ((f"at most {numbers.count(r.calls)}: {design_short(whole)}; " if whole is not None else
                f"at most {numbers.count(r.calls)}: {RELAY_BOUND}; " if item.index in ctx.routed.relayed else
                "at most the {} on the {} of this link, which only calls between its two sides cross{}; ".format(
                    numbers.counted(r.calls, 'phone'), *_side(ctx, item)))
               + f"Erlang B gives {numbers.count(erlang_b)} for {numbers.erlangs(r.erlangs)} at {erl.gos_text(gos)}")
    head = f"{_name(ctx, item)}: {numbers.counted(r.calls, 'call')} ({how}) × {numbers.kbps(r.per_call_kbps)}"
    if r.signalling_kbps or not r.cluster_kbps:
        head += f" + {numbers.kbps(r.signalling_kbps)} signalling"
    if r.cluster_kbps:
        head += f" + {numbers.kbps(r.cluster_kbps)} intra-cluster (clustering over the WAN)"
    lines = [f"{head} = {numbers.kbps(r.kbps)}"]
    shown = r.calls * round(r.per_call_kbps, 2) + round(r.signalling_kbps, 2) + round(r.cluster_kbps, 2)
    if round(shown, 2) != round(r.kbps, 2):  # the rounded terms do not add up to the rounded total: say why
        extra = f" + {r.cluster_kbps:,.4f} intra-cluster" if r.cluster_kbps else ""
        lines.append(f"(before rounding: {numbers.count(r.calls)} × {r.per_call_kbps:,.4f} + "
                     f"{r.signalling_kbps:,.4f} signalling{extra} = {r.kbps:,.4f} kbps)")
    lines.append(f"voice = {numbers.count(r.calls)} × {numbers.kbps(r.per_call_kbps)} = {numbers.kbps(r.voice_kbps)}"
                 f"; per direction at the busy hour, {r.encapsulation}, {r.l2}")
    sig = signalling_terms(ctx, item)
    lines += sig.lines
    return Explanation(
        title=f"{_name(ctx, item)}: bandwidth per direction", lines=tuple(lines),
        result=Quantity(r.kbps, "kbps", numbers.kbps(r.kbps)),
        terms={"calls": r.calls, "erlangs": r.erlangs, "gos": gos, "per_call_kbps": r.per_call_kbps,
               "voice_kbps": r.voice_kbps, "signalling_kbps": r.signalling_kbps, "cluster_kbps": r.cluster_kbps,
               "kbps": r.kbps},
        sources=unique((*_SIZING, *sig.sources)), subject=r.id, figure="kbps")


def erlangs(ctx: Context, item: LinkItem) -> Explanation:
    """The busy-hour traffic offered to the link, term by term where the routing has a closed form."""
    r = item.result
    terms = link_erlang_terms(ctx, item)
    lines = list(terms.lines)
    if not any(line.startswith("A = ") for line in lines):
        lines.append(f"A = {numbers.erlangs(r.erlangs)} offered to the link at the busy hour")
    return Explanation(
        title=f"{_name(ctx, item)}: busy-hour traffic offered", lines=tuple(lines),
        result=Quantity(r.erlangs, "E", numbers.erlangs(r.erlangs)), terms={**terms.values, "erlangs": r.erlangs},
        sources=(src.SRND,), subject=r.id, figure="erlangs")


def calls(ctx: Context, item: LinkItem) -> Explanation:
    r, gos = item.result, ctx.design.traffic.gos
    # the steps as for any link with Erlang B's figure, whether or not the phones bound it below
    erlang_b = erl.sized(r.erlangs, gos)
    got = erl.trunks(r.erlangs, gos, title=f"{_name(ctx, item)}: concurrent calls to carry", subject=r.id,
                     figure="calls", with_steps=erlang_b <= 40, sources=(src.SRND,))
    lines = (f"offered A = {numbers.erlangs(r.erlangs)} (busy hour); grade of service {erl.gos_text(gos)} "
             "blocking", *got.lines)
    if r.calls < erlang_b:  # the phones of the whole design, or on the smaller side of a cut (advisor.demand_bounds)
        users = "user" if r.calls == 1 else "users"
        whole = _design_bound(ctx, item)
        if whole is not None:
            lines += (f"at most {numbers.count(r.calls)} at once: {design_long(whole)}",)
        elif item.index in ctx.routed.relayed:
            lines += (f"at most {numbers.count(r.calls)} at once: {RELAY_BOUND}: "
                      f"{numbers.counted(r.calls, 'call')}",)
        else:
            lines += (f"at most {numbers.count(r.calls)} at once: only calls between this link's two sides cross "
                      f"it, so every call on it has one end on each side, among the {numbers.counted(r.calls, 'phone')} "
                      f"(or {users}) on its {''.join(_side(ctx, item, long=True))}, and a phone holds one call at a time: "
                      f"{numbers.counted(r.calls, 'call')}",)
    return Explanation(title=got.title, lines=lines, result=Quantity(r.calls, "calls", f"{numbers.count(r.calls)} "
                       "calls"), terms={**got.terms, "calls": r.calls}, sources=got.sources, subject=r.id,
                       figure="calls")


def _sides(ctx: Context, item: LinkItem) -> tuple[int, int] | None:
    """(the phones on the smaller side of a cut, on the larger) where the larger side's bound its calls (calls from
    across end on the smaller side at a PSTN gateway, or at the hub relaying them, not at a phone), else None."""
    sides = cut_sides(ctx.design, item.index, ctx.routed.load.method == CLOUD_FORM
                      or item.index in ctx.routed.load.raised)
    if sides is None or item.result.calls <= min(sides):
        return None
    return min(sides), max(sides)


def _side(ctx: Context, item: LinkItem, long: bool = False) -> tuple[str, str]:
    """(which side's phones bound a cut's calls, why where it is not the smaller side): ('smaller side', ''), or
    ('larger side', ' (…)') where the smaller side's phones do not bound them (`long`: with their count)."""
    sides = _sides(ctx, item)
    if sides is None:
        return "smaller side", ""
    if not long:
        return "larger side", " (calls from across end at a PSTN gateway on the other side, not at a phone)"
    return "larger side", (f" (the {numbers.counted(sides[0], 'phone')} on the other side do not bound it: PSTN calls "
                           "from across end there at a gateway, or at the hub relaying them, not at a phone)")


def _design_bound(ctx: Context, item: LinkItem) -> DesignBound | None:
    """The whole design's bound, where it is what lowered this link's calls (`advisor.demand_bounds`)."""
    routed = ctx.routed
    return routed.design_bound if item.index in routed.by_design else None


def per_call(ctx: Context, item: LinkItem) -> Explanation:
    r = item.result
    got = pkt.explain(ctx.packet(r.id), title=f"{_name(ctx, item)}: kbps per call, per direction", subject=r.id)
    lines = [line for line in got.lines if not line.startswith("total = ")]  # one call: the link's total is 'kbps'
    return Explanation(title=got.title, lines=tuple(lines),
                       result=Quantity(r.per_call_kbps, "kbps", numbers.kbps(r.per_call_kbps)),
                       terms=got.terms, sources=got.sources, subject=r.id, figure="per_call_kbps")


def utilization(ctx: Context, item: LinkItem) -> Explanation:
    r = item.result
    verdict = ("above the capacity: the link is overloaded" if r.kbps > r.capacity_kbps
               else "within the capacity")
    shown = numbers.percent_against(r.utilization, 1.0)  # never '100.0 %' beside 'overloaded'
    lines = (f"utilization = {numbers.kbps(r.kbps)} / {numbers.kbps(r.capacity_kbps)} = {shown} ({verdict})",)
    return Explanation(
        title=f"{_name(ctx, item)}: utilization", lines=lines,
        result=Quantity(r.utilization, "share", shown),
        terms={"kbps": r.kbps, "capacity_kbps": r.capacity_kbps, "utilization": r.utilization},
        sources=(src.SRND,), subject=r.id, figure="utilization")


def llq_share(ctx: Context, item: LinkItem) -> Explanation:
    r, limit = item.result, ctx.design.traffic.llq_share
    verdict = "above" if r.llq_share > limit else "within"
    shown = numbers.percent_against(r.llq_share, limit)  # never '33.0 %' beside 'above the 33 %'
    lines = (f"voice share = {numbers.kbps(r.voice_kbps)} / {numbers.kbps(r.capacity_kbps)} = "
             f"{shown} ({verdict} the {limit * 100:g} % priority-queue guideline, "
             f"{numbers.kbps(limit * r.capacity_kbps)})",)
    return Explanation(
        title=f"{_name(ctx, item)}: voice share of the link (priority queue)", lines=lines,
        result=Quantity(r.llq_share, "share", shown),
        terms={"voice_kbps": r.voice_kbps, "capacity_kbps": r.capacity_kbps, "llq_share": r.llq_share,
               "guideline": limit},
        sources=(src.QOS_SRND,), subject=r.id, figure="llq_share")
