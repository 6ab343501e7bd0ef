"""The words of an edit's refusal: the item as the user knows it ("Site 'Branch Nord'", "Link 'HQ – MPLS'"), the
field as its Inspector row names it ("CUCM cluster", "End B"), then the problem, for `advisor.commands`
("Site 'Branch Nord': CUCM cluster may only use letters, digits, '.', '_' and '-' (1–64 characters)"), never the
file's path ("br-1.cluster_id", "links[1]").
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ValidationError

from advisor.model import Cloud, Design, Link, SecurityControls, Site, SiteTraffic
from advisor.rules._names import names_for
from advisor.shown_names import name_or
from advisor.validation import clip, problems

# The design's sections as the Inspector's groups name them; the design itself needs no name (there is one).
SECTION_WORDS = {"design": "", "design.voice": "Voice", "design.vpn": "VPN", "design.traffic": "Traffic"}
PART_WORDS = {"security": "security controls", "traffic": "traffic overrides"}
PART_MODELS = {"security": SecurityControls, "traffic": SiteTraffic}
NOUNS = {"sites": "Site", "clouds": "Cloud", "links": "Link"}
# A problem that reads on from the field's name ("CUCM cluster may only use …"); any other follows a colon.
PREDICATES = ("is ", "must ", "may ", "has ", "needs ", "cannot ")
# The design's cross-checks name an item by its place in the file: "links[1]: a link cannot connect …".
FILE_PLACE = re.compile(r"(sites|clouds|links)\[(\d+)\](?:\.(\w+))?: (.*)", re.S)
SECTION_PLACE = re.compile(r"(voice|vpn|traffic)\.(\w+): (.*)", re.S)
NAME_SHOWN = 60  # characters of an item's name quoted in a refusal


def field_title(model: type[BaseModel], loc: tuple) -> str:
    """The field at the head of `loc` as its Inspector row names it ('cluster_id' -> 'CUCM cluster', 'b' ->
    'End B')."""
    if not loc:
        return ""
    name = str(loc[0])
    info = model.model_fields.get(name)
    return (info.title if info is not None else None) or name.replace("_", " ").capitalize()


def quoted(name: str) -> str:
    return f"'{name if len(name) <= NAME_SHOWN else name[:NAME_SHOWN - 1] + '…'}'"


def said(where: str, title: str, message: str) -> str:
    """The item, the field as its form row names it, the problem: "Site 'Branch Nord': SRST platform is too long
    (at most 64 characters)"; "Link 'HQ – MPLS': layer 2 'custom' needs …" for a problem of the whole item."""
    if message.startswith(PREDICATES):
        message = f"{title} {message}" if title else message
    elif title and not re.search(rf"(?<!\w){re.escape(title)}(?!\w)", message, re.IGNORECASE):
        message = f"{title}: {message}"  # unless the problem names its field already: "unknown layer 2 'x'; …"
    return clip(f"{where}: {message}" if where else message)


def item_words(design: Design, target: str) -> str:
    """A command's target as the user knows it: "Site 'Branch Nord'", "Link 'HQ – MPLS'" (by its ends when it has no
    name), "Site 'HQ', traffic overrides", "VPN"; the id only where the design has no such item."""
    if target in SECTION_WORDS:
        return SECTION_WORDS[target]
    for coll in ("sites", "clouds", "links"):
        if any(item.id == target for item in getattr(design, coll)):
            names = names_for(design)
            name = names.link_name(target) if coll == "links" else names.node(target)
            return f"{NOUNS[coll]} {quoted(name)}"
    site_id, _, part = target.rpartition(".")
    if site_id and part in PART_WORDS:
        return f"{item_words(design, site_id)}, {PART_WORDS[part]}"
    return target


def design_problems(design: Design, data: dict, exc: ValidationError) -> list[str]:
    """The design's refusal in words: a design field by its title, an item the cross-checks name by its place in
    the file ("links[1]: …") by its name, as ``design`` (before the change) names it."""
    lines = []
    for loc, message in problems(exc):
        if loc:
            lines.append(said("", field_title(Design, loc), message))
        elif place := FILE_PLACE.fullmatch(message):
            coll, index, field, rest = place.groups()
            rows = data.get(coll) or ()
            item = rows[int(index)] if int(index) < len(rows) else None
            known = item is not None and any(x.id == item.id for x in getattr(design, coll))
            words = item_words(design, item.id) if known else \
                f"{NOUNS[coll]} {quoted(name_or(item.name, item.id))}" if item is not None else NOUNS[coll]
            model = {"sites": Site, "clouds": Cloud, "links": Link}[coll]
            lines.append(said(words, field_title(model, (field,) if field else ()), rest))
        elif place := SECTION_PLACE.fullmatch(message):
            section, field, rest = place.groups()
            model = type(getattr(design, section))
            lines.append(said(SECTION_WORDS[f"design.{section}"], field_title(model, (field,)), rest))
        else:
            lines.append(clip(message))
    return lines
