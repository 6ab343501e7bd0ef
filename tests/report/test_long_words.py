"""Words wider than their line (a site name of 200 Chinese characters has no space to break at): broken where
reportlab breaks them, each character measured once per font and size, each word split once however many pages
its paragraph runs over. Every expectation is reportlab's own breaking of the same text (the reference)."""

from __future__ import annotations

import copy
import io
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph, SimpleDocTemplate

from advisor.report import fonts, linebreak_frags, linebreak_single, styles, wordsplit
from advisor.report.paragraphs import Para

pytestmark = pytest.mark.skipif(not fonts.cjk_available(), reason="no CJK TrueType font on this system")

HAN = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 300))  # common ideographs, in the CJK font only
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,;:()&<>"
OTHER = "ÄÖÜßéèçñøαβγδλμπσωжзийкл—–…€→\u00a0\u3000"  # DejaVu's (the ideographic space in neither font)
WORD = st.one_of(st.text(HAN, min_size=1, max_size=240), st.text(LATIN, min_size=1, max_size=120),
                 st.text(HAN + LATIN + OTHER, min_size=1, max_size=240))
RUNS = st.lists(st.tuples(st.sampled_from(("", "b", "ink")), st.lists(WORD, min_size=1, max_size=12)),
                min_size=1, max_size=4)
STYLES = st.sampled_from(("finding", "small", "body", "explain", "cell", "cell_right"))
WIDTHS = st.sampled_from((24.0, 60.0, 120.0, 180.0, 493.2))


def _markup(runs, separator: str) -> str:
    out = []
    for kind, words in runs:
        text = fonts.markup(separator.join(words))
        out.append(f"<b>{text}</b>" if kind == "b" else f'<font color="#a1261b">{text}</font>' if kind == "ink"
                   else text)
    return separator.join(out)


def _lines(para) -> list[tuple]:
    """A paragraph's broken lines, every field reportlab draws or splits from."""
    bl = para.blPara
    if bl.kind == 0:
        return [(extra, tuple((type(w).__name__, w) for w in words)) for extra, words in bl.lines]
    return [(line.extraSpace, line.wordCount, line.lineBreak, line.fontSize, line.ascent, line.descent,
             line.maxWidth, line.sFW, tuple((w.text, w.fontName, w.fontSize, str(w.textColor), w._fkind)
                                           for w in line.words))
            for line in bl.lines]


def _words(para) -> list:
    return [(type(w).__name__, w[0], tuple((getattr(f, "text", None), t, f._fkind) for f, t in w[1:]))
            if isinstance(w, list) else repr(w) for w in para.frags]


def _same_breaking(ours, theirs, width: float) -> None:
    assert ours.wrap(width, 1e9) == theirs.wrap(width, 1e9)
    assert ours.blPara.kind == theirs.blPara.kind
    assert _lines(ours) == _lines(theirs)
    assert _words(ours) == _words(theirs)
    assert (ours._splitLongWordCount, ours._width_max) == (theirs._splitLongWordCount, theirs._width_max)


@settings(max_examples=250, deadline=None)
@given(RUNS, st.sampled_from((" ", ", ")), STYLES, WIDTHS)
def test_long_words_break_as_reportlab_breaks_them(runs, separator, style, width):
    fonts.register()
    text = _markup(runs, separator)
    _same_breaking(Para(text, styles.sheet()[style]), Paragraph(text, styles.sheet()[style]), width)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.lists(st.text(HAN, min_size=1, max_size=240), min_size=1, max_size=30),
                 st.lists(st.text(LATIN[:-3], min_size=1, max_size=120), min_size=1, max_size=30)), STYLES, WIDTHS)
def test_one_fragment_of_long_words_breaks_as_reportlab_breaks_it(words, style, width):
    """Text in one font (no entities) is one fragment, which reportlab breaks by another path (split words are
    strings)."""
    fonts.register()
    text = fonts.markup(" ".join(words))
    ours, theirs = Para(text, styles.sheet()[style]), Paragraph(text, styles.sheet()[style])
    _same_breaking(ours, theirs, width)
    assert ours.blPara.kind == 0


@settings(max_examples=100, deadline=None)
@given(RUNS, STYLES, WIDTHS, st.integers(2, 40), st.sampled_from((24.0, 120.0, 493.2)))
def test_the_rest_of_a_split_breaks_as_reportlab_breaks_it(runs, style, width, lines, new_width):
    """The second half of a split holds split words cut into pieces (and the line breaks after them); broken
    again at another width, its pieces are joined and cut again, as reportlab does."""
    fonts.register()
    text = _markup(runs, ", ")
    whole = Paragraph(text, styles.sheet()[style])
    whole.wrap(width, 1e9)
    parts = whole.split(width, lines * whole.style.leading + 0.5)
    if len(parts) != 2:
        return
    rest = parts[1]
    ours = Para(None, rest.style, frags=copy.deepcopy(rest.frags))
    theirs = Paragraph(None, rest.style, frags=copy.deepcopy(rest.frags))
    _same_breaking(ours, theirs, new_width)


def _visible(lines: list) -> list[tuple]:
    return [(line.extraSpace, line.wordCount, line.lineBreak, line.maxWidth,
             tuple((w.text, w.fontName, w.fontSize, str(w.textColor)) for w in line.words)) for line in lines]


def _pages(cls, text: str, style, width: float, heights: list[float]) -> list:
    """The lines each page holds as a frame lays the paragraph out: wrap, split at the page's foot, the first
    half wrapped again and drawn, the rest on to the next page."""
    para, pages = cls(text, style), []
    for height in heights:
        if para.wrap(width, height)[1] <= height:
            return [*pages, para.blPara.lines]
        parts = para.split(width, height)
        if parts:
            first, para = parts
            first.wrap(width, height)
            pages.append(first.blPara.lines)
    raise AssertionError("more pages than heights")


def test_pages_carry_the_whole_paragraphs_lines():
    """A paragraph of long names over many pages: each page holds the next lines of the paragraph as reportlab
    breaks it whole, split words included (reportlab's breaking of each page's rest joins a split word and cuts
    it again, with empty runs at the cut; the text of each line is the same)."""
    fonts.register()
    rng = random.Random(20)
    for _ in range(12):
        names = ["".join(rng.choice(HAN + LATIN[:10]) for _ in range(rng.choice((3, 40, 200))))
                 for _ in range(rng.randint(5, 60))]
        style = styles.sheet()[rng.choice(("finding", "small", "body", "cell"))]
        text = "• <b>" + fonts.markup(", ".join(names)) + ":</b> above the priority-queue share."
        width = rng.choice((60.0, 180.0, 493.2))
        heights = [rng.choice((2.5, 4.5, 30.5)) * style.leading for _ in range(2000)]
        whole = Paragraph(text, style)
        whole.wrap(width, 1e9)
        pages = _pages(Para, text, style, width, heights)
        assert len(pages) > 2
        assert [line for page in pages for line in _visible(page)] == _visible(whole.blPara.lines)


def _long_names_pdf(count: int) -> bytes:
    rng = random.Random(count)
    alphabet = HAN[:200]
    names = ["".join(rng.choice(alphabet) for _ in range(200)) for _ in range(count)]
    sheet = styles.sheet()
    story = [Para("• <b>" + fonts.markup(", ".join(names)) + ":</b> no SRST.", sheet["finding"]),
             Para(fonts.markup(" ".join(names)), sheet["small"])]  # one fragment
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=(150 * mm, 90 * mm), invariant=1, initialFontName=fonts.SANS).build(story)
    return buffer.getvalue()


def test_each_long_word_is_split_once_and_each_character_measured_once(monkeypatch):
    """reportlab measures a word too wide for its line one character at a time, and breaks the rest of a split
    paragraph again at each page: 200 names of 200 characters over some thirty pages were 40,000 measures per
    page. Counted: each name is split once per paragraph, each character measured once per font and size."""
    fonts.register()
    cjk = pdfmetrics.getFont(fonts.CJK)
    measured: list[str] = []
    width_of = cjk.stringWidth

    def counted(text, size, encoding="utf8"):
        if len(text) == 1 and text in HAN:  # a character of a name (not the space, measured once per break)
            measured.append(text)
        return width_of(text, size, encoding)

    monkeypatch.setattr(cjk, "stringWidth", counted)
    monkeypatch.setattr(wordsplit, "_WIDTHS", {})
    splits = {"frags": 0, "words": 0}
    split_frag_word, split_word = wordsplit.split_frag_word, wordsplit.split_word

    def count_frag(*args):
        splits["frags"] += 1
        return split_frag_word(*args)

    def count_word(*args):
        splits["words"] += 1
        return split_word(*args)

    monkeypatch.setattr(linebreak_frags, "split_frag_word", count_frag)  # where the breakers look them up
    monkeypatch.setattr(linebreak_single, "split_word", count_word)
    pdf = _long_names_pdf(100)
    assert pdf.count(b"/Type /Page\n") > 50
    assert splits == {"frags": 100, "words": 100}  # each name once in each paragraph, whatever the pages
    assert len(measured) <= 2 * 200  # 200 characters, in two sizes (the two paragraphs' styles)
