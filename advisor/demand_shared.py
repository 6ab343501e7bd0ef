"""Routing shared between the options of one comparison (`advisor.scenarios.compare`): the design as drawn and each
option (another codec, packetization, SRTP, cRTP, VPN technology or cipher) route the busy hour identically, since
routing reads none of those. On a meshed WAN routing is most of an analysis (a 3,000-site random mesh: 1.6 of
1.9 s), so a comparison of a hundred such options routed the same calls a hundred times.

What routing reads of a design (`advisor.demand.route` and everything it calls; tests/core/test_shared_routing.py
compares every option with and without sharing): the sites, clouds and links, the traffic policy, the VPN hub
site, the signalling protocol and device security mode (the signalling formula), and the cluster policy and
release. Two designs share a routing when their sites, clouds and links are the very same tuples (an option
changes no part of the drawing: `scenarios.apply` copies the design with new policies only) and those policies are
equal. Anything else (an option that changes the traffic, a per-transport technology that replaces the clouds)
routes afresh.

Inside `shared_routing()` (a comparison), and in the app once `follow_edits()` is on: an edit of a policy routing
never reads (the codec in the Inspector) keeps the last drawing's routing, where the edit made new tuples of the
very same sites, clouds and links. Elsewhere (`advisor check`, the benchmarks) an analysis works its figures out
afresh, as it always has.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from operator import is_
from typing import Any

from advisor.model import Design

# per block: [(sites, links, clouds, policies, hub_overlay, routed)], a few entries (two shapes per distinct key)
_scope: ContextVar[list | None] = ContextVar("advisor_shared_routing", default=None)
# the app's edits (`follow_edits`): the entries of the last drawing routed, on whichever thread analysed it
_follow = False
_last_drawing: list = []


@contextmanager
def shared_routing() -> Iterator[None]:
    """Within the block, designs that differ only in what routing never reads share their routing."""
    token = _scope.set([])
    try:
        yield
    finally:
        _scope.reset(token)


def follow_edits(on: bool = True) -> None:
    """The app's analyses keep the last drawing's routing for the next design with the same sites, clouds and
    links (off: forget it)."""
    global _follow, _last_drawing
    _follow, _last_drawing = on, []


def _same(held: tuple, given: tuple) -> bool:
    """The very same parts: the tuple itself, or a new tuple of the same objects (an edit rebuilds the design)."""
    return held is given or (len(held) == len(given) and all(map(is_, held, given)))


def _policies(design: Design) -> tuple:
    v = design.voice
    return (design.traffic, design.vpn.hub_site, v.signalling, v.security_mode, design.cluster, design.cucm_release)


def found(design: Design, hub_overlay: bool) -> Any | None:
    """The routing of a design routed alike in this block, or (the app, `follow_edits`) the last drawing's; None
    where there is none."""
    scope = _scope.get()
    if scope is None and _follow:
        scope = _last_drawing  # one read: another thread may replace it meanwhile
    if not scope:
        return None
    sites, links, clouds = design.sites, design.links, design.clouds
    policies = None
    for s, ln, c, p, hub, routed in scope:
        if hub == hub_overlay and _same(s, sites) and _same(ln, links) and _same(c, clouds):
            if policies is None:
                policies = _policies(design)
            if p == policies:
                return routed
    return None


def keep(design: Design, hub_overlay: bool, routed: Any) -> None:
    """Remember `routed` for the designs routed alike later in this block, or (the app) for the next edits of this
    drawing; nothing elsewhere."""
    global _last_drawing
    scope = _scope.get()
    if scope is None and not _follow:
        return
    # the tuples are held here, so no other tuple can take their identity while they are kept
    entry = (design.sites, design.links, design.clouds, _policies(design), hub_overlay, routed)
    if scope is not None:
        scope.append(entry)
    elif _follow:
        held = _last_drawing
        same = [e for e in held if _same(e[0], entry[0]) and _same(e[1], entry[1]) and _same(e[2], entry[2])]
        _last_drawing = [*same[-3:], entry]  # this drawing's routings only (both shapes, a policy or two back)
