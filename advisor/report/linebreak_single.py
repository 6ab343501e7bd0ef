"""reportlab's line breaking of a paragraph of one plain fragment (one font and size), step for step: the lines
`Paragraph.breakLines` makes in its `nFrags==1` branch. See advisor.report.linebreak."""

from __future__ import annotations

from collections import deque

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import paragraph as rl
from reportlab.platypus.paragraph import _SplitWord  # the very helper breakLines uses, in its loop

from advisor.report.wordsplit import split_word


def break_single(para, max_widths: list[float]):  # noqa: C901, PLR0912 - reportlab's loop, kept whole
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
                queue.extendleft(reversed(split_word(word, current_width + space_width, max_widths, lineno,
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


_STR_WORDS = (str, _SplitWord, rl._SplitWordEnd)  # words of a split half's fragment that break_single takes
