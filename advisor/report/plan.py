"""The configuration plan the design implies: the marking plan, per link the priority queue, the signalling class,
the intra-cluster traffic and the call admission control values, and the worst mouth-to-ear delay, term by term."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether

from advisor import numbers
from advisor.model import Design
from advisor.report import styles
from advisor.report.doc import SectionHeading
from advisor.report.sections import p, u
from advisor.report.tables import cell, data_table, fmt_int, fmt_kbps
from advisor.results import Results
from advisor.rules import cac, qos
from advisor.rules._names import names_for, tech_label
from advisor.rules.delay import ms as delay_ms
from advisor.rules.delay import path_text

MARKING = (
    ("Voice (audio)", "EF", "46", "the priority queue"),
    ("Call signalling (SCCP, SIP)", "CS3", "24", "a guaranteed bandwidth class"),
    ("Video (room and desktop)", "AF41", "34", "a video class; Jabber and desktop video AF42 (36)"),
)
MARKING_SOURCE = ("Preferred Architecture for Cisco Collaboration 14 Enterprise On-Premises (CVD), 'Bandwidth "
                  "Management': \u201cMark all audio with Expedited Forwarding class EF \u2026 Mark all call "
                  "signaling with CS3.\u201d")


def plan(number: int, design: Design, results: Results) -> list:
    flow: list = [CondPageBreak(60 * mm), SectionHeading(number, "Quality of service, admission control and delay")]
    if not design.sites:
        return [*flow, p("No sites yet.")]
    widths = [140, 40, 40, 270]
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    rows = [[cell(what, widths[0]), phb, dscp, cell(queue, widths[3])] for what, phb, dscp, queue in MARKING]
    flow += [p("Marking plan", "h2"), data_table(["Traffic", "Class", "DSCP", "Queued in"], rows, widths,
                                                 right_cols=(2,)),
             p(u(MARKING_SOURCE), "caption")]
    flow += _per_link(design, results)
    flow += _delay(design, results)
    return flow


def _per_link(design: Design, results: Results) -> list:
    carrying = [r for r in results.links if r.calls or r.cluster_kbps]
    if not carrying:
        return []
    link_name = names_for(design).link_name  # 'Lyon – MPLS VPN', or 'Lyon (b1) – MPLS VPN (l2)' as the findings
    per_call, rule = cac.per_call_kbps(design.voice.codec)
    header = ["Link", "Technology", "Calls", "Priority queue\nkbps", "Signalling\nCS3 kbps", "Cluster\nkbps",
              "CAC audio\nkbps"]
    widths = [140, 80, 34, 52, 52, 48, 52]
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    rows = []
    for r in carrying:
        rows.append([cell(link_name(r.id), widths[0]), cell(tech_label(r.technology), widths[1]), fmt_int(r.calls),
                     fmt_int(qos.priority_kbps(r.voice_kbps)), fmt_kbps(r.signalling_kbps),
                     fmt_kbps(r.cluster_kbps) if r.cluster_kbps else "—", fmt_kbps(r.calls * per_call)])
    return [p("Per link", "h2"),
            p("Per direction, from the sizing: the priority queue holds the busy hour's concurrent calls with every "
              "header and layer 2 counted; signalling gets a CS3 class; clustering over the WAN adds its "
              "intra-cluster traffic (ICCS and database replication) to the links between server sites. The "
              f"call admission control value is the calls times {per_call:g} kbps, in CUCM's own units "
              f"({u(rule)}; Preferred Architecture for Cisco Collaboration 14, 'Bandwidth Management')."),
            data_table(header, rows, widths, right_cols=(2, 3, 4, 5, 6))]


def _delay(design: Design, results: Results) -> list:
    d = results.delay
    if d is None:
        return [p("Mouth-to-ear delay", "h2"), p("No calls cross the WAN: no delay budget to check.")]
    path = path_text(design, d.path)  # as the deployment checks print it: named alike, with ids; a long one shortened
    widths = [200, 60]
    rows = [[term, delay_ms(ms)] for term, ms in d.terms]  # as the deployment checks and the findings print them
    rows.append(["Mouth to ear", delay_ms(d.total_ms)])
    verdict = "within" if d.total_ms <= d.target_ms + 1e-9 else "above"
    return [KeepTogether([
        p("Mouth-to-ear delay", "h2"),
        p(f"The worst path between sites with phones: <b>{u(path)}</b>. Its one-way budget is "
          f"{delay_ms(d.total_ms)} ms, {verdict} the {numbers.setting(d.target_ms, grouped=True)} ms target (ITU-T G.114 puts 150 ms for most "
          "applications; Cisco's 'Understanding Delay in Packet Voice Networks' plans with 200 ms, 250 ms as a "
          f"limit). Coder delay: {u(d.coder_source)}."),
        data_table(["Term", "ms"], rows, widths, right_cols=(1,)),
    ])]

