"""Edits as intents: each command says what the user did (``.text``) and ``apply(design) -> Design``.

Commands never mutate; they build a new, fully validated design. Undo lives in the UI (before/after snapshots).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pydantic import ValidationError

from advisor.command_base import DESIGN_TARGETS, CommandError, plural, rebuild, validate
from advisor.command_ids import (
    CLOUD_KINDS,
    DEFAULT_USERS,
    KIND_NAMES,
    SITE_KINDS,
    FreshIds,
    default_name,
    new_id,
)
from advisor.command_set import SetFields, SetFieldsMany, set_on
from advisor.model import Cloud, Design, Link, Site
from advisor.numbers import and_list
from advisor.validation import describe

Node = Site | Cloud

# Re-exported: callers import every edit and its error from here
__all__ = ["CLOUD_KINDS", "DEFAULT_USERS", "DESIGN_TARGETS", "KIND_NAMES", "SITE_KINDS", "AddLink", "AddNodes",
           "Command", "CommandError", "DeleteItems", "FreshIds", "MoveNodes", "ReplaceDesign", "SetFields",
           "SetFieldsMany", "clone", "default_name", "describe_nodes", "make_link", "make_node", "new_id"]
_set_on = set_on  # the name the tests of earlier rounds call


def describe_nodes(design: Design, ids: Iterable[str]) -> str:
    """One item by its name ("Branch 3"), more by their count of each kind ("2 sites, 1 cloud and 3 links"): the
    words of an edit in Edit ▸ Undo and on the status bar."""
    ids = list(ids)
    sites = {s.id: s for s in design.sites}
    clouds = {c.id: c for c in design.clouds}
    if len(ids) == 1:
        node = sites.get(ids[0]) or clouds.get(ids[0])
        if node is not None and node.name:
            return node.name
    links = {link.id for link in design.links}
    parts = [(sum(i in sites for i in ids), "site"), (sum(i in clouds for i in ids), "cloud"),
             (sum(i in links for i in ids), "link")]
    words = [plural(n, w) for n, w in parts if n]
    return and_list(words) if words else plural(len(ids), "item")


def make_node(design: Design, kind: str, x: float, y: float) -> Node:
    """A new site or cloud of ``kind`` at (x, y) with a fresh id and a sensible name; CommandError where the
    design cannot hold one (beyond the ±1,000,000 coordinates)."""
    try:
        if kind in SITE_KINDS:
            return Site(id=new_id(design, "site"), name=default_name(design, kind), kind=kind,
                        users=DEFAULT_USERS[kind], cucm_publisher=kind == "hq", x=x, y=y)
        if kind in CLOUD_KINDS:
            return Cloud(id=new_id(design, "cloud"), name=KIND_NAMES[kind] if not any(
                c.kind == kind for c in design.clouds) else default_name(design, kind), kind=kind, x=x, y=y)
    except ValidationError as exc:
        raise CommandError(f"Cannot place a site or cloud there: {'; '.join(describe(exc))}") from None
    from advisor.io_errors import short  # a dragged kind of 100,000 characters filled the status bar

    raise CommandError(f"kind: '{short(kind)}' is not a site or cloud kind ({', '.join(SITE_KINDS + CLOUD_KINDS)})")


def make_link(design: Design, a: str, b: str) -> Link:
    """A default link (Ethernet, 2048 kbps) between two nodes; refuses what the design would refuse."""
    nodes = design.node_ids()
    for end, ref in (("a", a), ("b", b)):
        if ref not in nodes:
            raise CommandError(f"link.{end}: unknown site or cloud '{ref}'")
    if a == b:
        raise CommandError("link: a link cannot connect a node to itself")
    clouds = {c.id for c in design.clouds}
    if a in clouds and b in clouds:
        raise CommandError("link: a link must have a site at one end at least (two clouds cannot be linked)")
    # A second link between two nodes already joined is a design of its own, not a slip: a site's two access links
    # to one cloud (docs/sizing.md, "Multi-homed sites": each sized for all the site's traffic), as a file may hold
    # and as the Inspector makes by changing a link's end. The canvas draws it as the Inspector does.
    try:
        return Link(id=new_id(design, "link"), a=a, b=b)
    except ValidationError as exc:  # as make_node says it: never a pydantic error out of a canvas gesture
        raise CommandError(f"Cannot link these: {'; '.join(describe(exc))}") from None


def clone(design: Design, nodes: Iterable[Node | Mapping], links: Iterable[Link | Mapping] = (),
          offset: tuple[float, float] = (40.0, 40.0), text: str = "Paste") -> AddNodes:
    """Copies of nodes (and the links among them) with fresh ids, moved by ``offset``: paste and duplicate."""
    dx, dy = offset
    fresh = FreshIds(design)
    mapping: dict[str, str] = {}
    new_nodes: list[Node] = []
    for index, raw in enumerate(nodes):
        data = dict(raw)
        model = Site if data.get("kind", "branch") in SITE_KINDS else Cloud
        node_id = fresh("site" if model is Site else "cloud")
        mapping[str(data.get("id"))] = node_id
        data.update(id=node_id, x=float(data.get("x", 0.0)) + dx, y=float(data.get("y", 0.0)) + dy)
        new_nodes.append(validate(model, data, f"nodes[{index}]"))
    new_links: list[Link] = []
    for index, raw in enumerate(links):
        data = dict(raw)
        if data.get("a") not in mapping or data.get("b") not in mapping:
            continue  # a link to a node that was not copied stays behind
        link_id = fresh("link")
        data.update(id=link_id, a=mapping[data["a"]], b=mapping[data["b"]])
        new_links.append(validate(Link, data, f"links[{index}]"))
    if not new_nodes:
        raise CommandError(f"{text.lower()}: nothing to copy")
    return AddNodes(tuple(new_nodes), tuple(new_links), text=f"{text} {plural(len(new_nodes), 'item')}")


@dataclass(frozen=True)
class AddNodes:
    """Add sites and clouds (and links among them or to existing nodes): drop, paste, duplicate."""

    nodes: tuple[Node, ...]
    links: tuple[Link, ...] = ()
    text: str = ""

    def __post_init__(self):
        if not self.text:
            label = self.nodes[0].name if len(self.nodes) == 1 and self.nodes[0].name else None
            object.__setattr__(self, "text", f"Add {label or plural(len(self.nodes), 'item')}")

    def apply(self, design: Design) -> Design:
        return rebuild(design,
                        sites=design.sites + tuple(n for n in self.nodes if isinstance(n, Site)),
                        clouds=design.clouds + tuple(n for n in self.nodes if isinstance(n, Cloud)),
                        links=design.links + self.links)


@dataclass(frozen=True)
class AddLink:
    link: Link
    text: str = "Connect"

    def apply(self, design: Design) -> Design:
        return rebuild(design, links=design.links + (self.link,))


@dataclass(frozen=True)
class MoveNodes:
    """Set node positions; one whole drag (or a layout, align, distribute) is one MoveNodes."""

    positions: Mapping[str, tuple[float, float]]
    text: str = ""

    def __post_init__(self):
        if not self.text:
            object.__setattr__(self, "text", f"Move {plural(len(self.positions), 'node')}")

    def apply(self, design: Design) -> Design:
        unknown = set(self.positions) - design.node_ids()
        if unknown:
            raise CommandError(f"move: unknown site or cloud {', '.join(sorted(unknown))}")

        def moved(nodes):
            out = []
            for node in nodes:
                pos = self.positions.get(node.id)
                if pos is None or (node.x, node.y) == (float(pos[0]), float(pos[1])):
                    out.append(node)
                else:
                    out.append(validate(type(node), {**dict(node), "x": pos[0], "y": pos[1]}, node.id, design))
            return tuple(out)

        return rebuild(design, sites=moved(design.sites), clouds=moved(design.clouds))


@dataclass(frozen=True)
class DeleteItems:
    """Delete sites, clouds and links; the links of deleted nodes go with them (undo restores them in order)."""

    ids: tuple[str, ...]
    text: str = ""

    def __post_init__(self):
        object.__setattr__(self, "ids", tuple(self.ids))
        if not self.text:
            object.__setattr__(self, "text", f"Delete {plural(len(self.ids), 'item')}")

    def apply(self, design: Design) -> Design:
        gone = set(self.ids)
        unknown = gone - design.node_ids() - {x.id for x in design.links}
        if unknown:
            raise CommandError(f"delete: unknown id {', '.join(sorted(unknown))}")
        vpn, traffic = design.vpn, design.traffic
        # Policies that name a deleted site fall back to their automatic choice instead of failing validation.
        if vpn.hub_site in gone:
            vpn = validate(type(vpn), {**dict(vpn), "hub_site": None}, "design.vpn", design)
        if traffic.central_pstn_site in gone:
            traffic = validate(type(traffic), {**dict(traffic), "central_pstn_site": None}, "design.traffic",
                                design)
        return rebuild(
            design, vpn=vpn, traffic=traffic,
            sites=tuple(s for s in design.sites if s.id not in gone),
            clouds=tuple(c for c in design.clouds if c.id not in gone),
            links=tuple(x for x in design.links if x.id not in gone and x.a not in gone and x.b not in gone))


@dataclass(frozen=True)
class ReplaceDesign:
    """Swap in a whole new design (auto-layout, scenario import); undo brings the old one back."""

    design: Design = field(repr=False)
    text: str = "Replace design"

    def apply(self, design: Design) -> Design:
        return self.design


Command = AddNodes | AddLink | MoveNodes | SetFields | SetFieldsMany | DeleteItems | ReplaceDesign
