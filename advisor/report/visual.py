"""Right-to-left text (Hebrew, Arabic) in the order the PDF draws it.

reportlab lays text out left to right in the order it is stored. A site named "תל אביב" printed as "ביבא לת", and an
Arabic name as letters in their isolated forms, reversed. The app shows them right (Qt applies the Unicode
bidirectional algorithm and shapes Arabic); the design document must too. So every user text that holds a
right-to-left letter is turned into its visual order before it is drawn or measured: Arabic letters into their
joined forms first (arabic-reshaper; DejaVu Sans has the presentation forms), then the Unicode bidirectional
algorithm (python-bidi) in left-to-right lines, as the app's tables and drawing lay names out, with the brackets of a
right-to-left run mirrored. A line of the designer's notes takes the direction its first letter sets, as the app's
notes editor gives it, flush right when that is Hebrew or Arabic. A left-to-right text is left exactly as it is,
without loading either library.

A table cell's text (a name wrapped in a narrow column) and a line of notes are broken into lines in stored order,
their letters joined (`joined`), and each line is then put in drawing order (`line_order`, by
`report.paragraphs.Para`), so wrapped text reads first line first. Other paragraphs (prose with a name in it,
several fonts or styles) are put in drawing order as a whole before they are broken: a right-to-left run longer
than its line then wraps with its end on the first line.
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


def direction(text: str) -> str:
    """"R" where the first letter of `text` with a direction is right-to-left (Hebrew, Arabic), else "L": a line of
    notes in the direction the app's notes editor gives it."""
    if _RTL.search(text) is None:
        return "L"
    from bidi import get_base_level

    try:
        return "R" if get_base_level(text) == 1 else "L"
    except UnicodeError:  # a lone surrogate: as stored
        return "L"


def visual(text: str) -> str:
    """`text` in drawing order: Arabic letters joined, right-to-left runs reversed within left-to-right lines
    ("HQ – תל אביב" → "HQ – ביבא לת"); `text` itself where it holds no right-to-left letter."""
    if _RTL.search(text) is None:
        return text
    try:
        return "\n".join(_display(line, "L") for line in _reshaper().reshape(text).split("\n"))
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


def line_order(text: str, base: str) -> str:
    """One line of a paragraph of `joined` text, in drawing order in the paragraph's direction `base` ("L", "R")."""
    if _RTL.search(text) is None and base == "L":
        return text
    try:
        return _display(text, base)
    except UnicodeError:  # as in `visual`
        return text


# Characters whose glyph is mirrored at a right-to-left level: brackets, quotation angles, less-than and the like
_MIRRORABLE = re.compile("[()<>\\[\\]{}\u00ab\u00bb\u2039\u203a\u2045\u2046\u207d\u207e\u208d\u208e\u2208-\u22ff"
                         "\u2768-\u2775\u27c0-\u27ff\u2983-\u29ff\u2a00-\u2aff\u3008-\u3011\u3014-\u301b"
                         "\ufe59-\ufe5e\uff08\uff09\uff1c\uff1e\uff3b\uff3d\uff5b\uff5d\uff5f\uff60\uff62\uff63]")
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")
_BREAKS = re.compile("[\n\r\x1c-\x1e\x85\u2029]")  # paragraph separators: each part its own paragraph


def _display(line: str, base: str) -> str:
    """The bidirectional algorithm's drawing order of one line in direction `base` (python-bidi), with the glyphs of
    brackets and the like that land at a right-to-left level mirrored (rule L4, which python-bidi leaves out: "תל
    אביב (מרכז)" drew its brackets facing outwards)."""
    from bidi import get_display

    shown = get_display(line, base_dir=base)
    if _MIRRORABLE.search(line) is None or _BREAKS.search(line):
        return shown
    levels = _levels(line, get_display(line, base_dir=base, debug=True))
    if levels is None:
        return shown
    from bidi.mirror import MIRRORED

    paragraph = 1 if base == "R" else 0
    if _reordered(line, levels, paragraph, {}) != shown:  # not python-bidi's own order: keep its order unmirrored
        return shown
    return _reordered(line, levels, paragraph, MIRRORED)


def _levels(line: str, debug: str) -> list[int] | None:
    """Each character's resolved level, from python-bidi's `debug` report (a level per UTF-8 byte)."""
    byte_levels = [int(x) for x in _LEVEL.findall(debug[debug.find("levels:"):debug.find("paragraphs:")])]
    levels, at = [], 0
    for ch in line:
        if at >= len(byte_levels):
            return None
        levels.append(byte_levels[at])
        at += len(ch.encode("utf-8"))
    return levels


def _reordered(line: str, levels: list[int], paragraph: int, mirror: dict[str, str]) -> str:
    """One line in drawing order: trailing white space at the paragraph's level (rule L1), characters at odd levels
    mirrored (L4), runs reversed from the highest level down to the lowest odd one (L2)."""
    levels = list(levels)
    end = len(line)
    while end and (line[end - 1].isspace() or line[end - 1] in "\u2066\u2067\u2068\u2069"):
        end -= 1
        levels[end] = paragraph
    chars = [mirror.get(c, c) if lv % 2 else c for c, lv in zip(line, levels, strict=True)]
    for level in range(max(levels, default=0), 0, -1):
        i = 0
        while i < len(chars):
            if levels[i] < level:
                i += 1
                continue
            j = i
            while j < len(chars) and levels[j] >= level:
                j += 1
            chars[i:j] = chars[i:j][::-1]
            levels[i:j] = levels[i:j][::-1]
            i = j
    return "".join(chars)


@functools.cache
def _reshaper():
    from arabic_reshaper import ArabicReshaper

    return ArabicReshaper(configuration={"delete_harakat": False})  # the vowel marks a name was typed with stay


__all__ = ["direction", "has_rtl", "joined", "line_order", "visual"]
