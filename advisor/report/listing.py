"""Configuration listings: monospaced lines in a light box, split across pages line by line. A line wider than the
frame never runs off the page: it breaks (at a space when one is near) and continues on the next line after a
muted marker, so nothing of a command is lost and a continuation is never mistaken for a command of its own."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from advisor.report import fonts, styles

FONT_SIZE = 7.0  # DejaVu Sans Mono at 7 pt: 115 characters across the frame; sketches wrap at 110
LEADING = 8.6
PAD = 4.0  # inside the box, every side
MIN_LINES = 4  # lines a listing keeps on each side of a page break; fewer fit: it starts on the next page
MARK = "\u21aa "  # marks a continued line


class Listing(Flowable):
    """Lines of a configuration, drawn verbatim in the mono font (leading spaces kept)."""

    def __init__(self, lines: list[str], *, _wrapped: list[tuple[str, bool]] | None = None,
                 _width: float | None = None, _start: int = 0):
        super().__init__()
        self.lines = lines
        self._wrapped = _wrapped
        self._width = _width
        # The rest of a split shares the whole listing's printed lines and starts at its first line not yet placed:
        # copying the rest at every page made a listing of thousands of pages cost the square of its length.
        self._start = _start

    def printed(self) -> list[tuple[str, bool]]:
        """(text, continued) of the lines this part prints, once wrapped."""
        return self._wrapped[self._start:] if self._wrapped is not None else []

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        if self._wrapped is None or self._width != availWidth:
            source = self.lines if self._wrapped is None else [text for text, _ in self.printed()]
            self._wrapped = wrap_lines(source, availWidth - 2 * PAD)
            self._start = 0
            self._width = availWidth
        self.width = availWidth
        self.height = (len(self._wrapped) - self._start) * LEADING + 2 * PAD
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        self.wrap(availWidth, availHeight)
        left = len(self._wrapped) - self._start
        fit = int((availHeight - 2 * PAD) // LEADING)
        if fit >= left:
            return [self]
        fit = min(fit, left - MIN_LINES)  # the next page starts with a few lines at least
        if fit < MIN_LINES:
            return []
        start = self._start
        return [Listing([], _wrapped=self._wrapped[start:start + fit], _width=availWidth),
                Listing([], _wrapped=self._wrapped, _width=availWidth, _start=start + fit)]

    def work_units(self) -> int:
        """Layout work for the progress bar: a table row's worth per ten lines."""
        return max(1, (len(self._wrapped) - self._start if self._wrapped is not None else len(self.lines)) // 10)

    def start_height(self) -> float:
        """The least of the listing that may stand under its heading at a page end (see advisor.report.keep)."""
        return MIN_LINES * LEADING + 2 * PAD

    def draw(self):
        canv = self.canv
        face = fonts.mono()
        canv.saveState()
        canv.setFillColor(styles.ZEBRA)
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(0.4)
        canv.rect(0, 0, self.width, self.height, fill=1, stroke=1)
        text = canv.beginText(PAD, self.height - PAD - FONT_SIZE * 0.8)
        text.setFont(face, FONT_SIZE, LEADING)
        text.setFillColor(styles.INK)
        for line, continued in self.printed():
            if continued:
                text.setFillColor(styles.MUTED)
                _out(text, MARK, face)
                text.setFillColor(styles.INK)
            _out(text, line, face)
            text.textLine("")
        canv.drawText(text)
        canv.restoreState()


def _out(text, line: str, face: str) -> None:
    """One line's text at the cursor, switching font only for characters the mono font lacks."""
    if line.isascii() or face == fonts.SANS and not fonts.needs_fallback(line):
        text.textOut(line)
        return
    for font, chunk in fonts.mono_runs(line):
        text.setFont(font, FONT_SIZE, LEADING)
        text.textOut(chunk)
    text.setFont(face, FONT_SIZE, LEADING)


def line_width(line: str) -> float:
    return sum(stringWidth(chunk, font, FONT_SIZE) for font, chunk in fonts.mono_runs(line))


def wrap_lines(lines: list[str], width: float) -> list[tuple[str, bool]]:
    """(text, continued) per printed line: each line as it is when it fits `width`, else broken into pieces that
    do, every piece after the first marked as a continuation."""
    face = fonts.mono()
    char = stringWidth("M", face, FONT_SIZE) if face == fonts.MONO else None  # every ASCII glyph is this wide
    mark = line_width(MARK)
    out: list[tuple[str, bool]] = []
    for raw in lines:
        # a soft hyphen (a site's name in a comment) marks no break here, yet printed as a hyphen: 'Bahn-hof'
        line = fonts.unhyphenated(raw.expandtabs(8)).rstrip()
        ascii_mono = char is not None and line.isascii()
        if (len(line) * char if ascii_mono else line_width(line)) <= width:
            out.append((line, False))
            continue
        room, continued = width, False
        while line:
            cut = int(room // char) if ascii_mono else _fitting(line, room)
            if cut >= len(line):
                out.append((line, continued))
                break
            space = line.rfind(" ", 0, cut + 1)
            if space > cut // 2:  # break at a space when one is in the second half of the piece
                cut = space + 1
            out.append((line[:cut].rstrip(), continued))
            line = line[cut:]
            room, continued = width - mark, True
    return out


def _fitting(line: str, room: float) -> int:
    """How many characters of `line` fit in `room` points (at least one, so that wrapping always advances)."""
    used = 0.0
    for i, ch in enumerate(line):
        used += line_width(ch)
        if used > room:
            return max(1, i)
    return len(line)
