"""Column widths that fit what the columns hold: figures and short labels on one line with a clear gap between
neighbouring columns, header words whole, and the room they need taken from the columns of running text.
"""

from __future__ import annotations

import functools

from reportlab.pdfbase.pdfmetrics import stringWidth

from advisor.report import fonts

PADDING = 3  # LEFTPADDING and RIGHTPADDING of the house table style (styles.table_style)
GAP = 4.0  # beyond the padding: two right-aligned figures side by side stay this much further apart


def fit_columns(header: list[str], rows: list[list], widths: list[float], figures: set[int] | tuple = (),
                labels: set[int] | tuple = (), font_size: float = 7.5) -> list[float]:
    """`widths` adjusted so that every header word stays whole, every figure (`figures` columns) stays on one line
    clear of its neighbours, and every short label (`labels` columns) on one line; the room comes from the other
    columns, in proportion to what each can spare above its own longest word. The total stays the same.

    In a crowded table the figures give up the extra gap first (they keep their padding), then the labels may
    wrap between words; header words and figures stay whole."""
    n = len(widths)
    figures = {c for c in figures if 0 <= c < n}
    labels = {c for c in labels if 0 <= c < n} - figures
    head = [_header_need(h, font_size) for h in header]
    one_line = {c: _widest(rows, c, font_size) + 2 * PADDING for c in figures | labels}
    words = {c: _longest_word(rows, c, font_size) + 2 * PADDING for c in range(n) if c not in figures}
    for gap, whole in ((GAP, labels), (0.0, labels), (0.0, set())):
        need = [max(head[c], one_line[c] + (gap if c in figures else 0.0)) if c in figures | whole
                else max(head[c], words[c]) for c in range(n)]  # running text: its longest word whole
        if sum(need) <= sum(widths):
            break
    short = sum(max(0.0, nd - w) for nd, w in zip(need, widths, strict=True))
    spare = [max(0.0, w - nd) for nd, w in zip(need, widths, strict=True)]
    total_spare = sum(spare)
    if short <= 0 or total_spare <= 0:
        return list(widths)
    take = min(1.0, short / total_spare)
    give = min(1.0, total_spare / short)
    return [w + (nd - w) * give if nd > w else w - sp * take for nd, w, sp in zip(need, widths, spare, strict=True)]


@functools.lru_cache(maxsize=65536)
def word_width(word: str, font: str, font_size: float) -> float:
    """The width of one word: a document measures the same words (names, units, 'the') thousands of times."""
    return stringWidth(word, font, font_size)


def _header_need(text: str, font_size: float) -> float:
    return max((word_width(w, fonts.SANS_BOLD, font_size) for w in text.split()), default=0) + 7


def _widest(rows: list[list], col: int, font_size: float) -> float:
    """The widest plain-text cell of a column, measured in the bold face (a highlighted row is bold)."""
    lines: set[str] = set()
    for row in rows:
        value = row[col] if col < len(row) else None
        if isinstance(value, str) and value:
            lines.update(value.split("\n"))
    return max((stringWidth(line, fonts.SANS_BOLD, font_size) for line in lines), default=0.0)


def _longest_word(rows: list[list], col: int, font_size: float) -> float:
    """The widest word of a column's plain-text cells (each distinct word measured once)."""
    words: set[str] = set()
    for row in rows:
        value = row[col] if col < len(row) else None
        if isinstance(value, str) and value:
            words.update(value.split())
    return max((word_width(w, fonts.SANS, font_size) for w in words), default=0.0)
