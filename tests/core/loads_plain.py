"""Each site's busy-hour loads read one site at a time, as the sizing read them before its columns
(`advisor.demand_loads`): the plain reading tests/core/test_sizing_columns.py and test_demand_columns.py compare
with."""

from __future__ import annotations

from advisor import signalling
from advisor.model import Design
from advisor.numbers import setting


def plain_loads(design: Design) -> tuple[list[tuple[float, ...]], list[str]]:
    """Each site's (Erlangs, intra-site, on-net, PSTN, signalling kbps) and the notes of scaled shares."""
    t = design.traffic
    bps_per_phone = signalling.formula(design).bps_per_phone
    rows, notes = [], []
    for i, s in enumerate(design.sites):
        o = s.traffic
        cpu = t.calls_per_user if o is None or o.calls_per_user is None else o.calls_per_user
        hold = t.holding_time_s if o is None or o.holding_time_s is None else o.holding_time_s
        shares = [t.intra_site_share, t.on_net_share, t.pstn_share]
        for k, name in enumerate(("intra_site_share", "on_net_share", "pstn_share")):
            if o is not None and getattr(o, name) is not None:
                shares[k] = getattr(o, name)
        if o is not None:
            total = sum(shares)
            if total > 0 and abs(total - 1.0) > 1e-6:
                notes.append(f"sites[{i}].traffic ({s.id}): shares add up to {setting(total, 7)}; scaled to 100 %")
                shares = [x / total for x in shares]
        a = s.users * cpu * hold / 3600.0
        phones = s.users if s.phones is None else s.phones
        bps = bps_per_phone(cpu if phones == s.users or phones == 0 else cpu * s.users / phones)
        rows.append((a, a * shares[0], a * shares[1], a * shares[2], phones * bps / 1000.0))
    return rows, notes
