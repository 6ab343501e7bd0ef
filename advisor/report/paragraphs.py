"""A Paragraph that breaks its lines once: kept per width, also when a split pushes it on whole, and handed to both
halves of a split (reportlab would break each half again from its words; a list of a thousand site names then
cost its breaking three or four times over, and a list of long names over a hundred pages once per page). Lines
are broken by advisor.report.linebreak."""

from __future__ import annotations

from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import _FK_TEXT, _InjectedFrag, _processed_frags

from advisor.report import linebreak
from advisor.report.visual import OPEN, has_rtl, line_order, marked_line


class Para(Paragraph):
    """A Paragraph whose lines are broken once per width. A split gives each half its lines of the whole: the
    first lines, and the rest. For words that fit their lines these are the very lines reportlab's breaking of
    each half gives; a word split over lines (a long name without spaces) is cut where the whole's breaking cut
    it, so the pages carry the whole paragraph's lines, each line the text reportlab prints there (reportlab's
    breaking of a half joins the cut word and cuts it again, which leaves empty runs and spaces at the cut, and
    now and then moves a word at the page's foot by the width of such a space). Where the lines of the whole are
    not the halves' lines (hyphenation, bullets, automatic leading, other scripts' wrapping), the halves are
    broken again as reportlab does."""

    def __init__(self, text, *args, **kwargs):
        super().__init__(text, *args, **kwargs)
        if isinstance(text, str) and OPEN in text:  # a user text in Hebrew or Arabic (`visual.marked`)
            self._marked = True

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        if (getattr(self, "_wrapped_at", None) == availWidth == getattr(self, "width", None)
                and hasattr(self, "blPara")):  # split() drops blPara when it pushes the paragraph on
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size

    def breakLines(self, width):  # noqa: N802 - reportlab's name
        self._first_word = 0  # the lines' word indices count from this paragraph's own words
        lines = linebreak.break_lines(self, width)
        return lines if lines is not None else super().breakLines(width)

    def drawPara(self, debug=0):  # noqa: N802 - reportlab's name
        """reportlab's, each line of a `stored_order` paragraph put in drawing order as it is drawn: its lines stay
        in stored order, so a split's halves (made from the lines' words) break and order theirs alike."""
        bl = getattr(self, "blPara", None)
        if bl is None or not isinstance(bl.lines, list):
            return super().drawPara(debug)
        stored = bl.lines
        if getattr(self, "_marked", False):
            bl.lines = [_marked_line(line) for line in stored]
        elif getattr(self, "_line_order", False) and all(isinstance(line, tuple) for line in stored):
            bl.lines = _ordered(stored, getattr(self, "_line_base", "L"))
        else:
            return super().drawPara(debug)
        try:
            return super().drawPara(debug)
        finally:
            bl.lines = stored

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        if not hasattr(self, "blPara"):  # as reportlab's split does
            self.wrap(availWidth, availHeight)
        lines = self.blPara
        parts = super().split(availWidth, availHeight)
        if getattr(self, "_line_order", False):  # the halves order their lines as the whole did
            for part in parts:
                part._line_order, part._line_base = True, getattr(self, "_line_base", "L")
        if getattr(self, "_marked", False):
            for part in parts:
                part._marked = True
        if not parts and not hasattr(self, "blPara"):  # pushed on whole: its lines still hold at this width
            self.blPara = lines
        elif len(parts) == 2 and _lines_carry(self, availWidth):
            _carry(self, parts, availWidth)
        return parts

    def _split_blParaProcessed(self, blPara, start, stop):  # noqa: N802 - reportlab's name
        """reportlab's, for lines carried from a whole whose word indices count from the whole's words (_carry
        leaves them so: renumbering the rest of a hundred-page paragraph at each page costs the square)."""
        first = getattr(self, "_first_word", 0)
        if not first or not stop:
            return super()._split_blParaProcessed(blPara, start, stop)
        lines = blPara.lines
        end = lines[stop].sFW - first if stop != len(lines) else len(self.frags)
        frags = self.frags[lines[start].sFW - first:end]
        while frags and isinstance(frags[-1], _InjectedFrag):  # as reportlab's (no hyphenation: _lines_carry)
            del frags[-1]
        return frags


def _lines_carry(para: Para, width: float) -> bool:
    """Whether the halves of a split may take `para`'s lines: broken at this width, with nothing that makes
    reportlab's breaking of a half differ from the whole's but for words split over lines (hyphenation, a bullet
    taking room on the first line only, line heights by content, another wrapping rule)."""
    style = para.style
    return (getattr(para, "_wrapped_at", None) == width and hasattr(para, "blPara") and not para.bulletText
            and getattr(para, "_hyphenations", 1) == 0
            and getattr(para, "autoLeading", getattr(style, "autoLeading", "")) in ("", "off")
            and not style.endDots and not style.wordWrap and type(para.blPara.lines) is list
            and (para.blPara.kind == 0 or _processed_frags(para.frags)))


def _carry(whole: Para, parts: list, width: float) -> None:
    """Give the first and the second half of `whole`'s split their lines, as if each had been wrapped at `width`."""
    first, rest = parts
    bl = whole.blPara
    lines = bl.lines
    cut = len(first.blPara.lines)  # reportlab gives the first half the first lines (as a makeshift structure)
    for half, part in ((first, lines[:cut]), (rest, lines[cut:])):
        if bl.kind == 0:  # one fragment: the fragment with the lines
            half.blPara = half.frags[0].clone(kind=0, lines=part, ascent=bl.ascent, descent=bl.descent,
                                              fontSize=bl.fontSize)
        else:  # several: the lines, their word indices still the whole's (see Para._split_blParaProcessed)
            half.blPara = type(bl)(kind=1, lines=part)
            half._first_word = part[0].sFW
        half.width = width
        half.height = len(part) * whole.style.leading
        half._wrapped_at = width
        half._splitLongWordCount = getattr(whole, "_splitLongWordCount", 0)
        half._hyphenations = 0


def stored_order(markup: str, visual_markup: str, style, base: str = "L") -> Para:
    """A paragraph of user text holding right-to-left letters: `markup` (its text in stored order, letters joined:
    `fonts.markup(text, stored_order=True)`) broken into lines, each line put in drawing order as it is drawn, in
    the paragraph's direction `base` ("R": it opens in Hebrew or Arabic, `visual.direction`), so a name wrapped
    over two lines of a narrow column reads first line first. Where the paragraph is not one plain fragment
    (several fonts or styles), `visual_markup` (the text in drawing order as a whole) instead."""
    para = Para(markup, style)
    if linebreak.single_fragment(para):
        para._line_order, para._line_base = True, base
        return para
    return Para(visual_markup, style)


def _ordered(lines: list, base: str) -> list:
    """Each (extra space, words) line of a one-fragment paragraph with its words in drawing order in direction
    `base` (`visual.line_order`: the same characters, so the same width)."""
    out = []
    for extra, words in lines:
        text = " ".join(words)
        # a line of English in a right-to-left paragraph is laid out too: its end punctuation goes to its left
        out.append((extra, line_order(text, base).split(" ")) if base == "R" or has_rtl(text) else (extra, words))
    return out


def _marked_line(line):
    """A line of a paragraph holding `visual.marked` user texts, each text's part in drawing order and the markers
    dropped (`visual.marked_line`): a (extra space, words) line of one fragment, or a FragLine of several, each
    character kept in its own fragment (its font and style: the same glyphs, so the same width). A line holding
    anything but text (an image, a link's callback) is left as it is: its markers draw as nothing."""
    if isinstance(line, tuple):
        extra, words = line
        return extra, "".join(c for c, _ in marked_line(" ".join(words))).split(" ")
    frags = line.words
    if not all(f._fkind == _FK_TEXT and not hasattr(f, "cbDefn") for f in frags):
        return line
    owner = [k for k, f in enumerate(frags) for _ in f.text]
    shown = marked_line("".join(f.text for f in frags), owner)
    words: list = []
    run: list[str] = []
    last = -1
    for char, at in shown:
        k = owner[at]
        if k != last and run:
            words.append(frags[last].clone(text="".join(run)))
            run = []
        run.append(char)
        last = k
    if run:
        words.append(frags[last].clone(text="".join(run)))
    return line.clone(words=words)
