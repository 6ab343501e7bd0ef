"""The faster ways the document lays out and draws write what reportlab's own code writes: line breaking, split
paragraphs, topology views, long tables split across pages. Every expectation is reportlab's own result for the
same input (the reference implementation), compared to the last operator or field."""

from __future__ import annotations

import io
import random

from hypothesis import given, settings
from hypothesis import strategies as st
from report_fixtures import results_for, star_design
from reportlab.graphics import renderPDF
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Table

from advisor.report import diagram, fonts, styles
from advisor.report.measured import MeasuredTable
from advisor.report.paragraphs import Para
from advisor.report.visual import has_rtl

WORDS = ("Branch", "12,", "HQ,", "l17,", "São", "Paulo,", "R&amp;D", "&lt;lab&gt;", "Москва", "Αθήνα", "—", "a",
         "over", "capacity:", "8,361.60", "kbps,", "83.6", "%", "x" * 40, "東京", "\u00a0", "LAN-VOICE-VLAN")
RUNS = st.lists(st.tuples(st.sampled_from(("", "b", "ink", "cjk")),
                          st.lists(st.sampled_from(WORDS), min_size=1, max_size=60)), min_size=1, max_size=6)


def _markup(runs) -> str:
    out = []
    for kind, words in runs:
        text = " ".join(words)
        if kind == "b":
            text = f"<b>{text}</b>"
        elif kind == "ink":
            text = f'<font color="#a1261b">{text}</font>'
        elif kind == "cjk" and fonts.cjk_available():
            text = f'<font name="{fonts.CJK}">{text}</font>'
        out.append(text)
    return "• " + " ".join(out)


def _lines(para) -> list[tuple]:
    """A paragraph's broken lines, every field reportlab draws from."""
    bl = para.blPara
    if bl.kind == 0:
        return [(extra, tuple(words)) for extra, words in bl.lines]
    return [(line.extraSpace, line.wordCount, line.lineBreak, line.fontSize, line.ascent, line.descent,
             line.maxWidth, line.sFW, tuple((w.text, w.fontName, w.fontSize, str(w.textColor)) for w in line.words))
            for line in bl.lines]


def _words(para) -> list[tuple]:
    return [(type(w).__name__, w[0], tuple((f.text if hasattr(f, "text") else None, t) for f, t in w[1:]))
            if isinstance(w, list) else repr(w) for w in para.frags]


@settings(max_examples=150, deadline=None)
@given(RUNS, st.sampled_from(("finding", "small", "body", "explain")), st.sampled_from((60.0, 180.0, 493.2)))
def test_paragraph_lines_are_reportlabs(runs, style, width):
    fonts.register()
    text = _markup(runs)
    ours, theirs = Para(text, styles.sheet()[style]), Paragraph(text, styles.sheet()[style])
    assert ours.wrap(width, 10_000) == theirs.wrap(width, 10_000)
    assert ours.blPara.kind == theirs.blPara.kind
    assert _lines(ours) == _lines(theirs)
    assert _words(ours) == _words(theirs)


def _pdf(story: list) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=(150 * mm, 90 * mm), invariant=1, initialFontName=fonts.SANS)
    doc.build(story)
    return buffer.getvalue()


def _long_paragraphs(make) -> list:
    names = ", ".join(["HQ"] + [f"Branch {i}" for i in range(1, 400)])
    sheet = styles.sheet()
    return [make(f"• <b>{names}:</b> above the priority-queue share.", sheet["finding"]),
            make("plain " * 600, sheet["body"]),
            KeepTogether([make("<b>Why:</b> " + "the same words again " * 60, sheet["small"]),
                          make(f"• <b>{names}:</b> no SRST.", sheet["finding"])]),
            make(f'<font color="#a1261b">{names}</font> and ' + names, sheet["explain"])]


def test_paragraphs_split_across_pages_print_as_reportlabs():
    fonts.register()
    assert _pdf(_long_paragraphs(Para)) == _pdf(_long_paragraphs(Paragraph))


def test_topology_views_draw_as_reportlabs_renderer():
    fonts.register()
    design = star_design(140, names=("Zürich", "東京", "R&D <lab>"))
    results = results_for(design)
    views = diagram.topology_drawings(design, {r.id: r for r in results.links}, 480, 600)
    assert len(views) > 2  # an overview and detail tiles, with labels
    for view, _ in views:
        ours, theirs = Canvas(io.BytesIO(), initialFontName=fonts.SANS), Canvas(io.BytesIO(),
                                                                               initialFontName=fonts.SANS)
        view.drawOn(ours, 10, 20)
        theirs.saveState()
        theirs.translate(10, 20)
        renderPDF.draw(view, theirs, 0, 0)  # reportlab's own renderer, whatever the drawing's class
        theirs.restoreState()
        assert ours._code == theirs._code


def test_unusual_shapes_take_reportlabs_path():
    from reportlab.graphics.shapes import Drawing, Group, Path, Rect, String
    from reportlab.lib import colors

    from advisor.report.render import View

    fonts.register()

    def shapes(drawing):
        group = Group(transform=(1, 0, 0, 1, 5, 5))
        group.add(Rect(0, 0, 10, 10, fillColor=colors.Color(1, 0, 0, alpha=0.5)))  # transparency
        group.add(Rect(12, 0, 10, 10, fillColor=colors.blue, strokeColor=None))
        for i in range(3):  # the same states again: unstroked after stroked, unfilled after filled
            group.add(Rect(30 + 12 * i, 0, 10, 10, fillColor=colors.white, strokeColor=None))
            group.add(Rect(30 + 12 * i, 12, 10, 10, fillColor=None, strokeColor=colors.black))
        group.add(String(0, 20, "end", textAnchor="end", fontName=fonts.SANS, fontSize=8))
        group.add(String(0, 30, "Zürich 東京", fontName=fonts.SANS, fontSize=8))
        group.add(String(0, 40, "", fontName=fonts.SANS, fontSize=8))
        path = Path(fillColor=colors.green, fillMode=0)
        path.moveTo(0, 0)
        path.lineTo(5, 9)
        path.closePath()
        group.add(path)
        drawing.add(group)
        drawing.add(Rect(0, 0, 3, 3))
        return drawing

    ours, theirs = Canvas(io.BytesIO(), initialFontName=fonts.SANS), Canvas(io.BytesIO(), initialFontName=fonts.SANS)
    shapes(View(100, 100)).drawOn(ours, 0, 0)
    shapes(Drawing(100, 100)).drawOn(theirs, 0, 0)
    assert ours._code == theirs._code


def _table(cls, rows: int, seed: int, *, header_rows: int = 1, more_style: tuple = ()):
    rng = random.Random(seed)
    words = ("Branch", "12", "over", "LLQ", "Zürich", "—", "kbps", "東京", "(x)", "a\\b")
    data = [["Site", "kbps", "Finding"]] * header_rows + [
        [f"Branch {i}", f"{rng.random() * 9999:,.2f}",
         "\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(1, 3)))]
        for i in range(rows)]
    style = styles.table_style(header_rows=header_rows, right_cols=(1,)) + [
        ("TEXTCOLOR", (2, r), (2, r), styles.WARNING_INK) for r in range(1, rows, 4)] + list(more_style)
    table = cls(data, colWidths=[120.0, 60.0, 200.0], repeatRows=header_rows, style=style, hAlign="LEFT")
    return [table]


# Commands over the repeated header and the body at once, over body rows only, and ending before the last row:
# each is re-based on every split of the rest of the table
_SPANNING = (("BOX", (0, 0), (-1, -1), 0.5, styles.ACCENT), ("GRID", (1, 1), (2, -3), 0.25, styles.RULE),
             ("BACKGROUND", (0, 7), (1, 150), styles.ZEBRA), ("LINEABOVE", (0, 1), (-1, 1), 1, styles.ACCENT),
             ("TEXTCOLOR", (0, -12), (0, -1), styles.WARNING_INK))


def test_long_table_splits_across_pages_as_reportlabs():
    fonts.register()
    for seed in range(3):
        assert _pdf(_table(MeasuredTable, 260, seed)) == _pdf(_table(Table, 260, seed))


def test_split_tables_keep_every_command_as_reportlab_does():
    fonts.register()
    for header_rows, seed in ((1, 4), (2, 5), (3, 6)):
        ours = _pdf(_table(MeasuredTable, 300, seed, header_rows=header_rows, more_style=_SPANNING))
        assert ours == _pdf(_table(Table, 300, seed, header_rows=header_rows, more_style=_SPANNING))


def test_each_split_checks_only_the_rows_it_places(monkeypatch):
    """reportlab's constructor checks every row it is given; the rest of each split used to be built that way, so a
    table of R rows on R / k pages was checked about R² / 2k times. Counted: four times the rows, about four times
    the checks (the whole table once, then each page's rows)."""
    from reportlab.platypus import tables as rl_tables

    fonts.register()
    calls = []
    original = rl_tables._rowLen

    def counted(row):
        calls.append(1)
        return original(row)

    monkeypatch.setattr(rl_tables, "_rowLen", counted)
    checks = {}
    for rows in (300, 1200):
        calls.clear()
        pdf = _pdf(_table(MeasuredTable, rows, 7))
        checks[rows] = len(calls)
        assert pdf.count(b"/Type /Page\n") > rows // 40  # split across many pages
    assert checks[1200] < 4.5 * checks[300], checks  # quadratic: about 16 times


def test_fallback_font_is_needed_where_a_character_prints_in_it():
    fonts.register()
    rng = random.Random(3)
    pool = [chr(c) for c in (*range(0x20, 0x2200), *range(0x3000, 0x3040), *range(0x4E00, 0x4E40), 0x1F600)]
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 5)))
        expected = any(fonts.font_for(c) != fonts.SANS for c in text if ord(c) >= 0x250)  # the definition
        assert fonts.needs_fallback(text) == (expected or has_rtl(text)), text  # right-to-left: laid out too


def test_the_garbage_collector_is_as_the_caller_left_it_after_a_build():
    import gc

    from advisor.report import Cancelled, build_pdf

    design = star_design(4)
    results = results_for(design)
    assert gc.isenabled()
    seen = []
    build_pdf(design, results, lambda _f, _m: seen.append(gc.isenabled()))
    assert gc.isenabled() and seen and not any(seen)  # paused while building, back on after
    try:
        build_pdf(design, results, lambda _f, _m: False)
    except Cancelled:
        pass
    assert gc.isenabled()
    gc.disable()
    try:
        build_pdf(design, results)
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()
