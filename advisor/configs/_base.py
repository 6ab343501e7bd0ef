"""What every sketch family shares: the per-site context built once from the design and its sizing, the sections
a sketch is made of, comment wrapping, and the placeholders and documentation addresses (RFC 5737).
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from unicodedata import category

from advisor.model import Design, Site
from advisor.results import LinkResult, Results
from advisor.rules._names import names_for

# RFC 5737 reserves three /24 blocks for documentation; no sketch address can reach a real host by mistake.
PUBLIC_NET = "192.0.2"  # TEST-NET-1: WAN (NBMA) addresses of the hubs and key servers
OVERLAY_NET = "198.51.100"  # TEST-NET-2: tunnel overlay addresses
OVERLAY_MASK = "255.255.255.0"
KEY_SERVER_HOST = 10  # key server n at 192.0.2.(10 + n)
SPOKE_HOST = 10  # spoke n at 198.51.100.(10 + n), while that stays in the /24
PSK = "<PRE-SHARED-KEY>"
WRAP = 110  # comment lines are wrapped to this width
MULTISITE = ("centralized", "distributed", "clustering-over-wan")
UNREACHABLE = "DEP-UNREACHABLE"  # the analysis's finding of remote sites with no WAN path to call processing
PLACEHOLDER_NOTE = ("Addresses are RFC 5737 documentation addresses (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24): "
                    "replace every one with your own. Everything in <ANGLE-BRACKETS> is a placeholder to fill in "
                    "(interfaces, keys, LAN prefixes, spoke WAN addresses).")


@dataclass(frozen=True)
class Section:
    """One part of a sketch: a title and its lines (IOS XE commands and '!' comments)."""

    title: str
    lines: tuple[str, ...]

    def text(self) -> str:
        rule = "! " + "-" * (WRAP - 2)
        return "\n".join([rule, f"! {self.title}", rule, *self.lines])


@dataclass(frozen=True)
class SiteSketch:
    """The sketch of one site: a banner, then its sections in order."""

    site_id: str
    site_name: str
    banner: tuple[str, ...]
    sections: tuple[Section, ...]

    def text(self) -> str:
        parts = ["\n".join(self.banner), *(s.text() for s in self.sections), "end"]
        return "\n!\n".join(parts) + "\n"


def clean(text: str) -> str:
    """User text fit for a '!' comment line: every character that is not printable (a newline that would end the
    comment, a control or bidirectional override) becomes '?', but for a space of another width (a no-break space
    in "São Paulo"), which becomes a space, and the two joiners words are spelt with (the Persian zero-width
    non-joiner, the joiner of emoji), which stay, as every other output keeps them."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in _JOINERS else " " if category(c) == "Zs" else "?" for c in text)


_JOINERS = "\u200c\u200d"


def comment(text: str, indent: str = "") -> list[str]:
    """A comment paragraph wrapped to the sketch width."""
    return list(_wrapped(text, indent))


@lru_cache(maxsize=8192)
def _wrapped(text: str, indent: str) -> tuple[str, ...]:
    """Thousands of branches share most paragraphs word for word: each is wrapped once."""
    text, width = clean(text), WRAP - 2 - len(indent)
    if text and "  " not in text and text[0] != " " and text[-1] != " ":
        lines = _greedy(text, width)
    else:
        lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return tuple(f"{indent}! {line}" for line in lines) or (f"{indent}!",)


def _greedy(text: str, width: int) -> list[str]:
    """textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) for a text whose words are
    separated by single spaces (`clean` leaves no other white space), five times as fast: a 300-site full mesh
    wraps 90,000 link comments, each different, and textwrap took a quarter of `advisor configs`."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def whole_kbps(value: float) -> int:
    """kbps rounded up to a whole kbps (what `priority` and `bandwidth` take); a float's last-bit noise
    (583.1999999999999 for 583.2) is rounded away first so that an exact figure stays exact."""
    return math.ceil(round(value, 6))


def overlay_address(host: int) -> str:
    """198.51.100.host while it fits in the /24, else a placeholder."""
    return f"{OVERLAY_NET}.{host}" if 0 < host < 255 else "<TUNNEL-IP>"


def hub_public(n: int) -> str:
    """Hub n's WAN (NBMA) address, n = 1, 2, …"""
    return f"{PUBLIC_NET}.{n}"


def wan_ip(site_id: str) -> str:
    return f"<WAN-IP-{site_id}>"


def wan_address(interface: str, address: str) -> list[str]:
    """The WAN interface's (documentation) address that the other routers of the sketch point at."""
    return [f"interface {interface}", f" ip address {address} 255.255.255.0"]


@dataclass
class Context:
    """The design's figures each sketch family reads, indexed once for all sites."""

    design: Design
    results: Results
    hubs: int
    hub: str | None  # the overlay hub site id (as the sizing chooses it)
    names: dict[str, str]  # node id -> its name for comments (cleaned)
    sites: dict[str, Site] = field(default_factory=dict)  # site id -> site
    site_links: dict[str, list[LinkResult]] = field(default_factory=dict)  # site id -> its links, design order
    tech_sites: dict[str, list[str]] = field(default_factory=dict)  # technology -> site ids, design order
    site_techs: dict[str, list[str]] = field(default_factory=dict)  # site id -> its links' technologies
    remote: set[str] = field(default_factory=set)  # sites with phones that register across the WAN
    # the remote sites with no WAN path to call processing (no link, an island of links, alone on a cloud): what
    # the analysis found (its DEP-UNREACHABLE finding's sites), not a search of its own
    unserved: frozenset[str] = frozenset()
    _spoke_cache: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)
    _site_cache: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)
    _interface_cache: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)  # site -> link -> 1, 2 …
    routers: dict[tuple, object] = field(default_factory=dict, repr=False)  # srst: choices shared by branches
    key_servers: int = 0  # GET VPN cooperative key servers (set once by advisor.configs.getvpn)
    # elcac: cluster id -> the location lines its call-processing sites list (the same for each of them)
    cluster_locations: dict[str, list[str]] = field(default_factory=dict, repr=False)
    cluster_sites: dict[str, list[str]] | None = field(default=None, repr=False)  # cluster id -> its sites

    @classmethod
    def of(cls, design: Design, results: Results, hubs: int = 2) -> Context:
        from advisor.demand import hub_site

        hub = hub_site(design)
        node = names_for(design).node  # two sites or clouds named alike carry their ids, as the findings name them
        names = {n.id: clean(node(n.id)) for n in (*design.sites, *design.clouds)}
        ctx = cls(design, results, hubs, hub.id if hub is not None else None, names, {s.id: s for s in design.sites})
        site_ids = {s.id for s in design.sites}
        chosen = results.recommendation.chosen
        for link in results.links:
            tech = link.technology or chosen
            for end in dict.fromkeys((link.a, link.b)):
                if end in site_ids:
                    ctx.site_links.setdefault(end, []).append(link)
                    techs = ctx.site_techs.setdefault(end, [])
                    if tech not in techs:
                        techs.append(tech)
        order = {s.id: i for i, s in enumerate(design.sites)}
        for site_id, techs in ctx.site_techs.items():
            for tech in techs:
                ctx.tech_sites.setdefault(tech, []).append(site_id)
        for sites in ctx.tech_sites.values():
            sites.sort(key=order.__getitem__)
        if results.model.detected in MULTISITE:
            ctx.remote = {s.id for s in design.sites if s.phone_count > 0 and s.call_processing_nodes == 0}
            ctx.unserved = frozenset(sid for f in results.findings if f.code == UNREACHABLE for sid in f.subjects)
        return ctx

    def interface(self, site_id: str, link_id: str) -> str:
        """The placeholder for the site's WAN interface on this link: <WAN-IF> when it has one link."""
        links = self.site_links.get(site_id, [])
        if len(links) <= 1:
            return "<WAN-IF>"
        numbers = self._interface_cache.get(site_id)
        if numbers is None:  # once per site: a search per link was quadratic (49,000 links at one site: minutes)
            numbers = self._interface_cache[site_id] = {}
            for i, ln in enumerate(links, start=1):
                numbers.setdefault(ln.id, i)
        return f"<WAN-IF-{numbers[link_id]}>"

    def wan_interfaces(self, site_id: str, tech: str) -> list[str]:
        """The site's WAN interface placeholders on links whose calls use `tech`."""
        chosen = self.results.recommendation.chosen
        return [self.interface(site_id, ln.id) for ln in self.site_links.get(site_id, [])
                if (ln.technology or chosen) == tech]

    def spokes(self, tech: str) -> list[str]:
        """Sites on `tech` other than the hub, in design order."""
        return list(self._spoke_numbers(tech))

    def spoke_number(self, tech: str, site_id: str) -> int:
        """1, 2, … for the spokes of `tech` in design order."""
        return self._spoke_numbers(tech)[site_id]

    def site_number(self, tech: str, site_id: str) -> int:
        """1, 2, … for every site on `tech` (the hub included) in design order."""
        numbers = self._site_cache.get(tech)
        if numbers is None:
            numbers = self._site_cache[tech] = {s: i for i, s in enumerate(self.tech_sites.get(tech, []), start=1)}
        return numbers[site_id]

    def _spoke_numbers(self, tech: str) -> dict[str, int]:
        numbers = self._spoke_cache.get(tech)
        if numbers is None:
            spokes = [s for s in self.tech_sites.get(tech, []) if s != self.hub]
            numbers = self._spoke_cache[tech] = {s: i for i, s in enumerate(spokes, start=1)}
        return numbers

    def other_end(self, link: LinkResult, site_id: str) -> str:
        return link.b if link.a == site_id else link.a
