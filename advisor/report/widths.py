"""Column widths that fit what the columns hold: figures and short labels on one line with a clear gap between
neighbouring columns, header words whole, and the room they need taken from the columns of running text.
"""

from __future__ import annotations

import functools

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from advisor.report import fonts

PADDING = 3  # LEFTPADDING and RIGHTPADDING of the house table style (styles.table_style)
GAP = 4.0  # beyond the padding: two right-aligned figures side by side stay this much further apart
# A column of running text gives room to its neighbours only down to the width at which its longest cell takes this
# many lines (about 280 pt, well under a page), and never below its own longest word: four site names of 200
# characters in a column squeezed to 25 pt made a row taller than a page.
MAX_CELL_LINES = 30
LEADING_SLACK = 1.2  # broken lines fill their width less than fully: room for the words that did not fit


def fit_columns(header: list[str], rows: list[list], widths: list[float], figures: set[int] | tuple = (),
                labels: set[int] | tuple = (), font_size: float = 7.5, header_cap: float | None = None,
                keep: tuple[int, ...] = ()) -> list[float]:
    """`widths` adjusted so that every header word stays whole, every figure (`figures` columns) stays on one line
    clear of its neighbours, and every short label (`labels` columns) on one line; the room comes from the other
    columns, in proportion to what each can spare above its own longest word (and above the width its longest cell
    needs to stay under MAX_CELL_LINES lines). The total stays the same.

    In a crowded table the figures give up the extra gap first (they keep their padding), then the labels may
    wrap between words; the room goes to header words and figures before long words, so header words and figures
    stay whole. With `header_cap`, a header word or a one-line cell claims no more than that (or its column's own
    width): names the user chose, heading a column or inside a column of figures, then break inside rather than
    squeeze the other columns' words into pieces. The `keep` columns give none of their width (running text whose
    cells their width holds on one line)."""
    n = len(widths)
    figures = {c for c in figures if 0 <= c < n}
    labels = {c for c in labels if 0 <= c < n} - figures
    head = [_header_need(h, font_size) for h in header]
    one_line = {c: _widest(rows, c, font_size) + 2 * PADDING for c in figures | labels}
    if header_cap is not None:
        head = [min(need, max(header_cap, w)) for need, w in zip(head, widths, strict=True)]
        one_line = {c: min(need, max(header_cap, widths[c])) for c, need in one_line.items()}
    words = {c: _longest_word(rows, c, font_size) + 2 * PADDING for c in range(n) if c not in figures}
    words = {c: max(need, _floor(rows, c, widths[c], need, font_size)) for c, need in words.items()}
    for c in keep:  # running text its width already holds on one line (`balance`): it keeps that width
        if c in words:
            words[c] = max(words[c], widths[c])
    for gap, whole in ((GAP, labels), (0.0, labels), (0.0, set())):
        need = [max(head[c], one_line[c] + (gap if c in figures else 0.0)) if c in figures | whole
                else max(head[c], words[c]) for c in range(n)]  # running text: its longest word whole
        if sum(need) <= sum(widths):
            break
    spare = [max(0.0, w - nd) for nd, w in zip(need, widths, strict=True)]
    total_spare = sum(spare)
    # What the spare room goes to first: header words and figures whole, and a label's longest word where it fits
    # its column's own width (a crowded table's long names wait: "ethernet" must not break inside beside a
    # 200-character name that breaks anyway, nor give its room to it).
    must = [min(nd, max(head[c], one_line[c]) if c in figures else max(head[c], min(words[c], widths[c]))
                if c in labels else head[c]) for c, nd in enumerate(need)]
    first = [max(w, f) for w, f in zip(widths, must, strict=True)]
    short_first = sum(f - w for f, w in zip(first, widths, strict=True))
    short_rest = sum(max(f, nd) - f for f, nd in zip(first, need, strict=True))
    if short_first > total_spare:
        return _header_words_first(widths, must, spare, short_first)
    if short_first + short_rest <= 0 or total_spare <= 0:
        return list(widths)
    give_first = min(1.0, total_spare / short_first) if short_first > 0 else 1.0
    left = total_spare - give_first * short_first
    give_rest = min(1.0, left / short_rest) if short_rest > 0 else 1.0
    take = (give_first * short_first + give_rest * short_rest) / total_spare
    return [w + (f - w) * give_first + (max(f, nd) - f) * give_rest - sp * take
            for nd, w, f, sp in zip(need, widths, first, spare, strict=True)]


def _header_words_first(widths: list[float], must: list[float], spare: list[float], short: float) -> list[float]:
    """Header words and figures (`must`) need more than the room to spare: the columns of running text give
    theirs down to their own header word (their long words then break inside), first what they can spare."""
    slack = [max(0.0, w - f) - sp for w, f, sp in zip(widths, must, spare, strict=True)]
    total_spare, total_slack = sum(spare), sum(slack)
    give = min(1.0, (total_spare + total_slack) / short) if short > 0 else 0.0
    used = give * short
    take_spare = min(1.0, used / total_spare) if total_spare > 0 else 0.0
    take_slack = (used - take_spare * total_spare) / total_slack if total_slack > 0 else 0.0
    return [w + max(0.0, f - w) * give - sp * take_spare - sl * take_slack
            for w, f, sp, sl in zip(widths, must, spare, slack, strict=True)]


@functools.lru_cache(maxsize=65536)
def word_width(word: str, font: str, font_size: float) -> float:
    """The width of one word: a document measures the same words (names, units, 'the') thousands of times."""
    return stringWidth(word, font, font_size)


def forget() -> None:
    """Let go of the remembered widths (a document's texts, up to 65,536 of them each: tens of MB of long
    findings and names once a large document is laid out)."""
    word_width.cache_clear()
    _text_width.cache_clear()


def _header_need(text: str, font_size: float) -> float:
    return max((word_width(w, fonts.SANS_BOLD, font_size) for w in text.split()), default=0) + 7


@functools.lru_cache(maxsize=65536)
def _text_width(text: str, font_size: float, bold: bool = False) -> float:
    """The width of text as a cell prints it: DejaVu, and the CJK font for the characters only it has."""
    return fonts.string_width(text, font_size, bold)


def _texts(rows: list[list], col: int) -> tuple[set[str], set[str]]:
    """The distinct texts of a column: its plain-text cells, and the plain text of its Paragraph cells (names in
    CJK, bold or broken lines), which count as much: left unmeasured, their column gave its room away."""
    plain: set[str] = set()
    paragraphs: set[str] = set()
    for row in rows:
        value = row[col] if col < len(row) else None
        if isinstance(value, str):
            if value:
                plain.add(value)
        elif isinstance(value, Paragraph):
            paragraphs.add(value.getPlainText())
    return plain, paragraphs


def _widest(rows: list[list], col: int, font_size: float) -> float:
    """The widest cell of a column, measured in the bold face (a highlighted row is bold)."""
    plain, paragraphs = _texts(rows, col)
    lines = {line for text in plain for line in text.split("\n")}
    widest = max((stringWidth(line, fonts.SANS_BOLD, font_size) for line in lines), default=0.0)
    lines = {line for text in paragraphs for line in text.split("\n")}
    return max(widest, max((_text_width(line, font_size, True) for line in lines), default=0.0))


def _longest_word(rows: list[list], col: int, font_size: float) -> float:
    """The widest word of a column's cells (each distinct word measured once)."""
    plain, paragraphs = _texts(rows, col)
    words = {word for text in plain for word in text.split()}
    longest = max((word_width(w, fonts.SANS, font_size) for w in words), default=0.0)
    words = {word for text in paragraphs for word in text.split()}
    return max(longest, max((_text_width(w, font_size) for w in words), default=0.0))


def _floor(rows: list[list], col: int, width: float, need: float, font_size: float) -> float:
    """The least width a column of running text keeps: its longest cell in MAX_CELL_LINES lines, at most `width`
    (its share of the table). Only cells long enough to need more than `need` are measured: a thousand-row table
    of short names measures none."""
    if need >= width:
        return need
    # No character is wider than 1.5 em: a cell shorter than this many characters fits in `need`, so in few lines.
    shortest = (need - 2 * PADDING) * MAX_CELL_LINES / (LEADING_SLACK * 1.5 * font_size)
    plain, paragraphs = _texts(rows, col)
    heavy = [text for text in plain | paragraphs if len(text) > shortest]
    if not heavy:
        return need
    widest = max(_text_width(text, font_size) for text in heavy)
    return min(width, widest * LEADING_SLACK / MAX_CELL_LINES + 2 * PADDING)
