"""Hebrew and Arabic names in the report's table cells laid out as plain text, as Latin names are
(advisor/report/tables.py `RtlText`, `_lay_out_rtl`): one line in drawing order where it fits, else broken where the
stored-order paragraph breaks it, each line in drawing order. Expected orders worked out by hand (a Hebrew word is
drawn last letter first, the words of a line last word first)."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from advisor.report import fonts, tables, widths
from advisor.report.visual import joined

FIVE = "\u05d0\u05d7\u05ea \u05e9\u05ea\u05d9\u05d9\u05dd \u05e9\u05dc\u05d5\u05e9 \u05d0\u05e8\u05d1\u05e2 \u05d7\u05de\u05e9"  # one … five
SALAM = "\u0633\u0644\u0627\u0645"  # سلام


def _drawn(line: str) -> str:
    return " ".join(w[::-1] for w in reversed(line.split(" ")))


def test_a_hebrew_name_is_a_plain_cell_and_a_latin_one_stays_text():
    fonts.register()
    assert isinstance(tables.cell(FIVE, 80), tables.RtlText)
    assert isinstance(tables.cell("Graz", 80), tables.Text)
    assert isinstance(tables.cell(FIVE, 80, bold=True), tables.Para)  # bold: the paragraph, as before


def test_a_name_that_fits_is_one_line_in_drawing_order():
    fonts.register()
    got = tables._lay_out(tables.cell(FIVE, 400), 400, 7.5)
    assert type(got) is str and got == _drawn(FIVE)


def test_a_name_that_wraps_reads_first_line_first_with_the_paragraphs_own_breaks():
    fonts.register()
    room = stringWidth(" ".join(FIVE.split(" ")[:2]), fonts.SANS, 7.5) + 1  # two words a line
    got = tables._lay_out(tables.cell(FIVE, 0), room + 2 * tables.PADDING, 7.5)
    words = FIVE.split(" ")
    lines = got.split("\n")
    assert lines[0] == _drawn(f"{words[0]} {words[1]}")  # "one two", drawn "owt eno"
    assert " ".join(_drawn(line) for line in lines) == FIVE  # every word once, in reading order line after line
    # the very lines the stored-order paragraph breaks it into
    para = tables.paragraph(FIVE)
    para.wrap(room, 1000)
    assert got.split("\n") == [_drawn(" ".join(w)) for _extra, w in para.blPara.lines]


def test_an_arabic_name_is_measured_in_its_joined_letters():
    fonts.register()
    plain, paragraphs = widths._texts([[tables.cell(SALAM, 80)]], 0)
    assert plain == set() and paragraphs == {joined(SALAM)}
    assert joined(SALAM) == "\ufeb3\ufefc\ufee1"  # seen initial, lam-alef final, meem isolated: stored order


def test_a_right_to_left_text_is_measured_without_ordering_it_to_the_same_width(monkeypatch):
    # the width of the joined letters in stored order is the width as drawn: each glyph's width is a multiple of
    # 1/2048 em, and brackets mirror to glyphs of their own width
    from advisor.report import visual

    fonts.register()
    text = f"{FIVE} ({SALAM}) 12"
    drawn = sum(stringWidth(chunk, fonts.SANS, 7.5) for _font, chunk in fonts.runs(text))
    monkeypatch.setattr(visual, "_display", lambda *_a: (_ for _ in ()).throw(AssertionError("ordered")))
    assert fonts.string_width(text, 7.5) == drawn
    # a sign whose mirrored glyph is narrower ("∕" and "⧵") is still measured as drawn
    assert fonts._uneven_mirrors().search("a \u2215 b") is not None
