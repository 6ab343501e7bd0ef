"""The page machinery: cover and body templates, header/footer, numbered headings, a one-pass table of contents.

Page numbers in the contents and "Page n of N" are PDF form XObjects referenced on the page and defined when the
document is saved, so one layout pass suffices and the output stays deterministic.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from advisor.report import Cancelled, ReportError, dates, embed, fonts, keep, streams, styles
from advisor.report.paragraphs import Para
from advisor.report.word_breaks import CONTROLS
from advisor.shown_names import shows, without_explicit_marks

Progress = Callable[[float, str], "bool | None"]


class SectionHeading(Para):
    """A numbered level-1 heading; it starts the section's page and registers itself in the contents."""

    def __init__(self, number: int, title: str):
        self.number = number
        self.title = title
        super().__init__(f"{number}&nbsp;&nbsp;{fonts.markup(title)}", styles.sheet()["h1"])


class Contents(Flowable):
    """The table of contents: titles, dotted leaders and page numbers filled in when the document is saved."""

    LEADING = 20

    def __init__(self, titles: list[str]):
        super().__init__()
        self.titles = titles

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, self.LEADING * len(self.titles)

    def draw(self):
        canv = self.canv
        y = self.LEADING * len(self.titles) - 14
        for i, title in enumerate(self.titles, start=1):
            label = f"{i}   {title}"
            canv.setFont(fonts.SANS, 10.5)
            canv.setFillColor(styles.INK)
            canv.drawString(0, y, label)
            text_end = fonts.string_width(label, 10.5) + 6
            canv.setFillColor(styles.RULE)
            canv.setFont(fonts.SANS, 8)
            dots = "." * max(0, int((self.width - 34 - text_end) / pdfdots_width()))
            canv.drawString(text_end, y, dots)
            canv.saveState()
            canv.translate(self.width, y)
            canv.doForm(f"toc{i}")
            canv.restoreState()
            y -= self.LEADING


def pdfdots_width() -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(".", fonts.SANS, 8)


class ReportDoc(BaseDocTemplate):
    """Cover page without chrome, then body pages with the design name, the issued date and page numbers.

    `issued` is the PDF's creation date too; `date` (the design's free text) is printed in the footer only when
    there is no issued day."""

    def __init__(self, buffer, *, design_name: str, date: str | None, issued: datetime.date | None,
                 attachment, progress: Progress | None, total_flowables: int, section_count: int,
                 start_fraction: float = 0.2, author: str = ""):
        super().__init__(buffer, pagesize=styles.PAGE_SIZE, leftMargin=styles.MARGIN_LEFT,
                         rightMargin=styles.MARGIN_RIGHT, topMargin=styles.MARGIN_TOP,
                         bottomMargin=styles.MARGIN_BOTTOM, invariant=1, title=metadata_title(design_name),
                         keepTogetherClass=keep.KeepWithStart,
                         author=metadata_title(author) if shows(author) else "UC Design Advisor",
                         creator="UC Design Advisor", subject="UC design document")
        self.design_name = design_name
        self.date_text = dates.long_date(issued) if issued is not None else date or ""
        self._header: str | None = None  # the design name and the date as the page header and footer print them
        self._footer = ""
        self.section_pages: dict[int, int] = {}
        self._section = ""  # the section being laid out, "3 Sites", for an error message
        self._section_count = section_count
        self._attachment = attachment
        self._progress = progress
        self._total = max(1, total_flowables)
        self._done = 0
        self._last_reported = -1.0
        self._start = start_fraction
        self.written = 0  # the bytes of the file, once saved
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("cover", [frame], onPage=self._cover_page),
                               PageTemplate("body", [frame], onPage=self._body_page)])
        doc = self

        class _Canvas(Canvas):
            def __init__(self, *args, **kwargs):
                # Every page starts in DejaVu: reportlab's default Helvetica would be referenced but not embedded.
                kwargs["initialFontName"] = kwargs.get("initialFontName") or fonts.SANS
                dates.tolerate_epoch()
                super().__init__(*args, **kwargs)
                dates.stamp(self, issued)

            def showPage(self):  # noqa: N802 - reportlab's name
                super().showPage()
                streams.seal_last_page(self)  # compressed now, not all pages at once when saved

            def save(self):  # noqa: D401 - reportlab hook
                """reportlab's Canvas.save, the file written as it is formatted (advisor.report.streams.save)."""
                doc._finish(self)
                if self._code:
                    self.showPage()
                doc.written = streams.save(self._doc, self._filename, self)

        self.canvasmaker = _Canvas

    def build(self, flowables):  # noqa: D401 - reportlab API
        """Lay out and write the document; something too large for a page raises ReportError naming its section
        (reportlab's LayoutError names a flowable's internals)."""
        try:
            super().build(flowables, canvasmaker=self.canvasmaker)
        except LayoutError as exc:
            where = f"section {self._section}" if self._section else "the opening pages"
            raise ReportError(f"the design document cannot be laid out: a part of {where} is too large for a "
                              f"page (page {self.canv.getPageNumber()})") from exc

    def filterFlowables(self, flowables):  # noqa: N802 - reportlab's name
        """A section written late (advisor.report.deferred) is written when the layout reaches it, replaced by its
        flowables; the progress bar's total takes its layout work in place of the guess."""
        from advisor.report.builder import work_units
        from advisor.report.deferred import Deferred

        while flowables and isinstance(flowables[0], Deferred):
            late = flowables[0]
            part = late.expand()
            flowables[0:1] = part
            self._total = max(1, self._total - late.units + sum(work_units(f) for f in part))

    def afterFlowable(self, flowable):
        if isinstance(flowable, SectionHeading):
            page = self.canv.getPageNumber()
            self.section_pages[flowable.number] = page
            self._section = f"{flowable.number} ({flowable.title})"
            key = f"s{flowable.number}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(f"{flowable.number} {flowable.title}", key, level=0)
        from advisor.report.builder import work_units

        self._done += work_units(flowable)
        fraction = self._start + (0.97 - self._start) * self._done / self._total
        if self._progress is not None and fraction - self._last_reported >= 0.01:
            self._last_reported = fraction
            if self._progress(min(fraction, 0.97), f"Laying out page {self.canv.getPageNumber()}") is False:
                raise Cancelled("report cancelled")

    def _cover_page(self, canv, doc):
        canv.saveState()
        canv.setFillColor(styles.ACCENT)
        canv.rect(0, styles.PAGE_SIZE[1] - 16, styles.PAGE_SIZE[0], 16, stroke=0, fill=1)
        canv.restoreState()

    def _body_page(self, canv, doc):
        width, height = styles.PAGE_SIZE
        left, right = styles.MARGIN_LEFT, width - styles.MARGIN_RIGHT
        canv.saveState()
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(0.5)
        top = height - styles.MARGIN_TOP + 10
        canv.line(left, top, right, top)
        canv.setFont(fonts.SANS, 7.5)
        canv.setFillColor(styles.MUTED)
        title = "UC design document"
        if self._header is None:  # worked out once: the header is drawn on every page
            room = right - left - canv.stringWidth(title, fonts.SANS, 7.5) - 12
            self._header = _fit(self.design_name, 90, room, 7.5)
            self._footer = _fit(self.date_text, 40, right - left - 120 - 12, 7.5)
        _draw_runs(canv, left, top + 4, self._header, 7.5)
        canv.drawRightString(right, top + 4, title)
        bottom = styles.MARGIN_BOTTOM - 10
        canv.line(left, bottom, right, bottom)
        if self._footer:
            _draw_runs(canv, left, bottom - 10, self._footer, 7.5)
        canv.translate(right, bottom - 10)
        canv.doForm(f"page{canv.getPageNumber()}")
        canv.restoreState()

    def _finish(self, canv):
        """Define the forward-referenced forms (contents page numbers, "Page n of N") and attach the design."""
        from advisor.report import widths

        widths.forget()  # laid out: the widths of a large document's texts (tens of MB) go before it is saved
        pages = canv.getPageNumber() - 1
        for number in range(1, self._section_count + 1):
            _number_form(canv, f"toc{number}", str(self.section_pages.get(number, "")), 10.5, styles.INK)
        for page in range(2, pages + 1):
            _number_form(canv, f"page{page}", f"Page {page} of {pages}", 7.5, styles.MUTED)
        embed.attach(canv, self._attachment, description="UC Design Advisor design document source")


def metadata_title(name: str) -> str:
    """The design's name as the PDF's title: without direction overrides and embeddings. The pages print a name
    character by character, but a viewer lays out the title in its window and tab by the Unicode direction rules:
    a right-to-left override reversed it ("\u202eDesign" read "ngiseD") and could make it read as another name.
    On one line as the page header prints it (each run of spaces, tabs and line breaks one space) and without the
    controls that print nothing (`word_breaks.CONTROLS`): a title of two lines broke `pdfinfo`'s listing, and one with
    ESC '[31m' coloured the terminal that listed it; a NUL ends the title for a reader in C."""
    shown = " ".join(without_explicit_marks(name).translate(_NO_CONTROLS).split())
    return shown or name


_NO_CONTROLS = dict.fromkeys(CONTROLS)


def _number_form(canv, name: str, text: str, size: float, color) -> None:
    canv.beginForm(name, lowerx=-120, lowery=-4, upperx=0, uppery=size + 2)
    canv.setFont(fonts.SANS, size)
    canv.setFillColor(color)
    canv.drawRightString(0, 0, text)
    canv.endForm()


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fit(text: str, limit: int, width: float, size: float) -> str:
    """`text` on one line of at most `limit` characters within `width` points: each run of spaces, tabs and line
    breaks one space (drawn as they are, they printed as boxes), and cut with an ellipsis when longer or wider (90
    wide CJK characters ran under 'UC design document' and off the page)."""
    text = _clip(" ".join(fonts.unhyphenated(text).split()), limit)  # one line: no break for a soft hyphen to mark
    if fonts.string_width(text, size) <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with its ellipsis
    while low < high:
        mid = (low + high + 1) // 2
        if fonts.string_width(text[:mid].rstrip() + "…", size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"


def _draw_runs(canv, x: float, y: float, text: str, size: float, bold: bool = False) -> None:
    """Draw a string with per-run font switching (CJK fallback) on a raw canvas."""
    for font, chunk in fonts.runs(text):
        face = (fonts.SANS_BOLD if bold else fonts.SANS) if font == fonts.SANS else font
        canv.setFont(face, size)
        canv.drawString(x, y, chunk)
        x += canv.stringWidth(chunk, face, size)
