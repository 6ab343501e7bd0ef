"""The per-link bandwidth findings (link overload, priority-queue guideline) of a large design, built column by
column: the same findings, with the same characters, as the link-by-link loop in `advisor.rules.bandwidth`.

A chain or mesh of 10,000 leased lines can overload every link: 20,000 findings, each with its own figures, so
nothing is shared between links and the loop spends ~10 µs per link in interpreted steps (SPEC §5 budgets). Here
every figure of every flagged link is read, computed and formatted by one C-level pass per column (`map` over
`operator` functions and bound `str.format` methods), and the texts are joined from their columns. Each value goes
through the same floating-point operation as in the loop (the same operands, in the same order), and each is printed
with the same format specification, so each text is identical (tests/core/test_bandwidth_columns.py compares the
two paths on generated designs).
"""

from __future__ import annotations

import math
from itertools import compress, repeat
from operator import add, attrgetter, gt, le, lt, mod, mul, sub, truediv

from advisor.numbers import NEAR_HALF, kbps

COLUMNS_MIN = 256  # links: below this the loop is as fast, and simpler to read

_KBPS_UNIT = "{:,.2f} kbps".format  # numbers.kbps for finite values below 10^9 kbps
_TWO = "{:,.2f}".format
_WHOLE = "{:,}".format  # a whole number with thousands separators
_ONE_PCT = "{:,.1f} %".format  # bandwidth._share when one decimal reads above the limit


def kbps_unit_texts(values: list[float]) -> list[str]:
    """`numbers.kbps` of each value, the figure with its unit ("1,234.56 kbps"; "31.2 Pbps" from 10^9 kbps on,
    where the unit is part of the figure): the plain format for the usual case (every value finite, below 10^9
    kbps)."""
    if values and -1e9 < min(values) and max(values) < 1e9:  # false for NaN and ±inf too
        return list(map(_KBPS_UNIT, values))
    return list(map(kbps, values))


def share_texts(values: list[float], shown_limit: float, share) -> list[str]:
    """`share(value, shown_limit)` for each value (`bandwidth._share`): one decimal where it reads above the limit
    (percent ≥ limit + 0.06), the search for more decimals only for the others."""
    percents = list(map(mul, values, repeat(100)))
    floor = shown_limit + 0.06
    # a percent whose tenths fall on a half within the floats' error: `share` rounds it up, as `numbers` does
    tenths = list(map(abs, map(mul, percents, repeat(10.0))))
    ties = list(map(le, map(abs, map(sub, map(mod, tenths, repeat(1.0)), repeat(0.5))),
                    map(mul, map(max, tenths, repeat(1.0)), repeat(NEAR_HALF))))
    if percents and min(percents) >= floor and not any(ties):
        return list(map(_ONE_PCT, percents))
    return [_ONE_PCT(p) if p >= floor and not tie else share(v, shown_limit)
            for v, p, tie in zip(values, percents, ties, strict=True)]


def _ceil_texts(values) -> list[str]:
    return list(map(_WHOLE, map(math.ceil, values)))


_NAMES = ("id", "voice_kbps", "capacity_kbps", "signalling_kbps", "calls", "per_call_kbps", "encapsulation", "l2",
          "kbps", "erlangs", "llq_share", "cluster_kbps")


def cluster_note(asked: str, cluster_kbps: float) -> str:
    """What an overload remedy adds where clustering over the WAN sends traffic across the link: the capacity it
    asks for (`asked`, as the remedy writes it) counts that traffic too, which the message's figure (voice and
    signalling) leaves out."""
    if not cluster_kbps:
        return ""
    return (f" The {asked} kbps include the {kbps(cluster_kbps)} of intra-cluster traffic (ICCS and database "
            "replication between the cluster's sites) that crosses this link.")


def cluster_load(total_kbps: float, capacity_kbps: float, cluster_kbps: float, share) -> str:
    """What an overload message adds where clustering over the WAN sends traffic across the link: the link's whole
    load and share with that traffic, as the Links tables print them ('…(143.2 % used); 9,108.80 kbps (444.8 %
    used) with the 6,176.00 kbps of intra-cluster traffic that crosses it'), beside the voice and signalling figure
    the finding is about. `share`: `bandwidth._share`."""
    if not cluster_kbps:
        return ""
    return (f"; {kbps(total_kbps)} ({share(total_kbps / capacity_kbps, 100.0)} used) with the {kbps(cluster_kbps)} "
            "of intra-cluster traffic that crosses it")


class Columns:
    """The figures the two findings read, one list per LinkResult field, for a list of link results."""

    def __init__(self, results: list | None) -> None:
        if results is not None:
            for name in _NAMES:
                setattr(self, name, list(map(attrgetter(name), results)))

    def pick(self, mask: list[bool]) -> Columns:
        """The same columns for the links where `mask` is true (each column filtered, not read again)."""
        picked = Columns(None)
        for name in _NAMES:
            setattr(picked, name, list(compress(getattr(self, name), mask)))
        return picked


def flagged(results: list, llq_share: float) -> tuple[list[bool], list[bool]]:
    """(overload per link, above the priority-queue share per link): voice + signalling above capacity, and voice
    above llq_share × capacity, as the loop tests them."""
    voice = list(map(attrgetter("voice_kbps"), results))
    capacity = list(map(attrgetter("capacity_kbps"), results))
    overload = list(map(gt, map(add, voice, map(attrgetter("signalling_kbps"), results)), capacity))
    over_llq = list(map(lt, map(mul, repeat(llq_share), capacity), voice))
    return overload, over_llq


def texts(c: Columns, names: list[str], alts: list[float | None], overload: list[bool], over_llq: list[bool],
          t) -> tuple[tuple[list, list, list], tuple[list, list, list]]:
    """((messages, rationales, remedies) of the overload findings, the same of the priority-queue findings), for
    the links of `c` (each flagged one way or both, as the masks say); `alts`: the G.729 per-call kbps of each link
    (None: none to offer); `t`: the design-wide pieces (`bandwidth._Texts`). Figures both findings print are
    formatted once."""
    calls = list(map(_WHOLE, c.calls))
    per_call = list(map(_TWO, c.per_call_kbps))
    capacity = kbps_unit_texts(c.capacity_kbps)
    keep = _ceil_texts(map(truediv, c.voice_kbps, repeat(t.llq_share)))
    return (_overload(c.pick(overload), _pick((names, calls, per_call, capacity, keep, alts), overload), t),
            _llq(c.pick(over_llq), _pick((names, calls, per_call, capacity, keep), over_llq), t))


def _words(calls: list[int], many: str, one: str):
    """`many` for each count but 1, `one` for 1 ('1 call × ', '2 calls × ')."""
    return map((many, one).__getitem__, map((1).__eq__, calls))


def _pick(columns: tuple[list, ...], mask: list[bool]) -> tuple[list, ...]:
    return tuple(list(compress(col, mask)) for col in columns)


def _overload(c: Columns, shared: tuple[list, ...], t) -> tuple[list, list, list]:
    names, calls, per_call, capacity, keep, alts = shared
    calls_kbps = list(map(add, c.voice_kbps, c.signalling_kbps))
    shares = share_texts(list(map(truediv, calls_kbps, c.capacity_kbps)), 100.0, t.share)
    messages = list(map("".join, zip(
        names, repeat(" needs "), kbps_unit_texts(calls_kbps), repeat(" per direction ("), calls,
        _words(c.calls, " calls × ", " call × "), per_call, repeat(" kbps + "), kbps_unit_texts(c.signalling_kbps),
        repeat(" signalling) but has "), capacity, repeat(" ("), shares, repeat(" used)"))))
    rationales = list(map("".join, zip(
        repeat(t.sizing_prefix), map(_TWO, c.erlangs), repeat(f" E offered at P{t.gos} need "), calls,
        _words(c.calls, " concurrent calls; per call ", " concurrent call; per call "), per_call, repeat(" kbps with "),
        c.encapsulation, repeat(", "),
        c.l2, repeat("."))))
    head = f" kbps (to keep voice within the {t.limit} priority-queue guideline: "
    if None not in alts:  # every link can offer G.729 (the usual case)
        tails = _tails(head, keep, alts, c)
    else:
        alt_texts: dict[float, str] = {}  # few distinct G.729 figures (one per layer 2)
        tails = []
        for kept, alt, n, sig in zip(keep, alts, c.calls, c.signalling_kbps, strict=True):
            if alt is None:
                tails.append(f"{head}{kept} kbps); or move calls off this link.")
            else:
                alt_text = alt_texts.get(alt)
                if alt_text is None:
                    alt_text = alt_texts[alt] = f"{alt:,.2f}"
                tails.append(f"{head}{kept} kbps), or use G.729 ({alt_text} kbps per call here: "
                             f"{n * alt + sig:,.0f} kbps); or move calls off this link.")
    asked = _ceil_texts(c.kbps)
    remedies = list(map("".join, zip(repeat("Raise the capacity to at least "), asked, tails)))
    if any(c.cluster_kbps):
        remedies = list(map(add, remedies, map(cluster_note, asked, c.cluster_kbps)))
        messages = list(map(add, messages, map(cluster_load, c.kbps, c.capacity_kbps, c.cluster_kbps,
                                               repeat(t.share))))
    return messages, rationales, remedies


def _tails(head: str, keep: list[str], alts: list[float], c: Columns) -> list[str]:
    """The overload remedies' ends where every link can offer G.729 (the loop's texts, each figure by the same
    operations: calls × G.729 kbps + signalling), in C-level passes."""
    alt_texts = {alt: f"{alt:,.2f}" for alt in set(alts)}
    totals = map("{:,.0f}".format, map(add, map(mul, c.calls, alts), c.signalling_kbps))
    return list(map("".join, zip(repeat(head), keep, repeat(" kbps), or use G.729 ("), map(alt_texts.__getitem__, alts),
                                 repeat(" kbps per call here: "), totals,
                                 repeat(" kbps); or move calls off this link."))))


def _llq(c: Columns, shared: tuple[list, ...], t) -> tuple[list, list, list]:
    names, calls, per_call, capacity, keep = shared
    messages = list(map("".join, zip(
        repeat("voice on "), names, repeat(" is "), kbps_unit_texts(c.voice_kbps), repeat(", "),
        share_texts(c.llq_share, t.limit_pct, t.share), repeat(" of its "), capacity,
        repeat(f": above the {t.limit} priority-queue guideline ("),
        kbps_unit_texts(list(map(mul, repeat(t.llq_share), c.capacity_kbps))), repeat(")"))))
    rationales = list(map("".join, zip(
        repeat(f"{t.source_llq} (design setting {t.limit}). "), calls, _words(c.calls, " calls × ", " call × "), per_call,
        repeat(" kbps. A guideline, not a limit: the link still carries the calls, with less room left for other "
               "traffic."))))
    remedies = list(map("".join, zip(
        repeat("Raise the capacity to at least "), keep,
        repeat(" kbps, use a lower-rate codec or longer packetization, or reduce the calls this link carries; or "
               "accept a larger priority queue knowingly (the design's priority-queue share setting)."))))
    return messages, rationales, remedies




def rows(code: str, severity: str, ids: list[str], texts: tuple[list, list, list], rule: str,
         source: str) -> list[dict]:
    """Finding rows (fields in declaration order) for `trusted_many`, one per id."""
    messages, rationales, remedies = texts
    # A dict display per row: twice as fast as dict(zip(fields, values)) for 20,000 findings
    return [{"code": code, "severity": severity, "subjects": (i,), "message": m, "rationale": r, "remedy": x,
             "rule": rule, "source": source} for i, m, r, x in zip(ids, messages, rationales, remedies, strict=True)]


def interleave(overload: list[bool], over_llq: list[bool], firsts: list, seconds: list) -> list:
    """The two findings lists in the loop's order: per link, its overload finding, then its priority-queue one."""
    out: list = []
    take = out.append
    a, b = iter(firsts), iter(seconds)
    for o, q in zip(overload, over_llq, strict=True):
        if o:
            take(next(a))
        if q:
            take(next(b))
    return out


__all__ = ["COLUMNS_MIN", "Columns", "cluster_load", "cluster_note", "flagged", "texts", "rows", "interleave", "kbps_unit_texts",
           "share_texts"]
