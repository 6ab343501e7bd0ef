"""What the Inspector works out beside an edit: the traffic shares kept adding up to 1 (and the note that says
so), and the codecs' names with their bit rates."""

from __future__ import annotations

from decimal import Decimal

from advisor import numbers
from advisor.choice_words import codec_label  # noqa: F401 (the Inspector's lists import it from here)
from advisor.model import Design, TrafficPolicy
from advisor.shown_names import name_or

SHARES = ("intra_site_share", "on_net_share", "pstn_share")
_SHARE_NAMES = {"intra_site_share": "intra-site", "on_net_share": "on-net", "pstn_share": "PSTN"}


def balance_shares(traffic: TrafficPolicy, name: str, value: float) -> tuple[dict, str]:
    """Keep intra-site + on-net + PSTN = 1 when one share is edited: the last other share takes the difference. The
    note says what was set in percent: "Set the PSTN share to 0.001 % so the three shares add up to 100 %"."""
    value = min(max(float(value), 0.0), 1.0)
    others = [s for s in SHARES if s != name]
    keep, adjust = others[0], others[1]
    # In decimal, on the shortest texts: the kept share stays the file's own fraction when it fits (rounding it to
    # six places turned 0.1234567891 into 0.123457 and 5e-324 into 0, a share the user never touched), and the
    # adjusted one is the exact rest (1 - 0.4 - 0.3 is 0.3, never 0.29999999999999993).
    rest = Decimal(1) - _exact(value)
    kept = min(_exact(getattr(traffic, keep)), rest)
    values = {name: value, keep: float(kept) + 0.0, adjust: float(rest - kept) + 0.0}
    changed = [s for s in others if abs(values[s] - getattr(traffic, s)) > 1e-9]
    note = ""
    if changed:  # in percent, as the Inspector's boxes show the shares; every digit of the fraction set
        words = " and ".join(f"{_SHARE_NAMES[s]} share to {numbers.typed(values[s], 2, grouped=False)} %"
                             for s in changed)
        note = f"Set the {words} so the three shares add up to 100 %."
    return values, note


def _exact(share: float) -> Decimal:
    """A share as the decimal its shortest text reads (0.1 is 0.1, not 0.1000000000000000055…)."""
    return Decimal(repr(float(share)))


def scaled_note(design: Design, site_ids: list[str]) -> str:
    """A note when an edited site's shares, with the design's where it sets none, do not add up to 100 %: the
    sizing scales them to 100 % (the file stays valid: one share at a time cannot always add up)."""
    from advisor.demand import scaled_shares
    from advisor.numbers import setting

    wanted = set(site_ids)
    off = [(i, total) for i, total in scaled_shares(design) if i in wanted]
    if not off:
        return ""
    i, total = off[0]
    site = next((s for s in design.sites if s.id == i), None)
    who = f"'{name_or(site.name, i)}'" if site is not None else f"'{i}'"
    more = f" (and {len(off) - 1:,} more of the selected sites)" if len(off) > 1 else ""
    return (f"The intra-site, on-net and PSTN shares of {who} add up to {setting(total * 100, 7)} %{more}: the "
            "sizing scales them to 100 %. Set the other shares so they add up to 100 %.")
