"""Assembles the document: cover, contents, the ten numbered sections, then one layout pass with progress."""

from __future__ import annotations

import io

from reportlab.platypus import KeepTogether, NextPageTemplate, PageBreak, Table

from advisor.model import Design
from advisor.report import Cancelled, appendix, checks, fonts, keep, plan, sections, summary, wording
from advisor.report.doc import Progress, ReportDoc, SectionHeading
from advisor.results import Results

# The document's sections in order: each entry builds its section's flowables, starting with its heading.
SECTIONS = (
    summary.summary,
    sections.topology,
    sections.sites,
    sections.links,
    checks.packet_anatomy,
    checks.vpn,
    checks.deployment,
    plan.plan,
    appendix.checklist,
    appendix.findings,
    appendix.assumptions,
)


def build(design: Design, results: Results, progress: Progress | None = None) -> bytes:
    def report(fraction: float, message: str) -> None:
        if progress is not None and progress(fraction, message) is False:
            raise Cancelled("report cancelled")

    report(0.0, "Preparing fonts")
    results = wording.for_customer(results)
    fonts.register()
    titles: list[str] = []  # filled below; the contents page draws them at layout time
    flow: list = [NextPageTemplate("cover"), *sections.cover(design), NextPageTemplate("body"), PageBreak(),
                  *sections.contents(titles), PageBreak()]
    for number, section in enumerate(SECTIONS, start=1):
        report(0.02 + 0.18 * (number - 1) / len(SECTIONS), f"Writing section {number} of {len(SECTIONS)}")
        part = section(number, design, results)
        titles += [f.title for f in part if isinstance(f, SectionHeading)]
        flow += keep.keep_headings(keep.keep_openings(part))
    buffer = io.BytesIO()
    attachment = design.model_dump_json(indent=2).encode("utf-8")
    doc = ReportDoc(buffer, design_name=design.name, date=design.date, issued=design.issued, attachment=attachment,
                    progress=progress, total_flowables=sum(work_units(f) for f in flow), section_count=len(titles))
    doc.build(flow)
    report(1.0, f"Done: {doc.page} pages")
    return buffer.getvalue()


def work_units(flowable) -> int:
    """Layout work of a flowable for the progress bar: tables count by rows, everything else as one."""
    if isinstance(flowable, Table):
        return max(1, len(flowable._cellvalues))
    if isinstance(flowable, KeepTogether):  # its flowables are laid out one by one
        return sum(work_units(f) for f in flowable._content)
    return 1
