"""Round 59 of the hostile-input hunt, the PDF: figures at the edges of their fields, the document's metadata, names
with control characters, and a topology of a few hundred sites. Each defect found, as the short sequence that
shows it.

- A design named 'Design' BEL ESC '[31m red' (a name pasted from a terminal; NUL, DEL and the C1 controls alike):
  each control printed as a box on the cover, in every page header and table, and copied out of the PDF as U+0000,
  though a control shows nothing (a name of controls alone counts as no name, `shown_names.shows`).
- The same name, or one of two lines ('Line one' LF 'Line two' TAB 'x'): the PDF's title kept the controls and the
  line break, where the cover and the page headers print one line; `pdfinfo` listed the title over two lines, and
  the ESC sequence coloured the terminal it was listed in (a NUL ends the title for a reader in C).
- A design whose author is 'A. Engineer': the PDF's Author property read 'UC Design Advisor' (the tool, which is
  already its Creator), not the author printed on the cover.
- Calls per user 1e-9 (the field allows any figure from 0): the sites table's "Busy-hour Erl" 0.0000000012 ran over
  "WAN Erl" 0.00000000123 beside it. A crowded table cuts its widest figures to a common width and breaks them after
  their thousands separators; traffic too small for three decimals has none, so it was drawn whole, up to 14 points
  wider than its column.
- A design whose VPN ranking recommends "MPLS VPN isolation alone" (privacy not required): the ranking's first
  row, set in bold, ran "(recommended)" over the next column's "fits": its cell was measured and broken in the
  regular face. So could any cell a table sets in bold (a setting that departs from its default, in the assumptions).
- 300 sites homed on two clouds (dual-cloud): the overview's site names, at a readable size yet wider than the
  spacing of the sites, were piled on each other ('Branch 92 nch 91', 'BranchBranchBranch'), as were 4 of a
  60-site chain's; an overview where a name finds no free spot now leaves the names to the detail views, as one
  too dense to label does.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_fixtures import pdf_text, results_for, star_design
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table

from advisor.model import Cloud, Design, Link, Site
from advisor.report import build_pdf, diagram, fonts, sections, styles
from advisor.report.tables import PADDING

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


@pytest.fixture(autouse=True)
def _fonts():
    fonts.register()


# -- control characters ----------------------------------------------------------------------------------------------

TERMINAL = "Design\x07\x1b[31m red\x7f\x9b end\x00"


def test_a_control_character_is_drawn_as_nothing():
    for control in ("\x00", "\x07", "\x1b", "\x7f", "\x84", "\x9b"):
        assert fonts.string_width(f"Design{control}", 10) == fonts.string_width("Design", 10)
        assert fonts.string_width(f"Design{control}", 10, bold=True) == fonts.string_width("Design", 10, bold=True)


def test_a_name_with_control_characters_copies_out_without_nul():
    design = star_design(3).model_copy(update={"name": TERMINAL})
    text = pdf_text(build_pdf(design, results_for(design)))
    assert "\x00" not in text.replace(TERMINAL, "")  # the name's own NUL aside, no character became U+0000
    assert "Design\x07\x1b[31m red\x7f\x9b end" in text  # cover and page headers: the name as written


def test_a_word_of_control_characters_is_measured_as_drawn():
    """A control drawn as nothing makes a word of no width, which reportlab's breaking leaves its space out of (round
    58): such a word is joined to its neighbour, as a lone combining mark is."""
    from test_hostile_round58_pdf import _fits

    from advisor.report.sections import p, u

    for name in ("Site " + " ".join(["\x07"] * 97), " ".join(["\x1b"] * 60) + " Lyon", "\x07"):
        para = p(f"How each figure of <b>{u(name)}</b>, the link with the highest utilization, was computed: the "
                 "formula with this design's own numbers, and its sources.")
        _fits(para, styles.FRAME_WIDTH)


# -- the PDF's metadata ----------------------------------------------------------------------------------------------

def _metadata(design: Design):
    return PdfReader(io.BytesIO(build_pdf(design, results_for(design)))).metadata


@pytest.mark.parametrize(("name", "title"), [
    (TERMINAL, "Design[31m red end"),
    ("Line one\nLine two\tx\r\n", "Line one Line two x"),
    ("  Lyon\u2028Gent\x85  ", "Lyon Gent"),
])
def test_the_title_is_the_name_on_one_line_without_controls(name, title):
    assert _metadata(star_design(3).model_copy(update={"name": name})).title == title


def test_the_title_keeps_a_plain_name_as_it_is():
    name = "Contoso <WAN> & voice (Zürich) 😀 / 100 %"
    assert _metadata(star_design(3).model_copy(update={"name": name})).title == name


@pytest.mark.parametrize(("author", "expected"), [
    ("A. Engineer", "A. Engineer"),
    ("Jürgen\tMüller\x07", "Jürgen Müller"),
    ("", "UC Design Advisor"),  # no author: the tool, as before
    ("\u200b", "UC Design Advisor"),  # an author that shows nothing prints '—' on the cover
])
def test_the_author_is_the_designs(author, expected):
    metadata = _metadata(star_design(3).model_copy(update={"author": author}))
    assert metadata.author == expected
    assert metadata.creator == "UC Design Advisor"


# -- figures wider than their column ---------------------------------------------------------------------------------

def _table(flow) -> Table:
    return next(f for f in flow if isinstance(f, Table))


def test_tiny_traffic_stays_within_its_column_in_the_sites_table():
    raw = json.loads((EXAMPLES / "hq-12-branches-mpls.json").read_text(encoding="utf-8"))
    raw["traffic"]["calls_per_user"] = 1e-9
    design = Design.model_validate(raw)
    table = _table(sections.sites(3, design, results_for(design)))
    erl, wan = 7, 8  # "Busy-hour Erl", "WAN Erl"
    digits = ""
    for row in table._cellvalues[1:]:
        for col in (erl, wan):
            lines = row[col].split("\n")
            for line in lines:
                assert stringWidth(line, fonts.SANS, 7.5) <= table._colWidths[col] - PADDING, (col, line)
            digits += "".join(lines)
    # every digit kept: Headquarters 600 users × 1e-9 calls/h × 180 s / 3,600 s = 0.00000003 E
    assert digits.startswith("0.00000003")


def test_the_recommended_technology_in_bold_stays_within_its_column():
    from advisor.report import checks

    design = star_design(3)
    design = design.model_copy(update={"vpn": design.vpn.model_copy(update={"privacy_required": False})})
    results = results_for(design)
    assert results.recommendation.technology == "mpls-isolation"
    ranking = next(t for t in checks.vpn(6, design, results)
                   if isinstance(t, Table) and "Technology" in str(t._cellvalues[0][1]))
    first = ranking._cellvalues[1][1]  # drawn in bold, as the table's style sets the recommended row
    lines = first.split("\n") if isinstance(first, str) else [first.getPlainText()]
    assert " ".join(lines) == "MPLS VPN isolation alone (recommended)"
    for line in lines:
        assert stringWidth(line, fonts.SANS_BOLD, 7.5) <= ranking._colWidths[1] - 2 * PADDING, line


# -- the topology ----------------------------------------------------------------------------------------------------

def _dual_cloud(sites: int) -> Design:
    """HQ and branches on a grid of 17 columns (160 × 130 px apart), each site on an MPLS and an Internet cloud."""
    nodes = [Site(id=f"s{i}", name="HQ" if i == 0 else f"Branch {i}", kind="hq" if i == 0 else "branch",
                  users=500 if i == 0 else 20, cucm_publisher=i == 0, cucm_subscribers=2 if i == 0 else 0,
                  x=(i % 17) * 160.0, y=(i // 17) * 130.0) for i in range(sites)]
    clouds = (Cloud(id="mpls", name="MPLS", kind="mpls", x=1000.0, y=-200.0),
              Cloud(id="inet", name="Internet", kind="internet", x=1600.0, y=-200.0))
    links = [Link(id=f"{c.id}-{s.id}", a=s.id, b=c.id, capacity_kbps=10_000.0) for s in nodes for c in clouds]
    return Design(name="Dual cloud", sites=tuple(nodes), clouds=clouds, links=tuple(links))


def _label_boxes(drawing) -> list[tuple[float, float, float, float]]:
    """The white boxes under the labels of a view (site names and link figures)."""
    boxes = []

    def walk(node):
        for item in getattr(node, "contents", ()):
            if getattr(item, "fillColor", None) == colors.white and hasattr(item, "width") and hasattr(item, "x"):
                boxes.append((item.x, item.y, item.x + item.width, item.y + item.height))
            walk(item)

    walk(drawing)
    return boxes


def test_the_overview_of_300_sites_piles_no_name_on_another():
    design = _dual_cloud(300)
    results = results_for(design)
    (overview, caption), *details = diagram.topology_drawings(
        design, {r.id: r for r in results.links}, styles.FRAME_WIDTH, styles.FRAME_HEIGHT - 70)
    boxes = sorted(_label_boxes(overview))
    piled = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
             if min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5]
    assert not piled, piled[:3]
    assert details and "detail views below name every site" in caption
    named = {"HQ", *(f"Branch {i}" for i in range(1, 300))}

    def strings(node):
        for item in getattr(node, "contents", ()):
            if hasattr(item, "text"):
                yield item.text
            yield from strings(item)

    shown = {text for view, _ in details for text in strings(view)}
    assert len(details) <= diagram.MAX_TILES and named <= shown  # every site named in a detail view
