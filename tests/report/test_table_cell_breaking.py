"""Table cells that only a Paragraph can lay out (CJK runs, bold, words wider than their column) are broken by our
line breaker, once, into the very lines reportlab's own Paragraph breaks them into (the reference): a site name of
200 Chinese characters has no space to break at and is split character by character."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from advisor.report import fonts, linebreak, styles, tables
from advisor.report.paragraphs import Para
from advisor.report.widths import PADDING

pytestmark = pytest.mark.skipif(not fonts.cjk_available(), reason="no CJK TrueType font on this system")

HAN = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 200))  # 200 ideographs, in the CJK font only
NAMES = (HAN,  # one fragment (the CJK font throughout)
         "Branch 12 " + HAN[:150] + " Zürich—Ost " + "x" * 60,  # several fragments, two words wider than a column
         "R&D <lab> " + HAN[:190])


def _lines(para) -> list[tuple]:
    """A paragraph's broken lines, every field reportlab draws from."""
    bl = para.blPara
    if bl.kind == 0:
        return [(extra, tuple((type(w).__name__, w) for w in words)) for extra, words in bl.lines]
    return [(line.extraSpace, line.wordCount, line.fontSize, line.ascent, line.descent, line.maxWidth,
             tuple((w.text, w.fontName, w.fontSize, w._fkind) for w in line.words)) for line in bl.lines]


def _reference(text: str, style: str, bold: bool, width: float) -> Paragraph:
    markup = fonts.markup(text)
    para = Paragraph(f"<b>{markup}</b>" if bold else markup, styles.sheet()[style])
    para.wrap(width, 1e9)
    return para


@pytest.fixture
def broken(monkeypatch) -> list:
    """The paragraphs our breaker broke (it answers None for those it leaves to reportlab)."""
    done: list = []
    ours = linebreak.break_lines

    def counted(para, width):
        lines = ours(para, width)
        if lines is not None:
            done.append(para)
        return lines

    monkeypatch.setattr(linebreak, "break_lines", counted)
    return done


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("style", "bold"), [("cell", False), ("cell_right", True)])
@pytest.mark.parametrize("width", [40.0, 97.3, 160.0])
def test_a_paragraph_cell_is_broken_by_our_breaker_into_reportlabs_lines(broken, name, style, bold, width):
    fonts.register()
    cell = tables.paragraph(name, style, bold)
    assert isinstance(cell, Para)
    cell.wrap(width, 1e9)
    assert broken == [cell]
    reference = _reference(name, style, bold, width)
    assert _lines(cell) == _lines(reference)
    assert len(reference.blPara.lines) > 1  # the name is split: wider than the cell at every width here
    cell.wrap(width, 1e9)  # the table wraps a cell again to draw it: the lines are kept
    assert broken == [cell]


@pytest.mark.parametrize("name", NAMES)
def test_a_long_name_in_a_data_table_is_broken_by_our_breaker_at_the_column_width(broken, name):
    fonts.register()
    widths = [150.0, 60.0]
    table = tables.data_table(["Site", "Users"], [[tables.cell(name, widths[0]), tables.fmt_int(12)]], widths,
                              right_cols=(1,))
    table.wrap(styles.FRAME_WIDTH, styles.FRAME_HEIGHT)
    (cell,) = table._cellvalues[1][0]  # reportlab holds a flowable cell as a tuple of flowables
    assert isinstance(cell, Para)
    assert broken == [cell]
    room = table._colWidths[0] - 2 * PADDING  # the house style pads each side of a cell by PADDING
    assert _lines(cell) == _lines(_reference(name, "cell", False, room))
    assert cell._splitLongWordCount >= 1  # the name's run of ideographs, wider than the column, was split


def test_a_header_title_only_a_paragraph_lays_out_is_ours_too(broken):
    fonts.register()
    table = tables.data_table(["東京 " + HAN[:40], "kbps"], [["a", "1"]], [90.0, 60.0], right_cols=(1,))
    table.wrap(styles.FRAME_WIDTH, styles.FRAME_HEIGHT)
    (head,) = table._cellvalues[0][0]
    assert isinstance(head, Para)
    assert broken == [head]
    room = table._colWidths[0] - 2 * PADDING
    reference = Paragraph(fonts.markup("東京 " + HAN[:40]), styles.sheet()["cell_head"])
    reference.wrap(room, 1e9)
    assert _lines(head) == _lines(reference)
