"""Column widths that fit what the columns hold: figures and short labels on one line with a clear gap between
neighbouring columns, header words whole, and the room they need taken from the columns of running text, which keep
a readable width (a table too crowded for all its figures breaks its widest figures, not its names).
"""

from __future__ import annotations

import functools

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from advisor.report import fonts
from advisor.report.visual import joined

PADDING = 3  # LEFTPADDING and RIGHTPADDING of the house table style (styles.table_style)
GAP = 4.0  # beyond the padding: two right-aligned figures side by side stay this much further apart
# A column of running text gives room to its neighbours only down to the width at which its longest cell takes this
# many lines (about 280 pt, well under a page), and never below its own longest word: four site names of 200
# characters in a column squeezed to 25 pt made a row taller than a page.
MAX_CELL_LINES = 30
LEADING_SLACK = 1.2  # broken lines fill their width less than fully: room for the words that did not fit
# A column of names gives room to its neighbours only down to this many characters (at the width of a digit, DejaVu
# Sans's 1,303/2,048 em), or its widest cell if narrower, or its own share if narrower still: a link table of 20,000 sites
# gave its figures ("56,902,044.8 %") all the room and printed "Branch 8615 — Branch 8616" as "Branc / h / 8615 …".
# The figures then break after their thousands separators instead.
READABLE_CHARS = 12


class RtlText(str):
    """Plain cell text holding Hebrew or Arabic letters, all in DejaVu: laid out by data_table at the column's final
    width as its drawing order (`visual`) where that fits one line, as a name in Latin letters is, else as a
    paragraph broken in stored order (`tables.paragraph`). Measured for the column widths here as that paragraph
    would be (`_texts`)."""

    __slots__ = ()


def fit_columns(header: list[str], rows: list[list], widths: list[float], figures: set[int] | tuple = (),
                labels: set[int] | tuple = (), font_size: float = 7.5, header_cap: float | None = None,
                keep: tuple[int, ...] = ()) -> list[float]:
    """`widths` adjusted so that every header word stays whole, every figure (`figures` columns) stays on one line
    clear of its neighbours, and every short label (`labels` columns) on one line; the room comes from the other
    columns, in proportion to what each can spare above its own longest word (and above the width its longest cell
    needs to stay under MAX_CELL_LINES lines). The total stays the same.

    In a crowded table the figures give up the extra gap first (they keep their padding), then the labels may wrap
    between words. Where header words and figures need more than the other columns can spare, a column of running
    text (names) gives its room only down to a readable width: READABLE_CHARS characters, its widest cell if
    narrower, its own share if narrower still (`_readable`); the room goes to header words, names at that width and
    figures before long words, so header words stay whole and names break only between words, and the widest
    figures break after their thousands separators (`_level`; advisor.report.tables keeps every digit). With `header_cap`, a header word or a one-line cell claims no more than that (or its column's own
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
    need = _needs(head, one_line, words, widths, figures, labels)
    spare = [max(0.0, w - nd) for nd, w in zip(need, widths, strict=True)]
    total_spare = sum(spare)
    # What the spare room goes to first: header words and figures whole, and a label's longest word where it fits
    # its column's own width (a crowded table's long names wait: "ethernet" must not break inside beside a
    # 200-character name that breaks anyway, nor give its room to it).
    own = [max(head[c], min(words[c], widths[c])) if c in labels else head[c] for c in range(n)]
    must = [min(nd, max(head[c], one_line[c]) if c in figures else own[c]) for c, nd in enumerate(need)]
    first = [max(w, f) for w, f in zip(widths, must, strict=True)]
    short_first = sum(f - w for f, w in zip(first, widths, strict=True))
    short_rest = sum(max(f, nd) - f for f, nd in zip(first, need, strict=True))
    if short_first > total_spare:  # crowded: names keep a readable width before the figures get theirs
        readable = {c: _readable(rows, c, widths[c], need, font_size) for c, need in words.items()
                    if c not in labels}
        for c, width in readable.items():
            words[c] = max(words[c], width)
        need = _needs(head, one_line, words, widths, figures, labels)
        spare = [max(0.0, w - nd) for nd, w in zip(need, widths, strict=True)]
        hard = [min(nd, max(own[c], readable.get(c, 0.0))) for c, nd in enumerate(need)]
        must = [min(nd, max(head[c], one_line[c])) if c in figures else hard[c] for c, nd in enumerate(need)]
        return _header_words_first(widths, hard, must, spare)
    if short_first + short_rest <= 0 or total_spare <= 0:
        return list(widths)
    give_first = min(1.0, total_spare / short_first) if short_first > 0 else 1.0
    left = total_spare - give_first * short_first
    give_rest = min(1.0, left / short_rest) if short_rest > 0 else 1.0
    take = (give_first * short_first + give_rest * short_rest) / total_spare
    return [w + (f - w) * give_first + (max(f, nd) - f) * give_rest - sp * take
            for nd, w, f, sp in zip(need, widths, first, spare, strict=True)]


def _needs(head: list[float], one_line: dict[int, float], words: dict[int, float], widths: list[float],
           figures: set[int], labels: set[int]) -> list[float]:
    """What each column needs: figures on one line with a clear gap, labels on one line, running text its longest
    word whole; as much of that as the table's width holds (the figures' gap given up first, then the labels' one
    line)."""
    n = len(widths)
    for gap, whole in ((GAP, labels), (0.0, labels), (0.0, set())):
        need = [max(head[c], one_line[c] + (gap if c in figures else 0.0)) if c in figures | whole
                else max(head[c], words[c]) for c in range(n)]
        if sum(need) <= sum(widths):
            break
    return need


def _header_words_first(widths: list[float], hard: list[float], must: list[float],
                        spare: list[float]) -> list[float]:
    """Header words, names and figures (`must`) need more than the room to spare: the other columns give theirs
    down to their own `must` (their long words then break inside), first what they can spare. The room goes first
    to header words and names at their readable width (`hard`), then to the figures: the widest are cut to a common
    width (`_level`) and break after their thousands separators, the narrower stay whole ("1,078,261" calls on one
    line beside "56,902,044.8" over "%")."""
    slack = [max(0.0, w - f) - sp for w, f, sp in zip(widths, must, spare, strict=True)]
    short_hard = [max(0.0, h - w) for w, h in zip(widths, hard, strict=True)]
    total_spare, total_slack = sum(spare), sum(slack)
    room = total_spare + total_slack
    give_hard = min(1.0, room / sum(short_hard)) if sum(short_hard) > 0 else 0.0
    base = [max(w, h) for w, h in zip(widths, hard, strict=True)]
    short_more = _level(base, must, room - give_hard * sum(short_hard))
    used = give_hard * sum(short_hard) + sum(short_more)
    take_spare = min(1.0, used / total_spare) if total_spare > 0 else 0.0
    take_slack = (used - take_spare * total_spare) / total_slack if total_slack > 0 else 0.0
    return [w + sh * give_hard + sm - sp * take_spare - sl * take_slack
            for w, sh, sm, sp, sl in zip(widths, short_hard, short_more, spare, slack, strict=True)]


def _level(base: list[float], want: list[float], room: float) -> list[float]:
    """What each column gets above `base` towards `want` out of `room`: all it wants when the room suffices, else
    every column up to a common width (those that want less get all they want, the widest are cut to it)."""
    short = [max(0.0, w - b) for b, w in zip(base, want, strict=True)]
    if sum(short) <= room:
        return short
    if room <= 0:
        return [0.0] * len(base)
    low, high = min(base), max(want)
    for _ in range(60):  # bisect the common width: what the columns then take grows with it
        mid = (low + high) / 2
        if sum(max(0.0, min(w, mid) - b) for b, w in zip(base, want, strict=True)) > room:
            high = mid
        else:
            low = mid
    return [max(0.0, min(w, low) - b) for b, w in zip(base, want, strict=True)]


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
    """The width of text as a cell prints it: DejaVu, and a fallback font (CJK, Thai) for the characters it lacks."""
    return fonts.string_width(text, font_size, bold)


def _texts(rows: list[list], col: int) -> tuple[set[str], set[str]]:
    """The distinct texts of a column: its plain-text cells, and the plain text of its Paragraph cells (names in
    CJK or Thai, bold or broken lines), which count as much: left unmeasured, their column gave its room away."""
    plain: set[str] = set()
    paragraphs: set[str] = set()
    for row in rows:
        value = row[col] if col < len(row) else None
        if isinstance(value, RtlText):  # as its paragraph would be (`tables._lay_out`)
            paragraphs.add(joined(value))
        elif isinstance(value, str):
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


def _readable(rows: list[list], col: int, width: float, need: float, font_size: float) -> float:
    """The width a column of names keeps in a crowded table: READABLE_CHARS characters, or its widest cell where
    narrower (a column of short ids keeps only what they need), never more than its own `width`. Cells are measured
    only while `need` (its longest word) is below that, the longest first: a column of long names stops at once."""
    target = min(width, READABLE_CHARS * word_width("0", fonts.SANS, font_size) + 2 * PADDING)
    if need >= target:
        return target
    plain, paragraphs = _texts(rows, col)
    lines = sorted({line for text in plain | paragraphs for line in text.split("\n")}, key=len, reverse=True)
    widest = need - 2 * PADDING
    for line in lines:
        if len(line) * 1.5 * font_size <= widest:  # no character is wider than 1.5 em: none left is wider
            break
        widest = max(widest, _text_width(line, font_size))
        if widest + 2 * PADDING >= target:
            return target
    return widest + 2 * PADDING
