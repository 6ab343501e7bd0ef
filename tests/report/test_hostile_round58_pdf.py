"""Round 58 of the hostile-input hunt, the PDF: words drawn with no width, soft hyphens, and lines that ran past
their cell or the page. Each defect found, as the short sequence that shows it.

- A cloud named with one combining mark (U+0301): the worked example's bold "How each figure of São Paulo – ́
  (mpls), the link with the highest utilization…" ran 3 points past the right margin. A name of a hundred such
  marks (or zero-width joiners, variation selectors), each a word, ran its findings line off the page: reportlab's
  breaking of a paragraph of several fragments leaves out the space before a word of no width, yet draws it.
- A Hebrew link name ending in a space, named in bold prose (the packet anatomy's "on link …"), made its closing
  marker a word of no width: the line ran past the margin the same way.
- Link names of such marks in the VPN comparison's "Reason" cells, broken as plain lines: reportlab's allowance of
  5 % of a space per word, meant for a paragraph that narrows its spaces, ran each line up to 10 points past its
  cell and the page's margin (drawn as plain strings, nothing narrows them).
- A soft hyphen (U+00AD) in a long word of a cell holding a Chinese character (two fonts): 'xxxxx' SHY and forty
  x's in the options table's right-aligned "Busiest link" cell left the forty x's unbroken, drawn 190 points to the
  left of their column, over the next ones and off the page. Soft hyphens standing alone in right-aligned notes
  with Chinese drew spaces past the margin.
- A site named 'Bahn' SHY 'hof' SHY 'strasse' printed 'Bahn-hof-strasse' in every page header, on the topology and
  in every table cell it fits on one line of (the security checklist's "Per site", the bill of materials).
- A design named in Thai (or Devanagari, Tamil, Khmer; a flag, a skin tone, a mathematical letter), which no font
  here draws: printed as boxes, it copied out of the PDF (and was searched) as NUL characters, U+0000 each.
"""

from __future__ import annotations

import pytest
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from advisor.model import Cloud, Design, Link, Site
from advisor.report import diagram, doc, fonts, styles, tables
from advisor.report.paragraphs import Para
from advisor.report.sections import p, u
from advisor.report.tables import PADDING, Text
from advisor.report.widths import RtlText

SHY = "\u00ad"
MARK = "\u0301"  # combining acute accent: DejaVu draws it with no width


def _lines(para, width: float) -> list[tuple[float, float]]:
    """(width drawn, width reportlab measured) of each line of `para` broken at `width`: the drawn width summed by
    hand from the font's widths of the text each line draws (its words and the spaces between them)."""
    para.wrap(width, 100_000)
    out = []
    for line in para.blPara.lines:
        if isinstance(line, tuple):  # one fragment: (extra space, words)
            extra, words = line
            frag = para.blPara
            drawn = stringWidth(" ".join(words), frag.fontName, frag.fontSize)
        else:
            extra = line.extraSpace
            texts = [f.text for f in line.words]
            texts[-1] = texts[-1].rstrip()
            drawn = sum(stringWidth(t, f.fontName, f.fontSize) for t, f in zip(texts, line.words, strict=True))
        out.append((drawn, width - extra))
    return out


def _fits(para, width: float) -> None:
    """Every line is drawn as wide as it was measured (reportlab lays it out, narrowing spaces, by the measure)."""
    for drawn, measured in _lines(para, width):
        assert drawn == pytest.approx(measured, abs=1e-6), (drawn, measured)


@pytest.fixture(autouse=True)
def _fonts():
    fonts.register()


# -- words of no width -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [
    f"São Paulo – {MARK} (mpls)",  # a cloud named with one mark, in a link's name
    "Site " + " ".join([MARK] * 97),  # a hundred words of no width
    " ".join(["\u200d"] * 60) + " Lyon",  # zero-width joiners, the first word one
    " ".join(["\ufe0f", "\u034f"] * 30),  # variation selectors, grapheme joiners: nothing else
    MARK,  # a name of one mark
])
def test_a_word_of_no_width_is_measured_with_its_space(name):
    para = p(f"How each figure of <b>{u(name)}</b>, the link with the highest utilization, was computed: the formula "
             "with this design's own numbers, and its sources.")
    _fits(para, styles.FRAME_WIDTH)


def test_a_name_of_one_mark_still_prints_its_mark():
    assert MARK in fonts.markup(MARK) and MARK in fonts.markup(f"x {MARK} y")


def test_a_right_to_left_name_ending_in_a_space_keeps_its_marker_on_a_word():
    name = "a\nbl  \u05e9 "  # Hebrew: marked for the prose; its closing marker came after the space
    para = p(f"One voice packet of one call, per direction, on link <b>{u(name)}</b> (l-hq, the link with the most "
             "calls; layer 2 Ethernet). The chosen encapsulation, more words follow here.")
    _fits(para, styles.FRAME_WIDTH)


@pytest.mark.parametrize("value", [Text("x" + f" {MARK}" * 120), RtlText("\u05e9" + f" {MARK}" * 120)])
def test_a_cell_broken_into_plain_lines_stays_inside_its_padding(value):
    width = 120.0
    laid = tables._lay_out(value, width, 7.5)
    if isinstance(laid, str):  # plain lines, drawn as they are: none past the cell's padding
        for line in laid.split("\n"):
            assert stringWidth(line, fonts.SANS, 7.5) <= width - PADDING, line
    else:  # a paragraph narrows its spaces to its measure
        _fits(laid, width - 2 * PADDING)


# -- soft hyphens ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "中 xxxxx" + SHY + "x" * 40,  # two fonts: the rest after the soft hyphen was never split
    SHY + " " + SHY + " 中中 " + SHY + " " + SHY + " 中",  # soft hyphens alone
])
@pytest.mark.parametrize("style", ["cell", "cell_right"])
def test_a_soft_hyphen_in_a_paragraph_of_two_fonts_keeps_its_lines_in_the_column(text, style):
    if not fonts.cjk_available():
        pytest.skip("no CJK font on this machine")
    para = tables.paragraph(text, style)
    _fits(para, 80.0)
    for drawn, _ in _lines(para, 80.0):
        assert drawn <= 80.0 + 1e-6


def test_right_aligned_notes_with_loose_soft_hyphens_fit():
    if not fonts.cjk_available():
        pytest.skip("no CJK font on this machine")
    style = ParagraphStyle("notes_line", parent=styles.sheet()["body"], alignment=TA_RIGHT)
    _fits(Para(fonts.markup(SHY + " " + SHY + " 中中 " + SHY + " " + SHY + " 中 שלום"), style), 300.0)


def test_a_paragraph_of_one_fragment_keeps_its_soft_hyphens():
    few = "Bahn" + SHY + "hof" + SHY + "strasse"
    assert fonts.markup(few) == few
    assert SHY in Para(few, styles.sheet()["cell"]).text


@pytest.mark.parametrize("name", ["Bahn" + SHY + "hof" + SHY + "strasse", "\u05e9\u05dc\u05d5\u05dd" + SHY + "Bahn"])
def test_a_table_cell_prints_no_soft_hyphen_on_one_line(name):
    laid = tables._lay_out(tables.cell(name, 200), 200, 7.5)
    if isinstance(laid, str):  # a plain string shows every character it holds
        assert SHY not in laid, laid
    else:  # a paragraph of one line: reportlab leaves the soft hyphens out of its words
        laid.wrap(200 - 2 * PADDING, 1000)
        assert len(laid.blPara.lines) == 1 and SHY not in " ".join(laid.blPara.lines[0][1])


def test_the_page_header_and_the_topology_print_no_soft_hyphen():
    name = "Bahn" + SHY + "hof" + SHY + "strasse"
    assert doc._fit(name, 90, 300, 7.5) == "Bahnhofstrasse"
    design = Design(name=name, sites=(Site(id="s1", name=name), Site(id="s2", name=SHY)),
                    clouds=(Cloud(id="c", name="MPLS" + SHY + "VPN"),), links=(Link(id="l", a="s1", b="c"),))
    assert {n.id: n.label for n in diagram.nodes_of(design)} == {"s1": "Bahnhofstrasse", "s2": "s2",
                                                                  "c": "MPLSVPN"}


@pytest.mark.parametrize("name", ["สำนักงานใหญ่", "मुख्यालय", "🇩🇪 Berlin 👍🏽", "𝐇𝐐 ក"])
def test_text_no_font_draws_copies_out_as_written(name):
    import io

    from pypdf import PdfReader

    from advisor.analysis import analyse
    from advisor.report import build_pdf

    design = Design(name=name, customer=name, sites=(Site(id="s1", name=name),))
    cover = PdfReader(io.BytesIO(build_pdf(design, analyse(design, checklist=True)))).pages[0].extract_text()
    assert "\x00" not in cover
    assert cover.count(name) >= 2, cover  # the title and the customer


def test_configuration_listing_prints_no_soft_hyphen():
    """Found by the round's review: the configuration sketches' listing printed a soft hyphen in a site's name as
    '-' ('Bahn-hof'), as the headers and labels had."""
    from advisor.report.listing import wrap_lines

    printed = wrap_lines(["! Site b1 (Bahn\xadhof\xadstrasse)", "interface Gi0/0"], 400.0)
    assert printed == [("! Site b1 (Bahnhofstrasse)", False), ("interface Gi0/0", False)]
