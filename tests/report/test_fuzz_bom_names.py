"""More than a few sites sharing a bill-of-materials line are named in rows across the table; names made of line
breaks (legal: up to 200 characters each) made such a row taller than a page, and the document failed to lay out.
The row now splits between its lines like any other cell."""

from __future__ import annotations

import re

from report_fixtures import pdf_text, results_for

from advisor.model import Cloud, Design, Link, Site
from advisor.report import build_pdf, styles
from advisor.report.materials import SITES_IN_COLUMN, Across
from advisor.report.tables import paragraph


def _design(names: list[str]) -> Design:
    """An HQ and a branch per name on one MPLS cloud: the branches share their SRST router and trunk lines."""
    sites = [Site(id="hq", kind="hq", users=10, cucm_publisher=True)]
    sites += [Site(id=f"b{i}", name=name, users=10, survivability="srst") for i, name in enumerate(names)]
    return Design(name="names of line breaks", sites=tuple(sites), clouds=(Cloud(id="m"),),
                  links=tuple(Link(id=f"l-{s.id}", a=s.id, b="m") for s in sites))


def test_a_name_of_200_line_breaks_among_sites_sharing_a_line():
    names = ["\n" * 200] + [f"Branch {i}" for i in range(1, SITES_IN_COLUMN + 2)]
    design = _design(names)
    text = pdf_text(build_pdf(design, results_for(design)))  # raised ReportError ("too large for a page")
    section = text[text.rindex("Lines, by item"):]
    for i in range(1, SITES_IN_COLUMN + 2):
        assert f"Branch {i}" in section


def test_ten_names_of_many_lines_each():
    names = [f"y{i}\n" * 60 for i in range(SITES_IN_COLUMN + 2)]  # 180 characters, 60 lines each
    design = _design(names)
    text = pdf_text(build_pdf(design, results_for(design)))
    start = text.rindex("Lines, by item")
    section = text[start:text.index("\nSources", start)]
    # every line of every name is printed once per line of the bill of materials the branches share
    shared = section.count("At: ")
    assert shared >= 1
    for i in range(SITES_IN_COLUMN + 2):  # (a name's last line break is not printed: its comma follows it)
        assert len(re.findall(rf"\by{i}\b", section)) == 60 * shared


def test_names_row_splits_between_its_lines():
    width = styles.FRAME_WIDTH
    row = Across(paragraph("x\n" * 150), width)
    _, height = row.wrap(width, 10_000)
    parts = row.split(width, height / 3)
    assert len(parts) == 2 and all(isinstance(part, Across) for part in parts)
    heights = [part.wrap(width, 10_000)[1] for part in parts]
    assert heights[0] <= height / 3
    assert sum(heights) >= height * 0.99  # nothing lost: 150 lines in the two parts
