"""The PDF's TrueType faces as reportlab registers them, made to print what their fonts lack without a trace: a
character no font has under a code of its own (copied out of the PDF as written), the directional isolates and the
invisible controls drawn as nothing (split from `advisor.report.fonts`)."""

from __future__ import annotations

from reportlab.pdfbase.ttfonts import TTFont

from advisor.report.visual import CLOSE, OPEN
from advisor.report.word_breaks import CONTROLS


class _Font(TTFont):
    """A TrueType font whose characters it has no glyph for (Thai, Devanagari, a flag's letters, where no font has
    them) are drawn with its missing glyph, a box, as before, yet each under a code of its own, so that the PDF's
    text copies out and is found as written: reportlab drew them all as code 0, which copied out as U+0000. What
    the font covers is taken before any is added (`covered`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.covered = frozenset(self.face.charToGlyph)

    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 - reportlab's name
        if isinstance(text, str) and not text.isascii():
            glyphs = self.face.charToGlyph
            for code in {ord(c) for c in text}.difference(glyphs):
                if code >= 0x20 and code != 0xA0:  # (reportlab draws a no-break space as a space)
                    glyphs.setdefault(code, 0)  # glyph 0: the missing glyph, with its width as measured
        return super().splitString(text, doc, encoding)


# The directional isolates (LRI, RLI, FSI, PDI: Unicode 6.3) and the older marks that do the same work invisibly.
# DejaVu has glyphs for the older ones (zero width, nothing drawn) but not for the isolates, which then printed as
# boxes in a name pasted from a right-to-left text. Drawn like their older kin they print as nothing, as in the app
# (the PDF lays text out in the order it is stored either way) and still copy out of the PDF as themselves.
# The two markers of `visual.marked` (dropped before a line is drawn) are measured as nothing, as the isolates.
_ISOLATE_KIN = {0x2066: 0x202A, 0x2067: 0x202B, 0x2068: 0x200E, 0x2069: 0x202C, ord(OPEN): 0x200E, ord(CLOSE): 0x200E}


_INVISIBLE = 0x200B  # ZERO WIDTH SPACE


def invisible_isolates(font: TTFont) -> TTFont:
    """`font` with each directional isolate it lacks drawn with the glyph of its older, invisible kin (as
    reportlab itself draws a no-break space with the space's glyph when a font lacks one), and the `CONTROLS`
    with its zero-width space's glyph."""
    face = font.face
    for isolate, kin in _ISOLATE_KIN.items():
        if isolate not in face.charToGlyph and kin in face.charToGlyph:
            face.charToGlyph[isolate] = face.charToGlyph[kin]
            face.charWidths[isolate] = face.charWidths.get(kin, 0)
    if face.charWidths.get(_INVISIBLE, 1) == 0:
        for code in CONTROLS.difference(face.charToGlyph):
            face.charToGlyph[code] = face.charToGlyph[_INVISIBLE]
            face.charWidths[code] = 0
    if isinstance(font, _Font):
        font.covered = frozenset(face.charToGlyph)
    return font
