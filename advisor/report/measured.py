"""The table that draws the document's long tables: rows measured once, plain-text cells written as the very PDF
operators reportlab's drawString writes, without a text object per line (a 1,000-row table has ~40,000 lines), and
each distinct line encoded once per document (advisor.report.textops).
"""

from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen import textobject
from reportlab.platypus import Table
from reportlab.platypus.tables import _SPECIALROWS

from advisor.report.textops import line_ops, lines_at


class MeasuredTable(Table):
    """A Table that measures its rows once (reportlab measures every row again on each wrap and split) and draws
    its plain-text cells with the very PDF operators reportlab's drawString writes, without building a text object
    per line (a 1,000-row table has ~40,000 lines).

    A table of thousands of rows is split once per page, and each split builds the rest of the table as a new
    table: reportlab's constructor then checks every remaining row again, and the style commands of the rest are
    re-based through a set of every row they cover. Both are linear in the rows left, so the whole table cost the
    square of its length (a 10,000-site chain's 20,000 findings: a third of its PDF). Here the rest of a split is
    built without checking its rows again (reportlab made them from rows it had checked) and its commands are
    re-based without the sets: the same table, built in time linear in the page."""

    def __init__(self, data, *args, **kw):
        heights, cell_styles = kw.get("rowHeights"), kw.get("cellStyles")
        if (args or not kw.get("normalizedData") or kw.get("style") or kw.get("minRowHeights") is not None
                or not isinstance(data, list) or len(data) < 2 or not isinstance(heights, list)
                or not isinstance(cell_styles, list) or len(heights) != len(data) or len(cell_styles) != len(data)):
            super().__init__(data, *args, **kw)
            return
        # A part of a split (reportlab's own call: normalized rows of a checked table, with their cell styles):
        # built on its first row, then given every row; what the constructor reads of the rest is their count.
        super().__init__(data[:1], **{**kw, "rowHeights": heights[:1], "cellStyles": cell_styles[:1]})
        self._nrows = len(data)
        self._cellvalues = data
        self._rowHeights = self._argH = heights
        self._cellStyles = cell_styles

    def _cr_1_1(self, n, nRows, repeatRows, cmds, doInRowSplit, _srflMode=False):  # noqa: N803 - reportlab's names
        """reportlab 5.1's Table._cr_1_1 (re-base the commands of the rest of a split, whose first rows repeat
        the header), with the repeated rows a command covers found among the repeated rows rather than through a
        set of every row it covers."""
        nrr = len(repeatRows)
        ncols = self._ncols
        for c in cmds:
            (sc, sr), (ec, er) = c[1:3]
            if sr in _SPECIALROWS:
                if sr[0] == "i":
                    self._addCommand(c)
                    if sr == "inrowsplitend" and doInRowSplit:
                        if sc < 0:
                            sc += ncols
                        if ec < 0:
                            ec += ncols
                        self._addCommand((c[0],) + ((sc, nrr), (ec, nrr)) + tuple(c[3:]))
                    continue
                if not _srflMode:
                    continue
                self._addCommand(c)
                if sr == "splitlast":
                    continue
                sr = er = n
            if sr < 0:
                sr += nRows
            if er < 0:
                er += nRows
            covered = [r for r in set(repeatRows) if sr <= r <= er]
            if covered:
                self._addCommand((c[0],) + ((sc, repeatRows.index(min(covered))), (ec, repeatRows.index(max(covered))))
                                 + tuple(c[3:]))
            if er < n:
                continue
            sr = max(sr - n, 0) + nrr
            er = max(er - n, 0) + nrr
            self._addCommand((c[0],) + ((sc, sr), (ec, er)) + tuple(c[3:]))
        sr = self._rowSplitRange
        if sr:
            sr, er = sr
            if sr < 0:
                sr += nRows
            if er < 0:
                er += nRows
            if er < n:
                self._rowSplitRange = None
            else:
                sr = max(sr - n, 0) + nrr
                er = max(er - n, 0) + nrr
                self._rowSplitRange = sr, er

    def _calc_height(self, availHeight, availWidth, H=None, W=None):  # noqa: N803 - reportlab's names
        heights = self._argH
        if self.__dict__.get("_known") is heights or None not in heights:
            self._known = heights  # every height known: the rest of a split is told so (not searched each page)
            self._positions()
            return
        super()._calc_height(availHeight, availWidth, H, W)
        if None in self._argH and None not in self._rowHeights and len(self._rowHeights) == len(self._argH):
            self._argH = list(self._rowHeights)

    def _positions(self) -> None:
        """What reportlab's _calc_height does once every row's height is known: the row positions, summed from
        the bottom row up with its compensated sum, and the table's height.

        The running sums are kept: the rest of a split table (its repeated header and the rows from the split
        on) starts with the very steps of the whole, so it takes them over and sums only its header (a table of
        thousands of rows is split once per page)."""
        heights = self._argH
        if getattr(self, "_sums", None) is None or len(self._sums[0]) != len(heights) + 1:
            # reportlab starts from the integer 0; taken sums are the split's own slices, extended in place
            hs, cs = self.__dict__.pop("_sums_taken", ([0], [0]))
            height, c = hs[-1], cs[-1]
            for i in range(len(heights) - len(hs), -1, -1):
                y = heights[i] - c
                t = height + y
                c = (t - height) - y
                height = t
                hs.append(height)
                cs.append(c)
            self._sums = (hs, cs)
        self._height = self._sums[0][-1]
        self._rowpositions = self._sums[0][::-1]
        self._hmax = len(heights)

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        """reportlab's split, between rows. A row taller than a whole page cannot move whole to the next one: a few
        names of 200 characters beside figures of 10^12 kbps (each column kept readable) made the document fail.
        Where the first row after the header is such a row and nothing else fits, it is split inside (reportlab's
        in-row split), its first part on this page; every other row moves whole, as before."""
        parts = super().split(availWidth, availHeight)
        if parts or self.splitInRow or not self._giant_row_next():
            return parts
        self.splitInRow = 1
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = 0
        for part in parts:  # the parts are built with the table's setting: the rest splits between rows again
            part.splitInRow = 0
        return parts

    def _giant_row_next(self) -> bool:
        """Whether the first row after the repeated ones is taller than a page's frame with the header above it."""
        from advisor.report.styles import FRAME_HEIGHT

        repeat = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        heights = self._rowHeights
        return len(heights) > repeat and sum(heights[:repeat]) + heights[repeat] > FRAME_HEIGHT

    def _splitRows(self, availHeight, doInRowSplit=0):  # noqa: N802, N803 - reportlab's names
        parts = super()._splitRows(availHeight, doInRowSplit)
        sums = getattr(self, "_sums", None)
        if len(parts) == 2 and not doInRowSplit and sums is not None and isinstance(parts[1], MeasuredTable):
            first, rest = parts
            n, repeat = len(first._cellvalues), rest.repeatRows
            if isinstance(repeat, int) and rest._argH[repeat:] == self._argH[n:]:
                steps = len(self._argH) - n  # the rows from the split on, summed first, bottom up
                rest._sums_taken = (sums[0][:steps + 1], sums[1][:steps + 1])
                if self.__dict__.get("_known") is self._argH:
                    rest._known = rest._argH  # the header's heights and the rows' from the split on
        return parts

    def _drawBkgrnd(self):  # noqa: N802 - reportlab's name
        """reportlab's backgrounds, then each row's fills carried by its cell styles (`tables._row_fills`), as
        the BACKGROUND commands they stand for painted them: after the house stripes, a rectangle per run of
        cells of one colour."""
        super()._drawBkgrnd()
        self.row_fills()

    def row_fills(self) -> None:
        runs_of: dict[int, list] = {}  # a row's cell styles (rows share them) -> its runs (first, last, colour)
        canv, cols, rows, ncols = self.canv, self._colpositions, self._rowpositions, self._ncols
        for r, row_styles in enumerate(self._cellStyles):
            runs = runs_of.get(id(row_styles))
            if runs is None:
                runs = runs_of[id(row_styles)] = _runs([s.__dict__.get("row_fill") for s in row_styles[:ncols]])
            for c0, c1, colour in runs:
                canv.setFillColor(colour)
                canv.rect(cols[c0], rows[r], cols[c1 + 1] - cols[c0], rows[r + 1] - rows[r], stroke=0, fill=1)

    def _drawCell(self, cellval, cellstyle, pos, size):  # noqa: N802 - reportlab's name
        canv = self.canv
        if not (isinstance(cellval, str) and _plain(cellstyle) and canv.bottomup and not textobject.rtlSupport):
            return super()._drawCell(cellval, cellstyle, pos, size)
        cur = self._curcellstyle
        if cur is not cellstyle:  # as Table._drawCell: only what changed is set
            if cur is None or (cellstyle.color is not cur.color and cellstyle.color != cur.color):
                canv.setFillColor(cellstyle.color)
            if (cur is None or cellstyle.leading != cur.leading or cellstyle.fontname != cur.fontname
                    or cellstyle.fontsize != cur.fontsize):
                canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle
        found = cellstyle.__dict__.get("_advisor_lines")  # the canvas's font is now the style's
        if found is None or found[0] is not canv:
            found = cellstyle._advisor_lines = (canv, lines_at(canv, canv._fontname, canv._fontsize, canv._leading))
        texts = found[1]
        if texts is None:  # not a TrueType font: reportlab's own path
            return super()._drawCell(cellval, cellstyle, pos, size)
        (colpos, rowpos), (colwidth, rowheight) = pos, size
        lines = cellval.split("\n")
        leading, fontsize = cellstyle.leading, cellstyle.fontsize
        valign = cellstyle.valign
        if valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - fontsize
        elif valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + len(lines) * leading - fontsize
        else:
            y = rowpos + (cellstyle.bottomPadding + rowheight - cellstyle.topPadding + len(lines) * leading) / 2.0 \
                - fontsize
        right = cellstyle.alignment == "RIGHT"
        x = colpos + colwidth - cellstyle.rightPadding if right else colpos + cellstyle.leftPadding
        code = canv._code
        for line in lines:
            if not line:
                (canv.drawRightString if right else canv.drawString)(x, y, line)
            else:
                ops, width = texts.get(line) or line_ops(canv, texts, line)
                code.append(f"BT 1 0 0 1 {fp_str(x - width if right else x, y)} Tm {ops}")
            y -= leading
        return None


def _runs(fills: list) -> list[tuple[int, int, object]]:
    """(first column, last column, colour) per run of neighbouring cells filled with one colour."""
    runs: list[tuple[int, int, object]] = []
    for c, colour in enumerate(fills):
        if colour is None:
            continue
        if runs and runs[-1][1] == c - 1 and runs[-1][2] is colour:
            runs[-1] = (runs[-1][0], c, colour)
        else:
            runs.append((c, c, colour))
    return runs


def _plain(cellstyle) -> bool:
    """Whether a cell of this style draws its text as MeasuredTable does: left or right aligned, top, middle or
    bottom, no link, destination, direction or shaping (kept on the style: a table shares its styles by row)."""
    plain = cellstyle.__dict__.get("_advisor_plain")
    if plain is None:
        plain = cellstyle._advisor_plain = (
            cellstyle.alignment in ("LEFT", "RIGHT") and cellstyle.valign in ("TOP", "BOTTOM", "MIDDLE")
            and not (cellstyle.href or cellstyle.destination or cellstyle.direction or cellstyle.shaping))
    return plain
