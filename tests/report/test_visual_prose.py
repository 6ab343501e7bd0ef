"""Hebrew and Arabic names inside the report's own English prose (advisor/report/visual.py `marked`,
`marked_line`; advisor/report/paragraphs.py): the paragraph is broken in stored order and each line puts the name's
part on it in drawing order, so a name wrapped at a line's end reads from its first words on. Expected strings
worked out by hand from the Unicode bidirectional algorithm (a Hebrew run inside a left-to-right line is drawn
right to left, its brackets mirrored)."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from advisor.report import fonts
from advisor.report.sections import p, u
from advisor.report.visual import CLOSE, OPEN, marked, marked_line

ONE, TWO, THREE = "\u05d0\u05d7\u05ea", "\u05e9\u05ea\u05d9\u05d9\u05dd", "\u05e9\u05dc\u05d5\u05e9"  # אחת שתיים שלוש
NAME = f"{ONE} {TWO} {THREE}"


def _rev(word: str) -> str:
    return word[::-1]


def _drawn(text: str) -> str:
    return "".join(c for c, _ in marked_line(text))


def test_latin_text_is_not_marked():
    assert marked("Ljubljana – Zürich") == "Ljubljana – Zürich"
    assert u("R&D <lab>") == "R&amp;D &lt;lab&gt;"  # escaped as before, no marker


def test_a_marked_name_on_one_line_is_drawn_as_visual_draws_it():
    line = f"site {marked(NAME)} has 2 links"
    # the three Hebrew words right to left, the English around them as stored, the markers gone
    assert _drawn(line) == f"site {_rev(THREE)} {_rev(TWO)} {_rev(ONE)} has 2 links"


def test_each_line_orders_its_own_part_of_a_wrapped_name():
    text = f"site {marked(NAME)} has 2 links"
    first, second = text[:text.index(TWO) + len(TWO)], text[text.index(TWO) + len(TWO) + 1:]
    # "site אחת שתיים" | "שלוש has 2 links": the first line holds the name's first two words, drawn right to left
    assert _drawn(first) == f"site {_rev(TWO)} {_rev(ONE)}"
    assert _drawn(second) == f"{_rev(THREE)} has 2 links"


def test_a_line_wholly_inside_a_name_is_ordered():
    assert _drawn(NAME) == f"{_rev(THREE)} {_rev(TWO)} {_rev(ONE)}"
    assert _drawn("plain English, 2 links") == "plain English, 2 links"


def test_brackets_of_a_hebrew_part_face_their_text():
    # "(שלוש)" inside the name: drawn left to right "(שולש)" with each bracket's glyph mirrored back to face it
    assert _drawn(f"x {marked(f'{ONE} ({THREE})')} y") == f"x ({_rev(THREE)}) {_rev(ONE)} y"


def test_each_character_keeps_its_index_for_its_fragment():
    text = f"a {marked(ONE)} b"
    shown = marked_line(text)
    assert [text[i] for _c, i in shown] == [c for c, _ in shown]  # no mirroring here: each drawn from its own place
    assert OPEN not in "".join(c for c, _ in shown) and CLOSE not in "".join(c for c, _ in shown)


def test_markers_a_user_text_holds_are_taken_out():
    assert marked(f"{ONE}{OPEN}{CLOSE}") == f"{OPEN}{ONE}{CLOSE}"


def test_markers_measure_nothing():
    fonts.register()
    for face in (fonts.SANS, fonts.SANS_BOLD):
        assert stringWidth(OPEN + CLOSE, face, 10) == 0


def _capture(monkeypatch) -> list:
    drawn = []

    def record(self, debug=0):
        lines = self.blPara.lines
        drawn.append([" ".join(line[1]) if isinstance(line, tuple) else "".join(f.text for f in line.words)
                      for line in lines])

    monkeypatch.setattr(Paragraph, "drawPara", record)
    return drawn


def test_a_prose_paragraph_draws_a_wrapped_name_first_words_first(monkeypatch):
    fonts.register()
    para = p(f"The site {u(NAME)} has two links")
    width = stringWidth(f"The site {ONE} {TWO}", fonts.SANS, para.style.fontSize) + 1  # the third word wraps
    para.wrap(width, 1000)
    drawn = _capture(monkeypatch)
    para.drawPara()
    assert drawn[0][0] == f"The site {_rev(TWO)} {_rev(ONE)}"
    assert drawn[0][1].startswith(_rev(THREE))
    assert OPEN not in "".join(drawn[0]) and CLOSE not in "".join(drawn[0])


def test_a_prose_paragraph_of_several_fragments_keeps_each_character_in_its_font(monkeypatch):
    fonts.register()
    para = p(f"<b>Site:</b> {u(NAME)} has two links")
    width = stringWidth("Site:", fonts.SANS_BOLD, para.style.fontSize) + stringWidth(
        f" {ONE} {TWO}", fonts.SANS, para.style.fontSize) + 1
    para.wrap(width, 1000)
    seen = []
    monkeypatch.setattr(Paragraph, "drawPara", lambda self, debug=0: seen.append(
        [[(f.fontName, f.text) for f in line.words] for line in self.blPara.lines]))
    para.drawPara()
    first = seen[0][0]
    assert first[0][0] == fonts.SANS_BOLD and first[0][1].strip() == "Site:"  # the bold label as it was
    assert "".join(text for _font, text in first[1:]).strip() == f"{_rev(TWO)} {_rev(ONE)}"
    assert all(font == fonts.SANS for font, _text in first[1:])
    assert "".join(text for _f, text in seen[0][1]).startswith(_rev(THREE))


def test_the_halves_of_a_split_prose_paragraph_order_their_lines():
    fonts.register()
    para = p(" ".join([f"site {u(NAME)} has links"] * 20))
    para.wrap(120, 1000)
    first, rest = para.split(120, 3 * para.style.leading + 1)
    assert first._marked and rest._marked


def test_hebrew_is_not_sent_through_the_arabic_reshaper(monkeypatch):
    # Hebrew has no joined letter forms: the reshaper (which reads its settings at each call) is for Arabic alone
    from advisor.report import visual

    def refuse():
        raise AssertionError("the reshaper was asked")

    monkeypatch.setattr(visual, "_reshaper", refuse)
    text = f"{NAME} – site 7"
    visual._shaped.memo.cache_clear()
    assert visual.joined(text) == text
    assert visual.visual(text) == f"{_rev(THREE)} {_rev(TWO)} {_rev(ONE)} – site 7"


def test_a_name_is_ordered_once_however_often_it_is_printed():
    from advisor.report import visual

    visual._display.memo.cache_clear()
    line = f"({ONE}) {TWO}"
    first = visual.visual(line)
    assert [visual.visual(line) for _ in range(5)] == [first] * 5
    info = visual._display.memo.cache_info()
    assert info.misses == 1 and info.hits == 5
    long = f"{ONE} " * 200  # longer than the memo keeps: worked out each time, never kept
    visual.visual(long)
    assert visual._display.memo.cache_info().currsize == 1


def test_an_unclosed_override_in_a_name_does_not_turn_the_words_after_it_around():
    # "‮" (right-to-left override) typed before a name with no closing mark: the app leaves such marks out of a name
    # shown beside other words; so does the PDF, where python-bidi would draw "NPV SLPM redivorP" after it
    from advisor.report.visual import visual

    got = visual(f"\u202e{NAME} \u2013 Provider MPLS VPN")
    assert got == f"{_rev(THREE)} {_rev(TWO)} {_rev(ONE)} \u2013 Provider MPLS VPN"
    assert "\u202e" not in got and visual(f"\u2067{NAME}\u2069") == f"{_rev(THREE)} {_rev(TWO)} {_rev(ONE)}"
