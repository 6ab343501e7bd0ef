"""The words of the canvas's edits, in Edit ▸ Undo and on the status bar: what an edit touched, its counts grouped by
thousands and listed as a sentence does ("Delete 1,200 sites, 1 cloud and 1,200 links", where it read "Delete 1200
sites and 1 cloud and 1200 links"), and what a delete changed besides the items it removed (the VPN hub, the central
PSTN site, which go back to their defaults)."""

from __future__ import annotations

from collections.abc import Iterable

from advisor import numbers
from advisor.model import Design
from advisor.shown_names import name_or


def and_list(words: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def describe(design: Design, ids: Iterable[str]) -> str:
    """One item by its name ("Branch 3"), more by their count of each kind ("2 sites, 1 cloud and 3 links")."""
    ids = list(ids)
    sites = {s.id: s for s in design.sites}
    clouds = {c.id: c for c in design.clouds}
    if len(ids) == 1:
        node = sites.get(ids[0]) or clouds.get(ids[0])
        if node is not None and node.name:
            return node.name
    links = {link.id for link in design.links}
    counts = ((sum(i in sites for i in ids), "site"), (sum(i in clouds for i in ids), "cloud"),
              (sum(i in links for i in ids), "link"))
    words = [numbers.counted(n, word) for n, word in counts if n]
    return and_list(words) if words else numbers.counted(len(ids), "item")


# (the policy, its field, what the site was, what holds once it is gone)
_REFERENCES = (("vpn", "hub_site", "the VPN hub", "the hub is now the HQ with call processing"),
               ("traffic", "central_pstn_site", "the central PSTN site", "each site now uses its own PSTN gateway"))


def cleared_references(before: Design, after: Design) -> str:
    """What a delete changed in the design's policies ('' if nothing): a site that was the VPN hub or the central PSTN
    site is no longer named there, and the design falls back to the default without a word otherwise."""
    gone: dict[str, list[tuple[str, str]]] = {}
    for policy, field, role, now in _REFERENCES:
        site = getattr(getattr(before, policy), field)
        if site is not None and getattr(getattr(after, policy), field) is None:
            gone.setdefault(site, []).append((role, now))
    if not gone:
        return ""
    names = {s.id: name_or(s.name, s.id) for s in before.sites}
    said = [f"{names.get(site, site)} was {and_list([r for r, _ in roles])}: {', and '.join(n for _, n in roles)}."
            for site, roles in gone.items()]
    return " ".join(said) + (" Edit ▸ Undo brings it back." if len(_flat(gone)) == 1 else
                             " Edit ▸ Undo brings them back.")


def _flat(gone: dict[str, list]) -> list:
    return [role for roles in gone.values() for role in roles]
