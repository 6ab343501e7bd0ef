"""Splitting a word wider than its line (a site name of two hundred Chinese characters has no space to break at)
where reportlab's Paragraph splits it, by adding up its characters' widths one at a time. reportlab asks the font
for each character's width anew (four function calls); here each width is asked once per font and size (_widths).
Used by both line breakers: advisor.report.linebreak_single (one fragment) and linebreak_frags (several)."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import paragraph as rl
from reportlab.platypus.paragraph import _HSFrag, _SplitFrag, _SplitWord


class _Widths(dict):
    """The widths of characters in one font and size, each measured the first time it is asked for."""

    def __init__(self, font, font_name: str, font_size: float):
        super().__init__()
        self.font, self.font_name, self.font_size = font, font_name, font_size

    def __missing__(self, char: str) -> float:
        width = self[char] = stringWidth(char, self.font_name, self.font_size)
        return width


_WIDTHS: dict[tuple[str, float], _Widths] = {}


def _widths(font_name: str, font_size: float) -> _Widths:
    """The character widths of this font and size (kept while the name means the same font)."""
    font = getFont(font_name)
    known = _WIDTHS.get((font_name, font_size))
    if known is None or known.font is not font:
        known = _WIDTHS[(font_name, font_size)] = _Widths(font, font_name, font_size)
    return known


def split_word(word: str, line_width: float, max_widths: list[float], lineno: int, font_name: str,
               font_size: float) -> list[_SplitWord]:
    """reportlab's _splitWord (not bidirectional text), each character's width looked up once per font and size."""
    widths = _widths(font_name, font_size)
    pieces: list[_SplitWord] = []
    maxlineno = len(max_widths) - 1
    text = ""
    max_width = max_widths[min(maxlineno, lineno)]
    next_width = max_widths[min(maxlineno, lineno + 1)]  # reportlab never moves this one on
    for char in word:
        char_width = widths[char]
        new_line_width = line_width + char_width
        if new_line_width > max_width and (text or char_width <= next_width):
            pieces.append(_SplitWord(text))
            lineno += 1
            max_width = max_widths[min(maxlineno, lineno)]
            new_line_width = char_width
            text = ""
        text += char
        line_width = new_line_width
    pieces.append(rl._SplitWordEnd(text))
    return pieces


def split_frag_word(w: list, max_width: float, max_widths: list[float], lineno: int) -> list:
    """reportlab's _splitFragWord for a word of plain text fragments, each character's width looked up once per
    font and size: the same pieces, the same fragments, the same sums."""
    pieces: list = []
    maxlineno = len(max_widths) - 1
    next_width = max_widths[min(maxlineno, lineno + 1)]
    parts: list = []
    line_width = 0
    text = ""
    word_width = 0
    f = w[1][0]
    for g, s in w[1:]:
        widths = _widths(g.fontName, g.fontSize) if s else _NO_TEXT  # reportlab's width 0 of an empty text
        for char in s or ("",):
            char_width = widths[char]
            new_line_width = line_width + char_width
            too_long = new_line_width > max_width and (word_width or char_width <= next_width)
            if g is not f or too_long:
                f = f.clone()
                if hasattr(f, "text"):
                    f.text = text
                parts.append((f, text))
                if too_long:
                    pieces.append(_SplitFrag([word_width, *parts]))
                    lineno += 1
                    max_width = next_width
                    next_width = max_widths[min(maxlineno, lineno + 1)]
                    parts = []
                    new_line_width = char_width
                    word_width = 0
                text = ""
                f = g
            word_width += char_width
            text += char
            line_width = new_line_width
    parts.append((f, text))
    pieces.append((rl._SplitFragHS if isinstance(w, _HSFrag) else rl._SplitFragH)([word_width, *parts]))
    return pieces


_NO_TEXT = {"": 0}
