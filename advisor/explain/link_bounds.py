"""Whether the whole design's phones are what bound a link's calls (`advisor.demand_bounds.design_bound`), for the
app's Erlang B curve; the words (`design_short`, `design_long`) are the link explanations' too."""

from __future__ import annotations

from advisor.demand_bounds import DesignBound, cut_sides, design_long, design_short
from advisor.explain.context import routed_as_sized
from advisor.model import Design
from advisor.results import Results


def design_bound_at(design: Design, results: Results, link_id: str) -> DesignBound | None:
    """The whole design's bound where it is what lowered the link's calls, else None (also for results that are
    not this design's). Reads the routing the analysis kept (`advisor.demand.route`, by the design's identity),
    routed as `Context.routed` routes it, without the rest of a `Context` (its names cost a pass over the design)."""
    if len(design.links) != len(results.links):
        return None
    routed = routed_as_sized(design, results)
    if not routed.by_design or routed.design_bound is None:
        return None
    k = next((i for i, r in enumerate(results.links) if r.id == link_id), None)
    return routed.design_bound if k in routed.by_design else None


__all__ = ["cut_sides", "design_bound_at", "design_long", "design_short"]
