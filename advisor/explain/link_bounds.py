"""Whether the whole design's phones are what bound a link's calls (`advisor.demand_bounds.design_bound`), for the
app's Erlang B curve; the words (`design_short`, `design_long`) are the link explanations' too."""

from __future__ import annotations

from advisor import demand, traffic
from advisor.demand_bounds import DesignBound, _cuts, _stubs, design_long, design_short
from advisor.model import Design
from advisor.results import Results
from advisor.routing_graph import site_index


def design_bound_at(design: Design, results: Results, link_id: str) -> DesignBound | None:
    """The whole design's bound where it is what lowered the link's calls, else None (also for results that are
    not this design's). Reads the routing the analysis kept (`advisor.demand.route`, by the design's identity),
    routed as `Context.routed` routes it, without the rest of a `Context` (its names cost a pass over the design)."""
    if len(design.links) != len(results.links):
        return None
    rec = results.recommendation
    techs = traffic.link_technologies(design, rec.chosen, rec.per_cloud)
    routed = demand.route(design, any(traffic.overlay_is_hub(design, t) for t in (set(techs) or {rec.chosen})))
    if not routed.by_design or routed.design_bound is None:
        return None
    k = next((i for i, r in enumerate(results.links) if r.id == link_id), None)
    return routed.design_bound if k in routed.by_design else None


def cut_sides(design: Design, k: int, own_links: bool = False) -> tuple[int, int] | None:
    """(the phones on each side of link `k`, as the cut bound counts them: per site the larger of its users and its
    phones, sites with no link left out), None where the link is no cut. `own_links`: the cloud's closed form, where
    every access link is bounded as its site's only link (`advisor.demand_bounds.capped`)."""
    index = site_index(design)
    stubs, held, total, _plain = _stubs(design, index, own_links)
    link = design.links[k]
    ends = [index[end] for end in (link.a, link.b) if end in stubs]
    if len(ends) == 2:  # a WAN of its own: each end's phones are its side's
        return held[ends[0]], held[ends[1]]
    if ends:
        return held[ends[0]], total - held[ends[0]]
    below = _cuts(design, held)[0][k]
    if below < 0:
        return None
    sub = _cuts(design, held)[3][below]
    return sub, total - sub


__all__ = ["cut_sides", "design_bound_at", "design_long", "design_short"]
