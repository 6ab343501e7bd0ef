"""Hebrew and Arabic names in the PDF in the order they are read (advisor/report/visual.py): right-to-left runs
reversed within the document's left-to-right lines, Arabic letters joined. Expected strings worked out by hand from
the Unicode bidirectional algorithm and the Arabic joining forms."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from advisor.report import fonts, styles, tables
from advisor.report.visual import direction, has_rtl, line_order, visual

SHALOM = "\u05e9\u05dc\u05d5\u05dd"  # שלום, stored first letter first
TEL_AVIV = "\u05ea\u05dc \u05d0\u05d1\u05d9\u05d1"  # תל אביב
SALAM = "\u0633\u0644\u0627\u0645"  # سلام: seen, lam, alef, meem


def test_left_to_right_text_is_left_alone():
    text = "Ljubljana – Zürich (b1) 東京"
    assert visual(text) is text
    assert not has_rtl(text)


def test_a_hebrew_word_is_drawn_last_letter_first():
    # drawn left to right: mem sofit, vav, lamed, shin
    assert visual(SHALOM) == "\u05dd\u05d5\u05dc\u05e9"


def test_a_hebrew_run_is_reversed_inside_a_left_to_right_name():
    # "HQ – " and " (b1)" stay; the two Hebrew words are drawn right to left: "ביבא לת"
    assert visual(f"HQ – {TEL_AVIV} (b1)") == "HQ – \u05d1\u05d9\u05d1\u05d0 \u05dc\u05ea (b1)"


def test_arabic_letters_are_joined_then_reversed():
    # seen initial (FEB3), lam + alef as the final lam-alef ligature (FEFC, lam joined to the seen), meem isolated
    # (FEE1: alef never joins the letter after it); drawn right to left
    assert visual(SALAM) == "\ufee1\ufefc\ufeb3"


def test_vowel_marks_are_kept():
    assert "\u064e" in visual("\u0633\u064e\u0644\u0627\u0645")  # a fatha typed on the seen stays


def test_markup_and_runs_draw_the_visual_order_once():
    fonts.register()
    # in left-to-right lines, as the app's tables and drawing lay names out
    assert fonts.markup(f"{TEL_AVIV} & co") == "\u05d1\u05d9\u05d1\u05d0 \u05dc\u05ea &amp; co"
    assert fonts.markup(f"HQ {TEL_AVIV} & co") == "HQ \u05d1\u05d9\u05d1\u05d0 \u05dc\u05ea &amp; co"
    assert "".join(chunk for _font, chunk in fonts.runs(SHALOM)) == "\u05dd\u05d5\u05dc\u05e9"
    assert fonts.needs_fallback(SHALOM) and not fonts.needs_fallback("Zürich – Graz")


def test_widths_are_those_of_the_joined_letters():
    fonts.register()
    joined = stringWidth("\ufee1\ufefc\ufeb3", fonts.SANS, 10)
    assert fonts.string_width(SALAM, 10) == joined
    assert joined != stringWidth(SALAM, fonts.SANS, 10)  # the isolated letters are wider: measured as drawn


def test_a_bold_table_cell_with_a_hebrew_name_is_a_paragraph_ordered_line_by_line():
    fonts.register()
    got = tables.cell(TEL_AVIV, 80, bold=True)  # (a plain one is laid out as plain text: test_rtl_cells.py)
    assert isinstance(got, tables.Para) and got._line_order
    assert TEL_AVIV in got.text  # broken into lines in stored order; each line ordered as it is drawn
    assert isinstance(tables.cell("Graz", 80), tables.Text)  # plain names keep the plain cell


def test_a_lone_surrogate_beside_hebrew_is_drawn_as_stored():
    # a validated design holds none; the drawing code must not fail on one either
    assert visual("\u05e9\ud800x") == "\u05e9\ud800x"


FIVE = "\u05d0\u05d7\u05ea \u05e9\u05ea\u05d9\u05d9\u05dd \u05e9\u05dc\u05d5\u05e9 \u05d0\u05e8\u05d1\u05e2 \u05d7\u05de\u05e9"  # one … five


def _reversed_words(text: str) -> list[str]:
    """A line of Hebrew words in drawing order, by hand: the words last first, each word's letters last first."""
    return [w[::-1] for w in reversed(text.split(" "))]


def test_a_hebrew_name_wrapped_in_a_narrow_cell_reads_first_line_first(monkeypatch):
    from reportlab.platypus import Paragraph

    fonts.register()
    para = tables.paragraph(FIVE)
    para.wrap(40, 1000)
    stored = [words for _extra, words in para.blPara.lines]
    assert stored[0] == FIVE.split(" ")[:2]  # broken in stored order: "one two" on the first line
    drawn = []
    monkeypatch.setattr(Paragraph, "drawPara", lambda self, debug=0: drawn.append(
        [list(words) for _extra, words in self.blPara.lines]))
    para.drawPara()
    assert drawn == [[_reversed_words(" ".join(line)) for line in stored]]
    assert drawn[0][0] == ["\u05dd\u05d9\u05d9\u05ea\u05e9", "\u05ea\u05d7\u05d0"]  # "two one", each reversed
    assert [w for _e, w in para.blPara.lines] == stored  # the lines themselves stay in stored order


def test_a_split_cell_orders_both_halves_lines():
    fonts.register()
    para = tables.paragraph(" ".join([FIVE] * 6))
    para.wrap(40, 1000)
    whole = [list(words) for _extra, words in para.blPara.lines]
    first, rest = para.split(40, 3 * para.style.leading + 1)
    assert first._line_order and rest._line_order  # each half orders its lines as it draws them
    rest.wrap(40, 1000)
    assert [list(words) for _extra, words in rest.blPara.lines] == whole[len(first.blPara.lines):]  # stored order


def test_a_name_in_two_fonts_is_ordered_as_a_whole():
    fonts.register()
    if not fonts.cjk_available():
        return
    para = tables.paragraph(f"{TEL_AVIV} 東京")
    assert not getattr(para, "_line_order", False)
    assert "\u05d1\u05d9\u05d1\u05d0 \u05dc\u05ea" in para.text  # in drawing order already


def test_brackets_inside_a_right_to_left_run_face_their_text():
    # "תל אביב (מרכז)": the brackets pair up inside the Hebrew run, so the whole run is drawn right to left and
    # each bracket's glyph mirrored (the Unicode rule L4): drawn left to right "(זכרמ) ביבא לת"
    center = "\u05ea\u05dc \u05d0\u05d1\u05d9\u05d1 (\u05de\u05e8\u05db\u05d6)"
    assert visual(center) == "(\u05d6\u05db\u05e8\u05de) \u05d1\u05d9\u05d1\u05d0 \u05dc\u05ea"
    # brackets between left-to-right words stay as they are; the Hebrew inside is reversed
    assert visual(f"a ({SHALOM}) b") == "a (\u05dd\u05d5\u05dc\u05e9) b"


def test_a_notes_line_takes_the_direction_of_its_first_letter():
    assert direction(f"{TEL_AVIV} – Provider MPLS VPN") == "R" and direction("HQ – x") == "L"
    # a name in a left-to-right line keeps its English words after the Hebrew ones, as the app's tables show it
    assert visual(f"{TEL_AVIV} – Provider MPLS VPN") == "\u05d1\u05d9\u05d1\u05d0 \u05dc\u05ea – Provider MPLS VPN"
    # a Hebrew note's wrapped line keeps the paragraph's direction, even where the line opens in English
    assert line_order(f"MPLS {SHALOM}", "R") == "\u05dd\u05d5\u05dc\u05e9 MPLS"
    assert line_order(f"MPLS {SHALOM}", "L") == "MPLS \u05dd\u05d5\u05dc\u05e9"


def test_notes_in_hebrew_go_a_paragraph_per_line_flush_right():
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT

    from advisor.report import summary

    fonts.register()
    got = summary._notes(f"{FIVE} MPLS {FIVE}\n\nEnglish with {TEL_AVIV} inside")
    assert len(got) == 3  # one paragraph per line, a blank line kept as space
    assert got[0]._line_order and got[0]._line_base == "R" and got[0].style.alignment == TA_RIGHT
    assert got[2]._line_base == "L" and got[2].style.alignment == TA_LEFT
    assert len(summary._notes("Plain notes\nover two lines")) == 1  # left-to-right notes: one paragraph, as before


def test_an_english_line_of_a_hebrew_note_is_laid_out_right_to_left(monkeypatch):
    # a Hebrew note wrapped so one line holds only "MPLS VPN,": in a right-to-left paragraph the comma ends the line
    # on its left, as the app's notes editor draws it
    from reportlab.platypus import Paragraph

    from advisor.report import paragraphs

    fonts.register()
    para = paragraphs.stored_order("MPLS VPN,", "MPLS VPN,", styles.sheet()["body"], "R")
    para.wrap(400, 100)
    drawn = []
    monkeypatch.setattr(Paragraph, "drawPara", lambda self, debug=0: drawn.append(
        [list(words) for _extra, words in self.blPara.lines]))
    para.drawPara()
    assert drawn == [[[",MPLS", "VPN"]]]  # one paragraph drawn, of one line
