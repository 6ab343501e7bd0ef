"""Page layout: no heading ends a page or stands alone with its introduction, figures in tables never touch, short
labels never wrap, and the topology's labels stay inside its frame (checked on the drawing's coordinates)."""

from __future__ import annotations

import pytest
from report_fixtures import EXAMPLES, results_for, star_design
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import ActionFlowable, Paragraph, Spacer, Table

from advisor.report import diagram, fonts, styles
from advisor.report.doc import SectionHeading
from advisor.report.widths import GAP, PADDING, fit_columns

HEADINGS = ("h1", "h2", "h3")


def _is_heading(flowable) -> bool:
    return isinstance(flowable, SectionHeading) or (isinstance(flowable, Paragraph)
                                                    and flowable.style.name in HEADINGS)


def _drawn(flowables: list) -> list:
    return [f for f in flowables if not isinstance(f, (ActionFlowable, Spacer))]


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_no_page_ends_with_a_heading_or_holds_only_a_heading_and_its_introduction(example_pdfs, name):
    _, _, pages = example_pdfs[name]
    numbers = sorted(pages)
    for page, following in zip(numbers, numbers[1:], strict=False):
        drawn = _drawn(pages[page])
        assert drawn, f"page {page} is empty"
        assert not _is_heading(drawn[-1]), f"page {page} ends with the heading {drawn[-1].text!r}"
        nxt = _drawn(pages[following])
        section_goes_on = nxt and not isinstance(nxt[0], SectionHeading)
        only_text = all(isinstance(f, Paragraph) for f in drawn)
        if any(isinstance(f, SectionHeading) for f in drawn) and only_text and section_goes_on:
            assert len(drawn) > 3, f"page {page} holds only {[f.text[:30] for f in drawn]}"


def test_the_security_checklist_starts_with_its_table(example_pdfs):
    # The single-site example had a page with only "9 Security checklist" and its introduction (issue 10).
    _, _, pages = example_pdfs["single-site-campus"]
    page = next(n for n, fl in pages.items() if any(isinstance(f, SectionHeading)
                                                     and f.title == "Security checklist" for f in fl))
    assert any(isinstance(f, Table) for f in pages[page])


def _strings(group) -> list:
    out = []
    for node in getattr(group, "contents", ()):
        out += _strings(node) if hasattr(node, "contents") else [node] if hasattr(node, "text") else []
    return out


def _outside(drawing) -> list[str]:
    bad = []
    for s in _strings(drawing):
        w = stringWidth(s.text, s.fontName, s.fontSize)
        left = {"start": s.x, "middle": s.x - w / 2, "end": s.x - w}[s.textAnchor]
        if left < 0 or left + w > drawing.width or s.y < 0 or s.y + s.fontSize > drawing.height:
            bad.append(f"{s.text!r} at x {left:.1f}..{left + w:.1f}, y {s.y:.1f}")
    return bad


@pytest.mark.parametrize("source", [*(p.stem for p in EXAMPLES), "star-3", "star-8", "star-30", "star-100"])
def test_no_text_of_the_topology_falls_outside_its_frame(source):
    from advisor.io import load

    fonts.register()
    path = next((p for p in EXAMPLES if p.stem == source), None)
    design = load(path) if path else star_design(int(source.split("-")[1]))
    results = results_for(design)
    views = diagram.topology_drawings(design, {r.id: r for r in results.links}, styles.FRAME_WIDTH,
                                      styles.FRAME_HEIGHT - 70)
    assert views
    for drawing, caption in views:
        assert _outside(drawing) == [], caption


def _table(flow: list, first_header: str) -> Table:
    for f in flow:
        content = getattr(f, "_content", None)
        if content:
            found = _table(content, first_header)
            if found is not None:
                return found
        if isinstance(f, Table) and str(f._cellvalues[0][0]).startswith(first_header):
            return f
    return None


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_figures_in_the_sites_and_links_tables_keep_a_gap(example_pdfs, name):
    from advisor.analysis import analyse
    from advisor.report import sections

    fonts.register()
    design, _, _ = example_pdfs[name]
    results = analyse(design, checklist=True)
    for table, numeric in ((_table(sections.sites(3, design, results), "Site"), (2, 3, 7, 8, 9, 10)),
                           (_table(sections.links(4, design, results), "Link"), (3, 4, 5, 6, 7, 8))):
        if table is None:
            continue
        for row in table._cellvalues[1:]:
            for col in numeric:
                text = str(row[col])
                # right-aligned: the figure leaves its column's padding free on both sides (bold rows included),
                # so two figures side by side are at least 2 × 3 pt apart
                assert stringWidth(text, fonts.SANS_BOLD, 7.5) + 2 * PADDING <= table._colWidths[col] + 1e-6
                assert "\n" not in text


def test_the_layer_2_column_never_wraps(example_pdfs):
    from advisor.analysis import analyse
    from advisor.report import sections

    fonts.register()
    design, _, _ = example_pdfs["classroom-flawed-design"]
    table = _table(sections.links(4, design, analyse(design, checklist=True)), "Link")
    l2 = [str(row[2]) for row in table._cellvalues[1:]]
    assert "Ethernet (18 B)" in l2 and all("\n" not in v for v in l2)


def test_fit_columns_widens_figures_from_the_text_columns_and_keeps_the_total():
    fonts.register()
    rows = [["a long description that can wrap", "2,086.29", "20,000.00"]]
    widths = [200.0, 20.0, 20.0]  # the figure columns far too narrow
    fitted = fit_columns(["Text", "A", "B"], rows, widths, figures={1, 2})
    assert sum(fitted) == pytest.approx(sum(widths))
    for col, figure in ((1, "2,086.29"), (2, "20,000.00")):
        assert fitted[col] >= stringWidth(figure, fonts.SANS_BOLD, 7.5) + 2 * PADDING + GAP - 1e-6
    assert fitted[0] >= stringWidth("description", fonts.SANS, 7.5) + 2 * PADDING  # its longest word still fits


def test_fit_columns_leaves_roomy_tables_alone():
    fonts.register()
    widths = [100.0, 80.0]
    assert fit_columns(["Text", "N"], [["x", "1"]], widths, figures={1}) == widths
