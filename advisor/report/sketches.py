"""The appendix of configuration sketches: per site the Cisco IOS XE sketch `advisor configs` writes, in a
monospaced listing. A large design prints the hub and one example site per distinct configuration (the same
sections in the same order), names the sites that follow each pattern, and shortens sections that repeat one block
per spoke or location; every site's complete sketch is in its own text file."""

from __future__ import annotations

from reportlab.platypus import PageBreak

from advisor import configs, numbers
from advisor.configs import Section, SiteSketch
from advisor.model import Design
from advisor.report.doc import SectionHeading
from advisor.report.listing import Listing
from advisor.report.sections import p, u
from advisor.results import Results
from advisor.rules._names import names_for

TITLE = "Appendix: configuration sketches"
IN_FULL_UP_TO = 20  # sites: up to this many, every site's sketch is printed whole
SECTION_LINES = 80  # in a shortened appendix, a section longer than this shows its first and last lines
# Printed whole, a section longer than this (thousands of links on one site) still shows its first and last lines
# only: 20,000 parallel links made a site's interface section some 10,000 pages long.
WHOLE_SECTION_LINES = 2000
HEAD_LINES, TAIL_LINES = 60, 6
NAMES_SHOWN = 12  # sites named after an example; the rest are counted


def appendix(number: int, design: Design, results: Results, raw: Results | None = None) -> list:
    """The appendix; `raw` are the results as analysed (the sketches are the ones `advisor configs` writes)."""
    flow: list = [PageBreak(), SectionHeading(number, TITLE)]
    if not design.sites:
        return [*flow, p("The design has no sites yet.")]
    sketches = configs.sketches(design, raw or results)
    intro = ("Per site, a Cisco IOS XE configuration sketch that carries this design's figures: the voice priority "
             "queue and signalling class from the sizing, the MTU advice, the VPN's skeleton, SRST sized for the "
             "site's phones and the CUCM location bandwidths. <b>These are sketches to review, not final "
             "configurations</b>: every address is a documentation address (RFC 5737) and everything in "
             "&lt;ANGLE-BRACKETS&gt; is a placeholder to fill in; check every line against your platform, release "
             "and security policy. A line too long for the page continues on the next line after \u21aa.")
    if len(sketches) <= IN_FULL_UP_TO:
        flow.append(p(intro))
        for sketch in sketches.values():
            flow += _printed(sketch, _heading(sketch), shortened(sketch, WHOLE_SECTION_LINES))
        return flow
    hub_id, patterns = _patterns(design, sketches)
    kinds = len(patterns)
    flow.append(p(intro + f" This design has {numbers.count(len(sketches))} sites: printed here are "
                  + ("the hub's sketch and " if hub_id else "")
                  + f"one example site for each of the {numbers.count(kinds)} configuration{'s' if kinds != 1 else ''}"
                  " the other sites share, with sections that repeat a block per spoke or per location shortened "
                  "(marked where lines are left out). Every site's complete sketch is written as a text file of its "
                  "own; the figures of each link are in the 'Per link' table of the quality of service section."))
    if hub_id is not None:
        hub = sketches[hub_id]
        flow += _printed(hub, f"The hub: {_heading(hub)}", shortened(hub))
    for sites in patterns:
        example = sketches[sites[0]]
        flow += _printed(example, f"Example: {_heading(example)}", shortened(example))
        flow.append(p(_followers(sites[1:], design), "caption"))
    return flow


def _heading(sketch: SiteSketch) -> str:
    return sketch.site_name if sketch.site_name == sketch.site_id else f"{sketch.site_name} ({sketch.site_id})"


def _printed(sketch: SiteSketch, heading: str, text: str) -> list:
    return [p(u(heading), "h2"), Listing(text.splitlines())]


def _patterns(design: Design, sketches: dict[str, SiteSketch]) -> tuple[str | None, list[list[str]]]:
    """The hub's id (None without one) and the other sites grouped by their configuration: the titles of their
    sketch's sections, in order. Groups in design order of their first site."""
    from advisor.demand import hub_site

    hub = hub_site(design)
    hub_id = hub.id if hub is not None and hub.id in sketches else None
    groups: dict[tuple[str, ...], list[str]] = {}
    for site_id, sketch in sketches.items():
        if site_id != hub_id:
            groups.setdefault(tuple(s.title for s in sketch.sections), []).append(site_id)
    return hub_id, list(groups.values())


def shortened(sketch: SiteSketch, longest: int = SECTION_LINES) -> str:
    """The sketch's text with each section longer than `longest` lines cut to its first and last lines."""
    if all(len(s.lines) <= longest for s in sketch.sections):
        return sketch.text()
    return SiteSketch(sketch.site_id, sketch.site_name, sketch.banner,
                      tuple(_shorten(s, longest) for s in sketch.sections)).text()


def _shorten(section: Section, longest: int) -> Section:
    lines = section.lines
    if len(lines) <= longest:
        return section
    left = len(lines) - HEAD_LINES - TAIL_LINES
    note = f"! [... {numbers.count(left)} more lines of the same form, left out here: the site's file has them all]"
    return Section(section.title, (*lines[:HEAD_LINES], note, *lines[-TAIL_LINES:]))


def _followers(site_ids: list[str], design: Design) -> str:
    if not site_ids:
        return "No other site has this configuration."
    node = names_for(design).node  # two sites named alike carry their ids ('Lyon (b1)'), as the findings name them
    shown = ", ".join(node(s) for s in site_ids[:NAMES_SHOWN])
    more = len(site_ids) - NAMES_SHOWN
    listed = shown + (f" and {numbers.count(more)} more" if more > 0 else "")
    count = len(site_ids)
    return (f"{numbers.count(count)} more site{'s' if count != 1 else ''} follow{'' if count != 1 else 's'} this "
            f"pattern, each with its own figures, names and addresses: {u(listed)}.")
