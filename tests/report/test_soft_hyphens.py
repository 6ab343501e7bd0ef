"""A word with dozens of soft hyphens loses them in the PDF: reportlab measures the word's prefix at each one, so a
20,000-character note of 4,000 soft hyphens in one word took 30 s to lay out (0.4 s without). A few soft hyphens,
the way they are meant (break points in a long word), stay."""

from __future__ import annotations

import io

from reportlab.platypus import Paragraph, SimpleDocTemplate

from advisor.report import fonts, styles

SHY = "\u00ad"


def test_a_word_with_many_soft_hyphens_loses_them_and_a_few_stay():
    few = "Tele" + SHY + "kommunikations" + SHY + "anlage"
    many = "word" + SHY * 1 + ("word" + SHY) * 40
    text = f"{few} and {many} then R&D"
    marked = fonts.markup(text)
    assert few in marked  # two soft hyphens in a word: kept
    assert "word" * 41 in marked and marked.count(SHY) == 2  # 41 in one word: taken out
    assert "R&amp;D" in marked  # still escaped
    assert fonts.markup(few) == few  # no word over the limit: the text as it was


def test_the_note_lays_out_as_a_long_word():
    text = ("word" + SHY) * 4000
    story = [Paragraph(fonts.markup(text), styles.sheet()["body"])]
    out = io.BytesIO()
    SimpleDocTemplate(out).build(story)  # 30 s before; a word of 16,000 letters broken where it meets the margin
    assert out.getvalue().startswith(b"%PDF")
    assert fonts.markup(text) == "word" * 4000
