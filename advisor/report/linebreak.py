"""Line breaking of a paragraph: the lines reportlab's `Paragraph.breakLines` makes, step for step, at a fraction
of its cost. A paragraph of one plain fragment is broken by _break_single, one of several by _Breaker.

A word wider than its line (a site name of two hundred Chinese characters has no space to break at) is split
where reportlab splits it, by adding up its characters' widths one at a time; reportlab asks the font for each
character's width anew (four function calls), here each width is asked once per font and size (_widths)."""

from __future__ import annotations

from collections import deque

from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, stringWidth
from reportlab.platypus import paragraph as rl
from reportlab.platypus.paragraph import (  # the very helpers breakLines uses, in its loops
    _FK_BREAK,
    _FK_TEXT,
    FragLine,
    _HSFrag,
    _SplitFrag,
    _SplitWord,
    sameFrag,
)


class _Widths(dict):
    """The widths of characters in one font and size, each measured the first time it is asked for."""

    def __init__(self, font, font_name: str, font_size: float):
        super().__init__()
        self.font, self.font_name, self.font_size = font, font_name, font_size

    def __missing__(self, char: str) -> float:
        width = self[char] = stringWidth(char, self.font_name, self.font_size)
        return width


_WIDTHS: dict[tuple[str, float], _Widths] = {}


def _widths(font_name: str, font_size: float) -> _Widths:
    """The character widths of this font and size (kept while the name means the same font)."""
    font = getFont(font_name)
    known = _WIDTHS.get((font_name, font_size))
    if known is None or known.font is not font:
        known = _WIDTHS[(font_name, font_size)] = _Widths(font, font_name, font_size)
    return known


def break_lines(para, width) -> rl.ParaLines | None:
    """`para.breakLines(width)`, or None when the paragraph needs a feature left out here (then reportlab breaks
    it). Like reportlab's, it sets the paragraph's frags to its word list when it has several fragments."""
    max_widths = width if isinstance(width, (tuple, list)) else [width]
    if _single(para):
        return _break_single(para, max_widths)
    if not _supported(para):
        return None
    breaker = _Breaker(para.style, max_widths)
    broken = breaker.run(rl._getFragWords(para.frags, max_widths[0]))
    if broken is None:
        return None
    lines, para.frags, para._width_max = broken
    para.height = 0
    para._splitLongWordCount, para._hyphenations = breaker.splits, 0
    return rl.ParaLines(kind=1, lines=lines)


def _plain_style(para) -> bool:
    style = para.style
    return not (para.bulletText or style.wordWrap or style.shaping or style.endDots
                or getattr(style, "hyphenationLang", "") or style.uriWasteReduce or style.embeddedHyphenation)


def _single(para) -> bool:
    """A paragraph reportlab breaks by its single-fragment path, with none of the features left out here."""
    frags = para.frags
    return (len(frags) == 1 and _plain_style(para) and not hasattr(frags[0], "cbDefn")
            and not hasattr(frags[0], "backColor") and not rl._processed_frags(frags))


def _supported(para) -> bool:
    """A paragraph reportlab breaks by fragments (not _single) whose style needs none of the features left out."""
    return (bool(para.frags) and _plain_style(para)
            and getattr(para, "autoLeading", getattr(para.style, "autoLeading", "")) in ("", "off"))


def _break_single(para, max_widths: list[float]):  # noqa: C901, PLR0912 - reportlab's loop, kept whole
    """reportlab's breakLines for one fragment (its `nFrags==1` branch) without hyphenation or bidirectional text:
    the same arithmetic in the same order. Soft hyphens and words of bidirectional text go to reportlab."""
    f = para.frags[0]
    font_size, font_name = f.fontSize, f.fontName
    ascent, descent = getAscentDescent(font_name, font_size)
    if hasattr(f, "text"):
        text = rl.strip(f.text)
        words = rl.split(text) if text else []
        if rl._shy in text:
            return None
    else:
        words = f.words[:]
        if type(f.words) is not list or any(rl._shy in w or type(w) not in _STR_WORDS for w in words):
            return None
        if not any(rl.strip(w) for w in words):
            words = []
    para._width_max = para.height = 0
    para._splitLongWordCount = para._hyphenations = 0
    if not words:
        return f.clone(kind=0, lines=[], ascent=ascent, descent=descent, fontSize=font_size)
    encoding = para.encoding
    maxlineno = len(max_widths) - 1
    lineno = 0
    max_width = max_widths[0]
    space_width = stringWidth(" ", font_name, font_size, encoding)
    d_space_shrink = para.style.spaceShrinkage * space_width
    split_long = para.style.splitLongWords
    lines: list = []
    line: list = []
    current_width = -space_width
    forced = 0
    queue = deque(words)  # reportlab pops from a list's head
    while queue:
        word = queue.popleft()
        if not word and isinstance(word, _SplitWord):
            forced = 1
        word_width = stringWidth(word, font_name, font_size, encoding)
        new_width = current_width + space_width + word_width
        lim_width = max_width + d_space_shrink * len(line)
        if (new_width > lim_width and not (isinstance(word, rl._SplitWordH) or forced) and split_long
                and not isinstance(word, _SplitWord)):
            nmw = min(lineno, maxlineno)
            if word_width > max(max_widths[nmw:nmw + 1]):
                queue.extendleft(reversed(_split_word(word, current_width + space_width, max_widths, lineno,
                                                      font_name, font_size)))
                para._splitLongWordCount += 1
                forced = 1
                continue
        if new_width <= lim_width or not line or forced:
            if word:
                line.append(word)
            if forced:
                forced = 0
                para._width_max = max(para._width_max, new_width)
                lines.append((max_width - new_width, line))
                line = []
                current_width = -space_width
                lineno += 1
                max_width = max_widths[min(maxlineno, lineno)]
            else:
                current_width = new_width
        else:
            para._width_max = max(para._width_max, current_width)
            lines.append((max_width - current_width, line))
            line = [word]
            current_width = word_width
            lineno += 1
            max_width = max_widths[min(maxlineno, lineno)]
    if line:
        para._width_max = max(para._width_max, current_width)
        lines.append((max_width - current_width, line))
    return f.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=font_size)


_STR_WORDS = (str, _SplitWord, rl._SplitWordEnd)  # words of a split half's fragment that _break_single takes


def _split_word(word: str, line_width: float, max_widths: list[float], lineno: int, font_name: str,
                font_size: float) -> list[_SplitWord]:
    """reportlab's _splitWord (not bidirectional text), each character's width looked up once per font and size."""
    widths = _widths(font_name, font_size)
    pieces: list[_SplitWord] = []
    maxlineno = len(max_widths) - 1
    text = ""
    max_width = max_widths[min(maxlineno, lineno)]
    next_width = max_widths[min(maxlineno, lineno + 1)]  # reportlab never moves this one on
    for char in word:
        char_width = widths[char]
        new_line_width = line_width + char_width
        if new_line_width > max_width and (text or char_width <= next_width):
            pieces.append(_SplitWord(text))
            lineno += 1
            max_width = max_widths[min(maxlineno, lineno)]
            new_line_width = char_width
            text = ""
        text += char
        line_width = new_line_width
    pieces.append(rl._SplitWordEnd(text))
    return pieces


def _split_frag_word(w: list, max_width: float, max_widths: list[float], lineno: int) -> list:
    """reportlab's _splitFragWord for a word of plain text fragments, each character's width looked up once per
    font and size: the same pieces, the same fragments, the same sums."""
    pieces: list = []
    maxlineno = len(max_widths) - 1
    next_width = max_widths[min(maxlineno, lineno + 1)]
    parts: list = []
    line_width = 0
    text = ""
    word_width = 0
    f = w[1][0]
    for g, s in w[1:]:
        widths = _widths(g.fontName, g.fontSize) if s else _NO_TEXT  # reportlab's width 0 of an empty text
        for char in s or ("",):
            char_width = widths[char]
            new_line_width = line_width + char_width
            too_long = new_line_width > max_width and (word_width or char_width <= next_width)
            if g is not f or too_long:
                f = f.clone()
                if hasattr(f, "text"):
                    f.text = text
                parts.append((f, text))
                if too_long:
                    pieces.append(_SplitFrag([word_width, *parts]))
                    lineno += 1
                    max_width = next_width
                    next_width = max_widths[min(maxlineno, lineno + 1)]
                    parts = []
                    new_line_width = char_width
                    word_width = 0
                text = ""
                f = g
            word_width += char_width
            text += char
            line_width = new_line_width
    parts.append((f, text))
    pieces.append((rl._SplitFragHS if isinstance(w, _HSFrag) else rl._SplitFragH)([word_width, *parts]))
    return pieces


_NO_TEXT = {"": 0}
_PLAIN_WORDS = (list, _HSFrag)  # reportlab's words of whole text (not split, hyphenated or injected)


def _plain_frag(f) -> bool:
    """A fragment of text: not an image, a line break or anything else drawn by a callback."""
    return f._fkind == _FK_TEXT and not hasattr(f, "cbDefn") and not hasattr(f, "lineBreak")


class _Breaker:
    """reportlab's breakLines loop for fragments (paragraph.py, `else` branch of nFrags), restricted to plain text:
    the same arithmetic in the same order, so the same lines to the last bit.

    The findings of a large design name a thousand sites in one paragraph. reportlab spends most of its breaking
    time on questions asked again for every word: the width of a space and the ascent of a font (each through three
    function calls), and whether two fragments look alike (a C helper that raises and catches an exception for each
    attribute a fragment lacks). Here the answers are kept (each depends only on the font and size asked about),
    and a fragment is known to look like its own copy. A word too wide for its line is split as reportlab splits it
    (_split_frag_word), the line ending after its first piece."""

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
                    pieces = _split_frag_word(w, max_width - space_width - current_width, max_widths, lineno)
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
