"""What a delete changed in the design besides the items it removed (the VPN hub, the central PSTN site, which go back
to their defaults), for the status bar. What an edit touched is worded by `advisor.commands.describe_nodes`."""

from __future__ import annotations

from advisor.model import Design
from advisor.numbers import and_list
from advisor.shown_names import name_or

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
