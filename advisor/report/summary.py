"""The executive summary: the recommendation in a sentence, the totals, the load of the links in words, and the
most important findings, one per kind."""

from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from advisor import numbers
from advisor.findings import SEVERITY_ORDER, Finding
from advisor.model import Design
from advisor.report import fonts, styles
from advisor.report.doc import SectionHeading
from advisor.report.paragraphs import stored_order
from advisor.report.sections import MODEL_LABEL, p, shows, u
from advisor.report.tables import fmt_int, fmt_kbps
from advisor.report.visual import direction, has_rtl
from advisor.report.vpn_use import departs, in_use
from advisor.results import Results
from advisor.rules._names import tech_label
from advisor.rules.bandwidth import (
    guideline_share as guideline,  # the findings' own words for a share setting
)

TOP = 3  # kinds of finding the summary shows


def summary(number: int, design: Design, results: Results) -> list:
    over = sum(link.status == "overload" for link in results.links)
    totals = [
        ["Sites", fmt_int(len(design.sites)), "WAN links", fmt_int(len(design.links))],
        ["Users", fmt_int(sum(s.users for s in design.sites)), "Phones",
         fmt_int(sum(s.phone_count for s in design.sites))],
        ["WAN load, all links (kbps, per direction)", fmt_kbps(results.total_wan_kbps),
         "Links over capacity", fmt_int(over)],
        ["Errors", fmt_int(results.errors), "Warnings", fmt_int(results.warnings)],
    ]
    totals_table = Table(totals, colWidths=[62 * mm, 25 * mm, 62 * mm, 25 * mm], hAlign="LEFT",
                         style=styles.table_style(header_rows=0, right_cols=(1, 3), zebra=True, font_size=8.5))
    flow = [SectionHeading(number, "Executive summary"), p(_recommendation(design, results)), Spacer(1, 2 * mm),
            p("Totals", "h2"), totals_table, Spacer(1, 2 * mm), p(link_load(design, results)),
            p("Most important findings", "h2")]
    tops = top_findings(results)
    if not tops:
        flow.append(p("No findings: every check passed."))
    for f, more in tops:
        flow.append(_finding_block(f, more))
    rest = _not_shown(results, tops)
    if rest:
        flow.append(p(rest, "small"))
    if shows(design.notes):  # not a heading over notes of blanks or zero-width spaces alone
        flow += [p("Designer's notes", "h2"), *_notes(design.notes)]
    return flow


def _notes(text: str) -> list:
    """The designer's notes: one paragraph, its line breaks kept. Notes in Hebrew or Arabic go a paragraph per line,
    each broken in stored order and ordered line by line as it is drawn (`paragraphs.stored_order`), so a long
    line wraps first part first; as one paragraph they would be ordered as a whole, its end on its first line."""
    if not has_rtl(text):
        return [p(u(text).replace("\n", "<br/>"))]
    body = styles.sheet()["body"]
    lines = text.split("\n")
    out: list = []
    for i, line in enumerate(lines):
        base = direction(line)  # a line in Hebrew or Arabic right to left, flush right, as the app shows it
        style = ParagraphStyle("notes_line", parent=body, spaceAfter=body.spaceAfter if i == len(lines) - 1 else 0,
                               alignment=TA_RIGHT if base == "R" else body.alignment)
        if line.strip():
            out.append(stored_order(fonts.markup(line, stored_order=True), fonts.markup(line), style, base))
        else:
            out.append(Spacer(1, style.leading))
    return out


def _recommendation(design: Design, results: Results) -> str:
    rec = results.recommendation
    best = rec.ranking[0] if rec.ranking else None
    reasons = [r.text for r in (best.reasons if best else ()) if r.positive][:2]
    if len(design.sites) < 2:  # no sites to carry voice between ("…between the sites: 0 sites: no voice leaves…")
        text = (f"With {numbers.counted(len(design.sites), 'site')}, no voice crosses the WAN: the advisor "
                f"recommends <b>{tech_label(rec.technology)}</b>.")
    else:
        text = f"The advisor recommends <b>{tech_label(rec.technology)}</b> to carry voice between the sites"
        text += (": " + "; ".join(u(r.rstrip(".")) for r in reasons) + ".") if reasons else "."
    if departs(design, results):
        text += f" The design uses <b>{tech_label(rec.chosen)}</b> instead, as chosen by its author; " \
                "the VPN technology comparison explains the trade-off."
    used = in_use(design, results)
    if used != tech_label(rec.chosen):  # a hybrid WAN whose clouds run technologies of their own
        text += f" Its links use {u(used)}."
    model = results.model
    intended = (f" (intended: {MODEL_LABEL.get(model.intended, model.intended)})" if model.intended not in
                ("auto", model.detected) else "")
    if model.detected == "none":  # never 'follows the no call processing model'
        return text + f" The design has <b>no call processing</b> yet{intended}."
    return text + (f" Call processing follows the <b>{MODEL_LABEL.get(model.detected, model.detected)}</b> model"
                   f"{intended}.")


def link_load(design: Design, results: Results) -> str:
    """The links' busy-hour load in words: how many exceed their capacity, how many of those also put voice above
    the priority-queue share, and how many are above that share only."""
    share = guideline(design.traffic.llq_share)  # as the findings print it: '33 %', never '100.0 %' for 0.9999999
    over = [r for r in results.links if r.status == "overload"]
    over_llq = sum(r.llq_share > design.traffic.llq_share for r in over)
    llq_only = sum(r.status == "llq" for r in results.links)
    if not results.links:
        return "The design has no WAN links to load."
    if not over and not llq_only:
        return (f"Every link carries its busy hour within its capacity, with voice within the priority-queue "
                f"share ({share} of the link).")
    parts = []
    if over:
        text = f"{_links(len(over))} over capacity"
        if over_llq == len(over):
            text += f" ({'all ' + fmt_int(over_llq) + ' ' if len(over) > 1 else 'it is '}also above the " \
                    f"priority-queue share of {share})"
        elif over_llq:
            text += f" ({fmt_int(over_llq)} of them also above the priority-queue share of {share})"
        parts.append(text)
    else:
        parts.append("No link over capacity")
    if llq_only:
        parts.append(f"{_links(llq_only)} within capacity but above the priority-queue share"
                     + ("" if over_llq else f" of {share}") + " (a guideline: the calls fit, with less room "
                     "left for other traffic)")
    return "; ".join(parts) + "."


def _links(n: int) -> str:
    return f"{fmt_int(n)} link{'s' if n != 1 else ''}"


def top_findings(results: Results, count: int = TOP) -> list[tuple[Finding, int]]:
    """The most important finding of each of the `count` most severe kinds (codes), with how many more findings
    that kind has: errors first, then warnings, then information; within a kind, its most severe first."""
    groups: dict[str, list[Finding]] = {}
    for f in sorted(results.findings, key=lambda f: SEVERITY_ORDER[f.severity]):  # stable: the results' order
        groups.setdefault(f.code, []).append(f)
    return [(items[0], len(items) - 1) for items in list(groups.values())[:count]]


def _not_shown(results: Results, tops: list[tuple[Finding, int]]) -> str:
    shown = {f.code for f, _ in tops}
    rest = [f for f in results.findings if f.code not in shown]
    if not rest:
        return ""
    kinds = len({f.code for f in rest})
    counts = [(sum(f.severity == s for f in rest), label) for s, label in
              (("error", "error"), ("warning", "warning"), ("info", "for information"))]
    detail = ", ".join(f"{fmt_int(n)} {label}{'s' if n != 1 and label != 'for information' else ''}"
                       for n, label in counts if n)
    return (f"Not shown here: {fmt_int(len(rest))} more finding{'s' if len(rest) != 1 else ''} of "
            f"{fmt_int(kinds)} other kind{'s' if kinds != 1 else ''} ({detail}); the Findings section lists "
            "every one.")


def _finding_block(f: Finding, more: int) -> Table:
    ink = styles.SEVERITY_INK[f.severity].hexval()[2:]
    body = [p(f'<font color="#{ink}"><b>{f.severity.upper()}</b></font>&nbsp;&nbsp;<b>{u(f.code)}</b> — '
              f"{u(f.message)}", "body"),
            p(f"<b>Why:</b> {u(f.rationale)}", "small"), p(f"<b>Remedy:</b> {u(f.remedy)}", "small")]
    if more:
        body.append(p(f"<b>{fmt_int(more)} more {u(f.code)} finding{'s' if more != 1 else ''}</b> "
                      "of this kind: see Findings.", "small"))
    return Table([[body]], colWidths=[styles.FRAME_WIDTH], hAlign="LEFT",
                 style=[("FONT", (0, 0), (-1, -1), fonts.SANS, 9),
                        ("LINEBEFORE", (0, 0), (0, -1), 2.5, styles.SEVERITY_INK[f.severity]),
                        ("BACKGROUND", (0, 0), (-1, -1), styles.ZEBRA), ("LEFTPADDING", (0, 0), (-1, -1), 8),
                        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)],
                 spaceAfter=4)
