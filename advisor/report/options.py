"""Options considered: the design's saved scenarios, each analysed in full like `advisor compare`, set side by side
with the design as it is (VPN technology, WAN bandwidth, the busiest and the hub's links, overloads, findings,
tunnels, key servers, and the bill-of-materials quantities with their change). No scenarios, no section."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak

from advisor import bom_shared, numbers, scenarios
from advisor.model import Design, Scenario
from advisor.report import fonts, styles
from advisor.report.doc import SectionHeading
from advisor.report.sections import p, u
from advisor.report.tables import cell, data_table, paragraph
from advisor.results import Results
from advisor.rules._names import tech_label, transport_label
from advisor.validation import name_key, visible

OPTIONS_PER_TABLE = 4  # options beside the current design in one table; more continue in the next table
SRTP_WORDS = {"none": "no SRTP", "sha1-80": "SRTP with HMAC-SHA1-80", "sha1-32": "SRTP with HMAC-SHA1-32",
              "gcm": "SRTP with AES-GCM"}
BOM_PREFIX = "BOM: "


@dataclass(frozen=True)
class Comparison:
    """The outcomes (the current design first) and the scenarios that could not be compared, in words."""

    outcomes: tuple[scenarios.Outcome, ...]
    problems: tuple[str, ...] = ()


def compare(design: Design, results: Results,
            step: Callable[[int, int], None] | None = None) -> Comparison | None:
    """The design's scenarios compared as `advisor compare` compares them (`results` are the design's own, reused
    for its column); None when it has none. `step(done, total)` after each column, for the progress bar."""
    if not design.scenarios:
        return None
    from advisor.analysis import AnalysisError, analyse

    good, problems = scenarios.applicable(design)
    # a scenario named as the design's own column ('Current design', which the app refuses to name one) would head
    # a second column of that name: left out, and said, as a scenario that no longer applies is
    named = [s for s in good if name_key(s.name) == name_key(scenarios.CURRENT)]
    good = [s for s in good if s not in named]
    problems += [f"scenario '{visible(s.name)}': its name reads as the column of the design itself "
                 f"('{scenarios.CURRENT}'); rename it to compare it" for s in named]

    def analysed(variant: Design) -> Results:
        return results if variant is design else analyse(variant)

    try:
        outcomes = scenarios.compare(design, good, analysed, bom=bom_shared.for_comparison(), progress=step)
    except AnalysisError as exc:
        return Comparison((), (*problems, str(exc)))
    return Comparison(tuple(outcomes), tuple(problems))


def describe(scenario: Scenario) -> str:
    """What a scenario changes, in words: 'codec G.729, DMVPN for the whole WAN'."""
    parts: list[str] = []
    if scenario.codec is not None:
        parts.append(f"codec {_codec(scenario.codec)}")
    if scenario.ptime_ms is not None:
        parts.append(f"{numbers.setting(scenario.ptime_ms)} ms packetization")
    if scenario.technology is not None:
        parts.append(f"{tech_label(scenario.technology)} for the whole WAN")
    parts += [f"{tech_label(tech)} on the {transport_label(kind)} transport"
              for kind, tech in scenario.transports.items()]
    if scenario.cipher is not None:
        parts.append(f"{scenario.cipher.upper()} encryption")
    if scenario.srtp is not None:
        parts.append(SRTP_WORDS.get(scenario.srtp, scenario.srtp))
    if scenario.crtp is not None:
        parts.append("no cRTP" if scenario.crtp == 0 else f"cRTP ({scenario.crtp}-byte headers)")
    if scenario.gos is not None:
        parts.append(f"grade of service {numbers.setting(scenario.gos * 100)} %")
    if scenario.calls_per_user is not None:
        parts.append(f"{numbers.setting(scenario.calls_per_user)} busy-hour calls per user")
    return ", ".join(parts) or "the design's own policies"


def _codec(name: str) -> str:
    from advisor.codecs import CodecError, resolve

    try:
        return resolve(name).name
    except CodecError:
        return name


def options(number: int, design: Design, results: Results, comparison: Comparison | None = None) -> list:
    """The section, or nothing when the design has no scenarios."""
    if comparison is None:
        return []
    flow: list = [CondPageBreak(70 * mm), SectionHeading(number, "Options considered"), p(_introduction(design))]
    if comparison.problems:
        flow.append(p("Not compared: " + "; ".join(u(problem) for problem in comparison.problems) + ".", "small"))
    outcomes = comparison.outcomes
    if len(outcomes) < 2:
        return flow
    from advisor.scenarios import comparison_rows as rows

    for start in range(1, len(outcomes), OPTIONS_PER_TABLE):
        chunk = [outcomes[0], *outcomes[start:start + OPTIONS_PER_TABLE]]
        header, body = rows(chunk, design)
        flow.append(_table(header, body))
    flow.append(p("Figures per direction at the busy hour. Values that differ from the current design are in bold. "
                  "The busiest link is the one with the highest utilization; the hub's links are those of the VPN "
                  "hub (or of the first call-processing site).", "caption"))
    return flow


def _introduction(design: Design) -> str:
    count = len(design.scenarios)
    named = "; ".join(f"<b>{u(s.name)}</b>: {u(describe(s))}" for s in design.scenarios)
    return (f"Besides the design as it is, {numbers.count(count)} option{'s' if count != 1 else ''} "
            f"{'were' if count != 1 else 'was'} considered, each analysed in full on the same sites and links: "
            f"{named}. The table sets them side by side: the bandwidth the WAN carries, the busiest and the hub's "
            "links, the links over capacity or above the priority-queue share, the findings, the tunnels and key "
            "servers to configure, and the bill of materials (each option's quantity, with its change against "
            "the current design in brackets).")


def _table(header: list[str], body: list[list]):
    columns = len(header)
    label_width = 150.0
    value_width = (styles.FRAME_WIDTH - label_width) / (columns - 1)
    widths = [label_width] + [value_width] * (columns - 1)
    rows: list[list] = []
    extra: list[tuple] = []
    bom_started = False
    for label, *values in body:
        if label.startswith(BOM_PREFIX):
            if not bom_started:
                bom_started = True
                rows.append(["Bill of materials: quantity (change)"] + [""] * (columns - 1))
                r = len(rows)
                extra += [("SPAN", (0, r), (-1, r)), ("FONT", (0, r), (-1, r), fonts.SANS_BOLD, 7.5, 9.2),
                          ("BACKGROUND", (0, r), (-1, r), styles.HEADER_FILL)]
            label = label[len(BOM_PREFIX):]
        else:
            label = label[:1].upper() + label[1:]
        words = any(ch.isalpha() for v in values for ch in str(v))  # technology, link names: may wrap
        rows.append([cell(label, widths[0]),
                     *(paragraph(str(v), "cell_right", bold=c > 0 and v != values[0]) if words else v
                       for c, v in enumerate(values))])
        r = len(rows)
        extra += [("FONT", (c, r), (c, r), fonts.SANS_BOLD, 7.5, 9.2)
                  for c in range(2, columns) if values[c - 1] != values[0]]
    # An option's name heads its column on one line's terms: its line breaks, kept, made a header row (repeated on
    # every page, so never split) taller than a page.
    names = [" ".join(name.split()) for name in header[1:]]
    # A long name without spaces is one header word: kept whole, it took the measures' column down to "Measure"
    # and broke its labels mid-word ("CUCM cal / l-processi / ng"). It breaks inside its own column instead.
    return data_table(["Measure", *names], rows, widths, right_cols=tuple(range(1, columns)), extra_style=extra,
                      header_cap=value_width)
