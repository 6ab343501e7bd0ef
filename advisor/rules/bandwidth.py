"""Bandwidth findings from the per-link sizing: link overload, the priority-queue guideline, tunnel MTU and cRTP
where it cannot work. Pure functions of the design and its `Sizing`."""

from __future__ import annotations

import dataclasses
import math
from itertools import compress, repeat
from operator import attrgetter, ne, or_

from advisor import packet
from advisor.demand_bounds import design_short
from advisor.findings import CATALOGUE, Finding, finding, trusted_many
from advisor.model import Design, Link
from advisor.numbers import counted, kbps, percent_digits, setting_fraction, setting_percent
from advisor.results import LinkResult
from advisor.rules import bandwidth_columns
from advisor.rules._names import names_for
from advisor.rules.bandwidth_mtu import (  # noqa: F401  (re-exported: the tunnel MTU finding's names)
    DESIGN,
    NO_TUNNEL_INTERFACE,
    SOURCE_MTU,
    SOURCE_MTU_NO_TUNNEL,
    TUNNEL_INTERFACES,
    FullPacket,
    _mtu,
    full_packet,
    label,
    rate,
)
from advisor.rules.bandwidth_reach import beyond_any_link
from advisor.rules.voice_mtu import by_technology, voice_mtu
from advisor.traffic import (
    ENCRYPTING,
    ETHERNET_L2,
    SERIAL_L2,
    Sizing,
    call_spec,
)

SOURCE_SIZING = ("Cisco \"Voice Over IP – Per Call Bandwidth Consumption\" (TAC document 7934) for the per-call "
                 "bandwidth; Cisco Unified Communications SRND, bandwidth provisioning (paraphrase): a link must carry "
                 "the busy-hour concurrent calls at the grade of service (Erlang B) × the per-call bandwidth for its "
                 "encapsulation and layer 2, plus call signalling")
SOURCE_LLQ = ("Cisco Enterprise QoS Solution Reference Network Design Guide (QoS SRND), paraphrase: as a guideline, "
              "keep the priority queue (LLQ) for voice at or below 33 % of the link's capacity, so other traffic is "
              "not starved")
SOURCE_CRTP = ("Cisco \"Voice Over IP – Per Call Bandwidth Consumption\" (TAC document 7934) and the Cisco Unified "
               "Communications SRND (paraphrase): cRTP works hop by hop on serial links only: it is not available on "
               "Ethernet, and it cannot compress headers that are already inside an encrypted tunnel")
# the layers 2 the sizing does not apply cRTP on, besides Ethernet, as the cRTP finding names them
_NOT_SERIAL = {"atm": "ATM, where cRTP needs PPP over ATM (a framing the ATM layer 2 here does not count)",
               "atm-vcmux": "ATM, where cRTP needs PPP over ATM (a framing the ATM layer 2 here does not count)",
               "none": "counted at IP level only", "custom": "a custom layer 2"}
_OVERLOAD, _LLQ = CATALOGUE["BW-LINK-OVERLOAD"][0], CATALOGUE["BW-LLQ-SHARE"][0]


@dataclasses.dataclass(frozen=True)
class _Texts:
    """The design-wide pieces of the per-link findings' texts."""

    llq_share: float
    limit: str  # the share setting as typed, '33 %'
    limit_pct: float  # the limit as shown: a share must read above this
    gos: str  # the grade of service as typed, '0.01' (numbers.setting_fraction, formatted once per analysis)
    sizing_prefix: str = f"{SOURCE_SIZING}. "
    source_llq: str = SOURCE_LLQ

    @staticmethod
    def share(value: float, shown_limit: float) -> str:
        return _share(value, shown_limit)


def check(design: Design, sizing: Sizing, *, columns_min: int = bandwidth_columns.COLUMNS_MIN) -> list[Finding]:
    """BW-* findings: per overloaded link, per link over its priority-queue guideline, MTU once per tunnel
    technology (and once per technology whose voice packets themselves pass it), once for cRTP. When `columns_min` links or more are flagged, mostly with figures of their own (a
    chain or mesh of leased lines), the per-link findings are built column by column
    (`advisor.rules.bandwidth_columns`): the same findings, faster than the loop, whose strength is reusing the
    texts of links with the same figures (thousands of identical branches)."""
    out = None
    if len(sizing.links) >= columns_min and _mostly_distinct(sizing.links, columns_min):
        overload, over_llq = bandwidth_columns.flagged(sizing.links, design.traffic.llq_share)
        either = list(map(or_, overload, over_llq))
        flagged = list(compress(sizing.links, either))
        out = _per_link_columns(design, sizing, flagged, overload, over_llq, either)
    if out is None:
        out = _per_link(design, sizing)
    if sizing.bounded_calls:
        out = _bounded(out, sizing)
    out = beyond_any_link(out, sizing, design.traffic.llq_share)
    techs = by_technology(sizing)
    out.extend(_mtu(design, sizing, techs))
    out.extend(voice_mtu(design, sizing, DESIGN, techs))
    _crtp(design, sizing, out)
    return out


RELAY_BOUND = ("the calls of the hub's own phones, and twice the calls its spokes can make to each other at once, "
               "each relayed in and out over this link; a spoke-to-spoke call needs phones at two different spokes")


def _bounded(found: list[Finding], sizing: Sizing) -> list[Finding]:
    """The overload findings of links whose calls the phones (on the smaller side of a cut, or of the whole design)
    bound below Erlang B's figure (`advisor.demand_bounds`): their rationale gives both figures, not 'need 10'
    beside A."""
    calls = {r.id: r.calls for r in sizing.links}
    out = []
    for f in found:
        erlang_b = sizing.bounded_calls.get(f.subjects[0]) if f.code == "BW-LINK-OVERLOAD" else None
        if erlang_b is not None:
            n = calls[f.subjects[0]]
            why = (design_short(sizing.design_bound) if f.subjects[0] in sizing.design_bounded
                   and sizing.design_bound is not None else
                   RELAY_BOUND if f.subjects[0] in sizing.relay_bounded else
                   "the phones on one side of this link, which only calls between its two sides cross, each "
                   "holding one call")  # the smaller side, or the larger where PSTN calls end at the smaller's gateway
            f = f.model_copy(update={"rationale": f.rationale.replace(
                f" need {counted(n, 'concurrent call')};",
                f" need {erlang_b:,} concurrent calls by Erlang B, at most {n:,} at once ({why});", 1)})
        out.append(f)
    return out


_ERLANGS, _CAPACITY, _STATUS = attrgetter("erlangs"), attrgetter("capacity_kbps"), attrgetter("status")


def _mostly_distinct(results: tuple[LinkResult, ...], at_least: int) -> bool:
    """Whether at least `at_least` links are over capacity or their priority-queue share, most of them with
    figures of their own: traffic and capacity, which the loop's shared texts both depend on. (By traffic alone, a
    site's two access links, one per cloud, with the same traffic and capacities of their own, counted half alike:
    the loop then ran, about 1.5 times slower than the columns on 10,000 such sites.) A choice of method only (both
    give the same findings), so the sizing's status, which also counts intra-cluster traffic, serves as the cheap
    count."""
    marked = list(compress(results, map(ne, map(_STATUS, results), repeat("ok"))))
    figures = set(zip(map(_ERLANGS, marked), map(_CAPACITY, marked), strict=True))
    return len(marked) >= at_least and 2 * len(figures) > len(marked)


def _per_link_columns(design: Design, sizing: Sizing, flagged: list[LinkResult], overload: list[bool],
                      over_llq: list[bool], either: list[bool]) -> list[Finding]:
    """`_per_link`, one column at a time, for the `flagged` link results (those `either` marks in link order)."""
    bc = bandwidth_columns
    llq_share = design.traffic.llq_share
    limit = guideline_share(llq_share)
    t = _Texts(llq_share, limit, float(limit[:-2]), setting_fraction(design.traffic.gos))
    c = bc.Columns(flagged)
    alts: list[float | None] = [None] * len(c.id)
    cheaper = _g729_per_call_kbps(design, sizing)
    if cheaper:
        links = {ln.id: ln for ln in design.links}
        alts = [_cheaper(cheaper.get((ln.l2, ln.l2_bytes, ln.nat)), per_call) if (ln := links.get(i)) is not None
                else None for i, per_call in zip(c.id, c.per_call_kbps, strict=True)]
    over, above = list(compress(overload, either)), list(compress(over_llq, either))
    texts_over, texts_llq = bc.texts(c, names_for(design).links_each(c.id), alts, over, above, t)
    firsts = trusted_many(Finding, bc.rows("BW-LINK-OVERLOAD", _OVERLOAD, list(compress(c.id, over)), texts_over,
                                           "BW-R1", SOURCE_SIZING))
    seconds = trusted_many(Finding, bc.rows("BW-LLQ-SHARE", _LLQ, list(compress(c.id, above)), texts_llq,
                                            "BW-R2", SOURCE_LLQ))
    return bc.interleave(overload, over_llq, firsts, seconds)


def _per_link(design: Design, sizing: Sizing) -> list[Finding]:
    """BW-LINK-OVERLOAD and BW-LLQ-SHARE, link by link (per link: its overload finding, then its priority-queue
    one)."""
    llq_share = design.traffic.llq_share
    links: dict[str, Link] | None = None  # by id, read only when a link overloads
    cheaper = _g729_per_call_kbps(design, sizing)
    link_name = names_for(design).link
    limit = guideline_share(llq_share)
    limit_pct = float(limit[:-2])  # the limit as shown: a share must read above this
    gos = setting_fraction(design.traffic.gos)  # never '1e-12': formatted once, for every link
    # Finding fields, in declaration order: every code is in the catalogue and every text an f-string (a str), so
    # the checks `findings_of` would make hold by construction (tests/core/test_fast_paths_rules.py compares).
    rows: list[dict] = []
    texts: dict[tuple, tuple[str, str, str]] = {}  # links with the same figures share every word but the name
    parts: dict = {}  # pieces of the overload texts shared by links with some of the same figures
    sizing_prefix = f"{SOURCE_SIZING}. "
    for r in sizing.links:
        # Voice and signalling alone: intra-cluster traffic over capacity is the clustering check's finding.
        voice, capacity = r.voice_kbps, r.capacity_kbps
        calls_kbps = voice + r.signalling_kbps
        overload = calls_kbps > capacity
        over_llq = voice > llq_share * capacity
        if not (overload or over_llq):
            continue  # most links of a large design: nothing to say, so nothing to format
        where = link_name(r.id)
        if overload:
            if links is None:
                links = {ln.id: ln for ln in design.links}
            alt = (_cheaper(cheaper.get((links[r.id].l2, links[r.id].l2_bytes, links[r.id].nat)), r.per_call_kbps)
                   if r.id in links else None)
            key = ("overload", calls_kbps, r.calls, r.per_call_kbps, r.signalling_kbps, capacity, r.erlangs,
                   r.encapsulation, r.l2, r.kbps, voice, alt)
            got = texts.get(key)
            if got is None:
                # Built from pieces shared by links with the same calls, encapsulation or capacity (each formatted
                # once); the same characters as one f-string per text.
                calls = r.calls
                per_call = parts.get((calls, r.per_call_kbps, r.encapsulation, r.l2))
                if per_call is None:
                    per_call = parts[(calls, r.per_call_kbps, r.encapsulation, r.l2)] = (
                        f" per direction ({counted(calls, 'call')} × {r.per_call_kbps:,.2f} kbps + ",
                        f" E offered at P{gos} need {counted(calls, 'concurrent call')}; per call "
                        f"{r.per_call_kbps:,.2f} kbps "
                        f"with {r.encapsulation}, {r.l2}.")
                has = parts.get(capacity)
                if has is None:
                    has = parts[capacity] = f" signalling) but has {kbps(capacity)} ("
                if alt is not None:
                    tail = (f" kbps (to keep voice within the {limit} priority-queue guideline: "
                            f"{math.ceil(voice / llq_share):,d} kbps), or use G.729 ({alt:,.2f} kbps per call here: "
                            f"{r.calls * alt + r.signalling_kbps:,.0f} kbps); or move calls off this link.")
                else:
                    tail = parts.get(("tail", voice))
                    if tail is None:
                        tail = parts[("tail", voice)] = (
                            f" kbps (to keep voice within the {limit} priority-queue guideline: "
                            f"{math.ceil(voice / llq_share):,d} kbps); or move calls off this link.")
                got = texts[key] = (
                    f" needs {kbps(calls_kbps)}{per_call[0]}{kbps(r.signalling_kbps)}{has}"
                    f"{_share(calls_kbps / capacity, 100.0)} used)",
                    f"{sizing_prefix}{r.erlangs:,.2f}{per_call[1]}",
                    f"Raise the capacity to at least {math.ceil(r.kbps):,d}{tail}")
            remedy = (got[2] + bandwidth_columns.cluster_note(f"{math.ceil(r.kbps):,d}", r.cluster_kbps)
                      if r.cluster_kbps else got[2])
            message = where + got[0]
            if r.cluster_kbps:  # the link's whole load too, as the Links tables print it
                message += bandwidth_columns.cluster_load(r.kbps, capacity, r.cluster_kbps, _share)
            rows.append({"code": "BW-LINK-OVERLOAD", "severity": _OVERLOAD, "subjects": (r.id,),
                         "message": message, "rationale": got[1], "remedy": remedy, "rule": "BW-R1",
                         "source": SOURCE_SIZING})
        if over_llq:
            key = ("llq", voice, r.llq_share, capacity, r.calls, r.per_call_kbps)
            got = texts.get(key)
            if got is None:
                got = texts[key] = (
                    f" is {kbps(voice)}, {_share(r.llq_share, limit_pct)} of its "
                    f"{kbps(capacity)}: above the {limit} priority-queue guideline "
                    f"({kbps(llq_share * capacity)})",
                    f"{SOURCE_LLQ} (design setting {limit}). {counted(r.calls, 'call')} × {r.per_call_kbps:,.2f} kbps. A "
                    "guideline, not a limit: the link still carries the calls, with less room left for other "
                    "traffic.",
                    f"Raise the capacity to at least {math.ceil(voice / llq_share):,d} kbps, use a lower-rate codec "
                    "or longer packetization, or reduce the calls this link carries; or accept a larger priority "
                    "queue knowingly (the design's priority-queue share setting).")
            rows.append({"code": "BW-LLQ-SHARE", "severity": _LLQ, "subjects": (r.id,),
                         "message": f"voice on {where}{got[0]}", "rationale": got[1], "remedy": got[2],
                         "rule": "BW-R2", "source": SOURCE_LLQ})
    return trusted_many(Finding, rows)


def _crtp(design: Design, sizing: Sizing, out: list[Finding]) -> None:
    """BW-CRTP-INVALID, once, appended to `out`, when cRTP is set where it cannot work."""
    crtp = design.voice.crtp
    if crtp:
        ethernet = [ln.id for ln in design.links if ln.l2 in ETHERNET_L2]
        # Per link on a hybrid WAN: only the links whose own technology encrypts lose cRTP to the tunnel.
        own = sizing.link_technology
        tech_of = {ln.id: own.get(ln.id, sizing.technology) for ln in design.links}
        serial_encrypted = [ln.id for ln in design.links if ln.l2 in SERIAL_L2 and tech_of[ln.id] in ENCRYPTING]
        encrypted = bool(serial_encrypted) or (not design.links and sizing.technology in ENCRYPTING)
        # ATM (RFC 2684 framing, no PPP to negotiate cRTP over), IP level only, a custom byte count: sized without it
        not_serial = [ln for ln in design.links if ln.l2 not in SERIAL_L2 and ln.l2 not in ETHERNET_L2]
        other = [ln.id for ln in not_serial]
        if ethernet or encrypted or other:
            applied = [ln.id for ln in design.links if ln.l2 in SERIAL_L2 and tech_of[ln.id] not in ENCRYPTING]
            reasons = []
            if ethernet:
                reasons.append(f"{counted(len(ethernet), 'link')} {'is' if len(ethernet) == 1 else 'are'} Ethernet ({names_for(design).links(ethernet)})")
            if other:
                kinds = sorted({_NOT_SERIAL.get(ln.l2, ln.l2) for ln in not_serial})
                reasons.append(f"{counted(len(other), 'link')} ({names_for(design).links(other)}) "
                               f"{'is' if len(other) == 1 else 'are'} {' or '.join(kinds)}")
            if encrypted:
                techs = sorted({tech_of[k] for k in serial_encrypted} or {sizing.technology})
                reasons.append(f"{' and '.join(label(t) for t in techs)} encrypt{'s' if len(techs) == 1 else ''} "
                               "before the serial link")
            out.append(finding(
                "BW-CRTP-INVALID", [*ethernet, *other] or DESIGN,
                f"cRTP ({crtp} B headers) is set but {' and '.join(reasons)}: sized without cRTP there "
                f"(applied on {counted(len(applied), 'serial link')})",
                f"{SOURCE_CRTP}.",
                "Clear cRTP for these links (it cannot save bandwidth there); to cut per-call bandwidth use a "
                "lower-rate codec or longer packetization, or enable cRTP only on unencrypted PPP/MLPPP/Frame Relay "
                "links.",
                rule="BW-R4", source=SOURCE_CRTP))


def _g729_per_call_kbps(design: Design, sizing: Sizing) -> dict[tuple, float]:
    """Per-call kbps with G.729 for each overloaded link's encapsulation: a concrete alternative for the remedy."""
    if design.voice.codec == "g729":
        return {}
    out: dict[tuple, float] = {}
    overloaded = {r.id for r in sizing.links if r.voice_kbps + r.signalling_kbps > r.capacity_kbps}
    for ln in design.links:
        key = (ln.l2, ln.l2_bytes, ln.nat)
        if ln.id in overloaded and key not in out:
            spec = dataclasses.replace(call_spec(design, sizing.technology, ln), codec="g729", ptime_ms=None)
            try:
                out[key] = packet.compute(spec).kbps
            except packet.PacketError:
                continue
    return out


def _cheaper(g729_kbps: float | None, per_call_kbps: float) -> float | None:
    """G.729's per-call kbps as the remedy's alternative only where it needs less than the link's calls do now (a
    low-rate codec at a long packetization can need less than G.729 at its default)."""
    return g729_kbps if g729_kbps is not None and g729_kbps < per_call_kbps else None


def guideline_share(share: float) -> str:
    """A design's share setting as typed: 0.33 -> '33 %', 0.335 -> '33.5 %', 0.9999999 -> '99.99999 %' (not '100 %':
    the model keeps it at 1 % or more, so never in exponent notation)."""
    text = f"{share * 100:g}"
    if text == "100" and share < 1:
        text = setting_percent(share, 0)[:-1]
    return f"{text} %"


def _share(value: float, shown_limit: float) -> str:
    """A share (0.3303) found above a limit as shown in percent (33), with one decimal, or as many more as it
    takes to read above the limit: 33.03 % against 33 % is '33.03%', never '33%' (a contradiction) nor '33.0%'."""
    percent = value * 100
    if percent >= shown_limit + 0.06:  # one decimal reads above the limit: the usual case, without a search
        return f"{percent_digits(value, 1)} %"
    for decimals in range(1, 5):
        text = percent_digits(value, decimals)  # a tie rounds up, as every percent the tool prints
        if float(text.replace(",", "")) > shown_limit:
            break
    return f"{text} %"
