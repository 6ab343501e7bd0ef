"""The table builder's shortcuts print what reportlab's own Paragraph cells and per-row styles would."""

from __future__ import annotations

import random

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table

from advisor.report import fonts, styles, tables
from advisor.report.tables import PADDING, SPACE_SHRINK, Text, data_table, merge_rows, wrap_lines

WORDS = ("LAN-VOICE-VLAN", "EP-SETTINGS,", "Branch", "—", "12,345.67", "GET", "VPN", "(tunnel", "mode),", "a",
         "AES-CBC", "+", "HMAC-SHA1-96", "Zürich", "R&D", "<lab>", "São", "Москва", "Αθήνα", "x" * 12, "ok.")


def paragraph_lines(text: str, width: float) -> list[str]:
    """How reportlab's Paragraph (the "cell" style) breaks this text."""
    para = Paragraph(fonts.markup(text), styles.sheet()["cell"])
    para.wrap(width, 10_000)
    if para.blPara.kind == 0:
        return [" ".join(words) for _, words in para.blPara.lines]
    return [" ".join("".join(f.text for f in line.words).split()) for line in para.blPara.lines]  # several frags


@pytest.mark.parametrize("seed", range(40))
def test_wrap_lines_breaks_where_a_paragraph_does_and_stays_in_the_column(seed):
    fonts.register()
    rng = random.Random(seed)
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 60)))
    width = rng.uniform(60, 300)
    lines = wrap_lines(text, width)
    assert lines == paragraph_lines(text, width)
    space = stringWidth(" ", fonts.SANS, 7.5)
    for line in lines:
        overrun = SPACE_SHRINK * space * line.count(" ")  # reportlab's own tolerance, inside the padding
        assert stringWidth(line, fonts.SANS, 7.5) <= width + overrun <= width + PADDING


def test_wrap_lines_collapses_spaces_like_a_paragraph():
    fonts.register()
    assert wrap_lines("  a   b  ", 100) == ["a b"] == paragraph_lines("  a   b  ", 100)


@pytest.mark.parametrize("text", ["a" * 80, "soft\xadhyphen", "no\xa0break", "tab\there", "zero\u200bwidth"])
def test_text_a_paragraph_treats_specially_keeps_the_paragraph(text):
    fonts.register()
    assert wrap_lines(text, 60) is None
    cell = tables._lay_out(Text(text), 66, 7.5)
    assert isinstance(cell, (Paragraph, str))
    if isinstance(cell, str):  # only when it fits on one line, printed as before
        assert cell == text and stringWidth(text, fonts.SANS, 7.5) <= 60


def test_cjk_text_stays_a_paragraph_with_the_fallback_font():
    if not fonts.cjk_available():
        pytest.skip("no CJK font on this machine")
    assert wrap_lines("東京 office", 200) is None
    assert isinstance(tables.cell("東京 office", 200), Paragraph)


def _cell_attrs(table: Table) -> list[list[tuple]]:
    keys = ("fontname", "fontsize", "leading", "color", "alignment", "valign", "leftPadding", "rightPadding",
            "topPadding", "bottomPadding")
    return [[tuple(str(getattr(c, k)) for k in keys) for c in row] for row in table._cellStyles]


def test_data_table_cells_and_rows_match_the_paragraph_table():
    fonts.register()
    rng = random.Random(7)
    widths = [90.0, 40.0, 250.0]
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 40))) for _ in range(60)]
    rows = [[tables.cell(f"Site {i}", widths[0]), str(i), tables.cell(t, widths[2])] for i, t in enumerate(texts)]
    extra = [("TEXTCOLOR", (2, i), (2, i), styles.WARNING_INK) for i in range(1, 61) if i % 3]
    extra += [("FONT", (1, 5), (1, 5), fonts.SANS_BOLD, 7.5, 9.2), ("BACKGROUND", (0, 9), (-1, 9), styles.ERROR_FILL)]
    fast = data_table(["Site", "N", "Missing\ncontrols"], rows, widths, right_cols=(1,), extra_style=extra)
    head = [Paragraph(fonts.markup(h).replace("\n", "<br/>"), styles.sheet()["cell_head"]) for h in
            ("Site", "N", "Missing\ncontrols")]
    body = [[r[0], r[1], Paragraph(fonts.markup(str(r[2])), styles.sheet()["cell"])] for r in rows]
    slow = Table([head, *body], colWidths=widths, repeatRows=1,
                 style=styles.table_style(right_cols=(1,)) + extra)
    fast.wrap(styles.FRAME_WIDTH, 100_000)
    slow.wrap(styles.FRAME_WIDTH, 100_000)
    assert fast._rowHeights == slow._rowHeights
    assert _cell_attrs(fast) == _cell_attrs(slow)
    # row 9's BACKGROUND is carried by its cells' styles, painted by the table (tests/report/test_report_row_fills.py)
    fills = [(r, c) for r, row in enumerate(fast._cellStyles) for c, s in enumerate(row) if "row_fill" in s.__dict__]
    assert fills == [(9, 0), (9, 1), (9, 2)] and fast._cellStyles[9][0].row_fill is styles.ERROR_FILL
    assert [b[:3] for b in fast._bkgrndcmds] == [b[:3] for b in slow._bkgrndcmds if b[1] != (0, 9)]


def test_merge_rows_joins_runs_and_keeps_the_order_of_overrides():
    ink, other = styles.WARNING_INK, styles.ERROR_INK
    cmds = [("TEXTCOLOR", (2, r), (3, r), ink) for r in (1, 2, 3, 5, 6)]
    assert merge_rows(cmds) == [("TEXTCOLOR", (2, 1), (3, 3), ink), ("TEXTCOLOR", (2, 5), (3, 6), ink)]
    # Another command of the same operation in between: row 2 must end up `ink`, so no run is extended past it.
    mixed = [("TEXTCOLOR", (0, 1), (0, 1), ink), ("TEXTCOLOR", (0, 2), (0, 2), other),
             ("TEXTCOLOR", (0, 2), (0, 2), ink)]
    assert merge_rows(mixed) == mixed
    assert merge_rows([("FONT", (0, 1), (0, -1), "x", 9, 11), ("FONT", (0, 1), (0, 1), "y")])[1][1] == (0, 1)


def _drawn(table_class, data, style) -> list[str]:
    import io

    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO(), initialFontName=fonts.SANS)
    table = table_class(data, colWidths=[80.0, 60.0, 120.0], repeatRows=1, style=style)
    table.wrapOn(canvas, 400, 800)
    table.drawOn(canvas, 20, 20)
    return canvas._code


def test_measured_table_writes_the_same_pdf_operators_as_reportlab():
    fonts.register()
    data = [["Site", "kbps", "Missing"], ["Zürich (R&D) <lab>", "1,234.56", "LAN-VOICE-VLAN,\nEP-WEB (x)"],
            ["Αθήνα", "", "two\n\nblank"], ["", "—", "Москва \\ back(slash)"]]
    style = styles.table_style(right_cols=(1,)) + [("TEXTCOLOR", (2, 2), (2, 3), styles.WARNING_INK),
                                                   ("FONT", (0, 3), (0, 3), fonts.SANS_BOLD, 9, 11),
                                                   ("VALIGN", (1, 1), (1, -1), "MIDDLE")]
    assert _drawn(tables.MeasuredTable, data, style) == _drawn(Table, data, style)
