"""The middle of the document: packet anatomy, VPN comparison and ranking, deployment-model checks."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Table

from advisor.model import Design
from advisor.report import anatomy, fonts, styles
from advisor.report.doc import SectionHeading
from advisor.report.paragraphs import Para
from advisor.report.sections import MODEL_LABEL, l2_name, p, u
from advisor.report.table1 import FIT_LABEL, SEED_TABLE_1, SEED_TABLE_1_SOURCE
from advisor.report.tables import cell, data_table, fmt_int, fmt_kbps
from advisor.report.vpn_use import departs, in_use, technologies
from advisor.results import Results
from advisor.rules._names import names_for, tech_label

TRANSPORT_TITLES = {"internet": "Internet", "mpls": "MPLS", "private-wan": "Private WAN", "leased": "Leased line"}


def packet_anatomy(number: int, design: Design, results: Results) -> list:
    flow: list = [CondPageBreak(90 * mm), SectionHeading(number, "Per-call packet anatomy")]
    link = anatomy.reference_link(design, results)
    bars, notes = anatomy.anatomy_bars(design, results, link)  # (no link: priced on a link's defaults)
    if not bars:
        return [*flow, p("No packet could be computed for this design: " + u("; ".join(notes)))]
    # "the busiest" named two links in one document: the worked example's (highest utilization) and this one
    # (most calls); and its id alone where every other section names a link by its ends
    where = "with no link (layer 2 as the design's default)"
    if link is not None:
        name = names_for(design).link_name(link.id)  # 'Maribor – MPLS', or 'Maribor – MPLS (l2)' when two read alike
        ident = "" if name == link.id or name.endswith(f"({link.id})") else f"{link.id}, "
        where = (f"on link <b>{u(name)}</b> ({u(ident)}the link with the most calls; layer 2 "
                 f"{u(l2_name(link.l2))})")
    chosen = bars[0]
    flow.append(p(f"One voice packet of one call, per direction, {where}. The chosen encapsulation, "
                  f"<b>{u(chosen.encapsulation)}</b>, carries a {chosen.frame_bytes:,}-byte frame "
                  f"({chosen.ip_packet_bytes:,} B at layer 3), {fmt_kbps(chosen.kbps)} kbps per call per direction; "
                  f"tunnel and security add {chosen.overhead_bytes:,} B (up to {chosen.max_overhead_bytes:,} B with "
                  f"worst-case ESP padding). Layer 2: {u(chosen.l2_convention)}."))
    flow.append(KeepTogether([anatomy.anatomy_drawing(bars, styles.FRAME_WIDTH),
                              p("Each bar is one frame, drawn to the same byte scale; numbers inside are bytes.",
                                "caption")]))
    widths = [150, 40, 300]
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    rows, extra = [], []
    for i, seg in enumerate(chosen.segments, start=1):
        rows.append([cell(seg.name, widths[0]), f"{seg.bytes:,}", cell(seg.note, widths[2])])
        extra.append(("LINEBEFORE", (0, i), (0, i), 3, colors.HexColor(anatomy.segment_colour(seg))))
    rows.append(["Frame on the wire", f"{chosen.frame_bytes:,}", f"IP packet {chosen.ip_packet_bytes:,} B"])
    extra.append(("FONT", (0, len(rows)), (-1, len(rows)), fonts.SANS_BOLD, 7.5, 9.2))
    flow += [p(f"Layers of the chosen packet ({u(tech_label(chosen.technology))}), in wire order", "h2"),
             data_table(["Layer", "Bytes", "Note"], rows, widths, right_cols=(1,), extra_style=extra),
             p("How the figures follow", "h2")]
    flow += [Paragraph(fonts.markup(line), styles.sheet()["mono"]) for line in chosen.formula]
    comp_header = ["Technology", "Encapsulation", "IP packet B", "Frame B", "VPN overhead B", "Worst case B",
                   "kbps (L3)", "kbps (with L2)"]
    cw = [62, 170, 38, 34, 40, 38, 40, 44]
    cw = [w * styles.FRAME_WIDTH / sum(cw) for w in cw]
    comp = [[cell(tech_label(b.technology) + (" (chosen)" if b.chosen else ""), cw[0]), cell(b.encapsulation, cw[1]),
             fmt_int(b.ip_packet_bytes), fmt_int(b.frame_bytes), fmt_int(b.overhead_bytes),
             fmt_int(b.max_overhead_bytes),  # grouped as the paragraph above prints them ('a 1,071-byte frame')
             fmt_kbps(b.kbps_ip), fmt_kbps(b.kbps)] for b in bars]
    flow += [p("Chosen encapsulation against the alternatives", "h2"),
             data_table(comp_header, comp, cw, right_cols=(2, 3, 4, 5, 6, 7),
                        extra_style=[("BACKGROUND", (0, 1), (-1, 1), styles.HEADER_FILL)])]
    if notes:
        flow.append(p("Not applicable here: " + "; ".join(u(n) for n in notes), "caption"))
    return flow


def vpn(number: int, design: Design, results: Results) -> list:
    rec = results.recommendation
    head_style = styles.table_style(right_cols=())
    widths = [34 * mm] + [(styles.FRAME_WIDTH - 34 * mm) / 3] * 3
    seed = [[Para(fonts.markup(c), styles.sheet()["cell_head" if r == 0 or j == 0 else "cell"])
             for j, c in enumerate(row)] for r, row in enumerate(SEED_TABLE_1)]
    flow: list = [CondPageBreak(80 * mm), SectionHeading(number, "VPN technology comparison"),
                  p(f"Recommended: <b>{tech_label(rec.technology)}</b>. In use: <b>{u(in_use(design, results))}</b>"
                    + (" (the author's choice; the checks below flag any conflict)." if departs(design, results)
                       else ".")
                    + (" Some clouds run a technology of their own: see 'Per transport' below." if rec.per_cloud
                       else "")
                    + " Each candidate is priced on this design's own links (their layer 2, cRTP where it survives "
                      "the encapsulation, SRTP, the cipher) with the calls each link carries. A candidate that leaves "
                      "a need unmet ranks last; one that overloads a link ranks below one that only fills a priority "
                      "queue, and that below one that fits; the reasons order the rest.")]
    if rec.per_transport:
        widths_t = [70, 110, 110, 200]
        widths_t = [w * styles.FRAME_WIDTH / sum(widths_t) for w in widths_t]
        link_name = names_for(design).link_name  # as the findings name a link: 'Lyon (b1) – MPLS VPN'
        rows_t = [[TRANSPORT_TITLES.get(t.transport, t.transport), cell(tech_label(t.technology), widths_t[1]),
                   cell(tech_label(t.chosen), widths_t[2]),
                   cell(", ".join(link_name(k) for k in t.links[:6]) + (f" and {len(t.links) - 6:,} more"
                                                                           if len(t.links) > 6 else ""), widths_t[3])]
                  for t in rec.per_transport]
        flow += [p("Per transport", "h2"),
                 p("A hybrid WAN may run one technology per transport: each is ranked on its own links."),
                 data_table(["Transport", "Recommended", "In use", "Links"], rows_t, widths_t)]
    flow += [p("Comparison of IPsec solutions in the article", "h2"),
             Table(seed, colWidths=widths, hAlign="LEFT", style=head_style), p(SEED_TABLE_1_SOURCE, "caption"),
             p("Ranking for this design", "h2")]
    used = set(technologies(design, results))
    widths = [18, 130, 80, 62, 40, 42]
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    rows = [[str(i), cell(tech_label(c.technology) + (" (recommended)" if c.technology == rec.technology else "")
                          + (" (in use)" if c.technology != rec.technology and c.technology in used else ""),
                          widths[1]),
             FIT_LABEL.get(c.fits, c.fits), fmt_kbps(c.per_call_kbps) if c.per_call_kbps is not None else "—",
             fmt_int(c.tunnels) if c.tunnels is not None else "—",  # as the reasons count them: '1,499 tunnels'
             fmt_int(c.key_servers) if c.key_servers is not None else "—"] for i, c in enumerate(rec.ranking, start=1)]
    flow.append(data_table(["#", "Technology", "On these links", "kbps per call, busiest link", "Tunnels",
                            "Key servers"], rows, widths, right_cols=(0, 3, 4, 5),
                           extra_style=[("FONT", (0, 1), (-1, 1), fonts.SANS_BOLD, 7.5, 9.2)] if rows else []))
    flow.append(p("Reasons", "h2"))
    widths = [12, 478]
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    sources: dict[str, None] = {}
    for i, c in enumerate(rec.ranking, start=1):
        rows, extra = [], []
        for j, r in enumerate(c.reasons, start=1):
            rows.append(["+" if r.positive else "−", cell(r.text, widths[1])])
            extra.append(("TEXTCOLOR", (0, j), (0, j), styles.OK_INK if r.positive else styles.ERROR_INK))
            if r.source:
                sources[r.source] = None
        head = p(f"{i}. {tech_label(c.technology)}", "h3")
        if not rows:
            flow += [head, p("No reasons recorded.", "small")]
            continue
        extra.append(("FONT", (0, 1), (0, -1), fonts.SANS_BOLD, 9, 11))
        flow.append(KeepTogether([head, data_table(["", "Reason"], rows, widths, extra_style=extra)]))
    if sources:
        flow += [p("Sources of the reasons", "h2")] + [p(u(source), "small") for source in sorted(sources)]
    return flow


def deployment(number: int, design: Design, results: Results) -> list:
    m = results.model
    node = names_for(design).node  # two sites named alike carry their ids ('Lyon (b1)'), as the checks print them
    flow: list = [CondPageBreak(60 * mm), SectionHeading(number, "Deployment-model checks"),
                  p(f"Detected model: <b>{MODEL_LABEL.get(m.detected, m.detected)}</b>; intended: "
                    f"<b>{MODEL_LABEL.get(m.intended, m.intended)}</b>. Call-processing sites: "
                    + (", ".join(u(node(s)) for s in m.call_processing_sites) or "none") + ".")]
    for cluster, members in m.clusters.items():  # in the checks' order below (design order), not 'c10' before 'c2'
        flow.append(p(f"Cluster <b>{u(cluster)}</b>: " + ", ".join(u(node(s)) for s in members), "small"))
    widths = [120, 40, 330]
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    rows, extra = [], []
    for i, (check, verdict, detail) in enumerate(m.checks, start=1):
        rows.append([cell(check, widths[0]), verdict, cell(detail, widths[2])])
        fill = {"ok": styles.OK_INK, "fail": styles.ERROR_INK}.get(verdict)
        if fill is not None:
            extra += [("TEXTCOLOR", (1, i), (1, i), fill), ("FONT", (1, i), (1, i), fonts.SANS_BOLD, 7.5, 9.2)]
    if rows:
        flow.append(data_table(["Check", "Verdict", "Detail"], rows, widths, extra_style=extra))
    else:
        flow.append(p("No deployment checks apply to this design."))
    return flow
