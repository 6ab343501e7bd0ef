"""One analysed design, ready to be explained: its results, the display names, and the routed busy hour the sizing
priced (recomputed from the same functions the sizing uses, never from a second formula)."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from advisor import demand, packet, signalling, traffic
from advisor.hub_relay import routes_via_hub
from advisor.model import Design, Link, Site
from advisor.packet import PacketResult
from advisor.results import LinkResult, Results, SiteResult
from advisor.rules._names import Names


class ExplainError(ValueError):
    """A link, site or finding the design does not hold: the message names what was asked and what exists."""


@dataclass(frozen=True)
class LinkItem:
    index: int
    link: Link
    result: LinkResult


@dataclass(frozen=True)
class SiteItem:
    index: int
    site: Site
    result: SiteResult


class Context:
    """The design and its results; the routed demand and per-link packets are worked out on first use."""

    def __init__(self, design: Design, results: Results):
        self.design = design
        self.results = results
        self.names = Names(design)
        self._links = {r.id: LinkItem(i, ln, r) for i, (ln, r) in enumerate(zip(design.links, results.links,
                                                                                strict=True))}
        self._sites = {r.id: SiteItem(i, s, r) for i, (s, r) in enumerate(zip(design.sites, results.sites,
                                                                              strict=True))}
        self._packets: dict = {}  # CallSpec -> PacketResult: links that share a packet price it once

    @classmethod
    def of(cls, design: Design, results: Results | None = None) -> Context:
        if results is None:
            from advisor.analysis import analyse

            results = analyse(design)
        return cls(design, results)

    # -- lookups ----------------------------------------------------------------------------------------------
    def link_ids(self) -> list[str]:
        return list(self._links)

    def site_ids(self) -> list[str]:
        return list(self._sites)

    def has_link(self, link_id: str) -> bool:
        return link_id in self._links

    def has_site(self, site_id: str) -> bool:
        return site_id in self._sites

    def link(self, key: str) -> LinkItem:
        """A link by its id, its name, or its two ends as the tables print them ('Zürich – Provider MPLS VPN')."""
        item = self._links.get(key)
        if item is not None:
            return item
        wanted = _given(key, "link")
        found = [i for i in self._links.values()
                 if wanted in (_fold(i.link.name), _fold(self.names.link_name(i.link.id)))]
        found = _as_written(found, key, lambda i: (i.link.name, self.names.link_name(i.link.id)))
        return _one(found, key, "link", [f"{lid} ({self.names.link_name(lid)})" for lid in self._links])

    def site(self, key: str) -> SiteItem:
        """A site by its id or its name."""
        item = self._sites.get(key)
        if item is not None:
            return item
        wanted = _given(key, "site")
        found = [i for i in self._sites.values() if wanted in (_fold(i.site.name), _fold(self.names.node(i.site.id)))]
        found = _as_written(found, key, lambda i: (i.site.name, self.names.node(i.site.id)))
        return _one(found, key, "site", [f"{sid} ({self.names.node(sid)})" for sid in self._sites])

    # -- what the sizing worked out ---------------------------------------------------------------------------
    @functools.cached_property
    def link_technologies(self) -> list[str]:
        rec = self.results.recommendation
        return traffic.link_technologies(self.design, rec.chosen, rec.per_cloud)

    @functools.cached_property
    def base(self) -> demand.Base:
        return demand.Base.of(self.design)

    @functools.cached_property
    def routed(self) -> demand.Routed:
        return routed_as_sized(self.design, self.results, self.link_technologies, self.base)

    @functools.cached_property
    def nat_t_links(self) -> set[str]:
        hub = self.routed.hub
        out: set[str] = set()
        for tech in set(self.link_technologies):
            out |= traffic.nat_links(self.design, tech, hub.id if hub is not None else None)
        return out

    # -- per-site indexes: each link's explanation looks up its own site, not every site or flow (a scan per link
    # took `advisor explain` minutes at 20,000 sites on one cloud, or 49,000 links at one site)
    @functools.cached_property
    def signalling_formula(self) -> signalling.SignallingFormula:
        """The design's signalling formula: one per design, not one per phone group of every link."""
        return signalling.formula(self.design)

    @functools.cached_property
    def star_centre(self) -> set[str]:
        """The ends every link shares: the centre of a star of leased lines."""
        links = self.design.links
        return set.intersection(*({x.a, x.b} for x in links)) if links else set()

    @functools.cached_property
    def on_net_senders(self) -> list[int]:
        """The sites, in order, whose on-net calls the gravity model spreads over the others: on-net traffic, and
        users at other sites to receive it."""
        base = self.base
        return [s for s, (o, u) in enumerate(zip(base.loads.on_net, base.users, strict=True))
                if o > 0 and base.total_users - u > 0]

    @functools.cached_property
    def signalling_flows_at(self) -> dict[int, list[tuple[int, int, float]]]:
        """Site -> the signalling flows (site, call-processing site, kbps) it is an end of, in their order."""
        return _by_end(self.base.signalling_flows)

    @functools.cached_property
    def haul_at(self) -> dict[int, list[tuple[int, int, float]]]:
        """Site -> the PSTN calls hauled over the WAN (site, gateway site, Erlangs) it is an end of, in order."""
        return _by_end(self.routed.haul)

    def packet(self, link_id: str) -> PacketResult:
        """One call's packet on this link, as the sizing priced it."""
        item = self._links[link_id]
        tech = item.result.technology or self.results.recommendation.chosen
        spec = traffic.call_spec(self.design, tech, item.link, nat_on_path=link_id in self.nat_t_links)
        got = self._packets.get(spec)
        if got is None:  # (a frozen result: shared safely)
            got = self._packets[spec] = packet.compute(spec)
        return got


def _by_end(flows) -> dict[int, list[tuple[int, int, float]]]:
    out: dict[int, list[tuple[int, int, float]]] = {}
    for flow in flows:
        s, c, _value = flow
        out.setdefault(s, []).append(flow)
        if c != s:
            out.setdefault(c, []).append(flow)
    return out


def _fold(text: str) -> str:
    """Names compare without case, surrounding blanks, or the dash a keyboard cannot type ('Zurich - MPLS'), and
    whatever way their letters are composed: 'Zu' + a combining diaeresis + 'rich' (as macOS and some keyboards
    write it) was "no site 'Zürich' in this design; its sites: … br01 (Zürich)"."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.replace("–", "-").replace("—", "-").casefold().split())


def _as_written(found: list, key: str, names) -> list:
    """Of several items whose names read alike once folded, the one named as `key` is written (the way its accented
    letters are composed aside, which no one sees), when just one is: sites named 'Zurich', 'ZURICH' and 'zurich'
    made `--site ZURICH` "3 sites are named 'ZURICH': give the id instead". `names(item)`: the names it goes by."""
    if len(found) < 2:
        return found
    written = unicodedata.normalize("NFC", key.strip())
    exact = [i for i in found if written in (unicodedata.normalize("NFC", name.strip()) for name in names(i))]
    return exact if len(exact) == 1 else found


def _given(key: str, what: str) -> str:
    """The folded name to look for; an empty or blank one is refused: it matched every link or site without a
    name, and picked the one unnamed link of a design as if the user had named it."""
    wanted = _fold(key)
    if not wanted:
        raise ExplainError(f"no {what} given: name one by its id or its name")
    return wanted


AMBIGUOUS_SHOWN = 5  # ids listed when a name is shared; the rest are counted


def _one(found: list, key: str, what: str, known: list[str]):
    if len(found) == 1:
        return found[0]
    if found:
        ids = [getattr(item, what).id for item in found]  # SiteItem.site, LinkItem.link
        shown = ", ".join(ids[:AMBIGUOUS_SHOWN]) + (f" and {len(ids) - AMBIGUOUS_SHOWN:,} more"
                                                    if len(ids) > AMBIGUOUS_SHOWN else "")
        raise ExplainError(f"{len(found):,} {what}s are named '{key}': give the id instead ({shown})")
    shown = ", ".join(known[:12]) + (f" and {len(known) - 12:,} more" if len(known) > 12 else "")
    raise ExplainError(f"no {what} '{key}' in this design; its {what}s: {shown or 'none'}")


def routed_as_sized(design: Design, results: Results, techs: list[str] | None = None,
                    base: demand.Base | None = None) -> demand.Routed:
    """The busy hour as `traffic.size` routed it: through the hub when a link's overlay relays calls there and no
    cloud with a direct overlay joins every site (`hub_relay.routes_via_hub`; `techs`: each link's technology,
    worked out here when not given). The routing the analysis kept is read again (`demand.route`, by the design's
    identity)."""
    rec = results.recommendation
    if techs is None:
        techs = traffic.link_technologies(design, rec.chosen, rec.per_cloud)
    hub_overlay = routes_via_hub(design, techs, rec.chosen)
    return demand.route(design, hub_overlay, base=base)

