"""Survivability at remote sites: is there SRST, does its mode serve the phones' signalling, and is it big enough.

Modes (`site.survivability`): 'srst' = Unified SRST for SCCP phones, 'sip-srst' = SIP SRST for SIP phones, 'e-srst'
= Enhanced SRST (mixed SIP and SCCP), 'mgcp-fallback' = the gateway keeps PSTN access only. Capacities come from the
`srst_platforms` table, per platform and mode: the key '4451' holds the Unified SRST figure, '4451/sip-srst' and
'4451/e-srst' the other modes; an entry whose unit is 'unpublished' names a platform without a published count.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress, repeat
from operator import add, eq, lt

from advisor import numbers
from advisor.findings import CATALOGUE, Finding, finding, trusted_many
from advisor.model import Design, Site
from advisor.rules import seed
from advisor.rules._columns import SiteSubset
from advisor.rules._names import Names
from advisor.tables import Table, load_table

Row = tuple[str, str, str]

SRST_GUIDE = "Cisco Unified SRST Administration Guide, Feature Overview"
# Verbatim sentences of the guide (elisions marked), printed in quotation marks with its title.
Q_SIP_SRST = ("Cisco Unified SIP SRST provides backup to an external SIP call control (IP-PBX) by providing basic "
              "registrar and redirect server or back-to-back user agent (B2BUA) services.")
Q_E_SRST = "Enhanced SRST mode (mode esrst) \u2026 adds \u2026 Mixed Deployment (SIP and SCCP)"
Q_MAX_PHONES = ("max-phones \u2014Maximum number of Cisco IP phones supported by the router. The maximum number is "
                "platform-dependent.")

MODE_LABELS = {"srst": "Unified SRST (SCCP phones)", "sip-srst": "SIP SRST", "e-srst": "E-SRST (Enhanced SRST)",
               "mgcp-fallback": "MGCP fallback"}
SRST_MODES = ("srst", "sip-srst", "e-srst")
# The SRST modes that register the design's phones, by their signalling.
SERVES = {"sccp": ("srst", "e-srst"), "sip": ("sip-srst", "e-srst")}
MATCHING = {"sccp": "Unified SRST ('srst') or E-SRST ('e-srst')", "sip": "SIP SRST ('sip-srst') or E-SRST ('e-srst')"}
INF = float("inf")
UNPUBLISHED = "unpublished"  # the unit of a table entry for a platform that supports SRST without a published count


def quote(sentence: str, source: str = SRST_GUIDE) -> str:
    return f"{source}: \u201c{sentence}\u201d"


@functools.lru_cache(maxsize=4096)  # a design names a few platforms, asked for per site (10,000 sites: 270,000 calls)
def platform_key(platform: str) -> str:
    """'Cisco ISR 2811' and 'c2811' both become '2811'; '3945e' becomes '3945E'; 'ISR4451-X/K9' becomes '4451';
    'Catalyst C8300-1N1S-6T' becomes '83001N1S6T' (table keys are read the same way)."""
    key = re.sub(r"[\s_\-]+", "", platform.upper())
    key = re.sub(r"/K9$", "", key)
    key = re.sub(r"^(CISCO)?(CATALYST)?(ISR)?(G2)?C?", "", key) or key
    return re.sub(r"^(4\d{3})X$", r"\1", key)  # the ISR 4000 models are sold as 'ISR4451-X'


_INDEX: dict[int, tuple[Table, dict[tuple[str, str], str]]] = {}


def table_entry(table: Table, platform: str, mode: str) -> str | None:
    """The table's key for `platform` in `mode` ('ISR4321' finds '4321'): the first entry of the table with that
    platform and mode, read as `platform_key` reads both; None when there is none."""
    return _index(table).get((platform_key(platform), mode))


def _index(table: Table) -> dict[tuple[str, str], str]:
    """(normalised platform, mode) -> the table key; built once per loaded table."""
    held = _INDEX.get(id(table))
    if held is not None and held[0] is table:
        return held[1]
    index: dict[tuple[str, str], str] = {}
    for key in table.entries:
        platform, _, mode = key.partition("/")
        index.setdefault((platform_key(platform), mode.strip().lower() or "srst"), key)
    if len(_INDEX) > 8:
        _INDEX.clear()
    _INDEX[id(table)] = (table, index)
    return index


@dataclass(frozen=True)
class Capacity:
    """What the site's SRST supports: `phones` is None when it cannot be checked; `why` says why (or where the
    figure comes from); `verify` marks an unconfirmed table figure."""

    phones: int | None
    why: str
    verify: bool = False
    source: str = ""  # the table entry's citation, for the rationale


def capacity_for(site: Site, table: Table | None = None) -> Capacity:
    """The site's SRST capacity in its mode: its own setting, else the platform table's entry for that mode."""
    return capacity_of(site.srst_capacity, site.survivability, site.srst_platform, table)


def capacity_of(setting: int | None, survivability: str, srst_platform: str | None,
                table: Table | None = None) -> Capacity:
    """`capacity_for` from the three fields it reads (a site's SRST capacity setting, mode and platform)."""
    if setting is not None:
        return Capacity(setting, "the site's SRST capacity setting")
    mode = survivability if survivability in SRST_MODES else "srst"
    label = MODE_LABELS[mode]
    if not srst_platform:
        return Capacity(None, "no SRST platform or capacity is given")
    table = table or load_table("srst_platforms")
    index = _index(table)
    platform = platform_key(srst_platform)
    key = index.get((platform, mode))
    if key is None:
        other = next((k for m in SRST_MODES if (k := index.get((platform, m))) is not None), None)
        if other is None:
            return Capacity(None, f"platform '{srst_platform}' is not in the platform table")
        return Capacity(None, f"the platform table has no {label} figure for '{srst_platform}'")
    entry = table.entries[key]
    if entry.unit.strip().lower() == UNPUBLISHED:
        return Capacity(None, f"Cisco publishes no {label} phone count for '{srst_platform}'",
                        source=f"{key}: {table.cite(key)}")
    verify = entry.verify or table.verify
    label_key = f"{key}{' (unconfirmed)' if verify else ''}"
    return Capacity(int(entry.value), f"{label_key}: {table.cite(key)}", verify, f"{key}: {table.cite(key)}")


def srst_capacity(site: Site, table: Table | None = None) -> tuple[int | None, str]:
    """(phones the site's SRST supports, where the figure comes from); (None, reason) when unknown."""
    cap = capacity_for(site, table)
    return cap.phones, cap.why


def survivability_checks(design: Design, remote: SiteSubset, rows: list[Row], out: list[Finding],
                         names: Names) -> None:
    """The remote sites' survivability, read by column (`SiteSubset`): thousands of branches share a few modes and
    platforms, so each check works per distinct value and touches each site once, in C-level passes."""
    modes = remote.field("survivability")
    _missing(design, remote, modes, rows, out, names)
    _mode(design, remote, modes, rows, out, names)
    _capacity(remote, modes, rows, out, names)


def _missing(design: Design, remote: SiteSubset, modes: list[str], rows: list[Row], out: list[Finding],
             names: Names) -> None:
    bare = list(compress(remote.ids, map(eq, modes, repeat("none"))))
    n = len(modes)
    rows.append(("survivability at remote sites", "fail" if bare else ("ok" if n else "n/a"),
                 f"{n - len(bare)} of {numbers.counted(n, 'remote site')} with SRST or MGCP fallback"))
    if bare:
        signalling = design.voice.signalling
        out.append(finding(
            "DEP-SRST-MISSING", bare,
            f"{numbers.counted(len(bare), 'site')} with phones "
            f"{'depends' if len(bare) == 1 else 'depend'} on call processing across the WAN and "
            f"{'has' if len(bare) == 1 else 'have'} no survivability: "
            f"{names.sites(bare)}",
            f"{seed.cite(seed.AV_WAN_DOWN)} {seed.cite(seed.AV_SRST)}",
            f"Enable SRST on each branch router in the mode that registers these {signalling.upper()} phones, "
            f"{MATCHING[signalling]}, sized for its phones; MGCP fallback alone keeps only the PSTN ports working.",
            rule="DEP-R5", source=seed.AV_SRST))


def _mode(design: Design, remote: SiteSubset, modes: list[str], rows: list[Row], out: list[Finding],
          names: Names) -> None:
    signalling = design.voice.signalling
    proto = signalling.upper()
    served = SERVES[signalling]
    with_mode = len(modes) - modes.count("none")
    # the modes that do not serve the phones, each with its sites in design order, modes by first appearance
    wrong_modes = set(modes).difference(served, ("none",))
    by_mode = _sites_by_mode(remote.ids, modes, wrong_modes)
    wrong = sum(len(ids) for ids in by_mode.values())
    if with_mode:
        detail = (f"{with_mode - wrong} of {numbers.counted(with_mode, 'site')} with survivability "
                  f"{'registers' if with_mode - wrong == 1 else 'register'} {proto} phones")
        if wrong:
            detail += "; " + ", ".join(f"{len(ids):,} on {MODE_LABELS[m]}" for m, ids in by_mode.items())
        rows.append(("SRST mode matches the phones' signalling", "fail" if wrong else "ok", detail))
    for mode, ids in by_mode.items():
        if mode == "mgcp-fallback":
            message = (f"{numbers.counted(len(ids), 'site')} {'relies' if len(ids) == 1 else 'rely'} on MGCP "
                       "fallback alone: during a WAN outage the gateway keeps its "
                       f"PSTN ports, but the {proto} phones lose call control, since no SRST registers them: "
                       f"{names.sites(ids)}")
            rationale = (f"{seed.cite(seed.AV_SRST)} MGCP fallback keeps the gateway's PSTN ports working when "
                         "CUCM is unreachable; registering the phones is SRST's job, in the mode that matches their "
                         "signalling.")
        else:
            message = (f"{numbers.counted(len(ids), 'site')} {'uses' if len(ids) == 1 else 'use'} "
                       f"{MODE_LABELS[mode]} for survivability, which does not register "
                       f"this design's {proto} phones: {names.sites(ids)}")
            rationale = f"{quote(Q_SIP_SRST)} {quote(Q_E_SRST)}"
        out.append(finding(
            "DEP-SRST-MODE", ids, message, rationale,
            f"Set these sites' survivability to {MATCHING[signalling]} on the branch router (MGCP fallback can run "
            "beside it for the PSTN ports), sized for the site's phones.", rule="DEP-R14", source=SRST_GUIDE))


def _sites_by_mode(ids: list[str], modes: list[str], wanted: set[str]) -> dict[str, list[str]]:
    """Each of the `wanted` modes (in the order of its first site) -> its sites in design order: one C-level pass
    per mode (a few), no Python step per site."""
    return {m: list(compress(ids, map(eq, modes, repeat(m)))) for m in sorted(wanted, key=modes.index)}


def _capacity(remote: SiteSubset, modes: list[str], rows: list[Row], out: list[Finding], names: Names) -> None:
    """DEP-SRST-CAPACITY. A site's capacity follows from its (mode, capacity setting, platform) alone: each distinct
    triple is worked out once (thousands of branches share a few), then each site's phones are compared with its
    triple's figure in C-level passes; only the short sites get a Python step each (their message)."""
    table = load_table("srst_platforms")
    cite = seed.cite(seed.AV_SRST)
    phones = remote.phones
    settings, platforms = remote.field("srst_capacity"), remote.field("srst_platform")
    n = len(modes)
    uniform = n > 0 and all(column.count(column[0]) == n for column in (modes, settings, platforms))
    # one triple for every site (the usual design): the same list `zip` would give, its one tuple repeated
    keys = [(modes[0], settings[0], platforms[0])] * n if uniform else list(zip(modes, settings, platforms,
                                                                                strict=True))
    caps: dict[tuple, Capacity] = {}  # the triples with an SRST mode
    unknown_of: dict[tuple, Capacity] = {}  # ... whose capacity cannot be checked
    limit: dict[tuple, float] = {}  # triple -> phones it supports (inf: not checked, so never short)
    for key in (keys[:1] if uniform else dict.fromkeys(keys)):  # in order of first appearance
        if key[0] not in SRST_MODES:  # none: DEP-SRST-MISSING; MGCP fallback registers no phones
            limit[key] = INF
            continue
        cap = capacity_of(key[1], key[0], key[2], table)
        if cap.phones is None:
            unknown_of[key] = cap
            limit[key] = INF
        else:
            caps[key] = cap
            limit[key] = cap.phones
    if uniform:  # each site's figure is the one triple's
        checked = n if caps else 0
        limits = repeat(limit[keys[0]])
    else:
        checked = sum(map(caps.__contains__, keys)) if caps else 0
        limits = map(limit.__getitem__, keys)
    short: list[str] = []
    if caps:
        flags = list(map(lt, limits, phones))  # cap.phones < phones
        short = list(compress(remote.ids, flags))
    if short:
        # Per triple its rationale, per (triple, phones) the message after the site's name: a few each, so every
        # short site's finding is put together in C-level passes ("site '" + name + tail, as names.site + tail).
        # With one triple for every site, the tails go by the phones alone (no pairs to make and hash).
        short_phones = list(compress(phones, flags))
        if uniform:
            key = keys[0]
            rationales = repeat(f"{cite} {quote(Q_MAX_PHONES)} Capacity: {caps[key].why}", len(short))
            tail_of = {p: _tail(caps[key], key[0], p) for p in dict.fromkeys(short_phones)}
            tails = map(tail_of.__getitem__, short_phones)
        else:
            short_keys = list(compress(keys, flags))
            short_tails = list(zip(short_keys, short_phones, strict=True))
            rationale_of = {key: f"{cite} {quote(Q_MAX_PHONES)} Capacity: {caps[key].why}"
                            for key in dict.fromkeys(short_keys)}
            rationales = map(rationale_of.__getitem__, short_keys)
            tail_of = {(key, p): _tail(caps[key], key[0], p) for key, p in dict.fromkeys(short_tails)}
            tails = map(tail_of.__getitem__, short_tails)
        messages = map(add, map(add, repeat("site '"), map(names.node, short)), tails)
        out.extend(_findings_by_site(
            "DEP-SRST-CAPACITY", zip(short), messages, rationales,
            "Use a larger SRST platform (ISR 4000 or Catalyst 8000 series) or split the phones across routers.",
            "DEP-R6", seed.AV_SRST))
    unknown: dict[str, tuple[list[str], list[int]]] = {}  # why it cannot be checked -> (its sites, their phones)
    sources: dict[str, str] = {}
    if unknown_of:
        flags = list(map(unknown_of.__contains__, keys))
        for sid, key, site_phones in zip(compress(remote.ids, flags), compress(keys, flags), compress(phones, flags),
                                         strict=True):
            cap = unknown_of[key]
            ids, counted = unknown.setdefault(cap.why, ([], []))
            ids.append(sid)
            counted.append(site_phones)
            if cap.source:
                sources[cap.why] = cap.source
    for why, (ids, counted) in unknown.items():
        phones_n = sum(counted)
        out.append(finding(
            "DEP-SRST-CAPACITY", ids,
            f"the SRST capacity of {numbers.counted(len(ids), 'site')} with {numbers.counted(phones_n, 'phone')} cannot be checked: {why}: "
            f"{names.sites(ids)}",
            f"{cite} {quote(Q_MAX_PHONES)}" + (f" Platform: {sources[why]}" if why in sources else ""),
            "Set each site's SRST capacity from Cisco's 'Unified SRST/E-SRST Supported Firmware, Platforms, "
            "Memory' table for its router and mode, or add the platform and mode to the advisor's SRST platform "
            "table.",
            severity="warning", rule="DEP-R6", source=seed.AV_SRST))
    unknown_n = sum(len(v[0]) for v in unknown.values())
    if checked or unknown_n:
        detail = (f"{numbers.counted(checked, 'site')} checked against {'its' if checked == 1 else 'their'} SRST capacity, "
                  f"{len(short):,} short")
        detail += f" ({names.sites(short)})" if short else ""
        detail += f"; {unknown_n:,} whose capacity cannot be checked" if unknown_n else ""
        rows.append(("SRST capacity", "fail" if short or unknown_n else "ok", detail))


def _tail(cap: Capacity, mode: str, site_phones: int) -> str:
    """A short site's message after its name."""
    unconfirmed = " (an unconfirmed figure to verify)" if cap.verify else ""
    return (f"' has {numbers.counted(site_phones, 'phone')} but its {MODE_LABELS[mode]} supports "
            f"{cap.phones:,}{unconfirmed}: {site_phones - cap.phones:,} would stay unregistered during a WAN outage")


def _findings_by_site(code: str, subjects: Iterable[tuple[str, ...]], messages: Iterable[str],
                      rationales: Iterable[str], remedy: str, rule: str, source: str) -> list[Finding]:
    """`findings_many(code, list(zip(subjects, messages, rationales)), remedy, rule=rule, source=source)`: the same
    findings (the catalogue's severity), their rows made in one comprehension and the objects in C-level passes
    (`trusted_many`), without a Python step per finding for the checks `findings_many` makes: the code is this
    module's own and every text is a `str` made here (site ids and f-strings)."""
    severity = CATALOGUE[code][0]
    return trusted_many(Finding, [
        {"code": code, "severity": severity, "subjects": s, "message": m, "rationale": r, "remedy": remedy,
         "rule": rule, "source": source} for s, m, r in zip(subjects, messages, rationales, strict=True)])
