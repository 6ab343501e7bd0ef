"""Names in the configuration sketches' '!' comments (advisor/configs/_base.py `clean`): what could end the comment
or turn the line around becomes '?', a no-break space a space, and the joiners a name is spelt with stay."""

from __future__ import annotations

from advisor.configs._base import clean


def test_newlines_controls_and_overrides_become_question_marks():
    assert clean("a\nb\rc\td\u202ee\u2067f") == "a?b?c?d?e?f"


def test_a_no_break_space_is_a_space():
    assert clean("S\u00e3o\u00a0Paulo") == "S\u00e3o Paulo"  # before: 'São?Paulo'
    assert clean("Graz\u2009Nord") == "Graz Nord"  # a thin space too


def test_the_joiners_a_name_is_spelt_with_stay():
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # می‌خواهم: the non-joiner is part of the word
    assert clean(persian) == persian
    assert clean("\U0001F468\u200d\U0001F4BB lab") == "\U0001F468\u200d\U0001F4BB lab"


def test_printable_text_is_left_as_it_is():
    text = "Zürich – Ljubljana (b1) 東京"
    assert clean(text) is text
