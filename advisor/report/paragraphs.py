"""A Paragraph that breaks its lines once: kept per width, also when a split pushes it on whole, and handed to both
halves of a split (reportlab would break each half again from its words; a list of a thousand site names then
cost its breaking three or four times over). Several fragments are broken by advisor.report.linebreak."""

from __future__ import annotations

from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import _processed_frags

from advisor.report import linebreak


class Para(Paragraph):
    """A Paragraph whose lines are broken once per width. A split gives each half the very lines reportlab's own
    breaking would give it: the first lines as they are; the rest, broken at the same width, are the same lines
    again. Where that is not certain (split words, hyphenation, bullets, automatic leading, other scripts'
    wrapping), the halves are broken again as reportlab does."""

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        if (getattr(self, "_wrapped_at", None) == availWidth == getattr(self, "width", None)
                and hasattr(self, "blPara")):  # split() drops blPara when it pushes the paragraph on
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size

    def breakLines(self, width):  # noqa: N802 - reportlab's name
        lines = linebreak.break_lines(self, width)  # paragraphs of several fragments, faster
        return lines if lines is not None else super().breakLines(width)

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        if not hasattr(self, "blPara"):  # as reportlab's split does
            self.wrap(availWidth, availHeight)
        lines = self.blPara
        parts = super().split(availWidth, availHeight)
        if not parts and not hasattr(self, "blPara"):  # pushed on whole: its lines still hold at this width
            self.blPara = lines
        elif len(parts) == 2 and _lines_carry(self, availWidth):
            _carry(self, parts, availWidth)
        return parts


def _lines_carry(para: Para, width: float) -> bool:
    """Whether the halves of a split may take `para`'s lines: broken at this width, with nothing that makes
    reportlab's breaking of a half differ from the whole's (a word split or hyphenated, a bullet taking room on
    the first line only, line heights by content, another wrapping rule)."""
    style = para.style
    return (getattr(para, "_wrapped_at", None) == width and hasattr(para, "blPara") and not para.bulletText
            and getattr(para, "_splitLongWordCount", 1) == 0 and getattr(para, "_hyphenations", 1) == 0
            and getattr(para, "autoLeading", getattr(style, "autoLeading", "")) in ("", "off")
            and not style.endDots and not style.wordWrap and type(para.blPara.lines) is list
            and (para.blPara.kind == 0 or _processed_frags(para.frags)))


def _carry(whole: Para, parts: list, width: float) -> None:
    """Give the first and the second half of `whole`'s split their lines, as if each had been wrapped at `width`."""
    first, rest = parts
    lines = whole.blPara.lines
    cut = len(first.blPara.lines)  # reportlab gives the first half the first lines (as a makeshift structure)
    first.blPara = _half(whole, first, lines[:cut], 0)
    rest.blPara = _half(whole, rest, lines[cut:], lines[cut].sFW if whole.blPara.kind == 1 else 0)
    leading = whole.style.leading
    for half, count in ((first, cut), (rest, len(lines) - cut)):
        half.width = width
        half.height = count * leading
        half._wrapped_at = width
        half._splitLongWordCount = half._hyphenations = 0


def _half(whole: Para, half: Para, lines: list, base: int):
    """The line structure `half.breakLines` would return for these lines of `whole`: for a single fragment its
    one fragment with the lines; for several, the lines with their first-word index counted from the half's own
    fragments (`base` is the first line's index among the whole's)."""
    bl = whole.blPara
    if bl.kind == 0:
        return half.frags[0].clone(kind=0, lines=lines, ascent=bl.ascent, descent=bl.descent, fontSize=bl.fontSize)
    return type(bl)(kind=1, lines=[line.clone(sFW=line.sFW - base) for line in lines])
