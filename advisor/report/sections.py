"""The first half of the document: cover, contents, executive summary, topology, sites and links."""

from __future__ import annotations

import re

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, Spacer, Table

from advisor import __version__, numbers
from advisor.choice_words import L2_NAMES, shown
from advisor.model import Design
from advisor.report import dates, diagram, fonts, styles
from advisor.report.doc import Contents, Para, SectionHeading
from advisor.report.tables import cell, data_table, fmt_erlang, fmt_int, fmt_kbps
from advisor.results import Results
from advisor.rules._names import MODEL_LABELS, names_for
from advisor.shown_names import shows
from advisor.traffic import PSTN_TRUNKS

MODEL_LABEL = MODEL_LABELS  # the deployment models' names, one table (advisor.rules._names)
STATUS_LABEL = {"ok": "ok", "llq": "over LLQ", "overload": "overload"}


def l2_short(link, result) -> str:
    """'Ethernet (18 B)' from the sizing's long convention text (the layer 2 by name, as the Inspector's list shows
    it, never its id); the full text is in the assumptions."""
    found = re.search(r"=\s*(\d+)\s*B\b", result.l2)
    return f"{l2_name(link.l2)} ({found.group(1)} B)" if found else result.l2


def l2_name(l2: str) -> str:
    """'ethernet' -> 'Ethernet'; an id no list names, as it is."""
    return L2_NAMES.get(l2, l2)


def survivability(site) -> str:
    """'SRST (ISR4321)': the site's survivability as the Inspector names it, with its platform."""
    words = shown("survivability", site.survivability)
    return words if site.survivability == "none" or not site.srst_platform else f"{words} ({site.srst_platform})"


def p(text: str, style: str = "body") -> Paragraph:
    """A paragraph of our own markup (already escaped where it holds user text)."""
    return Para(text, styles.sheet()[style])


def u(text: object) -> str:
    """User text made safe for Paragraph markup, within a paragraph of our prose (`p`): a Hebrew or Arabic name in
    it is ordered line by line as the paragraph is drawn (`visual.marked`)."""
    return fonts.markup(text, prose=True)


def cover(design: Design) -> list:
    issued = dates.long_date(design.issued) if design.issued is not None else ""
    rows = [("Customer", design.customer), ("Author", design.author), ("Issued", issued), ("Date", design.date or ""),
            ("CUCM release", design.cucm_release), ("Tool", f"UC Design Advisor {__version__}")]
    rows = [(label, value if shows(value) else "") for label, value in rows]
    table = Table([[p(f"<b>{label}</b>", "small"), p(u(value) or "—", "body")] for label, value in rows
                   if value or label in ("Customer", "Tool")],
                  colWidths=[32 * mm, 120 * mm], hAlign="LEFT",
                  style=[("FONT", (0, 0), (-1, -1), fonts.SANS, 9), ("LINEBELOW", (0, 0), (-1, -1), 0.25, styles.RULE),
                         ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                         ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)])
    return [Spacer(1, 55 * mm), p("UNIFIED COMMUNICATIONS WAN DESIGN", "cover_sub"), cover_title(shown_name(design.name)),
            p("Voice bandwidth sizing, VPN technology, call-processing deployment and security", "cover_sub"),
            Spacer(1, 18 * mm), table]


COVER_TITLE_SIZES = ((26, 32), (18, 22), (13, 16))  # font size and leading, largest first
COVER_TITLE_LINES = 4  # lines of the largest size the title may take; a longer one is set smaller


def shown_name(name: str) -> str:
    """The design's name as the document prints it: a name of blanks only (allowed) reads "Untitled design", as a
    new design is called, rather than an empty cover and page header; so does a name of characters that show
    nothing (a zero-width space, a joiner, a direction mark), which printed an empty title."""
    return name if shows(name) else "Untitled design"



def labelled(design: Design) -> Design:
    """The design as the document names its sites, clouds and links: a name of blanks or of characters that show
    nothing is no name, so the part is called by its id (a link by its ends), as the findings call it; it printed
    an empty row in the sites table and an empty label on the diagram. The design itself when no name needs it."""
    def unnamed(items):
        fixed = [i if not i.name or shows(i.name) else i.model_copy(update={"name": ""}) for i in items]
        return tuple(fixed) if any(a is not b for a, b in zip(fixed, items, strict=True)) else None

    update = {key: fixed for key in ("sites", "clouds", "links")
              if (fixed := unnamed(getattr(design, key))) is not None}
    return design.model_copy(update=update) if update else design


def cover_title(name: str) -> Paragraph:
    """The design's name on the cover, in the largest size that keeps it within four lines of the largest: 200
    wide letters at 26 points took twelve lines and pushed the cover's table onto a second page."""
    base = styles.sheet()["cover_title"]
    room = COVER_TITLE_LINES * COVER_TITLE_SIZES[0][1]
    for size, leading in COVER_TITLE_SIZES:
        style = base if size == base.fontSize else ParagraphStyle(f"cover_title_{size}", parent=base, fontSize=size,
                                                                  leading=leading)
        title = Para(u(name), style)
        if title.wrap(styles.FRAME_WIDTH, styles.FRAME_HEIGHT)[1] <= room:
            break
    return title


def contents(titles: list[str]) -> list:
    return [p("Contents", "h1"), Spacer(1, 4 * mm), Contents(titles)]


def topology(number: int, design: Design, results: Results) -> list:
    links = {link.id: link for link in results.links}
    flow: list = [PageBreak(), SectionHeading(number, "Topology")]
    drawings = diagram.topology_drawings(design, links, styles.FRAME_WIDTH, styles.FRAME_HEIGHT - 70)
    if not drawings:
        return [*flow, p("The design has no sites or clouds yet.")]
    for i, (drawing, caption) in enumerate(drawings):
        if i == 1:
            flow.append(PageBreak())
        flow.append(KeepTogether([drawing, p(caption, "caption")]))
    return flow


def sites(number: int, design: Design, results: Results) -> list:
    by_id = {s.id: s for s in results.sites}
    header = ["Site", "Kind", "Users", "Phones", "Call\nprocessing", "Survivability", "PSTN\ngateway",
              "Busy-hour\nErl", "WAN\nErl", "PSTN\ntrunks", "Signalling\nkbps"]
    widths = [70, 54, 30, 34, 52, 88, 36, 44, 30, 32, 46]  # room for the words "Data centre", "SRST (ISR4321)"
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    rows = []
    node = names_for(design).node  # two sites named alike carry their ids ('Lyon (b1)'), as the findings name them
    for site in design.sites:
        r = by_id.get(site.id)
        cp = "—"
        if site.call_processing_nodes:
            cp = ("pub + " if site.cucm_publisher else "") + f"{site.cucm_subscribers} sub · {site.cluster_id}"
        rows.append([cell(node(site.id), widths[0]), shown("kind", site.kind), fmt_int(site.users),
                     fmt_int(site.phone_count), cell(cp, widths[4]), cell(survivability(site), widths[5]),
                     "yes" if site.pstn_gateway else "no",
                     fmt_erlang(r.erlangs) if r else "—", fmt_erlang(r.wan_erlangs) if r else "—",
                     fmt_int(r.pstn_trunks) if r else "—", fmt_kbps(r.signalling_kbps) if r else "—"])
    flow = [CondPageBreak(60 * mm), SectionHeading(number, "Sites"),
            p("Busy-hour traffic per site from the traffic model (see 'Assumptions and sources'); PSTN trunks at "
              f"the design's grade of service: {PSTN_TRUNKS}.")]
    if not rows:
        return [*flow, p("No sites.")]
    flow.append(data_table(header, rows, widths, right_cols=(2, 3, 7, 8, 9, 10), nowrap_cols=(1, 5, 6)))
    return flow


def links(number: int, design: Design, results: Results, raw: Results | None = None) -> list:
    """The link table, how to read it, and the worked explanation of the busiest and the hub's link (from `raw`,
    the results as analysed, so that the text is the one `advisor explain` prints)."""
    from advisor.report import explained

    names = names_for(design)
    ends_of = names.ends  # 'Maribor – MPLS VPN', as the findings write a link's ends
    by_id = {link.id: link for link in results.links}
    header = ["Link", "Ends", "Layer 2", "Calls", "kbps\nper call", "kbps\ntotal", "Capacity\nkbps",
              "Utilization", "LLQ\nshare", "Status"]
    widths = [50, 104, 60, 28, 38, 44, 44, 46, 34, 46]
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    rows, extra = [], []
    llq = design.traffic.llq_share
    for i, link in enumerate(design.links, start=1):
        r = by_id.get(link.id)
        ends = ends_of(link.a, link.b)
        label = names.link_name(link.id) if link.name else link.id  # two links named alike carry their ids
        if r is None:
            rows.append([cell(label, widths[0]), cell(ends, widths[1]), l2_name(link.l2), "—", "—",
                         "—", fmt_kbps(link.capacity_kbps), "—", "—", "not sized"])
            continue
        rows.append([cell(label, widths[0]), cell(ends, widths[1]), cell(l2_short(link, r), widths[2]),
                     fmt_int(r.calls), fmt_kbps(r.per_call_kbps), fmt_kbps(r.kbps), fmt_kbps(r.capacity_kbps),
                     numbers.percent_against(r.utilization, 1.0), numbers.percent_against(r.llq_share, llq),
                     STATUS_LABEL.get(r.status, r.status)])
        if r.status != "ok":
            fill = styles.ERROR_FILL if r.status == "overload" else styles.WARNING_FILL
            ink = styles.ERROR_INK if r.status == "overload" else styles.WARNING_INK
            extra += [("BACKGROUND", (0, i), (-1, i), fill), ("TEXTCOLOR", (7, i), (9, i), ink),
                      ("FONT", (9, i), (9, i), fonts.SANS_BOLD, 7.5, 9.2)]
    flow = [CondPageBreak(60 * mm), SectionHeading(number, "Links"),
            p("Per direction at the busy hour: concurrent calls by Erlang B on the traffic offered to the link, "
              "times the per-call bandwidth with the link's encapsulation and layer 2, plus call signalling and, "
              "between the sites of a cluster spread over the WAN, its intra-cluster traffic. Rows in red exceed "
              "the link's capacity; rows in amber put voice above the priority-queue (LLQ) guideline.")]
    if not rows:
        return [*flow, p("No links.")]
    flow.append(data_table(header, rows, widths, right_cols=(3, 4, 5, 6, 7, 8), nowrap_cols=(2, 9),
                           extra_style=extra))
    encaps = sorted({r.encapsulation for r in results.links})
    if encaps:
        flow.append(p("Encapsulation: " + "; ".join(u(e) for e in encaps) + ".", "caption"))
    flow += explained.how_to_read(design)
    flow += explained.worked_examples(design, raw or results)
    mtu = [f for f in results.findings if f.code == "BW-MTU"]
    if mtu:  # one per tunnel technology: each knows whether it has a tunnel interface to set
        flow.append(p("MTU and fragmentation", "h2"))
        flow += [p(u(f"{f.message}. {f.remedy}")) for f in mtu]
    return flow
