"""Hebrew and Arabic names in the PDF in the order they are read (advisor/report/visual.py): right-to-left runs
reversed within the document's left-to-right lines, Arabic letters joined. Expected strings worked out by hand from
the Unicode bidirectional algorithm and the Arabic joining forms."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from advisor.report import fonts, tables
from advisor.report.visual import has_rtl, visual

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
    assert fonts.markup(f"{TEL_AVIV} & co") == "\u05d1\u05d9\u05d1\u05d0 \u05dc\u05ea &amp; co"
    assert "".join(chunk for _font, chunk in fonts.runs(SHALOM)) == "\u05dd\u05d5\u05dc\u05e9"
    assert fonts.needs_fallback(SHALOM) and not fonts.needs_fallback("Zürich – Graz")


def test_widths_are_those_of_the_joined_letters():
    fonts.register()
    joined = stringWidth("\ufee1\ufefc\ufeb3", fonts.SANS, 10)
    assert fonts.string_width(SALAM, 10) == joined
    assert joined != stringWidth(SALAM, fonts.SANS, 10)  # the isolated letters are wider: measured as drawn


def test_a_table_cell_with_a_hebrew_name_is_a_paragraph_in_drawing_order():
    fonts.register()
    got = tables.cell(TEL_AVIV, 80)
    assert isinstance(got, tables.Para)
    assert got.text == "\u05d1\u05d9\u05d1\u05d0 \u05dc\u05ea"
    assert isinstance(tables.cell("Graz", 80), tables.Text)  # plain names keep the plain cell


def test_a_lone_surrogate_beside_hebrew_is_drawn_as_stored():
    # a validated design holds none; the drawing code must not fail on one either
    assert visual("\u05e9\ud800x") == "\u05e9\ud800x"
