"""Line breaking of a paragraph: the lines reportlab's `Paragraph.breakLines` makes, step for step, at a fraction
of its cost. A paragraph of one plain fragment is broken by advisor.report.linebreak_single, one of several by
advisor.report.linebreak_frags; a word wider than its line is split by advisor.report.wordsplit in both."""

from __future__ import annotations

from reportlab.platypus import paragraph as rl

from advisor.report.linebreak_frags import Breaker
from advisor.report.linebreak_single import break_single


def break_lines(para, width) -> rl.ParaLines | None:
    """`para.breakLines(width)`, or None when the paragraph needs a feature left out here (then reportlab breaks
    it). Like reportlab's, it sets the paragraph's frags to its word list when it has several fragments."""
    max_widths = width if isinstance(width, (tuple, list)) else [width]
    if _single(para):
        return break_single(para, max_widths)
    if not _supported(para):
        return None
    breaker = Breaker(para.style, max_widths)
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


def single_fragment(para) -> bool:
    """Whether `para` is one plain fragment, broken into lines of words (reportlab's kind 0)."""
    return _single(para)


def _single(para) -> bool:
    """A paragraph reportlab breaks by its single-fragment path, with none of the features left out here."""
    frags = para.frags
    return (len(frags) == 1 and _plain_style(para) and not hasattr(frags[0], "cbDefn")
            and not hasattr(frags[0], "backColor") and not rl._processed_frags(frags))


def _supported(para) -> bool:
    """A paragraph reportlab breaks by fragments (not _single) whose style needs none of the features left out."""
    return (bool(para.frags) and _plain_style(para)
            and getattr(para, "autoLeading", getattr(para.style, "autoLeading", "")) in ("", "off"))
