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

Only inside `shared_routing()`: an analysis elsewhere works its figures out afresh, as it always has.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from advisor.model import Design

# per block: [(sites, links, clouds, policies, hub_overlay, routed)], a few entries (two shapes per distinct key)
_scope: ContextVar[list | None] = ContextVar("advisor_shared_routing", default=None)


@contextmanager
def shared_routing() -> Iterator[None]:
    """Within the block, designs that differ only in what routing never reads share their routing."""
    token = _scope.set([])
    try:
        yield
    finally:
        _scope.reset(token)


def _policies(design: Design) -> tuple:
    v = design.voice
    return (design.traffic, design.vpn.hub_site, v.signalling, v.security_mode, design.cluster, design.cucm_release)


def found(design: Design, hub_overlay: bool) -> Any | None:
    """The routing of a design routed alike in this block (None: none, or not inside `shared_routing`)."""
    scope = _scope.get()
    if not scope:
        return None
    sites, links, clouds = design.sites, design.links, design.clouds
    policies = None
    for s, ln, c, p, hub, routed in scope:
        if s is sites and ln is links and c is clouds and hub == hub_overlay:
            if policies is None:
                policies = _policies(design)
            if p == policies:
                return routed
    return None


def keep(design: Design, hub_overlay: bool, routed: Any) -> None:
    """Remember `routed` for the designs routed alike later in this block (nothing outside one)."""
    scope = _scope.get()
    if scope is not None:
        # the tuples are held here, so no other tuple can take their identity while the block runs
        scope.append((design.sites, design.links, design.clouds, _policies(design), hub_overlay, routed))
