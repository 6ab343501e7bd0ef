"""Assembles the document: cover, contents, the numbered sections, the appendix, then one layout pass with
progress. The saved options are analysed first (one analysis each), so the progress bar counts them. The long
sections are written when the layout reaches them (advisor.report.deferred)."""

from __future__ import annotations

import functools

from reportlab.platypus import KeepTogether, NextPageTemplate, PageBreak, Table

from advisor.analysis import collector_paused
from advisor.model import Design
from advisor.numbers import counted
from advisor.report import (
    Cancelled,
    appendix,
    checks,
    deferred,
    embed,
    fonts,
    keep,
    materials,
    options,
    plan,
    sections,
    sketches,
    streams,
    summary,
    wording,
)
from advisor.report.doc import Progress, ReportDoc, SectionHeading
from advisor.report.listing import Listing
from advisor.results import Results

OPTIONS_DONE = 0.08  # progress when the options are analysed; the sections are written from here to WRITTEN
WRITTEN = 0.2


def section_makers(raw: Results, comparison: options.Comparison | None) -> tuple:
    """The document's sections in order: each builds its section's flowables (number, design, results), starting
    with its heading, or returns nothing to be left out. `raw` are the results as analysed: the parts that print
    what another command prints (explanations, bill of materials, sketches) read those."""
    return (
        summary.summary,
        sections.topology,
        sections.sites,
        functools.partial(sections.links, raw=raw),
        checks.packet_anatomy,
        checks.vpn,
        checks.deployment,
        plan.plan,
        functools.partial(options.options, comparison=comparison),
        functools.partial(materials.materials, raw=raw),
        appendix.checklist,
        appendix.findings,
        appendix.assumptions,
        functools.partial(sketches.appendix, raw=raw),
    )


def build(design: Design, results: Results, progress: Progress | None = None) -> bytes:
    """The document as bytes (see `write`)."""
    buffer = streams.Capture()
    write(design, results, buffer, progress)
    return buffer.getvalue()


def write(design: Design, results: Results, out, progress: Progress | None = None) -> int:
    """Lay out the document and write it into `out` (a binary file object) as it is saved; returns its size in
    bytes."""
    # The collector paused as for an analysis: a 1,000-site document allocates millions of short-lived objects
    # and almost no cycles (8-13 % of the build; the same bytes and peak memory).
    with collector_paused():
        return _write(design, results, out, progress)


def _write(design: Design, results: Results, out, progress: Progress | None) -> int:
    def report(fraction: float, message: str) -> None:
        if progress is not None and progress(fraction, message) is False:
            raise Cancelled("report cancelled")

    report(0.0, "Preparing fonts")
    fonts.register()

    def step(done: int, total: int) -> None:
        report(0.01 + (OPTIONS_DONE - 0.01) * done / total, f"Analysing the options: {done} of {total}")

    comparison = options.compare(design, results, step)
    makers = section_makers(results, comparison)
    customer = wording.for_customer(results)
    shown = sections.labelled(design)  # the PDF carries the design as it is; its pages name its parts
    titles: list[str] = []  # filled below; the contents page draws them at layout time
    flow: list = [NextPageTemplate("cover"), *sections.cover(design), NextPageTemplate("body"), PageBreak(),
                  *sections.contents(titles), PageBreak()]
    for i, make in enumerate(makers):
        report(OPTIONS_DONE + (WRITTEN - OPTIONS_DONE) * i / len(makers),
               f"Writing part {i + 1} of {len(makers)}")
        if (later := deferred.late(make)) is not None:  # written when the layout reaches it (advisor.report.deferred)
            title, guess = later
            flow.append(deferred.Deferred(functools.partial(make, len(titles) + 1, shown, customer), title,
                                          guess(shown, customer)))
            titles.append(title)
            continue
        part = make(len(titles) + 1, shown, customer)
        titles += [f.title for f in part if isinstance(f, SectionHeading)]
        flow += keep.keep_headings(keep.keep_openings(part))
    attachment = embed.sealed(design.model_dump_json(indent=2).encode("utf-8"))  # compressed before the layout
    doc = ReportDoc(out, design_name=sections.shown_name(design.name), date=design.date, issued=design.issued, attachment=attachment,
                    progress=progress, total_flowables=sum(work_units(f) for f in flow), section_count=len(titles),
                    start_fraction=WRITTEN, author=design.author)
    doc.build(flow)
    report(1.0, f"Done: {counted(doc.page, 'page')}")
    return doc.written


def work_units(flowable) -> int:
    """Layout work of a flowable for the progress bar: tables count by rows, listings by lines, everything else
    as one."""
    if isinstance(flowable, deferred.LazyTable):  # not made yet: its rows as counted
        return flowable.units
    if isinstance(flowable, Table):
        return max(1, len(flowable._cellvalues))
    if isinstance(flowable, KeepTogether):  # its flowables are laid out one by one
        return sum(work_units(f) for f in flowable._content)
    if isinstance(flowable, Listing):
        return flowable.work_units()
    if isinstance(flowable, deferred.Deferred):  # its guess, corrected when it is written
        return flowable.units
    return 1
