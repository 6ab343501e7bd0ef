"""The bid's tables as spreadsheet sheets (``advisor.tabular``): link sizing, sites, findings, the bill of
materials and the options compared, for the app's File ▸ Export Tables and `advisor check --xlsx / --csv`. Numbers stay numbers (kbps with two decimals shown, shares as percent numbers), so a
spreadsheet sums and sorts them; the headers carry the units. No Qt here.
"""

from __future__ import annotations

from advisor import bom
from advisor.model import Design
from advisor.numbers import count
from advisor.results import Results
from advisor.rules._names import tech_label
from advisor.shown_names import by_id, name_or
from advisor.tabular import MAX_CELL_TEXT, Sheet, sheet

KBPS = "#,##0.00"
PERCENT = "0.0"
ERLANGS = "#,##0.000"
COUNT = "#,##0"
STATUS_WORDS = {"ok": "ok", "llq": "over the priority-queue share", "overload": "overloaded"}
SEVERITY_WORDS = {"error": "error", "warning": "warning", "info": "information"}


def _named(design: Design) -> str:
    """The design's name in a sheet's title; a name of blanks or of characters that show nothing reads "Untitled
    design", as the PDF's cover and the command line's summary read it."""
    return name_or(design.name, "Untitled design")


def _names(design: Design) -> dict[str, str]:
    return by_id((*design.sites, *design.clouds))


def links_sheet(design: Design, results: Results) -> Sheet:
    names = _names(design)
    link_names = {x.id: x.name for x in design.links}
    rows = [(x.id, link_names.get(x.id, ""), names.get(x.a, x.a), names.get(x.b, x.b), x.erlangs, x.calls,
             x.per_call_kbps, x.voice_kbps, x.signalling_kbps, x.cluster_kbps, x.kbps, x.capacity_kbps,
             x.utilization * 100, x.llq_share * 100, STATUS_WORDS.get(x.status, x.status), tech_label(x.technology),
             x.encapsulation, x.l2) for x in results.links]
    return sheet("Link sizing",
                 ("Link", "Link name", "End A", "End B", "Offered traffic (Erlangs)", "Busy-hour calls",
                  "Per call (kbps)", "Voice (kbps)", "Signalling (kbps)", "Intra-cluster (kbps)", "Total (kbps)",
                  "Capacity (kbps)", "Utilization (%)", "Voice share of the link (%)", "Status", "VPN technology",
                  "Encapsulation", "Layer 2"),
                 rows, f"Link sizing, per direction at the busy hour: {_named(design)}",
                 (None, None, None, None, ERLANGS, COUNT, KBPS, KBPS, KBPS, KBPS, KBPS, KBPS, PERCENT, PERCENT, None,
                  None, None, None))


def sites_sheet(design: Design, results: Results) -> Sheet:
    kinds = {"hq": "HQ", "branch": "branch", "datacenter": "data centre"}
    by_id = {s.id: s for s in design.sites}
    rows = []
    for r in results.sites:
        site = by_id.get(r.id)
        rows.append((r.id, r.name, kinds.get(site.kind, site.kind) if site else "", r.users, r.phones, r.erlangs,
                     r.wan_erlangs, r.pstn_erlangs, r.pstn_trunks, r.signalling_kbps,
                     site.call_processing_nodes if site else 0, site.survivability if site else ""))
    return sheet("Sites",
                 ("Site", "Name", "Type", "Users", "Phones", "Busy-hour traffic (Erlangs)", "WAN traffic (Erlangs)",
                  "PSTN traffic (Erlangs)", "PSTN trunks (channels)", "Signalling (kbps)",
                  "Call-processing nodes", "Survivability"),
                 rows, f"Sites: {_named(design)}",
                 (None, None, None, COUNT, COUNT, ERLANGS, ERLANGS, ERLANGS, COUNT, KBPS, COUNT, None))


def findings_sheet(design: Design, results: Results) -> Sheet:
    names = {**_names(design), **by_id(design.links)}
    rows = [(SEVERITY_WORDS.get(f.severity, f.severity), f.code, listed([names.get(s, s) for s in f.subjects]),
             f.message, f.rationale, f.remedy, f.source) for f in results.findings]
    return sheet("Findings", ("Severity", "Code", "Concerns", "Finding", "Why", "What to do", "Source"), rows,
                 f"Findings: {_named(design)}")


def listed(names: list[str], limit: int = MAX_CELL_TEXT) -> str:
    """Names joined by ', ', as many whole ones as one spreadsheet cell holds (Excel's 32,767 characters), then how
    many more: a finding on every site of a 20,000-site design named them all in one 3 MB cell, which the CSV file
    carried whole and the workbook cut in the middle of a name."""
    text = ", ".join(names)
    if len(text) <= limit:
        return text
    shown: list[str] = []
    size = 0
    for name in names:
        if size + len(name) + len(", … and 1,000,000 more") > limit:
            break
        shown.append(name)
        size += len(name) + 2
    return ", ".join([*shown, f"… and {count(len(names) - len(shown))} more"])


def comparison_sheet(design: Design, outcomes) -> Sheet:
    """The options compared, one row per measure and one column per option, as `advisor compare --xlsx` writes."""
    from advisor.scenarios import comparison_rows as rows

    header, body = rows(outcomes, design, raw=True)
    return sheet("Options compared", ["measure", *header[1:]], body, title=f"Options compared: {_named(design)}",
                 row_formats=[measure_format(row[0]) for row in body])


def measure_format(measure: str) -> str | None:
    """The number format of one measure's row: a spreadsheet showed 36621.92 kbps and 1234 trunks ungrouped."""
    if measure.endswith("(kbps)"):
        return KBPS
    if measure.endswith("(%)"):
        return PERCENT
    if measure.endswith("(ms)"):
        return None  # 2.5 or 20 ms, never four digits ("#,##0.##" shows "20." in Excel)
    return COUNT


def all_sheets(design: Design, results: Results, items, options, outcomes) -> list[Sheet]:
    """Every table of the bid, in the workbook's order (`outcomes` None: no comparison sheet)."""
    out = [links_sheet(design, results), sites_sheet(design, results), findings_sheet(design, results),
           *bom.sheets(design, items, options)]
    if outcomes is not None:
        out.append(comparison_sheet(design, outcomes))
    return out
