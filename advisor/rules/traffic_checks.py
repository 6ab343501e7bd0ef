"""Traffic figures no phone can offer: busy-hour calls per user × holding time above one Erlang per user."""

from __future__ import annotations

from advisor import numbers
from advisor.demand_loads import any_site_traffic
from advisor.findings import Finding, finding
from advisor.model import Design
from advisor.rules._names import Names

TRAFFIC_SOURCE = "ITU-T E.600, Terms and definitions of traffic engineering"
TRAFFIC_DEFINITION = (f"{TRAFFIC_SOURCE} (paraphrased): the traffic on a group of circuits is the mean number of them "
                      "busy at once; one circuit busy for the whole hour carries 1 Erlang.")
_ONE_ERLANG = 1.0 + 1e-9  # float products such as 0.1 × 36,000 land a hair above 3,600 s


def traffic_per_user(design: Design, out: list[Finding], names: Names) -> None:
    """Busy-hour calls per user × holding time above 3,600 s: each user would talk for more than the whole hour,
    which one phone cannot (1 Erlang is one call for the whole hour). The design's figure once; the sites' own only
    when some site overrides the traffic (a pass over the sites otherwise skipped)."""
    t = design.traffic
    rationale = (f"{TRAFFIC_DEFINITION} A user places and answers calls on one phone (or soft client) at a time, so "
                 "it cannot offer more than 1 E: calls per user × mean holding time must stay within 3,600 s. The "
                 "sizing takes the figure as given, so every Erlang, trunk and link figure built on it is too high.")
    remedy = ("Check the busy-hour calls per user and the mean holding time (for example 2 calls/h × 180 s = 0.1 E "
              "per user); their product must not exceed 3,600 s.")
    glob = t.calls_per_user * t.holding_time_s / 3600.0
    if glob > _ONE_ERLANG:
        out.append(finding(
            "DEP-TRAFFIC-PER-USER", ("design",),
            f"the design's traffic is {_per_user(glob, t.calls_per_user, t.holding_time_s)}: more than the "
            "whole busy hour on the phone", rationale, remedy, rule="DEP-R18", source=TRAFFIC_DEFINITION))
    sites = design.sites
    if not any_site_traffic(design):  # no site overrides it (the usual case)
        return
    flagged: list[tuple[str, str]] = []
    for s in sites:
        o = s.traffic
        if o is None or (o.calls_per_user is None and o.holding_time_s is None):  # the design's figure, if any
            continue
        cpu = t.calls_per_user if o.calls_per_user is None else o.calls_per_user
        hold = t.holding_time_s if o.holding_time_s is None else o.holding_time_s
        own = cpu * hold / 3600.0
        if own > _ONE_ERLANG:
            flagged.append((s.id, f"{names.quoted(s.id)} {_per_user(own, cpu, hold)}"))
    if flagged:
        shown = "; ".join(text for _id, text in flagged[:5]) + (
            f"; and {len(flagged) - 5} more" if len(flagged) > 5 else "")
        out.append(finding(
            "DEP-TRAFFIC-PER-USER", [i for i, _text in flagged],
            f"{numbers.counted(len(flagged), 'site')} {'sets its' if len(flagged) == 1 else 'set their'} own traffic above 1 E per user, more than the whole busy hour on the "
            f"phone: {shown}", rationale,
            "Check the busy-hour calls per user and the mean holding time of these sites' traffic overrides (for "
            "example 2 calls/h × 180 s = 0.1 E per user); their product must not exceed 3,600 s.",
            rule="DEP-R18", source=TRAFFIC_DEFINITION))


def _per_user(erlangs: float, cpu: float, hold: float) -> str:
    """'100 E per user (100 calls/h × 3,600 s / 3,600)': never '1 E' for a figure just above 1."""
    digits = 4 if float(numbers.setting(erlangs, 4)) > 1.0 else 12
    return (f"{numbers.setting(erlangs, digits, grouped=True)} E per user ({numbers.setting(cpu, grouped=True)} "
            f"calls/h × {numbers.setting(hold, grouped=True)} s / 3,600)")
