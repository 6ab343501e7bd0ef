"""Fresh ids and default names for what the user adds: 'site-7' after 'site-6', 'Branch 3' for the third branch,
never an id longer than the model allows (`advisor.commands` builds its edits with them)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from advisor.model import Design

SITE_KINDS = ("hq", "branch", "datacenter")
CLOUD_KINDS = ("mpls", "internet", "private-wan")
KIND_NAMES = {"hq": "HQ", "branch": "Branch", "datacenter": "Data centre",
              "mpls": "MPLS VPN", "internet": "Internet", "private-wan": "Private WAN"}
# Users a freshly dropped site starts with: enough to size something meaningful at once.
DEFAULT_USERS = {"hq": 200, "branch": 25, "datacenter": 0}

def _id_pattern(prefix: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(prefix)}-(\d+)$")


MAX_ID = 64  # characters of an id (the model's id pattern)


def _free_number(used: set[str], prefix: str, candidate: int) -> int:
    """The first number from `candidate` on that makes a free id with `prefix`; from 1 again once the ids would be
    longer than an id may be: a file holding 'site-' and 59 nines made every new site's id 65 characters long, and
    no site could be added, pasted or linked any more."""
    if len(prefix) + 2 > MAX_ID:  # no number fits (prefixes are the short words site, cloud, link): validation says so
        return candidate
    while True:
        if len(prefix) + 1 + len(str(candidate)) > MAX_ID:
            candidate = 1
        if f"{prefix}-{candidate}" not in used:
            return candidate
        candidate += 1


def new_id(design: Design, prefix: str, taken: Iterable[str] = ()) -> str:
    """The next free id with this prefix: 'site-7' after 'site-6' (ids are unique across the whole design)."""
    used = {s.id for s in design.sites} | {c.id for c in design.clouds} | {x.id for x in design.links}
    used |= set(taken)
    pattern = _id_pattern(prefix)
    highest = max((int(m.group(1)) for i in used if (m := pattern.match(i))), default=0)
    return f"{prefix}-{_free_number(used, prefix, highest + 1)}"


class FreshIds:
    """``new_id`` for many new items: the design's ids read once, each prefix counting up from its highest number
    and skipping ids in use; the ids repeated ``new_id`` calls give (each joining ``taken``), in linear time."""

    def __init__(self, design: Design):
        self.used = {s.id for s in design.sites} | {c.id for c in design.clouds} | {x.id for x in design.links}
        self.last: dict[str, int] = {}

    def __call__(self, prefix: str) -> str:
        if prefix not in self.last:
            pattern = _id_pattern(prefix)
            self.last[prefix] = max((int(m.group(1)) for i in self.used if (m := pattern.match(i))), default=0)
        candidate = _free_number(self.used, prefix, self.last[prefix] + 1)
        self.last[prefix] = candidate
        fresh = f"{prefix}-{candidate}"
        self.used.add(fresh)
        return fresh


def default_name(design: Design, kind: str, taken: Iterable[str] = ()) -> str:
    """'Branch 3' for the third branch; skips names already in use."""
    base = KIND_NAMES[kind]
    names = {n.name for n in (*design.sites, *design.clouds)} | set(taken)
    same_kind = sum(n.kind == kind for n in (*design.sites, *design.clouds))
    number = same_kind + 1
    while f"{base} {number}" in names:
        number += 1
    return f"{base} {number}"
