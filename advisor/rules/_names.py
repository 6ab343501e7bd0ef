"""How findings name what the user drew: a site or cloud by its name (its id when unnamed), a link by its name or by
its two ends ('Maribor – MPLS VPN'), a VPN technology by its display name. Subjects stay ids: only words change.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain
from operator import attrgetter, itemgetter
from unicodedata import normalize

from advisor.model import Design
from advisor.numbers import first_and_more
from advisor.routing_graph import link_ends, site_index
from advisor.shown_names import all_plain, shows
from advisor.validation import UNSEEN

# The one table of technology display names (advisor.rules.vpn re-exports it as LABELS / label).
TECH_LABELS = {"none": "no VPN", "mpls-isolation": "MPLS VPN isolation alone", "ipsec": "IPsec (crypto map)",
               "vti": "static VTI (IPsec tunnel interface)", "flexvpn": "FlexVPN (IKEv2)",
               "gre-ipsec": "GRE over IPsec", "dmvpn": "DMVPN", "getvpn": "GET VPN"}
# The deployment models as sentences name them ('centralized' -> 'multisite with centralized call processing').
MODEL_LABELS = {
    "single-site": "single site",
    "centralized": "multisite with centralized call processing",
    "distributed": "multisite with distributed call processing",
    "clustering-over-wan": "clustering over the WAN",
    "none": "no call processing",
    "auto": "not stated (auto)",
}
# A link's transport (advisor.rules._wan.WanFacts.transport) as a sentence names it.
TRANSPORT_LABELS = {"internet": "Internet", "mpls": "MPLS", "private-wan": "private WAN", "leased": "leased line"}


def tech_label(tech: str) -> str:
    """'dmvpn' -> 'DMVPN'; an unknown id is shown as it is."""
    return TECH_LABELS.get(tech, tech)


def transport_label(transport: str) -> str:
    """'private-wan' -> 'private WAN'."""
    return TRANSPORT_LABELS.get(transport, transport)


def _shared(values: list) -> set:
    """The values that occur more than once (the common case, none, costs one set)."""
    if len(set(values)) == len(values):
        return set()
    return {v for v, count in Counter(values).items() if count > 1}


_UNSEEN = re.compile(f"[{UNSEEN}]")


def _looks(value):
    """A name as it looks: its accents composed one way (NFC) and the characters that show nothing dropped. 'Zürich'
    typed with a combining diaeresis (as macOS writes it) and 'Zürich' with 'ü' are one name on the page; told
    apart as strings, neither carried its id, and a finding named 'Zürich – MPLS' twice for two links. A pair of
    ends (an unnamed link) is as it is."""
    if value.__class__ is not str:
        return value
    return normalize("NFC", _UNSEEN.sub("", value))


class _Table(dict):
    """id -> display name; an id the design does not hold is shown as it is."""

    def __missing__(self, key: str) -> str:
        return key


_ID, _NAME = attrgetter("id"), attrgetter("name")


def _or(text: str, fallback: str) -> str:
    return text or fallback


_ENDS = "{} – {}".format  # `Names.ends`: two ends' names, an en dash between
_LINK_ENDS = "link '{} – {}'".format  # `Names.link` of an unnamed link, from its ends' names
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


class _Labels(dict):
    """link id -> its label; an id the design does not hold is labelled as `Names.link` labels it."""

    def __missing__(self, key: str) -> str:
        return f"link '{key}'"


class Names:
    """Display names for one design; every lookup is one dict access. Sites and clouds are read once, when the
    design's `Names` is made (about 2 ms per 10,000 sites; every analysis names some site). Links are read on the
    first link lookup (3.5 ms per 10,000), so an analysis whose messages name no link never reads them. Two things
    the user gave the same name (or two unnamed links between the same ends) would read as one: each carries its
    id, 'Branch (b7)'."""

    def __init__(self, design: Design):
        self._design = design
        sites, clouds = design.sites, design.clouds
        index = site_index(design)  # the routing's (memoised per design): its keys are the site ids in order
        ids = [*index, *map(_ID, clouds)] if len(index) == len(sites) else list(map(_ID, chain(sites, clouds)))
        names = list(map(_NAME, chain(sites, clouds)))
        if all_plain(names):  # the usual case: a name shows unless it is blank
            stripped = list(map(str.strip, names))
            nodes = _Table(zip(ids, stripped if all(stripped) else map(_or, stripped, ids), strict=True))
            looks = list(nodes.values())
        else:  # a name of characters that show nothing (a zero-width space) is no name: the id stands for it
            nodes = _Table({i: n.strip() if shows(n) else i for i, n in zip(ids, names, strict=True)})
            looks = list(map(_looks, nodes.values()))
        dups = _shared(looks)
        for (node_id, text), look in zip(list(nodes.items()), looks, strict=True) if dups else ():
            if look in dups and text != node_id:  # an unnamed node's id is unique: it stays as it is
                nodes[node_id] = f"{text} ({node_id})"
        # node(id): a site's or cloud's name, bare ('Maribor'); its id when it has none. A C-level lookup: a
        # 10,000-branch design names thousands of sites.
        self.node = nodes.__getitem__
        self._links: dict[str, str | tuple[str, str]] | None = None  # link id -> its name, or its two ends
        self._link_dups: set = set()
        self._every_link: _Labels | None = None  # link id -> link(id), for all links, made on first batch lookup

    def quoted(self, node_id: str) -> str:
        """'Maribor', for a sentence that already says what it is (hub, call-processing site …)."""
        return f"'{self.node(node_id)}'"

    def site(self, site_id: str) -> str:
        """site 'Maribor'."""
        return f"site '{self.node(site_id)}'"

    def ends(self, a: str, b: str) -> str:
        """A link's two ends by name, as the findings write them: 'Maribor – MPLS VPN'; two ends the user gave the
        same name carry their ids, 'Branch (b1) – Branch (b2)'; an end the design does not hold, by its id."""
        return _ENDS(self.node(a), self.node(b))

    def _link_keys(self) -> dict[str, str | tuple[str, str]]:
        """Link id -> its name, or its two ends, in link order: one pass over the links, on first use."""
        links = self._links
        if links is None:
            every = self._design.links
            ids, names = list(map(_ID, every)), list(map(_NAME, every))
            if all_plain(names):  # a name shows unless it is blank: in C-level passes for the usual cases
                stripped = list(map(str.strip, names))
                if all(stripped):  # every link named
                    links = self._links = dict(zip(ids, stripped, strict=True))
                elif not any(stripped):  # none named: each by its two ends (as the routing read them)
                    a_ends, b_ends = link_ends(self._design)
                    links = self._links = dict(zip(ids, zip(a_ends, b_ends, strict=True), strict=True))
                    if len(set(a_ends)) == len(a_ends):  # no two links from one end (a star): no two alike
                        self._link_dups = set()
                        return links
                else:
                    links = self._links = {i: n or (ln.a, ln.b) for i, n, ln in zip(ids, stripped, every,
                                                                                      strict=True)}
                self._link_dups = _shared(list(links.values()))
            else:
                links = self._links = {i: n.strip() if shows(n) else (ln.a, ln.b) for i, n, ln in zip(
                    ids, names, every, strict=True)}
                looks = list(map(_looks, links.values()))
                shared = _shared(looks)  # the names as written whose looks are shared: `link_name` reads them
                self._link_dups = {key for key, look in zip(links.values(), looks, strict=True) if look in shared}
        return links

    def link_name(self, link_id: str) -> str:
        """A link's name, bare: its own name, else its two ends, 'Maribor – MPLS VPN'."""
        links = self._links  # read once, on first use; then one dict access per link named
        key = (self._link_keys() if links is None else links).get(link_id)
        if key is None:
            return link_id
        text = key if key.__class__ is str else _ENDS(self.node(key[0]), self.node(key[1]))  # `ends`
        dups = self._link_dups
        return f"{text} ({link_id})" if dups and key in dups else text

    def link(self, link_id: str) -> str:
        """link 'Maribor – MPLS VPN'."""
        return f"link '{self.link_name(link_id)}'"

    def links_each(self, ids: Iterable[str]) -> list[str]:
        """`link(id)` for each id: every link's label is made once per design, then each id is one lookup
        (the per-link findings of a 10,000-link chain name every link twice)."""
        every = self._every_link
        if every is None:
            links = self._link_keys()
            link_ids, keys = list(links), list(links.values())
            if not self._link_dups and str not in set(map(type, keys)):  # every link unnamed, no two alike
                node = self.node  # `link` of each, its two ends by name, in C-level passes
                labels = list(map(_LINK_ENDS, map(node, map(_FIRST, keys)), map(node, map(_SECOND, keys))))
            else:
                labels = list(map(self.link, link_ids))
            every = self._every_link = _Labels(zip(link_ids, labels, strict=True))
        return list(map(every.__getitem__, ids))

    def sites(self, ids: Sequence[str], limit: int = 5) -> str:
        """'Maribor', 'Celje' and 7 more: for messages about many sites (or clouds)."""
        return _listed((self.node(i) for i in ids[:limit]), len(ids), limit)

    def links(self, ids: Sequence[str], limit: int = 5) -> str:
        """'Maribor – MPLS VPN', 'Celje – Internet' and 7 more."""
        return _listed((self.link_name(i) for i in ids[:limit]), len(ids), limit)


def _listed(shown: Iterable[str], total: int, limit: int) -> str:
    return first_and_more((f"'{name}'" for name in shown), total, limit)


_last: Names | None = None  # the last design's: every rule family of one analysis shares it


def forget() -> None:
    """Drop the last design's names."""
    global _last
    _last = None


def names_for(design: Design) -> Names:
    """The design's `Names`, shared by the rule families of one analysis (by identity: a design is frozen). Only
    the last design's is kept, so at most one design outlives its analysis, until the next one."""
    global _last
    last = _last  # one read: another thread may replace it meanwhile, and then this call builds its own
    if last is not None and last._design is design:
        return last
    last = _last = Names(design)
    return last
