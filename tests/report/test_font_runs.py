"""Text split into runs by font: what font_for says of each character (a space takes the font of the character
before it), found by a search over the whole text instead of a call per character."""

from __future__ import annotations

import random
import re
import sys

import pytest

from advisor.report import fonts
from advisor.report.visual import has_rtl, visual

pytestmark = pytest.mark.skipif(not fonts.cjk_available(), reason="no CJK TrueType font on this system")

POOL = ([chr(c) for c in range(0x20, 0x250, 3)] + [chr(c) for c in range(0x250, 0x3400, 11)]
        + [chr(c) for c in range(0x3000, 0x3100)] + [chr(c) for c in range(0x4E00, 0x9FFF, 7)]
        + [" ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\u200b", "—", "→", "\uff10", "\U0001F600",
           "\U00020000", "\ud800"])


def _by_character(text: str, font_of) -> list[tuple[str, str]]:
    """Consecutive characters of one font as one run (the definition the runs are checked against)."""
    out: list[tuple[str, str]] = []
    for char in text:
        font = font_of(char, out[-1][0] if out else None)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return out


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(POOL) for _ in range(rng.choice((0, 1, 2, 5, 30, 200)))) for _ in range(count)]


def test_runs_are_font_for_of_each_character():
    fonts.register()
    for text in _texts(4000, 1):
        drawn = visual(text)  # in drawing order: right-to-left runs reversed (tests/report/test_visual_order.py)
        expected = _by_character(drawn, lambda c, before: (before or fonts.SANS) if c.isspace() else fonts.font_for(c))
        assert list(fonts.runs(text)) == expected, text


def test_listing_runs_are_the_mono_font_where_it_has_the_character():
    fonts.register()
    face = fonts.mono()
    if face == fonts.SANS:
        pytest.skip("no DejaVu Sans Mono on this system")
    has = set(fonts.pdfmetrics.getFont(face).face.charToGlyph)
    for text in _texts(4000, 2):
        drawn = visual(text)
        expected = _by_character(drawn, lambda c, _: face if ord(c) in has or c.isspace() else fonts.font_for(c))
        assert list(fonts.mono_runs(text)) == expected, text


def test_fallback_is_needed_where_a_character_is_in_the_cjk_font_only():
    fonts.register()
    cjk = set(fonts.pdfmetrics.getFont(fonts.CJK).face.charToGlyph)
    sans = set(fonts.pdfmetrics.getFont(fonts.SANS).face.charToGlyph)
    for text in _texts(4000, 3):
        expected = any(ord(c) >= 0x250 and ord(c) not in sans and ord(c) in cjk for c in text)
        assert fonts.needs_fallback(text) == (expected or has_rtl(text)), text  # right-to-left: laid out too


def test_a_regular_expressions_space_is_a_python_space():
    """runs() lets `\\s` stand for str.isspace (a space takes the font before it): the same characters."""
    space = re.compile(r"\s")
    assert [c for c in range(sys.maxunicode + 1) if bool(space.match(chr(c))) != chr(c).isspace()] == []


def test_a_long_name_is_one_search_not_a_call_per_character(monkeypatch):
    """A name of 200 Chinese characters was 200 calls of font_for each time it was measured or marked up."""
    fonts.register()
    calls = []
    monkeypatch.setattr(fonts, "font_for", lambda char: calls.append(char) or fonts.SANS)
    name = "".join(chr(0x4E00 + (i * 37) % 5000) for i in range(200))
    assert list(fonts.runs(name + " 12 " + name)) == [(fonts.CJK, name + " "), (fonts.SANS, "12 "),
                                                      (fonts.CJK, name)]
    assert list(fonts.mono_runs("description " + name)) == [(fonts.mono(), "description "), (fonts.CJK, name)]
    assert fonts.markup(name) == f'<font name="{fonts.CJK}">{name}</font>'
    assert calls == []
