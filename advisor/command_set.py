"""Edits that change fields: of one item or design section (`SetFields`), or of many items at once
(`SetFieldsMany`), each refused in the Inspector's words (`advisor.commands`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from advisor import command_words as cw
from advisor.command_base import DESIGN_TARGETS, CommandError, plural, rebuild, validate
from advisor.model import Cloud, Design, Link, Site
from advisor.rules._names import names_for
from advisor.validation import clip


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


def set_on(design: Design, target: str, values: Mapping) -> Design:
    if "id" in values:
        raise CommandError(f"{cw.item_words(design, target)}: Id cannot be changed (ids name items in findings and "
                           "files)")
    if target in DESIGN_TARGETS:
        if target == "design":
            bad = {"sites", "clouds", "links", "voice", "vpn", "traffic", "schema_version"} & set(values)
            if bad:
                raise CommandError(f"design.{sorted(bad)[0]}: cannot be set as a field")
            return rebuild(design, **values)
        part = target.split(".", 1)[1]
        current = getattr(design, part)
        return rebuild(design, **{part: validate(type(current), {**dict(current), **values}, target, design)})
    for coll, model in (("sites", Site), ("clouds", Cloud), ("links", Link)):
        items = getattr(design, coll)
        for index, item in enumerate(items):
            if item.id == target:
                if model is Link:
                    _check_ends(design, item, values)
                new = validate(model, {**dict(item), **values}, target, design)
                return rebuild(design, **{coll: items[:index] + (new,) + items[index + 1:]})
    site_id, _, part = target.rpartition(".")
    if part in ("security", "traffic"):
        for index, site in enumerate(design.sites):
            if site.id == site_id:
                current = getattr(site, part)
                model = cw.PART_MODELS[part]
                base = dict(current) if current is not None else {}
                sub = validate(model, {**base, **values}, target, design)
                new = validate(Site, {**dict(site), part: sub}, site_id, design)
                return rebuild(design, sites=design.sites[:index] + (new,) + design.sites[index + 1:])
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
        return set_on(design, self.target, self.values)


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
            object.__setattr__(self, "text", f"Change {keys} of {plural(len(self.targets), 'item')}")

    def merge_key(self) -> tuple:
        return (self.targets, tuple(sorted(self.values)))

    def apply(self, design: Design) -> Design:
        changed = _set_on_items(design, self.targets, self.values)  # refused: the first target that fails, by name
        if changed is not None:
            return changed
        for target in self.targets:
            design = set_on(design, target, self.values)
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
                items[coll][index] = validate(models[coll], {**dict(items[coll][index]), **values}, target, named)
                continue
            site_id, _, part = target.rpartition(".")
            coll, index = where.get(site_id, ("", 0))
            if part not in cw.PART_MODELS or coll != "sites":
                return None
            colls.add(coll)
            site = items["sites"][index]
            current = getattr(site, part)
            sub = validate(cw.PART_MODELS[part], {**(dict(current) if current is not None else {}), **values},
                            target, named)
            items["sites"][index] = validate(Site, {**dict(site), part: sub}, site_id, named)
        except CommandError as exc:
            refused.append(str(exc))
    if refused:
        more = len(refused) - 1
        noun = f"{cw.NOUNS[next(iter(colls))].lower()}s" if len(colls) == 1 else "items"
        raise CommandError(refused[0] + (f" (and {more:,} more of the selected {noun})" if more else ""))
    return rebuild(design, **{coll: tuple(rows) for coll, rows in items.items()})
