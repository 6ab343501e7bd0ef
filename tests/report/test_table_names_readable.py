"""A table crowded with huge figures keeps its names readable: the link table of a 20,000-site chain (a million
calls on a link, utilizations of millions of per cent) gave its figures all the room and printed
"Branch 8615 — Branch 8616" in a 29 pt column as "Branc / h / 8615 / — / Bra / nch / 8616". The names now keep room
for twelve characters; the figures break after their thousands separators instead, every digit kept."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from advisor.report import fonts, styles
from advisor.report.tables import Text, data_table

# The link table as advisor.report.sections.links lays it out.
HEADER = ["Link", "Ends", "Layer 2", "Calls", "kbps\nper call", "kbps\ntotal", "Capacity\nkbps", "Utilization",
          "LLQ\nshare", "Status"]
SHARES = [50, 104, 60, 28, 38, 44, 44, 46, 34, 46]
FIGURES = (3, 4, 5, 6, 7, 8)
LABELS = (2, 9)
FONT_SIZE = 7.5
PADDING = 3  # each side of a cell (styles.table_style)
# Twelve characters at 0.6 em (DejaVu Sans's digits are 1,303/2,048 = 0.636 em wide, its lower-case letters
# 0.56-0.63 em), plus the cell's padding: 12 x 0.6 x 7.5 pt + 2 x 3 pt = 60 pt.
READABLE_NAME_PT = 12 * 0.6 * FONT_SIZE + 2 * PADDING


def _rows():
    """Rows of a 20,000-site chain's links near its middle: figures of up to 14 characters in six columns."""
    rows = []
    for a, layer2, calls, total, capacity, use, llq in [
            (8605, "ethernet (18 B)", "1,095,870", "36,413,835.70", "128.00", "28,448,309.1 %", "28,081,668.8 %"),
            (8609, "atm-vcmux (106 B)", "1,095,956", "46,937,750.54", "628,454.30", "56,902,044.8 %",
             "56,169,180.0 %"),
            (8613, "none: IP level only (0 B)", "1,095,984", "36,417,308.66", "64.00", "56,902,044.8 %",
             "56,169,180.0 %"),
            (19998, "dot1q (22 B)", "12,345", "404,916.00", "64.00", "632,681.3 %", "624,129.9 %")]:
        rows.append([Text(f"r{a + 1}"), Text(f"Branch {a} — Branch {a + 1}"), Text(layer2), calls, "32.80",
                     total, capacity, use, llq, "overload"])
    return rows


def _table():
    fonts.register()
    widths = [s * styles.FRAME_WIDTH / sum(SHARES) for s in SHARES]
    return data_table(HEADER, _rows(), widths, right_cols=FIGURES, nowrap_cols=LABELS)


def test_the_ends_column_keeps_twelve_characters():
    table = _table()
    assert table._colWidths[1] >= READABLE_NAME_PT
    assert abs(sum(table._colWidths) - styles.FRAME_WIDTH) < 0.01  # the room came from the figures


def test_names_break_only_between_words():
    table = _table()
    for row, original in zip(table._cellvalues[1:], _rows(), strict=True):
        for col in (0, 1):
            shown = row[col]
            assert isinstance(shown, str)  # plain lines, not a Paragraph splitting a word
            assert shown.split() == str(original[col]).split(), shown  # "Branch", "8615" whole


def test_the_figures_keep_every_digit_and_stay_inside_their_columns():
    table = _table()
    widths = table._colWidths
    for row, original in zip(table._cellvalues[1:], _rows(), strict=True):
        for col in FIGURES:
            lines = row[col].split("\n")
            assert "".join(lines).replace(" ", "") == original[col].replace(" ", "")
            for line in lines:  # a line may take its own left padding, never its neighbour's
                assert stringWidth(line, fonts.SANS, FONT_SIZE) <= widths[col] - PADDING + 0.01, (line, col)


def test_header_words_stay_whole():
    table = _table()
    for cell, title in zip(table._cellvalues[0], HEADER, strict=True):
        assert isinstance(cell, str) and cell.split() == title.split(), cell
