"""Number formats and the table builder shared by every section (header row repeated on each page).

Long plain-text cells are broken into lines here, once, the way reportlab's Paragraph breaks them, and handed to the
table as strings with newlines: a 1,000-row table then costs no Paragraph parsing, wrapping or drawing. Cells only a
Paragraph can lay out (CJK runs, bold, a word wider than its column) are our Para: the same lines as reportlab's,
broken once (a name of 200 Chinese characters is split character by character, each width measured once).
"""

from __future__ import annotations

import re

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table

from advisor import numbers
from advisor.report import fonts, styles
from advisor.report.measured import MeasuredTable
from advisor.report.paragraphs import Para, stored_order
from advisor.report.visual import has_rtl, joined, line_order, visual
from advisor.report.widths import PADDING, RtlText, fit_columns
from advisor.report.widths import word_width as measure

SPACE_SHRINK = 0.05  # reportlab's rl_config.spaceShrinkage: a line may overrun by 5 % of a space per word
# Characters a Paragraph treats specially (other spaces, soft hyphens, controls) or Table strings would not print
# the same: text holding any of them keeps the Paragraph.
_SPECIAL = re.compile("[\x00-\x1f\x7f-\xa0\xad\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]")


def fmt_kbps(value: float) -> str:
    """Bandwidth in a kbps column: "1,234.56" (advisor.numbers: one rule for the PDF, the app and the CLI)."""
    return numbers.kbps_value(value)


def fmt_pct(share: float) -> str:
    """A utilization or priority-queue share: "19.0 %"."""
    return numbers.percent(share)


def fmt_int(value: int | float) -> str:
    return numbers.count(value)


def fmt_erlang(value: float) -> str:
    """Erlangs in a column headed "Erl": "42.284", "12,345"."""
    return numbers.erlangs(value).removesuffix(" E")


class Text(str):
    """Plain cell text that data_table lays out at the column's final width (one line, broken lines or Paragraph)."""

    __slots__ = ()


def cell(text: object, width: float, *, style: str = "cell", font_size: float = 7.5, bold: bool = False):
    """Cell text: plain (printed literally, wrapped by data_table) unless it needs the CJK font, bold or a style."""
    text = "" if text is None else str(text)
    if not text:
        return ""
    # (a soft hyphen: drawn as a plain string, it printed as a hyphen, 'Bahn-hof'; a paragraph shows it at a break)
    if style == "cell" and font_size == 7.5 and not bold and "\n" not in text and "\xad" not in text:
        if not fonts.needs_fallback(text):
            return Text(text)
        if fonts.sans_only(text):  # Hebrew or Arabic, no CJK
            return RtlText(text)
    return paragraph(text, style, bold)


def paragraph(text: str, style: str = "cell", bold: bool = False) -> Para:
    """User text as a cell's paragraph: escaped, CJK runs in the CJK font, newlines kept, bold on request; a name in
    Hebrew or Arabic wrapped over lines reads first line first (`paragraphs.stored_order`)."""
    markup = fonts.markup(text).replace("\n", "<br/>")
    if has_rtl(text) and "\n" not in text:
        stored = fonts.markup(text, stored_order=True)
        return stored_order(f"<b>{stored}</b>" if bold else stored, f"<b>{markup}</b>" if bold else markup,
                            styles.sheet()[style])  # left to right, as the app's tables lay a name out
    return Para(f"<b>{markup}</b>" if bold else markup, styles.sheet()[style])


def wrap_lines(text: str, width: float, font_size: float = 7.5, font: str = fonts.SANS) -> list[str] | None:
    """The lines a Paragraph of this text breaks into within `width` points, or None when only a Paragraph can
    lay it out (a word wider than the line is split mid-word, special spaces, characters beyond DejaVu).

    Same rule and arithmetic as reportlab's `Paragraph.breakLines` for one plain fragment: words split on
    spaces, greedy, a line may overrun by 5 % of a space per word already on it.
    """
    if _SPECIAL.search(text) or fonts.needs_fallback(text):
        return None
    return _wrapped(text, width, font_size, font)


def _wrapped(text: str, width: float, font_size: float, font: str) -> list[str] | None:
    """`wrap_lines` of a text known to hold no special space and to print in `font` as stored."""
    words = text.split(" ")
    space = measure(" ", font, font_size)
    shrink = SPACE_SHRINK * space
    lines: list[str] = []
    line: list[str] = []
    current = -space
    for word in words:
        if not word:
            continue
        word_width = measure(word, font, font_size)
        new = current + space + word_width
        if new > width + shrink * len(line) and word_width > width:
            return None  # reportlab would split the word itself
        if new <= width + shrink * len(line) or not line:
            if new > width + PADDING:  # reportlab's overrun, past the padding: only a Paragraph (which draws
                return None            # the line's spaces that much narrower) keeps it inside the cell
            line.append(word)
            current = new
        else:
            lines.append(" ".join(line))
            line, current = [word], word_width
    if line:
        lines.append(" ".join(line))
    return lines


def _lay_out(value, width: float, font_size: float, bold: bool = False):
    """A Text cell at its column's width: itself when it fits one line, else broken lines, else a Paragraph; an
    RtlText cell: its drawing order when that fits one line, else a Paragraph. `bold`: a cell the table's style
    sets in bold (a highlighted row), measured and broken in bold."""
    if isinstance(value, RtlText):
        if bold:
            return paragraph(str(value), bold=True)
        return _lay_out_rtl(str(value), width - 2 * PADDING, font_size)
    if not isinstance(value, Text):
        return value
    text = str(value)
    room = width - 2 * PADDING
    face = fonts.SANS_BOLD if bold else fonts.SANS
    if stringWidth(text, face, font_size) <= room:
        return text
    lines = wrap_lines(text, room, font_size, face) if font_size == 7.5 else None
    return "\n".join(lines) if lines else paragraph(text, bold=bold)


def _lay_out_rtl(text: str, room: float, font_size: float):
    """An RtlText cell in `room` points: its drawing order where it fits one line; else broken as the paragraph
    would break it (in stored order, its Arabic letters joined) and each line put in drawing order, as a Latin name
    is broken into lines of plain text; else (a word wider than the line, a special space) that paragraph."""
    shown = visual(text)
    if stringWidth(shown, fonts.SANS, font_size) <= room:
        return shown
    stored = joined(text)
    lines = _wrapped(stored, room, font_size, fonts.SANS) if font_size == 7.5 and not _SPECIAL.search(stored) else None
    if lines:
        return "\n".join(line_order(line, "L") for line in lines)
    return paragraph(text)


def _broken_figure(value, width: float, font_size: float, bold: bool = False):
    """A figure or one-line label, as `_lay_out` gives it; one still wider than its column (a table too crowded
    for its figures: a site of a million users at 100 calls an hour holds a billion Erlangs beside eleven columns)
    broken into lines after its thousands separators and spaces, so that it never runs over its neighbour
    ('1,000,000,0002,000,000,000' read as one number)."""
    value = _lay_out(value, width, font_size, bold)
    if not isinstance(value, str) or "\n" in value:
        return value
    room = width - PADDING  # right-aligned, it may take its own left padding: the neighbour's right one parts them
    face = fonts.SANS_BOLD if bold else fonts.SANS
    if measure(value, face, font_size) <= room or _SPECIAL.search(value) or fonts.needs_fallback(value):
        return value  # (measured first, and cached: a column of figures repeats its values)
    lines = [""]
    for piece in re.findall(r"[^, ]+[, ]?|[, ]", value):
        for part in _within(piece, room, font_size, face):
            if lines[-1] and stringWidth((lines[-1] + part).rstrip(), face, font_size) > room:
                lines[-1] = lines[-1].rstrip()
                lines.append("")
            lines[-1] += part
    return "\n".join(line.rstrip() for line in lines)


def _within(piece: str, room: float, font_size: float, face: str) -> list[str]:
    """A piece of a figure between its separators, in parts each within `room` points: the piece itself where it
    fits, else cut between its characters. Traffic too small for three decimals has no separator to break after:
    'Busy-hour Erl' 0.0000000012 beside 'WAN Erl' 0.00000000123 in the crowded sites table ran over it."""
    if stringWidth(piece.rstrip(), face, font_size) <= room:
        return [piece]
    parts = [""]
    for char in piece:
        if parts[-1] and stringWidth((parts[-1] + char).rstrip(), face, font_size) > room:
            parts.append("")
        parts[-1] += char
    return parts


def data_table(header: list[str], rows: list[list], widths: list[float], *, right_cols: tuple[int, ...] = (),
               nowrap_cols: tuple[int, ...] = (), extra_style: list[tuple] | None = None,
               font_size: float = 7.5, header_cap: float | None = None, keep: tuple[int, ...] = ()) -> Table:
    """A long table that splits across pages and repeats its header row (repeatRows=1).

    Figures (`right_cols`, right-aligned) and the cells of `nowrap_cols` stay on one line: their columns widen to
    the widest value, taking the room from the columns of running text; a header word wider than `header_cap`
    claims no more than that; the `keep` columns give none of their width to them (see fit_columns)."""
    widths = fit_columns(header, rows, widths, set(right_cols), set(nowrap_cols), font_size, header_cap, keep)
    base = styles.table_style(right_cols=right_cols, font_size=font_size)
    extra = merge_rows(extra_style or [])
    # Header cells right-aligned like their figures (the ALIGN of their column), so numbers sit under their titles.
    head = [_header_cell(h, w, col in right_cols, font_size) for col, (h, w) in enumerate(zip(header, widths,
                                                                                                strict=True))]
    whole = set(right_cols) | set(nowrap_cols)
    bold = _bold_cells(extra, len(rows), len(widths))
    body = [[(_broken_figure if c in whole else _lay_out)(v, w, font_size, (c, r) in bold)
             for c, (v, w) in enumerate(zip(row, widths, strict=False))] for r, row in enumerate(rows, start=1)]
    data = [head, *body]
    shared = _shared_cell_styles(base, extra, len(data), len(widths))
    if shared is None:
        return MeasuredTable(data, colWidths=widths, repeatRows=1, style=base + extra, hAlign="LEFT")
    cell_styles, rest = shared
    table = MeasuredTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT", cellStyles=cell_styles)
    table.setStyle(rest)
    table._argH = table._rowHeights = [_text_row_height(row, row_styles)
                                       for row, row_styles in zip(data, table._cellStyles, strict=True)]
    return table


def _bold_cells(extra: list[tuple], nrows: int, ncols: int) -> set[tuple[int, int]]:
    """The body cells (column, row; the header is row 0) the `extra` style commands set in bold: the recommended
    technology's row of the VPN ranking, a setting that departs from its default. Laid out in the regular face,
    "MPLS VPN isolation alone (recommended)" fitted its column yet, drawn in bold, ran over the next one's "fits"."""
    cells: set[tuple[int, int]] = set()
    for cmd in extra:
        if cmd[0] in ("FONT", "FONTNAME", "FACE") and len(cmd) > 3:
            (c0, r0), (c1, r1) = cmd[1], cmd[2]
            c0, c1 = (c + ncols if c < 0 else c for c in (c0, c1))
            r0, r1 = (r + nrows + 1 if r < 0 else r for r in (r0, r1))
            for r in range(max(1, r0), min(nrows, r1) + 1):
                for c in range(max(0, c0), min(ncols - 1, c1) + 1):
                    if cmd[3] == fonts.SANS_BOLD:
                        cells.add((c, r))
                    else:
                        cells.discard((c, r))
    return cells


def _text_row_height(row: list, row_styles: list) -> float | None:
    """A row's height as reportlab's Table._calc_height gives it when every cell is text (lines times leading,
    plus padding; the same arithmetic), else None: reportlab then measures the row's flowables itself."""
    height = 0
    for value, style in zip(row, row_styles, strict=True):
        if not isinstance(value, str):
            return None
        cell_height = (style.leading or 1.2 * style.fontsize) * (value.count("\n") + 1)
        cell_height += style.bottomPadding + style.topPadding
        if cell_height > height:
            height = cell_height
    return height


# The TableStyle operations that set cell styles (reportlab's _setCellStyle); the others are kept as commands.
_CELL_OPS = frozenset({"FONT", "FONTNAME", "FACE", "SIZE", "FONTSIZE", "LEADING", "TEXTCOLOR", "ALIGN", "ALIGNMENT",
                       "VALIGN", "LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING", "HREF", "DESTINATION",
                       "DIRECTION", "SHAPING"})
_HOUSE_ROWS = {(0, -1), (0, 0), (1, -1)}  # all rows, the header row, the body rows


def _shared_cell_styles(base: list[tuple], extra: list[tuple], nrows: int,
                        ncols: int) -> tuple[list, list[tuple]] | None:
    """The cell styles the commands give, one shared list for every body row no command singles out (reportlab
    would otherwise create and style each cell of a 1,000-row table), and the commands left to apply: the
    house commands that are not cell styles, then every extra command, in their order.

    None when a house command addresses rows other than all, the header or the body.
    """
    if any(cmd[0] in _CELL_OPS and (cmd[1][1], cmd[2][1]) not in _HOUSE_ROWS for cmd in base):
        return None
    proto = Table([[""] * ncols, [""] * ncols], style=[cmd for cmd in base if cmd[0] in _CELL_OPS])
    head, body = proto._cellStyles
    fills = _row_fills(extra, nrows)
    singled: dict[int, list] = {}  # row -> the cell-style commands that single it out, in order (less their rows)
    for cmd in extra:
        if cmd[0] in _CELL_OPS or (fills and cmd[0] == "BACKGROUND"):
            r0, r1 = (r + nrows if r < 0 else r for r in (cmd[1][1], cmd[2][1]))
            what = (cmd[0], cmd[1][0], cmd[2][0], *map(id, cmd[3:]))  # the values are extra's own objects
            for row in range(max(0, r0), min(nrows - 1, r1) + 1):
                singled.setdefault(row, []).append(what)
    # Rows singled out alike share one copy: each command sets attributes, so applying it once per row of the
    # copy leaves what applying it once would.
    copies: dict[tuple, list] = {}
    rows = []
    for i in range(nrows):
        plain = head if i == 0 else body
        if i not in singled:
            rows.append(plain)
            continue
        key = (i == 0, *singled[i])
        if key not in copies:
            copies[key] = [_clone(c) for c in plain]
            for what in singled[i]:
                if what[0] == "BACKGROUND":  # (only singled out when `fills` carries them): (op, c0, c1, colour id)
                    _, c0, c1, value = what
                    for c in range(c0 % ncols, c1 % ncols + 1):  # -1: the last column
                        copies[key][c].row_fill = fills[value]  # the last command's colour, as the last painted
        rows.append(copies[key])
    if fills:
        extra = [cmd for cmd in extra if cmd[0] != "BACKGROUND"]
    return rows, [cmd for cmd in base if cmd[0] not in _CELL_OPS] + extra


def _row_fills(extra: list[tuple], nrows: int) -> dict[int, object] | None:
    """{id of a colour: the colour} when every BACKGROUND command of `extra` fills whole body cells with one colour
    (a links table marks its overloaded rows): those are then carried by the rows' cell styles, which a page split
    shares out with the rows (`MeasuredTable.row_fills` paints them), rather than as commands, which reportlab
    re-bases at every split of the table: a command per marked row made a long table cost the square of its length
    (0.6 s of a 10,000-site PDF, 2 s at 16,000). None when there are none, or one is of another kind (a gradient, a
    callable, a header row), which the commands keep doing, all of them, in their order."""
    found: dict[int, object] = {}
    for cmd in extra:
        if cmd[0] != "BACKGROUND":
            continue
        value, rows = cmd[3], (cmd[1][1], cmd[2][1])
        if len(cmd) != 4 or isinstance(value, (list, tuple, str)) or callable(value) or value is None \
                or min(r + nrows if r < 0 else r for r in rows) < 1:
            return None
        found[id(value)] = value
    return found or None


def _clone(cell_style):
    """A copy of a reportlab CellStyle (its own attributes; the class holds the defaults)."""
    new = object.__new__(type(cell_style))
    new.__dict__.update(cell_style.__dict__)
    return new


def _header_cell(text: str, width: float, right: bool, font_size: float):
    """A header title broken into lines once (bold, at its explicit newlines and where it wraps)."""
    lines: list[str] = []
    for part in text.split("\n"):
        broken = wrap_lines(part, width - 2 * PADDING, font_size, fonts.SANS_BOLD) if font_size == 7.5 else None
        if broken is None:
            return Para(fonts.markup(text).replace("\n", "<br/>"),
                        _right_head() if right else styles.sheet()["cell_head"])
        lines += broken
    return "\n".join(lines)


# Operations that act on each cell of their range alone, so that one command over consecutive rows does what one
# command per row does. Not SPAN (two one-row spans merged are one cell two rows tall, which hides the second row
# and cannot be split across pages), NOSPLIT, BOX, OUTLINE, INNERGRID or ROWBACKGROUNDS.
_PER_CELL_OPS = _CELL_OPS | {"BACKGROUND", "LINEABOVE", "LINEBELOW", "LINEBEFORE", "LINEAFTER", "GRID"}


def merge_rows(commands: list[tuple]) -> list[tuple]:
    """Style commands for single body rows merged into one command per run of consecutive rows (same operation,
    columns and values, and no other command of that operation in between) where the operation acts on each cell
    alone: the same table, far fewer commands for reportlab to apply on every page split."""
    out: list[tuple] = []
    last_of_op: dict[str, int] = {}  # operation -> index in out of its latest command
    for cmd in commands:
        op, (c0, r0), (c1, r1), *values = cmd
        i = last_of_op.get(op) if op in _PER_CELL_OPS else None
        if i is not None and r0 == r1 >= 1:
            _, (pc0, pr0), (pc1, pr1), *previous = out[i]
            if (pc0, pc1) == (c0, c1) and 1 <= pr0 <= pr1 == r0 - 1 and previous == values:
                out[i] = (op, (c0, pr0), (c1, r0), *values)
                continue
        last_of_op[op] = len(out)
        out.append(cmd)
    return out


def _right_head():
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    sheet = styles.sheet()
    if "cell_head_right" not in sheet:
        sheet["cell_head_right"] = ParagraphStyle("cell_head_right", parent=sheet["cell_head"], alignment=TA_RIGHT)
    return sheet["cell_head_right"]
