"""The middle of the document: packet anatomy, VPN comparison and ranking, deployment-model checks."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Table

from advisor.model import Design
from advisor.report import anatomy, fonts, styles
from advisor.report.doc import SectionHeading
from advisor.report.sections import MODEL_LABEL, p, tech_label, u
from advisor.report.tables import cell, data_table, fmt_kbps
from advisor.results import Results

# SPEC §3.3: the seed's Table 1 with its columns restored (the extraction had swapped DMVPN and GRE over IPsec).
SEED_TABLE_1 = (
    ("", "GRE over IPsec", "DMVPN", "GET VPN"),
    ("Infrastructure network", "Public Internet", "Public Internet", "Private WAN (e.g. MPLS VPN)"),
    ("Network style", "Hub-and-spoke (point-to-point tunnels)", "Hub-and-spoke and dynamic spoke-to-spoke",
     "Full mesh (any-to-any)"),
    ("Dynamic routing", "Yes — overlay", "Yes — overlay", "Yes — no overlay (routes on the WAN itself)"),
    ("Encryption style", "Peer-to-peer", "Peer-to-peer", "Group (one group SA from a key server, via GDOI)"),
)
SEED_TABLE_1_SOURCE = ("Table 1 of the seed article \"Security of Applications Moving to a Network\" (T. Mlakar, NIL "
                       "Data Communications), columns as corrected in the product specification §3.3; Cisco's "
                       "DMVPN / FlexVPN / GET VPN comparison agrees.")


def packet_anatomy(number: int, design: Design, results: Results) -> list:
    flow: list = [CondPageBreak(90 * mm), SectionHeading(number, "Per-call packet anatomy")]
    link = anatomy.reference_link(design, results)
    bars, notes = anatomy.anatomy_bars(design, results, link)
    if not bars:
        return [*flow, p("No packet could be computed for this design: " + u("; ".join(notes)))]
    where = (f"on link <b>{u(link.name or link.id)}</b> (the busiest; layer 2 {u(link.l2)})" if link is not None
             else "with no link (layer 2 as the design's default)")
    chosen = bars[0]
    flow.append(p(f"One voice packet of one call, per direction, {where}. The chosen encapsulation, "
                  f"<b>{u(chosen.encapsulation)}</b>, carries a {chosen.frame_bytes}-byte frame "
                  f"({chosen.ip_packet_bytes} B at layer 3), {fmt_kbps(chosen.kbps)} kbps per call per direction; "
                  f"tunnel and security add {chosen.overhead_bytes} B (up to {chosen.max_overhead_bytes} B with "
                  f"worst-case ESP padding). Layer 2: {u(chosen.l2_convention)}."))
    flow.append(KeepTogether([anatomy.anatomy_drawing(bars, styles.FRAME_WIDTH),
                              p("Each bar is one frame, drawn to the same byte scale; numbers inside are bytes.",
                                "caption")]))
    widths = [150, 40, 300]
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    rows, extra = [], []
    for i, seg in enumerate(chosen.segments, start=1):
        rows.append([cell(seg.name, widths[0]), str(seg.bytes), cell(seg.note, widths[2])])
        extra.append(("LINEBEFORE", (0, i), (0, i), 3, colors.HexColor(anatomy.segment_colour(seg))))
    rows.append(["Frame on the wire", str(chosen.frame_bytes), f"IP packet {chosen.ip_packet_bytes} B"])
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
             str(b.ip_packet_bytes), str(b.frame_bytes), str(b.overhead_bytes), str(b.max_overhead_bytes),
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
    seed = [[Paragraph(fonts.markup(c), styles.sheet()["cell_head" if r == 0 or j == 0 else "cell"])
             for j, c in enumerate(row)] for r, row in enumerate(SEED_TABLE_1)]
    flow: list = [CondPageBreak(80 * mm), SectionHeading(number, "VPN technology comparison"),
                  p(f"Recommended: <b>{tech_label(rec.technology)}</b>. In use: <b>{tech_label(rec.chosen)}</b>"
                    + (" (the author's choice; the checks below flag any conflict)." if rec.chosen != rec.technology
                       else ".")),
                  p("The seed's comparison of IPsec solutions", "h2"),
                  Table(seed, colWidths=widths, hAlign="LEFT", style=head_style), p(SEED_TABLE_1_SOURCE, "caption"),
                  p("Ranking for this design", "h2")]
    widths = [18, 120, 40, 60, 50]
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    rows = [[str(i), tech_label(c.technology) + (" (recommended)" if c.technology == rec.technology else "")
             + (" (in use)" if c.technology == rec.chosen and rec.chosen != rec.technology else ""),
             f"{c.score:.1f}", fmt_kbps(c.per_call_kbps) if c.per_call_kbps is not None else "—",
             str(c.tunnels) if c.tunnels is not None else "—"] for i, c in enumerate(rec.ranking, start=1)]
    flow.append(data_table(["#", "Technology", "Score", "kbps per call (L3)", "Tunnels"], rows, widths,
                           right_cols=(0, 2, 3, 4),
                           extra_style=[("FONT", (0, 1), (-1, 1), fonts.SANS_BOLD, 7.5, 9.2)] if rows else []))
    flow.append(p("Reasons", "h2"))
    widths = [12, 420, 58]
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    sources: dict[tuple[str, str], None] = {}
    for i, c in enumerate(rec.ranking, start=1):
        rows, extra = [], []
        for j, r in enumerate(c.reasons, start=1):
            rows.append(["+" if r.positive else "−", cell(r.text, widths[1]), r.rule])
            extra.append(("TEXTCOLOR", (0, j), (0, j), styles.OK_INK if r.positive else styles.ERROR_INK))
            if r.source and r.rule:
                sources[(r.rule, r.source)] = None
        head = p(f"{i}. {tech_label(c.technology)} — score {c.score:.1f}", "h3")
        if not rows:
            flow += [head, p("No reasons recorded.", "small")]
            continue
        extra.append(("FONT", (0, 1), (0, -1), fonts.SANS_BOLD, 9, 11))
        flow.append(KeepTogether([head, data_table(["", "Reason", "Rule"], rows, widths, extra_style=extra)]))
    if sources:
        widths = [50, 440]
        widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
        rows = [[rule, cell(source, widths[1])] for rule, source in sorted(sources, key=_rule_key)]
        flow += [p("Where each rule comes from", "h2"), data_table(["Rule", "Source"], rows, widths)]
    return flow


def _rule_key(item: tuple[str, str]) -> tuple:
    """VPN-R2 before VPN-R10."""
    head, _, tail = item[0].rpartition("R")
    return (head, int(tail) if tail.isdigit() else 0, item[0])


def deployment(number: int, design: Design, results: Results) -> list:
    m = results.model
    names = {s.id: s.name or s.id for s in design.sites}
    flow: list = [CondPageBreak(60 * mm), SectionHeading(number, "Deployment-model checks"),
                  p(f"Detected model: <b>{MODEL_LABEL.get(m.detected, m.detected)}</b>; intended: "
                    f"<b>{MODEL_LABEL.get(m.intended, m.intended)}</b>. Call-processing sites: "
                    + (", ".join(u(names.get(s, s)) for s in m.call_processing_sites) or "none") + ".")]
    for cluster, members in sorted(m.clusters.items()):
        flow.append(p(f"Cluster <b>{u(cluster)}</b>: " + ", ".join(u(names.get(s, s)) for s in members), "small"))
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
