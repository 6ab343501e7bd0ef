"""Right-to-left text (Hebrew, Arabic) in the order the PDF draws it.

reportlab lays text out left to right in the order it is stored. A site named "תל אביב" printed as "ביבא לת", and an
Arabic name as letters in their isolated forms, reversed. The app shows them right (Qt applies the Unicode
bidirectional algorithm and shapes Arabic); the design document must too. So every user text that holds a
right-to-left letter is turned into its visual order before it is drawn or measured: Arabic letters into their
joined forms first (arabic-reshaper; DejaVu Sans has the presentation forms), then the Unicode bidirectional
algorithm (python-bidi) with a left-to-right paragraph direction, as the document's English prose around the names
is. A left-to-right text is left exactly as it is, without loading either library.

A table cell's text (a name wrapped in a narrow column) is broken into lines in stored order, its letters joined
(`joined`), and each line is then put in drawing order (`line_order`, by `report.paragraphs.Para`), so a name over
two lines reads first line first. Other paragraphs (prose with a name in it, several fonts or styles) are put in
drawing order as a whole before they are broken: a right-to-left run longer than its line then wraps with its end
on the first line.
"""

from __future__ import annotations

import functools
import re

# Letters of the right-to-left scripts DejaVu draws (Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic,
# Arabic Extended) and their presentation forms
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def has_rtl(text: str) -> bool:
    """Whether `text` holds a right-to-left letter (and so needs `visual`)."""
    return _RTL.search(text) is not None


def visual(text: str) -> str:
    """`text` in drawing order: Arabic letters joined, right-to-left runs reversed within a left-to-right paragraph
    ("HQ – תל אביב" → "HQ – ביבא לת"); `text` itself where it holds no right-to-left letter."""
    if _RTL.search(text) is None:
        return text
    from bidi import get_display

    try:
        return get_display(_reshaper().reshape(text), base_dir="L")
    except UnicodeError:  # a lone surrogate (a validated design holds none): drawn as stored
        return text


def joined(text: str) -> str:
    """`text` in stored order, its Arabic letters in their joined forms (what `visual` does before it reorders)."""
    if _RTL.search(text) is None:
        return text
    try:
        return _reshaper().reshape(text)
    except UnicodeError:  # as in `visual`
        return text


def line_order(text: str) -> str:
    """One line of `joined` text in drawing order (right-to-left runs reversed within it)."""
    if _RTL.search(text) is None:
        return text
    from bidi import get_display

    try:
        return get_display(text, base_dir="L")
    except UnicodeError:  # as in `visual`
        return text


@functools.cache
def _reshaper():
    from arabic_reshaper import ArabicReshaper

    return ArabicReshaper(configuration={"delete_harakat": False})  # the vowel marks a name was typed with stay


__all__ = ["has_rtl", "joined", "line_order", "visual"]
