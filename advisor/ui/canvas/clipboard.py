"""Copy, paste and duplicate on the canvas: selected nodes (and the links among them) as JSON on the clipboard.

The JSON travels as plain text with a format marker, so it also pastes into a text editor or another window.
Pasted content is validated like a design file; each paste lands a further 40 px along, with fresh ids.
"""

from __future__ import annotations

import json
import typing
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication

from advisor.commands import clone
from advisor.io_text import loads_once
from advisor.model import CloudKind, Node, SiteKind
from advisor.validation import bound

if TYPE_CHECKING:
    from advisor.ui.canvas.view import CanvasView

CLIPBOARD_FORMAT = "uc-design-advisor/nodes"  # {"format": ..., "nodes": [...], "links": [...]}
OFFSET = 40.0
POSITION_LIMIT = next(m.le for m in Node.model_fields["x"].metadata if hasattr(m, "le"))  # ±1,000,000 px


def selection_payload(view: CanvasView) -> dict:
    design = view.document.design
    ids = set(view.selected_node_ids())
    nodes = [n.model_dump(mode="json") for n in (*design.sites, *design.clouds) if n.id in ids]
    links = [x.model_dump(mode="json") for x in design.links if x.a in ids and x.b in ids]
    return {"nodes": nodes, "links": links}


def copy(view: CanvasView) -> None:
    payload = selection_payload(view)
    if not payload["nodes"]:
        view.message.emit("Nothing to copy: select sites or clouds first")
        return
    _put(view, payload)


def _put(view: CanvasView, payload: dict, paste_count: int = 0) -> None:
    # Text, not a custom QMimeData: a Python-made QMimeData left on the clipboard crashes Qt at exit.
    QGuiApplication.clipboard().setText(json.dumps({"format": CLIPBOARD_FORMAT, **payload}, indent=1))
    view._paste_count = paste_count


def cut(view: CanvasView) -> None:
    """Copy, then delete the selection, as one undo step ("Cut Branch 3"); the first paste after it puts the items
    back where they were, the next ones each a further step along as after a copy."""
    payload = selection_payload(view)
    if not payload["nodes"]:  # as Copy says it: links alone are not copied, so not cut either
        view.message.emit("Nothing to cut: select sites or clouds first")
        return
    if view.delete_selected("Cut"):  # the clipboard changes only once the delete went
        _put(view, payload, paste_count=-1)


class GivenTwice(ValueError):
    """A copy whose text names a field twice in one object (a hand-edited clipboard): refused as a design file is,
    where the paste took the value given last without a word."""


def read_clipboard() -> tuple[list, list] | None:
    """(nodes, links) when the clipboard holds what ``copy`` put there, else None."""
    text = QGuiApplication.clipboard().text()
    if CLIPBOARD_FORMAT not in text[:200]:
        return None
    payload, twice = loads_once(text)
    if not isinstance(payload, dict) or payload.get("format") != CLIPBOARD_FORMAT:
        return None
    if twice:
        raise GivenTwice(twice)
    nodes, links = payload["nodes"], payload.get("links", [])
    if not isinstance(nodes, list) or not isinstance(links, list):
        raise ValueError("not the canvas's copy")
    return nodes, links


def shape_problem(nodes: list, links: list) -> str:
    """What makes copied items unusable before they are read as sites, clouds and links ('' if nothing): else the
    paste quoted Python's own words ("unhashable type: 'list'", "could not convert string to float: 'abc'"), raised
    an error nothing caught (a position of 400 digits: "int too large to convert to float"), or named the design's
    link the copy would have become ("links[13]") instead of the clipboard's."""
    for what, items in (("nodes", nodes), ("links", links)):
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                return f"{what}[{index}]: must be an object"
    kinds = {**dict.fromkeys(typing.get_args(SiteKind), "site"), **dict.fromkeys(typing.get_args(CloudKind), "cloud")}
    kind_of: dict[str, str] = {}
    for index, node in enumerate(nodes):
        kind = node.get("kind", "branch")
        if not isinstance(kind, str) or kind not in kinds:  # else told the cloud kinds alone, as if it were a cloud
            names = [repr(k) for k in kinds]
            return f"nodes[{index}].kind: must be one of {', '.join(names[:-1])} or {names[-1]}"
        for axis in ("x", "y"):
            if axis in node and (problem := _position_problem(node[axis])):
                return f"nodes[{index}].{axis}: {problem}"
        kind_of[str(node.get("id"))] = kinds[kind]
    for index, link in enumerate(links):
        for end in ("a", "b"):
            if end in link and not isinstance(link[end], str):
                return f"links[{index}].{end}: must be the id of a site or cloud"
        if link.get("a") is not None and link.get("a") == link.get("b"):  # in the clipboard's ids, not the copies'
            return f"links[{index}]: a link cannot connect '{link['a']}' to itself"
        if kind_of.get(link.get("a")) == kind_of.get(link.get("b")) == "cloud":
            return f"links[{index}]: a link must have a site at one end at least"
    return ""


def _position_problem(value) -> str:
    """Why `value` cannot be a node's x or y ('' if it can, or if the model says it: not a finite number), in the
    words a design file's refusal uses."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "must be a number"
    if value > POSITION_LIMIT:  # compared as it is: a whole number of 400 digits is no float at all
        return f"must be ≤ {bound(POSITION_LIMIT)}"
    if value < -POSITION_LIMIT:
        return f"must be ≥ {bound(-POSITION_LIMIT)}"
    return ""


def _within(nodes: list, offset: float) -> list:
    """`nodes` placed so that their copies, `offset` further along, are still on the canvas: a copy that would go past
    its edge goes `offset` the other way instead. A copy of a site at the edge (x = 1,000,000, as a design may hold
    it) was refused ("x: must be ≤ 1000000")."""
    kept = []
    for node in nodes:
        node = dict(node)
        for axis in ("x", "y"):
            value = node.get(axis, 0.0)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or abs(value) > POSITION_LIMIT:
                continue  # refused with its own words (shape_problem, the model)
            target = value + offset if value + offset <= POSITION_LIMIT else value - offset
            node[axis] = min(max(target, -POSITION_LIMIT), POSITION_LIMIT) - offset  # `clone` adds the offset
        kept.append(node)
    return kept


def too_many(design, nodes: list, links: list = ()) -> str:
    """Why pasting `nodes` and `links` would take the design past its limits ('' if it would not), in sites, clouds
    and links: else the paste said only "sites: has too many items (at most 20,000)", without saying it was the paste
    that was refused."""
    from advisor.commands import SITE_KINDS
    from advisor.model import MAX_CLOUDS, MAX_LINKS, MAX_SITES

    if not nodes:
        return "the copy holds no sites or clouds"  # was "Paste: paste: nothing to copy"
    clouds = sum(1 for node in nodes if node.get("kind", "branch") not in SITE_KINDS)  # as `clone` tells them
    ids = {str(node.get("id")) for node in nodes}
    kept = sum(1 for link in links if link.get("a") in ids and link.get("b") in ids)  # `clone` drops the others
    for count, have, limit, word in ((len(nodes) - clouds, len(design.sites), MAX_SITES, "sites"),
                                     (clouds, len(design.clouds), MAX_CLOUDS, "clouds"),
                                     (kept, len(design.links), MAX_LINKS, "links")):
        if count and have + count > limit:
            made = f" would make {have + count:,} in the design" if have else ""
            return f"{count:,} {word} on the clipboard{made}; a design holds at most {limit:,} {word}"
    return ""


def nothing_to_paste(text: str) -> str:
    """What Paste says when the clipboard holds no sites or clouds copied on the canvas: where the text it does hold
    goes, when it looks like a design file's JSON (File ▸ Open) or a table of sites (File ▸ Import Sites…)."""
    head = text[:4000].lstrip()
    if head.startswith("{") and ('"schema_version"' in head or '"sites"' in head):
        return ("Nothing to paste: the clipboard holds a design file's text; save it as a .json file and open it "
                "with File ▸ Open…, or copy sites or clouds on the canvas")
    lines = [line for line in head.splitlines() if line.strip()]
    if len(lines) >= 2 and all("\t" in line or "," in line or ";" in line for line in lines[:3]):
        return ("Nothing to paste: the clipboard holds a table; bring a site list in with File ▸ Import Sites… "
                "(CSV or XLSX), or copy sites or clouds on the canvas")
    return "Nothing to paste: copy sites or clouds first"


def paste(view: CanvasView) -> None:
    try:
        content = read_clipboard()
    except GivenTwice as exc:
        view.message.emit(f"Paste: {exc}")
        return
    except (ValueError, KeyError, TypeError, RecursionError):  # RecursionError: text nested thousands deep
        view.message.emit("The clipboard holds no sites or clouds this version can read")
        return
    if content is None:
        view.message.emit(nothing_to_paste(QGuiApplication.clipboard().text()))
        return
    if problem := shape_problem(*content) or too_many(view.document.design, *content):
        view.message.emit(f"Paste: {problem}")
        return
    view._paste_count += 1
    _push_clone(view, *content, OFFSET * view._paste_count, "Paste")


def duplicate(view: CanvasView) -> None:
    payload = selection_payload(view)
    if not payload["nodes"]:  # said as Copy says it: Ctrl+D on nothing, or on links alone, did nothing silently
        view.message.emit("Nothing to duplicate: select sites or clouds first")
        return
    _push_clone(view, payload["nodes"], payload["links"], OFFSET, "Duplicate")


def _push_clone(view: CanvasView, nodes, links, offset: float, text: str) -> None:
    try:
        cmd = clone(view.document.design, _within(nodes, offset), links, (offset, offset), text=text)
    except (ValueError, TypeError, AttributeError) as exc:  # CommandError included: a hand-edited clipboard
        view.message.emit(f"{text}: {exc}")
        return
    try:
        view.document.push(cmd)
    except ValueError as exc:  # the design's own limits: said as the paste's, not as a bare field
        view.message.emit(f"{text}: {exc}")
        return
    else:
        view.document.select([n.id for n in cmd.nodes] + [x.id for x in cmd.links])
