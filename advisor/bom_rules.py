"""The bill of materials' hardware rules: which SRST router covers a branch's phones, and how many digital trunks
(E1/T1 PRI) or SIP sessions carry a site's PSTN traffic. Pure functions over the platform table and the sizing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from advisor.model import Site
from advisor.numbers import count, counted, setting_share
from advisor.numbers import erlangs as show_erlangs
from advisor.rules.survivability import (
    MODE_LABELS,
    SERVES,
    SRST_MODES,
    UNPUBLISHED,
    capacity_for,
    table_entry,
)
from advisor.shown_names import shows
from advisor.tables import Table

PstnKind = Literal["e1", "t1", "sip"]
PSTN_KINDS: tuple[PstnKind, ...] = ("e1", "t1", "sip")
DEFAULT_PSTN: PstnKind = "e1"  # 30 B-channels: the primary rate outside North America and Japan
B_CHANNELS = {"e1": 30, "t1": 23}
PSTN_LABELS = {"e1": "E1 PRI (30 B-channels)", "t1": "T1 PRI (23 B-channels)", "sip": "SIP trunk sessions"}
PRI_SOURCE = ("ITU-T I.431, primary rate user-network interface: 30 B-channels + 1 D-channel on a 2,048 kbit/s "
              "(E1) interface, 23 B-channels + 1 D-channel on a 1,544 kbit/s (T1) interface")
SIP_SOURCE = "one SIP trunk session per concurrent PSTN call (the Erlang B trunks at the design's grade of service)"
ERLANG_SOURCE = ("Erlang B at the design's grade of service (ITU-T E.520, circuits to provide without overflow: the "
                 "Erlang B tables)")
SRST_TABLE_HINT = "Cisco's 'Unified SRST/E-SRST Supported Firmware, Platforms, Memory' table"
# A platform table entry whose note says so is not proposed for new hardware (kept for sites that already name it).
_END_OF_SALE = re.compile(r"end[- ]of[- ]sale", re.IGNORECASE)


@dataclass(frozen=True)
class RouterChoice:
    """The SRST router for one branch. `key` is the platform table entry (None: the design's own platform with the
    site's capacity setting, or nothing fits); `capacity` the phones it registers in `mode` (None: nothing fits)."""

    model: str
    capacity: int | None
    mode: str
    reason: str
    source: str
    unconfirmed: bool = False
    key: str | None = None

    @property
    def fits(self) -> bool:
        return self.capacity is not None


def model_name(key: str) -> str:
    """A platform table key as a product name: '4331' -> 'Cisco ISR 4331', 'C8300-1N1S-6T' -> 'Cisco Catalyst
    C8300-1N1S-6T', '2811' -> 'Cisco 2811'."""
    platform = key.partition("/")[0]
    if re.fullmatch(r"4\d{3}", platform):
        return f"Cisco ISR {platform}"
    if platform.upper().startswith("C8"):
        return f"Cisco Catalyst {platform}"
    return f"Cisco {platform}"


def srst_mode(site: Site, signalling: str) -> str:
    """The SRST mode that registers the site's phones: the site's own when it serves the design's signalling,
    else the first that does (Unified SRST for SCCP, SIP SRST for SIP)."""
    served = SERVES[signalling]
    return site.survivability if site.survivability in served else served[0]


def candidates(table: Table, mode: str) -> list[tuple[int, str]]:
    """(phones, key) of the platforms the table proposes for new hardware in `mode`, smallest first: a published
    count, and not marked end of sale."""
    out = []
    for key, entry in table.entries.items():
        platform, _, entry_mode = key.partition("/")
        if (entry_mode.strip().lower() or "srst") != mode or entry.unit.strip().lower() == UNPUBLISHED:
            continue
        if _END_OF_SALE.search(entry.note) or entry.value < 1:
            continue
        out.append((int(entry.value), key))
    return sorted(out)


def choose_router(site: Site, phones: int, signalling: str, table: Table) -> RouterChoice:
    """The site's SRST router: its own platform when the design names one whose capacity covers the phones, else
    the smallest platform in the table that does; a choice with `capacity` None says that none does."""
    mode = srst_mode(site, signalling)
    label = MODE_LABELS[mode]
    note = ""
    if site.survivability == "mgcp-fallback":
        note = f"MGCP fallback keeps only the PSTN ports, so {label} registers the phones; "
    elif site.survivability in SRST_MODES and site.survivability != mode:
        note = f"the site's {MODE_LABELS[site.survivability]} does not register {signalling.upper()} phones; "
    own = _own_platform(site, phones, mode, label, table)
    if own is not None and own.fits:
        return own
    if own is not None:
        note += own.reason + "; "
    for capacity, key in candidates(table, mode):
        if capacity >= phones:
            entry = table.entries[key]
            unconfirmed = entry.verify or table.verify
            figure = f"{counted(capacity, 'phone')}{', an unconfirmed figure' if unconfirmed else ''}"
            why = (f"{note}{counted(phones, 'phone')}: the smallest platform in the platform table whose {label} "
                   f"capacity covers them is {model_name(key)} ({figure})")
            if unconfirmed:
                why += f"; verify it in {SRST_TABLE_HINT}"
            return RouterChoice(model_name(key), capacity, mode, why, f"{key}: {table.cite(key)}", unconfirmed, key)
    largest = candidates(table, mode)
    most = f"the largest, {model_name(largest[-1][1])}, registers {count(largest[-1][0])}" if largest else \
        f"the table has no {label} figure for a current platform"
    return RouterChoice(
        "no platform in the table fits", None, mode,
        f"{note}{counted(phones, 'phone')}: no platform in the platform table covers them in {label} ({most}); "
        f"split the phones across routers or add the platform's figure from {SRST_TABLE_HINT} to the advisor's SRST "
        "platform table",
        f"{table.title} [{Path(table.path).name}]")


def table_key(table: Table, platform: str, mode: str) -> str | None:
    """The platform table entry for `platform` in `mode` ('ISR4321' finds '4321'), or None."""
    return table_entry(table, platform, mode)  # (an index built once per table, not a pass over it per site)


def _own_platform(site: Site, phones: int, mode: str, label: str, table: Table) -> RouterChoice | None:
    """The design's own platform (or capacity setting) for the site, in `mode`: None when the site names none."""
    if not site.srst_platform and site.srst_capacity is None:
        return None
    probe = site if site.survivability == mode else site.model_copy(update={"survivability": mode})
    cap = capacity_for(probe, table)
    key = table_key(table, site.srst_platform, mode) if site.srst_platform else None
    # a platform named with blanks or invisible characters alone was the model of a line that showed none
    named = site.srst_platform if site.srst_platform and shows(site.srst_platform) else None
    name = model_name(key) if key else (named or "the site's router")
    # a capacity set with no platform: "the site's router registers …", not "the design's platform the site's router"
    subject = f"the design's platform {name}" if key or named else name
    source = cap.source or ("the site's SRST capacity setting in the design" if cap.phones is not None else cap.why)
    if cap.phones is None:
        # a platform the table lacks: "the design's platform X: platform 'X' is not …" named it twice (and a
        # platform of blanks as "the design's platform    :")
        why = f"the design's {cap.why}" if key is None and cap.why.startswith("platform '") else \
            f"{subject}: {cap.why}"
        return RouterChoice(name, None, mode, why, source)
    if cap.phones < phones:
        return RouterChoice(name, None, mode, f"{subject} registers "
                            f"{counted(cap.phones, 'phone')} in {label}, fewer than the site's {count(phones)}", source)
    origin = "the site's SRST capacity setting" if site.srst_capacity is not None else "the platform table"
    figure = f"{counted(cap.phones, 'phone')} in {label} ({origin}{', an unconfirmed figure' if cap.verify else ''})"
    why = f"{counted(phones, 'phone')}: {subject} registers {figure}"
    if key is not None and _END_OF_SALE.search(table.entries[key].note):
        why += "; an end-of-sale router, kept because the design names it"
    if cap.verify:
        why += f"; verify it in {SRST_TABLE_HINT}"
    return RouterChoice(name, cap.phones, mode, why, source, cap.verify, key)


@dataclass(frozen=True)
class TrunkLine:
    """A site's PSTN trunks: `quantity` interfaces (E1/T1) or sessions (SIP) for `trunks` concurrent calls."""

    kind: PstnKind
    trunks: int
    quantity: int
    reason: str
    source: str


def pstn_line(kind: PstnKind, trunks: int, erlangs: float, gos: float, erlang_b: int | None = None) -> TrunkLine:
    """E1/T1 PRI count = ceil(trunks / B-channels per interface); SIP sessions = trunks. `erlang_b`: Erlang B's
    figure where the phones the gateway serves bound the trunks lower (a PSTN call holds one phone)."""
    offered = f"{show_erlangs(erlangs)} of PSTN traffic at {setting_share(gos)} blocking"
    if erlang_b is not None and erlang_b > trunks:
        offered += (f": Erlang B asks {counted(erlang_b, 'trunk')}, but the gateway serves "
                    f"{counted(trunks, 'phone')} (or user{'' if trunks == 1 else 's'}), each holding one call at a "
                    f"time: {counted(trunks, 'trunk')}")
    else:
        offered += f" needs {counted(trunks, 'trunk')} (Erlang B)"
    if kind == "sip":
        return TrunkLine(kind, trunks, trunks, f"{offered}: {count(trunks)} concurrent SIP trunk sessions",
                         f"{ERLANG_SOURCE}; {SIP_SOURCE}")
    channels = B_CHANNELS[kind]
    quantity = math.ceil(trunks / channels)
    return TrunkLine(kind, trunks, quantity,
                     f"{offered}: ceil({count(trunks)} / {channels} B-channels per {kind.upper()}) = "
                     f"{count(quantity)} {kind.upper()} PRI", f"{ERLANG_SOURCE}; {PRI_SOURCE}")
