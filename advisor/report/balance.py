"""Widths for tables whose columns hold text of very different lengths (findings, bill-of-materials lines): each
column's usual share is its most, a column whose every cell fits on one line in less takes just that, and the room
so freed, with the shares of the columns that wrap, goes to those columns in proportion to the text each holds, so
a row's cells take about as many lines. With fixed shares a long "Why" or "Reason" wrapped to nine or ten lines in
a narrow column beside short names with room to spare, and a 1,000-site design's document ran to 573 pages.

`tables.data_table` then keeps header words, figures and long words whole (`widths.fit_columns`), as for any table.
"""

from __future__ import annotations

from itertools import repeat

from advisor.report import fonts, styles
from advisor.report.widths import PADDING

FLOOR_SHARE = 0.5  # a wrapping column gives up at most this part of its share (and keeps its longest word)
MOSTLY = 0.9  # a column whose distinct cells fit its share on one line up to this quantile keeps them on one line
WORDS_MEASURED = 2000  # distinct lines whose words are all measured for the longest; beyond, the MEASURED longest
MEASURED = 64  # lines measured for the widest (the longest by characters) and for the quantile (those just below)


def by_content(texts: list[list[str] | None], shares: list[float], font_size: float = 7.5
               ) -> tuple[list[float], tuple[int, ...]]:
    """(widths across the frame, the columns whose cells (nearly all) fit on one line) for columns with these usual
    `shares` (any scale) holding `texts` (per column its cells' plain texts; None for a column that keeps its share:
    figures, flags). `data_table` should get the one-line columns as `keep`, so that the room it finds for header
    words and figures is not taken from them."""
    frame = styles.FRAME_WIDTH
    widths = [s * frame / sum(shares) for s in shares]
    wrapping = []
    floors = {}
    one_lines = []
    for c, cells in enumerate(texts):
        if cells is None:
            continue
        # distinct lines by length; only the longest (and those about the MOSTLY quantile) are measured: a
        # 10,000-link design's findings would measure 30,000 texts
        lines = sorted({line for text in set(cells) for line in text.split("\n")}, key=len)
        one_line = _widest(lines[-MEASURED:], font_size) + 2 * PADDING + 1.0
        if one_line <= widths[c]:
            widths[c] = one_line  # every cell on one line: the rest of its share goes to the columns that wrap
            one_lines.append(c)
            continue
        wrapping.append(c)
        at = int(MOSTLY * (len(lines) - 1))
        most = _widest(lines[max(0, at - MEASURED // 2):at + 1], font_size) + 2 * PADDING + 1.0
        # names that mostly fit their share stay on one line (and keep that width); running text gives up to half
        # its share, never its longest word (`fit_columns` makes room for longer ones, as for any table)
        if most <= widths[c]:
            floors[c] = most
            one_lines.append(c)
        else:  # never below its longest word, where the share holds it (of the measured lines, when thousands)
            few = lines if len(lines) <= WORDS_MEASURED else lines[-MEASURED:]
            floors[c] = max(FLOOR_SHARE * widths[c], _longest_word(few, font_size))
    if not wrapping:
        return [w * frame / sum(widths) for w in widths], tuple(sorted(one_lines))  # spare room as the shares
    room = frame - sum(w for c, w in enumerate(widths) if c not in wrapping)
    floors = {c: min(widths[c], floor) for c, floor in floors.items()}
    held = {c: max(1, sum(map(len, texts[c]))) for c in wrapping}
    total = sum(held.values())
    wanted = {c: max(floors[c], room * held[c] / total) for c in wrapping}
    above = sum(wanted[c] - floors[c] for c in wrapping)
    left = room - sum(floors.values())
    for c in wrapping:  # each at its floor, plus its part of what is left, in proportion to its text beyond it
        widths[c] = floors[c] + ((wanted[c] - floors[c]) * left / above if above > 0 else left / len(wrapping))
    return widths, tuple(sorted(one_lines))


def _longest_word(lines: list[str], font_size: float) -> float:
    words = {word for line in lines for word in line.split()}
    return _widest(list(words), font_size) + 2 * PADDING + 1.0


def _widest(lines: list[str], font_size: float) -> float:
    return max(map(fonts.string_width, lines, repeat(font_size)), default=0.0)
