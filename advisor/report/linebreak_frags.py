"""reportlab's line breaking of a paragraph of several fragments (fonts, bold, the CJK runs of a name), restricted
to plain text, step for step: the lines `Paragraph.breakLines` makes in its fragments branch. See
advisor.report.linebreak."""

from __future__ import annotations

from collections import deque

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import paragraph as rl
from reportlab.platypus.paragraph import (  # the very helpers breakLines uses, in its loop
    _FK_BREAK,
    _FK_TEXT,
    FragLine,
    _HSFrag,
    _SplitFrag,
    sameFrag,
)

from advisor.report.wordsplit import split_frag_word

_PLAIN_WORDS = (list, _HSFrag)  # reportlab's words of whole text (not split, hyphenated or injected)


def _plain_frag(f) -> bool:
    """A fragment of text: not an image, a line break or anything else drawn by a callback."""
    return f._fkind == _FK_TEXT and not hasattr(f, "cbDefn") and not hasattr(f, "lineBreak")


class Breaker:
    """reportlab's breakLines loop for fragments (paragraph.py, `else` branch of nFrags), restricted to plain text:
    the same arithmetic in the same order, so the same lines to the last bit.

    The findings of a large design name a thousand sites in one paragraph. reportlab spends most of its breaking
    time on questions asked again for every word: the width of a space and the ascent of a font (each through three
    function calls), and whether two fragments look alike (a C helper that raises and catches an exception for each
    attribute a fragment lacks). Here the answers are kept (each depends only on the font and size asked about),
    and a fragment is known to look like its own copy. A word too wide for its line is split as reportlab splits it
    (split_frag_word), the line ending after its first piece."""

    def __init__(self, style, max_widths: list[float]):
        self.max_widths = max_widths
        self.shrinkage = style.spaceShrinkage
        self.split_long = style.splitLongWords
        self.splits = 0  # words split (reportlab's _splitLongWordCount)
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

    def rest(self, w: list, words: list, size: float, ascent: float, descent: float) -> tuple:
        """Add the fragments of word `w` after its first to the line's `words` as reportlab does: the last one,
        whether any has text, and the line's largest font size and ascent and least descent with them."""
        any_text = 0
        for f, text in w[2:]:
            g = f.clone()
            g.text = text
            if text:
                any_text = 1
            words.append(g)
            up, down = self.extent(g.fontName, g.fontSize)
            size = max(size, g.fontSize)
            ascent = max(ascent, up)
            descent = min(descent, down)
        return g, any_text, size, ascent, descent

    def run(self, _words: list) -> tuple | None:  # noqa: C901, PLR0912, PLR0915 - reportlab's loop, kept whole
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
        queue = deque(_words)  # reportlab pops from a list's head and puts a split word's pieces back there
        ours: set[int] = set()  # ids of the pieces and line breaks put back (alive while breaking)
        while queue:
            w = queue.popleft()
            if id(w) not in ours and not self.plain(w):
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
            line_break = f._fkind == _FK_BREAK  # only the breaks put back after a split word's first piece
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
            if (not line_break and new_width > lim_width and self.split_long
                    and not isinstance(w, _SplitFrag)):
                nmw = min(lineno, maxlineno)
                if word_width > max(max_widths[nmw:nmw + 1]):
                    pieces = split_frag_word(w, max_width - space_width - current_width, max_widths, lineno)
                    pieces.insert(1, rl._InjectedFrag([0, (f.clone(_fkind=_FK_BREAK, text=""), "")]))
                    ours.update(map(id, pieces))
                    queue.extendleft(reversed(pieces))
                    fw.pop()
                    self.splits += 1
                    continue
            if not (new_width > lim_width and n > 0) and not line_break:
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
                if len(w) > 2:
                    g, ni, max_size, max_ascent, min_descent = self.rest(w, words, max_size, max_ascent, min_descent)
                    source = w[-1][0]
                if not n_text and ni:
                    n += 1
                current_width = new_width
            else:  # it does not fit, or a split word's first piece ends the line: end the line
                if line_break:
                    g = f.clone()
                    words.append(g)
                width_max = max(width_max, current_width)
                lines.append(FragLine(extraSpace=max_width - current_width, wordCount=n, lineBreak=False,
                                      words=words, fontSize=max_size, ascent=max_ascent, descent=min_descent,
                                      maxWidth=max_width, sFW=s_fw))
                s_fw = len(fw) - 1
                lineno += 1
                max_width = max_widths[min(maxlineno, lineno)]
                if line_break:
                    words = []
                    continue
                space_width = self.space(font_name, font_size) if isinstance(w, _HSFrag) else 0
                current_width = word_width
                n = 1
                g = f.clone()
                source = f
                max_size = g.fontSize
                max_ascent, min_descent = self.extent(g.fontName, max_size)
                words = [g]
                g.text = w[1][1]
                if len(w) > 2:
                    g, _, max_size, max_ascent, min_descent = self.rest(w, words, max_size, max_ascent, min_descent)
                    source = w[-1][0]
        if words:
            width_max = max(width_max, current_width)
            lines.append(FragLine(extraSpace=max_width - current_width, wordCount=n, lineBreak=False, words=words,
                                  fontSize=max_size, ascent=max_ascent, descent=min_descent, maxWidth=max_width,
                                  sFW=s_fw))
        return lines, fw, width_max
