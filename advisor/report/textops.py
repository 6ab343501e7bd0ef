"""The PDF operators of one line of text as reportlab's `canvas.drawString` writes them for a TrueType font on a
bottom-up canvas (`BT 1 0 0 1 x y Tm`, then what `line_ops` returns), each distinct line worked out once per
document and font setting: tables and topology labels repeat the same labels, units and figures thousands of times.
Each font setting remembers at most LINES_KEPT lines: a 20,000-site document draws hundreds of thousands of
distinct lines (every name and figure), which held some 200 MB until it was saved; forgotten, a line is worked out
again to the same operators.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

LINES_KEPT = 20_000  # distinct lines remembered per font setting (the labels, units and figures that repeat)


class Lines(dict):
    """The lines drawn at one font setting: text -> (operators after the text matrix, width). `ascii` holds the
    printable ASCII characters the font's subset 0 codes as themselves in this document."""

    __slots__ = ("ascii", "font_name", "leading", "size")

    def __init__(self, font_name: str, size: float, leading: float):
        super().__init__()
        self.font_name, self.size, self.leading = font_name, size, leading
        self.ascii: frozenset[str] = frozenset()


def lines_at(canv, font_name: str, size: float, leading: float) -> Lines | None:
    """The canvas's document's lines at this font setting, or None for a font that is not TrueType (reportlab
    writes those otherwise)."""
    caches = canv.__dict__.setdefault("_advisor_line_ops", {})
    key = (font_name, size, leading)
    lines = caches.get(key, False)
    if lines is False:
        lines = caches[key] = Lines(font_name, size, leading) if getFont(font_name)._dynamicFont else None
    return lines


def line_ops(canv, lines: Lines, text: str) -> tuple[str, float]:
    """The operators after the text matrix that draw `text` (not empty) at `lines`' font setting (the subset font
    and leading, each subset's chunk, T*, ET), and its width; remembered in `lines`. Within one document a text
    once split into the font's subsets always splits the same way: a character's code never changes."""
    found = lines.get(text)
    if found is not None:
        return found
    font, doc = getFont(lines.font_name), canv._doc
    head = f"{fp_str(lines.size)} Tf {fp_str(lines.leading)} TL"
    out, current = [], -1
    for subset, chunk in _split(font, text, doc, lines):
        if subset != current:
            out.append(f"{font.getSubsetInternalName(subset, doc)} {head}")
            current = subset
        out.append(f"({canv._escape(chunk)}) Tj")
    if len(lines) >= LINES_KEPT:  # started afresh: what repeats comes back at once
        lines.clear()
    found = lines[text] = (f"{' '.join(out)} T* ET", stringWidth(text, lines.font_name, lines.size))
    return found


def _split(font, text: str, doc, lines: Lines) -> list[tuple[int, bytes]]:
    """font.splitString(text, doc): text whose characters the document's subset 0 already codes as themselves
    (printable ASCII, where reportlab puts it) is that subset's bytes, with nothing new to assign."""
    if text.isascii() and lines.ascii.issuperset(text):
        return [(0, text.encode("ascii"))]
    chunks = font.splitString(text, doc)
    if not lines.ascii:  # codes are only ever added: once coded as itself, a character stays so
        assigned = font.state[doc].assignments
        lines.ascii = frozenset(chr(n) for n in range(32, 128) if assigned.get(n) == n)
    return chunks
