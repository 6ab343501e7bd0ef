"""What the rules need to know about the drawn WAN: transports per link, the hub, and lowest-RTT paths (`Paths`,
in `advisor.rules._paths`). Everything here is O(sites + links).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress, repeat
from operator import attrgetter

from advisor import traffic
from advisor.model import Design, Site
from advisor.rules._columns import SiteColumns, forget, per_design, site_columns
from advisor.rules._paths import TREES_KEPT, Paths

__all__ = ["TREES_KEPT", "Paths", "SiteColumns", "WanFacts", "forget", "hub_site", "per_design", "phone_sites",
           "site_columns", "wan_facts"]


@dataclass(frozen=True)
class WanFacts:
    """Which transports the design's links use. A link's transport is its cloud's kind, or 'leased' site-to-site."""

    transport: dict[str, str]  # link id -> internet | mpls | private-wan | leased
    internet_links: tuple[str, ...]
    nat_links: tuple[str, ...]
    mpls_links: tuple[str, ...]
    private_links: tuple[str, ...]  # private-wan clouds and leased lines
    n_sites: int

    @property
    def public_links(self) -> tuple[str, ...]:
        """Links where GET VPN cannot work: over the Internet or through a NAT (in design order, no repeats)."""
        nat = set(self.nat_links)
        return tuple(lid for lid in self.transport if lid in nat or self.transport[lid] == "internet")

    @property
    def public(self) -> bool:
        return bool(self.internet_links or self.nat_links)

    @property
    def private_only(self) -> bool:
        return bool(self.transport) and not self.public

    def describe(self) -> str:
        parts = []
        for label, ids in (("Internet", self.internet_links), ("MPLS", self.mpls_links),
                           ("private WAN / leased", self.private_links)):
            if ids:
                parts.append(f"{len(ids):,} {label}")
        text = ", ".join(parts) if parts else "no WAN links"
        if self.nat_links:
            text += f"; {len(self.nat_links):,} through NAT"
        return text


_ID, _A, _B, _NAT = attrgetter("id"), attrgetter("a"), attrgetter("b"), attrgetter("nat")


def wan_facts(design: Design) -> WanFacts:
    """The design's `WanFacts`, worked out once per analysis (`per_design`)."""
    memo = per_design(design)
    got = memo.get("wan_facts")
    if got is None:
        got = memo["wan_facts"] = _wan_facts(design)
    return got


def _wan_facts(design: Design) -> WanFacts:
    if not design.clouds:  # every link a leased line between two sites
        ids = tuple(map(_ID, design.links))
        return WanFacts(transport=dict.fromkeys(ids, "leased"), internet_links=(),
                        nat_links=tuple(link.id for link in design.links if link.nat), mpls_links=(),
                        private_links=ids, n_sites=len(design.sites))
    clouds = {c.id: c.kind for c in design.clouds}
    links = design.links
    ids = list(map(_ID, links))
    # each link's cloud kind at its a end, else at its b end, else 'leased' (C-level passes: 10,000 access links)
    kinds = map(clouds.get, map(_A, links), map(clouds.get, map(_B, links), repeat("leased")))
    transport = dict(zip(ids, kinds, strict=True))  # a link id given twice keeps its last kind, as before

    def of(*wanted: str) -> tuple[str, ...]:
        return tuple(k for k, v in transport.items() if v in wanted)

    return WanFacts(transport=transport, internet_links=of("internet"),
                    nat_links=tuple(compress(ids, map(_NAT, links))), mpls_links=of("mpls"),
                    private_links=of("private-wan", "leased"), n_sites=len(design.sites))


def hub_site(design: Design) -> str | None:
    """The overlay hub's id, chosen as the sizing chooses it (`advisor.traffic.hub_site`)."""
    hub = traffic.hub_site(design)
    return hub.id if hub is not None else None


def phone_sites(design: Design) -> list[Site]:
    return [s for s in design.sites if s.phone_count > 0]
