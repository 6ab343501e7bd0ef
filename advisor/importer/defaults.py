"""The values a site list does not give, filled in and listed: each default becomes one message per column and
reason, naming its rows ("rows 4–9, Latency (ms) (F): no RTT given: 30 ms assumed for MPLS access").

What is assumed, and why:
- transport: the one most rows name (MPLS when no row names one), as sites of one customer mostly share a WAN;
- bandwidth: the speed the transport cell names ('E1', 'MPLS 10M'), else 2,048 kbps (the design's default);
- RTT: the transport's planning figure (transports.py), NAT: on the path for LTE / 5G (carrier-grade NAT);
- users: as many as the phones, else none; phones: one per user (the design's rule);
- survivability: Unified SRST where a router is named (it runs on that router), else none, which the analysis
  then flags for a remote site with phones; a local PSTN gateway; a branch.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from advisor.importer.headers import Mapping
from advisor.importer.messages import Message
from advisor.importer.preview import Preview
from advisor.importer.records import SiteRecord
from advisor.importer.transports import BY_ID, Transport

DEFAULT_CAPACITY_KBPS = 2048.0  # the model's default link capacity: an E1


class _Filler:
    def __init__(self, pre: Preview, mapping: Mapping, out: list[Message]) -> None:
        self.pre, self.mapping, self.out = pre, mapping, out

    def column(self, field: str) -> str:
        index = self.mapping.column_of(field)
        return self.pre.columns[index].label if index is not None else ""

    def say(self, field: str, text: str, row: int) -> None:
        self.out.append(Message("default", text, (row,), self.column(field)))


def apply_defaults(records: list[SiteRecord], mapping: Mapping, pre: Preview, hub_row: int,
                   out: list[Message]) -> list[SiteRecord]:
    """The records with every value the design needs filled in; `out` gets a message for each default."""
    fill = _Filler(pre, mapping, out)
    common = _common_transport(records)
    return [_fill(r, fill, common, r.row == hub_row) for r in records]


def _common_transport(records: list[SiteRecord]) -> tuple[Transport, str]:
    named = Counter(r.transport.id for r in records if r.transport is not None)
    if not named:
        return BY_ID["mpls"], "MPLS assumed (no row names a transport)"
    first = {}
    for r in records:
        if r.transport is not None:
            first.setdefault(r.transport.id, r.row)
    winner = max(named, key=lambda t: (named[t], -first[t]))
    return BY_ID[winner], f"{BY_ID[winner].label} assumed (the transport most rows name)"


def _fill(r: SiteRecord, fill: _Filler, common: tuple[Transport, str], is_hub: bool) -> SiteRecord:
    changes: dict = {}
    transport = r.transport
    if transport is None:
        transport = changes["transport"] = common[0]
        fill.say("transport", f"no transport given: {common[1]}", r.row)
    if r.capacity_kbps is None:
        if r.transport_kbps is not None:
            changes["capacity_kbps"] = r.transport_kbps
            fill.say("bandwidth", "no bandwidth given: the speed the transport cell names is used", r.row)
        else:
            changes["capacity_kbps"] = DEFAULT_CAPACITY_KBPS
            fill.say("bandwidth", f"no bandwidth given: {DEFAULT_CAPACITY_KBPS:,.0f} kbps (an E1) assumed; enter the "
                                  "circuit's speed", r.row)
    if r.rtt_ms is None:
        changes["rtt_ms"] = transport.rtt_ms
        fill.say("rtt", f"no RTT given: {transport.rtt_ms:g} ms assumed for {transport.label} access (a planning "
                        "figure; measure it)", r.row)
    if r.nat is None:
        changes["nat"] = transport.nat
        fill.say("nat", f"no NAT given: NAT on the path assumed for {transport.label} access (carrier-grade NAT)"
                 if transport.nat else "no NAT given: none on the path assumed", r.row)
    if r.users is None:
        changes["users"] = r.phones or 0
        fill.say("users", "no users given: as many as its phones" if r.phones else
                 "no users or phones given: none assumed (the site places no calls)", r.row)
    elif r.phones is None and r.users:
        fill.say("phones", "no phones given: one per user", r.row)
    if r.kind is None and not is_hub:
        changes["kind"] = "branch"
        fill.say("kind", "no site type given: a branch", r.row)
    if r.srst is None and not is_hub:
        changes["srst"] = "srst" if r.router else "none"
        fill.say("srst", "no SRST given: Unified SRST assumed on the router named" if r.router else
                 "no SRST and no router given: no survivability assumed", r.row)
    if r.pstn is None:
        changes["pstn"] = True
        fill.say("pstn", "no PSTN gateway given: a local gateway assumed", r.row)
    return replace(r, **changes)
