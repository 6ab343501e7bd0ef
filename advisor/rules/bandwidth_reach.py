"""The capacity a link's overload and priority-queue findings ask for, when no link can reach it.

Their remedies ask for "at least N kbps": the link's load, or its voice over the priority-queue share. A design
whose sites hold a million users making a hundred calls an hour asked for 21,200,000,000 kbps, more than the 1 Tbps
a link's capacity reaches (the design refuses more). Such a remedy says so, and what can be done instead.
"""

from __future__ import annotations

import math
from operator import attrgetter

from advisor.findings import Finding
from advisor.model import MAX_CAPACITY_KBPS
from advisor.traffic import Sizing

_NEEDS = {"BW-LINK-OVERLOAD": 0, "BW-LLQ-SHARE": 1}  # which figure each finding's remedy asks for


def beyond_any_link(findings: list[Finding], sizing: Sizing, llq_share: float) -> list[Finding]:
    """`findings` with the remedy of each overload or priority-queue finding whose asked capacity (the ceiling of
    the link's kbps, or of its voice kbps over `llq_share`, as the remedy prints it) passes 1 Tbps rewritten; the
    same list when none does (one pass over the links' figures)."""
    links = sizing.links
    if not links:
        return findings
    top = max(max(map(attrgetter("kbps"), links)), max(map(attrgetter("voice_kbps"), links)) / llq_share)
    if not top > MAX_CAPACITY_KBPS:
        return findings
    need = {r.id: (math.ceil(r.kbps), math.ceil(r.voice_kbps / llq_share)) for r in links
            if r.kbps > MAX_CAPACITY_KBPS or r.voice_kbps / llq_share > MAX_CAPACITY_KBPS}
    out = []
    for f in findings:
        which = _NEEDS.get(f.code)
        asked = need.get(f.subjects[0]) if which is not None and len(f.subjects) == 1 else None
        if asked is not None and asked[which] > MAX_CAPACITY_KBPS:
            f = f.model_copy(update={"remedy": _remedy(asked[which])})
        out.append(f)
    return out


def _remedy(kbps: int) -> str:
    return (f"No link can be that fast: {kbps:,d} kbps is more than the 1 Tbps a link's capacity reaches. Split "
            "these calls over parallel links or other paths, use a lower-rate codec or longer packetization, or "
            "reduce the calls this link carries (check the sites' users and busy-hour calls).")
