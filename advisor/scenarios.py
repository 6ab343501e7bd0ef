"""Options compared side by side: named scenarios vary the policies over the same topology.

A scenario (``advisor.model.Scenario``, saved in the design file) names what it changes: codec, packetization, VPN
technology (for the whole WAN or per transport), cipher, SRTP, cRTP, grade of service, busy-hour calls per user.
`apply` builds the design that scenario describes (validated like any edit); `compare` analyses each one exactly
as `advisor check` would and sums up what a presales engineer weighs: WAN bandwidth, the busiest link, the hub's
load, overloaded links, findings, tunnels and key servers, and the bill of materials. The `--vary` options that
make scenarios on the command line are read in `advisor.scenario_options`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from advisor import demand_shared, numbers
from advisor import progress as progress_report
from advisor.model import Design, Scenario, TrafficPolicy, VoicePolicy, VpnPolicy
from advisor.results import Results
from advisor.rules._names import names_for, tech_label, transport_label
from advisor.scenario_options import (  # noqa: F401  (the --vary options: re-exported, as callers know them here)
    TRANSPORTS,
    VARY_KEYS,
    ScenarioError,
    _typed,
    _why,
    parse_vary,
    percent_problem,
    scenarios_from_vary,
)

CURRENT = "Current design"


def apply(design: Design, scenario: Scenario) -> Design:
    """The design with the scenario's policies in place of its own (the topology untouched)."""
    voice = {k: v for k, v in (("codec", scenario.codec), ("ptime_ms", scenario.ptime_ms),
                               ("srtp", scenario.srtp), ("crtp", scenario.crtp)) if v is not None}
    if "codec" in voice and "ptime_ms" not in voice and not fits(voice["codec"], design.voice.ptime_ms):
        # G.723.1 cannot carry the design's 20 ms packets (30 ms frames): the option is compared at the codec's
        # own default packetization, and the comparison's packetization row says so (`packetization_text`)
        voice["ptime_ms"] = None
    vpn = {k: v for k, v in (("technology", scenario.technology), ("cipher", scenario.cipher)) if v is not None}
    traffic = {k: v for k, v in (("gos", scenario.gos), ("calls_per_user", scenario.calls_per_user))
               if v is not None}
    try:
        update: dict = {}
        if voice:
            update["voice"] = VoicePolicy.model_validate({**design.voice.model_dump(), **voice})
        if vpn:
            update["vpn"] = VpnPolicy.model_validate({**design.vpn.model_dump(), **vpn})
        if traffic:
            update["traffic"] = TrafficPolicy.model_validate({**design.traffic.model_dump(), **traffic})
    except ValidationError as exc:
        raise ScenarioError(f"scenario '{scenario.name}': {_why(exc, titled=True)}") from None
    if scenario.transports:
        update["clouds"] = tuple(c.model_copy(update={"technology": scenario.transports[c.kind]})
                                 if c.kind in scenario.transports else c for c in design.clouds)
    elif scenario.technology is not None and any(c.technology is not None for c in design.clouds):
        # one technology for the whole WAN: per-cloud choices would otherwise still override it
        update["clouds"] = tuple(c.model_copy(update={"technology": None}) for c in design.clouds)
    return design.model_copy(update=update) if update else design


def fits(codec: str, ptime_ms: float | None) -> bool:
    """Whether `codec` can carry packets of `ptime_ms` (None: its default, always), or the codec is unknown (its
    own message says more)."""
    if ptime_ms is None:
        return True
    from advisor.codecs import CodecError, frames_per_packet, resolve

    try:
        known = resolve(codec)
    except CodecError:
        return True
    try:
        frames_per_packet(known, ptime_ms)
    except CodecError:
        return False
    return True


def applicable(design: Design) -> tuple[list[Scenario], list[str]]:
    """The design's scenarios that still make a valid design, and why each other one does not (after an edit of
    the design, a saved scenario may no longer apply)."""
    good: list[Scenario] = []
    problems: list[str] = []
    for scenario in design.scenarios:
        try:
            apply(design, scenario)
        except ScenarioError as exc:
            problems.append(str(exc))
        else:
            good.append(scenario)
    return good, problems


@dataclass(frozen=True)
class Outcome:
    """One column of the comparison."""

    name: str
    technology: str  # what the WAN uses ("GET VPN on MPLS, DMVPN on the Internet" in words is the UI's job)
    per_transport: dict[str, str]
    wan_kbps: float
    busiest_link: str | None  # link id
    busiest_kbps: float
    busiest_utilization: float
    hub_kbps: float  # the hub site's links together (0 without a hub link)
    over_capacity: int
    over_llq: int
    errors: int
    warnings: int
    tunnels: int | None
    key_servers: int | None
    ptime_ms: float = 20.0  # the packetization the option's calls use
    ptime_unfit: float | None = None  # the design's packetization, when this option's codec cannot carry it
    bom: dict[str, int] = field(default_factory=dict)  # item model -> quantity
    bom_delta: dict[str, int] = field(default_factory=dict)  # against the first scenario, changed lines only

    def as_json(self) -> dict:
        return {"name": self.name, "technology": self.technology, "per_transport": self.per_transport,
                "wan_kbps": round(self.wan_kbps, 2), "busiest_link": self.busiest_link,
                "busiest_link_kbps": round(self.busiest_kbps, 2),
                "busiest_link_utilization": self.busiest_utilization,  # as check --json: 1.00004 is over
                "hub_link_kbps": round(self.hub_kbps, 2), "links_over_capacity": self.over_capacity,
                "links_over_llq": self.over_llq, "errors": self.errors, "warnings": self.warnings,
                "tunnels": self.tunnels, "key_servers": self.key_servers, "ptime_ms": self.ptime_ms,
                "unfit_design_ptime_ms": self.ptime_unfit, "bom": self.bom,
                "bom_delta": self.bom_delta}


def outcome(name: str, design: Design, results: Results, bom: dict[str, int] | None = None,
            original: Design | None = None) -> Outcome:
    """One column: `design` is the option applied to `original` (the design as drawn; None: the same)."""
    links = results.links
    # of links as busy, the smallest id (not the first listed)
    busiest = min(links, key=lambda r: (-r.utilization, -r.kbps, r.id), default=None)
    hub = _hub_site(design, results)
    hub_kbps = sum(r.kbps for r in links if hub is not None and hub in (r.a, r.b))
    rec = results.recommendation
    tunnels, key_servers = _overlay_counts(rec, len(links))
    return Outcome(
        name=name, technology=rec.chosen, per_transport={t.transport: t.chosen for t in rec.per_transport},
        wan_kbps=results.total_wan_kbps, busiest_link=busiest.id if busiest else None,
        busiest_kbps=busiest.kbps if busiest else 0.0, busiest_utilization=busiest.utilization if busiest else 0.0,
        hub_kbps=hub_kbps, over_capacity=sum(r.status == "overload" for r in links),
        over_llq=sum(r.llq_share > design.traffic.llq_share for r in links),
        errors=results.errors, warnings=results.warnings,
        tunnels=tunnels, key_servers=key_servers,
        ptime_ms=_ptime(design), ptime_unfit=_unfit(design, original), bom=dict(bom or {}))


def _overlay_counts(rec, n_links: int) -> tuple[int | None, int | None]:
    """(tunnels to configure, key servers to run) of the technologies the links use: the chosen candidate's, or,
    where transports use technologies of their own, each transport's candidate for what it uses (`compare --vary
    vpn.mpls=dmvpn` gave GET VPN's 0 tunnels and 2 key servers beside DMVPN on every link); None (shown as a dash)
    where a transport's figures are not known apart from the others'."""
    def candidate(ranking, technology):
        return next((c for c in ranking if c.technology == technology), None)

    transports = rec.per_transport
    if not transports or all(t.chosen == rec.chosen for t in transports):
        chosen = candidate(rec.ranking, rec.chosen)
        return (chosen.tunnels, chosen.key_servers) if chosen else (None, None)
    covered = sum(len(t.links) for t in transports)
    if covered == n_links and len({t.chosen for t in transports}) == 1 and len(transports) > 1:
        # every link on one technology, chosen per cloud alike (DMVPN on MPLS and on the Internet): the design's
        # ranking counts it over every link, as `--vary vpn=dmvpn` does; the transports' rankings are empty
        chosen = candidate(rec.ranking, transports[0].chosen)
        return (chosen.tunnels, chosen.key_servers) if chosen else (None, None)
    if len(transports) == 1 and covered == n_links:  # every link on one transport: the design's own ranking
        picked = [candidate(transports[0].ranking, transports[0].chosen) or candidate(rec.ranking,
                                                                                       transports[0].chosen)]
    elif covered == n_links:
        picked = [candidate(t.ranking, t.chosen) for t in transports]
    else:  # leased lines beside the clouds use the design's technology: its counts cover the clouds' sites too
        return None, None
    if None in picked:
        return None, None
    tunnels = [c.tunnels for c in picked]
    servers = [c.key_servers for c in picked]
    return (None if None in tunnels else sum(tunnels)), (sum(k or 0 for k in servers) if any(servers) else
                                                        servers[0] if len(servers) == 1 else 0)


def _ptime(design: Design) -> float:
    from advisor.codecs import resolve

    v = design.voice
    return v.ptime_ms if v.ptime_ms is not None else resolve(v.codec).default_ptime_ms


def _unfit(variant: Design, original: Design | None) -> float | None:
    """The drawn design's packetization when the option's codec could not carry it (and so uses its default)."""
    if original is None or original.voice.ptime_ms is None or variant.voice.ptime_ms is not None:
        return None
    return original.voice.ptime_ms


def _hub_site(design: Design, results: Results) -> str | None:
    """The hub the sizing centres the overlay on (`demand.hub_site`: the VPN hub if the design names one, else the
    HQ with call processing, …): the first call-processing site listed was another site where an HQ with call
    processing came later, and the 'hub links load' row summed that site's links."""
    from advisor.demand import hub_site

    hub = hub_site(design) if results.model.call_processing_sites or design.vpn.hub_site else None
    return hub.id if hub is not None else None


def compare(design: Design, scenarios: Sequence[Scenario], analyse: Callable[[Design], Results],
            bom: Callable[[Design, Results], dict[str, int]] | None = None,
            progress: Callable[[int, int], None] | None = None) -> list[Outcome]:
    """The current design first, then each scenario, analysed one after the other; BOM deltas against the first.

    `progress(done, total)` after each; without it, the loop reports to whoever shows the core's progress
    (`advisor.progress`: `advisor compare` on a terminal), as a hundred options on a large design take a while."""
    columns = [(CURRENT, design), *((s.name, apply(design, s)) for s in scenarios)]
    out: list[Outcome] = []
    if progress is None and (tick := progress_report.ticker(
            f"analysing the design and {len(columns) - 1:,} option{'s' if len(columns) != 2 else ''}",
            len(columns), 2)) is not None:
        tick(0)
        progress = lambda done, _total: tick(done)  # noqa: E731 - the same call as a caller's callback
    with demand_shared.shared_routing():  # options that change no part of the drawing route it once
        for i, (name, variant) in enumerate(columns):
            results = analyse(variant)
            out.append(outcome(name, variant, results, bom(variant, results) if bom else None, design))
            if progress:
                progress(i + 1, len(columns))
    base = out[0].bom
    for o in out[1:]:
        keys = sorted(set(base) | set(o.bom))
        o.bom_delta.update({k: o.bom.get(k, 0) - base.get(k, 0) for k in keys if o.bom.get(k, 0) != base.get(k, 0)})
    return out

def comparison_rows(outcomes: Sequence[Outcome], design: Design, raw: bool = False) -> tuple[list[str], list[list]]:
    """(header, rows) of the comparison: one row per measure, one column per scenario, as `advisor compare`, the
    app's Scenarios dock, the PDF and the spreadsheets show it. `raw`: numbers as numbers (spreadsheets)."""
    link_name = names_for(design).link_name
    header = ["", *(o.name for o in outcomes)]

    def line(label, value, shown=str):
        cells = []
        for o in outcomes:
            v = value(o)
            cells.append(v if raw or isinstance(v, str) else shown(v))
        return [label, *cells]

    def technology(o) -> str:
        if o.per_transport:
            return ", ".join(f"{tech_label(c)} ({transport_label(t)})" for t, c in o.per_transport.items())
        return tech_label(o.technology)

    body = [
        line("VPN technology", technology),
        line("packetization (ms)", lambda o: o.ptime_ms if raw else packetization_text(o)),
        line("total WAN load (kbps)", lambda o: round(o.wan_kbps, 2), numbers.kbps_value),
        line("busiest link (by utilization)", lambda o: link_name(o.busiest_link) if o.busiest_link else "—"),
        line("busiest link load (kbps)", lambda o: round(o.busiest_kbps, 2), numbers.kbps_value),
        line("busiest link utilization (%)", lambda o: _utilization(o, raw)),
        line("hub links load (kbps)", lambda o: round(o.hub_kbps, 2), numbers.kbps_value),
        line("links over capacity", lambda o: o.over_capacity, numbers.count),
        line("links above the priority-queue share", lambda o: o.over_llq, numbers.count),
        line("errors", lambda o: o.errors, numbers.count),
        line("warnings", lambda o: o.warnings, numbers.count),
        line("tunnels to configure", lambda o: "—" if o.tunnels is None else o.tunnels, numbers.count),
        line("key servers", lambda o: "—" if o.key_servers is None else o.key_servers, numbers.count),
    ]
    for item in sorted({k for o in outcomes for k in o.bom}):
        if raw:
            body.append(line(f"BOM: {item}", lambda o, item=item: o.bom.get(item, 0)))
        else:
            body.append(line(f"BOM: {item}", lambda o, item=item: _qty(o, item)))
    return header, body


def packetization_text(o: Outcome) -> str:
    """'20', or '30 (codec's default; 20 ms does not fit its frames)' for an option whose codec
    cannot carry the design's packets."""
    shown = numbers.setting(o.ptime_ms)
    if o.ptime_unfit is None:
        return shown
    return f"{shown} (codec's default; {numbers.setting(o.ptime_unfit)} ms does not fit its frames)"


def _utilization(o: Outcome, raw: bool) -> str | float:
    """The busiest link's utilization on the side of 100 % its 'links over capacity' count puts it: '100.01', not
    '100.0' beside one link over capacity (as a number in spreadsheets, with the same decimals)."""
    text = numbers.percent_beside(o.busiest_utilization, 1.0)
    return float(text.replace(",", "")) if raw else text


def _qty(o, item: str) -> str:
    """A bill line's quantity and its change from the current design, grouped: '33,334 (+33,333)', not '33334'."""
    q = o.bom.get(item, 0)
    d = o.bom_delta.get(item)
    return f"{q:,} ({d:+,d})" if d else f"{q:,}"
