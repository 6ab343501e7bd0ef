"""Call-signalling bandwidth per phone: the formula of the design's protocol and device security mode, read from
the signalling table (each coefficient with its source), or the design's fixed override.

One home for the figure and its wording: the sizing prices every site with `bps_per_phone`, and the report, the
app and `check --json` print `describe`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from advisor.model import Design
from advisor.numbers import setting
from advisor.references import strip_internal
from advisor.tables import load_table

PROTOCOL_LABELS = {"sccp": "SCCP", "sip": "SIP"}


@dataclass(frozen=True)
class SignallingFormula:
    """bps per phone = (fixed + per_bhca × calls per phone per hour) × tls_factor, unless `override_bps` is set."""

    protocol: str  # sccp | sip
    fixed_bps: float
    per_bhca_bps: float
    tls_factor: float  # 1 when signalling is not TLS-protected
    tls: bool
    override_bps: float | None
    sources: tuple[str, ...]

    def bps_per_phone(self, calls_per_hour: float) -> float:
        if self.override_bps is not None:
            return self.override_bps
        return (self.fixed_bps + self.per_bhca_bps * calls_per_hour) * self.tls_factor

    def describe(self, calls_per_hour: float) -> str:
        """'SIP: (138 + 40 × 2 calls/h) = 218 bps per phone; sources: Cisco SRND (verify for your release)', the
        sources without the table's file name (`sources` keeps it). Figures of 1,000 and more grouped, as prose
        prints them: SIP at 100 calls/h read "= 4138 bps per phone", a 100 kbps override "100000 bps"."""
        if self.override_bps is not None:
            return f"{_grouped(self.override_bps)} bps per phone (design setting)"
        name = PROTOCOL_LABELS.get(self.protocol, self.protocol)
        base = f"({_grouped(self.fixed_bps)} + {_grouped(self.per_bhca_bps)} × {_grouped(calls_per_hour)} calls/h)"
        if self.tls:
            name += " over TLS"
            base += f" × {_grouped(self.tls_factor)} (TLS factor)"
        return (f"{name}: {base} = {_grouped(self.bps_per_phone(calls_per_hour))} bps per phone; "
                f"sources: {_sources_text(self.sources)}")


def _grouped(value: float) -> str:
    return setting(value, grouped=True)


@lru_cache(maxsize=64)
def _sources_text(sources: tuple[str, ...]) -> str:
    """The sources as a reader sees them, without the table's file name ('[signalling.json]'): one text per
    formula, not one per link `advisor explain` describes."""
    return "; ".join(strip_internal(s) for s in sources)


def formula(design: Design) -> SignallingFormula:
    """The signalling formula the design's protocol and device security mode call for."""
    v, t = design.voice, design.traffic
    table = load_table("signalling")
    protocol = v.signalling
    tls = v.security_mode != "non-secure"  # authenticated and encrypted modes both run signalling over TLS
    keys = [f"{protocol}_fixed_bps", f"{protocol}_per_bhca_bps"]
    if tls:
        keys.append(f"{protocol}_tls_factor")
    sources = tuple(dict.fromkeys(table.cite(k) for k in keys))
    return SignallingFormula(
        protocol=protocol, fixed_bps=table.value(keys[0]), per_bhca_bps=table.value(keys[1]),
        tls_factor=table.value(keys[2]) if tls else 1.0, tls=tls, override_bps=t.signalling_bps_per_phone,
        sources=sources)
