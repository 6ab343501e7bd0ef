"""How the link table's figures are computed: the formulas in words under the table, then the worked explanation
of the busiest link and of the hub's link, the very text `advisor explain --link` prints (advisor.explain)."""

from __future__ import annotations

from reportlab.platypus import KeepTogether

from advisor import numbers
from advisor.explain import Context, Explanation, explain_link
from advisor.model import Design
from advisor.report.sections import p, u
from advisor.results import BOUNDED_LINK, DESIGN_BOUND, LinkResult, Results
from advisor.rules.bandwidth import (
    guideline_share as guideline,  # the findings' own words for a share setting
)

INDENT = "  "  # Explanation.text()'s indent of the lines under the title


def how_to_read(design: Design) -> list:
    gos = numbers.setting_share(design.traffic.gos)  # as typed: never '0.0 %' for 1e-12 nor '100.0 %' for 0.999999
    share = guideline(design.traffic.llq_share)  # as the findings print it: '33 %', '33.5 %', '99.99999 %'
    formulas = (
        ("Calls", f"the fewest circuits n whose Erlang B blocking B(A, n) is at most the grade of service ({gos}), "
                  f"A being the busy-hour traffic offered to the link in Erlangs; on {BOUNDED_LINK} (a site's only "
                  "link, a link of a chain or tree, every access link when all sites meet through one cloud), at "
                  "most the phones on its smaller side (a phone holds one call at a time); on any link, a cut or "
                  f"not, at most the calls {DESIGN_BOUND}."),
        ("kbps per call", "frame bytes × 8 × packets per second / 1,000: the codec's payload with its RTP, UDP "
                          "and IP headers, the VPN's encapsulation and the link's layer 2."),
        ("kbps total", "calls × kbps per call + call signalling (+ intra-cluster traffic between the sites of a "
                       "cluster spread over the WAN)."),
        ("Utilization", "kbps total / capacity kbps."),
        ("LLQ share", f"calls × kbps per call / capacity kbps: the voice share of the priority queue, against the "
                      f"design's {share} guideline."),
    )
    return [p("How to read this table", "h2"),
            p("Every figure is per direction at the busy hour. Each column follows from the one before:")] + \
        [p(f"<b>{name}</b> = {text}", "finding") for name, text in formulas]


def worked_examples(design: Design, results: Results) -> list:
    """The busiest link's explanation and, when it is another link, the hub's. `results` as analysed."""
    if not results.links:
        return []
    ctx = Context(design, results)
    busiest = max(results.links, key=lambda r: (r.utilization, r.kbps))
    hub = _hub_link(design, results)
    flow: list = [p("Worked example: the busiest link", "h2"),
                  p(f"How each figure of <b>{u(ctx.names.link_name(busiest.id))}</b>, the link with the highest "
                    "utilization, was computed: the formula with this design's own numbers, and its sources."
                    + (" It is also the hub's link." if hub is not None and hub.id == busiest.id else ""))]
    flow += explanation_flow(explain_link(ctx, busiest.id))
    if hub is not None and hub.id != busiest.id:
        flow += [p("Worked example: the hub's link", "h2"),
                 p(f"The same for <b>{u(ctx.names.link_name(hub.id))}</b>, the busiest link of the VPN hub "
                   "(the site the other sites' calls and tunnels meet at).")]
        flow += explanation_flow(explain_link(ctx, hub.id))
    return flow


def _hub_link(design: Design, results: Results) -> LinkResult | None:
    from advisor.demand import hub_site

    hub = hub_site(design) if len(design.sites) > 1 else None
    if hub is None:
        return None
    links = [r for r in results.links if hub.id in (r.a, r.b)]
    return max(links, key=lambda r: (r.kbps, r.utilization), default=None)


def explanation_flow(explanations: list[Explanation]) -> list:
    """Each explanation as `Explanation.text()` prints it: the title, then its lines (indents kept), quotes and
    sources; kept together where it is short."""
    flow: list = []
    for e in explanations:
        title, *lines = e.text(INDENT).split("\n")
        block = [p(u(title), "h3")]
        block += [p(_indented(line[len(INDENT):] if line.startswith(INDENT) else line), "explain") for line in lines]
        flow.append(KeepTogether(block))
    return flow


def _indented(line: str) -> str:
    """A line as Paragraph markup, its leading spaces kept (a Paragraph would drop them)."""
    stripped = line.lstrip(" ")
    return "&nbsp;" * (2 * (len(line) - len(stripped))) + u(stripped)
