"""What the PDF does to a text's words before reportlab breaks it into lines: soft hyphens thinned where a word holds
too many to measure, words drawn with no width glued to a neighbour, and the control characters that print as
nothing. Apart from `advisor.report.fonts`, which registers the faces these read and calls them from `markup`."""

from __future__ import annotations

import functools
import re

from reportlab.pdfbase import pdfmetrics

# The controls that are no space (NUL, BEL, ESC, DEL, the C1 controls but NEL), which a name pasted from a terminal
# or a file written by hand can hold, and which show nothing (`shown_names`): no font has a glyph for them, so they
# printed as boxes (on the cover, in every page header and table) and copied out of the PDF as U+0000. Drawn with
# the zero-width space's glyph they print as nothing, are measured as nothing and copy out as themselves. The
# controls that are spaces (tab, line breaks, NEL) are left to the line breaking, which takes them as spaces.
CONTROLS = frozenset((*range(0x00, 0x09), *range(0x0E, 0x1C), *range(0x7F, 0x85), *range(0x86, 0xA0)))


def char_class(codes) -> str:
    """Code points as the ranges of a regular expression's character class."""
    codes = sorted(codes)
    ranges: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        ranges.append(re.escape(chr(codes[i])) + (f"-{re.escape(chr(codes[j]))}" if j > i else ""))
        i = j + 1
    return "".join(ranges)


SOFT_HYPHENS_PER_WORD = 16  # more in one word are dropped: reportlab measures every prefix at each (cubic time)
SHY = "\u00ad"
_WORD = re.compile(r"[^ \t\n]+")


def fewer_soft_hyphens(text: str) -> str:
    """`text` with the soft hyphens of any word holding more than `SOFT_HYPHENS_PER_WORD` taken out. A soft hyphen
    only marks where a word may break; reportlab tries the break at each one by measuring the word's prefix, so a
    20,000-character note of 4,000 of them in one word took 30 s to lay out. Such a word breaks like any long word."""
    if text.count(SHY) <= SOFT_HYPHENS_PER_WORD:
        return text
    return _WORD.sub(lambda m: m.group() if m.group().count(SHY) <= SOFT_HYPHENS_PER_WORD
                     else m.group().replace(SHY, ""), text)


# A character that may be drawn with no width: beyond Latin, or one of the `CONTROLS`
_GLUE_CHECK = re.compile("[^\t-\r\x1c-~\x85\xa0-\u024f]")


def glued(text: str, faces: tuple[str, ...]) -> str:
    """`text` with each word that is drawn with no width (a lone combining mark, a zero-width joiner, a variation
    selector) joined to the word before it (the first, to the one after it) by a no-break space, drawn as the space
    it replaces; a text of nothing else is drawn over a no-break space. reportlab's breaking
    of a paragraph of several fragments (bold, two fonts, line breaks) leaves out the space before such a word yet
    draws it: a name of a hundred of them ran its line off the page."""
    if not _GLUE_CHECK.search(text):
        return text
    before, after, alone = _weightless(faces)
    if alone.match(text):  # nothing else to join: such a mark is shown over a no-break space (as Unicode advises)
        return "\xa0" + text.strip()
    return after.sub("\\1\xa0", before.sub("\xa0", text), count=1)


@functools.cache
def _weightless(faces: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Patterns of words made only of characters the registered `faces` (DejaVu Sans and its bold) draw with no
    width: the spaces before such a word, the spaces after one that opens the text, and a text of nothing else."""
    weightless: set[int] = set()
    for name in faces:
        weightless |= {c for c, width in pdfmetrics.getFont(name).face.charWidths.items()
                       if width == 0 and (c >= 0x250 or c in CONTROLS) and not chr(c).isspace()}
    chars = f"[{char_class(weightless)}]+"
    return (re.compile(rf"(?<=\S){_GAP}(?={chars}(?:\s|$))"), re.compile(rf"^({chars}){_GAP}(?=\S)"),
            re.compile(rf"\s*{chars}\s*$"))


# The spaces between words that reportlab breaks a line at: every space but the no-break one and the line breaks a
# text keeps (an ideographic or thin space beside a mark was drawn, and measured as nothing: 10 pt past the margin)
_GAP = "[^\\S\xa0\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+"


__all__ = ["CONTROLS", "SHY", "SOFT_HYPHENS_PER_WORD", "char_class", "fewer_soft_hyphens", "glued"]
