"""Edits as intents: each command says what the user did (``.text``) and ``apply(design) -> Design``.

Commands never mutate; they build a new, fully validated design. Undo lives in the UI (before/after snapshots).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from advisor import command_words as cw
from advisor.command_ids import (
    CLOUD_KINDS,
    DEFAULT_USERS,
    KIND_NAMES,
    SITE_KINDS,
    FreshIds,
    default_name,
    new_id,
)
from advisor.model import Cloud, Design, Link, Site
from advisor.rules._names import names_for
from advisor.validation import clip, describe, format_path, problems

Node = Site | Cloud

DESIGN_TARGETS = ("design", "design.voice", "design.vpn", "design.traffic")


class CommandError(ValueError):
    """An edit that cannot apply; the message names the item, the field and the problem in the Inspector's words:
    "Site 'Branch Nord': CUCM cluster may only use letters, digits, '.', '_' and '-' (1–64 characters)"."""


def _validate(model: type[BaseModel], data: dict, where: str = "", design: Design | None = None) -> BaseModel:
    """``model`` built from ``data``; else CommandError. With ``design``, ``where`` is the command's target in it and
    the message names the item and its fields in words; without, ``where`` is a place in pasted data (nodes[0])."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        if design is not None:
            words = cw.item_words(design, where)
            raise CommandError("; ".join(cw.said(words, cw.field_title(model, loc), message)
                                         for loc, message in problems(exc))) from None
        lines = describe(exc)
        if where:  # "nodes[0].x: must be ≤ 1000000" for a field; "nodes[0]: phones in public areas ..." for an item
            lines = [f"{where}.{line}" if format_path(err.get("loc", ())) else f"{where}: {line}"
                     for err, line in zip(exc.errors(include_url=False), lines, strict=True)]
        raise CommandError("; ".join(lines)) from None


def _rebuild(design: Design, **changes) -> Design:
    # dict(model) keeps nested models as instances, so unchanged parts are not re-validated.
    data = dict(design)
    data.update(changes)
    try:
        return Design.model_validate(data)
    except ValidationError as exc:
        raise CommandError("; ".join(cw.design_problems(design, data, exc))) from None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def describe_nodes(design: Design, ids: Iterable[str]) -> str:
    """'Branch 3', '3 sites', '2 sites and 1 cloud' — for command texts shown in Undo/Redo."""
    ids = list(ids)
    sites = {s.id: s for s in design.sites}
    clouds = {c.id: c for c in design.clouds}
    links = {link.id for link in design.links}
    if len(ids) == 1:
        node = sites.get(ids[0]) or clouds.get(ids[0])
        if node is not None and node.name:
            return node.name
    parts = [(sum(i in sites for i in ids), "site"), (sum(i in clouds for i in ids), "cloud"),
             (sum(i in links for i in ids), "link")]
    words = [_plural(n, w) for n, w in parts if n]
    return " and ".join(words) if words else _plural(len(ids), "item")


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
        new_nodes.append(_validate(model, data, f"nodes[{index}]"))
    new_links: list[Link] = []
    for index, raw in enumerate(links):
        data = dict(raw)
        if data.get("a") not in mapping or data.get("b") not in mapping:
            continue  # a link to a node that was not copied stays behind
        link_id = fresh("link")
        data.update(id=link_id, a=mapping[data["a"]], b=mapping[data["b"]])
        new_links.append(_validate(Link, data, f"links[{index}]"))
    if not new_nodes:
        raise CommandError(f"{text.lower()}: nothing to copy")
    return AddNodes(tuple(new_nodes), tuple(new_links), text=f"{text} {_plural(len(new_nodes), 'item')}")


@dataclass(frozen=True)
class AddNodes:
    """Add sites and clouds (and links among them or to existing nodes): drop, paste, duplicate."""

    nodes: tuple[Node, ...]
    links: tuple[Link, ...] = ()
    text: str = ""

    def __post_init__(self):
        if not self.text:
            label = self.nodes[0].name if len(self.nodes) == 1 and self.nodes[0].name else None
            object.__setattr__(self, "text", f"Add {label or _plural(len(self.nodes), 'item')}")

    def apply(self, design: Design) -> Design:
        return _rebuild(design,
                        sites=design.sites + tuple(n for n in self.nodes if isinstance(n, Site)),
                        clouds=design.clouds + tuple(n for n in self.nodes if isinstance(n, Cloud)),
                        links=design.links + self.links)


@dataclass(frozen=True)
class AddLink:
    link: Link
    text: str = "Connect"

    def apply(self, design: Design) -> Design:
        return _rebuild(design, links=design.links + (self.link,))


@dataclass(frozen=True)
class MoveNodes:
    """Set node positions; one whole drag (or a layout, align, distribute) is one MoveNodes."""

    positions: Mapping[str, tuple[float, float]]
    text: str = ""

    def __post_init__(self):
        if not self.text:
            object.__setattr__(self, "text", f"Move {_plural(len(self.positions), 'node')}")

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
                    out.append(_validate(type(node), {**dict(node), "x": pos[0], "y": pos[1]}, node.id, design))
            return tuple(out)

        return _rebuild(design, sites=moved(design.sites), clouds=moved(design.clouds))


def _check_ends(design: Design, link: Link, values: Mapping) -> None:
    """Refuse, in words, a change of a link's end that the design's cross-checks would refuse by the link's place in
    the file ("links[1]: a link cannot connect 'br-1' to itself"). A second link between two nodes already joined
    is allowed, as the model allows it (see ``make_link``)."""
    ends = {"a": values.get("a", link.a), "b": values.get("b", link.b)}
    changed = [end for end in ("a", "b") if end in values and values[end] != getattr(link, end)]
    if not changed or not all(isinstance(ref, str) for ref in ends.values()):
        return  # nothing new, or not a name at all: the model says what is wrong with it
    names = names_for(design)
    where = f"Link {cw.quoted(names.link_name(link.id))}"
    nodes = design.node_ids()
    for end in changed:
        if ends[end] not in nodes:
            raise CommandError(clip(f"{where}: {Link.model_fields[end].title} names no site or cloud of the design "
                                    f"('{ends[end]}')"))
    end = changed[-1]
    title, node = Link.model_fields[end].title, cw.quoted(names.node(ends[end]))
    if ends["a"] == ends["b"]:
        raise CommandError(clip(f"{where}: {title} is the link's other end: a link cannot connect {node} to itself"))
    clouds = {c.id for c in design.clouds}
    if ends["a"] in clouds and ends["b"] in clouds:
        raise CommandError(clip(f"{where}: {title} {node} is a cloud, as is the other end: a link must have a site "
                                "at one end at least (two clouds cannot be linked)"))


def _set_on(design: Design, target: str, values: Mapping) -> Design:
    if "id" in values:
        raise CommandError(f"{cw.item_words(design, target)}: Id cannot be changed (ids name items in findings and "
                           "files)")
    if target in DESIGN_TARGETS:
        if target == "design":
            bad = {"sites", "clouds", "links", "voice", "vpn", "traffic", "schema_version"} & set(values)
            if bad:
                raise CommandError(f"design.{sorted(bad)[0]}: cannot be set as a field")
            return _rebuild(design, **values)
        part = target.split(".", 1)[1]
        current = getattr(design, part)
        return _rebuild(design, **{part: _validate(type(current), {**dict(current), **values}, target, design)})
    for coll, model in (("sites", Site), ("clouds", Cloud), ("links", Link)):
        items = getattr(design, coll)
        for index, item in enumerate(items):
            if item.id == target:
                if model is Link:
                    _check_ends(design, item, values)
                new = _validate(model, {**dict(item), **values}, target, design)
                return _rebuild(design, **{coll: items[:index] + (new,) + items[index + 1:]})
    site_id, _, part = target.rpartition(".")
    if part in ("security", "traffic"):
        for index, site in enumerate(design.sites):
            if site.id == site_id:
                current = getattr(site, part)
                model = cw.PART_MODELS[part]
                base = dict(current) if current is not None else {}
                sub = _validate(model, {**base, **values}, target, design)
                new = _validate(Site, {**dict(site), part: sub}, site_id, design)
                return _rebuild(design, sites=design.sites[:index] + (new,) + design.sites[index + 1:])
    raise CommandError(f"{target}: no such site, cloud, link or design section")


@dataclass(frozen=True)
class SetFields:
    """Change fields of one target: a site/cloud/link id, 'design', 'design.voice|vpn|traffic',
    '<site id>.security' or '<site id>.traffic'. Same target and keys in a row merge into one undo entry."""

    target: str
    values: Mapping
    text: str = ""

    def __post_init__(self):
        object.__setattr__(self, "values", dict(self.values))
        if not self.values:
            raise CommandError(f"{self.target}: nothing to change")
        # Design sections have a known model: check the values now, so a bad value never becomes a command.
        if self.target in DESIGN_TARGETS[1:]:
            model = {"design.voice": Design.model_fields["voice"], "design.vpn": Design.model_fields["vpn"],
                     "design.traffic": Design.model_fields["traffic"]}[self.target].annotation
            unknown = set(self.values) - set(model.model_fields)
            if unknown:
                raise CommandError(f"{self.target}.{sorted(unknown)[0]}: is not a known field")
        if not self.text:
            keys = ", ".join(sorted(self.values))
            object.__setattr__(self, "text", f"Change {keys}")

    @classmethod
    def checked(cls, design: Design, target: str, values: Mapping, text: str = "") -> SetFields:
        """Build and try the command on ``design``: raises CommandError naming the field if it cannot apply."""
        cmd = cls(target, values, text)
        cmd.apply(design)
        return cmd

    def merge_key(self) -> tuple:
        return (self.target, tuple(sorted(self.values)))

    def apply(self, design: Design) -> Design:
        return _set_on(design, self.target, self.values)


@dataclass(frozen=True)
class SetFieldsMany:
    """The same change on several targets at once (multi-selection edit in the inspector)."""

    targets: tuple[str, ...]
    values: Mapping
    text: str = ""

    def __post_init__(self):
        object.__setattr__(self, "targets", tuple(self.targets))
        object.__setattr__(self, "values", dict(self.values))
        if not self.text:
            keys = ", ".join(sorted(self.values))
            object.__setattr__(self, "text", f"Change {keys} of {_plural(len(self.targets), 'item')}")

    def merge_key(self) -> tuple:
        return (self.targets, tuple(sorted(self.values)))

    def apply(self, design: Design) -> Design:
        changed = _set_on_items(design, self.targets, self.values)  # refused: the first target that fails, by name
        if changed is not None:
            return changed
        for target in self.targets:
            design = _set_on(design, target, self.values)
        return design


def _set_on_items(design: Design, targets: Iterable[str], values: Mapping) -> Design | None:
    """``_set_on`` for every target with one rebuild, not one per target (None for a target that is not an item or
    a site's security or traffic, and for a change of a link's ends). An item's fields decide only whether that item
    holds in the design: this succeeds exactly when the target-by-target way does, with the same design. Refused:
    the first target that fails, by name, and how many more of the selection fail with it."""
    if "id" in values or "a" in values or "b" in values:
        return None
    items = {"sites": list(design.sites), "clouds": list(design.clouds), "links": list(design.links)}
    models = {"sites": Site, "clouds": Cloud, "links": Link}
    where = {item.id: (coll, index) for coll, rows in items.items() for index, item in enumerate(rows)}
    refused: list[str] = []
    colls: set[str] = set()
    for target in targets:
        if target in DESIGN_TARGETS:
            return None
        named = None if refused else design  # only the first refusal is told in words; the rest are counted
        try:
            if target in where:
                coll, index = where[target]
                colls.add(coll)
                items[coll][index] = _validate(models[coll], {**dict(items[coll][index]), **values}, target, named)
                continue
            site_id, _, part = target.rpartition(".")
            coll, index = where.get(site_id, ("", 0))
            if part not in cw.PART_MODELS or coll != "sites":
                return None
            colls.add(coll)
            site = items["sites"][index]
            current = getattr(site, part)
            sub = _validate(cw.PART_MODELS[part], {**(dict(current) if current is not None else {}), **values},
                            target, named)
            items["sites"][index] = _validate(Site, {**dict(site), part: sub}, site_id, named)
        except CommandError as exc:
            refused.append(str(exc))
    if refused:
        more = len(refused) - 1
        noun = f"{cw.NOUNS[next(iter(colls))].lower()}s" if len(colls) == 1 else "items"
        raise CommandError(refused[0] + (f" (and {more:,} more of the selected {noun})" if more else ""))
    return _rebuild(design, **{coll: tuple(rows) for coll, rows in items.items()})


@dataclass(frozen=True)
class DeleteItems:
    """Delete sites, clouds and links; the links of deleted nodes go with them (undo restores them in order)."""

    ids: tuple[str, ...]
    text: str = ""

    def __post_init__(self):
        object.__setattr__(self, "ids", tuple(self.ids))
        if not self.text:
            object.__setattr__(self, "text", f"Delete {_plural(len(self.ids), 'item')}")

    def apply(self, design: Design) -> Design:
        gone = set(self.ids)
        unknown = gone - design.node_ids() - {x.id for x in design.links}
        if unknown:
            raise CommandError(f"delete: unknown id {', '.join(sorted(unknown))}")
        vpn, traffic = design.vpn, design.traffic
        # Policies that name a deleted site fall back to their automatic choice instead of failing validation.
        if vpn.hub_site in gone:
            vpn = _validate(type(vpn), {**dict(vpn), "hub_site": None}, "design.vpn", design)
        if traffic.central_pstn_site in gone:
            traffic = _validate(type(traffic), {**dict(traffic), "central_pstn_site": None}, "design.traffic",
                                design)
        return _rebuild(
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
