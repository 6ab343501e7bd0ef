"""The mouth-to-ear delay budget between calling sites (DEP-DELAY) and link fragmentation and interleaving (BW-LFI).

Mouth-to-ear delay on a path = coder delay (algorithmic delay and look-ahead; Cisco's lumped figure for G.729) +
packetization (the voice in one packet) + serialization of the voice frame on each link (frame bits ÷ link rate) +
propagation (half of each link's round-trip time) + the de-jitter buffer. It is compared with the design's target
(`design.delay.target_ms`, ITU-T G.114's 150 ms by default). Calls in a hub-and-spoke overlay go spoke → hub →
spoke. Figures and their sources: `resources/tables/delay.json`; the path search: `advisor.rules.delay_paths`.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress, repeat
from operator import add, itemgetter, lt
from typing import TYPE_CHECKING

from advisor.codecs import Codec, resolve
from advisor.findings import Finding, finding
from advisor.model import Design
from advisor.numbers import counted, setting, whole_digits
from advisor.results import DelayResult
from advisor.rules import delay_paths
from advisor.rules._names import names_for
from advisor.rules._wan import site_columns
from advisor.rules.delay_budget import EPS_MS, CoderDelay, DelayBudget, Hop, WorstPath, aligned_hops
from advisor.rules.delay_forest import Distances
from advisor.rules.delay_paths import DelayPaths, aligned, farthest_partners, serialization_ms
from advisor.tables import Table, load_table

if TYPE_CHECKING:
    from advisor.traffic import Sizing

Row = tuple[str, str, str]
ROW = "mouth-to-ear delay"
DOC_DELAY = "Cisco \u201cUnderstanding Delay in Packet Voice Networks\u201d"
DOC_QOS = "Cisco \u201cQuality of Service for Voice over IP\u201d"
SOURCE_DELAY = "ITU-T G.114; Cisco 'Understanding Delay in Packet Voice Networks' (Doc ID 5125)"
SOURCE_LFI = "Cisco 'Quality of Service for Voice over IP', Table 2 (fragment sizes by the 10 ms rule)"
QUOTE_5125 = "The generally-accepted limit for good-quality voice connection delay is 200 ms one-way (or 250 ms as a limit)."
QUOTE_LFI = "The packet fragmentation size should never be lower than the VoIP packet size."


def ms(value: float) -> str:
    """A delay as users read it: at most three decimals, no trailing zeros, never in exponent notation ('0.125',
    '18', '23.438'), grouped by thousands as the other figures are ('20,212.7'); every whole digit from a million on
    ('1,005,084', not '1.00508e+06': a long chain of slow links adds up)."""
    text = whole_digits(round(value, 3))
    whole, point, decimals = text.partition(".")
    sign = whole[:1] if whole[:1] == "-" else ""
    digits = whole[len(sign):]
    if len(digits) > 3 and digits.isdigit():  # not 'inf' or 'nan'
        return f"{sign}{int(digits):,}{point}{decimals}"
    return text


def _cite(table: Table, key: str) -> str:
    entry = table.entries[key]
    flag = " (not confirmed: verify)" if entry.verify or table.verify else ""
    return f"{entry.source}{flag}"


def coder_delay(codec: str | Codec) -> CoderDelay:
    """The codec's coder delay from the delay table (`coder_<codec id>`); a codec without an entry is estimated as
    one frame from the codec catalogue (plus its look-ahead when the catalogue gives one), and says so."""
    c = resolve(codec)
    table = load_table("delay")
    key = f"coder_{c.id}"
    entry = table.entries.get(key)
    if entry is not None:
        return CoderDelay(c.name, entry.value, _cite(table, key), False, entry.verify or table.verify)
    look = float(getattr(c, "lookahead_ms", 0.0) or 0.0)
    how = f"one {ms(c.frame_ms)} ms frame" + (f" + {ms(look)} ms look-ahead" if look else ", look-ahead unknown")
    return CoderDelay(c.name, c.frame_ms + look, f"estimate for {c.name}: {how} from the codec catalogue (the "
                      "delay table has no figure for it)", True, True)


def budget(design: Design, sizing: Sizing | None, a: str, b: str, *, paths: DelayPaths | None = None,
           lazy: bool = False) -> DelayBudget | WorstPath | None:
    """The mouth-to-ear budget of a call from site `a` to site `b` on the lowest-delay path (through the overlay
    hub when the sizing has one); None when no path joins them. Pass `paths` to reuse one built for the sizing;
    `lazy`: its figures as a `WorstPath`, the hops made only when its `budget()` is asked for."""
    got = _route_budget(design, sizing, a, b, paths)
    return got if lazy or got is None else got.budget()


def _route_budget(design: Design, sizing: Sizing | None, a: str, b: str, paths: DelayPaths | None) -> WorstPath | None:
    """`budget`, its hops made only when asked for."""
    paths = paths if paths is not None else DelayPaths(design, {}, sizing) if aligned(design, sizing) else \
        DelayPaths(design, serialization_ms(sizing))
    hub = sizing.hub if sizing is not None else None
    got = paths.route_numbers(a, b, hub)
    if got is None:
        return None
    nodes, numbers = got
    links = design.links
    parts = None
    if aligned(design, sizing):  # by position: the figures `serialization_ms` and the frames by id would give
        parts = paths.parts if paths.sizing is sizing else None
        results = sizing.links

        def hops() -> tuple[Hop, ...]:
            return aligned_hops(links, results, numbers, parts)
    else:
        def hops() -> tuple[Hop, ...]:
            ser = serialization_ms(sizing)
            frames = {lr.id: lr.frame_bytes for lr in sizing.links} if sizing is not None else {}
            return tuple(Hop(links[k].id, links[k].rtt_ms / 2, ser.get(links[k].id, 0.0), frames.get(links[k].id),
                             links[k].capacity_kbps) for k in numbers)
    codec = resolve(design.voice.codec)
    ptime = design.voice.ptime_ms if design.voice.ptime_ms is not None else codec.default_ptime_ms
    fields = dict(a=a, b=b, nodes=nodes, hub=hub if hub in nodes[1:-1] else None, coder=coder_delay(codec),
                  packetization_ms=float(ptime), jitter_buffer_ms=design.delay.jitter_buffer_ms,
                  target_ms=design.delay.target_ms, serialization_known=sizing is not None)
    return WorstPath(fields, numbers, parts, hops)


@dataclass(frozen=True)
class _Verdict:
    worst: WorstPath  # the worst path of the design (its hops made when asked for: `worst_budget`)
    over: tuple[str, ...]  # sites (design order) with a calling partner beyond the target
    approximate: bool  # a meshed WAN too large for every pair: the sweep estimate


_last: tuple[Design, Sizing | None, _Verdict | None] | None = None  # the check and the results share one pass


def forget() -> None:
    """Drop the last design's verdict (and the farthest partners worked out for it)."""
    global _last
    _last = None
    delay_paths.forget()


def _evaluate(design: Design, sizing: Sizing | None) -> _Verdict | None:
    global _last
    last = _last
    if last is not None and last[0] is design and last[1] is sizing:
        return last[2]
    verdict = _evaluate_once(design, sizing)
    _last = (design, sizing, verdict)
    return verdict


def _evaluate_once(design: Design, sizing: Sizing | None) -> _Verdict | None:
    paths = DelayPaths(design, {}, sizing) if aligned(design, sizing) else DelayPaths(design, serialization_ms(sizing))
    worst, approximate = farthest_partners(design, sizing, paths)
    if not worst:
        return None
    network = list(map(itemgetter(0), worst.values()))
    site, partner = _named_pair(design, sizing, paths, worst, max(network))
    top = budget(design, sizing, site, partner, paths=paths, lazy=True)
    if top is None:  # cannot happen: the partner was found on a path
        return None
    fixed = top.total_ms - top.serialization_ms - top.propagation_ms  # the same for every path
    limit = design.delay.target_ms + EPS_MS
    # the sites whose worst + fixed exceeds the limit (the same sums), then in design order: C-level passes
    flags = list(map(lt, repeat(limit), map(add, network, repeat(fixed))))
    beyond = worst if all(flags) else set(compress(worst, flags))  # the keys are sites: every one, or some
    ids = site_columns(design).ids
    over = (tuple(ids) if len(beyond) == len(ids) else tuple(filter(beyond.__contains__, ids))) if beyond else ()
    return _Verdict(top, over, approximate)


_TIE = 1e-12  # relative: delays this close are the same sums added in another order (a tie, not a longer path)


def _named_pair(design: Design, sizing: Sizing | None, paths: DelayPaths, worst: dict[str, tuple[float, str]],
                top: float) -> tuple[str, str]:
    """The pair the worst delay names: of the calling sites whose farthest partner is at the worst delay, the one
    with the smallest id, and of its partners at that delay the calling site with the smallest id (the PSTN site its
    calls are hauled to when none is, as `farthest_partners` keeps a site before it); the order the sites are
    listed in never decides. Two sites at the worst delay are each other's farthest: the pair is already known.
    Three or more: one more tree, from the site named, finds its partners at that delay."""
    near = top - abs(top) * _TIE
    at_top = [s for s, (d, _p) in worst.items() if d >= near]
    site = min(at_top)
    far, partner = worst[site]
    if len(at_top) <= 2:
        return site, partner
    others = [s for s in delay_paths.calling_sites(design) if s != site]
    hub = sizing.hub if sizing is not None else None
    if hub is None:
        d = Distances(paths, site).many(others)
    else:  # spoke -> hub -> partner (the hub's own calls go direct: its distance from itself is 0)
        from_hub = Distances(paths, hub)
        own = from_hub.get(site) if site != hub else 0.0
        d = [None if own is None or x is None else own + x for x in from_hub.many(others)]
    low, high = far - abs(far) * _TIE, far + abs(far) * _TIE
    tied = [q for q, x in zip(others, d, strict=True) if x is not None and low <= x <= high]
    return site, (min(tied) if tied else partner)


def worst_budget(design: Design, sizing: Sizing | None) -> DelayBudget | None:
    """The design's worst mouth-to-ear path (None when no calls cross the WAN): for the app and the PDF."""
    verdict = _evaluate(design, sizing)
    return verdict.worst.budget() if verdict is not None else None


def worst_result(design: Design, sizing: Sizing | None) -> DelayResult | None:
    """`worst_budget` as the results carry it (and `check --json` prints it), without its hops."""
    verdict = _evaluate(design, sizing)
    if verdict is None:
        return None
    b = verdict.worst
    return DelayResult(a=b.a, b=b.b, path=b.nodes, hub=b.hub, terms=b.terms(), total_ms=b.total_ms,
                       target_ms=b.target_ms, coder_source=b.coder.source)


def path_text(design: Design, nodes: tuple[str, ...]) -> str:
    """A path as the findings, the deployment checks and the PDF print it: its sites and clouds by name (two named
    alike carry their ids), arrows between; a path of more than seven shows its first three and last three
    ('HQ → MPLS → Branch 1 → … → Branch 998 → Branch 999 → Branch 1000')."""
    node = names_for(design).node
    shown = [node(n) for n in nodes]
    if len(shown) > 7:
        shown = [*shown[:3], "…", *shown[-3:]]
    return " → ".join(shown)


def _sum_text(b: DelayBudget | WorstPath) -> str:
    hops = b.hop_count
    ser = (f"serialization {ms(b.serialization_ms)} ms over {counted(hops, 'link')}"
           if b.serialization_known else "serialization not counted (no sizing)")
    return (f"coder delay {ms(b.coder.ms)} ms ({b.coder.codec}{', estimated' if b.coder.estimated else ''}) + "
            f"packetization {ms(b.packetization_ms)} ms + {ser} + propagation {ms(b.propagation_ms)} ms (half the "
            f"round-trip time of each link) + jitter buffer {ms(b.jitter_buffer_ms)} ms")


def _target_text(target: float, table: Table) -> str:
    if target == table.value("max_one_way_ms"):
        return "ITU-T G.114's figure"
    if target == table.value("cisco_good_one_way_ms"):
        return f"the good-quality goal of {DOC_DELAY}"
    if target == table.value("cisco_limit_one_way_ms"):
        return f"the limit of {DOC_DELAY}"
    return "the design's own target"


def delay_check(design: Design, sizing: Sizing | None, rows: list[Row], out: list[Finding]) -> None:
    """DEP-DELAY: the mouth-to-ear budget to the farthest site each site with phones calls (or hauls PSTN calls
    to), against `design.delay.target_ms`. Appends one verdict row to `rows` and at most one finding to `out`."""
    verdict = _evaluate(design, sizing)
    if verdict is None:
        rows.append((ROW, "n/a", "no calls between sites"))
        return
    table = load_table("delay")
    b, names = verdict.worst, names_for(design)
    target = design.delay.target_ms
    how = " (estimate: meshed WAN too large for every pair)" if verdict.approximate else ""
    ends = names.quoted(b.a), names.quoted(b.b)
    path = path_text(design, b.nodes)
    rows.append((ROW, "fail" if verdict.over else "ok",
                 f"worst {path}: {ms(b.total_ms)} ms = {_sum_text(b)} (target {setting(target, grouped=True)} ms){how}"))
    if not verdict.over:
        return
    bad = verdict.over
    via = f" through hub {names.quoted(b.hub)}" if b.hub else ""
    good, limit = table.value("cisco_good_one_way_ms"), table.value("cisco_limit_one_way_ms")
    out.append(finding(
        "DEP-DELAY", bad,
        f"mouth-to-ear delay between {ends[0]} and {ends[1]}{via} ({path}) is {ms(b.total_ms)} ms, above the "
        f"{setting(target, grouped=True)} ms target: {_sum_text(b)}; {counted(len(bad), 'site')} {'calls' if len(bad) == 1 else 'call'} a site beyond the "
        f"target: "
        f"{names.sites(bad)}{how}",
        f"ITU-T G.114 (paraphrased): a one-way delay of up to {ms(table.value('max_one_way_ms'))} ms is acceptable "
        f"for most user applications. {DOC_DELAY}: \u201c{QUOTE_5125}\u201d The target used here, {setting(target, grouped=True)} ms, "
        f"is {_target_text(target, table)}. Mouth to ear adds the coder delay, the packetization time, the "
        "serialization of the voice frame on each link (frame bits ÷ link rate), propagation (taken as half of "
        "each link's round-trip time) and the de-jitter buffer. "
        f"Coder delay: {b.coder.source}.",
        _remedy(b, target, good, limit), rule="DEP-R11", source=SOURCE_DELAY))


def _remedy(b: DelayBudget | WorstPath, target: float, good: float, limit: float) -> str:
    steps = ["shorten the path (a regional hub, a closer provider or data centre)"]
    if b.hub:
        steps.append("let spoke-to-spoke calls go direct (DMVPN phase 3 or GET VPN) instead of through the hub")
    if b.coder.ms > 5:
        steps.append(f"use a codec with less coder delay than {b.coder.codec}'s {ms(b.coder.ms)} ms (G.711)")
    if b.packetization_ms > 20:
        steps.append(f"send less voice per packet than {ms(b.packetization_ms)} ms")
    if b.serialization_ms > 10:
        steps.append(f"speed up the slow links, where serialization adds {ms(b.serialization_ms)} ms")
    steps.append("size the jitter buffer to the jitter actually measured")
    text = "; ".join(steps)
    text = text[0].upper() + text[1:] + "."
    if target < good:
        text += (f" Or accept more delay knowingly for these sites: {DOC_DELAY} plans with {ms(good)} ms one way "
                 f"({ms(limit)} ms as a limit).")
    return text


def lfi_check(design: Design, sizing: Sizing | None) -> list[Finding]:
    """BW-LFI: each link slower than the LFI threshold that carries data and voice, with the fragment size for
    10 ms of serialization (never below the voice frame) and the delay a full data packet would add to voice."""
    table = load_table("delay")
    below, frag_ms = table.value("lfi_below_kbps"), table.value("lfi_fragment_ms")
    data_bytes = table.value("lfi_data_packet_bytes")
    results = {lr.id: lr for lr in sizing.links} if sizing is not None else {}
    names = names_for(design)
    out: list[Finding] = []
    frag = ms(frag_ms)
    rationale = (  # the same for every link: the design's thresholds only
        f"{DOC_QOS} (paraphrased): on slow links, fragment large data packets so that each fragment takes about "
        f"{frag} ms to serialize (fragment bytes = link kbps × {frag} ms ÷ 8: 56 kbps 70 B, "
        f"64 kbps 80 B, 128 kbps 160 B, 256 kbps 320 B, 512 kbps 640 B, 768 kbps 960 B), and interleave voice "
        f"between them; and: \u201c{QUOTE_LFI}\u201d Links from {setting(below, grouped=True)} kbps up do not need it (Cisco Press "
        "QoS text, paraphrased). Serialization of a data packet = its bits ÷ the link rate.")
    said: dict[tuple, tuple[str, str]] = {}  # links of the same rate, voice frame and layer 2 share every word but the name
    for ln in design.links:
        kbps = ln.capacity_kbps
        if not ln.carries_data or kbps >= below:
            continue
        lr = results.get(ln.id)
        if lr is not None and lr.calls == 0:
            continue  # no voice crosses it: nothing to interleave
        voice = lr.frame_bytes if lr is not None else 0
        key = (kbps, voice, ln.l2)
        text = said.get(key)
        if text is None:
            fragment = kbps * frag_ms / 8
            size = max(fragment, voice)
            raised = (f", raised to the {voice:,.0f}-byte voice frame (a fragment must not be smaller than the voice "
                      "packet)") if voice > fragment else ""
            wait = data_bytes * 8 / kbps
            text = said[key] = (
                f" runs at {setting(kbps, grouped=True)} kbps and carries data with voice: a {data_bytes:,.0f}-byte data "
                f"packet holds a voice packet back by up to {ms(wait)} ms of serialization; fragment data to "
                f"{size:,.0f} bytes ({frag} ms at {setting(kbps, grouped=True)} kbps{raised}) and interleave voice between the "
                "fragments", _lfi_remedy(ln.l2, size, below))
        out.append(finding("BW-LFI", (ln.id,), names.link(ln.id) + text[0], rationale, text[1], rule="BW-R5",
                           source=SOURCE_LFI))
    return out


def _lfi_remedy(l2: str, size: float, below: float) -> str:
    if l2 in ("ppp", "mlppp"):
        return ("Enable multilink PPP with interleaving on this link ('ppp multilink interleave', 'ppp multilink "
                "fragment delay 10') and keep voice in the priority queue (LLQ).")
    if l2 in ("frf12", "frame-relay"):
        return (f"Enable FRF.12 fragmentation ('frame-relay fragment {size:.0f}') with Frame Relay traffic shaping, "
                "and keep voice in the priority queue (LLQ).")
    if l2 in ("atm", "atm-vcmux"):
        return ("Run multilink PPP over ATM with interleaving ('ppp multilink interleave', 'ppp multilink fragment "
                "delay 10') and keep voice in the priority queue (LLQ).")
    return (f"This layer 2 cannot fragment and interleave: raise the access rate to {setting(below, grouped=True)} kbps or more, or "
            "use a link type that can (multilink PPP, FRF.12); keep voice in the priority queue (LLQ).")
