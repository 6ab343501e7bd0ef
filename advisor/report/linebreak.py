"""Line breaking of a paragraph of several fragments (bold and plain runs, coloured words): the lines reportlab's
`Paragraph.breakLines` makes, step for step, at a third of its cost (see _Breaker)."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus.paragraph import (  # the very helpers breakLines uses
    _FK_TEXT,
    FragLine,
    ParaLines,
    _getFragWords,
    _HSFrag,
    _processed_frags,
    _SplitFrag,
    sameFrag,
)


def break_lines(para, width) -> ParaLines | None:
    """`para.breakLines(width)` for a paragraph of several plain-text fragments, or None when it is not one (then
    reportlab breaks it). Like reportlab's, it sets the paragraph's frags to its word list."""
    if not _supported(para):
        return None
    max_widths = width if isinstance(width, (tuple, list)) else [width]
    lines = _Breaker(para.style, max_widths).run(_getFragWords(para.frags, max_widths[0]))
    if lines is None:
        return None
    para._width_max, fw = lines.width_max, lines.fw
    para.height = 0
    para._splitLongWordCount = para._hyphenations = 0
    para.frags = fw
    return ParaLines(kind=1, lines=lines.lines)


def _supported(para) -> bool:
    """A paragraph reportlab breaks by fragments (not its single-fragment path) whose style needs none of the
    features left out here."""
    style, frags = para.style, para.frags
    if not frags or para.bulletText:
        return False
    if getattr(para, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off"):
        return False
    if (style.wordWrap or style.shaping or style.endDots or getattr(style, "hyphenationLang", "")
            or style.uriWasteReduce or style.embeddedHyphenation):
        return False
    processed = _processed_frags(frags)
    single = len(frags) == 1 and not (hasattr(frags[0], "cbDefn") or hasattr(frags[0], "backColor") or processed)
    return not single


_PLAIN_WORDS = (list, _HSFrag)  # reportlab's words of whole text (not split, hyphenated or injected)


def _plain_frag(f) -> bool:
    """A fragment of text: not an image, a line break or anything else drawn by a callback."""
    return f._fkind == _FK_TEXT and not hasattr(f, "cbDefn") and not hasattr(f, "lineBreak")


class _Lines:
    def __init__(self, lines: list, fw: list, width_max: float):
        self.lines, self.fw, self.width_max = lines, fw, width_max


class _Breaker:
    """reportlab's breakLines loop for fragments (paragraph.py, `else` branch of nFrags), restricted to plain text:
    the same arithmetic in the same order, so the same lines to the last bit.

    The findings of a large design name a thousand sites in one paragraph. reportlab spends most of its breaking
    time on questions asked again for every word: the width of a space and the ascent of a font (each through three
    function calls), and whether two fragments look alike (a C helper that raises and catches an exception for each
    attribute a fragment lacks). Here the answers are kept (each depends only on the font and size asked about),
    and a fragment is known to look like its own copy. A word too wide for its line hands the paragraph back to
    reportlab, which splits the word."""

    def __init__(self, style, max_widths: list[float]):
        self.max_widths = max_widths
        self.shrinkage = style.spaceShrinkage
        self.split_long = style.splitLongWords
        self._space: dict[tuple[str, float], float] = {}
        self._extent: dict[tuple[str, float], tuple[float, float]] = {}
        self._plain: dict[int, bool] = {}  # id of a fragment (alive while breaking) -> _plain_frag

    def plain(self, word) -> bool:
        """A word of plain text fragments (see _PLAIN_WORDS and _plain_frag)."""
        if type(word) not in _PLAIN_WORDS or not isinstance(word[0], (int, float)):
            return False
        for f, _ in word[1:]:
            known = self._plain.get(id(f))
            if known is None:
                known = self._plain[id(f)] = _plain_frag(f)
            if not known:
                return False
        return True

    def space(self, font: str, size: float) -> float:
        key = (font, size)
        if key not in self._space:
            self._space[key] = stringWidth(" ", font, size)
        return self._space[key]

    def extent(self, font: str, size: float) -> tuple[float, float]:
        key = (font, size)
        if key not in self._extent:
            self._extent[key] = getAscentDescent(font, size)
        return self._extent[key]

    def run(self, _words: list) -> _Lines | None:  # noqa: C901, PLR0912, PLR0915 - reportlab's loop, kept whole
        max_widths, shrinkage = self.max_widths, self.shrinkage
        maxlineno = len(max_widths) - 1
        lineno = 0
        max_width = max_widths[0]
        width_max = 0
        lines: list = []
        fw: list = []
        words: list = []
        source = None  # the fragment the last piece of `words` was cloned from
        s_fw = 0
        n = space_width = current_width = 0
        max_size = max_ascent = min_descent = 0
        g = None
        for w in _words:
            if not self.plain(w):
                return None
            fw.append(w)
            f = w[-1][0]
            font_name = f.fontName
            font_size = f.fontSize
            if not words:
                n = space_width = current_width = 0
                max_size = font_size
                max_ascent, min_descent = self.extent(font_name, font_size)
            word_width = w[0]
            f = w[1][0]
            new_width = current_width + space_width + word_width if word_width > 0 else current_width
            lim_width = max_width
            if shrinkage:
                space_shrink = space_width
                for wi in words:
                    if wi._fkind == _FK_TEXT:
                        ns = wi.text.count(" ")
                        if ns:
                            space_shrink += ns * self.space(wi.fontName, wi.fontSize)
                space_shrink *= shrinkage
                lim_width += space_shrink
            if new_width > lim_width and self.split_long and not isinstance(w, _SplitFrag):
                nmw = min(lineno, maxlineno)
                if word_width > max(max_widths[nmw:nmw + 1]):
                    return None  # reportlab splits the word itself
            if not (new_width > lim_width and n > 0):
                n_text = w[1][1]
                if n_text:
                    n += 1
                font_size = f.fontSize
                ascent, descent = self.extent(f.fontName, font_size)
                max_size = max(max_size, font_size)
                max_ascent = max(max_ascent, ascent)
                min_descent = min(min_descent, descent)
                if not words:
                    g = f.clone()
                    words = [g]
                    g.text = n_text
                    source = f
                elif not (f is source or sameFrag(g, f)):
                    if space_width:
                        i = len(words) - 1
                        while i >= 0:
                            wi = words[i]
                            i -= 1
                            if wi._fkind == _FK_TEXT:
                                if not wi.text.endswith(" "):
                                    wi.text += " "
                                break
                    g = f.clone()
                    words.append(g)
                    g.text = n_text
                    source = f
                elif space_width:
                    if not g.text.endswith(" "):
                        g.text += " " + n_text
                    else:
                        g.text += n_text
                else:
                    g.text += n_text
                space_width = self.space(font_name, font_size) if isinstance(w, _HSFrag) else 0
                ni = 0
                for i in w[2:]:
                    g = i[0].clone()
                    g.text = i[1]
                    source = i[0]
                    if g.text:
                        ni = 1
                    words.append(g)
                    font_size = g.fontSize
                    ascent, descent = self.extent(g.fontName, font_size)
                    max_size = max(max_size, font_size)
                    max_ascent = max(max_ascent, ascent)
                    min_descent = min(min_descent, descent)
                if not n_text and ni:
                    n += 1
                current_width = new_width
            else:  # it does not fit: end the line
                width_max = max(width_max, current_width)
                lines.append(FragLine(extraSpace=max_width - current_width, wordCount=n, lineBreak=False,
                                      words=words, fontSize=max_size, ascent=max_ascent, descent=min_descent,
                                      maxWidth=max_width, sFW=s_fw))
                s_fw = len(fw) - 1
                lineno += 1
                max_width = max_widths[min(maxlineno, lineno)]
                space_width = self.space(font_name, font_size) if isinstance(w, _HSFrag) else 0
                current_width = word_width
                n = 1
                g = f.clone()
                source = f
                max_size = g.fontSize
                max_ascent, min_descent = self.extent(g.fontName, max_size)
                words = [g]
                g.text = w[1][1]
                for i in w[2:]:
                    g = i[0].clone()
                    g.text = i[1]
                    source = i[0]
                    words.append(g)
                    font_size = g.fontSize
                    ascent, descent = self.extent(g.fontName, font_size)
                    max_size = max(max_size, font_size)
                    max_ascent = max(max_ascent, ascent)
                    min_descent = min(min_descent, descent)
        if words:
            width_max = max(width_max, current_width)
            lines.append(FragLine(extraSpace=max_width - current_width, wordCount=n, lineBreak=False, words=words,
                                  fontSize=max_size, ascent=max_ascent, descent=min_descent, maxWidth=max_width,
                                  sFW=s_fw))
        return _Lines(lines, fw, width_max)
