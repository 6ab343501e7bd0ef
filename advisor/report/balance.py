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

FLOOR_SHARE = 0.5  # a wrapping column gives up at most this part of its share (never its longest word)
MOSTLY = 0.9  # a column whose distinct cells fit its share on one line up to this quantile keeps them on one line


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
        lines = sorted(map(fonts.string_width, {line for text in set(cells) for line in text.split("\n")},
                           repeat(font_size)))
        one_line = (lines[-1] if lines else 0.0) + 2 * PADDING + 1.0
        if one_line <= widths[c]:
            widths[c] = one_line  # every cell on one line: the rest of its share goes to the columns that wrap
            one_lines.append(c)
            continue
        wrapping.append(c)
        most = (lines[int(MOSTLY * (len(lines) - 1))] if lines else 0.0) + 2 * PADDING + 1.0
        # names that mostly fit their share stay on one line (and keep that width); running text gives up to half
        # its share
        if most <= widths[c]:
            floors[c] = most
            one_lines.append(c)
        else:
            floors[c] = max(FLOOR_SHARE * widths[c], _longest_word(cells, font_size))
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


def _longest_word(cells: list[str], font_size: float) -> float:
    words = {word for text in set(cells) for word in text.split()}
    return max(map(fonts.string_width, words, repeat(font_size)), default=0.0) + 2 * PADDING + 1.0
