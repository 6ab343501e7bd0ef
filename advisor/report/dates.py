"""The document's date: the design's issued day, printed on the pages and written as the PDF's creation and
modification date. It comes from the design only, never from the clock, so one design and one day build the same
bytes anywhere (reportlab's own time stamp, even SOURCE_DATE_EPOCH, is replaced)."""

from __future__ import annotations

import datetime
import hashlib
import time

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # not strftime's %B: the locale must not change the document


def long_date(day: datetime.date) -> str:
    """"1 March 2026": day, month in words, year, readable in any country."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def pdf_date(day: datetime.date) -> str:
    """The PDF date string for midnight UTC of the day: "D:20260301000000+00'00'"."""
    return f"D:{day.year:04d}{day.month:02d}{day.day:02d}000000+00'00'"


def stamp(canvas, issued: datetime.date | None) -> None:
    """Give a fresh reportlab canvas the issued day: the document information dictionary's CreationDate and
    ModDate (none when the design has no issued day), and a file identifier that depends on it, not on the time
    reportlab read."""
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFName, PDFString

    class _Info(PDFInfo):
        def format(self, document):
            entries = {"Title": PDFString(self.title), "Author": PDFString(self.author),
                       "Producer": PDFString(self.producer), "Creator": PDFString(self.creator),
                       "Subject": PDFString(self.subject), "Keywords": PDFString(self.keywords),
                       "Trapped": PDFName(self.trapped)}
            if issued is not None:
                entries["CreationDate"] = entries["ModDate"] = PDFString(pdf_date(issued))
            return PDFDictionary(entries).format(document)

    doc = canvas._doc  # reportlab has no public API for either; its PDFDocument has kept these names since 2.x
    info = _Info()
    info.__dict__.update(doc.info.__dict__)
    doc.info = info
    signature = hashlib.md5(b"a reportlab document", usedforsecurity=False)
    signature.update((issued.isoformat() if issued is not None else "undated").encode("ascii"))
    doc.signature = signature


def tolerate_epoch() -> None:
    """Let reportlab start a document whatever SOURCE_DATE_EPOCH holds (build systems set it): a value that is no
    whole number of seconds ('abc', '1e10') or one beyond the system's clock ('99999999999999999999') ended every
    PDF, the design document and the exercise sheets alike, in "unexpected internal error (ValueError: invalid
    literal for int() …)". Such a value is passed over, as for the invariant documents reportlab makes without
    one (1 January 2000); the design document writes its issued day in its place anyway (`stamp`)."""
    from reportlab.pdfbase import pdfdoc

    base = pdfdoc.TimeStamp
    if getattr(base, "tolerant", False):
        return

    class TolerantTimeStamp(base):
        tolerant = True

        def __init__(self, invariant=None):
            try:
                super().__init__(invariant)
            except (ValueError, OverflowError, OSError):
                self.t, self.tzname, self.dhh, self.dmm = 946684800.0, "UTC", 0, 0
                self.lt = time.gmtime(self.t)
                self.YMDhms = tuple(self.lt)[:6]

    pdfdoc.TimeStamp = TolerantTimeStamp
